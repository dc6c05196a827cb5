#include "input_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "newsdoc/error.hpp"
#include "newsdoc/utf8.hpp"

namespace newsdoc::detail {

InputFile::InputFile(const std::string& path) : path_(path), file_(gzopen(path.c_str(), "rb")) {
  if (!file_) throw IoError(path, std::strerror(errno ? errno : ENOENT));
  gzbuffer(file_, 256 * 1024);
}

InputFile::~InputFile() { gzclose(file_); }

std::uint64_t InputFile::position() const {
  const auto at = gzoffset(file_);
  return at > 0 ? static_cast<std::uint64_t>(at) : 0;
}

std::size_t InputFile::read(char* dst, std::size_t size) {
  std::size_t total = 0;
  while (total < size) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size - total, 1u << 30));
    const int n = gzread(file_, dst + total, chunk);
    if (n < 0) throw IoError(path_, zlib_error());
    if (n == 0) {
      // zlib reports a cut-off gzip stream only through gzerror().
      int code = Z_OK;
      gzerror(file_, &code);
      if (code == Z_BUF_ERROR) throw IoError(path_, "truncated gzip file: unexpected end of file");
      break;
    }
    total += static_cast<std::size_t>(n);
  }
  return total;
}

std::string InputFile::zlib_error() {
  int code = Z_OK;
  std::string message = gzerror(file_, &code);
  const std::string prefix = path_ + ": ";
  if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
  return message;
}

std::string read_head(const std::string& path, std::size_t size) {
  InputFile file(path);
  std::string out(size, '\0');
  out.resize(file.read(out.data(), size));
  return out;
}

std::string_view skip_bom(std::string_view text) {
  constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
  if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
  return text;
}

bool has_several_lines(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const auto newline = text.find('\n', first);
  return newline != std::string_view::npos && text.find_first_not_of(" \t\r\n", newline) != std::string_view::npos;
}

bool looks_like_jsonl(std::string_view text) {
  if (!has_several_lines(text)) return false;
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto line = trim_white_space(text.substr(first, text.find('\n', first) - first));
  return line.front() == '{' && line.back() == '}';
}

}  // namespace newsdoc::detail
