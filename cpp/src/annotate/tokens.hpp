// Tokens and sentences of an article body, as the annotator's rules see them.
// Internal: not installed.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "code_points.hpp"
#include "newsdoc/article.hpp"

namespace newsdoc::detail {

/// The role of a quotation mark character, before pairing.
enum class Mark : std::uint8_t {
  none,
  double_open,     // “ „ «
  double_close,    // ” »
  double_either,   // "
  single_open,     // ‘ ‹
  single_close,    // ’ ›
  single_either,   // '
};

enum TokenFlag : std::uint16_t {
  word = 1 << 0,          // letters or digits
  upper = 1 << 1,         // a word whose first letter is upper case (or a particle compound: al-Assad)
  lower = 1 << 2,         // a word whose first letter is lower case
  all_caps = 1 << 3,      // two or more letters, all upper case (NATO, U.S.)
  number = 1 << 4,        // starts with a digit
  sentence_start = 1 << 5,
  paragraph_start = 1 << 6,
  space_before = 1 << 7,  // white space (or the paragraph start) precedes the token
  abbreviation = 1 << 8,  // a word that ends with '.' it absorbed (U.S., J.)
};

struct Token {
  std::uint32_t begin = 0;  // bytes into the body text
  std::uint32_t end = 0;
  std::uint32_t paragraph = 0;
  std::uint32_t sentence = 0;
  std::uint16_t flags = 0;
  Mark mark = Mark::none;
  char32_t first = 0;  // the first code point (punctuation is one code point)

  bool is(std::uint16_t flag) const noexcept { return (flags & flag) != 0; }
};

struct Sentence {
  std::uint32_t first = 0;  // token range [first, last)
  std::uint32_t last = 0;
};

/// Appends the tokens of body[begin, end), paragraph `paragraph`. Sentence
/// numbers and the sentence_start flag are left for the sentence splitter.
void tokenize_paragraph(std::string_view body, std::uint32_t begin, std::uint32_t end, std::uint32_t paragraph,
                        std::vector<Token>& tokens);

/// The annotator's sentences of `text` (tokenize_paragraph, then its sentence
/// splitter) as the byte spans of their tokens; `paragraphs` are the byte
/// ranges of the paragraphs. The model trainer tokenises with this, so that
/// models learn on the tokens the annotator tags.
std::vector<std::vector<Span>> sentence_token_spans(std::string_view text, const std::vector<Span>& paragraphs);

}  // namespace newsdoc::detail
