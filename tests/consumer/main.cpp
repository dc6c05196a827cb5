// A program using newsdoc (installed, or built as a subproject) through
// <newsdoc/newsdoc.hpp> alone: prints the first article's title and
// paragraph count and fails unless the input holds at least one article;
// then goes once through the public API (a query, a table, a transform,
// canonical JSON, a binary corpus saved and reopened, the default models
// folder) and prints "api: ok". With --default-models it loads the default
// models (newsdoc::default_models_directory(), no set-up), prints their
// folder, and annotates the article with them.
#include <newsdoc/newsdoc.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>

namespace {

bool check(bool ok, const char* what) {
  if (!ok) std::fprintf(stderr, "api: %s\n", what);
  return ok;
}

/// One use of each part of the public API; false (with a message) when one
/// misbehaves. `saved` is where a binary corpus may be written.
bool use_the_api(const newsdoc::Corpus& corpus, const std::filesystem::path& saved) {
  const newsdoc::Article& article = corpus[0];
  bool ok = true;

  const auto hits = newsdoc::search(corpus, "the");
  const newsdoc::CorpusIndex index(corpus);
  const newsdoc::Table paragraphs = newsdoc::make_table(index, newsdoc::TableName::paragraphs);
  ok &= check(paragraphs.rows >= article.paragraph_count(), "the paragraphs table misses paragraphs");
  std::printf("search \"the\": %zu hits; paragraphs table: %zu rows\n", hits.size(), paragraphs.rows);

  const newsdoc::Corpus selected = newsdoc::select_paragraphs(corpus, newsdoc::ParagraphSelection::at({0}));
  ok &= check(selected[0].paragraph_count() == 1, "select_paragraphs kept other than one paragraph");
  const newsdoc::Article redacted = newsdoc::redact(article);
  ok &= check(redacted.paragraph_count() == article.paragraph_count(), "redact changed the paragraphs");

  const std::string json = article.to_json();
  newsdoc::LoadOptions canonical;
  canonical.mapping = newsdoc::FieldMapping::canonical();
  ok &= check(newsdoc::loads(json, canonical)[0] == article, "to_json does not load back");

  newsdoc::save(corpus, saved.string());
  const newsdoc::Corpus reopened = newsdoc::load(saved.string());
  std::filesystem::remove(saved);
  ok &= check(reopened.size() == corpus.size() && reopened[0] == article, "the saved corpus reopens otherwise");
  ok &= check(newsdoc::from_binary(newsdoc::to_binary(corpus))[0] == article, "to_binary does not read back");

  try {
    (void)article.paragraph(article.paragraph_count());
    ok &= check(false, "a paragraph past the end threw nothing");
  } catch (const newsdoc::OutOfRangeError&) {
  }

  std::printf("default models folder: %s\n", newsdoc::default_models_directory().c_str());
  return ok;
}

}  // namespace

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
      return 0;
    }
    // Beside the program: the consumer tests run side by side.
    if (!use_the_api(corpus, std::filesystem::path(argv[0]).parent_path() / "newsdoc_consumer.ndc")) return 1;
    std::printf("api: ok\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
