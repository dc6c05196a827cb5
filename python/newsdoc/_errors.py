"""newsdoc's exceptions. The C++ core raises these through newsdoc._core."""

from __future__ import annotations

__all__ = ["NewsdocError", "ParseError", "SchemaError", "ReadError", "NotFoundError", "ModelError", "Cancelled"]


class NewsdocError(Exception):
    """Base class of every error newsdoc raises.

    Example:
        >>> try:
        ...     newsdoc.loads("{")
        ... except newsdoc.NewsdocError as error:
        ...     print(type(error).__name__)
        ParseError
    """


class Cancelled(NewsdocError):
    """A load stopped by its ``progress`` callback, which returned False
    (:func:`newsdoc.load`). Nothing of the load is kept.

    Example:
        >>> try:
        ...     newsdoc.load("seeds", annotate=False, progress=lambda p: False)
        ... except newsdoc.Cancelled as error:
        ...     print(error)
        load cancelled by its progress callback after 1 of 2 files
    """


class _Located:
    """Where an error was found: ``path``, ``line`` and ``column`` (1-based,
    in bytes), ``offset`` (0-based byte offset) and ``reason`` (what)."""

    def _locate(self, path: str, line: int, column: int, offset: int, reason: str, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.offset = offset
        self.reason = reason or message

    def __reduce__(self):
        return (_rebuild, (type(self), str(self), self.__dict__))


class ParseError(_Located, NewsdocError, ValueError):
    """The input is not well-formed JSON (or not UTF-8, or truncated).

    ``path``, ``line`` and ``column`` (1-based, in bytes) and ``offset``
    (0-based byte offset in the input) say where; ``reason`` says what.

    Example:
        >>> try:
        ...     newsdoc.loads('{"title": "x"}\\n{"title": ')
        ... except newsdoc.ParseError as error:
        ...     print(error.line, error.reason)
        2 truncated: array or object not closed
    """

    def __init__(self, message: str, *, path: str = "", line: int = 0, column: int = 0,
                 offset: int = 0, reason: str = "") -> None:
        super().__init__(message)
        self._locate(path, line, column, offset, reason, message)


class SchemaError(_Located, NewsdocError, ValueError):
    """The input is JSON but not a valid article.

    ``pointer`` is the JSON pointer of the bad field inside its record
    (``"/quotes/3/start"``); ``path``, ``line``, ``column`` and ``offset``
    locate the record when it came from an input.

    Example:
        >>> try:
        ...     newsdoc.loads('{"paragraphs": ["Hi"], "mentions": [{"entity": "e1", "start": 0, "end": 2}]}')
        ... except newsdoc.SchemaError as error:
        ...     print(error.pointer)
        /mentions/0/entity
    """

    def __init__(self, message: str, *, pointer: str = "", path: str = "", line: int = 0,
                 column: int = 0, offset: int = 0, reason: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer
        self._locate(path, line, column, offset, reason, message)


class ReadError(NewsdocError, OSError):
    """An input file could not be read.

    Example:
        >>> try:
        ...     newsdoc.load("corpus.jsonl.gz")  # a damaged gzip file
        ... except newsdoc.ReadError as error:
        ...     print(error.path)
        corpus.jsonl.gz
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self):
        return (_rebuild, (type(self), str(self), self.__dict__))


class NotFoundError(ReadError, FileNotFoundError):
    """An input path does not exist: both a :class:`ReadError` and a :class:`FileNotFoundError`.

    Example:
        >>> try:
        ...     newsdoc.load("missing.jsonl")
        ... except FileNotFoundError as error:
        ...     print(isinstance(error, newsdoc.NewsdocError), error.filename)
        True missing.jsonl
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message, path=path)
        self.errno = 2
        self.strerror = "No such file or directory"
        self.filename = path

    def __str__(self) -> str:  # the newsdoc message, not OSError's "[Errno 2] ..."
        return str(self.args[0]) if self.args else ""


class ModelError(NewsdocError):
    """A model file or training input is unusable: a corrupt, truncated or
    mismatched ``.ndm`` file, a training input of no known kind, or a model
    component asked for that the inputs hold no data for. ``path`` names the
    file or input ("" when none).

    Example:
        >>> try:
        ...     newsdoc.train(["seeds/000_0eafb7a6a491ae43.json"], "/tmp/m", components=["pos"])
        ... except newsdoc.ModelError as error:
        ...     print(error)
        pos: the inputs hold no POS tags (CoreNLP input) to train it on
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self):
        return (_rebuild, (type(self), str(self), self.__dict__))


def _rebuild(cls, message, attributes):
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    return error


def _from_record(record: dict) -> ParseError | SchemaError | ReadError:
    """The exception for one record that a load with on_error="skip" set aside.

    A file that could not be read at all (not text, say) is listed at line 0: a ReadError."""
    if record["kind"] == "parse" and record["line"] == 0 and record["column"] == 0 and record["path"]:
        return ReadError(record["message"], path=record["path"])
    common = dict(path=record["path"], line=record["line"], column=record["column"],
                  offset=record["offset"], reason=record["reason"])
    if record["kind"] == "parse":
        return ParseError(record["message"], **common)
    return SchemaError(record["message"], pointer=record["pointer"], **common)
