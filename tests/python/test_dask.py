"""newsdoc.dask: bags of corpora and Dask DataFrames, on one process and on a two-process LocalCluster.

Every result computed by Dask must equal the single-process answer exactly. The cluster tests are
bounded: each computation waits at most COMPUTE_TIMEOUT seconds, the cluster's start CLUSTER_TIMEOUT.
"""

from __future__ import annotations

import gzip
import logging
from pathlib import Path
from typing import Dict, List

import pytest

import newsdoc
from conftest import seed_file

dask = pytest.importorskip("dask", reason="newsdoc.dask needs Dask: apt-get install python3-dask")
pytest.importorskip("dask.dataframe", reason="the frames need dask.dataframe (pandas): apt-get install python3-pandas")
import dask.bag  # noqa: E402

import newsdoc.dask as nd  # noqa: E402

COMPUTE_TIMEOUT = 60
CLUSTER_TIMEOUT = 60
SHARDS = 4


def normalised(frame, like):
    """``frame`` with the categories of each categorical column in the order ``like`` has them.

    A computed Dask frame lists categories in order of appearance; reorder_categories fails unless both
    hold the same categories.
    """
    for name, dtype in frame.dtypes.items():
        if str(dtype) == "category":
            frame[name] = frame[name].cat.reorder_categories(like[name].cat.categories)
    return frame


def assert_frames_equal(computed, expected, keys: List[str]) -> None:
    """Same columns, dtypes, rows and values, compared after sorting both by ``keys``."""
    import pandas

    computed = normalised(computed, expected).sort_values(keys, kind="stable").reset_index(drop=True)
    expected = expected.sort_values(keys, kind="stable").reset_index(drop=True)
    pandas.testing.assert_frame_equal(computed, expected, check_exact=True)


def numbered(articles: List[newsdoc.Article]) -> newsdoc.Corpus:
    """A corpus of ``articles``, each id prefixed with the article's position: a load refuses copies with one id."""
    return newsdoc.Corpus([newsdoc.Article.from_dict({**a.to_dict(), "id": f"{i}-{a.id}"})
                           for i, a in enumerate(articles)])


def without_corpus_entity(frame):
    return frame.drop(columns="corpus_entity", errors="ignore")


ROW_KEYS = {"articles": ["article_index"], "paragraphs": ["article_index", "paragraph_index"],
            "quotes": ["article_index", "quote_index"], "attributions": ["article_index", "attribution_index"],
            "entities": ["article_index", "entity_index"], "mentions": ["article_index", "mention_index"]}
FRAMES = {"articles": nd.articles_frame, "paragraphs": nd.paragraphs_frame, "quotes": nd.quotes_frame,
          "attributions": nd.attributions_frame, "entities": nd.entities_frame, "mentions": nd.mentions_frame}


# --- one process (Dask's synchronous scheduler) -----------------------------------------------------


@pytest.fixture
def synchronous():
    with dask.config.set(scheduler="synchronous"):
        yield


def write_lines(path: Path, records: List[str]) -> Path:
    path.write_text("".join(line + "\n" for line in records), encoding="utf-8")
    return path


RECORDS = [f'{{"id": "a{i}", "title": "Title {i} – ü", "body": "“Yes,” said Ann Lee {i}."}}' for i in range(40)]
# Records without ids, one with its own, blank lines between some: ids and origins come from the lines.
ID_LESS = ['{"title": "One", "body": "First."}', '', '{"title": "Two", "body": "Second."}',
           '{"id": "own", "title": "Three", "body": "Third."}', '   ', '', '{"title": "Four", "body": "Fourth."}',
           '{"title": "Five", "body": "Fifth."}', '{"title": "Six", "body": "Sixth."}']
ID_LESS_ORIGINS = [("noid:1", 1), ("noid:3", 3), ("own", 4), ("noid:7", 7), ("noid:8", 8), ("noid:9", 9)]


@pytest.fixture
def memory_folder(request):
    """fsspec's in-memory filesystem, a remote one as far as read_jsonl knows, and a folder of this test's in it."""
    import fsspec

    fs = fsspec.filesystem("memory")
    root = f"/{request.node.name.replace('[', '-').rstrip(']')}"
    yield fs, root
    fs.rm(root, recursive=True)



class TestReadJsonl:
    @pytest.mark.parametrize("blocksize", [1, 37, 100, 513, 4096, None])
    def test_every_line_lands_in_exactly_one_partition(self, tmp_path, synchronous, blocksize):
        path = write_lines(tmp_path / "a.jsonl", RECORDS)
        bag = nd.read_jsonl(str(path), blocksize=blocksize, annotate=False)
        size = path.stat().st_size
        assert bag.npartitions == (1 if blocksize is None else -(-size // blocksize))
        assert [a.id for a in bag.compute()] == [f"a{i}" for i in range(40)]

    def test_partitions_are_corpora(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", RECORDS)
        parts = dask.compute(*nd.read_jsonl(str(path), blocksize=1000, annotate=False).to_delayed())
        assert all(isinstance(part, newsdoc.Corpus) for part in parts)
        assert sum(len(part) for part in parts) == 40
        assert len(parts) > 2

    def test_folder_glob_list_and_gzip(self, tmp_path, synchronous):
        write_lines(tmp_path / "b.jsonl", RECORDS[20:])
        write_lines(tmp_path / "a.jsonl", RECORDS[:10])
        (tmp_path / "sub").mkdir()
        with gzip.open(tmp_path / "sub" / "c.jsonl.gz", "wt", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in RECORDS[10:20]))
        (tmp_path / "notes.md").write_text("not an article")
        expected = [f"a{i}" for i in range(40)]
        by_folder = nd.read_jsonl(str(tmp_path), blocksize=200, annotate=False)
        assert [a.id for a in by_folder.compute()] == [f"a{i}" for i in list(range(10)) + list(range(20, 40))
                                                       + list(range(10, 20))]
        by_list = nd.read_jsonl([str(tmp_path / "a.jsonl"), str(tmp_path / "sub" / "c.jsonl.gz"),
                                 str(tmp_path / "b.jsonl")], annotate=False)
        assert [a.id for a in by_list.compute()] == expected
        assert [a.id for a in nd.read_jsonl(str(tmp_path / "*.jsonl"), annotate=False).compute()] == (
            [f"a{i}" for i in list(range(10)) + list(range(20, 40))])

    def test_json_files_are_whole_partitions(self, tmp_path, synchronous):
        (tmp_path / "one.json").write_text('{\n  "id": "x",\n  "title": "Multi-line"\n}\n')
        bag = nd.read_jsonl(str(tmp_path / "one.json"), blocksize=5, annotate=False)
        assert bag.npartitions == 1
        assert [a.title for a in bag.compute()] == ["Multi-line"]

    def test_annotate_and_mapping_as_in_load(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", ['{"headline": "H", "story": "“Yes,” said Ann Lee."}'])
        bag = nd.read_jsonl(str(path), mapping={"title": "headline", "body": "story"})
        expected = newsdoc.load(path, mapping={"title": "headline", "body": "story"})
        (article,) = bag.compute()
        assert article == expected[0]
        assert article.title == "H"
        assert [(q.text, q.speaker.name) for q in article.quotes] == [("Yes,", "Ann Lee")]

    @pytest.mark.parametrize("annotate, speaker", [("missing", None), ("all", "Ann")])
    def test_annotate_modes_as_in_load(self, tmp_path, synchronous, annotate, speaker):
        by_hand = newsdoc.Article(id="hand", paragraphs=["“Hi,” Ann said."],
                                  quotes=[{"start": 1, "end": 4, "kind": "direct"}])
        path = tmp_path / "a.jsonl"
        newsdoc.Corpus([by_hand]).to_jsonl(path)
        (article,) = nd.read_jsonl(str(path), annotate=annotate).compute()
        assert article == newsdoc.load(path, annotate=annotate)[0]
        assert article.quotes[0].speaker_text == speaker

    def test_errors_name_the_file_and_the_line_in_it(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", RECORDS[:5] + ['', '{"id": "bad", "title": }'] + RECORDS[5:10])
        start = sum(len(line.encode()) + 1 for line in RECORDS[:3])
        with pytest.raises(newsdoc.ParseError) as error:
            nd.read_jsonl(str(path), blocksize=start - 1, annotate=False).compute()
        assert (error.value.path, error.value.line, error.value.column) == (str(path), 7, 24)
        assert str(error.value).startswith(f"{path}:7:24: ")
        skipped = nd.read_jsonl(str(path), blocksize=start - 1, annotate=False, on_error="skip")
        parts = dask.compute(*skipped.to_delayed())
        assert sum(len(part) for part in parts) == 10
        assert [(e.path, e.line) for part in parts for e in part.errors] == [(str(path), 7)]

    @pytest.mark.parametrize("blocksize", [1, 37, 60, 100, None])
    def test_id_less_records_get_the_ids_and_origins_of_load(self, tmp_path, synchronous, blocksize):
        path = write_lines(tmp_path / "noid.jsonl", ID_LESS)
        bag = nd.read_jsonl(str(path), blocksize=blocksize, annotate=False)
        assert blocksize is None or bag.npartitions > 2
        articles = bag.compute()
        assert [(a.id, a.origin) for a in articles] == [(id, (str(path), line)) for id, line in ID_LESS_ORIGINS]
        assert [(a.id, a.origin) for a in articles] == [(a.id, a.origin)
                                                        for a in newsdoc.load(str(path), annotate=False)]

    def test_no_task_holds_a_block_of_raw_bytes(self, tmp_path, synchronous):
        """A block's bytes live only inside the task that loads it: a task result of bytes would stay in
        memory until the later blocks' line numbers are known, many blocks at once."""
        path = write_lines(tmp_path / "noid.jsonl", [f'{{"title": "Title {i}"}}' for i in range(30)])
        results = []
        with dask.callbacks.Callback(posttask=lambda key, result, dsk, state, worker: results.append(result)):
            articles = nd.read_jsonl(str(path), blocksize=40, annotate=False).compute()
        assert [a.id for a in articles] == [f"noid:{line}" for line in range(1, 31)]
        assert results and not [r for r in results
                                if isinstance(r, bytes) or isinstance(r, tuple) and any(isinstance(x, bytes) for x in r)]

    @pytest.mark.parametrize("blocksize", [1, 60, None])
    def test_id_less_records_on_a_remote_filesystem(self, memory_folder, synchronous, blocksize):
        fs, root = memory_folder
        data = "".join(line + "\n" for line in ID_LESS).encode()
        fs.pipe(f"{root}/news/noid.jsonl", data)
        fs.pipe(f"{root}/news/sub/zipped.jsonl.gz", gzip.compress(data))
        articles = nd.read_jsonl(f"memory://{root}/news", blocksize=blocksize, annotate=False).compute()
        assert [(a.id, a.origin) for a in articles] == (
            [(id, (f"{root}/news/noid.jsonl", line)) for id, line in ID_LESS_ORIGINS]
            + [(id.replace("noid", "sub/zipped"), (f"{root}/news/sub/zipped.jsonl.gz", line))
               for id, line in ID_LESS_ORIGINS])

    def test_duplicate_ids_in_a_partition_as_in_load(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "dup.jsonl", ['{"title": "One"}', '{"id": "dup:1", "title": "Two"}', '',
                                                    '{"title": "Three"}'])
        for blocksize in (40, None):  # 40: lines 1 and 2 make the first block
            bag = nd.read_jsonl(str(path), blocksize=blocksize, annotate=False)
            assert bag.npartitions == (1 if blocksize is None else 2)
            with pytest.raises(newsdoc.SchemaError) as error:
                bag.compute()
            assert str(error.value) == f'{path}:2: /id: duplicate id "dup:1": the first is in {path}:1'
            parts = dask.compute(*nd.read_jsonl(str(path), blocksize=blocksize, annotate=False,
                                                on_error="skip").to_delayed())
            assert [a.title for part in parts for a in part] == ["One", "Three"]
            assert [(e.path, e.line) for part in parts for e in part.errors] == [(str(path), 2)]

    def test_bad_arguments(self, tmp_path):
        path = write_lines(tmp_path / "a.jsonl", RECORDS)
        with pytest.raises(ValueError, match="on_error"):
            nd.read_jsonl(str(path), on_error="ignore")
        with pytest.raises(ValueError, match="annotate"):
            nd.read_jsonl(str(path), annotate="yes")
        with pytest.raises(ValueError, match="blocksize"):
            nd.read_jsonl(str(path), blocksize=0)
        with pytest.raises(ValueError, match="unknown mapping"):
            nd.read_jsonl(str(path), mapping="nope")
        with pytest.raises(FileNotFoundError, match="no JSON files"):
            nd.read_jsonl(str(tmp_path / "missing-*.jsonl"))


class TestReadText:
    def test_folder_of_text_articles(self, tmp_path, synchronous):
        seed = seed_file(".txt").read_bytes()
        for name in ("b", "a", "c"):
            (tmp_path / f"{name}.txt").write_bytes(seed)
        bag = nd.read_text(str(tmp_path), files_per_partition=2)
        assert bag.npartitions == 2
        articles = bag.compute()
        expected = newsdoc.read_text(seed_file(".txt"))
        assert [a.id for a in articles] == ["a", "b", "c"]
        assert [len(a.quotes) for a in articles] == [len(expected.quotes)] * 3
        assert articles[0].quotes[0].speaker.name == expected.quotes[0].speaker.name

    def test_without_annotation(self, tmp_path, synchronous):
        (tmp_path / "x.y.txt").write_bytes(seed_file(".txt").read_bytes())
        (article,) = nd.read_text(str(tmp_path / "*.txt"), annotate=False).compute()
        assert article.id == "x.y"
        assert article == newsdoc.read_text(tmp_path / "x.y.txt", annotate=False)
        assert article.quotes == ()

    def test_bad_arguments(self, tmp_path):
        with pytest.raises(ValueError, match="files_per_partition"):
            nd.read_text(str(tmp_path), files_per_partition=0)
        with pytest.raises(ValueError, match="annotate must be"):
            nd.read_text(str(tmp_path), annotate="yes")
        with pytest.raises(FileNotFoundError, match="no text files"):
            nd.read_text(str(tmp_path))


class TestFrames:
    def test_schema_is_known_without_computing(self):
        def unreadable():
            raise AssertionError("a partition was computed to learn the schema")

        bag = dask.bag.from_delayed([dask.delayed(unreadable)()])
        for table, make in FRAMES.items():
            frame = make(bag)
            expected = newsdoc.empty_frame(table)
            assert list(frame.columns) == list(expected.columns)
            assert [str(d) for d in frame.dtypes] == [str(d) for d in expected.dtypes]
        kind = nd.quotes_frame(bag).kind.dtype
        assert list(kind.categories) == ["direct", "partial", "indirect"]
        assert not nd.quotes_frame(bag).speaker_type.cat.known

    @pytest.mark.parametrize("table", sorted(FRAMES))
    def test_frames_equal_to_pandas_of_the_whole(self, tmp_path, synchronous, table):
        seed = newsdoc.load(seed_file(".json"))
        corpus = numbered(list(seed) * 3 + [newsdoc.Article(id="plain", source="Other")] + list(seed))
        path = tmp_path / "c.jsonl"
        corpus.to_jsonl(path)
        bag = nd.read_jsonl(str(path), blocksize=-(-path.stat().st_size // 4), annotate=False)
        assert bag.npartitions == 4
        computed = FRAMES[table](bag).compute()
        expected = corpus.to_pandas(table)
        assert list(computed.index) == list(range(len(expected)))
        assert_frames_equal(computed, expected, ROW_KEYS[table])

    def test_a_bag_of_article_lists_works_too(self, tmp_path, synchronous):
        seed = newsdoc.load(seed_file(".json"))
        bag = dask.bag.from_sequence(list(seed) * 4, npartitions=2)
        expected = newsdoc.Corpus(list(seed) * 4).to_pandas("mentions")
        assert_frames_equal(nd.mentions_frame(bag).compute(), expected, ROW_KEYS["mentions"])

    def test_bad_table_input(self):
        with pytest.raises(TypeError, match="dask.bag.Bag"):
            nd.quotes_frame([newsdoc.Article()])
        bag = dask.bag.from_sequence([1, 2], npartitions=1)
        with pytest.raises(TypeError, match="holds Articles, not int"):
            nd.quotes_frame(bag).compute(scheduler="synchronous")


class TestQueries:
    def test_quotes_and_mentions_of_partitions_equal_the_whole(self, tmp_path, synchronous):
        seed = newsdoc.load(seed_file(".json"))
        corpus = numbered(list(seed) * 2 + [newsdoc.Article(id="plain")] + list(seed))
        path = tmp_path / "c.jsonl"
        corpus.to_jsonl(path)
        bag = nd.read_jsonl(str(path), blocksize=-(-path.stat().st_size // 3), annotate=False)
        assert bag.npartitions == 3
        for speaker, kind in [("assad", None), (["Viktor Ozerov", "Konashenkov"], "direct"), ("nobody", None)]:
            expected = corpus.quotes(speaker=speaker, kind=kind).to_pandas()
            computed = nd.quotes(bag, speaker=speaker, kind=kind).compute()
            assert len(computed) == len(expected)
            assert_frames_equal(computed, expected, ROW_KEYS["quotes"])
        for fragments in (False, True):
            expected = corpus.quotes(speaker="ozerov", fragments=fragments).to_pandas()
            computed = nd.quotes(bag, speaker="ozerov", fragments=fragments).compute()
            assert_frames_equal(computed, expected, ROW_KEYS["quotes"])
        expected = corpus.attributions(speaker="ozerov").to_pandas()
        assert len(expected) == 3 * 4  # four statements of Ozerov's in each copy of the seed
        assert_frames_equal(nd.attributions(bag, speaker="ozerov").compute(), expected, ROW_KEYS["attributions"])
        expected = corpus.mentions(entity="Russia").to_pandas()
        assert len(expected) > 0
        assert_frames_equal(nd.mentions(bag, entity="Russia").compute(), expected, ROW_KEYS["mentions"])

    def test_bad_query_arguments_fail_before_computing(self, tmp_path):
        bag = dask.bag.from_sequence([newsdoc.Article()], npartitions=1)
        with pytest.raises(ValueError, match="unknown quote kind"):
            nd.quotes(bag, kind="shouted")
        with pytest.raises(TypeError, match="entity must be a str"):
            nd.mentions(bag, entity=5)


def seed_bag(tmp_path, partitions: int = 3):
    """The seed article three times and an article without entities, cut into ``partitions`` partitions."""
    seed = newsdoc.load(seed_file(".json"))
    corpus = numbered(list(seed) * 2 + [newsdoc.Article(id="plain", paragraphs=["“No,” she said."])] + list(seed))
    path = tmp_path / "c.jsonl"
    corpus.to_jsonl(path)
    bag = nd.read_jsonl(str(path), blocksize=-(-path.stat().st_size // partitions), annotate=False)
    assert bag.npartitions == partitions
    return corpus, bag


class TestTransforms:
    @pytest.mark.parametrize("name, args", [
        ("redact", (["PERSON", "GPE"], "<{type}>")),
        ("normalize_quotes", ("straight",)),
        ("select_paragraphs", (slice(0, 2),)),
        ("select_paragraphs", (lambda paragraph: paragraph.index % 2 == 0,)),
        ("rename_entity", ("Assad", "Bashar Hafez al-Assad")),
        ("merge_entities", ("Viktor Ozerov", "Igor Konashenkov")),
    ])
    def test_each_transform_of_the_partitions_equals_that_of_the_whole(self, tmp_path, synchronous, name, args):
        corpus, bag = seed_bag(tmp_path)
        expected = getattr(corpus, name)(*args)
        computed = newsdoc.Corpus(getattr(nd, name)(bag, *args).compute())
        assert computed.dumps() == expected.dumps()
        assert computed.dumps() != corpus.dumps()

    def test_where_filters_each_partition(self, tmp_path, synchronous):
        corpus, bag = seed_bag(tmp_path)
        kept = nd.where(bag, has_quote_by="Assad").compute()
        assert [a.id for a in kept] == [a.id for a in corpus.where(has_quote_by="Assad")]
        assert len(kept) == 3

    def test_a_partition_without_the_entity_is_left_as_it_is(self, tmp_path, synchronous):
        corpus, bag = seed_bag(tmp_path, partitions=4)
        renamed = newsdoc.Corpus(nd.rename_entity(bag, "Assad", "B. al-Assad").compute())
        assert renamed.dumps() == corpus.rename_entity("Assad", "B. al-Assad").dumps()
        with pytest.raises(KeyError):
            corpus.rename_entity("Nobody Atall", "Somebody")
        unchanged = newsdoc.Corpus(nd.rename_entity(bag, "Nobody Atall", "Somebody").compute())
        assert unchanged.dumps() == corpus.dumps()

    def test_bad_arguments_fail_before_computing(self):
        bag = dask.bag.from_sequence([newsdoc.Article()], npartitions=1)
        with pytest.raises(TypeError, match="types must be strings"):
            nd.redact(bag, [5])
        with pytest.raises(ValueError, match="straight"):
            nd.normalize_quotes(bag, "fancy")
        with pytest.raises(TypeError, match="old must be"):
            nd.rename_entity(bag, 5, "x")
        with pytest.raises(TypeError, match="source must be"):
            nd.where(bag, source=5)


class TestMapAndWrite:
    def test_map_articles_keeps_order_and_corpus_partitions(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", RECORDS)
        bag = nd.read_jsonl(str(path), blocksize=300, annotate=False)

        def shout(article):
            return newsdoc.Article.from_dict({**article.to_dict(), "title": article.title.upper()})

        mapped = nd.map_articles(bag, shout)
        parts = dask.compute(*mapped.to_delayed())
        assert all(isinstance(part, newsdoc.Corpus) for part in parts)
        assert [a.title for a in mapped.compute()] == [f"TITLE {i} – Ü" for i in range(40)]

    def test_map_articles_needs_an_article_back(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", RECORDS[:2])
        with pytest.raises(TypeError, match="not callable|needs a function"):
            nd.map_articles(nd.read_jsonl(str(path), annotate=False), "title")
        with pytest.raises(TypeError, match="returned a str, not an Article"):
            nd.map_articles(nd.read_jsonl(str(path), annotate=False), lambda a: a.title).compute()

    def test_to_jsonl_writes_one_file_per_partition(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", RECORDS)
        bag = nd.read_jsonl(str(path), blocksize=400, annotate=False)
        written = nd.to_jsonl(bag, str(tmp_path / "out"))
        assert [Path(p).name for p in written] == [f"part-{i:05d}.jsonl" for i in range(bag.npartitions)]
        assert newsdoc.load(tmp_path / "out", annotate=False).dumps() == newsdoc.load(path, annotate=False).dumps()
        gz = nd.to_jsonl(bag, str(tmp_path / "gz" / "news-*.jsonl.gz"))
        assert Path(gz[0]).name == "news-00000.jsonl.gz"
        assert newsdoc.load(tmp_path / "gz", annotate=False).dumps() == newsdoc.load(path, annotate=False).dumps()

    def test_to_jsonl_without_compute_returns_one_delayed_per_partition(self, tmp_path, synchronous):
        path = write_lines(tmp_path / "a.jsonl", RECORDS)
        bag = nd.read_jsonl(str(path), blocksize=400, annotate=False)
        writes = nd.to_jsonl(bag, str(tmp_path / "later"), compute=False)
        assert len(writes) == bag.npartitions
        assert not (tmp_path / "later").exists() or not any((tmp_path / "later").iterdir())
        dask.compute(*writes)
        assert len(list((tmp_path / "later").iterdir())) == bag.npartitions


# --- a two-process LocalCluster ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed", reason="the cluster tests need Dask's distributed: "
                                                            "apt-get install python3-distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                       silence_logs=logging.ERROR, timeout=CLUSTER_TIMEOUT)
    try:
        with distributed.Client(cluster, timeout=CLUSTER_TIMEOUT) as client:
            yield client
    finally:
        cluster.close(timeout=CLUSTER_TIMEOUT)


def compute(client, collection):
    """``collection`` computed on the cluster, waiting at most COMPUTE_TIMEOUT seconds."""
    return client.compute(collection).result(timeout=COMPUTE_TIMEOUT)


@pytest.fixture(scope="module")
def shards(news_sample_module, tmp_path_factory) -> Path:
    """The shared 2,000-article sample split into SHARDS files, in order."""
    folder = tmp_path_factory.mktemp("shards")
    lines = news_sample_module.read_bytes().splitlines(keepends=True)
    step = -(-len(lines) // SHARDS)
    for i in range(SHARDS):
        (folder / f"shard-{i}.jsonl").write_bytes(b"".join(lines[i * step:(i + 1) * step]))
    return folder


@pytest.fixture(scope="module")
def news_sample_module() -> Path:
    from conftest import CORPORA, require

    return require(CORPORA / "news-sample-2000.jsonl", "news-sample-2000.jsonl")


@pytest.fixture(scope="module")
def single(shards) -> newsdoc.Corpus:
    """The single-process answer: the shards loaded and annotated in this process."""
    return newsdoc.load(shards)


@pytest.fixture(scope="module")
def bag(shards):
    """The shards as a bag of annotated corpora, two to four partitions per shard."""
    return nd.read_jsonl(str(shards), blocksize="2 MiB")


@pytest.fixture(scope="module")
def single_frames(single) -> Dict[str, object]:
    return {table: single.to_pandas(table) for table in FRAMES}


class TestLocalCluster:
    def test_workers_are_two_processes(self, client):
        import os

        pids = client.run(os.getpid)
        assert len(pids) == 2 and os.getpid() not in pids.values()

    def test_loaded_and_annotated_corpus_equals_single_process(self, client, bag, single):
        assert bag.npartitions > SHARDS
        articles = compute(client, bag)
        assert len(articles) == len(single) == 2000
        assert newsdoc.Corpus(articles).dumps() == single.dumps()

    @pytest.mark.parametrize("table", sorted(FRAMES))
    def test_frames_equal_single_process(self, client, bag, single_frames, table):
        computed = compute(client, FRAMES[table](bag))
        assert list(computed.index) == list(range(len(single_frames[table])))
        # corpus_entity is resolved within each partition (newsdoc.dask's notes); every other column is the same.
        assert_frames_equal(without_corpus_entity(computed), without_corpus_entity(single_frames[table]),
                            ROW_KEYS[table])

    def test_quotes_by_speaker(self, client, bag, single_frames):
        quotes = single_frames["quotes"]
        top = quotes.speaker.value_counts().index[:3].tolist()
        frame = nd.quotes_frame(bag)
        for speaker in top:
            computed = compute(client, frame[frame.speaker == speaker])
            expected = quotes[quotes.speaker == speaker]
            assert len(expected) > 0
            assert_frames_equal(without_corpus_entity(computed), without_corpus_entity(expected), ROW_KEYS["quotes"])

    def test_quote_and_mention_queries_equal_partition_by_partition(self, client, bag, single):
        speaker = single.to_pandas("quotes").speaker.value_counts().index[0]
        computed = compute(client, nd.quotes(bag, speaker=speaker.upper()))
        assert len(computed) > 0
        # A partition is the corpus its queries see: names resolve to corpus entities there.
        expected = []
        articles = 0
        for part in bag.to_delayed():
            corpus = nd._as_corpus(compute(client, part))
            expected += [(articles + a, q.article.id, q.index, q.text) for (a, _), q in
                         zip(corpus.quotes(speaker=speaker.upper()).positions, corpus.quotes(speaker=speaker.upper()))]
            articles += len(corpus)
        assert [(row.article_index, row.article_id, row.quote_index, row.text) for row in computed.itertuples()] == (
            expected)
        computed = compute(client, nd.mentions(bag, type="ORG"))
        assert_frames_equal(without_corpus_entity(computed),
                            without_corpus_entity(single.mentions(type="ORG").to_pandas()), ROW_KEYS["mentions"])

    def test_entity_counts(self, client, bag, single_frames):
        def counts(entities):
            grouped = entities.groupby(["name", "type"], observed=True)
            return grouped.agg(articles=("article_index", "count"), mentions=("mentions", "sum"),
                               quotes=("quotes", "sum"))

        computed = compute(client, counts(nd.entities_frame(bag))).reset_index()
        expected = counts(single_frames["entities"]).reset_index()
        computed["type"] = computed["type"].astype(str)
        expected["type"] = expected["type"].astype(str)
        assert_frames_equal(computed, expected, ["name", "type"])
        assert expected.mentions.sum() == len(single_frames["mentions"])

    def test_map_articles_on_the_cluster(self, client, bag, single):
        def without_quotes(article):
            return newsdoc.Article.from_dict({**article.to_dict(), "quotes": []})

        articles = compute(client, nd.map_articles(bag, without_quotes))
        assert [a.to_dict() for a in articles] == [without_quotes(a).to_dict() for a in single]

    def test_redact(self, client, bag, single):
        redacted = compute(client, nd.redact(bag, ["PERSON", "NORP"]))
        expected = single.redact(["PERSON", "NORP"])
        assert newsdoc.Corpus(redacted).dumps() == expected.dumps()
        assert expected.dumps() != single.dumps()

    def test_to_jsonl_from_the_cluster(self, client, bag, single, tmp_path):
        written = compute(client, dask.delayed(list)(nd.to_jsonl(bag, str(tmp_path / "out"), compute=False)))
        assert len(written) == bag.npartitions
        assert newsdoc.load(tmp_path / "out", annotate=False).dumps() == single.dumps()
