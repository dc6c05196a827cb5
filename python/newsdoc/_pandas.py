"""pandas DataFrames of a corpus, and corpora from DataFrames.

pandas is optional: ``import newsdoc`` never imports it, and the functions
here raise an ImportError naming the package to install when it is missing.

The tables, their columns and their dtypes are documented at
:func:`empty_frame`, which gives each of them without rows.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

from . import _core
from ._errors import NewsdocError

if TYPE_CHECKING:
    import pandas

__all__ = ["TABLES", "empty_frame"]

#: The tables :meth:`Corpus.to_pandas` makes (defined in C++: newsdoc::TableName).
TABLES = _core.TABLES
#: The tables with a ``corpus_entity`` column, which needs the corpus's query index.
IDENTITY_TABLES = ("quotes", "attributions", "entities", "mentions")
#: Other names a user mapping may give a field (``{"text": "story"}`` maps the body).
FIELD_ALIASES = {"paragraphs": "body", "text": "body"}

# Columns that from_pandas reads for each article field, the first present winning: the keys load()'s
# automatic mapping reads (newsdoc::FieldMapping::automatic), and article_id, the name to_pandas("articles")
# gives the id, right after id.
_FRAME_COLUMNS = {field: (keys[:1] + ("article_id",) + keys[1:] if field == "id" else keys)
                  for field, keys in _core.AUTO_MAPPING.items()}
# What to_pandas("articles") derives from the rest: from_pandas ignores these columns.
_DERIVED_COLUMNS = frozenset({"article_index", "paragraph_count", "quote_count", "entity_count", "mention_count",
                              "published_at"})
# A blank line: a line break, white space only, a line break. The white space is what the JSON
# reader trims from the lines of a string body.
_BLANK_LINE = re.compile("\n[ \t\r\f\v\u00a0]*\n")
_TRIMMED = " \t\r\n\f\v\u00a0"


def _pandas():
    """The pandas module, or an ImportError saying how to install it."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError("newsdoc needs pandas for DataFrames, and it is not installed: install Debian's "
                          "python3-pandas (apt-get install python3-pandas), or pip install pandas") from error
    return pandas


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")


def frame(corpus: _core.Corpus, table: str, index: Optional[_core.CorpusIndex] = None,
          positions: Optional[Sequence[int]] = None) -> "pandas.DataFrame":
    """Table ``table`` of ``corpus`` (a core corpus) as a DataFrame.

    ``index``, the query index of ``corpus``, gives the corpus_entity column (else one is built for it); with
    ``positions`` the table is of those articles of ``corpus``, their corpus entities those of the whole corpus.
    """
    pd = _pandas()
    _check_table(table)
    columns = {}
    if positions is not None:
        positions = list(positions)
    for name, column_type, data in _core.table(corpus, table, index, positions):
        if column_type == "category":
            codes, categories = data
            columns[name] = pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))
        elif column_type == "nullable_int64":
            values, missing = data
            columns[name] = pd.arrays.IntegerArray(values, missing)
        else:
            columns[name] = data
        if table == "articles" and name == "published":
            # The instant of each date, parsed in C++ (newsdoc/date.hpp); NaT where none parses.
            columns["published_at"] = pd.DatetimeIndex(_core.published_ns(corpus).view("datetime64[ns]"),
                                                       tz="UTC").array
    return pd.DataFrame(columns, copy=False)


def empty_frame(table: str) -> "pandas.DataFrame":
    """A DataFrame with the columns and dtypes of ``table`` and no rows.

    :meth:`Corpus.to_pandas` makes frames with exactly these columns and
    dtypes, whatever the corpus; only the categories of ``source``,
    ``language``, ``type`` and ``speaker_type`` follow the data (here there
    are none). So this frame can stand for a table before it is made, e.g. as
    Dask's ``meta``.

    Every table starts with ``article_index`` (the article's position in the
    corpus, unique even when ids are empty or repeated) and ``article_id``.
    Rows join on ``article_index`` plus their own index (``paragraph_index``,
    ``quote_index``, ``entity_index``, ``mention_index``); quotes join
    entities on ``(article_index, speaker_id)`` = ``(article_index,
    entity_id)``. Offsets are code points into the article's text.

    ============== ============================================================
    Table          Columns
    ============== ============================================================
    ``articles``   article_index, article_id, url, source, title, authors,
                   published, published_at, language, tags, paragraph_count, quote_count,
                   entity_count, mention_count, meta, text
    ``paragraphs`` article_index, article_id, paragraph_index, text, start,
                   end
    ``quotes``     article_index, article_id, quote_index, text, start, end,
                   kind, speaker, speaker_id, speaker_type, corpus_entity,
                   speaker_start, speaker_end, cue, paragraph, last_paragraph,
                   source, published
    ``entities``   article_index, article_id, entity_index, entity_id, name,
                   type, corpus_entity, aliases, mentions, quotes
    ``mentions``   article_index, article_id, mention_index, entity_index,
                   entity_id, name, type, corpus_entity, text, start, end
    ============== ============================================================

    In quotes, ``speaker`` is the speaking entity's canonical name and
    ``speaker_id`` its id, ``speaker_start`` / ``speaker_end`` the words
    naming it in this attribution, ``paragraph`` / ``last_paragraph`` the
    paragraphs holding the quote's first and last character, ``source`` and
    ``published`` the article's. In entities, ``mentions`` and ``quotes``
    count the entity's mentions and the quotes it speaks. ``corpus_entity``
    is the canonical name of the corpus-level entity (see
    :meth:`Corpus.entities`) of the row's entity, or of the speaker: "Donald
    Trump" for an article's "Trump" when the corpus links the two; ``name``
    and ``speaker`` stay as the article has them. With ``type``
    (``speaker_type``) it identifies the corpus entity. In articles,
    ``meta`` is the meta object as compact JSON text (``json.loads`` it;
    numbers keep their spelling) and ``text`` the body.

    Dtypes:

    - ``int64``: article_index, the row indexes, start, end, paragraph,
      last_paragraph and the counts (paragraph_count, …, mentions, quotes).
    - ``Int64`` (pandas' nullable integer): speaker_start, speaker_end.
    - ``datetime64[ns, UTC]``: published_at, the instant of ``published``
      (see :attr:`Article.published_at`); NaT where it is missing or does
      not parse (or lies outside 1677–2262).
    - ``category``: kind, whose categories are always ``direct``,
      ``partial``, ``indirect``; source, language, type and speaker_type,
      whose categories are the table's distinct values, sorted.
    - ``object``: str in every other text column; lists of str in authors,
      tags and aliases.

    A value is missing exactly where canonical JSON writes ``null``:
    ``published``, ``speaker``, ``speaker_id`` and ``cue`` are None,
    ``speaker_type`` is NaN, ``speaker_start`` / ``speaker_end`` are
    ``<NA>``. Strings that are merely unknown stay ``""``, as in the model.

    Example:
        >>> quotes = newsdoc.empty_frame("quotes")
        >>> len(quotes), str(quotes["start"].dtype), str(quotes["speaker_start"].dtype)
        (0, 'int64', 'Int64')
        >>> list(quotes["kind"].cat.categories)
        ['direct', 'partial', 'indirect']
    """
    return frame(_core.Corpus([]), table)


# --- from_pandas ---------------------------------------------------------------------------------


class _RowError(Exception):
    """A value of one cell that cannot feed its field; from_pandas adds the row and column."""


def _text(value: Any, field: str) -> str:
    if isinstance(value, str):
        return value
    # Ids are often numbers in a frame; the JSON reader accepts numeric ids the same way.
    if field == "id" and _is_integer(value):
        return str(int(value))
    raise _RowError(f"expected a string, found {type(value).__name__} {value!r}")


def _is_integer(value: Any) -> bool:
    import numpy

    return isinstance(value, (int, numpy.integer)) and not isinstance(value, (bool, numpy.bool_))


def _published(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):  # pandas' Timestamp is a datetime
        return value.isoformat()
    raise _RowError(f"expected a string or a date, found {type(value).__name__} {value!r}")


def _strings(value: Any) -> Union[str, List[str]]:
    """A list of strings, or one string for the reader to split at commas."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        if all(isinstance(item, str) for item in items):
            return items
    raise _RowError(f"expected a list of strings, found {value!r}")


def _paragraphs(value: Any) -> List[str]:
    if isinstance(value, str):
        paragraphs = (paragraph.strip(_TRIMMED) for paragraph in _BLANK_LINE.split(value))
        return [paragraph for paragraph in paragraphs if paragraph]
    items = _strings(value)
    assert not isinstance(items, str)
    return items


def _meta_members(value: Any) -> str:
    """The members of a meta object, without its braces: from a dict, or from JSON text kept as written."""
    if isinstance(value, (dict, Mapping)):
        return json.dumps(dict(value), ensure_ascii=False, default=_json_value)[1:-1]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{") and text.endswith("}"):
            return text[1:-1].strip()
    raise _RowError(f"expected a dict or the JSON text of an object, found {value!r}")


def _json_value(value: Any) -> Any:
    """What json.dumps cannot write by itself: numpy scalars and arrays, dates."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} {value!r} cannot be written as JSON")


_READERS = {"id": lambda value: _text(value, "id"), "url": lambda value: _text(value, "url"),
            "source": lambda value: _text(value, "source"), "title": lambda value: _text(value, "title"),
            "language": lambda value: _text(value, "language"), "published": _published, "authors": _strings,
            "tags": _strings, "body": _paragraphs}


def _choose_columns(columns: Sequence[Any], mapping: Optional[Mapping[str, Union[str, Sequence[str]]]]
                    ) -> Dict[str, Any]:
    """{field: column} for the fields the frame has a column for."""
    candidates = dict(_FRAME_COLUMNS)
    if mapping is not None:
        if not isinstance(mapping, Mapping):
            raise TypeError(f"mapping must be None or a dict from field to column, not {type(mapping).__name__}")
        for field, names in mapping.items():
            field = FIELD_ALIASES.get(field, field)
            if field not in _FRAME_COLUMNS:
                raise ValueError(f"unknown article field {field!r} in mapping; expected one of "
                                 f"{', '.join(_FRAME_COLUMNS)}")
            names = (names,) if isinstance(names, str) else tuple(names)
            if not any(name in columns for name in names):
                raise ValueError(f"mapping names {', '.join(map(repr, names))} for {field!r}, but the frame has "
                                 f"no such column (it has {', '.join(map(repr, columns))})")
            candidates[field] = names
    chosen = {}
    for field, names in candidates.items():
        for name in names:
            if name in columns:
                chosen[field] = name
                break
    return chosen


def corpus_from_frame(df: "pandas.DataFrame", mapping: Optional[Mapping[str, Union[str, Sequence[str]]]] = None
                      ) -> _core.Corpus:
    """The articles of ``df``, one a row, as a core corpus (see Corpus.from_pandas)."""
    pd = _pandas()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"from_pandas needs a pandas DataFrame, not {type(df).__name__}")
    columns = list(df.columns)
    if len(set(columns)) != len(columns):
        repeated = sorted({str(c) for c in columns if columns.count(c) > 1})
        raise ValueError(f"from_pandas needs unique column names; repeated: {', '.join(repeated)}")
    chosen = _choose_columns(columns, mapping)
    labels = df.index.tolist()

    def read_column(column: Any, read: Callable[[Any], Any]) -> List[Any]:
        """``read`` of each value of ``column``; None where the value is missing (None, NaN, NaT, pd.NA)."""
        series = df[column]
        out: List[Any] = []
        for row, (value, missing) in enumerate(zip(series.tolist(), series.isna().tolist())):
            if missing:
                out.append(None)
                continue
            try:
                out.append(read(value))
            except (_RowError, TypeError, ValueError) as error:
                raise ValueError(f"from_pandas: row {labels[row]!r}, column {column!r}: {error}") from None
        return out

    fields = [("paragraphs" if field == "body" else field, read_column(column, _READERS[field]))
              for field, column in chosen.items() if field != "meta"]
    # The meta column's members first, then one member per column that feeds no field.
    meta_parts = [read_column(chosen["meta"], _meta_members)] if "meta" in chosen else []
    used = set(chosen.values())
    for column in columns:
        if column not in used and column not in _DERIVED_COLUMNS:
            key = json.dumps(str(column), ensure_ascii=False)
            meta_parts.append(read_column(column, lambda value, key=key: key + ":" + json.dumps(
                value, ensure_ascii=False, default=_json_value)))

    lines = []
    for row in range(len(labels)):
        record = {name: values[row] for name, values in fields if values[row] is not None}
        members = ",".join(part[row] for part in meta_parts if part[row])
        # meta is spliced in as text, so JSON text from to_pandas("articles") keeps its numbers as written.
        lines.append(json.dumps(record, ensure_ascii=False)[:-1] + (", " if record else "")
                     + '"meta": {' + members + "}}")
    data = "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
    try:
        return _core.loads(data, "canonical", {}, "raise", "jsonl", "<DataFrame>")
    except NewsdocError as error:
        line = getattr(error, "line", 0)
        if not 1 <= line <= len(labels):
            raise
        reason = getattr(error, "reason", str(error))
        raise type(error)(f"from_pandas: row {labels[line - 1]!r}: {reason}",
                          **{key: value for key, value in vars(error).items()}) from None
