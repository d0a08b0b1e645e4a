"""Split a plain-text dump into blocks (one per line or unwrapped paragraph) with their features."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .patterns import STOPWORDS, cue_kind

MAX_FEATURE_CHARS = 20_000  # per-line features look at most at this much text
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# a token is a word, or one CJK character (no spaces there: a character stands for a word)
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:['’][^\W{_CJK}]+)*")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_BULLET = re.compile(r"^(?:[•·▪►▶●◦‣∙*>|]+|[-–—]{1,2}(?=\s))\s*")
_SENT_END = re.compile(r"""[.!?…。！？][)"'”’»」』]*$|[.!?]["'”’»)]+\s*\S{0,3}$""")
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts (\w is that plus "_")


@dataclass(slots=True)
class Block:
    index: int
    text: str
    words: int = 0
    chars: int = 0
    stop: float = 0.0  # stop-word density
    upper: float = 0.0  # share of words starting with a capital
    sentence: bool = False  # ends like a sentence
    kind: str | None = None  # why it is (or would be) removed
    cls: str = "short"  # good | near | short | bad (jusText-like)
    keep: bool = False
    dup_of: int | None = None
    gap: bool = False  # a blank line precedes it
    info: dict = field(default_factory=dict)


def normalise_line(line: str) -> str:
    line = _SPACE.sub(" ", line).strip()
    line = _BULLET.sub("", line).strip()
    return line


def split_blocks(text: str) -> list[Block]:
    """Lines -> blocks; hard-wrapped prose (a line that stops mid-sentence followed by a
    lower-case continuation) is joined back into one paragraph."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[Block] = []
    gap = True
    prev_raw_len = 0
    for raw in text.split("\n"):
        line = normalise_line(raw)
        if not line or not _ALNUM.search(line, 0, 2000):
            gap = gap or not line
            prev_raw_len = 0
            continue
        if (blocks and not gap and prev_raw_len >= 55 and not _SENT_END.search(blocks[-1].text)
                and line[:1].islower()):
            blocks[-1].text += " " + line
        else:
            blocks.append(Block(index=len(blocks), text=line, gap=gap))
        prev_raw_len = len(raw.strip())
        gap = False
    tokens = [features(b) for b in blocks]
    _adapt_stopwords(blocks, tokens)
    for b in blocks:
        _jt_class(b)
    return blocks


def _adapt_stopwords(blocks: list[Block], tokens: list[list[str]]) -> None:
    """Not English? Then the document's own most frequent short tokens stand in for the stop
    words (function words are the most frequent short words in any language)."""
    long_ = [i for i, b in enumerate(blocks) if b.chars >= 70]
    if not long_ or sum(blocks[i].stop for i in long_) / len(long_) >= 0.15:
        return
    freq: dict[str, int] = {}  # in how many long lines a short token occurs
    for i in long_:
        for w in dict.fromkeys(tokens[i]):  # each once, in text order (a set's order varies by run)
            if len(w) <= 5 and not w.isdigit():
                freq[w] = freq.get(w, 0) + 1
    # ties broken by the word itself, so the same page cleans the same way in every process
    local = set(sorted(freq, key=lambda w: (-freq[w], w))[:40])
    for b, toks in zip(blocks, tokens):
        if toks:
            b.stop = sum(1 for w in toks if w in local) / len(toks)


def ends_sentence(text: str) -> bool:
    tail = text[-12:]
    return bool(_SENT_END.search(tail)) and not _ABBREV_END.search(tail)


def features(b: Block) -> list[str]:
    t = b.text[:MAX_FEATURE_CHARS]
    words = _WORD.findall(t)
    b.words = len(words) if len(b.text) <= MAX_FEATURE_CHARS else len(words) * len(b.text) // len(t)
    b.chars = len(b.text) + len(_CJK_CHAR.findall(t))  # a CJK character weighs like two letters
    low = [w.lower() for w in words[:500]]
    if words:
        b.stop = sum(1 for w in low if w in STOPWORDS) / len(low)
        b.upper = sum(1 for w in words if w[0].isupper()) / len(words)
    b.sentence = ends_sentence(t)
    b.kind = cue_kind(t, b.words)
    return low


def _jt_class(b: Block) -> None:
    """jusText-like context-free class (no links in a text dump, so length and stop words)."""
    if b.chars < 70:
        b.cls = "short"
    elif b.stop >= 0.32:
        b.cls = "good" if b.chars >= 200 else "near"
    elif b.stop >= 0.22:
        b.cls = "near"
    else:
        b.cls = "bad"


def word_key(text: str, limit: int = 400) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text[:4000])[:limit])
