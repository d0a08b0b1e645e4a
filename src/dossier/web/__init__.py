"""The read-only web UI: ``dossier serve --db news.db`` (standard library only)."""
from __future__ import annotations

from .app import App, make_app, serve

__all__ = ["App", "make_app", "serve"]
