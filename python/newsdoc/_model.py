"""The Article: one immutable article of the C++ core, and the views into it.

An :class:`Article` wraps a ``_core.Article`` handle. Paragraphs, quotes,
attributions, entities and mentions are views (newsdoc/_views.py): the
article plus an index. The transforms come from
:class:`~newsdoc._transform.Transformable`, shared with Corpus: to them an
Article is a one-article corpus.

All offsets are Unicode code points into :attr:`Article.text`, so
``article.text[q.start:q.end] == q.text`` for every span.
"""

from __future__ import annotations

import datetime as _datetime
import json
import pickle
from typing import TYPE_CHECKING, Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core, _display, _pandas
from ._errors import SchemaError
from ._transform import Transformable
from ._views import Attribution, Entity, Mention, Paragraph, Quote, _short

if TYPE_CHECKING:
    import pandas

_EPOCH = _datetime.datetime(1970, 1, 1, tzinfo=_datetime.timezone.utc)

__all__ = ["Article", "Paragraph", "Quote", "Attribution", "Entity", "Mention"]

class Article(Transformable):
    """One news article: metadata, body paragraphs, quotes, entities, mentions.

    Articles are immutable. Build one from keyword fields (named as in the
    canonical JSON format, docs/schema.md), from canonical JSON with
    :meth:`from_json`, or load many with :func:`newsdoc.load`.

    Example:
        >>> a = newsdoc.Article(title="Talks", paragraphs=["“Yes,” he said.", "More."], tags=["Syria"])
        >>> a.text
        '“Yes,” he said.\\n\\nMore.'
        >>> a
        <Article id='' title='Talks' paragraphs=2 quotes=0 entities=0 mentions=0>
    """

    __slots__ = ("_handle", "_text", "__weakref__")

    def __init__(self, *, id: str = "", url: str = "", source: str = "", title: str = "",
                 authors: Sequence[str] = (), published: Optional[str] = None, language: str = "",
                 tags: Sequence[str] = (), paragraphs: Sequence[str] = (), quotes: Iterable[Mapping] = (),
                 entities: Iterable[Mapping] = (), mentions: Iterable[Mapping] = (),
                 meta: Optional[Mapping[str, Any]] = None) -> None:
        # A str for authors, tags or paragraphs is read as in JSON input (split at commas, resp. newlines),
        # not exploded into characters by list().
        record = {"id": id, "url": url, "source": source, "title": title, "authors": _items(authors),
                  "published": published, "language": language, "tags": _items(tags),
                  "paragraphs": _items(paragraphs), "quotes": list(quotes), "entities": list(entities),
                  "mentions": list(mentions), "meta": dict(meta or {})}
        self._adopt(_single(json.dumps(record, ensure_ascii=False)))

    @classmethod
    def _wrap(cls, handle: _core.Article) -> "Article":
        article = cls.__new__(cls)
        article._adopt(handle)
        return article

    def _adopt(self, handle: _core.Article) -> None:
        self._handle = handle
        self._text: Optional[str] = None

    @classmethod
    def from_json(cls, text: str | bytes) -> "Article":
        """The article in ``text``, one canonical JSON object.

        Example:
            >>> newsdoc.Article.from_json('{"title": "Hello", "paragraphs": ["World."]}').text
            'World.'
        """
        return cls._wrap(_single(text))

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> "Article":
        """The article in ``record``, a dict in the canonical JSON layout.

        Example:
            >>> newsdoc.Article.from_dict({"title": "Hello", "tags": ["a"]}).tags
            ['a']
        """
        return cls.from_json(json.dumps(record, ensure_ascii=False))

    def to_json(self) -> str:
        """The article as one line of canonical JSON.

        Example:
            >>> newsdoc.Article(title="Hi").to_json()[:30]
            '{"id":"","url":"","source":"",'
        """
        return self._handle.to_json()

    def to_dict(self) -> dict:
        """The article as a dict in the canonical JSON layout.

        Example:
            >>> newsdoc.Article(title="Hi").to_dict()["title"]
            'Hi'
        """
        return json.loads(self.to_json())

    id = property(lambda self: self._handle.id, doc="The article's identifier, or ''.")
    url = property(lambda self: self._handle.url, doc="Where the article was published, or ''.")
    source = property(lambda self: self._handle.source, doc="The outlet or site, or ''.")
    title = property(lambda self: self._handle.title, doc="The headline, or ''.")
    published = property(lambda self: self._handle.published,
                         doc="The publication date as given (a str, kept as written), or None; "
                             "see published_at for the instant.")

    @property
    def published_at(self) -> Optional["_datetime.datetime"]:
        """The instant of :attr:`published` as an aware UTC datetime, or None when there is none or it does not parse.

        The C++ core reads ISO 8601 (with or without a time and zone), RFC 2822,
        "March 5, 2019" and numeric dates ("12/1/16" is US month/day/year
        unless the first number is over 12); a date without zone is UTC
        (docs/schema.md, "Dates"). :attr:`published` keeps the string as given.

        Example:
            >>> newsdoc.Article(published="Tue, 05 Mar 2019 10:30:00 +0100").published_at
            datetime.datetime(2019, 3, 5, 9, 30, tzinfo=datetime.timezone.utc)
        """
        instant = self._handle.published_at
        if instant is None:
            return None
        seconds, micro = instant
        return _EPOCH + _datetime.timedelta(seconds=seconds, microseconds=micro)
    language = property(lambda self: self._handle.language, doc="The language code, or ''.")
    authors = property(lambda self: self._handle.authors, doc="The authors, a list of names.")
    tags = property(lambda self: self._handle.tags, doc="The tags, a list of strings.")

    @property
    def text(self) -> str:
        """The body: the paragraphs joined by a blank line."""
        if self._text is None:
            self._text = self._handle.text
        return self._text

    @property
    def meta(self) -> dict:
        """Every input field the schema does not know (a fresh dict each time)."""
        return json.loads(self._handle.meta_json)

    @property
    def origin(self) -> Optional[Tuple[str, int]]:
        """Where the article was loaded from: ``(path, line)``, or None when it was not loaded from a file.

        ``path`` is the file as :func:`newsdoc.load` opened it; ``line`` the
        1-based line its record starts on (0 for a ``.txt`` file). Load
        metadata, not content: not written to JSON, not compared by ``==``;
        pickles, :meth:`Corpus.save`, annotation and the transforms keep it.

        Example:
            >>> newsdoc.load("bbc")["business/001"].origin
            ('bbc/business/001.txt', 0)
        """
        return self._handle.origin

    @property
    def paragraphs(self) -> Tuple[Paragraph, ...]:
        return tuple(Paragraph(self, i) for i in range(self._handle.paragraph_count))

    @property
    def quotes(self) -> Tuple[Quote, ...]:
        return tuple(Quote(self, i) for i in range(self._handle.quote_count))

    @property
    def attributions(self) -> Tuple[Attribution, ...]:
        """The statements: each quote belongs to exactly one, fragments inside their statement."""
        return tuple(Attribution(self, i) for i in range(self._handle.attribution_count))

    @property
    def entities(self) -> Tuple[Entity, ...]:
        return tuple(Entity(self, i) for i in range(self._handle.entity_count))

    @property
    def mentions(self) -> Tuple[Mention, ...]:
        return tuple(Mention(self, i) for i in range(self._handle.mention_count))

    def quotes_by(self, name: Union[str, Iterable[str]], fragments: bool = False) -> Tuple[Quote, ...]:
        """The quotes whose speaker has ``name`` (or one of several) as canonical name or alias, case-insensitively.

        Names match whole, folded as in :meth:`Corpus.quotes`; quoted
        fragments inside another quote of their statement only with
        ``fragments=True``.

        Example:
            >>> [q.kind for q in newsdoc.read_text("seeds/000_0eafb7a6a491ae43.txt").quotes_by("assad")]
            ['indirect', 'direct', 'indirect', 'direct', 'indirect', 'direct']
        """
        keys = {_core.fold_case(n.strip()) for n in names_argument(name, "name") or []}
        speakers = {entity.index for entity in self.entities
                    if any(_core.fold_case(n.strip()) in keys for n in [entity.name, *entity.aliases])}
        return tuple(q for q in self.quotes
                     if q.speaker is not None and q.speaker.index in speakers and (fragments or not q.is_fragment))

    def to_pandas(self, table: str) -> "pandas.DataFrame":
        """Table ``table`` of this one article as a pandas DataFrame; see :meth:`Corpus.to_pandas`.

        Example:
            >>> article = newsdoc.Article(paragraphs=["Assad spoke."],
            ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON"}],
            ...     mentions=[{"entity": "e1", "start": 0, "end": 5}])
            >>> article.to_pandas("mentions")[["entity_id", "name", "text", "start", "end"]].values.tolist()
            [['e1', 'Bashar al-Assad', 'Assad', 0, 5]]
        """
        return _pandas.frame(_core.Corpus([self._handle]), table)

    # --- To the transforms (newsdoc/_transform.py), a one-article corpus ---

    def _target(self) -> _core.Article:
        return self._handle

    def _rewrap(self, core: _core.Article) -> "Article":
        return Article._wrap(core)

    def _articles(self) -> Tuple["Article"]:
        return (self,)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self._handle == other._handle

    __hash__ = None  # type: ignore[assignment]

    def __reduce_ex__(self, protocol: int):
        # A one-article corpus in binary form, as Corpus pickles (see there).
        return (_article_from_binary, (_binary_argument(_core.to_binary(_core.Corpus([self._handle])), protocol),))

    def __repr__(self) -> str:
        h = self._handle
        return (f"<Article id={h.id!r} title={_short(h.title)!r} paragraphs={h.paragraph_count} "
                f"quotes={h.quote_count} entities={h.entity_count} mentions={h.mention_count}>")

    def _repr_html_(self) -> str:
        """The article as HTML, quotes highlighted by speaker and mentions labelled (notebooks call this)."""
        return _display.article_html(self)


def _items(value: Any) -> Any:
    return value if isinstance(value, str) else list(value)


def _binary_argument(blob: bytes, protocol: int) -> Any:
    """``blob`` as a pickle argument: a PickleBuffer (out of band if the pickler wants) from protocol 5 on."""
    return pickle.PickleBuffer(blob) if protocol >= 5 else blob


def _article_from_binary(blob) -> Article:
    """The article a pickle holds: a one-article corpus in binary form."""
    corpus = _core.from_binary(blob, "<pickle>")
    if len(corpus) != 1:
        raise SchemaError(f"a pickled Article holds one article, this one {len(corpus)}")
    return Article._wrap(corpus.article(0))


def names_argument(value: Union[None, str, Iterable[str]], what: str) -> Optional[List[str]]:
    """None, or the names in ``value`` (one str or an iterable of str), for the name filters of queries."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        names = list(value)
    except TypeError:
        raise TypeError(f"{what} must be a str or a list of str, not {type(value).__name__}") from None
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{what} must be a str or a list of str, not a list holding {type(name).__name__}")
    return names


def encoded(data: Union[str, bytes, bytearray, memoryview]) -> bytes:
    """JSON or text input as the bytes the core reads.

    surrogatepass keeps lone surrogates as bytes the parser rejects with a position."""
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    return data if isinstance(data, bytes) else bytes(data)


def _single(text: str | bytes) -> _core.Article:
    corpus = _core.loads(encoded(text), "canonical", {}, "raise", "json", "<json>")
    if len(corpus) != 1:
        raise SchemaError(f"expected one article, found {len(corpus)}")
    return corpus.article(0)
