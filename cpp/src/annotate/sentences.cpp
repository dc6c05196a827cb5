// Sentences: the article's tokens (tokens.cpp) split into sentences, by
// sentence punctuation confirmed by the word that follows.
#include "annotate/annotator_impl.hpp"

#include <cstdint>

namespace newsdoc::detail::annotation {

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

}  // namespace newsdoc::detail::annotation

namespace newsdoc::detail {

std::vector<std::vector<Span>> sentence_token_spans(std::string_view text, const std::vector<Span>& paragraphs) {
  // Sentence splitting asks the built-in word lists (abbreviations, titles).
  static const Lexicon builtin = [] {
    Lexicon lexicon;
    lexicon.add_builtins();
    return lexicon;
  }();
  annotation::ArticleAnnotator worker(builtin, AnnotatorOptions{});
  worker.tokenize(text, paragraphs);
  return worker.sentence_spans();
}

}  // namespace newsdoc::detail
