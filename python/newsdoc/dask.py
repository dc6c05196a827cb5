"""newsdoc on Dask: corpora larger than one machine, processed partition by partition.

:func:`read_jsonl` and :func:`read_text` make a :class:`dask.bag.Bag` whose
partitions are :class:`newsdoc.Corpus` objects, read through fsspec (local
files, ``s3://``, ``gs://``, ``hdfs://``: any filesystem Dask knows). The
functions here then work per partition and never bring the corpus to one
place: :func:`map_articles`, :func:`where` and the transforms
(:func:`redact`, :func:`normalize_quotes`, :func:`select_paragraphs`,
:func:`rename_entity`, :func:`merge_entities`) return bags of corpora,
:func:`quotes_frame` and its siblings return :class:`dask.dataframe.DataFrame`
objects, and :func:`to_jsonl` writes one file per partition.

Everything runs on whatever scheduler is active: threads by default, a
``distributed.Client`` (a LocalCluster or a real cluster) when one exists.
Partitions cross process boundaries in newsdoc's binary form
(newsdoc/binary.hpp), not as JSON. docs/scale-out.md tells how to size
partitions and workers.

Dask is optional: ``import newsdoc`` never imports it, and importing this
module without Dask installed raises an ImportError saying what to install.

Example:
    >>> import newsdoc.dask as nd
    >>> bag = nd.read_jsonl("news/*.jsonl")            # annotates what lacks annotations
    >>> quotes = nd.quotes_frame(bag)                    # a dask DataFrame, nothing computed yet
    >>> sorted(quotes[quotes.speaker == "Igor Konashenkov"].cue.compute())[:3]
    ['according to', 'according to', 'according to']
"""

from __future__ import annotations

import functools
import operator
import posixpath
import uuid
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

try:
    import dask
    import dask.bag
    import dask.sizeof
    import fsspec
    from dask.utils import parse_bytes
    from fsspec.utils import infer_compression, seek_delimiter
except ImportError as error:  # pragma: no cover - depends on the machine
    raise ImportError("newsdoc.dask needs Dask and fsspec, which are not installed: install Debian's python3-dask "
                      "(and python3-distributed for a cluster), or pip install 'dask[bag,dataframe]' "
                      "distributed") from error

from . import _core
from ._annotate import AnnotateSpec, annotate_mode, default_annotator
from ._corpus import Corpus
from ._io import MAX_RECORD_BYTES, MappingSpec, _mapping_args, parse_text
from ._model import Article
from ._pandas import empty_frame

_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")
_TEXT_SUFFIX = ".txt"

if TYPE_CHECKING:
    import dask.dataframe
    import pandas

__all__ = ["read_jsonl", "read_text", "quotes_frame", "attributions_frame", "mentions_frame", "entities_frame",
           "articles_frame", "paragraphs_frame", "quotes", "attributions", "mentions", "map_articles", "where", "redact",
           "normalize_quotes", "select_paragraphs", "rename_entity", "merge_entities", "to_jsonl"]

# How far past a block boundary to look for the end of a line, per read.
_DELIMITER_READ = 1 << 16
# How much of a block counting its line breaks reads at a time.
_COUNT_WINDOW = 1 << 22


def read_jsonl(urlpath: Union[str, Sequence[str]], *, blocksize: Union[int, str, None] = "64 MiB",
               mapping: MappingSpec = None, annotate: AnnotateSpec = "missing", on_error: str = "raise",
               storage_options: Optional[Dict[str, Any]] = None) -> dask.bag.Bag:
    """A bag of corpora read from JSONL files: a file, a glob, a folder or a list of them.

    Files are read through fsspec, so ``urlpath`` may name any filesystem
    Dask knows (``"s3://bucket/news/*.jsonl"``); ``storage_options`` go to
    it. A folder means every ``.json``, ``.jsonl`` and ``.ndjson`` file in
    it and its subfolders, gzip-compressed (``.gz``) or not, in path order.
    Uncompressed JSONL is split into partitions of about ``blocksize``
    bytes at line boundaries, as :func:`dask.bag.read_text` splits text;
    compressed files and ``.json`` files (one article or an array) make one
    partition each, as does every file when ``blocksize`` is None.

    ``mapping``, ``on_error`` and ``annotate`` are as in
    :func:`newsdoc.load`; annotation uses one thread per partition, as Dask
    runs partitions in parallel. With ``on_error="skip"`` each partition
    keeps its skipped records in :attr:`Corpus.errors`.

    Articles get the ids and origins :func:`newsdoc.load` gives them (an
    id-less record on line 12 of ``news.jsonl`` is ``news:12``), and an
    error names the file and the line in it (``news.jsonl:812345:5: ...``),
    also in a partition that starts inside a file: a small task per block
    counts its newlines, and each block starts on the line after those of
    the blocks before it. The checks of a load see one partition: two
    records with the same id are an error (or with ``on_error="skip"`` the
    second is listed) when they are in the same partition, and both are
    kept when they are in different ones; the check that some record has a
    title or a body under the mapping is made on whole files, not blocks.

    Example:
        >>> bag = newsdoc.dask.read_jsonl("news/2016-*.jsonl", blocksize="32 MiB")
        >>> bag.npartitions, bag.count().compute()
        (2, 2)
    """
    preset, keys = _mapping_args(mapping)
    if on_error not in ("raise", "skip"):
        raise ValueError(f'on_error must be "raise" or "skip", not {on_error!r}')
    mode = annotate_mode(annotate)
    block = None if blocksize is None else parse_bytes(blocksize)
    if block is not None and block < 1:
        raise ValueError(f"blocksize must be positive or None, not {blocksize!r}")
    fs, paths = _expand(urlpath, storage_options, _JSON_SUFFIXES, "JSON")
    load = dict(preset=preset, keys=keys, on_error=on_error, mode=mode)
    # The graph is built by hand: chaining Delayed objects merges graphs at every link, quadratic in
    # the blocks. Arguments ride in partials, which Dask passes as they are.
    name = f"read-jsonl-{uuid.uuid4().hex}"
    graph: Dict[Any, Any] = {}
    partitions = 0
    for path, file_id in paths:
        compression = infer_compression(path)
        size = fs.size(path)
        if compression is None and block is not None and size > block and not _is_json_document(path):
            first_line: Any = 1
            for offset in range(0, size, block):
                # Each task reads its block itself and returns no bytes: a block's bytes held as a task
                # result would wait in memory for the line numbers of every block before it.
                graph[(name, partitions)] = (functools.partial(_load_block, fs, path, offset, block,
                                                               file_id=file_id, **load), first_line)
                if offset + block < size:
                    # The line after this block's: a chain of small tasks, so block i waits for the
                    # newline counts of blocks 0..i-1 only, not for their corpora.
                    newlines, after = (f"{name}-newlines", partitions), (f"{name}-line", partitions)
                    graph[newlines] = (functools.partial(_count_newlines, fs, path, offset, block),)
                    graph[after] = (operator.add, first_line, newlines)
                    first_line = after
                partitions += 1
            continue
        if _is_local(fs):
            graph[(name, partitions)] = (functools.partial(_load_source, path, file_id, **load),)
        else:
            graph[(name, partitions)] = (functools.partial(_load_file, fs, path, file_id, compression, **load),)
        partitions += 1
    return dask.bag.Bag(graph, name, partitions)


def read_text(urlpath: Union[str, Sequence[str]], *, files_per_partition: int = 1000, annotate: AnnotateSpec = True,
              storage_options: Optional[Dict[str, Any]] = None) -> dask.bag.Bag:
    """A bag of corpora of plain-text articles: one article per ``.txt`` file.

    ``urlpath`` is a file, a glob, a folder (every ``.txt`` file in it and
    its subfolders, in path order) or a list of them, on any filesystem
    fsspec knows. Each file becomes an article as in
    :func:`newsdoc.read_text` (its id is the file name without the
    extension); ``files_per_partition`` files make one partition. With
    ``annotate`` (the default; the values of :func:`newsdoc.parse_text`)
    the built-in annotator finds quotes and entities, one thread per
    partition.

    Example:
        >>> bag = newsdoc.dask.read_text("seeds/", annotate=False)
        >>> [a.id for a in bag.compute()][:1]
        ['000_0eafb7a6a491ae43']
    """
    if not isinstance(files_per_partition, int) or files_per_partition < 1:
        raise ValueError(f"files_per_partition must be a positive integer, not {files_per_partition!r}")
    mode = annotate_mode(annotate)
    fs, paths = _expand(urlpath, storage_options, (_TEXT_SUFFIX,), "text")
    groups = [paths[i:i + files_per_partition] for i in range(0, len(paths), files_per_partition)]
    return dask.bag.from_delayed([dask.delayed(_load_texts)(fs, group, mode) for group in groups])


def quotes_frame(bag: dask.bag.Bag) -> "dask.dataframe.DataFrame":
    """The quotes of every corpus in ``bag`` as one Dask DataFrame.

    Columns and dtypes are those of ``Corpus.to_pandas("quotes")``; see
    :func:`articles_frame` for the index, ``article_index`` and categories.

    Example:
        >>> quotes = newsdoc.dask.quotes_frame(bag)
        >>> quotes.groupby("speaker").size().nlargest(3).compute()
        speaker
        Viktor Ozerov       22
        Bashar al-Assad     12
        Igor Konashenkov    12
        dtype: int64
    """
    return _frame(bag, "quotes", Corpus.to_pandas, "quotes")


def attributions_frame(bag: dask.bag.Bag) -> "dask.dataframe.DataFrame":
    """The statements of every corpus in ``bag``, one row each, as one Dask DataFrame (see :func:`articles_frame`).

    Columns and dtypes are those of ``Corpus.to_pandas("attributions")``.

    Example:
        >>> statements = newsdoc.dask.attributions_frame(bag)
        >>> statements.groupby("speaker").size().nlargest(3).compute()
        speaker
        Bashar al-Assad     12
        Igor Konashenkov     8
        Viktor Ozerov        8
        dtype: int64
    """
    return _frame(bag, "attributions", Corpus.to_pandas, "attributions")


def mentions_frame(bag: dask.bag.Bag) -> "dask.dataframe.DataFrame":
    """The entity mentions of every corpus in ``bag`` as one Dask DataFrame (see :func:`articles_frame`).

    Example:
        >>> mentions = newsdoc.dask.mentions_frame(bag)
        >>> mentions[mentions.type == "ORG"].name.value_counts().compute().head(2)
        Defense Ministries    2
        RIA Novosti           2
        Name: name, dtype: int64
    """
    return _frame(bag, "mentions", Corpus.to_pandas, "mentions")


def entities_frame(bag: dask.bag.Bag) -> "dask.dataframe.DataFrame":
    """The entities of every article in ``bag`` as one Dask DataFrame (see :func:`articles_frame`).

    Example:
        >>> entities = newsdoc.dask.entities_frame(bag)
        >>> entities.groupby(["name", "type"], observed=True).mentions.sum().nlargest(2).compute()
        name    type
        Syria   GPE     24
        Russia  GPE     12
        Name: mentions, dtype: int64
    """
    return _frame(bag, "entities", Corpus.to_pandas, "entities")


def paragraphs_frame(bag: dask.bag.Bag) -> "dask.dataframe.DataFrame":
    """The paragraphs of every article in ``bag`` as one Dask DataFrame (see :func:`articles_frame`).

    Example:
        >>> newsdoc.dask.paragraphs_frame(bag).text.str.len().mean().compute()
        288.25
    """
    return _frame(bag, "paragraphs", Corpus.to_pandas, "paragraphs")


def articles_frame(bag: dask.bag.Bag) -> "dask.dataframe.DataFrame":
    """One row per article in ``bag``, as one Dask DataFrame.

    The columns and dtypes of every frame here are those of
    :meth:`Corpus.to_pandas` for the same table, given to Dask as ``meta``,
    so nothing is computed to learn them. ``article_index`` is the
    article's position in the whole bag and the index counts rows across
    the bag, so a computed frame holds exactly the rows, values and order
    of ``to_pandas`` on the concatenated corpus. Three things differ: Dask
    does not know in advance the categories of ``source``, ``language``,
    ``type`` and ``speaker_type`` (they are the values present, as there),
    and a computed frame lists them in order of appearance rather than
    sorted (``kind`` has its fixed three); and ``corpus_entity`` is the
    corpus-level entity within the row's partition, each partition being
    the corpus its entities are grouped in (a short name the whole bag would
    link may stay ambiguous in a partition). Partition i waits only for the
    article and row counts of partitions before it, not for their data.

    Example:
        >>> articles = newsdoc.dask.articles_frame(bag)
        >>> articles.quote_count.sum().compute()
        46
    """
    return _frame(bag, "articles", Corpus.to_pandas, "articles")


def quotes(bag: dask.bag.Bag, speaker: Union[None, str, Iterable[str]] = None,
           kind: Union[None, str, Iterable[str]] = None, contains: Optional[str] = None, fragments: bool = False
           ) -> "dask.dataframe.DataFrame":
    """The quotes that :meth:`Corpus.quotes` finds in each corpus of ``bag``, as one Dask DataFrame.

    Filters and matching are those of :meth:`Corpus.quotes` (a speaker's
    name or alias, case-insensitive; kinds; a substring), answered from
    each partition's index, so only the matching rows are ever made; names
    resolve to corpus entities within each partition. The
    rows are those of :func:`quotes_frame` for the matching quotes, in
    corpus order, with ``article_index`` the position in the whole bag (see
    :func:`articles_frame`).

    Example:
        >>> newsdoc.dask.quotes(bag, speaker="Assad", kind="direct").cue.compute().tolist()
        ['said', 'stated', 'resumed', 'said', 'stated', 'resumed']
    """
    Corpus().quotes(speaker=speaker, kind=kind, contains=contains)  # bad arguments fail here, not on a worker
    return _frame(bag, "quotes", _found_quotes, speaker, kind, contains, fragments)


def attributions(bag: dask.bag.Bag, speaker: Union[None, str, Iterable[str]] = None,
                 kind: Union[None, str, Iterable[str]] = None, contains: Optional[str] = None
                 ) -> "dask.dataframe.DataFrame":
    """The statements that :meth:`Corpus.attributions` finds in each corpus of ``bag``, as one Dask DataFrame.

    As :func:`quotes`, one row per statement (rows of :func:`attributions_frame`).

    Example:
        >>> newsdoc.dask.attributions(bag, speaker="Konashenkov").cue.compute().tolist()
        ['stated', 'according to', 'stated', 'according to', 'stated', 'according to', 'stated', 'according to']
    """
    Corpus().attributions(speaker=speaker, kind=kind, contains=contains)  # bad arguments fail here
    return _frame(bag, "attributions", _found_attributions, speaker, kind, contains)


def mentions(bag: dask.bag.Bag, entity: Union[None, str, Iterable[str]] = None,
             type: Union[None, str, Iterable[str]] = None) -> "dask.dataframe.DataFrame":
    """The mentions that :meth:`Corpus.mentions` finds in each corpus of ``bag``, as one Dask DataFrame.

    As :func:`quotes`, for mentions of entities by name or alias and by type.

    Example:
        >>> newsdoc.dask.mentions(bag, type="ORG").name.value_counts().compute().head(2)
        Defense Ministries    2
        RIA Novosti           2
        Name: name, dtype: int64
    """
    Corpus().mentions(entity=entity, type=type)  # bad arguments fail here, not on a worker
    return _frame(bag, "mentions", _found_mentions, entity, type)


def map_articles(bag: dask.bag.Bag, fn: Callable[[Article], Article]) -> dask.bag.Bag:
    """A bag of corpora holding ``fn(article)`` for every article of ``bag``, in order.

    ``fn`` runs on the workers, so it must pickle (cloudpickle takes
    lambdas and closures) and must return an :class:`Article`.

    Example:
        >>> titled = newsdoc.dask.map_articles(bag, lambda a: newsdoc.Article.from_dict({**a.to_dict(), "title": a.title.upper()}))
    """
    if not callable(fn):
        raise TypeError(f"map_articles needs a function of an Article, not {type(fn).__name__}")
    return bag.map_partitions(functools.partial(_map_partition, fn=fn))


def where(bag: dask.bag.Bag, *, source: Union[None, str, Iterable[str]] = None, published_from: Any = None,
          published_to: Any = None, author: Union[None, str, Iterable[str]] = None,
          tag: Union[None, str, Iterable[str]] = None,
          has_quote_by: Union[None, str, Iterable[str]] = None) -> dask.bag.Bag:
    """A bag of the articles passing every filter, as :meth:`Corpus.where` filters, partition by partition.

    Example:
        >>> september = newsdoc.dask.where(bag, published_from="2016-09", published_to="2016-09", has_quote_by="Assad")
    """
    filters = dict(source=source, published_from=published_from, published_to=published_to, author=author, tag=tag,
                   has_quote_by=has_quote_by)
    Corpus().where(**filters)  # bad arguments fail here, not on a worker
    return _per_partition(bag, "where", (), filters, False)


def redact(bag: dask.bag.Bag, types: Union[str, Iterable[str]] = ("PERSON",),
           placeholder: str = "[{type}]") -> dask.bag.Bag:
    """A bag of the corpora with the entities of ``types`` redacted, as :meth:`Corpus.redact` does.

    Example:
        >>> newsdoc.dask.to_jsonl(newsdoc.dask.redact(bag, ["PERSON", "NORP"]), "redacted/")
        ['.../redacted/part-00000.jsonl', '.../redacted/part-00001.jsonl']
    """
    Corpus().redact(types, placeholder)  # bad arguments fail here, not on a worker
    return _per_partition(bag, "redact", (types, placeholder), {"threads": 1}, False)


def normalize_quotes(bag: dask.bag.Bag, style: str = "straight") -> dask.bag.Bag:
    """A bag of the corpora with straight or curly quotation marks, as :meth:`Corpus.normalize_quotes` does.

    Example:
        >>> straight = newsdoc.dask.normalize_quotes(bag)
    """
    Corpus().normalize_quotes(style)  # bad arguments fail here, not on a worker
    return _per_partition(bag, "normalize_quotes", (style,), {"threads": 1}, False)


def select_paragraphs(bag: dask.bag.Bag, selection: Any) -> dask.bag.Bag:
    """A bag of the corpora keeping the same paragraphs of every article, as :meth:`Corpus.select_paragraphs`.

    A predicate runs on the workers, so it must pickle (cloudpickle takes lambdas).

    Example:
        >>> leads = newsdoc.dask.select_paragraphs(bag, slice(0, 3))
    """
    Corpus().select_paragraphs(selection)  # bad arguments fail here, not on a worker
    return _per_partition(bag, "select_paragraphs", (selection,), {"threads": 1}, False)


def rename_entity(bag: dask.bag.Bag, old: str, new: str) -> dask.bag.Bag:
    """A bag of the corpora with entity ``old`` (id, name or alias) called ``new``, as :meth:`Corpus.rename_entity`.

    Unlike the Corpus method, a bag in which no article holds ``old`` is no
    KeyError: each partition is renamed on its own, and one without the
    entity is left as it is.

    Example:
        >>> renamed = newsdoc.dask.rename_entity(bag, "Assad", "Bashar Hafez al-Assad")
    """
    _check_entity_arguments(lambda: Corpus().rename_entity(old, new))
    return _per_partition(bag, "rename_entity", (old, new), {"threads": 1}, True)


def merge_entities(bag: dask.bag.Bag, a: str, b: str) -> dask.bag.Bag:
    """A bag of the corpora with entity ``b`` merged into ``a``, as :meth:`Corpus.merge_entities` does.

    As in :func:`rename_entity`, a partition without both is left as it is.

    Example:
        >>> merged = newsdoc.dask.merge_entities(bag, "Viktor Ozerov", "Igor Konashenkov")
    """
    _check_entity_arguments(lambda: Corpus().merge_entities(a, b))
    return _per_partition(bag, "merge_entities", (a, b), {"threads": 1}, True)


def to_jsonl(bag: dask.bag.Bag, urlpath: str, *, compute: bool = True,
             storage_options: Optional[Dict[str, Any]] = None) -> Union[List[str], List[Any]]:
    """Writes every partition of ``bag`` as canonical JSONL, one file per partition.

    A ``*`` in ``urlpath`` is replaced by the partition number, zero-padded
    to five digits so the files sort in partition order
    (``"out/part-*.jsonl.gz"``; ``.gz`` compresses); a ``urlpath`` without
    one is a folder that receives ``part-00000.jsonl`` and so on. Any
    filesystem fsspec knows will do. Returns the paths written, or with
    ``compute=False`` one Delayed per partition that writes it.

    Example:
        >>> newsdoc.dask.to_jsonl(bag, "/data/out/")
        ['/data/out/part-00000.jsonl', '/data/out/part-00001.jsonl']
    """
    if "*" not in urlpath:
        urlpath = urlpath.rstrip("/") + "/part-*.jsonl"
    files = fsspec.open_files(urlpath, mode="wb", compression="infer", num=bag.npartitions,
                              name_function="{:05d}".format, auto_mkdir=True, **(storage_options or {}))
    writes = [dask.delayed(_write_partition)(part, file) for part, file in zip(bag.to_delayed(), files)]
    return list(dask.compute(*writes)) if compute else writes


# --- partitions ----------------------------------------------------------------------------------


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, (tuple, list)) else (fs.protocol,)
    return "file" in protocol


def _expand(urlpath: Union[str, Sequence[str]], storage_options: Optional[Dict[str, Any]],
            suffixes: Tuple[str, ...], kind: str) -> Tuple[Any, List[Tuple[str, str]]]:
    """The filesystem and the files ``urlpath`` names with their ids, folders searched recursively for ``suffixes``.

    On the local filesystem the C++ input layer lists folders (``newsdoc.load``'s order and ids); on
    others fsspec does, with the same rule: path order, the id the path relative to the folder without suffix.
    """
    fs, _, paths = fsspec.get_fs_token_paths(urlpath, mode="rb", storage_options=storage_options)
    files: List[Tuple[str, str]] = []
    for path in paths:
        if not fs.isdir(path):
            files.append((path, _core.file_id(posixpath.basename(path))))
        elif _is_local(fs):
            files.extend((p, i) for p, i in _core.list_inputs([path]) if p.endswith(suffixes))
        else:
            root = path.rstrip("/") + "/"
            files.extend((p, _core.file_id(p[len(root):] if p.startswith(root) else posixpath.basename(p)))
                         for p in sorted(fs.find(path)) if p.endswith(suffixes))
    if not files:
        raise FileNotFoundError(f"no {kind} files at {urlpath!r}")
    return fs, files


def _is_json_document(path: str) -> bool:
    """True for .json files: one article or an array, which cannot be cut at line boundaries."""
    return path.endswith((".json", ".json.gz"))


def _block_bounds(file: Any, offset: int, length: int) -> Tuple[int, int]:
    """[start, end) of the lines of an uncompressed file that begin after byte ``offset`` and by byte
    ``offset + length`` (the first block also takes the line at 0), as dask.bag.read_text cuts: every
    line lands in exactly one block, and each block ends where the next starts."""
    start = 0
    if offset > 0:
        file.seek(offset)
        seek_delimiter(file, b"\n", _DELIMITER_READ)
        start = file.tell()
    file.seek(offset + length)
    seek_delimiter(file, b"\n", _DELIMITER_READ)
    return start, file.tell()


def _count_newlines(fs: Any, path: str, offset: int, length: int) -> int:
    """The line breaks in the block of _block_bounds, read a window at a time."""
    with fs.open(path, "rb") as file:
        start, end = _block_bounds(file, offset, length)
        file.seek(start)
        count = 0
        while start < end:
            window = file.read(min(_COUNT_WINDOW, end - start))
            if not window:
                break
            count += window.count(b"\n")
            start += len(window)
        return count


def _load_block(fs: Any, path: str, offset: int, length: int, first_line: int, file_id: str, preset: str,
                keys: dict, on_error: str, mode: Optional[str]) -> Corpus:
    """One partition of read_jsonl: the lines of one block, which starts on line ``first_line`` of the file."""
    with fs.open(path, "rb") as file:
        start, end = _block_bounds(file, offset, length)
        file.seek(start)
        data = file.read(end - start)
    return _load_bytes(data, (first_line, start), path, file_id, preset, keys, on_error, mode)


def _load_file(fs: Any, path: str, file_id: str, compression: Optional[str], preset: str, keys: dict,
               on_error: str, mode: Optional[str]) -> Corpus:
    """One partition of read_jsonl: a whole file of a filesystem other than the local one."""
    with fs.open(path, "rb", compression=compression) as file:
        data = file.read()
    return _load_bytes(data, None, path, file_id, preset, keys, on_error, mode)


def _load_bytes(data: bytes, start: Optional[Tuple[int, int]], path: str, file_id: str, preset: str, keys: dict,
                on_error: str, mode: Optional[str]) -> Corpus:
    """``data`` read from ``path``, the whole file or the lines from ``start`` (line, byte) on, loaded (and
    annotated as read) by the C++ input layer: ids, origins and error locations as newsdoc.load gives them."""
    return Corpus._wrap(_core.load_bytes(data, path, file_id, start, preset, keys, on_error, "auto",
                                         MAX_RECORD_BYTES, *_annotation_args(mode)))


def _load_source(path: str, file_id: str, preset: str, keys: dict, on_error: str,
                 mode: Optional[str]) -> Corpus:
    """One partition of read_jsonl: a whole local file, read (and annotated as read) by the C++ input layer."""
    return Corpus._wrap(_core.load_sources([(path, file_id)], preset, keys, on_error, MAX_RECORD_BYTES,
                                           *_annotation_args(mode)))


def _load_texts(fs: Any, paths: List[Tuple[str, str]], mode: Optional[str]) -> Corpus:
    """One partition of read_text: a corpus of one article per file."""
    if _is_local(fs):
        return Corpus._wrap(_core.load_sources(paths, "auto", {}, "raise", MAX_RECORD_BYTES,
                                               *_annotation_args(mode)))
    contents = fs.cat([path for path, _ in paths])
    articles = [parse_text(contents[path], id=file_id, annotate=False) for path, file_id in paths]
    return _annotate(Corpus.from_articles(articles), mode)


def _annotation_args(mode: Optional[str]) -> tuple:
    """The annotator, only_missing and threads arguments of _core.load_sources for an annotate mode: one
    thread, as Dask runs partitions in parallel."""
    return (None if mode is None else default_annotator()._core), mode == "missing", 1


def _annotate(corpus: Corpus, mode: Optional[str]) -> Corpus:
    """The annotate mode of newsdoc.load, on one thread: Dask runs partitions in parallel."""
    if mode is None:
        return corpus
    return default_annotator().annotate(corpus, threads=1, only_missing=mode == "missing")


def _as_corpus(partition: Iterable[Any]) -> Corpus:
    """A partition as a Corpus: itself, or a corpus of its articles (after bag.filter, say)."""
    if isinstance(partition, Corpus):
        return partition
    articles = list(partition)
    for item in articles:
        if not isinstance(item, Article):
            raise TypeError(f"a partition of a newsdoc bag holds Articles, not {type(item).__name__}")
    return Corpus.from_articles(articles)


def _map_partition(partition: Iterable[Any], fn: Callable[[Article], Article]) -> Corpus:
    out = []
    for article in _as_corpus(partition):
        result = fn(article)
        if not isinstance(result, Article):
            raise TypeError(f"map_articles: the function returned a {type(result).__name__}, not an Article")
        out.append(result)
    return Corpus.from_articles(out)


def _check_entity_arguments(call: Callable[[], Any]) -> None:
    """Runs a rename or merge on an empty corpus: bad argument types fail here, not on a worker. The
    KeyError it must raise (no article holds the entity) is expected."""
    try:
        call()
    except KeyError:
        pass


def _per_partition(bag: dask.bag.Bag, method: str, args: Tuple[Any, ...], kwargs: Dict[str, Any],
                   absent_is_unchanged: bool) -> dask.bag.Bag:
    # The arguments ride in a partial: in a task tuple, Dask would call a predicate given as one.
    return bag.map_partitions(functools.partial(_transformed, method=method, args=args, kwargs=kwargs,
                                                absent_is_unchanged=absent_is_unchanged))


def _transformed(partition: Iterable[Any], method: str, args: Tuple[Any, ...], kwargs: Dict[str, Any],
                 absent_is_unchanged: bool) -> Corpus:
    """``partition.<method>(*args, **kwargs)``; with ``absent_is_unchanged``, the partition itself when
    the method finds no article holding its entity (its KeyError)."""
    corpus = _as_corpus(partition)
    try:
        return getattr(corpus, method)(*args, **kwargs)
    except KeyError:
        if absent_is_unchanged:
            return corpus
        raise


def _write_partition(partition: Iterable[Any], file: Any) -> str:
    data = _as_corpus(partition)._core.to_jsonl()
    with file as out:
        out.write(data)
    return file.path


@dask.sizeof.sizeof.register(Corpus)
def _sizeof_corpus(corpus: Corpus) -> int:
    """The bytes of a corpus's binary form, near its size in memory. Without it Dask takes a partition
    for a few bytes and moves partitions between workers (to balance work) as if they cost nothing."""
    return _core.binary_size(corpus._core)


# --- frames --------------------------------------------------------------------------------------


def _meta(table: str) -> "pandas.DataFrame":
    """The empty frame of ``table``, its data-dependent categories marked unknown, as Dask wants them."""
    from dask.dataframe.utils import clear_known_categories

    meta = empty_frame(table)
    unknown = [name for name, dtype in meta.dtypes.items()
               if str(dtype) == "category" and len(dtype.categories) == 0]
    return clear_known_categories(meta, cols=unknown)


def _frame(bag: dask.bag.Bag, table: str, make: Callable[..., "pandas.DataFrame"] = Corpus.to_pandas,
           *args: Any) -> "dask.dataframe.DataFrame":
    """A Dask DataFrame with the layout of ``table``, partition i being ``make(corpus_i, *args)``."""
    import dask.dataframe

    if not isinstance(bag, dask.bag.Bag):
        raise TypeError(f"expected a dask.bag.Bag of newsdoc corpora, not {type(bag).__name__}")
    placed = []
    # (articles, rows) before the current partition: a chain of tiny tasks, so partition i waits for
    # the counts of partitions 0..i-1 only, and their frames need not be in memory together. The
    # counts are a task of their own: the scheduler runs a task where its large inputs are only when
    # every input is on one worker, and the chain's links hop between workers.
    before: Any = (0, 0)
    for part in bag.to_delayed():
        local = dask.delayed(functools.partial(_local_frame, make=make, args=args))(part)
        placed.append(dask.delayed(_place)(local, before))
        before = dask.delayed(_advance)(before, dask.delayed(_counts)(part, local))
    return dask.dataframe.from_delayed(placed, meta=_meta(table))


def _local_frame(partition: Iterable[Any], make: Callable[..., "pandas.DataFrame"],
                 args: Tuple[Any, ...]) -> "pandas.DataFrame":
    """The partition's frame as if it were the whole corpus."""
    return make(_as_corpus(partition), *args)


def _counts(partition: Iterable[Any], local: "pandas.DataFrame") -> Tuple[int, int]:
    """The partition's articles and its frame's rows."""
    return len(_as_corpus(partition)), len(local)


def _found_quotes(corpus: Corpus, speaker: Any, kind: Any, contains: Optional[str],
                  fragments: bool) -> "pandas.DataFrame":
    return corpus.quotes(speaker=speaker, kind=kind, contains=contains, fragments=fragments).to_pandas()


def _found_attributions(corpus: Corpus, speaker: Any, kind: Any, contains: Optional[str]) -> "pandas.DataFrame":
    return corpus.attributions(speaker=speaker, kind=kind, contains=contains).to_pandas()


def _found_mentions(corpus: Corpus, entity: Any, type: Any) -> "pandas.DataFrame":
    return corpus.mentions(entity=entity, type=type).to_pandas()


def _advance(before: Tuple[int, int], counts: Tuple[int, int]) -> Tuple[int, int]:
    return before[0] + counts[0], before[1] + counts[1]


def _place(local: "pandas.DataFrame", before: Tuple[int, int]) -> "pandas.DataFrame":
    """The local frame moved to its place in the bag: article_index and the index offset by what precedes."""
    import pandas

    # A shallow copy: Dask may hand the same local frame to a task run twice, so it must not change.
    frame = local.copy(deep=False)
    articles, rows = before
    frame["article_index"] = frame["article_index"] + articles
    frame.index = pandas.RangeIndex(rows, rows + len(frame))
    return frame
