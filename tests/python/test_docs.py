"""``make docs`` without make: Sphinx builds docs/ with warnings as errors (about two seconds).

Against the installed package, as ``make docs`` (which installs first) does:
the API reference is made from its docstrings. Needs Debian's python3-sphinx
and python3-myst-parser (the Markdown pages); skips without them.
"""

import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("sphinx", reason="the docs build needs Sphinx (Debian: python3-sphinx)")
pytest.importorskip("myst_parser", reason="the docs build needs myst-parser (Debian: python3-myst-parser)")

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_docs_build_without_warnings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "-d", str(tmp_path / "doctrees"),
         str(ROOT / "docs"), str(tmp_path / "html")],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"sphinx failed:\n{result.stderr}{result.stdout}"
    api = (tmp_path / "html" / "api.html").read_text(encoding="utf-8")
    assert 'id="newsdoc.Corpus.quotes"' in api and 'id="newsdoc.dask.read_jsonl"' in api
    assert (tmp_path / "html" / "_downloads").is_dir()  # the notebook and its sample, to download
