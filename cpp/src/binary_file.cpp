// Binary corpus files: read into a buffer the corpus keeps, or mapped
// (newsdoc/binary.hpp); the bytes are then decoded by binary.cpp.
#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>

#include "binary_format.hpp"
#include "crc32.hpp"
#include "newsdoc/binary.hpp"
#include "newsdoc/error.hpp"
#include "parallel.hpp"

namespace newsdoc {

namespace detail::binary_format {

std::shared_ptr<char> padded_buffer(std::size_t size) {
  const std::size_t capacity = size + simdjson::SIMDJSON_PADDING;
  std::shared_ptr<char> buffer;
#ifdef MAP_ANONYMOUS
  // Whole pages of its own, which prefault() can populate.
  if (size >= large_blob_size) {
    void* pages = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages != MAP_FAILED) buffer.reset(static_cast<char*>(pages), [capacity](char* p) { munmap(p, capacity); });
  }
#endif
  if (!buffer) buffer.reset(new char[capacity], std::default_delete<char[]>());
  std::memset(buffer.get() + size, 0, simdjson::SIMDJSON_PADDING);
  return buffer;
}

void prefault(char* begin, char* end) noexcept {
#ifdef MADV_POPULATE_WRITE
  constexpr std::uintptr_t page = 4096;
  const auto first = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) & ~(page - 1);
  const auto last = reinterpret_cast<std::uintptr_t>(end) & ~(page - 1);
  if (last > first + (std::uintptr_t{1} << 20)) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
  (void)begin;
  (void)end;
#endif
}

}  // namespace detail::binary_format

namespace {

using namespace detail::binary_format;

/// Bytes [begin, end) of a file read into the same place of a buffer: how
/// many were read (fewer when the file is shorter) and the CRC-32 of those
/// past the header.
struct FilePart {
  std::size_t read;
  std::uint32_t checksum;
};

FilePart read_part(const std::string& path, char* buffer, std::size_t begin, std::size_t end) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw IoError(path, std::strerror(errno ? errno : ENOENT));
  std::setvbuf(file.get(), nullptr, _IONBF, 0);  // straight into the buffer
  if (begin > 0 && std::fseek(file.get(), static_cast<long>(begin), SEEK_SET) != 0) throw IoError(path, "seek failed");
  prefault(buffer + begin, buffer + end);
  // In chunks, each checksummed while it is still in the cache.
  constexpr std::size_t chunk = std::size_t{1} << 20;
  FilePart part{0, 0};
  for (std::size_t at = begin; at < end;) {
    const std::size_t wanted = std::min(chunk, end - at);
    const std::size_t got = std::fread(buffer + at, 1, wanted, file.get());
    if (at + got > header_size) {
      const std::size_t from = std::max(at, header_size);
      part.checksum = detail::crc32(part.checksum, buffer + from, at + got - from);
    }
    at += got;
    part.read += got;
    if (got < wanted) break;
  }
  if (std::ferror(file.get())) throw IoError(path, "read failed");
  return part;
}

/// The CRC-32 of the bytes after the header of a blob of `size` bytes at
/// `data`, computed by two threads for a large blob; `touch` runs on each
/// half first (bringing its pages in).
template <class Touch>
std::uint32_t payload_checksum(const char* data, std::size_t size, unsigned threads, Touch touch) {
  if (size < large_blob_size || detail::file_thread_count(threads) == 1) {
    touch(0, size);
    return detail::crc32(0, data + header_size, size - header_size);
  }
  const std::size_t middle = size / 2;
  std::promise<void> started;
  auto second = std::async(std::launch::async, [&] {
    started.set_value();
    touch(middle, size);
    return detail::crc32(0, data + middle, size - middle);
  });
  // As in read_binary_file: the thread must have started before this one holds the memory map's lock.
  started.get_future().wait();
  touch(0, middle);
  const std::uint32_t first = detail::crc32(0, data + header_size, middle - header_size);
  return static_cast<std::uint32_t>(crc32_combine(first, second.get(), static_cast<z_off_t>(size - middle)));
}

/// A file opened for reading, closed when it goes.
struct FileHandle {
  int fd;
  ~FileHandle() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

Corpus read_binary_file(const std::string& path, unsigned threads) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw IoError(path, std::strerror(EISDIR));
  const auto size = static_cast<std::size_t>(std::filesystem::file_size(path, error));
  if (error) throw IoError(path, error.message());
  // One buffer the corpus keeps: its text is never copied again.
  auto buffer = padded_buffer(size);
  FilePart whole{0, 0};
  if (size < large_blob_size || detail::file_thread_count(threads) == 1) {
    whole = read_part(path, buffer.get(), 0, size);
  } else {
    // The second half on a thread of its own: copying from the page cache and
    // faulting in fresh pages is most of a reopen's time, and both cores can do it.
    const std::size_t middle = size / 2;
    std::promise<void> started;
    auto second = std::async(std::launch::async, [&] {
      started.set_value();
      return read_part(path, buffer.get(), middle, size);
    });
    // A new thread maps its stack, which waits for the memory map's lock, and
    // prefaulting holds that lock: the first reopen in a process lost 70 ms
    // (of 500) before the helper thread had started.
    started.get_future().wait();
    const FilePart first = read_part(path, buffer.get(), 0, middle);
    const FilePart rest = second.get();
    whole = first;
    if (first.read == middle) {
      whole.read += rest.read;
      whole.checksum = static_cast<std::uint32_t>(
          crc32_combine(first.checksum, rest.checksum, static_cast<z_off_t>(rest.read)));
    }
  }
  // A file that shrank since its size was taken is cut short, which decode() reports.
  std::memset(buffer.get() + whole.read, 0, simdjson::SIMDJSON_PADDING);
  return decode(std::move(buffer), whole.read, path, whole.checksum, threads);
}

Corpus map_binary_file(const std::string& path, unsigned threads) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw IoError(path, std::strerror(EISDIR));
  const FileHandle file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw IoError(path, std::strerror(errno));
  struct stat status {};
  if (fstat(file.fd, &status) != 0) throw IoError(path, std::strerror(errno));
  const auto size = static_cast<std::size_t>(status.st_size);
  // Nothing to map (a file shorter than the header is reported as the read path reports it).
  if (!S_ISREG(status.st_mode) || size < header_size) return read_binary_file(path, threads);
  // The file's pages, then a page of zeros: simdjson's padding after the last byte (the rest of
  // the file's last page reads as zeros too).
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t file_pages = (size + page - 1) / page * page;
  const std::size_t total = file_pages + page;
  void* region = mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) return read_binary_file(path, threads);
  std::shared_ptr<char> mapping(static_cast<char*>(region), [total](char* p) { munmap(p, total); });
  if (mmap(region, file_pages, PROT_READ, MAP_SHARED | MAP_FIXED, file.fd, 0) == MAP_FAILED) {
    return read_binary_file(path, threads);
  }
  const std::uint32_t checksum = payload_checksum(mapping.get(), size, threads, [&](std::size_t begin, std::size_t end) {
#ifdef MADV_POPULATE_READ
    // Only advice, as prefault(): the pages come in as the checksum reads them otherwise.
    const std::size_t first = begin / page * page;
    madvise(mapping.get() + first, std::min(file_pages, (end + page - 1) / page * page) - first, MADV_POPULATE_READ);
#else
    (void)begin;
    (void)end;
#endif
  });
  return decode(std::move(mapping), size, path, checksum, threads);
}

}  // namespace newsdoc
