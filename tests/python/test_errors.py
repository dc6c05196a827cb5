"""Errors: classes, locations, messages, on_error="skip", malformed and hostile input."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import newsdoc
from conftest import REPO, crashed, run_python


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


class TestClasses:
    def test_hierarchy(self):
        assert issubclass(newsdoc.ParseError, newsdoc.NewsdocError)
        assert issubclass(newsdoc.ParseError, ValueError)
        assert issubclass(newsdoc.SchemaError, newsdoc.NewsdocError)
        assert issubclass(newsdoc.SchemaError, ValueError)
        assert issubclass(newsdoc.ReadError, newsdoc.NewsdocError)
        assert issubclass(newsdoc.ReadError, OSError)
        assert issubclass(newsdoc.NewsdocError, Exception)
        assert not issubclass(newsdoc.ParseError, newsdoc.SchemaError)

    def test_errors_pickle(self):
        try:
            newsdoc.loads('{"title":"a"}\n{"title": x}')
        except newsdoc.ParseError as error:
            again = pickle.loads(pickle.dumps(error))
            assert type(again) is newsdoc.ParseError
            assert (again.path, again.line, again.column, again.offset, again.reason, str(again)) == (
                error.path, error.line, error.column, error.offset, error.reason, str(error))
        try:
            newsdoc.loads('{"title": 3}')
        except newsdoc.SchemaError as error:
            again = pickle.loads(pickle.dumps(error))
            assert type(again) is newsdoc.SchemaError and again.pointer == "/title" and str(again) == str(error)


class TestParseError:
    def test_location_in_a_jsonl_file(self, tmp_path):
        path = write(tmp_path / "corpus.jsonl", '{"title":"a"}\n{"title":"b"}\n{"title": x}\n{"title":"d"}\n')
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(path)
        error = info.value
        assert isinstance(error, newsdoc.NewsdocError) and isinstance(error, ValueError)
        assert Path(error.path).name == "corpus.jsonl"
        assert error.path == str(path)
        assert error.line == 3
        assert error.column == len('{"title": ') + 1 == 11
        assert error.offset == len('{"title":"a"}\n{"title":"b"}\n{"title": ') == 38
        assert error.reason
        assert str(error) == f"{error.path}:{error.line}:{error.column}: {error.reason}"

    def test_message_format_in_memory(self):
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.loads('{"title":"a"}\n\n  {"title" "b"}\n')
        error = info.value
        assert error.path == "<string>"
        assert error.line == 3
        assert error.column >= 3
        assert re.fullmatch(r"<string>:3:\d+: .+", str(error))

    def test_location_in_a_json_file(self, tmp_path):
        path = write(tmp_path / "doc.json", '[\n  {"title": "a"},\n  {"title": "b",,}\n]\n')
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(path)
        assert info.value.line == 3 and Path(info.value.path).name == "doc.json"

    @pytest.mark.parametrize("data", ["", "   ", "\n\n", b"", b"\xef\xbb\xbf"])
    def test_empty_input(self, data):
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.loads(data)
        assert info.value.line == 1

    @pytest.mark.parametrize("data", [
        b'{"title":"a"}\x00',
        b'\x00{"title":"a"}',
        b'{"title":"a\x00b"}',
        b'{"title":"a"}\n\x00\n',
    ])
    def test_nul_bytes(self, data):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.loads(data)

    @pytest.mark.parametrize("data", [
        b'{"title":"\xff"}',
        b'{"title":"\xc3"}',
        b'{"title":"\xed\xa0\x80"}',  # an encoded surrogate
        b'{"title":"\xc0\xaf"}',  # overlong
        b'{"x\xff":1}',
    ])
    def test_invalid_utf8(self, data):
        with pytest.raises(newsdoc.ParseError, match="UTF-8"):
            newsdoc.loads(data)

    @pytest.mark.parametrize("data", ['{"title":"\ud800"}', '{"title":"a\udfffb"}'])
    def test_lone_surrogate_in_str_input(self, data):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.loads(data)

    @pytest.mark.parametrize("data", ['{"title":"\\ud800"}', '{"title":"\\udc00x"}', '{"m":"\\ud83d"}'])
    def test_lone_surrogate_escape(self, data):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.loads(data)

    def test_paired_surrogate_escape_is_fine(self):
        assert newsdoc.loads('{"title":"\\ud83d\\ude00"}')[0].title == "😀"

    @pytest.mark.parametrize("data", [
        '{"title":"a"} x', '{"title":"a"}}', '[{"title":"a"}] []', '{"title":"a"} {"title":"b"}',
    ])
    def test_trailing_content(self, data):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.loads(data)

    @pytest.mark.parametrize("data", [
        '{"title":"a",}', "{'title':'a'}", '{"title":tru}', '{"title":01}', '{"title":"a\tb"}', '[{"title":"a"},]',
        '{"title":"a"', '{"title":"a', '{"title":"\\x"}', '{title:"a"}', '{"paragraphs":[1.]}',
    ])
    def test_malformed(self, data):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.loads(data)

    def test_truncated_last_line_raise(self, tmp_path):
        path = write(tmp_path / "cut.jsonl", '{"title":"a"}\n{"title":"b"}\n{"title":"c","paragraphs":[')
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(path)
        assert info.value.line == 3
        assert Path(info.value.path).name == "cut.jsonl"
        assert "truncated" in info.value.reason or "not closed" in info.value.reason

    def test_truncated_last_line_skip(self, tmp_path):
        path = write(tmp_path / "cut.jsonl", '{"title":"a"}\n{"title":"b"}\n{"title":"c","paragraphs":[')
        corpus = newsdoc.load(path, on_error="skip")
        assert [a.title for a in corpus] == ["a", "b"]
        assert [(type(e), e.line) for e in corpus.errors] == [(newsdoc.ParseError, 3)]

    # Errors simdjson finds before parsing (stage 1: an unclosed string, invalid UTF-8, a raw control character
    # in a string) on a JSONL line used to kill the interpreter; run them in a child process so the suite survives.
    STAGE1_CASES = [
        ("cut.jsonl", b'{"title":"a"}\n{"title":"b"}\n{"title":"c'),  # a file cut mid-string
        ("one.jsonl", b'{"title":"c'),
        ("two.jsonl", b'{"title":"a"}\n{"ti'),
        ("utf8.jsonl", b'{"title":"a"}\n{"title":"b"}\n{"title":"\xff"}\n'),
        ("utf8.json", b'{"title":"a"}\n{"title":"\xfe"}\n'),  # JSONL detected in a .json file
        ("surrogate.json", '{"title":"a"}\n{"t\ud83d":1}\n'.encode("utf-8", "surrogatepass")),
        ("tab.jsonl", b'{"title":"a"}\n{"title":"x\ty"}\n'),
    ]
    @pytest.mark.parametrize("name, data", STAGE1_CASES, ids=[c[0] for c in STAGE1_CASES])
    def test_stage1_error_on_a_jsonl_line(self, tmp_path, name, data):
        path = tmp_path / name
        path.write_bytes(data)
        result = run_python("""
            import sys, newsdoc
            path = sys.argv[1]
            data = open(path, "rb").read()
            for mode in ("raise", "skip"):
                for how, call in (("load", lambda: newsdoc.load(path, on_error=mode)),
                                  ("loads", lambda: newsdoc.loads(data, on_error=mode)),
                                  ("jsonl", lambda: newsdoc.loads(data, format="jsonl", on_error=mode))):
                    try:
                        corpus = call()
                        print(mode, how, len(corpus), [e.line for e in corpus.errors], flush=True)
                    except newsdoc.ParseError as error:
                        print(mode, how, "ParseError", error.line, flush=True)
            """, str(path))
        assert result.returncode == 0, crashed(result)
        bad = data.rstrip(b"\n").count(b"\n") + 1
        assert result.stdout.splitlines() == (
            [f"raise {how} ParseError {bad}" for how in ("load", "loads", "jsonl")]
            + [f"skip {how} {bad - 1} [{bad}]" for how in ("load", "loads", "jsonl")])

    def test_unclosed_string_in_single_document(self):
        for data in ('{"title":"c', '["abc', '"abc'):
            with pytest.raises(newsdoc.ParseError, match="not closed"):
                newsdoc.loads(data)

    def test_unclosed_nesting_does_not_crash(self):
        result = run_python("""
            import newsdoc
            for data in ["[" * 100000, '{"a":' * 100000, '{"title":"t","x":' + "[" * 100000]:
                try:
                    newsdoc.loads(data)
                    print("loaded")
                except newsdoc.ParseError as error:
                    print("ParseError", error.line)
            """)
        assert result.returncode == 0, crashed(result)
        assert result.stdout.splitlines() == ["ParseError 1"] * 3
    def test_deep_nesting_is_a_parse_error(self):
        result = run_python("""
            import newsdoc
            for data in ["[" * 100000 + "]" * 100000,
                         '{"a":' * 100000 + "1" + "}" * 100000,
                         '{"meta":' + '[' * 100000 + ']' * 100000 + '}',
                         "[" * 100000 + "]", '{"a":' * 100000 + "}"]:
                try:
                    newsdoc.loads(data)
                    print("loaded")
                except newsdoc.ParseError as error:
                    print("ParseError", error.line)
                except newsdoc.SchemaError:
                    print("SchemaError")
            """)
        assert result.returncode == 0, crashed(result)
        assert result.stdout.splitlines() == ["ParseError 1"] * 5

    def test_moderate_nesting_in_meta(self):
        depth = 500
        data = '{"title":"t","x":' + "[" * depth + "]" * depth + "}"
        a = newsdoc.loads(data)[0]
        assert a.title == "t"
        assert a.to_json().endswith('"meta":{"x":' + "[" * depth + "]" * depth + "}}")


class TestSchemaError:
    @pytest.mark.parametrize("data, pointer", [
        ('{"title": 3}', "/title"),
        ('{"title": ["a"]}', "/title"),
        ('{"published": 2020}', "/published"),
        ('{"authors": ["a", 1]}', "/authors/1"),
        ('{"tags": {"a": 1}}', "/tags"),
        ('{"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 3}]}', "/quotes/0"),
        ('{"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1}, {"start": 3, "end": 3}]}', "/quotes/1"),
        ('{"paragraphs": ["ab"], "quotes": [{"start": 1.0, "end": 2}]}', "/quotes/0/start"),
        ('{"paragraphs": ["ab"], "quotes": [{"start": 0, "end": null}]}', "/quotes/0/end"),
        ('{"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1, "speaker": "e9"}]}', "/quotes/0/speaker"),
        ('{"paragraphs": ["ab"], "quotes": [{"start": 0, "end": 1, "kind": "quoted"}]}', "/quotes/0/kind"),
        ('{"paragraphs": ["ab"], "mentions": [{"entity": "e", "start": 0, "end": 1}]}', "/mentions/0/entity"),
        ('{"paragraphs": ["ab"], "entities": [{"id": "e"}], "mentions": [{"entity": "e", "start": 1, "end": 9}]}',
         "/mentions/0"),
        ('{"entities": [{"id": "e", "extra": 1}]}', "/entities/0/extra"),
        ('{"meta": "x"}', "/meta"),
        ('[{"title": "ok"}, {"title": 3}]', "/1/title"),
        ('[{"title": "ok"}, 3]', "/1"),
    ])
    def test_pointer(self, data, pointer):
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.loads(data)
        error = info.value
        assert isinstance(error, newsdoc.NewsdocError) and isinstance(error, ValueError)
        assert error.pointer == pointer
        assert str(error).startswith(f"<string>:{error.line}:{error.column}: {pointer}: ")
        assert error.reason

    def test_span_past_the_end_message(self):
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.loads('{"paragraphs": ["“ab”"], "quotes": [{"start": 1, "end": 40}]}')
        assert info.value.pointer == "/quotes/0"
        assert "[1, 40)" in str(info.value) and "4 characters" in str(info.value)

    def test_speaker_unknown_names_the_id(self):
        with pytest.raises(newsdoc.SchemaError, match='"nobody"') as info:
            newsdoc.loads('{"paragraphs": ["ab"], "entities": [{"id": "e1"}],'
                          ' "quotes": [{"start": 0, "end": 1, "speaker": "nobody"}]}')
        assert info.value.pointer == "/quotes/0/speaker"

    def test_line_of_record(self, tmp_path):
        path = write(tmp_path / "s.jsonl", '{"title":"a"}\n{"title":"b"}\n{"title":"c"}\n{"title": 4}\n')
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.load(path)
        assert (info.value.line, info.value.column, info.value.pointer) == (4, 1, "/title")
        assert info.value.path == str(path)

    def test_not_an_object(self):
        for data in ("3", '"text"', "null", "true"):
            with pytest.raises(newsdoc.SchemaError):
                newsdoc.loads(data)

    def test_duplicate_meta(self):
        with pytest.raises(newsdoc.SchemaError) as info:
            newsdoc.loads('{"title": "t", "meta": {"a": 1}, "meta": {"b": 2}}')
        assert (info.value.pointer, info.value.reason) == ("/meta", 'duplicate key "meta"')


class TestOnError:
    def test_bogus_on_error(self, tmp_path):
        with pytest.raises(ValueError, match="on_error"):
            newsdoc.loads("{}", on_error="bogus")
        with pytest.raises(ValueError, match="on_error"):
            newsdoc.load(write(tmp_path / "x.json", "{}"), on_error="bogus")

    def test_raise_is_default(self):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.loads('{"title":"a"}\n{"title": x}\n')

    def test_skip_keeps_every_good_line(self, tmp_path):
        lines = ['{"title":"a"}', '{"title": x}', '{"title":"c"}', '{"title":"d","quotes":[{"start":0,"end":5}]}',
                 '{"title":"e"}', '[1,', '{"title":"g"}', '{"title":"h","paragraphs":["\\ud800"]}', '{"title":"i"}']
        path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
        corpus = newsdoc.load(path, on_error="skip")
        assert [a.title for a in corpus] == ["a", "c", "e", "g", "i"]
        errors = corpus.errors
        assert [(type(e), e.line) for e in errors] == [
            (newsdoc.ParseError, 2), (newsdoc.SchemaError, 4), (newsdoc.ParseError, 6), (newsdoc.ParseError, 8)]
        assert errors[1].pointer == "/quotes/0"
        assert all(e.path == str(path) for e in errors)
        assert all(str(e).startswith(f"{path}:{e.line}:") for e in errors)
        assert "errors=4" in repr(corpus)

    def test_skip_only_schema_errors(self):
        corpus = newsdoc.loads('{"title":"a"}\n{"title":3}\n{"title":"c"}\n{"tags":[1]}\n', on_error="skip")
        assert [a.title for a in corpus] == ["a", "c"]
        assert [(type(e), e.line, e.pointer) for e in corpus.errors] == [
            (newsdoc.SchemaError, 2, "/title"), (newsdoc.SchemaError, 4, "/tags/0")]
    def test_skip_reports_each_bad_line_once(self):
        corpus = newsdoc.loads('{"title":"a"}\n{"title": x}\n{"title":3}\n{"title":"d"}\n', on_error="skip")
        assert [a.title for a in corpus] == ["a", "d"]
        assert [(type(e), e.line) for e in corpus.errors] == [(newsdoc.ParseError, 2), (newsdoc.SchemaError, 3)]
        single = newsdoc.loads('{"title":3,"x":1}', on_error="skip")
        assert len(single) == 0
        assert [(type(e), e.line) for e in single.errors] == [(newsdoc.SchemaError, 1)]

    @pytest.mark.parametrize("fmt", ["auto", "jsonl"])
    def test_line_cut_after_a_colon_is_one_parse_error(self, fmt):
        data = '{"title":"a"}\n{"id":\n{"title":"b"}\n{"title":"c"}\n'
        corpus = newsdoc.loads(data, format=fmt, on_error="skip")
        assert [a.title for a in corpus] == ["a", "b", "c"]
        assert [(type(e), e.line) for e in corpus.errors] == [(newsdoc.ParseError, 2)]
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.loads(data, format=fmt)
        assert info.value.line == 2

    def test_skip_in_array(self):
        corpus = newsdoc.loads('[{"title":"a"},{"title":3},{"title":"c"},7]', on_error="skip")
        assert [a.title for a in corpus] == ["a", "c"]
        assert [e.pointer for e in corpus.errors] == ["/1/title", "/3"]

    def test_skip_malformed_single_document(self):
        corpus = newsdoc.loads('{"title": ', on_error="skip")
        assert len(corpus) == 0
        assert [type(e) for e in corpus.errors] == [newsdoc.ParseError]

    def test_no_errors_on_clean_input(self):
        corpus = newsdoc.loads('{"title":"a"}\n', on_error="skip")
        assert corpus.errors == [] and "errors" not in repr(corpus)

    def test_errors_survive_slicing_only_on_the_loaded_corpus(self):
        corpus = newsdoc.loads('{"title":"a"}\n{"title": x}\n{"title":"c"}\n', on_error="skip")
        assert len(corpus.errors) == 1
        assert [a.title for a in corpus[::-1]] == ["c", "a"]


class TestReadError:
    def test_missing_file(self, tmp_path):
        with pytest.raises(FileNotFoundError) as info:
            newsdoc.load(tmp_path / "nope.jsonl")
        assert "nope.jsonl" in str(info.value)

    def test_directory_passed_as_missing_path(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            newsdoc.load(tmp_path / "no-such-dir" / "x.json")

    @staticmethod
    def flushed_gzip(n: int) -> list:
        """A gzip stream of n JSONL records, as n + 1 parts that each end at a full flush point."""
        import zlib

        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        parts = [compressor.compress(b'{"title":"t%d"}\n' % i) + compressor.flush(zlib.Z_FULL_FLUSH)
                 for i in range(n)]
        parts.append(compressor.flush())
        return parts

    def test_complete_flushed_gzip_loads(self, tmp_path):
        path = tmp_path / "ok.jsonl.gz"
        path.write_bytes(b"".join(self.flushed_gzip(10)))
        assert [a.title for a in newsdoc.load(path)] == [f"t{i}" for i in range(10)]

    @pytest.mark.parametrize("name", ["bad.jsonl.gz", "bad.json.gz"])
    def test_corrupt_gzip(self, tmp_path, name):
        data = bytearray(b"".join(self.flushed_gzip(10)))
        data[30] ^= 0xFF
        path = tmp_path / name
        path.write_bytes(bytes(data))
        with pytest.raises(newsdoc.ReadError) as info:
            newsdoc.load(path)
        assert isinstance(info.value, OSError) and isinstance(info.value, newsdoc.NewsdocError)
        assert info.value.path == str(path)
        assert str(path) in str(info.value)
    def test_corrupt_gzip_message_names_the_path_once(self, tmp_path):
        data = bytearray(b"".join(self.flushed_gzip(10)))
        data[30] ^= 0xFF
        path = tmp_path / "bad.jsonl.gz"
        path.write_bytes(bytes(data))
        with pytest.raises(newsdoc.ReadError) as info:
            newsdoc.load(path)
        assert str(info.value).count(str(path)) == 1
    @pytest.mark.parametrize("name", ["cut.jsonl.gz", "cut.json.gz"])
    @pytest.mark.parametrize("on_error", ["raise", "skip"])
    def test_truncated_gzip_is_an_error(self, tmp_path, name, on_error):
        path = tmp_path / name
        path.write_bytes(b"".join(self.flushed_gzip(10)[:5]))  # an interrupted download: 5 whole records
        with pytest.raises(newsdoc.ReadError) as info:
            newsdoc.load(path, on_error=on_error)
        assert info.value.path == str(path)


ARTICLES = ('{"id": "a", "paragraphs": ["Angela Merkel spoke.", "Then she left."], "entities": [{"id": "e1", '
            '"name": "Angela Merkel", "type": "PERSON"}], "mentions": [{"entity": "e1", "start": 0, "end": 13}]}\n'
            '{"id": "b", "paragraphs": ["Nothing here."]}\n')


def failing_calls(tmp_path: Path):
    """(what, call, newsdoc class, builtin class): each public entry point fed a failing input."""
    corpus = newsdoc.loads(ARTICLES)
    (tmp_path / "empty").mkdir()
    (tmp_path / "junk.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    (tmp_path / "bad.ndc").write_bytes(b"\x89NDCORP\n" + bytes(40))
    (tmp_path / "a.jsonl").write_text('{"title": "A"}\n')
    (tmp_path / "b.jsonl").write_text('{"title": "B"}\n')
    models = tmp_path / "models"
    models.mkdir()
    for name in ("pos.ndm", "ner.ndm", "ner-doc.ndm"):
        (models / name).write_bytes(b"not a model")
    return [
        ("load of a missing file", lambda: newsdoc.load(tmp_path / "missing.jsonl"),
         newsdoc.NotFoundError, FileNotFoundError),
        ("loads of bad JSON", lambda: newsdoc.loads('{"title": '), newsdoc.ParseError, ValueError),
        ("loads of a bad schema", lambda: newsdoc.loads('{"title": 3}'), newsdoc.SchemaError, ValueError),
        ("load of a damaged binary corpus", lambda: newsdoc.load(tmp_path / "bad.ndc"), newsdoc.ParseError, ValueError),
        ("load of a .txt of binary bytes", lambda: newsdoc.load(tmp_path / "junk.txt"), newsdoc.IoError, OSError),
        ("load of an empty folder", lambda: newsdoc.load(tmp_path / "empty"), newsdoc.NothingLoaded, Exception),
        ("a load its progress callback cancels",
         lambda: newsdoc.load([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], progress=lambda p: False),
         newsdoc.Cancelled, Exception),
        ("save onto a folder", lambda: corpus.save(tmp_path), newsdoc.IoError, OSError),
        ("models from a missing folder", lambda: newsdoc.Annotator(models=tmp_path / "no-models"),
         newsdoc.NotFoundError, FileNotFoundError),
        ("models from bad model files", lambda: newsdoc.Annotator(models=models), newsdoc.ModelError, Exception),
        ("training on inputs without labels",
         lambda: newsdoc.train([REPO / "seeds" / "000_0eafb7a6a491ae43.json"], tmp_path / "out", components=["pos"]),
         newsdoc.ModelError, Exception),
        ("a date newsdoc does not read", lambda: corpus.where(published_from="not a date"),
         newsdoc.InvalidArgumentError, ValueError),
        ("renaming an entity no article holds", lambda: corpus.rename_entity("Olaf Scholz", "O. Scholz"),
         newsdoc.EntityNotFound, KeyError),
        ("renaming an entity the article lacks", lambda: corpus[0].rename_entity("Olaf Scholz", "O. Scholz"),
         newsdoc.EntityNotFound, KeyError),
        ("merging with an entity no article holds", lambda: corpus.merge_entities("e1", "e7"),
         newsdoc.EntityNotFound, KeyError),
    ]


class TestEveryEntryPoint:
    def test_each_failing_input_raises_its_class(self, tmp_path):
        for what, call, specific, builtin in failing_calls(tmp_path):
            with pytest.raises(specific) as info:
                call()
            error = info.value
            assert type(error) is specific, what
            assert isinstance(error, newsdoc.NewsdocError) and isinstance(error, builtin), what
            assert str(error), what
            again = pickle.loads(pickle.dumps(error))
            assert type(again) is specific and str(again) == str(error) and again.__dict__ == error.__dict__, what

    def test_entity_not_found_names_its_key(self):
        with pytest.raises(newsdoc.EntityNotFound) as info:
            newsdoc.loads(ARTICLES).rename_entity("Olaf Scholz", "O. Scholz")
        assert info.value.key == "Olaf Scholz"
        assert str(info.value).startswith('no entity "Olaf Scholz"')  # the message, not KeyError's repr of it

    def test_skipped_records_are_their_classes(self, tmp_path):
        corpus = newsdoc.loads('{"title": "ok"}\n{"title": \n{"title": 3}\n', on_error="skip")
        assert [type(e) for e in corpus.errors] == [newsdoc.ParseError, newsdoc.SchemaError]
        assert [e.line for e in corpus.errors] == [2, 3] and corpus.errors[1].pointer == "/title"
        (tmp_path / "junk.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
        (tmp_path / "good.txt").write_text("Title\n\nA paragraph.\n")
        files = newsdoc.load(tmp_path, on_error="skip")
        assert [type(e) for e in files.errors] == [newsdoc.IoError]
        assert files.errors[0].path == str(tmp_path / "junk.txt")
        saved = tmp_path / "saved.ndc"
        files.save(saved)
        assert [(type(e), str(e)) for e in newsdoc.load(saved).errors] == [(type(e), str(e)) for e in files.errors]

    def test_the_hierarchy(self):
        assert newsdoc.ReadError is newsdoc.IoError  # the older name
        assert issubclass(newsdoc.NotFoundError, newsdoc.IoError) and issubclass(newsdoc.NotFoundError, FileNotFoundError)
        for cls, builtin in [(newsdoc.OutOfRangeError, IndexError), (newsdoc.InvalidArgumentError, ValueError),
                             (newsdoc.EntityNotFound, KeyError), (newsdoc.IoError, OSError)]:
            assert issubclass(cls, newsdoc.NewsdocError) and issubclass(cls, builtin)
        for cls in (newsdoc.Cancelled, newsdoc.NothingLoaded, newsdoc.ModelError):
            assert issubclass(cls, newsdoc.NewsdocError)
