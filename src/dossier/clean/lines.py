"""The line/paragraph classifier for plain-text dumps: keeps the article, labels the rest.

Steps (all linear in the number of blocks):
1. features and cue phrases per block (:mod:`.blocks`, ``data/boilerplate.yaml``);
2. detectors for shapes no single cue catches: captions (printed twice, followed by a photo
   credit, or AP-style "Slug Slug Place people do something"), teasers ending in "...", runs of
   other headlines with teasers, near-duplicates of a later paragraph, byline/date lines;
3. the article region: the contiguous run of blocks with the best score (good prose counts for,
   boilerplate against; "Latest news" / "Comments" / copyright headings are barriers);
4. context smoothing inside the region (short sub-headings between paragraphs are kept),
   the headline just before the region, and a standfirst right after the headline.

Decisions worth knowing: a sub-heading between two article paragraphs (e.g. "Rapid offensive")
is KEPT in the body, as part of the article; a standfirst directly under the headline is kept as
the first body paragraph (and copied to ``metadata["standfirst"]``); a dateline stays in the body.
"""
from __future__ import annotations

import re

from .blocks import Block, split_blocks, word_key
from .meta import find_date, parse_dateline, published_cue
from .patterns import CAPTION_VERBS, HEADING_KINDS, INLINE_RELATED, SIGNATURES, STOPWORDS

_TEASER_END = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*[>»]?\s*$")
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]{0,80}\b(?:photos?|images?|pictures?|getty|afp|reuters|ap|epa|file|credit)\b[^()]{0,80})\)\s*$", re.I)
_BYLINE_LINE = re.compile(r"^(?:by|written by|words by|text by|story by|posted by)\s+\S", re.I)
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|according|announced|added|reported)\b", re.I)
_QUOTES = re.compile(r"[\"“”«»]")
_CAP_RUN = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){3,}")
_NOT_NOW = re.compile(r"\b(?:to|will|would|could|can|may|might|must|should|shall|did|does|do|not|never)\s+$", re.I)
_DATE_HINT = re.compile(
    r"\b(?:(?:19|20)\d{2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|published|updated|posted)\b", re.I)
_TITLE_BAD_END = re.compile(r"[,;:(\-–—]$")

_AFTER_HEADING = {"author": "author", "comments": "comments"}
BARRIER = 400.0  # a "Latest news" heading costs this much to include in the article region


def classify(text: str, mode: str = "dump", title: str | None = None,
             captions: list[str] | None = None) -> list[Block]:
    """Blocks of ``text`` with ``keep`` (article) or ``kind`` (why removed) set.

    ``mode="dump"``: a whole page flattened to text, the article is found by region scoring;
    ``mode="page"``: text already reduced to the main content (trafilatura), only boilerplate
    lines and the trailing "Related"/"Comments" sections are removed.
    """
    blocks = split_blocks(text)
    if not blocks:
        return blocks
    _detect(blocks)
    if title:  # a headline known from the markup: its copies are not body text
        key = word_key(title)
        for b in blocks[:12]:
            if b.kind is None and word_key(b.text) == key:
                b.kind, b.info["title"] = "title", True
    if captions:  # known from the markup (<figcaption>)
        heads = {word_key(c, 12) for c in captions}
        for b in blocks:
            if b.kind is None and b.words <= 80 and word_key(b.text, 12) in heads:
                b.kind = "caption"
    start, end = _region(blocks) if mode == "dump" else _page_region(blocks)
    if mode == "dump":
        end = _short_tail(blocks, start, end)
    _decide(blocks, start, end, lenient=mode != "dump")
    _keep_short_text(blocks)
    return blocks


# removed for where they sit on a page, not for what they say (cue kinds such as cookie or
# copyright notices stay removed even in a one-line input)
_POSITIONAL = {None, "navigation", "headline-list", "title", "off-article"}


def _keep_short_text(blocks: list[Block]) -> None:
    """A short input of which nothing survived (a single sentence, a pasted paragraph) is not a page
    of boilerplate: its sentence-like lines are the text. Lines that *look* like navigation or a
    headline on a page are kept here, and marked ``info["fallback"]``."""
    if any(b.keep for b in blocks) or len(blocks) > 6:
        return
    prose = [b for b in blocks if b.sentence and b.words >= 2 and b.kind in _POSITIONAL]
    for b in prose:
        b.keep, b.kind, b.info["fallback"] = True, None, "short input: sentence-like line kept"


# -- detectors ----------------------------------------------------------------------------

def _detect(blocks: list[Block]) -> None:
    n = len(blocks)
    _near_duplicates(blocks)
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < n else None
        if b.kind:
            if b.kind == "related" and not INLINE_RELATED.search(b.text[:80]) and b.words > 8:
                b.kind = None  # a long line starting like "Top ..." is prose, not a heading
            else:
                continue
        for name, rx in SIGNATURES.items():
            if b.words <= 25 and rx.search(b.text[:400]):
                b.kind, b.info["signature"] = "signature", name
                break
        if b.kind:
            continue
        if nxt is not None and nxt.text == b.text and (b.sentence or b.words >= 12):
            b.kind, nxt.kind = "caption", "duplicate"  # a caption printed twice
        elif _TEASER_END.search(b.text[-8:]) and b.words <= 70 and _teaser_run(blocks, i):
            b.kind = "headline-list"
        elif b.words <= 60 and _CAPTION_CREDIT.search(b.text[-200:]):
            b.kind = "caption"
        elif nxt is not None and nxt.kind == "credit" and nxt.words <= 6 and 5 <= b.words <= 40 \
                and not _QUOTES.search(b.text) and not _REPORTING_VERB.search(b.text):
            b.kind = "caption"  # above a bare credit ("Photo: Reuters"); a credit line with its own
            # caption text ("Photo: A TV screen in Seoul shows ... (AFP)") captions nothing above it
        elif _is_slug_caption(b):
            b.kind = "caption"
        elif _BYLINE_LINE.search(b.text) and b.words <= 20:
            b.kind = "byline"
        elif b.words <= 16 and _DATE_HINT.search(b.text) and (not b.sentence or published_cue(b.text)) \
                and _is_date_line(b.text):
            b.kind = "date"
    _headline_runs(blocks)


def _teaser_run(blocks: list[Block], i: int) -> bool:
    """A line ending in "..." is another story's teaser when more teasers stand close by."""
    near = blocks[max(0, i - 4):i] + blocks[i + 1:i + 5]
    return sum(1 for o in near if _TEASER_END.search(o.text[-8:]) and o.words <= 70) >= 1


def _is_slug_caption(b: Block) -> bool:
    """AP-style photo caption: a slug of capitalised words, then people doing something now."""
    if not (6 <= b.words <= 45) or _QUOTES.search(b.text) or _REPORTING_VERB.search(b.text):
        return False
    m = _CAP_RUN.match(b.text)
    if not m or b.text.split(" ", 1)[0].lower() in STOPWORDS:
        return False
    rest = b.text[m.end():m.end() + 80]
    v = CAPTION_VERBS.search(rest)
    # a caption says what people do in the photo, now: "are expected to hold talks" is news prose
    return v is not None and not _NOT_NOW.search(rest[:v.start()])


def _is_date_line(text: str) -> bool:
    return find_date(text) is not None


def _near_duplicates(blocks: list[Block]) -> None:
    """A block whose word 6-grams mostly occur in one other block is a copy of it (a teaser that
    repeats the lede, a caption repeated as alt text, a title repeated in a breadcrumb)."""
    owner: dict[tuple, int] = {}
    grams_of: list[list[tuple]] = []
    for b in blocks:
        key = word_key(b.text)
        grams = [key[i:i + 6] for i in range(max(0, len(key) - 5))] if len(key) >= 10 else []
        grams_of.append(grams)
        for g in grams:
            owner.setdefault(g, b.index)
    for b, grams in zip(blocks, grams_of):
        if not grams:
            continue
        counts: dict[int, int] = {}
        for g in grams:
            o = owner[g]
            if o != b.index:
                counts[o] = counts.get(o, 0) + 1
        # grams this block shares with a later block are owned by this block: look the other way too
        if counts:
            other, c = max(counts.items(), key=lambda kv: kv[1])
            if c >= 0.7 * len(grams):
                b.dup_of = other
    # second pass: earlier blocks that are contained in a later block
    later_grams: dict[tuple, int] = {}
    for b, grams in zip(reversed(blocks), reversed(grams_of)):
        if grams and b.dup_of is None:
            counts = {}
            for g in grams:
                o = later_grams.get(g)
                if o is not None:
                    counts[o] = counts.get(o, 0) + 1
            if counts:
                other, c = max(counts.items(), key=lambda kv: kv[1])
                if c >= 0.7 * len(grams):
                    b.dup_of = other
        for g in grams:
            later_grams[g] = b.index


def _headline_runs(blocks: list[Block]) -> None:
    """After a "Latest news"-like heading, or in a run of short title lines each followed by a
    teaser, the lines are other stories' headlines: label the whole run."""
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        if b.kind == "headline-list" and i > 0:
            prev = blocks[i - 1]
            if prev.kind is None and not prev.sentence and 2 <= prev.words <= 25:
                prev.kind = "headline-list"  # the headline that the teaser belongs to
        i += 1


# -- the article region -------------------------------------------------------------------

def _score(b: Block) -> float:
    if b.kind in ("duplicate", "title"):
        return 0.0
    if b.kind is not None:
        if (b.kind in HEADING_KINDS and (b.words <= 6 or b.kind == "copyright")) or b.kind == "comments":
            return -BARRIER
        if b.kind == "headline-list":
            return -(40 + b.chars)
        return -(10 + 0.3 * b.chars)
    if b.dup_of is not None and b.dup_of > b.index:
        return 0.0  # an early copy of a later paragraph: neither for nor against
    if b.words < 40 and _TEASER_END.search(b.text[-8:]):
        return -10.0  # a lone line trailing off in "..." is a teaser or a breadcrumb
    if b.cls == "good":
        return float(b.chars)
    if b.cls == "near":
        if b.sentence:
            return 0.7 * b.chars
        return 0.3 * b.chars if b.chars >= 100 else -5.0  # headline-length lines without a full stop
    if b.cls == "short":
        if b.sentence and b.words >= 5 and b.stop >= 0.25:
            return 0.2 * b.chars
        return -12.0
    if b.sentence and b.words >= 8:
        return 0.1 * b.chars  # prose without function words (scores, lists of facts)
    return -0.5 * b.chars


def _region(blocks: list[Block]) -> tuple[int, int]:
    """Maximum-sum contiguous run of blocks (Kadane), as [start, end)."""
    best, best_s, best_e = float("-inf"), 0, 0
    cur, cur_s = 0.0, 0
    for i, b in enumerate(blocks):
        s = _score(b)
        if cur <= 0:
            cur, cur_s = s, i
        else:
            cur += s
        if cur > best:
            best, best_s, best_e = cur, cur_s, i + 1
    if best <= 0:
        return 0, 0
    return best_s, best_e


def _prose(b: Block) -> bool:
    """A block that reads as prose however few its stop words: a capitalised sentence of eight words
    or more, not mostly capitalised words."""
    return b.kind is None and b.sentence and b.words >= 8 and b.stop >= 0.15 and b.upper <= 0.5 \
        and b.text[:1].isupper()


def _short_tail(blocks: list[Block], start: int, end: int) -> int:
    """The region's end moved over short closing paragraphs that read as prose right after it
    ("Kyiv's mayor, Vitali Klitschko, urged residents to stay in shelters."): sentences of eight
    words or more with some common words in them and no cue of their own; one scores below zero alone,
    and a wire paragraph dense with names reads as "bad" to the stop-word classes."""
    while start < end < len(blocks):
        b = blocks[end]
        if not _prose(b) or b.dup_of is not None or b.words > 60:
            break
        end += 1
    return end


def _page_region(blocks: list[Block]) -> tuple[int, int]:
    """Already-extracted main text: all of it, up to a barrier heading that follows prose."""
    seen_prose = False
    for i, b in enumerate(blocks):
        if _score(b) <= -BARRIER and seen_prose and not _prose_follows(blocks, i + 1):
            return 0, i
        seen_prose = seen_prose or (b.kind is None and b.cls in ("good", "near"))
    return 0, len(blocks)


def _prose_follows(blocks: list[Block], i: int) -> bool:
    """Does article prose (long sentences) follow before the next heading? Then the heading was
    an inline box ("Related articles") and the article goes on after it."""
    for b in blocks[i:i + 40]:
        if _score(b) <= -BARRIER:
            return False
        if b.kind is None and b.sentence and b.words >= 25 and b.cls == "good":
            return True
    return False


_SITE_SUFFIX = re.compile(r"\s+(?:[-–—|:•·»]\s+[^-–—|:•·»]{2,60})+$")


def _title_from_page_title(blocks: list[Block], start: int) -> int | None:
    """A dump starts with the page's <title> ("Headline - Site"): the headline is the block
    near the article that repeats it."""
    first = blocks[0]
    if not (3 <= first.words <= 40) or first.kind is not None:
        return None
    keys = {word_key(first.text), word_key(_SITE_SUFFIX.sub("", first.text))}
    keys.discard(())
    for i in range(min(start + 2, len(blocks)) - 1, max(0, start - 15), -1):
        b = blocks[i]
        if not b.keep and b.kind in (None, "duplicate") and word_key(b.text) in keys:
            return i
    return None


# -- decisions ----------------------------------------------------------------------------

def _decide(blocks: list[Block], start: int, end: int, lenient: bool = False) -> None:
    in_box = False  # inside a "Related" / "More from" box in the middle of the article
    for i in range(start, end):
        b = blocks[i]
        if b.kind == "related" and b.words <= 6:
            in_box = True
        elif in_box and b.kind is None and not b.sentence and b.words <= 25:
            b.kind = "headline-list"
        elif b.kind is None:
            in_box = False
        if b.kind is not None or (b.dup_of is not None and _drop_copy(blocks, b)):
            if b.kind is None:
                b.kind = "duplicate"
            continue
        if lenient or b.cls in ("good", "near"):
            b.keep = True
        else:
            prev_ok = i > start and blocks[i - 1].cls in ("good", "near") and blocks[i - 1].kind is None
            nxt = blocks[i + 1] if i + 1 < end else None
            next_ok = nxt is not None and nxt.cls in ("good", "near") and nxt.kind is None
            if b.cls == "short":
                if (b.sentence and b.stop >= 0.2 and (prev_ok or next_ok)) or (prev_ok and next_ok):
                    b.keep = True  # a short paragraph or a sub-heading inside the article
                else:
                    b.kind = "navigation"
            elif b.sentence and prev_ok and next_ok:
                # few stop words but a sentence between two article paragraphs: a wire paragraph
                # dense with names ("Foreign Ministry spokeswoman Maria Zakharova accused Brussels")
                b.keep = True
            elif _prose(b) and i > start and blocks[i - 1].keep and all(_prose(x) for x in blocks[i + 1:end]):
                # the same at the region's end, after a kept paragraph: "Amnesty International Kenya
                # accused police of ... The United States and Britain urged restraint."
                b.keep = True
            elif b.sentence and next_ok and parse_dateline(b.text) is not None:
                # a lede that opens with a dateline ("MAPUTO, Dec 24 (AFP) - Mozambique's top court
                # ...") before an article paragraph, however dense with names
                b.keep = True
            else:
                b.kind = "off-article"
    _title_and_standfirst(blocks, start)
    heading = None  # the last "Latest news" / "About the author" / "Comments" heading seen
    for i, b in enumerate(blocks):
        if start <= i < end:
            continue
        if i >= end and (b.kind in HEADING_KINDS or b.kind == "comments"):
            heading = b.kind
        if b.kind is None:
            if b.dup_of is not None:
                b.kind = "duplicate"
            elif heading and b.words <= 70:
                b.kind = _AFTER_HEADING.get(heading, "headline-list")
            elif b.cls == "short":
                b.kind = "navigation"
            else:
                b.kind = "off-article"


def _drop_copy(blocks: list[Block], b: Block) -> bool:
    """Of two copies inside the article, drop the earlier when it precedes the later one as a
    teaser (the later one is the real lede), otherwise drop the later."""
    other = blocks[b.dup_of]
    if b.dup_of > b.index:
        return True
    return other.keep or other.kind in ("title",)


def _title_and_standfirst(blocks: list[Block], start: int) -> None:
    title_i = _title_from_page_title(blocks, start)
    for i in range(start - 1, max(-1, start - 12), -1):
        if title_i is not None:
            break
        b = blocks[i]
        if b.keep or b.kind not in (None, "duplicate") or (b.dup_of is not None and b.words > 30):
            continue
        if 3 <= b.words <= 30 and not (b.sentence and b.text[-1:] == ".") \
                and not _TITLE_BAD_END.search(b.text) and not _TEASER_END.search(b.text[-6:]):
            title_i = i
            break
    if title_i is None:
        return
    t = blocks[title_i]
    t.kind, t.info["title"] = "title", True
    head = t.text[:24]
    for b in blocks[max(0, title_i - 6):title_i]:
        if b.kind == "headline-list" and head in b.text:
            b.kind = "navigation"  # a breadcrumb ending in the shortened headline
    for j in range(title_i + 1, start):
        b = blocks[j]
        if b.kind == "duplicate" and b.text == t.text:
            continue
        if b.kind is None and b.sentence and b.words >= 5 and b.stop >= 0.2 and b.words <= 60:
            b.keep, b.info["standfirst"] = True, True
        break
