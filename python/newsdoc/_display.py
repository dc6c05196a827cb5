"""Rich display of articles, quotes, entities and corpora in notebooks.

Jupyter (and VS Code, Colab, ...) calls ``_repr_html_`` on the last value
of a cell: :class:`~newsdoc.Article`, :class:`~newsdoc.Corpus`,
:class:`~newsdoc.Quote` and :class:`~newsdoc.Entity` delegate to the
functions here. The output is self-contained HTML with inline styles (no
scripts, no third-party packages), and every piece of article data in it,
text and attribute values alike, is HTML-escaped.

In an article, each quote is highlighted in its speaker's colour (speakers
take the colours of :data:`PALETTE` in the order of their first quote; a
quote without a speaker is grey), each entity mention carries a small type
label, and hovering shows the canonical name, the speaker and the cue.
Quotes and mentions may nest or cross; the spans are always properly
nested, a crossing span being split in two.

The statistics behind the corpus summary (:func:`corpus_stats`) and the
speaker colours (:func:`speaker_colours`) are shared with the ``newsdoc``
command line.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from . import _core

__all__ = ["PALETTE", "UNKNOWN", "article_html", "attribution_html", "corpus_html", "corpus_stats", "entity_html",
           "quote_html", "speaker_colours"]


class Colour(NamedTuple):
    """A speaker colour: a light ``background`` for highlights, a darker ``accent`` for lines and text.

    Example:
        >>> PALETTE[0].background, PALETTE[0].accent
        ('#cfe2f3', '#1f77b4')
    """

    background: str
    accent: str


#: Speaker colours, assigned in the order of each speaker's first quote (cycling past the end).
PALETTE: Tuple[Colour, ...] = (
    Colour("#cfe2f3", "#1f77b4"),  # blue
    Colour("#fde0c5", "#d46a00"),  # orange
    Colour("#d5f0d5", "#2ca02c"),  # green
    Colour("#f8d0d0", "#d62728"),  # red
    Colour("#e4d8ef", "#9467bd"),  # purple
    Colour("#ccf0f3", "#119aa8"),  # teal
    Colour("#eadbd6", "#8c564b"),  # brown
    Colour("#f9d9ee", "#c2479f"),  # pink
    Colour("#eeeec8", "#8f9019"),  # olive
    Colour("#dde3ea", "#4a5a6a"),  # slate
)
#: The colour of a quote whose speaker is not known.
UNKNOWN = Colour("#e6e6e6", "#808080")

# Entity type label colours (OntoNotes labels); any other type is grey.
_TYPE_COLOURS = {
    "PERSON": "#1f5f99", "ORG": "#7a3e9d", "GPE": "#2e7d32", "LOC": "#2e7d32", "FAC": "#6d4c41",
    "NORP": "#ad5a00", "EVENT": "#b0275a", "PRODUCT": "#00796b", "WORK_OF_ART": "#5d4037", "LAW": "#455a64",
}
_KIND_RANK = {"indirect": 0, "direct": 1, "partial": 2}
_MENTION_RANK = 3
_SPEAKER_RANK = 4
_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"


def _e(value: Any) -> str:
    """``value`` as HTML text or attribute content: &, <, >, " and ' escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def speaker_colours(article) -> Dict[int, int]:
    """Palette positions of an article's speakers: ``{entity index: position}``.

    Speakers are numbered in the text order of their first quote, so the
    first speaker to be quoted gets ``PALETTE[0]``; positions grow past the
    palette's end, take them modulo ``len(PALETTE)``.

    Example:
        >>> a = newsdoc.Article(paragraphs=["“A,” said Bo. “B,” said Al."],
        ...     entities=[{"id": "al", "name": "Al"}, {"id": "bo", "name": "Bo"}],
        ...     quotes=[{"start": 15, "end": 16, "speaker": "al"}, {"start": 1, "end": 2, "speaker": "bo"}])
        >>> speaker_colours(a)
        {1: 0, 0: 1}
    """
    order: Dict[int, int] = {}
    for quote in sorted(article.quotes, key=lambda q: (q.start, q.end, q.index)):
        speaker = quote.speaker
        if speaker is not None and speaker.index not in order:
            order[speaker.index] = len(order)
    return order


def _colour(order: Dict[int, int], entity_index: Optional[int]) -> Colour:
    if entity_index is None or entity_index not in order:
        return UNKNOWN
    return PALETTE[order[entity_index] % len(PALETTE)]


# --- quotes and entities on their own -------------------------------------------------------------------------

def _quote_title(quote, speaker, speaker_text: Optional[str], cue: str) -> str:
    parts = [f"{quote.kind} quote"]
    if speaker is not None:
        who = f"speaker: {speaker.name or speaker.id}"
        if speaker_text and speaker_text != speaker.name:
            who += f" (“{speaker_text}”)"
        parts.append(who)
    else:
        parts.append("speaker unknown" + (f" (“{speaker_text}”)" if speaker_text else ""))
    if cue:
        parts.append(f"cue: {cue}")
    return " · ".join(parts)


def _quote_style(kind: str, colour: Colour) -> str:
    if kind == "indirect":
        return f"border-bottom:2px dashed {colour.accent};padding-bottom:1px"
    if kind == "partial":
        return f"background:{colour.background};border-bottom:2px solid {colour.accent};border-radius:2px"
    return f"background:{colour.background};border-radius:3px;padding:0 1px"


def _label(text: str, colour: str) -> str:
    return (f'<span class="nd-label" style="font-size:0.62em;font-weight:600;letter-spacing:0.02em;'
            f'color:{colour};border:1px solid {colour};border-radius:3px;padding:0 2px;margin-left:2px;'
            f'vertical-align:0.15em;{_FONT}">{_e(text)}</span>')


def _type_label(type_: str) -> str:
    return _label(type_ or "?", _TYPE_COLOURS.get(type_, "#777777"))


def quote_html(quote) -> str:
    """A quote in one line of HTML: its kind, text, speaker and cue (``Quote._repr_html_``).

    Example:
        >>> a = newsdoc.Article(paragraphs=["“Yes,” he said."], quotes=[{"start": 1, "end": 5, "cue": "said"}])
        >>> quote_html(a.quotes[0])[:27]
        '<span class="newsdoc-quote"'
    """
    speaker = quote.speaker
    speaker_text = quote.speaker_text
    cue = quote.cue
    colour = UNKNOWN if speaker is None else PALETTE[0]
    title = _quote_title(quote, speaker, speaker_text, cue)
    who = (_e(speaker.name or speaker.id) if speaker is not None
           else '<i style="color:#808080">unknown speaker</i>')
    if speaker_text and (speaker is None or speaker_text != speaker.name):
        who += f' <span style="color:#808080">(“{_e(speaker_text)}”)</span>'
    cue_html = f' <span style="color:#808080">{_e(cue)}</span>' if cue else ""
    return (f'<span class="newsdoc-quote" style="{_FONT}" title="{_e(title)}">'
            f'{_label(quote.kind, colour.accent)} '
            f'<span style="{_quote_style(quote.kind, colour)}">{_e(quote.text)}</span>'
            f' — {who}{cue_html} <span style="color:#999;font-size:0.85em">[{quote.start}:{quote.end}]</span>'
            f'</span>')


def attribution_html(attribution) -> str:
    """A statement in one line of HTML: kind, its parts with their fragments marked inside, speaker and cue.

    Example:
        >>> a = newsdoc.Article(paragraphs=["She said it was “fine” and “done”."],
        ...     quotes=[{"start": 9, "end": 33, "kind": "indirect", "attribution": 0},
        ...             {"start": 17, "end": 21, "kind": "partial", "attribution": 0, "parent": 0}])
        >>> html = attribution_html(a.attributions[0])
        >>> html.count('class="nd-fragment"')
        1
    """
    speaker = attribution.speaker
    speaker_text = attribution.speaker_text
    cue = attribution.cue
    kind = attribution.kind
    colour = UNKNOWN if speaker is None else PALETTE[0]
    text = attribution.article.text
    fragments = attribution.fragments
    pieces = []
    for part in attribution.content:
        inside = [_Span(f.start, f.end, 0, '<span class="nd-fragment" style="font-style:italic;'
                        'text-decoration:underline dotted">', "")
                  for f in fragments if part.start <= f.start and f.end <= part.end]
        pieces.append(f'<span style="{_quote_style(kind, colour)}">'
                      f'{_nest(text[part.start:part.end], part.start, inside)}</span>')
    who = (_e(speaker.name or speaker.id) if speaker is not None
           else '<i style="color:#808080">unknown speaker</i>')
    if speaker_text and (speaker is None or speaker_text != speaker.name):
        who += f' <span style="color:#808080">(“{_e(speaker_text)}”)</span>'
    cue_html = f' <span style="color:#808080">{_e(cue)}</span>' if cue else ""
    parts = len(attribution.content)
    count = f' · {parts} parts' if parts > 1 else ""
    if fragments:
        count += f' · {len(fragments)} fragment{"" if len(fragments) == 1 else "s"}'
    return (f'<span class="newsdoc-attribution" style="{_FONT}">'
            f'{_label(kind, colour.accent)} {" … ".join(pieces)}'
            f' — {who}{cue_html} <span style="color:#999;font-size:0.85em">'
            f'[{attribution.start}:{attribution.end}]{count}</span></span>')


def entity_html(entity) -> str:
    """An entity in one line of HTML: name, type, id, aliases, mention count (``Entity._repr_html_``).

    Example:
        >>> a = newsdoc.Article(paragraphs=["Assad spoke."],
        ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON", "aliases": ["Assad"]}])
        >>> "Bashar al-Assad" in entity_html(a.entities[0])
        True
    """
    aliases = entity.aliases
    mentions = len(entity.mentions)
    alias_html = (f' <span style="color:#808080">aka {_e(", ".join(aliases))}</span>' if aliases else "")
    return (f'<span class="newsdoc-entity" style="{_FONT}" title="{_e(entity.id)}">'
            f'<b>{_e(entity.name or entity.id)}</b>{_type_label(entity.type)}{alias_html}'
            f' <span style="color:#999;font-size:0.85em">{_e(entity.id)} · {mentions} '
            f'mention{"" if mentions == 1 else "s"}</span></span>')


# --- articles ---------------------------------------------------------------------------------------------------

class _Span(NamedTuple):
    start: int
    end: int            # the end of the whole span, not of this paragraph's piece
    rank: int           # outer first when two spans cover the same text
    open: str           # the opening tag
    label: str          # HTML put just before the closing tag at the span's real end


def _spans(article, order: Dict[int, int]) -> List[_Span]:
    spans: List[_Span] = []
    speaker_spans: Dict[Tuple[int, int], List[str]] = {}
    speaker_span_colour: Dict[Tuple[int, int], Colour] = {}
    for quote in article.quotes:
        speaker = quote.speaker
        speaker_text = quote.speaker_text
        cue = quote.cue
        kind = quote.kind
        colour = _colour(order, None if speaker is None else speaker.index)
        title = _quote_title(quote, speaker, speaker_text, cue)
        speaker_attr = "" if speaker is None else f' data-speaker="{_e(speaker.id)}"'
        # A fragment nests inside its statement's span (the longer span opens first).
        fragment = " nd-fragment" if quote.is_fragment else ""
        spans.append(_Span(quote.start, quote.end, _KIND_RANK.get(kind, 1),
                           f'<span class="nd-quote nd-{_e(kind)}{fragment}" data-quote="{quote.index}" '
                           f'data-attribution="{quote.attribution.index}" data-kind="{_e(kind)}"'
                           f'{speaker_attr} style="{_quote_style(kind, colour)}" title="{_e(title)}">', ""))
        span = quote.speaker_span
        if span is not None and span[0] < span[1]:
            who = (speaker.name or speaker.id) if speaker is not None else "unknown speaker"
            speaker_spans.setdefault((span[0], span[1]), [])
            if who not in speaker_spans[(span[0], span[1])]:
                speaker_spans[(span[0], span[1])].append(who)
            speaker_span_colour.setdefault((span[0], span[1]), colour)
    for mention in article.mentions:
        entity = mention.entity
        title = f"{entity.name or entity.id} · {entity.type or 'entity'}"
        if entity.aliases:
            title += f" · aka {', '.join(entity.aliases)}"
        spans.append(_Span(mention.start, mention.end, _MENTION_RANK,
                           f'<span class="nd-mention" data-entity="{_e(entity.id)}" data-type="{_e(entity.type)}" '
                           f'style="border-bottom:1px dotted #666" title="{_e(title)}">', _type_label(entity.type)))
    for (start, end), names in speaker_spans.items():
        colour = speaker_span_colour[(start, end)]
        spans.append(_Span(start, end, _SPEAKER_RANK,
                           f'<span class="nd-speaker" style="font-weight:600;color:{colour.accent}" '
                           f'title="{_e("speaker: " + "; ".join(names))}">', ""))
    return spans


def _nest(text: str, base: int, spans: Sequence[_Span]) -> str:
    """``text`` (the body from ``base`` on) as HTML with ``spans`` as properly nested <span> elements.

    Spans are cut to the text. At each position the spans ending there close
    (a span still open inside one of them closes too and opens again right
    after it: a crossing span is split), then those starting there open,
    longer ones outside shorter ones.
    """
    end_of_text = base + len(text)
    pieces = []
    for span in spans:
        start, end = max(span.start, base), min(span.end, end_of_text)
        if start < end:
            pieces.append((start, end, span))
    pieces.sort(key=lambda p: (p[0], -p[1], p[2].rank))
    positions = sorted({p[0] for p in pieces} | {p[1] for p in pieces} | {end_of_text})
    out: List[str] = []
    stack: List[Tuple[int, int, _Span]] = []
    next_piece = 0
    position = base
    for boundary in positions:
        out.append(_e(text[position - base:boundary - base]))
        position = boundary
        closing = [k for k, piece in enumerate(stack) if piece[1] == boundary]
        if closing:
            lowest = closing[0]
            popped = stack[lowest:]
            del stack[lowest:]
            for piece in reversed(popped):
                if piece[1] == boundary and piece[2].end == boundary:
                    out.append(piece[2].label)
                out.append("</span>")
            for piece in popped:
                if piece[1] != boundary:
                    out.append(piece[2].open)
                    stack.append(piece)
        while next_piece < len(pieces) and pieces[next_piece][0] == boundary:
            out.append(pieces[next_piece][2].open)
            stack.append(pieces[next_piece])
            next_piece += 1
    assert not stack, "every span ends inside the text"
    return "".join(out)


def _metadata_html(article, position: Optional[str] = None) -> str:
    parts = []
    if article.source:
        parts.append(f"<b>{_e(article.source)}</b>")
    if article.published:
        parts.append(f"<time>{_e(article.published)}</time>")
    if article.authors:
        parts.append("by " + _e(", ".join(article.authors)))
    url = article.url
    if url:
        if url.lower().startswith(("http://", "https://")):
            parts.append(f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer" '
                         f'style="color:#1f5f99">{_e(_short(url, 70))}</a>')
        else:  # javascript: and the like stay text
            parts.append(_e(_short(url, 70)))
    if article.language:
        parts.append(_e(article.language))
    if article.id:
        parts.append(f'<span style="color:#999">id {_e(article.id)}</span>')
    if position:
        parts.append(_e(position))
    return " · ".join(parts)


def _legend_html(article, order: Dict[int, int]) -> str:
    statements = article.attributions
    if not statements:
        return '<div class="nd-legend" style="color:#808080;font-size:0.85em;margin:4px 0">No quotes.</div>'
    # Counted per statement: the pieces of an interrupted quote and the fragments inside one are one.
    counts: Counter = Counter()
    unknown = 0
    for statement in statements:
        speaker = statement.speaker
        if speaker is None:
            unknown += 1
        else:
            counts[speaker.index] += 1
    entities = article.entities
    items = []
    for index, _ in sorted(order.items(), key=lambda item: item[1]):
        colour = _colour(order, index)
        entity = entities[index]
        items.append(f'<span class="nd-legend-speaker" style="background:{colour.background};'
                     f'border-left:4px solid {colour.accent};padding:0 4px;margin-right:6px;white-space:nowrap" '
                     f'title="{_e(entity.id)}">{_e(entity.name or entity.id)}'
                     f'<span style="color:#666"> ({counts[index]})</span></span>')
    if unknown:
        items.append(f'<span class="nd-legend-unknown" style="background:{UNKNOWN.background};'
                     f'border-left:4px solid {UNKNOWN.accent};padding:0 4px;margin-right:6px;white-space:nowrap">'
                     f'<i>unknown speaker</i><span style="color:#666"> ({unknown})</span></span>')
    grey = UNKNOWN
    kinds = (f'<span style="{_quote_style("direct", grey)}">direct</span> '
             f'<span style="{_quote_style("partial", grey)}">partial</span> '
             f'<span style="{_quote_style("indirect", grey)}">indirect</span>')
    return (f'<div class="nd-legend" style="font-size:0.85em;margin:6px 0;line-height:1.9">'
            f'<span style="color:#666;margin-right:6px">Speakers:</span>{"".join(items)}'
            f'<span style="color:#666;margin:0 6px 0 8px">Quotes:</span>{kinds}</div>')


def article_html(article, *, position: Optional[str] = None) -> str:
    """An article as HTML (``Article._repr_html_``).

    The title, a metadata line (source, date, authors, a link to the URL),
    the tags, a legend of speakers, and the paragraphs, in which quotes are
    highlighted in their speaker's colour (direct: filled, partial: filled
    and underlined, indirect: dashed underline), entity mentions carry a
    type label, and the speaker's words are bold. Hover for names and cues.
    ``position`` is an extra note for the metadata line ("article 3 of 10").

    Example:
        >>> a = newsdoc.Article(title="Talks", paragraphs=["“Yes,” Assad said."],
        ...     entities=[{"id": "e1", "name": "Bashar al-Assad", "type": "PERSON"}],
        ...     mentions=[{"entity": "e1", "start": 7, "end": 12}],
        ...     quotes=[{"start": 1, "end": 5, "speaker": "e1", "speaker_span": [7, 12], "cue": "said"}])
        >>> html = article_html(a)
        >>> 'data-quote="0"' in html and "Bashar al-Assad" in html
        True
    """
    order = speaker_colours(article)
    spans = _spans(article, order)
    title = article.title
    head = (f'<div style="font-size:1.3em;font-weight:600;margin-bottom:2px">{_e(title)}</div>' if title
            else '<div style="font-size:1.3em;color:#999;margin-bottom:2px"><i>(untitled)</i></div>')
    meta = _metadata_html(article, position)
    meta_html = f'<div class="nd-meta" style="color:#555;font-size:0.9em">{meta}</div>' if meta else ""
    tags = article.tags
    tags_html = ""
    if tags:
        chips = "".join(f'<span style="background:#eef1f4;border-radius:8px;padding:0 6px;margin-right:4px;'
                        f'font-size:0.8em;color:#444;white-space:nowrap">{_e(tag)}</span>' for tag in tags)
        tags_html = f'<div class="nd-tags" style="margin-top:3px">{chips}</div>'
    body = []
    for paragraph in article.paragraphs:
        body.append(f'<p class="nd-paragraph" data-paragraph="{paragraph.index}" style="margin:0.6em 0">'
                    f'{_nest(paragraph.text, paragraph.start, spans)}</p>')
    if not body:
        body.append('<p style="color:#999"><i>(no body text)</i></p>')
    return (f'<div class="newsdoc-article" style="{_FONT};line-height:1.55;max-width:52em">'
            f'{head}{meta_html}{tags_html}{_legend_html(article, order)}{"".join(body)}</div>')


# --- corpora ----------------------------------------------------------------------------------------------------

def corpus_stats(corpus, *, limit: Optional[int] = None, top: int = 10) -> Dict[str, Any]:
    """Counts over a :class:`Corpus` for summaries.

    Looks at the first ``limit`` articles (all when None). Speakers and
    entities are corpus entities, grouped by the corpus index as
    :meth:`Corpus.entities` groups them (entity ids belong to one article):
    "Trump" and "Donald Trump" are one person when the corpus makes that
    unambiguous. So ``entities`` and ``entities_by_type`` count distinct
    corpus entities, ``top_speakers`` gives each its statements (ties: the
    more widespread first) and ``top_entities`` its mentions and articles.
    That needs a Corpus: make other articles one first
    (``newsdoc.Corpus(articles)``); anything else is a TypeError. Dates are
    instants (:attr:`Article.published_at`, whatever the form of
    ``published``): ``published_min`` and ``published_max`` are the first
    and last day (UTC, ``YYYY-MM-DD``), ``undated`` counts articles without
    a date and ``unparsed`` those whose date newsdoc cannot read. ``quotes`` counts statements (attributions,
    by kind in ``quotes_by_kind``), ``quote_parts`` every quote and
    ``fragments`` the quoted fragments inside another quote.

    Example:
        >>> corpus = newsdoc.loads('{"title": "A", "source": "x", "published": "2017-04-25"}\\n{"title": "B"}')
        >>> s = corpus_stats(corpus)
        >>> s["articles"], s["sources"], s["published_min"], s["undated"]
        (2, [('x', 1)], '2017-04-25', 1)
    """
    if not callable(getattr(corpus, "entities", None)):
        raise TypeError(f"corpus_stats() takes a Corpus (newsdoc.Corpus(articles) makes one), "
                        f"not {type(corpus).__name__}")
    count = len(corpus)
    # Only a limit short of the corpus slices it: the slice is a new Corpus whose index is built afresh,
    # while the corpus itself keeps its index between renders.
    if limit is not None and limit < count:
        corpus = corpus[:limit]
    scanned = len(corpus)
    paragraphs = mentions = undated = quotes_with_speaker = quote_count = fragments = 0
    kinds: Counter = Counter(dict.fromkeys(_core.QUOTE_KINDS, 0))
    sources: Counter = Counter()
    dates: List[Any] = []
    unparsed = 0
    for article in corpus:
        paragraphs += len(article.paragraphs)
        if article.source:
            sources[article.source] += 1
        published = article.published
        instant = article.published_at if published else None
        if instant is not None:
            dates.append(instant)
        elif published:
            unparsed += 1
        else:
            undated += 1
        # Statements are counted once: an interrupted quote or reported speech with quoted fragments is one.
        for statement in article.attributions:
            kinds[statement.kind] += 1
            quotes_with_speaker += statement.speaker is not None
        for quote in article.quotes:
            quote_count += 1
            fragments += quote.is_fragment
        mentions += len(article.mentions)
    quotes = sum(kinds.values())
    entities = corpus.entities()
    types = Counter(entity.type or "?" for entity in entities)
    speakers = sorted((e for e in entities if e.quotes), key=lambda e: -e.quotes)  # stable: ties as entities() has them
    top_entities = sorted(entities, key=lambda e: (-e.mentions, -e.articles, e.name, e.type))[:top]
    return {
        "articles": count,
        "scanned": scanned,
        "paragraphs": paragraphs,
        "sources": sources.most_common(top),
        "source_count": len(sources),
        "published_min": min(dates).date().isoformat() if dates else None,
        "published_max": max(dates).date().isoformat() if dates else None,
        "undated": undated,
        "unparsed": unparsed,
        "quotes": quotes,
        "quotes_by_kind": dict(kinds),
        "quote_parts": quote_count,
        "fragments": fragments,
        "quotes_with_speaker": quotes_with_speaker,
        "speaker_share": quotes_with_speaker / quotes if quotes else None,
        "entities": len(entities),
        "entities_by_type": dict(types.most_common()),
        "mentions": mentions,
        "top_speakers": [(e.name, e.quotes) for e in speakers[:top]],
        "top_entities": [(e.name, e.type, e.mentions, e.articles) for e in top_entities],
    }


def _counted(items: Iterable[Tuple[Any, int]]) -> str:
    return ", ".join(f'{_e(name)} <span style="color:#888">({n:,})</span>' for name, n in items) or "—"


def corpus_html(corpus, *, limit: int = 10_000, top: int = 10, preview: int = 5) -> str:
    """A corpus as an HTML summary table (``Corpus._repr_html_``).

    Articles, sources, date range, paragraphs, quotes by kind and the share
    with a known speaker, entities by type, the top speakers and entities
    (corpus entities, see :func:`corpus_stats`), and the first ``preview``
    articles. Counts look at the first ``limit`` articles only, so a large
    corpus displays quickly; the table says so.

    Example:
        >>> corpus = newsdoc.loads('{"title": "A"}\\n{"title": "B"}')
        >>> "<table" in corpus_html(corpus)
        True
    """
    n = len(corpus)
    stats = corpus_stats(corpus, limit=limit, top=top)
    errors = len(corpus.errors)
    rows: List[Tuple[str, str]] = []
    rows.append(("Articles", f"{n:,}" + (f' <span style="color:#b00">({errors:,} bad records skipped)</span>'
                                         if errors else "")))
    if stats["scanned"] < n:
        rows.append(("Counted", f'the first {stats["scanned"]:,} articles'))
    rows.append(("Sources", f'{stats["source_count"]:,}' + (f': {_counted(stats["sources"])}'
                                                             if stats["sources"] else "")))
    if stats["published_min"] is not None:
        span = _e(stats["published_min"])
        if stats["published_max"] != stats["published_min"]:
            span += f' – {_e(stats["published_max"])}'
        notes = [f'{stats[k]:,} {k}' for k in ("undated", "unparsed") if stats.get(k)]
        if notes:
            span += f' <span style="color:#888">({", ".join(notes)})</span>'
    else:
        span = '<span style="color:#888">no dates</span>'
    rows.append(("Published", span))
    rows.append(("Paragraphs", f'{stats["paragraphs"]:,}'))
    quotes = stats["quotes"]
    quote_cell = f"{quotes:,}"
    if quotes:
        quote_cell += " (" + ", ".join(f"{kind} {c:,}" for kind, c in stats["quotes_by_kind"].items()) + ")"
        quote_cell += f'; {stats["speaker_share"]:.0%} with a speaker'
    rows.append(("Quotes", quote_cell))
    entity_cell = f'{stats["entities"]:,}'
    if stats["entities"]:
        by_type = list(stats["entities_by_type"].items())
        entity_cell += " (" + ", ".join(f"{_e(t)} {c:,}" for t, c in by_type[:top])
        entity_cell += ", …)" if len(by_type) > top else ")"
        entity_cell += f'; {stats["mentions"]:,} mentions'
    rows.append(("Entities", entity_cell))
    if stats["top_speakers"]:
        rows.append(("Top speakers", _counted(stats["top_speakers"])))
    if stats["top_entities"]:
        rows.append(("Top entities", ", ".join(
            f'{_e(name)}{_type_label(type_)} <span style="color:#888">({m:,})</span>'
            for name, type_, m, _ in stats["top_entities"])))
    cell = "padding:2px 10px 2px 0;text-align:left;vertical-align:top;border:none"
    table = "".join(f'<tr><th style="{cell};color:#555;white-space:nowrap">{name}</th>'
                    f'<td style="{cell}">{value}</td></tr>' for name, value in rows)
    first = []
    for i, article in enumerate(corpus[:preview]):
        first.append(f'<tr><td style="{cell};color:#888">{i}</td><td style="{cell}">{_e(_short(article.id, 24))}</td>'
                     f'<td style="{cell}">{_e(_short(article.title, 80))}</td>'
                     f'<td style="{cell}">{_e(article.source)}</td><td style="{cell}">{_e(article.published or "")}</td>'
                     f'<td style="{cell};text-align:right">{len(article.quotes)}</td></tr>')
    preview_html = ""
    if first:
        head = "".join(f'<th style="{cell};color:#555">{h}</th>' for h in ("#", "id", "title", "source",
                                                                           "published", "quotes"))
        more = f'<div style="color:#888;font-size:0.85em">… and {n - preview:,} more</div>' if n > preview else ""
        preview_html = (f'<table class="nd-preview" style="border-collapse:collapse;margin-top:6px;font-size:0.9em">'
                        f'<tr>{head}</tr>{"".join(first)}</table>{more}')
    return (f'<div class="newsdoc-corpus" style="{_FONT}">'
            f'<div style="font-weight:600;margin-bottom:4px">newsdoc Corpus</div>'
            f'<table class="nd-summary" style="border-collapse:collapse">{table}</table>{preview_html}</div>')
