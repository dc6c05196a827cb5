"""The ``newsdoc`` command line: show an article, convert inputs, list quotes, count a corpus, train models.

Run ``newsdoc --help`` (or ``python -m newsdoc --help``) for the commands and
``newsdoc COMMAND --help`` for each one's options::

    newsdoc show seeds/000_0eafb7a6a491ae43.json
    newsdoc convert crawl/ -o corpus.jsonl --mapping news-please --on-error skip
    newsdoc quotes corpus.jsonl --speaker "Bashar al-Assad" --format csv
    newsdoc stats corpus.jsonl
    newsdoc train corenlp/train.jsonl.gz my-brat-folder/ --out my-models --dev corenlp/dev.jsonl.gz

Bad input (an unreadable file, malformed JSON, an article that breaks the
schema) ends the program with one line ``newsdoc: error: <message>`` on
stderr and exit status 2, as does a folder from which nothing loads. Like :func:`newsdoc.load`, every
command annotates the articles that carry no quotes and no entities
(``--annotate missing``); ``--annotate all`` (or ``--reannotate``) annotates
all, ``--no-annotate`` reads the input as it is.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, TextIO, Tuple, Union

import newsdoc

from . import _annotate, _core, _display
from ._corpus import Corpus
from ._io import MAPPINGS

__all__ = ["main"]

PROG = "newsdoc"
KINDS = _core.QUOTE_KINDS
_PROGRESS_DELAY = 1.0  # seconds before a progress bar appears

# ANSI colours in the order of _display.PALETTE (blue, orange, green, red, purple, teal, brown, pink, olive, slate).
_ANSI_PALETTE = ("34", "33", "32", "31", "35", "36", "93", "95", "92", "94")
_ANSI_UNKNOWN = "90"
_ANSI_KIND = {"direct": "", "partial": ";4", "indirect": ";3"}  # underlined, italic


class CommandError(Exception):
    """A problem with the command's input, reported as one line and exit status 2.

    Example:
        >>> main(["show", "seeds/000_0eafb7a6a491ae43.json", "--article", "7"])  # and on stderr: "newsdoc: error: ..."
        2
    """


# --- input ------------------------------------------------------------------------------------------------------

def _progress(iterable: Iterable, *, total: Optional[int], unit: str, desc: str) -> Iterable:
    """``iterable`` with a tqdm bar on stderr that appears after a second (none without tqdm or a terminal)."""
    try:
        from tqdm import tqdm
    except ImportError:  # tqdm is optional: no bar
        return iterable
    return tqdm(iterable, total=total, unit=unit, desc=desc, file=sys.stderr, delay=_PROGRESS_DELAY,
                leave=False, disable=None, dynamic_ncols=True)


class _LoadBar:
    """A tqdm bar of the bytes a load has read, on stderr after a second, as :func:`_progress`'s bars."""

    def __init__(self) -> None:
        try:
            from tqdm import tqdm
        except ImportError:  # tqdm is optional: no bar
            self._bar = None
            return
        self._bar = tqdm(total=0, unit="B", unit_scale=True, unit_divisor=1024, desc="loading", file=sys.stderr,
                         delay=_PROGRESS_DELAY, leave=False, disable=None, dynamic_ncols=True)

    def __call__(self, progress: newsdoc.LoadProgress) -> None:
        if self._bar is not None:
            self._bar.total = progress.bytes_total
            self._bar.update(progress.bytes_done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {_one_line(message)}", file=sys.stderr)


def _load(inputs: Sequence[str], *, mapping: Optional[str] = None, on_error: str = "raise",
          annotate: Union[str, bool] = "missing") -> Corpus:
    """The articles of ``inputs`` (files, folders, binary corpus files) as one corpus.

    :func:`newsdoc.load` reads them all in one call (the C++ input layer
    walks the folders, names the articles, refuses what is not text and
    annotates each article as it reads it, on every core); a bar on a
    terminal shows the bytes read.
    With ``on_error="skip"`` a file that cannot be read at all is listed
    with the bad records and reported in one warning. ``annotate`` is as in
    :func:`newsdoc.load`.
    """
    bar = _LoadBar()
    try:
        corpus = newsdoc.load(list(inputs), mapping=mapping, on_error=on_error, annotate=annotate, progress=bar)
    finally:
        bar.close()
    errors = [e for e in corpus.errors if not isinstance(e, newsdoc.IoError)]
    for error in corpus.errors:
        if isinstance(error, newsdoc.IoError):
            message = _message(error)
            _warn(f"skipped {error.path}: {message[len(error.path) + 2:] if message.startswith(error.path + ': ') else message}")
    if errors:
        _warn(f"skipped {len(errors)} bad record{'s' if len(errors) != 1 else ''}; the first: {errors[0]}")
    return corpus


def _articles(corpus: Corpus, desc: str) -> Iterable[newsdoc.Article]:
    return _progress(corpus, total=len(corpus), unit="article", desc=desc)


def _speaker_names(entity: Optional[newsdoc.Entity]) -> Tuple[str, ...]:
    if entity is None:
        return ()
    return tuple(name.casefold().strip() for name in [entity.name, *entity.aliases] if name)


# --- terminal output --------------------------------------------------------------------------------------------

def _use_colour(args: argparse.Namespace, stream: TextIO) -> bool:
    """Colour when asked with --color, never with --no-color or NO_COLOR, else when ``stream`` is a terminal."""
    if args.color is not None:
        return args.color
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _width(args: argparse.Namespace) -> int:
    if getattr(args, "width", None):
        return max(20, args.width)
    return max(20, min(shutil.get_terminal_size((100, 24)).columns, 100) - 1)


def _wrap(text: str, width: int) -> List[Tuple[int, int]]:
    """``text`` cut into lines of at most ``width`` characters at white space, as (start, end) offsets."""
    lines: List[Tuple[int, int]] = []
    start = end = -1
    for word in re.finditer(r"\S+", text):
        if start < 0:
            start, end = word.start(), word.end()
        elif word.end() - start <= width:
            end = word.end()
        else:
            lines.append((start, end))
            start, end = word.start(), word.end()
    if start >= 0:
        lines.append((start, end))
    return lines


def _sgr(code: str, text: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour and code and text else text


def _quote_code(order: Dict[int, int], quote: newsdoc.Quote) -> str:
    speaker = quote.speaker
    if speaker is None or speaker.index not in order:
        base = _ANSI_UNKNOWN
    else:
        base = _ANSI_PALETTE[order[speaker.index] % len(_ANSI_PALETTE)]
    return base + _ANSI_KIND.get(quote.kind, "")


def _styles(article: newsdoc.Article, order: Dict[int, int]) -> List[str]:
    """The SGR code of each character of the body: the innermost quote's colour, bold for speakers."""
    styles = [""] * len(article.text)
    rank = {"indirect": 0, "direct": 1, "partial": 2}
    quotes = sorted(article.quotes, key=lambda q: (q.start, -q.end, rank.get(q.kind, 1)))
    speakers = []
    for quote in quotes:  # later (inner) quotes overwrite earlier (outer) ones
        code = _quote_code(order, quote)
        for i in range(quote.start, quote.end):
            styles[i] = code
        if quote.speaker_span is not None:
            speakers.append((quote.speaker_span, code.split(";")[0]))
    for (start, end), code in speakers:
        for i in range(start, end):
            styles[i] = code + ";1"
    return styles


def _paint(text: str, styles: Sequence[str], colour: bool) -> str:
    """``text`` with runs of equal style wrapped in SGR codes."""
    if not colour:
        return text
    out = []
    run_start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or styles[i] != styles[run_start]:
            out.append(_sgr(styles[run_start], text[run_start:i], True))
            run_start = i
    return "".join(out)


def _show(args: argparse.Namespace) -> int:
    corpus = _load([args.file], mapping=args.mapping, on_error=args.on_error, annotate=args.annotate)
    index = _pick(corpus, args.article, args.file)
    article = corpus[index]
    out = sys.stdout
    colour = _use_colour(args, out)
    width = _width(args)
    order = _display.speaker_colours(article)

    title = article.title or "(untitled)"
    for start, end in _wrap(title, width) or [(0, len(title))]:
        print(_sgr("1", title[start:end], colour), file=out)
    meta = [part for part in (article.source, article.published, ", ".join(article.authors), article.url,
                              article.language) if part]
    meta.append(f"id {article.id}" if article.id else "")
    if len(corpus) > 1:
        meta.append(f"article {index} of {len(corpus)}")
    for line in (" · ".join(part for part in meta if part), "tags: " + ", ".join(article.tags) if article.tags else ""):
        for start, end in _wrap(line, width):
            print(_sgr("2", line[start:end], colour), file=out)

    styles = _styles(article, order)
    text = article.text
    for paragraph in article.paragraphs:
        print(file=out)
        for start, end in _wrap(paragraph.text, width):
            a, b = paragraph.start + start, paragraph.start + end
            print(_paint(text[a:b], styles[a:b], colour), file=out)

    # One entry per statement: the pieces of an interrupted quote together, fragments under their statement.
    statements = sorted(article.attributions, key=lambda a: (a.start, a.end))
    print(file=out)
    print(_sgr("1", f"Quotes ({len(statements)})", colour), file=out)
    for number, statement in enumerate(statements, 1):
        first = statement.content[0]
        speaker = statement.speaker
        who = (speaker.name or speaker.id) if speaker is not None else "unknown speaker"
        if statement.speaker_text and (speaker is None or statement.speaker_text != speaker.name):
            who += f" (“{statement.speaker_text}”)"
        head = f"{statement.kind:<8} {who}" + (f", cue “{statement.cue}”" if statement.cue else "")
        for line, (start, end) in enumerate(_wrap(head, width - 14)):
            print((f"{number:>3}. " if line == 0 else " " * 14)
                  + _sgr(_quote_code(order, first).split(";")[0], head[start:end], colour), file=out)
        body = " ".join(statement.text.split())
        for start, end in _wrap(body, width - 10):
            print("          " + _sgr(_quote_code(order, first), body[start:end], colour), file=out)
        for fragment in statement.fragments:
            words = "“" + " ".join(fragment.text.split()) + "”"
            for line, (start, end) in enumerate(_wrap(words, width - 24)):
                print(("            fragment " if line == 0 else " " * 21)
                      + _sgr(_quote_code(order, fragment), words[start:end], colour), file=out)

    entities = sorted(article.entities, key=lambda e: (-len(e.mentions), e.index))
    print(file=out)
    print(_sgr("1", f"Entities ({len(entities)})", colour), file=out)
    for entity in entities:
        n = len(entity.mentions)
        line = f"  {entity.type or '?':<8} {entity.name or entity.id}  {n} mention{'s' if n != 1 else ''}"
        if entity.aliases:
            line += f"  aka {', '.join(entity.aliases)}"
        print(line, file=out)
    return 0


def _pick(corpus: Corpus, spec: Optional[str], path: str) -> int:
    """The index of the article ``spec`` names: an article id first, else a (negative) index."""
    n = len(corpus)
    if n == 0:
        raise CommandError(f"{path}: no articles")
    if spec is None:
        return 0
    for i, article in enumerate(corpus):
        if article.id == spec:
            return i
    try:
        index = int(spec)
    except ValueError:
        raise CommandError(f"{path}: no article with id {spec!r}") from None
    if not -n <= index < n:
        raise CommandError(f"{path}: article {index} out of range ({n} article{'s' if n != 1 else ''})")
    return index % n


# --- convert ----------------------------------------------------------------------------------------------------

def _convert(args: argparse.Namespace) -> int:
    corpus = _load(args.inputs, mapping=args.mapping, on_error=args.on_error, annotate=args.annotate)
    if args.output == "-":
        sys.stdout.write(corpus.dumps())
        sys.stdout.flush()
    else:
        if args.output.endswith(".ndc"):
            corpus.save(args.output)  # the binary corpus form, which newsdoc.load reopens
        else:
            corpus.to_jsonl(args.output)
        print(f"{PROG}: wrote {len(corpus)} article{'s' if len(corpus) != 1 else ''} to {args.output}",
              file=sys.stderr)
    return 0


# --- quotes -----------------------------------------------------------------------------------------------------

_QUOTE_FIELDS = ("article_id", "article_index", "text", "start", "end", "kind", "speaker", "speaker_span", "cue",
                 "cue_span", "parts", "fragments")


def _quote_records(corpus: Corpus, speakers: Sequence[str], kinds: Sequence[str],
                   every_part: bool = False) -> Iterator[Dict[str, Any]]:
    """One record per statement (its parts joined, its fragments listed), or per quote with ``every_part``."""
    wanted = {name.casefold().strip() for name in speakers}
    for index, article in enumerate(_articles(corpus, "quotes")):
        if every_part:
            items = sorted(article.quotes, key=lambda q: (q.start, q.end, q.index))
        else:
            items = sorted(article.attributions, key=lambda a: (a.start, a.end, a.index))
        for item in items:
            if kinds and item.kind not in kinds:
                continue
            speaker = item.speaker
            if wanted and not wanted.intersection(_speaker_names(speaker)):
                continue
            span, cue_span = item.speaker_span, item.cue_span
            if every_part:
                parts = [[item.start, item.end]]
                fragments = []
            else:
                parts = [[q.start, q.end] for q in item.content]
                fragments = [[q.start, q.end] for q in item.fragments]
            yield {"article_id": article.id, "article_index": index, "text": item.text,
                   "start": item.start, "end": item.end, "kind": item.kind,
                   "speaker": (speaker.name or speaker.id) if speaker is not None else None,
                   "speaker_span": list(span) if span is not None else None, "cue": item.cue or None,
                   "cue_span": list(cue_span) if cue_span is not None else None,
                   "parts": parts, "fragments": fragments}


def _quotes(args: argparse.Namespace) -> int:
    corpus = _load([args.corpus], mapping=args.mapping, on_error=args.on_error, annotate=args.annotate)
    records = _quote_records(corpus, args.speaker or (), args.kind or (), args.parts)
    out = sys.stdout
    if args.format == "json":
        count = 0
        out.write("[")
        for record in records:  # one quote a line, written as found
            out.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["article_id", "article_index", "start", "end", "kind", "speaker", "speaker_start",
                         "speaker_end", "cue", "cue_start", "cue_end", "parts", "fragments", "text"])
        for r in records:
            span = r["speaker_span"] or ("", "")
            cue_span = r["cue_span"] or ("", "")
            writer.writerow([r["article_id"], r["article_index"], r["start"], r["end"], r["kind"],
                             r["speaker"] or "", span[0], span[1], r["cue"] or "", cue_span[0], cue_span[1],
                             len(r["parts"]), len(r["fragments"]), r["text"]])
    else:
        _quote_table(list(records), _width(args), out)
    return 0


def _quote_table(records: List[Dict[str, Any]], width: int, out: TextIO) -> None:
    if not records:
        print("no quotes", file=out)
        return
    rows = [(r["article_id"] or f"#{r['article_index']}", r["kind"], r["speaker"] or "?", r["cue"] or "",
             " ".join(r["text"].split())) for r in records]
    header = ("article", "kind", "speaker", "cue", "quote")
    caps = (24, 8, 28, 16)
    widths = [min(cap, max(len(header[i]), *(len(row[i]) for row in rows))) for i, cap in enumerate(caps)]
    rest = max(20, width - sum(widths) - 2 * len(widths))

    def cut(text: str, n: int) -> str:
        return text if len(text) <= n else text[: n - 1] + "…"

    for row in [header, *rows]:
        cells = [cut(row[i], w).ljust(w) for i, w in enumerate(widths)]
        print("  ".join(cells + [cut(row[4], rest)]).rstrip(), file=out)
    print(f"{len(records)} quote{'s' if len(records) != 1 else ''}", file=out)


# --- stats ------------------------------------------------------------------------------------------------------

def _stats(args: argparse.Namespace) -> int:
    corpus = _load([args.corpus], mapping=args.mapping, on_error=args.on_error, annotate=args.annotate)
    stats = _display.corpus_stats(corpus, top=args.top)
    out = sys.stdout
    if args.format == "json":
        json.dump(stats, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0

    def row(name: str, value: Any, indent: int = 0) -> None:
        print(f"{' ' * indent}{name:<{16 - indent}} {value}", file=out)

    def share(part: int, whole: int) -> str:
        return f"{part:,}" + (f" ({part / whole:.1%})" if whole else "")

    row("articles", f"{stats['articles']:,}")
    row("paragraphs", f"{stats['paragraphs']:,}")
    row("sources", f"{stats['source_count']:,}")
    for name, n in stats["sources"][:5]:
        row(name, f"{n:,}", 2)
    if stats["published_min"] is not None:
        dates = stats["published_min"]
        if stats["published_max"] != dates:
            dates += f" – {stats['published_max']}"
        notes = [f"{stats[k]:,} {k}" for k in ("undated", "unparsed") if stats.get(k)]
        row("published", dates + (f" ({', '.join(notes)})" if notes else ""))
    else:
        row("published", "-")
    quotes = stats["quotes"]
    row("quotes", f"{quotes:,}" + (f" statements of {stats['quote_parts']:,} parts" if quotes else ""))
    for kind, n in stats["quotes_by_kind"].items():
        row(kind, share(n, quotes), 2)
    if stats["fragments"]:
        row("fragments", f"{stats['fragments']:,} quoted inside a statement", 2)
    row("with speaker", f"{stats['speaker_share']:.1%}" if quotes else "-")
    row("entities", f"{stats['entities']:,}")
    for name, n in stats["entities_by_type"].items():
        row(name, share(n, stats["entities"]), 2)
    row("mentions", f"{stats['mentions']:,}")
    if stats["top_speakers"]:
        print("top speakers", file=out)
        for name, n in stats["top_speakers"]:
            print(f"  {n:>6,}  {name}", file=out)
    if stats["top_entities"]:
        print("top entities", file=out)
        for name, type_, mentions, articles in stats["top_entities"]:
            print(f"  {mentions:>6,}  {name} ({type_ or '?'}), in {articles:,} article{'s' if articles != 1 else ''}",
                  file=out)
    return 0


# --- train ------------------------------------------------------------------------------------------------------

def _train(args: argparse.Namespace) -> int:
    components = [c.strip() for c in args.components.split(",")] if args.components else None
    try:
        report = newsdoc.train(args.inputs, args.out, components=components, epochs=args.epochs, seed=args.seed,
                               dev=args.dev, limit=args.limit, pos_model=args.pos_model, progress=not args.quiet)
    except ValueError as error:  # bad settings (newsdoc's own errors pass through to main)
        if isinstance(error, newsdoc.NewsdocError):
            raise
        raise CommandError(str(error)) from None
    if args.format == "json":
        json.dump({"trained": [vars(m) for m in report.trained], "skipped": report.skipped,
                   "pos_model": report.pos_model, "documents": report.documents, "dev": report.dev},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(report)
    return 0


# --- the parser and main ----------------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Read, convert and inspect news articles with newsdoc.",
        epilog="Run 'newsdoc COMMAND --help' for a command's options. Exit status: 0 done, 2 bad input or usage.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {newsdoc.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    reading = argparse.ArgumentParser(add_help=False)
    group = reading.add_argument_group("reading")
    group.add_argument("--mapping", choices=MAPPINGS, default=None,
                       help="field mapping of foreign JSON (default: auto)")
    group.add_argument("--on-error", choices=("raise", "skip"), default="raise",
                       help="stop at a bad record (raise, the default) or skip it with a warning")

    annotation = reading.add_argument_group("annotation").add_mutually_exclusive_group()
    annotation.add_argument("--annotate", dest="annotate", choices=_annotate.ANNOTATE_MODES, default="missing",
                            help="annotate only the articles without quotes and entities (missing, the default) "
                                 "or every article anew (all)")
    annotation.add_argument("--no-annotate", dest="annotate", action="store_false",
                            help="keep the input's quotes and entities as they are, annotate nothing")
    annotation.add_argument("--reannotate", dest="annotate", action="store_const", const="all",
                            help="the same as --annotate all")

    def colour_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--no-color", dest="color", action="store_false", default=None,
                         help="no ANSI colours (also when NO_COLOR is set or stdout is not a terminal)")
        sub.add_argument("--color", dest="color", action="store_true", help="ANSI colours even when piped")
        sub.add_argument("--width", type=int, default=None, help="line width (default: the terminal's, at most 100)")

    show = commands.add_parser(
        "show", parents=[reading], help="show one article in the terminal",
        description="Show one article: title, metadata, the paragraphs with quotes coloured by speaker, "
                    "then its quotes and entities.")
    show.add_argument("file", metavar="FILE", help="a .json, .jsonl(.gz) or .txt file, or a directory")
    show.add_argument("--article", metavar="N|ID", default=None,
                      help="the article with this id, else at this index (default: the first)")
    colour_options(show)
    show.set_defaults(run=_show)

    convert = commands.add_parser(
        "convert", parents=[reading], help="convert text or foreign JSON to canonical JSONL",
        description="Convert files (plain text, canonical or foreign JSON, JSONL, gzip, .ndc) and directories to one "
                    "canonical JSONL file. Articles without quotes and entities are annotated: the annotator "
                    "finds quotes, speakers and entities.")
    convert.add_argument("inputs", metavar="IN", nargs="+", help="input files or directories")
    convert.add_argument("-o", "--output", metavar="OUT.jsonl", required=True,
                         help="the output file (.gz: compressed; .ndc: binary corpus file; -: standard output)")
    convert.set_defaults(run=_convert)

    quotes = commands.add_parser(
        "quotes", parents=[reading], help="list the quotes of a corpus",
        description="List quotes with their article, kind, speaker and cue.")
    quotes.add_argument("corpus", metavar="CORPUS", help="anything newsdoc.load reads: a file or a directory")
    quotes.add_argument("--speaker", metavar="NAME", action="append",
                        help="only quotes of this speaker (canonical name or alias, any case; repeatable)")
    quotes.add_argument("--kind", choices=KINDS, action="append", help="only quotes of this kind (repeatable)")
    quotes.add_argument("--parts", action="store_true",
                        help="a row per quote (the pieces of an interrupted quote and the fragments inside reported "
                             "speech each on their own) instead of one per statement")
    quotes.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="table (default), csv, or json: a list of quote objects")
    quotes.add_argument("--width", type=int, default=None, help="table width (default: the terminal's)")
    quotes.set_defaults(run=_quotes)

    stats = commands.add_parser(
        "stats", parents=[reading], help="count articles, quotes, speakers and entities",
        description="Count articles, paragraphs, quotes by kind, the share with a speaker, entities by type, "
                    "and the top speakers and entities. Speakers and entities are those of the corpus, as "
                    "Corpus.entities() groups the articles' entities ('Trump' and 'Donald Trump' are one when the "
                    "corpus makes that unambiguous).")
    stats.add_argument("corpus", metavar="CORPUS", help="anything newsdoc.load reads: a file or a directory")
    stats.add_argument("--top", type=int, default=10, metavar="N", help="how many top speakers and entities (10)")
    stats.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    stats.set_defaults(run=_stats)

    train = commands.add_parser(
        "train", help="train the taggers (part of speech, entities, cues) into a models folder",
        description="Train newsdoc's taggers on CoreNLP JSONL (part-of-speech and entity labels), BRAT folders "
                    "(.txt and .ann: gold cues) and newsdoc JSONL (quotes' cue spans, entity mentions), and write "
                    "pos.ndm, ner.ndm, ner-doc.ndm and cue.ndm for those with data, for "
                    "newsdoc.Annotator(models=DIR). The same inputs and seed give the same bytes.")
    train.add_argument("inputs", metavar="INPUT", nargs="+",
                       help="a CoreNLP .jsonl(.gz), a BRAT folder or a newsdoc .json/.jsonl(.gz) file")
    train.add_argument("--out", metavar="DIR", required=True, help="the models folder (created if needed)")
    train.add_argument("--dev", metavar="INPUT", action="append", help="score the models on this input (repeatable)")
    train.add_argument("--epochs", type=int, default=8, metavar="N", help="training passes (8)")
    train.add_argument("--seed", type=int, default=1, metavar="S", help="shuffling seed (1)")
    train.add_argument("--components", metavar="LIST", default=None,
                       help="comma-separated: pos, ner, cue, attribution, coref (default: each one the inputs hold data for)")
    train.add_argument("--limit", type=int, default=0, metavar="N", help="at most N documents of each input")
    train.add_argument("--pos-model", metavar="FILE", default=None,
                       help="without POS data: the POS tagger the other taggers learn from (default: DIR/pos.ndm, "
                            "else the shipped one)")
    train.add_argument("--format", choices=("text", "json"), default="text", help="the report: text (default) or json")
    train.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    train.set_defaults(run=_train)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _message(error: BaseException) -> str:
    """A one-line description of ``error`` for the user."""
    if isinstance(error, OSError) and not isinstance(error, newsdoc.NewsdocError) and error.strerror:
        where = error.filename if error.filename is not None else ""
        return _one_line(f"{where}: {error.strerror}" if where != "" else error.strerror)
    return _one_line(str(error) or type(error).__name__)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the ``newsdoc`` command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status.

    Example:
        >>> from newsdoc.cli import main
        >>> main(["stats", "seeds/000_0eafb7a6a491ae43.json"])
        articles         1
        paragraphs       12
        ...
        0
        >>> main(["show", "missing.json"])   # prints "newsdoc: error: missing.json: No such file or directory"
        2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help, --version, usage errors: argparse has printed what to say
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    try:
        return args.run(args)
    except BrokenPipeError:  # e.g. `newsdoc quotes ... | head`: stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 1
    except (CommandError, newsdoc.NewsdocError, OSError) as error:
        sys.stdout.flush()
        print(f"{PROG}: error: {_message(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
