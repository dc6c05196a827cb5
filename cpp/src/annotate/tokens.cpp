#include "annotate/tokens.hpp"

#include <array>
#include <string_view>

namespace newsdoc::detail {
namespace {

bool is_apostrophe(char32_t c) noexcept { return c == '\'' || c == 0x2019; }

bool is_hyphen(char32_t c) noexcept { return c == '-' || c == 0x2010 || c == 0x2011; }

Mark mark_of(char32_t c) noexcept {
  switch (c) {
    case 0x201C: case 0x201E: case 0xAB: return Mark::double_open;
    case 0x201D: case 0xBB: return Mark::double_close;
    case '"': return Mark::double_either;
    case 0x2018: case 0x201A: case 0x2039: return Mark::single_open;
    case 0x2019: case 0x203A: return Mark::single_close;
    case '\'': return Mark::single_either;
    default: return Mark::none;
  }
}

// The lower-case prefixes that start an Arabic, Dutch, German, French or
// Italian name written with a hyphen: al-Assad, bin-Salman, van-Dijk.
bool is_particle_prefix(std::string_view prefix) noexcept {
  static constexpr std::array<std::string_view, 17> particles = {
      "al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "abu", "ben", "van", "von", "de", "di", "da", "du"};
  for (auto p : particles)
    if (p == prefix) return true;
  return false;
}

struct Cursor {
  std::string_view text;
  std::size_t end;
  char32_t peek(std::size_t i) const noexcept {
    if (i >= end) return 0;
    return next_code_point(text, i);
  }
  // The code point after the one at i.
  char32_t peek_after(std::size_t i) const noexcept {
    if (i >= end) return 0;
    next_code_point(text, i);
    return peek(i);
  }
  std::size_t advance(std::size_t i) const noexcept {
    next_code_point(text, i);
    return i;
  }
};

// Whether each ASCII byte is a letter or digit.
constexpr auto ascii_word = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c < 128; ++c)
    table[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return table;
}();

// The case of a word's letters, counted while the tokenizer reads it.
struct LetterCount {
  char32_t first = 0;  // the first code point
  char32_t first_letter = 0;
  std::size_t letters = 0, uppers = 0;
  bool hyphenated = false;

  void add(char32_t c) noexcept {
    if (first == 0) first = c;
    const bool up = is_upper_letter(c);
    if (up || is_lower_letter(c)) {
      if (first_letter == 0) first_letter = c;
      ++letters;
      uppers += up ? 1 : 0;
    }
  }

  std::uint16_t flags(std::string_view word) const {
    std::uint16_t flags = TokenFlag::word;
    if (is_digit(first)) flags |= TokenFlag::number;
    // The first letter decides the case: S-400 is upper, 3rd is lower.
    if (is_upper_letter(first_letter)) flags |= TokenFlag::upper;
    else if (is_lower_letter(first_letter)) flags |= TokenFlag::lower;
    if (letters >= 2 && letters == uppers) flags |= TokenFlag::all_caps;
    if ((flags & TokenFlag::lower) && hyphenated) {
      const auto hyphen = word.find('-');
      if (hyphen != std::string_view::npos && hyphen + 1 < word.size() && is_particle_prefix(word.substr(0, hyphen))) {
        std::size_t k = hyphen + 1;
        if (is_upper_letter(next_code_point(word, k))) flags = (flags & ~TokenFlag::lower) | TokenFlag::upper;
      }
    }
    return flags;
  }
};

}  // namespace

void tokenize_paragraph(std::string_view body, std::uint32_t begin, std::uint32_t end, std::uint32_t paragraph,
                        std::vector<Token>& tokens) {
  const Cursor cur{body, end};
  bool space_before = true;
  std::size_t i = begin;
  const std::size_t first_token = tokens.size();
  while (i < end) {
    const std::size_t start = i;
    const char32_t c = cur.peek(i);
    if (is_space(c)) {
      i = cur.advance(i);
      space_before = true;
      continue;
    }
    Token t;
    t.begin = static_cast<std::uint32_t>(start);
    t.paragraph = paragraph;
    t.first = c;
    if (space_before) t.flags |= TokenFlag::space_before;
    if (tokens.size() == first_token) t.flags |= TokenFlag::paragraph_start;
    space_before = false;

    const bool after_word = !tokens.empty() && tokens.back().end == start && tokens.back().is(TokenFlag::word);
    if (is_apostrophe(c) && after_word && (cur.peek_after(i) == 's' || cur.peek_after(i) == 'S')) {
      // A possessive: "Syria’s" is the name and "’s".
      std::size_t j = cur.advance(cur.advance(i));
      if (!is_word_char(cur.peek(j))) {
        t.end = static_cast<std::uint32_t>(j);
        t.flags |= TokenFlag::word | TokenFlag::lower;
        tokens.push_back(t);
        i = j;
        continue;
      }
    }
    if ((is_apostrophe(c) || c == 0x2018) && !after_word) {
      // Elisions that open with an apostrophe: ’90s, rock ’n’ roll.
      std::size_t j = cur.advance(i);
      if (is_digit(cur.peek(j)) && is_digit(cur.peek_after(j))) {
        while (is_word_char(cur.peek(j))) j = cur.advance(j);
        t.end = static_cast<std::uint32_t>(j);
        t.flags |= TokenFlag::word | TokenFlag::number;
        tokens.push_back(t);
        i = j;
        continue;
      }
      if (cur.peek(j) == 'n' && is_apostrophe(cur.peek_after(j))) {
        const std::size_t k = cur.advance(cur.advance(j));
        if (!is_word_char(cur.peek(k))) {
          t.end = static_cast<std::uint32_t>(k);
          t.flags |= TokenFlag::word | TokenFlag::lower;
          tokens.push_back(t);
          i = k;
          continue;
        }
      }
    }
    if (!is_word_char(c)) {
      i = cur.advance(i);
      if (c == '.' && cur.peek(i) == '.' && cur.peek_after(i) == '.') {
        i += 2;
        t.first = 0x2026;  // "..." is an ellipsis
      } else if ((c == '\'' && cur.peek(i) == '\'') || (c == '`' && cur.peek(i) == '`')) {
        // Typewriter double quotes: ''quoted'' and ``quoted''.
        i += 1;
        t.end = static_cast<std::uint32_t>(i);
        t.mark = c == '`' ? Mark::double_open : Mark::double_either;
        t.first = '"';
        tokens.push_back(t);
        continue;
      } else if (c == '-' && cur.peek(i) == '-') {
        i += 1;
        t.first = 0x2014;  // "--" is a dash
      }
      t.end = static_cast<std::uint32_t>(i);
      t.mark = mark_of(c);
      tokens.push_back(t);
      continue;
    }

    // A word: letters and digits, with the joiners that stay inside words.
    bool dotted = true;  // every segment so far is one letter: U.S., J.
    std::size_t segment_start = i;
    bool absorbed_period = false;
    char32_t prev = 0;
    LetterCount letters;
    while (i < end) {
      const auto byte = static_cast<unsigned char>(body[i]);
      if (byte < 0x80 && ascii_word[byte]) {  // the common case, without decoding
        letters.add(byte);
        prev = byte;
        ++i;
        continue;
      }
      const char32_t d = cur.peek(i);
      if (byte >= 0x80 && is_word_char(d)) {
        letters.add(d);
        prev = d;
        i = cur.advance(i);
        continue;
      }
      const char32_t next = cur.peek_after(i);
      if (is_apostrophe(d) && is_word_char(prev) && is_word_char(next)) {
        if ((next == 's' || next == 'S') && !is_word_char(cur.peek(cur.advance(cur.advance(i))))) break;
        i = cur.advance(i);
        prev = d;
        continue;
      }
      if (is_hyphen(d) && is_word_char(prev) && is_word_char(next)) {
        dotted = false;
        letters.hyphenated = true;
        i = cur.advance(i);
        prev = d;
        continue;
      }
      if (d == '.' && is_digit(prev) && is_digit(next)) {
        dotted = false;
        i = cur.advance(i);
        prev = d;
        continue;
      }
      if (d == '.') {
        std::size_t segment = 0;
        for (std::size_t k = segment_start; k < i; k = cur.advance(k)) ++segment;
        if (dotted && segment == 1 && !is_digit(prev)) {
          i = cur.advance(i);
          absorbed_period = true;
          segment_start = i;
          prev = d;
          if (is_word_char(next) && !is_digit(next)) continue;
          break;
        }
        break;
      }
      if (d == ',' && is_digit(prev) && is_digit(next)) {
        std::size_t k = cur.advance(i);
        int digits = 0;
        while (is_digit(cur.peek(k))) ++digits, k = cur.advance(k);
        if (digits == 3) {
          dotted = false;
          i = cur.advance(i);
          prev = d;
          continue;
        }
        break;
      }
      if (d == '&' && is_upper_letter(prev) && is_upper_letter(next)) {
        i = cur.advance(i);
        prev = d;
        continue;
      }
      break;
    }
    if (absorbed_period && !dotted) absorbed_period = false;
    t.end = static_cast<std::uint32_t>(i);
    t.flags |= letters.flags(body.substr(t.begin, t.end - t.begin));
    if (absorbed_period) t.flags |= TokenFlag::abbreviation;
    tokens.push_back(t);
  }
}

}  // namespace newsdoc::detail
