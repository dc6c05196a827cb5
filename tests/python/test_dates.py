"""Dates: published stays the string as given, published_at is its instant (parsed in C++)."""

from __future__ import annotations

import datetime
import pickle

import pytest

import newsdoc
from newsdoc.cli import main

from conftest import CORPORA, require

UTC = datetime.timezone.utc

MIXED = "\n".join([
    '{"id": "iso", "title": "a", "published": "2019-03-05"}',
    '{"id": "us", "title": "b", "published": "12/1/16"}',
    '{"id": "rfc", "title": "c", "published": "Tue, 05 Mar 2019 10:30:00 +0100"}',
    '{"id": "words", "title": "d", "published": "March 5, 2019"}',
    '{"id": "bad", "title": "e", "published": "sometime last week"}',
    '{"id": "none", "title": "f"}',
]) + "\n"


def test_published_keeps_the_string_and_published_at_is_the_instant():
    corpus = newsdoc.loads(MIXED, annotate=False)
    assert [a.published for a in corpus][:2] == ["2019-03-05", "12/1/16"]
    assert [a.published_at for a in corpus] == [
        datetime.datetime(2019, 3, 5, tzinfo=UTC), datetime.datetime(2016, 12, 1, tzinfo=UTC),
        datetime.datetime(2019, 3, 5, 9, 30, tzinfo=UTC), datetime.datetime(2019, 3, 5, tzinfo=UTC), None, None]


def test_dates_round_trip_through_json_binary_pickle(tmp_path):
    corpus = newsdoc.loads(MIXED, annotate=False)
    corpus.save(tmp_path / "c.ndc")
    for again in (newsdoc.loads(corpus.dumps(), annotate=False), newsdoc.load(tmp_path / "c.ndc"),
                  pickle.loads(pickle.dumps(corpus))):
        assert [a.published for a in again] == [a.published for a in corpus]
        assert [a.published_at for a in again] == [a.published_at for a in corpus]


def test_to_pandas_has_a_utc_datetime_column():
    pd = pytest.importorskip("pandas")
    df = newsdoc.loads(MIXED, annotate=False).to_pandas("articles")
    assert str(df["published_at"].dtype) == "datetime64[ns, UTC]"
    assert df["published_at"].iloc[2] == pd.Timestamp("2019-03-05 09:30", tz="UTC")
    assert df["published_at"].isna().tolist() == [False, False, False, False, True, True]
    assert list(df.columns).index("published_at") == list(df.columns).index("published") + 1
    assert str(newsdoc.empty_frame("articles")["published_at"].dtype) == "datetime64[ns, UTC]"
    # from_pandas ignores the derived column: the string is the article's date.
    back = newsdoc.Corpus.from_pandas(df)
    assert [a.published for a in back] == [a.published for a in newsdoc.loads(MIXED, annotate=False)]


def test_where_compares_instants_whatever_the_form():
    corpus = newsdoc.loads(MIXED, annotate=False)
    ids = lambda c: [a.id for a in c]  # noqa: E731
    assert ids(corpus.where(published_from="2017")) == ["iso", "rfc", "words"]
    assert ids(corpus.where(published_to="2016-12")) == ["us"]
    assert ids(corpus.where(published_from="March 5, 2019", published_to="2019-03-05T09:00")) == ["iso", "words"]


def test_stats_print_the_true_range_and_count_unparsed(tmp_path, capsys):
    path = tmp_path / "mixed.jsonl"
    path.write_text(MIXED, encoding="utf-8")
    assert main(["stats", str(path), "--no-annotate"]) == 0
    out = capsys.readouterr().out
    assert "2016-12-01 – 2019-03-05 (1 undated, 1 unparsed)" in out


def test_news_sample_range():
    sample = require(CORPORA / "news-sample-2000.jsonl", "the news sample")
    corpus = newsdoc.load(sample, annotate=False)
    instants = [a.published_at for a in corpus if a.published_at is not None]
    assert min(instants).date() == datetime.date(2012, 6, 1)
    assert max(instants).date() == datetime.date(2020, 7, 21)
