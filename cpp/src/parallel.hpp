// Splitting corpus work over threads. Internal: not installed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace newsdoc::detail {

/// The thread count to use: `threads`, or one per core when it is 0.
inline unsigned thread_count(unsigned threads) {
  return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// The most threads that parse or decode one file: each holds buffers and
/// parsers of its own, and memory bandwidth, not cores, bounds them beyond.
inline constexpr unsigned max_file_threads = 8;

/// thread_count(threads), at most max_file_threads.
inline unsigned file_thread_count(unsigned threads) { return std::min(thread_count(threads), max_file_threads); }

/// Runs work(0), ..., work(chunks - 1): chunk 0 on the calling thread, the
/// others on threads of their own, and returns when all are done. `work`
/// must not throw: each chunk keeps its own exception for the caller to
/// rethrow, as an exception cannot cross a thread. When no more threads can
/// be started, the remaining chunks run on the calling thread.
template <class Work>
void run_chunks(std::size_t chunks, const Work& work) {
  std::vector<std::thread> pool;
  std::size_t started = 1;
  try {
    pool.reserve(chunks);
    for (; started < chunks; ++started) pool.emplace_back(work, started);
  } catch (const std::exception&) {
    // std::system_error (no more threads) or std::bad_alloc: fewer threads, same work
  }
  if (chunks != 0) work(0);
  for (std::size_t c = started; c < chunks; ++c) work(c);
  for (auto& t : pool) t.join();
}

}  // namespace newsdoc::detail
