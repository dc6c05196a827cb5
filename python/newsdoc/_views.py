"""The views into an article: paragraphs, quotes, attributions, entities, mentions.

A view is an article plus an index; each property is one call that reads one
named field of the item from the C++ core (``_core.Article.quote_kind(i)``,
``entity_name(i)``, ...), as spaCy's Token reads its Doc's arrays. A view
keeps its article (and so the article's storage) alive, and does not pickle
on its own: pickle the article.

All offsets are Unicode code points into :attr:`Article.text`, so
``article.text[q.start:q.end] == q.text`` for every span.

This module imports nothing of newsdoc but the renderer (_display): the
operations (_transform, _query) and the Article (_model) build on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

from . import _display

if TYPE_CHECKING:
    from ._model import Article

__all__ = ["Paragraph", "Quote", "Attribution", "Entity", "Mention", "PART_SEPARATOR"]

#: Joins the parts of an interrupted statement in :attr:`Attribution.text`
#: (the same as the ``text`` column of the attributions table).
PART_SEPARATOR = " … "


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _View:
    """A position in an article: the article plus an index. Each property reads one field from the core."""

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
        return self._article._handle.paragraph_start(self.index)

    @property
    def end(self) -> int:
        return self._article._handle.paragraph_end(self.index)

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

    @property
    def start(self) -> int:
        return self._article._handle.quote_start(self.index)

    @property
    def end(self) -> int:
        return self._article._handle.quote_end(self.index)

    @property
    def kind(self) -> str:
        return self._article._handle.quote_kind(self.index)

    @property
    def speaker(self) -> Optional["Entity"]:
        index = self._article._handle.quote_speaker(self.index)
        return None if index is None else Entity(self._article, index)

    @property
    def speaker_span(self) -> Optional[Tuple[int, int]]:
        return self._article._handle.quote_speaker_span(self.index)

    @property
    def speaker_text(self) -> Optional[str]:
        """The speaker's surface mention ("he", "Assad"), or None."""
        span = self._article._handle.quote_speaker_span(self.index)
        return None if span is None else self._article.text[span[0]:span[1]]

    @property
    def cue(self) -> str:
        return self._article._handle.quote_cue(self.index)

    @property
    def cue_span(self) -> Optional[Tuple[int, int]]:
        """The cue's words in the body as ``(start, end)``, or None."""
        return self._article._handle.quote_cue_span(self.index)

    @property
    def paragraphs(self) -> Tuple[int, int]:
        """Indexes of the first and last paragraph the quote touches."""
        handle = self._article._handle
        return handle.quote_first_paragraph(self.index), handle.quote_last_paragraph(self.index)

    @property
    def attribution(self) -> "Attribution":
        """The statement this quote is a part of."""
        return Attribution(self._article, self._article._handle.quote_attribution(self.index))

    @property
    def parent(self) -> Optional["Quote"]:
        """For a quoted fragment inside reported speech: the enclosing quote; otherwise None."""
        index = self._article._handle.quote_parent(self.index)
        return None if index is None else Quote(self._article, index)

    @property
    def is_fragment(self) -> bool:
        """True for a quoted fragment inside another quote of its attribution."""
        return self._article._handle.quote_parent(self.index) is not None

    def __repr__(self) -> str:
        speaker = self.speaker
        who = speaker.name if speaker is not None else None
        fragment = " fragment" if self.is_fragment else ""
        return (f"<Quote {self.kind}{fragment} [{self.start}:{self.end}] {_short(self.text)!r} speaker={who!r} "
                f"cue={self.cue!r}>")

    def _repr_html_(self) -> str:
        """One line of HTML: kind, highlighted text, speaker and cue (notebooks call this)."""
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

    @property
    def kind(self) -> str:
        return self._article._handle.attribution_kind(self.index)

    @property
    def speaker(self) -> Optional["Entity"]:
        index = self._article._handle.attribution_speaker(self.index)
        return None if index is None else Entity(self._article, index)

    @property
    def speaker_span(self) -> Optional[Tuple[int, int]]:
        return self._article._handle.attribution_speaker_span(self.index)

    @property
    def speaker_text(self) -> Optional[str]:
        """The speaker's surface mention ("he", "Assad"), or None."""
        span = self._article._handle.attribution_speaker_span(self.index)
        return None if span is None else self._article.text[span[0]:span[1]]

    @property
    def cue(self) -> str:
        return self._article._handle.attribution_cue(self.index)

    @property
    def cue_span(self) -> Optional[Tuple[int, int]]:
        return self._article._handle.attribution_cue_span(self.index)

    @property
    def cue_text(self) -> Optional[str]:
        """The cue's words as they stand in the text, or None."""
        span = self._article._handle.attribution_cue_span(self.index)
        return None if span is None else self._article.text[span[0]:span[1]]

    @property
    def parts(self) -> Tuple[Quote, ...]:
        """Every quote of the statement, fragments included, in text order."""
        return tuple(Quote(self._article, i) for i in self._article._handle.attribution_parts(self.index))

    @property
    def content(self) -> Tuple[Quote, ...]:
        """The top-level parts: what was said, in text order."""
        return tuple(Quote(self._article, i) for i in self._article._handle.attribution_content(self.index))

    @property
    def fragments(self) -> Tuple[Quote, ...]:
        """The quoted fragments inside the content."""
        handle = self._article._handle
        content = set(handle.attribution_content(self.index))
        return tuple(Quote(self._article, i) for i in handle.attribution_parts(self.index) if i not in content)

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
        parts = len(self._article._handle.attribution_parts(self.index))
        return (f"<Attribution {self.kind} {_short(self.text)!r} parts={parts} speaker={who!r} "
                f"cue={self.cue!r}>")

    def _repr_html_(self) -> str:
        """The statement as one line of HTML, its fragments inside it (notebooks call this)."""
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

    @property
    def id(self) -> str:
        return self._article._handle.entity_id(self.index)

    @property
    def name(self) -> str:
        return self._article._handle.entity_name(self.index)

    @property
    def type(self) -> str:
        return self._article._handle.entity_type(self.index)

    @property
    def aliases(self) -> list:
        return self._article._handle.entity_aliases(self.index)

    @property
    def mentions(self) -> Tuple["Mention", ...]:
        """Every mention of this entity, in text order."""
        return tuple(Mention(self._article, i) for i in self._article._handle.mentions_of(self.index))

    def __repr__(self) -> str:
        return f"<Entity {self.id} {self.type} {self.name!r} aliases={self.aliases!r}>"

    def _repr_html_(self) -> str:
        """One line of HTML: name, type label, aliases, mention count (notebooks call this)."""
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

    @property
    def start(self) -> int:
        return self._article._handle.mention_start(self.index)

    @property
    def end(self) -> int:
        return self._article._handle.mention_end(self.index)

    @property
    def entity(self) -> Entity:
        return Entity(self._article, self._article._handle.mention_entity(self.index))

    def __repr__(self) -> str:
        return f"<Mention [{self.start}:{self.end}] {self.text!r} of {self.entity.id}>"
