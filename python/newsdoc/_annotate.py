"""The annotator: quotes, speakers and entities found by newsdoc's C++ rules."""

from __future__ import annotations

import os
import threading
from typing import Dict, Iterable, Optional, Sequence, TypeVar, Union

from . import _core
from ._transform import Transformable, threads_argument

__all__ = ["Annotator", "annotate"]

_Annotatable = TypeVar("_Annotatable")


class Annotator:
    """Finds quotes (direct, partial, indirect), their speakers and cues, and
    named entities with every mention.

    Configure it before use: cue verbs (:meth:`add_cue`), a gazetteer of your
    own entities (:meth:`add_entity`) and which passes run. One Annotator may
    then annotate from many threads at once; the GIL is released while it
    works.

    Args:
        quotes: find quotes in quotation marks (direct and partial).
        indirect: find reported speech without marks ("X said that ...").
        entities: find named entities and their mentions.
        builtin_lists: start from the built-in cue verbs and gazetteer
            (countries, capitals, demonyms, international organisations).
        cues: extra cues, as for :meth:`add_cue`.
        gazetteer: extra entities, ``(name, type)`` or ``(name, type, aliases)``.
        models: a folder of trained models (``pos.ndm``, ``ner.ndm``,
            ``ner-doc.ndm``, as in the source tree's ``models/``), or ``True``
            for the shipped ones (``newsdoc._annotate.default_models_directory()``). With
            models, the entity pass takes its names and types from the learned
            entity tagger (docs/models.md, "Through the annotator"); quotes,
            speakers, the gazetteer and linking work as without. ``None`` (the
            default): rules only. Each folder is loaded once per process and
            shared. A missing folder or file raises :class:`NotFoundError`, a
            corrupt model :class:`NewsdocError`.

    Example:
        >>> ann = newsdoc.Annotator(cues=["quip"], gazetteer=[("Zoë Müller", "PERSON", ["Müller"])])
        >>> a = ann.annotate(newsdoc.parse_text("T\\n\\n“We won,” Müller quipped.", annotate=False))
        >>> [(q.text, q.speaker.name, q.cue) for q in a.quotes]
        [('We won,', 'Zoë Müller', 'quipped')]
    """

    __slots__ = ("_core",)

    def __init__(self, *, quotes: bool = True, indirect: bool = True, entities: bool = True,
                 builtin_lists: bool = True, cues: Iterable[str] = (),
                 gazetteer: Iterable[Sequence] = (),
                 models: Union[str, "os.PathLike[str]", bool, None] = None) -> None:
        self._core = _core.Annotator(quotes, indirect, entities, builtin_lists, _load_models(models))
        for cue in cues:
            self.add_cue(cue)
        for entry in gazetteer:
            self.add_entity(*entry)

    @property
    def options(self) -> dict:
        """Which passes run, as a dict."""
        return self._core.options

    @property
    def models(self) -> Optional[str]:
        """The folder of the trained models in use, or None (rules only)."""
        return self._core.models_directory

    def add_cue(self, cue: str) -> None:
        """Adds a speech cue.

        A single word is a verb's base form and brings its regular
        inflections ("whisper": whispers, whispered, whispering); give
        irregular forms as cues of their own. A phrase of several words
        matches as written, case aside.

        Example:
            >>> ann = newsdoc.Annotator(builtin_lists=False)
            >>> ann.add_cue("whisper")
            >>> ann.cues
            ['whisper', 'whispered', 'whispering', 'whispers']
        """
        if not isinstance(cue, str) or not cue.strip():
            raise ValueError("a cue must be a non-empty string")
        self._core.add_cue(cue)

    @property
    def cues(self) -> list:
        """Every cue form matched, sorted."""
        return self._core.cues()

    def add_entity(self, name: str, type: str, aliases: Iterable[str] = ()) -> None:
        """Adds an entity to the gazetteer: its name and aliases are found in
        every article, word by word and case-sensitively.

        Example:
            >>> ann = newsdoc.Annotator()
            >>> ann.add_entity("Acme Widgets", "ORG", ["Acme"])
            >>> a = ann.annotate(newsdoc.parse_text("T\\n\\nAcme said profits rose.", annotate=False))
            >>> [(e.name, e.type, len(e.mentions)) for e in a.entities]
            [('Acme Widgets', 'ORG', 1)]
        """
        if not name or not type:
            raise ValueError("an entity needs a name and a type")
        self._core.add_entity(name, type, list(aliases))

    @property
    def entity_count(self) -> int:
        """The gazetteer's size: built-in plus added entries."""
        return self._core.entity_count

    def annotate(self, obj: _Annotatable, *, threads: Optional[int] = None,
                 only_missing: bool = False) -> _Annotatable:
        """An annotated copy of an :class:`Article` or a :class:`Corpus`.

        Quotes, entities and mentions are found anew; metadata and text are
        kept. With ``only_missing`` a corpus keeps the annotations of articles
        that carry quotes or entities. ``threads`` (default: every core)
        annotates a corpus in parallel.

        Example:
            >>> a = newsdoc.Annotator().annotate(newsdoc.Article(paragraphs=["“Yes,” Ms Smith said."]))
            >>> a.quotes[0].text, a.quotes[0].kind
            ('Yes,', 'direct')
        """
        if not isinstance(obj, Transformable):
            raise TypeError(f"annotate() takes an Article or a Corpus, not {type(obj).__name__}")
        return obj._rewrap(self._core.annotate(obj._target(), only_missing, threads_argument(threads)))

    def __repr__(self) -> str:
        o = self.options
        passes = ", ".join(name for name in ("quotes", "indirect", "entities") if o[name])
        models = f" models={self.models!r}" if self.models is not None else ""
        return f"<Annotator passes=[{passes}] cues={len(self.cues)} gazetteer={self.entity_count}{models}>"


_models: Dict[str, object] = {}
_models_lock = threading.Lock()


def default_models_directory() -> str:
    """The folder of the shipped models: $NEWSDOC_MODELS, else the installed
    package's own ``newsdoc/models`` (pip installs them there), else an installed
    ``share/newsdoc/models``, else the source tree's ``models/`` (docs/models.md,
    "Where the models are found")."""
    return _core.default_models_directory()


def _load_models(models: Union[str, "os.PathLike[str]", bool, None]):
    """The loaded models of a folder (once per folder and process), or None."""
    if models is None or models is False:
        return None
    if models is True:
        models = default_models_directory()
    if not isinstance(models, (str, os.PathLike)):
        raise TypeError(f"models must be a folder, True or None, not {type(models).__name__}")
    directory = os.path.abspath(os.fspath(models))
    with _models_lock:
        loaded = _models.get(directory)
        if loaded is None:
            loaded = _models[directory] = _core.Models.load(directory)
        return loaded


_default: Optional[Annotator] = None
_default_lock = threading.Lock()


def default_annotator() -> Annotator:
    """The shared Annotator with the built-in lists, made on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Annotator()
        return _default


def annotate(obj: _Annotatable, *, annotator: Optional[Annotator] = None, threads: Optional[int] = None,
             only_missing: bool = False) -> _Annotatable:
    """An annotated copy of an :class:`Article` or :class:`Corpus` (see :meth:`Annotator.annotate`).

    Example:
        >>> a = newsdoc.annotate(newsdoc.read_text("seeds/000_0eafb7a6a491ae43.txt", annotate=False))
        >>> a.quotes[0].speaker.name
        'Bashar al-Assad'
    """
    return (annotator or default_annotator()).annotate(obj, threads=threads, only_missing=only_missing)


#: The ``annotate=`` values of loading: the names of C++'s ``newsdoc::AnnotateMode``. None, True and
#: False are their short forms (None: "missing", True: "all", False: annotate nothing).
ANNOTATE_MODES = _core.ANNOTATE_MODES

AnnotateSpec = Union[None, bool, str]


def annotate_mode(annotate: AnnotateSpec) -> Optional[str]:
    """The mode an ``annotate=`` value of :func:`newsdoc.load` and the other readers asks for: ``"missing"``
    (only the articles that carry no quotes and no entities) or ``"all"``; None for False (no annotation).

    Example:
        >>> from newsdoc._annotate import annotate_mode
        >>> [annotate_mode(value) for value in ("missing", None, "all", True, False)]
        ['missing', 'missing', 'all', 'all', None]
    """
    if annotate is None:
        return "missing"
    if annotate is True:
        return "all"
    if annotate is False:
        return None
    if isinstance(annotate, str) and annotate in ANNOTATE_MODES:
        return annotate
    raise ValueError(f'annotate must be "missing", "all", None (as "missing"), True (as "all") or False (none), '
                     f"not {annotate!r}")


def annotated(target: _Annotatable, annotate: AnnotateSpec, annotator: Optional[Annotator],
              threads: Optional[int]) -> _Annotatable:
    """``target`` under the ``annotate=`` rule of :func:`newsdoc.load` and :func:`newsdoc.loads`
    (see :func:`annotate_mode`)."""
    mode = annotate_mode(annotate)
    if mode is None:
        return target
    return (annotator or default_annotator()).annotate(target, threads=threads, only_missing=mode == "missing")
