"""Memory safety across the binding: handles that outlive what they point into, iterators, pickling between
processes, threads reading while another loads, and a KeyboardInterrupt during a long load. Anything that could
crash the interpreter runs in a child process (conftest.run_python). See docs/reliability.md."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

import newsdoc

from conftest import SANITIZED, crashed, run_python
from test_hostile import write_jsonl_of_size

SETUP = """
import gc, json, newsdoc
def build(n=10):
    lines = [json.dumps({
        "id": str(i), "title": f"T{i}", "paragraphs": ["“Quote” – Zoë 😀.", f"Second {i:03} with Zoë."],
        "entities": [{"id": "e", "name": f"Name {i}", "type": "PERSON", "aliases": [f"N{i}"]}],
        "mentions": [{"entity": "e", "start": 10, "end": 13}, {"entity": "e", "start": 34, "end": 37}],
        "quotes": [{"start": 1, "end": 6, "speaker": "e", "speaker_span": [10, 13], "cue": "said"}],
        "meta": {"i": i, "nested": {"list": [1, 2, i]}}}, ensure_ascii=False) for i in range(n)]
    return newsdoc.loads("\\n".join(lines) + "\\n", annotate=False)
"""


def child(code: str, timeout: float = 60) -> list:
    result = run_python(SETUP + textwrap.dedent(code), timeout=timeout)
    assert result.returncode == 0, crashed(result)
    return result.stdout.splitlines()


class TestHandles:
    def test_views_after_corpus_and_article_are_deleted(self):
        out = child("""
            corpus = build()
            article = corpus[3]
            views = dict(paragraph=article.paragraphs[1], quote=article.quotes[0], mention=article.mentions[1],
                         entity=article.entities[0])
            paragraphs, quotes = article.paragraphs, article.quotes
            del corpus; gc.collect()
            del article; gc.collect()
            for _ in range(3):
                build(50); gc.collect()  # reuse the freed memory if anything was freed too early
            q, e = views["quote"], views["entity"]
            print(views["paragraph"].text, "|", q.text, q.speaker.name, q.speaker_text, q.cue)
            print(views["mention"].text, views["mention"].entity.aliases, [m.text for m in e.mentions])
            del views; gc.collect()
            print(q.article.title, q.article.meta, [p.text for p in paragraphs][0], len(quotes))
            print(e.article.to_json() == build()[3].to_json())
            """)
        assert out == ["Second 003 with Zoë. | Quote Name 3 Zoë said", "Zoë ['N3'] ['Zoë', 'Zoë']",
                       "T3 {'i': 3, 'nested': {'list': [1, 2, 3]}} “Quote” – Zoë 😀. 1", "True"]

    def test_query_results_and_transforms_outlive_their_corpus(self):
        out = child("""
            corpus = build()
            quotes, mentions, search = corpus.quotes(), corpus.mentions(), corpus.search("Zoë")
            redacted, part = corpus.redact(), corpus[2:5]
            table = corpus.entities()
            del corpus; gc.collect()
            build(50); gc.collect()
            print(len(quotes), quotes[9].text, quotes[9].speaker.name, len(mentions), mentions[-1].text)
            print(len(search), search[0].text, search[-1].context(5))
            print(redacted[0].paragraphs[0].text, [a.id for a in part], len(table))
            """)
        assert out[0] == "10 Quote Name 9 20 Zoë"
        assert out[1].startswith("20 Zoë ")
        assert out[2] == "“Quote” – [PERSON] 😀. ['2', '3', '4'] 10"

    def test_iterators_over_a_deleted_corpus(self):
        out = child("""
            corpus = build()
            untouched = iter(corpus)
            started = iter(corpus[::-1]); next(started)
            quotes = iter(corpus[4].quotes)
            paragraphs = iter(corpus[5].paragraphs)
            hits = iter(corpus.mentions())
            del corpus; gc.collect()
            build(50); gc.collect()
            print([a.id for a in untouched])
            print([a.id for a in started])
            print([q.text for q in quotes], [p.text for p in paragraphs][1], sum(1 for _ in hits))
            print(list(untouched), list(started))
            """)
        assert out == [str([str(i) for i in range(10)]), str([str(i) for i in range(8, -1, -1)]),
                       "['Quote'] Second 005 with Zoë. 20", "[] []"]


def _titles(corpus) -> list:
    """Runs in a spawned worker: the articles arrive pickled."""
    return [a.title for a in corpus] + [corpus[0].quotes[0].speaker.name if len(corpus) else ""]


def _mark(corpus):
    """Runs in a spawned worker; the corpus it returns is pickled back."""
    return corpus.redact()


class TestPickleAcrossProcesses:
    def test_spawned_workers(self):
        import multiprocessing
        import pickle

        corpus = newsdoc.loads("\n".join(json.dumps({
            "id": str(i), "title": f"T{i}", "paragraphs": [f"“Q{i:02}”, said Zoë Müller."],
            "entities": [{"id": "e", "name": "Zoë Müller", "type": "PERSON"}],
            "mentions": [{"entity": "e", "start": 12, "end": 22}],
            "quotes": [{"start": 1, "end": 4, "speaker": "e"}]}, ensure_ascii=False) for i in range(40)),
            annotate=False)
        parts = [corpus[i::4] for i in range(4)]
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            titles = pool.map(_titles, parts + [corpus[:0]])
            back = pool.map(_mark, parts)
            article = pool.apply(_titles, (newsdoc.Corpus([corpus[7]]),))
        assert titles[:4] == [[f"T{j}" for j in range(i, 40, 4)] + ["Zoë Müller"] for i in range(4)]
        assert titles[4] == [""]
        assert article == ["T7", "Zoë Müller"]
        assert [a.paragraphs[0].text for a in back[1]][:2] == ["“Q01”, said [PERSON].", "“Q05”, said [PERSON]."]
        again = pickle.loads(pickle.dumps(back[3]))
        assert again.dumps() == back[3].dumps() and len(again) == 10


class TestThreads:
    def test_eight_readers_and_a_loader(self):
        out = child("""
            import threading
            try:
                import pandas
            except ImportError:
                pandas = None
            corpus = build(200)
            text = build(2000).dumps()
            expected = (len(corpus.quotes()), len(corpus.entities()), corpus.dumps())
            failures, loaded = [], []
            def read(k):
                try:
                    for round in range(15):
                        quotes = corpus.quotes(speaker="Name 7")
                        assert len(quotes) == 1 and quotes[0].text == "Quote"
                        assert (len(corpus.quotes()), len(corpus.entities())) == expected[:2]
                        assert corpus[k * 20].to_json() == build(200)[k * 20].to_json()
                        assert len(corpus.search("Zoë")) == 400
                        assert [a.id for a in corpus.where(source="")][:2] == ["0", "1"]
                        if pandas is not None and round % 5 == 0:
                            assert len(corpus.to_pandas("quotes")) == 200
                        assert corpus.dumps() == expected[2]
                except BaseException as error:
                    failures.append(repr(error))
            def load():
                for _ in range(10):
                    loaded.append(len(newsdoc.loads(text, annotate=False)))
            threads = [threading.Thread(target=read, args=(k,)) for k in range(8)] + [threading.Thread(target=load)]
            for t in threads: t.start()
            for t in threads: t.join()
            print(failures, loaded)
            """, timeout=120)
        assert out == ["[] " + str([2000] * 10)]


INTERRUPT = """
import gc, os, signal, sys, threading, time, newsdoc
sent = []
def fire():
    sent.append(time.monotonic())
    os.kill(os.getpid(), signal.SIGINT)
threading.Timer(0.3, fire).start()
started, corpus = time.monotonic(), None
try:
    corpus = newsdoc.load(sys.argv[1], annotate=False)
    print("finished", time.monotonic() - started, flush=True)
    time.sleep(5)
    print("no KeyboardInterrupt")
except KeyboardInterrupt:
    now = time.monotonic()
    print("interrupted", now - sent[0], now - started, corpus is None)
gc.collect()
print([int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS")][0])
"""


@pytest.fixture(scope="module")
def interrupted_load(tmp_path_factory):
    """A SIGINT sent 0.3 s into loading a 1 GB JSONL file (2.1 s to load here), in a child process:
    (seconds from the signal to the KeyboardInterrupt, the corpus was left unbound, resident KiB afterwards)."""
    path = tmp_path_factory.mktemp("interrupt") / "huge.jsonl"
    write_jsonl_of_size(path, 1 << 30)
    try:
        result = run_python(INTERRUPT, str(path), timeout=300)
    finally:
        path.unlink()
    assert result.returncode == 0, crashed(result)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("interrupted"), lines
    _, after_signal, _, unbound = lines[0].split()
    return float(after_signal), unbound == "True", int(lines[1])


class TestKeyboardInterrupt:
    @pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status")
    def test_interrupt_is_raised_and_leaves_no_corpus(self, interrupted_load):
        _, unbound, resident_kib = interrupted_load
        assert unbound
        assert SANITIZED or resident_kib < 200 << 10  # the 1.3 GB corpus is freed again

    def test_interrupt_stops_the_load_within_a_second(self, interrupted_load):
        after_signal, _, _ = interrupted_load
        assert after_signal < 1.0
