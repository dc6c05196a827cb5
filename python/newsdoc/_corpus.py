"""The Corpus: an ordered collection of articles in compact shared storage, and concat.

Loading (files, JSON text, plain text) is newsdoc/_io.py; queries answer
with the result types of newsdoc/_query.py; the transforms are shared with
Article (newsdoc/_transform.py).
"""

from __future__ import annotations

import gzip
import os
from typing import (TYPE_CHECKING, Iterable, Iterator, List, Mapping, Optional, Sequence, Union,
                    overload)

from . import _core, _display, _pandas, _query
from ._annotate import AnnotateSpec, Annotator, annotated
from ._errors import IoError, ParseError, SchemaError
from ._model import Article, _binary_argument, _short
from ._transform import Transformable

if TYPE_CHECKING:
    import pandas

__all__ = ["Corpus", "concat"]

PathLike = Union[str, "os.PathLike[str]"]


class Corpus(Transformable):
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

        The file is written beside ``path`` and renamed over it, never
        rewritten in place: a failed save leaves the old file whole, and a
        corpus mapped from it (``load(path, memory_map=True)``) keeps its
        text. An existing file keeps its permissions.

        Example:
            >>> corpus.save("corpus.ndc")
            >>> newsdoc.load("corpus.ndc").dumps() == corpus.dumps()
            True
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
                    *, annotate: AnnotateSpec = False, annotator: Optional[Annotator] = None,
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
        already annotated or deliberately not; pass ``"missing"`` or ``"all"``
        (or None or True) to annotate as :func:`loads` does. Needs pandas.

        Example:
            >>> df = pandas.DataFrame({"headline": ["Talks"], "text": ["“Yes,” he said.\\n\\nMore."]})
            >>> article = newsdoc.Corpus.from_pandas(df, mapping={"title": "headline"})[0]
            >>> article.title, [p.text for p in article.paragraphs]
            ('Talks', ['“Yes,” he said.', 'More.'])
        """
        return annotated(Corpus._wrap(_pandas.corpus_from_frame(df, mapping)), annotate, annotator, threads)

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
            ['indirect', 'indirect', 'indirect', 'indirect']
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
            [('Bashar al-Assad', 6), ('Igor Konashenkov', 4), ('Viktor Ozerov', 4)]
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
        positions = _query.where_positions(self, source, published_from, published_to, author, tag, has_quote_by)
        return Corpus._wrap(_core.take_array(self._core, positions))

    # --- To the transforms (newsdoc/_transform.py) ---

    def _target(self) -> _core.Corpus:
        return self._core

    def _rewrap(self, core: _core.Corpus) -> "Corpus":
        return Corpus._wrap(core)

    def _articles(self) -> "Corpus":
        return self

    _per_article_lists = True

    def _take(self, positions: Iterable[int]) -> "Corpus":
        """The articles at ``positions``, in that order: a Corpus sharing storage."""
        return Corpus._wrap(_core.take(self._core, list(positions)))

    def __repr__(self) -> str:
        n = len(self)
        shown = ", ".join(repr(_short(a.title, 40)) for a in self[:3]) + (", …" if n > 3 else "")
        errors = len(self._core.errors)
        suffix = f" errors={errors}" if errors else ""
        return f"<Corpus of {n} articles [{shown}]{suffix}>"

    def _repr_html_(self) -> str:
        """An HTML summary table: counts, dates, quotes, top speakers and entities (notebooks call this)."""
        return _display.corpus_html(self)


def _from_binary(blob) -> Corpus:
    """The corpus a pickle holds in binary form (bytes, or any buffer of them)."""
    return Corpus._wrap(_core.from_binary(blob, "<pickle>"))


def concat(corpora: Iterable[Union[Corpus, Article]]) -> Corpus:
    """One corpus of the articles of ``corpora`` (corpora or single articles), in order, sharing their storage.

    Nothing is copied: the result holds handles to the same articles. The
    skipped-record errors of the corpora are kept, in order.

    Example:
        >>> a = newsdoc.loads('{"title": "A"}\\n{"title": "B"}\\n')
        >>> both = newsdoc.concat([a, a[:1], newsdoc.Article(title="C")])
        >>> [article.title for article in both]
        ['A', 'B', 'A', 'C']
    """
    if isinstance(corpora, (Corpus, Article)):
        raise TypeError("concat() takes an iterable of corpora, e.g. concat([first, second])")
    parts = []
    for i, part in enumerate(corpora):
        if isinstance(part, Corpus):
            parts.append(part._core)
        elif isinstance(part, Article):
            parts.append(_core.Corpus([part._handle]))
        else:
            raise TypeError(f"concat() takes corpora or articles; item {i} is a {type(part).__name__}")
    return Corpus._wrap(_core.concat(parts))
