// The annotator: finds quotes (direct, partial, indirect), their speakers and
// cues, and named entities with every mention, in the body of an article.
// By default rules and word lists, no statistical model: it runs at tens of
// megabytes a second a core and gives the same answer on every machine.
// Opt-in: with `AnnotatorOptions::models` (trained taggers, `Models::load`)
// the entity pass takes its names and types from the learned entity tagger
// instead of the rules' recogniser (docs/models.md, "Through the annotator").
//
// ## What it writes
// `annotate` returns new articles with the same metadata and paragraphs and
// with quotes, entities and mentions replaced by what it found. Quote spans
// leave out their quotation marks. A quote that runs over several paragraphs
// (news style: an opening mark at the start of each paragraph, one closing
// mark at the end) is one quote spanning those paragraphs. Entities are
// numbered "e1", "e2", ... in the order of their first mention.
//
// ## Thread safety
// An Annotator is immutable while it annotates: any number of threads may
// call `annotate` on one Annotator at once. Configure it first.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"

namespace newsdoc {

namespace model {
class Tagger;
class Coreference;
}
namespace detail {
class RecordAnnotator;
}

/// The trained taggers the annotator can use (docs/models.md): the part-of-
/// speech tagger and the two passes of the named-entity tagger, read from
/// `pos.ndm`, `ner.ndm` and `ner-doc.ndm` in one folder. Immutable once
/// loaded; share one `std::shared_ptr<const Models>` between annotators.
class Models {
 public:
  /// Loads pos.ndm, ner.ndm and ner-doc.ndm of `directory`, and
  /// attribution.ndm, attribution-cued.ndm and coref.ndm when they are there. Throws NotFoundError when the
  /// folder or one of the three does not exist, IoError when it cannot be
  /// read and ModelError when a file is corrupt or of another kind.
  static std::shared_ptr<const Models> load(const std::string& directory);
  /// `load(default_models_directory())`.
  static std::shared_ptr<const Models> load_default();

  ~Models();
  Models(const Models&) = delete;
  Models& operator=(const Models&) = delete;

  const std::string& directory() const noexcept { return directory_; }
  const model::Tagger& pos() const noexcept { return *pos_; }
  const model::Tagger& ner() const noexcept { return *ner_; }
  const model::Tagger& ner_doc() const noexcept { return *ner_doc_; }
  /// The attribution-role tagger (cue, source, content), when the folder has
  /// `attribution.ndm`; nullptr otherwise (reported speech from rules only).
  const model::Tagger* attribution() const noexcept { return attribution_.get(); }
  /// Its second pass, which also sees where the first put the cues
  /// (`attribution-cued.ndm`, model::cue_context); nullptr when absent.
  const model::Tagger* attribution_cued() const noexcept { return attribution_cued_.get(); }
  /// The coreference model (coref.ndm), or nullptr when the folder has none.
  const model::Coreference* coreference() const noexcept { return coreference_.get(); }

 private:
  Models() = default;
  std::string directory_;
  std::unique_ptr<model::Tagger> pos_, ner_, ner_doc_, attribution_, attribution_cued_;
  std::unique_ptr<model::Coreference> coreference_;
};

/// The folder of the shipped models, first of: the environment variable
/// NEWSDOC_MODELS; the installed folder found from the binary that holds
/// newsdoc (libnewsdoc.so, or the program it is linked into:
/// `<its folder>/../share/newsdoc/models` in the install layout, so a moved
/// install still finds its models; or a `models` folder beside it, as in the
/// Python package); the folder `cmake --install` was configured for
/// (installed_models_directory()); the source tree's `models/`. Each only when
/// it holds `ner.ndm`. When none does, the configured installed folder
/// (loading it then fails clearly).
std::string default_models_directory();
/// Where `cmake --install` puts the models, recorded at configure time.
std::string installed_models_directory();

/// An entity known in advance: a gazetteer entry or an article's tag.
struct KnownEntity {
  std::string name;                  ///< canonical name ("Bashar al-Assad")
  std::string type;                  ///< OntoNotes label ("PERSON", "GPE", "ORG", "NORP", ...)
  std::vector<std::string> aliases;  ///< other names ("Assad")
};

/// Which passes run.
struct AnnotatorOptions {
  bool quotes = true;    ///< quotes in quotation marks (direct and partial)
  bool indirect = true;  ///< reported speech without marks ("X said that ...")
  bool entities = true;  ///< named entities and their mentions
  /// Start from the built-in word lists: cue verbs and the gazetteer of
  /// countries, capitals, demonyms and international organisations.
  bool builtin_lists = true;
  /// Trained taggers for the entity pass; null (the default): rules only.
  /// With models, the entity tagger finds and types the names (CoNLL types
  /// mapped: PERSON, ORGANIZATION -> ORG, LOCATION -> GPE, or LOC and the
  /// like when the gazetteer knows the name, MISC -> NORP for the
  /// gazetteer's demonyms, else MISC); the gazetteer, the article's tags,
  /// aliases, linking and the mention scan work as without them.
  std::shared_ptr<const Models> models;
};

/// Which articles of a corpus `annotate` changes.
enum class AnnotateMode : std::uint8_t {
  all,     ///< every article; stored annotations are replaced
  missing  ///< only articles with no quotes and no entities; the rest are kept as they are
};

/// "all" or "missing": the name Python's `annotate=` gives the mode too.
constexpr std::string_view to_string(AnnotateMode mode) noexcept {
  return mode == AnnotateMode::all ? "all" : "missing";
}

class Annotator {
 public:
  explicit Annotator(const AnnotatorOptions& options = {});
  ~Annotator();
  Annotator(const Annotator&);
  Annotator& operator=(const Annotator&);
  Annotator(Annotator&&) noexcept;
  Annotator& operator=(Annotator&&) noexcept;

  const AnnotatorOptions& options() const noexcept;

  /// Adds a speech cue. A single lowercase word is taken as a verb's base
  /// form and its regular inflections are added too ("whisper": whispers,
  /// whispered, whispering); give irregular forms as cues of their own. A
  /// phrase of several words ("gave assurances") matches as written, case
  /// aside. Throws InvalidArgumentError on an empty cue.
  void add_cue(std::string_view cue);
  /// Every cue form matched, sorted.
  std::vector<std::string> cues() const;

  /// Adds an entity to the gazetteer. Its name and aliases are found in every
  /// article, word by word and case-sensitively. Throws InvalidArgumentError
  /// when the name or type is empty.
  void add_entity(KnownEntity entity);
  /// The gazetteer size (built-in plus added entries).
  std::size_t entity_count() const noexcept;

  /// The article with its quotes, entities and mentions found anew.
  Article annotate(const Article& article) const;

  /// Every article of `corpus` (or, with AnnotateMode::missing, those that
  /// carry no quotes and no entities) annotated, in order, on `threads`
  /// threads (0: one per core). Skipped-record errors are kept.
  Corpus annotate(const Corpus& corpus, AnnotateMode mode = AnnotateMode::all, unsigned threads = 0) const;

 private:
  friend class detail::RecordAnnotator;  // annotation inside newsdoc::load (LoadOptions::annotator)
  struct Lists;
  AnnotatorOptions options_;
  std::shared_ptr<Lists> lists_;  // copy-on-write: copies share until changed
};

}  // namespace newsdoc
