// The learned passes (AnnotatorOptions::models): entities from the trained
// tagger, and reported speech the rules missed from the attribution tagger.
#include "annotate/annotator_impl.hpp"

#include <algorithm>
#include <cstdint>
#include "newsdoc/model.hpp"

namespace newsdoc::detail::annotation {

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
  const std::size_t rule_quotes = quotes_.size();
  const auto roles = model::tag_attributions(tagger, cued, sentence_words_, sentence_pos_);
  for (std::size_t s = 0; s < sentences_.size(); ++s) {
    const auto base = static_cast<std::int32_t>(sentences_[s].first);
    std::vector<Range> cues, sources, contents;
    for (const auto& span : model::bio_spans(roles[s])) {
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
      std::uint32_t begin = tok(content.first).begin, end = tok(content.last - 1).end;
      int outside = 0;  // words outside quotation marks
      for (std::int32_t m = content.first; m < content.last; ++m)
        outside += is_word(m) && !in_quote_[static_cast<std::size_t>(m)] ? 1 : 0;
      // Reported speech that quotes a phrase (`bemoaned a climate in which
      // people "hate each other"`, a mixed quotation) is kept when the rules'
      // quotes it overlaps are quotations inside it: they become its
      // fragments (link_fragments). A content that reaches into a quotation
      // of its sentence takes it whole, marks included (the tagger often
      // stops before its closing period). As for a content alone, one or two
      // words of the reporter's around a quotation are no statement.
      const bool mixed = outside < words;
      if (mixed) widen_to_quotations(s, rule_quotes, begin, end);
      if (mixed ? outside < 3 || !holds_only_quotations(begin, end, rule_quotes) : overlaps_held(begin, end)) continue;
      const Range* cue = nearest(cues, content);
      const Range speaker = learned_speaker(*cue, base, sources.empty() ? nullptr : nearest(sources, *cue));
      QuoteDraft q;
      q.begin = begin;
      q.end = end;
      q.kind = QuoteKind::indirect;
      if (!speaker.empty()) {
        q.speaker_tokens = speaker;
        q.speaker = speaker_entity(speaker);
      }
      q.cue = cue_text(cue->first, cue->last);
      q.cue_tokens = *cue;
      q.attributed = true;
      quotes_.push_back(std::move(q));
    }
  }
}

// The speaker of a statement the attribution tagger found, from `tagged`, the
// tagger's SOURCE span nearest to the cue (or null). In "Tom Reed, who in the
// past has voiced doubts, told ...", a span lying in a relative clause that
// closes before the cue ("the past", "who in the past") is the relative
// pronoun alone, which resolve_relative_speakers takes to its antecedent. With
// no SOURCE span the statement has no speaker: the rules' subject of a cue
// they do not know is right less often than the tagger's spans
// (docs/models.md).
Range ArticleAnnotator::learned_speaker(Range cue, std::int32_t sentence_first, const Range* tagged) const {
  if (tagged == nullptr) return {};
  const Range source = *tagged;
  auto relative_pronoun = [&](std::int32_t t) {
    return (text(t) == "who" || text(t) == "which") && t > sentence_first && is_punct(t - 1, ',');
  };
  if (source.last <= cue.first) {
    std::int32_t relative = source.first;
    while (relative > sentence_first && !relative_pronoun(relative) && !is_punct(relative, ',')) --relative;
    bool closed = false;
    for (std::int32_t m = std::max(source.first, relative + 1); m < cue.first && !closed; ++m) closed = is_punct(m, ',');
    if (relative_pronoun(relative) && closed) return Range{relative, relative + 1};
  }
  return source;
}

// Widens bytes [begin, end) over each quotation of the rules (the first
// `rule_quotes` of quotes_) that it overlaps and that lies in sentence
// `sentence`, with its quotation marks.
void ArticleAnnotator::widen_to_quotations(std::size_t sentence, std::size_t rule_quotes, std::uint32_t& begin,
                                           std::uint32_t& end) const {
  const std::uint32_t sentence_begin = tok(static_cast<std::int32_t>(sentences_[sentence].first)).begin;
  const std::uint32_t sentence_end = tok(static_cast<std::int32_t>(sentences_[sentence].last) - 1).end;
  for (std::size_t k = 0; k < rule_quotes; ++k) {
    const QuoteDraft& q = quotes_[k];
    if (q.kind == QuoteKind::indirect || q.end <= begin || q.begin >= end) continue;
    if (q.begin < sentence_begin || q.end > sentence_end) continue;
    if (q.begin < begin) begin = q.open != none ? tok(q.open).begin : q.begin;
    if (q.end > end) end = q.close != none ? tok(q.close).end : q.end;
  }
}

// True when every quote of the rules (the first `rule_quotes` of quotes_)
// that overlaps bytes [begin, end) is a quotation (not reported speech) lying
// inside them.
bool ArticleAnnotator::holds_only_quotations(std::uint32_t begin, std::uint32_t end, std::size_t rule_quotes) const {
  for (std::size_t k = 0; k < rule_quotes; ++k) {
    const QuoteDraft& q = quotes_[k];
    if (q.end <= begin || q.begin >= end) continue;
    if (q.kind == QuoteKind::indirect || q.begin < begin || q.end > end) return false;
  }
  return true;
}

}  // namespace newsdoc::detail::annotation
