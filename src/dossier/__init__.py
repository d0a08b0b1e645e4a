"""dossier: a sourced, queryable record of who did what to whom, from raw news pages."""
from __future__ import annotations

import logging

from .model import Actor, Claim, Document, Event, Quote
from .pipeline import Options, extract, process

__version__ = "0.1.0"
__all__ = ["Actor", "Claim", "Document", "Event", "Options", "Quote", "Store", "extract", "process",
           "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    if name == "Store":  # the store imports sqlite3 and the CLI-facing helpers: load on use
        from .store import Store
        return Store
    raise AttributeError(name)
