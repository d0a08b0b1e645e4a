"""Turn classified blocks (+ HTML metadata) into Document fields, each with its evidence."""
from __future__ import annotations

from ..model import Document, Published, Removed
from . import meta as M
from .blocks import Block
from .patterns import agency_of

_PREC_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def assemble(doc: Document, blocks: list[Block], page, max_removed: int = 2000) -> None:
    given = set(doc.metadata.get("given", []) or [])
    md = doc.metadata
    kept = [b for b in blocks if b.keep]
    doc.body = "\n\n".join(b.text for b in kept)
    doc.removed = [Removed(text=_trim(b.text, max_removed), kind=b.kind or "other")
                   for b in blocks if not b.keep]
    first_kept = kept[0].index if kept else len(blocks)
    last_kept = kept[-1].index if kept else -1
    ev: dict[str, str] = {}

    # title
    title_b = next((b for b in blocks if b.info.get("title")), None)
    title = (page.title if page is not None and page.title else None) or (title_b.text if title_b else None)
    if title and "title" not in given:
        doc.title = title
        ev["title"] = "html" if page is not None and page.title else "headline line before the article"
    if any(b.info.get("standfirst") for b in kept):
        md["standfirst"] = next(b.text for b in kept if b.info.get("standfirst"))

    # byline: html author, byline lines, names at the end of a teaser before the article
    names: list[str] = []
    if page is not None and page.author:
        names = [n.strip() for n in page.author.replace(";", ",").split(",") if n.strip()]
        ev["byline"] = "html"
    agency_cands: list[tuple[str, str]] = []
    for b in blocks:
        if names:
            break
        if b.keep or not (b.kind == "byline" or (b.index < first_kept and b.kind in
                                                 ("duplicate", "title", "headline-list", "date", "navigation"))):
            continue
        found = M.parse_byline(b.text)
        if found:
            names, ev["byline"] = found, b.text[:200]
            ag = M.agency_in(b.text)
            if ag:
                agency_cands.append((ag, f"byline: {b.text[:120]}"))
    if names and "byline" not in given:
        doc.byline = names

    # dateline
    dl = None
    for b in kept[:3]:
        dl = M.parse_dateline(b.text)
        if dl:
            break
    if dl and "dateline" not in given:
        doc.dateline = dl["place"]
        md["dateline_evidence"] = dl["evidence"]
        if dl.get("region"):
            md["dateline_region"] = dl["region"]
        if dl.get("source") and not dl.get("agency"):
            md["dateline_source"] = dl["source"]
    if dl and dl.get("agency"):
        agency_cands.insert(0, (dl["agency"], f"dateline: {dl['evidence']}"))

    # copyright, signatures, author box, sign-off
    cr = None
    for b in blocks:
        if b.kind == "copyright" and cr is None:
            cr = M.parse_copyright(b.text)
            if cr:
                md["copyright"] = b.text[:200]
                if cr.get("agency"):
                    agency_cands.append((cr["agency"], f"copyright: {b.text[:120]}"))
        elif b.kind == "signature":
            for role, who in M.parse_signature(b.text).items():
                md.setdefault(role, []).append(who)
        elif b.kind == "author" and b.index + 1 < len(blocks):
            nxt = blocks[b.index + 1]
            if not nxt.keep and nxt.words <= 4 and agency_of(nxt.text.strip(" :.")):
                agency_cands.append((agency_of(nxt.text.strip(" :.")), f"author box: {nxt.text}"))
    if kept:
        tail = kept[-1].text[-40:]
        if tail.rstrip().endswith(")") or "—" in tail or " - " in tail:
            ag = _signoff_agency(tail)
            if ag:
                agency_cands.append((ag, f"sign-off: {tail.strip()}"))
    if agency_cands and "agency" not in given:
        doc.agency, ev["agency"] = agency_cands[0]

    # outlet and url
    if "outlet" not in given and not doc.outlet:
        if page is not None and page.sitename:
            doc.outlet, ev["outlet"] = page.sitename, "html"
        elif cr and cr.get("owner") and not cr.get("agency") and len(cr["owner"].split()) <= 5:
            doc.outlet, ev["outlet"] = cr["owner"], f"copyright: {md.get('copyright')}"
    if "url" not in given and not doc.url and page is not None and page.url:
        doc.url = page.url

    # publication date
    if "published" not in given:
        pub = _published(blocks, kept, first_kept, last_kept, page, dl, cr)
        if pub is not None:
            doc.published = pub
    if page is not None:
        md["extraction"] = page.method
        if page.notes:
            md["extraction_notes"] = page.notes
    if ev:
        md["evidence"] = ev


def _published(blocks, kept, first_kept, last_kept, page, dl, cr) -> Published | None:
    if page is not None and page.date:
        value = page.date[:10]
        return Published(value=value, precision="day" if len(value) == 10 else "month",
                         evidence="html metadata (trafilatura/htmldate)")
    best = None
    for b in blocks:
        # date lines near the article only; a weather/clock line is the page's render time
        if b.kind not in ("date", "byline") or b.index < first_kept - 12 or b.index > last_kept + 12:
            continue
        found = M.find_date(b.text)
        if not found:
            continue
        cue = M.published_cue(b.text) or ""
        rank = (0 if cue in ("updated", "last updated") else 1, _PREC_RANK[found[1]], -abs(b.index - first_kept))
        if best is None or rank > best[0]:
            best = (rank, Published(value=found[0], precision=found[1], evidence=f"date line: {b.text[:120]}"))
    if best:
        return best[1]
    if dl and dl.get("date"):
        found = M.find_date(dl["date"])
        if found:
            return Published(value=found[0], precision=found[1], evidence=f"dateline: {dl['evidence']}")
    if cr and cr.get("year"):
        return Published(value=cr["year"], precision="year", evidence=f"copyright: {cr['evidence'][:120]}")
    return None


def _signoff_agency(tail: str) -> str | None:
    import re
    m = re.search(r"(?:[—–-]\s*|\()([A-Z][\w .-]{1,30}?)\)?\s*\.?$", tail)
    return agency_of(m.group(1).strip()) if m else None


def _trim(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
