"""Queries across a corpus: quotes, mentions, entities, text search, sub-corpora.

What :meth:`Corpus.quotes`, :meth:`Corpus.attributions`,
:meth:`Corpus.mentions`, :meth:`Corpus.entities`, :meth:`Corpus.search` and
:meth:`Corpus.where` return lives here. They answer from a C++ index (``newsdoc::CorpusIndex``) built on first
use, with the GIL released, and cached on the Corpus: entity names and
aliases to corpus-level entities (see :meth:`Corpus.entities`), those to
the quotes they speak and to their mentions, types to mentions, one flat
row per quote and mention. A speaker query on a million quotes takes
microseconds once the index is built (``bench/query_bench.py``).

Results are light: a :class:`QuoteResult` or :class:`MentionResult` holds two
arrays of integers (article position, item index) made in C++, and makes a
:class:`~newsdoc.Quote` or :class:`~newsdoc.Mention` view only when you index
or iterate. Views keep their article's storage alive, so results outlive the
Corpus they came from.

Names and case: speaker, entity, type, source, author and tag values match
whole names (trimmed), case-insensitively: both sides are folded by
``newsdoc._core.fold_case``, a one-to-one simple case fold of ASCII, Latin
(Latin-1, Extended-A, the regular pairs of Extended-B, Vietnamese), Greek,
Cyrillic, Armenian and fullwidth Latin letters. Full Unicode case folding
(ß to "ss") and normalisation (é precomposed or not) are not done.
"""

from __future__ import annotations

import datetime as _datetime
import re
from typing import (TYPE_CHECKING, Any, Callable, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple,
                    Union, overload)

from . import _core, _display, _pandas
from ._model import Article, names_argument
from ._views import Attribution, Mention, Quote, _short

if TYPE_CHECKING:
    import pandas

    from ._corpus import Corpus

__all__ = ["QuoteResult", "AttributionResult", "MentionResult", "EntityCount", "EntityTable", "SearchHit", "SearchResult", "fold_case"]

#: The quote kinds, as in :attr:`Quote.kind` (defined in C++: newsdoc::QuoteKind).
KINDS = _core.QUOTE_KINDS
#: Fields :meth:`Corpus.search` looks in.
SEARCH_FIELDS = ("title", "body")

Names = Union[None, str, Iterable[str]]
DateBound = Union[None, str, _datetime.date]


def fold_case(text: str) -> str:
    """``text`` folded as every query compares names and text (see the module notes).

    Example:
        >>> newsdoc.fold_case("Zoë MÜLLER, ΣΩΚΡΑΤΗΣ")
        'zoë müller, σωκρατησ'
    """
    return _core.fold_case(text)


def index_of(corpus: "Corpus") -> _core.CorpusIndex:
    """The corpus's index, built on first use (GIL released) and cached on the Corpus."""
    index = corpus._index
    if index is None:
        index = corpus._index = _core.build_index(corpus._core)
    return index


def _kinds(value: Names) -> Optional[List[str]]:
    kinds = names_argument(value, "kind")
    if kinds is not None:
        for kind in kinds:
            if kind not in KINDS:
                raise ValueError(f"unknown quote kind {kind!r}; expected one of {', '.join(KINDS)}")
    return kinds


def _date(value: DateBound, what: str) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _datetime.datetime):
        return value.isoformat()  # with its offset when aware: compared as an instant
    if isinstance(value, _datetime.date):
        return value.isoformat()
    raise TypeError(f"{what} must be an ISO-8601 str, a date or a datetime, not {type(value).__name__}")


# --- Results of quotes() and mentions() ---------------------------------------------


class _Hits:
    """Items of a corpus as two parallel integer arrays: article positions and item indexes.

    Views are made on access. The last article wrapped is reused, so views of
    one article taken in a row (as iteration takes them) share its Article
    and its decoded text.
    """

    __slots__ = ("_corpus", "_core", "_index", "_articles", "_items", "_last")
    _noun = "item"
    _table = ""

    def __init__(self, corpus: "Corpus", articles: Sequence[int], items: Sequence[int],
                 index: _core.CorpusIndex) -> None:
        self._corpus = corpus  # the queried Corpus: its sub-corpora are .articles
        self._core = corpus._core
        self._index = index  # of ``core``: the corpus entities of to_pandas()
        self._articles = articles
        self._items = items
        self._last: Tuple[int, Optional[Article]] = (-1, None)

    @classmethod
    def _from_arrays(cls, corpus: "Corpus", arrays: Tuple[Any, Any], index: _core.CorpusIndex):
        articles, items = arrays
        return cls(corpus, memoryview(articles), memoryview(items), index)

    def _article(self, position: int) -> Article:
        last_position, article = self._last
        if last_position != position or article is None:
            article = Article._wrap(self._core.article(position))
            self._last = (position, article)
        return article

    def _view(self, article: Article, item: int):
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._articles)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Any: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return type(self)(self._corpus, self._articles[index], self._items[index], self._index)
        try:
            position = index.__index__()
        except AttributeError:
            raise TypeError(f"{type(self).__name__} indices must be integers or slices, "
                            f"not {type(index).__name__}") from None
        n = len(self)
        if position < 0:
            position += n
        if not 0 <= position < n:
            raise IndexError(f"{self._noun} index {index} out of range for {n} {self._noun}s")
        return self._view(self._article(self._articles[position]), self._items[position])

    def __iter__(self) -> Iterator[Any]:
        for position, item in zip(self._articles, self._items):
            yield self._view(self._article(position), item)

    def __bool__(self) -> bool:
        return len(self) > 0

    @property
    def positions(self) -> List[Tuple[int, int]]:
        """``(article_index, item_index)`` per item: the article's position in the corpus and the item's in the article.

        They are the ``article_index`` and ``quote_index`` (``mention_index``)
        columns of :meth:`Corpus.to_pandas`, to join on.
        """
        return list(zip(self._articles, self._items))

    @property
    def article_indexes(self) -> List[int]:
        """The corpus positions of the articles holding the items, ascending, each once."""
        return list(dict.fromkeys(self._articles))

    @property
    def articles(self) -> "Corpus":
        """The articles holding the items, in corpus order, each once: a Corpus sharing storage."""
        return self._corpus._take(self.article_indexes)

    def to_pandas(self) -> "pandas.DataFrame":
        """The rows of ``corpus.to_pandas(table)`` for these items, in this order (same columns and dtypes).

        ``article_index`` is the position in the queried corpus, ``corpus_entity`` the corpus entity in
        it. Needs pandas.
        """
        import numpy

        positions = self.article_indexes
        frame = _pandas.frame(self._core, self._table, self._index, positions)
        first_row = {}
        total = 0
        count = self._count
        for position in positions:
            first_row[position] = total
            total += count(self._core.article(position))
        rows = [first_row[a] + i for a, i in zip(self._articles, self._items)]
        out = frame.iloc[rows].reset_index(drop=True)
        out["article_index"] = numpy.asarray(self._articles, dtype=numpy.int64)
        return out

    @staticmethod
    def _count(handle: _core.Article) -> int:
        raise NotImplementedError

    def __repr__(self) -> str:
        n = len(self)
        articles = len(set(self._articles))
        head = (f"<{type(self).__name__}: {n} {self._noun}{'' if n == 1 else 's'} in {articles} "
                f"article{'' if articles == 1 else 's'}")
        shown = [f"  {view!r}" for view in self[:5]]
        if n > 5:
            shown.append(f"  … {n - 5} more")
        return head + ("\n" + "\n".join(shown) if shown else "") + ">"


class QuoteResult(_Hits):
    """Quotes found by :meth:`Corpus.quotes`: a sequence of :class:`~newsdoc.Quote` views.

    ``len``, indexing, slicing (a QuoteResult) and iteration, in corpus order.
    ``articles`` is the Corpus of the articles they are in; ``positions`` the
    ``(article_index, quote_index)`` pairs; ``to_pandas()`` their rows of the
    quotes table.

    Example:
        >>> found = corpus.quotes(speaker="assad", kind="direct")
        >>> len(found), found[0].speaker.name, found[0].kind
        (3, 'Bashar al-Assad', 'direct')
    """

    __slots__ = ()
    _noun = "quote"
    _table = "quotes"

    def _view(self, article: Article, item: int) -> Quote:
        return Quote(article, item)

    @staticmethod
    def _count(handle: _core.Article) -> int:
        return handle.quote_count

    if TYPE_CHECKING:
        def __getitem__(self, index: int) -> Quote: ...  # noqa: E704

        def __iter__(self) -> Iterator[Quote]: ...  # noqa: E704

    def _repr_html_(self) -> str:
        """The first 20 quotes, one line each (notebooks call this)."""
        n = len(self)
        lines = [_display.quote_html(q) for q in self[:20]]
        more = f"<div>… {n - 20} more</div>" if n > 20 else ""
        return (f"<div><b>{n} quote{'' if n == 1 else 's'}</b></div>"
                + "".join(f"<div>{line}</div>" for line in lines) + more)


class MentionResult(_Hits):
    """Mentions found by :meth:`Corpus.mentions`: a sequence of :class:`~newsdoc.Mention` views.

    Example:
        >>> found = corpus.mentions(entity="Assad")
        >>> [m.text for m in found]
        ['Bashar al-Assad', 'Bashar al-Assad', 'Assad']
    """

    __slots__ = ()
    _noun = "mention"
    _table = "mentions"

    def _view(self, article: Article, item: int) -> Mention:
        return Mention(article, item)

    @staticmethod
    def _count(handle: _core.Article) -> int:
        return handle.mention_count

    if TYPE_CHECKING:
        def __getitem__(self, index: int) -> Mention: ...  # noqa: E704

        def __iter__(self) -> Iterator[Mention]: ...  # noqa: E704


class AttributionResult(_Hits):
    """Statements found by :meth:`Corpus.attributions`: a sequence of :class:`~newsdoc.Attribution` views.

    Example:
        >>> found = corpus.attributions(speaker="assad", kind="direct")
        >>> len(found), found[0].speaker.name
        (3, 'Bashar al-Assad')
    """

    __slots__ = ()
    _noun = "attribution"
    _table = "attributions"

    def _view(self, article: Article, item: int) -> Attribution:
        return Attribution(article, item)

    @staticmethod
    def _count(handle: _core.Article) -> int:
        return handle.attribution_count

    if TYPE_CHECKING:
        def __getitem__(self, index: int) -> Attribution: ...  # noqa: E704

        def __iter__(self) -> Iterator[Attribution]: ...  # noqa: E704

    def _repr_html_(self) -> str:
        """The first 20 statements, one line each, fragments inside (notebooks call this)."""
        n = len(self)
        lines = [_display.attribution_html(a) for a in self[:20]]
        more = f"<div>… {n - 20} more</div>" if n > 20 else ""
        return (f"<div><b>{n} statement{'' if n == 1 else 's'}</b></div>"
                + "".join(f"<div>{line}</div>" for line in lines) + more)


def _check_contains(contains: Optional[str]) -> None:
    if contains is not None and not isinstance(contains, str):
        raise TypeError(f"contains must be a str, not {type(contains).__name__}")


def quotes(corpus: "Corpus", speaker: Names = None, kind: Names = None, contains: Optional[str] = None,
           fragments: bool = False) -> QuoteResult:
    _check_contains(contains)
    arrays = index_of(corpus).quotes(names_argument(speaker, "speaker"), _kinds(kind), contains, fragments=bool(fragments))
    return QuoteResult._from_arrays(corpus, arrays, index_of(corpus))


def attributions(corpus: "Corpus", speaker: Names = None, kind: Names = None,
                 contains: Optional[str] = None) -> AttributionResult:
    _check_contains(contains)
    arrays = index_of(corpus).quotes(names_argument(speaker, "speaker"), _kinds(kind), contains, statements=True)
    return AttributionResult._from_arrays(corpus, arrays, index_of(corpus))


def mentions(corpus: "Corpus", entity: Names = None, type: Names = None) -> MentionResult:
    arrays = index_of(corpus).mentions(names_argument(entity, "entity"), names_argument(type, "type"))
    return MentionResult._from_arrays(corpus, arrays, index_of(corpus))


# --- entities() ------------------------------------------------------------------------


class EntityCount(NamedTuple):
    """One corpus-level entity, aggregated over the article entities it groups (see :meth:`Corpus.entities`)."""

    #: Its canonical name: the corpus_entity column of the tables.
    name: str
    type: str
    #: Its other names and every alias it has in any article, first seen first (case variants once).
    aliases: Tuple[str, ...]
    #: The number of articles holding it.
    articles: int
    #: Its mentions in them.
    mentions: int
    #: The quotes it speaks in them.
    quotes: int


_COUNTS = ("articles", "mentions", "quotes")


class EntityTable(List[EntityCount]):
    """Entities with counts, from :meth:`Corpus.entities`: a list of :class:`EntityCount` records.

    A plain list otherwise: sort it, slice it, filter it. :meth:`sort_by`
    orders by a count; :meth:`to_pandas` makes a DataFrame.

    Example:
        >>> table = corpus.entities(type="PERSON").sort_by("quotes")
        >>> [(e.name, e.quotes) for e in table[:2]]
        [('Bashar al-Assad', 6), ('Igor Konashenkov', 4)]
    """

    __slots__ = ()

    def sort_by(self, count: str = "articles", *, descending: bool = True) -> "EntityTable":
        """A copy ordered by ``count`` ("articles", "mentions" or "quotes"), ties kept in their order."""
        if count not in _COUNTS and count not in ("name", "type"):
            raise ValueError(f"cannot sort by {count!r}; expected one of {', '.join(_COUNTS + ('name', 'type'))}")
        key: Callable[[EntityCount], Any] = lambda e: getattr(e, count)  # noqa: E731
        return EntityTable(sorted(self, key=key, reverse=descending))

    def __getitem__(self, index):  # type: ignore[override]
        item = super().__getitem__(index)
        return EntityTable(item) if isinstance(index, slice) else item

    def to_pandas(self) -> "pandas.DataFrame":
        """Columns name, type, aliases (list), articles, mentions, quotes. Needs pandas."""
        import pandas

        return pandas.DataFrame({
            "name": pandas.array([e.name for e in self], dtype="string"),
            "type": pandas.Categorical([e.type for e in self]),
            "aliases": [list(e.aliases) for e in self],
            "articles": pandas.array([e.articles for e in self], dtype="int64"),
            "mentions": pandas.array([e.mentions for e in self], dtype="int64"),
            "quotes": pandas.array([e.quotes for e in self], dtype="int64"),
        })

    def __repr__(self) -> str:
        n = len(self)
        lines = [f"<EntityTable of {n} entit{'y' if n == 1 else 'ies'}"]
        for e in list.__getitem__(self, slice(0, 10)):
            lines.append(f"  {_short(e.name, 40)!r} {e.type} articles={e.articles} mentions={e.mentions} "
                         f"quotes={e.quotes}")
        if n > 10:
            lines.append(f"  … {n - 10} more")
        return "\n".join(lines) + ">"


def entities(corpus: "Corpus", type: Names = None) -> EntityTable:
    rows = index_of(corpus).entities(names_argument(type, "type"))
    table = EntityTable(EntityCount(*row) for row in rows)
    # Most widespread first; the C++ order (first appearance) breaks ties.
    table.sort(key=lambda e: (e.articles, e.mentions, e.quotes), reverse=True)
    return table


# --- search() ---------------------------------------------------------------------------


class SearchHit:
    """One occurrence of a search pattern: article, field, span and snippet.

    ``field`` is ``"title"`` or ``"body"``; ``start`` and ``end`` are code
    points into that field (``article.title`` or ``article.text``), so
    ``hit.text == article.text[hit.start:hit.end]`` for a body hit.
    ``article_index`` is the article's position in the searched corpus.
    """

    __slots__ = ("article", "article_index", "field", "start", "end")

    def __init__(self, article: Article, article_index: int, field: str, start: int, end: int) -> None:
        self.article = article
        self.article_index = article_index
        self.field = field
        self.start = start
        self.end = end

    def _field_text(self) -> str:
        return self.article.title if self.field == "title" else self.article.text

    @property
    def text(self) -> str:
        """The matched text."""
        return self._field_text()[self.start:self.end]

    @property
    def snippet(self) -> str:
        """The match with 40 characters of context on each side; see :meth:`context`."""
        return self.context(40)

    def context(self, width: int = 40) -> str:
        """The match with ``width`` characters of context on each side, white space runs shown as one space, "…" where cut."""
        text = self._field_text()
        start = max(0, self.start - width)
        end = min(len(text), self.end + width)
        snippet = " ".join(text[start:end].split())
        return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchHit):
            return NotImplemented
        return ((self.article_index, self.field, self.start, self.end)
                == (other.article_index, other.field, other.start, other.end) and self.article == other.article)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<SearchHit article={self.article_index} {self.field}[{self.start}:{self.end}] {self.snippet!r}>"


class SearchResult:
    """Hits of :meth:`Corpus.search`: a sequence of :class:`SearchHit`, by article, title before body, left to right."""

    __slots__ = ("_corpus", "_core", "_articles", "_fields", "_starts", "_ends", "_last")

    def __init__(self, corpus: "Corpus", articles: Sequence[int], fields: Sequence[int], starts: Sequence[int],
                 ends: Sequence[int]) -> None:
        self._corpus = corpus  # the searched Corpus: its sub-corpora are .articles
        self._core = corpus._core
        self._articles = articles
        self._fields = fields  # 0 body, 1 title
        self._starts = starts
        self._ends = ends
        self._last: Tuple[int, Optional[Article]] = (-1, None)

    def _hit(self, i: int) -> SearchHit:
        position = self._articles[i]
        last_position, article = self._last
        if last_position != position or article is None:
            article = Article._wrap(self._core.article(position))
            self._last = (position, article)
        return SearchHit(article, position, SEARCH_FIELDS[1 - self._fields[i]], self._starts[i], self._ends[i])

    def __len__(self) -> int:
        return len(self._articles)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return SearchResult(self._corpus, self._articles[index], self._fields[index], self._starts[index],
                                self._ends[index])
        try:
            position = index.__index__()
        except AttributeError:
            raise TypeError(f"SearchResult indices must be integers or slices, not {type(index).__name__}") from None
        n = len(self)
        if position < 0:
            position += n
        if not 0 <= position < n:
            raise IndexError(f"hit index {index} out of range for {n} hits")
        return self._hit(position)

    def __iter__(self) -> Iterator[SearchHit]:
        for i in range(len(self)):
            yield self._hit(i)

    @property
    def articles(self) -> "Corpus":
        """The articles with a hit, in corpus order, each once: a Corpus sharing storage."""
        return self._corpus._take(dict.fromkeys(self._articles))

    def to_pandas(self) -> "pandas.DataFrame":
        """Columns article_index, article_id, field, start, end, text, snippet. Needs pandas."""
        import pandas

        hits = list(self)
        return pandas.DataFrame({
            "article_index": pandas.array([h.article_index for h in hits], dtype="int64"),
            "article_id": pandas.array([h.article.id for h in hits], dtype="string"),
            "field": pandas.Categorical([h.field for h in hits], categories=list(SEARCH_FIELDS)),
            "start": pandas.array([h.start for h in hits], dtype="int64"),
            "end": pandas.array([h.end for h in hits], dtype="int64"),
            "text": pandas.array([h.text for h in hits], dtype="string"),
            "snippet": pandas.array([h.snippet for h in hits], dtype="string"),
        })

    def __repr__(self) -> str:
        n = len(self)
        lines = [f"<SearchResult: {n} hit{'' if n == 1 else 's'}"]
        lines += [f"  {hit!r}" for hit in self[:5]]
        if n > 5:
            lines.append(f"  … {n - 5} more")
        return "\n".join(lines) + ">"


def search(corpus: "Corpus", pattern: Union[str, "re.Pattern[str]"], regex: bool = False, case: bool = False,
           fields: Union[str, Sequence[str]] = SEARCH_FIELDS) -> SearchResult:
    field_list = [fields] if isinstance(fields, str) else list(fields)
    for field in field_list:
        if field not in SEARCH_FIELDS:
            raise ValueError(f"unknown search field {field!r}; expected 'title' and/or 'body'")
    in_title, in_body = "title" in field_list, "body" in field_list
    core = corpus._core
    if not regex:
        if not isinstance(pattern, str):
            raise TypeError(f"a literal search pattern must be a str, not {type(pattern).__name__}")
        if not pattern:
            raise ValueError("the search pattern is empty")
        arrays = _core.search(core, pattern, case, in_title, in_body)
        return SearchResult(corpus, *(memoryview(a) for a in arrays))
    # Python's re, not a C++ engine: the syntax notebook users know, code point offsets as they are, and no
    # extra native dependency. The literal path above is the fast one.
    if isinstance(pattern, re.Pattern):
        compiled = pattern
    else:
        compiled = re.compile(pattern, 0 if case else re.IGNORECASE)
    articles: List[int] = []
    kinds: List[int] = []
    starts: List[int] = []
    ends: List[int] = []
    for position in range(len(core)):
        handle = core.article(position)
        for flag, wanted, text in ((1, in_title, handle.title), (0, in_body, handle.text)):
            if not wanted:
                continue
            for match in compiled.finditer(text):
                if match.end() > match.start():  # empty matches are skipped
                    articles.append(position)
                    kinds.append(flag)
                    starts.append(match.start())
                    ends.append(match.end())
    return SearchResult(corpus, articles, kinds, starts, ends)


# --- where() ------------------------------------------------------------------------------


def where_positions(corpus: "Corpus", source: Names = None, published_from: DateBound = None,
                    published_to: DateBound = None, author: Names = None, tag: Names = None,
                    has_quote_by: Names = None) -> Any:
    """The positions of the articles of :meth:`Corpus.where`, as a _core.UIntArray."""
    return index_of(corpus).articles(names_argument(source, "source"), names_argument(author, "author"),
                                     names_argument(tag, "tag"), names_argument(has_quote_by, "has_quote_by"),
                                     _date(published_from, "published_from"), _date(published_to, "published_to"))
