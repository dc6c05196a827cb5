"""Articles and the light views into them.

An :class:`Article` wraps one immutable article of the C++ core. Paragraphs,
quotes, attributions, entities and mentions are views: the article plus an
index. A view
keeps its article (and so the article's storage) alive, and does not pickle
on its own: pickle the article.

All offsets are Unicode code points into :attr:`Article.text`, so
``article.text[q.start:q.end] == q.text`` for every span.
"""

from __future__ import annotations

import datetime as _datetime
import json
import pickle
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _core, _pandas

if TYPE_CHECKING:
    import pandas

_EPOCH = _datetime.datetime(1970, 1, 1, tzinfo=_datetime.timezone.utc)

__all__ = ["Article", "Paragraph", "Quote", "Attribution", "Entity", "Mention"]

#: Joins the parts of an interrupted statement in :attr:`Attribution.text`
#: (the same as the ``text`` column of the attributions table).
PART_SEPARATOR = " … "


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
    def cue_span(self) -> Optional[Tuple[int, int]]:
        """The cue's words in the body as ``(start, end)``, or None."""
        return self._data()[8]

    @property
    def paragraphs(self) -> Tuple[int, int]:
        """Indexes of the first and last paragraph the quote touches."""
        data = self._data()
        return data[6], data[7]

    @property
    def attribution(self) -> "Attribution":
        """The statement this quote is a part of."""
        return Attribution(self._article, self._data()[9])

    @property
    def parent(self) -> Optional["Quote"]:
        """For a quoted fragment inside reported speech: the enclosing quote; otherwise None."""
        index = self._data()[10]
        return None if index is None else Quote(self._article, index)

    @property
    def is_fragment(self) -> bool:
        """True for a quoted fragment inside another quote of its attribution."""
        return self._data()[10] is not None

    def __repr__(self) -> str:
        speaker = self.speaker
        who = speaker.name if speaker is not None else None
        fragment = " fragment" if self.is_fragment else ""
        return (f"<Quote {self.kind}{fragment} [{self.start}:{self.end}] {_short(self.text)!r} speaker={who!r} "
                f"cue={self.cue!r}>")

    def _repr_html_(self) -> str:
        """One line of HTML: kind, highlighted text, speaker and cue (notebooks call this)."""
        from . import _display

        return _display.quote_html(self)


class Attribution(_View):
    """One attributed statement: a speaker, a cue and the quotes that make it up.

    An interrupted quote (``“We will win,” she said, “and soon.”``) is one
    attribution of two parts; a quoted fragment inside reported speech
    (``Ozerov added that it was “nothing extraordinary”``) is a part whose
    :attr:`Quote.parent` is the reported clause. :attr:`content` holds the
    top-level parts, :attr:`fragments` the others, :attr:`parts` both in
    text order. Speaker and cue are those of the first top-level part.

    Example:
        >>> article = newsdoc.Article(paragraphs=["“We will win,” she said, “and soon.”"],
        ...     quotes=[{"start": 1, "end": 13, "cue": "said", "cue_span": [19, 23], "attribution": 0},
        ...             {"start": 26, "end": 35, "cue": "said", "cue_span": [19, 23], "attribution": 0}])
        >>> [a.text for a in article.attributions]
        ['We will win, … and soon.']
        >>> a = article.attributions[0]
        >>> len(a.content), a.cue, a.cue_text
        (2, 'said', 'said')
    """

    __slots__ = ()

    def _data(self) -> tuple:
        return self._article._handle.attribution(self.index)

    @property
    def kind(self) -> str:
        return self._data()[0]

    @property
    def speaker(self) -> Optional["Entity"]:
        index = self._data()[1]
        return None if index is None else Entity(self._article, index)

    @property
    def speaker_span(self) -> Optional[Tuple[int, int]]:
        return self._data()[2]

    @property
    def speaker_text(self) -> Optional[str]:
        """The speaker's surface mention ("he", "Assad"), or None."""
        span = self._data()[2]
        return None if span is None else self._article.text[span[0]:span[1]]

    @property
    def cue(self) -> str:
        return self._data()[3]

    @property
    def cue_span(self) -> Optional[Tuple[int, int]]:
        return self._data()[4]

    @property
    def cue_text(self) -> Optional[str]:
        """The cue's words as they stand in the text, or None."""
        span = self._data()[4]
        return None if span is None else self._article.text[span[0]:span[1]]

    @property
    def parts(self) -> Tuple[Quote, ...]:
        """Every quote of the statement, fragments included, in text order."""
        return tuple(Quote(self._article, i) for i in self._data()[5])

    @property
    def content(self) -> Tuple[Quote, ...]:
        """The top-level parts: what was said, in text order."""
        return tuple(Quote(self._article, i) for i in self._data()[6])

    @property
    def fragments(self) -> Tuple[Quote, ...]:
        """The quoted fragments inside the content."""
        content = set(self._data()[6])
        return tuple(Quote(self._article, i) for i in self._data()[5] if i not in content)

    @property
    def text(self) -> str:
        """The content's parts joined by " … "."""
        text = self._article.text
        return PART_SEPARATOR.join(text[q.start:q.end] for q in self.content)

    @property
    def start(self) -> int:
        """Where the first part starts."""
        return self.content[0].start

    @property
    def end(self) -> int:
        """Where the last part ends."""
        return self.content[-1].end

    def __repr__(self) -> str:
        speaker = self.speaker
        who = speaker.name if speaker is not None else None
        data = self._data()
        return (f"<Attribution {self.kind} {_short(self.text)!r} parts={len(data[5])} speaker={who!r} "
                f"cue={self.cue!r}>")

    def _repr_html_(self) -> str:
        """The statement as one line of HTML, its fragments inside it (notebooks call this)."""
        from . import _display

        return _display.attribution_html(self)


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
        from . import _query

        return _query.quotes_by(self, name, fragments)

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

    # --- Transforms (newsdoc/_transform.py, C++ in newsdoc/transform.hpp): new articles, every span kept ---

    def redact(self, types: Union[str, Iterable[str]] = ("PERSON",), placeholder: str = "[{type}]") -> "Article":
        """A copy with the entities of ``types`` redacted: their mentions replaced by ``placeholder``.

        ``placeholder`` may hold ``{type}`` (the entity's type) and ``{id}``
        (its id); ``{{`` and ``}}`` are literal braces. In the body, every
        mention of such an entity, every other whole-word occurrence of its
        name or an alias (case-sensitive) unless inside a mention of an entity
        kept (that "Washington" is the GPE), and every speaker span overlapping
        one of them becomes the placeholder; offsets after it shift, and a
        quote around it keeps its words with the placeholder inside. The
        entity's name becomes the placeholder and its aliases ``[]``; its
        mentions stay, spanning the placeholder. In the title, the authors,
        the tags and the string values of ``meta``, whole-word occurrences of
        a name or alias are replaced too, and a tag equal to one is removed.
        Meta keys, ids, the url and source are left as they are.

        Example:
            >>> a = newsdoc.Article(title="Müller speaks", paragraphs=["“Yes,” said Zoë Müller."],
            ...     entities=[{"id": "e1", "name": "Zoë Müller", "type": "PERSON", "aliases": ["Müller"]}],
            ...     mentions=[{"entity": "e1", "start": 12, "end": 22}],
            ...     quotes=[{"start": 1, "end": 5, "speaker": "e1", "speaker_span": [12, 22]}])
            >>> r = a.redact()
            >>> r.text, r.title, r.entities[0].name, r.quotes[0].speaker_text
            ('“Yes,” said [PERSON].', '[PERSON] speaks', '[PERSON]', '[PERSON]')
        """
        from . import _transform

        return _transform.redact(self, types, placeholder, None)

    def normalize_quotes(self, style: str = "straight") -> "Article":
        """A copy with its quotation marks and apostrophes straight (``"`` and ``'``) or curly.

        ``"straight"`` turns “ ” „ ‟ « » into ``"`` and ‘ ’ ‚ ‛ ‹ › into
        ``'``. ``"curly"`` turns ``"`` and ``'`` into “ ” ‘ ’: a mark at the
        start, after white space, an opening bracket, an opening mark or a
        dash opens, any other closes, and a ``'`` between letters is an
        apostrophe (’). Applied to the paragraphs, title, authors, tags,
        entity names and aliases and cues. Every span keeps its code point
        offsets.

        Example:
            >>> newsdoc.Article(paragraphs=["“It’s fine,” she said."]).normalize_quotes().text
            '"It\\'s fine," she said.'
            >>> newsdoc.Article(paragraphs=['"It\\'s fine," she said.']).normalize_quotes("curly").text
            '“It’s fine,” she said.'
        """
        from . import _transform

        return _transform.normalize_quotes(self, style, None)

    def select_paragraphs(self,
                          selection: Union[int, slice, Iterable[int], Callable[["Paragraph"], bool]]) -> "Article":
        """A copy with only some paragraphs: an index, a list of indices, a slice, or a predicate on :class:`Paragraph`.

        Negative indices count from the end; kept paragraphs stay in article
        order (this selects, it does not reorder). A quote or mention is kept,
        its offsets shifted, when it lies wholly inside kept consecutive
        paragraphs; one touching a dropped paragraph is dropped. A kept
        quote whose speaker span is in a dropped paragraph loses the span
        but keeps its speaker. An entity left with no mentions and no
        quotes is dropped (one that had none to begin with is kept). An
        index out of range is an IndexError.

        Example:
            >>> a = newsdoc.Article(paragraphs=["One.", "Two.", "Three."])
            >>> a.select_paragraphs([0, -1]).text, a.select_paragraphs(slice(1, None)).text
            ('One.\\n\\nThree.', 'Two.\\n\\nThree.')
            >>> a.select_paragraphs(lambda p: "w" in p.text).text
            'Two.'
        """
        from . import _transform

        return _transform.select_paragraphs(self, selection, None)

    def rename_entity(self, old: Union[str, "Entity"], new: str) -> "Article":
        """A copy whose entity ``old`` (its id, canonical name or an alias) is called ``new``.

        Only the canonical name changes (``new`` leaves the aliases if it was
        one); the body text and every span stay. An unknown ``old`` is a
        KeyError; a name or alias shared by several entities is a
        ValueError (give the id).

        Example:
            >>> a = newsdoc.Article(paragraphs=["Assad spoke."],
            ...     entities=[{"id": "e1", "name": "Assad", "type": "PERSON"}])
            >>> a.rename_entity("Assad", "Bashar al-Assad").entities[0].name
            'Bashar al-Assad'
        """
        from . import _transform

        return _transform.rename_entity(self, old, new, None)

    def merge_entities(self, a: Union[str, "Entity"], b: Union[str, "Entity"]) -> "Article":
        """A copy with entity ``b`` merged into entity ``a`` (each named by id, canonical name or alias).

        ``b``'s mentions and the quotes it speaks go to ``a``; ``b``'s name
        and aliases become aliases of ``a`` (once each); ``b`` is removed.
        ``a`` keeps its id, name and type. Unknown names are a KeyError.

        Example:
            >>> a = newsdoc.Article(paragraphs=["Bashar al-Assad met Assad."],
            ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON"},
            ...               {"id": "e2", "name": "Assad", "type": "PERSON"}],
            ...     mentions=[{"entity": "e1", "start": 0, "end": 15}, {"entity": "e2", "start": 20, "end": 25}])
            >>> e = a.merge_entities("e1", "Assad").entities
            >>> len(e), e[0].aliases, [m.text for m in e[0].mentions]
            (1, ['Assad'], ['Bashar al-Assad', 'Assad'])
        """
        from . import _transform

        return _transform.merge_entities(self, a, b, None)

    def with_entities(self, entities: Iterable[Any], replace: bool = True) -> "Article":
        """A copy with one's own entity mentions, given as code point spans into :attr:`text`.

        Each item is a ``(start, end, label)`` or ``(start, end, label, id)``
        tuple, an object with ``start_char``, ``end_char`` and ``label_``
        (a spaCy entity ``Span``; its ``kb_id_``, if set, is the id), a dict
        with ``start``, ``end``, ``type`` (or ``label``) and optionally ``id``
        and ``name``, or a :class:`Mention`. A spaCy ``Doc`` stands for its
        ``ents``. Mentions with the same id are one entity; without ids,
        mentions with the same name (else text) and label are one. New ids
        are ``e1``, ``e2``, … in text order, skipping ids in use. With
        ``replace`` (the default) the old entities and mentions go, and each
        quote's speaker becomes the new entity mentioned at its speaker span
        (else the one named like the old speaker, else None); with
        ``replace=False`` the new mentions join the old ones (and an old
        entity of the same label and name or alias). A bad span is a
        :class:`SchemaError` naming the item.

        Example:
            >>> a = newsdoc.Article(paragraphs=["Angela Merkel met Macron in Paris."])
            >>> doc_ents = [(0, 13, "PERSON"), (18, 24, "PERSON"), (28, 33, "GPE")]
            >>> [(e.id, e.name, e.type) for e in a.with_entities(doc_ents).entities]
            [('e1', 'Angela Merkel', 'PERSON'), ('e2', 'Macron', 'PERSON'), ('e3', 'Paris', 'GPE')]
        """
        from . import _transform

        return _transform.with_entities(self, entities, replace, None)

    def with_quotes(self, quotes: Iterable[Any], replace: bool = True) -> "Article":
        """A copy with one's own quotes, given as code point spans into :attr:`text`.

        Each item is a dict like a canonical quote (``start``, ``end``,
        ``kind``, ``speaker`` as an entity id or :class:`Entity`,
        ``speaker_span``, ``cue``), a ``(start, end)`` or ``(start, end,
        kind)`` tuple, a :class:`Quote` (so ``article.with_quotes(q for q in
        article.quotes if q.speaker)`` filters), or an object with
        ``start_char`` and ``end_char``. ``replace`` (the default) drops the
        old quotes; ``replace=False`` appends. Entities and mentions stay. A
        bad span or an unknown speaker id is a :class:`SchemaError` naming the item.

        Example:
            >>> a = newsdoc.Article(paragraphs=["“Yes,” he said."])
            >>> a.with_quotes([{"start": 1, "end": 5, "cue": "said", "speaker_span": [7, 9]}]).quotes[0].text
            'Yes,'
        """
        from . import _transform

        return _transform.with_quotes(self, quotes, replace, None)

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
