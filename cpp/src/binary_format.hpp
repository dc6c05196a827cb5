// The binary corpus format's header and byte order, shared by its writer
// (binary_write.cpp) and reader (binary.cpp); the format is described in
// newsdoc/binary.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "newsdoc/article.hpp"

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

/// Blobs from this size get memory of their own, are read (or their
/// checksum computed) by two threads and decoded on several.
inline constexpr std::size_t large_blob_size = std::size_t{64} << 20;

/// A buffer of `size` bytes and zeroed padding after them, as decode() wants.
std::shared_ptr<char> padded_buffer(std::size_t size);

/// Maps the pages of [begin, end) at once, where the kernel can: faulting
/// them in one at a time as they are written costs half as much kernel time
/// again. Only advice: without it, the pages fault in as usual.
void prefault(char* begin, char* end) noexcept;

/// The corpus in a binary corpus of `size` bytes at the start of `buffer`,
/// which holds simdjson::SIMDJSON_PADDING more readable bytes after them.
/// `payload_checksum` is the CRC-32 of the bytes after the header, when the
/// caller computed it already. A corpus of version 3 on keeps `buffer`, its
/// articles' text pointing into it. A large one is decoded on up to
/// file_thread_count(threads) threads. (binary.cpp)
Corpus decode(std::shared_ptr<char> buffer, std::size_t size, const std::string& name,
              std::optional<std::uint32_t> payload_checksum, unsigned threads);

}  // namespace newsdoc::detail::binary_format
