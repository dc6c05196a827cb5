// Reported speech: indirect quotes found from a cue and the clause it
// introduces ("he said that ...").
#include "annotate/annotator_impl.hpp"

#include <algorithm>
#include <cstdint>

namespace newsdoc::detail::annotation {

Range ArticleAnnotator::reported_content_after(std::int32_t j, std::int32_t last, bool tell_verb,
                                               bool intention_cue) {
  if (tell_verb && j < last) {
    // "told reporters", "told CNN on Sunday": the listener is not the content.
    if (is_name_token(j) || has(j, wc::pronouns) || text(j) == "him" || text(j) == "her" ||
        text(j) == "them" || text(j) == "us" || text(j) == "me" || text(j) == "reporters") {
      ++j;
      while (j < last && (is_name_token(j) || mention_at_[static_cast<std::size_t>(j)] != none)) ++j;
    } else if (has(j, wc::determiners) && text(j) != "that") {  // "warned that ...": no listener
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
      std::size_t finishing_quotation = quotes_.size();  // a quotation that finishes the reporter's sentence
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
            // "An economic downturn, he said, “could be a good time”": a quotation that goes on in
            // lower case after the attribution finishes the reporter's sentence; it is a fragment
            // of this statement (it shares the cue), not a statement of its own. A fronted adverbial
            // ("At the same time, he added, “...”") begins no sentence of the reporter's.
            // Only once the statement is kept: a fronted word or two ("Still, she added, “...”")
            // is no statement, and the quotation then stays direct.
            if (!in_quote_[static_cast<std::size_t>(first)] && !has_lower(first, wc::prepositions) &&
                is_punct(k + len, ','))
              for (std::size_t qi = 0; qi < quotes_.size(); ++qi) {
                const QuoteDraft& q = quotes_[qi];
                if (q.kind == QuoteKind::direct && q.open == k + len + 1 && q.close != none &&
                    tok(q.close).paragraph == tok(k).paragraph && is_word(q.open + 1) &&
                    tok(q.open + 1).is(TokenFlag::lower))
                  finishing_quotation = qi;
              }
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
      const std::uint32_t begin = tok(content.first).begin;
      std::uint32_t end = tok(content.last - 1).end;
      // A quotation opening right after a word of the clause ("said he wanted “...”", "said
      // Obama “knows ...”") is a fragment of the reported speech, not a statement of its own
      // (a mixed quotation), even when it runs on over sentences: the clause ends with it. So is
      // any quotation in a clause that "that" introduces ("said that “...”", "said that in his
      // career, “...”"): the complementizer makes it indirect speech, whatever the punctuation.
      const bool that_clause = content.first > k + len && lower_first(content.first - 1) == "that";
      for (auto& q : quotes_) {
        if (q.kind != QuoteKind::direct || q.close == none || q.open >= content.last ||
            tok(q.close).paragraph != tok(q.open).paragraph)
          continue;
        if (that_clause ? q.open < content.first : q.open <= content.first || !is_word(q.open - 1)) continue;
        q.kind = QuoteKind::partial;
        end = std::max(end, tok(q.close).end);
      }
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
      if (finishing_quotation < quotes_.size()) quotes_[finishing_quotation].kind = QuoteKind::partial;
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

}  // namespace newsdoc::detail::annotation
