"""Transforms behind the Article and Corpus methods: argument parsing only.

The work, span bookkeeping included, is done by newsdoc/transform.hpp in C++
with the GIL released; this module turns Python arguments (slices,
predicates, spaCy spans, dicts, views) into the plain values the binding
takes, and wraps the results.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Any, Callable, Iterable, List, Optional, Sequence, Tuple, Union

from . import _core
from ._annotate import _threads
from ._corpus import Corpus
from ._errors import SchemaError
from ._model import Article, Entity, Mention, Paragraph, Quote, _short

__all__ = ["concat"]

Target = Union[Article, Corpus]
Selection = Union[int, slice, Iterable[int], Callable[[Paragraph], bool]]

_KINDS = ("direct", "partial", "indirect")
_ENTITY_KEYS = frozenset({"start", "end", "type", "label", "id", "entity", "name"})
_QUOTE_KEYS = frozenset({"start", "end", "kind", "speaker", "speaker_span", "cue", "cue_span", "attribution", "parent"})
# Offsets beyond any text (4 GiB of code points at most) mean the same when clamped here, and
# clamped they fit the binding's integer types.
_FAR = 2 ** 62
_MAX_OFFSET = 2 ** 32 - 1


def _result(target: Target, value) -> Target:
    return Article._wrap(value) if isinstance(target, Article) else Corpus._wrap(value)


def _require(target: Any, method: str) -> None:
    if not isinstance(target, (Article, Corpus)):
        raise TypeError(f"{method}() applies to an Article or a Corpus, not {type(target).__name__}")


# --- redact, normalize_quotes ----------------------------------------------------------------------

def redact(target: Target, types: Union[str, Iterable[str]], placeholder: str, threads: Optional[int]) -> Target:
    _require(target, "redact")
    type_list = [types] if isinstance(types, str) else list(types)
    for t in type_list:
        if not isinstance(t, str):
            raise TypeError(f"types must be strings, not {type(t).__name__}")
    if not isinstance(placeholder, str):
        raise TypeError(f"placeholder must be a str, not {type(placeholder).__name__}")
    if isinstance(target, Article):
        return _result(target, _core.redact_article(target._handle, type_list, placeholder))
    return _result(target, _core.redact_corpus(target._core, type_list, placeholder, _threads(threads)))


def normalize_quotes(target: Target, style: str, threads: Optional[int]) -> Target:
    _require(target, "normalize_quotes")
    if isinstance(target, Article):
        return _result(target, _core.normalize_quotes_article(target._handle, style))
    return _result(target, _core.normalize_quotes_corpus(target._core, style, _threads(threads)))


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


def select_paragraphs(target: Target, selection: Selection, threads: Optional[int]) -> Target:
    _require(target, "select_paragraphs")
    if callable(selection) and not isinstance(selection, slice):
        # A Python predicate is called in Python; the kept positions go to C++ in one call.
        if isinstance(target, Article):
            kept = [p.index for p in target.paragraphs if selection(p)]
            return _result(target, _core.select_paragraphs_article(target._handle, _core.ParagraphSelection.at(kept)))
        lists = [[p.index for p in article.paragraphs if selection(p)] for article in target]
        return _result(target, _core.select_paragraph_lists(target._core, lists, _threads(threads)))
    parsed = _selection(selection)
    if isinstance(target, Article):
        return _result(target, _core.select_paragraphs_article(target._handle, parsed))
    return _result(target, _core.select_paragraphs_corpus(target._core, parsed, _threads(threads)))


# --- rename_entity, merge_entities -----------------------------------------------------------------

def _key(value: Any, what: str) -> str:
    if isinstance(value, Entity):
        return value.id
    if not isinstance(value, str):
        raise TypeError(f"{what} must be an entity id, name or alias (str) or an Entity, not {type(value).__name__}")
    return value


def rename_entity(target: Target, old: Any, new: str, threads: Optional[int]) -> Target:
    _require(target, "rename_entity")
    key = _key(old, "old")
    if not isinstance(new, str):
        raise TypeError(f"new must be a str, not {type(new).__name__}")
    if isinstance(target, Article):
        return _result(target, _core.rename_entity_article(target._handle, key, new))
    return _result(target, _core.rename_entity_corpus(target._core, key, new, _threads(threads)))


def merge_entities(target: Target, a: Any, b: Any, threads: Optional[int]) -> Target:
    _require(target, "merge_entities")
    kept, absorbed = _key(a, "a"), _key(b, "b")
    if isinstance(target, Article):
        return _result(target, _core.merge_entities_article(target._handle, kept, absorbed))
    return _result(target, _core.merge_entities_corpus(target._core, kept, absorbed, _threads(threads)))


# --- with_entities, with_quotes --------------------------------------------------------------------

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
    if kind not in _KINDS:
        raise _bad(f"kind must be \"direct\", \"partial\" or \"indirect\", not {kind!r}", pointer + "/kind")
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


def _naming_item(call: Callable[[], Any], items: Sequence[Any], nested: bool) -> Any:
    """``call()``, with the offending item's repr added to a SchemaError the core raises about it."""
    try:
        return call()
    except SchemaError as error:
        parts = error.pointer.split("/")[1:]
        try:
            item = items[int(parts[0])][int(parts[1])] if nested else items[int(parts[0])]
        except (IndexError, ValueError):
            raise error from None
        raise SchemaError(f"{error}; the item is {_short(repr(item), 80)}", pointer=error.pointer,
                          reason=error.reason) from None


def with_entities(target: Target, entities: Any, replace: bool, threads: Optional[int]) -> Target:
    _require(target, "with_entities")
    if isinstance(target, Article):
        items = _items(entities, "entities")
        parsed = [_entity_item(item, f"/{i}") for i, item in enumerate(items)]
        return _result(target, _naming_item(lambda: _core.with_entities_article(target._handle, parsed, bool(replace)),
                                            items, nested=False))
    per_article = [_items(e, "entities") for e in _items(entities, "entities")]
    parsed_lists = [[_entity_item(item, f"/{a}/{i}") for i, item in enumerate(items)]
                    for a, items in enumerate(per_article)]
    return _result(target, _naming_item(
        lambda: _core.with_entities_corpus(target._core, parsed_lists, bool(replace), _threads(threads)),
        per_article, nested=True))


def with_quotes(target: Target, quotes: Any, replace: bool, threads: Optional[int]) -> Target:
    _require(target, "with_quotes")
    if isinstance(target, Article):
        items = _items(quotes, "quotes")
        parsed = _quote_items(items, "")
        return _result(target, _naming_item(lambda: _core.with_quotes_article(target._handle, parsed, bool(replace)),
                                            items, nested=False))
    per_article = [_items(q, "quotes") for q in _items(quotes, "quotes")]
    parsed_lists = [_quote_items(items, f"/{a}") for a, items in enumerate(per_article)]
    return _result(target, _naming_item(
        lambda: _core.with_quotes_corpus(target._core, parsed_lists, bool(replace), _threads(threads)),
        per_article, nested=True))


# --- concat ----------------------------------------------------------------------------------------

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
