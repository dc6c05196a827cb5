"""The annotator with the trained models (``Annotator(models=...)``, opt-in): entities from the learned
tagger, reported speech the rules miss from the attribution taggers, quotation marks as without; clear errors for a missing or corrupt models folder. The C++ side is
tested in tests/cpp/test_annotate.cpp (LearnedEntities)."""

from __future__ import annotations

import shutil

import pytest

import newsdoc
import json

from conftest import GOLD_SEED, REPO, require, seed_file

MODELS = REPO / "models"
needs_models = pytest.mark.skipif(not (MODELS / "ner.ndm").exists(),
                                  reason=f"the shipped models are absent ({MODELS} has no ner.ndm): `make train`")

TEXT = ("Title\n\nOfficials of the Department of Corrections met Bashar al-Assad in Damascus on Tuesday.\n\n"
        "“We will not leave,” Assad told reporters.")


def entities(article) -> dict:
    return {e.name: (e.type, len(e.mentions)) for e in article.entities}


def test_default_annotator_has_no_models() -> None:
    assert newsdoc.Annotator().models is None
    assert "models" not in repr(newsdoc.Annotator())


@needs_models
def test_models_find_and_type_entities_and_speakers_stay() -> None:
    annotator = newsdoc.Annotator(models=str(MODELS))
    assert annotator.models == str(MODELS.resolve())
    article = newsdoc.parse_text(TEXT, annotator=annotator)
    found = entities(article)
    assert found["Department of Corrections"] == ("ORG", 1)  # the rules say PERSON
    assert found["Bashar al-Assad"] == ("PERSON", 2)  # "Assad" links to the full name
    assert found["Damascus"] == ("GPE", 1)  # the gazetteer's entry
    [quote] = [q for q in article.quotes if q.kind == "direct"]
    assert quote.speaker.name == "Bashar al-Assad"
    rules = entities(newsdoc.parse_text(TEXT))
    assert rules["Department of Corrections"][0] == "PERSON"


@needs_models
def test_models_load_once_and_annotate_a_corpus_on_threads() -> None:
    a, b = newsdoc.Annotator(models=MODELS), newsdoc.Annotator(models=str(MODELS) + "/")
    corpus = newsdoc.Corpus([newsdoc.parse_text(TEXT, annotate=False)] * 4)
    one = a.annotate(corpus, threads=1)
    two = b.annotate(corpus, threads=2)
    assert [entities(x) for x in one] == [entities(x) for x in two]


def test_missing_models_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(newsdoc.NotFoundError, match="models folder not found"):
        newsdoc.Annotator(models=tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match="pos.ndm"):
        newsdoc.Annotator(models=tmp_path)
    with pytest.raises(TypeError):
        newsdoc.Annotator(models=3)


@needs_models
def test_corrupt_model_is_a_clear_error(tmp_path) -> None:
    for name in ("pos.ndm", "ner-doc.ndm"):
        shutil.copy(MODELS / name, tmp_path / name)
    data = bytearray((MODELS / "ner.ndm").read_bytes())
    data[len(data) // 2] ^= 0x40
    (tmp_path / "ner.ndm").write_bytes(bytes(data))
    with pytest.raises(newsdoc.NewsdocError, match="ner.ndm"):
        newsdoc.Annotator(models=tmp_path)


@needs_models
def test_attribution_taggers_add_reported_speech_the_rules_miss() -> None:
    if not (MODELS / "attribution-cued.ndm").exists():
        pytest.skip(f"{MODELS} has no attribution-cued.ndm: `make train`")
    text = "Title\n\nClinton supporters have also questioned the health of Donald Trump, who is 70."
    assert len(newsdoc.parse_text(text).quotes) == 0  # "questioned" is no speech verb of the rules
    article = newsdoc.parse_text(text, annotator=newsdoc.Annotator(models=MODELS))
    [quote] = article.quotes
    assert quote.kind == "indirect"
    assert quote.text.startswith("the health of Donald Trump")
    assert quote.cue == "have also questioned"
    assert quote.speaker_text is not None and "Clinton" in quote.speaker_text
    [statement] = article.attributions
    assert statement.cue == "have also questioned"
    # quotation marks stay the rules': the direct quote and its speaker are the same with models
    marked = "Title\n\n“We will not leave,” Assad told reporters, who had criticized the plan for weeks."
    rules = [(q.kind, q.text, q.speaker_text) for q in newsdoc.parse_text(marked).quotes if q.kind == "direct"]
    learned = newsdoc.parse_text(marked, annotator=newsdoc.Annotator(models=MODELS)).quotes
    assert [(q.kind, q.text, q.speaker_text) for q in learned if q.kind == "direct"] == rules


@needs_models
def test_seed_gold_holds_with_models() -> None:
    """Issue 11: no regression on the seed gold with every model on: the 12 gold quotes with their
    speakers, and every gold entity (the 5 tagged and 8 others) with its type and body mentions."""
    gold = json.loads(require(GOLD_SEED, "the seed gold").read_text(encoding="utf-8"))
    article = newsdoc.parse_text(seed_file(".txt").read_text(encoding="utf-8"),
                                 annotator=newsdoc.Annotator(models=MODELS))

    def norm(text: str) -> str:
        return text.strip().rstrip(",.;:").strip()

    found = {(q.paragraphs[0], norm(q.text)): q for q in article.quotes}
    for quote in gold["quotes"]:
        q = found.get((quote["paragraph"], norm(quote["text"])))
        assert q is not None, quote["text"]
        assert q.speaker is not None and q.speaker.name == quote["speaker"], quote["text"]
    entities = {(e.name, e.type): len(e.mentions) for e in article.entities}
    for entity in gold["entities"]:
        assert entities.get((entity["name"], entity["type"])) == entity["body_mentions"], entity
