"""Rich display (newsdoc._display): notebook HTML of articles, quotes, entities and corpora.

The HTML is read back with html.parser: the tests check that it is well
nested, that every quote's highlighted text is the quote's text, that the
legend lists the speakers, and that hostile titles, names and URLs come out
as text, never as elements or attributes.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from typing import Dict, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdoc
from conftest import seed_file
from newsdoc import _core, _display

VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
ALLOWED_ATTRIBUTES = {"class", "style", "title", "href", "target", "rel"}

PAYLOADS = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onerror='alert(1)",
    '"><script>alert("x")</script><span a="',
    "</span></p></div><script>alert(2)</script>",
]
EVIL = " ".join(PAYLOADS)


class Page(HTMLParser):
    """The parts of rendered HTML the tests look at."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: List[Tuple[str, Dict[str, Optional[str]]]] = []
        self.problems: List[str] = []
        self.tags: List[str] = []
        self.attributes: List[Tuple[str, Optional[str]]] = []
        self.text = ""  # every text node, labels included
        self.paragraphs: Dict[int, str] = defaultdict(str)  # body text without type labels
        self.quotes: Dict[int, List[Tuple[int, str]]] = defaultdict(list)  # quote -> [(paragraph, text)]
        self.quote_elements: Dict[int, int] = defaultdict(int)
        self.legend: List[str] = []
        self.legend_unknown = False
        self._legend_item: Optional[str] = None
        self.feed(markup)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed: {[tag for tag, _ in self.stack]}")

    def _classes(self) -> List[str]:
        return [c for _, attrs in self.stack for c in (attrs.get("class") or "").split()]

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        attributes = dict(attrs)
        if "data-quote" in attributes:
            self.quote_elements[int(attributes["data-quote"])] += 1
        if "nd-legend-speaker" in (attributes.get("class") or "").split():
            self._legend_item = ""
        if "nd-legend-unknown" in (attributes.get("class") or "").split():
            self.legend_unknown = True
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1][0] if self.stack else 'anything'}")
            return
        _, attributes = self.stack.pop()
        if "nd-legend-speaker" in (attributes.get("class") or "").split():
            self.legend.append(self._legend_item)
            self._legend_item = None

    def handle_data(self, data):
        self.text += data
        if self._legend_item is not None:
            self._legend_item += data
        if "nd-label" in self._classes():
            return
        paragraph = next((int(a["data-paragraph"]) for _, a in self.stack if "data-paragraph" in a), None)
        if paragraph is None:
            return
        self.paragraphs[paragraph] += data
        for _, attributes in self.stack:
            if "data-quote" in attributes:
                self.quotes[int(attributes["data-quote"])].append((paragraph, data))

    def quote_text(self, index: int) -> str:
        """The highlighted text of quote ``index``: its pieces, paragraphs joined as in the body text."""
        by_paragraph: Dict[int, str] = defaultdict(str)
        for paragraph, text in self.quotes[index]:
            by_paragraph[paragraph] += text
        return "\n\n".join(by_paragraph[p] for p in sorted(by_paragraph))


def span(text: str, part: str, nth: int = 0) -> List[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return [start, start + len(part)]


def talks(**fields) -> newsdoc.Article:
    """An article with nested and crossing quotes, mentions inside quotes, several speakers and an unknown one."""
    paragraphs = fields.pop("paragraphs", [
        "“Yes, we will,” Bashar al-Assad said, adding that Russia was “a friend” of Syria.",
        "At the same time, Viktor Ozerov said that Russia could prioritize sending arms.",
        "“Nothing extraordinary,” someone said. “It goes on.",
        "“And on,” Ozerov added.",
    ])
    text = "\n\n".join(paragraphs)
    names = fields.pop("names", {"e1": "Bashar al-Assad", "e3": "Viktor Ozerov"})
    entities = [{"id": "e1", "name": names["e1"], "type": "PERSON", "aliases": ["Assad"]},
                {"id": "e2", "name": "Russia", "type": "GPE"},
                {"id": "e3", "name": names["e3"], "type": "PERSON", "aliases": ["Ozerov"]},
                {"id": "e4", "name": "Syria", "type": "GPE"}]
    mentions = [{"entity": "e1", "start": span(text, "Bashar al-Assad")[0], "end": span(text, "Bashar al-Assad")[1]},
                {"entity": "e2", "start": span(text, "Russia")[0], "end": span(text, "Russia")[1]},
                {"entity": "e4", "start": span(text, "Syria")[0], "end": span(text, "Syria")[1]},
                {"entity": "e3", "start": span(text, "Viktor Ozerov")[0], "end": span(text, "Viktor Ozerov")[1]},
                {"entity": "e2", "start": span(text, "Russia", 1)[0], "end": span(text, "Russia", 1)[1]},
                # crosses the end of quote 3 ("that Russia could prioritize sending arms")
                {"entity": "e2", "start": span(text, "sending arms.")[0], "end": span(text, "sending arms.")[1]}]

    def quote(part, kind, speaker, speaker_part=None, cue=None, nth=0):
        start, end = span(text, part, nth)
        return {"start": start, "end": end, "kind": kind, "speaker": speaker,
                "speaker_span": span(text, speaker_part) if speaker_part else None, "cue": cue}

    quotes = [quote("Yes, we will", "direct", "e1", "Bashar al-Assad", "said"),
              quote("that Russia was “a friend” of Syria", "indirect", "e1", cue="adding"),
              quote("a friend", "partial", "e1"),
              quote("that Russia could prioritize sending arms", "indirect", "e3", "Viktor Ozerov", "said"),
              quote("Nothing extraordinary", "direct", None, "someone", "said"),
              quote("It goes on.\n\n“And on", "direct", "e3", "Ozerov", "added")]
    record = dict(id="t1", title="Talks", source="RT", published="2017-04-25", authors=["Ann Lee"],
                  url="https://example.com/a?x=1&y=2", tags=["Syria", "Russia"], paragraphs=paragraphs,
                  entities=entities, mentions=mentions, quotes=quotes)
    record.update(fields)
    return newsdoc.Article(**record)


def check_structure(page: Page) -> None:
    assert page.problems == []
    assert "script" not in page.tags
    names = {name for name, _ in page.attributes}
    assert all(name in ALLOWED_ATTRIBUTES or name.startswith("data-") for name in names), names


# --- articles ---------------------------------------------------------------------------------------------------

def test_article_html_is_balanced_and_quotes_are_their_text():
    article = talks()
    page = Page(article._repr_html_())
    check_structure(page)
    for quote in article.quotes:
        assert page.quote_text(quote.index) == quote.text, quote
    for paragraph in article.paragraphs:
        assert page.paragraphs[paragraph.index] == paragraph.text


def test_nested_and_crossing_spans_are_split_not_crossed():
    article = talks()
    page = Page(article._repr_html_())
    # The partial quote nests inside the indirect one: one element each.
    assert page.quote_elements[2] == 1
    # The multi-paragraph quote is one piece per paragraph.
    assert page.quote_elements[5] == 2
    # The mention "sending arms." crosses the end of quote 3 and is split, the quote is whole.
    assert page.quote_elements[3] == 1
    assert page.text.count("Viktor Ozerov") >= 1


def test_crossing_quotes_split_the_later_one():
    text = "one two three four"
    article = newsdoc.Article(paragraphs=[text], quotes=[
        {"start": 0, "end": 13, "kind": "indirect"},   # one two three
        {"start": 4, "end": 18, "kind": "direct"}])    # two three four
    markup = _display.article_html(article)
    page = Page(markup)
    check_structure(page)
    assert page.quote_elements == {0: 1, 1: 2}
    assert page.quote_text(0) == "one two three"
    assert page.quote_text(1) == "two three four"


def test_mention_inside_quote_has_label_and_hover_title():
    article = talks()
    markup = article._repr_html_()
    page = Page(markup)
    titles = [value for name, value in page.attributes if name == "title"]
    assert any(t.startswith("Russia · GPE") for t in titles)
    assert any("speaker: Bashar al-Assad" in t and "cue: adding" in t for t in titles)
    assert any(t.startswith("Bashar al-Assad · PERSON · aka Assad") for t in titles)
    assert "PERSON" in page.text and "GPE" in page.text  # the labels


def test_legend_lists_speakers_in_first_quote_order():
    article = talks()
    page = Page(article._repr_html_())
    assert [item.split(" (")[0] for item in page.legend] == ["Bashar al-Assad", "Viktor Ozerov"]
    assert page.legend[0].endswith("(3)") and page.legend[1].endswith("(2)")
    assert page.legend_unknown


def test_speaker_colours_are_stable_and_unknown_is_grey():
    article = talks()
    order = _display.speaker_colours(article)
    assert order == {0: 0, 2: 1}
    markup = article._repr_html_()
    assert markup == article._repr_html_()
    first, second = _display.PALETTE[0], _display.PALETTE[1]
    page = Page(markup)
    styles = {int(a["data-quote"]): a["style"] for a in (dict(x) for x in _start_attrs(markup)) if "data-quote" in a}
    assert first.background in styles[0] and first.accent in styles[1]
    assert second.accent in styles[3]
    assert _display.UNKNOWN.background in styles[4]
    assert page.problems == []


def _start_attrs(markup: str):
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append(attrs)

    Collect().feed(markup)
    return found


def test_metadata_line_and_link():
    article = talks()
    page = Page(article._repr_html_())
    assert ("href", "https://example.com/a?x=1&y=2") in page.attributes
    for part in ("Talks", "RT", "2017-04-25", "by Ann Lee", "Syria"):
        assert part in page.text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_is_escaped_everywhere(payload):
    article = talks(title=payload, source=payload, authors=[payload], tags=[payload], id=payload,
                    published=payload, language=payload,
                    paragraphs=[f"“Yes, we will,” Bashar al-Assad said, adding that Russia was “a friend” of Syria {payload}.",
                                "At the same time, Viktor Ozerov said that Russia could prioritize sending arms.",
                                "“Nothing extraordinary,” someone said. “It goes on.",
                                f"“And on,” Ozerov added. {payload}"],
                    names={"e1": "Bashar " + payload, "e3": "Viktor Ozerov"})
    # speaker and entity names, aliases and cues with the payload
    record = article.to_dict()
    record["entities"][0]["aliases"] = [payload]
    record["entities"][1]["name"] = payload
    record["entities"][1]["type"] = payload
    record["entities"][0]["id"] = payload
    for q in record["quotes"]:
        if q["speaker"] == "e1":
            q["speaker"] = payload
        q["cue"] = payload
    for m in record["mentions"]:
        if m["entity"] == "e1":
            m["entity"] = payload
    record["url"] = "https://example.com/" + payload
    article = newsdoc.Article.from_dict(record)
    for markup in (article._repr_html_(), article.quotes[0]._repr_html_(), article.entities[0]._repr_html_(),
                   article.entities[1]._repr_html_(), newsdoc.Corpus([article])._repr_html_()):
        assert "<script" not in markup.lower()
        page = Page(markup)
        check_structure(page)
        assert not any(name.startswith("on") for name, _ in page.attributes)
    page = Page(article._repr_html_())
    assert payload in page.text  # shown as text
    assert page.legend[0] == f"Bashar {payload} (3)"  # a speaker's name
    titles = [value for name, value in page.attributes if name == "title"]
    assert any(payload in t for t in titles)  # and kept whole inside attribute values
    for quote in article.quotes:
        assert page.quote_text(quote.index) == quote.text
    for paragraph in article.paragraphs:
        assert page.paragraphs[paragraph.index] == paragraph.text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                 " javascript:alert(1)"])
def test_only_http_urls_become_links(url):
    markup = newsdoc.Article(title="x", url=url)._repr_html_()
    page = Page(markup)
    check_structure(page)
    assert not any(name == "href" for name, _ in page.attributes)
    assert url.strip() in page.text or url in page.text


def test_empty_article_and_no_quotes():
    page = Page(newsdoc.Article()._repr_html_())
    check_structure(page)
    assert "(untitled)" in page.text and "No quotes." in page.text


def test_seed_article_renders():
    article = newsdoc.load(seed_file(".json"))[0]
    page = Page(article._repr_html_())
    check_structure(page)
    assert len(page.paragraphs) == len(article.paragraphs)
    assert all(page.paragraphs[p.index] == p.text for p in article.paragraphs)


# --- random spans -----------------------------------------------------------------------------------------------

BODY = ["Alpha beta “gamma” delta, epsilon said.", "Zeta – eta 👍 theta iota.", "Kappa lambda “mu nu” xi."]
BODY_LENGTH = len("\n\n".join(BODY))


@st.composite
def spans(draw):
    start = draw(st.integers(0, BODY_LENGTH))
    end = draw(st.integers(start, BODY_LENGTH))
    return start, end


@settings(max_examples=150, deadline=None)
@given(quotes=st.lists(st.tuples(spans(), st.sampled_from(["direct", "partial", "indirect"]),
                                 st.sampled_from([None, "a", "b"]), st.booleans()), max_size=6),
       mentions=st.lists(st.tuples(spans(), st.sampled_from(["a", "b", "c"])), max_size=6))
def test_any_spans_render_balanced_and_exact(quotes, mentions):
    article = newsdoc.Article(
        paragraphs=BODY,
        entities=[{"id": "a", "name": "A", "type": "PERSON"}, {"id": "b", "name": "B", "type": "ORG"},
                  {"id": "c", "name": "C <c>", "type": ""}],
        quotes=[{"start": s, "end": e, "kind": k, "speaker": who, "speaker_span": [s, e] if with_span else None}
                for (s, e), k, who, with_span in quotes],
        mentions=[{"entity": who, "start": s, "end": e} for (s, e), who in mentions])
    page = Page(article._repr_html_())
    check_structure(page)
    for paragraph in article.paragraphs:
        assert page.paragraphs[paragraph.index] == paragraph.text
    text = article.text
    for quote in article.quotes:
        # Text outside paragraphs (the blank line between them) is not shown.
        expected = "\n\n".join(part for part in (text[max(quote.start, p.start):min(quote.end, p.end)]
                                                 for p in article.paragraphs) if part)
        assert page.quote_text(quote.index) == expected


# --- quotes, entities, corpora ----------------------------------------------------------------------------------

def test_quote_and_entity_html():
    article = talks()
    quote = Page(article.quotes[0]._repr_html_())
    check_structure(quote)
    assert "Yes, we will" in quote.text and "Bashar al-Assad" in quote.text and "said" in quote.text
    unknown = Page(article.quotes[4]._repr_html_())
    assert "unknown speaker" in unknown.text and "someone" in unknown.text
    entity = Page(article.entities[1]._repr_html_())
    check_structure(entity)
    assert "Russia" in entity.text and "GPE" in entity.text and "3 mentions" in entity.text
    assert "<Quote direct" in repr(article.quotes[0]) and "<Entity e2 GPE 'Russia'" in repr(article.entities[1])


def test_corpus_stats():
    corpus = newsdoc.Corpus([talks(), talks(id="t2", source="AP", published="2018-01-02"),
                             newsdoc.Article(title="bare")])
    stats = _display.corpus_stats(corpus)
    assert stats["articles"] == 3 and stats["scanned"] == 3
    assert stats["quotes"] == 12 and stats["quote_parts"] == 12 and stats["fragments"] == 0
    assert stats["quotes_by_kind"] == {"direct": 6, "partial": 2, "indirect": 4}
    assert stats["quotes_with_speaker"] == 10
    assert stats["top_speakers"][0] == ("Bashar al-Assad", 6)
    assert stats["published_min"] == "2017-04-25" and stats["published_max"] == "2018-01-02"
    assert stats["undated"] == 1
    assert stats["sources"] == [("AP", 1), ("RT", 1)] or stats["sources"] == [("RT", 1), ("AP", 1)]
    # Corpus entities: the two articles' Russia is one entity, in 2 articles.
    assert stats["entities"] == 4 and stats["entities_by_type"] == {"PERSON": 2, "GPE": 2}
    assert stats["top_entities"][0] == ("Russia", "GPE", 6, 2)


def test_corpus_stats_count_corpus_entities_as_the_index_groups_them():
    """An article that calls the speakers "Assad" and "Ozerov" (aliases of the full names elsewhere) adds to
    Bashar al-Assad and Viktor Ozerov, as Corpus.entities() groups them."""
    articles = [talks(), talks(id="t2", names={"e1": "Assad", "e3": "Ozerov"})]
    stats = _display.corpus_stats(newsdoc.Corpus(articles))
    assert {key: stats[key] for key in ("entities", "entities_by_type", "mentions", "top_speakers",
                                        "top_entities")} == {
        "entities": 4, "entities_by_type": {"GPE": 2, "PERSON": 2}, "mentions": 12,
        "top_speakers": [("Bashar al-Assad", 6), ("Viktor Ozerov", 4)],
        "top_entities": [("Russia", "GPE", 6, 2), ("Bashar al-Assad", "PERSON", 2, 2), ("Syria", "GPE", 2, 2),
                         ("Viktor Ozerov", "PERSON", 2, 2)],
    }
    with pytest.raises(TypeError, match=r"corpus_stats\(\) takes a Corpus \(newsdoc.Corpus\(articles\) makes one\), "
                                        "not list"):
        _display.corpus_stats(articles)


def test_corpus_stats_of_the_first_articles_count_their_entities_only():
    corpus = newsdoc.Corpus([talks(), talks(id="t2", names={"e1": "Assad", "e3": "Ozerov"})])
    stats = _display.corpus_stats(corpus, limit=1)
    assert (stats["articles"], stats["scanned"], stats["entities"], stats["mentions"]) == (2, 1, 4, 6)
    assert stats["top_speakers"] == [("Bashar al-Assad", 3), ("Viktor Ozerov", 2)]
    assert stats["top_entities"][0] == ("Russia", "GPE", 3, 1)


def test_corpus_html_summary():
    corpus = newsdoc.Corpus([talks(), talks(id="t2", published="2018-01-02")])
    page = Page(corpus._repr_html_())
    check_structure(page)
    assert "table" in page.tags
    for part in ("Articles", "2017-04-25", "2018-01-02", "Bashar al-Assad", "Russia", "Top speakers", "t2"):
        assert part in page.text


def test_corpus_html_within_its_limit_counts_through_the_corpus_own_index(monkeypatch):
    """A corpus no bigger than the limit is counted whole, through its own cached index: rendering it twice
    and querying it after builds one index, where a copy sliced to the limit would need one every render."""
    corpus = newsdoc.Corpus([talks(), talks(id="t2", names={"e1": "Assad", "e3": "Ozerov"})])
    built = []
    build_index = _core.build_index
    monkeypatch.setattr(_core, "build_index", lambda core: built.append(len(core)) or build_index(core))
    first = _display.corpus_html(corpus, limit=len(corpus))
    assert corpus._repr_html_() == first
    assert [(e.name, e.quotes) for e in corpus.entities() if e.quotes] == [("Bashar al-Assad", 6), ("Viktor Ozerov", 4)]
    assert built == [2]


def test_corpus_html_is_limited_for_big_corpora():
    corpus = newsdoc.loads("".join(f'{{"title": "Article {i}", "source": "s{i % 50}"}}\n' for i in range(300)))
    markup = _display.corpus_html(corpus, limit=100, top=5, preview=3)
    page = Page(markup)
    check_structure(page)
    assert "the first 100 articles" in page.text
    assert "… and 297 more" in page.text
    assert page.text.count("Article ") == 3
    assert len(markup) < 20_000
    empty = Page(newsdoc.Corpus()._repr_html_())
    check_structure(empty)
