"""Stage "actors": resolve every actor of a document (issue #3).

``annotate(doc, options)`` fills ``doc.actors`` (ids A1, A2, ... in order of first mention), each with
all its mentions (char offsets into ``doc.body``, sentence index, the rule that linked it), a
CAMEO-style ``code`` (country + PLOVER sector) and the ``evidence`` behind it; relations stated in
the text go to ``doc.metadata["relations"]``. ``load_kb(extra_files)`` gives the knowledge base.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from .. import nlp as _nlp
from ..model import Actor, Document, Mention
from .collect import (find_collectives, find_halves, find_org_nominals, find_parties, find_people,
                      find_state_nominals)
from .coref import context_bodies, context_countries, datelines_of, located_groups, owned_groups, placed_groups, pronouns, relations, story_groups
from .kb import KB, Entry, code_of, load_kb, norm
from .matcher import get_matcher
from .mentions import LOC_PREPS, Cand, span_cand
from .places import GENERIC, gazetteer
from .titles import Context

__all__ = ["annotate", "load_kb", "KB", "Entry"]

LOC_LABELS = {"LOC", "GPE", "FAC"}
ORG_LABELS = {"ORG"}


def annotate(doc: Document, options: Any = None) -> Document:
    files = tuple(getattr(options, "actors_files", ()) or ())
    pipeline = getattr(options, "pipeline", None)
    if doc.nlp is None:
        _nlp.segment([doc], pipeline)
    sp = doc.nlp
    if sp is None:
        return doc
    kb = load_kb(files)
    matcher = get_matcher(_nlp.load(pipeline), kb)
    ctx = Context(sp, matcher.hits(sp), kb)
    people = find_people(ctx, kb)
    coll = find_collectives(ctx, kb, people) + find_halves(ctx, kb)
    parties, party_names = find_parties(ctx, coll)
    if parties:  # "Ennahda said": the party named before, not a person; "the Bangladesh Nationalist Party":
        spans = [c.tok for c in parties]  # not the state either
        people = [p for p in people if norm(p.name) not in party_names
                  and not any(s <= p.tok[0] < e for s, e in spans)]
        coll = [c for c in coll if not any(s <= c.tok[0] and c.tok[1] <= e for s, e in spans)]
    cands = [c for c in people + coll + parties if not _inside_consumed(ctx, c)]
    cands += find_org_nominals(ctx, cands)
    cands += find_state_nominals(ctx, cands)
    cands += _places(ctx, cands)
    cands.sort(key=lambda c: (c.start, -c.end))
    datelines = datelines_of(doc, cands)  # (the dateline decided once, on the names as found)
    context_countries(doc, cands, kb, datelines)
    context_bodies(doc, cands, datelines)
    located_groups(ctx, cands)
    owned_groups(ctx, doc, cands)
    placed_groups(doc, kb, cands)
    story_groups(doc, kb, cands, datelines)
    cands += pronouns(ctx, doc, cands)
    rels = relations(ctx, doc, cands)
    doc.actors, ids = _build(doc, kb, cands)
    _apply_relations(doc, rels, ids)
    return doc


def _inside_consumed(ctx: Context, c: Cand) -> bool:
    s, e = c.tok
    return c.kind in ("state", "group") and c.rule not in ("title", "apposition") and \
        any(cs <= s and e <= ce for cs, ce in ctx.consumed)


def _places(ctx: Context, cands: list[Cand]) -> list[Cand]:
    """Toponyms: capitals/seats used as places, NER locations, capitalised words after "in"/"near"."""
    sp = ctx.doc
    spans = list(ctx.places)
    covered = set()
    for c in cands:
        covered.update(range(*c.tok))
    for ent in sp.ents:
        if ent.label_ not in LOC_LABELS:
            continue
        e = ent.start
        while e < ent.end and (sp[e].text[:1].isupper() or sp[e].lower_ in ("of", "-", "al", "el")):
            e += 1  # NER spans can run on ("Tehran where ..."): keep the capitalised part
        if e > ent.start and not any(i in covered or ctx.hit_at[i] is not None for i in range(ent.start, e)):
            spans.append((ent.start, e, None))
    # capitalised words after "in"/"near" that NER missed (or there is no NER): well-known towns only
    taken = {i for s, e, _ in spans for i in range(s, e)}
    words, n = ctx.text, len(ctx.text)

    def free(i: int) -> bool:
        return (words[i][:1].isupper() and words[i].isalpha() and ctx.hit_at[i] is None and i not in covered
                and i not in taken and i not in ctx.person_at)

    for i in range(1, n):
        if ctx.lower[i - 1] in LOC_PREPS and free(i):
            e = i + 1
            while e < n and free(e):
                e += 1
            spans.append((i, e, "?"))
    # "the Donetsk and Luhansk regions", "Helmand province": names before a generic word, NER or not
    generic_of: dict[tuple[int, int], str] = {}
    if any(ctx.lower[i] in GENERIC for i in range(1, n)):
        blocked = covered | {i for i in range(n) if ctx.hit_at[i] is not None}
        for s, e, word in _division_names(sp, gazetteer(), blocked):
            spans = [x for x in spans if x[1] <= s or x[0] >= e + (word == "")]
            spans.append((s, e, None))
            generic_of[(s, e)] = word
    if not spans:
        return []
    countries = Counter(c.country for c in cands if c.kind == "state" and c.country)
    gaz = gazetteer()
    out = []
    for s, e, hint in sorted(spans):
        query = None
        if e < len(sp) and sp[e].lower_ in GENERIC and e not in covered and gaz.admin1_candidates(sp[s:e + 1].text)[0]:
            e += 1  # "Anbar province", "the Donetsk region": the division, not the town of the same name
        elif generic_of.get((s, e)):
            query = f"{sp[s:e].text} {generic_of[(s, e)]}"  # "Donetsk" of "the Donetsk and Luhansk regions"
        text = sp[s:e].text
        if hint == "?":  # a guess without NER: only well-known towns
            recs = [r for r, _ in gaz.candidates(text) if r["population"] >= 100000 or r["type"] != "city"]
            if not recs:
                continue
            hint = None
        geo = gaz.geocode(query or text, countries, country_hint=hint)
        if geo is None:
            continue
        ref = f"geonames:{geo['geonameid']}" if geo["geonameid"] else f"admin1:{geo['country']}:{geo['name']}"
        c = span_cand(ctx, s, e, key=("place", ref), kind="place", name=text, rule="gazetteer",
                      country=geo["country"], evidence=[ref])
        c.geo = geo
        out.append(c)
    return out


_PLURAL_GENERIC = {"provinces": "province", "governorates": "governorate", "regions": "region",
                   "oblasts": "oblast", "states": "state", "districts": "district", "departments": "department"}
_LIST_JOINERS = frozenset((",", "and", "or", "&"))


def _division_names(sp, gaz, blocked: set[int]) -> list[tuple[int, int, str]]:
    """Division names before a generic word, as (start, end, singular generic word to look them up
    with): "Helmand province" gives Helmand with "" (the word follows it); "Nineveh, Salahuddin and
    Anbar provinces" gives all three, the first two with "province". Every name of a list must be a
    known division, and a list stops at the first name that is not."""
    out = []
    for g in range(1, len(sp)):
        low = sp[g].lower_
        if low not in GENERIC:
            continue
        single = _PLURAL_GENERIC.get(low, low)
        e, word = g, ""
        while True:
            s = e
            while s > 0 and s - 1 not in blocked and (
                    sp[s - 1].text[:1].isupper() and sp[s - 1].is_alpha
                    or s - 1 > 0 and sp[s - 1].text in ("-", "al", "el") and sp[s - 2].text[:1].isupper()):
                s -= 1
            if s == e or s in blocked or not gaz.admin1_candidates(f"{sp[s:e].text} {single}")[0]:
                break
            out.append((s, e, word))
            if low not in _PLURAL_GENERIC:
                break  # "Helmand and Kandahar province" is not a list of provinces
            j = s
            while j > 0 and sp[j - 1].text.lower() in _LIST_JOINERS:
                j -= 1
            if j == s:
                break
            e, word = j, single
    return out


def _build(doc: Document, kb: KB, cands: list[Cand]) -> tuple[list[Actor], dict]:
    groups: dict[Any, list[Cand]] = {}
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        groups.setdefault(c.key, []).append(c)
    order = sorted(groups, key=lambda k: groups[k][0].start)
    actors, ids = [], {}
    for n, key in enumerate(order, 1):
        cs = groups[key]
        best = max(cs, key=lambda c: (c.info, c.end - c.start, -c.start))
        named = [c for c in cs if c.rule not in ("pronoun", "nominal")] or cs
        name = max(named, key=lambda c: (c.kind != "person" or True) and len(c.name)).name \
            if best.kind == "person" else (best.name if best.rule not in ("pronoun", "nominal") else named[0].name)
        country = best.country or next((c.country for c in cs if c.country), None)
        sector = best.sector or next((c.sector for c in cs if c.sector), None)
        attrs, evidence = [], []
        for c in cs:
            attrs += [a for a in c.attributes if a not in attrs]
            evidence += [e for e in c.evidence if e not in evidence]
        seen = set()
        mentions = []
        for c in cs:
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            mentions.append(Mention(c.start, c.end, doc.body[c.start:c.end], _nlp.sentence_index(doc, c.start),
                                    c.rule))
        a = Actor(id=f"A{n}", name=name, kind=best.kind, country=country, sector=sector,
                  code=code_of(country, sector), attributes=attrs, mentions=mentions, evidence=evidence,
                  part_of=next((c.part_of for c in cs if c.part_of), None),
                  geo=next((c.geo for c in cs if c.geo), None))
        actors.append(a)
        ids[key] = a.id
    by_kb = {k[1]: ids[k] for k in ids if k[0] == "kb"}
    for a in actors:  # part_of: the parent's actor id when it is in the document
        if a.part_of and a.part_of in by_kb:
            a.part_of = by_kb[a.part_of]
    return actors, ids


def _apply_relations(doc: Document, rels: list[dict], ids: dict) -> None:
    out = []
    for r in rels:
        child, parent = ids.get(r["child"]), ids.get(r["parent"])
        if not child or not parent:
            continue
        d = {"child": child, "parent": parent, "relation": r["relation"], "evidence": r["evidence"]}
        out.append(d)
        a = doc.actor(child)
        if r["relation"] == "part_of" and a is not None:
            ev = f"text:{r['evidence']['text']} (sentence {r['evidence']['sentence']})"
            if a.part_of is None:
                a.part_of = parent
            if ev not in a.evidence:
                a.evidence.append(ev)
    if out:
        doc.metadata["relations"] = out
