"""Articles and the light views into them.

An :class:`Article` wraps one immutable article of the C++ core. Paragraphs,
quotes, entities and mentions are views: the article plus an index. A view
keeps its article (and so the article's storage) alive, and does not pickle
on its own: pickle the article.

All offsets are Unicode code points into :attr:`Article.text`, so
``article.text[q.start:q.end] == q.text`` for every span.
"""

from __future__ import annotations

import json
import pickle
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Tuple

from . import _core, _pandas

if TYPE_CHECKING:
    import pandas

__all__ = ["Article", "Paragraph", "Quote", "Entity", "Mention"]


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _View:
    """A position in an article: the article plus an index."""

    __slots__ = ("_article", "index")

    def __init__(self, article: "Article", index: int) -> None:
        self._article = article
        self.index = index

    @property
    def article(self) -> "Article":
        """The article this view points into."""
        return self._article

    def __eq__(self, other: object) -> bool:
        return (type(other) is type(self) and other.index == self.index  # type: ignore[attr-defined]
                and other._article is self._article)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), id(self._article), self.index))

    def __reduce__(self):
        raise TypeError(f"a {type(self).__name__} is a view into an Article and does not pickle on its own; "
                        "pickle the Article")


class _SpanView(_View):
    __slots__ = ()

    start: int
    end: int

    @property
    def text(self) -> str:
        """The spanned text: ``article.text[start:end]``."""
        return self._article.text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


class Paragraph(_SpanView):
    """A paragraph of an article's body.

    Example:
        >>> article = newsdoc.Article(paragraphs=["First.", "Second."])
        >>> [(p.start, p.end, p.text) for p in article.paragraphs]
        [(0, 6, 'First.'), (8, 15, 'Second.')]
    """

    __slots__ = ()

    @property
    def start(self) -> int:
        return self._article._handle.paragraph(self.index)[0]

    @property
    def end(self) -> int:
        return self._article._handle.paragraph(self.index)[1]

    def __repr__(self) -> str:
        return f"<Paragraph {self.index} [{self.start}:{self.end}] {_short(self.text)!r}>"


class Quote(_SpanView):
    """A quote: its span, kind, speaker and cue.

    ``kind`` is ``"direct"``, ``"partial"`` or ``"indirect"``; ``speaker`` is
    an :class:`Entity` or None; ``speaker_span`` is the speaker's surface
    mention as ``(start, end)`` or None; ``cue`` is the cue word or ``""``.

    Example:
        >>> article = newsdoc.Article.from_json(newsdoc.Article(
        ...     paragraphs=["“Yes,” he said."],
        ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON"}],
        ...     quotes=[{"start": 1, "end": 5, "speaker": "e1", "speaker_span": [7, 9], "cue": "said"}]).to_json())
        >>> q = article.quotes[0]
        >>> q.text, q.speaker.name, q.speaker_text, q.cue
        ('Yes,', 'Bashar al-Assad', 'he', 'said')
    """

    __slots__ = ()

    def _data(self) -> tuple:
        return self._article._handle.quote(self.index)

    @property
    def start(self) -> int:
        return self._data()[0]

    @property
    def end(self) -> int:
        return self._data()[1]

    @property
    def kind(self) -> str:
        return self._data()[2]

    @property
    def speaker(self) -> Optional["Entity"]:
        index = self._data()[3]
        return None if index is None else Entity(self._article, index)

    @property
    def speaker_span(self) -> Optional[Tuple[int, int]]:
        return self._data()[4]

    @property
    def speaker_text(self) -> Optional[str]:
        """The speaker's surface mention ("he", "Assad"), or None."""
        span = self._data()[4]
        return None if span is None else self._article.text[span[0]:span[1]]

    @property
    def cue(self) -> str:
        return self._data()[5]

    @property
    def paragraphs(self) -> Tuple[int, int]:
        """Indexes of the first and last paragraph the quote touches."""
        data = self._data()
        return data[6], data[7]

    def __repr__(self) -> str:
        speaker = self.speaker
        who = speaker.name if speaker is not None else None
        return f"<Quote {self.kind} [{self.start}:{self.end}] {_short(self.text)!r} speaker={who!r} cue={self.cue!r}>"

    def _repr_html_(self) -> str:
        """One line of HTML: kind, highlighted text, speaker and cue (notebooks call this)."""
        from . import _display

        return _display.quote_html(self)


class Entity(_View):
    """A named entity of an article, with its aliases and mentions.

    Example:
        >>> article = newsdoc.Article(paragraphs=["Assad spoke."],
        ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON", "aliases": ["Assad"]}],
        ...     mentions=[{"entity": "e1", "start": 0, "end": 5}])
        >>> e = article.entities[0]
        >>> e.name, e.type, e.aliases, [m.text for m in e.mentions]
        ('Bashar al-Assad', 'PERSON', ['Assad'], ['Assad'])
    """

    __slots__ = ()

    def _data(self) -> tuple:
        return self._article._handle.entity(self.index)

    @property
    def id(self) -> str:
        return self._data()[0]

    @property
    def name(self) -> str:
        return self._data()[1]

    @property
    def type(self) -> str:
        return self._data()[2]

    @property
    def aliases(self) -> list:
        return self._data()[3]

    @property
    def mentions(self) -> Tuple["Mention", ...]:
        """Every mention of this entity, in text order."""
        return tuple(Mention(self._article, i) for i in self._article._handle.mentions_of(self.index))

    def __repr__(self) -> str:
        return f"<Entity {self.id} {self.type} {self.name!r} aliases={self.aliases!r}>"

    def _repr_html_(self) -> str:
        """One line of HTML: name, type label, aliases, mention count (notebooks call this)."""
        from . import _display

        return _display.entity_html(self)


class Mention(_SpanView):
    """One mention of an entity in the body text.

    Example:
        >>> article = newsdoc.Article(paragraphs=["Assad spoke."],
        ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON"}],
        ...     mentions=[{"entity": "e1", "start": 0, "end": 5}])
        >>> m = article.mentions[0]
        >>> m.text, m.entity.name
        ('Assad', 'Bashar al-Assad')
    """

    __slots__ = ()

    def _data(self) -> tuple:
        return self._article._handle.mention(self.index)

    @property
    def start(self) -> int:
        return self._data()[0]

    @property
    def end(self) -> int:
        return self._data()[1]

    @property
    def entity(self) -> Entity:
        return Entity(self._article, self._data()[2])

    def __repr__(self) -> str:
        return f"<Mention [{self.start}:{self.end}] {self.text!r} of {self.entity.id}>"


class Article:
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
                         doc="The publication date as given (ISO-8601 in canonical data), or None.")
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
    def paragraphs(self) -> Tuple[Paragraph, ...]:
        return tuple(Paragraph(self, i) for i in range(self._handle.paragraph_count))

    @property
    def quotes(self) -> Tuple[Quote, ...]:
        return tuple(Quote(self, i) for i in range(self._handle.quote_count))

    @property
    def entities(self) -> Tuple[Entity, ...]:
        return tuple(Entity(self, i) for i in range(self._handle.entity_count))

    @property
    def mentions(self) -> Tuple[Mention, ...]:
        return tuple(Mention(self, i) for i in range(self._handle.mention_count))

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
        from . import _display

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
        from ._errors import SchemaError

        raise SchemaError(f"a pickled Article holds one article, this one {len(corpus)}")
    return Article._wrap(corpus.article(0))


def _single(text: str | bytes) -> _core.Article:
    from ._corpus import _loads_core

    corpus = _loads_core(text, mapping="canonical", keys={}, on_error="raise", format="json", name="<json>")
    if len(corpus) != 1:
        from ._errors import SchemaError

        raise SchemaError(f"expected one article, found {len(corpus)}")
    return corpus.article(0)
