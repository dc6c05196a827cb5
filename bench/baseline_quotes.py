"""A baseline for `make bench`: the pure-Python quote finder people write today.

This is not part of newsdoc. It is the kind of quick quote and entity
extractor one writes in a notebook with the `re` module, in the style of
textacy's direct-quotation rules (minus the spaCy parse):

  * quotes: a regular expression for text between double quotation marks
    (straight or curly) within one paragraph, at least a few characters long;
  * speakers: after each closing mark, a cue-verb regular expression matched
    in a window of WINDOW characters, in either order ("..., said Ms Smith" /
    "..., Ms Smith said" / "..., he said"), the speaker being a run of
    capitalised words or a pronoun;
  * entities: a capitalised-word regular expression (runs of capitalised
    words, joined by "of", "the", "de" and the like), minus a stop list of
    sentence-initial words, counted per article.

It does far less than newsdoc's annotator (no partial or indirect quotes, no
multi-paragraph quotes, no coreference, no entity types or gazetteer), so it
is a floor for the work, not a like-for-like rival: it measures how fast the
usual regex approach runs in CPython on the same text.

bench/run.py times `annotate_texts` on the bodies of a corpus (the
paragraphs joined by a blank line, as `Article.text` gives them). Run alone:

    .venv/bin/python bench/baseline_quotes.py ../shared/corpora/bbc

prints one line of JSON: seconds (best of --repeat), body_bytes (UTF-8),
articles, quotes, quotes with a speaker, entities.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence

WINDOW = 60  # characters after the closing mark searched for a cue and speaker

CUE_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated", "states",
    "explained", "explains", "argued", "argues", "claimed", "claims", "warned", "warns", "insisted",
    "insists", "noted", "notes", "stressed", "stresses", "admitted", "admits", "replied", "replies",
    "continued", "continues", "suggested", "suggests", "believes", "believed", "announced", "announces",
    "declared", "declares", "commented", "comments", "confirmed", "confirms", "revealed", "reveals",
    "acknowledged", "acknowledges", "predicted", "predicts", "urged", "urges", "wrote", "writes",
)
_CUE = "(?:" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + ")"
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|the|de|van|von|al|bin)?\s*[A-Z][\w'’.-]*){0,3})"
_PRONOUN = r"(?:he|she|they|we|I|it)"
_SPEAKER = rf"(?:(?:the\s+|a\s+)?{_NAME}|{_PRONOUN})"

# Text in double quotation marks inside one paragraph (no newline inside).
QUOTE = re.compile(r'["“]([^"“”\n]{3,}?)["”]')
# After the closing mark: optional punctuation, then "said X" or "X said".
SPEAKER_AFTER = re.compile(
    rf"[\s,.;:!?—–-]*(?:(?P<cue1>{_CUE})\s+(?P<sp1>{_SPEAKER})|(?P<sp2>{_SPEAKER})\s+(?P<cue2>{_CUE}))\b"
)
# Runs of capitalised words, joined by a few lowercase particles ("Bank of England").
ENTITY = re.compile(r"\b[A-Z][a-zA-Z-]+(?:\s+(?:of\s+(?:the\s+)?|de\s+|van\s+|von\s+)?[A-Z][a-zA-Z-]+)*")
STOP = frozenset(
    "The A An And But Or If In On At To For Of By With From As It He She They We I You This That These Those "
    "There Their His Her Its Our Mr Mrs Ms Dr Sir Lord But So Yet When While After Before Since Although "
    "However Meanwhile Also Some Many Most All Other Another Such What Which Who Whom Why How Where Yes No "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


class Quote(NamedTuple):
    start: int  # character offsets of the quoted text (marks excluded)
    end: int
    text: str
    speaker: Optional[str]
    cue: Optional[str]


class Annotation(NamedTuple):
    quotes: List[Quote]
    entities: Dict[str, int]  # surface form -> mentions


def find_quotes(text: str) -> List[Quote]:
    quotes = []
    speaker_after = SPEAKER_AFTER.match
    for m in QUOTE.finditer(text):
        end = m.end()
        s = speaker_after(text, end, end + WINDOW)
        if s:
            speaker, cue = (s.group("sp1"), s.group("cue1")) if s.group("cue1") else (s.group("sp2"), s.group("cue2"))
        else:
            speaker = cue = None
        quotes.append(Quote(m.start(1), m.end(1), m.group(1), speaker, cue))
    return quotes


def find_entities(text: str) -> Dict[str, int]:
    counts: Counter = Counter()
    for m in ENTITY.finditer(text):
        name = m.group()
        first, _, rest = name.partition(" ")
        if first in STOP:  # "The BBC" -> "BBC"; "He" -> nothing
            if not rest:
                continue
            name = rest
        counts[name] += 1
    return counts


def annotate_text(text: str) -> Annotation:
    return Annotation(find_quotes(text), find_entities(text))


def annotate_texts(texts: Iterable[str]) -> List[Annotation]:
    return [annotate_text(t) for t in texts]


def summary(annotations: Sequence[Annotation]) -> Dict[str, int]:
    return {"articles": len(annotations), "quotes": sum(len(a.quotes) for a in annotations),
            "quotes_with_speaker": sum(1 for a in annotations for q in a.quotes if q.speaker),
            "entities": sum(len(a.entities) for a in annotations)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="a corpus newsdoc.load reads (a directory of .txt files, a JSONL file, ...)")
    parser.add_argument("--repeat", type=int, default=3, help="time this many passes, report the best (default 3)")
    args = parser.parse_args()
    import newsdoc

    texts = [a.text for a in newsdoc.load(args.path, annotate=False)]
    body_bytes = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        annotations = annotate_texts(texts)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "body_bytes": body_bytes, **summary(annotations)}))


if __name__ == "__main__":
    main()
