// The load pipeline (newsdoc/input.hpp, LoadOptions): annotation as records
// are read, in parallel, equal to loading then annotating; progress counts
// and cancelling.
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>

#include <memory>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using newsdoc::AnnotateMode;
using newsdoc::Corpus;
using newsdoc::LoadOptions;
using newsdoc::LoadProgress;
using newsdoc_test::TempDir;
using newsdoc_test::write_file;

std::string story(int i) {
  return "Talks in round " + std::to_string(i) + "\n\n\"We will not give up,\" said Maria Lopez, the minister of Spain.\n\n" +
         "John Smith said that the talks in Geneva would go on. \"It is hard,\" he added.\n";
}

std::string record(int i) {
  return "{\"id\":\"r" + std::to_string(i) + "\",\"title\":\"Round " + std::to_string(i) +
         "\",\"body\":[\"\\\"We will not give up,\\\" said Maria Lopez in Madrid.\",\"Talks went on, John Smith said.\"]}\n";
}

/// A folder of .txt files and a JSONL file with a record that already has
/// a quote and an entity (kept by AnnotateMode::missing).
void write_inputs(const TempDir& dir) {
  std::filesystem::create_directories(dir / "texts/sub");
  for (int i = 0; i < 7; ++i) write_file(dir / ("texts/" + std::to_string(i) + ".txt"), story(i));
  write_file(dir / "texts/sub/late.txt", story(99));
  std::string jsonl;
  for (int i = 0; i < 40; ++i) jsonl += record(i);
  jsonl += "{\"id\":\"annotated\",\"body\":[\"\\\"Yes,\\\" he said.\"],\"entities\":[{\"id\":\"x\",\"name\":\"Bob\",\"type\":\"PERSON\"}],"
           "\"quotes\":[{\"start\":1,\"end\":4,\"speaker\":\"x\"}]}\n";
  write_file(dir / "texts/news.jsonl", jsonl);
}

/// The JSON of every article and its origin: what a load must give.
std::vector<std::string> contents(const Corpus& corpus) {
  std::vector<std::string> out;
  for (const auto& article : corpus) out.push_back(article.to_json() + " @" + std::string(article.origin()));
  return out;
}

TEST(LoadPipeline, AnnotatingAsLoadedEqualsLoadingThenAnnotating) {
  TempDir dir;
  write_inputs(dir);
  auto annotator = std::make_shared<const newsdoc::Annotator>();
  for (const auto mode : {AnnotateMode::all, AnnotateMode::missing}) {
    const auto expected_folder = contents(annotator->annotate(newsdoc::load((dir / "texts").string()), mode, 1));
    const auto expected_file = contents(annotator->annotate(newsdoc::load((dir / "texts/news.jsonl").string()), mode, 1));
    ASSERT_EQ(expected_folder.size(), 49u);
    ASSERT_EQ(expected_file.size(), 41u);
    // Annotation found something, and the annotated record is kept as it is by `missing` only.
    EXPECT_NE(expected_folder[0].find("\"quotes\":[{"), std::string::npos);
    EXPECT_EQ(expected_file.back().find("\"Bob\"") != std::string::npos, mode == AnnotateMode::missing);
    for (const unsigned threads : {1u, 2u, 3u}) {
      LoadOptions options;
      options.annotator = annotator;
      options.annotate = mode;
      options.threads = threads;
      // A folder: its files in parallel; one JSONL file: its records in parallel batches.
      EXPECT_EQ(contents(newsdoc::load((dir / "texts").string(), options)), expected_folder) << threads;
      EXPECT_EQ(contents(newsdoc::load((dir / "texts/news.jsonl").string(), options)), expected_file) << threads;
    }
  }
}

TEST(LoadPipeline, BadRecordFailsAsWhenLoadedThenAnnotated) {
  TempDir dir;
  // A quote past the end of its body: annotation would replace it, yet the record is still refused.
  write_file(dir / "bad.jsonl", record(1) + "{\"id\":\"bad\",\"body\":[\"Hi.\"],\"quotes\":[{\"start\":0,\"end\":99}]}\n" + record(2));
  LoadOptions options;
  options.annotator = std::make_shared<const newsdoc::Annotator>();
  for (const unsigned threads : {1u, 2u, 4u}) {
    // AnnotateMode::missing keeps the bad record as it is: building it fails.
    options.annotate = threads == 4 ? AnnotateMode::missing : AnnotateMode::all;
    options.threads = threads;
    options.on_error = newsdoc::OnError::raise;
    EXPECT_THROW(newsdoc::load((dir / "bad.jsonl").string(), options), newsdoc::SchemaError);
    options.on_error = newsdoc::OnError::skip;
    const Corpus kept = newsdoc::load((dir / "bad.jsonl").string(), options);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[1].id(), "r2");
    ASSERT_EQ(kept.errors().size(), 1u);
    EXPECT_EQ(kept.errors()[0].where.line, 2u);
    EXPECT_EQ(kept.errors()[0].pointer, "/quotes/0");
  }
}

TEST(LoadPipeline, ProgressCountsGrowToTheirTotals) {
  TempDir dir;
  write_inputs(dir);
  for (const bool annotate : {false, true}) {
    for (const unsigned threads : {1u, 2u}) {
      std::vector<LoadProgress> seen;
      LoadOptions options;
      if (annotate) options.annotator = std::make_shared<const newsdoc::Annotator>();
      options.threads = threads;
      options.progress = [&](const LoadProgress& p) {
        seen.push_back(p);
        return true;
      };
      const Corpus corpus = newsdoc::load((dir / "texts").string(), options);
      ASSERT_FALSE(seen.empty());
      for (std::size_t i = 1; i < seen.size(); ++i) {
        EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done);
        EXPECT_GE(seen[i].files_done, seen[i - 1].files_done);
        EXPECT_GE(seen[i].articles, seen[i - 1].articles);
      }
      const LoadProgress& last = seen.back();
      EXPECT_EQ(last.files_total, 9u);
      EXPECT_EQ(last.files_done, 9u);
      EXPECT_EQ(last.bytes_done, last.bytes_total);
      std::uint64_t bytes = 0;
      for (const auto& file : std::filesystem::recursive_directory_iterator(dir / "texts"))
        if (file.is_regular_file()) bytes += file.file_size();
      EXPECT_EQ(last.bytes_total, bytes);
      EXPECT_EQ(last.articles, corpus.size());
    }
  }
}

TEST(LoadPipeline, ProgressReturningFalseCancels) {
  TempDir dir;
  write_inputs(dir);
  // threads = 1: called after each file; the second call cancels. threads = 2: the
  // calls depend on timing, so the first cancels (at the latest, the last call).
  for (const unsigned threads : {1u, 2u}) {
    LoadOptions options;
    options.annotator = std::make_shared<const newsdoc::Annotator>();
    options.threads = threads;
    const int cancelling_call = threads == 1 ? 2 : 1;
    int calls = 0;
    options.progress = [&](const LoadProgress&) { return ++calls < cancelling_call; };
    try {
      newsdoc::load((dir / "texts").string(), options);
      ADD_FAILURE() << "not cancelled";
    } catch (const newsdoc::Cancelled& e) {
      EXPECT_NE(std::string(e.what()).find("load cancelled by its progress callback after"), std::string::npos);
    }
    EXPECT_EQ(calls, cancelling_call);
  }
}

}  // namespace

namespace {

/// About 21 MiB of id-less JSONL: 6,000 lines of 2 KB and one of 9 MiB, so
/// several 8 MiB windows, with a bad line in the first window and in the last.
std::string windows_of_jsonl() {
  std::string jsonl;
  const std::string padding(2000, 'x');
  for (int i = 0; i < 6000; ++i) {
    if (i == 100 || i == 5500) {
      jsonl += "{\"title\": broken}\n";
    } else if (i == 4000) {
      jsonl += "{\"title\":\"" + std::string(9u << 20, 'y') + "\"}\n";
    } else {
      jsonl += "{\"title\":\"Record " + std::to_string(i) + "\",\"body\":\"Zoë " + padding + "\"}\n";
    }
  }
  return jsonl;
}

}  // namespace

TEST(LoadPipeline, AJsonlFileReadOnSeveralThreadsLoadsAsOnOne) {
  TempDir dir;
  const auto path = dir / "big.jsonl";
  write_file(path, windows_of_jsonl());
  LoadOptions options;
  options.on_error = newsdoc::OnError::skip;
  options.max_record_bytes = 4u << 20;  // the 9 MiB line is too long: the reader skips it between windows
  options.threads = 1;
  const Corpus one = newsdoc::load(path.string(), options);
  ASSERT_EQ(one.errors().size(), 3u);
  EXPECT_EQ(one.errors()[0].where.line, 101u);
  EXPECT_EQ(one.errors()[1].where.line, 4001u);
  EXPECT_NE(one.errors()[1].reason.find("max_record_bytes"), std::string::npos);
  EXPECT_EQ(one.errors()[2].where.line, 5501u);
  EXPECT_EQ(one[150].id(), "big:152");  // after the bad line 101
  for (const unsigned threads : {2u, 3u}) {
    options.threads = threads;
    const Corpus several = newsdoc::load(path.string(), options);
    ASSERT_EQ(several.size(), one.size()) << threads << " threads";
    for (std::size_t i = 0; i < one.size(); ++i) {
      ASSERT_TRUE(several[i] == one[i]) << "article " << i;
      ASSERT_EQ(several[i].id(), one[i].id());
      ASSERT_EQ(several[i].origin_line(), one[i].origin_line());
    }
    ASSERT_EQ(several.errors().size(), one.errors().size());
    for (std::size_t e = 0; e < one.errors().size(); ++e) {
      EXPECT_EQ(several.errors()[e].message(), one.errors()[e].message()) << "error " << e;
    }
  }
  // Under the default limit the 9 MiB line is read: it grows its window, and the windows after it are of
  // the usual size again.
  options.max_record_bytes = LoadOptions{}.max_record_bytes;
  options.threads = 1;
  const Corpus grown_one = newsdoc::load(path.string(), options);
  ASSERT_EQ(grown_one.errors().size(), 2u);
  options.threads = 2;
  const Corpus grown_two = newsdoc::load(path.string(), options);
  ASSERT_EQ(grown_two.size(), grown_one.size());
  EXPECT_EQ(grown_two.to_jsonl(), grown_one.to_jsonl());
  EXPECT_EQ(grown_two[3999].title().size(), 9u << 20);
  // Raising, the first error in the file is the one thrown, though later windows are read at the same time.
  options.on_error = newsdoc::OnError::raise;
  options.threads = 2;
  try {
    newsdoc::load(path.string(), options);
    FAIL() << "a file with a bad line loaded";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.where().line, 101u) << e.what();
  }
}
