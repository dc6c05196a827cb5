"""newsdoc's benchmarks: `make bench` runs them and writes docs/performance.md.

Loading. It replicates shared/corpora/news-sample-2000.jsonl (2,000 news records,
24 MB) to about 500 MB of JSONL and reads it, in one run, with

  (a) simdjson On-Demand collecting every string value into one buffer: the
      practical speed limit (bench/simdjson_limit.cpp, C++);
  (b) newsdoc.load from Python (and newsdoc::load from C++ for comparison);
  (c) json.loads per line plus building a dataclass per article;
  (d) pandas.read_json(lines=True);

plus Corpus.dumps() (canonical JSONL output). Every measurement runs in its
own process, so each one's peak resident set (VmHWM) is its own. Times are
wall-clock seconds of the work itself (not process start or imports), the
best of --runs runs (only one for a method whose first run is slow).
Everything is read with annotate=False: these figures are the reader's.

Annotation. On the BBC corpus (shared/corpora/bbc: 2,225 plain-text
articles, about 5 MB of body text) it times, in MB of body text a second,

  (e) newsdoc::Annotator from C++ (bench/newsdoc_annotate.cpp) on one thread
      and on every core;
  (f) newsdoc.annotate(corpus, threads=1) and threads=None from Python, on the
      corpus read with newsdoc.load(dir, annotate=False);
  (g) the baseline: a pure-Python regex quote, speaker and entity finder
      (bench/baseline_quotes.py) on the same text, in the same run.

The annotation section is skipped, with a message, when the corpus is absent.

Annotation with trained models. On the same corpus, one thread, in the same
run: newsdoc::Annotator with the rules only and with the trained taggers of
models/ (AnnotatorOptions::models: pos, ner, ner-doc), in MB of body text a
second per core, plus the seconds of newsdoc::Models::load.

DataFrames and queries. On a synthetic corpus of one million quotes (100,000
articles of 10), each in its own child process that prints one line of JSON
(`--json`):

  (h) bench/pandas_bench.py: corpus.to_pandas("quotes") against a pandas-only
      baseline building the same frame from the Quote views (checked equal);
  (i) bench/query_bench.py: the index build, then corpus.quotes(speaker=name)
      over 2,000 random names (median and 99th percentile).

Scale-out on Dask. bench/dask_bench.py --json in a child process (it prints
one line of JSON; its own Markdown report goes to stderr): the 2,000-article
sample replicated to --scaleout-mb MB (default 1,000) and run as one job (load,
annotate, quotes and entities tables, group-bys) in one process and on a
distributed.LocalCluster, plus pickle round trips of the sample and the memory
of one partition. It runs last, after the others.

With --only, one section runs and the others are kept as they stand in --output.

Usage (with the project's .venv Python, after `make install`):
    .venv/bin/python bench/run.py [--only load|annotate|models|tables|scaleout] [--quick | --size-mb N] [--scaleout-mb N]
        [--output docs/performance.md]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "news-sample-2000.jsonl"
DEFAULT_TEXT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
MB = 1_000_000  # sizes and speeds are in decimal megabytes
TARGET_SPEED = 0.75  # newsdoc.load at least 0.75x the simdjson limit (issue 12)
TARGET_REOPEN = 1.5e9  # reopening a saved corpus at 1.5 GB/s (issue 12)
TARGET_MEMORY = 1.3  # at most 1.3 bytes of memory per input byte
SLOW_SECONDS = 10.0  # a method whose first run takes longer runs once
TARGET_ANNOTATE = 50.0  # annotation: at least 50 MB/s of body text per core, single thread
ANNOTATE_REPEAT = 5  # passes over the corpus within one annotation child; the best counts
ANNOTATE_RUNS = 5  # annotation children per method at least (each takes about a second)
ANNOTATION_HEADING = "## Annotation"
MODELS_HEADING = "## Annotation with trained models"
MODELS_DIR = ROOT / "models"
TARGET_MODELS = 10.0  # annotation with every model: at least 10 MB/s of body text per core (issue 11)
MODELS_REPEAT = 3  # passes over the corpus within one child; the best counts
MODELS_RUNS = 3  # children per method
TABLES_HEADING = "## DataFrames and queries"
TARGET_TO_PANDAS = 1.0  # to_pandas("quotes") on 1M quotes: under a second
TARGET_QUERY = 1e-3  # a speaker query on 1M quotes, index built: under a millisecond (median)
SCALEOUT_HEADING = "## Scale-out on Dask"
DEFAULT_SCALEOUT_MB = 1000  # scale-out: the replicated input of bench/dask_bench.py
SCALEOUT_PICKLE_RUNS = 5  # scale-out: pickle round trips at least (each well under a second)


# ---------------------------------------------------------------------------
# Children: each measurement runs in a fresh interpreter (`--child METHOD PATH`)
# and prints one line of JSON.


def _status_kib(key: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def _child_newsdoc(path: str) -> dict:
    import newsdoc

    base = _status_kib("VmRSS")
    start = time.perf_counter()
    corpus = newsdoc.load(path, annotate=False)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": _status_kib("VmHWM"), "articles": len(corpus)}


def _child_newsdoc_one_thread(path: str) -> dict:
    import newsdoc

    base = _status_kib("VmRSS")
    start = time.perf_counter()
    corpus = newsdoc.load(path, annotate=False, threads=1)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": _status_kib("VmHWM"), "articles": len(corpus)}


def _child_dumps(path: str) -> dict:
    import newsdoc

    corpus = newsdoc.load(path, annotate=False)
    base = _status_kib("VmRSS")
    start = time.perf_counter()
    text = corpus.dumps()
    seconds = time.perf_counter() - start
    peak = _status_kib("VmHWM")
    output_bytes = len(text.encode("utf-8"))
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": peak, "articles": len(corpus),
            "output_bytes": output_bytes}


# The binary corpus files of the reopen rows: the input as loaded, and annotated by the rules.
SAVED_SUFFIX = {"plain": ".ndc", "annotated": ".annotated.ndc"}


def _save(path: str, form: str) -> dict:
    """Loads ``path`` (annotated by the rules for ``form="annotated"``) and saves it beside it."""
    import newsdoc

    corpus = newsdoc.load(path, annotate=form == "annotated")
    start = time.perf_counter()
    corpus.save(path + SAVED_SUFFIX[form])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_rss_kib": 0, "peak_rss_kib": _status_kib("VmHWM"), "articles": len(corpus),
            "output_bytes": os.path.getsize(path + SAVED_SUFFIX[form]),
            "quotes": sum(len(a.quotes) for a in corpus), "mentions": sum(len(a.mentions) for a in corpus)}


def _reopen(path: str, form: str, memory_map: bool = False) -> dict:
    """Reopens a binary corpus file _save wrote (validated: checksum, every string and span), read or mapped."""
    import newsdoc

    base = _status_kib("VmRSS")
    start = time.perf_counter()
    corpus = newsdoc.load(path + SAVED_SUFFIX[form], memory_map=memory_map)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": _status_kib("VmHWM"), "articles": len(corpus)}


def _child_save(path: str) -> dict:
    return _save(path, "plain")


def _child_reopen(path: str) -> dict:
    return _reopen(path, "plain")


def _child_save_annotated(path: str) -> dict:
    return _save(path, "annotated")


def _child_reopen_annotated(path: str) -> dict:
    return _reopen(path, "annotated")


def _child_reopen_mapped(path: str) -> dict:
    return _reopen(path, "plain", memory_map=True)


def _child_reopen_annotated_mapped(path: str) -> dict:
    return _reopen(path, "annotated", memory_map=True)


def _child_stdlib(path: str) -> dict:
    import dataclasses
    from typing import Any, Dict as D, List as L, Optional as O

    @dataclasses.dataclass
    class Article:
        """What newsdoc's automatic mapping makes of a record, as plain Python."""

        id: str
        url: str
        source: str
        title: str
        authors: L[str]
        published: O[str]
        paragraphs: L[str]
        meta: D[str, Any]

    # The automatic mapping's keys for this corpus; "_original" wins.
    keys = {"id": ("id", "ID", "_id"), "url": ("url",), "source": ("source", "domain", "source_domain"),
            "title": ("title",), "authors": ("authors", "author"),
            "published": ("published", "date", "date_publish", "publish_date"),
            "body": ("paragraphs_original", "paragraphs", "text_original", "text", "maintext_original", "maintext",
                     "content_original", "content", "body_original", "body")}

    def pick(record: dict, names) -> Any:
        for name in names:
            if name in record:
                return record.pop(name)
        return None

    def article(record: dict) -> Article:
        authors = pick(record, keys["authors"]) or []
        if isinstance(authors, str):
            authors = [a.strip() for a in authors.split(",")]
            authors = [a for a in authors if a]
        body = pick(record, keys["body"]) or ""
        if isinstance(body, str):
            body = [p.strip() for p in body.split("\n")]
            body = [p for p in body if p]
        return Article(id=str(pick(record, keys["id"]) or ""), url=pick(record, keys["url"]) or "",
                       source=pick(record, keys["source"]) or "", title=pick(record, keys["title"]) or "",
                       authors=authors, published=pick(record, keys["published"]), paragraphs=body, meta=record)

    base = _status_kib("VmRSS")
    start = time.perf_counter()
    articles = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                articles.append(article(json.loads(line)))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": _status_kib("VmHWM"), "articles": len(articles)}


def _child_pandas(path: str) -> dict:
    import pandas

    base = _status_kib("VmRSS")
    start = time.perf_counter()
    frame = pandas.read_json(path, lines=True)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_rss_kib": base, "peak_rss_kib": _status_kib("VmHWM"), "articles": len(frame),
            "pandas": pandas.__version__}


def _child_annotate(path: str, threads: str) -> dict:
    """newsdoc.annotate on the corpus read without annotations; the best of ANNOTATE_REPEAT passes."""
    import newsdoc

    corpus = newsdoc.load(path, annotate=False)
    body_bytes = sum(len(a.text.encode("utf-8")) for a in corpus)
    base = _status_kib("VmRSS")
    seconds = []
    for _ in range(ANNOTATE_REPEAT):  # the first pass also builds the shared default Annotator
        start = time.perf_counter()
        annotated = newsdoc.annotate(corpus, threads=None if threads == "all" else int(threads))
        seconds.append(time.perf_counter() - start)
    peak = _status_kib("VmHWM")
    quotes = [q for a in annotated for q in a.quotes]
    return {"seconds": min(seconds), "first_seconds": seconds[0], "body_bytes": body_bytes,
            "articles": len(annotated), "quotes": len(quotes),
            "quotes_marked": sum(1 for q in quotes if q.kind != "indirect"),
            "quotes_with_speaker": sum(1 for q in quotes if q.speaker is not None or q.speaker_span is not None),
            "entities": sum(len(a.entities) for a in annotated), "base_rss_kib": base, "peak_rss_kib": peak}


def _child_baseline(path: str) -> dict:
    """bench/baseline_quotes.py on the same bodies; the best of ANNOTATE_REPEAT passes."""
    import newsdoc

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import baseline_quotes

    texts = [a.text for a in newsdoc.load(path, annotate=False)]
    body_bytes = sum(len(t.encode("utf-8")) for t in texts)
    base = _status_kib("VmRSS")
    seconds = []
    for _ in range(ANNOTATE_REPEAT):
        start = time.perf_counter()
        annotations = baseline_quotes.annotate_texts(texts)
        seconds.append(time.perf_counter() - start)
    return {"seconds": min(seconds), "first_seconds": seconds[0], "body_bytes": body_bytes,
            **baseline_quotes.summary(annotations), "base_rss_kib": base, "peak_rss_kib": _status_kib("VmHWM")}


CHILDREN = {"newsdoc": _child_newsdoc, "newsdoc-one-thread": _child_newsdoc_one_thread,
            "save": _child_save, "reopen": _child_reopen,
            "save-annotated": _child_save_annotated, "reopen-annotated": _child_reopen_annotated,
            "reopen-mapped": _child_reopen_mapped, "reopen-annotated-mapped": _child_reopen_annotated_mapped,
            "dumps": _child_dumps, "stdlib": _child_stdlib, "pandas": _child_pandas,
            "annotate": _child_annotate, "baseline": _child_baseline}


# ---------------------------------------------------------------------------
# The driver.


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def python_for_children() -> str:
    """The project's .venv Python (never the first python3 on PATH)."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


_RECORD_ID = re.compile(rb'"(?:id|ID|_id)": ?"')


def make_input(source: Path, size_mb: int) -> Path:
    """`source` repeated, whole lines, until it holds at least size_mb MB; made once.

    Copy k > 0 prefixes each record's id with "k-", so ids stay unique: newsdoc.load refuses duplicates.
    """
    data = source.read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    lines = data.splitlines(keepends=True)
    target = size_mb * MB
    copies, rest = divmod(target, len(data))
    extra = 0
    taken = 0
    while rest > 0 and taken < len(lines):
        extra += len(lines[taken])
        rest -= len(lines[taken])
        taken += 1

    def copy(k: int, part: List[bytes]) -> bytes:
        if k == 0:
            return b"".join(part)
        return b"".join(_RECORD_ID.sub(lambda m: m.group(0) + b"%d-" % k, line, count=1) for line in part)

    expected = sum(len(copy(k, lines)) for k in range(copies)) + len(copy(copies, lines[:taken]))
    path = BUILD / f"{source.stem}-{size_mb}MB-ids.jsonl"
    if path.exists() and path.stat().st_size == expected:
        log(f"input: reusing {path.relative_to(ROOT)} ({expected / MB:.1f} MB)")
        return path
    BUILD.mkdir(parents=True, exist_ok=True)
    log(f"input: writing {path.relative_to(ROOT)} ({expected / MB:.1f} MB) from {source.name}")
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as out:
        for k in range(copies):
            out.write(copy(k, lines))
        out.write(copy(copies, lines[:taken]))
    partial.replace(path)
    return path


def warm_page_cache(path: Path) -> None:
    """Read the file once so that no method pays for the disk."""
    with open(path, "rb", buffering=0) as f:
        while f.read(16 << 20):
            pass


def build_programs() -> Dict[str, Path]:
    log("build: cmake -> build/bench (Release, -march=native)")
    configure = ["cmake", "-S", str(ROOT), "-B", str(BUILD), "-DNEWSDOC_BUILD_BENCH=ON", "-DNEWSDOC_BUILD_TESTS=OFF",
                 "-DNEWSDOC_BUILD_PYTHON=OFF", "-DCMAKE_BUILD_TYPE=Release"]
    names = ("simdjson_limit", "newsdoc_load", "newsdoc_annotate")
    build = ["cmake", "--build", str(BUILD), "-j", str(os.cpu_count() or 1), "--target", *names]
    for command in (configure, build):
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout)
            sys.exit(f"bench: {' '.join(command[:2])} failed")
    return {name: BUILD / "bench" / name for name in names}


def has_avx512() -> bool:
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("flags"):
                return "avx512f" in line.split()
    return False


def callgrind_programs(programs: Dict[str, Path]) -> tuple:
    """The programs callgrind can run, and the -march they were built for.

    Valgrind cannot execute AVX-512, which -march=native emits on a CPU that
    has it; there the two programs are built once more for Haswell (AVX2),
    the kernel simdjson picks under valgrind anyway.
    """
    if not has_avx512():
        return programs, "native"
    build_dir = BUILD / "callgrind"
    log("build: cmake -> build/bench/callgrind (Release, -march=haswell: valgrind cannot run AVX-512)")
    configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DNEWSDOC_BUILD_BENCH=ON",
                 "-DNEWSDOC_BUILD_TESTS=OFF", "-DNEWSDOC_BUILD_PYTHON=OFF", "-DCMAKE_BUILD_TYPE=Release",
                 "-DNEWSDOC_NATIVE=OFF", "-DCMAKE_CXX_FLAGS=-march=haswell"]
    build = ["cmake", "--build", str(build_dir), "-j", str(os.cpu_count() or 1), "--target", "simdjson_limit",
             "newsdoc_load"]
    for command in (configure, build):
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            log(f"instructions: {' '.join(command[:2])} for haswell failed; no instruction counts")
            return None, "haswell"
    return {name: build_dir / "bench" / name for name in ("simdjson_limit", "newsdoc_load")}, "haswell"


def cpu_jiffies() -> tuple:
    """(all CPU time, idle time) since boot, summed over the CPUs, in clock ticks."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return sum(values), values[3] + values[4]  # idle + iowait


def run_child(command: List[str], show_stderr: bool = False) -> dict:
    """The child's JSON, plus "others_busy": the share of all CPUs busy with other processes meanwhile.

    With show_stderr the child's stderr (its progress) goes straight to ours instead of being kept.
    """
    total0, idle0 = cpu_jiffies()
    own0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=None if show_stderr else subprocess.PIPE,
                            text=True)
    total1, idle1 = cpu_jiffies()
    own1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        if result.stderr:
            sys.stderr.write(result.stderr)
        raise RuntimeError(f"{' '.join(command)} exited with {result.returncode}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    hz = os.sysconf("SC_CLK_TCK")
    busy = ((total1 - total0) - (idle1 - idle0)) / hz
    own = (own1.ru_utime + own1.ru_stime) - (own0.ru_utime + own0.ru_stime)
    out["others_busy"] = min(1.0, max(0.0, busy - own) / max(1e-9, (total1 - total0) / hz))
    return out


def measure(name: str, command: List[str], runs: int) -> dict:
    """Best time of up to `runs` runs; the largest peak RSS seen."""
    results = []
    for i in range(runs):
        results.append(run_logged(name, i, command))
        if results[0]["seconds"] > SLOW_SECONDS:
            break
    return best_of(results)


def run_logged(name: str, i: int, command: List[str]) -> dict:
    r = run_child(command)
    peak = r.get("peak_rss_kib")
    log(f"  {name}: run {i + 1}: {r['seconds']:.3f} s" + (f", peak {peak / 1024:.0f} MiB" if peak is not None else "")
        + f", other work {r['others_busy']:.0%} of the CPUs")
    return r


def best_of(results: List[dict]) -> dict:
    """The fastest run (its own other work), with every run's seconds and the largest peak RSS."""
    best = min(results, key=lambda r: r["seconds"])
    best = dict(best)
    best["runs"] = len(results)
    best["peak_rss_kib"] = max(r.get("peak_rss_kib", 0) for r in results)
    best["base_rss_kib"] = min(r.get("base_rss_kib", 0) for r in results)
    best["all_seconds"] = [r["seconds"] for r in results]
    return best


KERNEL_LOAD = "the kernel: read() copying the file, page faults of new memory, freeing"


def profile(command: List[str], name: str = "perf.data", kernel_label: str = KERNEL_LOAD) -> Optional[List[tuple]]:
    """A program's time by function (self time, %), with perf if it works here.

    Functions of the program and its libraries are listed by name; all the
    kernel's time (for newsdoc_load: the read() copy, page faults, freeing)
    is one row, `kernel_label`.
    """
    perf = shutil.which("perf")
    if not perf:
        return None
    data = BUILD / name
    record = subprocess.run([perf, "record", "-q", "-F", "2999", "-o", str(data), "--", *command],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if record.returncode != 0:
        log(f"profile: perf record failed: {record.stderr.strip()[:200]}")
        return None
    report = subprocess.run([perf, "report", "-i", str(data), "--no-children", "--stdio", "-q", "--percent-limit", "0",
                             "--sort", "dso,symbol"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    rows: List[tuple] = []
    kernel = 0.0
    for line in report.stdout.splitlines():
        match = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[([.k])\]\s+(.*)", line)
        if not match:
            continue
        share, dso, space, symbol = float(match.group(1)), match.group(2), match.group(3), match.group(4)
        if space == "k":
            kernel += share
            continue
        symbol = clean_symbol(symbol)
        dso = re.sub(r"\.so[.\d]*$", "", dso)
        rows.append((share, f"{symbol} ({dso})"))
    if not rows:
        return None
    top = [r for r in rows if r[0] >= 1.0]
    top.append((kernel, kernel_label))
    top.append((sum(r[0] for r in rows if r[0] < 1.0), "everything else, each under 1%"))
    return sorted(top, reverse=True)


def clean_symbol(symbol: str) -> str:
    symbol = re.sub(r"\s+-\s+-\s*$", "", symbol).strip()
    symbol = symbol.replace("(anonymous namespace)::", "").replace("std::__cxx11::", "std::")
    symbol = re.sub(r"\s*\[clone [^\]]*\]", "", symbol)
    return re.sub(r"\(.*", "", symbol).strip()  # drop argument lists


def count_instructions(limit: Path, newsdoc_load: Path, source: Path) -> Optional[Dict[str, dict]]:
    """Instructions executed by (a) and (b′) on `source`, by function (callgrind).

    Exact counts, unlike times, do not move when other processes share the
    machine. User space only: the kernel's work is not counted.
    """
    valgrind, annotate = shutil.which("valgrind"), shutil.which("callgrind_annotate")
    if not valgrind or not annotate:
        return None
    counts: Dict[str, dict] = {}
    for key, command in (("limit", [str(limit), str(source), "stream"]), ("newsdoc", [str(newsdoc_load), str(source)])):
        data = BUILD / f"callgrind.{key}.out"
        run = subprocess.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={data}", *command],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if run.returncode != 0:
            log(f"instructions: valgrind failed on {command[0]}")
            return None
        text = subprocess.run([annotate, str(data)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True).stdout
        total, functions = 0, {}
        for line in text.splitlines():
            match = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)", line)
            if not match:
                continue
            n, name = int(match.group(1).replace(",", "")), match.group(2)
            if "PROGRAM TOTALS" in name:
                total = n
                continue
            obj = re.search(r"\[([^\]]*)\]\s*$", name)
            dso = re.sub(r"\.so[.\d]*$", "", Path(obj.group(1)).name) if obj else "?"
            name = clean_symbol(re.sub(r"\s*\[[^\]]*\]\s*$", "", name).split(":", 1)[-1])
            functions[f"{name} ({dso})"] = functions.get(f"{name} ({dso})", 0) + n
        counts[key] = {"total": total, "functions": functions}
    return counts


def busy_cpus(seconds: float = 2.0) -> float:
    """The share of all CPUs that were busy over `seconds` (before the run: other people's work)."""
    total0, idle0 = cpu_jiffies()
    time.sleep(seconds)
    total1, idle1 = cpu_jiffies()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def machine() -> Dict[str, str]:
    model, flags = "unknown", set()
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name") and model == "unknown":
                model = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
    simd = ", ".join(f for f in ("sse4_2", "avx2", "bmi2", "avx512f", "avx512bw") if f in flags)
    memory = "unknown"
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    compiler = subprocess.run(["c++", "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
    return {"cpu": model, "cores": str(os.cpu_count()), "simd": simd, "memory": memory,
            "os": f"{platform.system()} {platform.release()}", "compiler": compiler,
            "python": platform.python_version()}


# ---------------------------------------------------------------------------
# The report.


def fmt_ratio(x: float) -> str:
    return f"{x:.2f}×" if x < 10 else f"{x:.0f}×"


def net_per_byte(r: dict, input_bytes: int) -> float:
    return (r["peak_rss_kib"] - r["base_rss_kib"]) * 1024 / input_bytes


def spread(r: dict) -> float:
    """How much slower the slowest run was than the fastest."""
    return max(r["all_seconds"]) / min(r["all_seconds"]) - 1


def table(rows: List[dict], input_bytes: int, reference: dict) -> List[str]:
    out = ["| Method | MB/s | Seconds (best) | All runs (s) | Peak RSS MB | Net RSS MB | Net RSS bytes / input byte "
           "| newsdoc.load speed ÷ method speed |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        net = (r["peak_rss_kib"] - r["base_rss_kib"]) * 1024
        runs = " / ".join(f"{s:.2f}" for s in r["all_seconds"])
        out.append(f"| {r['label']} | {r['speed'] / MB:,.0f} | {r['seconds']:.2f} | {runs} "
                   f"| {r['peak_rss_kib'] * 1024 / MB:,.0f} | {net / MB:,.0f} | {net / input_bytes:.2f} "
                   f"| {fmt_ratio(reference['speed'] / r['speed'])} |")
    return out


def instruction_rows(counts: Dict[str, dict], source_bytes: int) -> List[tuple]:
    """(newsdoc share %, function, newsdoc per byte, limit per byte) for newsdoc's functions over 1%."""
    nd, lim = counts["newsdoc"], counts["limit"]
    rows = []
    for name, n in sorted(nd["functions"].items(), key=lambda item: -item[1]):
        if n < 0.01 * nd["total"]:
            break
        rows.append((100 * n / nd["total"], name, n / source_bytes, lim["functions"].get(name, 0) / source_bytes))
    return rows


def reading(results: Dict[str, dict], input_bytes: int, counts: Optional[Dict[str, dict]],
            source_bytes: int, load: float) -> List[str]:
    a, b, c, d = results["limit"], results["newsdoc"], results["stdlib"], results["pandas"]
    cpp, one = results["newsdoc_cpp"], results["newsdoc_one"]
    speed_ratio = b["speed"] / a["speed"]
    noise = max(spread(r) for r in (a, b, cpp))
    if speed_ratio < TARGET_SPEED:
        verdict = "missed"
    elif speed_ratio < TARGET_SPEED * (1 + noise) or speed_ratio < TARGET_SPEED * 1.1:
        verdict = "met, narrowly"
    else:
        verdict = "met"
    memory = net_per_byte(b, input_bytes)
    lines = [
        f"- **Speed target: {verdict}.** newsdoc.load reads {b['speed'] / MB:,.0f} MB/s, {speed_ratio:.2f}× the "
        f"simdjson limit of {a['speed'] / MB:,.0f} MB/s (target ≥ {TARGET_SPEED}×). Runs of one method differed by "
        f"up to {noise:.0%} here, so take the second digit with salt"
        + (f" (the machine was not idle: other work kept {load:.0%} of the CPUs busy when the run began)."
           if load > 0.1 else ".")
        + f" newsdoc.load parses on every core ({os.cpu_count()} here) and (a) on one; on one thread (b″) newsdoc.load "
        f"reads {one['speed'] / MB:,.0f} MB/s, {one['speed'] / a['speed']:.2f}× the limit.",
        f"- **Memory target: {'met' if memory <= TARGET_MEMORY else 'missed'}.** The loaded corpus costs "
        f"{memory:.2f} bytes of resident memory per input byte (target ≤ {TARGET_MEMORY}); the process peaks at "
        f"{b['peak_rss_kib'] * 1024 / MB:,.0f} MB for {input_bytes / MB:,.0f} MB of input. The limit (a) needs "
        f"{net_per_byte(a, input_bytes):.2f} too, as it keeps every string it read: the text itself is most of "
        "the input, and newsdoc keeps all of it (the unmapped fields in meta).",
        f"- From Python, newsdoc.load took {b['seconds']:.2f} s against {cpp['seconds']:.2f} s for newsdoc::load from "
        "C++: the binding makes no Python object per article (the corpus stays in C++ storage until an article is "
        "asked for), so the difference is run-to-run noise.",
        f"- newsdoc.load is {fmt_ratio(b['speed'] / c['speed'])} as fast as json.loads + dataclasses "
        f"({c['speed'] / MB:,.0f} MB/s, {net_per_byte(c, input_bytes):.2f} bytes per input byte) and "
        f"{fmt_ratio(b['speed'] / d['speed'])} as fast as pandas.read_json ({d['speed'] / MB:,.0f} MB/s, "
        f"{net_per_byte(d, input_bytes):.2f} bytes per input byte). A Python string with any character above "
        "U+00FF (a curly quote will do) takes 2 bytes per character, which is much of why the Python readers "
        "need more memory than the input; pandas also keeps a Python object per cell.",
        f"- On one thread, newsdoc's own work beyond the limit takes "
        f"{1 / one['speed'] * MB * 1e3 - 1 / a['speed'] * MB * 1e3:.2f} ms per MB of input "
        f"({1 - one['speed'] / a['speed']:.0%} of its time): mapping keys to fields; splitting the body into "
        "trimmed paragraphs; minifying the unmapped "
        "fields into the meta JSON (here the processed `content` twin of `content_original`, about 45% of the "
        "input); checking UTF-8 and counting code points for the character offsets; copying it all into the "
        "corpus's arena.",
    ]
    if counts:
        per_byte = {k: counts[k]["total"] / source_bytes for k in ("newsdoc", "limit")}
        own = [(share, name) for share, name, _, lim in instruction_rows(counts, source_bytes) if lim == 0]
        shown = "; ".join(f"{name} {share:.0f}%" for share, name in own[:5])
        lines.append(
            f"- Counted in instructions (callgrind, the 24 MB sample), newsdoc::load executes "
            f"{per_byte['newsdoc']:.1f} per input byte and the limit {per_byte['limit']:.1f} "
            f"({per_byte['newsdoc'] / per_byte['limit']:.1f}×). The largest functions the limit does not run at "
            f"all, in newsdoc's share of instructions: {shown}.")
    lines.append(
        "- Much of both programs' wall time is the kernel's (see the profile below): copying the file out of the page "
        "cache and, above all, faulting in and zeroing the fresh pages that hold the result. Both pay it for about "
        "as many bytes, so it narrows the gap between them rather than widening it.")
    return lines


def load_section(results: Dict[str, dict], input_path: Path, input_bytes: int, command: str,
                 info: Dict[str, str], top: Optional[List[tuple]], counts: Optional[Dict[str, dict]],
                 source: Path, kernel: str, load: float) -> str:
    """The loading part of the report, from its "## Set-up" on."""
    source_bytes = source.stat().st_size
    main_rows = [results[k] for k in ("limit", "newsdoc", "stdlib", "pandas")]
    extra_rows = [results[k] for k in ("limit_whole", "newsdoc_cpp", "newsdoc_one")]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Set-up",
        "",
        f"- Date: {now}",
        f"- Machine: {info['cpu']}, {info['cores']} cores ({info['simd']}), {info['memory']} RAM, {info['os']}; "
        f"{load:.0%} of the CPUs busy with other work just before the run",
        f"- Build: {info['compiler']}, Release, `-march=native` (simdjson On-Demand kernel: {kernel}); "
        f"Python {info['python']}",
        f"- Command: `{command}`",
        f"- Input: `{input_path.relative_to(ROOT)}`, {input_bytes / MB:,.1f} MB, "
        f"{results['newsdoc']['articles']:,} records: `shared/corpora/{source.name}` "
        f"({source_bytes / MB:,.1f} MB) repeated. It is read once before the measurements, so every method reads "
        "from the page cache.",
        "- Each measurement runs in its own process. Seconds are wall-clock time of the load alone (not process "
        f"start or imports), the best of up to 3 runs (1 when the first takes over {SLOW_SECONDS:.0f} s). MB/s is "
        "input MB (10^6 bytes) per second.",
        "- Peak RSS is the process's VmHWM after the load. Net RSS subtracts the resident set just before the "
        f"load (the idle process with its imports: {results['newsdoc']['base_rss_kib'] / 1024:.0f} MiB for "
        f"newsdoc in Python, {results['pandas']['base_rss_kib'] / 1024:.0f} MiB with pandas, "
        f"{results['limit']['base_rss_kib'] / 1024:.0f} MiB in C++), so it is what the loaded data and the "
        "loader's buffers cost.",
        "",
        "## Results",
        "",
    ]
    lines += table(main_rows, input_bytes, results["newsdoc"])
    lines += [
        "",
        "- (a) `bench/simdjson_limit.cpp`: simdjson On-Demand `iterate_many` over 8 MiB windows of the file (as "
        "newsdoc reads it), appending every string value of every record, at any depth, to one `std::string`.",
        "- (b) `newsdoc.load(path)` from Python: the automatic field mapping, a Corpus in C++ storage.",
        "- (c) `json.loads` per line, then a dataclass per record the way newsdoc's automatic mapping reads it "
        "(authors split at commas, `content_original` split into trimmed non-empty paragraphs, the rest in a "
        "meta dict).",
        "- (d) `pandas.read_json(path, lines=True)`: a DataFrame, one column per key.",
        "",
        "For comparison:",
        "",
    ]
    lines += table(extra_rows, input_bytes, results["newsdoc"])
    lines += [
        "",
        "- (a′) as (a), but `padded_string::load` of the whole file first: the input is resident too, and its "
        "pages must be faulted in.",
        "- (b′) `bench/newsdoc_load.cpp`: `newsdoc::load(path)` from C++.",
        "- (b″) as (b), on one thread. (a) is one thread; newsdoc.load and newsdoc::load parse a JSONL file's 8 MiB "
        "windows on every core by default (`threads=`), as a user's load does.",
        "",
    ]
    reopen, annotated = results.get("reopen"), results.get("reopen_annotated")
    mapped, annotated_mapped = results.get("reopen_mapped"), results.get("reopen_annotated_mapped")
    if reopen and annotated and mapped and annotated_mapped:
        def row(r: dict) -> str:
            net = (r["peak_rss_kib"] - r["base_rss_kib"]) * 1024
            return (f"| {r['label']} | {r['speed'] / MB:,.0f} | {r['ndc_bytes'] / r['seconds'] / MB:,.0f} "
                    f"| {r['seconds']:.2f} | {' / '.join(f'{s:.2f}' for s in r['all_seconds'])} "
                    f"| {r['ndc_bytes'] / MB:,.0f} | {net / MB:,.0f} | {r['speed'] / results['newsdoc']['speed']:.1f}× |")

        def verdict(r: dict) -> str:
            return "met" if r["ndc_bytes"] / r["seconds"] >= TARGET_REOPEN else "missed"

        lines += [
            "## Reopening a saved corpus",
            "",
            "| Method | JSONL-equivalent MB/s | .ndc MB/s | Seconds (best) | All runs (s) | .ndc MB | Net RSS MB "
            "| speed ÷ newsdoc.load speed |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            row(reopen),
            row(annotated),
            row(mapped),
            row(annotated_mapped),
            "",
            f"`corpus.save(path)` wrote the loaded input as a binary corpus file (the pickle form, "
            f"`newsdoc/binary.hpp`: magic, version, CRC-32) in {reopen['save_seconds']:.2f} s; (e′) saved it after "
            f"the rules annotated it ({annotated['quotes']:,} quotes, {annotated['mentions']:,} entity mentions), in "
            f"{annotated['save_seconds']:.2f} s. `newsdoc.load` of either checks the checksum and validates every "
            "article, span and string (UTF-8, meta JSON) where it lies in the one buffer the file is read into (by "
            "two threads from 64 MiB), which the corpus keeps: no text is copied or rebuilt, and a damaged file is a "
            "ParseError or SchemaError, never a crash. The file's part table (binary version 4) says where each "
            "part of the articles starts, so the records are decoded and the text checked by one thread per core; "
            "the code point offsets of paragraphs, quotes and mentions are counted, not stored, as the text checks "
            "go. JSONL-equivalent MB/s is the JSONL input's size over the reopen time.",
            "",
            "(m) and (m′) map the file instead of reading it (`newsdoc.load(path, memory_map=True)`, "
            "`newsdoc::map_binary_file`): the same checks, over the page cache's own pages, so nothing is copied "
            "and no fresh memory is faulted in for the text; two threads bring the pages in and compute the "
            "checksum. The catch, why reading stays the default: a mapped file truncated or rewritten in place "
            "while the corpus lives ends the process (SIGBUS); `Corpus.save` replaces files by renaming, so "
            "saving over a mapped file is safe.",
            "",
            f"- **Reopen target (≥ {TARGET_REOPEN / 1e9:.1f} GB/s), read: {verdict(reopen)} for (e), "
            f"{verdict(annotated)} for (e′)** ({reopen['ndc_bytes'] / reopen['seconds'] / 1e9:.2f} and "
            f"{annotated['ndc_bytes'] / annotated['seconds'] / 1e9:.2f} GB/s of .ndc file); **mapped: "
            f"{verdict(mapped)} for (m), {verdict(annotated_mapped)} for (m′)** "
            f"({mapped['ndc_bytes'] / mapped['seconds'] / 1e9:.2f} and "
            f"{annotated_mapped['ndc_bytes'] / annotated_mapped['seconds'] / 1e9:.2f} GB/s). Reading, about half "
            "of (e)'s time is the kernel copying the file into fresh memory; (e′) also decodes every quote and "
            "mention into the corpus's records, which mapping does not spare.",
            "",
        ]
    dumps, dumps_cpp = results.get("dumps"), results.get("dumps_cpp")
    if dumps and dumps_cpp:
        lines += [
            "## Writing",
            "",
            "| Method | Output MB/s | Seconds (best) | All runs (s) | Output MB | Net RSS MB |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for r, label in ((dumps, "`Corpus.dumps()` → Python str"), (dumps_cpp, "`Corpus::to_jsonl()` → C++ std::string")):
            runs = " / ".join(f"{s:.2f}" for s in r["all_seconds"])
            lines.append(f"| {label} | {r['output_bytes'] / r['seconds'] / MB:,.0f} | {r['seconds']:.2f} | {runs} "
                         f"| {r['output_bytes'] / MB:,.0f} | {(r['peak_rss_kib'] - r['base_rss_kib']) * 1024 / MB:,.0f} |")
        lines += [
            "",
            "Both write canonical JSONL (docs/schema.md) of the loaded corpus; net RSS is above the loaded corpus. "
            f"From Python, `dumps()` takes {dumps['seconds'] / dumps_cpp['seconds']:.1f}× as long as the C++ call "
            "it wraps: the rest is decoding the UTF-8 result into a Python str.",
            "",
        ]
    lines += ["## Reading", ""]
    lines += reading(results, input_bytes, counts, source_bytes, load)
    lines.append("")
    if counts:
        lines += ["## Where newsdoc::load's instructions go", "",
                  f"callgrind on `shared/corpora/{source.name}` ({source_bytes / MB:,.1f} MB): instructions per input "
                  "byte by function, for newsdoc::load (b′) and the limit (a), newsdoc's functions over 1%. Exact "
                  "counts, unmoved by other load on the machine; user space only."
                  + (" Valgrind cannot run AVX-512, so both programs are built for `-march=haswell` here (AVX2, "
                     "simdjson's haswell kernel), not for this CPU." if counts.get("march") == "haswell" else ""),
                  "",
                  "| Share of newsdoc's | Function | newsdoc instr./byte | limit instr./byte |", "|---:|---|---:|---:|"]
        for share, name, nd, lim in instruction_rows(counts, source_bytes):
            lines.append(f"| {share:.1f}% | {name} | {nd:.2f} | {lim:.2f} |")
        lines.append(f"| | **total** | **{counts['newsdoc']['total'] / source_bytes:.2f}** "
                     f"| **{counts['limit']['total'] / source_bytes:.2f}** |")
        lines.append("")
    if top:
        lines += ["## Where newsdoc::load's time goes", "",
                  "`perf record` of `bench/newsdoc_load` on the benchmark input, self time by function (≥ 1%), "
                  "kernel included (process exit too):", "",
                  "| Self % | Function |", "|---:|---|"]
        lines += [f"| {share:.1f} | {symbol} |" for share, symbol in top]
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Annotation.


def measure_annotation(programs: Dict[str, Path], corpus: Path, runs: int, py: str, me: str) -> Dict[str, dict]:
    """(e) C++ on 1 and every thread, (f) Python likewise, (g) the baseline: MB/s of body text.

    The runs are interleaved (round i runs every method once), so that other
    people's work on a shared machine falls on all the methods alike.
    """
    cores = os.cpu_count() or 1
    methods = [
        ("cpp_1", "(e) newsdoc::Annotator (C++)", 1,
         [str(programs["newsdoc_annotate"]), str(corpus), "1", str(ANNOTATE_REPEAT)]),
        ("cpp_all", "(e) newsdoc::Annotator (C++)", cores,
         [str(programs["newsdoc_annotate"]), str(corpus), "0", str(ANNOTATE_REPEAT)]),
        ("py_1", "(f) `newsdoc.annotate(corpus, threads=1)`", 1, [py, me, "--child", "annotate", str(corpus), "1"]),
        ("py_all", "(f) `newsdoc.annotate(corpus, threads=None)`", cores,
         [py, me, "--child", "annotate", str(corpus), "all"]),
        ("baseline", "(g) baseline: regex quote finder (pure Python)", 1,
         [py, me, "--child", "baseline", str(corpus)]),
    ]
    log("measure: annotation: " + "; ".join(f"{key} = {label}, {threads} thread{'s' if threads > 1 else ''}"
                                            for key, label, threads, _ in methods))
    runs_of: Dict[str, List[dict]] = {key: [] for key, _, _, _ in methods}
    for i in range(runs):
        for key, _, _, command in methods:
            runs_of[key].append(run_logged(key, i, command))
    results: Dict[str, dict] = {}
    for key, label, threads, _ in methods:
        r = best_of(runs_of[key])
        r["label"], r["threads"] = label, threads
        r["speed"] = r["body_bytes"] / r["seconds"]
        results[key] = r
    sizes = {k: r["body_bytes"] for k, r in results.items()}
    if len(set(sizes.values())) != 1:
        log(f"warning: the methods saw different amounts of body text: {sizes}")
    found = {k: (results[k]["quotes"], results[k]["entities"]) for k in ("cpp_1", "cpp_all", "py_1", "py_all")}
    if len(set(found.values())) != 1:
        log(f"warning: newsdoc's runs found different quotes/entities: {found} (is the .venv install current?)")
    return results


def annotation_verdict(speed: float) -> str:
    return "met" if speed / MB >= TARGET_ANNOTATE else "missed"


def annotation_section(results: Dict[str, dict], corpus: Path, command: str, info: Dict[str, str], load: float,
                       runs: int, top: Optional[List[tuple]]) -> str:
    """The "## Annotation" part of the report (the last section; its subsections are ###)."""
    base = results["baseline"]
    c1, call, p1, pall = results["cpp_1"], results["cpp_all"], results["py_1"], results["py_all"]
    cores = call["threads"]
    body = base["body_bytes"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    shown_corpus = f"shared/corpora/{corpus.name}" if corpus.parent == DEFAULT_TEXT_CORPUS.parent else str(corpus)
    lines = [
        ANNOTATION_HEADING,
        "",
        "How fast newsdoc's annotator (quotes with their speakers and cues, named entities with their mentions) "
        "goes through plain-text news, against a pure-Python regex quote finder of the kind people write today, "
        "timed in the same run.",
        "",
        "### Set-up",
        "",
        f"- Date: {now}",
        f"- Machine: {info['cpu']}, {info['cores']} cores ({info['simd']}), {info['memory']} RAM, {info['os']}; "
        f"{load:.0%} of the CPUs busy with other work just before the run",
        f"- Build: {info['compiler']}, Release, `-march=native`; Python {info['python']}",
        f"- Command: `{command}`",
        f"- Corpus: `{shown_corpus}`, {base['articles']:,} plain-text BBC News articles (2004–05), "
        f"{body / MB:.2f} MB of body text: the UTF-8 bytes of each article's paragraphs joined by blank lines "
        "(`Article.text`), titles left out. MB/s is body MB (10^6 bytes) per second of annotation alone: the corpus "
        "is read (with `annotate=False` from Python) before the clock starts.",
        f"- Each method runs in its own process, {runs} times, the methods taking turns (run 1 of each, then "
        "run 2, ...), so that other work on the machine falls on all of them alike; each process annotates the "
        f"whole corpus {ANNOTATE_REPEAT} times in a row and reports its fastest pass (the first pass from Python "
        "also builds the shared default Annotator). Seconds are the best pass of all runs.",
        "",
        "### Results",
        "",
        "| Method | Threads | MB/s | MB/s per core | Seconds (best) | Best pass of each run (s) "
        "| Other work (% of CPUs) | Quotes | … in marks | … with a speaker | Entities | Speed ÷ baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in (c1, call, p1, pall, base):
        runs_text = " / ".join(f"{s:.3f}" for s in r["all_seconds"])
        marked = r.get("quotes_marked", r["quotes"] if r is base else None)
        speakers = r.get("quotes_with_speaker")
        threads = "1" if r["threads"] == 1 else f"all ({r['threads']})"
        lines.append(
            f"| {r['label']} | {threads} | {r['speed'] / MB:,.1f} | {r['speed'] / MB / r['threads']:,.1f} "
            f"| {r['seconds']:.3f} | {runs_text} | {r['others_busy']:.0%} | {r['quotes']:,} "
            f"| {'' if marked is None else f'{marked:,}'} "
            f"| {'' if speakers is None else f'{speakers:,}'} | {r['entities']:,} "
            f"| {fmt_ratio(r['speed'] / base['speed'])} |")
    lines += [
        "",
        "- (e) `bench/newsdoc_annotate.cpp`: `newsdoc::Annotator{}.annotate(corpus, AnnotateMode::all, threads)` "
        "with the built-in lists (cue verbs; countries, capitals, demonyms, international organisations), every "
        "pass: direct, partial and indirect quotes, speakers and cues, entities and mentions. The corpus comes from "
        "`newsdoc::read_text` of every `.txt` file.",
        "- (f) the same from Python: `newsdoc.annotate(corpus, threads=…)` on `newsdoc.load(dir, annotate=False)`. "
        "The GIL is released while it works; the result stays in C++ storage.",
        "- (g) `bench/baseline_quotes.py`: text between double quotation marks within a paragraph (a regular "
        "expression), a cue-verb regular expression in a 60-character window after the closing mark for the "
        'speaker ("…," said Ms Smith / "…," Ms Smith said / "…," he said), and runs of capitalised words '
        "for entities, counted per article. Pure Python on the `re` module, one thread; it finds no indirect "
        "quotes, no speaker before the quote, no multi-paragraph quotes, no entity types. Its entities are "
        "distinct capitalised runs per article, sentence-initial words included, so that column does not compare.",
        "- Other work: the share of all the CPUs that other processes kept busy during the run whose pass counts "
        "(from /proc/stat, less the run's own CPU time, over the whole run: start, reading the corpus, the passes). "
        "Other people's jobs share this machine; a row with much other work is slowed by it, above all on every "
        "core.",
        "- Quotes: all quotes found; … in marks: direct and partial (newsdoc), everything (baseline); … with a "
        "speaker: a speaker entity or span (Python runs only: the C++ program does not count them).",
        "",
        "### Reading",
        "",
    ]
    noise = max(spread(r) for r in results.values())
    target = annotation_verdict(c1["speed"])
    if target == "missed" and c1["speed"] / MB >= 0.95 * TARGET_ANNOTATE:
        target = "missed, narrowly"
    elif target == "met" and c1["speed"] / MB < 1.05 * TARGET_ANNOTATE:
        target = "met, narrowly"
    others = max(load, c1["others_busy"], p1["others_busy"])
    lines.append(
        f"- **Speed target (≥ {TARGET_ANNOTATE:.0f} MB/s a core, single thread): {target}.** newsdoc::Annotator "
        f"annotates {c1['speed'] / MB:.1f} MB/s of body text on one thread from C++, "
        f"{c1['speed'] / MB / TARGET_ANNOTATE:.2f}× the target; from Python, on one thread, "
        f"{p1['speed'] / MB:.1f} MB/s ({annotation_verdict(p1['speed'])}). Best passes of one method differed by "
        f"up to {noise:.0%} between runs"
        + (f", and other work kept up to {others:.0%} of the CPUs busy (before the runs or during the best "
           "single-thread ones)."
           if others > 0.1 else "."))
    lines.append(
        f"- **Against the baseline:** newsdoc on one thread is {fmt_ratio(c1['speed'] / base['speed'])} as fast as "
        f"the pure-Python regex finder from C++ and {fmt_ratio(p1['speed'] / base['speed'])} from Python "
        f"({base['speed'] / MB:.1f} MB/s); on every core {fmt_ratio(call['speed'] / base['speed'])} from C++ and "
        f"{fmt_ratio(pall['speed'] / base['speed'])} from Python. "
        f"The baseline's speed is CPython's `re` engine (C) scanning for a few patterns; newsdoc does more for the "
        f"time: it found {p1['quotes']:,} quotes ({p1.get('quotes_marked', 0):,} in quotation marks, "
        f"{p1.get('quotes_with_speaker', 0):,} with a speaker) where the baseline found {base['quotes']:,} "
        f"spans in marks, {base['quotes_with_speaker']:,} with a speaker.")
    def scaled(all_r: dict, one_r: dict, who: str) -> str:
        scaling = all_r["speed"] / one_r["speed"]
        text = (f"{who} {all_r['speed'] / MB:.1f} MB/s ({all_r['speed'] / MB / cores:.1f} a core), "
                f"{scaling:.2f}× one thread")
        if scaling < 0.8 * cores and all_r["others_busy"] > 0.1:
            text += f", while other work held {all_r['others_busy']:.0%} of the CPUs"
        return text

    lines.append(
        f"- **Threads:** on all {cores} cores, {scaled(call, c1, 'the C++ annotator does')}; "
        f"{scaled(pall, p1, 'from Python')}. The articles are independent and each thread annotates a contiguous "
        "share of them, so on an idle machine the speed grows with the cores, up to the imbalance between the "
        "shares.")
    lines.append(
        f"- **From Python:** a pass takes {p1['seconds']:.3f} s against {c1['seconds']:.3f} s from C++ "
        f"({p1['seconds'] / c1['seconds']:.2f}×): the binding wraps the same call and makes no Python object per "
        "article or quote, so what is left is run-to-run noise and the GIL release.")
    lines.append("")
    if top:
        lines += ["### Where the annotator's time goes", "",
                  f"`perf record` of `bench/newsdoc_annotate {shown_corpus} 1 20` (one thread, 20 passes, so loading "
                  "the 2,225 files is a small share), self time by function (≥ 1%; a function inlined into another "
                  "counts as that one: `run` holds most of the word-list lookups), kernel included:", "",
                  "| Self % | Function |", "|---:|---|"]
        lines += [f"| {share:.1f} | {symbol} |" for share, symbol in top]
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Annotation with trained models.


def measure_models(program: Path, corpus: Path, runs: int) -> Dict[str, dict]:
    """bench/newsdoc_annotate on one thread, rules only and with models/, the runs interleaved."""
    methods = [
        ("rules", "newsdoc::Annotator, rules only (default)", [str(program), str(corpus), "1", str(MODELS_REPEAT)]),
        ("models", "newsdoc::Annotator with the trained models (pos, ner, ner-doc, attribution, attribution-cued)",
         [str(program), str(corpus), "1", str(MODELS_REPEAT), str(MODELS_DIR)]),
    ]
    log("measure: annotation with and without the trained models, one thread")
    runs_of: Dict[str, List[dict]] = {key: [] for key, _, _ in methods}
    for i in range(runs):
        for key, _, command in methods:
            runs_of[key].append(run_logged(key, i, command))
    results: Dict[str, dict] = {}
    for key, label, _ in methods:
        r = best_of(runs_of[key])
        r["label"] = label
        r["speed"] = r["body_bytes"] / r["seconds"]
        r["best_cpu_seconds"] = min(x["cpu_seconds"] for x in runs_of[key])
        r["cpu_speed"] = r["body_bytes"] / r["best_cpu_seconds"]
        if key == "models":
            r["all_load_seconds"] = [x["load_seconds"] for x in runs_of[key]]
        results[key] = r
    return results


def models_section(results: Dict[str, dict], corpus: Path, command: str, info: Dict[str, str], load: float,
                   runs: int) -> str:
    """The "## Annotation with trained models" part of the report."""
    rules, models = results["rules"], results["models"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    shown_corpus = f"shared/corpora/{corpus.name}" if corpus.parent == DEFAULT_TEXT_CORPUS.parent else str(corpus)
    verdict = "met" if models["speed"] / MB >= TARGET_MODELS else "missed"
    lines = [
        MODELS_HEADING,
        "",
        "What the trained taggers (docs/models.md: part of speech, named entities in two passes, attribution roles "
        "in two passes) cost the "
        "annotator: the same corpus annotated on one thread with the rules only and with `AnnotatorOptions::models "
        "= newsdoc::Models::load(\"models\")`, timed in the same run.",
        "",
        "### Set-up",
        "",
        f"- Date: {now}",
        f"- Machine: {info['cpu']}, {info['cores']} cores ({info['simd']}), {info['memory']} RAM, {info['os']}; "
        f"{load:.0%} of the CPUs busy with other work just before the run",
        f"- Build: {info['compiler']}, Release, `-march=native`",
        f"- Command: `{command}`",
        f"- Corpus: `{shown_corpus}`, {rules['articles']:,} articles, {rules['body_bytes'] / MB:.2f} MB of body text "
        "(as in [Annotation](#annotation)), read before the clock starts.",
        f"- `bench/newsdoc_annotate {shown_corpus} 1 {MODELS_REPEAT} [models]`: one thread, {MODELS_REPEAT} passes "
        f"over the corpus per process, {runs} processes per method taking turns; seconds are the best pass of all "
        "runs, wall clock (MB/s per core) and the process's CPU time (MB/s of CPU time: on a shared machine the "
        "wall clock also counts the time other processes held the core). The models are loaded once per process "
        "before the passes (their load time is its own column); the taggers' per-thread caches of word scores are "
        "warm after the first pass.",
        "",
        "### Results",
        "",
        "| Annotator | MB/s per core | MB/s of CPU time | Seconds (best) | CPU seconds (best) "
        "| Best pass of each run (s) | Other work (% of CPUs) | Quotes | Entities | Models::load (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in (rules, models):
        runs_text = " / ".join(f"{x:.3f}" for x in r["all_seconds"])
        loads = " / ".join(f"{x:.3f}" for x in r["all_load_seconds"]) if "all_load_seconds" in r else ""
        lines.append(f"| {r['label']} | {r['speed'] / MB:,.2f} | {r['cpu_speed'] / MB:,.2f} | {r['seconds']:.3f} "
                     f"| {r['best_cpu_seconds']:.3f} | {runs_text} | {r['others_busy']:.0%} | {r['quotes']:,} "
                     f"| {r['entities']:,} | {loads} |")
    lines += [
        "",
        f"- **Target (≥ {TARGET_MODELS:.0f} MB/s a core with every model on, issue 11): {verdict}**: "
        f"{models['speed'] / MB:.2f} MB/s ({models['cpu_speed'] / MB:.2f} MB/s of CPU time), "
        f"{rules['speed'] / models['speed']:.1f}× slower than the rules only ({rules['speed'] / MB:.1f} MB/s).",
        f"- Loading the models (`newsdoc::Models::load`, once per process): "
        f"{min(models['all_load_seconds']):.3f}–{max(models['all_load_seconds']):.3f} s.",
        "",
    ]
    return "\n".join(lines)


def run_models(args: argparse.Namespace, programs: Dict[str, Path], command: str, info: Dict[str, str],
               load: float) -> Optional[str]:
    corpus = args.text_corpus.resolve()
    if not corpus.is_dir() or not any(corpus.rglob("*.txt")):
        log(f"models: skipped: the plain-text corpus {args.text_corpus} is absent (or holds no .txt file)")
        return None
    if not (MODELS_DIR / "ner.ndm").exists():
        log(f"models: skipped: no trained models in {MODELS_DIR} (make train)")
        return None
    for f in corpus.rglob("*.txt"):
        f.read_bytes()
    runs = max(args.runs, MODELS_RUNS)
    results = measure_models(programs["newsdoc_annotate"], corpus, runs)
    log(f"models: {results['models']['speed'] / MB:.2f} MB/s with the models, {results['rules']['speed'] / MB:.1f} "
        "MB/s rules only, one thread")
    return models_section(results, corpus, command, info, load, runs)


# ---------------------------------------------------------------------------
# DataFrames and queries: bench/pandas_bench.py and bench/query_bench.py, each in its own process.


def run_tables(py: str, command: str, info: Dict[str, str], load: float) -> str:
    here = Path(__file__).resolve().parent
    log("measure: (h) bench/pandas_bench.py --json (1M quotes: to_pandas against the pandas-only baseline)")
    frames = run_child([py, str(here / "pandas_bench.py"), "--json"])
    log(f"  to_pandas {frames['to_pandas_seconds']:.3f} s, baseline {frames['baseline_seconds']:.3f} s, "
        f"other work {frames['others_busy']:.0%} of the CPUs")
    log("measure: (i) bench/query_bench.py --json (1M quotes: index build, speaker queries)")
    queries = run_child([py, str(here / "query_bench.py"), "--json"])
    q = queries["speaker_query"]
    log(f"  index {queries['index_build_seconds']:.3f} s, speaker query median {q['median_seconds'] * 1e6:.1f} µs, "
        f"p99 {q['p99_seconds'] * 1e6:.1f} µs, other work {queries['others_busy']:.0%} of the CPUs")
    return tables_section(frames, queries, command, info, load)


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"


def tables_section(frames: dict, queries: dict, command: str, info: Dict[str, str], load: float) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    fast, slow = frames["to_pandas_seconds"], frames["baseline_seconds"]
    q, qi, qf = queries["speaker_query"], queries["speaker_query_index_call"], queries["frequent_speaker_query"]
    met_frame = fast < TARGET_TO_PANDAS
    met_query = q["median_seconds"] < TARGET_QUERY
    others = max(load, frames["others_busy"], queries["others_busy"])
    lines = [
        TABLES_HEADING,
        "",
        "How fast a million quotes become a pandas DataFrame, against building the same frame in pandas alone, and "
        "how fast the query index answers a speaker query on them.",
        "",
        "### Set-up",
        "",
        f"- Date: {now}",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} RAM, {info['os']}; {load:.0%} of the "
        f"CPUs busy with other work just before the run; Python {info['python']}, pandas {frames.get('pandas', '?')}",
        f"- Command: `{command}`, which runs `bench/pandas_bench.py --json` and `bench/query_bench.py --json`, each "
        "in its own process, and reads the line of JSON each prints.",
        f"- Corpus: synthetic canonical JSONL, {frames['articles']:,} articles of 10 quotes ({frames['quotes']:,} "
        "quotes) with speakers, cues, kinds, sources and dates, generated in the child and read with "
        "`newsdoc.loads(..., annotate=False)` before the clock starts. Times are wall-clock seconds of the work "
        "alone.",
        "- Other work: the share of all the CPUs that other processes kept busy while the child ran (from "
        "/proc/stat, less the child's own CPU time, over the whole child: generating, loading, timing).",
        "",
        "### Results",
        "",
        "| Measurement | newsdoc | Baseline | Baseline ÷ newsdoc | Target | Met? | Other work (% of CPUs) |",
        "|---|---:|---:|---:|---:|---|---:|",
        f"| (h) `corpus.to_pandas(\"quotes\")`, {frames['quotes']:,} quotes | {fast:.3f} s | {slow:.3f} s "
        f"| {fmt_ratio(slow / fast)} | < {TARGET_TO_PANDAS:g} s | {'yes' if met_frame else '**no**'} "
        f"| {frames['others_busy']:.0%} |",
        f"| (i) `corpus.quotes(speaker=name)`, median, index built | {_us(q['median_seconds'])} | — | — "
        f"| < {TARGET_QUERY * 1e3:g} ms | {'yes' if met_query else '**no**'} | {queries['others_busy']:.0%} |",
        "",
        f"- (h) `bench/pandas_bench.py`: newsdoc's time is the best of "
        f"{len(frames['to_pandas_all_seconds'])} runs "
        f"({' / '.join(f'{t:.3f}' for t in frames['to_pandas_all_seconds'])} s), the columns made in C++. The "
        "baseline is the usual pandas way, a dict per quote from the Quote views, then `pd.DataFrame` and `astype` "
        f"to the same dtypes, {len(frames['baseline_all_seconds'])} run "
        f"({' / '.join(f'{t:.2f}' for t in frames['baseline_all_seconds'])} s); the two frames are checked equal.",
        f"- (i) `bench/query_bench.py` on {queries['quotes']:,} quotes, each article with 4 people drawn from "
        f"{queries['names']:,} names (about {queries['quotes_per_name']:.0f} quotes a name), plus one frequent "
        "speaker in a tenth of the articles. There is no baseline in this row: without the index the query is a "
        "scan.",
        "",
        "Query figures:",
        "",
        "| Query | Median | p99 | Queries |",
        "|---|---:|---:|---:|",
        f"| Index build (the first query of a Corpus; once) | {queries['index_build_seconds'] * 1e3:,.0f} ms "
        "| | 1 |",
        f"| `corpus.quotes(speaker=name)`, a random name (result object included) | {_us(q['median_seconds'])} "
        f"| {_us(q['p99_seconds'])} | {q['queries']:,} |",
        f"| the bare C++ index call for the same names | {_us(qi['median_seconds'])} | {_us(qi['p99_seconds'])} "
        f"| {qi['queries']:,} |",
        f"| `corpus.quotes(speaker=…)`, the frequent speaker ({qf['hits']:,} quotes) | {_us(qf['median_seconds'])} "
        f"| {_us(qf['p99_seconds'])} | {qf['queries']:,} |",
        "",
        "### Reading",
        "",
        f"- **`to_pandas(\"quotes\")` target (< {TARGET_TO_PANDAS:g} s on {frames['quotes']:,} quotes): "
        f"{'met' if met_frame else 'missed'}.** {fast:.3f} s, {fmt_ratio(slow / fast)} as fast as the pandas-only "
        f"baseline ({slow:.2f} s).",
        f"- **Speaker query target (< {TARGET_QUERY * 1e3:g} ms on {queries['quotes']:,} quotes, index built): "
        f"{'met' if met_query else 'missed'}.** Median {_us(q['median_seconds'])}, p99 {_us(q['p99_seconds'])} "
        f"({'under' if q['p99_seconds'] < TARGET_QUERY else 'over'} the target too), after an index build of "
        f"{queries['index_build_seconds'] * 1e3:,.0f} ms paid once per Corpus.",
    ]
    if others > 0.1:
        lines.append(
            f"- The machine was not idle: other work kept up to {others:.0%} of the CPUs busy (before the run or "
            "during a child), so these times are upper bounds rather than an idle machine's; the p99 above all is "
            "at the mercy of the scheduler.")
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Scale-out on Dask: bench/dask_bench.py in its own process.


def run_scaleout(args: argparse.Namespace, py: str, command: str, info: Dict[str, str], load: float) -> str:
    here = Path(__file__).resolve().parent
    child = [py, str(here / "dask_bench.py"), "--json", "--size-mb", str(args.scaleout_mb),
             "--runs", str(max(args.runs, SCALEOUT_PICKLE_RUNS)), "--job-runs", str(args.runs)]
    if args.source != DEFAULT_SOURCE:
        child += ["--source", str(args.source)]
    log(f"measure: bench/dask_bench.py --json ({args.scaleout_mb} MB: one process against a LocalCluster; "
        "pickling); its progress and report follow")
    figures = run_child(child, show_stderr=True)
    jobs = figures["jobs"]
    log("  " + ", ".join(f"({m}) {min(r['seconds'] for r in j['runs']):.1f} s" for m, j in jobs.items())
        + f", other work {figures['others_busy']:.0%} of the CPUs")
    return scaleout_section(figures, command, info, load)


def _memory(kib: float) -> str:
    return f"{kib / 1024 / 1024:.1f} GiB" if kib >= 1024 * 1024 else f"{kib / 1024:,.0f} MiB"


def _span(values: List[float], fmt: str, unit: str = "") -> str:
    low, high = min(values), max(values)
    text = format(low, fmt) + unit
    return text if format(low, fmt) == format(high, fmt) else f"{format(low, fmt)}–{format(high, fmt)}{unit}"


def scaleout_section(f: dict, command: str, info: Dict[str, str], load: float) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    jobs = f["jobs"]
    single = jobs["a"]["runs"]
    best_single = min(r["seconds"] for r in single)
    articles = single[0]["articles"]
    others = max(load, f["busy_before"], f["others_busy"])
    child = f["command"].split(" ", 1)[1]  # bench/dask_bench.py and its arguments
    lines = [
        SCALEOUT_HEADING,
        "",
        f"Measured {now} with `{command}`, which runs `{child}` in its own process and reads the line of JSON "
        f"it prints, on this {info['cores']}-core machine ({info['cpu']}); {f['busy_before']:.0%} of the CPUs were "
        f"busy with other work just before the runs and {f['others_busy']:.0%} during them"
        + (", so the ranges are wide" if others > 0.3 else "")
        + ". [scale-out.md](scale-out.md) has the method and more.",
        "",
        f"The job: the {f['source']} sample replicated to {f['input_bytes'] / MB:,.0f} MB ({articles:,} articles, "
        f"`{f['input']}`), loaded, annotated, quotes and entities tables built and grouped. Wall-clock seconds of "
        f"the job alone (not process or cluster start), {f['job_runs']} round{'s' if f['job_runs'] != 1 else ''} "
        "each running every row in turn; "
        "speed-up is one process's best time over the row's best (the range: round by round).",
        "",
        "| run | seconds (best) | all runs (s) | speed-up | CPU seconds | peak memory per process |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for key in ("a", "b", "c", "d"):
        job = jobs.get(key)
        if not job:
            continue
        runs = job["runs"]
        best = min(r["seconds"] for r in runs)
        ratios = [a["seconds"] / r["seconds"] for a, r in zip(single, runs)]
        speedup = f"{best_single / best:.2f}×" + (f" ({_span(ratios, '.2f', '×')})" if len(runs) > 1 else "")
        label = job["label"]
        if key == "b":
            label += f" ({f['cores']})"
        peaks = [p for r in runs for p in (r["peak_rss_kib"] if isinstance(r["peak_rss_kib"], list)
                                           else [r["peak_rss_kib"]])]
        low, high = _memory(min(peaks)), _memory(max(peaks))
        memory = low if low == high else f"{low}–{high}"
        if isinstance(runs[0]["peak_rss_kib"], list):
            memory += " per worker"
        every = " / ".join(f"{r['seconds']:.1f}" for r in runs)
        lines.append(f"| {label} | {best:.1f} | {every} | {speedup} "
                     f"| {_span([r['cpu_seconds'] for r in runs], '.1f')} | {memory} |")
    cluster = min(jobs["c"]["runs"], key=lambda r: r["seconds"])
    lines += [
        "",
        f"- The cluster's CPU seconds add its workers' and those of the process running the client and the "
        f"scheduler; it made {cluster['partitions']} partitions of {f['blocksize']}, and each worker idled at "
        f"{' / '.join(_memory(k) for k in cluster['base_rss_kib'])} before the job.",
        f"- Answers: {cluster['speakers']:,} speakers, {cluster['entities']:,} entities; "
        + ("identical in every run of every row." if f["same_answers"] else "**DIFFERENT between the runs.**"),
    ]
    annotated = f["pickling"].get("annotated")
    if annotated:
        new, old = annotated["binary_oob"], annotated["json_text"]
        new_t, old_t = new["dump_seconds"] + new["load_seconds"], old["dump_seconds"] + old["load_seconds"]
        lines.append(
            f"- A Corpus crosses process boundaries in newsdoc's binary form: a pickle round trip of the annotated "
            f"sample (protocol 5, out of band, as Dask sends it; best of {f['runs']}) takes {new_t * 1e3:.0f} ms "
            f"against {old_t * 1e3:.0f} ms for the former JSON-text pickle ({old_t / new_t:.1f}×), "
            f"{new['bytes'] / MB:.1f} MB against {old['bytes'] / MB:.1f} MB.")
    part = f["partition"]
    net = part["peak_rss_kib"] - part["base_rss_kib"]
    lines.append(
        f"- A {f['blocksize']} partition ({part['articles']:,} articles) needs about {net / 1024:,.0f} MiB at peak "
        f"through load, annotation and tables ({net * 1024 / f['blocksize_bytes']:.1f}× the block size).")
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The document: a header, the loading part, the annotation part, the tables part, the scale-out part.


def header() -> str:
    return "\n".join([
        "# Performance",
        "",
        "How fast newsdoc loads a JSONL news corpus, against the practical limit and the usual Python ways, and "
        "how fast it annotates plain-text news against a pure-Python quote finder ([Annotation](#annotation)) and "
        "with its trained models ([Annotation with trained models](#annotation-with-trained-models)), "
        "how fast a million quotes become a DataFrame or answer a speaker query "
        "([DataFrames and queries](#dataframes-and-queries)), and how the job scales out on Dask "
        "([Scale-out on Dask](#scale-out-on-dask)).",
        "Written by `bench/run.py`; regenerate all with `make bench`, or one part with "
        "`.venv/bin/python bench/run.py --only load|annotate|models|tables|scaleout --output docs/performance.md` (the "
        "other parts are kept).",
        "",
        "",
    ])


def split_document(text: str) -> tuple:
    """(loading part from "## Set-up", annotation, models, tables and scale-out parts from their headings); any may be ''."""
    tables = annotation = models = scaleout = ""
    at = text.find("\n" + SCALEOUT_HEADING + "\n")
    if at >= 0:
        text, scaleout = text[:at + 1], text[at + 1:]
    at = text.find("\n" + TABLES_HEADING + "\n")
    if at >= 0:
        text, tables = text[:at + 1], text[at + 1:]
    at = text.find("\n" + MODELS_HEADING + "\n")
    if at >= 0:
        text, models = text[:at + 1], text[at + 1:]
    at = text.find("\n" + ANNOTATION_HEADING + "\n")
    if at >= 0:
        text, annotation = text[:at + 1], text[at + 1:]
    start = text.find("## Set-up")
    return (text[start:] if start >= 0 else ""), annotation, models, tables, scaleout


def write_document(output: Path, load_text: Optional[str], annotation_text: Optional[str],
                   tables_text: Optional[str] = None, scaleout_text: Optional[str] = None,
                   models_text: Optional[str] = None) -> str:
    """Writes `output` with the parts given; a part that is None is kept from `output` as it stands."""
    old = split_document(output.read_text()) if output.exists() else ("",) * 5
    new = (load_text, annotation_text, models_text, tables_text, scaleout_text)
    names = ("loading", "annotation", "models", "DataFrames and queries", "scale-out")
    for name, kept, given in zip(names, old, new):
        if given is None and kept:
            log(f"report: keeping the {name} part of {output.name} as it stands")
    parts = [given if given is not None else kept for kept, given in zip(old, new)]
    text = header() + "\n".join(p.rstrip("\n") + "\n" for p in parts if p)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)  # METHOD PATH [THREADS]
    parser.add_argument("--output", type=Path, help="write the Markdown report here (default build/bench/performance.md)")
    parser.add_argument("--only", choices=("load", "annotate", "models", "tables", "scaleout"),
                        help="run one part; the other parts of --output are kept as they stand")
    parser.add_argument("--size-mb", type=int, default=500, help="loading: input size in MB (default 500)")
    parser.add_argument("--quick", action="store_true", help="loading: a 50 MB input")
    parser.add_argument("--scaleout-mb", type=int, default=DEFAULT_SCALEOUT_MB,
                        help=f"scale-out: size of bench/dask_bench.py's replicated input in MB "
                             f"(default {DEFAULT_SCALEOUT_MB})")
    parser.add_argument("--runs", type=int, default=3, help="runs per method (default 3)")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="loading: the JSONL file to replicate")
    parser.add_argument("--text-corpus", type=Path, default=DEFAULT_TEXT_CORPUS,
                        help="annotation: a directory of plain-text articles (default shared/corpora/bbc)")
    parser.add_argument("--no-profile", action="store_true", help="skip the perf and callgrind profiles")
    args = parser.parse_args()

    if args.child:
        method, *rest = args.child
        print(json.dumps(CHILDREN[method](*rest)))
        return

    size_mb = 50 if args.quick else args.size_mb
    started = time.perf_counter()
    load = busy_cpus()
    programs = build_programs() if args.only not in ("tables", "scaleout") else {}
    py = python_for_children()
    me = str(Path(__file__).resolve())
    info = machine()
    shown = Path(py).relative_to(ROOT) if Path(py).is_relative_to(ROOT) else py
    if not args.only and not args.quick and size_mb == 500 and args.output and args.source == DEFAULT_SOURCE \
            and args.text_corpus == DEFAULT_TEXT_CORPUS and args.scaleout_mb == DEFAULT_SCALEOUT_MB:
        command = "make bench"
    else:
        command = f"{shown} bench/run.py"
        if args.only:
            command += f" --only {args.only}"
        if args.only in (None, "load"):
            command += " --quick" if args.quick else f" --size-mb {size_mb}"
        if args.text_corpus != DEFAULT_TEXT_CORPUS and args.only in (None, "annotate", "models"):
            command += f" --text-corpus {args.text_corpus}"
        if args.only in (None, "scaleout") and args.scaleout_mb != DEFAULT_SCALEOUT_MB:
            command += f" --scaleout-mb {args.scaleout_mb}"
        if args.runs != 3:
            command += f" --runs {args.runs}"
        if args.output:
            command += f" --output {args.output}"
    output = args.output or BUILD / "performance.md"
    output = output if output.is_absolute() else Path.cwd() / output

    load_text = annotation_text = models_text = tables_text = scaleout_text = None
    if args.only in (None, "load"):
        load_text = run_load(args, size_mb, programs, py, me, command, info, load)
    if args.only in (None, "annotate"):
        if args.only is None:
            load = busy_cpus()  # again: the loading part may have taken minutes
        annotation_text = run_annotation(args, programs, py, me, command, info, load)
        if annotation_text is None and args.only == "annotate":
            sys.exit(f"bench: no annotation figures ({args.text_corpus} is absent); {output} left as it was")
    if args.only in (None, "models"):
        if args.only is None:
            load = busy_cpus()
        models_text = run_models(args, programs, command, info, load)
        if models_text is None and args.only == "models":
            sys.exit(f"bench: no figures with the trained models; {output} left as it was")
    if args.only in (None, "tables"):
        if args.only is None:
            load = busy_cpus()
        tables_text = run_tables(py, command, info, load)
    if args.only in (None, "scaleout"):
        if args.only is None:
            load = busy_cpus()
        scaleout_text = run_scaleout(args, py, command, info, load)
    write_document(output, load_text, annotation_text, tables_text, scaleout_text, models_text)
    log(f"wrote {output}")
    if load_text:
        print(load_text.split("## Results\n", 1)[1].rstrip("\n"))  # the tables and the reading
    if annotation_text:
        print(annotation_text.split("### Results\n", 1)[1].rstrip("\n"))
    if models_text:
        print(models_text.split("### Results\n", 1)[1].rstrip("\n"))
    if tables_text:
        print(tables_text.split("### Results\n", 1)[1].rstrip("\n"))
    if scaleout_text:
        print(scaleout_text.split("\n", 2)[2].rstrip("\n"))
    log(f"bench: {time.perf_counter() - started:.0f} s in all")


def run_load(args: argparse.Namespace, size_mb: int, programs: Dict[str, Path], py: str, me: str, command: str,
             info: Dict[str, str], load: float) -> str:
    path = make_input(args.source, size_mb)
    input_bytes = path.stat().st_size
    warm_page_cache(path)
    methods = [
        ("limit", "(a) simdjson On-Demand, every string (C++)", [str(programs["simdjson_limit"]), str(path), "stream"]),
        ("newsdoc", "(b) **newsdoc.load** (Python)", [py, me, "--child", "newsdoc", str(path)]),
        ("stdlib", "(c) json.loads + dataclasses", [py, me, "--child", "stdlib", str(path)]),
        ("pandas", "(d) pandas.read_json(lines=True)", [py, me, "--child", "pandas", str(path)]),
        ("limit_whole", "(a′) simdjson, whole file in memory (C++)",
         [str(programs["simdjson_limit"]), str(path), "whole"]),
        ("newsdoc_cpp", "(b′) newsdoc::load (C++)", [str(programs["newsdoc_load"]), str(path)]),
        ("newsdoc_one", "(b″) newsdoc.load(path, threads=1) (Python)",
         [py, me, "--child", "newsdoc-one-thread", str(path)]),
        ("dumps", "Corpus.dumps()", [py, me, "--child", "dumps", str(path)]),
        ("dumps_cpp", "Corpus::to_jsonl()", [str(programs["newsdoc_load"]), str(path), "dumps"]),
    ]
    results: Dict[str, dict] = {}
    for key, label, command_line in methods:
        log(f"measure: {label}")
        r = measure(key, command_line, args.runs)
        r["label"] = label
        r["speed"] = input_bytes / r["seconds"]
        results[key] = r
    for key, form, label in (("reopen", "plain", "(e) newsdoc.load of a saved .ndc corpus (Python)"),
                             ("reopen_annotated", "annotated",
                              "(e′) the same, the corpus annotated by the rules before it was saved")):
        log(f"measure: corpus.save, then newsdoc.load of the {form} .ndc file")
        child = "" if form == "plain" else "-annotated"
        saved = run_child([py, me, "--child", "save" + child, str(path)])
        for mapped in (False, True):
            name = key + ("_mapped" if mapped else "")
            r = measure(name, [py, me, "--child", "reopen" + child + ("-mapped" if mapped else ""), str(path)],
                        args.runs)
            r.update(label=label.replace("(e", "(m", 1) + ", `memory_map=True`" if mapped else label,
                     speed=input_bytes / r["seconds"], ndc_bytes=saved["output_bytes"],
                     save_seconds=saved["seconds"], quotes=saved["quotes"], mentions=saved["mentions"])
            results[name] = r
        Path(str(path) + SAVED_SUFFIX[form]).unlink(missing_ok=True)
    for key in ("newsdoc", "newsdoc_cpp", "newsdoc_one", "stdlib", "pandas"):
        if results[key]["articles"] != results["limit"]["records"]:
            log(f"warning: {key} read {results[key]['articles']} articles, simdjson {results['limit']['records']}")
    kernel = results["limit"].get("kernel", "?")
    if kernel == "fallback":
        log("warning: simdjson's On-Demand fallback kernel is in use: the limit is not a limit")

    top = counts = None
    if not args.no_profile:
        log("profile: perf record of newsdoc_load")
        top = profile([str(programs["newsdoc_load"]), str(path)])
        log("profile: callgrind of newsdoc_load and simdjson_limit")
        counted, march = callgrind_programs(programs)
        if counted:
            counts = count_instructions(counted["simdjson_limit"], counted["newsdoc_load"], args.source)
            if counts:
                counts["march"] = march
    return load_section(results, path, input_bytes, command, info, top, counts, args.source, kernel, load)


def run_annotation(args: argparse.Namespace, programs: Dict[str, Path], py: str, me: str, command: str,
                   info: Dict[str, str], load: float) -> Optional[str]:
    corpus = args.text_corpus.resolve()
    if not corpus.is_dir() or not any(corpus.rglob("*.txt")):
        log(f"annotation: skipped: the plain-text corpus {args.text_corpus} is absent (or holds no .txt file); "
            "the BBC corpus is expected at ../shared/corpora/bbc, or pass --text-corpus DIR")
        return None
    for f in corpus.rglob("*.txt"):  # into the page cache before anything is timed
        f.read_bytes()
    results = measure_annotation(programs, corpus, max(args.runs, ANNOTATE_RUNS), py, me)
    c1 = results["cpp_1"]
    log(f"annotation: single-thread C++ {c1['speed'] / MB:.1f} MB/s: target of {TARGET_ANNOTATE:.0f} MB/s a core "
        f"{annotation_verdict(c1['speed'])}; newsdoc ÷ baseline {c1['speed'] / results['baseline']['speed']:.2f}×")
    top = None
    if not args.no_profile:
        log("profile: perf record of newsdoc_annotate, one thread")
        top = profile([str(programs["newsdoc_annotate"]), str(corpus), "1", "20"], "perf.annotate.data",
                      "the kernel: reading the 2,225 files, page faults of new memory, freeing")
    return annotation_section(results, corpus, command, info, load, max(args.runs, ANNOTATE_RUNS), top)


if __name__ == "__main__":
    main()
