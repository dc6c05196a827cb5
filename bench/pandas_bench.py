"""Speed of Corpus.to_pandas("quotes") against building the same frame in pandas from the views.

It generates a synthetic corpus of canonical JSONL (by default 100,000
articles of 10 quotes each: one million quotes, with speakers, cues, kinds,
sources and dates; some quotes without speaker or cue, some speakers with
accented names), loads it with newsdoc.loads(..., annotate=False), then times

  (a) corpus.to_pandas("quotes"): columns made in C++ (best of --runs);
  (b) the pandas-only baseline: a list of dicts from the Quote views, then
      pd.DataFrame and astype to the same dtypes (best of --baseline-runs,
      1 by default: it is slow).

It checks that both give the same frame, and prints both times and their
ratio. Times are wall-clock seconds of the conversion alone. With --json the
progress lines go to stderr and stdout gets one line of JSON (bench/run.py
reads it).

Usage (with a built newsdoc importable, e.g. after `make install`):
    .venv/bin/python bench/pandas_bench.py [--articles 100000] [--quotes-per-article 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Callable, List, Optional

import newsdoc

SPEAKERS = [("Bashar al-Assad", "PERSON"), ("Viktor Ozerov", "PERSON"), ("Zoë Müller", "PERSON"),
            ("Igor Konashenkov", "PERSON"), ("the Kremlin", "ORG"), ("Ministry of Defence", "ORG"),
            ("José Álvarez", "PERSON"), ("United Nations", "ORG")]
CUES = ["said", "told", "added", "according to", "stated", "noted", "warned", ""]
KINDS = ["direct", "direct", "partial", "indirect"]
SOURCES = [f"outlet{i}.example" for i in range(20)]
WORDS = ("the talks on new arms shipments will go on as planned and both sides expect an agreement "
         "before the end of the year despite the pressure from abroad").split()


def synthetic_jsonl(articles: int, quotes_per_article: int, seed: int = 1) -> str:
    """Canonical JSONL of `articles` articles with `quotes_per_article` quotes each."""
    rng = random.Random(seed)
    lines = []
    for a in range(articles):
        entities = [{"id": f"e{i}", "name": name, "type": kind, "aliases": [name.split()[-1]]}
                    for i, (name, kind) in enumerate(rng.sample(SPEAKERS, 3))]
        paragraphs, quotes, mentions = [], [], []
        offset = 0
        for q in range(quotes_per_article):
            words = " ".join(rng.choices(WORDS, k=rng.randint(6, 25)))
            entity = rng.randrange(len(entities) + 1)  # == len(entities): no speaker
            cue = rng.choice(CUES)
            name = entities[entity]["name"] if entity < len(entities) else "someone"
            paragraph = f"“{words.capitalize()},” {cue or 'says'} {name}."
            if paragraphs:
                offset += 2  # the "\n\n" between paragraphs
            start = offset + 1
            end = start + len(words) + 1
            speaker_start = end + 3 + len(cue or "says")
            quote = {"start": start, "end": end, "kind": rng.choice(KINDS), "speaker": None, "speaker_span": None,
                     "cue": cue or None}
            if entity < len(entities):
                quote["speaker"] = entities[entity]["id"]
                quote["speaker_span"] = [speaker_start, speaker_start + len(name)]
                mentions.append({"entity": entities[entity]["id"], "start": speaker_start,
                                 "end": speaker_start + len(name)})
            quotes.append(quote)
            paragraphs.append(paragraph)
            offset += len(paragraph)
        lines.append(json.dumps({
            "id": f"a{a}", "url": f"https://{SOURCES[a % len(SOURCES)]}/{a}", "source": rng.choice(SOURCES),
            "title": f"Article {a}", "authors": [], "published": f"2017-03-{a % 28 + 1:02d}", "language": "en",
            "tags": [], "paragraphs": paragraphs, "quotes": quotes, "entities": entities, "mentions": mentions,
            "meta": {}}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def baseline_quotes(corpus: newsdoc.Corpus):
    """The quotes table built the usual pandas way: a dict per quote from the views, then DataFrame."""
    import pandas as pd

    rows = []
    for index, article in enumerate(corpus):
        article_id, source, published = article.id, article.source, article.published
        for quote in article.quotes:
            speaker = quote.speaker
            span, cue_span, parent = quote.speaker_span, quote.cue_span, quote.parent
            first, last = quote.paragraphs
            rows.append({
                "article_index": index, "article_id": article_id, "quote_index": quote.index,
                "attribution": quote.attribution.index, "parent": parent.index if parent else None, "text": quote.text,
                "start": quote.start, "end": quote.end, "kind": quote.kind,
                "speaker": speaker.name if speaker else None, "speaker_id": speaker.id if speaker else None,
                "speaker_type": speaker.type if speaker else None,
                "speaker_start": span[0] if span else None, "speaker_end": span[1] if span else None,
                "cue": quote.cue or None, "cue_start": cue_span[0] if cue_span else None,
                "cue_end": cue_span[1] if cue_span else None, "paragraph": first, "last_paragraph": last, "source": source,
                "published": published})
    # corpus_entity (the corpus-level identity of the speaker) has no view to read it from: the baseline leaves it out.
    columns = [column for column in newsdoc.empty_frame("quotes").columns if column != "corpus_entity"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"kind": pd.CategoricalDtype(["direct", "partial", "indirect"]),
                         "speaker_type": "category", "source": "category",
                         "parent": "Int64", "speaker_start": "Int64", "speaker_end": "Int64", "cue_start": "Int64",
                         "cue_end": "Int64"})


def best_of(runs: int, work: Callable[[], object], times: Optional[List[float]] = None) -> tuple:
    """(best seconds, result of the last run); every run's seconds are appended to `times`."""
    times = [] if times is None else times
    result = None
    for _ in range(runs):
        result = None  # free the previous frame before timing the next
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3, help="runs of to_pandas (the best counts)")
    parser.add_argument("--baseline-runs", type=int, default=1, help="runs of the baseline (the best counts)")
    parser.add_argument("--json", action="store_true", help="progress to stderr, one line of JSON to stdout")
    args = parser.parse_args(argv)
    import pandas as pd

    out = sys.stderr if args.json else sys.stdout

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    started = time.perf_counter()
    data = synthetic_jsonl(args.articles, args.quotes_per_article)
    corpus = newsdoc.loads(data, annotate=False)
    del data
    say(f"corpus: {len(corpus):,} articles (generated and loaded in {time.perf_counter() - started:.1f} s)")

    fast_times: List[float] = []
    fast, frame = best_of(args.runs, lambda: corpus.to_pandas("quotes"), fast_times)
    say(f"quotes: {len(frame):,}")
    say(f"to_pandas(\"quotes\"), best of {args.runs}:  {fast:8.3f} s")
    slow_times: List[float] = []
    slow, expected = best_of(args.baseline_runs, lambda: baseline_quotes(corpus), slow_times)
    say(f"pandas from the views, best of {args.baseline_runs}: {slow:8.3f} s")
    pd.testing.assert_frame_equal(frame.drop(columns="corpus_entity"), expected)
    say(f"speed-up: {slow / fast:.1f}x (the two frames are equal)")
    if args.json:
        print(json.dumps({"articles": len(corpus), "quotes": len(frame), "to_pandas_seconds": fast,
                          "to_pandas_all_seconds": fast_times, "baseline_seconds": slow,
                          "baseline_all_seconds": slow_times, "frames_equal": True,
                          "pandas": pd.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
