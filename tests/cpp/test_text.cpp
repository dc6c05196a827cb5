// The plain-text importer: title, paragraphs, tags, furniture, encoding.
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>

#include "test_util.hpp"

namespace {

using newsdoc::parse_text;

std::vector<std::string_view> paragraph_texts(const newsdoc::Article& a) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < a.paragraph_count(); ++i) out.push_back(a.paragraph(i).text);
  return out;
}

TEST(ImportText, TitleParagraphsFoldedLines) {
  const auto corpus = parse_text("\n\nTitle here\n\nFirst line\nsecond line.\n\n\n Second para. \n", {"x1"});
  ASSERT_EQ(corpus.size(), 1u);
  const auto& a = corpus[0];
  EXPECT_EQ(a.id(), "x1");
  EXPECT_EQ(a.title(), "Title here");
  EXPECT_EQ(paragraph_texts(a), (std::vector<std::string_view>{"First line second line.", "Second para."}));
  EXPECT_TRUE(a.tags().empty());
  EXPECT_EQ(a.meta_json(), "{}");
}

TEST(ImportText, WindowsLineEndingsAndBom) {
  const auto corpus = parse_text("\xEF\xBB\xBFTitle\r\n\r\nOne\r\ntwo.\r\n");
  EXPECT_EQ(corpus[0].title(), "Title");
  EXPECT_EQ(paragraph_texts(corpus[0]), (std::vector<std::string_view>{"One two."}));
}

TEST(ImportText, TagsLineAndFurnitureKeptInMeta) {
  const auto corpus =
      parse_text("T\n\nBody text.\n\n\xC2\xA0 Syria, Russia, Bashar al-Assad\n\nShare this\n\nComments");
  const auto& a = corpus[0];
  EXPECT_EQ(paragraph_texts(a), (std::vector<std::string_view>{"Body text."}));
  EXPECT_EQ(a.tags(), (std::vector<std::string_view>{"Syria", "Russia", "Bashar al-Assad"}));
  EXPECT_EQ(a.meta_json(), R"({"boilerplate":["Share this","Comments"]})");
}

TEST(ImportText, ShortLastSentenceIsNotTags) {
  for (const char* last : {"Smith, Jones", "Yes, he said, and left.", "Replacements: A (X), B (Y), C (Z)"}) {
    SCOPED_TRACE(last);
    const auto corpus = parse_text(std::string("T\n\nBody.\n\n") + last);
    EXPECT_TRUE(corpus[0].tags().empty());
    EXPECT_EQ(corpus[0].paragraph_count(), 2u);
  }
}

TEST(ImportText, InvalidUtf8IsDecodedAsWindows1252AndFlagged) {
  // 0xA3 is £ in Latin-1; 0x93/0x94 are curly quotes in Windows-1252; the é stays UTF-8.
  const auto corpus = parse_text("T\n\nA \xA3" "15.8m fee, \x93quoted\x94 caf\xC3\xA9.");
  const auto& a = corpus[0];
  EXPECT_EQ(a.paragraph(0).text, "A £15.8m fee, “quoted” café.");
  EXPECT_EQ(a.meta_json(), R"({"decoding":{"fallback":"windows-1252","bytes":3}})");
}

TEST(ImportText, EmptyAndBlankInput) {
  for (const char* raw : {"", "\n\n  \n", "\xC2\xA0"}) {
    const auto corpus = parse_text(raw);
    ASSERT_EQ(corpus.size(), 1u);
    EXPECT_EQ(corpus[0].title(), "");
    EXPECT_EQ(corpus[0].paragraph_count(), 0u);
  }
}

// seeds/*.json is the seed text imported and annotated with the built-in lists.
TEST(ImportText, SeedArticleMatchesItsCanonicalJson) {
  const auto corpus = newsdoc::read_text((newsdoc_test::source_dir() / "seeds" / "000_0eafb7a6a491ae43.txt").string());
  const auto annotated = newsdoc::Annotator().annotate(corpus);
  EXPECT_EQ(annotated[0].to_json() + "\n", newsdoc_test::read_file(newsdoc_test::seed_json()));
}

TEST(ImportText, MissingFileIsAnIoError) {
  EXPECT_THROW(newsdoc::read_text("/nonexistent/article.txt"), newsdoc::IoError);
}

// A directory opened as a stream reads as empty: it gave an empty article.
TEST(ImportText, DirectoryIsAnIoError) {
  newsdoc_test::TempDir dir;
  try {
    (void)newsdoc::read_text(dir.path().string());
    ADD_FAILURE() << "no IoError";
  } catch (const newsdoc::IoError& e) {
    EXPECT_EQ(e.path(), dir.path().string());
    EXPECT_EQ(std::string(e.what()), dir.path().string() + ": Is a directory");
  }
}

}  // namespace
