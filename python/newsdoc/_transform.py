"""The transforms, once for an Article and a Corpus: :class:`Transformable`, their shared base.

An Article is a one-article corpus here. Each transform parses its Python
arguments (slices, predicates, spaCy spans, dicts, views) into the plain
values the binding takes, calls one ``_core`` entry with the target's core
object (an article or a corpus: the C++ overloads of newsdoc/transform.hpp,
run with the GIL released) and wraps the result as the target's own class.
The work, span bookkeeping included, is done in C++.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Iterable, List, Optional, Sequence, Tuple, TypeVar, Union

from . import _core
from ._errors import SchemaError
from ._views import Entity, Mention, Paragraph, Quote, _short

if TYPE_CHECKING:
    from ._model import Article

__all__ = ["Transformable"]

Selection = Union[int, slice, Iterable[int], Callable[[Paragraph], bool]]
#: An Article or a Corpus: every transform returns the class it was called on.
Target = TypeVar("Target", bound="Transformable")

# "direct", "partial" or "indirect", for messages.
_KIND_NAMES = " or ".join([", ".join(f'"{k}"' for k in _core.QUOTE_KINDS[:-1]), f'"{_core.QUOTE_KINDS[-1]}"'])
_ENTITY_KEYS = frozenset({"start", "end", "type", "label", "id", "entity", "name"})
_QUOTE_KEYS = frozenset({"start", "end", "kind", "speaker", "speaker_span", "cue", "cue_span", "attribution", "parent"})
# Offsets beyond any text (4 GiB of code points at most) mean the same when clamped here, and
# clamped they fit the binding's integer types.
_FAR = 2 ** 62
_MAX_OFFSET = 2 ** 32 - 1


def threads_argument(threads: Optional[int]) -> int:
    """The binding's thread count for ``threads=``: 0 (every core) for None."""
    if threads is None:
        return 0
    if not isinstance(threads, int) or threads < 1:
        raise ValueError("threads must be a positive integer or None")
    return threads


class Transformable:
    """What :class:`~newsdoc.Article` and :class:`~newsdoc.Corpus` share: the transforms.

    Every transform returns a new object of the same class, every span kept;
    on a Corpus it transforms each article as on an Article, on ``threads``
    threads (default: every core), sharing the articles it leaves unchanged.
    """

    __slots__ = ()

    # What a subclass provides: its core object (a _core.Article or a _core.Corpus), the same class
    # around a core result, its articles, and whether per-article arguments come one list per article.
    def _target(self) -> Any:
        raise NotImplementedError

    def _rewrap(self: Target, core: Any) -> Target:
        raise NotImplementedError

    def _articles(self) -> Iterable["Article"]:
        raise NotImplementedError

    _per_article_lists = False

    def _lists(self, values: Any, what: str) -> List[List[Any]]:
        """The per-article lists of with_entities/with_quotes: one for an Article, one per article of a Corpus."""
        if self._per_article_lists:
            return [_items(v, what) for v in _items(values, what)]
        return [_items(values, what)]

    def _pointer(self, article: int) -> str:
        """The JSON pointer prefix of an item of article ``article`` (none for an Article)."""
        return f"/{article}" if self._per_article_lists else ""

    def redact(self: Target, types: Union[str, Iterable[str]] = ("PERSON",), placeholder: str = "[{type}]", *,
               threads: Optional[int] = None) -> Target:
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
        Meta keys, ids, the url and source are left as they are. In a Corpus,
        articles without such entities are shared, not copied.

        Example:
            >>> a = newsdoc.Article(title="Müller speaks", paragraphs=["“Yes,” said Zoë Müller."],
            ...     entities=[{"id": "e1", "name": "Zoë Müller", "type": "PERSON", "aliases": ["Müller"]}],
            ...     mentions=[{"entity": "e1", "start": 12, "end": 22}],
            ...     quotes=[{"start": 1, "end": 5, "speaker": "e1", "speaker_span": [12, 22]}])
            >>> r = a.redact()
            >>> r.text, r.title, r.entities[0].name, r.quotes[0].speaker_text
            ('“Yes,” said [PERSON].', '[PERSON] speaks', '[PERSON]', '[PERSON]')
            >>> "Assad" in corpus.redact(["PERSON", "NORP"], placeholder="<{type}>").dumps()
            False
        """
        type_list = [types] if isinstance(types, str) else list(types)
        for t in type_list:
            if not isinstance(t, str):
                raise TypeError(f"types must be strings, not {type(t).__name__}")
        if not isinstance(placeholder, str):
            raise TypeError(f"placeholder must be a str, not {type(placeholder).__name__}")
        return self._rewrap(_core.redact(self._target(), type_list, placeholder, threads_argument(threads)))

    def normalize_quotes(self: Target, style: str = "straight", *, threads: Optional[int] = None) -> Target:
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
            >>> "“" in newsdoc.loads('{"paragraphs": ["“Yes,” he said."]}').normalize_quotes()[0].text
            False
        """
        return self._rewrap(_core.normalize_quotes(self._target(), style, threads_argument(threads)))

    def select_paragraphs(self: Target, selection: Selection, *, threads: Optional[int] = None) -> Target:
        """A copy with only some paragraphs: an index, a list of indices, a slice, or a predicate on :class:`Paragraph`.

        Negative indices count from the end; kept paragraphs stay in article
        order (this selects, it does not reorder). A quote or mention is kept,
        its offsets shifted, when it lies wholly inside kept consecutive
        paragraphs; one touching a dropped paragraph is dropped. A kept
        quote whose speaker span is in a dropped paragraph loses the span
        but keeps its speaker. An entity left with no mentions and no
        quotes is dropped (one that had none to begin with is kept). An
        index out of range is an IndexError (naming the article, in a
        Corpus). In a Corpus, indices and slices are resolved per article
        (``slice(0, 3)`` keeps the lead of each) and a predicate is called on
        every paragraph of every article.

        Example:
            >>> a = newsdoc.Article(paragraphs=["One.", "Two.", "Three."])
            >>> a.select_paragraphs([0, -1]).text, a.select_paragraphs(slice(1, None)).text
            ('One.\\n\\nThree.', 'Two.\\n\\nThree.')
            >>> a.select_paragraphs(lambda p: "w" in p.text).text
            'Two.'
            >>> two = newsdoc.loads('{"paragraphs": ["A.", "B.", "C."]}\\n{"paragraphs": ["D."]}')
            >>> [a.text for a in two.select_paragraphs(slice(0, 2))]
            ['A.\\n\\nB.', 'D.']
        """
        if callable(selection) and not isinstance(selection, slice):
            # A Python predicate is called in Python; the kept positions go to C++ in one call.
            kept = [[p.index for p in article.paragraphs if selection(p)] for article in self._articles()]
            return self._rewrap(_core.select_paragraph_lists(self._target(), kept, threads_argument(threads)))
        return self._rewrap(_core.select_paragraphs(self._target(), _selection(selection),
                                                    threads_argument(threads)))

    def rename_entity(self: Target, old: Union[str, Entity], new: str, *, threads: Optional[int] = None) -> Target:
        """A copy whose entity ``old`` (its id, canonical name or an alias) is called ``new``.

        Only the canonical name changes (``new`` leaves the aliases if it was
        one); the body text and every span stay. An unknown ``old`` is a
        KeyError; a name or alias shared by several entities is a
        ValueError (give the id). In a Corpus, every article holding ``old``
        renames it, the others are shared unchanged, and a KeyError means no
        article holds it.

        Example:
            >>> a = newsdoc.Article(paragraphs=["Assad spoke."],
            ...     entities=[{"id": "e1", "name": "Assad", "type": "PERSON"}])
            >>> a.rename_entity("Assad", "Bashar al-Assad").entities[0].name
            'Bashar al-Assad'
            >>> renamed = corpus.rename_entity("Assad", "Bashar Hafez al-Assad")
            >>> renamed[0].quotes_by("Bashar Hafez al-Assad")[0].speaker.name
            'Bashar Hafez al-Assad'
        """
        key = _key(old, "old")
        if not isinstance(new, str):
            raise TypeError(f"new must be a str, not {type(new).__name__}")
        return self._rewrap(_core.rename_entity(self._target(), key, new, threads_argument(threads)))

    def merge_entities(self: Target, a: Union[str, Entity], b: Union[str, Entity], *,
                       threads: Optional[int] = None) -> Target:
        """A copy with entity ``b`` merged into entity ``a`` (each named by id, canonical name or alias).

        ``b``'s mentions and the quotes it speaks go to ``a``; ``b``'s name
        and aliases become aliases of ``a`` (once each); ``b`` is removed.
        ``a`` keeps its id, name and type. Unknown names are a KeyError. In
        a Corpus, every article holding both merges them, the others are
        shared unchanged, and a KeyError means no article holds both.

        Example:
            >>> a = newsdoc.Article(paragraphs=["Bashar al-Assad met Assad."],
            ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON"},
            ...               {"id": "e2", "name": "Assad", "type": "PERSON"}],
            ...     mentions=[{"entity": "e1", "start": 0, "end": 15}, {"entity": "e2", "start": 20, "end": 25}])
            >>> e = a.merge_entities("e1", "Assad").entities
            >>> len(e), e[0].aliases, [m.text for m in e[0].mentions]
            (1, ['Assad'], ['Bashar al-Assad', 'Assad'])
        """
        kept, absorbed = _key(a, "a"), _key(b, "b")
        return self._rewrap(_core.merge_entities(self._target(), kept, absorbed, threads_argument(threads)))

    def with_entities(self: Target, entities: Any, replace: bool = True, *, threads: Optional[int] = None) -> Target:
        """A copy with one's own entity mentions, given as code point spans into :attr:`Article.text`.

        For an Article, ``entities`` is an iterable of mentions; for a
        Corpus, one such iterable (or spaCy ``Doc``) per article, a different
        number being a ValueError. Each item is a ``(start, end, label)`` or
        ``(start, end, label, id)`` tuple, an object with ``start_char``,
        ``end_char`` and ``label_`` (a spaCy entity ``Span``; its ``kb_id_``,
        if set, is the id), a dict with ``start``, ``end``, ``type`` (or
        ``label``) and optionally ``id`` and ``name``, or a :class:`Mention`.
        A spaCy ``Doc`` stands for its ``ents``. Mentions with the same id are
        one entity; without ids, mentions with the same name (else text) and
        label are one. New ids are ``e1``, ``e2``, … in text order, skipping
        ids in use. With ``replace`` (the default) the old entities and
        mentions go, and each quote's speaker becomes the new entity
        mentioned at its speaker span (else the one named like the old
        speaker, else None); with ``replace=False`` the new mentions join the
        old ones (and an old entity of the same label and name or alias). A
        bad span is a :class:`SchemaError` naming the item.

        Example:
            >>> a = newsdoc.Article(paragraphs=["Angela Merkel met Macron in Paris."])
            >>> doc_ents = [(0, 13, "PERSON"), (18, 24, "PERSON"), (28, 33, "GPE")]
            >>> [(e.id, e.name, e.type) for e in a.with_entities(doc_ents).entities]
            [('e1', 'Angela Merkel', 'PERSON'), ('e2', 'Macron', 'PERSON'), ('e3', 'Paris', 'GPE')]
        """
        per_article = self._lists(entities, "entities")
        parsed = [[_entity_item(item, f"{self._pointer(a)}/{i}") for i, item in enumerate(items)]
                  for a, items in enumerate(per_article)]
        return self._rewrap(self._naming_item(
            lambda: _core.with_entities(self._target(), parsed, bool(replace), threads_argument(threads)),
            per_article))

    def with_quotes(self: Target, quotes: Any, replace: bool = True, *, threads: Optional[int] = None) -> Target:
        """A copy with one's own quotes, given as code point spans into :attr:`Article.text`.

        For an Article, ``quotes`` is an iterable of quotes; for a Corpus,
        one such iterable per article. Each item is a dict like a canonical
        quote (``start``, ``end``, ``kind``, ``speaker`` as an entity id or
        :class:`Entity`, ``speaker_span``, ``cue``), a ``(start, end)`` or
        ``(start, end, kind)`` tuple, a :class:`Quote` (so
        ``article.with_quotes(q for q in article.quotes if q.speaker)``
        filters), or an object with ``start_char`` and ``end_char``.
        ``replace`` (the default) drops the old quotes; ``replace=False``
        appends. Entities and mentions stay. A bad span or an unknown speaker
        id is a :class:`SchemaError` naming the item.

        Example:
            >>> a = newsdoc.Article(paragraphs=["“Yes,” he said."])
            >>> a.with_quotes([{"start": 1, "end": 5, "cue": "said", "speaker_span": [7, 9]}]).quotes[0].text
            'Yes,'
            >>> direct_only = corpus.with_quotes([[q for q in a.quotes if q.kind == "direct"] for a in corpus])
            >>> sorted({q.kind for q in direct_only[0].quotes})
            ['direct']
        """
        per_article = self._lists(quotes, "quotes")
        parsed = [_quote_items(items, self._pointer(a)) for a, items in enumerate(per_article)]
        return self._rewrap(self._naming_item(
            lambda: _core.with_quotes(self._target(), parsed, bool(replace), threads_argument(threads)),
            per_article))

    def _naming_item(self, call: Callable[[], Any], per_article: Sequence[Sequence[Any]]) -> Any:
        """``call()``, with the offending item's repr added to a SchemaError the core raises about it."""
        try:
            return call()
        except SchemaError as error:
            parts = error.pointer.split("/")[1:]
            try:
                if self._per_article_lists:
                    item = per_article[int(parts[0])][int(parts[1])]
                else:
                    item = per_article[0][int(parts[0])]
            except (IndexError, ValueError):
                raise error from None
            raise SchemaError(f"{error}; the item is {_short(repr(item), 80)}", pointer=error.pointer,
                              reason=error.reason) from None


# --- select_paragraphs -----------------------------------------------------------------------------

def _clamped(value: Any, what: str) -> Optional[int]:
    if value is None:
        return None
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(f"slice {what} must be an integer or None, not {type(value).__name__}") from None
    return max(-_FAR, min(_FAR, number))


def _position(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("paragraph indices must be integers, not booleans (pass a predicate to filter)")
    try:
        position = operator.index(value)
    except TypeError:
        raise TypeError(f"paragraph indices must be integers, not {type(value).__name__}") from None
    if not -_FAR < position < _FAR:
        raise IndexError(f"paragraph index {position} out of range")
    return position


def _selection(selection: Selection) -> _core.ParagraphSelection:
    if isinstance(selection, slice):
        step = _clamped(selection.step, "step")
        return _core.ParagraphSelection.slice(_clamped(selection.start, "start"), _clamped(selection.stop, "stop"),
                                              1 if step is None else step)
    if isinstance(selection, (str, bytes, Mapping)):
        raise TypeError("select_paragraphs() takes an index, a list of indices, a slice or a predicate, "
                        f"not {type(selection).__name__}")
    if not isinstance(selection, bool):
        try:
            return _core.ParagraphSelection.at([_position(operator.index(selection))])
        except TypeError:
            pass  # not one integer (a numpy array defines __index__ but refuses): a list of them?
    try:
        positions = iter(selection)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError("select_paragraphs() takes an index, a list of indices, a slice or a predicate, "
                        f"not {type(selection).__name__}") from None
    return _core.ParagraphSelection.at([_position(i) for i in positions])


def _key(value: Any, what: str) -> str:
    if isinstance(value, Entity):
        return value.id
    if not isinstance(value, str):
        raise TypeError(f"{what} must be an entity id, name or alias (str) or an Entity, not {type(value).__name__}")
    return value


# --- with_entities, with_quotes ------------------------------------------------------------------

def _bad(message: str, pointer: str) -> SchemaError:
    return SchemaError(f"{pointer}: {message}", pointer=pointer, reason=message)


def _offset(value: Any, pointer: str, what: str) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise _bad(f"{what} must be a non-negative integer, not {value!r}", pointer)
    number = operator.index(value)
    if number < 0:
        raise _bad(f"{what} must be a non-negative integer, not {number}", pointer)
    return min(number, _MAX_OFFSET)


def _text(value: Any, pointer: str, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _bad(f"{what} must be a string, not {value!r}", pointer)
    return value


def _unknown_keys(item: Mapping, allowed: frozenset, pointer: str) -> None:
    unknown = sorted(str(k) for k in item if k not in allowed)
    if unknown:
        raise _bad(f"unknown key {', '.join(map(repr, unknown))}; expected {', '.join(sorted(allowed))}", pointer)


def _entity_item(item: Any, pointer: str) -> Tuple[int, int, str, str, str]:
    """(start, end, label, id, name) of one mention given to with_entities."""
    if isinstance(item, Mapping):
        _unknown_keys(item, _ENTITY_KEYS, pointer)
        start, end = item.get("start"), item.get("end")
        label = item.get("type", item.get("label"))
        entity_id, name = item.get("id", item.get("entity")), item.get("name")
    elif isinstance(item, Mention):
        entity = item.entity
        start, end, label, entity_id, name = item.start, item.end, entity.type, entity.id, entity.name
    elif isinstance(item, (tuple, list)):
        if len(item) not in (3, 4):
            raise _bad(f"a mention tuple is (start, end, label) or (start, end, label, id), not {len(item)} values",
                       pointer)
        start, end, label = item[:3]
        entity_id, name = (item[3] if len(item) == 4 else None), None
    elif hasattr(item, "start_char") and hasattr(item, "end_char"):
        # A spaCy Span: its knowledge-base id, when an entity linker set one, is the entity's id.
        start, end = item.start_char, item.end_char
        label, entity_id, name = getattr(item, "label_", ""), getattr(item, "kb_id_", ""), None
    else:
        raise _bad("expected a (start, end, label) tuple, a dict, a spaCy Span or a newsdoc Mention, "
                   f"not {type(item).__name__}", pointer)
    if entity_id is not None and not isinstance(entity_id, str) and hasattr(entity_id, "__index__"):
        entity_id = str(operator.index(entity_id))  # ids may be numbers, as in JSON input
    return (_offset(start, pointer, "start"), _offset(end, pointer, "end"), _text(label, pointer, "label"),
            _text(entity_id, pointer, "id"), _text(name, pointer, "name"))


def _span_or_none(value: Any, pointer: str, name: str) -> Optional[Tuple[int, int]]:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise _bad(f"{name} must be [start, end] or None, not {value!r}", pointer)
    return _offset(value[0], pointer, "start"), _offset(value[1], pointer, "end")


def _count_or_none(value: Any, pointer: str, name: str) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not hasattr(value, "__index__") or operator.index(value) < 0:
        raise _bad(f"{name} must be a non-negative integer or None, not {value!r}", pointer)
    return min(operator.index(value), 2 ** 31 - 1)


def _quote_item(item: Any, pointer: str, positions: Mapping[int, int]) -> Tuple[Any, ...]:
    """(start, end, kind, speaker id, speaker span, cue, cue span, attribution, parent) of one quote given to
    with_quotes. ``positions`` maps the index of a given Quote view to its position among the items, so a
    fragment given with its enclosing quote keeps it as parent."""
    speaker: Any = None
    speaker_span: Any = None
    cue: Any = None
    cue_span: Any = None
    attribution: Any = None
    parent: Any = None
    kind: Any = "direct"
    if isinstance(item, Mapping):
        _unknown_keys(item, _QUOTE_KEYS, pointer)
        start, end = item.get("start"), item.get("end")
        kind = item.get("kind", "direct")
        speaker, speaker_span, cue = item.get("speaker"), item.get("speaker_span"), item.get("cue")
        cue_span, attribution, parent = item.get("cue_span"), item.get("attribution"), item.get("parent")
    elif isinstance(item, Quote):
        start, end, kind, speaker, speaker_span, cue = (item.start, item.end, item.kind, item.speaker,
                                                        item.speaker_span, item.cue)
        cue_span, attribution = item.cue_span, item.attribution.index
        enclosing = item.parent
        parent = None if enclosing is None else positions.get(enclosing.index)
    elif isinstance(item, (tuple, list)):
        if len(item) not in (2, 3):
            raise _bad(f"a quote tuple is (start, end) or (start, end, kind), not {len(item)} values", pointer)
        start, end = item[:2]
        if len(item) == 3:
            kind = item[2]
    elif hasattr(item, "start_char") and hasattr(item, "end_char"):
        start, end = item.start_char, item.end_char
    else:
        raise _bad("expected a dict like a canonical quote, a (start, end) tuple, a spaCy Span or a newsdoc Quote, "
                   f"not {type(item).__name__}", pointer)
    if kind not in _core.QUOTE_KINDS:
        raise _bad(f"kind must be {_KIND_NAMES}, not {kind!r}", pointer + "/kind")
    if isinstance(speaker, Entity):
        speaker = speaker.id
    elif speaker is not None and not isinstance(speaker, str) and hasattr(speaker, "__index__"):
        speaker = str(operator.index(speaker))
    return (_offset(start, pointer, "start"), _offset(end, pointer, "end"), kind,
            _text(speaker, pointer + "/speaker", "speaker"),
            _span_or_none(speaker_span, pointer + "/speaker_span", "speaker_span"), _text(cue, pointer + "/cue", "cue"),
            _span_or_none(cue_span, pointer + "/cue_span", "cue_span"),
            _count_or_none(attribution, pointer + "/attribution", "attribution"),
            _count_or_none(parent, pointer + "/parent", "parent"))


def _quote_items(items: Sequence[Any], pointer: str) -> List[Tuple[Any, ...]]:
    positions = {item.index: k for k, item in enumerate(items) if isinstance(item, Quote)}
    return [_quote_item(item, f"{pointer}/{i}", positions) for i, item in enumerate(items)]


def _items(annotations: Any, what: str) -> List[Any]:
    # A spaCy Doc brings its entities; any other iterable is taken item by item.
    if what == "entities" and hasattr(annotations, "ents") and not isinstance(annotations, (list, tuple)):
        annotations = annotations.ents
    if isinstance(annotations, (str, bytes, Mapping)) or not hasattr(annotations, "__iter__"):
        raise TypeError(f"with_{what}() takes an iterable of {what}, not {type(annotations).__name__}")
    return list(annotations)
