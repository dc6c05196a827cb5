// Binary corpus files: newsdoc::save, read_binary_file and map_binary_file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <newsdoc/binary.hpp>
#include <newsdoc/newsdoc.hpp>

#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using newsdoc::ArticleInput;
using newsdoc::Corpus;
using newsdoc::CorpusBuilder;
using newsdoc::QuoteKind;
using newsdoc::Span;

/// One article with a quote, a speaker and meta of `meta_padding` extra bytes.
Corpus quoted_corpus(const std::string& id, const std::string& said, std::size_t meta_padding = 0) {
  ArticleInput in;
  in.id = id;
  const std::string paragraph = "Zoë said “" + said + "”.";
  const std::string meta = R"({"pad":")" + std::string(meta_padding, 'p') + R"("})";
  in.paragraphs = {paragraph};
  in.meta = meta;
  in.entities = {{"e1", "Zoë", "PERSON", {}}};
  in.quotes = {{Span{10, static_cast<std::uint32_t>(10 + said.size())}, QuoteKind::direct, 0, Span{0, 3}, "said"}};
  in.mentions = {{Span{0, 3}, 0}};
  in.unit = newsdoc::OffsetUnit::chars;
  CorpusBuilder builder;
  builder.add(in);
  return builder.finish();
}

std::string message_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const newsdoc::Error& e) {
    return e.what();
  }
  return "loaded";
}

TEST(BinaryFile, AMappedFileLoadsAsTheReadOne) {
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "c.ndc").string();
  const Corpus corpus = quoted_corpus("a", "Wir schaffen das");
  newsdoc::save(corpus, path);
  const Corpus mapped = newsdoc::map_binary_file(path);
  ASSERT_EQ(mapped.size(), 1u);
  EXPECT_TRUE(mapped[0] == corpus[0]);
  EXPECT_TRUE(mapped[0] == newsdoc::read_binary_file(path)[0]);
  EXPECT_EQ(mapped[0].quote(0).text, "Wir schaffen das");
  EXPECT_EQ(mapped[0].quote(0).chars, (Span{10, 26}));
  // Through load(), as Python's memory_map=True asks.
  newsdoc::LoadOptions options;
  options.memory_map = true;
  EXPECT_EQ(newsdoc::load(path, options).to_jsonl(), corpus.to_jsonl());
}

TEST(BinaryFile, AFileOfWholePagesIsFollowedByZeros) {
  // simdjson reads past the end of what it validates; a file filling its last page exactly gets
  // that padding from the page mapped after it.
  std::size_t padding = 0;
  while (newsdoc::binary_size(quoted_corpus("a", "yes", padding)) % 4096 != 0) ++padding;
  const Corpus corpus = quoted_corpus("a", "yes", padding);
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "pages.ndc").string();
  newsdoc::save(corpus, path);
  ASSERT_EQ(std::filesystem::file_size(path) % 4096, 0u);
  EXPECT_TRUE(newsdoc::map_binary_file(path)[0] == corpus[0]);
}

TEST(BinaryFile, AMappedFileIsCheckedAsAReadOne) {
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "c.ndc").string();
  std::string blob = newsdoc::to_binary(quoted_corpus("a", "yes"));
  blob[blob.size() - 20] ^= 0x01;
  newsdoc_test::write_file(path, blob);
  const std::string damaged = message_of([&] { newsdoc::read_binary_file(path); });
  EXPECT_NE(damaged.find("checksum mismatch"), std::string::npos) << damaged;
  EXPECT_EQ(message_of([&] { newsdoc::map_binary_file(path); }), damaged);
  // Shorter than the header, or empty: nothing to map, and the same error as reading.
  for (const std::size_t size : {std::size_t{0}, std::size_t{10}}) {
    newsdoc_test::write_file(path, blob.substr(0, size));
    const std::string truncated = message_of([&] { newsdoc::read_binary_file(path); });
    EXPECT_NE(truncated.find("truncated"), std::string::npos) << truncated;
    EXPECT_EQ(message_of([&] { newsdoc::map_binary_file(path); }), truncated);
  }
  EXPECT_THROW(newsdoc::map_binary_file((dir / "missing.ndc").string()), newsdoc::IoError);
  EXPECT_THROW(newsdoc::map_binary_file(dir.path().string()), newsdoc::IoError);
}

TEST(BinaryFile, SaveReplacesTheFileSoAMappedCorpusKeepsItsText) {
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "c.ndc").string();
  newsdoc::save(quoted_corpus("old", "first words"), path);
  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  const Corpus mapped = newsdoc::map_binary_file(path);
  // Saving over the file the corpus is mapped from, even the corpus itself.
  newsdoc::save(quoted_corpus("new", "other words, longer than the first"), path);
  newsdoc::save(mapped, (dir / "copy.ndc").string());
  EXPECT_EQ(mapped[0].id(), "old");
  EXPECT_EQ(mapped[0].quote(0).text, "first words");
  const Corpus replaced = newsdoc::read_binary_file(path);
  EXPECT_EQ(replaced[0].quote(0).text, "other words, longer than the first");
  newsdoc::save(mapped, path);
  const Corpus saved_again = newsdoc::read_binary_file(path);
  EXPECT_EQ(saved_again[0].id(), "old");
  struct stat status {};
  ASSERT_EQ(stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0640u);  // an existing file keeps its mode
  // Nothing is left beside the files.
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"c.ndc", "copy.ndc"}));
}

TEST(BinaryFile, SaveThroughASymbolicLinkReplacesItsTarget) {
  newsdoc_test::TempDir dir;
  const std::string target = (dir / "real.ndc").string();
  const std::string link = (dir / "link.ndc").string();
  newsdoc::save(quoted_corpus("old", "yes"), target);
  std::filesystem::create_symlink(target, link);
  newsdoc::save(quoted_corpus("new", "yes"), link);
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  const Corpus reread = newsdoc::read_binary_file(target);
  EXPECT_EQ(reread[0].id(), "new");
}

TEST(BinaryFile, SaveIntoAMissingFolderIsAnIoErrorNamingThePath) {
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "no" / "c.ndc").string();
  const std::string message = message_of([&] { newsdoc::save(quoted_corpus("a", "yes"), path); });
  EXPECT_EQ(message, path + ": No such file or directory");
}

}  // namespace
