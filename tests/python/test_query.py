"""The query API: Corpus.quotes, mentions, entities, search, where; Article.quotes_by; the cached index."""

from __future__ import annotations

import datetime
import gc
import re

import pytest

import newsdoc
from conftest import seed_file


def article(id, paragraphs, quotes=(), entities=(), mentions=(), **fields):
    """An article whose quote and mention spans are given as substrings of the body: ("text", occurrence)."""
    body = "\n\n".join(paragraphs)

    def span(needle, occurrence=0):
        at = -1
        for _ in range(occurrence + 1):
            at = body.index(needle, at + 1)
        return at, at + len(needle)

    quote_records = []
    for q in quotes:
        start, end = span(q["text"], q.get("occurrence", 0))
        quote_records.append({"start": start, "end": end, "kind": q.get("kind", "direct"),
                              "speaker": q.get("speaker"), "cue": q.get("cue")})
    mention_records = []
    for entity, needle, *occurrence in mentions:
        start, end = span(needle, *occurrence)
        mention_records.append({"entity": entity, "start": start, "end": end})
    return newsdoc.Article(id=id, paragraphs=paragraphs, quotes=quote_records, entities=list(entities),
                           mentions=mention_records, **fields)


ASSAD = {"id": "e1", "name": "Bashar al-Assad", "type": "PERSON", "aliases": ["Assad"]}
OZEROV = {"id": "e2", "name": "Viktor Ozerov", "type": "PERSON", "aliases": ["Ozerov"]}
SYRIA = {"id": "e3", "name": "Syria", "type": "GPE"}


def sample() -> newsdoc.Corpus:
    a0 = article("a0", ["“We need weapons,” Assad said.", "Assad said Syria wants more. Ozerov spoke of “nothing new”."],
                 quotes=[{"text": "We need weapons,", "speaker": "e1", "cue": "said"},
                         {"text": "Syria wants more", "kind": "indirect", "speaker": "e1", "cue": "said"},
                         {"text": "nothing new", "kind": "partial", "speaker": "e2"}],
                 entities=[ASSAD, OZEROV, SYRIA],
                 mentions=[("e1", "Assad"), ("e1", "Assad", 1), ("e2", "Ozerov"), ("e3", "Syria")],
                 source="Example.com", title="Syria talks", published="2016-09-12T10:00:00Z",
                 authors=["Jane Doe"], tags=["Syria", "Russia"])
    a1 = article("a1", ["“Help is coming,” said Ozerov.", "“No comment,” a spokesman said."],
                 quotes=[{"text": "Help is coming,", "speaker": "x"}, {"text": "No comment,"}],
                 entities=[{"id": "x", "name": "Viktor Ozerov", "type": "PERSON", "aliases": ["OZEROV"]}],
                 mentions=[("x", "Ozerov")],
                 source="other.org", title="More talks", published="2016-10-01", authors=["John Roe", "jane doe"])
    a2 = article("a2", ["The Assad sailed."], entities=[{"id": "s", "name": "Bashar al-Assad", "type": "PRODUCT"}],
                 mentions=[("s", "Assad")], title="A ship named Assad")
    a3 = article("a3", ["«Ça suffit», a dit Zoë MÜLLER à l'Élysée 😀."],
                 quotes=[{"text": "Ça suffit", "speaker": "z", "cue": "a dit"}],
                 entities=[{"id": "z", "name": "Zoë Müller", "type": "PERSON", "aliases": ["MÜLLER"]}],
                 mentions=[("z", "Zoë MÜLLER")], source="EXAMPLE.COM", published="Sep 12, 2016", title="ÉLYSÉE")
    return newsdoc.Corpus([a0, a1, a2, a3])


def texts(items):
    return [item.text for item in items]


@pytest.fixture(scope="module")
def seed() -> newsdoc.Corpus:
    return newsdoc.Corpus([newsdoc.read_text(seed_file(".txt"))])


class TestQuotes:
    def test_by_speaker_name_alias_and_case(self):
        corpus = sample()
        assert texts(corpus.quotes(speaker="assad")) == ["We need weapons,", "Syria wants more"]
        assert texts(corpus.quotes(speaker=" BASHAR AL-ASSAD ")) == ["We need weapons,", "Syria wants more"]
        assert texts(corpus.quotes(speaker="Ozerov")) == ["nothing new", "Help is coming,"]
        assert texts(corpus.quotes(speaker="zoë müller")) == ["Ça suffit"]
        assert texts(corpus.quotes(speaker="Müller")) == ["Ça suffit"]
        assert len(corpus.quotes(speaker="al-Assad")) == 0  # whole names only
        assert len(corpus.quotes(speaker="nobody")) == 0

    def test_speaker_list(self):
        corpus = sample()
        found = corpus.quotes(speaker=["ozerov", "Assad", "Viktor Ozerov"])
        assert texts(found) == ["We need weapons,", "Syria wants more", "nothing new", "Help is coming,"]
        assert len(corpus.quotes(speaker=[])) == 0
        assert len(corpus.quotes(speaker=("assad",))) == 2

    def test_kind(self):
        corpus = sample()
        assert texts(corpus.quotes(kind="direct")) == ["We need weapons,", "Help is coming,", "No comment,", "Ça suffit"]
        assert texts(corpus.quotes(kind=["partial", "indirect"])) == ["Syria wants more", "nothing new"]
        with pytest.raises(ValueError, match="unknown quote kind 'quoted'"):
            corpus.quotes(kind="quoted")

    def test_contains(self):
        corpus = sample()
        assert texts(corpus.quotes(contains="NEED")) == ["We need weapons,"]
        assert texts(corpus.quotes(contains="ça SUFFIT")) == ["Ça suffit"]
        assert len(corpus.quotes(contains="")) == 6
        assert len(corpus.quotes(contains="weapons", speaker="ozerov")) == 0

    def test_combined_and_all(self):
        corpus = sample()
        assert texts(corpus.quotes(speaker="assad", kind="indirect")) == ["Syria wants more"]
        assert texts(corpus.quotes(speaker="assad", kind="direct", contains="weap")) == ["We need weapons,"]
        everything = corpus.quotes()
        assert len(everything) == 6
        assert [(q.article.id, q.index) for q in everything] == [("a0", 0), ("a0", 1), ("a0", 2), ("a1", 0), ("a1", 1),
                                                                 ("a3", 0)]

    def test_bad_arguments(self):
        corpus = sample()
        with pytest.raises(TypeError, match="speaker must be a str or a list of str"):
            corpus.quotes(speaker=3)
        with pytest.raises(TypeError, match="speaker"):
            corpus.quotes(speaker=["assad", None])
        with pytest.raises(TypeError, match="contains"):
            corpus.quotes(contains=["x"])

    def test_views_are_the_articles_quotes(self):
        corpus = sample()
        found = corpus.quotes(speaker="ozerov")
        assert all(type(q) is newsdoc.Quote for q in found)
        first, second = found
        assert first.article.id == "a0" and first.index == 2 and first.kind == "partial"
        assert first.speaker.name == "Viktor Ozerov" and first.article == corpus[0]
        assert (second.article.id, second.index, second.speaker.id) == ("a1", 0, "x")
        assert first.text == corpus[0].quotes[2].text
        assert first.article.text[first.start:first.end] == first.text

    def test_result_sequence(self):
        corpus = sample()
        found = corpus.quotes()
        assert len(found) == 6 and bool(found) and not corpus.quotes(speaker="nobody")
        assert found[-1].text == "Ça suffit" and found[4].text == "No comment,"
        with pytest.raises(IndexError):
            found[6]
        with pytest.raises(IndexError):
            found[-7]
        with pytest.raises(TypeError):
            found["0"]
        part = found[1:4]
        assert isinstance(part, newsdoc.QuoteResult)
        assert texts(part) == ["Syria wants more", "nothing new", "Help is coming,"]
        assert texts(found[::-2]) == ["Ça suffit", "Help is coming,", "Syria wants more"]
        assert found.positions == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (3, 0)]
        assert found.article_indexes == [0, 1, 3]
        # Views of one article taken in a row share its Article (and its decoded text).
        a, b = found[0], found[1]
        assert a.article is b.article

    def test_articles_of_a_result(self):
        corpus = sample()
        articles = corpus.quotes(speaker=["ozerov", "müller"]).articles
        assert isinstance(articles, newsdoc.Corpus)
        assert [a.id for a in articles] == ["a0", "a1", "a3"]
        assert len(corpus.quotes(speaker="nobody").articles) == 0

    def test_repr(self):
        corpus = sample()
        text = repr(corpus.quotes(speaker="assad"))
        assert text.startswith("<QuoteResult: 2 quotes in 1 article\n")
        assert "We need weapons," in text
        assert repr(corpus.quotes(speaker="nobody")) == "<QuoteResult: 0 quotes in 0 articles>"
        assert "We need weapons," in corpus.quotes(speaker="assad")._repr_html_()

    def test_views_keep_the_corpus_alive(self):
        corpus = newsdoc.loads(sample().dumps(), annotate=False)
        found = corpus.quotes(speaker="assad")
        mentions = corpus.mentions(entity="assad")
        hits = corpus.search("assad")
        sub = corpus.where(source="example.com")
        del corpus
        gc.collect()
        assert texts(found) == ["We need weapons,", "Syria wants more"]
        assert found[0].speaker.name == "Bashar al-Assad"
        assert texts(mentions) == ["Assad", "Assad"]
        assert [h.text for h in hits] == ["Assad", "Assad", "Assad", "Assad"]
        assert [a.id for a in sub] == ["a0", "a3"]
        quote = found[1]
        del found
        gc.collect()
        assert quote.text == "Syria wants more"

    def test_seed_assad(self, seed):
        found = seed.quotes(speaker="assad")
        assert [q.kind for q in found] == ["indirect", "direct", "indirect", "direct", "indirect", "direct"]
        assert all(q.speaker.name == "Bashar al-Assad" for q in found)
        direct = seed.quotes(speaker="Bashar al-Assad", kind="direct")
        assert len(direct) == 3
        assert direct[0].text.startswith("Yes, this always happens before war")
        assert {q.speaker.name for q in seed.quotes(speaker=["ozerov", "konashenkov"])} == {"Viktor Ozerov",
                                                                                             "Igor Konashenkov"}
        # Every quote of the seed is one of theirs; quoted fragments inside reported speech are rows only
        # with fragments=True.
        speakers = ("ozerov", "assad", "konashenkov")
        assert sum(len(seed.quotes(speaker=name, fragments=True)) for name in speakers) == len(seed[0].quotes)
        assert sum(len(seed.quotes(speaker=name)) for name in speakers) == sum(
            q.parent is None for q in seed[0].quotes)
        assert texts(seed.quotes(contains="NOTHING EXTRAORDINARY", fragments=True)) == [
            "there is “nothing extraordinary” about these shipments", "nothing extraordinary"]
        assert texts(seed.quotes(contains="NOTHING EXTRAORDINARY")) == [
            "there is “nothing extraordinary” about these shipments"]

    def test_to_pandas(self):
        pytest.importorskip("pandas")
        corpus = sample()
        frame = corpus.quotes(speaker=["ozerov", "müller"]).to_pandas()
        assert frame["article_index"].tolist() == [0, 1, 3]
        assert frame["quote_index"].tolist() == [2, 0, 0]
        assert frame["text"].tolist() == ["nothing new", "Help is coming,", "Ça suffit"]
        assert frame["speaker"].tolist() == ["Viktor Ozerov", "Viktor Ozerov", "Zoë Müller"]
        whole = corpus.to_pandas("quotes")
        assert list(frame.columns) == list(whole.columns)
        assert list(frame.dtypes) == list(whole.dtypes)
        assert len(corpus.quotes(speaker="nobody").to_pandas()) == 0


class TestIndex:
    def test_built_once_and_cached(self):
        corpus = sample()
        assert corpus._index is None
        corpus.quotes(speaker="assad")
        index = corpus._index
        assert index is not None and index.quote_count == 6 and index.mention_count == 7
        corpus.mentions(type="PERSON")
        corpus.entities()
        corpus.where(tag="syria")
        assert corpus._index is index

    def test_each_corpus_has_its_own(self):
        corpus = sample()
        corpus.quotes()
        part = corpus[1:]
        assert part._index is None
        assert [q.article.id for q in part.quotes(speaker="ozerov")] == ["a1"]
        assert part._index is not corpus._index
        assert newsdoc.Corpus()._index is None and len(newsdoc.Corpus().quotes()) == 0

    def test_pickled_corpus_has_no_index(self):
        import pickle

        corpus = sample()
        corpus.quotes()
        copy = pickle.loads(pickle.dumps(corpus))
        assert copy._index is None
        assert texts(copy.quotes(speaker="assad")) == ["We need weapons,", "Syria wants more"]


class TestMentions:
    def test_by_entity_and_type(self):
        corpus = sample()
        assert [(m.article.id, m.text) for m in corpus.mentions(entity="ASSAD")] == [("a0", "Assad"), ("a0", "Assad")]
        assert [m.article.id for m in corpus.mentions(entity="bashar al-assad")] == ["a0", "a0", "a2"]
        assert [m.article.id for m in corpus.mentions(entity="bashar al-assad", type="person")] == ["a0", "a0"]
        assert texts(corpus.mentions(type="PERSON")) == ["Assad", "Assad", "Ozerov", "Ozerov", "Zoë MÜLLER"]
        assert texts(corpus.mentions(type=["gpe", "PRODUCT"])) == ["Syria", "Assad"]
        assert len(corpus.mentions()) == 7
        assert len(corpus.mentions(type="NOPE")) == 0

    def test_views(self):
        corpus = sample()
        found = corpus.mentions(entity="müller")
        assert isinstance(found, newsdoc.MentionResult)
        (mention,) = found
        assert type(mention) is newsdoc.Mention
        assert mention.entity.name == "Zoë Müller" and mention.article.id == "a3"
        assert found.positions == [(3, 0)]
        assert "Zoë MÜLLER" in repr(found)

    def test_seed(self, seed):
        assert texts(seed.mentions(entity="ozerov")) == ["Viktor Ozerov", "Ozerov", "Ozerov"]
        assert len(seed.mentions(type="PERSON")) == 10
        assert len(seed.mentions(entity="Syria")) == 12

    def test_to_pandas(self):
        pytest.importorskip("pandas")
        frame = sample().mentions(type="PERSON").to_pandas()
        assert frame["article_index"].tolist() == [0, 0, 0, 1, 3]
        assert frame["text"].tolist() == ["Assad", "Assad", "Ozerov", "Ozerov", "Zoë MÜLLER"]


class TestEntities:
    def test_counts(self):
        table = sample().entities()
        assert isinstance(table, newsdoc.EntityTable)
        assert all(isinstance(e, newsdoc.EntityCount) for e in table)
        rows = {(e.name, e.type): e for e in table}
        assert set(rows) == {("Bashar al-Assad", "PERSON"), ("Viktor Ozerov", "PERSON"), ("Syria", "GPE"),
                             ("Bashar al-Assad", "PRODUCT"), ("Zoë Müller", "PERSON")}
        ozerov = rows["Viktor Ozerov", "PERSON"]
        assert (ozerov.articles, ozerov.mentions, ozerov.quotes) == (2, 2, 2)
        assert ozerov.aliases == ("Ozerov",)  # "OZEROV" in a1 folds to the same alias
        assad = rows["Bashar al-Assad", "PERSON"]
        assert (assad.articles, assad.mentions, assad.quotes, assad.aliases) == (1, 2, 2, ("Assad",))
        assert rows["Bashar al-Assad", "PRODUCT"][3:] == (1, 1, 0)
        # Most widespread first.
        assert table[0].name == "Viktor Ozerov"

    def test_type_and_sorting(self):
        corpus = sample()
        people = corpus.entities(type="person")
        assert [e.name for e in people] == ["Viktor Ozerov", "Bashar al-Assad", "Zoë Müller"]
        assert [e.name for e in corpus.entities(type=["GPE", "product"])] == ["Syria", "Bashar al-Assad"]
        by_quotes = corpus.entities().sort_by("quotes")
        assert [e.quotes for e in by_quotes] == [2, 2, 1, 0, 0]
        assert [e.name for e in corpus.entities().sort_by("name", descending=False)][0] == "Bashar al-Assad"
        assert isinstance(by_quotes[:2], newsdoc.EntityTable)
        with pytest.raises(ValueError, match="cannot sort by"):
            by_quotes.sort_by("size")
        assert "Viktor Ozerov" in repr(people)

    def test_seed(self, seed):
        people = seed.entities(type="PERSON").sort_by("quotes")
        # quotes counts statements (attributions), not their parts: Ozerov's 11 quotes are 4 statements.
        assert [(e.name, e.quotes) for e in people] == [("Bashar al-Assad", 6), ("Igor Konashenkov", 4),
                                                         ("Viktor Ozerov", 4)]
        syria = next(e for e in seed.entities() if e.name == "Syria")
        assert (syria.type, syria.articles, syria.mentions) == ("GPE", 1, 12)

    def test_to_pandas(self):
        pytest.importorskip("pandas")
        frame = sample().entities().to_pandas()
        assert list(frame.columns) == ["name", "type", "aliases", "articles", "mentions", "quotes"]
        assert frame.loc[0, "name"] == "Viktor Ozerov" and frame.loc[0, "aliases"] == ["Ozerov"]
        assert frame["quotes"].sum() == 5


class TestSearch:
    def test_literal_in_titles_and_bodies(self):
        corpus = sample()
        hits = corpus.search("assad")
        assert [(h.article_index, h.field, h.start, h.end) for h in hits] == [
            (0, "body", 19, 24), (0, "body", 32, 37), (2, "title", 13, 18), (2, "body", 4, 9)]
        assert all(h.text == "Assad" for h in hits)
        assert hits[2].article.title[13:18] == "Assad"
        assert [a.id for a in hits.articles] == ["a0", "a2"]

    def test_case_and_fields(self):
        corpus = sample()
        assert len(corpus.search("ASSAD", case=True)) == 0
        assert len(corpus.search("Assad", case=True)) == 4
        assert [h.article.id for h in corpus.search("talks", fields="title")] == ["a0", "a1"]
        assert len(corpus.search("talks", fields=["body"])) == 0
        with pytest.raises(ValueError, match="empty"):
            corpus.search("")
        with pytest.raises(ValueError, match="unknown search field"):
            corpus.search("x", fields="text")

    def test_code_point_spans_with_unicode(self):
        corpus = sample()
        (hit,) = corpus.search("müller")
        assert (hit.article_index, hit.field, hit.start, hit.end) == (3, "body", 23, 29)
        assert hit.text == "MÜLLER" == hit.article.text[hit.start:hit.end]
        title, body = corpus.search("élysée")
        assert (title.field, title.start, title.end, title.text) == ("title", 0, 6, "ÉLYSÉE")
        assert body.text == "Élysée"
        (emoji,) = corpus.search("😀")
        assert emoji.article.text[emoji.start:emoji.end] == "😀"
        turkish = newsdoc.Corpus([newsdoc.Article(paragraphs=["İİ İstanbul and istanbul"])])
        assert [(h.start, h.end, h.text) for h in turkish.search("ISTANBUL")] == [(3, 11, "İstanbul"),
                                                                                  (16, 24, "istanbul")]

    def test_result_sequence(self):
        corpus = sample()
        hits = corpus.search("assad")
        assert isinstance(hits, newsdoc.SearchResult) and len(hits) == 4
        assert [h.field for h in hits[1:3]] == ["body", "title"]
        assert hits[-1].article_index == 2 and hits[-1].article.id == "a2"
        with pytest.raises(IndexError):
            hits[4]
        with pytest.raises(TypeError):
            hits["0"]
        assert not corpus.search("not there at all")
        assert hits[0] == corpus.search("ASSAD")[0] and hits[0] != hits[1]
        assert repr(hits).startswith("<SearchResult: 4 hits")

    def test_snippet(self):
        corpus = sample()
        hit = corpus.search("wants")[0]
        assert hit.snippet == "…weapons,” Assad said. Assad said Syria wants more. Ozerov spoke of “nothing new”."
        assert hit.context(6) == "…Syria wants more.…"
        assert corpus.search("ship")[0].context(2) == "A ship n…"
        assert "wants" in repr(hit)

    def test_regex(self):
        corpus = sample()
        hits = corpus.search(r"\bass\w+", regex=True)
        assert [(h.article_index, h.field, h.text) for h in hits] == [
            (0, "body", "Assad"), (0, "body", "Assad"), (2, "title", "Assad"), (2, "body", "Assad")]
        assert len(corpus.search(r"\bass\w+", regex=True, case=True)) == 0
        assert [h.text for h in corpus.search(re.compile("Z.ë"), regex=True)] == ["Zoë"]
        assert len(corpus.search(r"x*", regex=True)) == 0  # empty matches skipped
        assert [h.text for h in corpus.search(r"\w+ talks", regex=True, fields="title")] == ["Syria talks",
                                                                                            "More talks"]
        with pytest.raises(re.error):
            corpus.search("(", regex=True)

    def test_literal_agrees_with_regex(self):
        corpus = sample()
        for pattern in ["assad", "said", "s", "“", "mÜller", "ça"]:
            literal = [(h.article_index, h.field, h.start, h.end) for h in corpus.search(pattern)]
            regex = [(h.article_index, h.field, h.start, h.end) for h in corpus.search(re.escape(pattern), regex=True)]
            assert literal == regex, pattern

    def test_seed(self, seed):
        hits = seed.search("anti-air defense")
        assert len(hits) == 10 and hits[0].start == 81
        assert all(h.text.lower() == "anti-air defense" for h in hits)

    def test_to_pandas(self):
        pytest.importorskip("pandas")
        frame = sample().search("assad").to_pandas()
        assert frame["field"].tolist() == ["body", "body", "title", "body"]
        assert frame["article_id"].tolist() == ["a0", "a0", "a2", "a2"]


class TestWhere:
    def test_source_author_tag(self):
        corpus = sample()
        assert [a.id for a in corpus.where(source="example.com")] == ["a0", "a3"]
        assert [a.id for a in corpus.where(source=["other.org", "EXAMPLE.com"])] == ["a0", "a1", "a3"]
        assert [a.id for a in corpus.where(author="JANE DOE")] == ["a0", "a1"]
        assert [a.id for a in corpus.where(tag="russia")] == ["a0"]
        assert [a.id for a in corpus.where(author="jane doe", source="other.org")] == ["a1"]
        assert len(corpus.where(tag=[])) == 0

    def test_has_quote_by(self):
        corpus = sample()
        assert [a.id for a in corpus.where(has_quote_by="ozerov")] == ["a0", "a1"]
        assert [a.id for a in corpus.where(has_quote_by=["assad", "müller"])] == ["a0", "a3"]
        assert len(corpus.where(has_quote_by="nobody")) == 0

    def test_dates(self):
        corpus = sample()
        ids = lambda c: [a.id for a in c]  # noqa: E731
        # Instants, whatever the form: a3's "Sep 12, 2016" is midnight UTC that day; a2 has no date.
        assert ids(corpus.where(published_from="2016-09-12")) == ["a0", "a1", "a3"]
        assert ids(corpus.where(published_from="2016-09-12", published_to="2016-09")) == ["a0", "a3"]
        assert ids(corpus.where(published_to="2016-09-12")) == ["a0", "a3"]
        assert ids(corpus.where(published_from="2016-09-13", published_to="2016-09")) == []
        assert ids(corpus.where(published_from=datetime.date(2016, 9, 13))) == ["a1"]
        assert ids(corpus.where(published_to=datetime.datetime(2016, 9, 12, 9, 0))) == ["a3"]
        assert ids(corpus.where(published_to=datetime.datetime(2016, 9, 12, 10, 0,
                                                                tzinfo=datetime.timezone.utc))) == ["a0", "a3"]
        # An aware bound is its instant: 11:00 at +02:00 is 09:00 UTC, before a0's 10:00.
        tz = datetime.timezone(datetime.timedelta(hours=2))
        assert ids(corpus.where(published_from=datetime.datetime(2016, 9, 12, 11, 0, tzinfo=tz))) == ["a0", "a1"]
        assert ids(corpus.where(published_from="2016")) == ["a0", "a1", "a3"]
        with pytest.raises(ValueError, match="not a date"):
            corpus.where(published_from="someday")
        with pytest.raises(TypeError, match="published_from"):
            corpus.where(published_from=2016)

    def test_sub_corpus_shares_storage(self):
        corpus = sample()
        sub = corpus.where(source="example.com")
        assert isinstance(sub, newsdoc.Corpus) and sub._index is None
        assert sub[0] == corpus[0] and sub[1] == corpus[3]
        assert texts(sub.quotes(speaker="assad")) == ["We need weapons,", "Syria wants more"]
        assert [q.article.id for q in sub.quotes()] == ["a0", "a0", "a0", "a3"]
        assert len(corpus.where()) == 4
        assert [a.id for a in sub.where(has_quote_by="müller")] == ["a3"]

    def test_keyword_only(self):
        with pytest.raises(TypeError):
            sample().where("example.com")


class TestArticle:
    def test_quotes_by(self):
        a0 = sample()[0]
        assert texts(a0.quotes_by("assad")) == ["We need weapons,", "Syria wants more"]
        assert texts(a0.quotes_by(["OZEROV", "nobody"])) == ["nothing new"]
        assert a0.quotes_by("nobody") == ()
        assert all(type(q) is newsdoc.Quote and q.article is a0 for q in a0.quotes_by("assad"))

    def test_seed(self, seed):
        assert [q.kind for q in seed[0].quotes_by("assad")] == ["indirect", "direct", "indirect", "direct",
                                                                "indirect", "direct"]


def test_fold_case():
    assert newsdoc.fold_case("Zoë MÜLLER, ΣΩΚΡΑΤΗΣ") == "zoë müller, σωκρατησ"
    assert newsdoc.fold_case("ŁÓDŹ МОСКВА İ ẞ") == "łódź москва i ß"
    assert newsdoc.fold_case("中文 😀 ß") == "中文 😀 ß"
    for text in ["İstanbul", "ΆΈΉ", "ǅ ſ µ K"]:
        assert len(newsdoc.fold_case(text)) == len(text)


# --- Corpus-level entities ------------------------------------------------------------------------


def person(name, *aliases, type="PERSON"):
    return {"id": "e1", "name": name, "type": type, "aliases": list(aliases)}


def trumps_and_bushes(donald_extra: int = 9) -> newsdoc.Corpus:
    """Donald Trump (a0; a2 as "donald  trump"), an article that only says Trump (a1), Ivanka called "Trump" in hers
    (a3); George and Jeb Bush, each "Bush" in his article, and an article that only says Bush (a4-a6); the UN (a7-a8);
    the (US) Justice Department (a9-a10)."""
    said = {"text": "We win,", "speaker": "e1"}
    a0 = article("a0", ["Donald Trump spoke." + " Trump nodded." * donald_extra + " “We win,” Trump said."],
                 quotes=[said], entities=[person("Donald Trump", "Trump")],
                 mentions=[("e1", "Donald Trump")] + [("e1", "Trump", k) for k in range(1, donald_extra + 2)])
    return newsdoc.Corpus([
        a0,
        article("a1", ["“Great,” Trump said."], quotes=[{"text": "Great,", "speaker": "e1"}],
                entities=[person("Trump")], mentions=[("e1", "Trump")]),
        article("a2", ["“Yes,” said donald  trump."], quotes=[{"text": "Yes,", "speaker": "e1"}],
                entities=[person("donald  trump")], mentions=[("e1", "donald  trump")]),
        article("a3", ["Ivanka Trump arrived. “Hello,” Trump said."], quotes=[{"text": "Hello,", "speaker": "e1"}],
                entities=[person("Ivanka Trump", "Trump")], mentions=[("e1", "Ivanka Trump"), ("e1", "Trump", 1)]),
        article("a4", ["George Bush spoke. “Read my lips,” Bush said."],
                quotes=[{"text": "Read my lips,", "speaker": "e1"}], entities=[person("George Bush", "Bush")],
                mentions=[("e1", "George Bush"), ("e1", "Bush", 1)]),
        article("a5", ["Jeb Bush spoke. “Please clap,” Bush said."], quotes=[{"text": "Please clap,", "speaker": "e1"}],
                entities=[person("Jeb Bush", "Bush")], mentions=[("e1", "Jeb Bush"), ("e1", "Bush", 1)]),
        article("a6", ["“Mission accomplished,” Bush said."], quotes=[{"text": "Mission accomplished,", "speaker": "e1"}],
                entities=[person("Bush")], mentions=[("e1", "Bush")]),
        article("a7", ["The United Nations met. “Peace,” the UN said."], quotes=[{"text": "Peace,", "speaker": "e1"}],
                entities=[person("United Nations", "UN", type="ORG")],
                mentions=[("e1", "United Nations"), ("e1", "UN")]),
        article("a8", ["“War,” the UN said."], quotes=[{"text": "War,", "speaker": "e1"}],
                entities=[person("UN", type="ORG")], mentions=[("e1", "UN")]),
        article("a9", ["“No,” the US Justice Department said."], quotes=[{"text": "No,", "speaker": "e1"}],
                entities=[person("US Justice Department", type="ORG")], mentions=[("e1", "US Justice Department")]),
        article("a10", ["“Maybe,” the Justice Department said."], quotes=[{"text": "Maybe,", "speaker": "e1"}],
                entities=[person("Justice Department", type="ORG")], mentions=[("e1", "Justice Department")]),
    ])


def speakers_of(found):
    return [q.article.id for q in found]


class TestCorpusEntities:
    def test_groupings(self):
        table = trumps_and_bushes().entities()
        assert sorted((e.name, e.type, e.aliases, e.articles, e.mentions, e.quotes) for e in table) == sorted([
            ("Donald Trump", "PERSON", ("Trump",), 3, 13, 3),  # "Trump" (a1) and "donald  trump" (a2) are his
            ("Ivanka Trump", "PERSON", ("Trump",), 1, 2, 1),
            ("George Bush", "PERSON", ("Bush",), 1, 2, 1),
            ("Jeb Bush", "PERSON", ("Bush",), 1, 2, 1),
            ("Bush", "PERSON", (), 1, 1, 1),  # ambiguous between George and Jeb: its own entity
            ("United Nations", "ORG", ("UN",), 2, 3, 2),
            ("US Justice Department", "ORG", ("Justice Department",), 2, 2, 2),
        ])

    def test_speaker_queries(self):
        corpus = trumps_and_bushes()
        # Donald Trump has 13 mentions to Ivanka's 2, five times as many at least: "Trump" is his, even in a3.
        assert speakers_of(corpus.quotes(speaker="trump")) == ["a0", "a1", "a2"]
        assert speakers_of(corpus.quotes(speaker="Donald Trump")) == ["a0", "a1", "a2"]
        assert speakers_of(corpus.attributions(speaker="DONALD  TRUMP")) == ["a0", "a1", "a2"]
        assert speakers_of(corpus.quotes(speaker="Ivanka Trump")) == ["a3"]
        assert speakers_of(corpus.quotes(speaker="Bush")) == ["a4", "a5", "a6"]  # each article's own Bush
        assert speakers_of(corpus.quotes(speaker="Jeb Bush")) == ["a5"]
        assert speakers_of(corpus.quotes(speaker="un")) == ["a7", "a8"]
        assert speakers_of(corpus.quotes(speaker="Justice Department")) == ["a9", "a10"]
        assert [a.id for a in corpus.where(has_quote_by="trump")] == ["a0", "a1", "a2"]
        assert len(corpus.mentions(entity="Trump")) == 13

    def test_an_ambiguous_surname_resolves_per_article(self):
        corpus = trumps_and_bushes(donald_extra=0)  # 3 mentions to Ivanka's 2: no one dominates "Trump"
        assert speakers_of(corpus.quotes(speaker="trump")) == ["a0", "a1", "a3"]
        assert speakers_of(corpus.quotes(speaker="Donald Trump")) == ["a0", "a2"]
        assert {e.name for e in corpus.entities(type="PERSON")} >= {"Donald Trump", "Trump", "Ivanka Trump"}

    def test_frames_have_the_corpus_entity(self):
        pytest.importorskip("pandas")
        corpus = trumps_and_bushes()
        quotes = corpus.to_pandas("quotes")
        assert quotes["speaker"].tolist()[:4] == ["Donald Trump", "Trump", "donald  trump", "Ivanka Trump"]
        assert quotes["corpus_entity"].tolist()[:4] == ["Donald Trump", "Donald Trump", "Donald Trump", "Ivanka Trump"]
        assert corpus.to_pandas("attributions")["corpus_entity"].tolist() == quotes["corpus_entity"].tolist()
        entities = corpus.to_pandas("entities")
        assert entities.loc[entities.name == "UN", "corpus_entity"].tolist() == ["United Nations"]
        mentions = corpus.to_pandas("mentions")
        assert set(mentions.loc[mentions.article_id == "a10", "corpus_entity"]) == {"US Justice Department"}
        # A query's rows carry the corpus entity of the queried corpus, not of the articles alone.
        found = corpus.quotes(speaker="trump").to_pandas()
        assert found["corpus_entity"].tolist() == ["Donald Trump"] * 3
        assert found["text"].tolist() == quotes["text"].tolist()[:3]
        assert corpus[1:2].to_pandas("quotes")["corpus_entity"].tolist() == ["Trump"]  # alone, nothing to link to
