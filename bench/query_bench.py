"""Speed of the query API (newsdoc._query) on a synthetic corpus of a million quotes.

It generates canonical JSONL (by default 100,000 articles of 10 quotes each:
one million quotes; each article has 4 person entities drawn from 20,000
names, aliased by their surnames, plus one very frequent speaker in a tenth
of the articles), loads it with newsdoc.loads(..., annotate=False), then times

  - the index build (the first query of a Corpus builds it, GIL released);
  - a speaker query, corpus.quotes(speaker=<full name>), over --queries
    random names: median and 99th percentile, with the public API (result
    object included) and the bare C++ index call;
  - the same for the frequent speaker (about 25,000 quotes);
  - a few scans for scale: kind filter, contains, mentions by type,
    entities(), literal search, regex search, where().

Times are wall-clock. With --json the report goes to stderr and stdout gets
one line of JSON with the figures (bench/run.py reads it). Usage (with a built newsdoc importable, e.g. after
`make install`):
    .venv/bin/python bench/query_bench.py [--articles 100000] [--quotes-per-article 10] [--queries 2000] [--json]
"""

from __future__ import annotations

import argparse
import builtins
import json
import random
import statistics
import sys
import time
from typing import Callable, List, Tuple

import newsdoc

FIRST = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "José", "Karim", "Lena",
         "Marta", "Nikolai", "Olga", "Pedro", "Qing", "Rania", "Sergei", "Tomás", "Ulla", "Viktor", "Wei", "Xenia",
         "Yusuf", "Zoë", "Amir", "Bea", "Carlos", "Dana", "Emil", "Fatima", "Gustav", "Hana", "Igor", "Jana",
         "Kofi", "Lars", "Mei", "Nadia"]
LAST = ["Müller", "Ivanov", "García", "Smith", "Kowalski", "Nguyen", "Okafor", "Rossi", "Sato", "Haddad",
        "Petrov", "Silva", "Jensen", "Novak", "Kim", "Dubois", "Schmidt", "Popescu", "Yilmaz", "Costa"]
WORDS = ("the talks on new arms shipments will go on as planned and both sides expect an agreement "
         "before the end of the year despite the pressure from abroad").split()
CUES = ["said", "told", "added", "stated", "noted", "warned"]
KINDS = ["direct", "direct", "partial", "indirect"]
SOURCES = [f"outlet{i}.example" for i in range(20)]
FREQUENT = "Vladimir Putin"


def names(count: int, rng: random.Random) -> List[str]:
    """`count` distinct full names (first, optional middle initial, last)."""
    out = set()
    while len(out) < count:
        middle = f" {chr(65 + rng.randrange(26))}." if rng.random() < 0.9 else ""
        out.add(f"{rng.choice(FIRST)}{middle} {rng.choice(LAST)}-{rng.randrange(100)}")
    return sorted(out)


def synthetic_jsonl(articles: int, quotes_per_article: int, pool: List[str], seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = []
    for a in range(articles):
        people = rng.sample(pool, 4)
        if a % 10 == 0:
            people[0] = FREQUENT
        entities = [{"id": f"e{i}", "name": name, "type": "PERSON", "aliases": [name.split()[-1]]}
                    for i, name in enumerate(people)]
        paragraphs, quotes, mentions = [], [], []
        offset = 0
        for q in range(quotes_per_article):
            words = " ".join(rng.choices(WORDS, k=rng.randint(6, 25)))
            e = rng.randrange(len(entities))
            name = entities[e]["name"]
            cue = rng.choice(CUES)
            paragraph = f"“{words.capitalize()},” {cue} {name}."
            if paragraphs:
                offset += 2
            start = offset + 1
            end = start + len(words) + 1
            speaker_start = end + 3 + len(cue)
            quotes.append({"start": start, "end": end, "kind": rng.choice(KINDS), "speaker": f"e{e}",
                           "speaker_span": [speaker_start, speaker_start + len(name)], "cue": cue})
            mentions.append({"entity": f"e{e}", "start": speaker_start, "end": speaker_start + len(name)})
            paragraphs.append(paragraph)
            offset += len(paragraph)
        lines.append(json.dumps({
            "id": f"a{a}", "url": "", "source": SOURCES[a % len(SOURCES)], "title": f"Article {a} on arms talks",
            "authors": [], "published": f"2017-{a % 12 + 1:02d}-{a % 28 + 1:02d}", "language": "en", "tags": [],
            "paragraphs": paragraphs, "quotes": quotes, "entities": entities, "mentions": mentions, "meta": {}},
            ensure_ascii=False))
    return "\n".join(lines) + "\n"


def timed(fn: Callable[[], object]) -> Tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def latencies(fn: Callable[[str], object], queries: List[str]) -> List[float]:
    out = []
    for name in queries:
        start = time.perf_counter()
        fn(name)
        out.append(time.perf_counter() - start)
    return out


def micro(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"


def summary(label: str, times: List[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{label}: median {micro(statistics.median(times))}, p99 {micro(p99)} ({len(times)} queries)"


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--json", action="store_true", help="the report to stderr, one line of JSON to stdout")
    args = parser.parse_args(argv)
    out = sys.stderr if args.json else sys.stdout
    figures: dict = {}

    def print(line: str) -> None:  # noqa: A001 - the report goes to `out`
        builtins.print(line, file=out, flush=True)

    def stats(times: List[float]) -> dict:
        ordered = sorted(times)
        return {"median_seconds": statistics.median(times),
                "p99_seconds": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], "queries": len(times)}

    rng = random.Random(7)
    pool = names(args.names, rng)
    seconds, data = timed(lambda: synthetic_jsonl(args.articles, args.quotes_per_article, pool))
    print(f"generated {len(data) / 1e6:,.0f} MB of JSONL in {seconds:.1f} s")
    start = time.perf_counter()
    corpus = newsdoc.loads(data, annotate=False)
    seconds = time.perf_counter() - start
    del data  # the corpus holds its own copy of the text
    quotes = sum(a.quote_count for a in (corpus._core.article(i) for i in range(len(corpus))))
    print(f"loaded {len(corpus):,} articles, {quotes:,} quotes in {seconds:.2f} s")
    figures.update(articles=len(corpus), quotes=quotes, load_seconds=seconds)

    seconds, _ = timed(lambda: newsdoc._query.index_of(corpus))
    print(f"index build: {seconds * 1e3:,.0f} ms")
    figures["index_build_seconds"] = seconds
    index = corpus._index

    queries = [rng.choice(pool) for _ in range(args.queries)]
    hits = [len(corpus.quotes(speaker=name)) for name in queries[:200]]
    print(f"speaker query, a random name of {len(pool):,} (about {statistics.mean(hits):.0f} quotes each):")
    figures["names"] = len(pool)
    figures["quotes_per_name"] = statistics.mean(hits)
    times = latencies(lambda n: corpus.quotes(speaker=n), queries)
    figures["speaker_query"] = stats(times)
    print("  " + summary("corpus.quotes(speaker=name)", times))
    times = latencies(lambda n: index.quotes([n], None, None), queries)
    figures["speaker_query_index_call"] = stats(times)
    print("  " + summary("C++ index call", times))
    print("  " + summary("corpus.quotes(speaker=name.upper())",
                         latencies(lambda n: corpus.quotes(speaker=n.upper()), queries[:500])))
    frequent = len(corpus.quotes(speaker=FREQUENT))
    print(f"speaker query, the frequent speaker ({frequent:,} quotes):")
    times = latencies(lambda n: corpus.quotes(speaker=n), [FREQUENT] * 200)
    figures["frequent_speaker_query"] = dict(stats(times), hits=frequent)
    print("  " + summary("corpus.quotes(speaker=FREQUENT)", times))
    surname = pool[0].split()[-1]
    print("  " + summary(f"corpus.quotes(speaker={surname!r}) (an alias)",
                         latencies(lambda n: corpus.quotes(speaker=n), [surname] * 200)))

    print("scans, one run each:")
    for label, fn in [
        ("quotes(kind='partial')", lambda: corpus.quotes(kind="partial")),
        ("quotes(contains='agreement before')", lambda: corpus.quotes(contains="agreement before")),
        ("quotes(speaker=FREQUENT, contains='abroad')", lambda: corpus.quotes(speaker=FREQUENT, contains="abroad")),
        ("mentions(type='person')", lambda: corpus.mentions(type="person")),
        ("entities()", lambda: corpus.entities()),
        ("search('agreement before')", lambda: corpus.search("agreement before")),
        ("search(r'agreement\\s+before', regex=True)", lambda: corpus.search(r"agreement\s+before", regex=True)),
        ("where(published_from='2017-03', published_to='2017-04')",
         lambda: corpus.where(published_from="2017-03", published_to="2017-04")),
        ("where(has_quote_by=FREQUENT)", lambda: corpus.where(has_quote_by=FREQUENT)),
    ]:
        seconds, result = timed(fn)
        print(f"  {label}: {seconds * 1e3:,.1f} ms, {len(result):,} results")  # type: ignore[arg-type]
        figures.setdefault("scans", []).append({"label": label, "seconds": seconds,
                                                "results": len(result)})  # type: ignore[arg-type]
    if args.json:
        builtins.print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
