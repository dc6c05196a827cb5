// Training data readers for the models: PolNeAR's CoreNLP annotations
// (.jsonl.gz, read with zlib and simdjson) and its BRAT attribution files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsdoc::model::detail {

struct CoreNlpToken {
  std::uint32_t begin = 0, end = 0;  // code points into the text
  std::string word;                  // the original text between the offsets
  std::string ptb;                   // CoreNLP's normalised token
  std::string lemma, pos, ner;
  int head = 0;
  std::string deprel;
};

struct CoreNlpDoc {
  std::string id;
  std::string text;
  std::vector<std::vector<CoreNlpToken>> sentences;
  std::vector<std::uint32_t> cue_chars;  // code point offsets that lie in a gold cue (sorted), when read
  // Gold attribution roles per code point, when read (read_brat_roles): a Role,
  // plus role_start on the first code point of each cue, source or content.
  std::vector<std::uint8_t> roles;
  // CoreNLP's coreference chains (dcoref, silver), each mention in order of
  // appearance: code points of the whole mention and of its head token.
  struct ChainMention {
    std::uint32_t begin = 0, end = 0, head_begin = 0, head_end = 0;
  };
  std::vector<std::vector<ChainMention>> coref;
};

enum Role : std::uint8_t { role_none = 0, role_cue = 1, role_source = 2, role_content = 3, role_start = 4 };

/// Reads up to `limit` (0: all) documents of `path` (a CoreNLP .jsonl.gz as
/// corpora/polnear/corenlp holds), with their texts from `text_dir`
/// (`<id>.txt`). Throws IoError or ParseError.
std::vector<CoreNlpDoc> read_corenlp(const std::string& path, const std::string& text_dir, std::size_t limit = 0);

/// The text folder beside a CoreNLP file: corenlp/train.jsonl.gz -> train/text.
std::string default_text_dir(const std::string& corenlp_path);

/// The whole file. Throws IoError.
std::string read_file(const std::string& path);

/// The code point offsets inside the `Cue` spans of one BRAT .ann file, sorted, once each.
std::vector<std::uint32_t> read_brat_cue_chars(const std::string& ann_path);
/// The gold roles per code point of one BRAT .ann file (see CoreNlpDoc::roles).
std::vector<std::uint8_t> read_brat_role_chars(const std::string& ann_path);

/// Adds the gold cue offsets of each document from `attributions_dir`
/// (`<id>_<annotator>.ann`, the first annotator's file in name order).
/// Returns the number of documents that had a file.
std::size_t read_brat_cues(std::vector<CoreNlpDoc>& docs, const std::string& attributions_dir);

/// Adds the gold roles (cue, source, content) of each document from the same
/// files as read_brat_cues. PolNeAR is univocal (a token has one role); where
/// textbounds still overlap, cue wins over source over content. Returns the
/// number of documents that had a file.
std::size_t read_brat_roles(std::vector<CoreNlpDoc>& docs, const std::string& attributions_dir);

}  // namespace newsdoc::model::detail
