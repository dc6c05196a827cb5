// Input files as bytes: read through zlib, so that gzip files are
// decompressed and others pass through as they are, and the formats told
// apart by their first bytes. Internal: not installed.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdoc::detail {

/// Reads a file through zlib, which passes uncompressed files through as is.
class InputFile {
 public:
  /// Throws IoError when the file cannot be opened.
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// The bytes of the file read so far (of the compressed file, for gzip).
  std::uint64_t position() const;
  /// Reads up to `size` bytes into `dst`; fewer only at the end of the file.
  /// Throws IoError for a read error or a truncated gzip stream.
  std::size_t read(char* dst, std::size_t size);

 private:
  /// gzerror()'s message, less the "path: " prefix IoError adds itself.
  std::string zlib_error();

  std::string path_;
  gzFile file_;
};

/// The first `size` bytes of a file (fewer when it is shorter), decompressed
/// when it is gzip.
std::string read_head(const std::string& path, std::size_t size);

/// `text` without a leading UTF-8 byte order mark.
std::string_view skip_bom(std::string_view text);

/// Whether a line other than the first holds more than white space.
bool has_several_lines(std::string_view text);

/// JSONL when the first line holds a whole object ("{...}") and more lines follow.
bool looks_like_jsonl(std::string_view text);

}  // namespace newsdoc::detail
