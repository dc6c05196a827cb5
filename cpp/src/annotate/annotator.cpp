// The annotation pipeline of one article: tokens, sentences, entities,
// quotation marks, speakers, reported speech. Every rule reads tokens; no
// step backtracks over the text more than a sentence.
#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <unordered_map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "annotate/lexicon.hpp"
#include "annotate/record_annotator.hpp"
#include "annotate/tokens.hpp"
#include "parallel.hpp"
#include "store.hpp"
#include "newsdoc/annotate.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/model.hpp"

namespace newsdoc {

struct Annotator::Lists : detail::Lexicon {
  Lists() = default;
  Lists(const Lists& other) = default;
};

namespace detail {
namespace {

namespace wc = word_class;
constexpr std::int32_t none = -1;

struct Range {
  std::int32_t first = none;  // tokens [first, last)
  std::int32_t last = none;
  bool empty() const noexcept { return first == none || first >= last; }
};

struct EntityDraft {
  std::string name;
  std::string type;
  std::vector<std::string> forms;  // name first, then aliases (surface forms searched in the text)
  Gender gender = Gender::unknown;
  std::int32_t first_token = none;
  bool has_full_mention = false;
};

struct MentionDraft {
  std::int32_t first = 0;  // tokens [first, last)
  std::int32_t last = 0;
  std::int32_t entity = 0;
};

struct QuoteDraft {
  std::uint32_t begin = 0;  // bytes
  std::uint32_t end = 0;
  QuoteKind kind = QuoteKind::direct;
  std::int32_t open = none;   // tokens of the marks; none for reported speech
  std::int32_t close = none;
  std::int32_t speaker = none;  // entity draft
  Range speaker_tokens;
  std::string cue;
  Range cue_tokens;
  bool attributed = false;
  std::int32_t parent = none;  // index into quotes_ once sorted: the enclosing reported clause
};

// A name the entity tagger found, tokens [first, last), with a newsdoc type.
struct LearnedSpan {
  std::int32_t first, last;
  std::string_view type;
};

struct Attribution {
  Range speaker;
  std::string cue;
  Range cue_tokens;
  bool found = false;
};

bool is_sentence_punct(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

bool is_opening(const Token& t) {
  return t.mark == Mark::double_open || t.mark == Mark::single_open ||
         ((t.mark == Mark::double_either || t.mark == Mark::single_either) && t.is(TokenFlag::space_before));
}

bool is_closing(const Token& t) {
  return t.mark == Mark::double_close || t.mark == Mark::single_close ||
         ((t.mark == Mark::double_either || t.mark == Mark::single_either) && !t.is(TokenFlag::space_before)) ||
         t.first == ')' || t.first == ']';
}

// Verbs of intention, whose content may be "to" and a verb ("vowed to block").
bool is_intention(std::string_view cue) {
  constexpr std::string_view stems[] = {"want", "plan", "intend", "aim", "refus", "wish", "prefer", "seek",
                                        "sought", "vow", "pledg", "promis", "threaten", "agree", "decid",
                                        "hope", "hoping", "expect", "offer"};
  for (auto stem : stems)
    if (cue.substr(0, stem.size()) == stem) return true;
  return false;
}

bool is_double(Mark m) { return m == Mark::double_open || m == Mark::double_close || m == Mark::double_either; }
bool is_single(Mark m) { return m == Mark::single_open || m == Mark::single_close || m == Mark::single_either; }

class ArticleAnnotator {
 public:
  ArticleAnnotator(const Lexicon& lexicon, const AnnotatorOptions& options)
      : lex_(lexicon), words_(BuiltinWords::get()), options_(options) {}

  /// `out`: the article with its annotations found anew.
  void run(const Article& article, ArticleInput& out);
  /// The same for a record not yet built: its body is its paragraphs joined
  /// by a blank line, as the builder joins them.
  void run(const ArticleInput& record, ArticleInput& out);
  /// Tokens and sentences of `body`, whose paragraphs are the byte ranges `paragraphs`.
  void tokenize(std::string_view body, const std::vector<Span>& paragraphs);
  /// The byte spans of the tokens of each sentence (after tokenize()).
  std::vector<std::vector<Span>> sentence_spans() const;

 private:
  /// `out`: `source`'s fields and the annotations of `body`, whose paragraphs
  /// are `paragraph_bytes`.
  void run(const ArticleInput& source, std::string_view body, const std::vector<Span>& paragraph_bytes,
           ArticleInput& out);

  std::string_view text(std::int32_t i) const {
    const Token& t = tokens_[static_cast<std::size_t>(i)];
    return body_.substr(t.begin, t.end - t.begin);
  }
  const Token& tok(std::int32_t i) const { return tokens_[static_cast<std::size_t>(i)]; }
  std::int32_t size() const { return static_cast<std::int32_t>(tokens_.size()); }
  bool is_word(std::int32_t i) const { return i >= 0 && i < size() && tok(i).is(TokenFlag::word); }
  bool is_punct(std::int32_t i, char32_t c) const {
    return i >= 0 && i < size() && !tok(i).is(TokenFlag::word) && tok(i).first == c;
  }
  bool same_sentence(std::int32_t a, std::int32_t b) const { return tok(a).sentence == tok(b).sentence; }
  /// The token is on one of the `classes` lists (word_class bits).
  bool has(std::int32_t i, std::uint32_t classes) const { return (classes_[static_cast<std::size_t>(i)] & classes) != 0; }
  /// The same, for the token with its first letter in lower case ("The" as "the").
  bool has_lower(std::int32_t i, std::uint32_t classes) const {
    return (lower_classes_[static_cast<std::size_t>(i)] & classes) != 0;
  }
  std::string_view lower_first(std::int32_t i);

  void split_sentences();
  bool ends_sentence(std::int32_t i) const;
  bool starts_sentence(std::int32_t i) const;

  // Entities.
  bool is_name_token(std::int32_t i) const;
  bool is_non_name(std::int32_t i) const;
  void find_entities();
  void collect_sentence_words();
  void tag_parts_of_speech();  // once per article: sentence_words_, sentence_pos_
  void find_entities_learned();
  void fix_learned_spans(std::vector<LearnedSpan>& spans) const;
  bool is_product_code(std::int32_t i) const;
  std::int32_t facility_head_after(std::int32_t last) const;
  Gender title_gender_before(std::int32_t x) const;
  void process_run(std::int32_t a, std::int32_t b);
  void process_unknown(std::int32_t x, std::int32_t y);
  std::int32_t gazetteer_match(std::int32_t i, std::int32_t limit, std::uint32_t& entry) const;
  std::int32_t entity_named(std::string_view name, std::string_view type);
  void link_entities();
  void scan_mentions();

  // Quotes.
  void pair_quote_marks();
  void add_mark_quote(std::int32_t open, std::int32_t close, std::uint32_t end_byte);
  void classify_and_attribute();
  std::int32_t cue_at(std::int32_t i, CueKind& kind);
  Range speaker_before(std::int32_t cue, std::int32_t lo);
  Range speaker_after(std::int32_t after_cue, std::int32_t hi, bool need_boundary);
  Range noun_phrase_ending_at(std::int32_t j, std::int32_t lo);
  bool find_attribution(std::int32_t from, std::int32_t to, bool backwards, std::int32_t stop, Attribution& a);
  std::string cue_text(std::int32_t first, std::int32_t last);
  std::int32_t speaker_entity(Range np);
  std::int32_t resolve_pronoun(std::int32_t i);
  void find_reported_speech();
  void find_learned_attributions();
  void link_fragments();
  Range reported_content_after(std::int32_t after_cue, std::int32_t sentence_last, bool tell_verb,
                               bool intention_cue);
  bool passive_cue(std::int32_t from, std::int32_t cue) const;
  std::int32_t reported_clause_end(Range content, std::int32_t sentence_first, std::int32_t cue) const;

  const Lexicon& lex_;
  const BuiltinWords& words_;
  const AnnotatorOptions& options_;

  std::string_view body_;
  ArticleInput source_;            // run(Article): the article's fields as a record
  std::string joined_body_;        // run(ArticleInput): the record's body
  std::vector<Span> paragraph_bytes_;
  std::vector<std::uint32_t> paragraph_starts_, paragraph_ends_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> classes_, lower_classes_;  // word_class bits per token
  std::vector<std::uint32_t> attribution_scratch_;       // per quote, while writing the output
  std::vector<std::pair<std::int32_t, std::size_t>> cue_scratch_;  // (cue token, quote), sorted
  std::vector<std::size_t> first_of_cue_scratch_;                  // per quote: the first quote of its cue
  std::vector<std::size_t> open_clauses_;                          // link_fragments: clauses still open
  std::vector<Sentence> sentences_;
  std::vector<EntityDraft> entities_;
  std::vector<MentionDraft> raw_mentions_;   // from the recogniser, before linking
  std::vector<Range> weak_singles_;          // lone capitalised words to link if they match a known name
  std::vector<MentionDraft> mentions_;
  std::vector<std::int32_t> mention_at_;     // token -> mention, or none
  std::vector<std::uint8_t> in_quote_;       // token inside quotation marks
  std::vector<QuoteDraft> quotes_;
  struct Form {  // a name or alias of an article entity, as words in form_words_
    std::uint32_t begin = 0, length = 0;
    std::int32_t entity = 0;
  };
  std::vector<std::string_view> form_words_;
  std::vector<Form> forms_;
  std::array<bool, 256> first_bytes_{};  // first bytes of the forms' first words
  std::vector<Token> scratch_tokens_;
  std::string lower_buffer_;
  std::vector<std::string> entity_ids_;
  std::vector<std::vector<std::string_view>> alias_views_;
  // The learned passes (options_.models): words and POS tags by sentence.
  std::vector<std::vector<std::string_view>> sentence_words_, sentence_pos_;
  bool pos_tagged_ = false;
};

std::string_view ArticleAnnotator::lower_first(std::int32_t i) {
  const auto w = text(i);
  if (w.empty() || w[0] < 'A' || w[0] > 'Z') return w;
  lower_buffer_.assign(w);
  lower_buffer_[0] = static_cast<char>(lower_buffer_[0] - 'A' + 'a');
  return lower_buffer_;
}

// ---------------------------------------------------------------------------
// Sentences

bool ArticleAnnotator::ends_sentence(std::int32_t i) const {
  const Token& t = tok(i);
  if (t.is(TokenFlag::abbreviation)) return true;  // confirmed by the next word, see below
  if (t.is(TokenFlag::word) || !is_sentence_punct(t.first)) return false;
  return true;
}

bool ArticleAnnotator::starts_sentence(std::int32_t j) const {
  const Token& t = tok(j);
  if (t.is(TokenFlag::word)) return t.is(TokenFlag::upper) || t.is(TokenFlag::number);
  return is_opening(t) || t.first == '(' || t.first == 0x2014 || t.first == 0x2013;
}

void ArticleAnnotator::split_sentences() {
  sentences_.clear();
  const std::int32_t n = size();
  std::int32_t start = 0;
  for (std::int32_t i = 0; i < n; ++i) {
    std::int32_t last = i;
    bool boundary = i + 1 == n || tok(i + 1).paragraph != tok(i).paragraph;
    if (!boundary && ends_sentence(i)) {
      std::int32_t j = i + 1;
      while (j < n && tok(j).paragraph == tok(i).paragraph && is_closing(tok(j))) ++j;
      if (j == n || tok(j).paragraph != tok(i).paragraph) {
        boundary = true;
        last = j - 1;
      } else if (starts_sentence(j)) {
        // A period after "Mr" or an abbreviation such as "U.S." ends a
        // sentence only when a word that starts sentences follows.
        const bool abbreviated =
            tok(i).is(TokenFlag::abbreviation) ||
            (tok(i).first == '.' && i > 0 && tok(i - 1).end == tok(i).begin && is_word(i - 1) &&
             has(i - 1, wc::abbreviations));
        boundary = !abbreviated || (is_word(j) && has(j, wc::non_names) &&
                                    !has(j, wc::titles));
        last = j - 1;
      }
    }
    if (boundary) {
      const auto index = static_cast<std::uint32_t>(sentences_.size());
      for (std::int32_t k = start; k <= last; ++k) tokens_[static_cast<std::size_t>(k)].sentence = index;
      tokens_[static_cast<std::size_t>(start)].flags |= TokenFlag::sentence_start;
      sentences_.push_back(Sentence{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(last + 1)});
      start = last + 1;
      i = last;
    }
  }
}

// ---------------------------------------------------------------------------
// Entities

bool ArticleAnnotator::is_non_name(std::int32_t i) const {
  const auto w = text(i);
  return has(i, wc::non_names | wc::months_and_days | wc::pronouns) || (w.size() > 3 && w.substr(w.size() - 2) == "ly" &&
                                           tok(i).is(TokenFlag::sentence_start));
}

bool ArticleAnnotator::is_name_token(std::int32_t i) const {
  const Token& t = tok(i);
  return t.is(TokenFlag::word) && t.is(TokenFlag::upper) && !t.is(TokenFlag::number);
}

std::int32_t ArticleAnnotator::gazetteer_match(std::int32_t i, std::int32_t limit, std::uint32_t& entry) const {
  if (!has(i, wc::gazetteer_start)) return 0;
  const auto found = lex_.forms_by_first_token.find(text(i));
  if (found == lex_.forms_by_first_token.end()) return 0;
  std::int32_t best = 0;
  for (const auto& form : found->second) {
    const auto len = static_cast<std::int32_t>(form.tokens.size());
    if (len <= best || i + len > limit) continue;
    bool match = true;
    for (std::int32_t k = 1; k < len && match; ++k) {
      const Token& t = tok(i + k);
      // A multi-word name does not run over a paragraph or a sentence end.
      match = t.paragraph == tok(i).paragraph && text(i + k) == form.tokens[static_cast<std::size_t>(k)];
    }
    if (match) {
      best = len;
      entry = form.entry;
    }
  }
  return best;
}

std::int32_t ArticleAnnotator::entity_named(std::string_view name, std::string_view type) {
  for (std::size_t e = 0; e < entities_.size(); ++e)
    if (entities_[e].name == name) return static_cast<std::int32_t>(e);
  EntityDraft d;
  d.name = std::string(name);
  d.type = std::string(type);
  d.forms.push_back(d.name);
  entities_.push_back(std::move(d));
  return static_cast<std::int32_t>(entities_.size() - 1);
}

void ArticleAnnotator::find_entities() {
  entities_.clear();
  raw_mentions_.clear();
  weak_singles_.clear();
  const std::int32_t n = size();
  for (std::int32_t i = 0; i < n;) {
    if (!is_name_token(i)) {
      ++i;
      continue;
    }
    // A run of capitalised words, joined by name particles (al, bin, van)
    // and, after an organisation's head, by "of" (Bank of England).
    std::int32_t j = i + 1;
    while (j < n && same_sentence(i, j)) {
      if (is_name_token(j) && tok(j).is(TokenFlag::space_before)) {
        ++j;
      } else if (j + 1 < n && same_sentence(i, j + 1) && is_name_token(j + 1) &&
                 (text(j) == "of" || text(j) == "for") && has(j - 1, wc::org_heads) &&
                 text(j - 1).back() != 's') {
        j += 2;
      } else if (tok(j).is(TokenFlag::lower) && has(j, wc::name_particles)) {
        std::int32_t k = j;
        while (k < n && same_sentence(i, k) && tok(k).is(TokenFlag::lower) && has(k, wc::name_particles))
          ++k;
        if (k < n && same_sentence(i, k) && is_name_token(k)) j = k + 1;
        else break;
      } else {
        break;
      }
    }
    process_run(i, j);
    i = j;
  }
  link_entities();
}

void ArticleAnnotator::process_run(std::int32_t a, std::int32_t b) {
  std::int32_t pos = a;
  while (pos < b) {
    // An organisation named by its head ("Russian Defense Ministry",
    // "UN Security Council") wins over the known names inside it.
    std::int32_t start = pos;
    while (start < b && is_non_name(start)) ++start;
    if (b - start >= 2 && has(b - 1, wc::org_heads)) {
      std::uint32_t entry = 0;
      if (gazetteer_match(start, b, entry) != b - start) {
        const std::string name(body_.substr(tok(start).begin, tok(b - 1).end - tok(start).begin));
        raw_mentions_.push_back(MentionDraft{start, b, entity_named(name, "ORG")});
        return;
      }
    }
    std::uint32_t entry = 0;
    const std::int32_t len = gazetteer_match(pos, size(), entry);
    if (len > 0) {
      const KnownEntity& known = lex_.entities[entry];
      raw_mentions_.push_back(MentionDraft{pos, pos + len, entity_named(known.name, known.type)});
      auto& e = entities_.back().name == known.name ? entities_.back() : entities_[static_cast<std::size_t>(
                                                                              raw_mentions_.back().entity)];
      if (e.forms.size() == 1)
        for (const auto& alias : known.aliases) e.forms.push_back(alias);
      pos += len;
      continue;
    }
    std::int32_t end = pos + 1;
    while (end < b && gazetteer_match(end, size(), entry) == 0) ++end;
    process_unknown(pos, end);
    pos = end;
  }
}

void ArticleAnnotator::process_unknown(std::int32_t x, std::int32_t y) {
  bool after_title = false;
  Gender gender = Gender::unknown;
  while (x < y && (is_non_name(x) || has(x, wc::titles))) {
    if (has(x, wc::titles)) {
      after_title = true;
      const auto w = text(x);
      if (w == "Mr" || w == "Mr.") gender = Gender::male;
      if (w == "Mrs" || w == "Mrs." || w == "Ms" || w == "Ms.") gender = Gender::female;
    }
    ++x;
  }
  while (y > x && is_non_name(y - 1)) --y;
  if (x >= y) return;
  if (x > 0 && tok(x - 1).first == '.' && x > 1 && (text(x - 2) == "Mr" || text(x - 2) == "Dr")) after_title = true;

  const std::string_view first_word = text(x);
  std::string_view type;
  if (y < size() && tok(y).is(TokenFlag::lower) && has(y, wc::facility_heads)) {
    type = "FAC";
  } else if (y + 1 < size() && tok(y).is(TokenFlag::lower) && tok(y + 1).is(TokenFlag::lower) &&
             has(y + 1, wc::facility_heads) && text(y) == "air") {
    type = "FAC";
  } else if (has(y - 1, wc::org_heads)) {
    type = "ORG";
  } else if (y - x == 1 && first_word.find('-') != std::string_view::npos &&
             std::any_of(first_word.begin(), first_word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    type = "PRODUCT";
  } else if (after_title) {
    type = "PERSON";
  } else if (has(x, wc::female_names | wc::male_names)) {
    type = "PERSON";
    if (gender == Gender::unknown && y - x >= 2)
      gender = has(x, wc::female_names) ? Gender::female : Gender::male;
  } else if (y - x >= 2 && x > 0 && tok(x - 1).is(TokenFlag::lower) &&
             has(x - 1, wc::locative_prepositions)) {
    type = "GPE";  // "in New York", "to Buenos Aires"
  } else if (y - x >= 2) {
    bool caps = false;
    for (std::int32_t k = x; k < y; ++k) caps = caps || tok(k).is(TokenFlag::all_caps);
    type = caps ? "ORG" : "PERSON";
  } else if (tok(x).is(TokenFlag::all_caps) && first_word.size() <= 6) {
    type = "ORG";
  } else if (x > 0 && tok(x - 1).is(TokenFlag::lower) && has(x - 1, wc::locative_prepositions) &&
             !tok(x).is(TokenFlag::sentence_start)) {
    type = "GPE";
  } else {
    weak_singles_.push_back(Range{x, y});
    return;
  }
  const std::string name(body_.substr(tok(x).begin, tok(y - 1).end - tok(x).begin));
  const std::int32_t e = entity_named(name, type);
  auto& draft = entities_[static_cast<std::size_t>(e)];
  if (draft.gender == Gender::unknown) draft.gender = gender;
  raw_mentions_.push_back(MentionDraft{x, y, e});
}

// ---------------------------------------------------------------------------
// Entities from the trained tagger (AnnotatorOptions::models)

Gender ArticleAnnotator::title_gender_before(std::int32_t x) const {
  std::int32_t t = x - 1;
  if (t >= 0 && is_punct(t, '.')) --t;
  if (t < 0 || !is_word(t)) return Gender::unknown;
  const auto w = text(t);
  if (w == "Mr" || w == "Mr.") return Gender::male;
  if (w == "Mrs" || w == "Mrs." || w == "Ms" || w == "Ms.") return Gender::female;
  return Gender::unknown;
}

void ArticleAnnotator::collect_sentence_words() {
  sentence_words_.resize(sentences_.size());
  for (std::size_t s = 0; s < sentences_.size(); ++s) {
    auto& words = sentence_words_[s];
    words.clear();
    for (auto i = sentences_[s].first; i < sentences_[s].last; ++i) words.push_back(text(static_cast<std::int32_t>(i)));
  }
}

void ArticleAnnotator::tag_parts_of_speech() {
  if (pos_tagged_) return;
  pos_tagged_ = true;
  collect_sentence_words();
  sentence_pos_.resize(sentences_.size());
  for (std::size_t s = 0; s < sentences_.size(); ++s) sentence_pos_[s] = options_.models->pos().tag(sentence_words_[s]);
}

// "S-400", "MiG-29", "F-16": a hyphenated word with a digit, as the rules type them.
bool ArticleAnnotator::is_product_code(std::int32_t i) const {
  const auto w = text(i);
  return is_word(i) && w.find('-') != std::string_view::npos && w[0] >= 'A' && w[0] <= 'Z' &&
         std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The end of a facility head right after a name ("airbase", "air base"), or none.
std::int32_t ArticleAnnotator::facility_head_after(std::int32_t last) const {
  if (last < size() && tok(last).is(TokenFlag::lower) && has(last, wc::facility_heads)) return last + 1;
  if (last + 1 < size() && text(last) == "air" && tok(last + 1).is(TokenFlag::lower) && has(last + 1, wc::facility_heads))
    return last + 2;
  return none;
}

// What the rules know better than a tagger trained on four CoNLL types:
// product codes, facilities before their head word, organisation heads, and a
// coordinated "of" phrase ("the Defense Ministries of Russia and Syria": two
// countries, not one name).
void ArticleAnnotator::fix_learned_spans(std::vector<LearnedSpan>& spans) const {
  std::vector<LearnedSpan> out;
  for (LearnedSpan span : spans) {
    for (std::int32_t k = span.first; k < span.last; ++k) {
      if (!is_product_code(k) || span.last - span.first == 1) continue;
      if (k > span.first) out.push_back(LearnedSpan{span.first, k, span.type});
      out.push_back(LearnedSpan{k, k + 1, "PRODUCT"});
      span.first = k + 1;
    }
    if (span.first >= span.last) continue;
    if (span.last - span.first == 1 && is_product_code(span.first)) span.type = "PRODUCT";
    if (span.type != "PERSON") {
      std::int32_t end = span.last;
      while (end < size() && same_sentence(span.first, end) && !tok(end).is(TokenFlag::lower) && has(end, wc::org_heads))
        ++end;
      if (end > span.last || has(span.last - 1, wc::org_heads)) span.type = "ORG";
      span.last = end;
    }
    for (std::int32_t k = span.first + 1; k + 1 < span.last; ++k) {
      const bool coordinated = text(k) == "of" && span.last + 1 < size() && text(span.last) == "and" &&
                               is_name_token(span.last + 1) && same_sentence(span.first, span.last + 1);
      if (coordinated) {
        out.push_back(LearnedSpan{span.first, k, span.type});
        span.first = k + 1;  // the gazetteer or the type votes decide what the rest is
        break;
      }
    }
    out.push_back(span);
  }
  // Capitalised words the tagger left out: product codes, and names before a facility head.
  std::vector<std::uint8_t> covered(tokens_.size(), 0);
  for (const auto& span : out)
    for (auto k = span.first; k < span.last; ++k) covered[static_cast<std::size_t>(k)] = 1;
  for (std::int32_t i = 0; i < size(); ++i) {
    if (covered[static_cast<std::size_t>(i)]) continue;
    if (is_product_code(i)) {
      out.push_back(LearnedSpan{i, i + 1, "PRODUCT"});
    } else if (is_name_token(i) && !is_non_name(i) && !tok(i).is(TokenFlag::sentence_start) &&
               facility_head_after(i + 1) != none) {
      out.push_back(LearnedSpan{i, i + 1, "FAC"});
    }
  }
  std::sort(out.begin(), out.end(), [](const LearnedSpan& a, const LearnedSpan& b) { return a.first < b.first; });
  spans = std::move(out);
}

// The learned recogniser replaces the rules' candidate finding and typing of
// unknown capitalised runs: the entity tagger (pos, then ner and ner-doc over
// the whole article, sentence by sentence) gives the spans and their CoNLL
// types. The gazetteer still names what it knows (a known name at least as
// long as the tagger's span wins, and known names the tagger missed are
// kept); linking, the article's tags and the mention scan are the rules'.
void ArticleAnnotator::find_entities_learned() {
  entities_.clear();
  raw_mentions_.clear();
  weak_singles_.clear();
  const Models& models = *options_.models;
  const std::int32_t n = size();
  // pos, ner and ner-doc in one go: the taggers share the words' forms and cached scores
  collect_sentence_words();
  auto tags = model::tag_document(models.pos(), models.ner(), &models.ner_doc(), sentence_words_);
  sentence_pos_ = std::move(tags.pos);
  pos_tagged_ = true;
  const auto& bio = tags.entities;

  std::vector<LearnedSpan> spans;
  for (std::size_t s = 0; s < sentences_.size() && s < bio.size(); ++s) {
    const auto base = static_cast<std::int32_t>(sentences_[s].first);
    for (const auto& span : model::bio_spans(bio[s])) {
      const std::string_view type = span.type == "PERSON"         ? "PERSON"
                                    : span.type == "ORGANIZATION" ? "ORG"
                                    : span.type == "LOCATION"     ? "GPE"
                                                                  : "MISC";
      const auto end = base + static_cast<std::int32_t>(span.end);
      // A span is split at a lower-case "in", "to", "from", "at" ("the United
      // Nations in Damascus": the silver has almost no such names).
      for (auto x = base + static_cast<std::int32_t>(span.begin); x < end;) {
        auto y = x;
        while (y < end && !(tok(y).is(TokenFlag::lower) && has(y, wc::locative_prepositions))) ++y;
        auto next = y + 1;
        while (x < y && !is_word(x)) ++x;  // no quotation marks or brackets at the edges
        while (y > x && !is_word(y - 1)) --y;
        if (x < y) spans.push_back(LearnedSpan{x, y, type});
        x = next;
      }
    }
  }

  fix_learned_spans(spans);

  // A person's name runs on over name particles and particle compounds the
  // tagger left out ("Bashar al-Assad", "Mark van der Berg").
  for (std::size_t c = 0; c < spans.size(); ++c) {
    auto& span = spans[c];
    if (span.type != "PERSON") continue;
    const std::int32_t limit = c + 1 < spans.size() ? spans[c + 1].first : n;
    for (;;) {
      std::int32_t k = span.last;
      while (k < limit && same_sentence(span.first, k) && tok(k).is(TokenFlag::lower) && has(k, wc::name_particles)) ++k;
      const bool particle = k > span.last || (k < n && !text(k).empty() && text(k)[0] >= 'a' && text(k)[0] <= 'z' &&
                                              text(k).find('-') != std::string_view::npos);  // al-Assad
      if (k < limit && same_sentence(span.first, k) && particle && is_name_token(k) && tok(k).is(TokenFlag::space_before) &&
          !is_non_name(k))
        span.last = k + 1;
      else
        break;
    }
  }

  // The names with the spans that give them, gazetteer matches first.
  struct Found {
    std::int32_t first, last;
    std::uint32_t entry;  // gazetteer entry, or `learned`
    std::string_view type;
  };
  constexpr std::uint32_t learned = ~std::uint32_t{0};
  std::vector<Found> found;
  std::vector<std::uint8_t> covered(tokens_.size(), 0);
  std::size_t k = 0;
  for (std::int32_t i = 0; i < n;) {
    while (k < spans.size() && spans[k].first < i) ++k;  // overlaps a name already taken
    std::uint32_t entry = 0;
    const std::int32_t len = is_name_token(i) ? gazetteer_match(i, n, entry) : 0;
    if (k < spans.size() && spans[k].first == i && spans[k].last - i > len) {
      found.push_back(Found{i, spans[k].last, learned, spans[k].type});
    } else if (len > 0) {
      found.push_back(Found{i, i + len, entry, {}});
    } else {
      ++i;
      continue;
    }
    for (auto t = found.back().first; t < found.back().last; ++t) covered[static_cast<std::size_t>(t)] = 1;
    i = found.back().last;
  }

  // A learned name gets the type most of its spans give it (ties: the first).
  std::unordered_map<std::string_view, std::array<int, 5>> votes;
  constexpr std::string_view types[] = {"PERSON", "ORG", "GPE", "MISC", "LOC"};
  auto type_index = [&](std::string_view t) {
    for (std::size_t j = 0; j < 5; ++j)
      if (types[j] == t) return j;
    return std::size_t{3};
  };
  auto surface = [&](const Found& f) { return body_.substr(tok(f.first).begin, tok(f.last - 1).end - tok(f.first).begin); };
  for (auto& f : found) {
    if (f.entry != learned) continue;
    if (f.type == "GPE" && f.last - f.first >= 2) {
      // Seas, rivers, mountains and regions are LOC, as the gazetteer's.
      constexpr std::string_view geographic[] = {"Ocean", "Sea", "River", "Mountains", "Mountain", "Mount", "Lake",
                                                 "Valley", "Desert", "Gulf", "Coast", "Peninsula", "Island",
                                                 "Islands", "Bay", "Strait", "Canal", "Basin"};
      const auto last = text(f.last - 1);
      for (auto g : geographic)
        if (last == g) f.type = "LOC";
    }
    if (f.type != "PERSON" && facility_head_after(f.last) != none) f.type = "FAC";  // "Hmeimim airbase"
    if (f.type == "FAC" || f.type == "PRODUCT") continue;
    auto& v = votes[surface(f)];
    ++v[type_index(f.type)];
  }
  for (const auto& f : found) {
    if (f.entry != learned) {
      const KnownEntity& known = lex_.entities[f.entry];
      const std::int32_t e = entity_named(known.name, known.type);
      auto& draft = entities_[static_cast<std::size_t>(e)];
      if (draft.forms.size() == 1)
        for (const auto& alias : known.aliases) draft.forms.push_back(alias);
      raw_mentions_.push_back(MentionDraft{f.first, f.last, e});
      continue;
    }
    const auto name = surface(f);
    std::string_view type = f.type;
    if (type != "FAC" && type != "PRODUCT") {
      const auto& v = votes[name];
      std::size_t best = type_index(type);
      for (std::size_t j = 0; j < 5; ++j)
        if (v[j] > v[best]) best = j;
      type = types[best];
    }
    const std::int32_t e = entity_named(name, type);
    auto& draft = entities_[static_cast<std::size_t>(e)];
    if (draft.type == "PERSON" && draft.gender == Gender::unknown) {
      draft.gender = title_gender_before(f.first);
      if (draft.gender == Gender::unknown && f.last - f.first >= 2 && has(f.first, wc::female_names | wc::male_names))
        draft.gender = has(f.first, wc::female_names) ? Gender::female : Gender::male;
    }
    raw_mentions_.push_back(MentionDraft{f.first, f.last, e});
  }
  // Lone capitalised words the tagger left alone: an article's tag may name them.
  for (std::int32_t i = 0; i < n; ++i) {
    if (covered[static_cast<std::size_t>(i)] || !is_name_token(i) || is_non_name(i) || has(i, wc::titles)) continue;
    const bool joined_before = i > 0 && same_sentence(i - 1, i) && is_name_token(i - 1) && !covered[static_cast<std::size_t>(i - 1)];
    const bool joined_after = i + 1 < n && same_sentence(i, i + 1) && is_name_token(i + 1) && !covered[static_cast<std::size_t>(i + 1)];
    if (!joined_before && !joined_after) weak_singles_.push_back(Range{i, i + 1});
  }
  link_entities();
}

void ArticleAnnotator::link_entities() {
  // A person's family name alone ("Assad" for "Bashar al-Assad") and a tag
  // that is the end of a longer name ("Ozerov") are aliases, not entities.
  for (auto& e : entities_) {
    if (e.type != "PERSON") continue;
    const auto parts = split_tokens(e.name);
    if (parts.size() < 2) continue;
    std::string_view family = parts.back();
    e.forms.emplace_back(family);
    const auto hyphen = family.find('-');
    if (hyphen != std::string_view::npos && (words_.classes.find(family.substr(0, hyphen)) & wc::name_particles))
      e.forms.emplace_back(family.substr(hyphen + 1));
  }
  // Lone persons whose name is a known family name merge into the full name.
  for (std::size_t e = 0; e < entities_.size(); ++e) {
    auto& lone = entities_[e];
    if (lone.type != "PERSON" || lone.name.find(' ') != std::string::npos || lone.forms.empty()) continue;
    for (std::size_t f = 0; f < entities_.size(); ++f) {
      if (f == e || entities_[f].type != "PERSON" || entities_[f].name.find(' ') == std::string::npos) continue;
      const auto& forms = entities_[f].forms;
      if (std::find(forms.begin() + 1, forms.end(), lone.name) != forms.end()) {
        if (entities_[f].gender == Gender::unknown) entities_[f].gender = lone.gender;
        lone.forms.clear();  // merged: its mentions are found under the full name
        break;
      }
    }
  }
}

void ArticleAnnotator::scan_mentions() {
  // Every form of every entity, longest first at each token; a form shared
  // by several people goes to the one named most recently.
  form_words_.clear();
  forms_.clear();
  for (std::size_t e = 0; e < entities_.size(); ++e)
    for (const auto& form : entities_[e].forms) {
      const auto begin = static_cast<std::uint32_t>(form_words_.size());
      split_tokens(form, scratch_tokens_, form_words_);
      const auto len = static_cast<std::uint32_t>(form_words_.size()) - begin;
      if (len != 0) forms_.push_back(Form{begin, len, static_cast<std::int32_t>(e)});
    }
  // Most capitalised words start no entity's name: their first byte says so.
  first_bytes_.fill(false);
  for (const auto& form : forms_) first_bytes_[static_cast<unsigned char>(form_words_[form.begin][0])] = true;
  mentions_.clear();
  mention_at_.assign(tokens_.size(), none);
  std::vector<std::int32_t> last_full(entities_.size(), none);
  const std::int32_t n = size();
  for (std::int32_t i = 0; i < n;) {
    if (!tok(i).is(TokenFlag::word) || tok(i).is(TokenFlag::lower)) {
      ++i;
      continue;
    }
    std::int32_t best_len = 0, best_entity = none;
    bool best_is_name = false;
    const auto first_word = text(i);
    if (!first_bytes_[static_cast<unsigned char>(first_word[0])]) {
      ++i;
      continue;
    }
    for (const auto& form : forms_) {
      const std::int32_t e = form.entity;
      const auto len = static_cast<std::int32_t>(form.length);
      if (len < best_len || i + len > n || form_words_[form.begin] != first_word) continue;
      bool match = true;
      for (std::int32_t k = 1; k < len && match; ++k)
        match = tok(i + k).paragraph == tok(i).paragraph && text(i + k) == form_words_[form.begin + k];
      if (!match) continue;
      const bool is_name = entities_[static_cast<std::size_t>(e)].forms.front().size() ==
                           static_cast<std::size_t>(tok(i + len - 1).end - tok(i).begin);
      // Longer forms win; between equal forms, the entity named most recently.
      const bool better = len > best_len || best_entity == none ||
                          last_full[static_cast<std::size_t>(e)] > last_full[static_cast<std::size_t>(best_entity)];
      if (better) {
        best_len = len;
        best_entity = e;
        best_is_name = is_name;
      }
    }
    if (best_len == 0) {
      ++i;
      continue;
    }
    if (best_is_name || entities_[static_cast<std::size_t>(best_entity)].forms.size() == 1)
      last_full[static_cast<std::size_t>(best_entity)] = i;
    for (std::int32_t k = i; k < i + best_len; ++k)
      mention_at_[static_cast<std::size_t>(k)] = static_cast<std::int32_t>(mentions_.size());
    mentions_.push_back(MentionDraft{i, i + best_len, best_entity});
    i += best_len;
  }
}

// ---------------------------------------------------------------------------
// Quotation marks

void ArticleAnnotator::add_mark_quote(std::int32_t open, std::int32_t close, std::uint32_t end_byte) {
  std::uint32_t begin = tok(open).end;
  std::uint32_t end = close == none ? end_byte : tok(close).begin;
  while (begin < end && (body_[begin] == ' ' || body_[begin] == '\n')) ++begin;
  while (end > begin && (body_[end - 1] == ' ' || body_[end - 1] == '\n')) --end;
  if (begin >= end) return;
  QuoteDraft q;
  q.begin = begin;
  q.end = end;
  q.open = open;
  q.close = close;
  quotes_.push_back(std::move(q));
}

void ArticleAnnotator::pair_quote_marks() {
  quotes_.clear();
  in_quote_.assign(tokens_.size(), 0);
  const std::int32_t n = size();
  std::int32_t open_double = none, open_single = none;
  for (std::int32_t i = 0; i < n; ++i) {
    const Token& t = tok(i);
    const bool paragraph_start = t.is(TokenFlag::paragraph_start);
    if (paragraph_start && i > 0) {
      open_single = none;
      if (open_double != none) {
        // News style: a quote that runs on into the next paragraph reopens
        // it with a mark and closes only at its end.
        if (is_double(t.mark) && t.mark != Mark::double_close) continue;
        if (tok(open_double).mark != Mark::double_either)
          add_mark_quote(open_double, none, paragraph_ends_[tok(i - 1).paragraph]);
        open_double = none;
      }
    }
    if (t.mark == Mark::none) continue;
    const bool next_attached = i + 1 < n && tok(i + 1).paragraph == t.paragraph && tok(i + 1).begin == t.end &&
                               !(tok(i + 1).is(TokenFlag::word) ? false : is_sentence_punct(tok(i + 1).first));
    const bool open_shape = (t.is(TokenFlag::space_before) || (i > 0 && !tok(i - 1).is(TokenFlag::word) &&
                                                                tok(i - 1).mark == Mark::none)) &&
                            next_attached;
    const bool close_shape = !t.is(TokenFlag::space_before) || !next_attached;
    if (is_double(t.mark)) {
      if (open_double == none) {
        if (t.mark == Mark::double_open || (open_shape && (t.mark == Mark::double_either || t.mark == Mark::double_close))) {
          open_double = i;
          open_single = none;
        }
      } else {
        const char32_t opener = tok(open_double).first;
        const bool german_close = opener == 0x201E && t.first == 0x201C;
        const bool reversed_guillemet_close = opener == 0xBB && t.first == 0xAB;
        if (t.mark == Mark::double_close || t.mark == Mark::double_either || german_close ||
            reversed_guillemet_close || (t.mark == Mark::double_open && close_shape && !open_shape)) {
          add_mark_quote(open_double, i, 0);
          open_double = none;
        } else {
          open_double = i;  // the earlier opener was stray
        }
      }
      continue;
    }
    if (!is_single(t.mark) || open_double != none) continue;  // single marks inside a double quote are nested
    if (open_single == none) {
      if ((t.mark == Mark::single_open || t.mark == Mark::single_either) && open_shape) open_single = i;
    } else if ((t.mark == Mark::single_close || t.mark == Mark::single_either) && close_shape &&
               !t.is(TokenFlag::space_before)) {
      add_mark_quote(open_single, i, 0);
      open_single = none;
    }
  }
  if (open_double != none && tok(open_double).mark != Mark::double_either)
    add_mark_quote(open_double, none, paragraph_ends_[tok(n - 1).paragraph]);
  for (const auto& q : quotes_) {
    const std::int32_t last = q.close == none ? n : q.close;
    for (std::int32_t k = q.open; k < last; ++k) {
      if (q.close == none && tok(k).begin >= q.end) break;
      in_quote_[static_cast<std::size_t>(k)] = 1;
    }
  }
}

// ---------------------------------------------------------------------------
// Cues and speakers

std::int32_t ArticleAnnotator::cue_at(std::int32_t i, CueKind& kind) {
  if (!is_word(i) || !has_lower(i, wc::cue_word | wc::cue_phrase_start)) return 0;
  const auto w = lower_first(i);
  const auto phrases = has_lower(i, wc::cue_phrase_start) ? lex_.cue_phrases.find(w) : lex_.cue_phrases.end();
  if (phrases != lex_.cue_phrases.end()) {
    for (const auto& p : phrases->second) {
      const auto len = static_cast<std::int32_t>(p.words.size());
      if (i + len > size()) continue;
      bool match = true;
      for (std::int32_t k = 1; k < len && match; ++k) match = text(i + k) == p.words[static_cast<std::size_t>(k)];
      if (match) {
        kind = p.kind;
        return len;
      }
    }
  }
  if (!tok(i).is(TokenFlag::lower) || !has(i, wc::cue_word)) return 0;
  // "the report", "his statement": a noun, not a verb.
  if (i > 0 && is_word(i - 1) && has_lower(i - 1, wc::determiners) && text(i - 1) != "that") return 0;
  // A form that is also a noun ("his home state", "the rowdy feel") is a
  // noun after a determiner or preposition and an adjective.
  if (has(i, wc::noun_like_cue) && i > 0 && is_word(i - 1)) {
    if (has(i - 1, wc::prepositions)) return 0;  // "a number of states"
    if (tok(i - 1).is(TokenFlag::upper) && mention_at_[static_cast<std::size_t>(i - 1)] == none &&
        !has(i - 1, wc::pronouns))
      return 0;  // "Western states"
    if (i > 1 && tok(i - 1).is(TokenFlag::lower) &&
        !has(i - 1, wc::source_nouns | wc::roles | wc::pronouns | wc::adverbs) &&
        (has_lower(i - 2, wc::determiners | wc::prepositions) || text(i - 2) == "’s" || text(i - 2) == "'s"))
      return 0;
  }
  // A participle ("saying", "seeking") speaks after a comma or an auxiliary;
  // "a Republican seeking office" is a description.
  if (w.size() > 4 && w.substr(w.size() - 3) == "ing" && i > 0) {
    const auto before = text(i - 1);
    if (!(is_punct(i - 1, ',') || before == "is" || before == "are" || before == "was" || before == "were" ||
          before == "been" || before == "be" || before == "and" || has(i - 1, wc::adverbs)))
      return 0;
  }
  kind = CueKind::speech;
  return 1;
}

std::string ArticleAnnotator::cue_text(std::int32_t first, std::int32_t last) {
  std::string cue(body_.substr(tok(first).begin, tok(last - 1).end - tok(first).begin));
  if (!cue.empty() && cue[0] >= 'A' && cue[0] <= 'Z') cue[0] = static_cast<char>(cue[0] - 'A' + 'a');
  return cue;
}

Range ArticleAnnotator::noun_phrase_ending_at(std::int32_t j, std::int32_t lo) {
  if (j < lo || !is_word(j)) return {};
  // Pronouns, the relative "who" ("a child, who said") and a lone quantifier
  // opening the sentence ("Some have suggested", "Others said").
  if (has(j, wc::pronouns) || text(j) == "who" ||
      (j == lo && (has_lower(j, wc::determiners) || lower_first(j) == "others")))
    return Range{j, j + 1};
  if (mention_at_[static_cast<std::size_t>(j)] != none || (is_name_token(j) && !is_non_name(j))) {
    std::int32_t s = j;
    while (s - 1 >= lo && is_word(s - 1) &&
           (is_name_token(s - 1) || mention_at_[static_cast<std::size_t>(s - 1)] != none ||
            has(s - 1, wc::name_particles)))
      --s;
    if (s - 1 >= lo && is_word(s - 1) && has(s - 1, wc::determiners)) --s;  // the Post
    while (s < j && is_non_name(s) && mention_at_[static_cast<std::size_t>(s)] == none &&
           !has_lower(s, wc::determiners))
      ++s;
    return Range{s, j + 1};
  }
  if (!tok(j).is(TokenFlag::lower)) return {};
  // Roles are listed in the singular: "ministers" is a role too.
  const auto w = text(j);
  const bool head_ok = has(j, wc::source_nouns | wc::roles) ||
                       (w.size() > 3 && w.back() == 's' && (lex_.classes.find(w.substr(0, w.size() - 1)) & wc::roles));
  std::int32_t s = j;
  bool determiner = false;
  for (int count = 0; s - 1 >= lo && count < 4; ++count) {
    const std::int32_t p = s - 1;
    if (!is_word(p)) break;
    const auto pw = text(p);
    if (has_lower(p, wc::determiners)) {
      s = p;
      determiner = true;
      break;
    }
    if (pw == "’s" || pw == "'s") {
      s = p;
      while (s - 1 >= lo && is_name_token(s - 1)) --s;
      determiner = true;
      break;
    }
    CueKind kind;
    if (has(p, wc::prepositions | wc::adverbs) || cue_at(p, kind) != 0) break;
    s = p;
  }
  if (!head_ok && !determiner) return {};
  if (!head_ok && s == j) return {};
  return Range{s, j + 1};
}

Range ArticleAnnotator::speaker_before(std::int32_t cue, std::int32_t lo) {
  std::int32_t j = cue - 1;
  while (j >= lo && is_word(j) && tok(j).is(TokenFlag::lower) &&
         (has(j, wc::adverbs) || (text(j).size() > 4 && text(j).substr(text(j).size() - 2) == "ly")))
    --j;
  if (j < lo) return {};
  const auto cue_word = text(cue);
  if (is_punct(j, ',') && cue_word.size() > 4 && cue_word.substr(cue_word.size() - 3) == "ing") {
    // "Mr. Manafort said, adding that ...": the speaker of the cue before.
    for (std::int32_t m = j - 1; m >= lo && m >= j - 12; --m) {
      CueKind kind;
      const std::int32_t len = cue_at(m, kind);
      if (len == 0 || kind != CueKind::speech) continue;
      Range earlier = speaker_after(m + len, j, false);
      if (earlier.empty()) earlier = noun_phrase_ending_at(m - 1, lo);
      if (!earlier.empty()) return earlier;
    }
    // "..., saying they were nitpicking": the sentence's subject speaks.
    std::int32_t s = lo;
    while (s < j && is_word(s) && is_non_name(s) && !has(s, wc::pronouns)) ++s;
    const Range subject = speaker_after(s, j, false);
    return subject.empty() || subject.first != s ? Range{} : subject;
  }
  if (is_punct(j, ',')) {
    // An apposition: "Igor Konashenkov, official representative of ..., stated".
    std::int32_t k = j - 1;
    const std::int32_t floor = std::max(lo, j - 24);
    while (k >= floor && !is_punct(k, ',') && tok(k).mark == Mark::none) --k;
    if (k < floor || !is_punct(k, ',') || k + 1 >= j) return {};
    const std::int32_t head = k + 1;  // the apposition's first word
    const auto first_word = text(head);
    if (!is_word(head) || first_word == "and" || first_word == "but" || first_word == "or" ||
        first_word == "which" || first_word == "that" || has(head, wc::prepositions))
      return {};
    for (std::int32_t m = head; m < j; ++m) {
      CueKind kind;
      if (cue_at(m, kind) != 0) return {};
    }
    const Range np = noun_phrase_ending_at(k - 1, lo);
    if (!np.empty() && (is_name_token(np.last - 1) || mention_at_[static_cast<std::size_t>(np.last - 1)] != none))
      return np;
    // "A lawyer for the outlets, David Schulz, said": the apposition is the name.
    const Range inner = noun_phrase_ending_at(j - 1, head);
    if (!inner.empty() && inner.first == head && is_name_token(j - 1)) return inner;
    return {};
  }
  if (tok(j).first == ')') {
    while (j >= lo && tok(j).first != '(') --j;
    --j;
    if (j < lo) return {};
  }
  if (text(j) == "and" && j > lo) {
    // "Cruz urged Republicans to vote and said ...": the sentence's subject speaks.
    std::int32_t s = lo;
    while (s < j && is_word(s) && is_non_name(s) && !has(s, wc::pronouns)) ++s;
    const Range subject = speaker_after(s, j, false);
    return subject.empty() || subject.first != s ? Range{} : subject;
  }
  const Range np = noun_phrase_ending_at(j, lo);
  if (!np.empty()) return np;
  // A subject of a few words reaching back to the sentence start: "Experts on
  // North Korea and nuclear nonproliferation said".
  if (j - lo < 8 && tok(j).is(TokenFlag::lower)) {
    std::int32_t s = lo;
    while (s < j && is_word(s) && is_non_name(s) && !has(s, wc::pronouns | wc::determiners)) ++s;
    bool plain = s < j && (is_name_token(s) || has_lower(s, wc::determiners));
    for (std::int32_t m = s; m <= j && plain; ++m) {
      CueKind kind;
      plain = is_word(m) && text(m) != "that" && text(m) != "who" && cue_at(m, kind) == 0;
    }
    if (plain) return Range{s, j + 1};
  }
  return {};
}

Range ArticleAnnotator::speaker_after(std::int32_t j, std::int32_t hi, bool need_boundary) {
  if (j >= hi || !is_word(j)) return {};
  std::int32_t e = j;
  if (has(j, wc::pronouns)) {
    e = j + 1;
  } else if ((is_name_token(j) && !has_lower(j, wc::determiners)) || has(j, wc::titles)) {
    e = j;
    while (e < hi) {
      if (is_word(e) && (is_name_token(e) || has(e, wc::titles) ||
                         (has(e, wc::name_particles) && e + 1 < hi && is_name_token(e + 1)))) {
        ++e;
      } else if (is_punct(e, '.') && e > j && has(e - 1, wc::abbreviations) && e + 1 < hi &&
                 tok(e).begin == tok(e - 1).end && is_name_token(e + 1)) {
        ++e;  // "Mr. Manafort", "Sen. Ted Cruz"
      } else {
        break;
      }
    }
  } else if (has_lower(j, wc::determiners) || has(j, wc::roles | wc::source_nouns)) {
    e = j + 1;
    while (e < hi && e - j < 5 && is_word(e) &&
           !has(e, wc::prepositions | wc::adverbs | wc::pronouns | wc::months_and_days)) {
      const auto word = text(e);
      if (word == "that" || word == "who" || word == "which" || word == "whose" || word == "and" || word == "or")
        break;
      CueKind kind;
      if (cue_at(e, kind) != 0) break;
      ++e;
    }
    if (!(has(e - 1, wc::source_nouns | wc::roles) || is_name_token(e - 1))) return {};
  } else {
    return {};
  }
  if (need_boundary && e < hi) {
    // "said Smith." or "said Smith, a doctor" or "said Smith in a statement";
    // not "said the Trump “train ...”", where the quote is what was said.
    const Token& next = tok(e);
    if (next.is(TokenFlag::word) ? !has(e, wc::prepositions)
                                 : !(next.first == ',' || next.first == ';' || next.first == ')' ||
                                     is_sentence_punct(next.first) || is_closing(next)))
      return {};
  }
  return Range{j, e};
}

bool ArticleAnnotator::find_attribution(std::int32_t from, std::int32_t to, bool backwards, std::int32_t stop,
                                        Attribution& a) {
  // Scans [from, to) (or backwards from to-1 down to from) for a cue outside
  // other quotes; `stop` bounds the speaker search on the far side.
  const std::int32_t step = backwards ? -1 : 1;
  for (std::int32_t k = backwards ? to - 1 : from; backwards ? k >= from : k < to; k += step) {
    if (in_quote_[static_cast<std::size_t>(k)]) {
      if (!backwards) return false;  // another quote starts: its own attribution follows it
      continue;
    }
    CueKind kind;
    const std::int32_t len = cue_at(k, kind);
    if (len == 0) continue;
    Range np;
    if (kind == CueKind::according_to) {
      np = speaker_after(k + len, backwards ? stop : to, false);
    } else {
      np = speaker_before(k, from);
      if (!np.empty() && passive_cue(np.last, k)) continue;  // "they are intended to": nobody speaks
      if (np.empty()) np = speaker_after(k + len, backwards ? stop : to, true);
    }
    if (np.empty()) continue;
    a.speaker = np;
    a.cue = cue_text(k, k + len);
    a.cue_tokens = Range{k, k + len};
    a.found = true;
    return true;
  }
  return false;
}

std::int32_t ArticleAnnotator::resolve_pronoun(std::int32_t i) {
  const auto w = lower_first(i);
  if (w != "he" && w != "she") return none;
  const Gender wanted = w == "he" ? Gender::male : Gender::female;
  for (std::int32_t m = static_cast<std::int32_t>(mentions_.size()) - 1; m >= 0; --m) {
    const auto& mention = mentions_[static_cast<std::size_t>(m)];
    if (mention.first >= i) continue;
    const auto& e = entities_[static_cast<std::size_t>(mention.entity)];
    if (e.type != "PERSON") continue;
    if (e.gender == Gender::unknown || e.gender == wanted) return mention.entity;
  }
  return none;
}

std::int32_t ArticleAnnotator::speaker_entity(Range np) {
  if (np.empty()) return none;
  if (np.last - np.first == 1 && has(np.first, wc::pronouns)) return resolve_pronoun(np.first);
  if (np.last - np.first == 1 && text(np.first) == "who") {
    // "Smith, who said ...": the name before the comma.
    const std::int32_t before = np.first - 2;
    if (before >= 0 && is_punct(np.first - 1, ',') && mention_at_[static_cast<std::size_t>(before)] != none)
      return mentions_[static_cast<std::size_t>(mention_at_[static_cast<std::size_t>(before)])].entity;
    return none;
  }
  // A person or organisation named in the phrase speaks; a place or a
  // demonym only when it is the whole phrase ("Russia said", not "Scottish
  // ministers said").
  std::int32_t best = none;
  for (std::int32_t k = np.first; k < np.last; ++k) {
    const auto m = mention_at_[static_cast<std::size_t>(k)];
    if (m == none) continue;
    const auto& mention = mentions_[static_cast<std::size_t>(m)];
    const auto& type = entities_[static_cast<std::size_t>(mention.entity)].type;
    const bool whole = mention.first <= np.first + (has_lower(np.first, wc::determiners) ? 1 : 0) &&
                       mention.last == np.last;
    if (type == "PERSON") return mention.entity;
    if (type == "ORG" || whole) best = mention.entity;
  }
  return best;
}

void ArticleAnnotator::classify_and_attribute() {
  std::vector<QuoteDraft> kept;
  std::int32_t previous_speaker = none;
  std::uint32_t previous_paragraph = 0;
  for (auto& q : quotes_) {
    const Sentence& s_open = sentences_[tok(q.open).sentence];
    const std::int32_t sentence_first = static_cast<std::int32_t>(s_open.first);
    const std::int32_t last_inside = q.close == none ? q.open : q.close;
    const Sentence& s_close = sentences_[tok(last_inside).sentence];
    std::int32_t right_end = static_cast<std::int32_t>(s_close.last);
    const std::int32_t after = q.close == none ? right_end : q.close + 1;
    // "“... war.” Assad said." The attribution is a sentence of its own.
    if (after == right_end && right_end < size() && tok(right_end).paragraph == tok(last_inside).paragraph) {
      const Sentence& next = sentences_[tok(right_end).sentence];
      if (next.last - next.first <= 8 && !is_opening(tok(right_end))) right_end = static_cast<std::int32_t>(next.last);
    }

    // Words inside, and whether they read as a name or title.
    int words = 0;
    bool all_title = true;
    bool ends_with_punct = false;
    bool spans_sentences = tok(q.open).sentence != tok(last_inside).sentence || q.close == none;
    for (std::int32_t k = q.open + 1; k < (q.close == none ? size() : q.close); ++k) {
      if (tok(k).begin >= q.end) break;
      if (is_word(k)) {
        ++words;
        const auto w = text(k);
        const bool small = w == "of" || w == "the" || w == "and" || w == "a" || w == "an" || w == "in" ||
                           w == "on" || w == "for" || w == "to" || w == "at" || w == "by" || w == "de";
        if (!tok(k).is(TokenFlag::upper) && !tok(k).is(TokenFlag::number) && !small) all_title = false;
        ends_with_punct = false;
      } else {
        ends_with_punct = is_sentence_punct(tok(k).first) || tok(k).first == ',' || tok(k).first == ';';
      }
    }
    if (words == 0) continue;

    const bool left_empty = q.open == sentence_first;
    const std::int32_t before = q.open - 1;
    CueKind kind_before;
    bool direct = spans_sentences || left_empty || is_punct(before, ':');
    if (!direct && before >= sentence_first && cue_at(before, kind_before) != 0) direct = true;
    if (!direct && is_punct(before, ',')) {
      for (std::int32_t k = sentence_first; k < before && !direct; ++k)
        if (!in_quote_[static_cast<std::size_t>(k)] && cue_at(k, kind_before) != 0) direct = true;
    }
    q.kind = direct ? QuoteKind::direct : QuoteKind::partial;

    // A quoted name or title ("Buk", "The Art of the Deal") is not speech.
    if (all_title && ((words <= 12 && !ends_with_punct) || (words >= 2 && words <= 6 && !left_empty))) continue;

    Attribution a;
    const std::int32_t near_end = std::min(right_end, after + 10);
    if (direct) {
      find_attribution(after, near_end, false, right_end, a) ||
          find_attribution(sentence_first, q.open, true, q.open, a) ||
          find_attribution(near_end, right_end, false, right_end, a);
    } else {
      find_attribution(sentence_first, q.open, true, q.open, a) ||
          find_attribution(after, near_end, false, right_end, a) ||
          find_attribution(near_end, right_end, false, right_end, a);
    }
    if (!a.found && is_punct(before, ':') && before > sentence_first) {
      // "The minister was blunt: “...”": the subject speaks.
      a.speaker = speaker_after(sentence_first, before, false);
      a.found = !a.speaker.empty();
    }
    // A short lower-case fragment with nobody saying it is a scare quote.
    if (!a.found && !direct && words <= 3) continue;

    if (a.found) {
      q.speaker_tokens = a.speaker;
      q.speaker = speaker_entity(a.speaker);
      q.cue = a.cue;
      q.cue_tokens = a.cue_tokens;
      q.attributed = true;
    } else if (direct && !kept.empty() && kept.back().attributed && kept.back().close != none &&
               tok(kept.back().close).paragraph == tok(q.open).paragraph) {
      // “A,” he said. “B.”: the second piece belongs to the same attribution.
      q.speaker_tokens = kept.back().speaker_tokens;
      q.speaker = kept.back().speaker;
      q.cue = kept.back().cue;
      q.cue_tokens = kept.back().cue_tokens;
      q.attributed = true;
    } else if (direct && previous_speaker != none && tok(q.open).paragraph <= previous_paragraph + 1) {
      // A quote with no cue continues the previous speaker's turn.
      q.speaker = previous_speaker;
    }
    if (q.speaker != none) {
      previous_speaker = q.speaker;
      previous_paragraph = tok(last_inside).paragraph;
    }
    kept.push_back(std::move(q));
  }
  quotes_ = std::move(kept);
}

// ---------------------------------------------------------------------------
// Reported speech

Range ArticleAnnotator::reported_content_after(std::int32_t j, std::int32_t last, bool tell_verb,
                                               bool intention_cue) {
  if (tell_verb && j < last) {
    // "told reporters", "told CNN on Sunday": the listener is not the content.
    if (is_name_token(j) || has(j, wc::pronouns) || text(j) == "him" || text(j) == "her" ||
        text(j) == "them" || text(j) == "us" || text(j) == "me" || text(j) == "reporters") {
      ++j;
      while (j < last && (is_name_token(j) || mention_at_[static_cast<std::size_t>(j)] != none)) ++j;
    } else if (has(j, wc::determiners)) {
      std::int32_t k = j + 1;
      while (k < last && k - j < 4 && is_word(k) && !has(k, wc::prepositions) && text(k) != "that")
        ++k;
      j = k;
    }
  }
  for (std::int32_t k = j; k < last && k < j + 10; ++k) {
    if (text(k) == "that") return Range{k + 1, last};
    if (!is_word(k) && tok(k).first != ',') break;
    CueKind kind;
    if (cue_at(k, kind) != 0) break;
  }
  if (j >= last || !is_word(j)) return {};
  const auto w = text(j);
  // What follows a cue directly is what was said, unless it is a time, a
  // place, a manner or a single word ("said in a statement", "said Friday",
  // "said so", "said no.").
  if (j + 1 >= last || !is_word(j + 1)) return {};
  if (w == "to") {
    // "vowed to block the refugees" is an intention; "said to reporters" and
    // "continue to back" are not.
    const bool intention = intention_cue && tok(j + 1).is(TokenFlag::lower) &&
                           !has(j + 1, wc::determiners | wc::pronouns) && !has(j + 1, wc::source_nouns | wc::roles);
    return intention ? Range{j, last} : Range{};
  }
  if (has(j, wc::prepositions | wc::adverbs | wc::months_and_days) || w == "so" || w == "not" || w == "yes" ||
      w == "goodbye" || w == "hello")
    return {};
  // "said when asked about it": the circumstance, not the content.
  if ((w == "when" || w == "if") && text(j + 1).size() > 2 && text(j + 1).substr(text(j + 1).size() - 2) == "ed")
    return {};
  if (w == "it" && has(j + 1, wc::prepositions)) return {};  // "announced it on Monday"
  if (tok(j).is(TokenFlag::lower) && w.size() > 2 && w.substr(w.size() - 2) == "ly") return {};
  return Range{j, last};
}

bool ArticleAnnotator::passive_cue(std::int32_t from, std::int32_t cue) const {
  const auto w = text(cue);
  const bool participle = (w.size() > 2 && w.substr(w.size() - 2) == "ed") || w == "told" || w == "said" ||
                          w == "shown" || w == "known" || w == "heard" || w == "found" || w == "thought" ||
                          w == "written";
  if (!participle) return false;
  for (std::int32_t m = from; m < cue; ++m) {
    const auto be = text(m);
    if (be == "was" || be == "were" || be == "been" || be == "being" || be == "is" || be == "are" || be == "be")
      return true;
  }
  return false;
}

std::int32_t ArticleAnnotator::reported_clause_end(Range content, std::int32_t sentence_first,
                                                   std::int32_t cue) const {
  // A sentence that opens with a subordinate clause ("While Ramos said that
  // ..., he appears") reports only up to the clause's comma.
  const auto opener = text(sentence_first);
  const bool subordinate = content.first > cue &&
                           (opener == "While" || opener == "Although" || opener == "Though" || opener == "As" ||
                            opener == "When" || opener == "After" || opener == "Before" || opener == "Because" ||
                            opener == "If" || opener == "Since" || opener == "Whereas" || opener == "Once" ||
                            opener == "Unless");
  for (std::int32_t m = content.first; m + 1 < content.last; ++m) {
    if (in_quote_[static_cast<std::size_t>(m)] || !is_punct(m, ',')) continue;
    if (subordinate) return m;
    // A trailing relative clause, contrast or participle is the reporter's.
    const auto w = text(m + 1);
    if (w == "which" || w == "who" || w == "whom" || w == "whose" || w == "however" || w == "although" ||
        w == "though" || w == "while" || w == "whereas" || w == "but" || w == "yet" || w == "because" ||
        w == "according" || (tok(m + 1).is(TokenFlag::lower) && w.size() > 4 && w.substr(w.size() - 3) == "ing"))
      return m;
  }
  return content.last;
}

void ArticleAnnotator::find_reported_speech() {
  for (const auto& s : sentences_) {
    const auto first = static_cast<std::int32_t>(s.first);
    const auto last = static_cast<std::int32_t>(s.last);
    for (std::int32_t k = first; k < last; ++k) {
      if (in_quote_[static_cast<std::size_t>(k)]) continue;
      CueKind kind;
      const std::int32_t len = cue_at(k, kind);
      if (len == 0) continue;
      Range np, content;
      if (kind == CueKind::according_to) {
        np = speaker_after(k + len, last, false);
        if (np.empty()) continue;
        if (is_punct(np.last, ',')) content = Range{np.last + 1, last};
        else if (k > first && is_punct(k - 1, ',')) content = Range{first, k - 1};
      } else {
        const Range inverted =
            k > first && is_punct(k - 1, ',') ? speaker_after(k + len, last, true) : Range{};
        np = inverted.empty() ? speaker_before(k, first) : Range{};
        if (!inverted.empty()) {
          np = inverted;  // "CONTENT, said one source in the room."
          content = Range{first, k - 1};
        } else if (!np.empty()) {
          const bool tail = k + len >= last ||
                            (!is_word(k + len) && !is_punct(k + len, ':') && !is_opening(tok(k + len))) ||
                            has(k + len, wc::prepositions | wc::months_and_days);
          std::int32_t comma = none;  // "CONTENT, attorneys for the family said."
          for (std::int32_t m = np.first - 1; tail && m >= first && m >= np.first - 6; --m) {
            if (is_punct(m, ',')) {
              comma = m;
              break;
            }
            if (!is_word(m)) break;
          }
          std::int32_t after_comma = none;  // "As Smith pointed out, CONTENT."
          if (np.first > first && lower_first(np.first - 1) == "as")
            for (std::int32_t m = k + len; m < last && m < k + len + 8; ++m)
              if (is_punct(m, ',')) {
                after_comma = m;
                break;
              }
          if (comma != none && comma > first) {
            content = Range{first, comma};
            np = Range{comma + 1, np.last};
          } else if (after_comma != none) {
            content = Range{after_comma + 1, last};
          } else {
            const auto w = text(k);
            const bool tell = w.substr(0, 3) == "tol" || w.substr(0, 4) == "tell" || w.substr(0, 4) == "info" ||
                              w.substr(0, 4) == "assu" || w.substr(0, 4) == "warn" || w.substr(0, 5) == "remin";
            content = reported_content_after(k + len, last, tell, is_intention(w));
          }
        } else {
          np = speaker_after(k + len, last, true);
          if (!np.empty() && k > first && is_punct(k - 1, ',')) content = Range{first, k - 1};
        }
      }
      if (np.empty() || content.empty()) continue;
      if (np.first > first && (text(np.first - 1) == "which" || text(np.first - 1) == "that" ||
                               text(np.first - 1) == "whom")) {
        continue;  // "the victory, which Clinton conceded": the antecedent is what was conceded
      }
      if (passive_cue(np.last, k)) continue;  // "his staff were told": the listener, not the speaker
      const auto opener = lower_first(content.first);
      if (opener == "’s" || opener == "'s" || opener == "according") continue;
      content.last = reported_clause_end(content, first, k);
      if (content.empty()) continue;
      if (content.last <= np.first && has_lower(content.first, wc::prepositions)) {
        // "In a statement, Smith said: ..." A fronted phrase alone is not what was said.
        bool clause = false;
        for (std::int32_t m = content.first; m < content.last && !clause; ++m) clause = is_punct(m, ',');
        if (!clause) continue;
      }
      while (content.last > content.first && !is_word(content.last - 1) && !is_closing(tok(content.last - 1)))
        --content.last;
      while (content.first < content.last && !is_word(content.first) && !is_opening(tok(content.first)))
        ++content.first;
      int word_count = 0;
      for (std::int32_t m = content.first; m < content.last; ++m) word_count += is_word(m) ? 1 : 0;
      if (word_count < 3) continue;
      const std::uint32_t begin = tok(content.first).begin, end = tok(content.last - 1).end;
      // Text that is mostly a direct quote is that quote, already found.
      std::uint32_t quoted = 0;
      bool duplicate = false;
      for (const auto& q : quotes_) {
        if (q.kind == QuoteKind::indirect) {
          duplicate = duplicate || (q.begin == begin && q.end == end);
          continue;
        }
        const std::uint32_t lo = std::max(begin, q.begin), hi = std::min(end, q.end);
        if (hi > lo && q.kind == QuoteKind::direct) quoted += hi - lo;
      }
      if (duplicate || quoted * 2 >= end - begin) continue;
      QuoteDraft q;
      q.begin = begin;
      q.end = end;
      q.kind = QuoteKind::indirect;
      q.speaker_tokens = np;
      q.speaker = speaker_entity(np);
      q.cue = cue_text(k, k + len);
      q.cue_tokens = Range{k, k + len};
      q.attributed = true;
      quotes_.push_back(std::move(q));
      k += len - 1;
    }
  }
}

// Reported speech the rules missed, from the attribution-role tagger: each
// content span goes to the nearest cue of its sentence, and that cue's
// statement gets the source span nearest to the cue as its speaker. Text the
// rules already hold (quotation marks, reported clauses) stays theirs: they
// are more precise where they apply (docs/models.md).
void ArticleAnnotator::find_learned_attributions() {
  tag_parts_of_speech();
  const model::Tagger& tagger = *options_.models->attribution();
  const model::Tagger* cued = options_.models->attribution_cued();
  // What the rules found, by start, with the largest end up to each: "does a
  // span overlap one of them" is a binary search, not a scan of every quote.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> held;
  for (const auto& q : quotes_) held.emplace_back(q.begin, q.end);
  std::sort(held.begin(), held.end());
  for (std::size_t k = 1; k < held.size(); ++k) held[k].second = std::max(held[k].second, held[k - 1].second);
  auto overlaps_held = [&](std::uint32_t begin, std::uint32_t end) {
    // the spans starting before `end`: does the largest end among them pass `begin`?
    const auto it = std::lower_bound(held.begin(), held.end(), std::make_pair(end, std::uint32_t{0}));
    return it != held.begin() && std::prev(it)->second > begin;
  };
  std::vector<std::string_view> context_views;
  for (std::size_t s = 0; s < sentences_.size(); ++s) {
    const auto base = static_cast<std::int32_t>(sentences_[s].first);
    auto labels = tagger.tag(sentence_words_[s], &sentence_pos_[s]);
    if (cued != nullptr) {
      const auto context = model::cue_context(sentence_words_[s], labels);
      context_views.assign(context.begin(), context.end());
      labels = cued->tag(sentence_words_[s], &sentence_pos_[s], &context_views);
    }
    std::vector<Range> cues, sources, contents;
    for (const auto& span : model::bio_spans(labels)) {
      const Range r{base + static_cast<std::int32_t>(span.begin), base + static_cast<std::int32_t>(span.end)};
      if (span.type == "CUE") cues.push_back(r);
      else if (span.type == "SOURCE") sources.push_back(r);
      else if (span.type == "CONTENT") contents.push_back(r);
    }
    if (cues.empty()) continue;
    auto gap = [](const Range& a, const Range& b) {
      return a.last <= b.first ? b.first - a.last : b.last <= a.first ? a.first - b.last : 0;
    };
    // The spans of one role are disjoint and in text order: the nearest to `r`
    // is the last before it or the first after it (ties: the earlier).
    auto first_from = [](const std::vector<Range>& spans, std::int32_t token) {
      return std::lower_bound(spans.begin(), spans.end(), token,
                              [](const Range& span, std::int32_t t) { return span.first < t; });
    };
    auto nearest = [&](const std::vector<Range>& spans, const Range& r) -> const Range* {
      const auto after = first_from(spans, r.first);
      const Range* best = after != spans.begin() ? &*std::prev(after) : nullptr;
      if (after != spans.end() && (best == nullptr || gap(*after, r) < gap(*best, r))) best = &*after;
      return best;
    };
    auto starts_within = [&](const std::vector<Range>& spans, std::int32_t from, std::int32_t to) {
      const auto it = first_from(spans, from);
      return it != spans.end() && it->first < to;
    };
    // The tagger sometimes breaks one content into pieces around a word it
    // left out; pieces a token or two apart, with no cue or source between,
    // are one content.
    std::vector<Range> merged;
    for (const Range& content : contents) {
      if (!merged.empty() && content.first - merged.back().last <= 2) {
        const bool role_between = starts_within(cues, merged.back().last, content.first) ||
                                  starts_within(sources, merged.back().last, content.first);
        if (!role_between) {
          merged.back().last = content.last;
          continue;
        }
      }
      merged.push_back(content);
    }
    for (Range content : merged) {
      while (content.last > content.first && !is_word(content.last - 1)) --content.last;
      while (content.first < content.last && !is_word(content.first)) ++content.first;
      // One or two words left alone are mostly tagging noise, not a statement.
      int words = 0;
      for (std::int32_t m = content.first; m < content.last; ++m) words += is_word(m) ? 1 : 0;
      if (words < 3) continue;
      const std::uint32_t begin = tok(content.first).begin, end = tok(content.last - 1).end;
      bool quoted = false;
      for (std::int32_t m = content.first; m < content.last && !quoted; ++m) quoted = in_quote_[static_cast<std::size_t>(m)];
      if (quoted || overlaps_held(begin, end)) continue;
      const Range* cue = nearest(cues, content);
      const Range* source = nullptr;
      if (!sources.empty()) source = nearest(sources, *cue);
      QuoteDraft q;
      q.begin = begin;
      q.end = end;
      q.kind = QuoteKind::indirect;
      if (source != nullptr) {
        q.speaker_tokens = *source;
        q.speaker = speaker_entity(*source);
      }
      q.cue = cue_text(cue->first, cue->last);
      q.cue_tokens = *cue;
      q.attributed = true;
      quotes_.push_back(std::move(q));
    }
  }
}

void ArticleAnnotator::link_fragments() {
  // A quoted fragment inside reported speech of the same speaker and cue
  // (`Ozerov said it was “nothing extraordinary”`) is a part of that
  // statement; one with a cue of its own stays a statement of its own.
  // quotes_ is sorted by start, so an enclosing clause comes before its
  // fragments, and a clause ending before a quote starts encloses nothing
  // after it: only the clauses still open are searched, nearest first.
  auto& open = open_clauses_;
  open.clear();
  for (std::size_t i = 0; i < quotes_.size(); ++i) {
    auto& fragment = quotes_[i];
    open.erase(std::remove_if(open.begin(), open.end(),
                              [&](std::size_t j) { return quotes_[j].end < fragment.begin; }),
               open.end());
    if (fragment.kind == QuoteKind::indirect) {
      open.push_back(i);
      continue;
    }
    for (std::size_t k = open.size(); k-- > 0;) {
      const auto& clause = quotes_[open[k]];
      if (clause.end < fragment.end) continue;
      const bool same_cue = fragment.cue_tokens.empty() || fragment.cue_tokens.first == clause.cue_tokens.first;
      const bool same_speaker = fragment.speaker == none || fragment.speaker == clause.speaker;
      if (!same_cue || !same_speaker) continue;
      fragment.parent = static_cast<std::int32_t>(open[k]);
      fragment.speaker = clause.speaker;
      fragment.speaker_tokens = clause.speaker_tokens;
      fragment.cue = clause.cue;
      fragment.cue_tokens = clause.cue_tokens;
      break;
    }
  }
}

// ---------------------------------------------------------------------------

void ArticleAnnotator::tokenize(std::string_view body, const std::vector<Span>& paragraphs) {
  body_ = body;
  paragraph_starts_.clear();
  paragraph_ends_.clear();
  tokens_.clear();
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    paragraph_starts_.push_back(paragraphs[p].start);
    paragraph_ends_.push_back(paragraphs[p].end);
    tokenize_paragraph(body_, paragraphs[p].start, paragraphs[p].end, static_cast<std::uint32_t>(p), tokens_);
  }
  classes_.resize(tokens_.size());
  lower_classes_.resize(tokens_.size());
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (!tokens_[i].is(TokenFlag::word)) {
      classes_[i] = lower_classes_[i] = 0;  // the lists hold words only
      continue;
    }
    const auto w = text(static_cast<std::int32_t>(i));
    classes_[i] = lex_.classes.find(w);
    lower_classes_[i] = classes_[i];
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z')
      lower_classes_[i] = lex_.classes.find(lower_first(static_cast<std::int32_t>(i)));
  }
  split_sentences();
  pos_tagged_ = false;  // new tokens: the parts of speech are tagged again when needed
}

std::vector<std::vector<Span>> ArticleAnnotator::sentence_spans() const {
  std::vector<std::vector<Span>> out(sentences_.size());
  for (std::size_t s = 0; s < sentences_.size(); ++s)
    for (auto i = sentences_[s].first; i < sentences_[s].last; ++i) out[s].push_back(Span{tokens_[i].begin, tokens_[i].end});
  return out;
}

void ArticleAnnotator::run(const Article& article, ArticleInput& out) {
  source_.clear();
  source_.id = article.id();
  source_.url = article.url();
  source_.source = article.source();
  source_.title = article.title();
  source_.language = article.language();
  source_.published = article.published();
  source_.authors = article.authors();
  source_.tags = article.tags();
  paragraph_bytes_.clear();
  for (std::size_t p = 0; p < article.paragraph_count(); ++p) {
    const auto para = article.paragraph(p);
    source_.paragraphs.push_back(para.text);
    paragraph_bytes_.push_back(para.bytes);
  }
  source_.meta = article.meta_json();
  source_.origin = article.origin();
  source_.origin_line = article.origin_line();
  run(source_, article.text(), paragraph_bytes_, out);
}

void ArticleAnnotator::run(const ArticleInput& record, ArticleInput& out) {
  joined_body_.clear();
  paragraph_bytes_.clear();
  for (const auto paragraph : record.paragraphs) {
    if (!paragraph_bytes_.empty()) joined_body_ += "\n\n";
    const auto start = static_cast<std::uint32_t>(joined_body_.size());
    joined_body_ += paragraph;
    paragraph_bytes_.push_back(Span{start, static_cast<std::uint32_t>(joined_body_.size())});
  }
  run(record, joined_body_, paragraph_bytes_, out);
}

void ArticleAnnotator::run(const ArticleInput& source, std::string_view body, const std::vector<Span>& paragraph_bytes,
                           ArticleInput& out) {
  tokenize(body, paragraph_bytes);
  entities_.clear();
  mentions_.clear();
  mention_at_.assign(tokens_.size(), none);
  if (options_.entities) {
    if (options_.models) find_entities_learned();
    else find_entities();
    for (const auto& tag : source.tags) {
      // A tag names an entity of the article: a known one, the end of a
      // longer name found in the text (an alias), or a name of its own.
      bool known = false;
      for (auto& e : entities_) {
        if (e.forms.empty()) continue;
        if (std::find(e.forms.begin(), e.forms.end(), tag) != e.forms.end()) known = true;
      }
      if (known) continue;
      const auto parts = split_tokens(tag);
      for (auto& e : entities_) {
        if (e.forms.empty() || e.type != "PERSON") continue;
        const auto name_parts = split_tokens(e.name);
        if (name_parts.size() > parts.size() &&
            std::equal(parts.rbegin(), parts.rend(), name_parts.rbegin())) {
          e.forms.emplace_back(tag);
          known = true;
          break;
        }
      }
      if (known || parts.empty()) continue;
      for (const auto& single : weak_singles_) {
        if (single.last - single.first == static_cast<std::int32_t>(parts.size()) && text(single.first) == parts[0]) {
          entity_named(std::string(tag), "PERSON");
          break;
        }
      }
    }
    scan_mentions();
  }
  if (options_.quotes || options_.indirect) {
    pair_quote_marks();
    if (options_.quotes) classify_and_attribute();
    else quotes_.clear();
    if (options_.indirect) find_reported_speech();
    if (options_.indirect && options_.models && options_.models->attribution() != nullptr) find_learned_attributions();
    std::stable_sort(quotes_.begin(), quotes_.end(),
                     [](const QuoteDraft& a, const QuoteDraft& b) { return a.begin < b.begin; });
    link_fragments();
  } else {
    quotes_.clear();
  }

  // Entities in the order of their first mention; those never mentioned go.
  std::vector<std::int32_t> order(entities_.size(), none);
  std::vector<std::int32_t> by_order;
  for (const auto& m : mentions_) {
    auto& slot = order[static_cast<std::size_t>(m.entity)];
    if (slot == none) {
      slot = static_cast<std::int32_t>(by_order.size());
      by_order.push_back(m.entity);
    }
  }
  for (const auto& q : quotes_)
    if (q.speaker != none && order[static_cast<std::size_t>(q.speaker)] == none) {
      order[static_cast<std::size_t>(q.speaker)] = static_cast<std::int32_t>(by_order.size());
      by_order.push_back(q.speaker);
    }

  out.clear();
  out.id = source.id;
  out.url = source.url;
  out.source = source.source;
  out.title = source.title;
  out.language = source.language;
  out.published = source.published;
  out.authors = source.authors;
  out.tags = source.tags;
  out.paragraphs = source.paragraphs;
  out.meta = source.meta;
  out.origin = source.origin;
  out.origin_line = source.origin_line;
  out.unit = OffsetUnit::bytes;

  entity_ids_.resize(by_order.size());
  alias_views_.resize(by_order.size());
  for (std::size_t k = 0; k < by_order.size(); ++k) {
    entity_ids_[k] = "e" + std::to_string(k + 1);
    const auto& e = entities_[static_cast<std::size_t>(by_order[k])];
    auto& aliases = alias_views_[k];
    aliases.clear();
    // The aliases are the other forms the text uses.
    for (const auto& m : mentions_) {
      if (m.entity != by_order[k]) continue;
      const auto surface = body_.substr(tok(m.first).begin, tok(m.last - 1).end - tok(m.first).begin);
      if (surface != e.name && std::find(aliases.begin(), aliases.end(), surface) == aliases.end())
        aliases.push_back(surface);
    }
    out.entities.push_back(EntityInput{entity_ids_[k], e.name, e.type, aliases});
  }
  for (const auto& m : mentions_)
    out.mentions.push_back(MentionInput{Span{tok(m.first).begin, tok(m.last - 1).end},
                                        static_cast<std::uint32_t>(order[static_cast<std::size_t>(m.entity)])});
  // Quotes sharing one cue are one statement (the pieces of an interrupted
  // quote); a fragment joins its parent's; a quote without a cue is its own.
  // The first quote of each cue stands for it: (cue token, quote) pairs
  // sorted, no hashing per article and no quadratic search.
  auto& by_cue = cue_scratch_;
  by_cue.clear();
  for (std::size_t i = 0; i < quotes_.size(); ++i)
    if (!quotes_[i].cue_tokens.empty()) by_cue.emplace_back(quotes_[i].cue_tokens.first, i);
  std::sort(by_cue.begin(), by_cue.end());
  auto& first_of_cue = first_of_cue_scratch_;
  first_of_cue.assign(quotes_.size(), 0);
  for (std::size_t k = 0; k < by_cue.size(); ++k)
    first_of_cue[by_cue[k].second] = k > 0 && by_cue[k - 1].first == by_cue[k].first
                                         ? first_of_cue[by_cue[k - 1].second]
                                         : by_cue[k].second;
  auto& attribution = attribution_scratch_;
  attribution.assign(quotes_.size(), 0);
  std::uint32_t attributions = 0;
  for (std::size_t i = 0; i < quotes_.size(); ++i) {
    const auto& q = quotes_[i];
    if (q.parent != none) {
      attribution[i] = attribution[static_cast<std::size_t>(q.parent)];
      continue;
    }
    const std::size_t same_cue = q.cue_tokens.empty() ? i : first_of_cue[i];
    attribution[i] = same_cue < i ? attribution[same_cue] : attributions++;
  }
  for (std::size_t i = 0; i < quotes_.size(); ++i) {
    const auto& q = quotes_[i];
    QuoteInput in;
    in.span = Span{q.begin, q.end};
    in.attribution = attribution[i];
    in.parent = q.parent;
    if (!q.cue_tokens.empty()) in.cue_span = Span{tok(q.cue_tokens.first).begin, tok(q.cue_tokens.last - 1).end};
    in.kind = q.kind;
    in.speaker = q.speaker == none ? no_entity : order[static_cast<std::size_t>(q.speaker)];
    if (!q.speaker_tokens.empty()) {
      Range np = q.speaker_tokens;
      // The speaker's words are the name when the phrase holds one.
      for (std::int32_t k = np.first; k < np.last; ++k) {
        const auto m = mention_at_[static_cast<std::size_t>(k)];
        if (m != none && mentions_[static_cast<std::size_t>(m)].entity == q.speaker) {
          np = Range{mentions_[static_cast<std::size_t>(m)].first, mentions_[static_cast<std::size_t>(m)].last};
          break;
        }
      }
      in.speaker_span = Span{tok(np.first).begin, tok(np.last - 1).end};
    }
    in.cue = q.cue;
    out.quotes.push_back(in);
  }
}

}  // namespace

std::vector<std::vector<Span>> sentence_token_spans(std::string_view text, const std::vector<Span>& paragraphs) {
  // Sentence splitting asks the built-in word lists (abbreviations, titles).
  static const Lexicon builtin = [] {
    Lexicon lexicon;
    lexicon.add_builtins();
    return lexicon;
  }();
  ArticleAnnotator worker(builtin, AnnotatorOptions{});
  worker.tokenize(text, paragraphs);
  return worker.sentence_spans();
}

}  // namespace detail

Annotator::Annotator(const AnnotatorOptions& options) : options_(options), lists_(std::make_shared<Lists>()) {
  if (options.builtin_lists) lists_->add_builtins();
}
Annotator::~Annotator() = default;
Annotator::Annotator(const Annotator&) = default;
Annotator& Annotator::operator=(const Annotator&) = default;
Annotator::Annotator(Annotator&&) noexcept = default;
Annotator& Annotator::operator=(Annotator&&) noexcept = default;

const AnnotatorOptions& Annotator::options() const noexcept { return options_; }

void Annotator::add_cue(std::string_view cue) {
  if (lists_.use_count() > 1) lists_ = std::make_shared<Lists>(*lists_);
  lists_->add_cue(cue);
}

std::vector<std::string> Annotator::cues() const {
  std::vector<std::string> all;
  for (auto w : lists_->cue_words) all.emplace_back(w);
  for (const auto& [first, phrases] : lists_->cue_phrases) {
    (void)first;
    for (const auto& p : phrases) {
      std::string text;
      for (auto w : p.words) text.append(text.empty() ? "" : " ").append(w);
      all.push_back(std::move(text));
    }
  }
  std::sort(all.begin(), all.end());
  return all;
}

void Annotator::add_entity(KnownEntity entity) {
  if (lists_.use_count() > 1) lists_ = std::make_shared<Lists>(*lists_);
  lists_->add_entity(std::move(entity));
}

std::size_t Annotator::entity_count() const noexcept { return lists_->entities.size(); }

Article Annotator::annotate(const Article& article) const {
  detail::ArticleAnnotator worker(*lists_, options_);
  ArticleInput input;
  worker.run(article, input);
  CorpusBuilder builder;
  detail::Internals::add_with_valid_meta(builder, input);
  auto corpus = builder.finish();
  return corpus[0];
}

Corpus Annotator::annotate(const Corpus& corpus, AnnotateMode mode, unsigned threads) const {
  const std::size_t n = corpus.size();
  threads = detail::thread_count(threads);
  // Chunks of at least 64 articles; each thread builds its own Store.
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(threads, (n + 63) / 64));
  std::vector<Corpus> parts(chunks);
  std::vector<std::exception_ptr> failures(chunks);
  auto work = [&](std::size_t c) {
    try {
      const std::size_t begin = n * c / chunks, end = n * (c + 1) / chunks;
      detail::ArticleAnnotator worker(*lists_, options_);
      CorpusBuilder builder;
      ArticleInput input;
      for (std::size_t i = begin; i < end; ++i) {
        const Article& article = corpus[i];
        if (mode == AnnotateMode::missing && (article.quote_count() != 0 || article.entity_count() != 0)) {
          builder.add(article);
          continue;
        }
        worker.run(article, input);
        detail::Internals::add_with_valid_meta(builder, input);
      }
      parts[c] = builder.finish();
    } catch (...) {
      failures[c] = std::current_exception();
    }
  };
  detail::run_chunks(chunks, work);
  for (const auto& f : failures)
    if (f) std::rethrow_exception(f);
  std::vector<Article> articles;
  articles.reserve(n);
  for (const auto& part : parts) articles.insert(articles.end(), part.begin(), part.end());
  return Corpus(std::move(articles), corpus.errors());
}

namespace detail {

struct RecordAnnotator::Worker {
  ArticleAnnotator annotator;
};

RecordAnnotator::RecordAnnotator(const Annotator& annotator, AnnotateMode mode)
    : annotator_(annotator),
      mode_(mode),
      worker_(std::make_unique<Worker>(Worker{ArticleAnnotator(*annotator_.lists_, annotator_.options_)})) {}

RecordAnnotator::~RecordAnnotator() = default;

bool RecordAnnotator::annotates(const ArticleInput& record) const noexcept {
  return mode_ == AnnotateMode::all || (record.quotes.empty() && record.entities.empty());
}

void RecordAnnotator::check(const ArticleInput& record) {
  if (!annotates(record)) return;  // built as it is, and checked then
  std::size_t body_size = record.paragraphs.empty() ? 0 : 2 * (record.paragraphs.size() - 1);
  for (const auto paragraph : record.paragraphs) body_size += paragraph.size();
  if (body_size > std::numeric_limits<std::uint32_t>::max()) {
    throw SchemaError("/paragraphs", "body text longer than 4 GiB");
  }
  if (record.quotes.empty() && record.entities.empty() && record.mentions.empty()) return;
  detail::Internals::add_with_valid_meta(checker_, record);
  checker_.finish();
}

const ArticleInput& RecordAnnotator::annotate(const ArticleInput& record) {
  if (!annotates(record)) return record;
  worker_->annotator.run(record, annotated_);
  return annotated_;
}

}  // namespace detail

}  // namespace newsdoc
