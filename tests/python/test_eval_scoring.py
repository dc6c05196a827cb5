"""Unit tests of the accuracy harness (bench/eval.py): BRAT reading, offset mapping, tokens and matching.

Every input is made by hand here, so the tests need neither newsdoc's
annotator nor the shared corpora; one test reads a real PolNeAR file and
skips when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
POLNEAR = (REPO / ".." / "shared" / "corpora" / "polnear").resolve()


def _load_eval():
    """bench/eval.py as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("newsdoc_bench_eval", REPO / "bench" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


ev = _load_eval()


def spans_of(text: str, *parts: str) -> list:
    """The spans of each of `parts` in `text` (first occurrence), for building gold by hand."""
    spans = []
    for part in parts:
        start = text.index(part)
        spans.append((start, start + len(part)))
    return spans


# ---------------------------------------------------------------------------
# BRAT reader

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tfirst bit second\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 40 60\tline one\n"
    "line two\n"
    "T6\tCue 61 65\tsays\n"
    "T9\tContent 70 75\tmore\n"
    "T7\tAttribution 61 65\tsays\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6 Content2:T9\n"
    "T8\tDiscard 80 90\tignore me\n"
    "#1\tAnnotatorNotes T8\ta note\n"
)


def test_read_brat_discontinuous_spans_and_events():
    textbounds, events = ev.read_brat(ANN)
    assert textbounds["T3"].spans == [(11, 20), (25, 30)]
    assert textbounds["T3"].type == "Content"
    assert events[0] == ("E1", "Attribution", {"Content": ["T3"], "Cue": ["T2"], "Source": ["T1"]})


def test_read_brat_continuation_line_and_numbered_role():
    textbounds, events = ev.read_brat(ANN)
    assert textbounds["T5"].text == "line one\nline two"  # the text crossed a line break
    assert events[1][1] == "Attribution-no-source"
    assert events[1][2]["Content"] == ["T5", "T9"]  # Content2 folded into Content
    assert "T8" in textbounds and textbounds["T8"].type == "Discard"


def test_read_attributions_collects_fragments_and_ignores_discard():
    raw = "x" * 100
    gold = ev.read_attributions(ANN, raw)
    assert [g.id for g in gold] == ["E1", "E2"]  # Discard is no attribution
    assert gold[0].content == [(11, 20), (25, 30)]
    assert gold[0].source == [(0, 5)] and gold[0].cue == [(6, 10)]
    assert gold[1].content == [(40, 60), (70, 75)]
    assert gold[1].source == []


def test_annotation_files_one_annotator_per_article(tmp_path):
    for name in ("b_2016_story_ef2d.ann", "b_2016_story_4e07.ann", "a_story_6b86.ann"):
        (tmp_path / name).write_text("")
    chosen = ev.annotation_files(tmp_path)
    assert chosen == {"a_story": tmp_path / "a_story_6b86.ann", "b_2016_story": tmp_path / "b_2016_story_4e07.ann"}


# ---------------------------------------------------------------------------
# Direct or indirect


def test_direct_with_and_without_the_marks_in_the_span():
    raw = "Title\n\n“We will win,” Smith said. He added that “nothing” would stop them."
    with_marks = spans_of(raw, "“We will win,”")
    without_marks = spans_of(raw, "We will win")
    indirect = spans_of(raw, "that “nothing” would stop them")
    assert ev.is_direct(raw, with_marks)
    assert ev.is_direct(raw, without_marks)
    assert not ev.is_direct(raw, indirect)  # a partial quote inside reported speech
    assert ev.is_direct(raw, spans_of(raw, "nothing"))


def test_direct_discontinuous_and_straight_quotes():
    raw = '"This is bad," he said, "and it is getting worse." They think it is fine.'
    assert ev.is_direct(raw, spans_of(raw, '"This is bad,"', '"and it is getting worse."'))
    assert not ev.is_direct(raw, spans_of(raw, '"This is bad,"', "it is fine"))


def test_direct_over_paragraphs_and_apostrophes():
    raw = "“It’s the first part.\n\n“And the second,” she said. Clinton’s aides don’t agree it’s over."
    assert ev.is_direct(raw, [(0, raw.index("” she"))])  # one quote over two paragraphs
    assert not ev.is_direct(raw, spans_of(raw, "aides don’t agree it’s over"))  # ’ as apostrophes
    single = "He called it ‘a disaster’ and left."
    assert ev.is_direct(single, spans_of(single, "a disaster"))


def test_typewriter_and_mixed_marks():
    nyt = "''It's more tinkering,'' said Alan Cole. ''It's a tax increase'' for the top bracket."
    assert ev.is_direct(nyt, spans_of(nyt, "It's more tinkering,"))
    assert not ev.is_direct(nyt, spans_of(nyt, "''It's a tax increase'' for the top bracket"))
    mixed = '"Oz has a bully pulpit,” said David Gorski. It was “Mostly False.“'
    assert ev.is_direct(mixed, spans_of(mixed, "Oz has a bully pulpit"))
    assert ev.is_direct(mixed, spans_of(mixed, "Mostly False."))


def test_nested_quotes():
    raw = "“I’d rather live in what he calls “hell” than with him,” she said."
    assert ev.is_direct(raw, spans_of(raw, "I’d rather live in what he calls “hell” than with him,"))
    assert ev.is_direct(raw, spans_of(raw, "hell"))


def test_unbalanced_mark_makes_no_region():
    raw = "He said “this is open.\n\nNew paragraph without marks."
    assert ev.quoted_regions(raw) == []
    assert not ev.is_direct(raw, spans_of(raw, "this is open"))


# ---------------------------------------------------------------------------
# Offset mapping


def test_body_map_folded_line_breaks():
    raw = "A title\n\nFirst line\nof the paragraph.\n\nSecond  paragraph\r\nhere.\n"
    paragraphs = ["First line of the paragraph.", "Second  paragraph here."]
    body = "\n\n".join(paragraphs)
    body_map = ev.BodyMap(raw, paragraphs)
    for start, end in [(0, 5), (6, 10), (11, 28), (30, 36), (30, len(body))]:
        raw_start, raw_end = body_map.span(start, end)
        assert " ".join(raw[raw_start:raw_end].split()) == " ".join(body[start:end].split())
    # the folded space maps to the raw line break
    assert raw[body_map.span(10, 11)[0]] == "\n"
    assert body_map.span(0, len(paragraphs[0])) == (raw.index("First"), raw.index("paragraph.") + 10)


def test_body_map_non_ascii_and_no_break_space():
    raw = "Titel 👍\n\n“Wir schaffen das 👍”, sagte Zoë\u00a0\nMüller – am Montag.\n\nTags, Here, Now\n"
    paragraphs = ["“Wir schaffen das 👍”, sagte Zoë Müller – am Montag."]
    body_map = ev.BodyMap(raw, paragraphs)
    body = paragraphs[0]
    start = body.index("Müller")
    raw_start, raw_end = body_map.span(start, start + len("Müller"))
    assert raw[raw_start:raw_end] == "Müller"
    raw_start, raw_end = body_map.span(1, body.index("”"))
    assert raw[raw_start:raw_end] == "Wir schaffen das 👍"
    assert body_map.paragraph_spans == [(raw.index("“"), raw.index("Montag.") + 7)]
    assert not body_map.in_body(spans_of(raw, "Titel"))
    assert not body_map.in_body(spans_of(raw, "Tags, Here"))
    assert body_map.in_body(spans_of(raw, "sagte"))


def test_body_map_title_repeated_in_body_is_skipped_in_order():
    raw = "Trump wins\n\nTrump wins the vote.\n\nTrump wins again."
    body_map = ev.BodyMap(raw, ["Trump wins the vote.", "Trump wins again."])
    assert body_map.paragraph_spans == [(12, 32), (34, len(raw))]
    assert body_map.span(22, 27) == (34, 39)  # body "Trump" of paragraph 2 (after "\n\n")


def test_body_map_rejects_text_that_is_not_there():
    with pytest.raises(ev.MappingError):
        ev.BodyMap("Title\n\nSome text.", ["Other text."])


# ---------------------------------------------------------------------------
# Tokens and matching


def test_tokenize_words_and_punctuation_without_quote_marks():
    text = "“Don’t go,” he said — 3.5%."
    tokens = [text[s:e] for s, e in ev.tokenize(text)]
    assert tokens == ["Don", "t", "go", ",", "he", "said", "—", "3", ".", "5", "%", "."]


def test_token_index_covered_counts_partial_overlap():
    index = ev.TokenIndex("one two three")
    assert index.covered([(0, 3)]) == {0}
    assert index.covered([(2, 5)]) == {0, 1}  # one character of each word
    assert index.covered([(3, 4)]) == set()  # only the space
    assert index.covered([(0, 3), (8, 13)]) == {0, 2}


def test_match_needs_the_threshold_on_both_sides():
    gold = [set(range(10))]
    assert ev.match_token_sets(gold, [set(range(3))], 0.3) == [(0, 0)]  # 3/10 of gold, 3/3 of prediction
    assert ev.match_token_sets(gold, [set(range(2))], 0.3) == []  # 2/10 of gold
    assert ev.match_token_sets(gold, [set(range(3)) | set(range(100, 108))], 0.3) == []  # 3/11 of prediction
    assert ev.match_token_sets(gold, [set(range(8))], 0.8) == [(0, 0)]
    assert ev.match_token_sets(gold, [set(range(7))], 0.8) == []
    assert ev.match_token_sets([set()], [set()], 0.3) == []


def test_match_is_one_to_one_best_first():
    gold = [set(range(0, 10)), set(range(10, 20))]
    predicted = [set(range(0, 20)), set(range(10, 20))]
    # prediction 1 is a perfect match for gold 1; prediction 0 then takes gold 0 (10/20 of its tokens).
    assert ev.match_token_sets(gold, predicted, 0.3) == [(0, 0), (1, 1)]
    assert ev.match_token_sets(gold, predicted, 0.8) == [(1, 1)]
    # two predictions for one gold: only one counts
    assert ev.match_token_sets([set(range(10))], [set(range(10)), set(range(9))], 0.3) == [(0, 0)]


def test_drop_contained_and_categories():
    quotes = [
        ev.RawQuote((0, 50), "indirect", None, None, "said"),
        ev.RawQuote((10, 20), "partial", None, None, ""),
        ev.RawQuote((60, 80), "direct", None, None, "said"),
        ev.RawQuote((60, 80), "direct", None, None, "said"),
        ev.RawQuote((90, 95), "partial", None, None, ""),
    ]
    assert ev.drop_contained([q.span for q in quotes]) == [0, 2, 4]
    assert ev.predictions_for("all", quotes) == [0, 2, 4]
    assert ev.predictions_for("direct", quotes) == [2, 3]
    assert ev.predictions_for("indirect", quotes) == [0, 4]


def _piece(span, speaker_span, cue, paragraph):
    return ev.RawQuote(span, "direct", speaker_span, None, cue, (paragraph, paragraph))


def test_attribution_units_join_pieces_with_the_same_speaker_span_and_cue_in_one_paragraph():
    # “A,” he said. “B.”: newsdoc gives the second piece the first one's speaker span and cue
    quotes = [_piece((0, 10), (12, 14), "said", 0), _piece((21, 40), (12, 14), "said", 0),
              _piece((50, 60), (62, 67), "said", 1)]
    assert ev.attribution_units(quotes) == [[0, 1], [2]]


def test_attribution_units_keep_pieces_in_different_paragraphs_apart():
    quotes = [_piece((0, 10), (12, 14), "said", 0), _piece((21, 40), (12, 14), "said", 1)]
    assert ev.attribution_units(quotes) == [[0], [1]]
    # a different cue or speaker span, or a quote over several paragraphs, is no piece of the same attribution
    assert ev.attribution_units([_piece((0, 10), (12, 14), "said", 0), _piece((21, 40), (12, 14), "added", 0)]) \
        == [[0], [1]]
    assert ev.attribution_units([_piece((0, 10), (12, 14), "said", 0), _piece((21, 40), (15, 17), "said", 0)]) \
        == [[0], [1]]
    over = ev.RawQuote((0, 10), "direct", (12, 14), None, "said", (0, 1))
    assert ev.attribution_units([over, ev.RawQuote((21, 40), "direct", (12, 14), None, "said", (0, 1))]) \
        == [[0], [1]]


def test_attribution_units_without_speaker_span_are_separate():
    quotes = [_piece((0, 10), None, "said", 0), _piece((21, 40), None, "said", 0), _piece((50, 55), None, "", 0)]
    assert ev.attribution_units(quotes) == [[0], [1], [2]]


def test_body_paragraphs():
    paragraphs = ["abc", "defg", "h"]  # body "abc\n\ndefg\n\nh": paragraphs start at 0, 5 and 11
    assert ev.body_paragraphs(paragraphs, 0, 3) == (0, 0)
    assert ev.body_paragraphs(paragraphs, 5, 9) == (1, 1)
    assert ev.body_paragraphs(paragraphs, 1, 7) == (0, 1)
    assert ev.body_paragraphs(paragraphs, 3, 9) == (1, 1)  # starts in the separator
    assert ev.body_paragraphs(paragraphs, 11, 12) == (2, 2)


INTERRUPTED = "Headline\n\n“We will win,” Smith said. “Nothing can stop us now.”\n\n“Yes,” Smith said.\n"


def _interrupted_prediction(second_paragraph: bool = False, speaker: bool = True) -> "ev.PredictedArticle":
    paragraphs = ["“We will win,” Smith said. “Nothing can stop us now.”", "“Yes,” Smith said."]
    body = "\n\n".join(paragraphs)

    def at(part: str, after: int = 0) -> tuple:
        start = body.index(part, after)
        return start, start + len(part)

    smith = at("Smith") if speaker else None
    first = ev.PredictedQuote(*at("We will win,"), "direct", smith, None, "said", (0, 0))
    second = ev.PredictedQuote(*at("Nothing can stop us now."), "direct", smith, None, "said", (0, 0))
    if second_paragraph:
        second.paragraphs = (1, 1)
    third = ev.PredictedQuote(*at("Yes,"), "direct", at("Smith", body.index("Yes")) if speaker else None, None,
                              "said", (1, 1))
    return ev.PredictedArticle(paragraphs, [first, second, third], "Headline")


def _interrupted_gold() -> list:
    raw = INTERRUPTED
    both = ev.GoldAttribution("E1", spans_of(raw, "“We will win,”", "“Nothing can stop us now.”"),
                              spans_of(raw, "Smith"), spans_of(raw, "said"), "direct")
    yes = raw.index("“Yes,”")
    return [both, ev.GoldAttribution("E2", [(yes, yes + 6)], [(yes + 7, yes + 12)], [(yes + 13, yes + 17)],
                                     "direct")]


def test_score_article_attribution_units_against_multi_fragment_gold():
    result = ev.score_article("toy", INTERRUPTED, _interrupted_gold(), _interrupted_prediction())
    both = result.counts["all"]
    # per quote: "We will win" is 4 of the 10 gold tokens (a match at 0.3 only), "Nothing ..." a false positive
    assert (both.gold, both.predicted, both.matched) == (2, 3, {0.3: 2, 0.8: 1})
    # as units: the two pieces are one unit, which matches the two-fragment gold at 0.8
    assert (both.units, both.units_matched) == (2, {0.3: 2, 0.8: 2})
    assert both.unit_precision(0.8) == 1.0 and both.unit_recall(0.8) == 1.0 and both.unit_f1(0.3) == 1.0
    assert result.counts["direct"].units == 2 and result.counts["indirect"].units == 0
    # speakers stay per quote
    assert (both.pairs, both.judged, both.speaker_correct) == (2, 2, 2)


def test_score_article_units_need_one_paragraph_and_a_speaker_span():
    for predicted in (_interrupted_prediction(second_paragraph=True), _interrupted_prediction(speaker=False)):
        both = ev.score_article("toy", INTERRUPTED, _interrupted_gold(), predicted).counts["all"]
        assert (both.units, both.units_matched) == (3, both.matched) == (3, {0.3: 2, 0.8: 1})
    # without paragraphs from the predictor they are taken from the offsets
    predicted = _interrupted_prediction()
    for q in predicted.quotes:
        q.paragraphs = None
    both = ev.score_article("toy", INTERRUPTED, _interrupted_gold(), predicted).counts["all"]
    assert (both.units, both.units_matched) == (2, {0.3: 2, 0.8: 2})


def test_classify_cue():
    assert ev.classify_cue("said") == "speech verb"
    assert ev.classify_cue("has called for") == "other predicate (criticized, endorsed, called for, ...)"
    assert ev.classify_cue("according to") == "according to"
    assert ev.classify_cue("believes") == "belief or intention"
    assert ev.classify_cue("shows") == "evidence (shows, found, cited)"
    assert ev.classify_cue("") == "no cue"


# ---------------------------------------------------------------------------
# A whole article scored on hand-made predictions

RAW = ("Clinton under fire\n\n"
       "“We are going to win,” Smith said on\nMonday.\n\n"
       "Officials said the plan was “dead on arrival” and would be dropped.\n\n"
       "The weather was nice.\n")


def _gold(raw: str) -> list:
    direct = ev.GoldAttribution("E1", spans_of(raw, "“We are going to win,”"), spans_of(raw, "Smith"),
                                spans_of(raw, "said on"), "direct")
    indirect = ev.GoldAttribution("E2", spans_of(raw, "the plan was “dead on arrival” and would be dropped"),
                                  spans_of(raw, "Officials"), spans_of(raw, "said the")[:1], "indirect")
    title = ev.GoldAttribution("E3", spans_of(raw, "Clinton under fire"), [], [], "indirect")
    return [direct, indirect, title]


def _prediction() -> "ev.PredictedArticle":
    paragraphs = ["“We are going to win,” Smith said on Monday.",
                  "Officials said the plan was “dead on arrival” and would be dropped.",
                  "The weather was nice."]
    body = "\n\n".join(paragraphs)

    def at(part: str, after: int = 0) -> tuple:
        start = body.index(part, after)
        return start, start + len(part)

    direct = ev.PredictedQuote(*at("We are going to win,"), "direct", at("Smith"), "John Smith", "said")
    indirect_start = body.index("the plan")
    indirect = ev.PredictedQuote(indirect_start, body.index(" and would"), "indirect", at("Officials said"), None,
                                 "said")
    partial = ev.PredictedQuote(*at("dead on arrival"), "partial", None, None, "")
    spurious = ev.PredictedQuote(*at("weather was nice"), "indirect", None, None, "")
    return ev.PredictedArticle(paragraphs, [direct, indirect, partial, spurious], "Clinton under fire")


def test_score_article_counts_and_speakers():
    result = ev.score_article("toy", RAW, _gold(RAW), _prediction())
    assert result.outside_body == 1  # the headline attribution is not scored
    direct, indirect, both = (result.counts[c] for c in ("direct", "indirect", "all"))
    assert (direct.gold, direct.predicted, direct.matched) == (1, 1, {0.3: 1, 0.8: 1})
    # indirect: the partial quote lies inside the indirect one and is dropped; the spurious one counts.
    # "the plan was dead on arrival" is 6 of the 10 gold tokens: a match at 0.3, not at 0.8.
    assert (indirect.gold, indirect.predicted, indirect.matched) == (1, 2, {0.3: 1, 0.8: 0})
    assert (both.gold, both.predicted, both.matched) == (2, 3, {0.3: 2, 0.8: 1})
    assert both.precision(0.3) == pytest.approx(2 / 3) and both.recall(0.3) == 1.0
    assert both.f1(0.8) == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    # speakers: "Smith" overlaps the gold source; the indirect speaker span "Officials said" overlaps "Officials".
    assert (both.pairs, both.pairs_with_speaker, both.judged, both.speaker_correct) == (2, 2, 2, 2)
    assert both.speaker_accuracy() == 1.0 and both.speaker_coverage() == 1.0
    assert [r["text"] for r in result.false_positives] == ["weather was nice"]
    assert result.misses == []


def test_score_article_wrong_and_missing_speaker():
    predicted = _prediction()
    body = predicted.text
    predicted.quotes[0].speaker_span = (body.index("Monday"), body.index("Monday") + 6)  # wrong
    predicted.quotes[1].speaker_span = None  # missing
    result = ev.score_article("toy", RAW, _gold(RAW), predicted)
    both = result.counts["all"]
    assert (both.pairs, both.pairs_with_speaker, both.judged, both.speaker_correct) == (2, 1, 1, 0)
    assert both.speaker_coverage() == 0.5 and both.speaker_end_to_end() == 0.0
    assert [r["type"] for r in result.false_positives].count("wrong_speaker") == 1


def test_score_article_reports_misses():
    predicted = _prediction()
    predicted.quotes = predicted.quotes[:1]
    result = ev.score_article("toy", RAW, _gold(RAW), predicted)
    assert [m["gold_kind"] for m in result.misses] == ["indirect"]
    assert result.misses[0]["source"] == "Officials"
    assert result.counts["indirect"].recall(0.3) == 0.0


def test_counts_add_up():
    a, b = ev.Counts(gold=2, predicted=3), ev.Counts(gold=1, predicted=1)
    a.matched[0.3], b.matched[0.3] = 1, 1
    a.units, b.units = 2, 1
    a.units_matched[0.8], b.units_matched[0.8] = 1, 1
    a.add(b)
    assert (a.gold, a.predicted, a.matched[0.3]) == (3, 4, 2)
    assert (a.units, a.units_matched) == (3, {0.3: 0, 0.8: 2})


def _paragraph_predictor(text, doc_id):
    """A stand-in for newsdoc: title line dropped, paragraphs folded, one direct quote per “...” pair."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    blocks = [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
    paragraphs = blocks[1:]
    body = "\n\n".join(paragraphs)
    quotes = []
    start = body.find("“")
    while start >= 0:
        end = body.find("”", start)
        quotes.append(ev.PredictedQuote(start + 1, end, "direct"))
        start = body.find("“", end)
    return ev.PredictedArticle(paragraphs, quotes, blocks[0], entities=1, mentions=2)


def test_run_polnear_and_bbc_with_a_predictor_hook(tmp_path):
    split = tmp_path / "polnear" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    raw = "Headline\n\n“We will\nwin,” Smith said.\n\nOfficials said the plan was dead.\n"
    (split / "text" / "a_story.txt").write_text(raw, encoding="utf-8")
    content = spans_of(raw, "“We will\nwin,”")[0]
    indirect = spans_of(raw, "the plan was dead")[0]
    ann = (f"T1\tContent {content[0]} {content[1]}\t“We will\nwin,”\n"
           f"T2\tSource {raw.index('Smith')} {raw.index('Smith') + 5}\tSmith\n"
           f"E1\tAttribution:T9 Content:T1 Source:T2\n"
           f"T3\tContent {indirect[0]} {indirect[1]}\tthe plan was dead\n"
           f"E2\tAttribution:T8 Content:T3\n")
    (split / "attributions" / "a_story_4e07.ann").write_text(ann, encoding="utf-8")
    (split / "attributions" / "a_story_ef2d.ann").write_text("", encoding="utf-8")  # a second annotator
    predictor_file = tmp_path / "my_predictor.py"
    predictor_file.write_text("def predict(text, doc_id):\n    raise RuntimeError('not used')\n")
    assert callable(ev.load_predictor(f"{predictor_file}:predict"))

    run = ev.run_polnear(_paragraph_predictor, "dev", root=tmp_path / "polnear")
    assert run.articles == 1 and run.annotators_dropped == 1 and not run.mapping_failures
    assert run.gold_kinds == {"direct": 1, "indirect": 1}
    assert (run.totals["direct"].gold, run.totals["direct"].matched[0.8]) == (1, 1)
    assert run.totals["all"].recall(0.3) == 0.5 and run.totals["all"].precision(0.3) == 1.0
    assert [m["text"] for m in run.misses] == ["the plan was dead"]

    bbc = tmp_path / "bbc" / "tech"
    bbc.mkdir(parents=True)
    (bbc / "001.txt").write_bytes("Title\n\n“Yes,” he said.\n".encode())
    (bbc / "002.txt").write_bytes(b"Caf\xe9 title\n\nNo quotes here.\n")  # a Latin-1 byte
    stats = ev.run_bbc(_paragraph_predictor, root=tmp_path / "bbc")
    assert stats.articles == 2 and stats.failures == [] and stats.quotes == 1
    assert (stats.entities, stats.mentions) == (2, 4)

    report = tmp_path / "accuracy.md"
    ev.write_report(report, "bench/eval.py --output accuracy.md", run, stats, None)
    text = report.read_text(encoding="utf-8")
    assert "| direct | 1 | 1 |" in text and ev.REVIEW_START in text
    # the attribution-unit score is the first table, the per-quote score the second
    assert text.index("| attribution units (headline) |") < text.index("| per quote (strict) |") \
        < text.index("| speakers (quotes matched at 0.3) |")
    assert "| all | 2 | 1 | 100.0 | 50.0 | 66.7 |" in text  # units: no speaker spans here, one unit per quote
    assert any(line.startswith("  all      units F1 66.7/66.7") for line in ev.summary_lines(run, stats))
    # a hand-written review between the markers survives regeneration
    report.write_text(text.replace("(not written yet)", "Reviewed by hand."), encoding="utf-8")
    ev.write_report(report, "bench/eval.py", run, stats, None, ev.kept_review(report))
    assert "Reviewed by hand." in report.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Real data


def test_reader_on_a_real_polnear_file():
    folder = POLNEAR / "dev"
    if not (folder / "attributions").is_dir():
        pytest.skip(f"PolNeAR not available: {folder} does not exist (shared corpora live in ../shared)")
    files = ev.annotation_files(folder / "attributions")
    assert len(files) == len(list((folder / "text").glob("*.txt")))
    name = sorted(files)[0]
    raw = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
    ann = files[name].read_text(encoding="utf-8")
    textbounds, _ = ev.read_brat(ann)
    for tb in textbounds.values():  # BRAT offsets are code points: each text equals its slice
        assert " ".join(raw[s:e] for s, e in tb.spans) == tb.text
    gold = ev.read_attributions(ann, raw)
    assert gold and all(g.content for g in gold)
    assert {g.kind for g in gold} <= {"direct", "indirect"}
