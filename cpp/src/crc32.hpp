// CRC-32 (the zlib/PNG/gzip polynomial), with carry-less multiplication
// where the CPU has it: the binary corpus form's checksum, which reopening a
// saved corpus computes over every byte.
#pragma once

#include <cstddef>
#include <cstdint>

namespace newsdoc::detail {

/// The CRC-32 of `size` bytes at `data` continuing `crc` (0 to start), equal
/// to zlib's crc32_z(crc, data, size).
std::uint32_t crc32(std::uint32_t crc, const char* data, std::size_t size) noexcept;

}  // namespace newsdoc::detail
