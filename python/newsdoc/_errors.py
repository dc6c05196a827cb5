"""newsdoc's exceptions: one class per class of C++'s newsdoc/error.hpp, of
the same name (but for the base, NewsdocError: C++ newsdoc::Error), raised
through newsdoc._core's one exception translator. Each is also the builtin
exception a Python caller expects: ParseError a ValueError, NotFoundError a
FileNotFoundError, EntityNotFound a KeyError, OutOfRangeError an IndexError.
ReadError is the older name of IoError, kept for the code that uses it."""

from __future__ import annotations

__all__ = ["NewsdocError", "ParseError", "SchemaError", "IoError", "ReadError", "NotFoundError", "ModelError",
           "EntityNotFound", "Cancelled", "NothingLoaded", "OutOfRangeError", "InvalidArgumentError"]


class NewsdocError(Exception):
    """Base class of every error newsdoc raises.

    Example:
        >>> try:
        ...     newsdoc.loads("{")
        ... except newsdoc.NewsdocError as error:
        ...     print(type(error).__name__)
        ParseError
    """

    def __reduce__(self):
        return (_rebuild, (type(self), str(self), self.__dict__))


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


class NothingLoaded(NewsdocError):
    """A load of folders that yields no article: no input file in them, or
    (with ``on_error="skip"``) every record refused.

    Example:
        >>> import tempfile
        >>> try:
        ...     newsdoc.load(tempfile.mkdtemp())  # an empty folder
        ... except newsdoc.NothingLoaded as error:
        ...     print(str(error).split(":")[0])
        nothing to load
    """


class OutOfRangeError(NewsdocError, IndexError):
    """An index past the end of what it indexes (a paragraph, an article, a
    table's column): an IndexError too."""


class InvalidArgumentError(NewsdocError, ValueError):
    """An argument no call accepts (an empty search pattern, an unknown
    mapping preset, a placeholder that does not parse): a ValueError too."""


class EntityNotFound(NewsdocError, KeyError):
    """No entity answers to ``key`` (by id, name or alias) in the article, or
    in any article of the corpus: a KeyError too.

    Example:
        >>> try:
        ...     newsdoc.loads('{"paragraphs": ["Hi"]}').rename_entity("Merkel", "Angela Merkel")
        ... except KeyError as error:
        ...     print(type(error).__name__, error.key)
        EntityNotFound Merkel
    """

    def __init__(self, message: str, *, key: str = "") -> None:
        super().__init__(message)
        self.key = key

    def __str__(self) -> str:  # the message, not KeyError's repr of it
        return str(self.args[0]) if self.args else ""


class _Located:
    """Where an error was found: ``path``, ``line`` and ``column`` (1-based,
    in bytes), ``offset`` (0-based byte offset) and ``reason`` (what)."""

    def _locate(self, path: str, line: int, column: int, offset: int, reason: str, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.offset = offset
        self.reason = reason or message


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


class IoError(NewsdocError, OSError):
    """A file could not be opened, read or written; ``path`` names it.
    ``ReadError`` is its older name.

    Example:
        >>> try:
        ...     newsdoc.load("corpus.jsonl.gz")  # a damaged gzip file
        ... except newsdoc.IoError as error:
        ...     print(error.path)
        corpus.jsonl.gz
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:  # the newsdoc message, not OSError's "[Errno 2] ..."
        return str(self.args[0]) if self.args else ""


ReadError = IoError
"""The older name of :class:`IoError` (C++ keeps ``newsdoc::ReadError`` as well)."""


class NotFoundError(IoError, FileNotFoundError):
    """An input path does not exist: both an :class:`IoError` and a :class:`FileNotFoundError`.

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


class ModelError(NewsdocError):
    """A model file or training input is unusable: a corrupt, truncated or
    mismatched ``.ndm`` file, a training input of no known kind, or a model
    component asked for that the inputs hold no data for. ``path`` names the
    file or input ("" when none).

    Example:
        >>> try:
        ...     newsdoc.train(["seeds/000_0eafb7a6a491ae43.json"], "my-models", components=["pos"])
        ... except newsdoc.ModelError as error:
        ...     print(error)
        pos: the inputs hold no POS tags (CoreNLP input) to train it on
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path


def _rebuild(cls, message, attributes):
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    return error
