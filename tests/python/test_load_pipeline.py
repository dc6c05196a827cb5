"""newsdoc.load's pipeline: annotation as records are read (equal to loading
then annotating), progress callbacks, cancelling and Ctrl-C."""

import os
import signal
import threading

import pytest

import newsdoc

STORY = ('Talks in round {i}\n\n"We will not give up," said Maria Lopez, the minister of Spain.\n\n'
         'John Smith said that the talks in Geneva would go on. "It is hard," he added.\n')


@pytest.fixture
def folder(tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(STORY.format(i=i))
    lines = [f'{{"id":"r{i}","title":"Round {i}","body":["\\"No,\\" said Ann Lee in Paris."]}}' for i in range(30)]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("annotate", [None, True])
def test_annotated_as_loaded_equals_loaded_then_annotated(folder, threads, annotate):
    expected = newsdoc.annotate(newsdoc.load(folder, annotate=False), only_missing=annotate is None)
    loaded = newsdoc.load(folder, annotate=annotate, threads=threads)
    assert loaded.dumps() == expected.dumps()
    assert [a.origin for a in loaded] == [a.origin for a in expected]
    assert sum(len(a.quotes) for a in loaded) == 6 * 3 + 30
    single = newsdoc.load(folder / "news.jsonl", annotate=annotate, threads=threads)
    assert single.dumps() == newsdoc.annotate(newsdoc.load(folder / "news.jsonl", annotate=False)).dumps()


@pytest.mark.parametrize("threads", [1, 2])
def test_progress_counts_grow_to_their_totals(folder, threads):
    seen = []
    corpus = newsdoc.load(folder, threads=threads, progress=seen.append)
    assert seen, "progress never called"
    for before, after in zip(seen, seen[1:]):
        assert all(a >= b for a, b in zip(after, before))
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert seen[-1] == newsdoc.LoadProgress(total, total, 7, 7, len(corpus)) == (total, total, 7, 7, 36)


@pytest.mark.parametrize("threads", [1, 2])
def test_progress_returning_false_cancels(folder, threads):
    with pytest.raises(newsdoc.Cancelled, match="load cancelled by its progress callback"):
        newsdoc.load(folder, threads=threads, progress=lambda p: False)
    assert issubclass(newsdoc.Cancelled, newsdoc.NewsdocError)


def test_progress_errors_propagate_and_bad_arguments_are_refused(folder):
    def broken(progress):
        raise RuntimeError("from the callback")

    with pytest.raises(RuntimeError, match="from the callback"):
        newsdoc.load(folder, progress=broken)
    with pytest.raises(TypeError, match="progress must be a callable"):
        newsdoc.load(folder, progress="yes")
    with pytest.raises(ValueError, match="annotate must be"):
        newsdoc.load(folder, annotate="yes")


def test_progress_true_draws_a_tqdm_bar(folder, capsys):
    pytest.importorskip("tqdm")
    corpus = newsdoc.load(folder, progress=True)
    assert len(corpus) == 36
    assert "newsdoc.load" in capsys.readouterr().err


@pytest.mark.parametrize("threads", [1, 2])
def test_ctrl_c_during_a_load_raises_keyboard_interrupt(folder, threads):
    # SIGINT arrives while the load runs; the callback, which holds the GIL, lets Python see it.
    def interrupt(progress):
        if progress.files_done >= 1:
            os.kill(os.getpid(), signal.SIGINT)
            threading.Event().wait(0.01)  # the signal is delivered before the next check

    with pytest.raises(KeyboardInterrupt):
        newsdoc.load(folder, threads=threads, progress=interrupt)
