// The coreference component's view of an annotated article and its pair
// features, shared by inference (Coreference::resolve_speakers, on the
// annotator's output) and training (train.cpp, on annotated PolNeAR texts
// with CoreNLP's silver chains), so that both see the same candidates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"
#include "newsdoc/model.hpp"

namespace newsdoc::model::detail {

/// What the features read of an annotated article; spans are bytes of `text`.
struct CorefArticle {
  std::string_view text;
  std::vector<Span> tokens;              // the annotator's tokens, in order
  std::vector<std::uint32_t> sentence;   // the sentence number of each token
  struct EntityMention {
    Span bytes;
    std::uint32_t entity;
  };
  std::vector<EntityMention> mentions;  // by start
  std::vector<std::string_view> types, names;
  struct Speech {
    Span quote;
    Span speaker;
    std::int32_t entity;
  };
  std::vector<Speech> named_speeches;  // quotes whose speaker span is a name, not an anaphor
};

/// From the annotator's output (spans in bytes of `text`).
CorefArticle coref_article(std::string_view text, const std::vector<Span>& paragraphs, const ArticleInput& article);
/// From an annotated article.
CorefArticle coref_article(const Article& article);

/// A third-person pronoun (form "he", "she", "they" or "it", head the word)
/// or a definite noun phrase of two to four lower-case words (form "nom",
/// head its last word).
struct Anaphor {
  Span bytes;
  std::string form;
  std::string head;
};
std::optional<Anaphor> anaphor_at(const CorefArticle& article, Span bytes);

/// An entity named before the anaphor: its nearest mention before it, and its
/// recency rank among all such entities and among those of its type.
struct Candidate {
  std::uint32_t entity;
  std::uint32_t mention;
  std::uint32_t rank, type_rank;
};
/// The entities named before `anaphor`, most recent first (at most 20).
std::vector<Candidate> coref_candidates(const CorefArticle& article, const Anaphor& anaphor);

void pair_features(const CorefArticle& article, const Anaphor& anaphor, const Candidate& candidate,
                   std::vector<FeatureHash>& out);

}  // namespace newsdoc::model::detail
