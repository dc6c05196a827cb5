// A program using newsdoc (installed, or built as a subproject): prints the first article's title and
// paragraph count; fails unless the input holds at least one article.
#include <newsdoc/newsdoc.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.json\n", argv[0]);
    return 2;
  }
  try {
    const newsdoc::Corpus corpus = newsdoc::load(argv[1]);
    if (corpus.empty()) {
      std::fprintf(stderr, "%s: no article\n", argv[1]);
      return 1;
    }
    const newsdoc::Article& article = corpus[0];
    std::printf("newsdoc %s\n", NEWSDOC_VERSION);
    std::printf("title: %.*s\n", static_cast<int>(article.title().size()), article.title().data());
    std::printf("paragraphs: %zu\n", article.paragraph_count());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
