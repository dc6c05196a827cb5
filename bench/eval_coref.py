"""Pronoun speakers against CoreNLP's silver coreference, rules only and with the trained models.

newsdoc resolves a pronoun that introduces a quote ("…," he said) to an entity of the article
(the annotator's rule: the nearest person of fitting gender). This scores that resolution on a
PolNeAR split (dev by default; never train for scores, never test) against the coreference
chains of CoreNLP's dcoref in ``corpora/polnear/corenlp`` (silver: machine-made).

How a pronoun speaker is scored
  1. The raw .txt goes through ``newsdoc.parse_text`` with the annotator under test; each quote
     whose speaker span is a third-person pronoun (he, she, they, him, her, them, it) is mapped
     back to the raw text with bench/eval.py's BodyMap.
  2. The silver chain of that pronoun is the chain with a mention whose head token lies in the
     pronoun's span. Its named mentions are those whose head token is a proper noun (NNP, NNPS)
     or has a CoreNLP entity type (PERSON, ORGANIZATION, LOCATION, MISC).
  3. Judged: pronoun speakers whose chain has a named mention. Resolved: newsdoc gave the quote
     a speaker entity. Right: the entity's name or one of its aliases equals a named mention's
     text, or ends with the named mention's head word ("Trump" in "Donald Trump").

Usage:
    .venv/bin/python bench/eval_coref.py [--split dev] [--limit N] [--models models/]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
PRONOUNS = frozenset("he she they him her them it".split())
NAMED_TAGS = frozenset(("NNP", "NNPS"))
NAMED_TYPES = frozenset(("PERSON", "ORGANIZATION", "LOCATION", "MISC"))


sys.path.insert(0, str(ROOT / "bench"))
from eval_ner import _eval  # noqa: E402  bench/eval.py, loaded once by its sibling


class Scores:
    def __init__(self) -> None:
        self.pronoun_speakers = 0  # quotes whose speaker span is a third-person pronoun
        self.judged = 0            # ... whose silver chain has a named mention
        self.resolved = 0          # ... judged, with a speaker entity
        self.right = 0             # ... resolved to an entity the chain names
        self.articles = 0
        self.failures: List[str] = []

    def row(self, label: str) -> str:
        coverage = 100 * self.resolved / self.judged if self.judged else 0.0
        accuracy = 100 * self.right / self.resolved if self.resolved else 0.0
        end_to_end = 100 * self.right / self.judged if self.judged else 0.0
        return (f"| {label} | {self.pronoun_speakers} | {self.judged} | {coverage:.1f} | {accuracy:.1f} | "
                f"{end_to_end:.1f} |")


def named_mentions(record: dict, raw: str) -> List[Tuple[Tuple[int, int], List[Tuple[str, str]]]]:
    """Per silver chain: (the set of head spans, [(mention text, head word)] of its named mentions)."""
    sentences = record["sentences"]
    chains = []
    for chain in record.get("coref", []):
        heads = []
        named = []
        for sentence, start, end, head in chain:
            tokens = sentences[sentence]
            h = tokens[head]
            heads.append((h[0], h[1]))
            if h[4] in NAMED_TAGS or h[5] in NAMED_TYPES:
                named.append((raw[tokens[start][0]:tokens[end - 1][1]], raw[h[0]:h[1]]))
        chains.append((heads, named))
    return chains


def is_right(entity, named: Sequence[Tuple[str, str]]) -> bool:
    names = [entity.name, *getattr(entity, "aliases", [])]
    for text, head in named:
        for name in names:
            if name == text or name.split()[-1:] == [head] or name.endswith(" " + text):
                return True
    return False


def score_split(annotator, split: str, limit: Optional[int]) -> Scores:
    import newsdoc

    scores = Scores()
    with gzip.open(POLNEAR / "corenlp" / f"{split}.jsonl.gz", "rt", encoding="utf-8") as f:
        records = sorted((json.loads(line) for line in f), key=lambda r: r["id"])
    if limit is not None:
        records = records[:limit]
    for record in records:
        with open(POLNEAR / split / "text" / f"{record['id']}.txt", encoding="utf-8", newline="") as f:
            raw = f.read()
        article = newsdoc.parse_text(raw, id=record["id"], annotator=annotator)
        try:
            body_map = _eval.BodyMap(raw, [p.text for p in article.paragraphs])
        except _eval.MappingError as error:
            scores.failures.append(f"{record['id']}: {error}")
            continue
        scores.articles += 1
        chains = named_mentions(record, raw)
        for quote in article.quotes:
            span = quote.speaker_span
            if span is None or article.text[span[0]:span[1]].lower() not in PRONOUNS:
                continue
            scores.pronoun_speakers += 1
            start, end = body_map.span(*span)
            chain = next((named for heads, named in chains
                          if any(start <= hb and he <= end for hb, he in heads)), None)
            if not chain:
                continue
            scores.judged += 1
            if quote.speaker is None:
                continue
            scores.resolved += 1
            scores.right += is_right(quote.speaker, chain)
    return scores


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--models", default=str(ROOT / "models"))
    args = parser.parse_args(argv)
    if not (POLNEAR / "corenlp").exists():
        print(f"PolNeAR's CoreNLP annotations not found at {POLNEAR / 'corenlp'}", file=sys.stderr)
        return 2
    import newsdoc

    results: Dict[str, Scores] = {"rules": score_split(newsdoc.Annotator(), args.split, args.limit)}
    if (Path(args.models) / "ner.ndm").exists():
        results["with models"] = score_split(newsdoc.Annotator(models=args.models), args.split, args.limit)
    print(f"Pronoun speakers against CoreNLP's silver coreference, PolNeAR {args.split} "
          f"({results['rules'].articles} articles):")
    print("| annotator | pronoun speakers | judged (silver chain names someone) | resolved % | right % of resolved "
          "| right % of judged |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, scores in results.items():
        print(scores.row(label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
