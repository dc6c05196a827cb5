"""Corpora and articles pickle in newsdoc's binary form (newsdoc/binary.hpp), which loads only what it validated."""

from __future__ import annotations

import pickle
import random
import struct
import zlib

import pytest

import newsdoc
from newsdoc import _core

from conftest import UNICODE_PARAGRAPHS, crashed, run_python

HEADER = 24


@pytest.fixture
def annotated() -> newsdoc.Corpus:
    """Two articles with quotes, speakers, entities, mentions and meta, in multi-byte UTF-8."""
    first = newsdoc.Article(
        id="ex-1", title="Müller", published="2017-03-01", authors=["A. Smith"], tags=["Politik"],
        paragraphs=UNICODE_PARAGRAPHS, meta={"section": "Politik", "score": 1.5},
        entities=[{"id": "e1", "name": "Zoë Müller", "type": "PERSON", "aliases": ["Müller"]}],
        quotes=[{"start": 1, "end": 19, "speaker": "e1", "speaker_span": [28, 38], "cue": "sagte"}],
        mentions=[{"entity": "e1", "start": 28, "end": 38}])
    second = newsdoc.Article(id="ex-2", paragraphs=["Plain."])
    return newsdoc.Corpus([first, second])


def resealed(blob: bytes) -> bytes:
    """``blob`` with its header's checksum and payload size rewritten to match its payload."""
    payload = blob[HEADER:]
    return blob[:12] + struct.pack("<IQ", zlib.crc32(payload), len(payload)) + payload


def assert_same(a: newsdoc.Corpus, b: newsdoc.Corpus) -> None:
    assert len(a) == len(b)
    assert all(x == y for x, y in zip(a, b))
    assert a.dumps() == b.dumps()


class TestPickle:
    def test_corpus_round_trips_with_every_protocol(self, annotated):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(annotated, protocol=protocol))
            assert_same(annotated, again)
            quote = again[0].quotes[0]
            assert (quote.text, quote.speaker.name, quote.speaker_text, quote.cue) == (
                "Wir schaffen das 👍", "Zoë Müller", "Zoë Müller", "sagte")
            assert again[0].meta == {"section": "Politik", "score": 1.5}

    def test_article_round_trips_with_every_protocol(self, annotated):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(annotated[0], protocol=protocol))
            assert isinstance(again, newsdoc.Article)
            assert again == annotated[0]
            assert again.mentions[0].text == "Zoë Müller"

    def test_skipped_record_errors_travel_with_the_corpus(self):
        corpus = newsdoc.loads('{"title": "ok"}\n{"title": \n{"quotes": 5}\n', on_error="skip", annotate=False)
        again = pickle.loads(pickle.dumps(corpus))
        assert [(type(e).__name__, e.line, e.reason) for e in again.errors] == [
            (type(e).__name__, e.line, e.reason) for e in corpus.errors]
        assert [type(e).__name__ for e in again.errors] == ["ParseError", "SchemaError"]
        assert [e.line for e in again.errors] == [2, 3]

    def test_protocol_5_sends_the_blob_out_of_band(self, annotated):
        buffers = []
        data = pickle.dumps(annotated, protocol=5, buffer_callback=buffers.append)
        assert len(buffers) == 1
        blob = buffers[0].raw()
        assert blob[:8] == b"\x89NDCORP\n"
        assert len(data) < 200  # the function to call and a marker for the buffer
        again = pickle.loads(data, buffers=[memoryview(bytearray(blob))])
        assert_same(annotated, again)

    def test_a_slice_pickles_only_its_articles(self, annotated):
        whole = len(pickle.dumps(annotated))
        tail = pickle.dumps(annotated[1:])
        assert len(tail) < whole / 3
        assert pickle.loads(tail)[0] == annotated[1]

    def test_binary_is_smaller_than_json_for_an_annotated_corpus(self, annotated):
        assert len(_core.to_binary(annotated._core)) < len(annotated.dumps().encode("utf-8"))

    def test_origins_travel_in_pickles_and_saved_files(self, tmp_path):
        path = tmp_path / "a.jsonl"
        path.write_text('{"title": "A"}\n\n{"title": "B"}\n', encoding="utf-8")
        corpus = newsdoc.load(path, annotate=False)
        mixed = newsdoc.Corpus([corpus[0], newsdoc.Article(id="x", title="X"), corpus[1]])
        assert [a.origin for a in mixed] == [(str(path), 1), None, (str(path), 3)]
        corpus.save(tmp_path / "a.ndc")
        mixed.save(tmp_path / "m.ndc")
        reopened = newsdoc.load(tmp_path / "m.ndc")
        assert [a.origin for a in pickle.loads(pickle.dumps(mixed))] == [a.origin for a in mixed]
        assert [a.origin for a in reopened] == [a.origin for a in mixed]
        assert pickle.loads(pickle.dumps(corpus[1])).origin == (str(path), 3)
        # Saved again, byte for byte the same file.
        reopened.save(tmp_path / "again.ndc")
        assert (tmp_path / "again.ndc").read_bytes() == (tmp_path / "m.ndc").read_bytes()

    def test_memory_mapped_reopen_equals_the_read_one_and_survives_saving_over_its_file(self, annotated, tmp_path):
        path = tmp_path / "c.ndc"
        annotated.save(path)
        mapped = newsdoc.load(path, memory_map=True)
        assert_same(annotated, mapped)
        assert mapped.dumps() == newsdoc.load(path).dumps()
        first_quote = mapped[0].quotes[0].text
        # Saving over the mapped file replaces it: the mapped corpus keeps its text.
        newsdoc.Corpus([newsdoc.Article(id="other", title="Other")]).save(path)
        assert mapped[0].quotes[0].text == first_quote
        assert [a.id for a in newsdoc.load(path, memory_map=True)] == ["other"]
        mapped.save(path)
        assert newsdoc.load(path).dumps() == annotated.dumps()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["c.ndc"]

    def test_a_damaged_mapped_file_is_refused_as_a_read_one(self, annotated, tmp_path):
        path = tmp_path / "c.ndc"
        annotated.save(path)
        damaged = bytearray(path.read_bytes())
        damaged[-40] ^= 1
        path.write_bytes(bytes(damaged))
        with pytest.raises(newsdoc.ParseError, match="checksum mismatch") as read:
            newsdoc.load(path)
        with pytest.raises(newsdoc.ParseError, match="checksum mismatch") as mapped:
            newsdoc.load(path, memory_map=True)
        assert str(mapped.value) == str(read.value)

    def test_news_sample_round_trips(self, news_sample):
        corpus = newsdoc.load(news_sample, annotate=False)[:300]
        corpus = newsdoc.annotate(corpus)
        again = pickle.loads(pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
        assert_same(corpus, again)


class TestCorruptBlobs:
    def test_header_errors_say_what(self, annotated):
        blob = _core.to_binary(annotated._core)
        with pytest.raises(newsdoc.ParseError, match=r"^<x>: binary corpus: not a newsdoc binary corpus"):
            _core.from_binary(b'{"title": "x"}' + bytes(20), "<x>")
        with pytest.raises(newsdoc.ParseError, match=r"version 7, but this newsdoc reads versions 1 to 4$"):
            _core.from_binary(blob[:8] + b"\x07" + blob[9:], "<x>")
        with pytest.raises(newsdoc.ParseError, match=r"checksum mismatch: the blob is corrupted$"):
            _core.from_binary(blob[:-5] + bytes([blob[-5] ^ 1]) + blob[-4:], "<x>")
        with pytest.raises(newsdoc.ParseError, match=r"but \d+ follow it \(truncated\)$") as error:
            _core.from_binary(blob[:-1], "<x>")
        assert error.value.offset == 16

    def test_every_truncation_is_a_parse_error(self, annotated):
        blob = _core.to_binary(annotated._core)
        for size in range(len(blob)):
            with pytest.raises(newsdoc.ParseError):
                _core.from_binary(blob[:size], "<cut>")

    def test_every_flipped_byte_is_a_parse_error(self, annotated):
        blob = bytearray(_core.to_binary(annotated._core))
        for at in range(len(blob)):
            for bit in (0x01, 0x40):
                blob[at] ^= bit
                with pytest.raises(newsdoc.ParseError):
                    _core.from_binary(blob, "<flipped>")
                blob[at] ^= bit

    def test_a_corrupted_pickle_fails_to_load_with_a_parse_error(self, annotated):
        data = bytearray(pickle.dumps(annotated, protocol=4))
        at = data.index("Wir schaffen".encode())
        data[at] ^= 0x20
        with pytest.raises(newsdoc.ParseError, match=r"^<pickle>: binary corpus: checksum mismatch"):
            pickle.loads(bytes(data))

    def test_payload_is_checked_even_when_the_checksum_matches(self, annotated):
        blob = _core.to_binary(annotated._core)
        for size in range(HEADER, len(blob)):
            with pytest.raises((newsdoc.ParseError, newsdoc.SchemaError)):
                _core.from_binary(resealed(blob[:size]), "<cut>")
        # The second article's only paragraph, "Plain.", becomes invalid UTF-8.
        at = blob.index(b"Plain.")
        bad = resealed(blob[:at] + b"\xff" + blob[at + 1:])
        with pytest.raises(newsdoc.SchemaError) as error:
            _core.from_binary(bad, "<bad>")
        assert (error.value.line, error.value.pointer, error.value.reason) == (2, "/paragraphs/0", "not valid UTF-8")
        assert str(error.value) == "<bad>:2: /paragraphs/0: not valid UTF-8"

    def test_random_damage_with_a_matching_checksum_never_crashes(self, annotated):
        # In a child process: if the loader crashed, the crash must not take the test suite with it.
        blob = _core.to_binary(annotated._core)
        result = run_python("""
            import random, struct, sys, zlib
            import newsdoc
            from newsdoc import _core
            blob = bytes.fromhex(sys.argv[1])
            rng = random.Random(7)
            outcomes = {"loaded": 0, "ParseError": 0, "SchemaError": 0}
            for trial in range(4000):
                payload = bytearray(blob[24:])
                for _ in range(1 + trial % 3):
                    payload[rng.randrange(len(payload))] = rng.randrange(256)
                bad = blob[:12] + struct.pack("<IQ", zlib.crc32(payload), len(payload)) + bytes(payload)
                try:
                    _core.from_binary(bad, "<random>")
                    outcomes["loaded"] += 1
                except (newsdoc.ParseError, newsdoc.SchemaError) as error:
                    outcomes[type(error).__name__] += 1
            print(outcomes["loaded"], outcomes["ParseError"], outcomes["SchemaError"])
        """, blob.hex())
        assert result.returncode == 0, crashed(result)
        loaded, parse_errors, schema_errors = map(int, result.stdout.split())
        assert loaded + parse_errors + schema_errors == 4000
        assert parse_errors > 0 and schema_errors > 0
