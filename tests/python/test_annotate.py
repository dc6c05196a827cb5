"""The annotator from Python: the seed article against its gold annotations, configuration, and the
``annotate=`` rule of loading. The rules themselves are tested case by case in tests/cpp/test_annotate.cpp."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

import newsdoc
from conftest import REPO, seed_file

GOLD = json.loads((REPO / "tests" / "data" / "seed_gold.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    """Quote text compared as the gold file says: whitespace and trailing ,.;: aside."""
    return text.strip().rstrip(",.;:").strip()


@pytest.fixture(scope="module")
def seed() -> newsdoc.Article:
    return newsdoc.read_text(seed_file(".txt"))


def marked_quotes(article):
    return [q for q in article.quotes if q.kind != "indirect"]


# --- The acceptance test: the seed article matches the gold file ---------------------------------

def test_seed_paragraphs_and_tags(seed):
    assert len(seed.paragraphs) == GOLD["body_paragraph_count"] == 12
    assert seed.tags == GOLD["tags"]


def test_seed_quotes_match_gold_exactly(seed):
    found = []
    for q in marked_quotes(seed):
        first, _ = q.paragraphs
        paragraph = seed.paragraphs[first]
        found.append({
            "paragraph": first,
            "start": q.start - paragraph.start,
            "end": q.end - paragraph.start,
            "text": norm(q.text),
            "speaker": q.speaker.name if q.speaker else None,
            "cue": q.cue.lower(),
            "partial": q.kind == "partial",
        })
    expected = [{**g, "text": norm(g["text"])} for g in GOLD["quotes"]]
    assert found == expected


def test_buk_is_not_speech(seed):
    for item in GOLD["not_speech"]:
        assert all(norm(q.text) != item["text"] for q in seed.quotes)


def test_seed_tagged_entities(seed):
    by_name = {e.name: e for e in seed.entities}
    for tag_entity in GOLD["entities"][:5]:
        entity = by_name.get(tag_entity["name"])
        assert entity is not None, tag_entity["name"]
        assert entity.type == tag_entity["type"]
        assert len(entity.mentions) == tag_entity["body_mentions"], tag_entity["name"]
        assert entity.aliases == tag_entity["aliases"]


def test_seed_other_entities(seed):
    by_name = {e.name: e for e in seed.entities}
    others = GOLD["entities"][5:]
    found = [g["name"] for g in others
             if g["name"] in by_name and by_name[g["name"]].type == g["type"]
             and len(by_name[g["name"]].mentions) == g["body_mentions"]]
    assert len(found) >= 6, f"found {found} of {[g['name'] for g in others]}"


def test_seed_json_is_the_annotated_import(seed):
    """seeds/*.json is what the importer and annotator make of seeds/*.txt."""
    stored = newsdoc.load(seed_file(".json"), annotate=False)[0]
    assert stored.to_json() == seed.to_json()


def test_seed_spans_are_consistent(seed):
    text = seed.text
    for view in list(seed.quotes) + list(seed.mentions):
        assert text[view.start:view.end] == view.text
    for q in seed.quotes:
        if q.speaker_span is not None:
            assert text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_text
            if q.speaker is not None and q.speaker_text.lower() not in ("he", "she"):
                assert any(m.start == q.speaker_span[0] for m in q.speaker.mentions)


# --- Configuration ---------------------------------------------------------------------------------

def test_user_cues_and_gazetteer():
    annotator = newsdoc.Annotator(cues=["bellow"], gazetteer=[("Acme Widgets", "ORG", ["Acme"])])
    assert {"bellow", "bellows", "bellowed", "bellowing"} <= set(annotator.cues)
    article = annotator.annotate(newsdoc.Article(paragraphs=["“Go away,” Acme bellowed."]))
    (quote,) = article.quotes
    assert (quote.text, quote.kind, quote.cue) == ("Go away,", "direct", "bellowed")
    assert quote.speaker.name == "Acme Widgets" and quote.speaker.type == "ORG"
    assert quote.speaker_text == "Acme"


def test_default_annotator_does_not_know_user_cues():
    article = newsdoc.annotate(newsdoc.Article(paragraphs=["“Go away,” Smith bellowed."]))
    assert article.quotes[0].speaker_span is None


def test_passes_can_be_switched_off():
    article = newsdoc.Article(paragraphs=["“We won,” Smith said in Syria.", "Jones said the war was over."])
    only_quotes = newsdoc.Annotator(indirect=False, entities=False).annotate(article)
    assert [q.kind for q in only_quotes.quotes] == ["direct"]
    assert only_quotes.entities == ()
    no_quotes = newsdoc.Annotator(quotes=False, indirect=False).annotate(article)
    assert no_quotes.quotes == () and [e.name for e in no_quotes.entities] == ["Syria"]
    assert newsdoc.Annotator(entities=False).options == {
        "quotes": True, "indirect": True, "entities": False, "builtin_lists": True}


def test_bad_configuration_is_refused():
    with pytest.raises(ValueError):
        newsdoc.Annotator().add_cue("  ")
    with pytest.raises(ValueError):
        newsdoc.Annotator().add_entity("", "ORG")
    with pytest.raises(TypeError):
        newsdoc.annotate("not an article")
    with pytest.raises(ValueError):
        newsdoc.annotate(newsdoc.Corpus(), threads=0)


def test_annotate_keeps_metadata_and_replaces_annotations(seed):
    article = newsdoc.Article(id="x", title="T", source="S", authors=["A"], tags=["Smith"],
                              paragraphs=["“Yes,” Smith said."], meta={"k": [1]})
    again = newsdoc.annotate(newsdoc.annotate(article))
    assert (again.id, again.title, again.source, again.authors, again.tags, again.meta) == (
        "x", "T", "S", ["A"], ["Smith"], {"k": [1]})
    assert [q.text for q in again.quotes] == ["Yes,"]


# --- Loading with annotate= ------------------------------------------------------------------------

@pytest.fixture
def mixed_jsonl(tmp_path: Path) -> Path:
    annotated = newsdoc.read_text(seed_file(".txt"))
    by_hand = newsdoc.Article(id="hand", paragraphs=["“Hi,” Ann said."], quotes=[
        {"start": 1, "end": 4, "kind": "direct"}])
    plain = newsdoc.Article(id="plain", paragraphs=["“Hi,” Ann said."])
    path = tmp_path / "mixed.jsonl"
    newsdoc.Corpus([annotated, by_hand, plain]).to_jsonl(path)
    return path


def test_load_annotates_only_articles_without_annotations(mixed_jsonl):
    corpus = newsdoc.load(mixed_jsonl)
    assert [len(a.quotes) for a in corpus] == [len(newsdoc.read_text(seed_file(".txt")).quotes), 1, 1]
    assert corpus[1].quotes[0].speaker is None          # kept as stored
    assert corpus[2].quotes[0].speaker_text == "Ann"    # found by the annotator


def test_load_annotate_true_forces_and_false_skips(mixed_jsonl):
    assert newsdoc.load(mixed_jsonl, annotate=True)[1].quotes[0].speaker_text == "Ann"
    assert newsdoc.load(mixed_jsonl, annotate=False)[2].quotes == ()
    with pytest.raises(ValueError):
        newsdoc.load(mixed_jsonl, annotate="yes")


@pytest.mark.parametrize("annotate, speakers", [
    ("missing", [None, "Ann"]), (None, [None, "Ann"]),   # the hand-made quote kept, the plain article annotated
    ("all", ["Ann", "Ann"]), (True, ["Ann", "Ann"]),     # both annotated anew
])
def test_load_and_loads_take_the_cpp_mode_names(mixed_jsonl, annotate, speakers):
    """"missing" and "all" as C++'s AnnotateMode names them; None and True are their short forms."""
    from_file = newsdoc.load(mixed_jsonl, annotate=annotate)
    from_text = newsdoc.loads(mixed_jsonl.read_text(encoding="utf-8"), annotate=annotate)
    for corpus in (from_file, from_text):
        assert [corpus[i].quotes[0].speaker_text for i in (1, 2)] == speakers


def test_the_mode_names_come_from_cpp():
    assert newsdoc._core.ANNOTATE_MODES == ("missing", "all")


def test_load_and_loads_annotate_false_annotates_nothing(mixed_jsonl):
    from_file = newsdoc.load(mixed_jsonl, annotate=False)
    from_text = newsdoc.loads(mixed_jsonl.read_text(encoding="utf-8"), annotate=False)
    for corpus in (from_file, from_text):
        assert [len(a.quotes) for a in corpus][1:] == [1, 0]
        assert corpus[1].quotes[0].speaker_text is None


@pytest.mark.parametrize("annotate", ["missing", "all", None, True])
def test_text_and_frames_take_the_mode_names(tmp_path, annotate):
    (tmp_path / "a.txt").write_text("Title\n\n“Hi,” Ann said.\n", encoding="utf-8")
    assert newsdoc.read_text(tmp_path / "a.txt", annotate=annotate).quotes[0].speaker_text == "Ann"
    assert newsdoc.parse_text("Title\n\n“Hi,” Ann said.", annotate=annotate).quotes[0].speaker_text == "Ann"
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"text": ["“Hi,” Ann said."]})
    assert newsdoc.Corpus.from_pandas(frame, annotate=annotate)[0].quotes[0].speaker_text == "Ann"


@pytest.mark.parametrize("annotate", ["yes", "none", "All", 1, 0])
def test_a_bad_annotate_value_lists_the_accepted_ones(tmp_path, mixed_jsonl, annotate):
    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    accepted = 'annotate must be "missing", "all", None (as "missing"), True (as "all") or False (none)'
    for read in (lambda: newsdoc.load(mixed_jsonl, annotate=annotate),
                 lambda: newsdoc.loads('{"paragraphs": ["Text."]}', annotate=annotate),
                 lambda: newsdoc.read_text(tmp_path / "a.txt", annotate=annotate),
                 lambda: newsdoc.parse_text("Title\n\nText.", annotate=annotate)):
        with pytest.raises(ValueError, match=re.escape(f"{accepted}, not {annotate!r}")):
            read()


def test_loads_and_text_files_follow_the_same_rule(tmp_path):
    assert newsdoc.loads('{"paragraphs": ["“Hi,” Ann said."]}')[0].quotes[0].cue == "said"
    assert newsdoc.loads('{"paragraphs": ["“Hi,” Ann said."]}', annotate=False)[0].quotes == ()
    (tmp_path / "a.txt").write_text("Title\n\n“Hi,” Ann said.\n", encoding="utf-8")
    assert newsdoc.load(tmp_path)[0].quotes[0].speaker_text == "Ann"
    assert newsdoc.parse_text("Title\n\n“Hi,” Ann said.", annotate=False).quotes == ()


def test_threads_give_the_same_corpus():
    articles = [newsdoc.Article(id=str(i), paragraphs=[f"“Number {i},” Smith said in Paris."]) for i in range(500)]
    corpus = newsdoc.Corpus(articles)
    one = newsdoc.annotate(corpus, threads=1)
    many = newsdoc.annotate(corpus, threads=4)
    assert one.dumps() == many.dumps()
    assert one[499].quotes[0].text == "Number 499,"


def test_python_threads_annotate_concurrently():
    """The GIL is released while annotating: threads sharing one Annotator all finish with equal results."""
    corpus = newsdoc.Corpus([newsdoc.read_text(seed_file(".txt"))] * 200)
    annotator = newsdoc.Annotator()
    results = [None] * 4

    def work(k: int) -> None:
        results[k] = annotator.annotate(corpus, threads=1).dumps()

    workers = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(set(results)) == 1 and results[0]
