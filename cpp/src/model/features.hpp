// The one feature extractor of the taggers (cpp/include/newsdoc/model.hpp):
// training and inference both call it, on the raw text of the tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdoc/model.hpp"

namespace newsdoc::model::detail {

enum class Kind { pos, ner, ner_doc, cue, attribution, attribution_cued };

/// The kind of a component name ("pos", "ner", "ner-doc", "cue",
/// "attribution", "attribution-cued"); throws ModelError
/// naming `path` for any other.
Kind kind_of(std::string_view component, const std::string& path);
/// The feature-set version string a kind's models are stored with.
const char* feature_set_of(Kind kind);

/// A word's clusters at three granularities (64, 256 and 1,024 clusters;
/// cpp/data/build_word_clusters.py), each its id + 1; 0 for a word the
/// clusters do not know.
struct WordCluster {
  std::uint16_t coarse = 0, middle = 0, fine = 0;
};
/// The clusters of a word (normalised as TokenForms::norm): as written, else
/// lower-cased, else without a final period ("Mr." -> "Mr").
WordCluster word_cluster(std::string_view norm, std::string_view lower);
/// Parses a word-cluster table, `word<TAB>c64<TAB>c256<TAB>c1024` a line (a
/// final CR is dropped); a line without exactly those four fields, numbers
/// below 10,000, is left out. The views point into `text`.
std::unordered_map<std::string_view, WordCluster> parse_word_clusters(std::string_view text);
/// The number of words of the compiled-in table, and its CRC-32 in hex, which
/// the entity taggers' feature sets name.
std::size_t word_cluster_count();
std::string word_clusters_checksum();

/// A token's derived forms.
struct TokenForms {
  std::string norm;   // typographic quotes and dashes made ASCII
  std::string lower;  // norm, ASCII lower-cased
  std::string shape;  // Xxxx, dd.dd (runs cut at 4)
  std::string short_shape;  // Xx, d.d (runs cut at 1)
  std::string lemma;  // cue and attribution kinds: a crude lemma of `lower` (endings stripped)
  std::uint32_t lexicon_bits = 0;   // attribution kinds: the word_class bits of `lower` in the built-in lists
  std::string_view lexicon_class;  // attribution kinds: lexicon_class_of(lower)
  std::uint32_t word_classes = 0;  // ner kinds: the built-in word lists the word is on (annotate/lexicon.hpp)
  WordCluster cluster;  // ner kinds: the word's distributional clusters
};

/// A token inside a name of the built-in gazetteer: its type and whether it starts the name.
struct GazetteerTag {
  std::string_view type;  // "" outside any name
  bool begins = false;
};

/// Per-sentence scratch: the forms of every word and sentence-level facts.
struct SentenceForms {
  std::vector<TokenForms> tokens;
  bool upper_case = false;   // most letters are capitals (headlines, datelines)
  bool title_case = false;   // most words start with a capital
  std::vector<int> quote_depth;  // cue: 1 inside "...", 0 outside
  std::vector<int> dist_quote;   // cue: distance to the nearest quotation mark (capped)
  std::vector<int> dist_comma;
  std::vector<int> dist_colon;
  std::vector<std::string_view> context;  // ner-doc: document_context(); attribution-cued: cue_context()
  std::vector<GazetteerTag> gazetteer;     // ner kinds: the longest gazetteer names, left to right
};

void prepare(Kind kind, const std::vector<std::string_view>& words, SentenceForms& out);

/// Attribution kinds: what the annotator's built-in word lists (annotate/lexicon.hpp)
/// call a lower-case word, so that cue words the training data never saw share
/// weights with those it did: "cue" (a speech or attribution verb form),
/// "cue-noun" (one that is a noun too: "claims"), "phrase" (starts a cue
/// phrase: "according", "pointed"), "role", "source", "pronoun" or "-".
std::string_view lexicon_class_of(std::string_view lower);
/// The frame after the token at i that marks an attribution predicate: "that",
/// "wh" (whether, if, what, how, why, who, when, where), "to-VB", ",\"" (a
/// comma and a quotation mark), "\"", ":" (or a dash), "," or "-".
std::string_view right_frame(const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i);
/// The word before the token at i, past auxiliaries and adverbs ("has also"):
/// "pronoun", "name" (a capitalised word), "role" (a role or source noun),
/// "quote", "," or "-".
std::string_view left_frame(const SentenceForms& s, std::size_t i);

/// Appends the features that do not depend on earlier predictions: the
/// token's own_word_features, the neighbour_features of the tokens within two
/// of it, the window_features of those within `window` (ner, ner-doc and
/// cue), and its context_features. The first three depend on one word only,
/// so that inference can add up their weights once per word (Tagger::tag_ids).
void static_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos,
                     std::size_t i, std::vector<FeatureHash>& out);

inline constexpr int neighbour_offsets[] = {-2, -1, 1, 2};
inline constexpr int window = 4;
/// The features of a token's own forms.
void own_word_features(Kind kind, const TokenForms& t, std::vector<FeatureHash>& out);
/// The features a token gives the token `offset` (-2, -1, 1 or 2) before it
/// in the same sentence (its word, short shape, ...).
void neighbour_features(Kind kind, int offset, const TokenForms& t, std::vector<FeatureHash>& out);
/// The features a token gives a token up to `window` after it (side -1) or
/// before it (side 1): the disjunctive window, unordered.
void window_features(Kind kind, int side, const TokenForms& t, std::vector<FeatureHash>& out);
/// The other static features: sentence boundaries, position, word pairs,
/// part-of-speech tags, document evidence, cue distances.
void context_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i,
                      std::vector<FeatureHash>& out);
/// attribution-cued: the features of the first pass's cues (SentenceForms::context),
/// the last of its context_features; the others are attribution's.
void cue_context_features(const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i,
                          std::vector<FeatureHash>& out);
/// ner-doc: the features of the document evidence (SentenceForms::context),
/// part of its context_features.
void document_features(const SentenceForms& s, std::size_t i, std::vector<FeatureHash>& out);

/// Appends the features of the two previous predicted labels: label_features
/// (of the labels alone) and label_word_features (a label with the word).
void dynamic_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos,
                      std::size_t i, std::string_view prev1, std::string_view prev2,
                      std::vector<FeatureHash>& out);
void label_features(std::string_view prev1, std::string_view prev2, std::vector<FeatureHash>& out);
void label_word_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i,
                         std::string_view prev1, std::vector<FeatureHash>& out);

}  // namespace newsdoc::model::detail
