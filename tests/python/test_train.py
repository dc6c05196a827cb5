"""newsdoc.train and `newsdoc train`: tiny models from tests/data/train (two made-up articles as
CoreNLP JSONL, with their texts and BRAT cues in PolNeAR's layout), used through Annotator(models=...)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import newsdoc
from conftest import REPO, seed_file
from newsdoc import cli

FIXTURE = REPO / "tests" / "data" / "train"
CORENLP = FIXTURE / "corenlp" / "tiny.jsonl"
BRAT = FIXTURE / "tiny"
MODEL_FILES = ("pos.ndm", "ner.ndm", "ner-doc.ndm", "cue.ndm", "attribution.ndm", "attribution-cued.ndm", "coref.ndm")


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny-models")
    newsdoc.train(CORENLP, out, epochs=8, seed=1)
    return out


def entities(article: newsdoc.Article) -> list:
    return [(e.name, e.type) for e in article.entities]


def test_train_writes_every_component_and_reports(tmp_path):
    lines = []
    report = newsdoc.train([CORENLP], tmp_path / "m", dev=CORENLP, progress=lines.append)
    assert report.components == ["pos", "ner", "ner-doc", "cue", "attribution", "attribution-cued", "coref"]
    assert [m.tokens for m in report.trained] == [74] * 7
    assert report.trained[0].path == str(tmp_path / "m" / "pos.ndm")
    assert report.skipped == [] and report.pos_model == "" and report.documents == 2
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == sorted(MODEL_FILES)
    # the perceptron memorises its two articles; ner's score is its second pass (ner-doc), which
    # learns from out-of-fold first-pass labels (one article's model on the other) and so need not
    assert report.dev["pos"] == {"accuracy": 100.0, "tokens": 74.0}
    assert report.dev["ner"]["f1"] >= 90.0 and report.dev["ner"]["LOCATION_f1"] == 100.0
    assert report.dev["cue"]["span_f1"] == 100.0
    assert any(line.startswith("pos: trained on 6 sentences") for line in lines)
    assert "dev pos: accuracy 100.0" in str(report)


def test_annotator_uses_the_trained_models(tiny_models):
    text = (BRAT / "text" / "tiny_a1.txt").read_text(encoding="utf-8")
    article = newsdoc.parse_text(text, annotate=False)
    with_models = newsdoc.Annotator(models=tiny_models).annotate(article)
    assert with_models.entities and newsdoc.Annotator(models=tiny_models).models == str(tiny_models)
    # the rules alone take "Brightwater Logistics" for a person; the tiny model learnt an organisation
    assert entities(with_models) == [("Elena Vasquez", "PERSON"), ("Brightwater Logistics", "ORG"),
                                     ("Port Aldane", "GPE")]
    assert ("Brightwater Logistics", "PERSON") in entities(newsdoc.Annotator().annotate(article))


def test_the_same_seed_gives_the_same_bytes(tiny_models, tmp_path):
    newsdoc.train(str(CORENLP), tmp_path, epochs=8, seed=1)
    for name in MODEL_FILES:
        assert (tmp_path / name).read_bytes() == (tiny_models / name).read_bytes(), name


def test_brat_and_newsdoc_inputs_train_cues_and_entities_on_a_given_pos_tagger(tiny_models, tmp_path):
    report = newsdoc.train([BRAT, seed_file(".json")], tmp_path, components="ner,cue",
                           pos_model=tiny_models / "pos.ndm", dev=BRAT)
    assert report.components == ["ner", "ner-doc", "cue"]
    assert report.pos_model == str(tiny_models / "pos.ndm")
    assert report.trained[2].documents == 3  # two BRAT articles and the seed
    assert (tmp_path / "pos.ndm").read_bytes() == (tiny_models / "pos.ndm").read_bytes()
    assert report.dev["cue"]["token_f1"] == 100.0
    newsdoc.Annotator(models=tmp_path)  # a complete folder for the annotator


def test_missing_components_are_not_written_and_loading_names_the_file(tmp_path):
    report = newsdoc.train(BRAT, tmp_path, pos_model=REPO / "models" / "pos.ndm")
    assert report.components == ["cue", "attribution", "attribution-cued"]
    assert report.skipped == ["pos: the inputs hold no POS tags (CoreNLP input)",
                              "ner: the inputs hold no entities (CoreNLP or newsdoc input)",
                              "coref: the inputs hold no coreference chains (CoreNLP input)"]
    assert not (tmp_path / "ner.ndm").exists()
    with pytest.raises(newsdoc.NotFoundError, match="ner.ndm"):
        newsdoc.Annotator(models=tmp_path)


def test_bad_inputs_and_settings(tmp_path):
    with pytest.raises(newsdoc.NotFoundError) as missing:
        newsdoc.train(tmp_path / "nope.jsonl", tmp_path / "out")
    assert missing.value.path == str(tmp_path / "nope.jsonl")
    with pytest.raises(newsdoc.ModelError, match="no .ann file") as folder:
        newsdoc.train(REPO / "seeds", tmp_path / "out")
    assert folder.value.path == str(REPO / "seeds") and isinstance(folder.value, newsdoc.NewsdocError)
    with pytest.raises(newsdoc.ModelError, match=r"^pos: the inputs hold no POS tags"):
        newsdoc.train(BRAT, tmp_path / "out", components=["pos"])
    with pytest.raises(ValueError, match="unknown model component 'parser'"):
        newsdoc.train(CORENLP, tmp_path / "out", components=["parser"])
    with pytest.raises(ValueError, match="epochs"):
        newsdoc.train(CORENLP, tmp_path / "out", epochs=0)
    with pytest.raises(TypeError, match="progress"):
        newsdoc.train(CORENLP, tmp_path / "out", progress="loud")
    assert not (tmp_path / "out" / "pos.ndm").exists()


def test_model_error_is_raised_for_a_corrupt_model_and_pickles(tiny_models, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in MODEL_FILES:
        (broken / name).write_bytes((tiny_models / name).read_bytes())
    data = bytearray((broken / "ner.ndm").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (broken / "ner.ndm").write_bytes(bytes(data))
    with pytest.raises(newsdoc.ModelError) as error:
        newsdoc.Annotator(models=broken)
    assert error.value.path == str(broken / "ner.ndm")
    again = pickle.loads(pickle.dumps(error.value))
    assert type(again) is newsdoc.ModelError and again.path == error.value.path and str(again) == str(error.value)


def test_cli_train(tmp_path, capsys):
    out = tmp_path / "cli-models"
    assert cli.main(["train", str(CORENLP), "--out", str(out), "--dev", str(CORENLP), "--seed", "1",
                     "--components", "pos,ner", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "pos: 6 sentences, 74 tokens" in captured.out and "dev ner: f1 91.7" in captured.out
    assert sorted(p.name for p in out.iterdir()) == ["ner-doc.ndm", "ner.ndm", "pos.ndm"]
    assert cli.main(["train", str(CORENLP), "--out", str(out), "--components", "pos", "--format", "json",
                     "--quiet"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [m["component"] for m in report["trained"]] == ["pos"]


@pytest.mark.parametrize("argv, message", [
    (["train", "missing.jsonl", "--out", "{out}"], "newsdoc: error: missing.jsonl: training input not found"),
    (["train", str(CORENLP), "--out", "{out}", "--components", "pos,parser"],
     "newsdoc: error: unknown model component 'parser' (components: pos, ner, cue, attribution, coref)"),
    (["train", str(BRAT), "--out", "{out}", "--components", "pos"],
     "newsdoc: error: pos: the inputs hold no POS tags (CoreNLP input) to train it on"),
    (["train", str(CORENLP), "--out", "{out}", "--epochs", "0"],
     "newsdoc: error: epochs must be a positive integer, not 0"),
])
def test_cli_train_bad_input_exits_2(tmp_path, capsys, argv, message):
    argv = [a.replace("{out}", str(tmp_path / "out")) for a in argv]
    assert cli.main(argv + ["--quiet"]) == 2
    assert capsys.readouterr().err.strip() == message


def test_cli_train_in_a_child_process_shows_progress(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsdoc", "train", str(BRAT), "--out", str(tmp_path),
                             "--pos-model", str(REPO / "models" / "pos.ndm")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "cue: trained on" in result.stderr and "not trained: ner" in result.stdout


def test_setup_packages_the_shipped_models_with_the_python_package(tmp_path):
    # pip builds the wheel through setup.py; its build_py puts models/*.ndm in newsdoc/models,
    # where default_models_directory() finds them once installed.
    result = subprocess.run([sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(tmp_path),
                             "build_py", "--build-lib", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    packaged = sorted(p.name for p in (tmp_path / "newsdoc" / "models").glob("*.ndm"))
    assert packaged == sorted(p.name for p in (REPO / "models").glob("*.ndm"))
    assert (tmp_path / "newsdoc" / "_train.py").exists()
