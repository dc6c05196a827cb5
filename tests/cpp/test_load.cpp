// newsdoc::load: files (.json, .jsonl, .ndjson, gzip), JSONL windows, the
// seed article and, when present, the shared corpora.
#include <gtest/gtest.h>
#include <zlib.h>

#include <newsdoc/newsdoc.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.hpp"

namespace {

using newsdoc::Article;
using newsdoc::Corpus;
using newsdoc::load;
using newsdoc::LoadOptions;
using newsdoc::OnError;
using newsdoc::RecordError;
using newsdoc_test::read_file;
using newsdoc_test::TempDir;
using newsdoc_test::write_file;
namespace fs = std::filesystem;

constexpr std::size_t window_size = std::size_t{8} << 20;  // the loader's JSONL window

/// A small canonical article with non-ASCII text, numbered `i`.
std::string record(std::size_t i, std::string_view body = "“Quoted” – text\u00a0here 👍.") {
  return R"({"id":"r)" + std::to_string(i) + R"(","url":"","source":"","title":"Title )" + std::to_string(i) +
         R"(","authors":[],"published":null,"language":"en","tags":[],"paragraphs":[")" + std::string(body) +
         R"("],"quotes":[{"start":1,"end":7,"kind":"direct","speaker":null,"speaker_span":null,"cue":null,"cue_span":null,"attribution":0,"parent":null}],"entities":[],"mentions":[],"meta":{}})";
}

void write_gzip(const fs::path& path, std::string_view content) {
  gzFile file = gzopen(path.string().c_str(), "wb");
  ASSERT_NE(file, nullptr) << path;
  ASSERT_EQ(gzwrite(file, content.data(), static_cast<unsigned>(content.size())), static_cast<int>(content.size()));
  ASSERT_EQ(gzclose(file), Z_OK);
}

LoadOptions skip_errors() {
  LoadOptions options;
  options.on_error = OnError::skip;
  return options;
}

TEST(Load, JsonFile) {
  TempDir dir;
  const std::string json = "[" + record(0) + ",\n" + record(1) + "]";
  write_file(dir / "a.json", json);
  const Corpus corpus = load((dir / "a.json").string());
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[0].to_json(), record(0));
  EXPECT_EQ(corpus[1].to_json(), record(1));
  EXPECT_EQ(corpus[1].quote(0).text, "Quoted");
  // One object.
  write_file(dir / "one.json", record(7) + "\n");
  const Corpus one = load((dir / "one.json").string());
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].id(), "r7");
  // A .json file holding one object a line is recognised as JSONL.
  write_file(dir / "lines.json", record(0) + "\n" + record(1) + "\n" + record(2) + "\n");
  EXPECT_EQ(load((dir / "lines.json").string()).size(), 3u);
}

// Ctrl-C from Python reaches a long load through check_interrupt, called
// between the 8 MiB windows; a throw there ends the load.
TEST(Load, CheckInterruptStopsAStreamedLoad) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; jsonl.size() < 20u << 20; ++i) jsonl += record(i) + "\n";
  write_file(dir / "big.jsonl", jsonl);
  newsdoc::LoadOptions options;
  int calls = 0;
  options.check_interrupt = [&calls] {
    if (++calls == 1) throw std::runtime_error("interrupted");
  };
  EXPECT_THROW(load((dir / "big.jsonl").string(), options), std::runtime_error);
  EXPECT_EQ(calls, 1);
  options.check_interrupt = [&calls] { ++calls; };
  EXPECT_GT(load((dir / "big.jsonl").string(), options).size(), 0u);
  EXPECT_GE(calls, 3);
}

TEST(Load, JsonlAndNdjsonFiles) {
  TempDir dir;
  std::string jsonl;
  for (std::size_t i = 0; i < 3; ++i) jsonl += record(i) + "\n";
  for (const char* name : {"a.jsonl", "a.ndjson"}) {
    write_file(dir / name, jsonl);
    const Corpus corpus = load((dir / name).string());
    ASSERT_EQ(corpus.size(), 3u) << name;
    EXPECT_EQ(corpus.to_jsonl(), jsonl) << name;
  }
}

TEST(Load, GzipCompressedJsonl) {
  TempDir dir;
  std::string jsonl;
  for (std::size_t i = 0; i < 50; ++i) jsonl += record(i) + "\n";
  write_gzip(dir / "a.jsonl.gz", jsonl);
  const Corpus corpus = load((dir / "a.jsonl.gz").string());
  ASSERT_EQ(corpus.size(), 50u);
  EXPECT_EQ(corpus.to_jsonl(), jsonl);
  // Compression is recognised by content, not by name.
  write_gzip(dir / "b.json", "[" + record(3) + "]");
  const Corpus json = load((dir / "b.json").string());
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0].id(), "r3");
}

TEST(Load, ErrorsCarryTheFileName) {
  TempDir dir;
  const std::string path = (dir / "bad.jsonl").string();
  write_file(path, record(0) + "\n" + record(1) + "\n{\"title\": nope}\n" + record(3) + "\n");
  try {
    (void)load(path);
    ADD_FAILURE() << "no ParseError";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.where().path, path);
    EXPECT_EQ(e.where().line, 3u);
    EXPECT_EQ(std::string(e.what()).rfind(path + ":3:", 0), 0u) << e.what();
  }
  const Corpus corpus = load(path, skip_errors());
  ASSERT_EQ(corpus.size(), 3u);
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 3u);
  EXPECT_EQ(corpus.errors()[0].where.path, path);
}

TEST(Load, MissingFileIsIoError) {
  TempDir dir;
  const std::string path = (dir / "missing.json").string();
  try {
    (void)load(path);
    ADD_FAILURE() << "no IoError";
  } catch (const newsdoc::IoError& e) {
    EXPECT_EQ(e.path(), path);
  }
  EXPECT_THROW(load((dir / "missing.jsonl").string()), newsdoc::IoError);
}

TEST(Load, EmptyFiles) {
  TempDir dir;
  write_file(dir / "empty.json", "");
  EXPECT_THROW(load((dir / "empty.json").string()), newsdoc::ParseError);
  write_file(dir / "empty.jsonl", "");
  EXPECT_TRUE(load((dir / "empty.jsonl").string()).empty());
  write_file(dir / "bom.jsonl", "\xEF\xBB\xBF" + record(0) + "\n");
  EXPECT_EQ(load((dir / "bom.jsonl").string()).size(), 1u);
}

/// Fills freed heap memory with `byte`, so that memory a later allocation
/// forgets to initialise is not zero.
void dirty_heap(unsigned char byte) {
  for (const std::size_t size : {std::size_t{20} << 20, std::size_t{20} << 20, std::size_t{9} << 20}) {
    std::unique_ptr<unsigned char[]> block(new unsigned char[size]);
    std::memset(block.get(), byte, size);
    volatile unsigned char sink = block[size / 2];
    (void)sink;
  }
}

// An empty window used to make the loader read simdjson's uninitialised
// structural indexes (stage 1 does not run on empty input), which crashed
// or invented records depending on what the heap held.
TEST(Load, EmptyWindowAfterDirtyHeap) {
  TempDir dir;
  write_file(dir / "empty.jsonl", "");
  write_file(dir / "bom-only.jsonl", "\xEF\xBB\xBF");
  LoadOptions as_jsonl;
  as_jsonl.format = newsdoc::Format::jsonl;
  for (const unsigned char byte : {0xFF, 0x7F, 0x01}) {
    dirty_heap(byte);
    EXPECT_TRUE(load((dir / "empty.jsonl").string()).empty());
    dirty_heap(byte);
    EXPECT_TRUE(load((dir / "bom-only.jsonl").string()).empty());
    dirty_heap(byte);
    EXPECT_TRUE(newsdoc::loads("", as_jsonl).empty());
  }
}

TEST(Load, JsonlFileOfExactlyOneWindow) {
  // The last read then returns nothing: an empty final window.
  TempDir dir;
  const auto path = dir / "exact.jsonl";
  std::string jsonl;
  std::size_t count = 0;
  while (jsonl.size() + 2000 < window_size) jsonl += record(count++, std::string(900, 'y')) + "\n";
  const std::size_t last_size = record(count, "").size() + 1;
  jsonl += record(count++, std::string(window_size - jsonl.size() - last_size, 'z')) + "\n";
  ASSERT_EQ(jsonl.size(), window_size);
  write_file(path, jsonl);
  for (const unsigned char byte : {0xFF, 0x01}) {
    dirty_heap(byte);
    const Corpus corpus = load(path.string());
    ASSERT_EQ(corpus.size(), count);
    EXPECT_EQ(corpus.to_jsonl(), jsonl);
  }
}

/// Writes a JSONL file of more than 9 MiB in which a record straddles the
/// 8 MiB window boundary; returns the line start offsets (plus the size).
std::vector<std::size_t> write_big_jsonl(const fs::path& path, std::size_t bad_line_after_window = 0) {
  std::string jsonl;
  std::vector<std::size_t> starts;
  std::size_t i = 0;
  while (jsonl.size() < window_size + window_size / 8) {
    starts.push_back(jsonl.size());
    if (bad_line_after_window && starts.size() == bad_line_after_window) {
      jsonl += "{\"title\": ]\n";
      continue;
    }
    // Lengths vary so that lines do not line up with the window.
    std::string body = "“Quoted” – " + std::string(200 + (i * 37) % 500, 'x') + " 👍";
    jsonl += record(i++, body) + "\n";
  }
  starts.push_back(jsonl.size());
  write_file(path, jsonl);
  return starts;
}

/// The index of the line holding byte `offset`.
std::size_t line_at(const std::vector<std::size_t>& starts, std::size_t offset) {
  return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
}

TEST(Load, JsonlLargerThanWindowWithStraddlingRecord) {
  TempDir dir;
  const auto path = dir / "big.jsonl";
  const auto starts = write_big_jsonl(path);
  const std::size_t lines = starts.size() - 1;
  const std::size_t straddling = line_at(starts, window_size);
  ASSERT_LT(starts[straddling], window_size);
  ASSERT_GT(starts[straddling + 1], window_size) << "the test needs a line across the window boundary";

  const Corpus corpus = load(path.string());
  ASSERT_EQ(corpus.size(), lines);
  EXPECT_TRUE(corpus.errors().empty());
  for (std::size_t i = 0; i < lines; ++i) {
    const Article& a = corpus[i];
    ASSERT_EQ(a.id(), "r" + std::to_string(i));
    const std::string body = "“Quoted” – " + std::string(200 + (i * 37) % 500, 'x') + " 👍";
    ASSERT_EQ(a.text(), body) << "record " << i;
    ASSERT_EQ(a.quote(0).text, "Quoted");
  }
  EXPECT_EQ(corpus.to_jsonl(), read_file(path));
}

TEST(Load, LineNumbersAfterTheFirstWindow) {
  TempDir dir;
  const auto path = dir / "big-bad.jsonl";
  // First find how many lines fit in a window, then put a bad line well after it.
  const auto probe = write_big_jsonl(path);
  const std::size_t bad_line = line_at(probe, window_size) + 20;  // 0-based line index + 1 = 1-based line
  const auto starts = write_big_jsonl(path, bad_line + 1);
  ASSERT_GT(starts[bad_line], window_size);

  const Corpus corpus = load(path.string(), skip_errors());
  EXPECT_EQ(corpus.size(), starts.size() - 2);
  ASSERT_EQ(corpus.errors().size(), 1u);
  const RecordError& e = corpus.errors()[0];
  EXPECT_EQ(e.kind, RecordError::Kind::parse);
  EXPECT_EQ(e.where.line, bad_line + 1);
  EXPECT_GE(e.where.offset, starts[bad_line]);
  EXPECT_LT(e.where.offset, starts[bad_line + 1]);
  EXPECT_EQ(e.where.offset, starts[bad_line] + e.where.column - 1);

  try {
    (void)load(path.string());
    ADD_FAILURE() << "no ParseError";
  } catch (const newsdoc::ParseError& error) {
    EXPECT_EQ(error.where().line, bad_line + 1);
    EXPECT_EQ(error.where().offset, e.where.offset);
  }
}

TEST(Load, SingleLineLargerThanWindow) {
  TempDir dir;
  const auto path = dir / "long-line.jsonl";
  std::string big;
  big.reserve(window_size + (1 << 20));
  while (big.size() < window_size + (1 << 20)) big += "Zoë – “Wort” 👍 ";
  const std::string jsonl = record(0) + "\n" + record(1, big) + "\n" + "{\"title\": }\n" + record(3) + "\n";
  write_file(path, jsonl);
  const Corpus corpus = load(path.string(), skip_errors());
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].id(), "r0");
  EXPECT_EQ(corpus[1].id(), "r1");
  EXPECT_EQ(corpus[1].text(), big);
  EXPECT_EQ(corpus[1].quote(0).text, "oë – “");
  EXPECT_EQ(corpus[2].id(), "r3");
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 3u);
  EXPECT_GT(corpus.errors()[0].where.offset, big.size());
  // The same as one .json file read whole, and compressed.
  write_gzip(dir / "long-line.jsonl.gz", record(1, big) + "\n" + record(3) + "\n");
  const Corpus gz = load((dir / "long-line.jsonl.gz").string());
  ASSERT_EQ(gz.size(), 2u);
  EXPECT_EQ(gz[0], corpus[1]);
}

// --- The seed article ----------------------------------------------------------

TEST(Seed, CanonicalSeedJson) {
  const auto path = newsdoc_test::seed_json();
  const Corpus corpus = load(path.string());
  ASSERT_EQ(corpus.size(), 1u);
  const Article& a = corpus[0];
  EXPECT_EQ(a.title(), "Syria and Russia hold negotiations about new arms shipments");
  EXPECT_EQ(a.paragraph_count(), 12u);
  EXPECT_EQ(a.tags().size(), 5u);
  EXPECT_EQ(a.paragraph(1).text.substr(0, 12), "“Yes, this");
  // The seed is canonical JSON: it is reproduced byte for byte.
  std::string content = read_file(path);
  if (!content.empty() && content.back() == '\n') content.pop_back();
  EXPECT_EQ(a.to_json(), content);
}

// --- Shared corpora --------------------------------------------------------------

fs::path shared_corpus(const std::string& name) { return newsdoc_test::shared_dir() / "corpora" / name; }

TEST(SharedCorpora, NewsSample2000) {
  const auto path = shared_corpus("news-sample-2000.jsonl");
  if (!fs::exists(path)) GTEST_SKIP() << "shared corpus " << path << " is absent";
  const Corpus corpus = load(path.string());
  ASSERT_EQ(corpus.size(), 2000u);
  EXPECT_TRUE(corpus.errors().empty());
  const Article& first = corpus[0];
  ASSERT_GT(first.paragraph_count(), 0u);
  // The body comes from content_original, not the tokenised content.
  for (std::size_t i = 0; i < first.paragraph_count(); ++i) {
    EXPECT_EQ(first.paragraph(i).text.find(" ,"), std::string_view::npos) << first.paragraph(i).text;
    EXPECT_EQ(first.paragraph(i).text.find(" ’ "), std::string_view::npos) << first.paragraph(i).text;
  }
  EXPECT_EQ(first.paragraph(0).text.substr(0, 26), "Her colleagues are rushing");
  EXPECT_NE(first.meta_json().find("\"content\":"), std::string_view::npos);
  EXPECT_EQ(first.meta_json().find("\"content_original\":"), std::string_view::npos);
  EXPECT_EQ(first.source(), "Washington Times");
  EXPECT_EQ(first.published(), std::optional<std::string_view>("2019-03-05"));
  EXPECT_EQ(first.authors(), (std::vector<std::string_view>{"Stephen Dinan", "Gabriella Muñoz"}));
  for (const Article& a : corpus) ASSERT_FALSE(a.text().empty()) << a.url();
  // Dumping and reloading gives the same articles.
  const Corpus again = newsdoc::loads(corpus.to_jsonl());
  ASSERT_EQ(again.size(), corpus.size());
  for (std::size_t i = 0; i < corpus.size(); ++i) ASSERT_EQ(again[i], corpus[i]) << "article " << i;
}

TEST(SharedCorpora, RealnewsTiny) {
  const auto path = shared_corpus("realnews-tiny.jsonl");
  if (!fs::exists(path)) GTEST_SKIP() << "shared corpus " << path << " is absent";
  const Corpus corpus = load(path.string());
  ASSERT_EQ(corpus.size(), 5u);
  EXPECT_TRUE(corpus.errors().empty());
  for (const Article& a : corpus) {
    EXPECT_FALSE(a.text().empty());
    EXPECT_FALSE(a.title().empty());
    EXPECT_GT(a.paragraph_count(), 0u);
  }
  EXPECT_EQ(corpus[0].title(), "Reynolds High School tragedy: more laws are not the answer");
}

// --- Reviewer findings ------------------------------------------------------------

// The BOM was looked for in the first read only; when the first line did not
// fit in the window, the grown window started at the BOM again.
TEST(Regression, BomAndFirstLineLongerThanWindow) {
  TempDir dir;
  const auto path = dir / "bom-long.jsonl";
  std::string big;
  big.reserve(window_size + (1 << 20));
  while (big.size() < window_size + (1 << 20)) big += "Zoë – “Wort” 👍 ";
  write_file(path, "\xEF\xBB\xBF" + record(0, big) + "\n" + record(1) + "\n");
  const Corpus corpus = load(path.string());
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[0].id(), "r0");
  EXPECT_EQ(corpus[0].text(), big);
  EXPECT_EQ(corpus[1].to_json(), record(1));
  // Offsets count the BOM.
  write_file(path, "\xEF\xBB\xBF" + record(0, big) + "\n{\"title\": x}\n");
  const Corpus bad = load(path.string(), skip_errors());
  ASSERT_EQ(bad.size(), 1u);
  ASSERT_EQ(bad.errors().size(), 1u);
  EXPECT_EQ(bad.errors()[0].where.line, 2u);
  EXPECT_EQ(bad.errors()[0].where.offset, 3 + record(0, big).size() + 1 + std::string_view("{\"title\": ").size());
}

TEST(Regression, CutJsonlLineInAFileIsOneParseError) {
  TempDir dir;
  for (const char* name : {"cut.jsonl", "cut.json"}) {
    SCOPED_TRACE(name);
    const std::string path = (dir / name).string();
    write_file(path, record(0) + "\n{\"id\":\n" + record(2) + "\n" + record(3) + "\n");
    const Corpus corpus = load(path, skip_errors());
    ASSERT_EQ(corpus.size(), 3u);
    EXPECT_EQ(corpus[1].id(), "r2");
    ASSERT_EQ(corpus.errors().size(), 1u);
    EXPECT_EQ(corpus.errors()[0].kind, RecordError::Kind::parse);
    EXPECT_EQ(corpus.errors()[0].where.line, 2u);
    EXPECT_THROW(load(path), newsdoc::ParseError);
  }
}

TEST(Regression, JsonFileWithABadFirstLineLoadsTheGoodLines) {
  TempDir dir;
  const std::string path = (dir / "lines.json").string();
  write_file(path, "{\"title\": \"cut\n" + record(1) + "\n" + record(2) + "\n");
  const Corpus corpus = load(path, skip_errors());
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[0].to_json(), record(1));
  EXPECT_EQ(corpus[1].to_json(), record(2));
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 1u);
  EXPECT_EQ(corpus.errors()[0].where.path, path);
}

}  // namespace
