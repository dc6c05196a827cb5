"""JSONTestSuite (test_parsing): n_ files are rejected, y_ files accepted, i_ files handled without a crash."""

from __future__ import annotations

import pytest

import newsdoc
from conftest import CONFORMANCE


def cases(prefix: str) -> list:
    if not CONFORMANCE.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(
            reason=f"JSONTestSuite not available: {CONFORMANCE} does not exist"), id=f"{prefix}missing")]
    return [pytest.param(path, id=path.name) for path in sorted(CONFORMANCE.glob(prefix + "*.json"))]


def test_suite_is_complete():
    if not CONFORMANCE.is_dir():
        pytest.skip(f"JSONTestSuite not available: {CONFORMANCE} does not exist")
    names = [p.name for p in CONFORMANCE.glob("*.json")]
    assert sum(n.startswith("n_") for n in names) == 188
    assert sum(n.startswith("y_") for n in names) == 95
    assert sum(n.startswith("i_") for n in names) == 35


@pytest.mark.parametrize("path", cases("n_"))
def test_must_reject(path):
    with pytest.raises(newsdoc.ParseError) as info:
        newsdoc.load(path)
    error = info.value
    assert error.line >= 1
    assert error.column >= 1
    assert error.path == str(path)
    assert str(error).startswith(f"{path}:{error.line}:{error.column}: ")


@pytest.mark.parametrize("path", cases("y_"))
def test_must_accept(path):
    # Valid JSON: an article (object), articles (array of objects), or a SchemaError for any
    # other value; never a ParseError.
    try:
        corpus = newsdoc.load(path)
    except newsdoc.SchemaError as error:
        assert error.line >= 1
        return
    for article in corpus:
        assert newsdoc.loads(article.to_json())[0] == article


@pytest.mark.parametrize("path", cases("i_"))
def test_may_accept(path):
    try:
        corpus = newsdoc.load(path)
    except (newsdoc.ParseError, newsdoc.SchemaError):
        return
    for article in corpus:
        assert newsdoc.loads(article.to_json())[0] == article


@pytest.mark.parametrize("name, expected", [
    ("y_object_basic.json", {"asd": "sdf"}),
    ("y_object_duplicated_key.json", None),
    ("y_object_empty_key.json", {"": 0}),
    ("y_object_escaped_null_in_key.json", {"foo\x00bar": 42}),
])
def test_objects_land_in_meta(name, expected):
    path = CONFORMANCE / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    # loads, not load: a file in which no record has a title or a body is refused (docs/schema.md, Refusals).
    article = newsdoc.loads(path.read_bytes())[0]
    if expected is not None:
        assert article.meta == expected
    with pytest.raises(newsdoc.SchemaError, match="no record has a title or a body"):
        newsdoc.load(path)
    assert newsdoc.loads(article.to_json())[0] == article
