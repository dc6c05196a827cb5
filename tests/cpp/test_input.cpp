// The input layer (newsdoc/input.hpp): folders, ids, origins, duplicates,
// what is not text, empty mappings, line limits, the binary corpus file.
#include <gtest/gtest.h>
#include <zlib.h>

#include <newsdoc/binary.hpp>
#include <newsdoc/newsdoc.hpp>

#include <set>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using newsdoc::Corpus;
using newsdoc::LoadOptions;
using newsdoc::OnError;
using newsdoc_test::shared_dir;
using newsdoc_test::TempDir;
using newsdoc_test::write_file;
namespace fs = std::filesystem;

TEST(Input, FolderFilesAreNamedByTheirRelativePath) {
  TempDir dir;
  fs::create_directories(dir / "business");
  fs::create_directories(dir / "sport");
  write_file(dir / "business/001.txt", "Shares rise\n\nShares rose today.\n");
  write_file(dir / "sport/001.txt", "Cup final\n\nThe final was played.\n");
  write_file(dir / "sport/notes.md", "ignored");
  const Corpus corpus = newsdoc::load(dir.path().string());
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[0].id(), "business/001");
  EXPECT_EQ(corpus[1].id(), "sport/001");
  EXPECT_EQ(corpus[0].origin(), (dir / "business/001.txt").string());
  EXPECT_EQ(corpus[0].origin_line(), 0u);
}

TEST(Input, IdlessJsonlRecordsAreNamedByFileAndLine) {
  TempDir dir;
  write_file(dir / "news.jsonl", "{\"title\":\"A\"}\n\n{\"title\":\"B\",\"id\":\"given\"}\n{\"title\":\"C\"}\n");
  const Corpus corpus = newsdoc::load((dir / "news.jsonl").string());
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].id(), "news:1");
  EXPECT_EQ(corpus[1].id(), "given");
  EXPECT_EQ(corpus[2].id(), "news:4");
  EXPECT_EQ(corpus[2].origin(), (dir / "news.jsonl").string());
  EXPECT_EQ(corpus[2].origin_line(), 4u);
  // Origins are not content: not written, not compared.
  EXPECT_EQ(corpus[1].to_json().find("news.jsonl"), std::string::npos);
  const Corpus in_memory = newsdoc::loads("{\"title\":\"B\",\"id\":\"given\"}");
  EXPECT_TRUE(in_memory[0] == corpus[1]);
  EXPECT_EQ(in_memory[0].origin(), "");
}

TEST(Input, JsonArrayElementsAndSingleObjects) {
  TempDir dir;
  write_file(dir / "many.json", "[\n{\"title\":\"A\"},\n{\"title\":\"B\"}\n]\n");
  write_file(dir / "one.json", "{\"title\":\"C\"}");
  const Corpus corpus = newsdoc::load(dir.path().string());
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].id(), "many/0");
  EXPECT_EQ(corpus[1].id(), "many/1");
  EXPECT_EQ(corpus[2].id(), "one");
}

TEST(Input, OriginsSurviveAnnotation) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"title\":\"A\",\"paragraphs\":[\"\u201cYes,\u201d said Anna Berg.\"]}\n");
  const Corpus corpus = newsdoc::load((dir / "a.jsonl").string());
  const Corpus annotated = newsdoc::Annotator().annotate(corpus, newsdoc::AnnotateMode::all);
  EXPECT_EQ(annotated[0].origin(), (dir / "a.jsonl").string());
  EXPECT_EQ(annotated[0].origin_line(), 1u);
}

TEST(Input, LoadsWithoutFilesAssignNothing) {
  const Corpus corpus = newsdoc::loads("{\"title\":\"A\"}\n{\"title\":\"B\"}\n");
  EXPECT_EQ(corpus[0].id(), "");
  EXPECT_EQ(corpus[0].meta_json(), "{}");
}

TEST(Input, DuplicateIdsAreAnErrorOrSkipped) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"id\":\"x\",\"title\":\"A\"}\n{\"id\":\"x\",\"title\":\"B\"}\n{\"id\":\"y\",\"title\":\"C\"}\n");
  try {
    newsdoc::load((dir / "a.jsonl").string());
    FAIL() << "no error";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.where().line, 2u);
    EXPECT_EQ(e.pointer(), "/id");
    EXPECT_NE(std::string(e.what()).find("duplicate id \"x\""), std::string::npos) << e.what();
  }
  LoadOptions skip;
  skip.on_error = OnError::skip;
  const Corpus corpus = newsdoc::load((dir / "a.jsonl").string(), skip);
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[0].title(), "A");
  EXPECT_EQ(corpus[1].title(), "C");
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 2u);
}

TEST(Input, BytesReadElsewhereLoadAsTheFileWould) {
  TempDir dir;
  const std::string jsonl = "{\"title\":\"A\"}\n\n{\"title\":\"B\",\"id\":\"given\"}\n{\"title\":\"C\"}\n";
  write_file(dir / "news.jsonl", jsonl);
  const Corpus from_file = newsdoc::load((dir / "news.jsonl").string());
  const newsdoc::SourceFile remote{"bucket/news.jsonl", "news"};
  const Corpus from_bytes = newsdoc::load_bytes(remote, jsonl);
  ASSERT_EQ(from_bytes.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(from_bytes[i].id(), from_file[i].id());
    EXPECT_EQ(from_bytes[i].origin(), "bucket/news.jsonl");
    EXPECT_EQ(from_bytes[i].origin_line(), from_file[i].origin_line());
  }
  EXPECT_EQ(from_bytes[2].id(), "news:4");
  const std::string json = "[\n{\"title\":\"A\"},\n{\"title\":\"B\"}\n]\n";
  write_file(dir / "many.json", json);
  const Corpus array = newsdoc::load_bytes({"bucket/many.json", "many"}, json);
  ASSERT_EQ(array.size(), 2u);
  EXPECT_EQ(array[1].id(), "many/1");
  EXPECT_EQ(array[1].origin_line(), 3u);
  EXPECT_EQ(newsdoc::load((dir / "many.json").string())[1].origin_line(), 3u);
  LoadOptions options;
  options.mapping = newsdoc::FieldMapping::news_please();
  EXPECT_THROW(newsdoc::load_bytes(remote, "{\"headline\":\"A\"}\n", options), newsdoc::SchemaError);
}

TEST(Input, LinesOfAFileKeepTheirPlaceInIt) {
  const newsdoc::SourceFile file{"bucket/news.jsonl", "news"};
  // Lines 7 to 10 of the file, which start at byte 120.
  const Corpus corpus = newsdoc::load_lines(
      file, "{\"title\":\"A\"}\n\n{\"title\":\"B\",\"id\":\"given\"}\n{\"title\":\"C\"}\n", {7, 120});
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].id(), "news:7");
  EXPECT_EQ(corpus[1].id(), "given");
  EXPECT_EQ(corpus[2].id(), "news:10");
  EXPECT_EQ(corpus[2].origin(), "bucket/news.jsonl");
  EXPECT_EQ(corpus[2].origin_line(), 10u);
  try {
    newsdoc::load_lines(file, "{\"title\":\"A\"}\n{\"title\": }\n", {7, 120});
    FAIL() << "no error";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.where().path, "bucket/news.jsonl");
    EXPECT_EQ(e.where().line, 8u);
    EXPECT_EQ(e.where().column, 11u);
    EXPECT_EQ(e.where().offset, 144u);
  }
  LoadOptions limited;
  limited.max_record_bytes = 20;
  try {
    newsdoc::load_lines(file, "{\"title\":\"A\"}\n{\"title\":\"" + std::string(30, 'x') + "\"}\n", {7, 120}, limited);
    FAIL() << "no error";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.where().line, 8u);
    EXPECT_NE(std::string(e.what()).find("max_record_bytes"), std::string::npos) << e.what();
  }
}

TEST(Input, LinesOfAFileAreCheckedForDuplicatesAmongThemselves) {
  const newsdoc::SourceFile file{"bucket/news.jsonl", "news"};
  const std::string lines = "{\"title\":\"A\"}\n{\"title\":\"B\",\"id\":\"news:7\"}\n";
  try {
    newsdoc::load_lines(file, lines, {7, 120});
    FAIL() << "no error";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_STREQ(e.what(), "bucket/news.jsonl:8: /id: duplicate id \"news:7\": the first is in bucket/news.jsonl:7");
  }
  LoadOptions skip;
  skip.on_error = OnError::skip;
  const Corpus kept = newsdoc::load_lines(file, lines, {7, 120}, skip);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].title(), "A");
  ASSERT_EQ(kept.errors().size(), 1u);
  EXPECT_EQ(kept.errors()[0].where.line, 8u);
  // The mapping check is about a whole file: lines of it that hold no title or body are no error.
  EXPECT_EQ(newsdoc::load_lines(file, "{\"headline\":\"A\"}\n", {3, 40}).size(), 1u);
}

TEST(Input, AMissingPathIsNotFound) {
  EXPECT_THROW(newsdoc::load("/nonexistent/newsdoc.jsonl"), newsdoc::NotFoundError);
}

TEST(Input, BinaryBytesInATextFileAreRefused) {
  TempDir dir;
  std::string elf("\x7f" "ELF\x02\x01\x01", 7);
  elf += std::string(200, '\0') + "some strings \x93quoted\x94 here";
  write_file(dir / "junk.txt", elf);
  write_file(dir / "good.txt", "Title\n\nA paragraph.\n");
  try {
    newsdoc::load((dir / "junk.txt").string());
    FAIL() << "no error";
  } catch (const newsdoc::IoError& e) {
    EXPECT_EQ(e.path(), (dir / "junk.txt").string());
    EXPECT_NE(std::string(e.what()).find("not a text file"), std::string::npos);
  }
  LoadOptions skip;
  skip.on_error = OnError::skip;
  const Corpus corpus = newsdoc::load(dir.path().string(), skip);
  ASSERT_EQ(corpus.size(), 1u);
  EXPECT_EQ(corpus[0].id(), "good");
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.path, (dir / "junk.txt").string());
  EXPECT_EQ(corpus.errors()[0].where.line, 0u);
  EXPECT_FALSE(newsdoc::looks_like_text(std::string("%PDF-1.4\n")));
  EXPECT_FALSE(newsdoc::looks_like_text(std::string("PK\x03\x04rest")));
  EXPECT_TRUE(newsdoc::looks_like_text("Caf\xe9 au lait\n\nWindows-1252 is text."));
}

TEST(Input, AFolderWhereNothingLoadsIsAnError) {
  TempDir dir;
  write_file(dir / "junk.txt", std::string("\0\0\0\0binary", 10));
  LoadOptions skip;
  skip.on_error = OnError::skip;
  EXPECT_THROW(newsdoc::load(dir.path().string(), skip), newsdoc::Error);
  TempDir empty;
  EXPECT_THROW(newsdoc::load(empty.path().string()), newsdoc::Error);
}

TEST(Input, AMappingThatFindsNothingIsASchemaError) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"headline\":\"A\",\"story\":\"x\"}\n{\"headline\":\"B\",\"story\":\"y\"}\n");
  LoadOptions options;
  options.mapping = newsdoc::FieldMapping::news_please();
  try {
    newsdoc::load((dir / "a.jsonl").string(), options);
    FAIL() << "no error";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.where().line, 1u);
    EXPECT_NE(std::string(e.what()).find("headline, story"), std::string::npos) << e.what();
  }
}

TEST(Input, ALineOverTheLimitIsAParseErrorNamingIt) {
  TempDir dir;
  const std::string path = (dir / "a.jsonl").string();
  write_file(path, "{\"title\":\"A\"}\n{\"title\":\"" + std::string(5000, 'x') + "\"}\n{\"title\":\"C\"}\n");
  LoadOptions options;
  options.max_record_bytes = 1000;
  try {
    newsdoc::load(path, options);
    FAIL() << "no error";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.where().path, path);
    EXPECT_EQ(e.where().line, 2u);
  }
  options.on_error = OnError::skip;
  const Corpus corpus = newsdoc::load(path, options);
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[1].id(), "a:3");
}

TEST(Input, ALineLongerThanTheWindowOverTheLimit) {
  TempDir dir;
  const std::string path = (dir / "a.jsonl").string();
  write_file(path, "{\"title\":\"A\"}\n{\"title\":\"" + std::string(20u << 20, 'x') + "\"}\n{\"title\":\"C\"}\n");
  LoadOptions options;
  options.max_record_bytes = 10u << 20;
  options.on_error = OnError::skip;
  const Corpus corpus = newsdoc::load(path, options);
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[1].id(), "a:3");
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 2u);
}

TEST(Input, BlanksBetweenRecordsAreNotHeld) {
  TempDir dir;
  const std::string path = (dir / "a.jsonl").string();
  // 64 MiB of spaces without a newline, over a 16 MiB limit: dropped, not an error.
  write_file(path, "{\"title\":\"A\"}\n" + std::string(64u << 20, ' ') + "{\"title\":\"B\"}\n");
  LoadOptions options;
  options.max_record_bytes = 16u << 20;
  const Corpus corpus = newsdoc::load(path, options);
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[1].title(), "B");
}

TEST(Input, SaveAndReopen) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"title\":\"A\",\"paragraphs\":[\"One.\"]}\n{\"title\":\"B\"}\n");
  const Corpus corpus = newsdoc::load((dir / "a.jsonl").string());
  newsdoc::save(corpus, (dir / "a.ndc").string());
  const Corpus again = newsdoc::load((dir / "a.ndc").string());
  ASSERT_EQ(again.size(), 2u);
  EXPECT_TRUE(again[0] == corpus[0]);
  EXPECT_EQ(again[1].id(), "a:2");
  // Sniffed by its magic under any name.
  fs::copy_file(dir / "a.ndc", dir / "copy.bin");
  EXPECT_EQ(newsdoc::load((dir / "copy.bin").string()).size(), 2u);
}

TEST(Input, FileIds) {
  EXPECT_EQ(newsdoc::file_id("news.jsonl.gz"), "news");
  EXPECT_EQ(newsdoc::file_id("business/001.txt"), "business/001");
  EXPECT_EQ(newsdoc::file_id("data.v2.csv"), "data.v2");
  EXPECT_EQ(newsdoc::file_id("README"), "README");
}

TEST(Input, BbcLoadsWithUniqueIds) {
  const fs::path bbc = shared_dir() / "corpora" / "bbc";
  if (!fs::is_directory(bbc)) GTEST_SKIP() << "no shared BBC corpus at " << bbc;
  const Corpus corpus = newsdoc::load(bbc.string());
  ASSERT_EQ(corpus.size(), 2225u);
  std::set<std::string> ids;
  for (const auto& a : corpus) ids.emplace(a.id());
  EXPECT_EQ(ids.size(), 2225u);
  EXPECT_TRUE(ids.count("business/001"));
  EXPECT_TRUE(ids.count("sport/001"));
}

}  // namespace
