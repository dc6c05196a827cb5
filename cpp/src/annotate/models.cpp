// newsdoc::Models: the trained taggers the annotator can use, and where the
// shipped ones are found.
#include <sys/stat.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "newsdoc/annotate.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/model.hpp"

#ifndef NEWSDOC_INSTALLED_MODELS_DIR
#define NEWSDOC_INSTALLED_MODELS_DIR ""
#endif
#ifndef NEWSDOC_SOURCE_MODELS_DIR
#define NEWSDOC_SOURCE_MODELS_DIR ""
#endif

namespace newsdoc {
namespace {

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string join(const std::string& directory, const char* name) {
  if (directory.empty() || directory.back() == '/') return directory + name;
  return directory + "/" + name;
}

std::unique_ptr<model::Tagger> load_tagger(const std::string& directory, const char* name, const char* kind) {
  const auto path = join(directory, name);
  if (!is_file(path))
    throw NotFoundError(path, "model file not found: " + path + " (a models folder holds pos.ndm, ner.ndm and ner-doc.ndm)");
  auto tagger = std::make_unique<model::Tagger>(model::Tagger::load(path));
  if (tagger->kind() != kind)
    throw ModelError(path, std::string("expected a \"") + kind + "\" model, found \"" + tagger->kind() + "\"");
  return tagger;
}

}  // namespace

Models::~Models() = default;

std::shared_ptr<const Models> Models::load(const std::string& directory) {
  if (!is_directory(directory)) throw NotFoundError(directory, "models folder not found: " + directory);
  std::shared_ptr<Models> models(new Models());
  models->directory_ = directory;
  models->pos_ = load_tagger(directory, "pos.ndm", "pos");
  models->ner_ = load_tagger(directory, "ner.ndm", "ner");
  models->ner_doc_ = load_tagger(directory, "ner-doc.ndm", "ner-doc");
  if (is_file(join(directory, "attribution.ndm")))
    models->attribution_ = load_tagger(directory, "attribution.ndm", "attribution");
  if (models->attribution_ && is_file(join(directory, "attribution-cued.ndm")))
    models->attribution_cued_ = load_tagger(directory, "attribution-cued.ndm", "attribution-cued");
  if (!models->ner_->needs_pos() || models->pos_->needs_pos())
    throw ModelError(directory, "the ner model does not take part-of-speech tags, or the pos model does");
  return models;
}

std::shared_ptr<const Models> Models::load_default() { return load(default_models_directory()); }

std::string installed_models_directory() { return NEWSDOC_INSTALLED_MODELS_DIR; }

std::string default_models_directory() {
  if (const char* env = std::getenv("NEWSDOC_MODELS"); env != nullptr && *env != '\0') return env;
  const std::string installed = NEWSDOC_INSTALLED_MODELS_DIR;
  if (!installed.empty() && is_file(join(installed, "ner.ndm"))) return installed;
  const std::string source = NEWSDOC_SOURCE_MODELS_DIR;
  if (!source.empty() && is_file(join(source, "ner.ndm"))) return source;
  return installed.empty() ? source : installed;
}

}  // namespace newsdoc
