"""The article model: construction, text and code point offsets, views, equality, repr, pickling."""

from __future__ import annotations

import copy
import pickle

import pytest

import newsdoc
from conftest import UNICODE_PARAGRAPHS, crashed, run_python

TEXT = "\n\n".join(UNICODE_PARAGRAPHS)


def span(needle: str, occurrence: int = 0) -> tuple:
    """The code point span of the `occurrence`-th `needle` in TEXT."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def make_article(**overrides) -> newsdoc.Article:
    q0 = span("Wir schaffen das 👍")
    q1 = span("你好")
    spanning = (span("am Montag")[0], span("中文新闻")[1])  # from paragraph 0 into paragraph 1
    fields = dict(
        id="art-1",
        url="https://example.org/ä",
        source="Example News",
        title="Zoë Müller – “talks” 😀",
        authors=["Zoë Müller", "李雷"],
        published="2024-05-06T07:08:09Z",
        language="de",
        tags=["Politik", "中文"],
        paragraphs=UNICODE_PARAGRAPHS,
        quotes=[
            {"start": q0[0], "end": q0[1], "kind": "direct", "speaker": "e1",
             "speaker_span": list(span("Zoë Müller")), "cue": "sagte"},
            {"start": q1[0], "end": q1[1], "kind": "partial", "speaker": None, "speaker_span": None, "cue": None},
            {"start": spanning[0], "end": spanning[1], "kind": "indirect", "speaker": "e2"},
        ],
        entities=[
            {"id": "e1", "name": "Zoë Müller", "type": "PERSON", "aliases": ["Müller"]},
            {"id": "e2", "name": "中文新闻", "type": "ORG", "aliases": []},
            {"id": "e3", "name": "Nobody", "type": "PERSON"},
        ],
        mentions=[
            {"entity": "e1", "start": span("Müller", 1)[0], "end": span("Müller", 1)[1]},  # paragraph 1
            {"entity": "e1", "start": span("Zoë Müller")[0], "end": span("Zoë Müller")[1]},
            {"entity": "e2", "start": span("中文新闻")[0], "end": span("中文新闻")[1]},
        ],
        meta={"nested": {"list": [1, 2.5, None, True, "ü"], "deep": {"x": []}}, "n": 7},
    )
    fields.update(overrides)
    return newsdoc.Article(**fields)


@pytest.fixture
def article() -> newsdoc.Article:
    return make_article()


class TestConstruction:
    def test_keyword_fields(self, article):
        assert article.id == "art-1"
        assert article.url == "https://example.org/ä"
        assert article.source == "Example News"
        assert article.title == "Zoë Müller – “talks” 😀"
        assert article.authors == ["Zoë Müller", "李雷"]
        assert article.published == "2024-05-06T07:08:09Z"
        assert article.language == "de"
        assert article.tags == ["Politik", "中文"]
        assert len(article.paragraphs) == 3
        assert len(article.quotes) == 3
        assert len(article.entities) == 3
        assert len(article.mentions) == 3

    def test_defaults(self):
        a = newsdoc.Article()
        assert (a.id, a.url, a.source, a.title, a.language) == ("", "", "", "", "")
        assert a.published is None
        assert a.authors == [] and a.tags == []
        assert a.text == ""
        assert a.paragraphs == () and a.quotes == () and a.entities == () and a.mentions == ()
        assert a.meta == {}
        assert a.to_json() == ('{"id":"","url":"","source":"","title":"","authors":[],"published":null,'
                               '"language":"","tags":[],"paragraphs":[],"quotes":[],"entities":[],'
                               '"mentions":[],"meta":{}}')

    def test_positional_arguments_rejected(self):
        with pytest.raises(TypeError):
            newsdoc.Article("id")  # type: ignore[misc]

    def test_tuples_and_generators_accepted(self):
        a = newsdoc.Article(authors=("A", "B"), tags=(t for t in ["x", "y"]), paragraphs=("One.", "Two."))
        assert a.authors == ["A", "B"]
        assert a.tags == ["x", "y"]
        assert a.text == "One.\n\nTwo."

    def test_strings_are_read_as_in_json_not_exploded(self):
        a = newsdoc.Article(authors="Ann Lee, Bob", tags="x, y", paragraphs="  Hi.\n\nThere.  \n")
        assert a.authors == ["Ann Lee", "Bob"]
        assert a.tags == ["x", "y"]
        assert [p.text for p in a.paragraphs] == ["Hi.", "There."]
        assert a == newsdoc.Article.from_dict({"authors": "Ann Lee, Bob", "tags": "x, y",
                                               "paragraphs": "  Hi.\n\nThere.  \n"})

    def test_text_is_paragraphs_joined_by_blank_line(self, article):
        assert article.text == TEXT
        assert article.text == "\n\n".join(p.text for p in article.paragraphs)

    def test_paragraph_spans_are_code_points(self, article):
        starts = []
        position = 0
        for paragraph in UNICODE_PARAGRAPHS:
            starts.append((position, position + len(paragraph)))
            position += len(paragraph) + 2
        assert [(p.start, p.end) for p in article.paragraphs] == starts
        for p, expected in zip(article.paragraphs, UNICODE_PARAGRAPHS):
            assert p.text == expected
            assert article.text[p.start:p.end] == expected
            assert len(p) == len(expected)
        # Code points, not UTF-8 bytes nor UTF-16 units.
        assert article.paragraphs[1].start != len(UNICODE_PARAGRAPHS[0].encode("utf-8")) + 2
        assert article.paragraphs[1].start != len(UNICODE_PARAGRAPHS[0].encode("utf-16-le")) // 2 + 2

    def test_paragraph_indexes(self, article):
        assert [p.index for p in article.paragraphs] == [0, 1, 2]
        assert all(p.article is article for p in article.paragraphs)

    def test_empty_paragraphs_kept_from_a_list(self):
        a = newsdoc.Article(paragraphs=["", "a", ""])
        assert a.text == "\n\na\n\n"
        assert [(p.start, p.end, p.text) for p in a.paragraphs] == [(0, 0, ""), (2, 3, "a"), (5, 5, "")]

    def test_paragraph_with_newlines_inside_is_kept_whole(self):
        a = newsdoc.Article(paragraphs=["a\nb", "c\n\nd"])
        assert a.text == "a\nb\n\nc\n\nd"
        assert [p.text for p in a.paragraphs] == ["a\nb", "c\n\nd"]
        assert len(a.paragraphs) == 2


class TestSpans:
    def test_every_span_text_matches(self, article):
        for view in article.paragraphs + article.quotes + article.mentions:
            assert article.text[view.start:view.end] == view.text
            assert len(view) == view.end - view.start

    def test_quote_texts(self, article):
        assert [q.text for q in article.quotes] == [
            "Wir schaffen das 👍",
            "你好",
            "am Montag.\n\n中文新闻",
        ]
        assert article.quotes[0].start == 1  # after the 1-code-point “

    def test_mention_texts(self, article):
        assert [m.text for m in article.mentions] == ["Müller", "Zoë Müller", "中文新闻"]

    def test_quote_fields(self, article):
        q0, q1, q2 = article.quotes
        assert q0.kind == "direct"
        assert isinstance(q0.speaker, newsdoc.Entity)
        assert q0.speaker.id == "e1" and q0.speaker.name == "Zoë Müller"
        assert q0.speaker_span == span("Zoë Müller")
        assert q0.speaker_text == "Zoë Müller"
        assert q0.cue == "sagte"
        assert q0.paragraphs == (0, 0)

        assert q1.kind == "partial"
        assert q1.speaker is None and q1.speaker_span is None and q1.speaker_text is None
        assert q1.cue == ""
        assert q1.paragraphs == (1, 1)

        assert q2.kind == "indirect"
        assert q2.speaker.name == "中文新闻"
        assert q2.paragraphs == (0, 1)

    def test_quote_defaults(self):
        a = newsdoc.Article(paragraphs=["ab", "cd"], quotes=[{"start": 4, "end": 6}])
        q = a.quotes[0]
        assert (q.kind, q.speaker, q.speaker_span, q.cue, q.paragraphs, q.text) == ("direct", None, None, "", (1, 1), "cd")

    def test_empty_cue_written_as_null(self):
        a = newsdoc.Article(paragraphs=["ab"], quotes=[{"start": 0, "end": 1, "cue": ""}])
        assert '"cue":null' in a.to_json()
        assert a.quotes[0].cue == ""

    def test_empty_span_at_end_of_text(self):
        a = newsdoc.Article(paragraphs=["ab"], quotes=[{"start": 2, "end": 2}], entities=[{"id": "e"}],
                            mentions=[{"entity": "e", "start": 0, "end": 0}])
        assert a.quotes[0].text == "" and len(a.quotes[0]) == 0
        assert a.mentions[0].text == ""

    def test_quote_spanning_three_paragraphs(self):
        a = newsdoc.Article(paragraphs=["one", "two", "three"], quotes=[{"start": 1, "end": 13}])
        q = a.quotes[0]
        assert q.text == "ne\n\ntwo\n\nthr"
        assert q.paragraphs == (0, 2)

    def test_quote_ending_at_paragraph_end(self):
        a = newsdoc.Article(paragraphs=["one", "two"], quotes=[{"start": 5, "end": 8}])
        assert a.quotes[0].paragraphs == (1, 1)
        assert a.quotes[0].text == "two"

    def test_entity_fields(self, article):
        e1, e2, e3 = article.entities
        assert (e1.id, e1.name, e1.type, e1.aliases) == ("e1", "Zoë Müller", "PERSON", ["Müller"])
        assert (e2.id, e2.name, e2.type, e2.aliases) == ("e2", "中文新闻", "ORG", [])
        assert (e3.id, e3.name, e3.type, e3.aliases) == ("e3", "Nobody", "PERSON", [])

    def test_entity_mentions_in_text_order(self, article):
        e1, e2, e3 = article.entities
        # Stored in input order (paragraph 1 first), listed in text order.
        assert [m.text for m in e1.mentions] == ["Zoë Müller", "Müller"]
        assert [m.index for m in e1.mentions] == [1, 0]
        assert [m.start for m in e1.mentions] == sorted(m.start for m in e1.mentions)
        assert [m.text for m in e2.mentions] == ["中文新闻"]
        assert e3.mentions == ()

    def test_mention_entity(self, article):
        assert [m.entity.id for m in article.mentions] == ["e1", "e1", "e2"]
        assert article.mentions[2].entity.name == "中文新闻"
        assert article.mentions[0].entity == article.entities[0]

    def test_meta(self, article):
        assert article.meta == {"nested": {"list": [1, 2.5, None, True, "ü"], "deep": {"x": []}}, "n": 7}

    def test_meta_is_a_fresh_dict(self, article):
        article.meta["nested"] = 0
        assert article.meta["nested"]["deep"] == {"x": []}


class TestEquality:
    def test_equal_articles(self):
        assert make_article() == make_article()
        assert not (make_article() != make_article())

    @pytest.mark.parametrize("change", [
        {"id": "other"}, {"title": "other"}, {"published": None}, {"tags": []}, {"meta": {}},
        {"paragraphs": ["\n\n".join(UNICODE_PARAGRAPHS)], "quotes": [], "mentions": []},
        {"quotes": []}, {"mentions": []}, {"authors": ["李雷", "Zoë Müller"]},
    ])
    def test_unequal_articles(self, change):
        assert make_article(**change) != make_article()

    def test_compare_with_other_types(self, article):
        assert article != "art-1"
        assert article != None  # noqa: E711
        assert (article == 3) is False

    def test_articles_unhashable(self, article):
        with pytest.raises(TypeError):
            hash(article)

    def test_views_equal_by_article_and_index(self, article):
        assert article.paragraphs[0] == article.paragraphs[0]
        assert article.paragraphs[0] != article.paragraphs[1]
        assert article.quotes[0].speaker == article.entities[0]
        assert len({article.entities[0], article.quotes[0].speaker}) == 1
        other = make_article()
        assert article.paragraphs[0] != other.paragraphs[0]  # a view is a position in one article object
        assert article.paragraphs[0] != article.quotes[0]


class TestRepr:
    def test_article_repr(self, article):
        text = repr(article)
        assert text.startswith("<Article ")
        for part in ("id='art-1'", "title=", "Zoë Müller", "paragraphs=3", "quotes=3", "entities=3", "mentions=3"):
            assert part in text

    def test_article_repr_shortens_long_titles(self):
        text = repr(newsdoc.Article(title="x" * 500))
        assert len(text) < 200 and "…" in text

    def test_view_reprs(self, article):
        p = repr(article.paragraphs[1])
        assert "Paragraph" in p and "1" in p and f"[{article.paragraphs[1].start}:{article.paragraphs[1].end}]" in p
        q = repr(article.quotes[0])
        for part in ("Quote", "direct", "Wir schaffen das 👍", "Zoë Müller", "sagte"):
            assert part in q
        e = repr(article.entities[0])
        for part in ("Entity", "e1", "PERSON", "Zoë Müller", "Müller"):
            assert part in e
        m = repr(article.mentions[2])
        for part in ("Mention", "中文新闻", "e2"):
            assert part in m

    def test_corpus_repr(self):
        corpus = newsdoc.Corpus([newsdoc.Article(title=t) for t in "ABCDE"])
        text = repr(corpus)
        assert "5" in text and "'A'" in text and "'C'" in text and "'D'" not in text and "…" in text
        assert repr(newsdoc.Corpus()) == "<Corpus of 0 articles []>"


class TestPickle:
    def test_article_pickles(self, article):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(article, protocol=protocol))
            assert again == article
            assert again.to_json() == article.to_json()
            assert again.text == TEXT
            assert again.meta == article.meta

    def test_article_copies(self, article):
        assert copy.copy(article) == article
        assert copy.deepcopy(article) == article

    @pytest.mark.parametrize("kind", ["paragraphs", "quotes", "entities", "mentions"])
    def test_views_do_not_pickle(self, article, kind):
        view = getattr(article, kind)[0]
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            with pytest.raises(TypeError, match="pickle the Article"):
                pickle.dumps(view, protocol=protocol)

    def test_views_do_not_pickle_inside_containers(self, article):
        with pytest.raises(TypeError):
            pickle.dumps({"q": article.quotes[0]})

    def test_corpus_pickles(self, article):
        corpus = newsdoc.Corpus([article, newsdoc.Article(title="two")])
        again = pickle.loads(pickle.dumps(corpus))
        assert isinstance(again, newsdoc.Corpus)
        assert len(again) == 2
        assert again[0] == article and again[1].title == "two"
        assert again.dumps() == corpus.dumps()

    def test_article_pickle_across_processes(self, article, tmp_path):
        path = tmp_path / "article.pickle"
        path.write_bytes(pickle.dumps(article))
        result = run_python("""
            import pickle, sys
            article = pickle.load(open(sys.argv[1], "rb"))
            print(type(article).__module__, type(article).__name__)
            sys.stdout.buffer.write(article.to_json().encode("utf-8"))
            """, str(path))
        assert result.returncode == 0, crashed(result)
        header, _, body = result.stdout.partition("\n")
        assert header == "newsdoc._model Article"
        assert body == article.to_json()

    def test_corpus_pickled_in_another_process(self, article, tmp_path):
        source = tmp_path / "in.jsonl"
        source.write_text(article.to_json() + "\n", encoding="utf-8")
        path = tmp_path / "corpus.pickle"
        result = run_python("""
            import pickle, sys, newsdoc
            corpus = newsdoc.load(sys.argv[1])
            with open(sys.argv[2], "wb") as out:
                pickle.dump(corpus, out)
            """, str(source), str(path))
        assert result.returncode == 0, crashed(result)
        corpus = pickle.loads(path.read_bytes())
        assert len(corpus) == 1 and corpus[0] == article


class TestFromJsonAndDict:
    def test_from_json_round_trip(self, article):
        assert newsdoc.Article.from_json(article.to_json()) == article
        assert newsdoc.Article.from_json(article.to_json().encode("utf-8")) == article

    def test_to_dict(self, article):
        d = article.to_dict()
        assert list(d) == ["id", "url", "source", "title", "authors", "published", "language", "tags",
                           "paragraphs", "quotes", "entities", "mentions", "meta"]
        assert d["paragraphs"] == UNICODE_PARAGRAPHS
        assert list(d["quotes"][0]) == ["start", "end", "kind", "speaker", "speaker_span", "cue", "cue_span",
                                        "attribution", "parent"]
        assert list(d["entities"][0]) == ["id", "name", "type", "aliases"]
        assert list(d["mentions"][0]) == ["entity", "start", "end"]
        assert d["quotes"][1] == {"start": d["quotes"][1]["start"], "end": d["quotes"][1]["end"], "kind": "partial",
                                  "speaker": None, "speaker_span": None, "cue": None, "cue_span": None,
                                  "attribution": 1, "parent": None}
        assert newsdoc.Article.from_dict(d) == article

    def test_from_json_rejects_two_articles(self):
        with pytest.raises(newsdoc.SchemaError, match="expected one article, found 2"):
            newsdoc.Article.from_json('[{"title": "a"}, {"title": "b"}]')

    def test_from_json_rejects_malformed(self):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.Article.from_json('{"title": ')

    @pytest.mark.parametrize("fields, pointer", [
        ({"title": 3}, "/title"),
        ({"authors": ["a", 1]}, "/authors/1"),
        ({"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 3}]}, "/quotes/0"),
        ({"paragraphs": ["ab"], "quotes": [{"start": 2, "end": 1}]}, "/quotes/0"),
        ({"paragraphs": ["ab"], "quotes": [{"start": -1, "end": 1}]}, "/quotes/0/start"),
        ({"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1, "kind": "rumour"}]}, "/quotes/0/kind"),
        ({"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1, "speaker": "nobody"}]}, "/quotes/0/speaker"),
        ({"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1, "speaker_span": [0, 9]}]},
         "/quotes/0/speaker_span"),
        ({"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1, "bogus": 1}]}, "/quotes/0/bogus"),
        ({"paragraphs": ["ab"], "mentions": [{"entity": "e", "start": 0, "end": 1}]}, "/mentions/0/entity"),
        ({"entities": [{"id": "e"}, {"id": "e"}]}, "/entities/1/id"),
        ({"entities": [{"id": ""}]}, "/entities/0/id"),
    ])
    def test_invalid_keyword_fields(self, fields, pointer):
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.Article(**fields)
        assert info.value.pointer == pointer
        assert isinstance(info.value, ValueError)
