"""Transforms of Article and Corpus: expected values for each, and their errors."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

import newsdoc

from conftest import seed_file

# The worked example of docs/schema.md, with a title, tags and meta naming Zoë Müller.
EXAMPLE = {
    "id": "ex-1", "title": "Müller in Berlin", "tags": ["Müller", "Politik"], "authors": ["Zoë Müller"],
    "paragraphs": ["Zoë Müller arrived.", "“Wir schaffen das 👍”, sagte Müller."],
    "quotes": [{"start": 22, "end": 40, "kind": "direct", "speaker": "e1", "speaker_span": [49, 55], "cue": "sagte"}],
    "entities": [{"id": "e1", "name": "Zoë Müller", "type": "PERSON", "aliases": ["Müller"]},
                 {"id": "e2", "name": "Berlin", "type": "GPE", "aliases": []}],
    "mentions": [{"entity": "e1", "start": 0, "end": 10}, {"entity": "e1", "start": 49, "end": 55}],
    "meta": {"teaser": "Zoë Müller spricht", "n": 1},
}


def example() -> newsdoc.Article:
    return newsdoc.Article.from_dict(EXAMPLE)


def spans(article: newsdoc.Article):
    """Every span of the article as (kind, text) pairs, in order."""
    out = [("paragraph", p.text) for p in article.paragraphs]
    out += [("quote", q.text) for q in article.quotes]
    out += [("speaker", q.speaker_text) for q in article.quotes]
    out += [("mention", m.text) for m in article.mentions]
    return out


class SpacySpan:
    """What with_entities reads of a spaCy entity Span: start_char, end_char, label_, kb_id_."""

    def __init__(self, start_char, end_char, label_, kb_id_=""):
        self.start_char, self.end_char, self.label_, self.kb_id_ = start_char, end_char, label_, kb_id_

    def __repr__(self):
        return f"<Span {self.start_char}:{self.end_char} {self.label_}>"


# --- redact -------------------------------------------------------------------------------------

def test_redact_replaces_mentions_names_title_tags_authors_and_meta():
    original = example()
    a = original.redact()
    assert a.text == "[PERSON] arrived.\n\n“Wir schaffen das 👍”, sagte [PERSON]."
    assert [(p.start, p.end) for p in a.paragraphs] == [(0, 17), (19, 56)]
    q = a.quotes[0]
    assert (q.start, q.end, q.text) == (20, 38, "Wir schaffen das 👍")
    assert (q.speaker_span, q.speaker_text, q.speaker.id) == ((47, 55), "[PERSON]", "e1")
    assert [(m.start, m.end, m.text) for m in a.mentions] == [(0, 8, "[PERSON]"), (47, 55, "[PERSON]")]
    assert [(e.name, e.aliases) for e in a.entities] == [("[PERSON]", []), ("Berlin", [])]
    assert a.title == "[PERSON] in Berlin"
    assert a.tags == ["Politik"]
    assert a.authors == ["[PERSON]"]
    assert a.meta == {"teaser": "[PERSON] spricht", "n": 1}
    canonical = a.to_json()
    assert "Müller" not in canonical and "Zoë" not in canonical
    # Articles are immutable: the original is as it was.
    assert original.to_dict() == newsdoc.Article.from_dict(EXAMPLE).to_dict()


def test_redact_placeholder_fields_and_quote_around_the_mention():
    a = newsdoc.Article(paragraphs=["“I, Zoë Müller, agree,” she said."],
                        entities=[{"id": "p7", "name": "Zoë Müller", "type": "PERSON"}],
                        mentions=[{"entity": "p7", "start": 4, "end": 14}],
                        quotes=[{"start": 1, "end": 22, "speaker": "p7", "speaker_span": [24, 27], "cue": "said"}])
    r = a.redact(placeholder="<{id}:{type}> {{x}}")
    assert r.text == "“I, <p7:PERSON> {x}, agree,” she said."
    assert r.quotes[0].text == "I, <p7:PERSON> {x}, agree,"
    assert r.quotes[0].speaker_text == "she"
    assert r.entities[0].name == "<p7:PERSON> {x}"


def test_redact_spans_touching_a_redacted_range_stay_outside_it():
    a = newsdoc.Article(paragraphs=["Hello Ana, bye."], entities=[{"id": "e1", "name": "Ana", "type": "PERSON"}],
                        quotes=[{"start": 0, "end": 6}, {"start": 9, "end": 15}, {"start": 6, "end": 6}],
                        mentions=[{"entity": "e1", "start": 6, "end": 9}])
    r = a.redact()
    assert r.text == "Hello [PERSON], bye."
    assert [(q.start, q.end, q.text) for q in r.quotes] == [(0, 6, "Hello "), (14, 20, ", bye."), (6, 6, "")]
    assert [(m.start, m.end) for m in r.mentions] == [(6, 14)]


def test_redact_types_as_a_string_and_several_types():
    a = example()
    assert a.redact("GPE").entities[1].name == "[GPE]"
    assert a.redact("GPE").text == a.text  # Berlin has no mentions and does not occur in the body
    r = a.redact(["PERSON", "GPE"], placeholder="█")
    assert r.title == "█ in █"
    assert [e.name for e in r.entities] == ["█", "█"]


def test_redact_speaker_span_overlapping_a_name_goes_whole_and_other_mentions_protect_their_words():
    a = newsdoc.Article(paragraphs=["Washington met Ms Washington in Washington, said Ms Washington."],
                        entities=[{"id": "e1", "name": "Washington", "type": "PERSON"},
                                  {"id": "e2", "name": "Washington", "type": "GPE"}],
                        mentions=[{"entity": "e2", "start": 32, "end": 42}],
                        quotes=[{"start": 0, "end": 10, "kind": "indirect", "speaker": "e1",
                                 "speaker_span": [49, 62]}])
    r = a.redact()
    assert r.text == "[PERSON] met Ms [PERSON] in Washington, said [PERSON]."
    assert r.quotes[0].text == "[PERSON]"
    assert r.quotes[0].speaker_text == "[PERSON]"
    assert r.mentions[0].text == "Washington"


def test_redact_errors():
    with pytest.raises(ValueError, match=r"unknown field \{name\}; the fields are \{type\} and \{id\}"):
        example().redact(placeholder="[{name}]")
    with pytest.raises(ValueError, match="never closed"):
        example().redact(placeholder="[{type]")
    with pytest.raises(TypeError, match="placeholder must be a str"):
        example().redact(placeholder=None)
    with pytest.raises(TypeError, match="types must be strings"):
        example().redact([1])


def test_corpus_redact_on_threads_matches_article_by_article():
    corpus = newsdoc.concat([newsdoc.loads(json.dumps(EXAMPLE)), newsdoc.load(seed_file(".json"))] * 40)
    redacted = corpus.redact(threads=2)
    assert len(redacted) == 80
    assert [a.to_json() for a in redacted] == [a.redact().to_json() for a in corpus]
    assert redacted.redact(["ORG"], threads=1)[0] == redacted[0]  # no ORG entity: the same article
    seed = redacted[1].to_json()
    for name in ("Assad", "Ozerov", "Konashenkov"):
        assert name not in seed


# --- normalize_quotes ---------------------------------------------------------------------------

def test_normalize_quotes_straight_keeps_code_point_offsets():
    original = example()
    a = original.normalize_quotes()
    assert a.text == "Zoë Müller arrived.\n\n\"Wir schaffen das 👍\", sagte Müller."
    assert [(q.start, q.end, q.speaker_span) for q in a.quotes] == [(q.start, q.end, q.speaker_span)
                                                                     for q in original.quotes]
    straight = str.maketrans({"“": '"', "”": '"'})
    assert spans(a) == [(kind, text.translate(straight)) for kind, text in spans(original)]
    assert len(a.text.encode()) == len(original.text.encode()) - 4


def test_normalize_quotes_curly_by_context():
    a = newsdoc.Article(title="'Yes' and \"no\"", authors=["Dan O'Brien"],
                        paragraphs=["\"Yes,\" she said, 'it's (\"fine\")' - \"x\"", "'90s and James' book"],
                        entities=[{"id": "e1", "name": "O'Brien", "type": "PERSON"}],
                        quotes=[{"start": 1, "end": 5, "cue": "'said'"}])
    c = a.normalize_quotes("curly")
    assert [p.text for p in c.paragraphs] == ["“Yes,” she said, ‘it’s (“fine”)’ - “x”", "‘90s and James’ book"]
    assert c.title == "‘Yes’ and “no”"
    assert c.authors == ["Dan O’Brien"]
    assert c.entities[0].name == "O’Brien"
    assert c.quotes[0].cue == "‘said’"
    assert c.quotes[0].text == "Yes,"
    assert c.normalize_quotes().text == a.text


def test_normalize_quotes_bad_style():
    with pytest.raises(ValueError, match='style must be "straight" or "curly", not "smart"'):
        example().normalize_quotes("smart")


def test_corpus_normalize_quotes():
    corpus = newsdoc.loads('{"paragraphs": ["“Yes,” he said."]}\n{"paragraphs": ["No quotes."]}\n')
    out = corpus.normalize_quotes(threads=1)
    assert [a.text for a in out] == ['"Yes," he said.', "No quotes."]


# --- select_paragraphs --------------------------------------------------------------------------

THREE = {
    "id": "p3", "paragraphs": ["Ann spoke.", "Bob spoke.", "“Cy,” said Ann."],
    "entities": [{"id": "e1", "name": "Ann", "type": "PERSON"}, {"id": "e2", "name": "Bob", "type": "PERSON"},
                 {"id": "e3", "name": "Dee", "type": "PERSON"}],
    "quotes": [{"start": 0, "end": 22, "kind": "indirect", "speaker": "e2"},
               {"start": 25, "end": 28, "speaker": "e1", "speaker_span": [0, 3], "cue": "said"},
               {"start": 12, "end": 15, "kind": "indirect"}],
    "mentions": [{"entity": "e1", "start": 0, "end": 3}, {"entity": "e2", "start": 12, "end": 15},
                 {"entity": "e1", "start": 35, "end": 38}],
}


def test_select_paragraphs_keeps_spans_inside_kept_paragraphs():
    a = newsdoc.Article.from_dict(THREE).select_paragraphs([2, 0, -1])
    assert a.text == "Ann spoke.\n\n“Cy,” said Ann."
    assert [(q.start, q.end, q.text, q.speaker_text) for q in a.quotes] == [(13, 16, "Cy,", "Ann")]
    assert [(m.start, m.end, m.entity.id) for m in a.mentions] == [(0, 3, "e1"), (23, 26, "e1")]
    # Bob lost his mention and his quote; Dee never had either and stays.
    assert [e.id for e in a.entities] == ["e1", "e3"]


def test_select_paragraphs_slice_int_and_predicate():
    a = newsdoc.Article.from_dict(THREE)
    later = a.select_paragraphs(slice(1, None))
    assert later.text == "Bob spoke.\n\n“Cy,” said Ann."
    assert [(q.text, q.speaker and q.speaker.name, q.speaker_span) for q in later.quotes] == [
        ("Cy,", "Ann", None), ("Bob", None, None)]
    assert a.select_paragraphs(1).text == "Bob spoke."
    assert a.select_paragraphs(slice(None, None, -2)).text == "Ann spoke.\n\n“Cy,” said Ann."
    assert a.select_paragraphs(lambda p: "spoke" in p.text).text == "Ann spoke.\n\nBob spoke."
    assert a.select_paragraphs([]).text == ""
    assert a.select_paragraphs(range(3)) == a


def test_select_paragraphs_errors():
    a = newsdoc.Article.from_dict(THREE)
    with pytest.raises(IndexError, match="paragraph index 3 out of range for 3 paragraphs"):
        a.select_paragraphs([3])
    with pytest.raises(IndexError, match="paragraph index -4 out of range"):
        a.select_paragraphs(-4)
    with pytest.raises(TypeError, match="not booleans"):
        a.select_paragraphs([True, False, True])
    with pytest.raises(TypeError, match="not str"):
        a.select_paragraphs("0")
    with pytest.raises(ValueError, match="slice step cannot be zero"):
        a.select_paragraphs(slice(None, None, 0))
    assert a.select_paragraphs(slice(-10 ** 30, 10 ** 30, 10 ** 30)).text == "Ann spoke."


def test_corpus_select_paragraphs():
    corpus = newsdoc.loads('{"id": "a", "paragraphs": ["A.", "B.", "C."]}\n{"id": "b", "paragraphs": ["D."]}\n')
    assert [a.text for a in corpus.select_paragraphs(slice(0, 2))] == ["A.\n\nB.", "D."]
    assert [a.text for a in corpus.select_paragraphs(lambda p: p.text != "B.")] == ["A.\n\nC.", "D."]
    assert [a.text for a in corpus.select_paragraphs(-1, threads=2)] == ["C.", "D."]
    with pytest.raises(IndexError, match=r'article 1 \(id "b"\): paragraph index 1 out of range for 1 paragraphs'):
        corpus.select_paragraphs([1])


# --- rename_entity, merge_entities --------------------------------------------------------------

def test_rename_entity_by_id_name_alias_or_entity():
    a = example()
    for old in ("e1", "Zoë Müller", "Müller", a.entities[0]):
        renamed = a.rename_entity(old, "Zoë M.")
        assert [(e.id, e.name, e.aliases) for e in renamed.entities][0] == ("e1", "Zoë M.", ["Müller"])
        assert renamed.text == a.text and spans(renamed) == spans(a)
    assert a.rename_entity("e1", "Müller").entities[0].aliases == []


def test_rename_entity_errors():
    a = example()
    with pytest.raises(KeyError, match='no entity "Merkel" in article "ex-1" \\(looked up by id, name and alias\\)'):
        a.rename_entity("Merkel", "Angela Merkel")
    with pytest.raises(ValueError, match="the new entity name is empty"):
        a.rename_entity("e1", "")
    twins = newsdoc.Article(entities=[{"id": "a", "name": "Li", "type": "PERSON"},
                                      {"id": "b", "name": "Li", "type": "PERSON"}])
    with pytest.raises(ValueError,
                       match=r'"Li" is the name of several entities of article "" \(a, b\): name one by its id'):
        twins.rename_entity("Li", "Li Wei")
    with pytest.raises(TypeError, match="old must be"):
        a.rename_entity(1, "x")


def test_corpus_rename_entity():
    corpus = newsdoc.concat([example(), newsdoc.Article.from_dict(THREE)])
    renamed = corpus.rename_entity("Berlin", "Berlin, Germany")
    assert renamed[0].entities[1].name == "Berlin, Germany"
    assert renamed[1] == corpus[1]
    with pytest.raises(KeyError, match='no entity "Paris" in any of the 2 articles'):
        corpus.rename_entity("Paris", "Paris, France")


def test_merge_entities():
    record = dict(EXAMPLE, entities=EXAMPLE["entities"] + [{"id": "e3", "name": "Z. Müller", "type": "PERSON",
                                                            "aliases": ["Zoe", "Müller"]}],
                  mentions=[{"entity": "e3", "start": 0, "end": 10}, {"entity": "e1", "start": 49, "end": 55}])
    record["quotes"] = [dict(record["quotes"][0], speaker="e3")]
    a = newsdoc.Article.from_dict(record).merge_entities("Zoë Müller", "e3")
    assert [(e.id, e.name, e.aliases) for e in a.entities] == [("e1", "Zoë Müller", ["Müller", "Z. Müller", "Zoe"]),
                                                              ("e2", "Berlin", [])]
    assert [m.entity.id for m in a.mentions] == ["e1", "e1"]
    assert a.quotes[0].speaker.id == "e1"
    with pytest.raises(ValueError, match="nothing to merge"):
        a.merge_entities("e1", "Müller")
    with pytest.raises(KeyError):
        a.merge_entities("e1", "e9")
    corpus = newsdoc.concat([a, example()])
    merged = corpus.merge_entities("e1", "e2")
    assert [len(x.entities) for x in merged] == [1, 1]
    with pytest.raises(KeyError, match='no article of the 2 holds both "e1" and "e7"'):
        corpus.merge_entities("e1", "e7")


# --- with_entities, with_quotes -----------------------------------------------------------------

def test_with_entities_from_tuples_groups_by_text_and_label():
    a = newsdoc.Article(paragraphs=["Merkel met Macron. Merkel left Paris."])
    b = a.with_entities([(0, 6, "PERSON"), (11, 17, "PERSON"), (19, 25, "PERSON"), (31, 36, "GPE")])
    assert [(e.id, e.name, e.type) for e in b.entities] == [("e1", "Merkel", "PERSON"), ("e2", "Macron", "PERSON"),
                                                            ("e3", "Paris", "GPE")]
    assert [[m.text for m in e.mentions] for e in b.entities] == [["Merkel", "Merkel"], ["Macron"], ["Paris"]]


def test_with_entities_from_spacy_like_spans_dicts_and_mentions():
    a = newsdoc.Article(paragraphs=["Angela Merkel met Merkel’s aide in Berlin."])
    ents = [SpacySpan(0, 13, "PERSON", "Q567"), SpacySpan(18, 24, "PERSON", "Q567"), SpacySpan(35, 41, "GPE")]
    b = a.with_entities(ents)
    assert [(e.id, e.name, e.type, e.aliases) for e in b.entities] == [
        ("Q567", "Angela Merkel", "PERSON", ["Merkel"]), ("e1", "Berlin", "GPE", [])]
    doc = SimpleNamespace(ents=ents)  # a spaCy Doc stands for its entities
    assert a.with_entities(doc) == b
    c = a.with_entities([{"start": 0, "end": 13, "type": "PERSON", "name": "Angela Dorothea Merkel"},
                         {"start": 18, "end": 24, "label": "PERSON", "name": "Angela Dorothea Merkel"}])
    assert [(e.name, e.aliases) for e in c.entities] == [("Angela Dorothea Merkel", ["Angela Merkel", "Merkel"])]
    # Mentions of another article with the same text carry their entity along.
    d = a.with_entities([m for m in c.mentions if m.text == "Merkel"])
    assert [(e.id, e.name, [m.text for m in e.mentions]) for e in d.entities] == [
        ("e1", "Angela Dorothea Merkel", ["Merkel"])]


def test_with_entities_replace_false_and_speakers():
    a = example()
    b = a.with_entities([(49, 55, "PERSON"), (11, 18, "EVENT")], replace=False)
    assert [(e.id, e.name) for e in b.entities] == [("e1", "Zoë Müller"), ("e2", "Berlin"), ("e3", "arrived")]
    assert len(b.mentions) == 3  # the mention at [49, 55) was there already
    c = a.with_entities([(4, 10, "PERSON"), (49, 55, "PERSON")])
    assert [(e.id, e.name) for e in c.entities] == [("e1", "Müller")]
    assert c.quotes[0].speaker.name == "Müller"  # the new mention at the speaker span
    d = a.with_entities([(0, 3, "PERSON")])
    assert d.quotes[0].speaker is None


def test_with_entities_errors_name_the_item():
    a = example()
    with pytest.raises(newsdoc.SchemaError) as error:
        a.with_entities([(0, 3, "PERSON"), SpacySpan(50, 90, "ORG")])
    assert error.value.pointer == "/1"
    assert str(error.value) == ("/1: span [50, 90) lies outside the text (56 characters); "
                                "the item is <Span 50:90 ORG>")
    with pytest.raises(newsdoc.SchemaError, match="/0: start must be a non-negative integer, not -1"):
        a.with_entities([(-1, 3, "PERSON")])
    with pytest.raises(newsdoc.SchemaError, match="/0: span ends \\(2\\) before it starts \\(5\\)"):
        a.with_entities([(5, 2, "PERSON")])
    with pytest.raises(newsdoc.SchemaError, match="/0: unknown key 'kind'"):
        a.with_entities([{"start": 0, "end": 3, "kind": "PERSON"}])
    with pytest.raises(newsdoc.SchemaError, match=r"/0: a mention tuple is \(start, end, label\)"):
        a.with_entities([(0, 3)])
    with pytest.raises(newsdoc.SchemaError, match='entity "e1" has type "PERSON", not "ORG"'):
        a.with_entities([(0, 3, "ORG", "e1")], replace=False)
    with pytest.raises(TypeError, match="iterable of entities"):
        a.with_entities(5)


def test_with_quotes_from_dicts_tuples_and_views():
    a = example()
    b = a.with_quotes([{"start": 0, "end": 19, "kind": "indirect", "speaker": "e2", "speaker_span": [0, 3],
                        "cue": "says"}, (4, 10), (11, 18, "partial")])
    assert [(q.text, q.kind, q.speaker and q.speaker.id, q.speaker_text, q.cue) for q in b.quotes] == [
        ("Zoë Müller arrived.", "indirect", "e2", "Zoë", "says"), ("Müller", "direct", None, None, ""),
        ("arrived", "partial", None, None, "")]
    # Filtering one's own quotes.
    assert a.with_quotes(q for q in b.quotes if q.kind != "direct").quotes[1].text == "arrived"
    c = a.with_quotes([SpacySpan(4, 10, "QUOTE")], replace=False)
    assert [q.text for q in c.quotes] == ["Wir schaffen das 👍", "Müller"]
    assert a.with_quotes([{"start": 0, "end": 3, "speaker": a.entities[0]}]).quotes[0].speaker.id == "e1"


def test_with_quotes_errors():
    a = example()
    with pytest.raises(newsdoc.SchemaError, match='/0/speaker: no entity with id "e9" in the article') as error:
        a.with_quotes([{"start": 0, "end": 3, "speaker": "e9"}])
    assert error.value.pointer == "/0/speaker"
    with pytest.raises(newsdoc.SchemaError, match="/0/kind: kind must be"):
        a.with_quotes([(0, 3, "quoted")])
    with pytest.raises(newsdoc.SchemaError, match="/0/speaker_span: span \\[70, 80\\) lies outside"):
        a.with_quotes([{"start": 0, "end": 3, "speaker_span": [70, 80]}])


def test_corpus_with_entities_and_quotes():
    corpus = newsdoc.concat([example(), example()])
    out = corpus.with_entities([[(0, 3, "PERSON")], []])
    assert [len(a.entities) for a in out] == [1, 0]
    quoted = corpus.with_quotes([[], [(0, 3)]], replace=False)
    assert [len(a.quotes) for a in quoted] == [1, 2]
    with pytest.raises(ValueError, match="quote lists given for 1 articles, but the corpus has 2"):
        corpus.with_quotes([[]])
    with pytest.raises(newsdoc.SchemaError) as error:
        corpus.with_entities([[], [(0, 99, "PERSON")]])
    assert error.value.pointer == "/1/0"
    assert str(error.value).endswith("the item is (0, 99, 'PERSON')")


# --- concat -------------------------------------------------------------------------------------

def test_concat_corpora_and_articles_keeps_errors():
    first = newsdoc.loads('{"title": "A"}\n{"title": \n{"title": "B"}\n', on_error="skip")
    both = newsdoc.concat([first, first[:1], newsdoc.Article(title="C")])
    assert [a.title for a in both] == ["A", "B", "A", "C"]
    assert [e.line for e in both.errors] == [2]
    assert len(newsdoc.concat([])) == 0
    with pytest.raises(TypeError, match="item 1 is a str"):
        newsdoc.concat([first, "x"])
    with pytest.raises(TypeError, match="iterable of corpora"):
        newsdoc.concat(first)
