"""Named entities through the annotator, rules only against the trained models.

Scores the annotator's entity mentions against CoreNLP's silver NER of a
PolNeAR split (dev by default; never train for scores, never test) and times
annotation on the BBC corpus, one thread, with and without the models.
`make eval` runs it after bench/eval.py.

How an article is scored
  1. The raw .txt (read with newline='', as CoreNLP's code point offsets
     assume) goes through ``newsdoc.parse_text`` with the annotator under
     test. Its mentions are offsets into newsdoc's body; bench/eval.py's
     BodyMap maps them back to the raw text.
  2. Silver spans: maximal runs of tokens of one CoreNLP type (PERSON,
     ORGANIZATION, LOCATION) inside a sentence, kept when they lie in the
     body (the title line is not annotated by newsdoc). MISC is not scored.
  3. Types: newsdoc PERSON = PERSON; ORG = ORGANIZATION; GPE and LOC =
     LOCATION; every other newsdoc type (NORP, FAC, MISC, PRODUCT) is
     outside the three and scored as no prediction.
  4. A prediction is right when its raw span and type equal a silver span's
     (exact span). Precision, recall and F1 per type and micro over the three.

Usage:
    .venv/bin/python bench/eval_ner.py [--split dev] [--limit N] [--models models/]
        [--no-bbc] [--bbc-limit N] [--output docs/ner-eval.md]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "corpora" / "polnear"
BBC = SHARED / "corpora" / "bbc"
TYPES = ("PERSON", "ORG", "LOC")
SILVER_TYPES = {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
NEWSDOC_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def _load_eval():
    spec = importlib.util.spec_from_file_location("newsdoc_bench_eval", ROOT / "bench" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


_eval = _load_eval()
BodyMap = _eval.BodyMap
MappingError = _eval.MappingError

Entity = Tuple[int, int, str]  # raw code point span and type


def silver_entities(record: dict) -> List[Entity]:
    """CoreNLP's PERSON, ORGANIZATION and LOCATION spans (maximal same-type runs in a sentence)."""
    spans: List[Entity] = []
    for sentence in record["sentences"]:
        current: Optional[List] = None
        for begin, end, _word, _lemma, _pos, ner, *_ in sentence:
            kind = SILVER_TYPES.get(ner)
            if current is not None and kind == current[2]:
                current[1] = end
                continue
            if current is not None:
                spans.append(tuple(current))
            current = [begin, end, kind] if kind else None
        if current is not None:
            spans.append(tuple(current))
    return spans


def predicted_entities(article, body_map) -> List[Entity]:
    spans: List[Entity] = []
    for mention in article.mentions:
        kind = NEWSDOC_TYPES.get(mention.entity.type)
        if kind is None:
            continue
        start, end = body_map.span(mention.start, mention.end)
        spans.append((start, end, kind))
    return spans


class Scores:
    def __init__(self) -> None:
        self.tp: Dict[str, int] = collections.Counter()
        self.predicted: Dict[str, int] = collections.Counter()
        self.gold: Dict[str, int] = collections.Counter()
        self.articles = 0
        self.failures: List[str] = []
        self.seconds = 0.0

    def add(self, gold: Sequence[Entity], predicted: Sequence[Entity]) -> None:
        gold_set: Set[Entity] = set(gold)
        predicted_set: Set[Entity] = set(predicted)
        for _, _, kind in gold_set:
            self.gold[kind] += 1
        for entity in predicted_set:
            self.predicted[entity[2]] += 1
            self.tp[entity[2]] += entity in gold_set

    def prf(self, kind: Optional[str] = None) -> Tuple[float, float, float]:
        kinds = TYPES if kind is None else (kind,)
        tp = sum(self.tp[k] for k in kinds)
        predicted = sum(self.predicted[k] for k in kinds)
        gold = sum(self.gold[k] for k in kinds)
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        return 100 * p, 100 * r, 100 * (2 * p * r / (p + r) if p + r else 0.0)


def score_split(annotator, split: str, limit: Optional[int]) -> Scores:
    import newsdoc

    scores = Scores()
    records = []
    with gzip.open(POLNEAR / "corenlp" / f"{split}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            records.append(json.loads(line))
    records.sort(key=lambda r: r["id"])
    if limit is not None:
        records = records[:limit]
    for record in records:
        with open(POLNEAR / split / "text" / f"{record['id']}.txt", encoding="utf-8", newline="") as f:
            raw = f.read()
        started = time.perf_counter()
        article = newsdoc.parse_text(raw, id=record["id"], annotator=annotator)
        scores.seconds += time.perf_counter() - started
        try:
            body_map = BodyMap(raw, [p.text for p in article.paragraphs])
        except MappingError as error:
            scores.failures.append(f"{record['id']}: {error}")
            continue
        gold = [g for g in silver_entities(record) if body_map.in_body([(g[0], g[1])])]
        scores.add(gold, predicted_entities(article, body_map))
        scores.articles += 1
    return scores


def bbc_speed(annotators: Dict[str, object], limit: Optional[int]) -> Dict[str, Tuple[float, float, int]]:
    """Seconds, MB/s of body text (UTF-8) and entity count of each annotator on the BBC corpus, one thread."""
    import newsdoc

    paths = sorted(BBC.glob("*/*.txt"))
    if limit is not None:
        paths = paths[:limit]
    articles = [newsdoc.parse_text(p.read_bytes(), id=f"{p.parent.name}/{p.stem}", annotate=False) for p in paths]
    corpus = newsdoc.Corpus(articles)
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    out = {}
    for name, annotator in annotators.items():
        annotator.annotate(corpus[:20], threads=1)  # warm up
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            done = annotator.annotate(corpus, threads=1)
            best = min(best, time.perf_counter() - started)
        entities = sum(len(a.entities) for a in done)
        out[name] = (best, megabytes / best, entities)
    return out


def table(results: Dict[str, Scores]) -> List[str]:
    lines = ["| type | " + " | ".join(f"{name} P / R / F1" for name in results) + " |",
             "|---|" + "---|" * len(results)]
    for kind in TYPES + (None,):
        label = {"ORG": "ORG (ORGANIZATION)", "LOC": "LOC/GPE (LOCATION)", None: "micro (3 types)"}.get(kind, kind)
        cells = []
        for scores in results.values():
            p, r, f = scores.prf(kind)
            cells.append(f"{p:.1f} / {r:.1f} / **{f:.1f}**")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    first = next(iter(results.values()))
    lines.append(f"| silver spans | {first.gold['PERSON']} PERSON, {first.gold['ORG']} ORG, {first.gold['LOC']} LOC |"
                 + " |" * (len(results) - 1))
    return lines


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev",), help="PolNeAR split scored (dev only)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--models", default=str(ROOT / "models"), help="models folder (default: models/)")
    parser.add_argument("--no-bbc", action="store_true", help="skip the BBC speed run")
    parser.add_argument("--bbc-limit", type=int, help="only the first N BBC files")
    parser.add_argument("--output", type=Path, help="also write the tables as Markdown here")
    args = parser.parse_args(argv)

    import newsdoc

    annotators = {"rules": newsdoc.Annotator(), "models": newsdoc.Annotator(models=args.models)}
    results = {name: score_split(a, args.split, args.limit) for name, a in annotators.items()}
    lines = [f"NER through the annotator, PolNeAR {args.split} ({results['rules'].articles} articles), "
             "exact span against CoreNLP silver:", ""] + table(results)
    for name, scores in results.items():
        if scores.failures:
            lines.append(f"{name}: {len(scores.failures)} articles not mapped: {scores.failures[:3]}")
    if not args.no_bbc and BBC.exists():
        speed = bbc_speed(annotators, args.bbc_limit)
        lines += ["", "Annotation speed, BBC corpus, one thread (best of 2):", "",
                  "| annotator | seconds | MB/s | entities |", "|---|---|---|---|"]
        for name, (seconds, mbps, entities) in speed.items():
            lines.append(f"| {name} | {seconds:.2f} | {mbps:.2f} | {entities} |")
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
