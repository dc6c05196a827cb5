#include "newsdoc/utf8.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace newsdoc {
namespace {

bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

#ifdef __AVX2__
/// Bit i set when byte i of the 32 at `p` starts a code point (is not 10xxxxxx).
std::uint32_t starts_of_32_bytes(const char* p) noexcept {
  // As signed bytes, 10xxxxxx are -128 to -65: the others are greater.
  const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(bytes, _mm256_set1_epi8(-65))));
}
#endif

/// Code points in [begin, end): the bytes that are not 10xxxxxx, 32 or eight at a time.
std::uint32_t count_chars(const char* begin, const char* end) noexcept {
  std::uint32_t n = 0;
  const char* p = begin;
#ifdef __AVX2__
  for (; end - p >= 32; p += 32) n += static_cast<std::uint32_t>(__builtin_popcount(starts_of_32_bytes(p)));
#endif
  for (; end - p >= 8; p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t continuation = word & ~(word << 1) & high_bits;  // bit 7 set, bit 6 clear
    n += 8 - static_cast<std::uint32_t>(__builtin_popcountll(continuation));
  }
  for (; p < end; ++p) n += !is_continuation(*p);
  return n;
}

/// Bit i set when byte i of the `size` bytes at `p` (at most 64) starts a code point.
std::uint64_t code_point_starts(const char* p, std::size_t size) noexcept {
  std::uint64_t starts = 0;
  std::size_t i = 0;
#ifdef __AVX2__
  for (; size - i >= 32; i += 32) starts |= std::uint64_t{starts_of_32_bytes(p + i)} << i;
#endif
  for (; i < size; ++i) starts |= std::uint64_t{!is_continuation(p[i])} << i;
  return starts;
}

/// The position of set bit `n` (counting from 0) of `word`, which has more than n.
unsigned nth_set_bit(std::uint64_t word, unsigned n) noexcept {
  unsigned skipped = 0;
  for (;;) {  // a byte at a time, then a bit
    const auto in_byte = static_cast<unsigned>(__builtin_popcountll(word & 0xFF));
    if (n < in_byte) break;
    n -= in_byte;
    word >>= 8;
    skipped += 8;
  }
  for (; n > 0; --n) word &= word - 1;  // clears the lowest set bit
  return skipped + static_cast<unsigned>(__builtin_ctzll(word));
}

bool all_ascii(std::string_view text) noexcept {
  const char* p = text.data();
  const char* end = p + text.size();
  std::uint64_t seen = 0;
  for (; end - p >= 8; p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    seen |= word;
  }
  for (; p < end; ++p) seen |= static_cast<unsigned char>(*p);
  return (seen & high_bits) == 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  // Most strings of a corpus (ids, names, types, cues) are short and ASCII:
  // one pass over their words costs less than the call into simdjson's kernel.
  constexpr std::size_t short_text = 64;
  if (text.size() <= short_text && all_ascii(text)) return true;
  return simdjson::validate_utf8(text.data(), text.size());
}

bool is_char_boundary(std::string_view text, std::size_t offset) noexcept {
  if (offset > text.size()) return false;
  return offset == text.size() || !is_continuation(text[offset]);
}

std::uint32_t count_code_points(std::string_view text) noexcept {
  return count_chars(text.data(), text.data() + text.size());
}

std::string_view trim_white_space(std::string_view text) noexcept {
  constexpr std::string_view nbsp = "\xC2\xA0";
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  for (;;) {
    if (!text.empty() && is_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.substr(0, nbsp.size()) == nbsp) {
      text.remove_prefix(nbsp.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && is_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= nbsp.size() && text.substr(text.size() - nbsp.size()) == nbsp) {
      text.remove_suffix(nbsp.size());
    } else {
      break;
    }
  }
  return text;
}

Utf8Index::Utf8Index(std::string_view text) : Utf8Index(text, all_ascii(text)) {}

Utf8Index::Utf8Index(std::string_view text, bool ascii) : text_(text), ascii_(ascii) {
  if (ascii_) {
    char_length_ = static_cast<std::uint32_t>(text.size());
    return;
  }
  // Sized first and written field by field: a Block built whole and pushed went through the stack, whose
  // two narrower stores a 16-byte load cannot forward from, which stalled every block.
  blocks_.resize((text.size() + block - 1) / block);
  std::uint32_t chars = 0;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const std::size_t start = b * block;
    blocks_[b].starts = code_point_starts(text.data() + start, std::min(block, text.size() - start));
    blocks_[b].chars_before = chars;
    chars += static_cast<std::uint32_t>(__builtin_popcountll(blocks_[b].starts));
  }
  char_length_ = chars;
}

std::optional<std::size_t> Utf8Index::to_bytes(std::uint64_t char_offset) const noexcept {
  if (char_offset > char_length_) return std::nullopt;
  if (ascii_) return static_cast<std::size_t>(char_offset);
  if (char_offset == char_length_) return text_.size();
  const auto c = static_cast<std::uint32_t>(char_offset);
  // The last block with at most c code points before it. A code point has a byte at least, so that is
  // block c / 64 or a later one.
  const auto after = std::upper_bound(blocks_.begin() + c / block, blocks_.end(), c,
                                      [](std::uint32_t n, const Block& b) { return n < b.chars_before; });
  const auto b = static_cast<std::size_t>(after - blocks_.begin()) - 1;
  return b * block + nth_set_bit(blocks_[b].starts, c - blocks_[b].chars_before);
}

}  // namespace newsdoc
