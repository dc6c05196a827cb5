#include "model/features.hpp"

#include "annotate/lexicon.hpp"
#include "crc32.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <type_traits>
#include <unordered_map>

namespace newsdoc::model::detail {
namespace {

constexpr std::uint64_t basis = 0xcbf29ce484222325ULL;

// FNV-1a at compile time: the hashes of the template names are constants.
constexpr std::uint64_t name_hash(std::string_view text) {
  std::uint64_t h = basis;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}
#define NAME(text) (std::integral_constant<std::uint64_t, name_hash(text)>::value)

// A feature: template name (hashed), then value(s), '\x1f'-separated; the
// same hashes as fnv1a over the concatenation.
struct Sink {
  std::vector<FeatureHash>& out;
  void add(std::uint64_t name, std::string_view v) { out.push_back(fnv1a(v, name)); }
  void add(std::uint64_t name, std::string_view a, std::string_view b) {
    out.push_back(fnv1a(b, fnv1a("\x1f", fnv1a(a, name))));
  }
  void add(std::uint64_t name, std::string_view a, std::string_view b, std::string_view c) {
    out.push_back(fnv1a(c, fnv1a("\x1f", fnv1a(b, fnv1a("\x1f", fnv1a(a, name))))));
  }
};

// Typographic punctuation to ASCII; the rest is kept.
std::string normalise(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size();) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80) {
      const unsigned char d = static_cast<unsigned char>(w[i + 2]);
      const char* rep = nullptr;
      switch (d) {
        case 0x9C: case 0x9D: case 0x9E: case 0x9F: case 0xB3: rep = "\""; break;  // “ ” „ ‟ ″
        case 0x98: case 0x99: case 0x9A: case 0x9B: case 0xB2: rep = "'"; break;   // ‘ ’ ‚ ‛ ′
        case 0x93: case 0x94: case 0x95: case 0x92: rep = "--"; break;            // – — ― ‒
        case 0x90: case 0x91: rep = "-"; break;                                      // ‐ ‑
        case 0xA6: rep = "..."; break;                                               // …
        default: break;
      }
      if (rep != nullptr) {
        out += rep;
        i += 3;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0xA0) {  // no-break space
      out += ' ';
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
    ++i;
  }
  if (out == "``" || out == "''") out = "\"";
  return out;
}

void shapes(std::string_view w, std::string& shape, std::string& short_shape) {
  shape.clear();
  short_shape.clear();
  char last = 0;
  int run = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c >= 0x80) k = 'u';
    else k = static_cast<char>(c);
    if (k == last) {
      ++run;
    } else {
      run = 1;
      last = k;
      short_shape += k;
    }
    if (run <= 4) shape += k;
  }
}

std::string_view prefix(std::string_view w, std::size_t n) { return w.substr(0, std::min(n, w.size())); }
std::string_view suffix(std::string_view w, std::size_t n) {
  return w.size() <= n ? w : w.substr(w.size() - n);
}

const std::string k_bos = "<s>";
const std::string k_eos = "</s>";

std::string_view lower_at(const SentenceForms& s, std::ptrdiff_t j) {
  if (j < 0) return j == -1 ? std::string_view("<s>") : std::string_view("<s2>");
  if (j >= static_cast<std::ptrdiff_t>(s.tokens.size()))
    return j == static_cast<std::ptrdiff_t>(s.tokens.size()) ? std::string_view("</s>") : std::string_view("</s2>");
  return s.tokens[static_cast<std::size_t>(j)].lower;
}
std::string_view norm_at(const SentenceForms& s, std::ptrdiff_t j) {
  if (j < 0 || j >= static_cast<std::ptrdiff_t>(s.tokens.size())) return lower_at(s, j);
  return s.tokens[static_cast<std::size_t>(j)].norm;
}
std::string_view sshape_at(const SentenceForms& s, std::ptrdiff_t j) {
  if (j < 0 || j >= static_cast<std::ptrdiff_t>(s.tokens.size())) return lower_at(s, j);
  return s.tokens[static_cast<std::size_t>(j)].short_shape;
}
std::string_view pos_at(const std::vector<std::string_view>* pos, std::ptrdiff_t j) {
  if (pos == nullptr) return {};
  if (j < 0) return "<s>";
  if (j >= static_cast<std::ptrdiff_t>(pos->size())) return "</s>";
  return (*pos)[static_cast<std::size_t>(j)];
}

// A crude lemma for features: plural and verb endings stripped.
std::string pseudo_lemma(std::string_view w) {
  auto ends = [&](std::string_view e) { return w.size() > e.size() + 2 && w.substr(w.size() - e.size()) == e; };
  if (ends("ies") || ends("ied")) return std::string(w.substr(0, w.size() - 3)) + "y";
  if (ends("ing")) return std::string(w.substr(0, w.size() - 3));
  if (ends("ed")) return std::string(w.substr(0, w.size() - 2));
  if (ends("es")) return std::string(w.substr(0, w.size() - 2));
  if (ends("s") && !ends("ss")) return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

// pseudo_lemma of the word at j, prepared (boundary markers are their own lemma).
std::string_view lemma_at(const SentenceForms& s, std::ptrdiff_t j) {
  if (j < 0 || j >= static_cast<std::ptrdiff_t>(s.tokens.size())) return lower_at(s, j);
  return s.tokens[static_cast<std::size_t>(j)].lemma;
}

std::string_view bucket_distance(int d) {
  static const char* names[] = {"0", "1", "2", "3", "4-5", "6-9", "10+", "none"};
  if (d < 0) return names[7];
  if (d <= 3) return names[d];
  if (d <= 5) return names[4];
  if (d <= 9) return names[5];
  return names[6];
}

// The annotator's built-in lists (speech and attribution verbs with their
// inflections, given names, titles, role and source nouns, organisation heads,
// the gazetteer): hand-made product data, not gold; the same for every
// Annotator, so that a model's features do not change with a user's lists.
const newsdoc::detail::Lexicon& builtin_lexicon() {
  static const newsdoc::detail::Lexicon lexicon = [] {
    newsdoc::detail::Lexicon built;
    built.add_builtins();
    return built;
  }();
  return lexicon;
}

// The word clusters compiled in (cpp/data/lexicon/word_clusters.tsv), parsed once.
const std::unordered_map<std::string_view, WordCluster>& builtin_word_clusters() {
  static const std::unordered_map<std::string_view, WordCluster> clusters =
      parse_word_clusters(newsdoc::detail::lexicon_word_clusters());
  return clusters;
}

// A cluster id as a feature value: its two bytes, low byte first on every platform.
struct ClusterValue {
  char bytes[2];
  explicit ClusterValue(std::uint16_t id)
      : bytes{static_cast<char>(id & 0xFF), static_cast<char>(id >> 8)} {}
  operator std::string_view() const { return {bytes, sizeof bytes}; }
};

bool is_wh_word(std::string_view w) {
  return w == "whether" || w == "if" || w == "what" || w == "how" || w == "why" || w == "who" || w == "when" ||
         w == "where";
}

std::uint32_t lexicon_bits_of(std::string_view lower) { return builtin_lexicon().classes.find(lower); }

std::string_view lexicon_class_of_bits(std::uint32_t bits) {
  namespace wc = newsdoc::detail::word_class;
  if ((bits & wc::cue_word) != 0) return (bits & wc::noun_like_cue) != 0 ? "cue-noun" : "cue";
  if ((bits & wc::cue_phrase_start) != 0) return "phrase";
  if ((bits & wc::roles) != 0) return "role";
  if ((bits & wc::source_nouns) != 0) return "source";
  if ((bits & wc::pronouns) != 0) return "pronoun";
  return "-";
}

}  // namespace

std::string_view lexicon_class_of(std::string_view lower) { return lexicon_class_of_bits(lexicon_bits_of(lower)); }

std::string_view right_frame(const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i) {
  if (i + 1 >= s.tokens.size()) return "-";
  // string_view comparisons with literals compile to inline byte compares
  const std::string_view next = s.tokens[i + 1].norm;
  const std::string_view lower = s.tokens[i + 1].lower;
  if (lower == "that") return "that";
  if (is_wh_word(lower)) return "wh";
  if (lower == "to" && pos != nullptr && i + 2 < pos->size() && (*pos)[i + 2] == "VB") return "to-VB";
  if (next == "\"") return "\"";
  if (next == ":" || next == "--") return ":";
  if (next == ",") return i + 2 < s.tokens.size() && std::string_view(s.tokens[i + 2].norm) == "\"" ? ",\"" : ",";
  return "-";
}

std::string_view left_frame(const SentenceForms& s, std::size_t i) {
  namespace wc = newsdoc::detail::word_class;
  std::size_t k = i;
  while (k > 0 && (s.tokens[k - 1].lexicon_bits & wc::adverbs) != 0) --k;
  if (k == 0) return "-";
  const TokenForms& before = s.tokens[k - 1];
  const std::string_view before_norm = before.norm;
  if (before_norm == "\"" || before_norm == "'") return "quote";
  if (before_norm == ",") return ",";
  const std::uint32_t bits = before.lexicon_bits;
  if ((bits & wc::pronouns) != 0) return "pronoun";
  if ((bits & (wc::roles | wc::source_nouns)) != 0) return "role";
  if (!before_norm.empty() && before_norm[0] >= 'A' && before_norm[0] <= 'Z' && (k > 1 || (bits & wc::non_names) == 0))
    return "name";
  return "-";
}

Kind kind_of(std::string_view component, const std::string& path) {
  if (component == "pos") return Kind::pos;
  if (component == "ner") return Kind::ner;
  if (component == "cue") return Kind::cue;
  if (component == "ner-doc") return Kind::ner_doc;
  if (component == "attribution") return Kind::attribution;
  if (component == "attribution-cued") return Kind::attribution_cued;
  throw ModelError(path, "unknown tagger component '" + std::string(component) + "' (expected pos, ner, ner-doc, cue, attribution or attribution-cued)");
}

const char* feature_set_of(Kind kind) {
  // The entity taggers' features include the word clusters: their sets name the
  // table's checksum, so that a model trained with other clusters is refused.
  static const std::string ner = "ner-features/3 clusters:" + word_clusters_checksum();
  static const std::string ner_doc = "ner-doc-features/3 clusters:" + word_clusters_checksum();
  switch (kind) {
    case Kind::pos: return "pos-features/1";
    case Kind::ner: return ner.c_str();
    case Kind::cue: return "cue-features/2";
    case Kind::ner_doc: return ner_doc.c_str();
    case Kind::attribution: return "attribution-features/2";
    case Kind::attribution_cued: return "attribution-cued-features/2";
  }
  return "";
}

namespace {

/// The word lists each word is on, and the longest gazetteer name starting
/// at each token (case-sensitive, word by word, as the annotator matches).
void mark_lexicon(const std::vector<std::string_view>& words, SentenceForms& out) {
  const auto& lexicon = builtin_lexicon();
  for (std::size_t i = 0; i < words.size(); ++i) {
    TokenForms& t = out.tokens[i];
    t.word_classes = lexicon.classes.find(words[i]) | lexicon.classes.find(t.lower);
  }
  out.gazetteer.assign(words.size(), GazetteerTag{});
  for (std::size_t i = 0; i < words.size();) {
    std::size_t best = 0;
    std::uint32_t entry = 0;
    if (out.tokens[i].word_classes & newsdoc::detail::word_class::gazetteer_start) {
      best = newsdoc::detail::longest_gazetteer_form(
          lexicon, i, words.size(), [&](std::size_t k) { return words[k]; }, entry);
    }
    for (std::size_t k = 0; k < best; ++k) out.gazetteer[i + k] = GazetteerTag{lexicon.entities[entry].type, k == 0};
    i += best > 0 ? best : 1;
  }
}

/// A word's clusters at each granularity (the unknown word's included).
void cluster_features(const WordCluster& c, Sink& f) {
  f.add(NAME("cl64"), ClusterValue(c.coarse));
  f.add(NAME("cl256"), ClusterValue(c.middle));
  f.add(NAME("cl1024"), ClusterValue(c.fine));
}

/// Word-list features: which of the lists that bear on names the word is on.
void word_class_features(std::uint32_t classes, Sink& f) {
  namespace wc = newsdoc::detail::word_class;
  static constexpr std::pair<std::uint32_t, std::string_view> lists[] = {
      {wc::female_names, "female-name"}, {wc::male_names, "male-name"},   {wc::titles, "title"},
      {wc::roles, "role"},               {wc::org_heads, "org-head"},     {wc::facility_heads, "facility-head"},
      {wc::non_names, "non-name"},       {wc::months_and_days, "date"},   {wc::name_particles, "particle"},
      {wc::locative_prepositions, "locative"}};
  for (const auto& [bit, list] : lists)
    if (classes & bit) f.add(NAME("lex"), list);
}

}  // namespace

std::unordered_map<std::string_view, WordCluster> parse_word_clusters(std::string_view text) {
  std::unordered_map<std::string_view, WordCluster> clusters;
  clusters.reserve(text.size() / 16);
  // a cluster number, as its id + 1; 0 for a field that is not one
  const auto id_of = [](std::string_view field) -> std::uint16_t {
    if (field.empty() || field.size() > 4) return 0;
    unsigned value = 0;
    for (char c : field) {
      if (c < '0' || c > '9') return 0;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return static_cast<std::uint16_t>(value + 1);
  };
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view fields[5];
    std::size_t count = 0;
    for (std::size_t from = 0; count < 5 && from <= line.size(); ++count) {
      std::size_t tab = line.find('\t', from);
      if (tab == std::string_view::npos) tab = line.size();
      fields[count] = line.substr(from, tab - from);
      from = tab + 1;
    }
    if (count != 4 || fields[0].empty()) continue;
    const WordCluster c{id_of(fields[1]), id_of(fields[2]), id_of(fields[3])};
    if (c.coarse != 0 && c.middle != 0 && c.fine != 0) clusters.emplace(fields[0], c);
  }
  return clusters;
}

std::size_t word_cluster_count() { return builtin_word_clusters().size(); }

std::string word_clusters_checksum() {
  const std::string_view text = newsdoc::detail::lexicon_word_clusters();
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", newsdoc::detail::crc32(0, text.data(), text.size()));
  return hex;
}

WordCluster word_cluster(std::string_view norm, std::string_view lower) {
  const auto& clusters = builtin_word_clusters();
  for (const std::string_view form : {norm, lower}) {
    if (const auto found = clusters.find(form); found != clusters.end()) return found->second;
  }
  if (norm.size() > 1 && norm.back() == '.') {
    if (const auto found = clusters.find(norm.substr(0, norm.size() - 1)); found != clusters.end()) return found->second;
  }
  return {};
}

void prepare(Kind kind, const std::vector<std::string_view>& words, SentenceForms& out) {
  out.tokens.resize(words.size());
  std::size_t upper = 0, letters = 0, capitalised = 0, alpha_words = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    TokenForms& t = out.tokens[i];
    t.norm = normalise(words[i]);
    t.lower = t.norm;
    for (char& c : t.lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    shapes(t.norm, t.shape, t.short_shape);
    bool has_alpha = false;
    for (char c : t.norm) {
      if (c >= 'A' && c <= 'Z') ++upper, ++letters, has_alpha = true;
      else if (c >= 'a' && c <= 'z') ++letters, has_alpha = true;
    }
    if (has_alpha && t.lower.size() > 3) {  // content-ish words
      ++alpha_words;
      if (t.norm[0] >= 'A' && t.norm[0] <= 'Z') ++capitalised;
    }
  }
  const bool attribution = kind == Kind::attribution || kind == Kind::attribution_cued;
  const bool clustered = kind == Kind::ner || kind == Kind::ner_doc;
  for (TokenForms& t : out.tokens) {  // reset for the other kinds: the forms are reused across taggers
    t.lexicon_bits = attribution ? lexicon_bits_of(t.lower) : 0;
    t.lexicon_class = attribution ? lexicon_class_of_bits(t.lexicon_bits) : std::string_view();
    t.cluster = clustered ? word_cluster(t.norm, t.lower) : WordCluster{};
  }
  out.upper_case = letters >= 4 && upper * 10 >= letters * 8;
  out.title_case = alpha_words >= 2 && capitalised * 10 >= alpha_words * 8;
  if (kind == Kind::ner || kind == Kind::ner_doc) mark_lexicon(words, out);
  if (kind == Kind::cue || kind == Kind::attribution || kind == Kind::attribution_cued) {
    for (TokenForms& t : out.tokens) t.lemma = pseudo_lemma(t.lower);
    const std::size_t n = words.size();
    out.quote_depth.assign(n, 0);
    out.dist_quote.assign(n, -1);
    out.dist_comma.assign(n, -1);
    out.dist_colon.assign(n, -1);
    int depth = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view w = out.tokens[i].norm;
      if (w == "\"") {
        depth ^= 1;
        out.quote_depth[i] = 2;
      } else {
        out.quote_depth[i] = depth;
      }
    }
    auto nearest = [&](std::vector<int>& dist, auto pred) {
      int last = -1;
      for (std::size_t i = 0; i < n; ++i) {
        if (pred(out.tokens[i].norm)) last = static_cast<int>(i);
        dist[i] = last < 0 ? -1 : static_cast<int>(i) - last;
      }
      last = -1;
      for (std::size_t k = n; k-- > 0;) {
        if (pred(out.tokens[k].norm)) last = static_cast<int>(k);
        if (last >= 0) {
          const int d = last - static_cast<int>(k);
          if (dist[k] < 0 || d < dist[k]) dist[k] = d;
        }
      }
    };
    nearest(out.dist_quote, [](std::string_view w) { return w == "\"" || w == "'"; });
    nearest(out.dist_comma, [](std::string_view w) { return w == ","; });
    nearest(out.dist_colon, [](std::string_view w) { return w == ":" || w == "--"; });
  }
}

void own_word_features(Kind kind, const TokenForms& t, std::vector<FeatureHash>& out) {
  Sink f{out};
  const std::string_view w = t.lower;
  f.add(NAME("bias"), "");
  f.add(NAME("w"), w);
  for (std::size_t n = 1; n <= 4; ++n) {
    if (w.size() < n) break;
    f.add(n == 1 ? NAME("p1") : n == 2 ? NAME("p2") : n == 3 ? NAME("p3") : NAME("p4"), prefix(w, n));
    f.add(n == 1 ? NAME("s1") : n == 2 ? NAME("s2") : n == 3 ? NAME("s3") : NAME("s4"), suffix(w, n));
  }
  f.add(NAME("shape"), t.shape);
  f.add(NAME("sshape"), t.short_shape);
  if (t.norm.find('-') != std::string::npos && t.norm.size() > 1) f.add(NAME("hyphen"), "");
  if (kind == Kind::pos) return;
  f.add(NAME("wc"), t.norm);
  if (kind == Kind::ner || kind == Kind::ner_doc) {
    if (w.size() > 5) {
      f.add(NAME("s5"), suffix(w, 5));
      f.add(NAME("p5"), prefix(w, 5));
    }
    word_class_features(t.word_classes, f);
    cluster_features(t.cluster, f);
    return;
  }
  // cue
  f.add(NAME("s5"), suffix(w, 5));
  if (kind == Kind::attribution || kind == Kind::attribution_cued) f.add(NAME("lx"), t.lexicon_class);
}

namespace {

// The features of a neighbour at `offset` (-2, -1, 1, 2) from its forms, or
// from the sentence boundary it stands for.
void neighbour_features(Kind kind, int offset, std::string_view lower, std::string_view norm,
                        std::string_view short_shape, const WordCluster* cluster, std::vector<FeatureHash>& out) {
  Sink f{out};
  // ner kinds: the clusters of the words next to it (not at a sentence boundary). The
  // attribution taggers lost with clusters (PolNeAR dev units F1 76.9 -> 76.5), so they have none.
  const bool clustered = cluster != nullptr && (kind == Kind::ner || kind == Kind::ner_doc);
  switch (offset) {
    case -2:
      f.add(NAME("w-2"), lower);
      f.add(NAME("ss-2"), short_shape);
      return;
    case -1:
      f.add(NAME("w-1"), lower);
      f.add(NAME("ss-1"), short_shape);
      f.add(NAME("s3-1"), suffix(lower, 3));
      if (kind != Kind::pos) f.add(NAME("wc-1"), norm);
      if (clustered) f.add(NAME("cl256-1"), ClusterValue(cluster->middle)), f.add(NAME("cl1024-1"), ClusterValue(cluster->fine));
      return;
    case 1:
      f.add(NAME("w+1"), lower);
      f.add(NAME("ss+1"), short_shape);
      f.add(NAME("s3+1"), suffix(lower, 3));
      if (kind != Kind::pos) f.add(NAME("wc+1"), norm);
      if (clustered) f.add(NAME("cl256+1"), ClusterValue(cluster->middle)), f.add(NAME("cl1024+1"), ClusterValue(cluster->fine));
      return;
    default:
      f.add(NAME("w+2"), lower);
      f.add(NAME("ss+2"), short_shape);
      return;
  }
}

}  // namespace

void neighbour_features(Kind kind, int offset, const TokenForms& t, std::vector<FeatureHash>& out) {
  neighbour_features(kind, offset, t.lower, t.norm, t.short_shape, &t.cluster, out);
}

void window_features(Kind kind, int side, const TokenForms& t, std::vector<FeatureHash>& out) {
  if (kind == Kind::pos) return;
  Sink{out}.add(side < 0 ? NAME("dl") : NAME("dr"), t.lower);
}

void context_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i,
                      std::vector<FeatureHash>& out) {
  Sink f{out};
  const TokenForms& t = s.tokens[i];
  const auto j = static_cast<std::ptrdiff_t>(i);
  const auto size = static_cast<std::ptrdiff_t>(s.tokens.size());
  const std::string_view w = t.lower;
  for (const int offset : neighbour_offsets)
    if (j + offset < 0 || j + offset >= size) {
      const std::string_view boundary = lower_at(s, j + offset);
      neighbour_features(kind, offset, boundary, boundary, boundary, nullptr, out);
    }
  if (i == 0) f.add(NAME("first"), t.short_shape);
  if (i + 1 == s.tokens.size()) f.add(NAME("last"), t.short_shape);
  f.add(NAME("posn"), i == 0 ? "0" : i == 1 ? "1" : i == 2 ? "2" : "3+");
  f.add(NAME("w-1w"), lower_at(s, j - 1), w);
  f.add(NAME("ww+1"), w, lower_at(s, j + 1));
  if (s.upper_case) f.add(NAME("ucsent"), t.short_shape);
  if (s.title_case) f.add(NAME("tcsent"), t.short_shape);
  if (kind == Kind::pos) return;

  f.add(NAME("ss-1ss"), sshape_at(s, j - 1), t.short_shape);
  f.add(NAME("ssss+1"), t.short_shape, sshape_at(s, j + 1));
  if (pos != nullptr) {
    f.add(NAME("t"), pos_at(pos, j));
    f.add(NAME("t-1"), pos_at(pos, j - 1));
    f.add(NAME("t+1"), pos_at(pos, j + 1));
    f.add(NAME("t-2"), pos_at(pos, j - 2));
    f.add(NAME("t+2"), pos_at(pos, j + 2));
    f.add(NAME("tss"), pos_at(pos, j), t.short_shape);
    f.add(NAME("t-1t"), pos_at(pos, j - 1), pos_at(pos, j));
    f.add(NAME("tt+1"), pos_at(pos, j), pos_at(pos, j + 1));
  }
  if (s.upper_case) f.add(NAME("ucsent-w"), w);
  if (kind == Kind::ner || kind == Kind::ner_doc) {
    f.add(NAME("w-1w+1"), lower_at(s, j - 1), lower_at(s, j + 1));
    f.add(NAME("wc-1wc"), norm_at(s, j - 1), t.norm);
    f.add(NAME("wcwc+1"), t.norm, norm_at(s, j + 1));
    if (!s.gazetteer.empty() && !s.gazetteer[i].type.empty()) {
      const GazetteerTag& g = s.gazetteer[i];
      f.add(NAME("gaz"), g.begins ? "B" : "I", g.type);
      f.add(NAME("gaz-ss"), g.begins ? "B" : "I", g.type, t.short_shape);
    }
    if (kind == Kind::ner_doc) document_features(s, i, out);
    return;
  }
  // cue
  f.add(NAME("qd"), s.quote_depth[i] == 2 ? "mark" : s.quote_depth[i] == 1 ? "in" : "out");
  f.add(NAME("dq"), bucket_distance(s.dist_quote[i]));
  f.add(NAME("dc"), bucket_distance(s.dist_comma[i]));
  f.add(NAME("dcol"), bucket_distance(s.dist_colon[i]));
  f.add(NAME("qd-w"), s.quote_depth[i] == 1 ? "in" : "out", w);
  f.add(NAME("dq-t"), bucket_distance(s.dist_quote[i]), pos_at(pos, j));
  f.add(NAME("dc-t"), bucket_distance(s.dist_comma[i]), pos_at(pos, j));
  const std::string_view lem = s.tokens[i].lemma;
  f.add(NAME("lem"), lem);
  f.add(NAME("lem-t"), lem, pos_at(pos, j));
  f.add(NAME("lem-1"), lemma_at(s, j - 1));
  f.add(NAME("lem+1"), lemma_at(s, j + 1));
  f.add(NAME("lem-qd"), lem, s.quote_depth[i] == 1 ? "in" : "out");
  f.add(NAME("lem-w+1"), lem, lower_at(s, j + 1));
  f.add(NAME("t-1-lem"), pos_at(pos, j - 1), lem);
  f.add(NAME("t-2t-1t"), pos_at(pos, j - 2), pos_at(pos, j - 1), pos_at(pos, j));
  f.add(NAME("tt+1t+2"), pos_at(pos, j), pos_at(pos, j + 1), pos_at(pos, j + 2));
  f.add(NAME("w-lem+1"), w, lemma_at(s, j + 1));
  if (kind != Kind::attribution && kind != Kind::attribution_cued) return;
  // attribution roles: a source comes before its cue and a content mostly
  // after it, beyond the window: the nearest verbs on each side, how far, and
  // whether a comma or a quotation mark lies between.
  const auto n = static_cast<std::ptrdiff_t>(s.tokens.size());
  auto is_verb = [&](std::ptrdiff_t k) {
    const std::string_view tag = pos_at(pos, k);
    return tag.substr(0, 2) == "VB" || tag == "MD";
  };
  auto verb_features = [&](std::ptrdiff_t step, std::uint64_t lemma_name, std::uint64_t far_name,
                           std::uint64_t crossed_name) {
    bool comma = false, quote = false;
    for (std::ptrdiff_t k = j + step, d = 1; k >= 0 && k < n && d <= 15; k += step, ++d) {
      const std::string_view norm = s.tokens[static_cast<std::size_t>(k)].norm;
      if (norm == ",") comma = true;
      if (norm == "\"") quote = true;
      if (!is_verb(k)) continue;
      const std::string_view verb = lemma_at(s, k);
      f.add(lemma_name, verb);
      f.add(far_name, verb, d <= 2 ? "1-2" : d <= 5 ? "3-5" : "6+");
      f.add(crossed_name, verb, comma ? (quote ? "cq" : "c") : quote ? "q" : "-");
      return;
    }
    f.add(lemma_name, "<none>");
  };
  verb_features(1, NAME("nv"), NAME("nv-d"), NAME("nv-x"));
  verb_features(-1, NAME("pv"), NAME("pv-d"), NAME("pv-x"));
  const std::ptrdiff_t fifth = n == 0 ? 0 : j * 5 / n;
  // generalising beyond the cue words seen in training: the word lists'
  // class of the word, and the frames around an attribution predicate
  const std::string_view lexicon_class = t.lexicon_class;
  const std::string_view after = right_frame(s, pos, i), before = left_frame(s, i);
  f.add(NAME("lx-t"), lexicon_class, pos_at(pos, j));
  f.add(NAME("lx-w+1"), lexicon_class, lower_at(s, j + 1));
  f.add(NAME("lx-fr"), lexicon_class, after);
  f.add(NAME("lx-fl"), lexicon_class, before);
  f.add(NAME("fr-t"), after, pos_at(pos, j));
  f.add(NAME("fl-t"), before, pos_at(pos, j));
  f.add(NAME("fl-fr-t"), before, after, pos_at(pos, j));
  f.add(NAME("lx-1lx"), j > 0 ? s.tokens[i - 1].lexicon_class : "<s>", lexicon_class);
  f.add(NAME("lxlx+1"), lexicon_class, j + 1 < n ? s.tokens[i + 1].lexicon_class : "</s>");
  f.add(NAME("t-s3"), pos_at(pos, j), suffix(w, 3));
  f.add(NAME("where"), fifth == 0 ? "0" : fifth == 1 ? "1" : fifth == 2 ? "2" : fifth == 3 ? "3" : "4");
  if (kind == Kind::attribution_cued) cue_context_features(s, pos, i, out);
}

void cue_context_features(const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i,
                          std::vector<FeatureHash>& out) {
  if (s.context.empty()) return;
  Sink f{out};
  const auto j = static_cast<std::ptrdiff_t>(i);
  const auto n = static_cast<std::ptrdiff_t>(s.tokens.size());
  const std::string_view w = s.tokens[i].lower;
  // where the first pass put the cues: "R4-7, say" (cue_context)
  auto relation = [&](std::ptrdiff_t k) -> std::string_view {
    if (k < 0 || k >= n) return "<b>";
    const std::string_view c = s.context[static_cast<std::size_t>(k)];
    return c.substr(0, c.find(' '));
  };
  const std::string_view here = s.context[i];
  const std::string_view cue_word = here.find(' ') == std::string_view::npos ? "" : here.substr(here.find(' ') + 1);
  f.add(NAME("cc"), relation(j));
  f.add(NAME("cc-cue"), relation(j), cue_word);
  f.add(NAME("cc-t"), relation(j), pos_at(pos, j));
  f.add(NAME("cc-w"), relation(j), w);
  f.add(NAME("cc-1cc"), relation(j - 1), relation(j));
  f.add(NAME("cccc+1"), relation(j), relation(j + 1));
  f.add(NAME("cc-qd"), relation(j), s.quote_depth[i] == 2 ? "mark" : s.quote_depth[i] == 1 ? "in" : "out");
}

void document_features(const SentenceForms& s, std::size_t i, std::vector<FeatureHash>& out) {
  if (s.context.empty()) return;
  Sink f{out};
  const auto j = static_cast<std::ptrdiff_t>(i);
  auto ctx = [&](std::ptrdiff_t k) -> std::string_view {
    return k < 0 || k >= static_cast<std::ptrdiff_t>(s.context.size()) ? std::string_view("<b>")
                                                                           : s.context[static_cast<std::size_t>(k)];
  };
  f.add(NAME("doc"), ctx(j));
  f.add(NAME("doc-ss"), ctx(j), s.tokens[i].short_shape);
  f.add(NAME("doc-1"), ctx(j - 1));
  f.add(NAME("doc+1"), ctx(j + 1));
  f.add(NAME("doc-1doc"), ctx(j - 1), ctx(j));
  f.add(NAME("docdoc+1"), ctx(j), ctx(j + 1));
}

void static_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos,
                     std::size_t i, std::vector<FeatureHash>& out) {
  const auto j = static_cast<std::ptrdiff_t>(i);
  const auto size = static_cast<std::ptrdiff_t>(s.tokens.size());
  own_word_features(kind, s.tokens[i], out);
  for (const int offset : neighbour_offsets)
    if (j + offset >= 0 && j + offset < size) neighbour_features(kind, offset, s.tokens[static_cast<std::size_t>(j + offset)], out);
  for (std::ptrdiff_t k = 1; k <= window; ++k) {
    if (j - k >= 0) window_features(kind, -1, s.tokens[static_cast<std::size_t>(j - k)], out);
    if (j + k < size) window_features(kind, 1, s.tokens[static_cast<std::size_t>(j + k)], out);
  }
  context_features(kind, s, pos, i, out);
}

void label_features(std::string_view prev1, std::string_view prev2, std::vector<FeatureHash>& out) {
  Sink f{out};
  f.add(NAME("y-1"), prev1);
  f.add(NAME("y-2"), prev2);
  f.add(NAME("y-1y-2"), prev1, prev2);
}

void label_word_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos, std::size_t i,
                         std::string_view prev1, std::vector<FeatureHash>& out) {
  Sink f{out};
  const TokenForms& t = s.tokens[i];
  f.add(NAME("y-1w"), prev1, t.lower);
  if (kind == Kind::pos) return;
  f.add(NAME("y-1ss"), prev1, t.short_shape);
  if (pos != nullptr) f.add(NAME("y-1t"), prev1, pos_at(pos, static_cast<std::ptrdiff_t>(i)));
  if (kind == Kind::attribution || kind == Kind::attribution_cued) {
    f.add(NAME("y-1qd"), prev1, s.quote_depth[i] == 2 ? "mark" : s.quote_depth[i] == 1 ? "in" : "out");
    f.add(NAME("y-1w-1"), prev1, lower_at(s, static_cast<std::ptrdiff_t>(i) - 1));
    f.add(NAME("y-1lx"), prev1, t.lexicon_class);
  }
}

void dynamic_features(Kind kind, const SentenceForms& s, const std::vector<std::string_view>* pos,
                      std::size_t i, std::string_view prev1, std::string_view prev2,
                      std::vector<FeatureHash>& out) {
  label_features(prev1, prev2, out);
  label_word_features(kind, s, pos, i, prev1, out);
}

}  // namespace newsdoc::model::detail
