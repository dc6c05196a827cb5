// Splitting corpus work over threads. Internal: not installed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace newsdoc::detail {

/// The thread count to use: `threads`, or one per core when it is 0.
inline unsigned thread_count(unsigned threads) {
  return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// Runs work(0), ..., work(chunks - 1): chunk 0 on the calling thread, the
/// others on threads of their own, and returns when all are done. `work`
/// must not throw: each chunk keeps its own exception for the caller to
/// rethrow, as an exception cannot cross a thread.
template <class Work>
void run_chunks(std::size_t chunks, const Work& work) {
  std::vector<std::thread> pool;
  for (std::size_t c = 1; c < chunks; ++c) pool.emplace_back(work, c);
  if (chunks != 0) work(0);
  for (auto& t : pool) t.join();
}

}  // namespace newsdoc::detail
