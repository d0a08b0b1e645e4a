"""The clean article as HTML with its evidence marked: sentences, actor mentions, event triggers, quotes.

Spans come from character offsets into the body. They may nest or cross (a trigger inside a quote,
two mentions over the same words), so the body is cut at every span boundary and each piece is
wrapped once with the classes and hover text of every span that covers it. Bad offsets (outside
the body, empty) are dropped rather than trusted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .html import Markup, h, who_text

COLORS = 8


@dataclass(slots=True)
class Ann:
    start: int
    end: int
    cls: str
    title: str
    anchor: str | None = None


def event_title(e: dict[str, Any]) -> str:
    lines = [f"{e.get('cameo') or '?'} {e.get('cameo_name') or ''}".strip()
             + (f" · {e['plover']}" if e.get("plover") else ""),
             f"{who_text(e.get('source'))} → {who_text(e.get('target'))}",
             f"status: {e.get('status') or 'fact'}"
             + (f" (asserted by {(e.get('asserted_by') or {}).get('name')})" if e.get("asserted_by") else "")]
    date = e.get("date") or {}
    if date.get("value"):
        lines.append(f"date: {date['value']} ({date.get('precision') or 'unknown'})")
    if e.get("goldstein") is not None:
        lines.append(f"goldstein: {e['goldstein']}")
    lines.append(f"rule: {e.get('rule') or '—'} · event {e.get('id')}")
    return "\n".join(lines)


def annotations(d: dict[str, Any]) -> list[Ann]:
    anns: list[Ann] = []
    for i, a in enumerate(d.get("actors") or []):
        desc = f"{who_text(a)} ({a.get('kind') or '?'})"
        for m in a.get("mentions") or []:
            anns.append(Ann(m.get("start", -1), m.get("end", -1), f"m m{i % COLORS}",
                            f"actor {a.get('id')}: {desc}\nrule: {m.get('rule') or '—'}"))
    for q in d.get("quotes") or []:
        c = q.get("content") or {}
        anns.append(Ann(c.get("start", -1), c.get("end", -1), "qt",
                        f"quote {q.get('id')} ({q.get('kind')}) · speaker: {who_text(q.get('speaker'))}"))
        cue = q.get("cue") or {}
        anns.append(Ann(cue.get("start", -1), cue.get("end", -1), "cue", f"quote cue of {q.get('id')}"))
    for e in d.get("events") or []:
        t = e.get("trigger") or {}
        quad = e.get("quad_class")
        cls = "ev" + (f" q{quad}" if quad in (1, 2, 3, 4) else "")
        if (e.get("status") or "fact") != "fact":
            cls += " nf"
        anns.append(Ann(t.get("start", -1), t.get("end", -1), cls, event_title(e), f"t-{e.get('id')}"))
    return anns


def render_body(d: dict[str, Any]) -> Markup:
    body: str = d.get("body") or ""
    n = len(body)
    anns = []
    for a in annotations(d):
        if isinstance(a.start, int) and isinstance(a.end, int):
            a.start, a.end = max(0, a.start), min(n, a.end)
            if a.start < a.end:
                anns.append(a)
    sents = []
    for i, s in enumerate(d.get("sentences") or []):
        st, en = max(0, int(s.get("start", 0))), min(n, int(s.get("end", 0)))
        if st < en and (not sents or st >= sents[-1][1]):  # sentences never overlap; skip if they do
            sents.append((st, en, i))
    cuts = {0, n}
    for a in anns:
        cuts.update((a.start, a.end))
    for st, en, _ in sents:
        cuts.update((st, en))
    cuts = sorted(cuts)
    used_anchors: set[str] = set()
    out: list[str] = []
    si = 0  # next sentence to consider
    open_sent = None
    for lo, hi in zip(cuts, cuts[1:]):
        if open_sent is not None and lo >= open_sent:
            out.append("</span>")
            open_sent = None
        while si < len(sents) and sents[si][1] <= lo:
            si += 1
        if open_sent is None and si < len(sents) and sents[si][0] == lo:
            st, en, idx = sents[si]
            out.append(f'<span class="sent" id="s{idx}"><a class="sn" href="#s{idx}" '
                       f'title="sentence {idx}">{idx}</a>')
            open_sent = en
        text = h(body[lo:hi])
        cover = [a for a in anns if a.start <= lo and a.end >= hi]
        if not cover:
            out.append(text)
            continue
        classes = " ".join(dict.fromkeys(c for a in cover for c in a.cls.split()))
        title = "\n\n".join(a.title for a in cover)
        anchor = next((a.anchor for a in cover if a.anchor and a.start == lo and a.anchor not in used_anchors),
                      None)
        if anchor:
            used_anchors.add(anchor)
        ida = f' id="{h(anchor)}"' if anchor else ""
        out.append(f'<span class="{h(classes)}" title="{h(title)}"{ida}>{text}</span>')
    if open_sent is not None:
        out.append("</span>")
    return Markup('<div class="article">' + "".join(out) + "</div>")
