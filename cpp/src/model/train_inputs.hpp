// The training data of newsdoc::model::train_models: CoreNLP JSONL, BRAT
// folders and newsdoc JSON(L), each read into sentences with labels
// (cpp/src/model/train_inputs.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"

namespace newsdoc::model::detail::train_inputs {

// One sentence of training data; a label list is empty when the input has none.
struct Sentence {
  std::vector<std::string> words, pos, ner, cue;
  std::vector<std::string> roles;  // BIO over CUE, SOURCE, CONTENT
};

// A mention of a silver coreference chain: bytes of the text, and of its head token.
struct ChainMention {
  Span bytes, head;
};

struct Document {
  std::vector<Sentence> sentences;
  std::string text;                                // CoreNLP input: the raw text, for coreference
  std::vector<std::vector<ChainMention>> chains;   // CoreNLP's coreference chains (silver)
  bool has_pos = false, has_ner = false, has_cue = false, has_roles = false, has_coref = false;
  bool brat_cues = false;  // the cues come from BRAT files (named in the cue model's info)
};

inline std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

/// The documents of every input (a CoreNLP JSONL(.gz), a BRAT folder or a
/// newsdoc JSON(L) file), at most `limit` of each (0: all). Throws
/// ModelError for an input of no known kind or with nothing to learn.
std::vector<Document> read_inputs(const std::vector<std::string>& paths, std::size_t limit);

/// The non-blank lines of `text` as paragraphs (byte ranges, surrounding white space left out).
std::vector<Span> line_paragraphs(std::string_view text);

}  // namespace newsdoc::model::detail::train_inputs
