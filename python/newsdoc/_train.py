"""Training newsdoc's taggers: newsdoc.train, over the C++ trainer (newsdoc::model::train_models)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Union

from . import _core

__all__ = ["train", "TrainReport", "TrainedModel"]

_PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class TrainedModel:
    """One model file written by :func:`train`: its component (``"pos"``,
    ``"ner"``, ``"ner-doc"`` or ``"cue"``), path, the training data it saw
    and the seconds it took."""

    component: str
    path: str
    documents: int
    sentences: int
    tokens: int
    seconds: float


@dataclass(frozen=True)
class TrainReport:
    """What :func:`train` did.

    Attributes:
        trained: the model files written, in training order.
        skipped: components not trained, each with the reason.
        pos_model: the part-of-speech tagger the other taggers learnt from,
            when this run did not train one ("" otherwise); it is copied into
            the output folder.
        documents: documents read from the inputs.
        dev: per component, its dev scores in percent (empty without ``dev``):
            ``{"pos": {"accuracy": ...}, "ner": {"f1": ..., "PERSON_f1": ...},
            "cue": {"token_f1": ..., "span_f1": ...}}``, each with ``"tokens"``
            scored.
    """

    trained: List[TrainedModel]
    skipped: List[str]
    pos_model: str
    documents: int
    dev: Dict[str, Dict[str, float]] = field(default_factory=dict)

    @property
    def components(self) -> List[str]:
        """The components written."""
        return [model.component for model in self.trained]

    def __str__(self) -> str:
        lines = [f"{m.component}: {m.sentences} sentences, {m.tokens} tokens, {m.seconds:.1f} s -> {m.path}"
                 for m in self.trained]
        lines += [f"not trained: {why}" for why in self.skipped]
        for component, scores in self.dev.items():
            shown = ", ".join(f"{name} {value:.1f}" for name, value in scores.items()
                              if name in ("accuracy", "f1", "precision", "recall", "token_f1", "span_f1"))
            lines.append(f"dev {component}: {shown}")
        return "\n".join(lines)


def _paths(paths: Union[_PathLike, Iterable[_PathLike], None], what: str) -> List[str]:
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    out = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"{what} must be paths, not {type(path).__name__}")
        out.append(os.fspath(path))
    return out


def _progress(progress: Union[bool, Callable[[str], None], None]) -> Optional[Callable[[str], None]]:
    if progress is None or progress is False:
        return None
    if progress is True:
        return lambda line: print(line, file=sys.stderr, flush=True)
    if callable(progress):
        return progress
    raise TypeError(f"progress must be a bool or a callable taking a line, not {type(progress).__name__}")


def train(inputs: Union[_PathLike, Iterable[_PathLike]], out: _PathLike, *,
          components: Optional[Iterable[str]] = None, epochs: int = 8, seed: int = 1,
          dev: Union[_PathLike, Iterable[_PathLike], None] = None, limit: int = 0,
          pos_model: Optional[_PathLike] = None,
          progress: Union[bool, Callable[[str], None], None] = False) -> TrainReport:
    """Trains newsdoc's taggers and writes them to the folder ``out``, for
    ``Annotator(models=out)``. Deterministic: the same inputs and seed give the
    same bytes. The GIL is released while it trains.

    Args:
        inputs: one path or several, each one of: a CoreNLP JSONL file
            (``.jsonl`` or ``.jsonl.gz``, as PolNeAR's ``corenlp/train.jsonl.gz``:
            part-of-speech and entity labels; texts from the split's ``text``
            folder beside it, gold cues and attribution roles from its
            ``attributions`` folder); a BRAT folder (``<id>.txt`` and
            ``<id>.ann``, side by side or in ``text/`` and ``attributions/``:
            gold cues, sources and contents); a newsdoc JSON or JSONL file
            (quotes with their cue and speaker spans give cues and attribution
            roles, entity mentions give entity labels).
        out: the models folder, created if needed: ``pos.ndm``, ``ner.ndm``
            and ``ner-doc.ndm``, ``cue.ndm``, ``attribution.ndm``,
            ``attribution-cued.ndm`` and ``coref.ndm``. A component the inputs hold no data for
            is not written.
        components: any of ``"pos"``, ``"ner"`` (also writes ner-doc), ``"cue"``,
            ``"attribution"`` (also writes attribution-cued), ``"coref"``
            (from CoreNLP's coreference chains, over the entities and
            quotes the annotator finds with the taggers in ``out``, or the
            shipped ones);
            None: every one the inputs hold data for.
        epochs: passes of the averaged perceptron over the data.
        seed: the shuffling seed.
        dev: inputs of the same kinds to score the written models on
            (:attr:`TrainReport.dev`).
        limit: at most this many documents of each input (0: all).
        pos_model: without part-of-speech data, the POS tagger whose tags the
            other taggers learn from (default: ``out/pos.ndm`` if present,
            else the shipped one); copied into ``out``.
        progress: True prints a line per step to stderr; a callable receives
            each line.

    Raises:
        NotFoundError: an input does not exist.
        ModelError: an input of no known kind or without labels, a component
            asked for without data, or bad settings.

    Example:
        >>> report = newsdoc.train("tests/data/train/corenlp/tiny.jsonl", "tiny-models", epochs=4)
        >>> report.components
        ['pos', 'ner', 'ner-doc', 'cue', 'attribution', 'attribution-cued', 'coref']
        >>> ann = newsdoc.Annotator(models="tiny-models")
    """
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be a positive integer, not {epochs!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, not {seed!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ValueError(f"limit must be a non-negative integer, not {limit!r}")
    if isinstance(components, str):
        components = components.split(",")
    names = [c.strip() for c in components] if components is not None else []
    for name in names:
        if name not in ("pos", "ner", "cue", "attribution", "coref"):
            raise ValueError(f"unknown model component {name!r} (components: pos, ner, cue, attribution, coref)")
    paths = _paths(inputs, "inputs")
    if not paths:
        raise ValueError("no training input given")
    raw = _core.train_models(paths, os.fspath(out), names, epochs, seed, limit, _paths(dev, "dev"),
                             os.fspath(pos_model) if pos_model is not None else "", _progress(progress))
    return TrainReport(trained=[TrainedModel(**m) for m in raw["trained"]], skipped=list(raw["skipped"]),
                       pos_model=raw["pos_model"], documents=raw["documents"],
                       dev={c: dict(s) for c, s in raw["dev"].items()})
