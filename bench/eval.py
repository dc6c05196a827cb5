"""newsdoc's accuracy report: `make eval` runs it and writes docs/accuracy.md.

It scores the annotator's quotes against PolNeAR, a corpus of US political
news with hand-annotated attributions (source, cue, content), and runs it
over the BBC news corpus (2,225 articles, no gold) to check that every
article imports and to describe what the annotator finds.

How a PolNeAR article is scored
  1. The raw .txt goes through the predictor (by default
     ``newsdoc.parse_text(text, id=..., annotate=True)``). newsdoc drops the
     title line, folds line breaks inside paragraphs and joins paragraphs
     with "\\n\\n", so its offsets are into a different string from
     PolNeAR's. Every paragraph is therefore aligned to the raw text,
     character by character, and every predicted span is mapped back to raw
     offsets (the alignment is checked to reproduce each paragraph).
  2. Both sides are tokenised the same way (regex ``\\w+|[^\\w\\s]`` over the
     raw text; quotation-mark tokens are left out, because newsdoc's spans
     exclude the marks by contract while PolNeAR's contents usually include
     them). A span's tokens are the raw tokens it overlaps.
  3. A prediction and a gold content match at threshold t when the tokens
     they share are at least t of the gold tokens AND at least t of the
     predicted tokens. Pairs are matched one-to-one, greedily, best overlap
     (the smaller of the two ratios) first.
  4. Two scores use that rule. The headline *attribution-unit* score
     groups newsdoc's own output by its attributions (``Quote.attribution``:
     the pieces of an interrupted quote, "A," he said, "B.", and the quoted
     fragments inside reported speech are parts of one statement): the
     predictions (of one category) of one attribution form one predicted
     unit whose tokens are the union of theirs. PolNeAR makes one
     attribution, with one multi-fragment content, of such pieces. The
     grouping never looks at the gold. The secondary *per-quote* score
     matches every prediction on its own (a fragment lying inside another
     prediction is left out), so a second piece is a false positive.
     Speaker accuracy is measured on the per-quote matches.

Every miss, false positive and wrong speaker gets a coarse error kind;
docs/accuracy.md keeps a hand-written review between its review markers
when this script rewrites it.

Usage (with the project's .venv Python):
    .venv/bin/python bench/eval.py [--split dev|train] [--limit N]
        [--output docs/accuracy.md] [--dump-errors errors.jsonl]
        [--predictor newsdoc|newsdoc-models|baseline|MODULE:FUNCTION|FILE.py:FUNCTION] [--no-bbc]

A predictor is any callable ``f(text: str | bytes, doc_id: str)`` that
returns a newsdoc Article (annotated) or a :class:`PredictedArticle`.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import datetime
import importlib
import importlib.util
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "corpora" / "polnear"
BBC = SHARED / "corpora" / "bbc"

THRESHOLDS = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3  # speaker accuracy is measured on quotes matched at this overlap
CATEGORIES = ("direct", "indirect", "all")

Span = Tuple[int, int]  # half-open [start, end) in code points

# ---------------------------------------------------------------------------
# Tokens


TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# Quotation marks (and the apostrophe, which shares ’ and ' with them).
# Their tokens are not counted: newsdoc leaves marks out of a quote's span.
QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‹›")


def tokenize(text: str) -> List[Span]:
    """Token spans of `text`: runs of word characters and single punctuation marks.

    Quotation-mark tokens are dropped, so a span with and a span without its
    surrounding marks have the same tokens.
    """
    return [m.span() for m in TOKEN_RE.finditer(text) if m.group() not in QUOTE_MARKS]


class TokenIndex:
    """The tokens of one raw text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self._starts = [start for start, _ in self.tokens]
        self._ends = [end for _, end in self.tokens]

    def covered(self, spans: Iterable[Span]) -> Set[int]:
        """Indexes of the tokens that overlap any of `spans` by at least one character."""
        found: Set[int] = set()
        for start, end in spans:
            if end <= start:
                continue
            first = bisect.bisect_right(self._ends, start)  # first token ending after `start`
            last = bisect.bisect_left(self._starts, end)  # first token starting at or after `end`
            found.update(range(first, last))
        return found


# ---------------------------------------------------------------------------
# PolNeAR: BRAT standoff


@dataclass
class TextBound:
    """A BRAT text-bound annotation ("T" line): a type and one or more character spans."""

    id: str
    type: str
    spans: List[Span]
    text: str


@dataclass
class GoldAttribution:
    """One PolNeAR attribution: content, source and cue spans (raw code point offsets)."""

    id: str
    content: List[Span]
    source: List[Span] = field(default_factory=list)
    cue: List[Span] = field(default_factory=list)
    kind: str = "indirect"  # "direct" or "indirect", from the quotation marks around the content
    in_body: bool = True  # False when the content lies outside newsdoc's body (title, tags line)


_TEXTBOUND_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_ANY_ID_RE = re.compile(r"^[TERAMN#*]\d*\t")


def read_brat(ann_text: str) -> Tuple[Dict[str, TextBound], List[Tuple[str, str, Dict[str, List[str]]]]]:
    """Parses BRAT standoff text.

    Returns the text-bound annotations by id and the events as
    ``(event id, trigger type, {role: [textbound ids]})``. Roles with a
    number suffix ("Content2") are folded into their base role ("Content"),
    since PolNeAR uses them for extra fragments of the same part. A
    textbound whose span crosses a line break has its text continue on the
    next line(s) of the file; such lines are appended to its text. Notes
    ("#") and other annotation kinds are ignored.
    """
    textbounds: Dict[str, TextBound] = {}
    events: List[Tuple[str, str, Dict[str, List[str]]]] = []
    last: Optional[TextBound] = None
    lines = ann_text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline ends the last line; it is no continuation
    for line in lines:
        line = line.rstrip("\r")
        match = _TEXTBOUND_RE.match(line)
        if match:
            spans = [(int(a), int(b)) for a, b in (part.split() for part in match.group(3).split(";"))]
            last = TextBound(match.group(1), match.group(2), spans, match.group(4))
            textbounds[last.id] = last
            continue
        if line.startswith("E") and "\t" in line:
            last = None
            event_id, _, arguments = line.partition("\t")
            parts = arguments.split()
            if not parts:
                continue
            trigger_type = parts[0].split(":", 1)[0]
            roles: Dict[str, List[str]] = collections.defaultdict(list)
            for part in parts[1:]:
                role, _, target = part.partition(":")
                roles[role.rstrip("0123456789")].append(target)
            events.append((event_id, trigger_type, dict(roles)))
            continue
        if _ANY_ID_RE.match(line):
            last = None
            continue
        if last is not None:  # continuation of a multi-line textbound's text
            last.text += "\n" + line
    return textbounds, events


def read_attributions(ann_text: str, raw_text: str) -> List[GoldAttribution]:
    """The attributions of one PolNeAR .ann file, classified direct or indirect against `raw_text`.

    Each attribution event with a Content becomes one GoldAttribution whose
    content is every fragment of every Content textbound it names. Events
    without content, and textbounds outside events (Discard, Discuss), are
    not attributions.
    """
    textbounds, events = read_brat(ann_text)
    regions = quoted_regions(raw_text)
    attributions = []
    for event_id, _trigger, roles in events:

        def spans_of(role: str) -> List[Span]:
            return sorted(span for tid in roles.get(role, []) if tid in textbounds for span in textbounds[tid].spans)

        content = spans_of("Content")
        if not content:
            continue
        kind = "direct" if is_direct(raw_text, content, regions) else "indirect"
        attributions.append(GoldAttribution(event_id, content, spans_of("Source"), spans_of("Cue"), kind))
    return attributions


def annotation_files(attributions_dir: Path) -> Dict[str, Path]:
    """One .ann file per article: NAME_ANNOTATOR.ann, the first in sorted order when several annotators did it."""
    chosen: Dict[str, Path] = {}
    for path in sorted(attributions_dir.glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, path)
    return chosen


# ---------------------------------------------------------------------------
# Direct or indirect: quotation-mark regions


def _lines(text: str) -> List[Span]:
    """The non-empty lines of `text` (PolNeAR's raw files put one paragraph on a line; some separate
    paragraphs by a single line break, some wrap a paragraph over several lines)."""
    return [m.span() for m in re.finditer(r"[^\n]+", text)]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


# Double quotation marks: the opening and closing characters of each style. A
# straight quote (" or the typewriter pair '' used by the New York Times) opens
# and closes the same way.
_DOUBLE_OPEN = {"“": "curly", "«": "guillemet", "``": "straight"}
_DOUBLE_CLOSE = {"”": "curly", "»": "guillemet"}


def _double_mark(text: str, i: int) -> Tuple[str, str, int]:
    """The double quotation mark at `i` as (role, style, length): role is "open", "close", "toggle" or ""."""
    pair = text[i:i + 2]
    if pair == "''":
        return "toggle", "straight", 2
    if pair == "``":
        return "open", "straight", 2
    ch = text[i]
    if ch == '"':
        return "toggle", "straight", 1
    if ch in _DOUBLE_OPEN:
        return "open", _DOUBLE_OPEN[ch], 1
    if ch in _DOUBLE_CLOSE:
        return "close", _DOUBLE_CLOSE[ch], 1
    return "", "", 1


def _single_mark(text: str, i: int) -> str:
    """"open", "close" or "" for a single quotation mark at `i`, telling quotes from apostrophes."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "‘":
        return "open"
    if ch == "’":
        return "close" if not _is_word(after) else ""  # ’ before a letter is an apostrophe (don’t)
    if ch == "'" and after != "'" and before != "'":  # '' is a double mark
        if (before.isspace() or before in "([{“\"—–-") and _is_word(after):
            return "open"
        if not before.isspace() and not _is_word(after):
            return "close"
    return ""


def _looks_closing(text: str, i: int, length: int) -> bool:
    """Whether the mark at `i` sits like a closing mark: after a non-space, before a non-word character."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    return not before.isspace() and not _is_word(after)


def quoted_regions(text: str) -> List[Span]:
    """Pairs of quotation marks in `text`, as (opening mark offset, closing mark offset).

    Double marks (“ ” « » " and the typewriter pair '') and single marks
    (‘ ’ ') are paired separately, innermost first (a stack), within a
    paragraph. A double quote still open at the end of a line continues when
    the next line opens with a mark of the same style (news style for a quote
    over several paragraphs) or follows after a single line break (a wrapped
    paragraph); after a blank line it is dropped. A single closing mark
    followed by a letter is an apostrophe. Unbalanced marks make no region.
    """
    regions: List[Span] = []
    lines = _lines(text)
    stack: List[Tuple[int, str]] = []  # open double quotes: (offset, style)
    previous_end = 0
    for start, end in lines:
        i = start
        if stack:
            # An open quote continues on the next line when that line opens with the same style of mark (a
            # quote over several paragraphs), or when a single line break separates them (a wrapped paragraph).
            first = start
            while first < end and text[first].isspace():
                first += 1
            role, style, length = _double_mark(text, first) if first < end else ("", "", 1)
            if role in ("open", "toggle") and style == stack[-1][1]:
                i = first + length
            elif text.count("\n", previous_end, start) > 1:
                stack.clear()
        previous_end = end
        while i < end:
            role, style, length = _double_mark(text, i)
            if role and stack and (stack[-1][1] != style or role == "open") and _looks_closing(text, i, length):
                # Mixed styles ("... ” or “ ... ") and a “ typed for ”: a mark placed like a closer closes.
                role, style = "close", stack[-1][1]
            if role == "open" or (role == "toggle" and not (stack and stack[-1][1] == style)):
                stack.append((i, style))
            elif role in ("close", "toggle") and stack and stack[-1][1] == style:
                regions.append((stack.pop()[0], i))
            elif role == "close" and any(s == style for _, s in stack):
                # an inner quote left unclosed: close the outer one of this style
                while stack[-1][1] != style:
                    stack.pop()
                regions.append((stack.pop()[0], i))
            i += length
        singles: List[int] = []
        for i in range(start, end):
            if text[i] not in "‘’'":
                continue
            role = _single_mark(text, i)
            if role == "open":
                singles.append(i)
            elif role == "close" and singles:
                regions.append((singles.pop(), i))
    return sorted(regions)


def _core(text: str, span: Span) -> Span:
    """`span` without surrounding white space, punctuation and quotation marks."""
    start, end = span
    while start < end and not _is_word(text[start]):
        start += 1
    while end > start and not _is_word(text[end - 1]):
        end -= 1
    return start, end


def is_direct(text: str, content: Sequence[Span], regions: Optional[Sequence[Span]] = None) -> bool:
    """Whether every fragment of `content`, stripped of surrounding punctuation and white space,
    lies inside one pair of quotation marks."""
    if regions is None:
        regions = quoted_regions(text)
    cores = [_core(text, span) for span in content]
    cores = [core for core in cores if core[1] > core[0]]
    if not cores:
        return False
    return all(any(open_at < start and end <= close_at for open_at, close_at in regions) for start, end in cores)


# ---------------------------------------------------------------------------
# Predictions and their mapping to raw offsets


@dataclass
class PredictedQuote:
    """A predicted quote, offsets into the article body (paragraphs joined by "\\n\\n")."""

    start: int
    end: int
    kind: str
    speaker_span: Optional[Span] = None
    speaker: Optional[str] = None  # the speaker entity's name, or None
    cue: str = ""
    # (first, last) body paragraph of the quote; None: derived from the offsets when scored.
    paragraphs: Optional[Tuple[int, int]] = None
    # The predictor's own attribution (statement) number within the article; None: not given.
    attribution: Optional[int] = None
    cue_span: Optional[Span] = None  # body offsets of the cue, when the predictor gives them


@dataclass
class PredictedArticle:
    """What the evaluation needs from an annotated article."""

    paragraphs: List[str]
    quotes: List[PredictedQuote]
    title: str = ""
    entities: int = 0
    mentions: int = 0
    decoding_fallback: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def from_newsdoc(article) -> PredictedArticle:
    """A PredictedArticle from a newsdoc Article (its paragraphs, quotes, entity and mention counts)."""
    quotes = []
    for quote in article.quotes:
        speaker = quote.speaker
        span = quote.speaker_span
        paragraphs = getattr(quote, "paragraphs", None)
        attribution = getattr(quote, "attribution", None)
        quotes.append(PredictedQuote(quote.start, quote.end, quote.kind, tuple(span) if span is not None else None,
                                     speaker.name if speaker is not None else None, quote.cue or "",
                                     tuple(paragraphs) if paragraphs is not None else None,
                                     attribution.index if attribution is not None else None,
                                     tuple(quote.cue_span) if getattr(quote, "cue_span", None) is not None else None))
    meta = article.meta or {}
    return PredictedArticle([p.text for p in article.paragraphs], quotes, article.title, len(article.entities),
                            len(article.mentions), bool(meta.get("decoding")))


class AnnotatorUnavailable(RuntimeError):
    """newsdoc cannot annotate yet (no parse_text(annotate=True) and no newsdoc.annotate)."""


def newsdoc_predictor(text: Union[str, bytes], doc_id: str):
    """The default predictor: newsdoc's importer and annotator."""
    import newsdoc

    try:
        return newsdoc.parse_text(text, id=doc_id, annotate=True)
    except TypeError as error:
        if "annotate" not in str(error):
            raise
    annotate = getattr(newsdoc, "annotate", None)
    if annotate is None:
        raise AnnotatorUnavailable("newsdoc has neither parse_text(..., annotate=True) nor newsdoc.annotate")
    return annotate(newsdoc.parse_text(text, id=doc_id))


_BASELINE_QUOTE_RE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")


def baseline_predictor(text: Union[str, bytes], doc_id: str) -> PredictedArticle:
    """A reference floor: every text between double quotation marks is a direct quote, no speaker.

    Uses newsdoc's importer for the paragraphs (not its annotator), so the
    mapping to raw offsets is exercised the same way.
    """
    import newsdoc

    try:
        article = newsdoc.parse_text(text, id=doc_id, annotate=False)
    except TypeError:  # a newsdoc from before the annotator
        article = newsdoc.parse_text(text, id=doc_id)
    paragraphs = [p.text for p in article.paragraphs]
    body = "\n\n".join(paragraphs)
    quotes = []
    for match in _BASELINE_QUOTE_RE.finditer(body):
        group = 1 if match.group(1) is not None else 2
        quotes.append(PredictedQuote(match.start(group), match.end(group), "direct"))
    return PredictedArticle(paragraphs, quotes, article.title, decoding_fallback=bool(article.meta.get("decoding")))


_models_annotator = None


def newsdoc_models_predictor(text: Union[str, bytes], doc_id: str):
    """newsdoc's importer and annotator with the trained models of models/ (entities from the learned tagger)."""
    import newsdoc

    global _models_annotator
    if _models_annotator is None:
        _models_annotator = newsdoc.Annotator(models=str(ROOT / "models"))
    return newsdoc.parse_text(text, id=doc_id, annotator=_models_annotator)


def load_predictor(spec: str) -> Callable[[Union[str, bytes], str], object]:
    """The predictor named by `spec`: "newsdoc", "newsdoc-models", "baseline", "module:function" or "path/file.py:function"."""
    if spec == "newsdoc":
        return newsdoc_predictor
    if spec == "newsdoc-models":
        return newsdoc_models_predictor
    if spec == "baseline":
        return baseline_predictor
    target, _, function = spec.rpartition(":")
    if not target or not function:
        raise SystemExit(f"--predictor {spec!r}: expected newsdoc, newsdoc-models, baseline, MODULE:FUNCTION or "
                         "FILE.py:FUNCTION")
    if target.endswith(".py"):
        module_spec = importlib.util.spec_from_file_location("eval_predictor", target)
        if module_spec is None or module_spec.loader is None:
            raise SystemExit(f"--predictor: cannot load {target}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    return getattr(module, function)


def as_predicted(result) -> PredictedArticle:
    """A predictor's result as a PredictedArticle (newsdoc Articles are converted)."""
    return result if isinstance(result, PredictedArticle) else from_newsdoc(result)


class MappingError(AssertionError):
    """A paragraph of the body could not be located in the raw text."""


def _align_at(raw: str, position: int, paragraph: str) -> Optional[List[int]]:
    """Raw offsets of each character of `paragraph` if it reads from `position` on, else None.

    Non-space characters must be equal. A run of white space in the
    paragraph matches a run of white space in the raw text of any length
    (folding turned "\\n" into " ", and may have merged "\\u00a0\\n");
    its characters map to successive positions of the raw run.
    """
    offsets: List[int] = []
    i, j = 0, position
    size, raw_size = len(paragraph), len(raw)
    while i < size:
        ch = paragraph[i]
        if ch.isspace():
            run_end = i
            while run_end < size and paragraph[run_end].isspace():
                run_end += 1
            raw_end = j
            while raw_end < raw_size and raw[raw_end].isspace():
                raw_end += 1
            if raw_end == j:
                return None
            offsets.extend(min(j + k, raw_end - 1) for k in range(run_end - i))
            i, j = run_end, raw_end
        elif j < raw_size and raw[j] == ch:
            offsets.append(j)
            i += 1
            j += 1
        else:
            return None
    return offsets


class BodyMap:
    """Maps offsets into newsdoc's body text (paragraphs joined by "\\n\\n") to offsets into the raw text."""

    def __init__(self, raw: str, paragraphs: Sequence[str]) -> None:
        self.raw = raw
        self.paragraphs = list(paragraphs)
        self.char_to_raw: List[int] = []
        self.paragraph_spans: List[Span] = []  # raw span of each paragraph
        cursor = 0
        for number, paragraph in enumerate(self.paragraphs):
            if number:
                # The "\n\n" separator maps just after the previous paragraph.
                after = self.char_to_raw[-1] + 1 if self.char_to_raw else cursor
                self.char_to_raw.extend([after, after])
            offsets = self._locate(paragraph, cursor) if paragraph else []
            if offsets:
                self.paragraph_spans.append((offsets[0], offsets[-1] + 1))
                cursor = offsets[-1] + 1
            else:
                self.paragraph_spans.append((cursor, cursor))
            self.char_to_raw.extend(offsets)
        self._check()

    def _locate(self, paragraph: str, cursor: int) -> List[int]:
        """The raw offsets of `paragraph`, searched from `cursor` on, in order."""
        stripped = paragraph.lstrip()
        lead = len(paragraph) - len(stripped)
        anchor = re.split(r"\s", stripped, maxsplit=1)[0][:40]
        position = self.raw.find(anchor, cursor)
        while position >= 0:
            offsets = _align_at(self.raw, position, stripped)
            if offsets is not None:
                first = offsets[0] if offsets else position
                return [first] * lead + offsets
            position = self.raw.find(anchor, position + 1)
        raise MappingError(f"paragraph not found in the raw text after offset {cursor}: {paragraph[:80]!r}")

    def _check(self) -> None:
        """The mapping reproduces the body: same non-space characters, in increasing raw order."""
        body = "\n\n".join(self.paragraphs)
        if len(self.char_to_raw) != len(body):
            raise MappingError(f"mapped {len(self.char_to_raw)} characters of a {len(body)}-character body")
        previous = -1
        for index, (ch, raw_index) in enumerate(zip(body, self.char_to_raw)):
            if raw_index < previous:
                raise MappingError(f"body offset {index} maps backwards ({raw_index} < {previous})")
            previous = raw_index
            if not ch.isspace() and self.raw[raw_index] != ch:
                raise MappingError(f"body offset {index} {ch!r} maps to raw {raw_index} {self.raw[raw_index]!r}")
        for paragraph, (start, end) in zip(self.paragraphs, self.paragraph_spans):
            if " ".join(self.raw[start:end].split()) != " ".join(paragraph.split()):
                raise MappingError(f"raw text of paragraph differs: {paragraph[:80]!r}")

    def span(self, start: int, end: int) -> Span:
        """The raw span of body span [start, end)."""
        if not self.char_to_raw:
            return 0, 0
        size = len(self.char_to_raw)
        start = min(max(start, 0), size - 1)
        if end <= start:
            return self.char_to_raw[start], self.char_to_raw[start]
        return self.char_to_raw[start], self.char_to_raw[min(end, size) - 1] + 1

    def in_body(self, spans: Iterable[Span]) -> bool:
        """Whether any of the raw `spans` overlaps a paragraph of the body."""
        return any(s < pe and ps < e for s, e in spans for ps, pe in self.paragraph_spans)


# ---------------------------------------------------------------------------
# Matching and scores


def drop_contained(spans: Sequence[Span]) -> List[int]:
    """Indexes of the spans not lying entirely inside another one (of two equal spans the first is kept)."""
    kept = []
    for i, (start, end) in enumerate(spans):
        inside = any(j != i and s <= start and end <= e and ((s, e) != (start, end) or j < i)
                     for j, (s, e) in enumerate(spans))
        if not inside:
            kept.append(i)
    return kept


def match_token_sets(gold: Sequence[Set[int]], predicted: Sequence[Set[int]], threshold: float) -> List[Tuple[int, int]]:
    """One-to-one matches (gold index, predicted index) at `threshold`.

    A pair qualifies when the shared tokens are at least `threshold` of the
    gold tokens and at least `threshold` of the predicted tokens (and at
    least one). Qualifying pairs are taken greedily, best first, by the
    smaller of the two ratios, then by the number of shared tokens.
    """
    candidates = []
    for gi, g in enumerate(gold):
        if not g:
            continue
        for pi, p in enumerate(predicted):
            if not p:
                continue
            shared = len(g & p)
            if shared and shared >= threshold * len(g) and shared >= threshold * len(p):
                candidates.append((min(shared / len(g), shared / len(p)), shared, gi, pi))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_gold: Set[int] = set()
    used_pred: Set[int] = set()
    matches = []
    for _score, _shared, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches.append((gi, pi))
    return sorted(matches)


def overlaps(a: Span, spans: Iterable[Span]) -> bool:
    """Whether span `a` shares at least one character with any of `spans`."""
    return any(a[0] < e and s < a[1] for s, e in spans)


@dataclass
class Counts:
    """Counts behind one row of the report; they add up over articles."""

    gold: int = 0
    predicted: int = 0
    matched: Dict[float, int] = field(default_factory=lambda: {t: 0 for t in THRESHOLDS})
    # Attribution-unit score (see attribution_units): predicted units, and units matched per threshold.
    units: int = 0
    units_matched: Dict[float, int] = field(default_factory=lambda: {t: 0 for t in THRESHOLDS})
    # Speaker, over pairs matched at SPEAKER_THRESHOLD:
    pairs: int = 0  # matched pairs
    pairs_with_speaker: int = 0  # ... whose prediction has a speaker_span (coverage)
    judged: int = 0  # ... whose gold has a Source and whose prediction has a speaker_span
    speaker_correct: int = 0  # ... of which the speaker_span overlaps the gold Source
    pairs_with_source: int = 0  # matched pairs whose gold has a Source (end-to-end denominator)

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.units += other.units
        for t in THRESHOLDS:
            self.matched[t] += other.matched[t]
            self.units_matched[t] += other.units_matched[t]
        self.pairs += other.pairs
        self.pairs_with_speaker += other.pairs_with_speaker
        self.judged += other.judged
        self.speaker_correct += other.speaker_correct
        self.pairs_with_source += other.pairs_with_source

    def precision(self, t: float) -> float:
        return self.matched[t] / self.predicted if self.predicted else 0.0

    def recall(self, t: float) -> float:
        return self.matched[t] / self.gold if self.gold else 0.0

    def f1(self, t: float) -> float:
        p, r = self.precision(t), self.recall(t)
        return 2 * p * r / (p + r) if p + r else 0.0

    def unit_precision(self, t: float) -> float:
        """Precision of the attribution-unit score: matched units / predicted units."""
        return self.units_matched[t] / self.units if self.units else 0.0

    def unit_recall(self, t: float) -> float:
        """Recall of the attribution-unit score: matched gold / gold."""
        return self.units_matched[t] / self.gold if self.gold else 0.0

    def unit_f1(self, t: float) -> float:
        p, r = self.unit_precision(t), self.unit_recall(t)
        return 2 * p * r / (p + r) if p + r else 0.0

    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.judged if self.judged else 0.0

    def speaker_coverage(self) -> float:
        return self.pairs_with_speaker / self.pairs if self.pairs else 0.0

    def speaker_end_to_end(self) -> float:
        return self.speaker_correct / self.pairs_with_source if self.pairs_with_source else 0.0


@dataclass
class RawQuote:
    """A predicted quote in raw offsets."""

    span: Span
    kind: str
    speaker_span: Optional[Span]
    speaker: Optional[str]
    cue: str
    paragraphs: Optional[Tuple[int, int]] = None  # (first, last) body paragraph
    attribution: Optional[int] = None  # the predictor's statement number, if it gives one
    cue_span: Optional[Span] = None  # raw offsets of the cue, if the predictor gives it


def body_paragraphs(paragraphs: Sequence[str], start: int, end: int) -> Tuple[int, int]:
    """The (first, last) index of the paragraphs that body span [start, end) lies in (paragraphs joined by
    "\\n\\n"); a span starting in a separator counts from the next paragraph, one ending in it to the previous."""
    starts, offset = [], 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 2
    if not starts:
        return 0, 0
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    if start >= starts[first] + len(paragraphs[first]) and first + 1 < len(starts):
        first += 1  # starts in the separator after paragraph `first`
    last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
    return first, last


def attribution_units(quotes: Sequence[RawQuote]) -> List[List[int]]:
    """The predicted attribution units among `quotes`, as lists of indexes into `quotes`.

    A predictor that numbers its statements (newsdoc's ``Quote.attribution``:
    the pieces of an interrupted quote, and quoted fragments inside reported
    speech, share their statement's) is taken at its word: quotes with the
    same number are one unit. For a predictor that gives no numbers, quotes
    with the same non-null speaker_span, the same cue and the same single
    paragraph form one unit, and every other quote (no speaker span, no
    known paragraph, or a quote over several paragraphs) is a unit of its
    own. Units come in the order of their first quote. The gold plays no
    part.
    """
    units: List[List[int]] = []
    by_key: Dict[tuple, int] = {}
    numbered = bool(quotes) and all(q.attribution is not None for q in quotes)
    for i, q in enumerate(quotes):
        if numbered:
            key: tuple = (q.attribution,)
        elif q.speaker_span is None or q.paragraphs is None or q.paragraphs[0] != q.paragraphs[1]:
            units.append([i])
            continue
        else:
            key = (tuple(q.speaker_span), q.cue, q.paragraphs[0])
        if key in by_key:
            units[by_key[key]].append(i)
        else:
            by_key[key] = len(units)
            units.append([i])
    return units


def predictions_for(category: str, quotes: Sequence[RawQuote]) -> List[int]:
    """Indexes of the predictions scored in `category`.

    all: every prediction not lying entirely inside another (a partial quote
    inside its indirect quote is the same attribution); direct: the direct
    ones; indirect: indirect and partial ones, with the same containment rule.
    """
    if category == "direct":
        return [i for i, q in enumerate(quotes) if q.kind == "direct"]
    if category == "indirect":
        chosen = [i for i, q in enumerate(quotes) if q.kind in ("indirect", "partial")]
    else:
        chosen = list(range(len(quotes)))
    kept = drop_contained([quotes[i].span for i in chosen])
    return [chosen[k] for k in kept]


def gold_for(category: str, gold: Sequence[GoldAttribution]) -> List[int]:
    """Indexes of the gold attributions (in the body) scored in `category`."""
    return [i for i, g in enumerate(gold) if g.in_body and (category == "all" or g.kind == category)]


@dataclass
class ArticleResult:
    """Counts per category and the errors (at SPEAKER_THRESHOLD, category "all") of one article."""

    name: str
    counts: Dict[str, Counts]
    misses: List[dict]
    false_positives: List[dict]
    outside_body: int = 0
    # Per gold quote in the body (category all): (kind, cue class, matched at 0.3, matched at 0.8).
    outcomes: List[Tuple[str, str, bool, bool]] = field(default_factory=list)
    cues: "CueCounts" = None  # type: ignore[assignment]


def _context(raw: str, span: Span, width: int = 160) -> Tuple[str, str]:
    return raw[max(0, span[0] - width):span[0]], raw[span[1]:span[1] + width]


def _texts(raw: str, spans: Sequence[Span]) -> str:
    return " … ".join(raw[s:e] for s, e in spans)


def score_article(name: str, raw: str, gold: List[GoldAttribution], predicted: PredictedArticle) -> ArticleResult:
    """Scores one article's predictions against its gold attributions (see the module docstring)."""
    body_map = BodyMap(raw, predicted.paragraphs)
    for g in gold:
        g.in_body = body_map.in_body(g.content)
    index = TokenIndex(raw)
    quotes = [RawQuote(body_map.span(q.start, q.end), q.kind,
                       body_map.span(*q.speaker_span) if q.speaker_span is not None else None, q.speaker, q.cue,
                       tuple(q.paragraphs) if q.paragraphs is not None
                       else body_paragraphs(predicted.paragraphs, q.start, q.end), q.attribution,
                       body_map.span(*q.cue_span) if q.cue_span is not None else None)
              for q in predicted.quotes]
    gold_tokens = [index.covered(g.content) for g in gold]
    pred_tokens = [index.covered([q.span]) for q in quotes]
    counts: Dict[str, Counts] = {}
    misses: List[dict] = []
    false_positives: List[dict] = []
    matched_at: Dict[float, Set[int]] = {}
    for category in CATEGORIES:
        gold_ids = gold_for(category, gold)
        pred_ids = predictions_for(category, quotes)
        c = Counts(gold=len(gold_ids), predicted=len(pred_ids))
        category_gold = [gold_tokens[i] for i in gold_ids]
        category_pred = [pred_tokens[i] for i in pred_ids]
        units = [set().union(*(category_pred[k] for k in unit))
                 for unit in attribution_units([quotes[i] for i in pred_ids])]
        c.units = len(units)
        for t in THRESHOLDS:
            c.units_matched[t] = len(match_token_sets(category_gold, units, t))
            matches = match_token_sets(category_gold, category_pred, t)
            c.matched[t] = len(matches)
            if category == "all":
                matched_at[t] = {gold_ids[gk] for gk, _ in matches}
            if t != SPEAKER_THRESHOLD:
                continue
            for gk, pk in matches:
                g, q = gold[gold_ids[gk]], quotes[pred_ids[pk]]
                c.pairs += 1
                c.pairs_with_speaker += q.speaker_span is not None
                if g.source:
                    c.pairs_with_source += 1
                    if q.speaker_span is not None:
                        c.judged += 1
                        c.speaker_correct += overlaps(q.speaker_span, g.source)
                        if category == "all" and not overlaps(q.speaker_span, g.source):
                            false_positives.append(_wrong_speaker_record(name, raw, g, q))
            if category == "all":
                matched_gold = {gk for gk, _ in matches}
                matched_pred = {pk for _, pk in matches}
                for gk, gi in enumerate(gold_ids):
                    if gk not in matched_gold:
                        misses.append(_miss_record(name, raw, gold[gi], gold_tokens[gi], quotes, pred_tokens))
                for pk, pi in enumerate(pred_ids):
                    if pk not in matched_pred:
                        false_positives.append(_false_positive_record(name, raw, quotes[pi], pred_tokens[pi],
                                                                      gold, gold_tokens, matched_at[t]))
        counts[category] = c
    outside = sum(not g.in_body for g in gold)
    outcomes = [(g.kind, classify_cue(_texts(raw, g.cue)), i in matched_at[0.3], i in matched_at[0.8])
                for i, g in enumerate(gold) if g.in_body]
    return ArticleResult(name, counts, misses, false_positives, outside, outcomes, score_cues(index, gold, quotes))


@dataclass
class CueCounts:
    """Cue spans: the gold cues of the attributions in the body against the distinct cue spans of the
    predictions, matched one to one by tokens (overlap: any shared token; exact: the same tokens)."""

    gold: int = 0
    predicted: int = 0
    overlap: int = 0
    exact: int = 0

    def add(self, other: "CueCounts") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.overlap += other.overlap
        self.exact += other.exact


def score_cues(index: "TokenIndex", gold: Sequence[GoldAttribution], quotes: Sequence[RawQuote]) -> CueCounts:
    gold_cues = [index.covered(g.cue) for g in gold if g.in_body and g.cue]
    gold_cues = [t for t in gold_cues if t]
    spans = sorted({q.cue_span for q in quotes if q.cue_span is not None})
    predicted = [t for t in (index.covered([s]) for s in spans) if t]
    overlap = len(match_token_sets(gold_cues, predicted, 1e-9))
    exact = sum(1 for t in predicted if t in gold_cues)  # distinct predicted cues equal to some gold cue
    return CueCounts(len(gold_cues), len(predicted), overlap, min(exact, len(gold_cues)))


# ---------------------------------------------------------------------------
# Error records and their coarse classification

SPEECH_VERBS = frozenset("""
say says said saying tell tells told telling add adds added adding ask asks asked asking
announce announces announced claim claims claimed argue argues argued explain explains explained
note notes noted insist insists insisted state states stated write writes wrote written report reports reported
respond responds responded reply replies replied declare declares declared warn warns warned suggest suggests
suggested tweet tweets tweeted call calls called acknowledge acknowledged admit admits admitted deny denies denied
continue continued quip quipped recall recalled agree agreed predict predicted allege alleged accuse accused
charge charged promise promised vow vowed pledge pledged urge urged
""".split())
EVIDENCE_CUES = frozenset("""
show shows showed shown find finds found found indicate indicates indicated reveal reveals revealed
poll polls survey surveys data study studies document documents documented cite cites cited citing
""".split())
COGNITION_VERBS = frozenset("""
believe believes believed think thinks thought want wants wanted hope hopes hoped expect expects expected
fear fears feared feel feels felt know knows knew plan plans planned intend intends intended worry worries worried
consider considers considered see sees saw view views viewed doubt doubts doubted wonder wondered
decide decided seek seeks sought like likes liked prefer prefers preferred
""".split())
PRONOUNS = frozenset("he she they it we i you him her them his who which".split())


CUE_CLASSES = ("speech verb", "according to", "belief or intention", "evidence (shows, found, cited)",
               "other predicate (criticized, endorsed, called for, ...)", "no cue")


def classify_cue(cue_text: str) -> str:
    """A coarse class of a gold cue, one of CUE_CLASSES."""
    words = re.findall(r"[a-z]+", cue_text.lower())
    if not words:
        return "no cue"
    if "according" in words:
        return "according to"
    # "called for" and "called on" ask for something; they are not speech reports
    calls_for = {i for i, w in enumerate(words[:-1]) if w.startswith("call") and words[i + 1] in ("for", "on")}
    if any(w in SPEECH_VERBS for i, w in enumerate(words) if i not in calls_for):
        return "speech verb"
    if any(w in COGNITION_VERBS for w in words):
        return "belief or intention"
    if any(w in EVIDENCE_CUES for w in words):
        return "evidence (shows, found, cited)"
    return "other predicate (criticized, endorsed, called for, ...)"


def classify_source(source_text: str) -> str:
    """A coarse class of a gold source: none, pronoun, named (capitalised), or common noun phrase."""
    if not source_text.strip():
        return "no source"
    words = source_text.split()
    if len(words) == 1 and words[0].lower().strip(".,") in PRONOUNS:
        return "pronoun"
    if any(w[:1].isupper() for w in words if w.lower() not in ("the", "a", "an")):
        return "named"
    return "noun phrase"


def _miss_record(name: str, raw: str, g: GoldAttribution, tokens: Set[int], quotes: Sequence[RawQuote],
                 pred_tokens: Sequence[Set[int]]) -> dict:
    span = (g.content[0][0], g.content[-1][1])
    before, after = _context(raw, span)
    best = max(range(len(quotes)), key=lambda i: len(tokens & pred_tokens[i]), default=None)
    shared = len(tokens & pred_tokens[best]) if best is not None else 0
    record = {
        "type": "miss", "article": name, "gold_kind": g.kind, "text": _texts(raw, g.content), "span": list(span),
        "source": _texts(raw, g.source), "cue": _texts(raw, g.cue), "before": before, "after": after,
    }
    if shared:
        q = quotes[best]
        record["closest_prediction"] = {"text": raw[q.span[0]:q.span[1]], "kind": q.kind, "shared_tokens": shared,
                                        "gold_tokens": len(tokens), "predicted_tokens": len(pred_tokens[best])}
    if shared:
        record["error_kind"] = f"{g.kind}: overlapping prediction below 0.3 (boundary)"
    elif g.kind == "direct":
        record["error_kind"] = "direct: no prediction"
    else:
        record["error_kind"] = f"indirect, {classify_cue(record['cue'])}: no prediction"
    record["source_kind"] = classify_source(record["source"])
    return record


def _false_positive_record(name: str, raw: str, q: RawQuote, tokens: Set[int], gold: Sequence[GoldAttribution],
                           gold_tokens: Sequence[Set[int]], matched_gold: Set[int]) -> dict:
    before, after = _context(raw, q.span)
    best = max(range(len(gold)), key=lambda i: len(tokens & gold_tokens[i]), default=None)
    shared = len(tokens & gold_tokens[best]) if best is not None else 0
    record = {
        "type": "false_positive", "article": name, "predicted_kind": q.kind, "text": raw[q.span[0]:q.span[1]],
        "span": list(q.span), "speaker": q.speaker, "cue": q.cue,
        "speaker_text": raw[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else None,
        "before": before, "after": after,
    }
    if shared:
        g = gold[best]
        record["closest_gold"] = {"text": _texts(raw, g.content), "kind": g.kind, "shared_tokens": shared,
                                  "gold_tokens": len(gold_tokens[best]), "predicted_tokens": len(tokens),
                                  "source": _texts(raw, g.source), "cue": _texts(raw, g.cue)}
        if tokens and shared >= 0.8 * len(tokens) and best in matched_gold:
            record["error_kind"] = "another piece of a gold quote already matched (PolNeAR joins the pieces)"
        elif tokens and shared >= 0.8 * len(tokens):
            record["error_kind"] = "inside a longer gold quote, below 0.3 of it"
        else:
            record["error_kind"] = "overlaps a gold quote, boundaries differ (below 0.3)"
    elif any(overlaps(q.span, g.source + g.cue) for g in gold):
        record["error_kind"] = "span is a gold source or cue"
    elif q.kind == "direct" and len(tokens) <= 4:
        record["error_kind"] = "short quoted phrase (scare quotes, title, term)"
    else:
        record["error_kind"] = f"no gold attribution here ({q.kind})"
    return record


def _wrong_speaker_record(name: str, raw: str, g: GoldAttribution, q: RawQuote) -> dict:
    before, after = _context(raw, q.span)
    return {
        "type": "wrong_speaker", "article": name, "predicted_kind": q.kind, "gold_kind": g.kind,
        "text": raw[q.span[0]:q.span[1]], "speaker_text": raw[q.speaker_span[0]:q.speaker_span[1]],
        "speaker": q.speaker, "gold_source": _texts(raw, g.source), "cue": q.cue, "gold_cue": _texts(raw, g.cue),
        "error_kind": f"wrong speaker (gold source is {classify_source(_texts(raw, g.source))})",
        "before": before, "after": after,
    }


# ---------------------------------------------------------------------------
# Runs


@dataclass
class PolnearRun:
    split: str
    articles: int
    annotators_dropped: int  # extra annotators' files not used
    totals: Dict[str, Counts]
    gold_kinds: Dict[str, int]
    outside_body: int
    mapping_failures: List[str]
    misses: List[dict]
    false_positives: List[dict]
    seconds: float
    outcomes: List[Tuple[str, str, bool, bool]] = field(default_factory=list)
    cues: CueCounts = field(default_factory=CueCounts)


def run_polnear(predictor: Callable, split: str = "dev", limit: Optional[int] = None,
                root: Path = POLNEAR) -> PolnearRun:
    """Scores `predictor` on one PolNeAR split (one annotator per article, the first file in sorted order)."""
    started = time.perf_counter()
    folder = root / split
    files = annotation_files(folder / "attributions")
    all_ann = len(list((folder / "attributions").glob("*.ann")))
    names = sorted(files)
    if limit is not None:
        names = names[:limit]
    totals = {c: Counts() for c in CATEGORIES}
    gold_kinds: collections.Counter = collections.Counter()
    outside = 0
    failures: List[str] = []
    misses: List[dict] = []
    false_positives: List[dict] = []
    outcomes: List[Tuple[str, str, bool, bool]] = []
    cues = CueCounts()
    for name in names:
        raw = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_attributions(files[name].read_text(encoding="utf-8"), raw)
        predicted = as_predicted(predictor(raw, name))
        try:
            result = score_article(name, raw, gold, predicted)
        except MappingError as error:
            failures.append(f"{name}: {error}")
            continue
        for c in CATEGORIES:
            totals[c].add(result.counts[c])
        gold_kinds.update(g.kind for g in gold if g.in_body)
        outside += result.outside_body
        misses.extend(result.misses)
        false_positives.extend(result.false_positives)
        outcomes.extend(result.outcomes)
        cues.add(result.cues)
    return PolnearRun(split, len(names), all_ann - len(files), totals, dict(gold_kinds), outside, failures,
                      misses, false_positives, time.perf_counter() - started, outcomes, cues)


@dataclass
class BbcRun:
    articles: int
    failures: List[str]
    quotes_by_kind: Dict[str, int]
    quotes: int
    with_speaker: int
    with_speaker_span: int
    entities: int
    mentions: int
    decoding_fallbacks: List[str]
    seconds: float


def run_bbc(predictor: Callable, limit: Optional[int] = None, root: Path = BBC) -> BbcRun:
    """Imports and annotates every BBC .txt file (as bytes, so the decoding fallback is exercised)."""
    started = time.perf_counter()
    paths = sorted(root.glob("*/*.txt"))
    if limit is not None:
        paths = paths[:limit]
    failures: List[str] = []
    by_kind: collections.Counter = collections.Counter()
    quotes = with_speaker = with_span = entities = mentions = 0
    fallbacks: List[str] = []
    for path in paths:
        doc_id = f"{path.parent.name}/{path.stem}"
        try:
            article = as_predicted(predictor(path.read_bytes(), doc_id))
        except Exception as error:  # every failure is counted and listed, not fatal
            failures.append(f"{doc_id}: {type(error).__name__}: {error}")
            continue
        for q in article.quotes:
            by_kind[q.kind] += 1
            quotes += 1
            with_speaker += q.speaker is not None
            with_span += q.speaker_span is not None
        entities += article.entities
        mentions += article.mentions
        if article.decoding_fallback:
            fallbacks.append(doc_id)
    return BbcRun(len(paths), failures, dict(by_kind), quotes, with_speaker, with_span, entities, mentions,
                  fallbacks, time.perf_counter() - started)


# ---------------------------------------------------------------------------
# Report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def units_table(run: PolnearRun) -> List[str]:
    """Markdown rows of the headline attribution-unit score, per category and threshold."""
    lines = ["| attribution units (headline) | gold | predicted units | P@0.3 | R@0.3 | F1@0.3 | P@0.8 | R@0.8 "
             "| F1@0.8 |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in CATEGORIES:
        t = run.totals[c]
        lines.append(f"| {c} | {t.gold} | {t.units} | " + " | ".join(
            f"{_pct(t.unit_precision(x))} | {_pct(t.unit_recall(x))} | {_pct(t.unit_f1(x))}" for x in THRESHOLDS)
            + " |")
    return lines


def quote_table(run: PolnearRun) -> List[str]:
    """Markdown rows of the strict per-quote score, per category and threshold."""
    lines = ["| per quote (strict) | gold | predicted | P@0.3 | R@0.3 | F1@0.3 | P@0.8 | R@0.8 | F1@0.8 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in CATEGORIES:
        t = run.totals[c]
        lines.append(f"| {c} | {t.gold} | {t.predicted} | " + " | ".join(
            f"{_pct(t.precision(x))} | {_pct(t.recall(x))} | {_pct(t.f1(x))}" for x in THRESHOLDS) + " |")
    return lines


def speaker_table(run: PolnearRun) -> List[str]:
    """Markdown rows of speaker coverage and accuracy, over the per-quote matches at SPEAKER_THRESHOLD."""
    lines = ["| speakers (quotes matched at 0.3) | matched | with speaker span | coverage | judged | "
             "speaker accuracy | end-to-end |", "|---|---:|---:|---:|---:|---:|---:|"]
    for c in CATEGORIES:
        t = run.totals[c]
        lines.append(f"| {c} | {t.pairs} | {t.pairs_with_speaker} | {_pct(t.speaker_coverage())} | {t.judged} | "
                     f"{_pct(t.speaker_accuracy())} | {_pct(t.speaker_end_to_end())} |")
    return lines


def cue_table(run: PolnearRun) -> List[str]:
    """Markdown rows: cue spans, overlap and exact, P/R/F1."""
    c = run.cues
    lines = ["| cues | gold | predicted | P | R | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for label, matched in (("overlap (a shared token)", c.overlap), ("exact (the same tokens)", c.exact)):
        p = matched / c.predicted if c.predicted else 0.0
        r = matched / c.gold if c.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"| {label} | {c.gold} | {c.predicted} | {_pct(p)} | {_pct(r)} | {_pct(f)} |")
    return lines


def cue_recall_table(run: PolnearRun) -> List[str]:
    """Markdown rows: recall of indirect gold quotes by the class of their cue."""
    lines = ["| indirect gold by cue | gold | share | R@0.3 | R@0.8 |", "|---|---:|---:|---:|---:|"]
    indirect = [o for o in run.outcomes if o[0] == "indirect"]
    for cue_class in CUE_CLASSES:
        rows = [o for o in indirect if o[1] == cue_class]
        if rows:
            lines.append(f"| {cue_class} | {len(rows)} | {_pct(len(rows) / len(indirect))} | "
                         f"{_pct(sum(o[2] for o in rows) / len(rows))} | {_pct(sum(o[3] for o in rows) / len(rows))} |")
    return lines


def error_kind_table(records: Sequence[dict], top: int = 12) -> List[str]:
    kinds = collections.Counter(r["error_kind"] for r in records)
    lines = ["| error kind | count | share |", "|---|---:|---:|"]
    for kind, n in kinds.most_common(top):
        lines.append(f"| {kind} | {n} | {_pct(n / len(records))} |")
    return lines


def summary_lines(run: PolnearRun, bbc: Optional[BbcRun]) -> List[str]:
    lines = [f"PolNeAR {run.split}: {run.articles} articles, gold in body {run.totals['all'].gold} "
             f"({run.gold_kinds.get('direct', 0)} direct, {run.gold_kinds.get('indirect', 0)} indirect), "
             f"{run.outside_body} outside the body, {len(run.mapping_failures)} mapping failures, {run.seconds:.1f} s"]
    for c in CATEGORIES:
        t = run.totals[c]
        lines.append(f"  {c:8} units F1 {_pct(t.unit_f1(0.3))}/{_pct(t.unit_f1(0.8))}"
                     f" (P/R@0.3 {_pct(t.unit_precision(0.3))}/{_pct(t.unit_recall(0.3))}, {t.units} units)"
                     f"  | per quote P/R/F1@0.3 {_pct(t.precision(0.3))}/{_pct(t.recall(0.3))}/{_pct(t.f1(0.3))}"
                     f"  @0.8 {_pct(t.precision(0.8))}/{_pct(t.recall(0.8))}/{_pct(t.f1(0.8))}"
                     f"  | speaker acc {_pct(t.speaker_accuracy())} (n={t.judged}) cov {_pct(t.speaker_coverage())}")
    lines.append("  cues     " + "; ".join(row.strip("| ").replace(" | ", " ") for row in cue_table(run)[2:]))
    if bbc is not None:
        n = max(bbc.articles - len(bbc.failures), 1)
        lines.append(f"BBC: {bbc.articles} articles, {len(bbc.failures)} failures, {bbc.quotes / n:.2f} quotes/article, "
                     f"{bbc.entities / n:.2f} entities/article, {bbc.mentions / n:.2f} mentions/article, "
                     f"{len(bbc.decoding_fallbacks)} decoding fallbacks, {bbc.seconds:.1f} s")
    return lines


def code_version() -> str:
    """newsdoc's version and the repository commit the figures belong to (noting uncommitted changes)."""
    import subprocess

    try:
        import newsdoc

        version = f"newsdoc {newsdoc.__version__}"
    except Exception:  # the report is still worth writing for another predictor
        version = "newsdoc not importable"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if commit:
            version += f", commit {commit}" + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return version


def write_report(path: Path, command: str, run: PolnearRun, bbc: Optional[BbcRun],
                 baseline: Optional[PolnearRun], notes: str = "", models_run: Optional[PolnearRun] = None) -> None:
    """Writes docs/accuracy.md."""
    today = datetime.date.today().isoformat()
    out = [
        "# Annotator accuracy",
        "",
        f"Generated on {today} by `{command}` (bench/eval.py; `make eval` runs it), for {code_version()}.",
        "",
        "## Definitions",
        "",
        "- **Gold**: PolNeAR v1.0.0 (US political news, 2016), split "
        f"`{run.split}`, from `../shared/corpora/polnear/{run.split}`. Each attribution event with a Content is one "
        "gold quote; its content is every fragment of every Content textbound it names (discontinuous spans "
        "`10 20;25 40` and `Content2` roles included). Discard and Discuss textbounds are ignored. BRAT offsets are "
        "Unicode code points into the .txt file (checked: every textbound's text equals its slice in all dev and "
        "train files). Some articles were annotated by several annotators: the first `NAME_ANNOTATOR.ann` in "
        f"sorted order is used and the others are ignored ({run.annotators_dropped} files set aside).",
        "- **Body only**: newsdoc takes the first line as the title, not as body text, so gold attributions whose "
        "content lies wholly outside newsdoc's paragraphs (mostly in headlines) are not scored "
        f"({run.outside_body} in this split).",
        "- **Offsets**: each raw .txt goes through `newsdoc.parse_text(text, id=NAME, annotate=True)`. Every "
        "paragraph of the body is located in the raw text in order and aligned character by character "
        "(a white-space run in the paragraph, e.g. a folded line break, matches a white-space run in the raw text); "
        "the alignment is checked to reproduce every non-space character, so predicted spans map back exactly.",
        "- **Tokens**: regex `\\w+|[^\\w\\s]` over the raw text; quotation-mark tokens (\" ' “ ” ‘ ’ « » „ ‟ ‹ ›) "
        "are not counted, because newsdoc's quote spans exclude the marks by contract while PolNeAR's contents "
        "usually include them. A span's tokens are the tokens it overlaps by at least one character.",
        "- **Match at threshold t**: a predicted span and a gold content match when the tokens they share are at "
        "least t of the gold content's tokens AND at least t of the predicted span's tokens. Each gold and each "
        "prediction is used at most once: qualifying pairs are matched greedily, best first, ranked by the smaller "
        "of the two ratios (then by shared tokens). Precision = matched predictions / predictions, recall = "
        "matched gold / gold, F1 their harmonic mean.",
        "- **Attribution units (the headline score)**: PolNeAR makes one attribution of one statement: a quote "
        "interrupted by its attribution (“A,” he said. “B.” or “A,” he said, “B.” is one content of two "
        "fragments), and reported speech with quoted fragments inside it, are one attribution each. newsdoc "
        "models the same unit: every quote belongs to one `Article.attributions` statement (`Quote.attribution`; "
        "the annotator groups the pieces that share a cue and makes a quoted fragment inside a reported clause "
        "of the same speaker and cue that clause's child). So, within each category (after the containment rule "
        "below), the predictions of one newsdoc attribution form one predicted unit whose tokens are the union "
        "of its parts' tokens. The grouping is newsdoc's own output, never the gold (a predictor that gives no "
        "statement numbers is grouped by equal `speaker_span`, `cue` and paragraph instead). Units are matched "
        "to gold contents by the rule above; precision = matched units / units, recall = matched gold / gold.",
        "- **Per quote (strict)**: every prediction is matched on its own, so the second piece of an interrupted "
        "quote is a false positive and the first may cover less than 0.8 of the gold content.",
        "- **Direct or indirect gold**: a gold quote is *direct* when every fragment of its content, stripped of "
        "surrounding punctuation and white space, lies inside one pair of quotation marks (“ ”, « », straight "
        "\" or the typewriter pair '', ‘ ’ or straight '; pairs are found within a paragraph, innermost first; a quote "
        "left open continues when the next paragraph opens with the same mark; ’ followed by a letter is an "
        "apostrophe). Everything else is "
        "*indirect*, including PolNeAR's beliefs and intentions.",
        "- **Which predictions count**: *direct* = predictions of kind `direct`; *indirect* = kinds `indirect` and "
        "`partial`, minus any lying entirely inside another of them (a partial quote inside the indirect quote "
        "covering its clause is the same attribution); *all* = every prediction minus any lying entirely inside "
        "another prediction. Gold is split by the rule above; *all* uses every gold quote.",
        "- **Speakers**: over gold quotes matched at 0.3 by the per-quote rule (in each category), *coverage* is "
        "the share whose "
        "prediction has a `speaker_span`; *speaker accuracy* is, among matched gold quotes with a Source whose "
        "prediction has a `speaker_span`, the share where that span overlaps the gold Source by at least one "
        "character; *end-to-end* counts a missing speaker span as wrong (denominator: matched gold quotes with a "
        "Source).",
        "",
        f"## PolNeAR {run.split}",
        "",
        f"{run.articles} articles; {run.totals['all'].gold} gold quotes in the body "
        f"({run.gold_kinds.get('direct', 0)} direct, {run.gold_kinds.get('indirect', 0)} indirect). "
        f"Scored in {run.seconds:.1f} s. Figures are percentages.",
        "",
    ]
    out += units_table(run)
    out += ["", "The strict per-quote score below differs only in the unit: each quote newsdoc emits is matched on "
            "its own, so the pieces of a quote interrupted by its attribution (one PolNeAR attribution, one unit "
            "above) count as one match plus false positives, and the first piece alone may fall below 0.8 of the "
            "gold content.", ""]
    out += quote_table(run)
    out += ["", "Speakers, over the per-quote matches at 0.3:", ""]
    out += speaker_table(run)
    out += ["", "Cue spans: the cues of the gold attributions in the body against the distinct cue spans of "
            "newsdoc's statements, matched one to one by tokens:", ""]
    out += cue_table(run)
    if models_run is not None:
        out += ["", "### With the trained models", "",
                "The same articles through `newsdoc.Annotator(models=True)` (models/: the attribution-role taggers "
                "add the reported speech the rules miss; entities from the learned tagger; docs/models.md):", ""]
        out += units_table(models_run)
        out += [""]
        out += quote_table(models_run)
        out += [""]
        out += speaker_table(models_run)
        out += [""]
        out += cue_table(models_run)
    out += ["", "Recall of indirect gold quotes (category all, per quote) by the class of their PolNeAR cue (a coarse word-list "
            "classification; PolNeAR annotates any attribution predicate, not only speech):", ""]
    out += cue_recall_table(run)
    if run.mapping_failures:
        out += ["", "Articles whose body could not be mapped to the raw text (not scored):", ""]
        out += [f"- {failure}" for failure in run.mapping_failures]
    if baseline is not None:
        out += ["", "For reference, a quotation-mark baseline (every text between double quotation marks is a direct "
                "quote, no speaker, so every quote is a unit of its own and both scores coincide; "
                "`--predictor baseline`):", ""]
        out += units_table(baseline)
    if bbc is not None:
        n = max(bbc.articles - len(bbc.failures), 1)
        kinds = ", ".join(f"{k} {bbc.quotes_by_kind.get(k, 0) / n:.2f}" for k in ("direct", "partial", "indirect"))
        out += [
            "", "## BBC news (no gold)", "",
            f"All {bbc.articles} .txt files of `../shared/corpora/bbc` (5 topic folders), read as bytes and imported "
            f"with `parse_text(..., annotate=True)` in {bbc.seconds:.1f} s.", "",
            "| statistic | value |", "|---|---:|",
            f"| articles imported without an error | {bbc.articles - len(bbc.failures)} / {bbc.articles} |",
            f"| quotes per article | {bbc.quotes / n:.2f} ({kinds}) |",
            f"| quotes with a speaker entity | {_pct(bbc.with_speaker / bbc.quotes if bbc.quotes else 0)} % |",
            f"| quotes with a speaker span | {_pct(bbc.with_speaker_span / bbc.quotes if bbc.quotes else 0)} % |",
            f"| entities per article | {bbc.entities / n:.2f} |",
            f"| mentions per article | {bbc.mentions / n:.2f} |",
            f"| articles with a decoding fallback (`meta[\"decoding\"]`) | {len(bbc.decoding_fallbacks)} "
            f"({100 * len(bbc.decoding_fallbacks) / n:.2f} %: {', '.join(bbc.decoding_fallbacks) or 'none'}) |",
        ]
        if bbc.failures:
            out += ["", "Import failures:", ""] + [f"- {f}" for f in bbc.failures]
    wrong_speakers = [r for r in run.false_positives if r["type"] == "wrong_speaker"]
    false_positives = [r for r in run.false_positives if r["type"] == "false_positive"]
    out += [
        "", f"## Errors on PolNeAR {run.split} (category all, threshold 0.3, per quote)", "",
        "Classified automatically by bench/eval.py (`--dump-errors FILE` writes every one with its context as JSONL).",
        "", f"Misses ({len(run.misses)}):", "",
    ] + error_kind_table(run.misses) + ["", f"False positives ({len(false_positives)}):", ""] + \
        error_kind_table(false_positives) + ["", f"Wrong speakers ({len(wrong_speakers)}):", ""] + \
        error_kind_table(wrong_speakers)
    # The hand-written review survives regeneration: it sits between markers and is carried over.
    out += ["", notes.strip() if notes else f"{REVIEW_START}\n\n## Error review\n\n(not written yet)\n\n{REVIEW_END}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


REVIEW_START = "<!-- review:start (hand-written; bench/eval.py keeps this section when it rewrites the file) -->"
REVIEW_END = "<!-- review:end -->"


def kept_review(path: Path) -> str:
    """The hand-written error review of an existing report (between the review markers), or ""."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(REVIEW_START), text.find(REVIEW_END)
    if start < 0 or end < start:
        return ""
    return text[start:end + len(REVIEW_END)]


def dump_errors(path: Path, run: PolnearRun) -> None:
    """Writes every miss, false positive and wrong speaker as one JSON object a line."""
    with path.open("w", encoding="utf-8") as out:
        for record in run.misses + run.false_positives:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="PolNeAR split (default dev)")
    parser.add_argument("--limit", type=int, help="score only the first N articles (and N BBC files)")
    parser.add_argument("--output", type=Path, help="write the Markdown report here (e.g. docs/accuracy.md)")
    parser.add_argument("--dump-errors", type=Path, help="write misses and false positives as JSONL here")
    parser.add_argument("--predictor", default="newsdoc",
                        help="newsdoc (default), newsdoc-models (the annotator with models/), baseline, "
                             "MODULE:FUNCTION or FILE.py:FUNCTION")
    parser.add_argument("--no-bbc", action="store_true", help="skip the BBC corpus")
    args = parser.parse_args(argv)

    if not POLNEAR.exists():
        print(f"PolNeAR not found at {POLNEAR}", file=sys.stderr)
        return 2
    predictor = load_predictor(args.predictor)
    try:
        run = run_polnear(predictor, args.split, args.limit)
    except AnnotatorUnavailable as error:
        print(f"cannot evaluate: {error}", file=sys.stderr)
        return 2
    bbc = None if args.no_bbc or not BBC.exists() else run_bbc(predictor, args.limit)
    baseline = run_polnear(baseline_predictor, args.split, args.limit) if args.predictor != "baseline" else None
    with_models = args.predictor == "newsdoc" and (ROOT / "models" / "attribution.ndm").exists()
    models_run = run_polnear(newsdoc_models_predictor, args.split, args.limit) if with_models else None
    if models_run is not None:
        print("with models/:")
        print("\n".join(summary_lines(models_run, None)))
    print("\n".join(summary_lines(run, bbc)))
    if args.dump_errors:
        dump_errors(args.dump_errors, run)
        print(f"errors written to {args.dump_errors}")
    if args.output:
        command = ".venv/bin/python bench/eval.py " + " ".join(argv if argv is not None else sys.argv[1:])
        write_report(args.output, command.strip(), run, bbc, baseline, kept_review(args.output), models_run)
        print(f"report written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
