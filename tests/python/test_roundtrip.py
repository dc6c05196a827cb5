"""The canonical form: byte-exact round trips, escapes, meta, foreign records."""

from __future__ import annotations

import json

import pytest

import newsdoc

ORDER = ["id", "url", "source", "title", "authors", "published", "language", "tags", "paragraphs", "quotes",
         "entities", "mentions", "meta"]

# Canonical JSONL, written by hand: non-ASCII raw, control characters escaped the canonical way, "/" and
# U+007F and U+2028 as is, meta with nested objects and arrays, numbers in their own spelling.
CANONICAL = (
    '{"id":"a1","url":"https://example.org/zoë/1","source":"Exämple","title":"Tab\\there \\"q\\" back\\\\slash'
    ' \\u0001\\u001f \\b\\f\\r\\n / \x7f \u2028 😀","authors":["Zoë Müller","李雷"],"published":"2024-05-06",'
    '"language":"de","tags":["中文","x"],"paragraphs":["“Wir schaffen das 👍”, sagte Müller.","Zweiter\\tAbsatz."],'
    '"quotes":[{"start":1,"end":19,"kind":"direct","speaker":"e1","speaker_span":[28,34],"cue":"sagte",'
    '"cue_span":[22,27],"attribution":0,"parent":null},'
    '{"start":37,"end":44,"kind":"partial","speaker":null,"speaker_span":null,"cue":null,"cue_span":null,'
    '"attribution":1,"parent":null}],'
    '"entities":[{"id":"e1","name":"Zoë Müller","type":"PERSON","aliases":["Müller"]}],'
    '"mentions":[{"entity":"e1","start":28,"end":34}],'
    '"meta":{"n":1.5e10,"big":123456789012345678901234567890,"neg":-0.25,"exp":1E-7,"spelled":1.50e3,'
    '"o":{"a":[1,-2.50,true,false,null,{"b":"ü"}],"empty":{},"list":[]},"s":"\\u00e9\\/","u":"\\ud83d\\ude00"}}\n'
    '{"id":"a2","url":"","source":"","title":"","authors":[],"published":null,"language":"","tags":[],'
    '"paragraphs":[],"quotes":[],"entities":[],"mentions":[],"meta":{}}\n'
)


def test_canonical_jsonl_is_reproduced_byte_for_byte():
    corpus = newsdoc.loads(CANONICAL)
    assert len(corpus) == 2
    assert corpus.dumps() == CANONICAL
    assert newsdoc.loads(CANONICAL.encode("utf-8")).dumps() == CANONICAL


def test_canonical_values():
    a = newsdoc.loads(CANONICAL)[0]
    assert a.title == 'Tab\there "q" back\\slash \x01\x1f \b\f\r\n / \x7f \u2028 😀'
    assert a.text == "“Wir schaffen das 👍”, sagte Müller.\n\nZweiter\tAbsatz."
    assert a.quotes[0].text == "Wir schaffen das 👍"
    assert a.quotes[0].speaker_text == "Müller"
    assert a.quotes[0].cue_span == (22, 27) and a.text[22:27] == "sagte"
    assert a.quotes[1].cue_span is None and a.quotes[1].parent is None
    assert a.quotes[1].text == "Zweiter"
    assert a.mentions[0].text == "Müller"
    meta = a.meta
    assert meta["n"] == 1.5e10
    assert meta["big"] == 123456789012345678901234567890
    assert meta["neg"] == -0.25 and meta["exp"] == 1e-7 and meta["spelled"] == 1500.0
    assert meta["o"] == {"a": [1, -2.5, True, False, None, {"b": "ü"}], "empty": {}, "list": []}
    assert meta["s"] == "é/"
    assert meta["u"] == "😀"


def test_each_article_to_json_is_its_line():
    corpus = newsdoc.loads(CANONICAL)
    assert [a.to_json() for a in corpus] == CANONICAL.split("\n")[:-1]  # not splitlines(): U+2028


def test_load_dump_load_equal(tmp_path):
    first = newsdoc.loads(CANONICAL)
    path = tmp_path / "out.jsonl"
    first.to_jsonl(path)
    assert path.read_bytes() == CANONICAL.encode("utf-8")
    second = newsdoc.load(path)
    assert len(second) == len(first)
    assert all(a == b for a, b in zip(first, second))
    assert [a.meta for a in second] == [a.meta for a in first]


def test_writer_escapes_only_the_canonical_set():
    title = "".join(chr(c) for c in range(0x20)) + '"\\/\x7f\u2028\u00e9😀'
    line = newsdoc.Article(title=title).to_json()
    written = line[line.index('"title":"') + 9:line.index('","authors"')]
    expected = ("\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c"
                "\\u001d\\u001e\\u001f\\\"\\\\/\x7f\u2028é😀")
    assert written == expected
    assert newsdoc.Article.from_json(line).title == title


def test_output_is_compact_with_keys_in_order():
    line = newsdoc.loads('{ "title" : "T" , "paragraphs" : [ "a" ] , "quotes" : [ { "end" : 1 , "start" : 0 } ] ,'
                         ' "entities" : [ { "name" : "N" , "id" : "e" } ] ,'
                         ' "mentions" : [ { "end" : 1 , "start" : 0 , "entity" : "e" } ] }')[0].to_json()
    assert line == ('{"id":"","url":"","source":"","title":"T","authors":[],"published":null,"language":"",'
                    '"tags":[],"paragraphs":["a"],"quotes":[{"start":0,"end":1,"kind":"direct","speaker":null,'
                    '"speaker_span":null,"cue":null,"cue_span":null,"attribution":0,"parent":null}],'
                    '"entities":[{"id":"e","name":"N","type":"","aliases":[]}],'
                    '"mentions":[{"entity":"e","start":0,"end":1}],"meta":{}}')
    assert list(json.loads(line)) == ORDER


def test_nulls_for_known_fields_are_defaults_and_dropped():
    a = newsdoc.loads('{"id":null,"title":null,"authors":null,"published":null,"tags":null,"paragraphs":null,'
                      '"quotes":null,"entities":null,"mentions":null,"meta":null}')[0]
    assert a.to_json() == newsdoc.Article().to_json()


def test_meta_object_first_then_unknown_fields_in_input_order():
    a = newsdoc.loads('{"zeta":1,"title":"T","meta":{"m2":"x","m1":[1,{"k":null}]},"alpha":{"b":[1.0,2e3]},'
                      '"beta":"s\\u00e9"}')[0]
    assert a.to_json().endswith('"meta":{"m2":"x","m1":[1,{"k":null}],"zeta":1,"alpha":{"b":[1.0,2e3]},'
                                '"beta":"s\\u00e9"}}')
    assert list(a.meta) == ["m2", "m1", "zeta", "alpha", "beta"]


def test_meta_keeps_number_spelling_and_drops_whitespace():
    a = newsdoc.loads('{"x": [ 1.50e3 , -0 , 1E+2 , 123456789012345678901234567890 ] , "y" : { "k" : true } }')[0]
    assert a.to_json().endswith('"meta":{"x":[1.50e3,-0,1E+2,123456789012345678901234567890],"y":{"k":true}}}')


def test_meta_must_be_an_object():
    with pytest.raises(newsdoc.SchemaError) as info:
        newsdoc.loads('{"meta": [1, 2]}')
    assert info.value.pointer == "/meta"


def test_foreign_record_unknown_fields_in_meta():
    record = {"headline": "H", "title": "T", "bias": 2, "topic": "us_house", "nested": {"a": [1, 2, {"b": None}]},
              "date": "2019-03-05", "authors": "Stephen Dinan, Gabriella Muñoz", "content": "tokenised ,",
              "content_original": "Original, text.\nSecond line.", "ID": "abc"}
    a = newsdoc.loads(json.dumps(record, ensure_ascii=False))[0]
    assert a.id == "abc"
    assert a.title == "T"
    assert a.published == "2019-03-05"
    assert a.authors == ["Stephen Dinan", "Gabriella Muñoz"]
    assert [p.text for p in a.paragraphs] == ["Original, text.", "Second line."]
    assert a.meta == {"headline": "H", "bias": 2, "topic": "us_house", "nested": {"a": [1, 2, {"b": None}]},
                      "content": "tokenised ,"}
    # Foreign input is mapped, not reproduced; once canonical, it round-trips exactly.
    canonical = a.to_json() + "\n"
    assert newsdoc.loads(canonical, annotate=False).dumps() == canonical
    assert newsdoc.loads(canonical, annotate=False)[0] == a


def test_ids_may_be_numbers():
    a = newsdoc.loads('{"id": 42, "paragraphs": ["ab"], "entities": [{"id": 7}],'
                      ' "mentions": [{"entity": 7, "start": 0, "end": 1}]}')[0]
    assert a.id == "42"
    assert a.entities[0].id == "7"
    assert a.mentions[0].entity.id == "7"
    assert '"mentions":[{"entity":"7","start":0,"end":1}]' in a.to_json()


def test_jsonl_output_format():
    out = newsdoc.loads('[{"title":"a"},{"title":"b"},{"title":"c"}]').dumps()
    assert out.count("\n") == 3 and out.endswith("}\n") and "\n\n" not in out
    assert not out.startswith("\ufeff")
    assert newsdoc.Corpus().dumps() == ""
