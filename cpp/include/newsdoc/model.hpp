// Learned linear models: one home for every trained component of newsdoc.
//
// - `LinearModel`: the inference side of a multi-class linear model over
//   hashed sparse features (feature strings hashed with 64-bit FNV-1a into a
//   table of 2^k buckets x classes), with int16 weights and one scale.
//   Saved to and loaded from a compact, versioned, CRC32-checked file.
// - `PerceptronTrainer`: an averaged perceptron that trains a LinearModel.
// - `Tagger`: a greedy left-to-right sequence tagger (previous-tag features)
//   over a LinearModel: the part-of-speech tagger ("pos"), the named-entity
//   tagger ("ner", BIO over PERSON, ORGANIZATION, LOCATION, MISC) and the
//   attribution-cue tagger ("cue"). Training and inference share one
//   feature extractor (cpp/src/model/features.cpp).
//
// ## Model files
// Little-endian: magic "NDMODEL\x1a", u32 format version, the component
// name, the feature-set version, the hash width, the label list, a free-form
// info string, the weight scale, the non-zero rows (row index delta, a bitmask
// of the non-zero classes, their int16 weights), then the CRC32 (zlib) of all
// the bytes before it. A file is read with one read and checked whole: a
// corrupt, truncated or mismatched file throws ModelError naming the file and
// what is wrong.
//
// ## Use
//   const auto pos = newsdoc::model::Tagger::load("models/pos.ndm");
//   const auto ner = newsdoc::model::Tagger::load("models/ner.ndm");
//   const auto ner_doc = newsdoc::model::Tagger::load("models/ner-doc.ndm");
//   std::vector<std::vector<std::string_view>> words = ...;  // one document, sentence by sentence
//   std::vector<std::vector<std::string_view>> tags;
//   for (const auto& s : words) tags.push_back(pos.tag(s));
//   const auto bio = newsdoc::model::tag_entities(ner, &ner_doc, words, tags);
//   for (const auto& span : newsdoc::model::bio_spans(bio[0])) ...;  // [begin, end) token spans, type
// Words are the raw text of the tokens (typographic quotes and dashes are
// fine), one sentence at a time (the taggers learnt from CoreNLP sentences). docs/models.md
// has the figures.
//
// ## Lifetime and threads
// A loaded LinearModel or Tagger owns all its data; label string_views it
// returns stay valid as long as it lives (and are not invalidated by moves).
// The const methods may be called from any number of threads at once. Each
// thread that tags keeps its own caches (the summed weights of the words it
// has seen, per tagger: at most about 23 MB for the shipped models).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdoc/error.hpp"

namespace newsdoc {
struct Span;
struct ArticleInput;
}  // namespace newsdoc

namespace newsdoc {

namespace model {

/// The current model file format version.
inline constexpr std::uint32_t format_version = 1;

/// 64-bit FNV-1a of `text`, continuing from `seed` (the FNV offset basis by
/// default), so a feature "prefix=value" can be hashed in parts.
/// Inline: the taggers hash a hundred features a word.
inline std::uint64_t fnv1a(std::string_view text, std::uint64_t seed = 0xcbf29ce484222325ULL) noexcept {
  std::uint64_t h = seed;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// A feature as the model sees it: a 64-bit hash, reduced to a bucket by the
/// model's hash width.
using FeatureHash = std::uint64_t;

/// Inference side of a multi-class linear model over hashed features.
class LinearModel {
 public:
  LinearModel() = default;
  /// An all-zero model. `hash_bits` in [8, 26]; at least one label.
  LinearModel(std::string component, std::string feature_set, unsigned hash_bits,
              std::vector<std::string> labels);

  /// Reads and checks a model file (one read). If `component` is not empty,
  /// the file must hold that component. Throws IoError or ModelError.
  static LinearModel load(const std::string& path, std::string_view component = {});
  /// The same from bytes in memory; `name` is used in error messages.
  static LinearModel from_bytes(std::string_view bytes, const std::string& name = "<memory>",
                                std::string_view component = {});
  /// The file's bytes.
  std::string to_bytes() const;
  /// Writes the file (to a temporary name, then renamed). Throws IoError.
  void save(const std::string& path) const;

  const std::string& component() const noexcept { return component_; }
  const std::string& feature_set() const noexcept { return feature_set_; }
  const std::string& info() const noexcept { return info_; }
  void set_info(std::string info) { info_ = std::move(info); }
  unsigned hash_bits() const noexcept { return hash_bits_; }
  std::size_t label_count() const noexcept { return labels_.size(); }
  const std::vector<std::string>& labels() const noexcept { return labels_; }
  /// The index of `label`, or -1.
  int label_index(std::string_view label) const noexcept;
  float scale() const noexcept { return scale_; }

  /// Adds the weights of `features` into `scores` (label_count() values, in
  /// units of scale()).
  void add_scores(const FeatureHash* features, std::size_t count, std::int32_t* scores) const noexcept;
  /// add_scores() of `items` lists of features at once: the features of item
  /// k are features[start[k], start[k + 1]) (start[0] == 0), their scores go
  /// to scores[k * label_count(), (k + 1) * label_count()). Faster than one
  /// call per item: the cache misses of many items' look-ups overlap.
  void add_scores_each(const FeatureHash* features, const std::size_t* start, std::size_t items,
                       std::int32_t* scores) const noexcept;
  /// The best label for `features` (ties: the lowest index).
  int predict(const std::vector<FeatureHash>& features) const;

  /// Replaces the weights by quantized `weights` (buckets x labels floats).
  void set_weights(const std::vector<float>& weights);
  /// The bucket of a feature hash.
  std::size_t bucket(FeatureHash h) const noexcept {
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> (64 - hash_bits_));
  }

 private:
  std::string component_;
  std::string feature_set_;
  std::string info_;
  unsigned hash_bits_ = 0;
  std::vector<std::string> labels_;
  float scale_ = 1.0f;
  // The weights without their empty rows, so that the tables of all the
  // taggers stay in the cache (most buckets hold no weight): a bit per bucket,
  // whether its row holds any weight, with the count of such rows before each
  // word of 64 buckets; then those rows, in bucket order, label_count()
  // weights each.
  struct Presence {
    std::uint64_t bits = 0;
    std::uint32_t rows_before = 0;
  };
  std::vector<Presence> presence_;
  std::vector<std::int16_t> rows_;
  void clear_weights();
  void reserve_rows(std::size_t weights);  // before append_row, when the count is known
  void append_row(std::size_t bucket, const std::int16_t* row);  // in increasing bucket order
  void index_rows();  // presence_[].rows_before, once the rows are appended
};

/// Averaged perceptron over hashed features; deterministic.
class PerceptronTrainer {
 public:
  PerceptronTrainer(std::string component, std::string feature_set, unsigned hash_bits,
                    std::vector<std::string> labels);
  std::size_t label_count() const noexcept { return labels_.size(); }
  /// The best label under the current (not averaged) weights; if `allowed`
  /// is given (label_count() flags), the best label whose flag is not 0.
  int predict(const FeatureHash* features, std::size_t count, const int* allowed = nullptr) const;
  int predict(const std::vector<FeatureHash>& f) const { return predict(f.data(), f.size()); }
  /// The current (not averaged) score of `label` for `features`.
  float score(const FeatureHash* features, std::size_t count, int label) const;
  /// One training instance: if `guess` != `truth`, moves the weights.
  /// Call once per instance (it also advances the averaging clock).
  void update(const FeatureHash* features, std::size_t count, int truth, int guess);
  void update(const std::vector<FeatureHash>& f, int truth, int guess) {
    update(f.data(), f.size(), truth, guess);
  }
  /// Predicts and updates; returns the prediction.
  int train(const std::vector<FeatureHash>& f, int truth);
  /// The averaged, quantized model.
  LinearModel finish() const;
  std::size_t bucket(FeatureHash h) const noexcept {
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> (64 - hash_bits_));
  }

 private:
  std::string component_;
  std::string feature_set_;
  unsigned hash_bits_;
  std::vector<std::string> labels_;
  std::vector<float> weights_;
  std::vector<double> totals_;  // sum of clock * delta, for averaging
  double clock_ = 1;
};

/// One training sentence: words (raw text), optional part-of-speech tags
/// (used as features by the "ner" and "cue" taggers), gold labels, and for
/// "cue" the per-token context flags (see Tagger::tag).
struct TaggedSentence {
  std::vector<std::string> words;
  std::vector<std::string> pos;
  std::vector<std::string> labels;
  std::vector<std::string> context;  ///< "ner-doc": document_context() values
};

/// Options of Tagger::train.
struct TrainOptions {
  int epochs = 8;
  std::uint64_t seed = 1;
  unsigned hash_bits = 20;
  bool verbose = false;
  std::string info;  ///< stored in the model file
};

namespace detail {
struct SentenceForms;
}
struct PreparedDocument;
struct DocumentTags;
// The context features of one sentence's tokens (hashes[start[i], start[i + 1])), computed once for two passes.
struct SharedContext {
  std::vector<std::uint64_t> hashes;
  std::vector<std::size_t> start;
};
class Tagger;
std::vector<std::vector<std::string_view>> tag_entities(
    const Tagger& ner, const Tagger* ner_doc, const std::vector<std::vector<std::string_view>>& words,
    const std::vector<std::vector<std::string_view>>& pos);
DocumentTags tag_document(const Tagger& pos, const Tagger& ner, const Tagger* ner_doc,
                          const std::vector<std::vector<std::string_view>>& words);
std::vector<std::vector<std::string_view>> tag_attributions(
    const Tagger& attribution, const Tagger* cued, const std::vector<std::vector<std::string_view>>& words,
    const std::vector<std::vector<std::string_view>>& pos);

/// A greedy left-to-right sequence tagger. Kinds: "pos" (features of the
/// words), "ner" and "cue" (words and part-of-speech tags). For "ner" the
/// output is BIO (B-PERSON, I-PERSON, ..., O) and never starts an entity
/// with I-.
class Tagger {
 public:
  Tagger() = default;
  explicit Tagger(LinearModel model);

  /// Loads a tagger model file. Throws IoError or ModelError (also when the
  /// file is a model of another kind than a tagger, or of an unknown
  /// feature set).
  static Tagger load(const std::string& path);
  /// Trains a tagger of `kind` on `sentences`.
  static Tagger train(const std::string& kind, const std::vector<TaggedSentence>& sentences,
                      const TrainOptions& options);

  void save(const std::string& path) const { model_.save(path); }
  const LinearModel& model() const noexcept { return model_; }
  const std::string& kind() const noexcept { return model_.component(); }
  /// True when tag() needs part-of-speech tags.
  bool needs_pos() const noexcept;
  /// True when tag() needs document_context() values ("ner-doc").
  bool needs_context() const noexcept;

  /// The labels of one sentence's `words` (raw text of the tokens, in
  /// order). `pos` must be given (and as long as `words`) when needs_pos().
  /// The returned views point into this tagger.
  /// `context` must be given when needs_context().
  std::vector<std::string_view> tag(const std::vector<std::string_view>& words,
                                    const std::vector<std::string_view>* pos = nullptr,
                                    const std::vector<std::string_view>* context = nullptr) const;
  /// The same as label indices into model().labels().
  void tag_ids(const std::vector<std::string_view>& words, const std::vector<std::string_view>* pos,
               std::vector<int>& out, const std::vector<std::string_view>* context = nullptr) const;

 private:
  friend std::vector<std::vector<std::string_view>> tag_entities(
      const Tagger&, const Tagger*, const std::vector<std::vector<std::string_view>>&,
      const std::vector<std::vector<std::string_view>>&);
  friend DocumentTags tag_document(const Tagger&, const Tagger&, const Tagger*,
                                   const std::vector<std::vector<std::string_view>>&);
  friend std::vector<std::vector<std::string_view>> tag_attributions(
      const Tagger&, const Tagger*, const std::vector<std::vector<std::string_view>>&,
      const std::vector<std::vector<std::string_view>>&);
  // `pos` as tag() uses it (nullptr when the tagger takes none); throws
  // ModelError for missing or mismatched inputs.
  const std::vector<std::string_view>* checked_pos(std::size_t words, const std::vector<std::string_view>* pos,
                                                   const std::vector<std::string_view>* context) const;
  // Tags one prepared sentence (cpp/src/model/tagger.cpp).
  void tag_forms(const detail::SentenceForms& forms, const std::vector<std::uint32_t>& ids,
                 const std::vector<std::string_view>* pos, std::vector<int>& out,
                 SharedContext* shared = nullptr) const;
  void tag_prepared(PreparedDocument& doc, std::size_t sentence, const std::vector<std::string_view>* pos,
                    const std::vector<std::string_view>* context, std::vector<std::string_view>& out) const;

  LinearModel model_;
  std::vector<int> allowed_after_;  // ner: label x label -> 0/1, flattened
  std::uint64_t serial_ = 0;        // names the model in per-thread caches of tag_ids (copies share it)
};

/// Document-level evidence for the second-pass entity tagger ("ner-doc"):
/// for each word of each sentence of one document, what the first-pass BIO
/// labels say of the other occurrences of the same capitalised word in the
/// document (their majority entity type, and whether it ends or starts a
/// multi-word name elsewhere). Lower-case words get "-".
std::vector<std::vector<std::string>> document_context(
    const std::vector<std::vector<std::string_view>>& words,
    const std::vector<std::vector<std::string_view>>& first_pass);

/// Cue evidence for the second-pass attribution tagger ("attribution-cued"):
/// for each word of one sentence, where the nearest cue of the first pass
/// ("attribution") lies: "in" the cue, or "L" (the word is left of it) or
/// "R" (right of it) with a distance bucket and "," when a comma lies
/// between; then a space and the cue's last word in lower case ("L2-3 said").
/// "none" when the sentence has no cue.
std::vector<std::string> cue_context(const std::vector<std::string_view>& words,
                                     const std::vector<std::string_view>& first_pass);

/// Entity labels (BIO) of one document's sentences: `ner` ("ner") tags each
/// sentence; if `ner_doc` ("ner-doc") is given, it tags them again with the
/// document_context() of the first pass. `pos`: the sentences' POS tags.
/// The second pass is made for whole articles: for a lone sentence or a
/// headline pass `ner_doc` = nullptr (docs/models.md).
std::vector<std::vector<std::string_view>> tag_entities(
    const Tagger& ner, const Tagger* ner_doc, const std::vector<std::vector<std::string_view>>& words,
    const std::vector<std::vector<std::string_view>>& pos);

/// The part-of-speech tags and entity labels of one document's sentences.
struct DocumentTags {
  std::vector<std::vector<std::string_view>> pos;       ///< views into the pos tagger
  std::vector<std::vector<std::string_view>> entities;  ///< BIO, views into ner or ner_doc
};
/// The same labels as `pos.tag()` of each sentence, then tag_entities(ner,
/// ner_doc, words, those tags), with the work the taggers share (the words'
/// forms, their cached scores) done once: what the annotator calls.
DocumentTags tag_document(const Tagger& pos, const Tagger& ner, const Tagger* ner_doc,
                          const std::vector<std::vector<std::string_view>>& words);

/// Attribution-role labels (BIO: CUE, SOURCE, CONTENT) of one document's
/// sentences: `attribution` ("attribution") tags each sentence; if `cued`
/// ("attribution-cued") is given, it tags again, with the cue_context() of
/// the first pass, each sentence where that pass found a cue. The same
/// labels as those tag() calls, with the words' forms and the first pass's
/// context features made once. `pos`: the sentences' POS tags.
std::vector<std::vector<std::string_view>> tag_attributions(
    const Tagger& attribution, const Tagger* cued, const std::vector<std::vector<std::string_view>>& words,
    const std::vector<std::vector<std::string_view>>& pos);

/// Pronoun and nominal coreference ("coref.ndm"): links a third-person
/// pronoun ("he", "she", "they", "it" and their other forms) or a short
/// definite noun phrase ("the senator", "the ministry") to an entity of the
/// article named before it. A mention-pair model over hashed features of the
/// pair (the anaphor's form or head noun with the candidate's type, first
/// name, the words around its nearest mention, sentence distance, recency
/// among the entities, whether and how lately it spoke), trained on
/// CoreNLP's silver coreference chains of PolNeAR's train split; the best
/// candidate is linked when the model prefers it to no link.
class Coreference {
 public:
  Coreference() = default;
  /// Throws ModelError when `model` is not a "coref" model of this feature set.
  explicit Coreference(LinearModel model);
  static Coreference load(const std::string& path);
  /// One anaphor of the training data: the features of its pair with each
  /// candidate, and whether the candidate is right.
  struct Example {
    std::vector<std::vector<FeatureHash>> candidates;
    std::vector<bool> linked;
  };
  /// An averaged perceptron over the pairs, in an order shuffled by the seed each epoch.
  static Coreference train(const std::vector<Example>& anaphors, const TrainOptions& options);
  const LinearModel& model() const noexcept { return model_; }
  void save(const std::string& path) const { model_.save(path); }

  /// The speaker of each quote of `article` (the annotator's output, spans in
  /// bytes of `body`, whose paragraphs are `paragraphs`) whose speaker span is
  /// an anaphor becomes the entity the model links it to; a quote the model
  /// links to nothing keeps the speaker it had.
  void resolve_speakers(std::string_view body, const std::vector<Span>& paragraphs, ArticleInput& article) const;
  /// How much the model prefers linking the anaphor to the candidate whose
  /// pair has `features` over no link (> 0: link).
  std::int32_t margin(const std::vector<FeatureHash>& features) const;

 private:
  LinearModel model_;
};

/// A typed span of tokens [begin, end) decoded from BIO labels.
struct TokenSpan {
  std::size_t begin;
  std::size_t end;
  std::string type;
};
/// The spans of BIO `labels` ("B-X", "I-X", "O"); an I-X that does not
/// continue an X starts a new span.
std::vector<TokenSpan> bio_spans(const std::vector<std::string_view>& labels);

/// What train_models() trains, from what, and where it writes.
struct TrainConfig {
  /// Training inputs, each one of:
  /// - a CoreNLP JSONL file (.jsonl or .jsonl.gz) as corpora/polnear/corenlp
  ///   holds: POS and entity labels. Its texts are `<id>.txt` in the `text`
  ///   folder of the split beside it (corenlp/train.jsonl.gz -> train/text),
  ///   and that split's `attributions` folder, when present, gives gold cues
  ///   and attribution roles (cue, source, content);
  /// - a BRAT folder: `<id>.txt` with `<id>.ann` or `<id>_<annotator>.ann`
  ///   (the first in name order), side by side or in `text/` and
  ///   `attributions/` subfolders: the `Cue` spans give cue labels, the
  ///   `Cue`, `Source` and `Content` spans attribution roles;
  /// - a newsdoc JSON or JSONL file (.gz too): quotes' cue spans give cue
  ///   labels, quotes with their cue and speaker spans attribution roles,
  ///   entity mentions give entity labels (PERSON; ORG as
  ///   ORGANIZATION; GPE and LOC as LOCATION; NORP and MISC as MISC).
  /// BRAT and newsdoc texts are split with the annotator's own tokenizer and
  /// sentence splitter, so the models learn on the tokens they will tag.
  std::vector<std::string> inputs;
  /// The models folder (created if needed): pos.ndm, ner.ndm and ner-doc.ndm,
  /// cue.ndm, attribution.ndm and attribution-cued.ndm. A component without
  /// training data is not written.
  std::string out = "models";
  /// "pos", "ner" (writes ner.ndm and ner-doc.ndm), "cue" and "attribution"
  /// (writes attribution.ndm and attribution-cued.ndm); empty: each one
  /// the inputs hold data for. A component asked for without data is an error.
  std::vector<std::string> components;
  int epochs = 8;
  std::uint64_t seed = 1;
  /// At most this many documents from each input (0: all).
  std::size_t limit = 0;
  /// Inputs of the same kinds to score the written models on (TrainReport::dev).
  std::vector<std::string> dev;
  /// The POS tagger whose tags the ner and cue taggers learn from when this
  /// run does not train pos; empty: `out`/pos.ndm if present, else the one in
  /// default_models_directory(). It is copied into `out`, which then holds
  /// the tagger the other models were trained with.
  std::string pos_model;
  unsigned pos_hash_bits = 18;
  unsigned ner_hash_bits = 20;
  unsigned cue_hash_bits = 18;
  unsigned attribution_hash_bits = 20;
  unsigned coref_hash_bits = 18;
  /// Called with one line for each step (reading, each model trained).
  std::function<void(const std::string&)> progress;
};

/// One model file train_models() wrote.
struct TrainedComponent {
  std::string component;  ///< "pos", "ner", "ner-doc" or "cue"
  std::string path;
  std::size_t documents = 0;
  std::size_t sentences = 0;
  std::size_t tokens = 0;
  double seconds = 0;
};

/// Scores of each component on dev data, in percent: "pos": accuracy; "ner"
/// (with ner-doc): precision, recall, f1 (exact spans, micro) and
/// <TYPE>_precision/_recall/_f1; "cue": token_precision/_recall/_f1 and
/// span_precision/_recall/_f1. Each also has "tokens": how many were scored.
using DevScores = std::map<std::string, std::map<std::string, double>>;

struct TrainReport {
  std::vector<TrainedComponent> trained;
  /// Components not trained, with why ("cue: no gold cues in the inputs").
  std::vector<std::string> skipped;
  /// The POS tagger the ner and cue taggers learnt from, when not trained in this run.
  std::string pos_model;
  std::size_t documents = 0;
  DevScores dev;
};

/// Trains the taggers on `config.inputs` into `config.out`: deterministic,
/// the same inputs and seed give the same bytes. Throws NotFoundError for a
/// missing input, ModelError for an input of no known kind, a component
/// asked for without data, or bad settings; IoError, ParseError as readers do.
TrainReport train_models(const TrainConfig& config);

/// Scores the models of `directory` (those present) on `dev` inputs (kinds
/// as TrainConfig::inputs).
DevScores evaluate_models(const std::string& directory, const std::vector<std::string>& dev,
                          std::size_t limit = 0);

}  // namespace model
}  // namespace newsdoc
