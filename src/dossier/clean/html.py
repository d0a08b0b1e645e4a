"""HTML pages: trafilatura finds the article and its metadata; a linear tag stripper is the
fallback when it fails (malformed or pathologically nested markup)."""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field

MAX_HTML_CHARS = 24_000_000
MAX_TAGS = 400_000  # more elements than this is not a news page: skip the DOM, strip tags
_TAG = re.compile(r"<[^<>]{0,4000}>")
_DROP = re.compile(r"<(script|style|noscript|template|svg|head)\b[^>]{0,4000}>.*?</\1\s*>", re.I | re.S)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]{0,2000}>(.{0,3000}?)</figcaption\s*>", re.I | re.S)
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|td|th|section|article|header|footer|nav|aside|"
                        r"blockquote|figure|figcaption|ul|ol|table|main|form|dd|dt|pre|hr)\b[^<>]{0,4000}>", re.I)


@dataclass(slots=True)
class HtmlResult:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    description: str | None = None
    captions: list[str] = field(default_factory=list)  # <figcaption> texts: not article prose
    method: str = "trafilatura"
    notes: list[str] = field(default_factory=list)


def extract(html: str) -> HtmlResult:
    """Main text and metadata of an HTML page. Raises ValueError for input that is not a page."""
    if len(html) > MAX_HTML_CHARS:
        raise ValueError(f"HTML too large to clean ({len(html)} characters > {MAX_HTML_CHARS})")
    n_tags = html.count("<")
    if n_tags > MAX_TAGS:
        return HtmlResult(text=strip_tags(html), method="strip-tags",
                          notes=[f"{n_tags} tags: too many for a DOM, tags stripped instead"])
    try:
        import trafilatura
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=False, favor_recall=True, deduplicate=False,
            # dates from the page's markup only: a year guessed from a footer is not a day
            date_extraction_params={"extensive_search": False, "original_date": True})
    except (RecursionError, MemoryError) as exc:
        return HtmlResult(text=strip_tags(html), method="strip-tags",
                          notes=[f"trafilatura failed ({type(exc).__name__}); tags stripped instead"])
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        return HtmlResult(text=strip_tags(html), method="strip-tags",
                          notes=[f"trafilatura failed ({type(exc).__name__}: {exc}); tags stripped instead"])
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        return HtmlResult(text=strip_tags(html), method="strip-tags",
                          notes=["trafilatura found no main text; tags stripped instead"])
    return HtmlResult(text=doc.text or "", title=doc.title, author=doc.author, date=doc.date,
                      sitename=doc.sitename, url=doc.url, description=doc.description,
                      captions=captions(html))


def captions(html: str) -> list[str]:
    """Texts of <figcaption> elements (trafilatura keeps them in the main text)."""
    out = []
    for m in _FIGCAPTION.finditer(html):
        text = " ".join(_html.unescape(_TAG.sub(" ", m.group(1))).split())
        if len(text.split()) >= 4:
            out.append(text)
        if len(out) >= 200:
            break
    return out


def strip_tags(html: str) -> str:
    """All visible text, block elements on their own lines (linear; never builds a tree)."""
    text = _DROP.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    return _BLANKS.sub("\n\n", _html.unescape(text))
