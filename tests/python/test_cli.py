"""The newsdoc command line (newsdoc.cli): show, convert, quotes, stats, errors, help.

Most tests call main() in-process with capsys; a few run `python -m newsdoc`
in a child process, as a user would.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsdoc
from conftest import REPO, seed_file
from newsdoc import cli
from test_display import talks


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "talks.json"
    path.write_text(talks().to_json(), encoding="utf-8")
    return path


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    articles = [talks(), talks(id="t2", source="AP", published="2018-01-02"), newsdoc.Article(id="t3", title="Bare")]
    newsdoc.Corpus(articles).to_jsonl(path)
    return path


# newsdoc.load annotates records without quotes and entities unless told annotate=False. Where a test
# needs the input as it is, it passes NO_ANNOTATE and reads results back with load_plain.
NO_ANNOTATE = ["--no-annotate"]


def load_plain(path) -> newsdoc.Corpus:
    return newsdoc.load(path, annotate=False)


def run(capsys, *argv: str):
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsdoc: error: "), err
    return lines[0]


# --- show -------------------------------------------------------------------------------------------------------

def test_show_prints_title_metadata_paragraphs_quotes_entities(capsys, article_file):
    status, out, err = run(capsys, "show", str(article_file), "--no-color")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Talks"
    assert "RT · 2017-04-25 · Ann Lee · https://example.com/a?x=1&y=2" in lines[1]
    assert "tags: Syria, Russia" in out
    assert "Viktor Ozerov said that Russia could prioritize sending arms." in " ".join(out.split())
    assert "Quotes (6)" in out and "Entities (4)" in out
    assert "direct   Bashar al-Assad, cue “said”" in out
    assert "unknown speaker (“someone”), cue “said”" in out
    assert "GPE      Russia  3 mentions" in out
    assert "\x1b[" not in out


def test_show_colours_quotes_by_speaker(capsys, article_file):
    status, out, _ = run(capsys, "show", str(article_file), "--color")
    assert status == 0
    assert "\x1b[34mYes, we will\x1b[0m" in out            # first speaker: blue
    assert "\x1b[33;3mthat Russia could" in out            # second speaker, indirect: yellow italic
    assert "\x1b[90mNothing extraordinary\x1b[0m" in out   # unknown speaker: grey
    assert "\x1b[34;4ma friend\x1b[0m" in out              # partial inside indirect: underlined


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_tty_no_color_and_flags(monkeypatch):
    args = cli._parser().parse_args(["show", "x.json"])
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert cli._use_colour(args, FakeTTY()) is True
    assert cli._use_colour(args, io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_colour(args, FakeTTY()) is False
    assert cli._use_colour(cli._parser().parse_args(["show", "x.json", "--color"]), io.StringIO()) is True
    monkeypatch.delenv("NO_COLOR")
    assert cli._use_colour(cli._parser().parse_args(["show", "x.json", "--no-color"]), FakeTTY()) is False


def test_show_wraps_to_width(capsys, article_file):
    status, out, _ = run(capsys, "show", str(article_file), "--no-color", "--width", "40")
    assert status == 0
    text = out.split("Entities (")[0]  # entity lines are not wrapped
    assert all(len(line) <= 40 for line in text.splitlines())
    assert "RT · 2017-04-25 · Ann Lee ·\nhttps://example.com/a?x=1&y=2 · id t1\n" in out


def test_show_picks_article_by_id_or_index(capsys, corpus_file):
    status, out, _ = run(capsys, "show", str(corpus_file), "--article", "t3", "--no-color")
    assert status == 0 and out.startswith("Bare\n") and "article 2 of 3" in out
    status, out, _ = run(capsys, "show", str(corpus_file), "--article", "-1", "--no-color")
    assert status == 0 and out.startswith("Bare\n")
    status, out, _ = run(capsys, "show", str(corpus_file), "--article", "1", "--no-color")
    assert status == 0 and "id t2" in out
    status, out, err = run(capsys, "show", str(corpus_file), "--article", "9")
    assert status == 2 and out == ""
    assert "article 9 out of range (3 articles)" in one_error_line(err)
    status, _, err = run(capsys, "show", str(corpus_file), "--article", "nope")
    assert status == 2 and "no article with id 'nope'" in one_error_line(err)


def test_show_plain_text(capsys):
    status, out, _ = run(capsys, "show", str(seed_file(".txt")), "--no-color", *NO_ANNOTATE)
    assert status == 0
    assert out.startswith("Syria and Russia hold negotiations about new arms shipments\n")
    assert "Quotes (0)" in out


# --- convert ----------------------------------------------------------------------------------------------------

def test_convert_text_and_foreign_json_to_canonical_jsonl(capsys, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Talks\n\nThe talks went on.\n\nThey ended.\n", encoding="utf-8")
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text('{"title": "One", "maintext": "Body one.", "date_publish": "2020-01-01"}\n'
                       '{"title": "Two", "maintext": "Body two."}\n', encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    status, out, err = run(capsys, "convert", str(tmp_path / "in"), str(foreign), "-o", str(out_path),
                           "--mapping", "news-please", *NO_ANNOTATE)
    assert status == 0 and out == ""
    assert err == f"newsdoc: wrote 3 articles to {out_path}\n"
    corpus = load_plain(out_path)
    assert [a.title for a in corpus] == ["Talks", "One", "Two"]
    assert corpus[0].id == "a" and [p.text for p in corpus[0].paragraphs] == ["The talks went on.", "They ended."]
    assert corpus[1].published == "2020-01-01"
    assert out_path.read_text(encoding="utf-8") == corpus.dumps()  # canonical


def test_convert_to_stdout_and_gzip(capsys, tmp_path, article_file):
    status, out, _ = run(capsys, "convert", str(article_file), "-o", "-", *NO_ANNOTATE)
    assert status == 0 and out == talks().to_json() + "\n"
    target = tmp_path / "out.jsonl.gz"
    status, _, _ = run(capsys, "convert", str(article_file), "-o", str(target), *NO_ANNOTATE)
    assert status == 0 and gzip.decompress(target.read_bytes()).decode() == talks().to_json() + "\n"


def test_convert_on_error_skip_keeps_good_records(capsys, tmp_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"title": "ok"}\n{"title": \n{"title": "also ok"}\n', encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    status, _, err = run(capsys, "convert", str(bad), "-o", str(out_path), *NO_ANNOTATE)
    assert status == 2 and "truncated" in one_error_line(err) and not out_path.exists()
    status, _, err = run(capsys, "convert", str(bad), "-o", str(out_path), *NO_ANNOTATE, "--on-error", "skip")
    assert status == 0
    assert err.splitlines()[0].startswith("newsdoc: warning: skipped 1 bad record; the first: ")
    assert [a.title for a in load_plain(out_path)] == ["ok", "also ok"]


def test_convert_skip_passes_over_unreadable_files(capsys, tmp_path):
    good = tmp_path / "good.json"
    good.write_text('{"title": "ok"}', encoding="utf-8")
    broken = tmp_path / "broken.json.gz"
    data = gzip.compress(b'{"title": "cut"}\n' * 100)
    broken.write_bytes(data[: len(data) // 2])  # a truncated gzip stream cannot be read at all
    out_path = tmp_path / "out.jsonl"
    status, _, err = run(capsys, "convert", str(good), str(broken), "-o", str(out_path), *NO_ANNOTATE)
    assert status == 2 and one_error_line(err)
    status, _, err = run(capsys, "convert", str(good), str(broken), "-o", str(out_path), *NO_ANNOTATE,
                         "--on-error", "skip")
    assert status == 0 and f"newsdoc: warning: skipped {broken}: " in err
    assert len(load_plain(out_path)) == 1


def test_convert_annotates(capsys, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Talks\n\n“We will win,” Bashar al-Assad said.\n", encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    status, _, _ = run(capsys, "convert", str(text), "-o", str(out_path))
    assert status == 0
    assert load_plain(out_path)[0].quotes


@pytest.mark.parametrize("flags, annotate", [([], "missing"), (["--annotate", "missing"], "missing"),
                                             (["--annotate", "all"], "all"), (["--reannotate"], "all"),
                                             (["--no-annotate"], False)])
@pytest.mark.parametrize("command", [["show"], ["quotes"], ["stats"], ["convert", "-o", "-"]])
def test_annotation_flags_reach_load(capsys, monkeypatch, article_file, command, flags, annotate):
    calls = []
    real_load = newsdoc.load

    def load(path, **options):
        calls.append(options)
        return real_load(path)

    monkeypatch.setattr(newsdoc, "load", load)
    status, _, _ = run(capsys, command[0], str(article_file), *command[1:], *flags)
    assert status == 0
    assert len(calls) == 1 and callable(calls[0].pop("progress"))  # the load's bar
    assert calls == [{"mapping": None, "on_error": "raise", "annotate": annotate}]


def test_annotation_flags_exclude_each_other(capsys, article_file):
    status, _, err = run(capsys, "stats", str(article_file), "--no-annotate", "--reannotate")
    assert status == 2 and "not allowed with argument" in err
    status, _, err = run(capsys, "stats", str(article_file), "--annotate", "none")
    # argparse's quoting of the choices differs between Python versions
    assert status == 2 and "invalid choice: 'none'" in err and "missing" in err and "all" in err


# --- quotes -----------------------------------------------------------------------------------------------------

QUOTE_FIELDS = {"article_id", "article_index", "text", "start", "end", "kind", "speaker", "speaker_span", "cue",
                "cue_span", "parts", "fragments"}


def test_quotes_json(capsys, corpus_file):
    status, out, err = run(capsys, "quotes", str(corpus_file), "--format", "json", *NO_ANNOTATE)
    assert status == 0 and err == ""
    quotes = json.loads(out)
    assert len(quotes) == 12
    assert all(set(q) == QUOTE_FIELDS for q in quotes)
    first = quotes[0]
    article = talks()
    assert first == {"article_id": "t1", "article_index": 0, "text": "Yes, we will", "start": 1, "end": 13,
                     "kind": "direct", "speaker": "Bashar al-Assad",
                     "speaker_span": list(article.quotes[0].speaker_span), "cue": "said", "cue_span": None,
                     "parts": [[1, 13]], "fragments": []}
    text = article.text
    assert all(text[q["start"]:q["end"]] == q["text"] for q in quotes)
    assert [q["speaker"] for q in quotes if q["article_id"] == "t1"].count(None) == 1


def test_quotes_speaker_matches_name_or_alias_any_case(capsys, corpus_file):
    for name in ("ozerov", "VIKTOR OZEROV", " Viktor ozerov "):
        status, out, _ = run(capsys, "quotes", str(corpus_file), "--format", "json", "--speaker", name)
        assert status == 0
        quotes = json.loads(out)
        assert len(quotes) == 4 and {q["speaker"] for q in quotes} == {"Viktor Ozerov"}
    status, out, _ = run(capsys, "quotes", str(corpus_file), "--format", "json", "--speaker", "ozer")
    assert json.loads(out) == []
    status, out, _ = run(capsys, "quotes", str(corpus_file), "--format", "json", "--speaker", "assad",
                         "--kind", "partial", "--kind", "indirect")
    assert [(q["kind"], q["text"]) for q in json.loads(out)] == [
        ("indirect", "that Russia was “a friend” of Syria"), ("partial", "a friend")] * 2


def test_quotes_csv_and_table(capsys, article_file):
    status, out, _ = run(capsys, "quotes", str(article_file), "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6
    assert rows[5]["text"] == "It goes on.\n\n“And on" and rows[5]["speaker"] == "Viktor Ozerov"
    assert rows[4]["speaker"] == "" and rows[4]["cue"] == "said"
    status, out, _ = run(capsys, "quotes", str(article_file), "--width", "100")
    lines = out.splitlines()
    assert lines[0].split() == ["article", "kind", "speaker", "cue", "quote"]
    assert lines[-1] == "6 quotes"
    assert all(len(line) <= 100 for line in lines)


def test_quotes_of_plain_text_without_annotation(capsys):
    status, out, _ = run(capsys, "quotes", str(seed_file(".txt")), "--format", "json", *NO_ANNOTATE)
    assert status == 0 and json.loads(out) == []
    status, out, _ = run(capsys, "quotes", str(seed_file(".txt")), *NO_ANNOTATE)
    assert status == 0 and out == "no quotes\n"


# --- stats ------------------------------------------------------------------------------------------------------

def test_stats_text(capsys, corpus_file):
    status, out, err = run(capsys, "stats", str(corpus_file), *NO_ANNOTATE)
    assert status == 0 and err == ""
    lines = [" ".join(line.split()) for line in out.splitlines()]
    for expected in ("articles 3", "paragraphs 8", "quotes 12 statements of 12 parts", "direct 6 (50.0%)",
                     "partial 2 (16.7%)", "indirect 4 (33.3%)", "with speaker 83.3%", "entities 4", "PERSON 2 (50.0%)",
                     "published 2017-04-25 – 2018-01-02 (1 undated)", "6 Bashar al-Assad",
                     "6 Russia (GPE), in 2 articles"):
        assert expected in lines, (expected, lines)


def test_stats_json(capsys, corpus_file):
    status, out, _ = run(capsys, "stats", str(corpus_file), "--format", "json", "--top", "1", *NO_ANNOTATE)
    stats = json.loads(out)
    assert stats["articles"] == 3 and stats["quotes_by_kind"] == {"direct": 6, "partial": 2, "indirect": 4}
    assert stats["top_speakers"] == [["Bashar al-Assad", 6]]


def test_stats_count_the_corpus_entities(capsys, tmp_path):
    """An article that says "Assad" and "Ozerov" counts for Bashar al-Assad and Viktor Ozerov (Corpus.entities())."""
    path = tmp_path / "corpus.jsonl"
    newsdoc.Corpus([talks(), talks(id="t2", names={"e1": "Assad", "e3": "Ozerov"})]).to_jsonl(path)
    status, out, _ = run(capsys, "stats", str(path), "--format", "json", *NO_ANNOTATE)
    stats = json.loads(out)
    assert stats["entities"] == 4 and stats["top_speakers"] == [["Bashar al-Assad", 6], ["Viktor Ozerov", 4]]
    assert stats["top_entities"][1] == ["Bashar al-Assad", "PERSON", 2, 2]


def test_stats_of_a_directory(capsys, tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n", encoding="utf-8")
    status, out, err = run(capsys, "stats", str(tmp_path))
    assert status == 0 and err == ""  # no progress bar: stderr is no terminal
    assert "articles         3" in out


# --- errors, help, version --------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["show"], ["quotes"], ["stats"], ["convert", "-o", "out.jsonl"]])
def test_missing_file_is_one_error_line(capsys, tmp_path, command):
    missing = str(tmp_path / "missing.json")
    status, out, err = run(capsys, command[0], missing, *command[1:])
    assert status == 2 and out == ""
    assert one_error_line(err) == f"newsdoc: error: {missing}: No such file or directory"


def test_bad_json_is_one_error_line(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 3}', encoding="utf-8")
    status, _, err = run(capsys, "stats", str(bad))
    assert status == 2
    assert one_error_line(err) == f"newsdoc: error: {bad}:1:1: /title: expected a string, found a number"


@pytest.mark.parametrize("command", [[], ["show"], ["convert"], ["quotes"], ["stats"]])
def test_help_everywhere(capsys, command):
    status, out, _ = run(capsys, *command, "--help")
    assert status == 0 and out.startswith("usage: newsdoc")


def test_version_and_usage_errors(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out == f"newsdoc {newsdoc.__version__}\n"
    status, _, err = run(capsys)
    assert status == 2 and "newsdoc: error:" in err
    status, _, err = run(capsys, "quotes", "x.json", "--kind", "sarcastic")
    assert status == 2 and "invalid choice" in err


# --- a child process ----------------------------------------------------------------------------------------------

def python_m(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsdoc", *args], capture_output=True, text=True, timeout=120,
                          cwd=str(REPO), env=env)


def test_python_m_newsdoc(corpus_file, tmp_path):
    result = python_m("quotes", str(corpus_file), "--format", "json", "--kind", "direct")
    assert result.returncode == 0, result.stderr
    quotes = json.loads(result.stdout)
    assert len(quotes) == 6 and {q["kind"] for q in quotes} == {"direct"}
    assert all(set(q) == QUOTE_FIELDS for q in quotes)
    shown = python_m("show", str(corpus_file))
    assert shown.returncode == 0 and "\x1b[" not in shown.stdout  # not a terminal: no colours
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"}\n{"title": \n', encoding="utf-8")
    failed = python_m("stats", str(bad))
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.splitlines() == [f"newsdoc: error: {bad}:2:1: truncated: array or object not closed"]
