// Times the annotator on plain-text articles: newsdoc::Annotator::annotate
// over a corpus imported from every .txt file under a directory.
//
// Usage: newsdoc_annotate DIR [THREADS] [REPEAT] [MODELS]
//   THREADS: 0 (default) uses every core.
//   REPEAT:  the corpus is annotated this many times in a row (default 5);
//            the best run is reported.
//   MODELS:  a folder of trained models (pos.ndm, ner.ndm, ner-doc.ndm):
//            annotate with them (AnnotatorOptions::models) instead of the
//            rules only; their loading is timed on its own.
// Prints one line of JSON: seconds (best run, wall clock), cpu_seconds (the
// process's CPU time of the run with the least), body bytes (UTF-8 bytes of
// the paragraphs), articles, threads, quotes, entities, and with MODELS
// load_seconds (Models::load).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "newsdoc/newsdoc.hpp"

namespace {

// CPU time of the process (all its threads): on a shared machine, wall time
// also counts the time other processes held the cores.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2 || argc > 5) {
    std::fprintf(stderr, "usage: newsdoc_annotate DIR [THREADS] [REPEAT] [MODELS]\n");
    return 2;
  }
  const unsigned threads = argc >= 3 ? static_cast<unsigned>(std::stoul(argv[2])) : 0;
  const int repeat = argc >= 4 ? std::stoi(argv[3]) : 5;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1]))
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::vector<newsdoc::Article> articles;
  std::size_t bytes = 0;
  for (const auto& f : files) {
    const auto one = newsdoc::read_text(f);
    articles.push_back(one[0]);
    bytes += one[0].text().size();
  }
  const newsdoc::Corpus corpus(std::move(articles));
  using clock = std::chrono::steady_clock;
  newsdoc::AnnotatorOptions options;
  double load_seconds = -1;
  if (argc >= 5) {
    const auto start = clock::now();
    options.models = newsdoc::Models::load(argv[4]);
    load_seconds = std::chrono::duration<double>(clock::now() - start).count();
  }
  const newsdoc::Annotator annotator(options);
  double best = 1e300, best_cpu = 1e300;
  std::size_t quotes = 0, entities = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = clock::now();
    const double cpu_start = cpu_seconds();
    const auto annotated = annotator.annotate(corpus, newsdoc::AnnotateMode::all, threads);
    best_cpu = std::min(best_cpu, cpu_seconds() - cpu_start);
    best = std::min(best, std::chrono::duration<double>(clock::now() - start).count());
    quotes = entities = 0;
    for (const auto& a : annotated) quotes += a.quote_count(), entities += a.entity_count();
  }
  std::printf("{\"seconds\": %.6f, \"cpu_seconds\": %.6f, \"body_bytes\": %zu, \"articles\": %zu, \"threads\": %u, "
              "\"quotes\": %zu, \"entities\": %zu",
              best, best_cpu, bytes, corpus.size(), threads, quotes, entities);
  if (load_seconds >= 0) std::printf(", \"load_seconds\": %.6f", load_seconds);
  std::printf("}\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "newsdoc_annotate: %s\n", e.what());
  return 1;
}
