"""Corpora and loading."""

from __future__ import annotations

import glob
import gzip
import os
from typing import (TYPE_CHECKING, Callable, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence,
                    Union, overload)

from . import _core, _pandas, _query
from ._annotate import Annotator, _threads, default_annotator
from ._errors import IoError, NotFoundError, ParseError, SchemaError
from ._model import Article, _binary_argument, _short

if TYPE_CHECKING:
    import pandas

    from ._model import Paragraph

__all__ = ["Corpus", "load", "loads", "parse_text", "read_text", "MAPPINGS", "FIELDS"]

#: Names of the built-in field mappings (see docs/schema.md).
MAPPINGS = ("auto", "canonical", "news-please", "cc-news", "newspaper")
#: Article fields a user mapping may name.
FIELDS = ("id", "url", "source", "title", "authors", "published", "language", "tags", "body")
_FIELD_ALIASES = {"paragraphs": "body", "text": "body"}

PathLike = Union[str, "os.PathLike[str]"]
MappingSpec = Union[None, str, Mapping[str, Union[str, Sequence[str]]]]


class Corpus:
    """An ordered collection of articles in compact shared storage.

    Indexing gives an :class:`Article`; slicing gives a Corpus that shares
    storage with this one. A Corpus holds no Python object per article until
    you ask for one.

    Example:
        >>> corpus = newsdoc.loads('{"title": "A"}\\n{"title": "B"}\\n')
        >>> len(corpus), corpus[1].title, [a.title for a in corpus[::-1]]
        (2, 'B', ['B', 'A'])
    """

    __slots__ = ("_core", "_index", "_ids")

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._core = _core.Corpus([a._handle for a in articles])
        self._index = None  # the query index (newsdoc._query), built on first use
        self._ids = None  # {id: first position}, built on first lookup by id

    @classmethod
    def _wrap(cls, core: _core.Corpus) -> "Corpus":
        corpus = cls.__new__(cls)
        corpus._core = core
        corpus._index = None
        corpus._ids = None
        return corpus

    @classmethod
    def from_articles(cls, articles: Iterable[Article]) -> "Corpus":
        """A corpus of ``articles``, sharing their storage.

        Example:
            >>> a, b = newsdoc.Article(title="A"), newsdoc.Article(title="B")
            >>> len(newsdoc.Corpus.from_articles([a, b]))
            2
        """
        return cls(articles)

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[Article]:
        core = self._core
        for i in range(len(core)):
            yield Article._wrap(core.article(i))

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> "Corpus": ...

    def _position_of(self, article_id: str) -> Optional[int]:
        if self._ids is None:
            ids = {}
            core = self._core
            for i in range(len(core)):
                ids.setdefault(core.article(i).id, i)
            self._ids = ids
        return self._ids.get(article_id)

    def get(self, article_id: str, default=None) -> Optional[Article]:
        """The (first) article whose id is ``article_id``, else ``default``.

        The first lookup by id builds an index of the corpus's ids; later ones are dict lookups.

        Example:
            >>> corpus = newsdoc.load("bbc")
            >>> corpus.get("business/001").title
            'Ad sales boost Time Warner profit'
        """
        position = self._position_of(article_id)
        return default if position is None else Article._wrap(self._core.article(position))

    def __getitem__(self, index):
        if isinstance(index, str):
            position = self._position_of(index)
            if position is None:
                raise KeyError(index)
            return Article._wrap(self._core.article(position))
        if isinstance(index, list) or (hasattr(index, "__array__") and not hasattr(index, "__index__")):
            return Corpus._wrap(_core.Corpus([self[i]._handle for i in list(index)]))
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step > 0:
                return Corpus._wrap(self._core.slice(start, stop, step))
            return Corpus._wrap(_core.Corpus([self._core.article(i) for i in range(start, stop, step)]))
        try:
            position = index.__index__()
        except AttributeError:
            raise TypeError(f"Corpus indices must be integers, slices, ids (str) or lists of those, "
                            f"not {type(index).__name__}") from None
        n = len(self)
        if position < 0:
            position += n
        if not 0 <= position < n:
            raise IndexError(f"article index {index} out of range for a corpus of {n}")
        return Article._wrap(self._core.article(position))

    @property
    def errors(self) -> List[Union[ParseError, SchemaError, IoError]]:
        """The records a load with ``on_error="skip"`` set aside, as exceptions, in input order.

        Example:
            >>> corpus = newsdoc.loads('{"title": "ok"}\\n{"title": \\n', on_error="skip")
            >>> len(corpus), [e.line for e in corpus.errors]
            (1, [2])
        """
        return self._core.errors

    def dumps(self) -> str:
        """The corpus as canonical JSONL: one article a line.

        Example:
            >>> newsdoc.loads('{"title": "A"}').dumps().count("\\n")
            1
        """
        return self._core.to_jsonl().decode("utf-8")

    def to_jsonl(self, path: PathLike) -> None:
        """Writes the corpus to ``path`` as canonical JSONL (gzip-compressed if it ends in ``.gz``).

        Example:
            >>> corpus.to_jsonl("corpus.jsonl")
        """
        data = self._core.to_jsonl()
        opener = gzip.open if os.fspath(path).endswith(".gz") else open
        with opener(path, "wb") as out:
            out.write(data)

    def save(self, path: PathLike) -> None:
        """Writes the corpus to ``path`` in newsdoc's binary corpus form, which :func:`load` reopens.

        The file (suffix ``.ndc`` by convention; :func:`load` recognises it by
        its magic under any name) holds the articles and their annotations
        with a magic, a version and a CRC-32 checksum; reopening it skips
        JSON parsing. It is the form pickles use (``newsdoc/binary.hpp``):
        loadable by this newsdoc version and later ones. Origins
        (:attr:`Article.origin`) are saved too: a reopened article still
        names the file and line it was first loaded from.

        Example:
            >>> corpus.save("corpus.ndc")
            >>> newsdoc.load("corpus.ndc") == corpus
        """
        _core.save(self._core, os.fspath(path))

    def to_pandas(self, table: str) -> "pandas.DataFrame":
        """Table ``table`` of the corpus as a pandas DataFrame: a row per article, paragraph, quote, entity or mention.

        ``table`` is one of :data:`newsdoc.TABLES`. Every table has
        ``article_index`` (position in the corpus) and ``article_id`` to join
        on; the columns, what they hold and their dtypes are those of
        :func:`newsdoc.empty_frame` (see its help). The columns are made in
        C++ in bulk: a million quotes take well under a second. The quotes,
        attributions, entities and mentions tables carry ``corpus_entity``
        from the query index, built on first use as for :meth:`quotes`.
        Needs pandas.

        Example:
            >>> corpus = newsdoc.load("seeds/000_0eafb7a6a491ae43.json")
            >>> quotes = corpus.to_pandas("quotes")
            >>> quotes.loc[0, ["speaker", "cue", "kind"]].tolist()
            ['Bashar al-Assad', 'said', 'indirect']
        """
        if table in _pandas.IDENTITY_TABLES:
            # corpus_entity comes from the cached query index, which queries share.
            return _pandas.frame(self._core, table, _query.index_of(self))
        return _pandas.frame(self._core, table)

    @classmethod
    def from_pandas(cls, df: "pandas.DataFrame", mapping: Optional[Mapping[str, Union[str, Sequence[str]]]] = None,
                    *, annotate: Optional[bool] = False, annotator: Optional[Annotator] = None,
                    threads: Optional[int] = None) -> "Corpus":
        """A corpus of one article per row of ``df``, an articles-like DataFrame.

        Columns named like article fields feed them: ``id`` (or
        ``article_id``), ``url``, ``source``, ``title``, ``authors``,
        ``published``, ``language``, ``tags``, the body, and ``meta``; the
        other names :func:`load` recognises (``date``, ``keywords``,
        ``maintext``, …) work too, the first column present winning.
        ``mapping`` names the columns for some fields instead, as in
        :func:`load`: ``{"title": "headline", "body": ["story", "text"]}``.

        - The body is a ``paragraphs`` column of lists of str, or a text
          column (``text``, ``body``, …) split into paragraphs at blank lines,
          each paragraph trimmed, empty ones dropped.
        - ``authors`` and ``tags`` are lists of str, or one str split at commas.
        - ``published`` is a str, or a date or pandas Timestamp (written in ISO-8601).
        - ``id`` may be an integer.
        - ``meta`` is a dict or the JSON text of an object (as
          :meth:`to_pandas` gives it); every other column goes into each
          article's meta after it, except those ``to_pandas("articles")``
          derives (``article_index`` and the ``*_count`` columns), which are
          ignored. So ``Corpus.from_pandas(corpus.to_pandas("articles"))``
          gives back the articles, without their quotes, entities and mentions.
        - A missing value (None, NaN, NaT, ``pd.NA``) means the field's default.

        A value of the wrong type is a ValueError naming the row and column.
        ``annotate`` is False by default: a frame usually comes from a corpus
        already annotated or deliberately not; pass None or True to annotate
        as :func:`loads` does. Needs pandas.

        Example:
            >>> df = pandas.DataFrame({"headline": ["Talks"], "text": ["“Yes,” he said.\\n\\nMore."]})
            >>> article = newsdoc.Corpus.from_pandas(df, mapping={"title": "headline"})[0]
            >>> article.title, [p.text for p in article.paragraphs]
            ('Talks', ['“Yes,” he said.', 'More.'])
        """
        return _annotated(_pandas.corpus_from_frame(df, mapping), annotate, annotator, threads)

    def __reduce_ex__(self, protocol: int):
        # The binary form (newsdoc/binary.hpp), not canonical JSON: it pickles and unpickles several
        # times as fast (docs/scale-out.md). From protocol 5 on, a pickler with a buffer_callback (Dask's
        # has one) sends the blob out of band, without copying it into the pickle.
        return (_from_binary, (_binary_argument(_core.to_binary(self._core), protocol),))

    # --- Queries (newsdoc/_query.py; the index is built on first use and cached on this Corpus) ---

    def quotes(self, speaker: Union[None, str, Iterable[str]] = None, kind: Union[None, str, Iterable[str]] = None,
               contains: Optional[str] = None, fragments: bool = False) -> "_query.QuoteResult":
        """The quotes of every article passing every filter given, in corpus order.

        ``speaker``: a name or list of names; a quote passes when its speaker
        belongs to the corpus-level entity a name stands for (whole names,
        case-insensitive; see :meth:`entities`): "Donald Trump" finds him
        wherever an article says only "Trump" if the corpus links the two,
        never Ivanka Trump; a short name the corpus leaves ambiguous finds,
        in each article, the entity that article gives it to. ``kind``: "direct", "partial", "indirect"
        or a list of them. ``contains``: a case-insensitive substring of the
        quote's text. ``fragments``: whether a quoted fragment inside another
        quote of its statement (``Quote.parent`` set) is a row of its own; by
        default it is not, so reported speech is not counted twice. The
        pieces of an interrupted quote are rows of their own; for one row per
        statement, use :meth:`attributions`. The result is a light sequence
        of :class:`Quote` views (made on access; they keep their articles
        alive), with ``articles``, ``positions`` and ``to_pandas()``. The
        first query builds the corpus's index (GIL released); later ones
        reuse it: a speaker query on a million quotes takes microseconds.

        Example:
            >>> found = corpus.quotes(speaker="assad")
            >>> len(found), sorted({q.kind for q in found})
            (6, ['direct', 'indirect'])
        """
        return _query.quotes(self, speaker, kind, contains, fragments)

    def attributions(self, speaker: Union[None, str, Iterable[str]] = None,
                     kind: Union[None, str, Iterable[str]] = None,
                     contains: Optional[str] = None) -> "_query.AttributionResult":
        """The statements of every article passing every filter, in corpus order: one row per statement.

        The filters are those of :meth:`quotes`, applied to the statement's
        speaker and kind (those of its first part); ``contains`` looks in
        every part. The result is a light sequence of :class:`Attribution`
        views with ``articles``, ``positions`` and ``to_pandas()`` (rows of
        the attributions table).

        Example:
            >>> [a.kind for a in corpus.attributions(speaker="ozerov")]
            ['indirect', 'indirect']
        """
        return _query.attributions(self, speaker, kind, contains)

    def mentions(self, entity: Union[None, str, Iterable[str]] = None,
                 type: Union[None, str, Iterable[str]] = None) -> "_query.MentionResult":
        """The entity mentions of every article, filtered by entity name or alias and by entity type (case-insensitive).

        Names resolve to corpus-level entities as in :meth:`quotes`.

        Example:
            >>> [m.text for m in corpus.mentions(entity="ozerov")]
            ['Viktor Ozerov', 'Ozerov', 'Ozerov']
            >>> len(corpus.mentions(type="PERSON"))
            10
        """
        return _query.mentions(self, entity, type)

    def entities(self, type: Union[None, str, Iterable[str]] = None) -> "_query.EntityTable":
        """The corpus-level entities: the articles' entities grouped across the corpus, with counts.

        Entities of one type and one name (case and white space aside) are
        one; a short name ("Trump", "UN") joins the fuller name of its type
        it ends (people and organisations) or is an alias of, when one such
        candidate has at least five times the mentions of any other, and
        otherwise stays its own (docs/guide.rst, "Corpus-level entities").
        Each :class:`~newsdoc._query.EntityCount` record has ``name`` (the
        most widespread full name), ``type``, ``aliases`` (its other names
        and every alias its articles give), and the numbers of ``articles``
        holding it, of its ``mentions`` and of the ``quotes`` it speaks. The
        ``corpus_entity`` column of :meth:`to_pandas` tables is ``name``. Most widespread
        first; ``sort_by("quotes")`` reorders, ``to_pandas()`` makes a
        DataFrame. ``type`` keeps only those types (case-insensitive).

        Example:
            >>> [(e.name, e.quotes) for e in corpus.entities(type="PERSON").sort_by("quotes")]
            [('Viktor Ozerov', 11), ('Igor Konashenkov', 6), ('Bashar al-Assad', 6)]
        """
        return _query.entities(self, type)

    def search(self, pattern: str, regex: bool = False, case: bool = False,
               fields: Union[str, Sequence[str]] = ("title", "body")) -> "_query.SearchResult":
        """Every occurrence of ``pattern`` in the titles and bodies (``fields``), as :class:`~newsdoc._query.SearchHit` objects.

        A hit has ``article``, ``article_index``, ``field`` ("title" or
        "body"), ``start`` and ``end`` (code points into that field),
        ``text`` and ``snippet`` (40 characters of context each side).
        ``case=False`` (the default) ignores case. A literal pattern is
        searched in C++ with the GIL released; ``regex=True`` uses Python's
        :mod:`re` (its syntax, ``re.IGNORECASE`` unless ``case``, a compiled
        pattern as it is; empty matches skipped), article by article: the
        syntax notebook users know, with spans already in code points, and
        no extra native dependency (RE2 would differ in syntax and report
        bytes).

        Example:
            >>> hits = corpus.search("anti-air defense")
            >>> len(hits), hits[0].field, hits[0].text, hits[0].start
            (10, 'body', 'anti-air defense', 81)
        """
        return _query.search(self, pattern, regex, case, fields)

    def where(self, *, source: Union[None, str, Iterable[str]] = None, published_from=None, published_to=None,
              author: Union[None, str, Iterable[str]] = None, tag: Union[None, str, Iterable[str]] = None,
              has_quote_by: Union[None, str, Iterable[str]] = None) -> "Corpus":
        """The articles passing every filter given: a Corpus sharing storage with this one.

        ``source``, ``author``, ``tag``: a value or list of values, matched
        whole and case-insensitively (one of the article's authors or tags
        must match). ``has_quote_by``: names or aliases of a speaker of one of
        the article's quotes. ``published_from`` / ``published_to``: inclusive
        bounds (a date string in any form :attr:`Article.published_at` reads,
        a date or a datetime) compared as instants with
        :attr:`Article.published_at`, whatever the form of either: the lower
        bound from the start of the period it names, the upper bound to its
        end, so ``published_to="2016-09"`` keeps all of September. A naive
        datetime is UTC. With a date bound, articles whose date is missing or
        unparseable are left out; a bound that is not a date is a ValueError.

        Example:
            >>> september = corpus.where(published_from="2016-09", published_to="2016-09", has_quote_by="Assad")
        """
        return _query.where(self, source, published_from, published_to, author, tag, has_quote_by)

    # --- Transforms (newsdoc/_transform.py): each article as the Article method does, GIL released ---

    def redact(self, types: Union[str, Iterable[str]] = ("PERSON",), placeholder: str = "[{type}]", *,
               threads: Optional[int] = None) -> "Corpus":
        """A copy with the entities of ``types`` redacted in every article; see :meth:`Article.redact`.

        Runs in C++ on ``threads`` threads (default: every core). Articles
        without such entities are shared, not copied.

        Example:
            >>> redacted = corpus.redact(["PERSON", "NORP"], placeholder="<{type}>")
            >>> "Assad" in redacted.dumps()
            False
        """
        from . import _transform

        return _transform.redact(self, types, placeholder, threads)

    def normalize_quotes(self, style: str = "straight", *, threads: Optional[int] = None) -> "Corpus":
        """A copy with the quotation marks of every article straight or curly; see :meth:`Article.normalize_quotes`.

        Example:
            >>> "“" in newsdoc.loads('{"paragraphs": ["“Yes,” he said."]}').normalize_quotes()[0].text
            False
        """
        from . import _transform

        return _transform.normalize_quotes(self, style, threads)

    def select_paragraphs(self, selection: Union[int, slice, Iterable[int], Callable[[Paragraph], bool]], *,
                          threads: Optional[int] = None) -> "Corpus":
        """A copy keeping the same paragraphs of every article; see :meth:`Article.select_paragraphs`.

        Indices and slices are resolved per article (``slice(0, 3)`` keeps
        the lead of each); an index past an article's paragraphs is an
        IndexError naming the article. A predicate is called on every
        paragraph of every article.

        Example:
            >>> corpus = newsdoc.loads('{"paragraphs": ["A.", "B.", "C."]}\\n{"paragraphs": ["D."]}')
            >>> [a.text for a in corpus.select_paragraphs(slice(0, 2))]
            ['A.\\n\\nB.', 'D.']
        """
        from . import _transform

        return _transform.select_paragraphs(self, selection, threads)

    def rename_entity(self, old: str, new: str, *, threads: Optional[int] = None) -> "Corpus":
        """A copy with entity ``old`` (id, canonical name or alias) called ``new`` in every article holding it.

        Articles without it are shared unchanged; a KeyError if none holds it.
        See :meth:`Article.rename_entity`.

        Example:
            >>> renamed = corpus.rename_entity("Assad", "Bashar Hafez al-Assad")
            >>> renamed[0].quotes_by("Bashar Hafez al-Assad")[0].speaker.name
            'Bashar Hafez al-Assad'
        """
        from . import _transform

        return _transform.rename_entity(self, old, new, threads)

    def merge_entities(self, a: str, b: str, *, threads: Optional[int] = None) -> "Corpus":
        """A copy with entity ``b`` merged into ``a`` in every article holding both; see :meth:`Article.merge_entities`.

        Articles without both are shared unchanged; a KeyError if none holds both.

        Example:
            >>> merged = corpus.merge_entities("Viktor Ozerov", "Igor Konashenkov")
        """
        from . import _transform

        return _transform.merge_entities(self, a, b, threads)

    def with_entities(self, entities: Sequence[Iterable], replace: bool = True, *,
                      threads: Optional[int] = None) -> "Corpus":
        """A copy with one's own entity mentions, ``entities[i]`` for article ``i``; see :meth:`Article.with_entities`.

        ``entities`` has one iterable (or spaCy ``Doc``) per article; a
        different number is a ValueError.

        Example:
            >>> docs = [nlp(article.text) for article in corpus]  # spaCy
            >>> corpus = corpus.with_entities(docs)
        """
        from . import _transform

        return _transform.with_entities(self, entities, replace, threads)

    def with_quotes(self, quotes: Sequence[Iterable], replace: bool = True, *,
                    threads: Optional[int] = None) -> "Corpus":
        """A copy with one's own quotes, ``quotes[i]`` for article ``i``; see :meth:`Article.with_quotes`.

        Example:
            >>> direct_only = corpus.with_quotes([[q for q in a.quotes if q.kind == "direct"] for a in corpus])
        """
        from . import _transform

        return _transform.with_quotes(self, quotes, replace, threads)

    def __repr__(self) -> str:
        n = len(self)
        shown = ", ".join(repr(_short(a.title, 40)) for a in self[:3]) + (", …" if n > 3 else "")
        errors = len(self._core.errors)
        suffix = f" errors={errors}" if errors else ""
        return f"<Corpus of {n} articles [{shown}]{suffix}>"

    def _repr_html_(self) -> str:
        """An HTML summary table: counts, dates, quotes, top speakers and entities (notebooks call this)."""
        from . import _display

        return _display.corpus_html(self)


def _from_binary(blob) -> Corpus:
    """The corpus a pickle holds in binary form (bytes, or any buffer of them)."""
    return Corpus._wrap(_core.from_binary(blob, "<pickle>"))


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
        field = _FIELD_ALIASES.get(field, field)
        if field not in FIELDS:
            raise ValueError(f"unknown article field {field!r} in mapping; expected one of {', '.join(FIELDS)}")
        keys[field] = [names] if isinstance(names, str) else list(names)
    return "auto", keys


def _loads_core(data: Union[str, bytes, bytearray, memoryview], *, mapping: str, keys: dict, on_error: str,
                format: str, name: str) -> _core.Corpus:
    if isinstance(data, str):
        # surrogatepass keeps lone surrogates as bytes the parser rejects with a position.
        data = data.encode("utf-8", "surrogatepass")
    elif not isinstance(data, bytes):
        data = bytes(data)
    return _core.loads(data, mapping, keys, on_error, format, name)


def _annotated(corpus: _core.Corpus, annotate: Optional[bool], annotator: Optional[Annotator],
               threads: Optional[int]) -> Corpus:
    """Applies the ``annotate=`` rule of :func:`load` and :func:`loads`."""
    result = Corpus._wrap(corpus)
    if annotate is False:
        return result
    if annotate not in (None, True):
        raise ValueError(f"annotate must be None, True or False, not {annotate!r}")
    return (annotator or default_annotator()).annotate(result, threads=threads, only_missing=annotate is None)


def loads(data: Union[str, bytes, bytearray, memoryview], *, mapping: MappingSpec = None,
          on_error: str = "raise", format: str = "auto", annotate: Optional[bool] = None,
          annotator: Optional[Annotator] = None, threads: Optional[int] = None) -> Corpus:
    """Articles from JSON text: one article, an array of articles, or JSONL.

    ``mapping`` maps foreign field names (None: the automatic mapping; a
    preset name from :data:`MAPPINGS`; or a dict such as
    ``{"title": "headline", "body": ["story", "text"]}``). With
    ``on_error="skip"`` bad records are set aside in :attr:`Corpus.errors`
    and every good one is kept. ``format`` is ``"auto"``, ``"json"`` or
    ``"jsonl"``. The GIL is released while parsing.

    ``annotate=None`` (the default) runs the annotator (``annotator`` or the
    built-in one) on records that carry no quotes and no entities and keeps
    the stored annotations of the others; ``True`` annotates every record
    anew, ``False`` none. Annotation uses ``threads`` threads (default: every
    core).

    Example:
        >>> corpus = newsdoc.loads('{"headline": "Hi", "story": "One.\\nTwo."}', mapping={"title": "headline", "body": "story"})
        >>> corpus[0].title, [p.text for p in corpus[0].paragraphs]
        ('Hi', ['One.', 'Two.'])
    """
    preset, keys = _mapping_args(mapping)
    return _annotated(_loads_core(data, mapping=preset, keys=keys, on_error=on_error, format=format,
                                  name="<string>"), annotate, annotator, threads)


def parse_text(text: Union[str, bytes], *, id: Optional[str] = None, annotate: bool = True,
               annotator: Optional[Annotator] = None) -> Article:
    """One article from raw text: a title line, paragraphs separated by blank lines.

    Line breaks inside a paragraph are folded; a trailing line of
    comma-separated names becomes the tags; trailing site furniture
    ("Comments", "Share this", ...) is kept in ``meta["boilerplate"]``, not in
    the body. Bytes that are not UTF-8 are decoded one by one as Windows-1252
    and counted in ``meta["decoding"]``. With ``annotate`` (the default) the
    annotator (``annotator`` or the built-in one) finds quotes, speakers and
    entities.

    Example:
        >>> a = newsdoc.parse_text("Talks\n\nThe talks\nwent on.\n\n  Syria, Russia\n\nComments", annotate=False)
        >>> a.title, [p.text for p in a.paragraphs], a.tags, a.meta
        ('Talks', ['The talks went on.'], ['Syria', 'Russia'], {'boilerplate': ['Comments']})
    """
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    article = Article._wrap(_core.import_text(bytes(text), id or "").article(0))
    return (annotator or default_annotator()).annotate(article) if annotate else article


def read_text(path: PathLike, *, annotate: bool = True, annotator: Optional[Annotator] = None) -> Article:
    """:func:`parse_text` of a file; the id is the file name without its extension.

    Example:
        >>> newsdoc.read_text("seeds/000_0eafb7a6a491ae43.txt").tags
        ['Syria', 'Russia', 'Bashar al-Assad', 'Ozerov', 'Konashenkov']
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(2, "No such file or directory", path)
    article = Article._wrap(_core.load_text(path).article(0))
    return (annotator or default_annotator()).annotate(article) if annotate else article


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
         annotate: Optional[bool] = None, annotator: Optional[Annotator] = None, threads: Optional[int] = None,
         max_record_bytes: int = MAX_RECORD_BYTES, ids: bool = True,
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
    are as in :func:`loads`, except that ``annotate=None`` leaves a load of
    ``.ndc`` files alone (they hold a corpus as it was saved). The GIL is
    released while loading and annotating.

    **Annotation as it loads**: each article is annotated as it is read,
    before it is built, so it is built once; the result is the same as
    annotating the loaded corpus. With ``threads`` threads (default: every
    core) the files of a folder or list are read and annotated in parallel,
    and a single JSON file's records in batches; the order is kept.

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
    if annotate is None and all(_is_binary_corpus(p) for p in paths):
        annotate = False  # a saved corpus is as it was saved: annotate=None does not touch it
    if annotate not in (None, True, False):
        raise ValueError(f"annotate must be None, True or False, not {annotate!r}")
    if progress is not None and progress is not False and progress is not True and not callable(progress):
        raise TypeError(f"progress must be a callable, True or None, not {type(progress).__name__}")
    report = _ProgressBar() if progress is True else progress or None
    core_annotator = None if annotate is False else (annotator or default_annotator())._core
    try:
        return Corpus._wrap(_core.load(
            paths, preset, keys, on_error, "auto", int(max_record_bytes), bool(ids), core_annotator,
            annotate is None, _threads(threads),
            None if report is None else lambda *counts: report(LoadProgress(*counts))))
    finally:
        if isinstance(report, _ProgressBar):
            report.close()
