// The one feature extractor of the taggers (cpp/include/newsdoc/model.hpp):
// training and inference both call it, on the raw text of the tokens.
#pragma once

#include <string>
#include <string_view>
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

/// A token's derived forms.
struct TokenForms {
  std::string norm;   // typographic quotes and dashes made ASCII
  std::string lower;  // norm, ASCII lower-cased
  std::string shape;  // Xxxx, dd.dd (runs cut at 4)
  std::string short_shape;  // Xx, d.d (runs cut at 1)
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
};

void prepare(Kind kind, const std::vector<std::string_view>& words, SentenceForms& out);

/// Appends the features that do not depend on earlier predictions.
void static_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos,
                     std::size_t i, std::vector<FeatureHash>& out);
/// Appends the features of the two previous predicted labels.
void dynamic_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos,
                      std::size_t i, std::string_view prev1, std::string_view prev2,
                      std::vector<FeatureHash>& out);

}  // namespace newsdoc::model::detail
