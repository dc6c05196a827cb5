"""The seed article: its canonical JSON against the source text and the gold annotations."""

from __future__ import annotations

import json

import pytest

import newsdoc
from conftest import GOLD_SEED, require, seed_file

TITLE = "Syria and Russia hold negotiations about new arms shipments"


@pytest.fixture(scope="module")
def seed_json():
    return seed_file(".json")


@pytest.fixture(scope="module")
def seed(seed_json):
    corpus = newsdoc.load(seed_json)
    assert len(corpus) == 1
    return corpus[0]


@pytest.fixture(scope="module")
def gold():
    return json.loads(require(GOLD_SEED, "gold/seed_article.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source_paragraphs():
    """The body paragraphs of the seed text: the blank-line-separated blocks between the title and the tags line."""
    text = require(seed_file(".txt"), "the seed text").read_text(encoding="utf-8")
    blocks = [block.strip() for block in text.split("\n\n")]
    blocks = [block for block in blocks if block]
    assert blocks[0] == TITLE
    tags_at = next(i for i, block in enumerate(blocks) if block.startswith("Syria, Russia, Bashar al-Assad"))
    return blocks[1:tags_at]


def test_title(seed):
    assert seed.title == TITLE


def test_paragraph_count(seed, gold):
    assert len(seed.paragraphs) == 12 == gold["body_paragraph_count"]


def test_paragraph_first_words(seed, gold):
    first_words = [" ".join(p.text.split()[:2]) for p in seed.paragraphs]
    assert first_words == gold["paragraph_first_words"]


def test_tags(seed, gold):
    assert seed.tags == gold["tags"] == ["Syria", "Russia", "Bashar al-Assad", "Ozerov", "Konashenkov"]


def test_paragraphs_equal_source_text(seed, source_paragraphs):
    assert len(source_paragraphs) == 12
    assert [p.text for p in seed.paragraphs] == source_paragraphs


def test_boilerplate_not_in_body(seed, gold):
    for dropped in gold["dropped_boilerplate"]:
        assert all(p.text != dropped for p in seed.paragraphs)
    assert seed.paragraphs[-1].text.startswith("According to Konashenkov")


def test_dumps_reproduces_the_file(seed_json):
    raw = seed_json.read_bytes()
    corpus = newsdoc.load(seed_json)
    assert corpus.dumps().encode("utf-8") == raw
    assert newsdoc.loads(raw).dumps().encode("utf-8") == raw
    assert raw.endswith(b"}\n") and raw.count(b"\n") == 1


def test_canonical_key_order(seed_json):
    record = json.loads(seed_json.read_text(encoding="utf-8"))
    assert list(record) == ["id", "url", "source", "title", "authors", "published", "language", "tags",
                            "paragraphs", "quotes", "entities", "mentions", "meta"]


def test_spans_consistent(seed):
    text = seed.text
    assert text == "\n\n".join(p.text for p in seed.paragraphs)
    for view in seed.paragraphs + seed.quotes + seed.mentions:
        assert text[view.start:view.end] == view.text
    for quote in seed.quotes:
        if quote.speaker_span is not None:
            assert quote.speaker_text == text[quote.speaker_span[0]:quote.speaker_span[1]]


def test_gold_quotes_when_annotated(seed, gold):
    """Once the seed carries quotes, each gold quote is found at its paragraph offsets (punctuation-tolerant)."""
    assert len(seed.quotes) >= len(gold["quotes"])

    def norm(text: str) -> str:
        return text.strip().rstrip(",.;:").strip()

    found = {(q.paragraphs[0], norm(q.text)) for q in seed.quotes}
    for quote in gold["quotes"]:
        paragraph = seed.paragraphs[quote["paragraph"]]
        assert paragraph.text[quote["start"]:quote["end"]] == quote["text"]
        assert (quote["paragraph"], norm(quote["text"])) in found, quote["text"]
