// Conversion between UTF-8 byte offsets and Unicode code point offsets.
// This is the one place newsdoc converts: the builder uses it to store every
// span in both units, so readers never convert.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdoc {

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// True when `offset` is inside `text` (or at its end) and not in the middle
/// of a multi-byte sequence.
bool is_char_boundary(std::string_view text, std::size_t offset) noexcept;

/// The number of code points in valid UTF-8 `text`.
std::uint32_t count_code_points(std::string_view text) noexcept;

/// `text` without leading and trailing white space: ASCII white space and
/// the no-break space U+00A0, which pads news text as often as a space does.
std::string_view trim_white_space(std::string_view text) noexcept;

/// Maps offsets of one valid UTF-8 text both ways: a byte offset to code
/// points in O(1), a code point offset to bytes in O(log n).
///
/// A text that is not ASCII gets a bitmap of the bytes that start a code
/// point, one 64-bit word per 64 bytes, each with the count of code points
/// before it; an ASCII text gets none, its offsets being the same in both.
///
/// ## Lifetime
/// Holds a view of `text`: the text must outlive the index.
class Utf8Index {
 public:
  explicit Utf8Index(std::string_view text);
  explicit Utf8Index(const char* text) : Utf8Index(std::string_view(text)) {}
  /// For a caller that knows already whether `text` is ASCII (the builder
  /// does, from counting its code points): spares the index that scan.
  /// `ascii` must be true exactly when every byte of `text` is below 0x80.
  Utf8Index(std::string_view text, bool ascii);
  /// Forbidden: the index would outlive the temporary string it views.
  Utf8Index(std::string&&) = delete;
  Utf8Index(std::string&&, bool) = delete;

  bool ascii() const noexcept { return ascii_; }
  std::uint32_t char_length() const noexcept { return char_length_; }
  /// The code point offset of byte `offset`, which must be a char boundary.
  /// Inline: the builder converts every span's two ends with it.
  std::uint32_t to_chars(std::size_t byte_offset) const noexcept {
    if (ascii_) return static_cast<std::uint32_t>(byte_offset);
    if (byte_offset >= text_.size()) return char_length_;
    const Block& b = blocks_[byte_offset / block];
    const std::uint64_t before_offset = (std::uint64_t{1} << (byte_offset % block)) - 1;
    return b.chars_before + static_cast<std::uint32_t>(__builtin_popcountll(b.starts & before_offset));
  }
  /// The byte offset of code point `char_offset`, or nullopt past the end.
  std::optional<std::size_t> to_bytes(std::uint64_t char_offset) const noexcept;

 private:
  static constexpr std::size_t block = 64;
  struct Block {
    std::uint64_t starts;        // bit i: byte i of the block starts a code point
    std::uint32_t chars_before;  // code points before the block
  };
  std::string_view text_;
  bool ascii_ = true;
  std::uint32_t char_length_ = 0;
  std::vector<Block> blocks_;  // one per 64 bytes of text, none for ASCII text
};

}  // namespace newsdoc
