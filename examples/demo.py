"""`make demo`: the seed article as newsdoc's model sees it, then a short example."""

import textwrap
from pathlib import Path

import newsdoc

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0eafb7a6a491ae43.json"


def show(article: newsdoc.Article) -> None:
    print(f"title      {article.title}")
    print(f"id         {article.id}")
    print(f"published  {article.published}   source {article.source or '-'}   language {article.language or '-'}")
    print(f"authors    {', '.join(article.authors) or '-'}")
    print(f"tags       {', '.join(article.tags)}")
    print(f"meta       {article.meta}")
    print(f"body       {len(article.text)} characters in {len(article.paragraphs)} paragraphs"
          " (offsets are code points into article.text)")
    for p in article.paragraphs:
        first = textwrap.shorten(p.text, width=78, placeholder=" …")
        print(f"  [{p.index:2}] {p.start:5}–{p.end:<5} {first}")
    print(f"statements {len(article.attributions)} of {len(article.quotes)} quotes   entities {len(article.entities)}"
          f"   mentions {len(article.mentions)}")
    print("\nWho said what (one line per statement, in text order; a quoted fragment inside reported speech")
    print("is listed under its statement, the pieces of an interrupted quote are joined by …):")
    for statement in article.attributions:
        speaker = statement.speaker.name if statement.speaker else (statement.speaker_text or "?")
        said = textwrap.shorten(statement.text, width=70, placeholder=" …")
        cue = statement.cue_text or statement.cue or "-"
        print(f"  {statement.kind:8} {speaker:18} {cue:20} “{said}”")
        for fragment in statement.fragments:
            print(f"  {'':8} {'':18} {'└ fragment':20} “{textwrap.shorten(fragment.text, width=66, placeholder=' …')}”")
    print("\nWho and what is talked about (entities by mentions in the body):")
    for e in sorted(article.entities, key=lambda e: -len(e.mentions)):
        aliases = f"  also {', '.join(e.aliases)}" if e.aliases else ""
        print(f"  {len(e.mentions):3}× {e.name:28} {e.type:8}{aliases}")


def example() -> None:
    source = '{"headline": "Talks", "story": "“Yes,” he said.\\nNothing more.", "date": "2017-04-25"}'
    print(">>> corpus = newsdoc.loads(source, mapping={'title': 'headline', 'body': 'story'})")
    corpus = newsdoc.loads(source, mapping={"title": "headline", "body": "story"})
    print(">>> article = corpus[0]; article")
    article = corpus[0]
    print(repr(article))
    print(">>> [p.text for p in article.paragraphs], article.published")
    print(([p.text for p in article.paragraphs], article.published))
    print(">>> article.to_json()")
    print(article.to_json())


if __name__ == "__main__":
    corpus = newsdoc.load(SEED)
    print(f"newsdoc {newsdoc.__version__}: {SEED.relative_to(ROOT)}\n")
    show(corpus[0])
    imported = newsdoc.read_text(SEED.with_suffix(".txt"))
    print(f"\nnewsdoc.read_text({SEED.with_suffix('.txt').name!r}) == the JSON's article: {imported == corpus[0]}"
          " (imported and annotated)")
    print("\nA short Python example:\n")
    example()
