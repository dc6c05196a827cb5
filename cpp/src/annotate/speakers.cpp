// Cues and speakers: each quote's cue ("said", "told reporters") and the
// speaker's noun phrase beside it, resolved to an entity.
#include "annotate/annotator_impl.hpp"

#include <algorithm>
#include <cstdint>

namespace newsdoc::detail::annotation {

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

std::int32_t ArticleAnnotator::after_dateline(std::int32_t lo, std::int32_t end) const {
  // "PARIS, Aug 31 (Reuters) - ...", "WASHINGTON (AP) — ...": names, a date and an agency in
  // brackets, then a dash, opening a paragraph.
  if (lo >= end || !tok(lo).is(TokenFlag::paragraph_start) || !tok(lo).is(TokenFlag::upper)) return lo;
  for (std::int32_t k = lo + 1; k < end && k < lo + 12; ++k) {
    if (is_punct(k, '-') || is_punct(k, 0x2013) || is_punct(k, 0x2014) || is_punct(k, 0x2015)) return k + 1;
    const bool dateline_part = is_name_token(k) || tok(k).is(TokenFlag::number) || is_punct(k, ',') ||
                               is_punct(k, '.') || is_punct(k, '(') || is_punct(k, ')');
    if (!dateline_part) return lo;
  }
  return lo;
}

Range ArticleAnnotator::sentence_subject(std::int32_t lo, std::int32_t end) {
  std::int32_t s = after_dateline(lo, end);
  while (s < end && is_word(s) && is_non_name(s) && !has(s, wc::pronouns) && !has_lower(s, wc::determiners)) ++s;
  const Range subject = speaker_after(s, end, false);
  return subject.empty() || subject.first != s ? Range{} : subject;
}

Range ArticleAnnotator::subject_unless_object(Range np, std::int32_t lo) {
  // The object of a preposition is not the verb's subject: in "Trump, speaking at a rally in
  // Wilmington, N.C., warned" the sentence's subject speaks (when there is one to find).
  const std::int32_t p = np.first - 1;
  if (p < lo || !is_word(p) || !tok(p).is(TokenFlag::lower)) return np;
  const auto w = text(p);
  const bool object = has(p, wc::locative_prepositions) || w == "with" || w == "of" || w == "for" || w == "by" ||
                      w == "during" || w == "about" || w == "on";
  if (!object) return np;
  const Range subject = sentence_subject(lo, np.first);
  return subject.empty() ? np : subject;
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
      // "said Smith, adding": an inverted speaker runs up to the comma; in "endorsed Sanders'
      // plan, saying" the name after the verb is its object and the subject before it speaks.
      Range earlier = speaker_after(m + len, j, false);
      if (earlier.last != j) earlier = noun_phrase_ending_at(m - 1, lo);
      if (!earlier.empty()) return earlier;
    }
    // "..., saying they were nitpicking": the sentence's subject speaks.
    return sentence_subject(lo, j);
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
      return subject_unless_object(np, lo);
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
    return sentence_subject(lo, j);
  }
  const Range np = noun_phrase_ending_at(j, lo);
  if (!np.empty()) return subject_unless_object(np, lo);
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
  } else if ((is_name_token(j) && !has_lower(j, wc::determiners) &&
              // a capitalised day or function word ("said Wednesday", "In other words, ...:") names nobody
              (mention_at_[static_cast<std::size_t>(j)] != none ||
               (!is_non_name(j) && !has_lower(j, wc::prepositions | wc::adverbs)))) ||
             has(j, wc::titles)) {
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

void ArticleAnnotator::resolve_relative_speakers() {
  // "Bernie Sanders, who endorsed Clinton on Tuesday, said Wednesday ...": a relative pronoun
  // is the subject of its own clause only; the verb after the clause's closing comma is the
  // antecedent's.
  for (auto& q : quotes_) {
    const Range who = q.speaker_tokens;
    if (who.empty() || who.last - who.first != 1 || q.cue_tokens.empty() || q.cue_tokens.first <= who.first) continue;
    if ((text(who.first) != "who" && text(who.first) != "which") || !is_punct(who.first - 1, ',')) continue;
    bool closed = false;
    for (std::int32_t m = who.first + 1; m < q.cue_tokens.first && !closed; ++m) closed = is_punct(m, ',');
    if (!closed) continue;
    const Range antecedent =
        noun_phrase_ending_at(who.first - 2, static_cast<std::int32_t>(sentences_[tok(who.first).sentence].first));
    if (antecedent.empty()) continue;
    q.speaker_tokens = antecedent;
    q.speaker = speaker_entity(antecedent);
  }
}

bool ArticleAnnotator::colon_speaker(std::int32_t colon, std::int32_t sentence_first, Attribution& a) {
  // With no attribution after it, a quotation introduced by a colon is said by the clause before
  // the colon ("Rubio fired back forcefully: “...”", "... - Philip Bump: “...”"), not by a cue
  // further back: that clause's cue, else a name just before the colon, else its subject.
  std::int32_t start = colon;
  while (start > sentence_first && !in_quote_[static_cast<std::size_t>(start - 1)] && !is_punct(start - 1, ',') &&
         !is_punct(start - 1, ';') && !is_punct(start - 1, '-') && !is_punct(start - 1, 0x2013) &&
         !is_punct(start - 1, 0x2014))
    --start;
  for (std::int32_t k = start; k < colon; ++k) {
    CueKind kind;
    if (cue_at(k, kind) != 0) return find_attribution(start, colon, true, colon, a);
  }
  Range speaker;
  if (is_name_token(colon - 1) || mention_at_[static_cast<std::size_t>(colon - 1)] != none) {
    speaker = noun_phrase_ending_at(colon - 1, start);
    // "delivered a blunt message to Trump:": the object of a preposition does not speak
    const std::int32_t p = speaker.empty() ? none : speaker.first - 1;
    if (p >= start && is_word(p) && tok(p).is(TokenFlag::lower) && has(p, wc::prepositions)) speaker = Range{};
  }
  if (speaker.empty()) speaker = sentence_subject(start, colon);
  if (speaker.empty()) return false;
  a.speaker = speaker;
  a.found = true;
  return true;
}

void ArticleAnnotator::classify_and_attribute() {
  std::vector<QuoteDraft> kept;
  std::int32_t previous_speaker = none;
  std::uint32_t previous_paragraph = 0;
  Range turn_cue;  // the cue of the last quote with one, and the paragraph where its turn got to
  std::string turn_cue_text;
  std::uint32_t turn_paragraph = 0;
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
    bool ends_with_stop = false;  // . ! ? as its last mark inside the quotation marks
    bool starts_capitalised = false;
    bool spans_sentences = tok(q.open).sentence != tok(last_inside).sentence || q.close == none;
    for (std::int32_t k = q.open + 1; k < (q.close == none ? size() : q.close); ++k) {
      if (tok(k).begin >= q.end) break;
      if (is_word(k)) {
        ++words;
        const auto w = text(k);
        const bool small = w == "of" || w == "the" || w == "and" || w == "a" || w == "an" || w == "in" ||
                           w == "on" || w == "for" || w == "to" || w == "at" || w == "by" || w == "de";
        if (!tok(k).is(TokenFlag::upper) && !tok(k).is(TokenFlag::number) && !small) all_title = false;
        if (words == 1) starts_capitalised = tok(k).is(TokenFlag::upper);
        ends_with_punct = ends_with_stop = false;
      } else {
        ends_with_stop = is_sentence_punct(tok(k).first);
        ends_with_punct = ends_with_stop || tok(k).first == ',' || tok(k).first == ';';
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
    // A quotation that is a sentence of its own, a capital first word and its
    // own . ! or ? inside the marks ("The ad claims “Jeb is the conservative
    // you can trust.”", "called over her shoulder, “His comments are not
    // helping.”"), is direct speech whatever introduces it.
    if (!direct && starts_capitalised && ends_with_stop && words >= 3 && !all_title) direct = true;
    q.kind = direct ? QuoteKind::direct : QuoteKind::partial;

    // A quoted name or title ("Buk", "The Art of the Deal") is not speech.
    if (all_title && ((words <= 12 && !ends_with_punct) || (words >= 2 && words <= 6 && !left_empty))) continue;

    Attribution a;
    const std::int32_t near_end = std::min(right_end, after + 10);
    // A quotation closed with no punctuation of its own and followed by more of the reporter's
    // sentence ("“...” between Cruz and Trump") is a fragment of that sentence, unless what
    // follows is its attribution ("“...” he said").
    const bool sentence_goes_on = q.close != none && !ends_with_punct && is_word(after) &&
                                  tok(after).is(TokenFlag::lower) && tok(after).is(TokenFlag::space_before) &&
                                  same_sentence(q.close, after);
    if (direct && sentence_goes_on && !find_attribution(after, near_end, false, right_end, a)) {
      direct = false;
      q.kind = QuoteKind::partial;
    }
    const bool after_colon = is_punct(before, ':') && before > sentence_first;
    if (a.found) {
      // attributed by what follows the quote
    } else if (direct) {
      find_attribution(after, near_end, false, right_end, a) ||
          (after_colon && colon_speaker(before, sentence_first, a)) ||
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
    if (!q.attributed && direct && !turn_cue.empty() && tok(q.open).is(TokenFlag::paragraph_start) &&
        tok(q.open).paragraph == turn_paragraph + 1) {
      // A paragraph opening with a quote and no cue goes on with the statement of the paragraph
      // before (news style for a statement over several paragraphs): it is a part of it.
      q.cue = turn_cue_text;
      q.cue_tokens = turn_cue;
    }
    if (!q.cue_tokens.empty()) {
      turn_cue = q.cue_tokens;
      turn_cue_text = q.cue;
      turn_paragraph = tok(last_inside).paragraph;
    }
    if (q.speaker != none) {
      previous_speaker = q.speaker;
      previous_paragraph = tok(last_inside).paragraph;
    }
    kept.push_back(std::move(q));
  }
  quotes_ = std::move(kept);
}

}  // namespace newsdoc::detail::annotation
