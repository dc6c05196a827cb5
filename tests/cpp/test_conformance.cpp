// JSONTestSuite (shared corpora): newsdoc accepts every valid JSON text
// (as JSON; most are not articles, which is a SchemaError), rejects every
// invalid one with a ParseError, and never crashes on the rest.
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;

TEST(Conformance, JsonTestSuiteParsing) {
  const fs::path dir = newsdoc_test::shared_dir() / "conformance" / "JSONTestSuite" / "test_parsing";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "shared conformance suite " << dir << " is absent";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 100u);
  std::size_t accepted = 0, rejected = 0;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const std::string json = newsdoc_test::read_file(path);
    for (const auto on_error : {newsdoc::OnError::raise, newsdoc::OnError::skip}) {
      SCOPED_TRACE(name + (on_error == newsdoc::OnError::skip ? " (skip)" : " (raise)"));
      newsdoc::LoadOptions options;
      options.on_error = on_error;
      bool parse_error = false;
      try {
        const newsdoc::Corpus corpus = newsdoc::loads(json, options);
        for (const auto& e : corpus.errors()) parse_error |= e.kind == newsdoc::RecordError::Kind::parse;
      } catch (const newsdoc::ParseError&) {
        parse_error = true;
      } catch (const newsdoc::SchemaError&) {
      }
      if (name[0] == 'y') {
        EXPECT_FALSE(parse_error) << "valid JSON rejected";
        accepted += !parse_error;
      } else if (name[0] == 'n') {
        EXPECT_TRUE(parse_error) << "invalid JSON accepted";
        rejected += parse_error;
      }
    }
  }
  EXPECT_GT(accepted, 0u);
  EXPECT_GT(rejected, 0u);
}

}  // namespace
