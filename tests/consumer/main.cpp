// A program using newsdoc (installed, or built as a subproject): prints the first article's title and
// paragraph count; fails unless the input holds at least one article. With --default-models it loads
// the default models (newsdoc::default_models_directory(), no set-up), prints their folder, and
// annotates the article with them.
#include <newsdoc/newsdoc.hpp>

#include <cstdio>
#include <cstring>
#include <exception>

int main(int argc, char** argv) {
  const bool models = argc == 3 && std::strcmp(argv[1], "--default-models") == 0;
  if (argc != 2 && !models) {
    std::fprintf(stderr, "usage: %s [--default-models] FILE.json\n", argv[0]);
    return 2;
  }
  try {
    const newsdoc::Corpus corpus = newsdoc::load(argv[argc - 1]);
    if (corpus.empty()) {
      std::fprintf(stderr, "%s: no article\n", argv[argc - 1]);
      return 1;
    }
    const newsdoc::Article& article = corpus[0];
    std::printf("newsdoc %s\n", NEWSDOC_VERSION);
    std::printf("title: %.*s\n", static_cast<int>(article.title().size()), article.title().data());
    std::printf("paragraphs: %zu\n", article.paragraph_count());
    if (models) {
      newsdoc::AnnotatorOptions options;
      options.models = newsdoc::Models::load(newsdoc::default_models_directory());
      std::printf("models: %s\n", options.models->directory().c_str());
      const newsdoc::Article annotated = newsdoc::Annotator(options).annotate(article);
      std::printf("entities with models: %zu\n", annotated.entity_count());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
