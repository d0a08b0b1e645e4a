"""Tiny HTML helpers: escaping by default, a page layout, tables, forms.

Everything that comes from a document is untrusted. ``h()`` escapes a value and returns
:class:`Markup`; helpers that take cells escape anything that is not already ``Markup``, so
forgetting to escape shows tags as text instead of running them.
"""
from __future__ import annotations

import html
import json
from typing import Any, Iterable
from urllib.parse import urlencode


class Markup(str):
    """A string that is already safe HTML."""

    __slots__ = ()

    def __add__(self, other: Any) -> "Markup":
        return Markup(str.__add__(self, h(other)))

    def __radd__(self, other: Any) -> "Markup":
        return Markup(str.__add__(h(other), self))


def h(value: Any) -> Markup:
    """Escape ``value`` for HTML text and attribute values (``None`` -> empty)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, float):
        value = f"{value:g}"
    elif isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    return Markup(html.escape(str(value), quote=True))


def join(parts: Iterable[Any], sep: str = "") -> Markup:
    return Markup(h(sep).join(h(p) for p in parts))


def tag(name: str, content: Any = "", **attrs: Any) -> Markup:
    """``tag("a", "text", href="/x", class_="y")``: attribute names lose a trailing ``_``."""
    at = "".join(f' {k.rstrip("_").replace("_", "-")}="{h(v)}"' for k, v in attrs.items()
                 if v is not None and v is not False)
    return Markup(f"<{name}{at}>{h(content)}</{name}>")


def link(href: str, text: Any, **attrs: Any) -> Markup:
    return tag("a", text, href=href, **attrs)


def url(path: str, params: dict[str, Any] | None = None) -> str:
    params = {k: v for k, v in (params or {}).items() if v not in (None, "", False)}
    return path + ("?" + urlencode(params) if params else "")


def safe_href(value: str | None) -> str | None:
    """Only http(s) URLs from documents become links (no ``javascript:``)."""
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def table(columns: list[str], rows: Iterable[Iterable[Any]], cls: str = "grid",
          empty: str = "Nothing here.") -> Markup:
    rows = list(rows)
    if not rows:
        return tag("p", empty, class_="empty")
    head = "".join(f"<th>{h(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{h(c)}</td>" for c in r) + "</tr>" for r in rows)
    return Markup(f'<div class="scroll"><table class="{h(cls)}"><thead><tr>{head}</tr></thead>'
                  f"<tbody>{body}</tbody></table></div>")


def dl(items: Iterable[tuple[str, Any]]) -> Markup:
    return Markup('<dl class="meta">' + "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in items)
                  + "</dl>")


def field(name: str, label: str, value: Any = "", placeholder: str = "", size: int = 10) -> Markup:
    return Markup(f'<label>{h(label)} <input type="text" name="{h(name)}" value="{h(value)}" '
                  f'placeholder="{h(placeholder)}" size="{size}"></label>')


def select(name: str, label: str, options: Iterable[str], value: Any = "") -> Markup:
    opts = ['<option value="">any</option>'] + [
        f'<option value="{h(o)}"{" selected" if o == value else ""}>{h(o)}</option>' for o in options]
    return Markup(f'<label>{h(label)} <select name="{h(name)}">{"".join(opts)}</select></label>')


def form(action: str, fields: Iterable[Markup], extra: Any = "") -> Markup:
    return Markup(f'<form class="filters" method="get" action="{h(action)}">{join(fields)}'
                  f'<button type="submit">Filter</button> <a href="{h(action)}">reset</a>{h(extra)}</form>')


NAV = [("/", "Overview"), ("/events", "Events"), ("/facts", "Facts"), ("/timeline", "Timeline"),
       ("/actors", "Actors"), ("/network", "Network"), ("/claims", "Claims")]


ON = ' class="on"'


def layout(title: Any, body: Any, active: str = "", q: str = "") -> str:
    nav = "".join(f'<a href="{p}"{ON if p == active else ""}>{label}</a>' for p, label in NAV)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{h(title)} · dossier</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/style.css"></head><body>'
        f'<header><a class="brand" href="/">dossier</a><nav>{nav}</nav>'
        f'<form class="search" method="get" action="/search"><input type="search" name="q" value="{h(q)}" '
        'placeholder="full-text search" aria-label="search"></form></header>'
        f"<main><h1>{h(title)}</h1>{h(body)}</main>"
        '<footer>read-only view of the store · every coded field links to its sentence</footer>'
        "</body></html>"
    )


# -- small formatters shared by the pages -------------------------------------------------------
def who(actor: dict | None) -> Markup:
    if not actor:
        return Markup('<span class="none">—</span>')
    name = actor.get("name") or actor.get("actor") or "?"
    code = actor.get("code") or actor.get("country")
    return Markup(h(name) + (Markup(f' <span class="code">{h(code)}</span>') if code else ""))


def who_text(actor: dict | None) -> str:
    if not actor:
        return "—"
    code = actor.get("code") or actor.get("country")
    return f"{actor.get('name') or actor.get('actor') or '?'}" + (f" [{code}]" if code else "")


def date_cell(date: dict | None) -> Markup:
    date = date or {}
    value = date.get("value")
    if not value:
        return Markup('<span class="none">undated</span>')
    prec = date.get("precision") or "unknown"
    return Markup(f'{h(value)} <span class="prec">{h(prec)}</span>')


def status_badge(status: str | None) -> Markup:
    status = status or "fact"
    return Markup(f'<span class="st st-{h(status)}">{h(status)}</span>')


def goldstein_cell(value: Any) -> Markup:
    if value is None:
        return Markup("")
    try:
        v = float(value)
    except (TypeError, ValueError):
        return h(value)
    cls = "neg" if v < 0 else "pos" if v > 0 else "zero"
    return Markup(f'<span class="{cls}">{v:+.1f}</span>')


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def doc_href(doc_id: str, sentence: Any = None) -> str:
    from urllib.parse import quote
    base = "/doc/" + quote(str(doc_id), safe="")
    if isinstance(sentence, int) and sentence >= 0:
        return f"{base}#s{sentence}"
    return base
