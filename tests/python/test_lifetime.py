"""Lifetime of shared storage, corpus indexing and slicing, writing corpora."""

from __future__ import annotations

import gc
import gzip
import json
import threading
import weakref

import pytest

import newsdoc


def build(n: int = 10) -> newsdoc.Corpus:
    lines = []
    for i in range(n):
        lines.append(json.dumps({
            "id": str(i), "title": f"T{i}", "paragraphs": [f"“Para {i}” – Zoë 😀.", f"Second {i}."],
            "entities": [{"id": "e", "name": f"Name {i}", "type": "PERSON", "aliases": [f"N{i}"]}],
            "mentions": [{"entity": "e", "start": 11, "end": 14}],
            "quotes": [{"start": 1, "end": 7, "speaker": "e", "speaker_span": [11, 14], "cue": "said"}],
            "meta": {"i": i},
        }, ensure_ascii=False))
    return newsdoc.loads("\n".join(lines) + "\n")


def ids(corpus) -> list:
    return [a.id for a in corpus]


class TestLifetime:
    def test_views_outlive_their_corpus(self):
        corpus = build()
        paragraph = corpus[3].paragraphs[0]
        quote = corpus[3].quotes[0]
        mention = corpus[3].mentions[0]
        entity = corpus[3].entities[0]
        del corpus
        gc.collect()
        assert paragraph.text == "“Para 3” – Zoë 😀."
        assert quote.text == "Para 3"
        assert quote.speaker.name == "Name 3"
        assert quote.speaker_text == "Zoë"
        assert mention.entity.name == "Name 3"
        assert mention.text == "Zoë"
        assert [m.text for m in entity.mentions] == ["Zoë"]
        assert paragraph.article.title == "T3"

    def test_view_outlives_a_temporary_article(self):
        paragraph = newsdoc.Article(paragraphs=["only ü"]).paragraphs[0]
        quote = build(1)[0].quotes[0]
        gc.collect()
        assert paragraph.text == "only ü" and quote.speaker.aliases == ["N0"]

    def test_article_from_a_slice_outlives_parent_and_slice(self):
        corpus = build()
        part = corpus[2:8:2]
        del corpus
        gc.collect()
        article = part[1]
        del part
        gc.collect()
        assert article.id == "4"
        assert article.text == "“Para 4” – Zoë 😀.\n\nSecond 4."
        assert article.meta == {"i": 4}

    def test_reversed_slice_outlives_parent(self):
        corpus = build()
        part = corpus[::-3]
        del corpus
        gc.collect()
        assert ids(part) == ["9", "6", "3", "0"]
        assert part[0].quotes[0].speaker.name == "Name 9"

    def test_delete_corpus_mid_iteration(self):
        corpus = build()
        iterator = iter(corpus)
        first = next(iterator)
        second = next(iterator)
        del corpus
        gc.collect()
        rest = list(iterator)
        assert first.id == "0" and second.id == "1"
        assert ids(rest) == [str(i) for i in range(2, 10)]
        assert rest[-1].paragraphs[1].text == "Second 9."

    def test_article_keeps_storage_alive_after_loads_input_dropped(self):
        data = build(3).dumps().encode("utf-8")
        corpus = newsdoc.loads(data)
        article = corpus[2]
        del data, corpus
        gc.collect()
        assert article.to_json().startswith('{"id":"2",')

    def test_articles_support_weakrefs(self):
        article = build(1)[0]
        ref = weakref.ref(article)
        assert ref() is article
        del article
        gc.collect()
        assert ref() is None

    def test_concurrent_loads_in_threads(self):
        text = build(50).dumps()
        results = []

        def work():
            results.append(newsdoc.loads(text).dumps())

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [text] * 8


class TestIndexing:
    def test_positive_and_negative_indices(self):
        corpus = build()
        assert corpus[0].id == "0"
        assert corpus[9].id == "9"
        assert corpus[-1].id == "9"
        assert corpus[-10].id == "0"

    @pytest.mark.parametrize("index", [10, -11, 2 ** 40, -(2 ** 40)])
    def test_index_error(self, index):
        with pytest.raises(IndexError):
            build()[index]

    def test_empty_corpus_index_error(self):
        with pytest.raises(IndexError):
            newsdoc.Corpus()[0]

    @pytest.mark.parametrize("index", [1.0, None, (1,)])
    def test_type_error(self, index):
        with pytest.raises(TypeError):
            build()[index]

    def test_a_str_is_an_id_and_a_list_picks(self):
        corpus = build()
        assert corpus["3"].title == "T3"  # ids here are "0", "1", ...
        with pytest.raises(KeyError):
            corpus["nope"]
        assert [a.title for a in corpus[[1, "2"]]] == ["T1", "T2"]

    def test_index_protocol_objects(self):
        class Two:
            def __index__(self):
                return 2

        assert build()[Two()].id == "2"
        assert build()[True].id == "1"

    @pytest.mark.parametrize("key", [
        slice(None), slice(2, 5), slice(-3, None), slice(None, -7), slice(None, None, 3), slice(1, 9, 4),
        slice(None, None, -1), slice(8, 2, -2), slice(-1, -11, -3), slice(-2, None, -4), slice(5, 2), slice(2, 5, -1),
        slice(100, 200), slice(-100, 100, 7), slice(100, -100, -6),
    ])
    def test_slices_match_list_semantics(self, key):
        corpus = build()
        expected = [str(i) for i in range(10)][key]
        part = corpus[key]
        assert isinstance(part, newsdoc.Corpus)
        assert ids(part) == expected
        assert len(part) == len(expected)

    def test_zero_step(self):
        with pytest.raises(ValueError):
            build()[::0]

    def test_slices_share_storage_and_values(self):
        corpus = build()
        part = corpus[1:9:3]
        assert [a == corpus[int(a.id)] for a in part] == [True, True, True]
        assert part[0] == corpus[1] and part[-1] == corpus[7]
        assert part[1].text == corpus[4].text
        backwards = corpus[::-1]
        assert backwards[0] == corpus[9]
        nested = corpus[2:][1:][::2]
        assert ids(nested) == ["3", "5", "7", "9"]

    def test_iteration(self):
        corpus = build()
        assert ids(corpus) == [str(i) for i in range(10)]
        assert ids(corpus) == ids(corpus)  # iterating twice
        assert len(list(newsdoc.Corpus())) == 0

    def test_corpus_from_articles(self):
        a, b = newsdoc.Article(title="A"), newsdoc.Article(title="B")
        corpus = newsdoc.Corpus.from_articles([a, b, a])
        assert [x.title for x in corpus] == ["A", "B", "A"]
        assert corpus[0] == a and corpus[2] == a
        assert len(newsdoc.Corpus(x for x in build(3))) == 3

    def test_corpus_mixing_storages(self):
        mixed = newsdoc.Corpus([build(2)[1], newsdoc.Article(title="own"), build(4)[3]])
        gc.collect()
        assert [a.title for a in mixed] == ["T1", "own", "T3"]
        assert newsdoc.loads(mixed.dumps()).dumps() == mixed.dumps()


class TestWriting:
    def test_to_jsonl_then_load(self, tmp_path):
        corpus = build()
        path = tmp_path / "out.jsonl"
        corpus.to_jsonl(path)
        again = newsdoc.load(path)
        assert len(again) == 10
        assert all(a == b for a, b in zip(corpus, again))
        assert path.read_text(encoding="utf-8") == corpus.dumps()

    def test_to_jsonl_str_path(self, tmp_path):
        corpus = build(2)
        corpus.to_jsonl(str(tmp_path / "out.ndjson"))
        assert ids(newsdoc.load(tmp_path / "out.ndjson")) == ["0", "1"]

    def test_to_jsonl_gzip(self, tmp_path):
        corpus = build()
        path = tmp_path / "out.jsonl.gz"
        corpus.to_jsonl(path)
        raw = path.read_bytes()
        assert raw[:2] == b"\x1f\x8b"
        with gzip.open(path, "rt", encoding="utf-8") as f:
            assert f.read() == corpus.dumps()
        again = newsdoc.load(path)
        assert all(a == b for a, b in zip(corpus, again)) and len(again) == 10

    def test_slice_to_jsonl(self, tmp_path):
        corpus = build()
        path = tmp_path / "slice.jsonl"
        corpus[::-4].to_jsonl(path)
        assert ids(newsdoc.load(path)) == ["9", "5", "1"]

    def test_dumps_is_canonical_jsonl(self):
        text = build(3).dumps()
        lines = text.split("\n")
        assert lines[-1] == "" and len(lines) == 4
        assert [json.loads(line)["id"] for line in lines[:-1]] == ["0", "1", "2"]

    def test_empty_corpus_to_jsonl(self, tmp_path):
        newsdoc.Corpus().to_jsonl(tmp_path / "empty.jsonl")
        assert (tmp_path / "empty.jsonl").read_bytes() == b""
        assert len(newsdoc.load(tmp_path / "empty.jsonl")) == 0
