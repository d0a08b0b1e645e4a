"""Where the bundled example articles are: the ``dossier.examples`` package data when installed
from a wheel, the repository's ``examples/`` folder in a source checkout."""
from __future__ import annotations

from pathlib import Path


def examples_dir() -> Path:
    try:
        import dossier.examples as pkg  # mapped to examples/ by pyproject's package-dir
        return Path(list(pkg.__path__)[0])
    except ImportError:
        pass
    here = Path(__file__).resolve().parent
    for cand in (here / "examples", here.parent.parent / "examples"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("the bundled example articles are missing from this installation")
