"""The plain-text importer: parse_text, read_text and load() of .txt files."""

from __future__ import annotations

import pytest

import newsdoc

from conftest import CORPORA, require, seed_file


def test_parse_text_title_paragraphs_tags_furniture():
    a = newsdoc.parse_text("Talks\n\nThe talks\nwent on.\n\n“Yes,” he said.\n\n\u00a0 Syria, Russia\n\nComments",
                           id="t1")
    assert a.id == "t1"
    assert a.title == "Talks"
    assert [p.text for p in a.paragraphs] == ["The talks went on.", "“Yes,” he said."]
    assert a.tags == ["Syria", "Russia"]
    assert a.meta == {"boilerplate": ["Comments"]}
    assert all(a.text[p.start:p.end] == p.text for p in a.paragraphs)


def test_parse_text_bytes_with_a_latin1_byte_is_repaired_and_flagged():
    a = newsdoc.parse_text(b"Fee\n\nA \xa315.8m signing.")
    assert a.paragraphs[0].text == "A £15.8m signing."
    assert a.meta == {"decoding": {"fallback": "windows-1252", "bytes": 1}}


def test_read_text_of_the_seed_gives_its_canonical_json():
    article = newsdoc.read_text(seed_file(".txt"))
    assert article.id == "000_0eafb7a6a491ae43"
    assert article.to_json() + "\n" == seed_file(".json").read_text(encoding="utf-8")


def test_load_reads_txt_files_and_directories(tmp_path):
    (tmp_path / "b.txt").write_text("Second\n\nBody two.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Third\n\nBody three.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"title": "First"}\n', encoding="utf-8")
    corpus = newsdoc.load(tmp_path)
    assert [a.title for a in corpus] == ["First", "Second", "Third"]
    # Ids from the path relative to the folder, without suffix; a JSONL record's from its file and line.
    assert [a.id for a in corpus] == ["a:1", "b", "sub/a"]
    assert corpus["sub/a"].origin == (str(tmp_path / "sub" / "a.txt"), 0)
    assert newsdoc.load(tmp_path / "b.txt")[0].paragraphs[0].text == "Body two."


def test_read_text_missing_file():
    with pytest.raises(FileNotFoundError):
        newsdoc.read_text("/nonexistent/article.txt")


def test_read_text_of_a_directory_is_a_read_error(tmp_path):
    with pytest.raises(newsdoc.ReadError) as info:
        newsdoc.read_text(tmp_path)
    assert info.value.path == str(tmp_path) and str(info.value) == f"{tmp_path}: Is a directory"


def _words(text: str) -> list:
    return text.split()


def test_bbc_corpus_loads_whole_and_loses_no_text():
    bbc = require(CORPORA / "bbc", "the BBC corpus")
    corpus = newsdoc.load(bbc)
    assert len(corpus) == 2225
    repaired = [a for a in corpus if "decoding" in a.meta]
    assert [a.id for a in repaired] == ["sport/199"] and "£15.8m" in repaired[0].text
    assert all(a.title and a.paragraphs for a in corpus)
    # Every word of every file is in the title, the body, the tags or the furniture, in order.
    files = sorted(p for p in bbc.rglob("*.txt"))
    for path, article in zip(files, corpus):
        raw = path.read_bytes()
        text = raw.decode("utf-8") if "decoding" not in article.meta else raw.decode("cp1252")
        kept = [article.title, article.text, ", ".join(article.tags), *article.meta.get("boilerplate", [])]
        assert _words(text) == _words(" ".join(kept)), path
