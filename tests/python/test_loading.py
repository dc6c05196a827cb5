"""Loading: input forms, file kinds, directories, mappings, the shared corpora."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import newsdoc

TWO = '{"title":"a"}\n{"title":"b"}\n'


def titles(corpus) -> list:
    return [a.title for a in corpus]


class TestLoads:
    @pytest.mark.parametrize("data, expected", [
        ('{"title":"a"}', ["a"]),
        ('  {"title":"a"}  \n', ["a"]),
        ('[{"title":"a"},{"title":"b"}]', ["a", "b"]),
        ('[\n {"title":"a"},\n {"title":"b"}\n]\n', ["a", "b"]),
        ("[]", []),
        (TWO, ["a", "b"]),
        ('{"title":"a"}\n{"title":"b"}', ["a", "b"]),  # no final newline
        ('{"title":"a"}\r\n\r\n{"title":"b"}\r\n', ["a", "b"]),  # CRLF and a blank line
        ('\n\n{"title":"a"}\n   \n{"title":"b"}\n\n', ["a", "b"]),
        (TWO.encode("utf-8"), ["a", "b"]),
        (bytearray(b'{"title":"a"}'), ["a"]),
        (memoryview(b'[{"title":"a"}]'), ["a"]),
        ('{"title":"Zoë 😀"}'.encode("utf-8"), ["Zoë 😀"]),
    ])
    def test_input_forms(self, data, expected):
        assert titles(newsdoc.loads(data)) == expected

    def test_pretty_printed_object(self):
        corpus = newsdoc.loads('{\n  "title": "a",\n  "paragraphs": [\n    "p"\n  ]\n}\n')
        assert titles(corpus) == ["a"] and corpus[0].text == "p"

    @pytest.mark.parametrize("fmt", ["auto", "jsonl"])
    def test_format_argument(self, fmt):
        assert titles(newsdoc.loads(TWO, format=fmt)) == ["a", "b"]

    def test_format_json_means_one_document(self):
        with pytest.raises(newsdoc.ParseError, match="unexpected content after the JSON value") as info:
            newsdoc.loads(TWO, format="json")
        assert info.value.line == 2

    def test_array_with_format_jsonl_on_one_line(self):
        assert titles(newsdoc.loads('[{"title":"a"},{"title":"b"}]', format="jsonl")) == ["a", "b"]

    def test_bad_format(self):
        with pytest.raises(ValueError, match="format"):
            newsdoc.loads("{}", format="xml")

    def test_bom_is_skipped(self):
        assert titles(newsdoc.loads(b'\xef\xbb\xbf{"title":"a"}')) == ["a"]
        assert titles(newsdoc.loads("\ufeff" + TWO)) == ["a", "b"]

    def test_bom_offsets_count_it(self):
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.loads(b'\xef\xbb\xbf{"title": x}')
        assert info.value.offset >= 3 + len('{"title": ')
        assert info.value.line == 1

    @pytest.mark.parametrize("first", ['{"title":"a"', '[{"title":"a"},{"title":x}]', "nonsense"])
    def test_bad_first_line_falls_back_to_jsonl(self, first, tmp_path):
        data = first + '\n{"title":"b"}\n{"title":"c"}\n'
        corpus = newsdoc.loads(data, on_error="skip")
        assert titles(corpus) == ["b", "c"]
        assert [(type(e), e.line) for e in corpus.errors] == [(newsdoc.ParseError, 1)]
        path = tmp_path / "lines.json"
        path.write_text(data, encoding="utf-8")
        assert titles(newsdoc.load(path, on_error="skip")) == ["b", "c"]
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(path)
        assert info.value.line == 1

    def test_big_numbers_keep_their_spelling(self):
        digits = "9" * 400
        a = newsdoc.loads('{"id": 1e400, "x": 1E+400, "y": -%s, "z": [0.5e-999]}' % digits)[0]
        assert a.id == "1e400"
        assert a.to_json().endswith(',"meta":{"x":1E+400,"y":-%s,"z":[0.5e-999]}}' % digits)
        assert a.meta["y"] == -int(digits)

    def test_loads_does_not_keep_its_input(self):
        data = bytearray(b'{"title":"abc","paragraphs":["para"]}')
        corpus = newsdoc.loads(data)
        data[:] = b"x" * len(data)
        assert corpus[0].title == "abc" and corpus[0].text == "para"


class TestLoadFiles:
    def write(self, path: Path, text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    @pytest.mark.parametrize("name, text", [
        ("one.json", '{"title":"a"}'),
        ("array.json", '[{"title":"a"},{"title":"b"}]'),
        ("lines.json", TWO),
        ("lines.jsonl", TWO),
        ("lines.ndjson", TWO),
    ])
    def test_plain_files(self, tmp_path, name, text):
        corpus = newsdoc.load(self.write(tmp_path / name, text))
        assert titles(corpus) == (["a"] if name == "one.json" else ["a", "b"])

    @pytest.mark.parametrize("name", ["c.jsonl.gz", "c.ndjson.gz", "c.json.gz"])
    def test_gzip_files(self, tmp_path, name):
        path = tmp_path / name
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write('{"title":"Zoë"}\n{"title":"b"}\n')
        assert titles(newsdoc.load(path)) == ["Zoë", "b"]

    def test_gzip_recognised_by_content(self, tmp_path):
        path = tmp_path / "hidden.jsonl"
        path.write_bytes(gzip.compress(TWO.encode()))
        assert titles(newsdoc.load(path)) == ["a", "b"]

    def test_str_and_pathlike(self, tmp_path):
        path = self.write(tmp_path / "x.jsonl", TWO)
        assert titles(newsdoc.load(str(path))) == titles(newsdoc.load(path)) == ["a", "b"]

    def test_large_jsonl_spanning_windows(self, tmp_path):
        # Over the 8 MiB read window, with one line longer than a window.
        path = tmp_path / "big.jsonl"
        body = "x" * 1000
        n = 9000
        with open(path, "w", encoding="utf-8") as out:
            for i in range(n):
                out.write(json.dumps({"id": str(i), "paragraphs": [body]}) + "\n")
            out.write(json.dumps({"id": "long", "paragraphs": ["y" * (9 << 20)]}) + "\n")
            out.write('{"id":"last"}\n')
        corpus = newsdoc.load(path)
        assert len(corpus) == n + 2
        assert [a.id for a in corpus[:3]] == ["0", "1", "2"]
        assert corpus[n - 1].id == str(n - 1) and corpus[n - 1].text == body
        assert corpus[n].id == "long" and len(corpus[n].text) == 9 << 20
        assert corpus[-1].id == "last"

    def test_errors_in_later_windows_have_global_line_numbers(self, tmp_path):
        path = tmp_path / "big.jsonl"
        line = json.dumps({"paragraphs": ["z" * 2000]}) + "\n"
        n = 5000  # about 10 MiB: the error sits in the second window
        with open(path, "w", encoding="utf-8") as out:
            out.write(line * n)
            out.write('{"title": oops}\n')
            out.write(line)
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(path)
        assert info.value.line == n + 1
        corpus = newsdoc.load(path, on_error="skip")
        assert len(corpus) == n + 1
        assert [e.line for e in corpus.errors] == [n + 1]

    def test_directory_and_subdirectories_in_path_order(self, tmp_path):
        self.write(tmp_path / "b.jsonl", '{"title":"b1"}\n{"title":"b2"}\n')
        self.write(tmp_path / "a.json", '[{"title":"a1"},{"title":"a2"}]')
        self.write(tmp_path / "c.ndjson", '{"title":"c1"}\n')
        with gzip.open(tmp_path / "d.jsonl.gz", "wt") as out:
            out.write('{"title":"d1"}\n')
        with gzip.open(tmp_path / "e.json.gz", "wt") as out:
            out.write('{"title":"e1"}')
        self.write(tmp_path / "f.txt", "f1\n\nA plain-text article.")
        self.write(tmp_path / "README.md", "# not an article")
        (tmp_path / "sub").mkdir()
        self.write(tmp_path / "sub" / "nested.json", '{"title":"g1"}')
        expected = ["a1", "a2", "b1", "b2", "c1", "d1", "e1", "f1", "g1"]
        assert titles(newsdoc.load(tmp_path)) == expected
        assert titles(newsdoc.load(str(tmp_path))) == expected

    def test_empty_directory_is_an_error(self, tmp_path):
        with pytest.raises(newsdoc.NewsdocError, match="nothing to load"):
            newsdoc.load(tmp_path)

    def test_directory_skip_collects_errors_per_file(self, tmp_path):
        self.write(tmp_path / "1.jsonl", '{"title":"a"}\n{"title": x}\n')
        self.write(tmp_path / "2.jsonl", '{"title":3}\n{"title":"b"}\n')
        corpus = newsdoc.load(tmp_path, on_error="skip")
        assert titles(corpus) == ["a", "b"]
        assert [(Path(e.path).name, e.line, type(e)) for e in corpus.errors] == [
            ("1.jsonl", 2, newsdoc.ParseError), ("2.jsonl", 1, newsdoc.SchemaError)]

    def test_directory_raise_names_the_file(self, tmp_path):
        self.write(tmp_path / "1.jsonl", '{"title":"a"}\n')
        self.write(tmp_path / "2.jsonl", '{"title":"a"}\n\n{"title": x}\n')
        with pytest.raises(newsdoc.ParseError) as info:
            newsdoc.load(tmp_path)
        assert Path(info.value.path).name == "2.jsonl" and info.value.line == 3

    def test_nonexistent_file(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            newsdoc.load(tmp_path / "missing.jsonl")
        with pytest.raises(FileNotFoundError):
            newsdoc.load(str(tmp_path / "missing.json"))

    def test_empty_file(self, tmp_path):
        with pytest.raises(newsdoc.ParseError):
            newsdoc.load(self.write(tmp_path / "empty.json", ""))
        assert len(newsdoc.load(self.write(tmp_path / "empty.jsonl", ""))) == 0


class TestMappings:
    RECORDS = {
        "news-please": {"url": "https://n.example/1", "source_domain": "n.example", "title": "NP",
                        "authors": ["Ann Author"], "date_publish": "2020-01-02 03:04:05", "language": "en",
                        "maintext": "First para.\nSecond para.", "description": "desc"},
        "cc-news": {"url": "https://c.example/1", "domain": "c.example", "title": "CC", "authors": ["Ann Author"],
                    "date": "2020-01-02", "language": "en", "text": "First para.\nSecond para.", "image_url": "i.png"},
        "newspaper": {"url": "https://p.example/1", "source_url": "https://p.example", "title": "NS",
                      "authors": ["Ann Author"], "publish_date": "2021-02-03", "meta_lang": "de",
                      "keywords": ["k1", "k2"], "text": "First para.\nSecond para.", "top_image": "t.png"},
        "canonical": {"id": "c1", "url": "https://x.example", "source": "X", "title": "CN", "authors": ["Ann Author"],
                      "published": "2022-01-01", "language": "fr", "tags": ["t"],
                      "paragraphs": ["First para.", "Second para."], "text": "ignored", "extra": 1},
    }
    EXPECTED = {
        "news-please": dict(id="", url="https://n.example/1", source="n.example", title="NP",
                            published="2020-01-02 03:04:05", language="en", tags=[], meta={"description": "desc"}),
        "cc-news": dict(id="", url="https://c.example/1", source="c.example", title="CC", published="2020-01-02",
                        language="en", tags=[], meta={"image_url": "i.png"}),
        "newspaper": dict(id="", url="https://p.example/1", source="https://p.example", title="NS",
                          published="2021-02-03", language="de", tags=["k1", "k2"], meta={"top_image": "t.png"}),
        "canonical": dict(id="c1", url="https://x.example", source="X", title="CN", published="2022-01-01",
                          language="fr", tags=["t"], meta={"text": "ignored", "extra": 1}),
    }

    def check(self, article, expected):
        for field, value in expected.items():
            assert getattr(article, field) == value, field
        assert article.authors == ["Ann Author"]
        assert [p.text for p in article.paragraphs] == ["First para.", "Second para."]

    @pytest.mark.parametrize("preset", ["news-please", "cc-news", "newspaper", "canonical"])
    def test_preset(self, preset):
        article = newsdoc.loads(json.dumps(self.RECORDS[preset]), mapping=preset)[0]
        self.check(article, self.EXPECTED[preset])

    @pytest.mark.parametrize("preset", ["news-please", "cc-news", "canonical"])
    def test_auto_reads_these_layouts_too(self, preset):
        for mapping in ("auto", None):
            article = newsdoc.loads(json.dumps(self.RECORDS[preset]), mapping=mapping)[0]
            self.check(article, self.EXPECTED[preset])

    def test_auto_on_newspaper_layout(self):
        article = newsdoc.loads(json.dumps(self.RECORDS["newspaper"]))[0]
        assert article.title == "NS" and article.published == "2021-02-03" and article.tags == ["k1", "k2"]
        assert article.source == "" and article.language == ""
        assert article.meta == {"source_url": "https://p.example", "meta_lang": "de", "top_image": "t.png"}

    def test_canonical_preset_leaves_foreign_names_in_meta(self):
        article = newsdoc.loads(json.dumps(self.RECORDS["cc-news"]), mapping="canonical")[0]
        assert article.source == "" and article.published is None and article.text == ""
        assert article.meta == {"domain": "c.example", "date": "2020-01-02", "text": "First para.\nSecond para.",
                                "image_url": "i.png"}

    def test_canonical_preset_does_not_prefer_originals(self):
        article = newsdoc.loads('{"title":"T","title_original":"O"}', mapping="canonical")[0]
        assert article.title == "T" and article.meta == {"title_original": "O"}

    def test_auto_prefers_originals(self):
        article = newsdoc.loads('{"content":"tok ,","content_original":"orig,","title":"T","title_original":"O"}')[0]
        assert article.text == "orig," and article.title == "O"
        assert article.meta == {"content": "tok ,", "title": "T"}

    def test_auto_first_listed_key_wins(self):
        article = newsdoc.loads('{"body":"B","text":"X","paragraphs":["P"],"date":"d","published":"p"}')[0]
        assert article.text == "P" and article.published == "p"
        assert article.meta == {"body": "B", "text": "X", "date": "d"}

    def test_user_mapping_str_and_list(self):
        data = '{"headline":"H","title":"T","story":"S1\\nS2","text":"X","body":"B","date":"D"}'
        article = newsdoc.loads(data, mapping={"title": "headline", "body": ["story", "text"]})[0]
        assert article.title == "H"
        assert [p.text for p in article.paragraphs] == ["S1", "S2"]
        assert article.published == "D"  # fields left out keep the "auto" keys
        assert article.meta == {"title": "T", "text": "X", "body": "B"}

    def test_user_mapping_list_falls_back(self):
        article = newsdoc.loads('{"text":"fallback"}', mapping={"body": ["story", "text"]})[0]
        assert article.text == "fallback"

    def test_user_mapping_prefers_originals(self):
        article = newsdoc.loads('{"headline_original":"HO","headline":"H","story":"S"}',
                                mapping={"title": "headline", "paragraphs": "story"})[0]
        assert article.title == "HO" and article.text == "S" and article.meta == {"headline": "H"}

    @pytest.mark.parametrize("alias", ["paragraphs", "text", "body"])
    def test_user_mapping_body_aliases(self, alias):
        assert newsdoc.loads('{"story":"S"}', mapping={alias: "story"})[0].text == "S"

    def test_user_mapping_on_load(self, tmp_path):
        path = tmp_path / "x.jsonl"
        path.write_text('{"headline":"H1"}\n{"headline":"H2"}\n')
        assert titles(newsdoc.load(path, mapping={"title": "headline"})) == ["H1", "H2"]

    @pytest.mark.parametrize("mapping", [{"bogus": "x"}, {"quotes": "q"}, {"meta": "m"}, {"Title": "t"}])
    def test_user_mapping_unknown_field(self, mapping):
        with pytest.raises(ValueError, match="unknown article field"):
            newsdoc.loads("{}", mapping=mapping)

    @pytest.mark.parametrize("name", ["bogus", "", "Auto", "news_please"])
    def test_bad_preset_name(self, name):
        with pytest.raises(ValueError, match="unknown mapping"):
            newsdoc.loads("{}", mapping=name)
        with pytest.raises(ValueError):
            newsdoc.load(Path(__file__), mapping=name)

    def test_mapping_constants(self):
        assert newsdoc.MAPPINGS == ("auto", "canonical", "news-please", "cc-news", "newspaper")
        assert "body" in newsdoc.FIELDS and "title" in newsdoc.FIELDS

    @pytest.mark.parametrize("value, expected", [
        ('["A. Smith", "B. Jones"]', ["A. Smith", "B. Jones"]),
        ('"A. Smith, B. Jones"', ["A. Smith", "B. Jones"]),
        ('"  A. Smith ,, B. Jones ,  "', ["A. Smith", "B. Jones"]),
        ('"Solo"', ["Solo"]),
        ('""', []),
        ('[]', []),
        ('["Smith, John"]', ["Smith, John"]),  # a list is taken as is
    ])
    def test_authors_list_or_comma_string(self, value, expected):
        assert newsdoc.loads('{"authors": %s}' % value)[0].authors == expected

    def test_tags_and_aliases_comma_string(self):
        a = newsdoc.loads('{"tags":"x, y ,z","entities":[{"id":"e","aliases":"A, B"}]}')[0]
        assert a.tags == ["x", "y", "z"]
        assert a.entities[0].aliases == ["A", "B"]

    @pytest.mark.parametrize("data", ['{"text": 5, "paragraphs": ["a"]}', '{"paragraphs": ["a"], "text": 5}'])
    def test_losing_key_is_not_type_checked(self, data):
        a = newsdoc.loads(data)[0]
        assert [p.text for p in a.paragraphs] == ["a"] and a.meta == {"text": 5}

    def test_author_key(self):
        assert newsdoc.loads('{"author": "Ann, Bob"}')[0].authors == ["Ann", "Bob"]

    def test_body_string_split_and_trimmed(self):
        body = "  First line.  \n\n\t\nSecond\u00a0line.\r\n\u00a0\n  Third.\f"
        a = newsdoc.loads(json.dumps({"text": body}))[0]
        assert [p.text for p in a.paragraphs] == ["First line.", "Second\u00a0line.", "Third."]
        assert a.text == "First line.\n\nSecond\u00a0line.\n\nThird."
    def test_body_string_trims_mixed_space_and_no_break_space(self):
        a = newsdoc.loads(json.dumps({"text": " \u00a0 x \u00a0 \n\u00a0 \u00a0y"}))[0]
        assert [p.text for p in a.paragraphs] == ["x", "y"]


class TestSharedCorpora:
    def test_news_sample(self, news_sample):
        corpus = newsdoc.load(news_sample)
        assert len(corpus) == 2000
        with open(news_sample, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        first, record = corpus[0], records[0]
        assert first.id == record["ID"] == "02WhZig2DbaLkBxI"
        assert first.title == record["title"]
        assert first.url == record["url"]
        assert first.source == "Washington Times"
        assert first.published == "2019-03-05"
        assert first.authors == ["Stephen Dinan", "Gabriella Muñoz"]
        assert first.paragraphs[0].text.startswith("Her colleagues are rushing to condemn her on the House floor")
        for paragraph in first.paragraphs:
            assert " ," not in paragraph.text and " ." not in paragraph.text
        assert "don’t understand" in first.text
        assert first.meta["content"] == record["content"]
        assert " , " in first.meta["content"]
        assert set(first.meta) == {"topic", "bias", "content", "source_url", "bias_text"}
        assert first.meta["bias"] == 2

    def test_news_sample_bodies_are_the_originals(self, news_sample):
        corpus = newsdoc.load(news_sample)
        with open(news_sample, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        whitespace = " \t\r\n\f\v\u00a0"
        for article, record in zip(corpus, records):
            lines = [line.strip(whitespace) for line in record["content_original"].split("\n")]
            assert [p.text for p in article.paragraphs] == [line for line in lines if line]
            assert article.id == record["ID"]
            authors = record["authors"]
            if isinstance(authors, str):
                authors = [a.strip() for a in authors.split(",") if a.strip()]
            assert article.authors == authors

    def test_news_sample_round_trip(self, news_sample):
        corpus = newsdoc.load(news_sample)
        dumped = corpus.dumps()
        again = newsdoc.loads(dumped)
        assert len(again) == 2000
        assert again.dumps() == dumped
        assert all(a == b for a, b in zip(corpus, again))

    def test_realnews_tiny(self, realnews_tiny):
        corpus = newsdoc.load(realnews_tiny)
        assert len(corpus) == 5
        assert [a.authors for a in corpus] == [["In The News"], ["Larry Dignan"],
                                              ["Andrew Payne", "Noelle Talmon", "Starpulse Staff"], ["The Local"],
                                              ["Associated Press"]]
        first = corpus[0]
        assert first.title == "Reynolds High School tragedy: more laws are not the answer"
        assert first.source == "oregoncatalyst.com"
        assert first.published == "06-13-2014"
        assert [p.text for p in first.paragraphs[:2]] == ["by In the news", "by Dan Lucas"]
        assert set(first.meta) == {"summary", "status", "warc_date", "split"}
        assert first.meta["summary"] is None
        assert corpus[4].title == "U.S. Approves First Factory in Cuba Since Revolution"
