// Times newsdoc::load(path) from C++, the same call newsdoc.load makes from
// Python (less the binding), with the automatic field mapping.
//
// Usage: newsdoc_load FILE [load|dumps]
//   load (default): time newsdoc::load.
//   dumps:          load, then time Corpus::to_jsonl (canonical output).
// Prints one line of JSON: seconds, bytes, articles, the resident set before
// the timed part (VmRSS) and the peak resident set (VmHWM).
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>

#include "newsdoc/newsdoc.hpp"

namespace {

long status_kib(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
  }
  return -1;
}

std::size_t file_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  return in ? static_cast<std::size_t>(in.tellg()) : 0;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: newsdoc_load FILE [load|dumps]\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::string mode = argc == 3 ? argv[2] : "load";
  using clock = std::chrono::steady_clock;
  if (mode == "load") {
    const long base = status_kib("VmRSS");
    const auto start = clock::now();
    const newsdoc::Corpus corpus = newsdoc::load(path);
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    std::printf("{\"seconds\": %.6f, \"input_bytes\": %zu, \"articles\": %zu, \"base_rss_kib\": %ld, "
                "\"peak_rss_kib\": %ld}\n",
                seconds, file_size(path), corpus.size(), base, status_kib("VmHWM"));
  } else if (mode == "dumps") {
    const newsdoc::Corpus corpus = newsdoc::load(path);
    const long base = status_kib("VmRSS");
    const auto start = clock::now();
    const std::string out = corpus.to_jsonl();
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    std::printf("{\"seconds\": %.6f, \"input_bytes\": %zu, \"output_bytes\": %zu, \"articles\": %zu, "
                "\"base_rss_kib\": %ld, \"peak_rss_kib\": %ld}\n",
                seconds, file_size(path), out.size(), corpus.size(), base, status_kib("VmHWM"));
  } else {
    std::fprintf(stderr, "newsdoc_load: mode must be load or dumps\n");
    return 2;
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "newsdoc_load: %s\n", e.what());
  return 1;
}
