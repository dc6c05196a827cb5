"""The examples in newsdoc's docstrings run, and show what they print.

Every docstring of every module of the installed package (the one the other
tests import) is a test here. The examples run in a fresh temporary folder
of their own, which is where what they write goes (by relative names, as a
user would write them; never /tmp), and where ``seeds``, ``bbc`` (the shared BBC corpus), ``news`` (two JSONL files
of the seed article) and ``tests/data`` are at hand, with ``newsdoc``,
``corpus`` (the seed article loaded), ``pandas`` and, in newsdoc.dask, ``bag``
(``news`` read as a Dask bag) defined.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
from pathlib import Path
from typing import List

import pytest

import newsdoc

from conftest import REPO, SHARED, seed_file

BBC = SHARED / "corpora" / "bbc"


def _modules() -> List[str]:
    names = ["newsdoc"] + [f"newsdoc.{m.name}" for m in pkgutil.iter_modules(newsdoc.__path__)]
    return [name for name in names if name != "newsdoc.__main__"]


def _doctests() -> List[doctest.DocTest]:
    tests = []
    finder = doctest.DocTestFinder(exclude_empty=True)
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ImportError:  # newsdoc.dask without Dask: test_dask says so
            continue
        tests.extend(t for t in finder.find(module, name) if t.examples)
    return sorted(tests, key=lambda t: t.name)


DOCTESTS = _doctests()


@pytest.fixture
def example_folder(tmp_path, monkeypatch):
    """A working folder holding what the examples read."""
    (tmp_path / "seeds").symlink_to(seed_file(".json").parent, target_is_directory=True)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "data").symlink_to(REPO / "tests" / "data", target_is_directory=True)
    if BBC.exists():
        (tmp_path / "bbc").symlink_to(BBC, target_is_directory=True)
    news = tmp_path / "news"
    news.mkdir()
    line = seed_file(".json").read_text(encoding="utf-8").replace("\n", " ").strip() + "\n"
    (news / "2016-09.jsonl").write_text(line, encoding="utf-8")
    (news / "2016-10.jsonl").write_text(line.replace('"id":', '"original_id":', 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_examples_write_only_into_their_own_folder():
    """An example names what it writes relatively, so that it lands in the example's temporary folder."""
    assert [t.name for t in DOCTESTS if any("/tmp" in e.source for e in t.examples)] == []


@pytest.mark.parametrize("test", DOCTESTS, ids=[t.name for t in DOCTESTS])
def test_docstring_examples(test: doctest.DocTest, example_folder: Path):
    if "bbc" in "".join(e.source for e in test.examples) and not BBC.exists():
        pytest.skip(f"the example reads the BBC corpus, which is not available at {BBC}")
    import pandas

    namespace = {"newsdoc": newsdoc, "pandas": pandas,
                 "corpus": newsdoc.load(os.path.join("seeds", seed_file(".json").name))}
    if test.name.startswith("newsdoc.dask"):
        namespace["bag"] = importlib.import_module("newsdoc.dask").read_jsonl("news")
    test = doctest.DocTest(test.examples, {**test.globs, **namespace}, test.name, test.filename, test.lineno,
                           test.docstring)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: List[str] = []
    result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)
