// The binary corpus format's header and byte order, shared by its writer
// (binary_write.cpp) and reader (binary.cpp); the format is described in
// newsdoc/binary.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace newsdoc::detail::binary_format {

inline constexpr char magic[8] = {'\x89', 'N', 'D', 'C', 'O', 'R', 'P', '\n'};
inline constexpr std::size_t header_size = sizeof magic + 4 + 4 + 8;

// Byte by byte, so the header is little-endian on any machine.
inline void write_le(char* out, std::uint64_t value, int bytes) noexcept {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>(value >> (8 * i));
}

inline std::uint64_t read_le(const char* data, int bytes) noexcept {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= std::uint64_t{static_cast<unsigned char>(data[i])} << (8 * i);
  return value;
}

/// Version 4 ends its payload with the part table: for each part of the
/// articles after the first, its first article's index and that article's
/// payload offset (u64 each, little-endian), then the count of those parts
/// (u64). A reader decodes parts on threads of their own.
inline constexpr std::size_t part_table_size(std::size_t parts) noexcept { return 16 * parts + 8; }

/// An entry of the part table: where a part of the articles starts.
struct PartStart {
  std::uint64_t article;  // the index of the part's first article
  std::uint64_t offset;   // that article's offset in the payload
};

}  // namespace newsdoc::detail::binary_format
