// Reading training inputs into labelled sentences (model/train_inputs.hpp).
#include "model/train_inputs.hpp"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "annotate/tokens.hpp"
#include "model/corenlp.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/model.hpp"
#include "newsdoc/utf8.hpp"

namespace newsdoc::model::detail::train_inputs {
namespace {

namespace fs = std::filesystem;

bool is_entity_type(const std::string& t) {
  return t == "PERSON" || t == "ORGANIZATION" || t == "LOCATION" || t == "MISC";
}

// BIO labels of one sentence from per-token types ("" = outside); `prev`
// carries the type across tokens.
void push_bio(std::vector<std::string>& labels, const std::string& type, bool starts, std::string& prev) {
  if (type.empty()) labels.emplace_back("O");
  else labels.push_back((!starts && prev == type ? "I-" : "B-") + type);
  prev = type;
}

// The role of the token of code points [begin, end) from per-code-point roles
// (detail::Role): the role of its first code point that has one, and whether a
// cue, source or content starts inside the token.
std::pair<std::string, bool> role_at(const std::vector<std::uint8_t>& roles, std::uint32_t begin, std::uint32_t end) {
  int role = detail::role_none;
  bool starts = false;
  for (std::uint32_t c = begin; c < end && c < roles.size(); ++c) {
    if (role == detail::role_none) role = roles[c] & 3;
    starts = starts || ((roles[c] & detail::role_start) != 0 && (roles[c] & 3) == role);
  }
  if (role == detail::role_none) return {};
  return {role == detail::role_cue ? "CUE" : role == detail::role_source ? "SOURCE" : "CONTENT", starts};
}

// --- Input kinds -------------------------------------------------------------

enum class InputKind { corenlp, brat, newsdoc };

bool has_ann_files(const fs::path& dir) {
  if (!fs::is_directory(dir)) return false;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".ann") return true;
  return false;
}

// The first non-blank line of a (possibly gzip-compressed) file.
std::string first_line(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw IoError(path, "cannot open");
  std::string line;
  char buf[1 << 16];
  while (gzgets(f, buf, sizeof buf) != nullptr) {
    line += buf;
    if (line.back() != '\n') continue;  // a line longer than the buffer
    if (line.find_first_not_of(" \t\r\n") != std::string::npos) break;
    line.clear();
  }
  gzclose(f);
  return line;
}

InputKind input_kind(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw NotFoundError(path, "training input not found");
  if (fs::is_directory(status)) {
    if (has_ann_files(path) || has_ann_files(fs::path(path) / "attributions")) return InputKind::brat;
    throw ModelError(path, "a training folder must hold BRAT files (<id>.txt and <id>.ann, side by side or in "
                           "text/ and attributions/): no .ann file in it");
  }
  // A CoreNLP record is an object with "sentences"; anything else is for newsdoc's reader.
  const std::string line = first_line(path);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (!line.empty() && parser.parse(line).get(root) == simdjson::SUCCESS) {
    simdjson::dom::array sentences;
    if (root["sentences"].get(sentences) == simdjson::SUCCESS) return InputKind::corenlp;
  }
  return InputKind::newsdoc;
}

// --- Readers -------------------------------------------------------------------

std::vector<Document> read_corenlp_input(const std::string& path, std::size_t limit) {
  const std::string text_dir = detail::default_text_dir(path);
  if (!fs::is_directory(text_dir))
    throw NotFoundError(text_dir, "not a folder: the texts of the CoreNLP input " + path + " are read from it");
  std::vector<detail::CoreNlpDoc> docs = detail::read_corenlp(path, text_dir, limit);
  const std::string attributions = (fs::path(text_dir).parent_path() / "attributions").string();
  if (fs::is_directory(attributions)) {
    detail::read_brat_cues(docs, attributions);
    detail::read_brat_roles(docs, attributions);
  }
  std::vector<Document> out;
  for (const auto& d : docs) {
    Document doc;
    doc.has_pos = doc.has_ner = true;
    doc.has_cue = doc.brat_cues = !d.cue_chars.empty();  // the cue tagger learns only from articles with gold cues
    doc.has_roles = !d.roles.empty();
    if (!d.coref.empty()) {
      const Utf8Index index(d.text);
      const auto bytes = [&](std::uint32_t begin, std::uint32_t end) {
        return Span{static_cast<std::uint32_t>(index.to_bytes(begin).value_or(0)),
                    static_cast<std::uint32_t>(index.to_bytes(end).value_or(0))};
      };
      for (const auto& chain : d.coref) {
        doc.chains.emplace_back();
        for (const auto& m : chain) doc.chains.back().push_back({bytes(m.begin, m.end), bytes(m.head_begin, m.head_end)});
      }
      doc.text = d.text;
      doc.has_coref = true;
    }
    for (const auto& sent : d.sentences) {
      Sentence s;
      std::string prev_type, prev_cue, prev_role;
      for (const auto& t : sent) {
        s.words.push_back(t.word);
        s.pos.push_back(t.pos);
        push_bio(s.ner, is_entity_type(t.ner) ? t.ner : std::string(), false, prev_type);
        bool cue = false;
        if (doc.has_cue) {
          auto it = std::lower_bound(d.cue_chars.begin(), d.cue_chars.end(), t.begin);
          cue = it != d.cue_chars.end() && *it < t.end;
        }
        push_bio(s.cue, cue ? "CUE" : "", false, prev_cue);
        if (doc.has_roles) {
          const auto [role, starts] = role_at(d.roles, t.begin, t.end);
          push_bio(s.roles, role, starts, prev_role);
        }
      }
      doc.sentences.push_back(std::move(s));
    }
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace

// The non-blank lines of `text` as paragraphs (byte ranges, surrounding white space left out).
std::vector<Span> line_paragraphs(std::string_view text) {
  std::vector<Span> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::size_t b = at, e = end;
    while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
    if (b < e) out.push_back(Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    at = end + 1;
  }
  return out;
}

namespace {

// Sentences of the annotator's tokens of `text`, labelled by `cue_at`,
// `type_at` and `role_at` (byte span -> cue?; entity type or "" and whether a
// new name starts; attribution role or "" and whether a new one starts).
template <typename CueAt, typename TypeAt, typename RoleAt>
std::vector<Sentence> tokenized_sentences(std::string_view text, const std::vector<Span>& paragraphs, CueAt cue_at,
                                          TypeAt type_at, RoleAt role_at) {
  std::vector<Sentence> out;
  for (const auto& spans : newsdoc::detail::sentence_token_spans(text, paragraphs)) {
    Sentence s;
    std::string prev_type, prev_cue, prev_role;
    for (const Span& t : spans) {
      s.words.emplace_back(text.substr(t.start, t.end - t.start));
      push_bio(s.cue, cue_at(t) ? "CUE" : "", false, prev_cue);
      const auto [type, starts] = type_at(t);
      push_bio(s.ner, type, starts, prev_type);
      const auto [role, role_starts] = role_at(t);
      push_bio(s.roles, role, role_starts, prev_role);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Document> read_brat_input(const std::string& path, std::size_t limit) {
  const fs::path root(path);
  const fs::path text_dir = fs::is_directory(root / "text") ? root / "text" : root;
  const fs::path ann_dir = has_ann_files(root / "attributions") ? root / "attributions" : root;
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(text_dir))
    if (entry.path().extension() == ".txt") ids.push_back(entry.path().stem().string());
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> anns;
  for (const auto& entry : fs::directory_iterator(ann_dir))
    if (entry.path().extension() == ".ann") anns.push_back(entry.path().filename().string());
  std::sort(anns.begin(), anns.end());
  std::vector<Document> out;
  for (const auto& id : ids) {
    if (limit != 0 && out.size() >= limit) break;
    // <id>.ann, else the first <id>_<annotator>.ann in name order
    std::string ann = id + ".ann";
    if (!std::binary_search(anns.begin(), anns.end(), ann)) {
      const std::string prefix = id + "_";
      const auto it = std::lower_bound(anns.begin(), anns.end(), prefix);
      if (it == anns.end() || it->rfind(prefix, 0) != 0 || it->find('_', prefix.size()) != std::string::npos)
        continue;  // a text without annotations teaches nothing
      ann = *it;
    }
    const std::vector<std::uint32_t> cue_chars = detail::read_brat_cue_chars((ann_dir / ann).string());
    const std::vector<std::uint8_t> roles = detail::read_brat_role_chars((ann_dir / ann).string());
    const std::string text_path = (text_dir / (id + ".txt")).string();
    const std::string text = detail::read_file(text_path);
    if (!is_valid_utf8(text)) throw ModelError(text_path, "not UTF-8 text");
    const Utf8Index index(text);
    Document doc;
    doc.has_cue = doc.brat_cues = true;
    doc.has_roles = !roles.empty();
    doc.sentences = tokenized_sentences(
        text, line_paragraphs(text),
        [&](const Span& t) {
          const auto b = index.to_chars(t.start), e = index.to_chars(t.end);
          const auto it = std::lower_bound(cue_chars.begin(), cue_chars.end(), b);
          return it != cue_chars.end() && *it < e;
        },
        [](const Span&) { return std::pair<std::string, bool>(); },
        [&](const Span& t) {
          return role_at(roles, static_cast<std::uint32_t>(index.to_chars(t.start)),
                         static_cast<std::uint32_t>(index.to_chars(t.end)));
        });
    out.push_back(std::move(doc));
  }
  return out;
}

// newsdoc's entity types as the entity tagger's (the annotator maps them back).
std::string tagger_type(std::string_view type) {
  if (type == "PERSON") return "PERSON";
  if (type == "ORG") return "ORGANIZATION";
  if (type == "GPE" || type == "LOC") return "LOCATION";
  if (type == "NORP" || type == "MISC") return "MISC";
  return {};
}

std::vector<Document> read_newsdoc_input(const std::string& path, std::size_t limit) {
  const Corpus corpus = newsdoc::load(path);
  std::vector<Document> out;
  for (const Article& article : corpus) {
    if (limit != 0 && out.size() >= limit) break;
    std::vector<Span> cues;
    // Attribution roles: each quote's content, its cue and its speaker's span.
    std::vector<std::pair<Span, std::string>> roles;
    for (std::size_t q = 0; q < article.quote_count(); ++q) {
      const Quote quote = article.quote(q);
      if (quote.cue_bytes) cues.push_back(*quote.cue_bytes);
      if (quote.parent != no_quote) continue;  // a fragment lies inside its statement's content
      roles.emplace_back(quote.bytes, "CONTENT");
      if (quote.cue_bytes) roles.emplace_back(*quote.cue_bytes, "CUE");
      if (quote.speaker_bytes) roles.emplace_back(*quote.speaker_bytes, "SOURCE");
    }
    std::sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
    std::vector<std::pair<Span, std::string>> mentions;  // in text order
    for (std::size_t m = 0; m < article.mention_count(); ++m) {
      const Mention mention = article.mention(m);
      mentions.emplace_back(mention.bytes, tagger_type(article.entity(mention.entity).type));
    }
    std::sort(mentions.begin(), mentions.end(),
              [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
    Document doc;
    doc.has_cue = !cues.empty();
    doc.has_roles = !roles.empty();
    doc.has_ner = !mentions.empty();
    if (!doc.has_cue && !doc.has_ner) continue;
    std::vector<Span> paragraphs(article.paragraph_count());
    for (std::size_t p = 0; p < paragraphs.size(); ++p) paragraphs[p] = article.paragraph(p).bytes;
    doc.sentences = tokenized_sentences(
        article.text(), paragraphs,
        [&](const Span& t) {
          return std::any_of(cues.begin(), cues.end(), [&](const Span& c) { return t.start < c.end && c.start < t.end; });
        },
        [&](const Span& t) {
          // the mention that holds the token, if any; a token that starts it starts a name
          auto it = std::upper_bound(mentions.begin(), mentions.end(), t.start,
                                     [](std::uint32_t at, const auto& m) { return at < m.first.start; });
          while (it != mentions.begin()) {
            --it;
            if (it->first.start <= t.start && t.end <= it->first.end)
              return std::pair<std::string, bool>(it->second, it->first.start == t.start);
            if (it->first.end <= t.start) break;
          }
          return std::pair<std::string, bool>();
        },
        [&](const Span& t) {
          // the nearest span that holds the token (a cue inside a content wins: it starts later)
          std::pair<std::string, bool> found;
          for (const auto& [span, role] : roles) {
            if (span.start >= t.end) break;
            if (span.start <= t.start && t.end <= span.end) found = {role, span.start == t.start};
          }
          return found;
        });
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace

std::vector<Document> read_inputs(const std::vector<std::string>& paths, std::size_t limit) {
  std::vector<Document> out;
  for (const auto& path : paths) {
    std::vector<Document> docs;
    switch (input_kind(path)) {
      case InputKind::corenlp: docs = read_corenlp_input(path, limit); break;
      case InputKind::brat: docs = read_brat_input(path, limit); break;
      case InputKind::newsdoc: docs = read_newsdoc_input(path, limit); break;
    }
    if (docs.empty())
      throw ModelError(path, "no document with labels to learn from (POS tags, entities, cues or attributions)");
    for (auto& d : docs) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace newsdoc::model::detail::train_inputs
