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

/// Code points in [begin, end): the bytes that are not 10xxxxxx, 32 or eight at a time.
std::uint32_t count_chars(const char* begin, const char* end) noexcept {
  std::uint32_t n = 0;
  const char* p = begin;
#ifdef __AVX2__
  // As signed bytes, 10xxxxxx are -128 to -65: the others are greater.
  const __m256i last_continuation = _mm256_set1_epi8(-65);
  for (; end - p >= 32; p += 32) {
    const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    n += static_cast<std::uint32_t>(
        __builtin_popcount(static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(bytes, last_continuation)))));
  }
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

Utf8Index::Utf8Index(std::string_view text) : text_(text) {
  ascii_ = all_ascii(text);
  if (ascii_) {
    char_length_ = static_cast<std::uint32_t>(text.size());
    return;
  }
  chars_before_block_.reserve(text.size() / block + 1);
  std::uint32_t chars = 0;
  for (std::size_t start = 0; start < text.size(); start += block) {
    chars_before_block_.push_back(chars);
    const std::size_t stop = std::min(text.size(), start + block);
    chars += count_chars(text.data() + start, text.data() + stop);
  }
  char_length_ = chars;
}

std::uint32_t Utf8Index::to_chars(std::size_t byte_offset) const noexcept {
  if (ascii_) return static_cast<std::uint32_t>(byte_offset);
  if (byte_offset >= text_.size()) return char_length_;
  const std::size_t b = byte_offset / block;
  return chars_before_block_[b] + count_chars(text_.data() + b * block, text_.data() + byte_offset);
}

std::optional<std::size_t> Utf8Index::to_bytes(std::uint64_t char_offset) const noexcept {
  if (char_offset > char_length_) return std::nullopt;
  if (ascii_) return static_cast<std::size_t>(char_offset);
  if (char_offset == char_length_) return text_.size();
  // The last block starting at or before the wanted code point.
  const auto it = std::upper_bound(chars_before_block_.begin(), chars_before_block_.end(),
                                   static_cast<std::uint32_t>(char_offset));
  const std::size_t b = static_cast<std::size_t>(it - chars_before_block_.begin()) - 1;
  std::uint64_t chars = chars_before_block_[b];
  std::size_t pos = b * block;
  // Walk to the first byte of code point `char_offset`.
  for (; pos < text_.size(); ++pos) {
    if (is_continuation(text_[pos])) continue;
    if (chars == char_offset) return pos;
    ++chars;
  }
  return text_.size();
}

}  // namespace newsdoc
