#!/usr/bin/env python3
"""Word clusters for the taggers' features, from unlabelled news in ../shared.

A word's cluster stands in for the word where the tagged training data is
thin: "endorsed" shares a cluster with "backed" and "supported", "Mnuchin" with
other surnames. CoreNLP's NER uses such distributional clusters; ours come from
word2vec vectors (gensim, continuous bag of words, one thread and a fixed seed,
so the same text gives the same vectors) grouped by spherical k-means at three
granularities.

Text: PolNeAR's train split (not dev), the BBC articles, news-sample-2000 and
realnews-tiny: no labels of any of them are read. Tokens approximate the
taggers' (Penn Treebank-like: "n't" and "'s" split, typographic quotes and
dashes made ASCII), case kept.

Output: one line per word, `word<TAB>c64<TAB>c256<TAB>c1024`, sorted by word;
cpp/data/lexicon/word_clusters.tsv is embedded in the library (CMakeLists.txt).

    .venv/bin/python cpp/data/build_word_clusters.py --shared ../shared --out cpp/data/lexicon/word_clusters.tsv
"""
import argparse
import gzip
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

TYPOGRAPHIC = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-",
                             "\u2026": "..."})
TOKEN = re.compile(r"n't|'s|'re|'ve|'ll|'d|'m|(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|"
                   r"[^\W_]+(?:[-'&.][^\W_]+)*|\S", re.UNICODE)
CLITIC = re.compile(r"(?i)(\w)(n't|'s|'re|'ve|'ll|'d|'m)\b")
GRANULARITIES = (64, 256, 1024)


def tokens(text: str):
    text = CLITIC.sub(r"\1 \2", text.translate(TYPOGRAPHIC))
    return TOKEN.findall(text)


def documents(shared: Path):
    for path in sorted((shared / "corpora/polnear/train/text").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    for path in sorted((shared / "corpora/bbc").rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    for name, field in (("news-sample-2000.jsonl", "content"), ("realnews-tiny.jsonl", "text")):
        with open(shared / "corpora" / name, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                yield str(record.get("title") or "") + "\n" + str(record.get(field) or "")


def sentences(shared: Path):
    for doc in documents(shared):
        for paragraph in doc.split("\n"):
            words = tokens(paragraph)
            if words:
                yield words


def spherical_kmeans(vectors: np.ndarray, k: int, seed: int, iterations: int = 25) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    assign = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(vectors @ centres.T, axis=1)
        for c in range(k):
            members = vectors[assign == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(np.linalg.norm(centre), 1e-9)
    return assign


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":  # gensim hashes words to seed their vectors
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    from gensim.models import Word2Vec

    corpus = list(sentences(args.shared))
    print(f"{len(corpus)} paragraphs, {sum(map(len, corpus))} tokens", file=sys.stderr)
    model = Word2Vec(corpus, vector_size=100, window=3, min_count=args.min_count, sg=0, negative=5, epochs=10,
                     workers=1, seed=args.seed)
    words = list(model.wv.index_to_key)
    vectors = model.wv.vectors / np.maximum(np.linalg.norm(model.wv.vectors, axis=1, keepdims=True), 1e-9)
    print(f"{len(words)} words of {args.min_count}+ occurrences", file=sys.stderr)
    columns = [spherical_kmeans(vectors, k, args.seed + k) for k in GRANULARITIES]
    rows = sorted(zip(words, *columns))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for word, *ids in rows:
            f.write(word + "\t" + "\t".join(str(int(i)) for i in ids) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
