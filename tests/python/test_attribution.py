"""Attributions: one statement, several quotes (interrupted quotes, fragments inside reported speech)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import newsdoc
from newsdoc import _display, cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_0eafb7a6a491ae43.json"
OLD_SEED = ROOT / "tests" / "data" / "seed_before_attributions.json"

PARAGRAPHS = ["“We will win,” she said, “and soon.”",
              "Ozerov added that it was “nothing extraordinary” today. “Fine.”"]


def statements() -> newsdoc.Article:
    text = "\n\n".join(PARAGRAPHS)

    def span(needle: str) -> list:
        start = text.index(needle)
        return [start, start + len(needle)]

    said, added = span("said"), span("added")
    quotes = [
        {"start": span("We will win,")[0], "end": span("We will win,")[1], "cue": "said", "cue_span": said,
         "speaker_span": span("she"), "attribution": 4},
        {"start": span("and soon.")[0], "end": span("and soon.")[1], "cue": "said", "cue_span": said,
         "speaker_span": span("she"), "attribution": 4},
        {"start": span("it was")[0], "end": span("today")[1], "kind": "indirect", "speaker": "e1", "cue": "added",
         "cue_span": added, "attribution": 9},
        {"start": span("nothing extraordinary")[0], "end": span("nothing extraordinary")[1], "kind": "partial",
         "speaker": "e1", "cue": "added", "cue_span": added, "attribution": 9, "parent": 2},
        {"start": span("Fine.")[0], "end": span("Fine.")[1]},
    ]
    return newsdoc.Article(id="a", paragraphs=PARAGRAPHS, quotes=quotes,
                           entities=[{"id": "e1", "name": "Viktor Ozerov", "type": "PERSON", "aliases": ["Ozerov"]}],
                           mentions=[{"entity": "e1", "start": span("Ozerov")[0], "end": span("Ozerov")[1]}])


def structure(article: newsdoc.Article) -> list:
    """Each statement as its parts' texts, fragments marked, with its cue's and speaker's words."""
    return [(a.kind, a.cue_text, a.speaker_text, [(q.text, q.parent.text if q.parent is not None else None) for q in a.parts])
            for a in article.attributions]


def test_statements_group_quotes_and_fragments():
    a = statements()
    assert [q.attribution.index for q in a.quotes] == [0, 0, 1, 1, 2]  # renumbered in order of first appearance
    interrupted, reported, alone = a.attributions
    assert interrupted.text == "We will win, … and soon."
    assert (interrupted.cue, interrupted.cue_text, interrupted.speaker_text) == ("said", "said", "she")
    assert [q.index for q in interrupted.content] == [0, 1]
    assert reported.kind == "indirect" and reported.speaker.name == "Viktor Ozerov"
    assert [q.index for q in reported.content] == [2]
    assert [q.text for q in reported.fragments] == ["nothing extraordinary"]
    assert a.quotes[3].parent == a.quotes[2] and a.quotes[3].is_fragment
    assert a.quotes[2].parent is None and not a.quotes[2].is_fragment
    assert a.quotes[0].cue_span == tuple(interrupted.cue_span)
    assert alone.cue_span is None and alone.cue_text is None and len(alone.parts) == 1
    assert (reported.start, reported.end) == (a.quotes[2].start, a.quotes[2].end)


def test_every_quote_belongs_to_exactly_one_statement():
    a = statements()
    parts = [q.index for s in a.attributions for q in s.parts]
    assert sorted(parts) == list(range(len(a.quotes)))


@pytest.mark.parametrize("change, pointer", [
    (lambda q: q[3].update(parent=4), "/quotes/3/parent"),     # encloses nothing of it
    (lambda q: q[3].update(attribution=4), "/quotes/3/parent"),  # another statement
    (lambda q: q[3].update(parent=3), "/quotes/3/parent"),     # itself
    (lambda q: q[0].update(cue_span=[0, 10_000]), "/quotes/0/cue_span"),
])
def test_bad_structure_is_a_schema_error_naming_the_field(change, pointer):
    record = json.loads(statements().to_json())
    change(record["quotes"])
    with pytest.raises(newsdoc.SchemaError) as caught:
        newsdoc.loads(json.dumps(record))
    assert caught.value.pointer == pointer


def test_files_written_before_attributions_load_one_quote_one_statement():
    article = newsdoc.load(OLD_SEED, annotate=False)[0]
    assert '"attribution"' not in OLD_SEED.read_text(encoding="utf-8")
    assert len(article.attributions) == len(article.quotes) == 23
    assert [q.attribution.index for q in article.quotes] == list(range(23))
    assert all(q.parent is None and q.cue_span is None for q in article.quotes)
    # annotate=True rebuilds the grouping.
    regrouped = newsdoc.load(OLD_SEED, annotate=True)[0]
    assert len(regrouped.attributions) < len(regrouped.quotes)


def test_seed_fragments_are_children_of_the_reported_clause():
    seed = newsdoc.load(SEED, annotate=False)[0]
    by_text = {q.text: q for q in seed.quotes}
    for fragment, speaker in [("nothing extraordinary", "Viktor Ozerov"),
                              ("does not necessitate an additional burden on the defense industry", "Viktor Ozerov"),
                              ("offensive", "Viktor Ozerov"),
                              ("most sensitive objects of Syrian infrastructure", "Igor Konashenkov")]:
        q = by_text[fragment]
        assert q.parent is not None and q.parent.kind == "indirect", fragment
        assert q.parent.start <= q.start and q.end <= q.parent.end
        assert q.attribution == q.parent.attribution
        assert q.speaker.name == speaker and q.parent.speaker.name == speaker
    # The partial quotes after "because" have no enclosing clause: they are parts of Ozerov's "added" statement.
    added = by_text["in a state of war against terrorists"]
    assert added.parent is None and added.attribution == by_text["nothing extraordinary"].attribution
    assert added.attribution.cue_text == "added"
    # A statement is counted once: Ozerov speaks four, in seven gold quotes.
    corpus = newsdoc.Corpus([seed])
    assert len(corpus.attributions(speaker="ozerov")) == 4
    assert all(not q.is_fragment for q in corpus.quotes(speaker="ozerov"))
    assert len(corpus.quotes(speaker="ozerov", fragments=True)) == len(seed.quotes_by("ozerov", fragments=True))
    assert len(corpus.quotes(speaker="ozerov", fragments=True)) > len(corpus.quotes(speaker="ozerov"))


def test_tables_give_statements_and_quote_structure():
    pytest.importorskip("pandas")
    a = statements()
    quotes = a.to_pandas("quotes")
    assert list(quotes["attribution"]) == [0, 0, 1, 1, 2]
    assert quotes["parent"].isna().tolist() == [True, True, True, False, True]
    assert int(quotes["parent"][3]) == 2
    assert (quotes["cue_start"][0], quotes["cue_end"][0]) == tuple(a.quotes[0].cue_span)
    table = a.to_pandas("attributions")
    assert list(table["text"]) == [s.text for s in a.attributions]
    assert list(table["fragments"]) == [0, 1, 0]
    assert list(table["quote_indexes"]) == [[0, 1], [2, 3], [4]]
    assert list(table["part_starts"][0]) == [q.start for q in a.attributions[0].content]
    assert table.columns.tolist() == newsdoc.empty_frame("attributions").columns.tolist()
    assert newsdoc.Corpus([a]).attributions(contains="soon").to_pandas()["text"].tolist() == [
        "We will win, … and soon."]


def test_round_trips_keep_statements():
    a = statements()
    expected = structure(a)
    assert structure(newsdoc.Article.from_json(a.to_json())) == expected
    assert structure(pickle.loads(pickle.dumps(a))) == expected
    corpus = newsdoc.Corpus([a, a])
    assert [structure(x) for x in pickle.loads(pickle.dumps(corpus))] == [expected, expected]
    assert [structure(x) for x in newsdoc.concat([corpus, newsdoc.Corpus([a])])] == [expected] * 3


def test_transforms_keep_statements():
    a = statements()
    assert structure(a.normalize_quotes()) == [(k, c, s, [(t.replace("“", '"').replace("”", '"'),
                                                           p and p.replace("“", '"').replace("”", '"'))
                                                          for t, p in parts])
                                               for k, c, s, parts in structure(a)]
    assert structure(a.rename_entity("Ozerov", "V. Ozerov")) == structure(a)
    second = a.select_paragraphs([1])
    assert structure(second) == structure(a)[1:]
    redacted = a.redact()
    assert [len(s.parts) for s in redacted.attributions] == [2, 2, 1]
    assert redacted.attributions[1].cue_text == "added"
    # with_quotes of Quote views keeps their grouping, and a fragment given with its clause keeps its parent.
    rebuilt = a.with_quotes(list(a.quotes))
    assert structure(rebuilt) == structure(a)
    without_clause = a.with_quotes([q for q in a.quotes if q.index != 2])
    assert all(q.parent is None for q in without_clause.quotes)


def test_display_shows_fragments_inside_their_statement():
    a = statements()
    html = a._repr_html_()
    assert 'nd-fragment' in html and 'data-attribution="1"' in html
    line = _display.attribution_html(a.attributions[1])
    assert line.count('class="nd-fragment"') == 1 and "1 fragment" in line
    assert "2 parts" in _display.attribution_html(a.attributions[0])
    stats = _display.corpus_stats(newsdoc.Corpus([a]))
    assert (stats["quotes"], stats["quote_parts"], stats["fragments"]) == (3, 5, 1)


def test_cli_lists_statements_once(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(statements().to_json() + "\n", encoding="utf-8")
    assert cli.main(["quotes", str(path), "--format", "json", "--no-annotate"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["text"] for r in rows] == ["We will win, … and soon.", "it was “nothing extraordinary” today", "Fine."]
    assert rows[1]["fragments"] == [[statements().quotes[3].start, statements().quotes[3].end]]
    assert rows[0]["cue_span"] == list(statements().quotes[0].cue_span)
    assert cli.main(["quotes", str(path), "--format", "json", "--parts", "--no-annotate"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert cli.main(["show", str(path), "--no-annotate"]) == 0
    out = capsys.readouterr().out
    assert "Quotes (3)" in out and "fragment “nothing extraordinary”" in out
