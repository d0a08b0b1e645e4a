"""Training-time callback for stage 2 (`spacy train ... --code training/stage2_callbacks.py`).

spaCy 3.8's EditTreeLemmatizer (trainable_lemmatizer) does not rebuild its tree->label
map in from_disk(), so a lemmatizer *sourced* from a checkpoint maps every gold lemma to
label 0 in get_loss() and further training destroys it (dev lemma acc 0.96 -> 0.77 in
400 steps). This after_init callback rebuilds the map. It is not needed at runtime
(prediction uses cfg["labels"]); package_pipeline.py removes it from the shipped config.
"""
from spacy.util import registry


@registry.callbacks("dossier.rebuild_lemmatizer_labels.v1")
def make_rebuild_lemmatizer_labels():
    def after_init(nlp):
        # nlp.components, not nlp.pipeline: spaCy runs after_init while sourced components
        # are disabled (they are resumed, not initialised)
        for _name, pipe in nlp.components:
            if hasattr(pipe, "tree2label") and hasattr(pipe, "cfg") and pipe.cfg.get("labels"):
                pipe.tree2label.clear()
                for label, tree in enumerate(pipe.cfg["labels"]):
                    pipe.tree2label[tree] = label
        return nlp

    return after_init
