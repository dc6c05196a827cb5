// Utf8Index, is_char_boundary, is_valid_utf8, and the code point helpers of
// code_points.hpp.
#include <gtest/gtest.h>

#include <newsdoc/utf8.hpp>

#include "code_points.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using newsdoc::is_char_boundary;
using newsdoc::is_valid_utf8;
using newsdoc::Utf8Index;

// U+201C, U+201D: 3 bytes each; U+2013 (en dash): 3 bytes; U+00A0: 2 bytes;
// U+1F600 (grinning face): 4 bytes.
constexpr const char* ldquo = "\xE2\x80\x9C";
constexpr const char* rdquo = "\xE2\x80\x9D";
constexpr const char* ndash = "\xE2\x80\x93";
constexpr const char* nbsp = "\xC2\xA0";
constexpr const char* emoji = "\xF0\x9F\x98\x80";

/// The byte offset of every code point, then the text's size: a slow,
/// obviously right reference for Utf8Index.
std::vector<std::size_t> char_starts(const std::string& text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  return starts;
}

/// Checks every offset of `text` both ways against the reference, through
/// an index that finds out whether the text is ASCII and one that is told.
void expect_matches_reference(const std::string& text) {
  SCOPED_TRACE(testing::Message() << "text of " << text.size() << " bytes");
  const auto starts = char_starts(text);
  const std::size_t chars = starts.size() - 1;
  for (const Utf8Index& index : {Utf8Index(text), Utf8Index(text, chars == text.size())}) {
    EXPECT_EQ(index.char_length(), chars);
    EXPECT_EQ(index.ascii(), chars == text.size());
    for (std::size_t c = 0; c <= chars; ++c) {
      ASSERT_EQ(index.to_bytes(c), std::optional<std::size_t>(starts[c])) << "char " << c;
      ASSERT_EQ(index.to_chars(starts[c]), c) << "byte " << starts[c];
    }
    EXPECT_EQ(index.to_bytes(chars + 1), std::nullopt);
  }
  std::size_t next = 0;
  for (std::size_t b = 0; b <= text.size() + 1; ++b) {
    const bool boundary = next < starts.size() && starts[next] == b;
    EXPECT_EQ(is_char_boundary(text, b), boundary) << "byte " << b;
    if (boundary) ++next;
  }
}

TEST(Utf8Index, MultiByteCharactersBothWays) {
  // a “ b ” c – d NBSP e 😀 f
  const std::string text = std::string("a") + ldquo + "b" + rdquo + "c" + ndash + "d" + nbsp + "e" + emoji + "f";
  ASSERT_EQ(text.size(), 21u);
  const Utf8Index index(text);
  EXPECT_FALSE(index.ascii());
  EXPECT_EQ(index.char_length(), 11u);

  const std::size_t bytes[] = {0, 1, 4, 5, 8, 9, 12, 13, 15, 16, 20, 21};
  for (std::uint32_t c = 0; c < 12; ++c) {
    EXPECT_EQ(index.to_chars(bytes[c]), c) << "byte " << bytes[c];
    EXPECT_EQ(index.to_bytes(c), std::optional<std::size_t>(bytes[c])) << "char " << c;
  }
  EXPECT_EQ(index.to_bytes(12), std::nullopt);
  EXPECT_EQ(index.to_bytes(1000), std::nullopt);
  EXPECT_EQ(index.to_bytes(UINT64_MAX), std::nullopt);
  expect_matches_reference(text);
}

TEST(Utf8Index, AsciiFastPath) {
  const std::string text = "Plain ASCII text, long enough to fill more than one 64-byte block of the index.";
  const Utf8Index index(text);
  EXPECT_TRUE(index.ascii());
  EXPECT_EQ(index.char_length(), text.size());
  EXPECT_EQ(index.to_chars(0), 0u);
  EXPECT_EQ(index.to_chars(70), 70u);
  EXPECT_EQ(index.to_bytes(70), std::optional<std::size_t>(70));
  EXPECT_EQ(index.to_bytes(text.size()), std::optional<std::size_t>(text.size()));
  EXPECT_EQ(index.to_bytes(text.size() + 1), std::nullopt);
  expect_matches_reference(text);
}

TEST(Utf8Index, EmptyText) {
  const Utf8Index index("");
  EXPECT_TRUE(index.ascii());
  EXPECT_EQ(index.char_length(), 0u);
  EXPECT_EQ(index.to_chars(0), 0u);
  EXPECT_EQ(index.to_bytes(0), std::optional<std::size_t>(0));
  EXPECT_EQ(index.to_bytes(1), std::nullopt);
  EXPECT_TRUE(is_char_boundary("", 0));
  EXPECT_FALSE(is_char_boundary("", 1));
}

TEST(Utf8Index, EmojiStraddlingFirstBlockBoundary) {
  // 62 ASCII bytes, then a 4-byte emoji at bytes [62, 66): it straddles byte 64.
  const std::string text = std::string(62, 'x') + emoji + "yz" + nbsp + "end";
  ASSERT_EQ(text.size(), 73u);
  const Utf8Index index(text);
  EXPECT_FALSE(index.ascii());
  EXPECT_EQ(index.char_length(), 62u + 1 + 2 + 1 + 3);
  EXPECT_EQ(index.to_chars(62), 62u);
  EXPECT_EQ(index.to_chars(66), 63u);  // 'y', the first code point starting in block 1
  EXPECT_EQ(index.to_chars(67), 64u);
  EXPECT_EQ(index.to_chars(68), 65u);  // NBSP
  EXPECT_EQ(index.to_chars(70), 66u);
  EXPECT_EQ(index.to_chars(73), 69u);
  EXPECT_EQ(index.to_bytes(61), std::optional<std::size_t>(61));
  EXPECT_EQ(index.to_bytes(62), std::optional<std::size_t>(62));
  EXPECT_EQ(index.to_bytes(63), std::optional<std::size_t>(66));
  EXPECT_EQ(index.to_bytes(65), std::optional<std::size_t>(68));
  EXPECT_EQ(index.to_bytes(66), std::optional<std::size_t>(70));
  EXPECT_EQ(index.to_bytes(69), std::optional<std::size_t>(73));
  EXPECT_EQ(index.to_bytes(70), std::nullopt);
  for (std::size_t b = 63; b < 66; ++b) EXPECT_FALSE(is_char_boundary(text, b)) << b;
  EXPECT_TRUE(is_char_boundary(text, 62));
  EXPECT_TRUE(is_char_boundary(text, 66));
  expect_matches_reference(text);
}

TEST(Utf8Index, EveryAlignmentAcrossBlockBoundaries) {
  // Each multi-byte character at every position around bytes 64 and 128.
  const std::string specials[] = {ldquo, rdquo, ndash, nbsp, emoji};
  for (const auto& special : specials) {
    for (std::size_t pad = 56; pad <= 66; ++pad) {
      std::string text(pad, 'a');
      text += special;
      text += std::string(60, 'b');
      text += special;
      text += "tail";
      ASSERT_NO_FATAL_FAILURE(expect_matches_reference(text)) << "pad " << pad;
    }
  }
}

TEST(Utf8Index, DenseMultiByteTextOverManyBlocks) {
  std::string text;
  const std::string pieces[] = {ldquo, "Wort", rdquo, " ", ndash, nbsp, emoji, "\xC3\xA9", "."};
  for (int i = 0; i < 300; ++i) text += pieces[static_cast<std::size_t>(i * 7) % 9];
  ASSERT_GT(text.size(), 512u);
  expect_matches_reference(text);
  // A block made only of 4-byte characters.
  std::string emojis;
  for (int i = 0; i < 50; ++i) emojis += emoji;
  const Utf8Index index(emojis);
  EXPECT_EQ(index.char_length(), 50u);
  EXPECT_EQ(index.to_bytes(16), std::optional<std::size_t>(64));
  EXPECT_EQ(index.to_bytes(17), std::optional<std::size_t>(68));
  EXPECT_EQ(index.to_chars(128), 32u);
  EXPECT_EQ(index.to_bytes(50), std::optional<std::size_t>(200));
  EXPECT_EQ(index.to_bytes(51), std::nullopt);
  expect_matches_reference(emojis);
}

/// Valid UTF-8 of exactly `size` bytes: random code points of 1 to 4 bytes,
/// `multi_byte` the chance of one being longer than one byte (while it fits).
std::string random_utf8(std::mt19937& random, std::size_t size, double multi_byte) {
  std::bernoulli_distribution longer(multi_byte);
  std::uniform_int_distribution<int> extra_bytes(1, 3);
  // The code points encoded in 1, 2, 3 and 4 bytes (3: without the UTF-16 surrogates).
  std::uniform_int_distribution<std::uint32_t> of_length[] = {
      std::uniform_int_distribution<std::uint32_t>(0x20, 0x7E), std::uniform_int_distribution<std::uint32_t>(0x80, 0x7FF),
      std::uniform_int_distribution<std::uint32_t>(0xE000, 0xFFFF),
      std::uniform_int_distribution<std::uint32_t>(0x10000, 0x10FFFF)};
  std::string text;
  while (text.size() < size) {
    const std::size_t length = std::min<std::size_t>(longer(random) ? 1 + extra_bytes(random) : 1, size - text.size());
    newsdoc::detail::append_utf8(text, static_cast<char32_t>(of_length[length - 1](random)));
  }
  return text;
}

TEST(Utf8Index, MatchesNaiveCountOnRandomTextOfEveryLengthTo300Bytes) {
  // Lengths cross the 64-byte blocks' edges; every code point offset to the
  // end of the text is checked both ways, in mostly ASCII, mixed and
  // all-multi-byte text.
  std::mt19937 random(20261203);
  for (const double multi_byte : {0.05, 0.5, 1.0}) {
    for (std::size_t size = 0; size <= 300; ++size) {
      const std::string text = random_utf8(random, size, multi_byte);
      ASSERT_EQ(text.size(), size);
      ASSERT_TRUE(is_valid_utf8(text));
      ASSERT_NO_FATAL_FAILURE(expect_matches_reference(text)) << "multi-byte share " << multi_byte;
    }
  }
}

TEST(Utf8, IsCharBoundary) {
  const std::string text = std::string("x") + ldquo + nbsp + emoji;  // bytes: x(0) “(1-3) NBSP(4-5) 😀(6-9)
  EXPECT_TRUE(is_char_boundary(text, 0));
  EXPECT_TRUE(is_char_boundary(text, 1));
  EXPECT_FALSE(is_char_boundary(text, 2));
  EXPECT_FALSE(is_char_boundary(text, 3));
  EXPECT_TRUE(is_char_boundary(text, 4));
  EXPECT_FALSE(is_char_boundary(text, 5));
  EXPECT_TRUE(is_char_boundary(text, 6));
  EXPECT_FALSE(is_char_boundary(text, 7));
  EXPECT_FALSE(is_char_boundary(text, 9));
  EXPECT_TRUE(is_char_boundary(text, 10));   // the end
  EXPECT_FALSE(is_char_boundary(text, 11));  // past the end
}

TEST(Utf8, IsValidUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8(std::string(ldquo) + emoji + nbsp));
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
  EXPECT_FALSE(is_valid_utf8("\xE2\x80"));          // truncated sequence
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, CountCodePointsAtEveryLengthAndAlignment) {
  // Characters of 1 to 4 bytes, so that each 32- and 8-byte step cuts some of them.
  std::string text;
  std::vector<std::size_t> starts;  // the byte offset of each code point
  for (int i = 0; i < 40; ++i) {
    for (const char* c : {"a", nbsp, ldquo, emoji}) {
      starts.push_back(text.size());
      text += c;
    }
  }
  for (std::size_t begin = 0; begin < 40; ++begin) {
    for (std::size_t end = begin; end <= text.size(); ++end) {
      std::uint32_t expected = 0;
      for (const auto start : starts) expected += start >= begin && start < end;
      ASSERT_EQ(newsdoc::count_code_points(std::string_view(text).substr(begin, end - begin)), expected)
          << "bytes [" << begin << ", " << end << ")";
    }
  }
}

}  // namespace

namespace {

// The encoder once existed twice, and the text importer's copy wrote code
// points past U+FFFF as three bytes: every length is checked here, the
// four-byte one included, against the decoder.
TEST(CodePoints, AppendUtf8WritesEveryLengthAndDecodesBack) {
  const std::vector<std::pair<char32_t, std::string>> cases = {
      {U'a', "a"}, {0xA0, nbsp}, {0x201C, ldquo}, {0x1F600, emoji}, {0x10FFFF, "\xF4\x8F\xBF\xBF"}};
  for (const auto& [c, bytes] : cases) {
    std::string out = "x";
    newsdoc::detail::append_utf8(out, c);
    EXPECT_EQ(out, "x" + bytes) << static_cast<std::uint32_t>(c);
    EXPECT_TRUE(is_valid_utf8(out));
    std::size_t i = 1;
    EXPECT_EQ(newsdoc::detail::next_code_point(out, i), c);
    EXPECT_EQ(i, out.size());
    EXPECT_EQ(newsdoc::detail::code_point_before(out, out.size()), c);
  }
}

}  // namespace
