"""The input layer as Python sees it: ids, origins, duplicates, refusals, save and reopen."""

from __future__ import annotations

import json

import pytest

import newsdoc
from newsdoc.cli import main

from conftest import CORPORA, require


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


class TestIdentity:
    def test_bbc_loads_as_2225_unique_ids_with_their_paths(self):
        bbc = require(CORPORA / "bbc", "the BBC corpus")
        corpus = newsdoc.load(bbc, annotate=False)
        ids = [a.id for a in corpus]
        assert len(corpus) == 2225 and len(set(ids)) == 2225
        assert ids[0] == "business/001"
        article = corpus["sport/001"]
        assert article.origin == (str(bbc / "sport" / "001.txt"), 0)
        assert corpus.get("business/001").origin[0].endswith("business/001.txt")
        assert corpus["business/001"].title != corpus["sport/001"].title

    def test_idless_jsonl_records_are_named_by_file_and_line(self, tmp_path):
        path = write_jsonl(tmp_path / "news.jsonl", [{"title": "A"}, {"title": "B", "id": "given"}, {"title": "C"}])
        corpus = newsdoc.load(path, annotate=False)
        assert [a.id for a in corpus] == ["news:1", "given", "news:3"]
        assert [a.origin for a in corpus] == [(str(path), 1), (str(path), 2), (str(path), 3)]
        # Origins are load metadata: not written, not compared.
        assert "news.jsonl" not in corpus.dumps()
        assert newsdoc.loads('{"title": "B", "id": "given"}')[0] == corpus[1]
        assert newsdoc.loads('{"title": "B"}')[0].origin is None

    def test_origins_survive_annotation_and_transforms(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"title": "T", "paragraphs": ["“Yes,” said Anna Berg."]}])
        corpus = newsdoc.load(path, annotate=True)
        assert corpus[0].origin == (str(path), 1)
        assert corpus.normalize_quotes()[0].origin == (str(path), 1)

    def test_ids_false_keeps_ids_as_given(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"title": "A"}, {"title": "B"}])
        assert [a.id for a in newsdoc.load(path, ids=False, annotate=False)] == ["", ""]

    def test_lookup_by_id_position_list(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"id": f"x{i}", "title": f"T{i}"} for i in range(5)])
        corpus = newsdoc.load(path, annotate=False)
        assert corpus["x3"].title == "T3"
        assert corpus.get("x9") is None and corpus.get("x9", 0) == 0
        with pytest.raises(KeyError):
            corpus["x9"]
        picked = corpus[[4, "x0", -1]]
        assert isinstance(picked, newsdoc.Corpus) and [a.id for a in picked] == ["x4", "x0", "x4"]

    def test_duplicates_are_an_error_or_keep_the_first(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "A"}, {"id": "x", "title": "B"},
                                                  {"id": "y", "title": "C"}])
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.load(path, annotate=False)
        assert info.value.line == 2 and info.value.pointer == "/id" and 'duplicate id "x"' in str(info.value)
        corpus = newsdoc.load(path, on_error="skip", annotate=False)
        assert [a.title for a in corpus] == ["A", "C"]
        assert [(e.line, e.pointer) for e in corpus.errors] == [(2, "/id")]

    def test_duplicates_across_files_of_a_folder(self, tmp_path):
        write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "A"}])
        write_jsonl(tmp_path / "b.jsonl", [{"id": "x", "title": "B"}])
        with pytest.raises(newsdoc.SchemaError, match="a.jsonl:1"):
            newsdoc.load(tmp_path, annotate=False)

    def test_a_list_of_paths_and_a_glob(self, tmp_path):
        write_jsonl(tmp_path / "a.jsonl", [{"title": "A"}])
        write_jsonl(tmp_path / "b.jsonl", [{"title": "B"}])
        assert [a.id for a in newsdoc.load([tmp_path / "b.jsonl", tmp_path / "a.jsonl"], annotate=False)] == ["b:1", "a:1"]
        assert [a.id for a in newsdoc.load(str(tmp_path / "*.jsonl"), annotate=False)] == ["a:1", "b:1"]

    def test_a_missing_file_is_file_not_found_and_a_newsdoc_error(self, tmp_path):
        missing = tmp_path / "missing.jsonl"
        with pytest.raises(FileNotFoundError) as info:
            newsdoc.load(missing)
        assert isinstance(info.value, newsdoc.NewsdocError) and isinstance(info.value, newsdoc.ReadError)
        assert info.value.filename == str(missing) and str(info.value) == f"{missing}: No such file or directory"


class TestRefusals:
    def test_an_executable_named_txt_is_a_read_error(self, tmp_path):
        junk = tmp_path / "junk.txt"
        junk.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(300) + b"\x93quoted\x94 text")
        with pytest.raises(newsdoc.ReadError) as info:
            newsdoc.load(junk)
        assert info.value.path == str(junk) and "not a text file" in str(info.value)

    def test_a_folder_of_junk_skips_it_and_a_folder_of_only_junk_is_an_error(self, tmp_path):
        (tmp_path / "junk.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
        with pytest.raises(newsdoc.NewsdocError, match="nothing loaded"):
            newsdoc.load(tmp_path, on_error="skip")
        (tmp_path / "good.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
        corpus = newsdoc.load(tmp_path, on_error="skip", annotate=False)
        assert [a.id for a in corpus] == ["good"]
        assert [type(e) for e in corpus.errors] == [newsdoc.ReadError]
        assert corpus.errors[0].path == str(tmp_path / "junk.txt")

    def test_cli_exit_status_2_when_nothing_loads(self, tmp_path, capsys):
        (tmp_path / "junk.txt").write_bytes(bytes(1000))
        assert main(["stats", str(tmp_path), "--on-error", "skip"]) == 2
        assert "nothing loaded" in capsys.readouterr().err

    def test_a_mapping_that_finds_nothing_is_a_schema_error(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"headline": "A", "story": "x"}, {"headline": "B", "story": "y"}])
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.load(path, mapping="news-please")
        assert info.value.line == 1 and "headline, story" in str(info.value)

    def test_a_line_over_the_limit_is_a_parse_error_naming_it(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"title": "A"}, {"title": "x" * 5000}, {"title": "C"}])
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(path, max_record_bytes=1000)
        assert (info.value.path, info.value.line) == (str(path), 2) and "max_record_bytes" in str(info.value)
        corpus = newsdoc.load(path, max_record_bytes=1000, on_error="skip", annotate=False)
        assert [a.title for a in corpus] == ["A", "C"]


class TestSaveAndReopen:
    def test_save_and_load_round_trip(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [{"title": "A", "paragraphs": ["“Yes,” said Anna Berg."],
                                                   "published": "2019-03-05"}, {"title": "B"}])
        corpus = newsdoc.load(path)
        corpus.save(tmp_path / "a.ndc")
        again = newsdoc.load(tmp_path / "a.ndc")
        assert len(again) == 2 and all(x == y for x, y in zip(corpus, again))
        assert again.dumps() == corpus.dumps()
        (tmp_path / "other.bin").write_bytes((tmp_path / "a.ndc").read_bytes())  # the magic decides, not the name
        assert newsdoc.load(tmp_path / "other.bin").dumps() == corpus.dumps()

    def test_a_corrupted_file_is_a_parse_error(self, tmp_path):
        corpus = newsdoc.loads('{"title": "A", "paragraphs": ["Body."]}')
        corpus.save(tmp_path / "a.ndc")
        data = bytearray((tmp_path / "a.ndc").read_bytes())
        data[-3] ^= 0xFF
        (tmp_path / "a.ndc").write_bytes(bytes(data))
        with pytest.raises(newsdoc.ParseError, match="checksum"):
            newsdoc.load(tmp_path / "a.ndc")

    def test_cli_converts_to_and_from_it(self, tmp_path, capsys):
        path = write_jsonl(tmp_path / "a.jsonl", [{"title": "A", "paragraphs": ["Body."]}])
        assert main(["convert", str(path), "-o", str(tmp_path / "a.ndc"), "--no-annotate"]) == 0
        assert main(["convert", str(tmp_path / "a.ndc"), "-o", str(tmp_path / "b.jsonl")]) == 0
        assert (tmp_path / "b.jsonl").read_text(encoding="utf-8") == newsdoc.load(path, annotate=False).dumps()
