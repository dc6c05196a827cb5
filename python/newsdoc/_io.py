"""Loading: files, folders and globs (:func:`load`), JSON text (:func:`loads`), plain text
(:func:`parse_text`, :func:`read_text`).

Every reader is the C++ input layer (newsdoc/input.hpp); this module turns
Python arguments (mappings, paths, ``annotate=``, progress callbacks) into
its options and wraps what it returns.
"""

from __future__ import annotations

import glob
import os
from typing import Callable, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _core
from ._annotate import AnnotateSpec, Annotator, annotate_mode, annotated, default_annotator
from ._corpus import Corpus, PathLike
from ._errors import NotFoundError
from ._model import Article, encoded
from ._pandas import FIELD_ALIASES
from ._transform import threads_argument

__all__ = ["load", "loads", "parse_text", "read_text", "LoadProgress", "MAPPINGS", "FIELDS"]

#: Names of the built-in field mappings (see docs/schema.md; defined in C++: newsdoc::mapping_presets).
MAPPINGS = _core.MAPPING_PRESETS
#: Article fields a user mapping may name (defined in C++, in the binding).
FIELDS = _core.FIELDS

MappingSpec = Union[None, str, Mapping[str, Union[str, Sequence[str]]]]


def _mapping_args(mapping: MappingSpec):
    """(preset name, {field: [input keys]}) for the core."""
    if mapping is None:
        return "auto", {}
    if isinstance(mapping, str):
        if mapping not in MAPPINGS:
            raise ValueError(f"unknown mapping {mapping!r}; expected one of {', '.join(MAPPINGS)} or a dict")
        return mapping, {}
    keys = {}
    for field, names in mapping.items():
        field = FIELD_ALIASES.get(field, field)
        if field not in FIELDS:
            raise ValueError(f"unknown article field {field!r} in mapping; expected one of {', '.join(FIELDS)}")
        keys[field] = [names] if isinstance(names, str) else list(names)
    return "auto", keys


def _loads_core(data: Union[str, bytes, bytearray, memoryview], *, mapping: str, keys: dict, on_error: str,
                format: str, name: str) -> _core.Corpus:
    return _core.loads(encoded(data), mapping, keys, on_error, format, name)


def loads(data: Union[str, bytes, bytearray, memoryview], *, mapping: MappingSpec = None,
          on_error: str = "raise", format: str = "auto", annotate: AnnotateSpec = "missing",
          annotator: Optional[Annotator] = None, threads: Optional[int] = None) -> Corpus:
    """Articles from JSON text: one article, an array of articles, or JSONL.

    ``mapping`` maps foreign field names (None: the automatic mapping; a
    preset name from :data:`MAPPINGS`; or a dict such as
    ``{"title": "headline", "body": ["story", "text"]}``). With
    ``on_error="skip"`` bad records are set aside in :attr:`Corpus.errors`
    and every good one is kept. ``format`` is ``"auto"``, ``"json"`` or
    ``"jsonl"``. The GIL is released while parsing.

    ``annotate="missing"`` (the default) runs the annotator (``annotator`` or
    the built-in one) on records that carry no quotes and no entities and
    keeps the stored annotations of the others; ``"all"`` annotates every
    record anew, ``False`` none. The modes are named as C++'s
    ``newsdoc::AnnotateMode``; ``None`` and ``True`` are short for
    ``"missing"`` and ``"all"``, and any other value is a ValueError.
    Annotation uses ``threads`` threads (default: every core).

    Example:
        >>> corpus = newsdoc.loads('{"headline": "Hi", "story": "One.\\\\nTwo."}', mapping={"title": "headline", "body": "story"})
        >>> corpus[0].title, [p.text for p in corpus[0].paragraphs]
        ('Hi', ['One.', 'Two.'])
    """
    preset, keys = _mapping_args(mapping)
    return annotated(Corpus._wrap(_loads_core(data, mapping=preset, keys=keys, on_error=on_error, format=format,
                                              name="<string>")), annotate, annotator, threads)


def parse_text(text: Union[str, bytes], *, id: Optional[str] = None, annotate: AnnotateSpec = True,
               annotator: Optional[Annotator] = None) -> Article:
    """One article from raw text: a title line, paragraphs separated by blank lines.

    Line breaks inside a paragraph are folded; a trailing line of
    comma-separated names becomes the tags; trailing site furniture
    ("Comments", "Share this", ...) is kept in ``meta["boilerplate"]``, not in
    the body. Bytes that are not UTF-8 are decoded one by one as Windows-1252
    and counted in ``meta["decoding"]``. With ``annotate`` (the default) the
    annotator (``annotator`` or the built-in one) finds quotes, speakers and
    entities; ``False`` leaves the article without them. ``annotate`` takes
    the values of :func:`loads` too: as a new article carries no
    annotations, ``"missing"`` and ``"all"`` (and ``None``) annotate it.

    Example:
        >>> a = newsdoc.parse_text("Talks\\n\\nThe talks\\nwent on.\\n\\n  Syria, Russia\\n\\nComments", annotate=False)
        >>> a.title, [p.text for p in a.paragraphs], a.tags, a.meta
        ('Talks', ['The talks went on.'], ['Syria', 'Russia'], {'boilerplate': ['Comments']})
    """
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    article = Article._wrap(_core.parse_text(bytes(text), id or "").article(0))
    return annotated(article, annotate, annotator, None)


def read_text(path: PathLike, *, annotate: AnnotateSpec = True, annotator: Optional[Annotator] = None) -> Article:
    """:func:`parse_text` of a file; the id is the file name without its extension. ``annotate`` and
    ``annotator`` are as in :func:`parse_text`.

    Example:
        >>> newsdoc.read_text("seeds/000_0eafb7a6a491ae43.txt").tags
        ['Syria', 'Russia', 'Bashar al-Assad', 'Ozerov', 'Konashenkov']
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(2, "No such file or directory", path)
    article = Article._wrap(_core.read_text(path).article(0))
    return annotated(article, annotate, annotator, None)


#: The default ``max_record_bytes`` of :func:`load`: the longest JSONL line or JSON document read.
MAX_RECORD_BYTES = 1 << 30


def _paths(path: Union[PathLike, Sequence[PathLike]]) -> List[str]:
    """The paths a load reads: one path, a list of them, or a glob pattern (expanded, sorted)."""
    if isinstance(path, (str, os.PathLike)):
        paths = [os.fspath(path)]
    else:
        paths = [os.fspath(p) for p in path]
    out: List[str] = []
    for p in paths:
        if not os.path.exists(p) and any(c in p for c in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                raise NotFoundError(f"{p}: no file matches this pattern", path=p)
            out.extend(matches)
        else:
            out.append(p)
    return out


_BINARY_MAGIC = b"\x89NDCORP\n"


def _is_binary_corpus(path: str) -> bool:
    """True when ``path`` is a file in the binary corpus form (Corpus.save, newsdoc/binary.hpp)."""
    try:
        with open(path, "rb") as file:
            return file.read(len(_BINARY_MAGIC)) == _BINARY_MAGIC
    except OSError:
        return False


class LoadProgress(NamedTuple):
    """How far a :func:`load` has got: what its ``progress`` callback receives.

    Bytes are of the files as stored (compressed bytes for ``.gz``); a
    streamed JSONL file counts as it is read, any other file when it is done.
    ``articles`` counts the articles of the files done."""

    bytes_done: int
    bytes_total: int
    files_done: int
    files_total: int
    articles: int


class _ProgressBar:
    """``progress=True``: a tqdm bar of the bytes read, closed when the load ends."""

    def __init__(self) -> None:
        try:
            from tqdm.auto import tqdm
        except ImportError as error:
            raise ImportError("load(progress=True) draws a tqdm bar: install tqdm, or pass a callable") from error
        self._bar = tqdm(desc="newsdoc.load", unit="B", unit_scale=True, unit_divisor=1024)

    def __call__(self, progress: LoadProgress) -> bool:
        self._bar.total = progress.bytes_total
        self._bar.n = progress.bytes_done
        self._bar.set_postfix(files=f"{progress.files_done}/{progress.files_total}", articles=progress.articles,
                              refresh=False)
        self._bar.refresh()
        return True

    def close(self) -> None:
        self._bar.close()


def load(path: Union[PathLike, Sequence[PathLike]], *, mapping: MappingSpec = None, on_error: str = "raise",
         annotate: AnnotateSpec = "missing", annotator: Optional[Annotator] = None, threads: Optional[int] = None,
         max_record_bytes: int = MAX_RECORD_BYTES, ids: bool = True, memory_map: bool = False,
         progress: Union[bool, Callable[[LoadProgress], Optional[bool]], None] = None) -> Corpus:
    """Articles from a file, a folder, a glob pattern or a list of them, as one corpus.

    The reader follows the name: ``.json`` (one article or an array; JSONL
    inside is recognised too), ``.jsonl`` / ``.ndjson`` (streamed, so memory
    grows with the articles, not the file), the same gzip-compressed
    (``.gz``), ``.txt`` (a plain-text article, see :func:`parse_text`) and
    ``.ndc`` (a corpus written by :meth:`Corpus.save`); any other name is
    sniffed. A folder loads every such file in it and in its subfolders, in
    path order. The C++ input layer (``newsdoc/input.hpp``) does all of it.

    **Identity and origin** (``ids=True``, the default): an article keeps the
    id its record has; one without gets the id of its file — the path
    relative to the folder without suffix (``"business/001"``), or the file
    name (``"news"``) — followed by ``":<line>"`` for a JSONL record or
    ``"/<index>"`` for an element of a JSON array. Every article records
    where it came from in :attr:`Article.origin`. Two articles with the same
    id are a :class:`SchemaError` (``on_error="skip"`` keeps the first and
    lists the others in :attr:`Corpus.errors`). ``ids=False`` keeps ids as
    given and checks nothing.

    **Refusals**: a ``.txt`` whose bytes are not text is an :class:`IoError`
    naming it; a JSONL line (or JSON document) longer than
    ``max_record_bytes`` is a :class:`ParseError` naming its file and line;
    JSON in which no record has a title or body under ``mapping`` is a
    :class:`SchemaError`; a folder from which nothing loads is a
    :class:`NothingLoaded`. With ``on_error="skip"`` unreadable files and bad
    records are listed in :attr:`Corpus.errors` instead. A missing path is a
    :class:`NotFoundError`, which is a ``FileNotFoundError``.

    ``mapping``, ``on_error``, ``annotate``, ``annotator`` and ``threads``
    are as in :func:`loads`, except that ``annotate="missing"`` (or None)
    leaves a load of only ``.ndc`` files alone (they hold a corpus as it was
    saved). The GIL is released while loading and annotating. Without
    annotation, a JSONL file longer than 8 MiB is parsed on ``threads``
    threads (default: every core), a window of the file each; the order is
    kept.

    **Annotation as it loads**: each article is annotated as it is read,
    before it is built, so it is built once; the result is the same as
    annotating the loaded corpus. With ``threads`` threads (default: every
    core) the files of a folder or list are read and annotated in parallel,
    and a single JSON file's records in batches; the order is kept.

    **Mapping saved corpora** (``memory_map=True``): a ``.ndc`` file is
    mapped into memory instead of read, like ``pandas.read_csv(memory_map=
    True)`` or ``pyarrow.memory_map``: its text stays in the operating
    system's page cache, shared with every process that opens the same file
    (Dask workers on one machine hold one copy), and reopening costs only the
    checks, which are the same as when it is read (checksum, UTF-8, spans,
    meta). The file must then not be truncated or rewritten in place while
    the corpus (or anything sliced from it) lives: the next read of its text
    would end the process (SIGBUS). :meth:`Corpus.save` replaces a file
    rather than rewriting it, so saving over a mapped file is safe. Other
    files are read as always.

    **Progress and cancelling**: ``progress`` is a callable given a
    :class:`LoadProgress` as the load goes (counts never decrease; the last
    call has every count at its total), or ``True`` for a tqdm bar. A
    callable that returns ``False`` cancels the load: :class:`Cancelled` is
    raised and nothing is kept. Ctrl-C (KeyboardInterrupt) stops a long load
    the same way, between windows of a JSONL file and between files.

    Example:
        >>> corpus = newsdoc.load("seeds/000_0eafb7a6a491ae43.json")
        >>> corpus[0].title
        'Syria and Russia hold negotiations about new arms shipments'
    """
    preset, keys = _mapping_args(mapping)
    paths = _paths(path)
    mode = annotate_mode(annotate)
    if mode == "missing" and all(_is_binary_corpus(p) for p in paths):
        mode = None  # a saved corpus is as it was saved: the default mode does not touch it
    if progress is not None and progress is not False and progress is not True and not callable(progress):
        raise TypeError(f"progress must be a callable, True or None, not {type(progress).__name__}")
    report = _ProgressBar() if progress is True else progress or None
    core_annotator = None if mode is None else (annotator or default_annotator())._core
    try:
        return Corpus._wrap(_core.load(
            paths, preset, keys, on_error, "auto", int(max_record_bytes), bool(ids), core_annotator,
            mode == "missing", threads_argument(threads), bool(memory_map),
            None if report is None else lambda *counts: report(LoadProgress(*counts))))
    finally:
        if isinstance(report, _ProgressBar):
            report.close()
