#include "model/corenlp.hpp"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "newsdoc/error.hpp"
#include "newsdoc/utf8.hpp"

namespace newsdoc::model::detail {
namespace {

std::string read_gzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw IoError(path, "cannot open");
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const int n = gzread(f, buf, sizeof buf);
    if (n < 0) {
      int err = 0;
      const std::string msg = gzerror(f, &err);
      gzclose(f);
      throw IoError(path, "cannot decompress: " + msg);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  gzclose(f);
  return out;
}

std::string str(simdjson::dom::element e) { return std::string(std::string_view(e.get_string())); }

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path, "cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string default_text_dir(const std::string& corenlp_path) {
  namespace fs = std::filesystem;
  const fs::path p(corenlp_path);
  std::string stem = p.filename().string();
  const auto dot = stem.find('.');
  if (dot != std::string::npos) stem.resize(dot);
  return (p.parent_path().parent_path() / stem / "text").string();
}

std::vector<CoreNlpDoc> read_corenlp(const std::string& path, const std::string& text_dir, std::size_t limit) {
  const std::string data = read_gzip(path);
  simdjson::dom::parser parser;
  std::vector<CoreNlpDoc> docs;
  std::size_t line_no = 0;
  for (std::size_t at = 0; at < data.size();) {
    std::size_t end = data.find('\n', at);
    if (end == std::string::npos) end = data.size();
    const std::string_view line(data.data() + at, end - at);
    at = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (limit != 0 && docs.size() >= limit) break;
    try {
      const simdjson::dom::element root = parser.parse(line.data(), line.size());
      CoreNlpDoc doc;
      doc.id = str(root["id"]);
      doc.text = read_file(text_dir + "/" + doc.id + ".txt");
      const Utf8Index index(doc.text);
      std::vector<std::size_t> sentence_of;  // record's sentence -> doc.sentences (SIZE_MAX: empty)
      for (simdjson::dom::element sent : root["sentences"].get_array()) {
        std::vector<CoreNlpToken> tokens;
        for (simdjson::dom::element tok : sent.get_array()) {
          simdjson::dom::array a = tok.get_array();
          CoreNlpToken t;
          t.begin = static_cast<std::uint32_t>(std::int64_t(a.at(0)));
          t.end = static_cast<std::uint32_t>(std::int64_t(a.at(1)));
          t.ptb = str(a.at(2));
          t.lemma = str(a.at(3));
          t.pos = str(a.at(4));
          t.ner = str(a.at(5));
          t.head = static_cast<int>(std::int64_t(a.at(6)));
          t.deprel = str(a.at(7));
          const auto b = index.to_bytes(t.begin);
          const auto e = index.to_bytes(t.end);
          if (!b || !e || *e < *b)
            throw ParseError(Location{path, line_no, 0, 0},
                             "token offsets " + std::to_string(t.begin) + ".." + std::to_string(t.end) +
                                 " outside " + doc.id + ".txt");
          t.word = doc.text.substr(*b, *e - *b);
          tokens.push_back(std::move(t));
        }
        sentence_of.push_back(tokens.empty() ? SIZE_MAX : doc.sentences.size());
        if (!tokens.empty()) doc.sentences.push_back(std::move(tokens));
      }
      simdjson::dom::array chains;
      if (root["coref"].get(chains) == simdjson::SUCCESS) {
        // Each mention is [sentence, first token, end token, head token].
        const auto token = [&](std::int64_t sentence, std::int64_t k) -> const CoreNlpToken* {
          if (sentence < 0 || static_cast<std::size_t>(sentence) >= sentence_of.size()) return nullptr;
          const std::size_t s = sentence_of[static_cast<std::size_t>(sentence)];
          if (s == SIZE_MAX || k < 0 || static_cast<std::size_t>(k) >= doc.sentences[s].size()) return nullptr;
          return &doc.sentences[s][static_cast<std::size_t>(k)];
        };
        for (simdjson::dom::element chain : chains) {
          std::vector<CoreNlpDoc::ChainMention> mentions;
          for (simdjson::dom::element m : chain.get_array()) {
            simdjson::dom::array a = m.get_array();
            const std::int64_t sentence = a.at(0), first = a.at(1), end = a.at(2), head = a.at(3);
            const CoreNlpToken *b = token(sentence, first), *e = token(sentence, end - 1), *h = token(sentence, head);
            if (b == nullptr || e == nullptr || h == nullptr)
              throw ParseError(Location{path, line_no, 0, 0}, "coreference mention outside its sentence in " + doc.id);
            mentions.push_back({b->begin, e->end, h->begin, h->end});
          }
          if (mentions.size() >= 2) doc.coref.push_back(std::move(mentions));
        }
      }
      docs.push_back(std::move(doc));
    } catch (const simdjson::simdjson_error& e) {
      throw ParseError(Location{path, line_no, 0, 0}, std::string("bad CoreNLP record: ") + e.what());
    }
  }
  return docs;
}

namespace {

// Calls on_textbound(type, fragments) for each textbound ("T1\tCue 113 119;120 125\tsaid")
// of one BRAT .ann file; fragments are code point ranges [begin, end).
template <typename OnTextbound>
void for_each_textbound(const std::string& ann_path, OnTextbound on_textbound) {
  std::istringstream in(read_file(ann_path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != 'T') continue;
    const auto tab1 = line.find('\t');
    const auto tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
    const std::string fields = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const auto space = fields.find(' ');
    if (space == std::string::npos) continue;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> fragments;
    std::istringstream spans(fields.substr(space + 1));
    std::string part;
    while (std::getline(spans, part, ';')) {
      std::istringstream nums(part);
      std::uint32_t b = 0, e = 0;
      if (nums >> b >> e && b < e) fragments.emplace_back(b, e);
    }
    if (!fragments.empty()) on_textbound(std::string_view(fields).substr(0, space), fragments);
  }
}

// Calls on_file(doc, path) with the first annotator's file of each document
// (`<id>_<annotator>.ann` in name order); returns how many documents had one.
template <typename OnFile>
std::size_t for_each_first_annotation(std::vector<CoreNlpDoc>& docs, const std::string& attributions_dir,
                                      OnFile on_file) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(attributions_dir))
    if (entry.path().extension() == ".ann") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  std::size_t found = 0;
  for (CoreNlpDoc& doc : docs) {
    const std::string prefix = doc.id + "_";
    auto it = std::lower_bound(names.begin(), names.end(), prefix);
    if (it == names.end() || it->rfind(prefix, 0) != 0) continue;
    const std::string rest = it->substr(prefix.size());
    if (rest.find('_') != std::string::npos) continue;  // another id that extends this one
    ++found;
    on_file(doc, attributions_dir + "/" + *it);
  }
  return found;
}

}  // namespace

std::vector<std::uint32_t> read_brat_cue_chars(const std::string& ann_path) {
  std::vector<std::uint32_t> chars;
  for_each_textbound(ann_path, [&](std::string_view type, const auto& fragments) {
    if (type != "Cue") return;
    for (const auto& [b, e] : fragments)
      for (std::uint32_t c = b; c < e; ++c) chars.push_back(c);
  });
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
  return chars;
}

std::vector<std::uint8_t> read_brat_role_chars(const std::string& ann_path) {
  std::vector<std::uint8_t> roles;
  for_each_textbound(ann_path, [&](std::string_view type, const auto& fragments) {
    const Role role = type == "Cue" ? role_cue : type == "Source" ? role_source
                      : type == "Content"                         ? role_content
                                                                  : role_none;
    if (role == role_none) return;
    std::uint32_t end = 0;
    for (const auto& fragment : fragments) end = std::max(end, fragment.second);
    if (roles.size() < end) roles.resize(end, role_none);
    // cue (1) over source (2) over content (3): the smaller role wins
    for (const auto& [b, e] : fragments)
      for (std::uint32_t c = b; c < e; ++c) {
        const auto held = static_cast<std::uint8_t>(roles[c] & 3);
        if (held == role_none || role < held) roles[c] = role;
      }
    const std::uint32_t first = fragments.front().first;
    if ((roles[first] & 3) == role) roles[first] |= role_start;
  });
  return roles;
}

std::size_t read_brat_cues(std::vector<CoreNlpDoc>& docs, const std::string& attributions_dir) {
  return for_each_first_annotation(docs, attributions_dir, [](CoreNlpDoc& doc, const std::string& path) {
    doc.cue_chars = read_brat_cue_chars(path);
  });
}

std::size_t read_brat_roles(std::vector<CoreNlpDoc>& docs, const std::string& attributions_dir) {
  return for_each_first_annotation(docs, attributions_dir, [](CoreNlpDoc& doc, const std::string& path) {
    doc.roles = read_brat_role_chars(path);
  });
}

}  // namespace newsdoc::model::detail
