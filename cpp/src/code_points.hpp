// Code points of valid UTF-8: decoding, encoding and the character classes
// the annotator's tokenizer and the transforms share, so that both agree on
// what a word is. Part of the utf8 module (newsdoc/utf8.hpp converts
// offsets). Inline: the tokenizer calls these once per character.
// Internal: not installed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdoc::detail {

/// The length of the UTF-8 sequence starting with `lead`, or 0 if `lead` cannot start one.
inline std::size_t utf8_sequence_length(unsigned char lead) noexcept {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

/// Decodes the code point at `text[i]` (valid UTF-8) and advances `i`.
inline char32_t next_code_point(std::string_view text, std::size_t& i) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  auto cont = [&](std::size_t k) -> char32_t {
    return k < text.size() ? static_cast<unsigned char>(text[k]) & 0x3Fu : 0u;
  };
  if (b0 < 0xE0) {
    const char32_t c = ((b0 & 0x1Fu) << 6) | cont(i + 1);
    i += 2;
    return c;
  }
  if (b0 < 0xF0) {
    const char32_t c = ((b0 & 0x0Fu) << 12) | (cont(i + 1) << 6) | cont(i + 2);
    i += 3;
    return c;
  }
  const char32_t c = ((b0 & 0x07u) << 18) | (cont(i + 1) << 12) | (cont(i + 2) << 6) | cont(i + 3);
  i += 4;
  return c;
}

/// The code point starting at byte `offset` of valid UTF-8 `text`.
inline char32_t code_point_at(std::string_view text, std::size_t offset) noexcept {
  return next_code_point(text, offset);
}

/// The code point ending just before byte `offset` of valid UTF-8 `text` (offset > 0).
inline char32_t code_point_before(std::string_view text, std::size_t offset) noexcept {
  std::size_t i = offset - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return next_code_point(text, i);
}

/// Appends code point `c` (at most U+10FFFF) as UTF-8, in one to four bytes.
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

/// White space: ASCII's, the no-break and typographic spaces, and the BOM.
inline bool is_space(char32_t c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

inline bool is_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }

/// Letters and digits of any script. Outside ASCII only the punctuation and
/// symbol blocks are excluded: a text's letters are not enumerated here.
inline bool is_word_char(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;
  if (c >= 0x1F000) return false;  // emoji and pictographs
  return !is_space(c);
}

inline bool is_upper_letter(char32_t c) noexcept {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) return c % 2 == 0;  // Latin Extended-A alternates upper, lower
  if (c >= 0x391 && c <= 0x3A9) return true;
  return c >= 0x400 && c <= 0x42F;
}

inline bool is_lower_letter(char32_t c) noexcept {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x100 && c <= 0x17F) return c % 2 == 1;
  if (c >= 0x3B1 && c <= 0x3C9) return true;
  return c >= 0x430 && c <= 0x45F;
}

}  // namespace newsdoc::detail
