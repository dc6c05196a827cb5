"""Property test: random bodies and spans keep code point offsets exact and round-trip byte for byte."""

from __future__ import annotations

import bisect
import json
import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdoc

# Any code point but surrogates (which UTF-8 cannot hold): controls, "\n", NUL, emoji, CJK, U+2028 ...
chars = st.characters(blacklist_categories=("Cs",))
texts = st.text(chars, max_size=25)
paragraph_lists = st.lists(
    st.one_of(texts, st.sampled_from(["", "“Yes,” he said.", "中文 👍😀", "a\u00a0–\u00a0b", "x\n\ny"])),
    max_size=6)

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.floats(allow_nan=False, allow_infinity=False), texts)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)), max_leaves=8)


@st.composite
def articles(draw):
    paragraphs = draw(paragraph_lists)
    length = len("\n\n".join(paragraphs))
    span_strategy = st.tuples(st.integers(0, length), st.integers(0, length)).map(sorted)
    n_entities = draw(st.integers(0, 3))
    entities = [{"id": f"e{i}", "name": draw(texts), "type": draw(st.sampled_from(["PERSON", "ORG", "GPE", ""])),
                 "aliases": draw(st.lists(texts, max_size=2))} for i in range(n_entities)]
    ids = [e["id"] for e in entities]
    quotes = []
    # A quote lies in paragraphs: articles without any have none (the builder refuses them).
    for _ in range(draw(st.integers(0, 4 if paragraphs else 0))):
        start, end = draw(span_strategy)
        speaker = draw(st.none() | st.sampled_from(ids)) if ids else None
        speaker_span = draw(st.none() | span_strategy)
        quotes.append({"start": start, "end": end, "kind": draw(st.sampled_from(["direct", "partial", "indirect"])),
                       "speaker": speaker, "speaker_span": None if speaker_span is None else list(speaker_span),
                       "cue": draw(st.none() | texts)})
    mentions = []
    if ids:
        for _ in range(draw(st.integers(0, 5))):
            start, end = draw(span_strategy)
            mentions.append({"entity": draw(st.sampled_from(ids)), "start": start, "end": end})
    fields = {
        "id": draw(texts), "url": draw(texts), "source": draw(texts), "title": draw(texts),
        "authors": draw(st.lists(texts, max_size=3)), "published": draw(st.none() | texts),
        "language": draw(texts), "tags": draw(st.lists(texts, max_size=3)), "paragraphs": paragraphs,
        "quotes": quotes, "entities": entities, "mentions": mentions,
        "meta": draw(st.dictionaries(texts, json_values, max_size=4)),
    }
    return fields


def paragraph_of(starts: list, offset: int) -> int:
    """The index of the last paragraph starting at or before `offset`."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_offsets_and_round_trip(fields):
    article = newsdoc.Article(**fields)
    paragraphs = fields["paragraphs"]
    text = "\n\n".join(paragraphs)
    assert article.text == text

    # Paragraph spans are code points into the body.
    starts = []
    position = 0
    for i, (view, expected) in enumerate(zip(article.paragraphs, paragraphs)):
        assert (view.start, view.end) == (position, position + len(expected))
        assert view.text == expected == text[view.start:view.end]
        starts.append(position)
        position += len(expected) + 2
    assert len(article.paragraphs) == len(paragraphs)

    # Quotes: spans, fields and paragraphs.
    assert len(article.quotes) == len(fields["quotes"])
    for view, q in zip(article.quotes, fields["quotes"]):
        assert (view.start, view.end) == (q["start"], q["end"])
        assert view.text == text[q["start"]:q["end"]]
        assert view.kind == q["kind"]
        assert (view.speaker.id if view.speaker is not None else None) == q["speaker"]
        expected_span = None if q["speaker_span"] is None else tuple(q["speaker_span"])
        assert view.speaker_span == expected_span
        assert view.speaker_text == (None if expected_span is None else text[expected_span[0]:expected_span[1]])
        assert view.cue == (q["cue"] or "")
        if paragraphs and q["end"] > q["start"]:
            first, last = view.paragraphs
            assert first == paragraph_of(starts, q["start"])
            assert last == paragraph_of(starts, q["end"] - 1)
            assert first <= last

    # Entities and mentions.
    assert [(e.id, e.name, e.type, e.aliases) for e in article.entities] == [
        (e["id"], e["name"], e["type"], e["aliases"]) for e in fields["entities"]]
    for view, m in zip(article.mentions, fields["mentions"]):
        assert (view.start, view.end, view.entity.id) == (m["start"], m["end"], m["entity"])
        assert view.text == text[m["start"]:m["end"]]
    for entity in article.entities:
        listed = entity.mentions
        assert {v.index for v in listed} == {i for i, m in enumerate(fields["mentions"]) if m["entity"] == entity.id}
        assert [(v.start, v.end) for v in listed] == sorted((v.start, v.end) for v in listed)

    # Metadata and canonical form.
    assert article.meta == fields["meta"]
    canonical = article.to_json()
    assert "\n" not in canonical
    # The quotes carry no attribution keys: each is a statement of its own, numbered by its index.
    expected_dict = dict(fields, published=fields["published"],
                         quotes=[dict(q, cue=q["cue"] or None, cue_span=None, attribution=i, parent=None)
                                 for i, q in enumerate(fields["quotes"])])
    assert json.loads(canonical) == expected_dict

    # Round trips: from_json, loads/dumps, pickle-free reload; all byte-identical.
    again = newsdoc.Article.from_json(canonical)
    assert again == article
    assert again.to_json() == canonical
    corpus = newsdoc.loads(canonical + "\n", annotate=False)
    assert corpus.dumps() == canonical + "\n"
    assert corpus[0] == article
    assert newsdoc.loads(canonical.encode("utf-8"), annotate=False).dumps() == canonical + "\n"
    # The binary form (pickle, Corpus.save) stores byte spans and counts code points again on reopening.
    reopened = pickle.loads(pickle.dumps(corpus))[0]
    assert reopened == article
    assert [(q.start, q.end, q.speaker_span) for q in reopened.quotes] == [
        (q["start"], q["end"], None if q["speaker_span"] is None else tuple(q["speaker_span"]))
        for q in fields["quotes"]]
    assert [(m.start, m.end) for m in reopened.mentions] == [(m["start"], m["end"]) for m in fields["mentions"]]


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, max_size=5))
def test_body_string_splits_at_newlines(lines):
    """A body given as one string becomes its trimmed, non-empty lines."""
    body = "\n".join(lines)
    article = newsdoc.loads(json.dumps({"text": body}))[0]
    whitespace = " \t\r\n\f\v"
    expected = [line.strip(whitespace) for line in body.split("\n")]
    expected = [line for line in expected if line]
    if all("\u00a0" not in line for line in lines):
        assert [p.text for p in article.paragraphs] == expected
    for view in article.paragraphs:
        assert article.text[view.start:view.end] == view.text
