// Quotes by quotation marks: marks paired into quotes, and quotes inside
// others linked to them as fragments.
#include "annotate/annotator_impl.hpp"

#include <algorithm>
#include <cstdint>

namespace newsdoc::detail::annotation {

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

}  // namespace newsdoc::detail::annotation
