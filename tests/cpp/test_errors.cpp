// The error model (newsdoc/error.hpp): each public entry point, fed a failing
// input, throws its specific class, which is a newsdoc::Error, the standard
// exception it stands for and, unambiguously, a std::exception.
#include <gtest/gtest.h>

#include <newsdoc/binary.hpp>
#include <newsdoc/model.hpp>
#include <newsdoc/newsdoc.hpp>
#include <newsdoc/table.hpp>
#include <newsdoc/transform.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <type_traits>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using newsdoc::Corpus;

template <class Caught>
bool caught_as(const std::exception_ptr& thrown, std::string& what) {
  try {
    std::rethrow_exception(thrown);
  } catch (const Caught& e) {
    what = e.what();
    return true;
  } catch (...) {
    return false;
  }
}

/// Runs `call`, which must throw a `Specific`; checks that a handler of
/// `Specific`, of newsdoc::Error, of `Standard` and of std::exception each
/// catches it, with one message.
template <class Specific, class Standard, class Call>
void expect_error(const Call& call, const std::string& entry_point) {
  static_assert(std::is_base_of_v<newsdoc::Error, Specific> && std::is_base_of_v<Standard, Specific>);
  SCOPED_TRACE(entry_point);
  std::exception_ptr thrown;
  try {
    call();
  } catch (...) {
    thrown = std::current_exception();
  }
  ASSERT_TRUE(thrown) << "nothing thrown";
  std::string specific, base, standard, any;
  EXPECT_TRUE(caught_as<Specific>(thrown, specific));
  EXPECT_TRUE(caught_as<newsdoc::Error>(thrown, base));
  EXPECT_TRUE(caught_as<Standard>(thrown, standard));
  EXPECT_TRUE(caught_as<std::exception>(thrown, any));
  EXPECT_FALSE(specific.empty());
  EXPECT_EQ(base, specific);
  EXPECT_EQ(standard, specific);
  EXPECT_EQ(any, specific);
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("newsdoc-errors-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  std::string str() const { return path_.string(); }

 private:
  static inline std::atomic<int> counter_{0};
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

Corpus two_articles() {
  return newsdoc::loads(
      R"({"id": "a", "paragraphs": ["Angela Merkel spoke.", "Then she left."], "entities": [{"id": "e1", "name": "Angela Merkel", "type": "PERSON"}], "mentions": [{"entity": "e1", "start": 0, "end": 13}]})"
      "\n"
      R"({"id": "b", "paragraphs": ["Nothing here."]})"
      "\n");
}

TEST(Errors, Loading) {
  TempDir dir;
  expect_error<newsdoc::NotFoundError, std::runtime_error>([&] { newsdoc::load((dir / "missing.jsonl").string()); },
                                                           "load of a missing file");
  expect_error<newsdoc::ParseError, std::runtime_error>([] { newsdoc::loads("{\"title\": "); }, "loads of bad JSON");
  expect_error<newsdoc::SchemaError, std::runtime_error>([] { newsdoc::loads(R"({"title": 3})"); },
                                                         "loads of a bad schema");
  write_file(dir / "binary.txt", std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(200, '\0'));
  expect_error<newsdoc::IoError, std::runtime_error>([&] { newsdoc::load((dir / "binary.txt").string()); },
                                                     "load of a .txt of binary bytes");
  fs::create_directories(dir / "empty");
  expect_error<newsdoc::NothingLoaded, std::runtime_error>([&] { newsdoc::load((dir / "empty").string()); },
                                                           "load of an empty folder");
  write_file(dir / "a.jsonl", "{\"title\": \"A\"}\n");
  write_file(dir / "b.jsonl", "{\"title\": \"B\"}\n");
  newsdoc::LoadOptions cancelling;
  cancelling.progress = [](const newsdoc::LoadProgress&) { return false; };
  expect_error<newsdoc::Cancelled, std::runtime_error>(
      [&] { newsdoc::load(std::vector<std::string>{(dir / "a.jsonl").string(), (dir / "b.jsonl").string()}, cancelling); },
      "a load its progress callback cancels");
  expect_error<newsdoc::InvalidArgumentError, std::invalid_argument>(
      [] { newsdoc::FieldMapping::preset("no-such-preset"); }, "an unknown mapping preset");
}

TEST(Errors, BinaryCorpora) {
  TempDir dir;
  expect_error<newsdoc::ParseError, std::runtime_error>([] { newsdoc::from_binary("not a binary corpus"); },
                                                        "from_binary of other bytes");
  expect_error<newsdoc::IoError, std::runtime_error>(
      [&] { newsdoc::read_binary_file((dir / "missing.ndc").string()); }, "read_binary_file of a missing file");
  expect_error<newsdoc::IoError, std::runtime_error>([&] { newsdoc::save(two_articles(), dir.str()); },
                                                     "save onto a folder");
  char buffer[4];
  expect_error<newsdoc::InvalidArgumentError, std::invalid_argument>(
      [&] { newsdoc::write_binary(two_articles(), buffer, sizeof buffer); }, "write_binary into a short buffer");
}

TEST(Errors, Models) {
  TempDir dir;
  expect_error<newsdoc::ModelError, std::runtime_error>(
      [] { newsdoc::model::LinearModel::from_bytes("not a model", "bad.ndm"); }, "a model file of other bytes");
  expect_error<newsdoc::NotFoundError, std::runtime_error>(
      [&] { newsdoc::Models::load((dir / "no-models").string()); }, "models from a missing folder");
  fs::create_directories(dir / "models");
  expect_error<newsdoc::NotFoundError, std::runtime_error>([&] { newsdoc::Models::load((dir / "models").string()); },
                                                           "models from a folder without model files");
}

TEST(Errors, ArticlesQueriesAndTables) {
  const Corpus corpus = two_articles();
  expect_error<newsdoc::OutOfRangeError, std::out_of_range>([&] { (void)corpus[0].paragraph(9); },
                                                            "a paragraph index past the end");
  expect_error<newsdoc::InvalidArgumentError, std::invalid_argument>([&] { (void)corpus.slice(0, 2, 0); },
                                                                     "a slice of step 0");
  expect_error<newsdoc::OutOfRangeError, std::out_of_range>([&] { newsdoc::take(corpus, {7}); },
                                                            "take past the end");
  expect_error<newsdoc::InvalidArgumentError, std::invalid_argument>([&] { newsdoc::search(corpus, ""); },
                                                                     "an empty search pattern");
  const newsdoc::CorpusIndex index(corpus);
  expect_error<newsdoc::OutOfRangeError, std::out_of_range>([&] { (void)index.corpus_entity(5, 0); },
                                                            "an article past the end of the index");
  const newsdoc::Table table = newsdoc::make_table(corpus, newsdoc::TableName::quotes);
  expect_error<newsdoc::OutOfRangeError, std::out_of_range>([&] { (void)table.column("no_such_column"); },
                                                            "an unknown table column");
}

TEST(Errors, AnnotatorAndTransforms) {
  newsdoc::Annotator annotator;
  expect_error<newsdoc::InvalidArgumentError, std::invalid_argument>([&] { annotator.add_cue("  "); },
                                                                     "an empty cue");
  expect_error<newsdoc::InvalidArgumentError, std::invalid_argument>(
      [&] { annotator.add_entity({"", "ORG", {}}); }, "an entity without a name");
  const Corpus corpus = two_articles();
  expect_error<newsdoc::EntityNotFound, std::runtime_error>(
      [&] { newsdoc::rename_entity(corpus[0], "Olaf Scholz", "O. Scholz"); }, "renaming an unknown entity");
  expect_error<newsdoc::EntityNotFound, std::runtime_error>(
      [&] { newsdoc::rename_entity(corpus, "Olaf Scholz", "O. Scholz"); }, "renaming an entity no article holds");
  expect_error<newsdoc::EntityNotFound, std::runtime_error>(
      [&] { newsdoc::merge_entities(corpus, "e1", "e7"); }, "merging with an entity no article holds");
  try {
    newsdoc::rename_entity(corpus, "Olaf Scholz", "O. Scholz");
  } catch (const newsdoc::EntityNotFound& e) {
    EXPECT_EQ(e.key(), "Olaf Scholz");
  }
}

TEST(Errors, RecordErrorsConvertBackToTheirClass) {
  newsdoc::LoadOptions skip;
  skip.on_error = newsdoc::OnError::skip;
  const Corpus corpus = newsdoc::loads("{\"title\": \"ok\"}\n{\"title\": \n{\"title\": 3}\n", skip);
  ASSERT_EQ(corpus.errors().size(), 2u);
  const newsdoc::RecordError& parse = corpus.errors()[0];
  const newsdoc::RecordError& schema = corpus.errors()[1];
  EXPECT_EQ(parse.kind, newsdoc::RecordError::Kind::parse);
  EXPECT_EQ(schema.kind, newsdoc::RecordError::Kind::schema);
  try {
    std::rethrow_exception(parse.exception());
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.where().line, 2u);
    EXPECT_EQ(e.what(), parse.message());
  }
  try {
    std::rethrow_exception(schema.exception());
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/title");
    EXPECT_EQ(e.where().line, 3u);
    EXPECT_EQ(e.what(), schema.message());
  }
  // In raise mode the same input throws the first of them.
  try {
    newsdoc::loads("{\"title\": \"ok\"}\n{\"title\": \n{\"title\": 3}\n");
    ADD_FAILURE() << "no error";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(e.what(), parse.message());
  }

  TempDir dir;
  write_file(dir / "junk.txt", std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(200, '\0'));
  write_file(dir / "good.txt", "Title\n\nA paragraph.\n");
  const Corpus files = newsdoc::load(dir.str(), skip);
  ASSERT_EQ(files.errors().size(), 1u);
  const newsdoc::RecordError& io = files.errors()[0];
  EXPECT_EQ(io.kind, newsdoc::RecordError::Kind::io);
  try {
    std::rethrow_exception(io.exception());
  } catch (const newsdoc::IoError& e) {
    EXPECT_EQ(e.path(), (dir / "junk.txt").string());
    EXPECT_EQ(e.what(), io.message());
  }
  // A binary corpus keeps each kind.
  const Corpus again = newsdoc::from_binary(newsdoc::to_binary(files));
  ASSERT_EQ(again.errors().size(), 1u);
  EXPECT_EQ(again.errors()[0].kind, newsdoc::RecordError::Kind::io);
  EXPECT_EQ(again.errors()[0].message(), io.message());
}

TEST(Errors, ReadErrorIsTheOlderNameOfIoError) {
  static_assert(std::is_same_v<newsdoc::ReadError, newsdoc::IoError>);
  static_assert(std::is_base_of_v<newsdoc::IoError, newsdoc::NotFoundError>);
}

}  // namespace
