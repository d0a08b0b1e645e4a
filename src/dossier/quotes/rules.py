"""Find attributions (speaker, cue, content) in a spaCy ``Doc``: the finding half of the quotes stage.

Works in token indices and needs nothing beyond tokens and sentences; a tagger sharpens cue and
speaker detection (nouns like "claims" are not cues) and a dependency parse gives subjects and
clause complements. ``find(sdoc)`` returns :class:`Found` records; ``dossier.quotes`` turns them
into :class:`~dossier.model.Quote` objects with resolved speakers.

Patterns, each a ``rule`` name on the record:
- ``post``:  CONTENT , SPEAKER CUE [adjuncts] .      "“…,” Kirby said." / "…, the Pentagon said."
- ``inverted``: CONTENT , CUE SPEAKER .              "“…,” said Len Burman, head of …"
- ``pre``:   SPEAKER CUE [recipient] [that] CONTENT   "Zebari told Reuters he was pressing …"
- ``according-to``: "according to SPEAKER" on either side of its content
- ``colon``: "SPEAKER: “…”" and headline style "CONTENT: SPEAKER"
- ``participle``: ", saying …" after a cue takes that cue's speaker
- ``conj``: "… and said …" takes the speaker of the verb it is coordinated with
- ``gerund``: "responded by saying …", "while chanting …" takes the speaker of the clause
- ``charge``: CONTENT , a charge SPEAKER CUE .       "…, a charge Tehran denies." (the speaker denies it)
- ``continuation`` (made later, in ``dossier.quotes``): a bare quotation after an attributed one
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..events.deps import timing_after_comma
from .lexicon import (MONTHS, OBJECT_PRONOUNS, QUOTE_BOTH, QUOTE_CLOSE, QUOTE_OPEN, SPEAKER_STOP,
                      TIME_WORDS, Lexicon, load)

Range = tuple[int, int]  # token span [start, end)

_FINAL = frozenset(".!?")
_NOUNISH = frozenset(("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X", "SYM"))
_LEFT_STRIP = frozenset("and or but of to for at in from with by on 's , -".split())
_NP_PREPS = frozenset("of to for at in from with by".split())
_DETS = frozenset("the a an his her their its our my your this these those that some any no every such many new "
                  "latest recent earlier previous similar these".split())
_BE = frozenset("is was were are be been being 's".split())
_RIGHT_STOP = frozenset("who whom which whose that when while because as but and adding saying according".split())
_TAIL_OK = frozenset("who whom which whose as when while after before during because".split())
_TIME_PREPS = frozenset("on in at during before after".split())
_LABELS = frozenset("correction corrections clarification update updated note editor editors related watch read "
                    "photos photo video transcript disclosure".split())


@dataclass(slots=True)
class Found:
    cue: Range
    content: list[Range]
    speaker: Range | None
    rule: str
    lemma: str = ""
    cue_class: str = "speech"  # speech | deny | accuse | clausal | phrase | colon
    kind: str = "indirect"
    medium: Range | None = None
    reported_by: Range | None = None
    inherit: "Found | None" = None  # the record whose (resolved) speaker this one takes
    extras: dict = field(default_factory=dict)

    def tokens(self) -> set[int]:
        out: set[int] = set(range(*self.cue))
        if self.speaker:
            out.update(range(*self.speaker))
        return out


class _Ctx:
    """Token arrays of one Doc, computed in one pass."""

    def __init__(self, sdoc, lex: Lexicon):
        self.sdoc = sdoc
        self.lex = lex
        toks = list(sdoc)
        self.n = len(toks)
        self.words = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.has_pos = sdoc.has_annotation("TAG") or sdoc.has_annotation("POS")
        self.has_dep = sdoc.has_annotation("DEP")
        self.pos = [t.pos_ for t in toks] if self.has_pos else None
        self.tag = [t.tag_ for t in toks] if self.has_pos else None
        self.ws = [t.whitespace_ for t in toks]
        # sentence bounds per token
        # paragraphs: a token whose trailing whitespace (or itself, if space) holds a newline ends one
        self.para = [0] * self.n
        p = 0
        for i, t in enumerate(toks):
            self.para[i] = p
            if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text):
                p += 1
        self.sent_lo = [0] * self.n
        self.sent_hi = [0] * self.n
        for lo, hi in self._sentences(sdoc):
            for i in range(lo, hi):
                self.sent_lo[i] = lo
                self.sent_hi[i] = hi
        self.quotes = self._pair_quotes()
        self.quote_at = [-1] * self.n  # index into self.quotes for tokens inside (marks included)
        for qi, (o, c) in enumerate(self.quotes):
            for i in range(o, c + 1):
                self.quote_at[i] = qi

    def _sentences(self, sdoc) -> list[Range]:
        """The parse's sentences, with a break that no punctuation marks undone: a parser sometimes
        ends a sentence inside "“…,” said Tom Baker, a builder …" (after the cue) or before a
        trailing "according to …"; a sentence only ends on . ! ? : ; (or a quotation mark after one)
        or at a paragraph break."""
        out: list[list[int]] = []
        for s in sdoc.sents:
            if out and self.para[s.start] == self.para[s.start - 1] and not self._terminal(out[-1][0], s.start):
                out[-1][1] = s.end
            else:
                out.append([s.start, s.end])
        return [(a, b) for a, b in out]

    def _terminal(self, lo: int, hi: int) -> bool:
        k = hi - 1
        while k > lo and (self.words[k].isspace() or self.words[k] in QUOTE_CLOSE | QUOTE_BOTH | {")", "’", "'"}):
            k -= 1
        w = self.words[k]
        if w[-1:] in _FINAL or w in (":", ";", "--", "—", "…"):
            return True
        alpha = [t for t in self.words[lo:hi] if t[:1].isalpha() and len(t) > 3]
        return bool(alpha) and sum(t[:1].isupper() for t in alpha) >= 0.8 * len(alpha)  # a headline

    # -- quotation marks ------------------------------------------------------------------------
    def _pair_quotes(self) -> list[tuple[int, int]]:
        out = []
        open_at = None
        for i, w in enumerate(self.words):
            if open_at is not None and self.para[i] != self.para[open_at]:
                out.append((open_at, i - 1))  # a quotation running to the end of its paragraph
                open_at = None
            if w in QUOTE_OPEN:
                if open_at is None:
                    open_at = i
            elif w in QUOTE_CLOSE:
                # ", '' Mr. King said": a closing mark after a comma closes a quotation begun earlier,
                # unless a cue stands just before it ("told me, '' We are …")
                closing = open_at is None and i > 0 and self.words[i - 1] in (",", "?", "!") and i + 1 < self.n \
                    and (self.lex.verb(self.lower[i + 1]) or self.words[i + 1][:1].isupper()
                         or any(self.lex.verb(self.lower[k]) for k in range(i + 2, min(self.n, i + 5)))) \
                    and not any(self.lex.verb(self.lower[k]) for k in range(max(0, i - 4), i - 1))
                if open_at is not None:
                    out.append((open_at, i))
                    open_at = None
                elif not closing and i + 1 < self.n and self.para[i + 1] == self.para[i] and self.words[i + 1][:1].isalnum() \
                        and (i == 0 or self.para[i - 1] != self.para[i] or self.words[i - 1] in ".?!"
                             or not self.words[i - 1][:1].isalnum()):
                    open_at = i  # a closing mark used to open
                elif closing:
                    # a quotation that began in an earlier paragraph closes here
                    start = i
                    while start > 0 and self.para[start - 1] == self.para[i]:
                        start -= 1
                    if out and out[-1][1] >= start:
                        start = out[-1][1] + 1
                    if i - start >= 3:
                        out.append((start, i))
            elif w in QUOTE_BOTH:
                if open_at is None:
                    open_at = i
                else:
                    out.append((open_at, i))
                    open_at = None
        if open_at is not None:
            out.append((open_at, self.n - 1))
        return out

    def substantial(self, qi: int) -> bool:
        o, c = self.quotes[qi]
        inner = c - o - 1
        if inner >= 5:
            return True
        return any(self.words[i] in _FINAL for i in range(o + 1, c))

    def is_mark(self, i: int) -> bool:
        w = self.words[i]
        return w in QUOTE_OPEN or w in QUOTE_CLOSE or w in QUOTE_BOTH

    def closes(self, i: int) -> bool:
        qi = self.quote_at[i]
        return qi >= 0 and self.quotes[qi][1] == i and self.is_mark(i)

    def opens(self, i: int) -> bool:
        qi = self.quote_at[i]
        return qi >= 0 and self.quotes[qi][0] == i

    def region(self, i: int) -> Range:
        """The sentence of token i, widened so that no quotation crosses its edges (nor a
        parenthesis: "Rep. John Mica (R-Fla.) said")."""
        lo, hi = self.sent_lo[i], self.sent_hi[i]
        changed = True
        while changed:
            changed = False
            if lo > 0 and self.para[lo - 1] == self.para[lo] and (
                    self.words[lo] in (")", ",") or self.words[lo][:1].islower() or hi - lo <= 2
                    or lo > 1 and self.closes(lo - 1) and self.words[lo - 2] in (",", "?", "!")  # “…,” | Warren said.
                    or self.sent_hi[lo - 1] - self.sent_lo[lo - 1] <= 2):
                lo = self.sent_lo[lo - 1]
                changed = True
            if hi < self.n and self.para[hi] == self.para[hi - 1] and (
                    self.words[hi] in (")", ",") or self.words[hi][:1].islower() and self.words[hi - 1] != "."
                    or self.sent_hi[hi] - hi <= 2 and not self.is_mark(hi)):
                hi = self.sent_hi[hi]
                changed = True
            qa, qb = self.quote_at[lo], self.quote_at[hi - 1]
            if qa >= 0 and self.quotes[qa][0] < lo and self.substantial(qa):
                lo = self.sent_lo[self.quotes[qa][0]]
                changed = True
            if qb >= 0 and self.quotes[qb][1] >= hi and self.substantial(qb):
                hi = self.sent_hi[self.quotes[qb][1]]
                changed = True
        return lo, hi

    def lemma_of(self, i: int) -> str:
        v = self.lex.verb(self.lower[i])
        return v[0] if v else self.lower[i]

    def punct(self, i: int) -> bool:
        w = self.words[i]
        return not any(ch.isalnum() for ch in w)

    def cap(self, i: int) -> bool:
        w = self.words[i]
        return w[:1].isupper()


# -- noun phrases around a cue -------------------------------------------------------------------

def _np_left(ctx: _Ctx, k: int, lo: int, limit: int = 16) -> Range | None:
    """The speaker noun phrase ending at token k (inclusive), scanning leftwards no further than lo."""
    words, lower, pos, tag = ctx.words, ctx.lower, ctx.pos, ctx.tag
    j, depth, count = k, 0, 0
    while j >= lo:
        w, low = words[j], lower[j]
        if w == ")":
            depth += 1
            j -= 1
            continue
        if w == "(":
            if not depth:
                break
            depth -= 1
            j -= 1
            continue
        if depth:
            j -= 1
            continue
        if ctx.punct(j) and w not in ("-", "&", ".", "'", "’"):
            break
        if low in SPEAKER_STOP or ctx.is_mark(j):
            break
        if pos is not None:
            p = pos[j]
            if p in ("VERB", "AUX"):
                amod = tag[j] in ("VBN", "VBG", "JJ") and j < k and pos[j + 1] in _NOUNISH
                if not amod:
                    break
            elif p in ("ADV", "SCONJ", "INTJ") and low not in ("only",):
                break
            elif p == "ADP" and low not in _NP_PREPS:
                break
            elif p == "PART" and low not in ("'s", "’s", "'"):
                break
        elif ctx.lex.verb(low) and j != k and not ctx.cap(j) and not (j > lo and lower[j - 1] in _DETS):
            break
        count += 1
        if count > limit:
            return None
        j -= 1
    s0 = j + 1
    while s0 <= k and (lower[s0] in _LEFT_STRIP or (pos is not None and pos[s0] in ("CCONJ", "ADP", "PUNCT"))
                       or lower[s0] in TIME_WORDS or lower[s0] in MONTHS):
        s0 += 1
    # an object pronoun or a bare determiner is no speaker
    if s0 > k:
        return None
    if s0 == k and (lower[s0] in OBJECT_PRONOUNS - {"her", "us", "you"} or lower[s0] in _DETS):
        return None
    return (s0, k + 1)


def _np_right(ctx: _Ctx, k: int, hi: int, limit: int = 25, comma: bool = True) -> Range | None:
    """The speaker noun phrase starting at token k ("said Kirby", "according to the ministry");
    ``comma=False`` ends it at the first comma ("According to local elders, …")."""
    words, lower = ctx.words, ctx.lower
    if k >= hi or lower[k] in _TIME_PREPS or lower[k] in TIME_WORDS or lower[k] in MONTHS or lower[k] in (
            "that", "to", "it", "this", "there", "with", "for", "from", "by", "about", "as", "of", "and"):
        return None
    if ctx.pos is not None and ctx.pos[k] in ("VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PART", "PUNCT"):
        return None
    j, depth = k, 0
    end = hi
    while end > k and (ctx.punct(end - 1) and not ctx.is_mark(end - 1)):
        end -= 1
    while j < end:
        w, low = words[j], lower[j]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif not depth:
            if ctx.is_mark(j) or w in (";", ":", "--", "—", "–"):
                break
            if w == "," and (not comma or j + 1 < end and (lower[j + 1] in _RIGHT_STOP or ctx.is_mark(j + 1))):
                break
            if j > k and low in _RIGHT_STOP and low not in ("and",):
                break
            if j > k and low in _TIME_PREPS and j + 1 < end and (
                    lower[j + 1] in TIME_WORDS or lower[j + 1] in MONTHS or lower[j + 1] in _DETS
                    and _medium_ahead(ctx, j + 1, end)):
                break
            if j > k and (low in TIME_WORDS and low not in ("again",)):
                break
            if ctx.pos is not None and j > k and ctx.pos[j] in ("VERB", "AUX") and ctx.tag[j] not in ("VBN", "VBG"):
                break
        j += 1
        if j - k > limit:
            return None
    e = j
    while e > k and (ctx.punct(e - 1) and words[e - 1] != ")"):
        e -= 1
    if e <= k:
        return None
    return (k, e)


def _medium_ahead(ctx: _Ctx, i: int, hi: int, span: int = 6) -> int | None:
    """End of a medium phrase starting at i ("a news conference", "the BBC"), or None."""
    text = " ".join(ctx.lower[i:min(hi, i + span)])
    best = None
    for noun in ctx.lex.medium_nouns:
        pos = text.find(noun)
        while pos > 0 and text[pos - 1] != " ":
            pos = text.find(noun, pos + 1)
        if pos < 0:
            continue
        # must end on a token boundary
        endc = pos + len(noun)
        if endc < len(text) and text[endc] != " ":
            continue
        ntoks = text[:endc].count(" ") + 1
        if best is None or ntoks > best:
            best = ntoks
    return i + best if best else None


# participles that carry a medium ("a video posted on ...", "a statement released on ...")
_PUBLISHED = frozenset("posted published released issued broadcast aired televised shared uploaded carried "
                       "distributed circulated".split())


def _medium_at(ctx: _Ctx, q: int, hi: int) -> bool:
    """A medium phrase of several words starts at token q ("social media")."""
    return any(" ".join(ctx.lower[q:q + n.count(" ") + 1]) == n for n in ctx.lex.medium_nouns if " " in n
               and q + n.count(" ") < hi)


def _skip_adjuncts(ctx: _Ctx, p: int, hi: int) -> tuple[int, Range | None]:
    """Skip time and medium adjuncts after a cue: "on Monday", "in a statement", "at a news conference"."""
    lower = ctx.lower
    medium = None
    while p < hi:
        low = lower[p]
        if low in TIME_WORDS or low in MONTHS:
            p += 1
            continue
        if low in ("late", "early") and p + 1 < hi and (lower[p + 1] in _TIME_PREPS or lower[p + 1] in TIME_WORDS):
            p += 1  # "late on Saturday", "early Monday"
            continue
        if low in ("last", "this", "next") and p + 1 < hi and (lower[p + 1] in TIME_WORDS or lower[p + 1] in (
                "week", "month", "year", "night", "weekend", "morning", "evening", "fall", "spring", "summer",
                "winter") or lower[p + 1] in MONTHS):
            p += 2
            continue
        if low in _TIME_PREPS | {"to", "via", "through", "by"} and p + 1 < hi:
            q = p + 1
            if lower[q] in TIME_WORDS or lower[q] in MONTHS:
                p = q + 1
                while p < hi and (lower[p].isdigit() or lower[p] in (",",) and p + 1 < hi and lower[p + 1].isdigit()):
                    p += 1
                continue
            if lower[q] in ("a", "an", "the", "his", "her", "their", "its", "state", "national", "local") or ctx.cap(q) \
                    or lower[q] in ctx.lex.medium_nouns or _medium_at(ctx, q, hi):
                m = _medium_ahead(ctx, q, hi)
                if m:
                    medium = (q, m)
                    p = m
                    if p < hi and lower[p] in _PUBLISHED:
                        p += 1  # "in a video posted on social media", "in a statement released on Monday"
                    # "in an interview with X", "at a news conference in Baghdad"
                    if p + 1 < hi and lower[p] in ("with", "in", "on") and ctx.cap(p + 1):
                        p += 1
                        while p < hi and ctx.cap(p):
                            p += 1
                    continue
            # a short prepositional phrase closing the clause is never content ("in a televised address")
            e = _content_end(ctx, q, hi)
            stop = e
            for t in range(q, e):
                if ctx.words[t] in (",", ";") or ctx.is_mark(t):
                    stop = t
                    break
            if 0 < stop - q <= 5 and lower[q] in _DETS and not any(ctx.lex.verb(lower[t]) for t in range(q, stop)):
                if low in ("in", "on", "at", "during", "via", "through"):
                    medium = (q, stop)
                p = stop
                continue
        break
    return p, medium


def _skip_recipient(ctx: _Ctx, p: int, hi: int) -> tuple[int, Range | None]:
    """After "told"/"assured"/"informed": the addressee ("Reuters", "reporters", "a news conference")."""
    lower = ctx.lower
    if p >= hi:
        return p, None
    m = _medium_ahead(ctx, p, hi, span=5)
    if m and (lower[p] in _DETS or lower[p] in ctx.lex.medium_nouns):
        end = m
        while end < hi and ctx.cap(end) and lower[end] not in ("i",):
            end += 1  # "told Reuters Television", "told the newspaper El Mercurio"
        if ctx.pos is not None and end < hi and end > m and ctx.pos[end] in ("VERB", "AUX"):
            end = m  # "told reporters Tokyo had lodged a protest": the name is what the content is about
        m = end
        if end + 1 < hi and lower[end] in ("in", "on") and ctx.cap(end + 1):
            end += 1
            while end < hi and ctx.cap(end):
                end += 1
        return end, (p, m)
    if lower[p] in OBJECT_PRONOUNS:
        return p + 1, None
    if ctx.cap(p) and lower[p] not in ("i",):
        q = p
        while q < hi and (ctx.cap(q) or lower[q] in ("'s", "of", "the", "&", ".") or q > p and lower[q].isdigit()
                          and q + 1 < hi and lower[q + 1] in ctx.lex.medium_nouns) and lower[q] not in ("i",):
            q += 1  # ("France 2 television")
        if ctx.pos is not None and q < hi and ctx.pos[p] == "PRON":
            return p, None
        while q < hi and lower[q] in ctx.lex.medium_nouns:
            q += 1  # "told Polish radio", "told French television"
        return q, (p, q)
    if lower[p] in ctx.lex.group_nouns:
        return p + 1, None
    if lower[p] in ("the", "a", "an") and p + 2 < hi and lower[p + 1] in ctx.lex.group_nouns:
        return p + 2, None
    return p, None


def _content_end(ctx: _Ctx, p: int, hi: int) -> int:
    """End (exclusive) of a content running to the end of its region: drop the final full stop
    unless a closing quotation mark follows it."""
    e = hi
    while e > p and ctx.words[e - 1].isspace():
        e -= 1
    if e > p and ctx.closes(e - 1):
        return e
    while e > p and (ctx.words[e - 1] in _FINAL | {",", ";", ":", "--"} or set(ctx.words[e - 1]) <= {"_"}):
        e -= 1  # (and a "___" separator line)
    if e > p and ctx.closes(e - 1):
        return e
    return e


def _content_left(ctx: _Ctx, lo: int, b: int) -> Range | None:
    """Content to the left of boundary token b (a comma or closing quote before the speaker/cue)."""
    words = ctx.words
    if ctx.closes(b):
        qi = ctx.quote_at[b]
        o = ctx.quotes[qi][0]
        return (o, b + 1) if ctx.substantial(qi) or o <= lo else (lo, b + 1)
    if words[b] == "," and b - 1 >= lo and ctx.closes(b - 1):
        qi = ctx.quote_at[b - 1]
        o = ctx.quotes[qi][0]
        if ctx.substantial(qi):
            return (o, b)
        return (lo, b)
    if b > lo:
        start = _skip_dateline(ctx, lo, b)
        while start < b and ctx.punct(start) and not ctx.is_mark(start) and words[start] != "(":
            start += 1  # "– Senior Iranian leaders …" after a dateline split off by the parser
        return (start, b) if start < b else None
    return None


def _skip_dateline(ctx: _Ctx, lo: int, hi: int) -> int:
    """"BAGHDAD (Reuters) - Senior leaders …": the content starts after the dateline."""
    w = ctx.words[lo]
    if not (w.isupper() and len(w) > 1 and w.isalpha()):
        return lo
    depth = 0
    for k in range(lo + 1, min(hi, lo + 10)):
        t = ctx.words[k]
        if t in ("–", "—", "--") or t == "-" and ctx.ws[k - 1] and ctx.ws[k]:
            return k + 1
        depth += t == "("
        depth -= t == ")"
        if not depth and t not in (")", ",") and not t.isupper():
            return lo  # "IRAN HAS SENT …" is no dateline: only capitals (and a credit) before the dash
    return lo


_CATENATIVE = frozenset("continue continues continued continuing begin begins began begun start starts started "
                        "seem seems seemed appear appears appeared try tries tried went goes go".split())


def _cue_prefix(ctx: _Ctx, i: int, lo: int) -> int:
    cs = i
    lower, pos = ctx.lower, ctx.pos
    while cs - 1 >= lo:
        low = lower[cs - 1]
        if low == "to" and cs - 2 >= lo and (lower[cs - 2] in _CATENATIVE and lower[cs - 2] not in ("went", "goes", "go")
                                             or lower[cs - 2] == "on" and cs - 3 >= lo and lower[cs - 3] in _CATENATIVE):
            cs -= 2 if lower[cs - 2] != "on" else 3  # "continued to call for", "went on to say"
            continue
        if low in ctx.lex.cue_prefix:
            cs -= 1
            continue
        if low.endswith("ly") and len(low) > 4 and not ctx.cap(cs - 1) and (pos is None or pos[cs - 1] == "ADV"):
            cs -= 1
            continue
        break
    return cs


def _is_noun_use(ctx: _Ctx, i: int) -> bool:
    """"claims", "report", "charges" used as nouns are no cues."""
    if ctx.cap(i) and i != ctx.sent_lo[i]:
        # "United States"; but a headline's present-tense verb ("Lawmaker Urges …", "…, Senator Says") is one
        return not (ctx.lower[i].endswith("s") and _headline(ctx, i) and (ctx.pos is None or ctx.pos[i] == "VERB"))
    if i > 0 and ctx.lower[i - 1] == "to" and ctx.lemma_of(i) != "according" and not (
            i > 1 and ctx.lower[i - 2] in _CATENATIVE):
        return True  # "to counter the advance": an infinitive purpose clause
    if i > 0 and ctx.lower[i - 1] in _DETS | {"'s", "’s"}:
        return True  # "the alleged deployment", "such charges"
    if ctx.has_dep and ctx.sdoc[i].dep_ in ("amod", "compound") and i + 1 < ctx.n and ctx.pos[i + 1] in (
            "NOUN", "PROPN", "ADJ"):
        return True  # "alleged deployment"
    if ctx.pos is not None:
        if ctx.pos[i] == "NOUN" and ctx.tag[i] == "NNS" and i > 0 and i + 2 < ctx.n and (
                ctx.pos[i - 1] in ("PROPN", "PRON") or ctx.has_dep and ctx.sdoc[i].dep_ == "ROOT") and (
                ctx.lower[i + 1] == "that" or ctx.lower[i + 1] == "to" and ctx.pos[i + 2] in ("VERB", "AUX")):
            return False  # "The Tax Policy Center estimates that …", "Clinton plans to …": a verb mistagged
        if ctx.pos[i] == "NOUN" and ctx.lower[i].endswith("s") and i > 0 and ctx.pos[i - 1] in ("NOUN", "PROPN") \
                and ctx.lower[i - 1] not in ctx.lex.verb_forms and i + 1 < ctx.n and (
                ctx.words[i + 1] in (".", ",") and ctx.words[ctx.sent_lo[i]:i].count(",") >= 1
                or ctx.lower[i + 1] == "that" or ctx.is_mark(i + 1)):
            return False  # "…, the candidate's former doctor maintains.": a verb the tagger took for a plural
        return ctx.pos[i] not in ("VERB", "AUX")
    return False


def _headline(ctx: _Ctx, i: int) -> bool:
    """Whether token i stands in a title-case line ("Senator Vows To Cut Taxes")."""
    lo, hi = ctx.sent_lo[i], ctx.sent_hi[i]
    alpha = [t for t in ctx.words[lo:hi] if t[:1].isalpha() and len(t) > 3]
    return len(alpha) >= 3 and sum(t[:1].isupper() for t in alpha) >= 0.8 * len(alpha)


def _passive(ctx: _Ctx, cs: int, i: int) -> bool:
    lower = ctx.lower
    if ctx.tag is not None and ctx.tag[i] != "VBN":
        return False
    return any(lower[k] in _BE - {"'s"} for k in range(cs, i)) or (
        i + 1 < ctx.n and lower[i + 1] == "by" and ctx.tag is not None)


_CLAUSE_OPENERS = frozenset("after before since until when while because although though once".split())
_SPANS_OF_TIME = frozenset("moments minutes hours days weeks months years shortly soon just only".split())


def _dep_subject(ctx: _Ctx, i: int) -> Range | None:
    tok = ctx.sdoc[i]
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass", "csubj") and c.i < i]
    if not subjects:
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass", "csubj")][:1]
    if not subjects:
        return None
    # "Military experts and some exiled Iranians say": a parser may attach each conjunct as its
    # own subject; together they are the speaker
    lo, hi = subjects[0].left_edge.i, subjects[-1].right_edge.i + 1
    for k in range(lo, hi - 1):
        if ctx.lower[k] in _CLAUSE_OPENERS and ctx.pos is not None and ctx.pos[k] in ("ADP", "SCONJ") and (
                k < subjects[0].i or all(ctx.lower[t] in _SPANS_OF_TIME or ctx.pos[t] in ("NUM", "DET", "PUNCT") for t in range(lo, k))):
            lo = k + 1  # "minutes after the election commission declared ...": a misparse's phrase before
    while lo < hi and (ctx.punct(lo) or ctx.lower[lo] in ("and", "but", "or", "so")):
        lo += 1
    while hi > lo and ctx.punct(hi - 1) and ctx.words[hi - 1] != ")":
        hi -= 1
    return (lo, hi) if lo < hi else None


def _svo(ctx: _Ctx, i: int) -> bool:
    """The cue has its subject on its left and its object on its right in the parse: "Iran, which backs the
    Houthis, condemned the strikes" is a clause, no "CONTENT, CUE SPEAKER" inversion."""
    if not ctx.has_dep:
        return False
    kids = ctx.sdoc[i].children
    left = right = False
    for c in kids:
        left = left or c.dep_ in ("nsubj", "nsubj:pass") and c.i < i
        right = right or c.dep_ in ("obj", "dobj") and c.i > i
    return left and right


def _has_clause(ctx: _Ctx, i: int) -> bool:
    tok = ctx.sdoc[i]
    return any(c.dep_ == "ccomp" for c in tok.children)


def find(sdoc, lex: Lexicon | None = None, ctx: "_Ctx | None" = None) -> list[Found]:
    """All attributions in a parsed (or merely tokenised) spaCy Doc (``ctx``: its token arrays, when
    the caller has them already)."""
    lex = lex or load()
    ctx = ctx or _Ctx(sdoc, lex)
    lower = ctx.lower
    out: list[Found] = []
    last_in_sentence: dict[int, int] = {}  # sentence start -> index of the last record there

    i = 0
    n = ctx.n
    while i < n:
        low = lower[i]
        qi = ctx.quote_at[i]
        rec = None
        if qi >= 0 and ctx.substantial(qi) and not ctx.is_mark(i):
            if low == ":" and ctx.opens(ctx.quotes[qi][0]) and i - ctx.quotes[qi][0] <= 3:
                rec = _transcript(ctx, i, ctx.quotes[qi][0], _para_end(ctx, i))
            if rec is None:
                i += 1  # cues inside a quotation belong to the quoted speaker's own speech
                continue
        elif low in ("according", "in") or low == "quoted":
            rec = _phrase(ctx, i)
        elif low == ":":
            rec = _colon(ctx, i)
        elif low in ("--", "—", "–"):
            rec = _signoff(ctx, i)
        elif low in lex.noun_cues and ctx.pos is not None and ctx.pos[i] == "NOUN" and (rec := _noun_cue(ctx, i)):
            if out and any(c0 <= i < c1 for c0, c1 in out[-1].content):
                rec = None  # a claim mentioned inside someone's words is part of them
        else:
            v = lex.verb(low)
            if v and (rec := _charge_answered(ctx, i, v[0])) is not None:
                for prev in out[-1:]:  # the accusation's words end before ", a charge ..."
                    prev.content = [(a, min(b, rec.content[0][1])) for a, b in prev.content
                                    if a < rec.content[0][1]] or prev.content
            elif v and not _is_noun_use(ctx, i) and not _act_object(ctx, i, v[0]):
                rec = _verb(ctx, i, v, out, last_in_sentence)
                if rec is not None and rec.rule in ("pre", "appositive", "conj", "gerund") and out and _embedded(ctx, out[-1], rec, v):
                    if not _split_conj(ctx, out[-1], rec):
                        rec = None  # a cue inside the previous attribution's content is part of it
        if rec is not None:
            last_in_sentence[ctx.sent_lo[rec.cue[0]]] = len(out)
            out.append(rec)
            i = rec.cue[1]
            continue
        i += 1
    out = _resolve_nesting(ctx, out)
    for rec in out:
        rec.kind = _kind(ctx, rec)
        if rec.speaker is not None and rec.inherit is None:
            rec.speaker = _trim_speaker(ctx, rec.speaker)
    return out


_CHARGE_NOUNS = frozenset("charge charges accusation accusations allegation allegations claim claims".split())
_CHARGE_ADVERBS = frozenset("has have had repeatedly always consistently flatly strongly vehemently also long "
                            "firmly categorically angrily".split())


def _charge_answered(ctx: _Ctx, i: int, lemma: str) -> Found | None:
    """"..., a charge Tehran denies." / "..., an accusation that Moscow has rejected." / "..., a charge the
    French foreign ministry called false.": the words between the accusation noun and the cue answer
    the clause before the comma (its speaker denies it)."""
    lex, lower = ctx.lex, ctx.lower
    verdict = lemma in lex.as_complement and lemma not in lex.deny
    if lemma not in lex.deny and not verdict:
        return None
    lo, hi = ctx.sent_lo[i], ctx.sent_hi[i]
    end = i + 1
    if verdict:  # "called false", "called it baseless": the verdict is part of the cue
        while end < hi and lower[end] in ("it", "them", "as", "a", "an", "totally", "completely", "utterly"):
            end += 1
        if end >= hi or ctx.pos is None or ctx.pos[end] not in ("ADJ", "NOUN"):
            return None
        end += 1
    if end < hi and not (ctx.words[end] in (".", "!", ";") or end + 1 >= hi):
        return None  # the cue closes the sentence
    j = i - 1
    while j > lo and lower[j] in _CHARGE_ADVERBS:
        j -= 1
    sp_end = j + 1
    k = sp_end - 1
    while k > lo + 2 and sp_end - k <= 7 and lower[k] not in _CHARGE_NOUNS:
        k -= 1
    if lower[k] not in _CHARGE_NOUNS or lower[k - 1] not in ("a", "an", "the") or ctx.words[k - 2] != ",":
        return None
    sp_start = k + 1 + (lower[k + 1] in ("that", "which"))
    if sp_start >= sp_end or ctx.pos is not None and not any(p in ("PROPN", "NOUN", "PRON")
                                                             for p in ctx.pos[sp_start:sp_end]):
        return None
    return Found((i, end), [(lo, k - 2)], (sp_start, sp_end), "charge", lemma, "deny")


def _act_object(ctx: _Ctx, i: int, lemma: str) -> bool:
    """A speech verb naming an act by its object: "declared a state of emergency" (cues.yaml act_objects)."""
    objs = ctx.lex.act_objects.get(lemma)
    if not objs:
        return False
    k = i + 1
    while k < ctx.n and (ctx.lower[k] in ("a", "an", "the", "its", "their", "his", "her", "our", "national",
                                          "nationwide", "new", "unilateral", "temporary", "total", "full", "two",
                                          "three", "four", "five", "several", "some", "other") or ctx.lower[k].isdigit()
                          or ctx.pos is not None and ctx.pos[k] in ("NUM", "ADJ") or ctx.lower[k] == "-"
                          or k > i + 1 and ctx.lower[k - 1] == "-" and ctx.lower[k] in _SPANS_OF_TIME | {
                              "month", "day", "week", "year", "hour"}):
        k += 1  # ("declared a six-month state of emergency")
    return any(tuple(ctx.lower[k:k + len(o)]) == o for o in objs)


def _is_clock(w: str) -> bool:
    return w in ("a.m.", "p.m.", "am", "pm", "ET", "EST", "EDT", "GMT") or (
        ":" in w and w.replace(":", "").isdigit())


def _trim_speaker(ctx: _Ctx, sp: Range) -> Range:
    """Edges that are no part of who speaks: a live-blog time stamp opening it ("11:15 a.m. Hillary
    Clinton says"), a focus adverb ("Even China said"), a time adjunct closing it ("The Times on
    Saturday wrote", "who in 2010 said")."""
    a, b = sp
    words, lower = ctx.words, ctx.lower
    while a < b - 1 and (_is_clock(words[a]) or lower[a] in ("even", "also", "only", "now", "then")):
        a += 1
    for k in range(a + 1, b):
        if lower[k] in _TIME_PREPS and k + 1 < b and (lower[k + 1] in TIME_WORDS or lower[k + 1] in MONTHS
                                                    or words[k + 1].isdigit() and len(words[k + 1]) == 4) \
                and all(lower[t] in TIME_WORDS or lower[t] in MONTHS or words[t].isdigit() or words[t] == ","
                        for t in range(k + 1, b)):
            b = k
            break
    return (a, b)


def _embedded(ctx: _Ctx, prev: Found, rec: Found, v: tuple[str, str]) -> bool:
    """Whether cue ``rec`` belongs to what ``prev`` reports: a weak cue inside its content, or any
    cue inside the reported clause of a "pre" attribution of the same sentence ("Flynn said Trump
    was right when he said …": one attribution, whose content holds the other's words). Denials
    and accusations stay records of their own (the claims ledger reads them)."""
    i = rec.cue[0]
    if not any(c0 <= i < c1 for c0, c1 in prev.content):
        return False
    if v[0] not in _STRONG and v[1] not in ("deny", "accuse"):
        return True
    if prev.rule not in ("pre", "conj") or v[1] in ("deny", "accuse") or not ctx.has_dep:
        return False
    # the inner cue hangs from the outer one's complement, not from a conjunct or adverbial clause
    # of it ("… and said she would …", "…, though she noted …" are attributions of their own)
    j = prev.cue[1] - 1
    while j > prev.cue[0] and ctx.lower[j] not in ctx.lex.verb_forms:
        j -= 1
    tok = ctx.sdoc[i]
    for _ in range(40):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.i == j:
            return tok.dep_ in ("ccomp", "xcomp", "obj", "dobj")
        tok = head
    return False


def _split_conj(ctx: _Ctx, prev: Found, rec: Found) -> bool:
    """"X said A and called B": a cue coordinated with the previous one (no subject of its own, after
    "and"/"but") inside its content is an attribution of its own; the previous content ends before
    the conjunction. Returns whether ``prev`` was cut."""
    if rec.rule != "conj" or rec.inherit is not prev or prev.rule not in ("pre", "conj") or len(prev.content) != 1:
        return False
    c0, c1 = prev.content[0]
    k = rec.cue[0] - 1  # the conjunction
    if not (c0 < k < c1) or ctx.lower[k] not in ("and", "but") or _inside_quote(ctx, k):
        return False
    j = rec.cue[1] - 1
    while j > rec.cue[0] and ctx.lower[j] not in ctx.lex.verb_forms:
        j -= 1
    if ctx.has_dep and any(c.dep_ in ("nsubj", "nsubj:pass") for c in ctx.sdoc[j].children):
        return False
    cut = k
    while cut > c0 and ctx.words[cut - 1] in (",", ";"):
        cut -= 1
    if cut - c0 < 2:
        return False
    prev.content = [(c0, cut)]
    return True


_POSS_PRON = frozenset("his her their its my our your".split())


def _noun_cue(ctx: _Ctx, i: int) -> Found | None:
    """"Trump's claim that …", "his promise to …": the possessor speaks, the clause is the content."""
    lower = ctx.lower
    lo, hi = ctx.region(i)
    q = i + 1
    if q + 1 >= hi or not (lower[q] == "that" or lower[q] == "to" and ctx.pos[q + 1] in ("VERB", "AUX")):
        return None
    if lower[q] == "that" and ctx.has_dep and ctx.sdoc[q].head.i > q and ctx.sdoc[q].head.dep_ == "acl:relcl":
        return None  # "the claim that he made": a relative clause, not the claim's content
    k = i - 1
    while k >= lo and ctx.pos[k] in ("ADJ", "ADV") and lower[k] not in _POSS_PRON:
        k -= 1  # "earlier", "repeated", "false"
    if k < lo:
        return None
    if lower[k] in _POSS_PRON:
        sp = (k, k + 1)
    elif lower[k] in ("'s", "’s", "'") and k - 1 >= lo:
        sp = _np_left(ctx, k - 1, lo, limit=8)
        if sp is None:
            return None
    else:
        return None
    e = _content_end(ctx, q, hi)
    if ctx.has_dep:  # the clause hanging from the noun, not the rest of the sentence
        cl = [c for c in ctx.sdoc[i].children if c.i > i and c.dep_ in ("acl", "ccomp", "xcomp", "acl:relcl")]
        if cl:
            e = min(e, max(c.right_edge.i for c in cl) + 1)
            while e > q and ctx.punct(e - 1) and not ctx.closes(e - 1):
                e -= 1
    if e - q < 3:
        return None
    return Found((k + 1, i + 1), [(q, e)], sp, "noun", lower[i], "speech")


def _phrase(ctx: _Ctx, i: int) -> Found | None:
    lower = ctx.lower
    for words, side in ctx.lex.phrases:
        k = len(words)
        if tuple(lower[i:i + k]) != words:
            continue
        lo, hi = ctx.region(i)
        cue = (i, i + k)
        if side == "after":
            initial = i == lo or (i == lo + 1 and ctx.punct(lo)) or all(
                ctx.lower[t] in ("but", "and", "yet") for t in range(lo, i))
            sp = _np_right(ctx, i + k, hi, comma=not initial)
            if sp is None:
                return None
            # "According to X, CONTENT" or "CONTENT, according to X[, CONTENT2]"
            if initial or (i == lo + 1 and ctx.punct(lo)) or all(ctx.lower[t] in ("but", "and", "yet") for t in range(lo, i)):
                p = sp[1]
                if p < hi and ctx.words[p] == ",":
                    p += 1
                e = _content_end(ctx, p, hi)
                if e <= p:
                    return None
                return Found(cue, [(p, e)], sp, "according-to", "according to", "phrase")
            b = i - 1
            c = _content_left(ctx, lo, b) if ctx.words[b] == "," or ctx.closes(b) else (lo, i)
            if c is None:
                return None
            contents = [c]
            if sp[1] < hi and ctx.words[sp[1]] == "," and sp[1] + 1 < hi:
                p = sp[1] + 1
                e = _content_end(ctx, p, hi)
                if e - p >= 3 and lower[p] not in ("who", "which", "where"):
                    contents.append((p, e))
            return Found(cue, contents, sp, "according-to", "according to", "phrase")
        if side == "before":
            sp = _np_left(ctx, i - 1, lo) if i > lo else None
            p = i + k
            e = _content_end(ctx, p, hi)
            if sp is None or e <= p:
                return None
            return Found(cue, [(p, e)], sp, "pre", "say", "speech")
    return None


def _colon(ctx: _Ctx, i: int) -> Found | None:
    lo, hi = ctx.region(i)
    pa = ctx.para[i]
    # paragraph bounds
    plo = i
    while plo > 0 and ctx.para[plo - 1] == pa:
        plo -= 1
    phi = i
    while phi < ctx.n and ctx.para[phi] == pa:
        phi += 1
    tr = _transcript(ctx, i, plo, phi)
    if tr is not None:
        return tr
    if i + 1 < hi and ctx.opens(i + 1):
        qi = ctx.quote_at[i + 1]
        if not ctx.substantial(qi):
            return None
        left_lo = max(lo, plo)
        sp = _np_left(ctx, i - 1, left_lo, limit=8) if i > left_lo else None
        if sp is None:
            # "Asked if …, Bergner said: “…”" is handled by the verb; a bare colon needs a speaker
            return None
        if ctx.lex.verb(ctx.lower[i - 1]):
            return None
        o, c = ctx.quotes[qi]
        return Found((i, i + 1), [(o, c + 1)], sp, "colon", ":", "colon")
    # headline style: the whole paragraph, no final full stop
    last = phi - 1
    while last > i and ctx.words[last].isspace():
        last -= 1
    final = ctx.words[last] in _FINAL or ctx.closes(last)
    if phi - plo > 40:
        return None
    tail = (i + 1, last + 1)
    head = (plo, i)
    if ctx.lower[plo] in _LABELS:
        return None  # "Correction: …", "Update: …"
    if final:
        # "Poll: Clinton and Trump in dead heat." (a headline given a full stop): only a short
        # capitalised name opening the paragraph, before a capitalised sentence
        if not (1 <= head[1] - head[0] <= 3 and all(ctx.cap(t) for t in range(*head)) and ctx.cap(i + 1)
                and ctx.sent_lo[i] == plo and ctx.sent_hi[i] >= last):
            return None
        tail = (i + 1, _content_end(ctx, i + 1, last + 1))
    if not any(ctx.cap(t) for t in range(*tail)) or not any(ctx.cap(t) for t in range(*head)):
        return None
    if 1 <= tail[1] - tail[0] <= 4 and all(ctx.cap(t) or ctx.punct(t) for t in range(*tail)) and head[1] - head[0] >= 3:
        return Found((i, i + 1), [head], tail, "colon", ":", "colon")
    if 1 <= head[1] - head[0] <= 3 and all(ctx.cap(t) or ctx.punct(t) for t in range(*head)) and tail[1] - tail[0] >= 3:
        if any(ctx.lex.verb(ctx.lower[t]) for t in range(*tail)):
            return None  # the headline reports an attribution of its own
        return Found((i, i + 1), [tail], head, "colon", ":", "colon")
    return None


def _transcript(ctx: _Ctx, i: int, plo: int, phi: int) -> Found | None:
    """Transcript turns: "WALLACE: Let's start with …" (a speaker's name in capitals opening the
    paragraph, or a quotation, then a colon); the turn runs to the next turn or the paragraph's end."""
    words = ctx.words
    j = i - 1
    while j >= plo and words[j].isupper() and words[j].isalpha() and len(words[j]) > 1 and i - j <= 3:
        j -= 1
    if j == i - 1 or not (j < plo or ctx.is_mark(j) and j == plo) or i + 1 >= phi or ctx.lower[j + 1] in _LABELS:
        return None
    e = phi
    for t in range(i + 2, phi - 1):
        if words[t] == ":" and words[t - 1].isupper() and words[t - 1].isalpha() and len(words[t - 1]) > 1 \
                and (ctx.punct(t - 2) or words[t - 2][-1:] in ".?!"):
            e = t - 1
            while e > i + 1 and words[e - 1].isupper() and words[e - 1].isalpha():
                e -= 1
            break
    while e > i + 1 and (words[e - 1].isspace() or ctx.is_mark(e - 1) and j >= plo):
        e -= 1
    if e - i < 3:
        return None
    return Found((i, i + 1), [(i + 1, e)], (j + 1, i), "colon", ":", "colon")


def _para_end(ctx: _Ctx, i: int) -> int:
    e = i
    while e < ctx.n and ctx.para[e] == ctx.para[i]:
        e += 1
    return e


def _signoff(ctx: _Ctx, i: int) -> Found | None:
    """A dash sign-off: "-- Pamela Padilla" opening a paragraph before (or after) a quotation."""
    if not (i == 0 or ctx.para[i - 1] != ctx.para[i] or ctx.closes(i - 1)):
        return None
    j = i + 1
    while j < ctx.n and ctx.para[j] == ctx.para[i] and j - i <= 4 and ctx.cap(j) and not ctx.is_mark(j):
        j += 1
    if j == i + 1 or j - i > 4 or (ctx.pos is not None and any(ctx.pos[t] not in ("PROPN", "NOUN") for t in range(i + 1, j))):
        return None
    end_para = j >= ctx.n or ctx.para[j] != ctx.para[i] or ctx.words[j] in (".", ",")
    if j < ctx.n and ctx.opens(j) and ctx.para[j] == ctx.para[i]:
        o, c = ctx.quotes[ctx.quote_at[j]]
        return Found((i, i + 1), [(o, c + 1)], (i + 1, j), "signoff", "--", "colon")
    if end_para and i > 0 and ctx.closes(i - 1):
        o, c = ctx.quotes[ctx.quote_at[i - 1]]
        return Found((i, i + 1), [(o, c + 1)], (i + 1, j), "signoff", "--", "colon")
    return None


# verbs whose noun after them is the one told, never an inverted speaker ("“…,” the aide, X, told reporters")
_TELL = ("tell", "assure", "inform", "brief")


def _verb(ctx: _Ctx, i: int, v: tuple[str, str], out: list[Found], last_in_sentence: dict[int, int]) -> Found | None:
    lemma, cls = v
    lo, hi = ctx.region(i)
    words, lower = ctx.words, ctx.lower
    k = i + 1
    while k < hi and (lower[k] in TIME_WORDS or lower[k] in ctx.lex.particles.get(lemma, ())):
        k += 1
    if k == hi - 1 and words[k] == ":" and hi < ctx.n and ctx.para[hi] == ctx.para[k]:
        hi = ctx.region(hi)[1]  # "The governor added: It is typical of …": the words are the next sentence
    cs = _cue_prefix(ctx, i, lo)
    if lemma not in ("say", "quote") and _passive(ctx, cs, i):
        return None
    if cs == i and ctx.has_dep and ctx.tag[i] == "VBN" and ctx.sdoc[i].dep_ in ("acl", "amod") and i + 1 < hi \
            and i > 0 and ctx.pos[i - 1] not in ("PROPN", "PRON") \
            and lower[i + 1] not in ctx.lex.particles.get(lemma, ()) and not (lower[i + 1] == "to" and lemma in ctx.lex.intent):
        return None  # a participle modifying a noun: "a group called X", "members, called to service by …"
    if lemma == "call" and i + 1 < hi and lower[i + 1] in ("in", "into", "off", "up", "back"):
        return None  # "called in to a radio show", "called off the talks"
    ce = i + 1
    particle = False
    if lemma in ctx.lex.particles and ce < hi and lower[ce] in ctx.lex.particles[lemma]:
        ce += 1  # "called for", "pointed out"
        particle = True
    elif lemma in ctx.lex.particle_only:
        return None  # "point", "speak" are cues only as "point out", "spoke about"
    # what follows the cue: adjuncts only (then end/comma) -> the content is on the left
    p, medium = (ce, None)
    if lemma in _TELL:
        p, medium = _skip_recipient(ctx, p, hi)
    p2, med2 = _skip_adjuncts(ctx, p, hi)
    medium = medium or med2
    opens_quote = p2 + 1 < hi and words[p2] in (",", ":") and ctx.opens(p2 + 1)
    tail_empty = not opens_quote and (p2 >= _content_end(ctx, p2, hi) or words[p2] in (",", ";", "--", ".", "!") or (
        ctx.is_mark(p2) and not ctx.opens(p2)) or lower[p2] in _TAIL_OK and lower[p2] not in ("who", "which"))
    b = cs - 1
    if lemma in ctx.lex.quote_only and not (opens_quote or p2 < hi and words[p2] == ":" or b >= lo and (
            ctx.closes(b) or words[b] == "," and b > lo and ctx.closes(b - 1) or words[b] == "," and _inside_quote(ctx, b - 1))
            or b - 1 >= lo and (ctx.closes(b - 1) or b - 2 >= lo and ctx.closes(b - 2))):
        return None  # "continued" is a cue only next to a quotation: "She continued, “…”"

    # appositive speaker: "Somalia's minister, Daud Aweis, said on Monday that …"
    if b > lo and words[b] == "," and not tail_empty and not lower[i].endswith("ing"):
        a2 = _np_left(ctx, b - 1, lo)
        if a2 is not None and a2[0] - 1 > lo and words[a2[0] - 1] == ",":
            a1 = _np_left(ctx, a2[0] - 2, lo)
            if a1 is not None and (a1[0] == lo or a1[0] == _skip_dateline(ctx, lo, a1[1])) and not ctx.has_dep \
                    or a1 is not None and a1[0] == lo and _dep_subject(ctx, i) in (None, (a1[0], b), (a1[0], a1[1])):
                e = _content_end(ctx, p2, hi)
                q = p2 + 1 if p2 < e and words[p2] in (",", ":") else p2
                if e > q:
                    return Found((cs, ce), [(q, e)], (a1[0], b), "pre", lemma, cls, medium=medium)

    # inverted: CONTENT , CUE SPEAKER
    if b >= lo and (words[b] == "," or ctx.closes(b)) and not lower[i].endswith("ing") and lemma not in _TELL \
            and not (ce - cs > 1 and lower[ce - 1] in _OBJ_CASES) and not _svo(ctx, i):  # "warned against a trade war": an object
        sp = _np_right(ctx, ce, hi, limit=40)
        if sp is not None and (lower[sp[0]] in _REFLEXIVES or lower[sp[0]] in OBJECT_PRONOUNS - {"it"}):
            sp = None  # "..., declared himself head of state": an object, no speaker
        if sp is not None:
            p3, med3 = _skip_adjuncts(ctx, sp[1], hi)
            c = _content_left(ctx, lo, b)
            if c is not None and (p3 >= _content_end(ctx, p3, hi) or words[p3] in (",", ";", "(", "--")
                                  or lower[p3] in _TAIL_OK or ctx.closes(b) or ctx.closes(b - 1)):
                # "…,” said Tim Hess, a developer in Ohio, who introduced him to …": a relative clause
                # closing the sentence describes the speaker
                r = sp[1] + (sp[1] < hi and words[sp[1]] == ",")
                if r < hi and lower[r] in ("who", "whose") and p3 == sp[1] and med3 is None:
                    end = _content_end(ctx, r, hi)
                    if not any(ctx.is_mark(t) or (ctx.lex.verb(lower[t]) or ("", ""))[1] in ("speech", "deny", "accuse")
                               for t in range(r, end)):
                        sp = (sp[0], end)
                return Found((cs, ce), [c], sp, "inverted", lemma, cls, medium=med3)

    # post: CONTENT , SPEAKER CUE [adjuncts]
    if tail_empty and b >= lo:
        cands = []
        if ctx.has_dep:
            d = _dep_subject(ctx, i)
            if d and d[1] <= cs and d[0] > lo and d[1] >= cs - 1:
                cands.append(d)
        cands.append(_np_left(ctx, b, lo))
        if words[b] == ",":
            cands.append(_appositive_left(ctx, b, lo))  # "“…,” Quina Jones, 25, said."
        for sp in cands:
            if sp is None or sp[0] - 1 < lo:
                continue
            bb = sp[0] - 1
            if words[bb] == "," or ctx.closes(bb):
                c = _content_left(ctx, lo, bb)
                if c is not None:
                    contents = [c]
                    # "“…,” he said, “…”": a second piece
                    q = p2
                    if q < hi and words[q] in (",", ".") and q + 1 < hi and ctx.opens(q + 1):
                        qi = ctx.quote_at[q + 1]
                        contents.append((q + 1, ctx.quotes[qi][1] + 1))
                    return Found((cs, ce), contents, sp, "post", lemma, cls, medium=medium)

    # participle: "…, saying …" takes the speaker of the cue before it in the sentence
    if lower[i].endswith("ing") and b >= lo and words[b] == ",":
        if p2 + 1 < hi and words[p2] in (",", ":") and (ctx.opens(p2 + 1) or words[p2] == ":"):
            if words[p2] == ":":
                ce = p2 + 1  # "saying:" is the cue
            p2 += 1  # ", saying, “…”": the comma belongs to neither
        prev = last_in_sentence.get(ctx.sent_lo[i])
        e = _content_end(ctx, p2, hi)
        if prev is not None and e > p2:
            return Found((i, ce), [(p2, e)], out[prev].speaker, "participle", lemma, cls, medium=medium,
                         inherit=out[prev])
        sp = _main_subject(ctx, i, lo)
        if sp is not None and e > p2:
            return Found((i, ce), [(p2, e)], sp, "participle", lemma, cls, medium=medium)
        return None
    # a gerund after a preposition: "responded by saying …", "was criticized for calling …", "while
    # chanting, “…”": the clause's subject speaks
    if lower[i].endswith("ing") and b >= lo and lower[b] in _GERUND_PREPS and cls in ("speech", "deny", "accuse") \
            and lemma not in ("ask",) and (ctx.tag is None or ctx.tag[i] == "VBG"):
        q = p2 + 1 if p2 + 1 < hi and words[p2] in (",", ":") else p2
        e = _content_end(ctx, q, hi)
        sp = _main_subject(ctx, i, lo)
        if sp is not None and e > q and not (sp[0] <= i < sp[1]) and lower[b] != "without":
            return Found((i, ce), [(q, e)], sp, "gerund", lemma, cls, medium=medium)
        return None

    # pre: SPEAKER CUE [recipient] [that] CONTENT
    e = _content_end(ctx, p2, hi)
    for t in range(p2 + 1, e - 2):
        if words[t] == "," and (lower[t + 1] in ("while", "whereas") or timing_after_comma(lower, t)) \
                and not _inside_quote(ctx, t):
            e = t  # "urged X to publish the results, while Russia congratulated Y": the narrator's contrast;
            break  # "said he would not sign the bill, a day after police opened fire": the narrator's timing
    if particle and ctx.has_dep and ctx.sdoc[ce - 1].dep_ == "case" and ctx.sdoc[ce - 1].head.i >= ce:
        e = min(e, ctx.sdoc[ce - 1].head.right_edge.i + 1)  # "spoke about her ties to …": the object
    if ctx.has_dep:  # "condemned the raid, and Brazil also criticised Quito": the cue's own conjunct verb
        cue = ctx.sdoc[i]
        # (a parser may hang the conjunct clause on the cue's object: "voiced concern ..., and X said")
        kids = list(cue.children) + [c for o in cue.children if o.dep_ in ("obj", "dobj") for c in o.children
                                     if any(k.dep_.startswith("nsubj") for k in c.children)]
        for c in kids:  # and what it says are not its content
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and p2 < c.left_edge.i < e and not _inside_quote(ctx, c.i) \
                    and not any(k.dep_ == "mark" for k in c.children):  # ("... and that Kigali was ...": said twice)
                e = c.left_edge.i
                while e > p2 and lower[e - 1] in (",", ";", "and", "but", "--"):
                    e -= 1
    if e <= p2:
        return None
    q = p2
    if words[q] in (",", ":") and q + 1 < e:
        if words[q] == ":" and q == ce:
            ce += 1  # "said:" is the cue
        q += 1
    evidence = False
    infinitive = lower[q] == "to" and q + 1 < e and (ctx.pos is None or ctx.pos[q + 1] in ("VERB", "AUX"))
    if cls == "clausal":
        if lemma in ctx.lex.intent and infinitive:
            pass  # "agreed to …", "decided to …"
        elif lower[q] != "that" and not (ctx.has_dep and _has_clause(ctx, i)):
            if lemma not in ctx.lex.evidence_verbs:
                return None
            evidence = True  # "The poll showed Clinton ahead": only with a poll, study … as subject
    elif cls == "intent":
        # "wants to …", "refused to …": the infinitive clause is the content
        if not infinitive or lower[i].endswith("ing"):
            return None  # (and "anyone wanting to …" is no attribution)
    elif cls == "object":
        # "Republicans denounced the plan as a giveaway": the object (and its "as"/"for" complement)
        # is the content; needs a parse, a subject and an object
        if not ctx.has_dep or lower[i].endswith("ing") and not (cs > lo and words[cs - 1] == ","):
            return None
        e = _object_end(ctx, i, q, e)
        if e is None or lemma in ctx.lex.framed_only and not _framed(ctx, i, q):
            return None
    sp = None
    rule = "pre"
    inherit = None
    if cs > lo and lower[cs - 1] in ("and", "but", "or") and ctx.sent_lo[i] in last_in_sentence:
        # "… and said …": coordinated with an earlier cue of the same sentence
        inherit = out[last_in_sentence[ctx.sent_lo[i]]]
        sp, rule = inherit.speaker, "conj"
    if sp is None and ctx.has_dep and cs > lo and lower[cs - 1] in ("and", "but") and ctx.sdoc[i].dep_ == "conj" \
            and not _dep_subject(ctx, i):
        # "X offered talks with India and said …": the first verb's subject speaks, not the words before "and"
        sp = _main_subject(ctx, i, lo)
        if sp is None:
            return None
        rule = "conj"
    if sp is None and ctx.has_dep:
        d = _dep_subject(ctx, i)
        if d and d[1] <= cs and d[1] >= cs - 1 and d[0] >= lo:
            sp = d
            if d[0] - 1 >= lo and (ctx.pos[d[0] - 1] in ("ADJ", "DET") or ctx.pos[d[0] - 1] == "NOUN" == ctx.pos[d[0]]) \
                    and ctx.pos[d[0]] not in ("PRON", "PROPN"):
                ext = _np_left(ctx, d[0] - 1, lo)  # a modifier the parse left out: "Military experts …"
                if ext is not None and ext[1] == d[0]:
                    sp = (ext[0], d[1])
    if sp is None and cs > lo:
        sp = _np_left(ctx, _skip_time_left(ctx, cs - 1, lo), lo)
    if sp is None and cs - 1 > lo and words[cs - 1] == ",":
        # "Angelique Brunner, a developer and spokeswoman for …, which is made up of …, said …"
        start = _skip_dateline(ctx, lo, cs)
        first_comma = next((t for t in range(start, cs) if words[t] == ","), None)
        if first_comma is not None and first_comma > start and ctx.cap(start):
            head = _np_left(ctx, first_comma - 1, start)
            if head is not None and head[0] == start:
                sp = (start, cs - 1)
    if sp is None:
        return None
    if evidence and not _evidence_subject(ctx, sp):
        return None
    if lemma == "call" and sp[0] - 1 >= lo and lower[sp[0] - 1] == "what":
        return None  # "what he called a fraud": a label inside someone's sentence, no attribution of its own
    if rule == "pre" and sp[0] - 1 >= lo and (ctx.pos is not None and ctx.pos[sp[0] - 1] == "ADP"
                                              or lower[sp[0] - 1] in ("amid", "despite", "against")):
        return None  # "amid media reports that …": a prepositional object is no speaker
    if cls == "speech" and lemma in ("ask",) and not particle and lower[q] not in ("whether", "if", "why", "how", "what", "when", "who"):
        return None
    return Found((cs, ce), [(q, e)], sp, rule, lemma, cls, medium=medium, inherit=inherit)


_OBJ_DEPS = frozenset(("obj", "dobj", "ccomp", "xcomp", "iobj"))
_REFLEXIVES = frozenset("himself herself itself themselves ourselves myself".split())
_OBJ_CASES = frozenset("as for about against of on to over with".split())


def _framed(ctx: _Ctx, i: int, q: int) -> bool:
    """Cue i's object is framed ("attacked the plan as a giveaway", "attacked the mayor for …",
    "defended it for protecting …") or is a thing said, decided or proposed ("issued a statement",
    "attacked the reform"): what makes an action verb ("attacked a convoy") an attribution."""
    kids = [c for c in ctx.sdoc[i].children if c.i >= q]
    objs = [c for c in kids if c.dep_ in _OBJ_DEPS]
    if any(c.lower_ in ctx.lex.framed_nouns or c.lemma_.lower() in ctx.lex.framed_nouns for c in objs):
        return True
    personal = any(c.pos_ == "PRON" or c.ent_type_ == "PER" for c in objs)  # not places: "attacked Goma for days"
    for c in kids + [t for o in objs for t in o.subtree]:
        case = c.lower_ if c.dep_ in ("prep", "mark", "case") else next(
            (g.lower_ for g in c.children if g.dep_ in ("case", "mark")), None)
        if case == "as":
            return True  # "… as a betrayal", "… as lawful"
        if case == "for" and c.head.i == i and (personal or c.pos_ == "VERB" or any(
                g.pos_ == "VERB" for g in c.children)):
            return True  # "attacked the mayor for …", "defended the law for protecting …"
    return False


def _object_end(ctx: _Ctx, i: int, q: int, limit: int) -> int | None:
    """End of the object of cue i (its subtree and a complement such as "as a fraud", "for failing
    …"), or None when the cue has no object after it."""
    end = None
    sdoc = ctx.sdoc
    for c in sdoc[i].children:
        if c.i < q:
            continue
        if c.dep_ in _OBJ_DEPS or c.dep_.startswith("obl") and any(
                g.dep_ == "case" and g.lower_ in _OBJ_CASES for g in c.children) and end is not None:
            r = c.right_edge.i + 1
            end = r if end is None else max(end, r)
    if end is None:
        return None
    end = min(end, limit)
    while end > q and ctx.punct(end - 1) and not ctx.closes(end - 1):
        end -= 1
    return end if end > q else None


_HEAD_END = frozenset("of by from in on at for that which who whom whose , -- ( conducted published released "
                      "taken commissioned".split())


def _evidence_subject(ctx: _Ctx, sp: Range) -> bool:
    """A speaker phrase headed by a poll, study, report … ("A 2014 study by Loyola Law School …")."""
    k = sp[0]
    while k < sp[1] and ctx.lower[k] not in _HEAD_END:
        k += 1
    if k == sp[0]:
        return False
    head = ctx.lower[k - 1]
    return head in ctx.lex.evidence_nouns or head.endswith("s") and head[:-1] in ctx.lex.evidence_nouns


def _appositive_left(ctx: _Ctx, b: int, lo: int) -> Range | None:
    """"NAME , APPOSITION ," ending at comma b (exclusive of it): "Quina Jones, 25, said",
    "Phil Smith, a spokesman for the union, said"."""
    a2 = _np_left(ctx, b - 1, lo, limit=20) if b - 1 >= lo else None
    if a2 is None or a2[0] - 2 < lo or ctx.words[a2[0] - 1] != ",":
        return None
    a1 = _np_left(ctx, a2[0] - 2, lo, limit=8)
    if a1 is None or a1[1] != a2[0] - 1 or not ctx.cap(a1[0]) and ctx.lower[a1[0]] not in _DETS:
        return None
    return (a1[0], b)


def _skip_time_left(ctx: _Ctx, k: int, lo: int) -> int:
    """Step left over a time adjunct before a cue: "Kenya's government on Tuesday rejected"."""
    lower = ctx.lower
    j = k
    if j >= lo and (lower[j] in TIME_WORDS or lower[j] in ("week", "month", "year", "night", "morning")):
        j -= 1
        if j >= lo and lower[j] in ("on", "last", "this", "early", "late", "late"):
            j -= 1
        return j if j >= lo else k
    return k


def _main_subject(ctx: _Ctx, i: int, lo: int) -> Range | None:
    """Subject of the clause a participle hangs from: "Boric on Friday defended …, saying …"."""
    if ctx.has_dep:
        head = ctx.sdoc[i]
        for _ in range(4):  # up the clauses it hangs from, to the first with a subject
            if head.head.i == head.i:
                break
            head = head.head
            if head.dep_ in ("acl:relcl", "relcl") and not any(
                    c.dep_.startswith("nsubj") and c.tag_ in ("WP", "WDT") for c in head.children):
                continue  # "France accused X of meddling in Y, where riots have left five dead, and said":
                # not the relative clause's own subject
            d = _dep_subject(ctx, head.i)
            if d is not None:
                return d if d[1] <= i else None
    start = _skip_dateline(ctx, lo, i)
    j = start
    while j < i and (ctx.cap(j) or ctx.lower[j] in ("'s", "’s", "of", "the", "-", ".")):
        j += 1
    if j > start and ctx.cap(start):
        return (start, j)
    return None


_GERUND_PREPS = frozenset("by after before while for from of without upon when".split())
_STRONG = frozenset("say tell add state claim insist warn announce declare confirm stress reiterate note explain".split())


def _with_trailing_name(ctx: _Ctx, rng: Range) -> Range:
    """'the state news agency Orbe': a proper name right after a reporter's noun phrase names it
    (parsers often make it a second subject instead of an apposition)."""
    end = rng[1]
    if ctx.pos is not None:
        while end < ctx.n and ctx.pos[end] == "PROPN" and end - rng[1] < 4:
            end += 1
    return (rng[0], end)


def _resolve_nesting(ctx: _Ctx, recs: list[Found]) -> list[Found]:
    """An attribution whose content holds another's cue reports that one: "X denied …, IRNA reported".
    The outer one becomes the inner one's ``reported_by``; contents never overlap cues or speakers."""
    drop: set[int] = set()
    for a, outer in enumerate(recs):
        if outer.rule not in ("post", "inverted") or outer.speaker is None:
            continue
        media = _media(ctx, outer.speaker)
        for b, inner in enumerate(recs):
            if a == b or b in drop:
                continue
            if any(c0 <= inner.cue[0] < c1 for c0, c1 in outer.content):
                if not media and inner.cue_class not in ("deny", "accuse") and inner.lemma not in _STRONG:
                    drop.add(b)  # "X called for …, sources said": the outer attribution is the quote
                    continue
                if inner.reported_by is None:
                    inner.reported_by = _with_trailing_name(ctx, outer.speaker)
                    inner.extras["reported_cue"] = outer.cue
                    if outer.medium and not inner.medium:
                        inner.medium = outer.medium
                drop.add(a)
    kept = [r for k, r in enumerate(recs) if k not in drop]
    # trim contents at other records' cue/speaker tokens (and at their reporting clauses)
    taken: list[tuple[int, int]] = []
    for r in recs:
        taken.append(r.cue)
        if r.speaker:
            taken.append(r.speaker)
    for r in kept:
        if r.rule == "charge":
            continue  # "X accused Y of Z, a charge Y denies": the whole accusation, its attribution too
        own = {r.cue, r.speaker}
        new = []
        for c0, c1 in r.content:
            cut = c1
            for t0, t1 in taken:
                if (t0, t1) in own:
                    continue
                if c0 < t0 < cut and not (t0 >= c0 and t1 <= c1 and _inside_quote(ctx, t0)):
                    cut = t0
            if cut < c1:
                while cut > c0 and (ctx.words[cut - 1] in (",", ";", "--", "and", "but") or ctx.punct(cut - 1)
                                    and not ctx.closes(cut - 1)):
                    cut -= 1
            if cut > c0:
                new.append((c0, cut))
        r.content = new
    return [r for r in kept if r.content]


def _media(ctx: _Ctx, r: Range) -> bool:
    """A speaker that is a news medium: "the official IRNA news agency", "state television", "Reuters"."""
    text = " ".join(ctx.lower[r[0]:r[1]])
    if any((" " + m + " ") in (" " + text + " ") for m in ctx.lex.media_nouns):
        return True
    from . import agency_in
    return agency_in(" ".join(ctx.words[r[0]:r[1]])) is not None


def _inside_quote(ctx: _Ctx, t: int) -> bool:
    qi = ctx.quote_at[t]
    return qi >= 0 and ctx.substantial(qi)


def _kind(ctx: _Ctx, rec: Found) -> str:
    direct = True
    mixed = False
    for c0, c1 in rec.content:
        q0, q1 = ctx.quote_at[c0], ctx.quote_at[c1 - 1]
        if not (ctx.opens(c0) and q0 == q1 and q0 >= 0):
            direct = False
        if any(ctx.quote_at[t] >= 0 for t in range(c0, c1)):
            mixed = True
    if direct:
        return "direct"
    return "mixed" if mixed else "indirect"


__all__ = ["Found", "find"]
