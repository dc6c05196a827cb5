"""Scale-out benchmark: newsdoc.dask on a LocalCluster against one process, and how corpora pickle.

It prints a Markdown report (progress goes to stderr) with three parts:

1. Pickling: the shared 2,000-article sample (24 MB), loaded as is and
   annotated, sent through pickle.dumps + pickle.loads in four forms:
   (a) canonical JSON text, as a Corpus pickled before the binary form
       (Corpus.dumps() str, loaded back with the canonical mapping);
   (b) canonical JSONL bytes (Corpus::to_jsonl, no str decoding);
   (c) the binary form in band (pickle protocol 5, what pickle.dumps does);
   (d) the binary form out of band (protocol 5 with a buffer_callback, what
       Dask's distributed does), the blob not copied into the pickle.
   Best of --runs runs each.
2. Memory per partition: a child process loads and annotates the first
   --blocksize block of the replicated input (newsdoc.dask.read_jsonl's
   first partition) and makes its quotes and entities frames; its peak
   resident set minus the resident set before (imports done).
3. The job, on the sample replicated to --size-mb MB of JSONL: load,
   annotate (the sample carries no annotations), the quotes and entities
   tables, quotes per speaker and mentions per entity. Run
   (a) in one process on one thread: newsdoc.load(threads=1), to_pandas,
       pandas group-bys;
   (b) in one process with the annotator on every core (threads=None);
   (c) on distributed.LocalCluster(n_workers=--workers, threads_per_worker=1,
       processes=True) with newsdoc.dask.read_jsonl, quotes_frame,
       entities_frame and Dask group-bys;
   (d) as (c) with the scheduler's work stealing turned off.
   The answers of (b), (c) and (d) must equal those of (a). Times are
   wall-clock seconds of the job (not process or cluster start), the best
   of --job-runs rounds that run (a) to (d) in turn; each worker's peak
   resident set (VmHWM) is read from the worker after the run.

With --json the Markdown report goes to stderr and stdout gets one line of
JSON with the figures (what bench/run.py --only scaleout reads).

Usage (with a built newsdoc importable, e.g. after `make install`):
    .venv/bin/python bench/dask_bench.py [--size-mb 1000] [--workers 2] [--blocksize "64 MiB"] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "dask" / "bench"
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "news-sample-2000.jsonl"
MB = 1_000_000  # sizes and speeds are in decimal megabytes
MIB = 1 << 20


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def status_kib(key: str) -> int:
    """A field of /proc/self/status in KiB: VmRSS (resident now) or VmHWM (peak)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


def best_of(runs: int, work: Callable[[], Any]) -> Tuple[float, Any]:
    """The shortest wall-clock time of `runs` calls of `work`, and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


# ---------------------------------------------------------------------------
# The job: the same answers computed by pandas in one process and by Dask.


def digest(speakers: Dict[str, int], entities: List[Tuple[str, str, int, int, int]]) -> str:
    """A fingerprint of the job's answers, equal when the answers are."""
    text = json.dumps([sorted(speakers.items()), sorted(entities)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def answers(speaker_sizes, entity_table) -> Dict[str, Any]:
    """The job's result from computed pandas objects: quote counts by speaker, entity counts by (name, type)."""
    speakers = {str(name): int(n) for name, n in speaker_sizes.items()}
    entities = [(str(name), str(type_), int(row.articles), int(row.mentions), int(row.quotes))
                for (name, type_), row in entity_table.iterrows()]
    top = sorted(speakers.items(), key=lambda item: (-item[1], item[0]))[:3]
    return {"digest": digest(speakers, entities), "speakers": len(speakers), "entities": len(entities), "top": top}


def entity_counts(entities):
    """Articles, mentions and quotes per entity (name, type), for a pandas or a Dask frame."""
    grouped = entities.groupby(["name", "type"], observed=True)
    return grouped.agg({"article_index": "count", "mentions": "sum", "quotes": "sum"}).rename(
        columns={"article_index": "articles"})


def child_single(path: str, threads: str) -> dict:
    """(a) and (b): the job with newsdoc and pandas in this process."""
    import newsdoc

    base = status_kib("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    corpus = newsdoc.load(path, threads=int(threads) if threads != "all" else None)
    quotes = corpus.to_pandas("quotes")
    entities = corpus.to_pandas("entities")
    result = answers(quotes.groupby("speaker").size(), entity_counts(entities))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_seconds": time.process_time() - cpu, "base_rss_kib": base, "peak_rss_kib": status_kib("VmHWM"), "articles": len(corpus),
            "quotes": len(quotes), **result}


def child_partition(path: str, blocksize: str) -> dict:
    """Part 2: one partition of read_jsonl, loaded, annotated and tabled, in this process."""
    import newsdoc.dask as nd

    base = status_kib("VmRSS")
    start = time.perf_counter()
    first = nd.read_jsonl(path, blocksize=blocksize).to_delayed()[0]
    corpus = first.compute(scheduler="synchronous")
    quotes = corpus.to_pandas("quotes")
    entities = corpus.to_pandas("entities")
    seconds = time.perf_counter() - start
    peak = status_kib("VmHWM")
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": peak, "articles": len(corpus),
            "quotes": len(quotes), "entities": len(entities), "input_bytes": len(corpus.dumps().encode("utf-8")),
            "pickled_bytes": len(pickle.dumps(corpus, protocol=5))}


def child_pickle(path: str, runs: str) -> dict:
    """Part 1: pickle.dumps and pickle.loads of the sample in four forms, timed apart (they happen in
    different processes)."""
    import newsdoc
    from newsdoc import _core

    def load_json_text(data):
        return newsdoc.loads(pickle.loads(data), mapping="canonical", format="jsonl", annotate=False)

    def load_json_bytes(data):
        return newsdoc.Corpus._wrap(_core.loads(pickle.loads(data), "canonical", {}, "raise", "jsonl", "<pickle>"))

    def dump_out_of_band(corpus):
        buffers: List[pickle.PickleBuffer] = []
        return pickle.dumps(corpus, protocol=5, buffer_callback=buffers.append), buffers

    forms = {
        "json_text": (lambda corpus: pickle.dumps(corpus.dumps(), protocol=5), load_json_text, len),
        "json_bytes": (lambda corpus: pickle.dumps(corpus._core.to_jsonl(), protocol=5), load_json_bytes, len),
        "binary": (lambda corpus: pickle.dumps(corpus, protocol=5), pickle.loads, len),
        "binary_oob": (dump_out_of_band, lambda out: pickle.loads(out[0], buffers=out[1]),
                       lambda out: len(out[0]) + sum(len(b.raw()) for b in out[1])),
    }
    out = {}
    plain = newsdoc.load(path, annotate=False)
    annotated = newsdoc.annotate(plain)
    for label, corpus in (("as loaded", plain), ("annotated", annotated)):
        figures = out[label] = {"articles": len(corpus), "quotes": sum(len(a.quotes) for a in corpus),
                                "jsonl_bytes": len(corpus._core.to_jsonl())}
        for name, (dump, load, size) in forms.items():
            dump_seconds, data = best_of(int(runs), lambda: dump(corpus))
            load_seconds, again = best_of(int(runs), lambda: load(data))
            assert again.dumps() == corpus.dumps()
            figures[name] = {"dump_seconds": dump_seconds, "load_seconds": load_seconds, "bytes": size(data)}
    return out


CHILDREN = {"single": child_single, "partition": child_partition, "pickle": child_pickle}


def run_child(name: str, *args: str) -> dict:
    command = [sys.executable, __file__, "--child", name, *args]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise RuntimeError(f"{' '.join(command)} exited with {result.returncode}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# The cluster run, from this process.


def worker_status(key: str) -> int:
    """status_kib(key) of the process it runs in: sent to the workers with client.run."""
    return status_kib(key)


def cluster_run(path: str, workers: int, blocksize: str, stealing: bool) -> dict:
    import dask
    import distributed

    import newsdoc.dask as nd

    with dask.config.set({"distributed.scheduler.work-stealing": stealing}), distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        client.run(__import__, "newsdoc.dask")  # imports are not the job's cost
        base = client.run(worker_status, "VmRSS")
        # CPU time of the workers, and of this process, which runs the client and the scheduler.
        worker_cpu = sum(client.run(time.process_time).values())
        start, cpu = time.perf_counter(), time.process_time()
        bag = nd.read_jsonl(path, blocksize=blocksize)
        speakers = nd.quotes_frame(bag).groupby("speaker").size()
        entities = entity_counts(nd.entities_frame(bag))
        speaker_sizes, entity_table = dask.compute(speakers, entities)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu + sum(client.run(time.process_time).values()) - worker_cpu
        result = answers(speaker_sizes, entity_table.sort_index())
        peak = client.run(worker_status, "VmHWM")
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "partitions": bag.npartitions,
            "base_rss_kib": sorted(base.values()), "peak_rss_kib": sorted(peak.values()), **result}


# ---------------------------------------------------------------------------
# Input and report.


_RECORD_ID = re.compile(rb'"(?:id|ID|_id)": ?"')


def make_input(source: Path, size_mb: int) -> Path:
    """`source` repeated whole until it holds at least size_mb MB; made once.

    Copy k > 0 prefixes each record's id with "k-": newsdoc.load refuses duplicate ids.
    """
    data = source.read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    copies = -(-size_mb * MB // len(data))
    lines = data.splitlines(keepends=True)

    def copy(k: int) -> bytes:
        if k == 0:
            return data
        return b"".join(_RECORD_ID.sub(lambda m: m.group(0) + b"%d-" % k, line, count=1) for line in lines)

    size = sum(len(copy(k)) for k in range(copies))
    path = BUILD / f"{source.stem}-x{copies}-ids.jsonl"
    if path.exists() and path.stat().st_size == size:
        log(f"input: reusing {path.relative_to(ROOT)}")
        return path
    BUILD.mkdir(parents=True, exist_ok=True)
    log(f"input: writing {path.relative_to(ROOT)} ({size / MB:.0f} MB)")
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as out:
        for k in range(copies):
            out.write(copy(k))
    partial.replace(path)
    return path


def busy_cpus(seconds: float = 2.0) -> float:
    """The share of all CPUs busy over `seconds`: other people's work, before a run."""
    def sample():
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        return sum(values), values[3] + values[4]
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f}"


def report(pickling: dict, partition: dict, runs: Dict[str, List[dict]], input_path: Path,
           args: argparse.Namespace, busy: float) -> str:
    size = input_path.stat().st_size
    lines = ["## Pickling a corpus", "",
             f"`pickle.dumps` and `pickle.loads` of `{args.source.name}`, each the best of {args.runs} runs; MB/s "
             "is canonical JSONL MB per second of the round trip (dumps + loads).", ""]
    forms = [("json_text", "(a) canonical JSON text (the old pickle)"), ("json_bytes", "(b) canonical JSONL bytes"),
             ("binary", "(c) binary, in band (`pickle.dumps`)"),
             ("binary_oob", "(d) binary, out of band (protocol 5, as Dask sends it)")]
    for label, figures in pickling.items():
        lines += [f"{label.capitalize()}: {figures['articles']:,} articles, {figures['quotes']:,} quotes, "
                  f"{figures['jsonl_bytes'] / MB:.1f} MB of canonical JSONL.", "",
                  "| Form | Pickled MB | dumps ms | loads ms | Round trip ms | MB/s | Speed-up over (a) |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        reference = figures["json_text"]["dump_seconds"] + figures["json_text"]["load_seconds"]
        for key, name in forms:
            f = figures[key]
            total = f["dump_seconds"] + f["load_seconds"]
            lines.append(f"| {name} | {f['bytes'] / MB:.1f} | {f['dump_seconds'] * 1e3:.0f} | "
                         f"{f['load_seconds'] * 1e3:.0f} | {total * 1e3:.0f} | "
                         f"{figures['jsonl_bytes'] / MB / total:,.0f} | {reference / total:.1f}× |")
        lines.append("")
    net = partition["peak_rss_kib"] - partition["base_rss_kib"]
    lines += ["## Memory per partition", "",
              f"The first `{args.blocksize}` partition of `read_jsonl`: {partition['input_bytes'] / MB:.1f} MB of "
              f"canonical JSONL once annotated, {partition['articles']:,} articles, {partition['quotes']:,} quotes, "
              f"{partition['entities']:,} entities, pickled (binary) {partition['pickled_bytes'] / MB:.1f} MB. "
              f"Loading, annotating and making its quotes and entities frames took {partition['seconds']:.1f} s "
              f"and raised the process's peak resident set by {mib(net)} MiB "
              f"({net * 1024 / parse_size(args.blocksize):.1f}× the block size) above the "
              f"{mib(partition['base_rss_kib'])} MiB of the idle process.", ""]
    single, threaded, cluster, unstolen = (min(runs[m], key=lambda r: r["seconds"]) for m in "abcd")
    articles = single["articles"]
    per_core = size / MB / single["seconds"]
    lines += ["## The job on one process and on a LocalCluster", "",
              f"Input: `{input_path.relative_to(ROOT)}`, {size / MB:,.0f} MB, {articles:,} articles "
              f"({args.source.name} repeated). Job: load, annotate, quotes and entities tables, quotes per speaker "
              f"and counts per entity. {busy:.0%} of the CPUs were busy with other work just before the runs. "
              f"{args.job_runs} rounds, each running (a) to (d) in turn; the table shows each method's fastest run.",
              "",
              "| Run | Seconds | All runs (s) | CPU seconds | MB/s | MB per CPU second | Articles/s "
              "| Peak RSS per process MiB | Speed-up over (a) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    rows = [("(a) one process, one thread", single, [single["peak_rss_kib"]]),
            ("(b) one process, annotator on every core", threaded, [threaded["peak_rss_kib"]]),
            (f"(c) LocalCluster, {args.workers} worker processes × 1 thread", cluster, cluster["peak_rss_kib"]),
            ("(d) as (c), without work stealing", unstolen, unstolen["peak_rss_kib"])]
    for (name, r, peaks), method in zip(rows, "abcd"):
        every = " / ".join(f"{run['seconds']:.1f}" for run in runs[method])
        lines.append(f"| {name} | {r['seconds']:.1f} | {every} | {r['cpu_seconds']:.1f} | {size / MB / r['seconds']:,.0f} | "
                     f"{size / MB / r['cpu_seconds']:,.0f} | {articles / r['seconds']:,.0f} | {' / '.join(mib(p) for p in peaks)} | "
                     f"{single['seconds'] / r['seconds']:.2f}× |")
    same = single["digest"] == threaded["digest"] == cluster["digest"] == unstolen["digest"]
    lines += ["", f"- Per core: {per_core:.1f} MB/s, {articles / single['seconds']:,.0f} articles/s of wall-clock "
              f"time in run (a); {size / MB / single['cpu_seconds']:.1f} MB and "
              f"{articles / single['cpu_seconds']:,.0f} articles per CPU second, which other people's work on the "
              "machine does not change. The cluster's CPU seconds add its workers' and those of the process "
              "running the client and the scheduler.",
              f"- The cluster made {cluster['partitions']} partitions; each worker idled at "
              f"{' / '.join(mib(p) for p in cluster['base_rss_kib'])} MiB before the job (Python, Dask, pandas, "
              "newsdoc imported).",
              f"- Answers: {cluster['speakers']:,} speakers, {cluster['entities']:,} entities (name, type); top "
              f"speakers {', '.join(f'{name} ({n:,})' for name, n in cluster['top'])}. "
              f"{'Identical in (a), (b), (c) and (d)' if same else 'DIFFERENT between the runs'} "
              f"(digest {cluster['digest']}).",
              f"- Command: `{' '.join([Path(sys.executable).name, 'bench/dask_bench.py', *sys.argv[1:]])}`"]
    return "\n".join(lines) + "\n"


def figures(pickling: dict, partition: dict, runs: Dict[str, List[dict]], input_path: Path,
            args: argparse.Namespace, busy: float) -> dict:
    """Everything the report shows, for --json: one JSON object."""
    labels = {"a": "one process, one thread", "b": "one process, annotator on every core",
              "c": f"LocalCluster, {args.workers} worker processes × 1 thread", "d": "as (c), without work stealing"}
    digests = {r["digest"] for rs in runs.values() for r in rs}
    return {"command": " ".join([Path(sys.executable).name, "bench/dask_bench.py", *sys.argv[1:]]),
            "input": str(input_path.relative_to(ROOT)), "input_bytes": input_path.stat().st_size,
            "source": args.source.name, "size_mb": args.size_mb, "workers": args.workers, "cores": os.cpu_count(),
            "blocksize": args.blocksize, "blocksize_bytes": parse_size(args.blocksize), "runs": args.runs,
            "job_runs": args.job_runs, "busy_before": busy, "pickling": pickling, "partition": partition,
            "jobs": {m: {"label": labels[m], "runs": rs} for m, rs in runs.items()},
            "same_answers": len(digests) == 1}


def parse_size(text: str) -> int:
    from dask.utils import parse_bytes

    return parse_bytes(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the JSONL sample to replicate")
    parser.add_argument("--size-mb", type=int, default=1000, help="size of the replicated input in MB")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster")
    parser.add_argument("--blocksize", default="64 MiB", help="partition size of read_jsonl")
    parser.add_argument("--runs", type=int, default=3, help="runs of the pickling measurements")
    parser.add_argument("--job-runs", type=int, default=3, help="rounds of the four jobs on the replicated input")
    parser.add_argument("--json", action="store_true",
                        help="print one line of JSON with the figures on stdout; the Markdown report goes to stderr")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, *child_args = args.child
        print(json.dumps(CHILDREN[name](*child_args)))
        return
    if not args.source.exists():
        sys.exit(f"dask_bench: the sample {args.source} does not exist")
    log("pickling the sample")
    pickling = run_child("pickle", str(args.source), str(args.runs))
    input_path = make_input(args.source, args.size_mb)
    log("memory of one partition")
    partition = run_child("partition", str(input_path), args.blocksize)
    busy = busy_cpus()
    # The runs take turns, so that other people's work on the machine weighs on every method alike.
    runs: Dict[str, List[dict]] = {"a": [], "b": [], "c": [], "d": []}
    for i in range(args.job_runs):
        runs["a"].append(run_child("single", str(input_path), "1"))
        runs["b"].append(run_child("single", str(input_path), "all"))
        runs["c"].append(cluster_run(str(input_path), args.workers, args.blocksize, stealing=True))
        runs["d"].append(cluster_run(str(input_path), args.workers, args.blocksize, stealing=False))
        log(f"round {i + 1}: " + ", ".join(f"({m}) {r[-1]['seconds']:.1f} s, {r[-1]['cpu_seconds']:.1f} CPU s"
                                           for m, r in runs.items()))
    text = report(pickling, partition, runs, input_path, args, busy)
    if args.json:
        sys.stderr.write(text)
        sys.stderr.flush()
        print(json.dumps(figures(pickling, partition, runs, input_path, args, busy)), flush=True)
    else:
        print(text)


if __name__ == "__main__":
    main()
