"""DataFrames: Corpus.to_pandas / Article.to_pandas, empty_frame, Corpus.from_pandas; pandas is optional."""

from __future__ import annotations

import json

import pytest

import newsdoc
from conftest import crashed, run_python, seed_file

KINDS = ["direct", "partial", "indirect"]
P0 = "Zoë Müller arrived."
P1 = "“Wir schaffen das 👍”, sagte Müller."
TEXT = P0 + "\n\n" + P1


@pytest.fixture
def pd():
    return pytest.importorskip("pandas", reason="pandas is not installed (Debian: python3-pandas)")


def worked_example(**overrides) -> newsdoc.Article:
    """The worked example of docs/schema.md, plus a partial quote without speaker or cue and a silent entity."""
    fields = dict(
        id="ex-1", url="https://taz.de/1", source="taz", title="Müller", authors=["A. Smith", "B. Jones"],
        published="2017-03-01", language="de", tags=["Politik"], paragraphs=[P0, P1],
        quotes=[{"start": 22, "end": 40, "kind": "direct", "speaker": "e1", "speaker_span": [49, 55], "cue": "sagte"},
                {"start": 26, "end": 34, "kind": "partial"}],
        entities=[{"id": "e1", "name": "Zoë Müller", "type": "PERSON", "aliases": ["Müller"]},
                  {"id": "e2", "name": "Berlin", "type": "GPE"}],
        mentions=[{"entity": "e1", "start": 0, "end": 10}, {"entity": "e1", "start": 49, "end": 55}],
        meta={"section": "Politik"})
    fields.update(overrides)
    return newsdoc.Article(**fields)


def other_article(id: str = "ex-2", source: str = "Agence") -> newsdoc.Article:
    return newsdoc.Article(id=id, source=source, paragraphs=["“No,” Ann Lee said."],
                           quotes=[{"start": 1, "end": 4, "kind": "direct", "speaker": "p1", "cue": "said"}],
                           entities=[{"id": "p1", "name": "Ann Lee", "type": "PERSON"}],
                           mentions=[{"entity": "p1", "start": 6, "end": 13}])


def assert_same_dtypes(frame, table: str) -> None:
    """`frame` has the columns and dtypes of empty_frame(table); categories may differ where they follow the data."""
    empty = newsdoc.empty_frame(table)
    assert list(frame.columns) == list(empty.columns)
    for column in empty.columns:
        expected, actual = empty[column].dtype, frame[column].dtype
        if column == "kind":
            assert actual == expected, column  # fixed categories
        elif str(expected) == "category":
            assert str(actual) == "category", column
            assert list(actual.categories) == sorted(actual.categories), column
        else:
            assert actual == expected, column


# --- pandas is optional ------------------------------------------------------------------------


def test_import_and_use_without_pandas():
    result = run_python("""
        import sys
        sys.modules["pandas"] = None  # any import of pandas now fails
        import newsdoc
        article = newsdoc.Article(title="Hi", paragraphs=["One."])
        assert newsdoc.loads(article.to_json())[0].title == "Hi"
        for call in (lambda: newsdoc.Corpus([article]).to_pandas("quotes"), lambda: article.to_pandas("articles"),
                     lambda: newsdoc.empty_frame("quotes"), lambda: newsdoc.Corpus.from_pandas(None)):
            try:
                call()
            except ImportError as error:
                print(error)
            else:
                raise SystemExit("no ImportError")
        """)
    assert result.returncode == 0, crashed(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line in lines:
        assert "python3-pandas" in line and "pip install pandas" in line


def test_newsdoc_does_not_import_pandas():
    result = run_python("""
        import sys
        import newsdoc
        newsdoc.load("seeds/000_0eafb7a6a491ae43.json")
        print("pandas" in sys.modules)
        """)
    assert result.returncode == 0, crashed(result)
    assert result.stdout.strip() == "False"


# --- to_pandas on hand-built articles -------------------------------------------------------------


def test_quotes_frame(pd):
    frame = newsdoc.Corpus([worked_example()]).to_pandas("quotes")
    expected = pd.DataFrame({
        "article_index": [0, 0],
        "article_id": ["ex-1", "ex-1"],
        "quote_index": [0, 1],
        "attribution": [0, 1],
        "parent": pd.array([None, None], dtype="Int64"),
        "text": ["Wir schaffen das 👍", "schaffen"],
        "start": [22, 26],
        "end": [40, 34],
        "kind": pd.Categorical(["direct", "partial"], categories=KINDS),
        "speaker": ["Zoë Müller", None],
        "speaker_id": ["e1", None],
        "speaker_type": pd.Categorical(["PERSON", None], categories=["PERSON"]),
        "corpus_entity": ["Zoë Müller", None],
        "speaker_start": pd.array([49, None], dtype="Int64"),
        "speaker_end": pd.array([55, None], dtype="Int64"),
        "cue": ["sagte", None],
        "cue_start": pd.array([None, None], dtype="Int64"),
        "cue_end": pd.array([None, None], dtype="Int64"),
        "paragraph": [1, 1],
        "last_paragraph": [1, 1],
        "source": pd.Categorical(["taz", "taz"], categories=["taz"]),
        "published": ["2017-03-01", "2017-03-01"],
    })
    pd.testing.assert_frame_equal(frame, expected)
    assert_same_dtypes(frame, "quotes")
    # Code point offsets: the text is the article's text between them.
    assert all(TEXT[row.start:row.end] == row.text for row in frame.itertuples())


def test_entities_frame(pd):
    frame = newsdoc.Corpus([worked_example()]).to_pandas("entities")
    expected = pd.DataFrame({
        "article_index": [0, 0],
        "article_id": ["ex-1", "ex-1"],
        "entity_index": [0, 1],
        "entity_id": ["e1", "e2"],
        "name": ["Zoë Müller", "Berlin"],
        "type": pd.Categorical(["PERSON", "GPE"], categories=["GPE", "PERSON"]),
        "corpus_entity": ["Zoë Müller", "Berlin"],
        "aliases": [["Müller"], []],
        "mentions": [2, 0],
        "quotes": [1, 0],
    })
    pd.testing.assert_frame_equal(frame, expected)


def test_mentions_frame(pd):
    frame = newsdoc.Corpus([worked_example()]).to_pandas("mentions")
    expected = pd.DataFrame({
        "article_index": [0, 0],
        "article_id": ["ex-1", "ex-1"],
        "mention_index": [0, 1],
        "entity_index": [0, 0],
        "entity_id": ["e1", "e1"],
        "name": ["Zoë Müller", "Zoë Müller"],
        "type": pd.Categorical(["PERSON", "PERSON"], categories=["PERSON"]),
        "corpus_entity": ["Zoë Müller", "Zoë Müller"],
        "text": ["Zoë Müller", "Müller"],
        "start": [0, 49],
        "end": [10, 55],
    })
    pd.testing.assert_frame_equal(frame, expected)


def test_paragraphs_frame(pd):
    frame = newsdoc.Corpus([worked_example()]).to_pandas("paragraphs")
    expected = pd.DataFrame({
        "article_index": [0, 0],
        "article_id": ["ex-1", "ex-1"],
        "paragraph_index": [0, 1],
        "text": [P0, P1],
        "start": [0, 21],
        "end": [19, 56],
    })
    pd.testing.assert_frame_equal(frame, expected)


def test_articles_frame(pd):
    frame = newsdoc.Corpus([worked_example(), other_article()]).to_pandas("articles")
    expected = pd.DataFrame({
        "article_index": [0, 1],
        "article_id": ["ex-1", "ex-2"],
        "url": ["https://taz.de/1", ""],
        "source": pd.Categorical(["taz", "Agence"], categories=["Agence", "taz"]),
        "title": ["Müller", ""],
        "authors": [["A. Smith", "B. Jones"], []],
        "published": ["2017-03-01", None],
        "published_at": pd.to_datetime(["2017-03-01", None], utc=True),
        "language": pd.Categorical(["de", ""], categories=["", "de"]),
        "tags": [["Politik"], []],
        "paragraph_count": [2, 1],
        "quote_count": [2, 1],
        "entity_count": [2, 1],
        "mention_count": [2, 1],
        "meta": ['{"section":"Politik"}', "{}"],
        "text": [TEXT, "“No,” Ann Lee said."],
    })
    pd.testing.assert_frame_equal(frame, expected)


def test_article_to_pandas_is_the_table_of_a_corpus_of_one(pd):
    article = worked_example()
    for table in newsdoc.TABLES:
        pd.testing.assert_frame_equal(article.to_pandas(table), newsdoc.Corpus([article]).to_pandas(table))


def test_repeated_values_are_one_python_object(pd):
    article = worked_example(quotes=[{"start": 22, "end": 40, "speaker": "e1", "cue": "sagte"},
                                     {"start": 26, "end": 34, "speaker": "e1", "cue": "sagte"}])
    frame = article.to_pandas("quotes")
    for column in ("article_id", "speaker", "speaker_id", "cue", "published"):
        assert frame[column][0] == frame[column][1]
        assert frame[column][0] is frame[column][1], column


def test_article_index_tells_repeated_and_empty_ids_apart(pd):
    corpus = newsdoc.Corpus([other_article("same"), other_article("same"), other_article(""), other_article("")])
    quotes = corpus.to_pandas("quotes")
    assert quotes["article_index"].tolist() == [0, 1, 2, 3]
    assert quotes["article_id"].tolist() == ["same", "same", "", ""]
    assert quotes.set_index(["article_index", "quote_index"]).index.is_unique


def test_slices_and_reversed_corpora_number_articles_by_position(pd):
    corpus = newsdoc.Corpus([other_article("a"), worked_example(), other_article("c")])
    frame = corpus[::-1].to_pandas("quotes")
    assert frame["article_id"].tolist() == ["c", "ex-1", "ex-1", "a"]
    assert frame["article_index"].tolist() == [0, 1, 1, 2]


def test_unknown_table(pd):
    with pytest.raises(ValueError, match="unknown table 'quote'; expected one of articles, paragraphs, quotes"):
        worked_example().to_pandas("quote")
    with pytest.raises(ValueError, match="unknown table"):
        newsdoc.empty_frame("Quotes")


# --- joins ---------------------------------------------------------------------------------------


def test_tables_join_on_their_keys(pd):
    corpus = newsdoc.Corpus([worked_example(), other_article("ex-1", "taz"), newsdoc.Article(title="empty")])
    quotes, entities = corpus.to_pandas("quotes"), corpus.to_pandas("entities")
    mentions, paragraphs, articles = corpus.to_pandas("mentions"), corpus.to_pandas("paragraphs"), \
        corpus.to_pandas("articles")

    spoken = quotes.dropna(subset=["speaker_id"]).merge(
        entities, left_on=["article_index", "speaker_id"], right_on=["article_index", "entity_id"],
        validate="many_to_one")
    assert spoken["speaker"].tolist() == spoken["name"].tolist() == ["Zoë Müller", "Ann Lee"]

    named = mentions.merge(entities, on=["article_index", "entity_index"], validate="many_to_one",
                           suffixes=("", "_entity"))
    assert (named["name"] == named["name_entity"]).all() and len(named) == len(mentions) == 3
    assert named.groupby(["article_index", "entity_index"]).size().tolist() == [2, 1]

    placed = quotes.merge(paragraphs, left_on=["article_index", "paragraph"],
                          right_on=["article_index", "paragraph_index"], suffixes=("", "_paragraph"))
    assert ((placed["start"] >= placed["start_paragraph"]) & (placed["end"] <= placed["end_paragraph"])).all()

    per_article = articles.merge(quotes.groupby("article_index").size().rename("rows"), on="article_index",
                                 how="left").fillna({"rows": 0})
    assert per_article["rows"].tolist() == per_article["quote_count"].tolist() == [2, 1, 0]


# --- the annotated seed --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> newsdoc.Article:
    return newsdoc.read_text(seed_file(".txt"))


def test_seed_first_direct_assad_quote(pd, seed):
    quotes = seed.to_pandas("quotes")
    row = quotes[(quotes["speaker"] == "Bashar al-Assad") & (quotes["kind"] == "direct")].iloc[0]
    # The gold answer (shared/gold/seed_article.json): paragraph 1, after its opening quotation mark.
    paragraph = seed.paragraphs[1]
    assert row["text"] == ("Yes, this always happens before war and during it. Of course, we need more weapons after "
                           "the war and on account of expending them, this is a part of everyday relations between "
                           "the Defense Ministries of Russia and Syria,")
    assert (row["start"], row["end"]) == (paragraph.start + 1, paragraph.start + 220)
    assert (row["paragraph"], row["last_paragraph"], row["cue"]) == (1, 1, "said")
    assert (row["article_id"], row["source"], row["published"]) == ("000_0eafb7a6a491ae43", "", None)
    assert row["speaker_type"] == "PERSON"
    entity = next(e for e in seed.entities if e.name == "Bashar al-Assad")
    assert row["speaker_id"] == entity.id
    assert seed.text[row["speaker_start"]:row["speaker_end"]] == seed.quotes[row["quote_index"]].speaker_text


def test_seed_tables_agree_with_the_views(pd, seed):
    quotes = seed.to_pandas("quotes")
    assert len(quotes) == len(seed.quotes) > 0
    for row, quote in zip(quotes.itertuples(), seed.quotes):
        speaker = quote.speaker
        span = quote.speaker_span
        assert (row.quote_index, row.text, row.start, row.end, row.kind) == \
            (quote.index, quote.text, quote.start, quote.end, quote.kind)
        assert (row.speaker, row.speaker_id) == ((speaker.name, speaker.id) if speaker else (None, None))
        assert (None if pd.isna(row.speaker_type) else row.speaker_type) == (speaker.type if speaker else None)
        assert (None if pd.isna(row.speaker_start) else (row.speaker_start, row.speaker_end)) == span
        assert (row.cue or "", (row.paragraph, row.last_paragraph)) == (quote.cue, quote.paragraphs)
        assert (None if pd.isna(row.cue_start) else (row.cue_start, row.cue_end)) == quote.cue_span
        assert (row.attribution, None if pd.isna(row.parent) else row.parent) == \
            (quote.attribution.index, quote.parent.index if quote.parent is not None else None)

    entities = seed.to_pandas("entities")
    assert [(r.entity_id, r.name, r.type, r.aliases, r.mentions) for r in entities.itertuples()] == \
        [(e.id, e.name, e.type, e.aliases, len(e.mentions)) for e in seed.entities]
    # An entity's quotes are the statements (attributions) it speaks, not their parts.
    assert entities["quotes"].tolist() == [sum(a.speaker == e for a in seed.attributions) for e in seed.entities]

    mentions = seed.to_pandas("mentions")
    assert [(r.entity_index, r.entity_id, r.name, r.text, r.start, r.end) for r in mentions.itertuples()] == \
        [(m.entity.index, m.entity.id, m.entity.name, m.text, m.start, m.end) for m in seed.mentions]

    paragraphs = seed.to_pandas("paragraphs")
    assert [(r.text, r.start, r.end) for r in paragraphs.itertuples()] == \
        [(p.text, p.start, p.end) for p in seed.paragraphs]

    article = seed.to_pandas("articles").iloc[0]
    assert (article["title"], article["tags"], article["text"], json.loads(article["meta"])) == \
        (seed.title, seed.tags, seed.text, seed.meta)
    assert (article["paragraph_count"], article["quote_count"], article["entity_count"],
            article["mention_count"]) == (12, len(seed.quotes), len(seed.entities), len(seed.mentions))


# --- dtypes and empty frames ---------------------------------------------------------------------


def test_dtypes_equal_the_empty_frames(pd, seed):
    corpora = [newsdoc.Corpus([seed]), newsdoc.Corpus([worked_example(), other_article()]),
               newsdoc.Corpus([newsdoc.Article(title="nothing inside")])]
    for corpus in corpora:
        for table in newsdoc.TABLES:
            assert_same_dtypes(corpus.to_pandas(table), table)


def test_empty_frames(pd):
    quotes = newsdoc.empty_frame("quotes")
    assert len(quotes) == 0
    assert {column: str(dtype) for column, dtype in quotes.dtypes.items()} == {
        "article_index": "int64", "article_id": "object", "quote_index": "int64", "attribution": "int64",
        "parent": "Int64", "text": "object", "start": "int64", "end": "int64", "kind": "category",
        "speaker": "object", "speaker_id": "object", "speaker_type": "category", "corpus_entity": "object",
        "speaker_start": "Int64",
        "speaker_end": "Int64", "cue": "object", "cue_start": "Int64", "cue_end": "Int64", "paragraph": "int64",
        "last_paragraph": "int64", "source": "category", "published": "object"}
    assert list(quotes["kind"].cat.categories) == KINDS
    assert list(quotes["speaker_type"].cat.categories) == []
    assert list(newsdoc.empty_frame("articles").columns) == [
        "article_index", "article_id", "url", "source", "title", "authors", "published", "published_at", "language", "tags",
        "paragraph_count", "quote_count", "entity_count", "mention_count", "meta", "text"]
    assert list(newsdoc.empty_frame("paragraphs").columns) == [
        "article_index", "article_id", "paragraph_index", "text", "start", "end"]
    assert list(newsdoc.empty_frame("attributions").columns) == [
        "article_index", "article_id", "attribution_index", "text", "start", "end", "kind", "speaker", "speaker_id",
        "speaker_type", "corpus_entity", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "part_starts", "part_ends",
        "quote_indexes", "fragments", "paragraph", "last_paragraph", "source", "published"]
    assert list(newsdoc.empty_frame("entities").columns) == [
        "article_index", "article_id", "entity_index", "entity_id", "name", "type", "corpus_entity", "aliases",
        "mentions", "quotes"]
    assert list(newsdoc.empty_frame("mentions").columns) == [
        "article_index", "article_id", "mention_index", "entity_index", "entity_id", "name", "type", "corpus_entity",
        "text", "start", "end"]


def test_empty_corpus_gives_the_empty_frames(pd):
    for corpus in (newsdoc.Corpus(), newsdoc.loads("", format="jsonl")):
        for table in newsdoc.TABLES:
            pd.testing.assert_frame_equal(corpus.to_pandas(table), newsdoc.empty_frame(table))
    # A corpus of articles without quotes: no rows, the same frame.
    pd.testing.assert_frame_equal(newsdoc.Article(title="t").to_pandas("quotes"), newsdoc.empty_frame("quotes"))


# --- from_pandas ---------------------------------------------------------------------------------


def test_from_pandas_round_trip_of_the_articles_table(pd, seed):
    # meta holds numbers whose spelling JSON text keeps and a dict round trip would not.
    spelled = newsdoc.Article.from_json('{"id": "n", "paragraphs": ["A.", "B\\nC."], "meta": {"x": 1.50e3}}')
    corpus = newsdoc.Corpus([seed, worked_example(), other_article(), newsdoc.Article(), spelled])
    frame = corpus.to_pandas("articles")
    back = newsdoc.Corpus.from_pandas(frame)
    assert len(back) == len(corpus)
    for original, copy in zip(corpus, back):
        expected = original.to_dict()
        expected.update(quotes=[], entities=[], mentions=[])
        assert copy.to_dict() == expected
    assert back[4].to_json().endswith('"meta":{"x":1.50e3}}')
    again = back.to_pandas("articles")
    for column in ("quote_count", "entity_count", "mention_count"):
        again[column] = 0
        frame[column] = 0
    pd.testing.assert_frame_equal(again, frame)


def test_from_pandas_with_a_mapping_and_a_text_column(pd):
    frame = pd.DataFrame({
        "headline": ["Talks", "Quiet"],
        "story": ["“Yes,” he said.\n\n  More.  \n \nLast\nline.", None],
        "byline": ["A. Smith, B. Jones", None],
        "date": [pd.Timestamp("2017-03-01T12:00"), pd.NaT],
        "id": [17, 18],
        "rank": [1, 2],
    }, index=["r1", "r2"])
    corpus = newsdoc.Corpus.from_pandas(frame, mapping={"title": "headline", "body": "story", "authors": "byline"})
    first, second = corpus
    assert (first.id, first.title, first.authors, first.published) == \
        ("17", "Talks", ["A. Smith", "B. Jones"], "2017-03-01T12:00:00")
    assert [p.text for p in first.paragraphs] == ["“Yes,” he said.", "More.", "Last\nline."]
    assert first.meta == {"rank": 1}
    assert (second.id, second.title, second.paragraphs, second.authors, second.published, second.meta) == \
        ("18", "Quiet", (), [], None, {"rank": 2})


def test_from_pandas_columns_named_like_fields(pd):
    frame = pd.DataFrame({
        "title": ["T"], "paragraphs": [["One.", "Two."]], "text": ["ignored: paragraphs win"],
        "tags": [("a", "b")], "meta": [{"k": [1, None]}], "extra": [{"deep": True}],
        "article_index": [5], "quote_count": [3]})
    article = newsdoc.Corpus.from_pandas(frame)[0]
    assert [p.text for p in article.paragraphs] == ["One.", "Two."]
    assert article.tags == ["a", "b"]
    # The meta column first, then the columns feeding no field; derived columns are dropped.
    assert article.meta == {"k": [1, None], "text": "ignored: paragraphs win", "extra": {"deep": True}}
    assert list(article.meta) == ["k", "text", "extra"]


def test_from_pandas_can_annotate(pd):
    frame = pd.DataFrame({"text": ["“We will win,” said Bashar al-Assad."]})
    assert newsdoc.Corpus.from_pandas(frame)[0].quotes == ()
    annotated = newsdoc.Corpus.from_pandas(frame, annotate=None)[0]
    assert [(q.text, q.speaker.name) for q in annotated.quotes] == [("We will win,", "Bashar al-Assad")]


def test_from_pandas_of_an_empty_frame(pd):
    assert len(newsdoc.Corpus.from_pandas(newsdoc.empty_frame("articles"))) == 0
    assert len(newsdoc.Corpus.from_pandas(pd.DataFrame())) == 0


def test_from_pandas_errors(pd):
    with pytest.raises(TypeError, match="needs a pandas DataFrame, not list"):
        newsdoc.Corpus.from_pandas([{"title": "x"}])
    with pytest.raises(ValueError, match=r"row 'b', column 'title': expected a string, found int 3"):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"title": ["ok", 3]}, index=["a", "b"]))
    with pytest.raises(ValueError, match=r"row 0, column 'tags': expected a list of strings"):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"tags": [[1, 2]]}))
    with pytest.raises(ValueError, match=r"row 0, column 'meta': expected a dict or the JSON text of an object"):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"meta": ["[1]"]}))
    with pytest.raises(newsdoc.ParseError, match=r"row 1: "):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"meta": ["{}", "{oops}"]}))
    with pytest.raises(ValueError, match=r"row 0, column 'extra': .*cannot be written as JSON"):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"extra": [object()]}))
    with pytest.raises(ValueError, match="mapping names 'headline' for 'title', but the frame has no such column"):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"title": ["x"]}), mapping={"title": "headline"})
    with pytest.raises(ValueError, match="unknown article field 'heading'"):
        newsdoc.Corpus.from_pandas(pd.DataFrame({"title": ["x"]}), mapping={"heading": "title"})
    with pytest.raises(ValueError, match="unique column names; repeated: title"):
        newsdoc.Corpus.from_pandas(pd.DataFrame([["a", "b"]], columns=["title", "title"]))
