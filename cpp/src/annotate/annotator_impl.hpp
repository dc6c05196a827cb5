// The annotator's worker (ArticleAnnotator) and the drafts its passes pass
// on: one class, its passes in one file each (annotate/*.cpp). Every rule
// reads tokens; no step backtracks over the text more than a sentence.
// Internal: not installed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annotate/lexicon.hpp"
#include "annotate/tokens.hpp"
#include "newsdoc/annotate.hpp"
#include "newsdoc/article.hpp"

namespace newsdoc::detail::annotation {

namespace wc = word_class;
constexpr std::int32_t none = -1;  // no token, entity, quote or mention

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

inline bool is_sentence_punct(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

inline bool is_opening(const Token& t) {
  return t.mark == Mark::double_open || t.mark == Mark::single_open ||
         ((t.mark == Mark::double_either || t.mark == Mark::single_either) && t.is(TokenFlag::space_before));
}

inline bool is_closing(const Token& t) {
  return t.mark == Mark::double_close || t.mark == Mark::single_close ||
         ((t.mark == Mark::double_either || t.mark == Mark::single_either) && !t.is(TokenFlag::space_before)) ||
         t.first == ')' || t.first == ']';
}

// Verbs of intention, whose content may be "to" and a verb ("vowed to block").
inline bool is_intention(std::string_view cue) {
  constexpr std::string_view stems[] = {"want", "plan", "intend", "aim", "refus", "wish", "prefer", "seek",
                                        "sought", "vow", "pledg", "promis", "threaten", "agree", "decid",
                                        "hope", "hoping", "expect", "offer"};
  for (auto stem : stems)
    if (cue.substr(0, stem.size()) == stem) return true;
  return false;
}

inline bool is_double(Mark m) { return m == Mark::double_open || m == Mark::double_close || m == Mark::double_either; }
inline bool is_single(Mark m) { return m == Mark::single_open || m == Mark::single_close || m == Mark::single_either; }

/// Finds the annotations of one article at a time, its scratch space reused
/// from article to article. Not thread-safe: one per thread.
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
  /// Sets the annotations of `out` (whose other fields are the article's)
  /// to those found in `body`, whose paragraphs are `paragraph_bytes`.
  void annotate(std::string_view body, const std::vector<Span>& paragraph_bytes, ArticleInput& out);

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
  Range sentence_subject(std::int32_t lo, std::int32_t end);  // a subject opening [lo, end), or empty
  std::int32_t after_dateline(std::int32_t lo, std::int32_t end) const;  // the first token after one opening lo
  Range subject_unless_object(Range np, std::int32_t lo);
  Range speaker_after(std::int32_t after_cue, std::int32_t hi, bool need_boundary);
  Range noun_phrase_ending_at(std::int32_t j, std::int32_t lo);
  bool find_attribution(std::int32_t from, std::int32_t to, bool backwards, std::int32_t stop, Attribution& a);
  bool colon_speaker(std::int32_t colon, std::int32_t sentence_first, Attribution& a);
  std::string cue_text(std::int32_t first, std::int32_t last);
  std::int32_t speaker_entity(Range np);
  std::int32_t resolve_pronoun(std::int32_t i);
  void find_reported_speech();
  void resolve_relative_speakers();
  void find_learned_attributions();
  Range learned_speaker(Range cue, std::int32_t sentence_first, const Range* tagged) const;
  void widen_to_quotations(std::size_t sentence, std::size_t rule_quotes, std::uint32_t& begin, std::uint32_t& end) const;
  bool holds_only_quotations(std::uint32_t begin, std::uint32_t end, std::size_t rule_quotes) const;
  void link_fragments();
  Range reported_content_after(std::int32_t after_cue, std::int32_t sentence_last, bool tell_verb,
                               bool intention_cue);
  bool passive_cue(std::int32_t from, std::int32_t cue) const;
  std::int32_t reported_clause_end(Range content, std::int32_t sentence_first, std::int32_t cue) const;

  const Lexicon& lex_;
  const BuiltinWords& words_;
  const AnnotatorOptions& options_;

  std::string_view body_;
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

inline std::string_view ArticleAnnotator::lower_first(std::int32_t i) {
  const auto w = text(i);
  if (w.empty() || w[0] < 'A' || w[0] > 'Z') return w;
  lower_buffer_.assign(w);
  lower_buffer_[0] = static_cast<char>(lower_buffer_[0] - 'A' + 'a');
  return lower_buffer_;
}

inline bool ArticleAnnotator::is_non_name(std::int32_t i) const {
  const auto w = text(i);
  return has(i, wc::non_names | wc::months_and_days | wc::pronouns) || (w.size() > 3 && w.substr(w.size() - 2) == "ly" &&
                                           tok(i).is(TokenFlag::sentence_start));
}

inline bool ArticleAnnotator::is_name_token(std::int32_t i) const {
  const Token& t = tok(i);
  return t.is(TokenFlag::word) && t.is(TokenFlag::upper) && !t.is(TokenFlag::number);
}

}  // namespace newsdoc::detail::annotation
