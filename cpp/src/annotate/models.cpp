// newsdoc::Models: the trained taggers the annotator can use, and where the
// shipped ones are found.
#include <dlfcn.h>
#include <limits.h>
#include <sys/stat.h>

#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "newsdoc/annotate.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/model.hpp"

#ifndef NEWSDOC_INSTALLED_MODELS_DIR
#define NEWSDOC_INSTALLED_MODELS_DIR ""
#endif
#ifndef NEWSDOC_SOURCE_MODELS_DIR
#define NEWSDOC_SOURCE_MODELS_DIR ""
#endif
// The installed models folder relative to the installed library's folder and
// to the programs' folder (both "../share/newsdoc/models" with the usual layout).
#ifndef NEWSDOC_MODELS_FROM_LIBDIR
#define NEWSDOC_MODELS_FROM_LIBDIR ""
#endif
#ifndef NEWSDOC_MODELS_FROM_BINDIR
#define NEWSDOC_MODELS_FROM_BINDIR ""
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

std::string parent_directory(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::string real_path(const char* path) {
  char resolved[PATH_MAX];
  return path != nullptr && ::realpath(path, resolved) != nullptr ? std::string(resolved) : std::string();
}

// The installed models found from where this code runs, so that an installed
// tree can be moved: beside the binary holding the library (libnewsdoc.so, or
// the program it is linked into statically) at the install layout's relative
// path, or in a `models` folder beside it (the Python package: newsdoc/_core*.so).
std::string relocated_models_directory() {
  std::vector<std::string> binaries;
  Dl_info info{};
  if (::dladdr(reinterpret_cast<const void*>(&relocated_models_directory), &info) != 0 && info.dli_fname != nullptr)
    binaries.push_back(real_path(info.dli_fname));
  binaries.push_back(real_path("/proc/self/exe"));  // dli_fname of a program may be a bare argv[0]
  for (const auto& binary : binaries) {
    if (binary.empty()) continue;
    const std::string directory = parent_directory(binary);
    for (const char* relative : {NEWSDOC_MODELS_FROM_LIBDIR, NEWSDOC_MODELS_FROM_BINDIR, "models"}) {
      if (*relative == '\0') continue;
      const std::string candidate = join(directory, relative);
      if (is_file(join(candidate, "ner.ndm"))) return real_path(candidate.c_str());
    }
  }
  return {};
}

std::unique_ptr<model::Tagger> load_tagger(const std::string& directory, const char* name, const char* kind) {
  const auto path = join(directory, name);
  if (!is_file(path))
    throw NotFoundError(path, "model file not found (the annotator needs pos.ndm, ner.ndm and ner-doc.ndm in one folder; `newsdoc train`"
                                  " writes ner.ndm and ner-doc.ndm only from inputs with entities)");
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
  // Each file on a thread of its own: reading, checksumming and indexing the weights is the whole cost,
  // and the two attribution models are most of the bytes. Errors are thrown in the order of the files below.
  using Loading = std::future<std::unique_ptr<model::Tagger>>;
  const auto later = [&directory](const char* name, const char* kind) {
    return std::async(std::launch::async, load_tagger, std::cref(directory), name, kind);
  };
  const bool attribution = is_file(join(directory, "attribution.ndm"));
  Loading attribution_cued = attribution && is_file(join(directory, "attribution-cued.ndm"))
                                 ? later("attribution-cued.ndm", "attribution-cued")
                                 : Loading();
  Loading attribution_tagger = attribution ? later("attribution.ndm", "attribution") : Loading();
  Loading pos = later("pos.ndm", "pos");
  Loading ner = later("ner.ndm", "ner");
  Loading ner_doc = later("ner-doc.ndm", "ner-doc");
  const std::string coref = join(directory, "coref.ndm");
  auto coreference = is_file(coref) ? std::async(std::launch::async, [&coref] { return model::Coreference::load(coref); })
                                    : std::future<model::Coreference>();
  models->pos_ = pos.get();
  models->ner_ = ner.get();
  models->ner_doc_ = ner_doc.get();
  if (attribution_tagger.valid()) models->attribution_ = attribution_tagger.get();
  if (attribution_cued.valid()) models->attribution_cued_ = attribution_cued.get();
  if (coreference.valid()) models->coreference_ = std::make_unique<model::Coreference>(coreference.get());
  if (!models->ner_->needs_pos() || models->pos_->needs_pos())
    throw ModelError(directory, "the ner model does not take part-of-speech tags, or the pos model does");
  return models;
}

std::shared_ptr<const Models> Models::load_default() { return load(default_models_directory()); }

std::string installed_models_directory() { return NEWSDOC_INSTALLED_MODELS_DIR; }

std::string default_models_directory() {
  if (const char* env = std::getenv("NEWSDOC_MODELS"); env != nullptr && *env != '\0') return env;
  if (auto relocated = relocated_models_directory(); !relocated.empty()) return relocated;
  const std::string installed = NEWSDOC_INSTALLED_MODELS_DIR;
  if (!installed.empty() && is_file(join(installed, "ner.ndm"))) return installed;
  const std::string source = NEWSDOC_SOURCE_MODELS_DIR;
  if (!source.empty() && is_file(join(source, "ner.ndm"))) return source;
  return installed.empty() ? source : installed;
}

}  // namespace newsdoc
