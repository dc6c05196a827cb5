"""Shared fixtures and helpers of the newsdoc Python test suite."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
CORPORA = SHARED / "corpora"
CONFORMANCE = SHARED / "conformance" / "JSONTestSuite" / "test_parsing"
GOLD_SEED = SHARED / "gold" / "seed_article.json"
SEED_NAME = "000_0eafb7a6a491ae43"


# `make sanitize` preloads the ASan runtime, whose shadow memory and quarantine
# multiply resident memory: memory bounds are not checked there.
SANITIZED = "libasan" in os.environ.get("LD_PRELOAD", "")


def seed_file(suffix: str) -> Path:
    """The seed file with `suffix` (".json", ".txt"): the repo's copy first, else the shared one."""
    for folder in (REPO / "seeds", SHARED / "seeds"):
        candidate = folder / (SEED_NAME + suffix)
        if candidate.exists():
            return candidate
    return REPO / "seeds" / (SEED_NAME + suffix)


def require(path: Path, what: str) -> Path:
    """`path`, or skip the test with a reason naming what is missing."""
    if not path.exists():
        pytest.skip(f"{what} not available: {path} does not exist (shared data at {SHARED})")
    return path


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs `code` in a fresh interpreter (the one running the tests); a crash there cannot kill the suite."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          timeout=timeout, cwd=str(REPO))


def crashed(result: subprocess.CompletedProcess) -> str:
    """A description of how a child process ended, for assertion messages."""
    return f"exit status {result.returncode}\nstdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}"


@pytest.fixture
def news_sample() -> Path:
    return require(CORPORA / "news-sample-2000.jsonl", "news-sample-2000.jsonl")


@pytest.fixture
def realnews_tiny() -> Path:
    return require(CORPORA / "realnews-tiny.jsonl", "realnews-tiny.jsonl")


# A body exercising every width of UTF-8: curly quotes and an en dash (3 bytes), a no-break space
# (2 bytes), emoji (4 bytes, 2 UTF-16 units) and CJK (3 bytes).
UNICODE_PARAGRAPHS = [
    "“Wir schaffen das 👍”, sagte Zoë Müller\u00a0– am Montag.",
    "中文新闻 says “你好” 😀😀 to Müller.",
    "Last – “end”.",
]
