"""newsdoc: a precise, fast, queryable document model for news articles.

Example:
    >>> import newsdoc
    >>> corpus = newsdoc.load("seeds/000_0eafb7a6a491ae43.json")
    >>> article = corpus[0]
    >>> article.title, len(article.paragraphs), article.tags[:2]
    ('Syria and Russia hold negotiations about new arms shipments', 12, ['Syria', 'Russia'])
"""

from ._annotate import Annotator, annotate
from ._core import __version__
from ._corpus import Corpus, concat
from ._errors import (Cancelled, EntityNotFound, InvalidArgumentError, IoError, ModelError, NewsdocError, NotFoundError,
                      NothingLoaded, OutOfRangeError, ParseError, ReadError, SchemaError)
from ._model import Article, Attribution, Entity, Mention, Paragraph, Quote
from ._pandas import TABLES, empty_frame
from ._train import TrainedModel, TrainReport, train
from ._io import FIELDS, MAPPINGS, LoadProgress, load, loads, parse_text, read_text
from ._query import AttributionResult, EntityCount, EntityTable, MentionResult, QuoteResult, SearchHit, SearchResult, fold_case

__all__ = [
    "__version__",
    "Annotator",
    "Article",
    "Attribution",
    "AttributionResult",
    "Cancelled",
    "Corpus",
    "Entity",
    "EntityCount",
    "EntityNotFound",
    "EntityTable",
    "FIELDS",
    "InvalidArgumentError",
    "IoError",
    "MAPPINGS",
    "LoadProgress",
    "Mention",
    "ModelError",
    "MentionResult",
    "NewsdocError",
    "NothingLoaded",
    "OutOfRangeError",
    "Paragraph",
    "ParseError",
    "Quote",
    "QuoteResult",
    "ReadError",
    "NotFoundError",
    "SchemaError",
    "SearchHit",
    "SearchResult",
    "TABLES",
    "TrainReport",
    "TrainedModel",
    "annotate",
    "concat",
    "empty_frame",
    "fold_case",
    "load",
    "loads",
    "parse_text",
    "read_text",
    "train",
]
