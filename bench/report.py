"""Helpers the bench scripts share for writing their results files."""
from __future__ import annotations

from pathlib import Path


def kept_section(path: Path, heading: str) -> str:
    """The hand-kept part of an earlier results file, from ``heading`` on (notes, history), so that a
    re-run replaces the generated figures but keeps it; "" when the file or the heading is missing."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    at = text.find(heading)
    return "\n" + text[at:] if at >= 0 else ""
