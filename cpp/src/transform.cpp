// The transforms of newsdoc/transform.hpp but redaction (redact.cpp):
// quotation marks normalised, paragraphs selected, entities renamed and
// merged, entities and quotes added from elsewhere. Each rebuilds articles
// through rebuild.hpp.
#include "newsdoc/transform.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "code_points.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/utf8.hpp"
#include "rebuild.hpp"

namespace newsdoc {


namespace {

using detail::append_utf8;
using detail::code_point_at;
using detail::is_space;
using detail::is_word_char;
using detail::next_code_point;
using detail::non_null;
using detail::read_input;
using detail::Scratch;

// ---------------------------------------------------------------------------
// Quotation marks

bool is_double_mark(char32_t c) noexcept {
  return c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB;
}

bool is_single_mark(char32_t c) noexcept {
  return c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2039 || c == 0x203A;
}

/// True when a quotation mark after `c` opens a quotation.
bool opens_after(char32_t c) noexcept {
  return is_space(c) || c == '(' || c == '[' || c == '{' || c == '<' || c == 0x201C || c == 0x2018 || c == 0xAB ||
         c == 0x2039 || c == 0x201E || c == 0x201A || c == 0x2013 || c == 0x2014;
}

bool rebuild_normalized(const Article& article, QuoteStyle style, ArticleInput& in, Scratch& scratch) {
  read_input(article, OffsetUnit::chars, in);
  bool changed = false;
  const auto normalize = [&](std::string_view& field) {
    std::string text = normalize_quotes(field, style);
    if (text == field) return;
    field = scratch.keep(std::move(text));
    changed = true;
  };
  for (auto& p : in.paragraphs) normalize(p);
  normalize(in.title);
  for (auto& author : in.authors) normalize(author);
  for (auto& tag : in.tags) normalize(tag);
  for (auto& e : in.entities) {
    normalize(e.name);
    for (auto& alias : e.aliases) normalize(alias);
  }
  for (auto& q : in.quotes) normalize(q.cue);
  return changed;
}

// ---------------------------------------------------------------------------
// Paragraph selection

/// A run of consecutive kept paragraphs: old bytes [start, end), new start.
struct Run {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t new_start = 0;
};

/// The new place of `span`, or nullopt when it leaves the kept runs.
std::optional<Span> map_into_runs(const std::vector<Run>& runs, Span span) {
  auto run =
      std::upper_bound(runs.begin(), runs.end(), span.start, [](std::uint32_t o, const Run& r) { return o < r.start; });
  if (run == runs.begin()) return std::nullopt;
  --run;
  if (span.end > run->end) return std::nullopt;
  return Span{span.start - run->start + run->new_start, span.end - run->start + run->new_start};
}

bool rebuild_selected(const Article& article, const std::vector<std::uint32_t>& kept, ArticleInput& in) {
  const std::size_t count = article.paragraph_count();
  if (kept.size() == count) return false;  // `kept` is ascending and unique
  read_input(article, OffsetUnit::bytes, in);
  in.paragraphs.clear();
  std::vector<Run> runs;
  std::uint32_t position = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Paragraph p = article.paragraph(kept[k]);
    if (k > 0) position += 2;  // "\n\n"
    if (k > 0 && kept[k] == kept[k - 1] + 1) {
      runs.back().end = p.bytes.end;
    } else {
      runs.push_back({p.bytes.start, p.bytes.end, position});
    }
    position += p.bytes.end - p.bytes.start;
    in.paragraphs.push_back(non_null(p.text));
  }

  const std::size_t entity_count = in.entities.size();
  std::vector<bool> used_before(entity_count, false), used_after(entity_count, false);
  std::vector<QuoteInput> quotes;
  // A quote keeps its attribution number; a fragment whose enclosing quote
  // is dropped becomes a top-level part.
  std::vector<std::int32_t> new_quote(in.quotes.size(), no_quote);
  for (std::size_t i = 0; i < in.quotes.size(); ++i) {
    const auto& q = in.quotes[i];
    if (q.speaker != no_entity) used_before[static_cast<std::size_t>(q.speaker)] = true;
    const auto span = map_into_runs(runs, q.span);
    if (!span) continue;
    QuoteInput kept_quote = q;
    kept_quote.span = *span;
    if (q.speaker_span) kept_quote.speaker_span = map_into_runs(runs, *q.speaker_span);
    if (q.cue_span) kept_quote.cue_span = map_into_runs(runs, *q.cue_span);
    if (q.speaker != no_entity) used_after[static_cast<std::size_t>(q.speaker)] = true;
    new_quote[i] = static_cast<std::int32_t>(quotes.size());
    quotes.push_back(kept_quote);
  }
  for (auto& q : quotes)
    if (q.parent != no_quote) q.parent = new_quote[static_cast<std::size_t>(q.parent)];
  std::vector<MentionInput> mentions;
  for (const auto& m : in.mentions) {
    used_before[m.entity] = true;
    if (const auto span = map_into_runs(runs, m.span)) {
      used_after[m.entity] = true;
      mentions.push_back({*span, m.entity});
    }
  }

  std::vector<std::int32_t> new_index(entity_count, no_entity);
  std::vector<EntityInput> entities;
  for (std::size_t i = 0; i < entity_count; ++i) {
    if (used_before[i] && !used_after[i]) continue;
    new_index[i] = static_cast<std::int32_t>(entities.size());
    entities.push_back(std::move(in.entities[i]));
  }
  for (auto& q : quotes)
    if (q.speaker != no_entity) q.speaker = new_index[static_cast<std::size_t>(q.speaker)];
  for (auto& m : mentions) m.entity = static_cast<std::uint32_t>(new_index[m.entity]);
  in.entities = std::move(entities);
  in.quotes = std::move(quotes);
  in.mentions = std::move(mentions);
  return true;
}

/// `positions` sorted, each once, checked against `count`.
std::vector<std::uint32_t> checked_positions(std::vector<std::uint32_t> positions, std::size_t count) {
  for (const auto p : positions) {
    if (p >= count) throw OutOfRangeError(fmt::format("paragraph index {} out of range for {} paragraphs", p, count));
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

// ---------------------------------------------------------------------------
// Entities

std::string ids_of(const Article& article, const std::vector<std::uint32_t>& entities) {
  std::string out;
  for (const auto e : entities) {
    if (!out.empty()) out += ", ";
    out += article.entity(e).id;
  }
  return out;
}

std::uint32_t require_entity(const Article& article, std::string_view key) {
  if (const auto found = find_entity(article, key)) return *found;
  throw EntityNotFound(
      std::string(key),
      fmt::format("no entity \"{}\" in article \"{}\" (looked up by id, name and alias)", key, article.id()));
}

void rebuild_renamed(const Article& article, std::uint32_t entity, std::string_view new_name, ArticleInput& in) {
  read_input(article, OffsetUnit::bytes, in);
  EntityInput& e = in.entities[entity];
  e.name = new_name;
  e.aliases.erase(std::remove(e.aliases.begin(), e.aliases.end(), new_name), e.aliases.end());
}

void rebuild_merged(const Article& article, std::uint32_t kept, std::uint32_t absorbed, ArticleInput& in) {
  if (kept == absorbed) {
    throw InvalidArgumentError(fmt::format("both names are entity \"{}\" of article \"{}\": nothing to merge",
                                            article.entity(kept).id, article.id()));
  }
  read_input(article, OffsetUnit::bytes, in);
  const EntityInput& gone = in.entities[absorbed];
  EntityInput& target = in.entities[kept];
  std::vector<std::string_view> candidates = target.aliases;
  candidates.push_back(gone.name);
  candidates.insert(candidates.end(), gone.aliases.begin(), gone.aliases.end());
  std::vector<std::string_view> aliases;
  for (const auto alias : candidates) {
    if (alias.empty() || alias == target.name || std::find(aliases.begin(), aliases.end(), alias) != aliases.end())
      continue;
    aliases.push_back(alias);
  }
  target.aliases = std::move(aliases);

  const auto renumber = [&](std::uint32_t e) {
    if (e == absorbed) e = kept;
    return e > absorbed ? e - 1 : e;
  };
  for (auto& q : in.quotes)
    if (q.speaker != no_entity) q.speaker = static_cast<std::int32_t>(renumber(static_cast<std::uint32_t>(q.speaker)));
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  std::vector<MentionInput> mentions;
  for (const auto& m : in.mentions) {
    const std::uint32_t e = renumber(m.entity);
    if (seen.insert({m.span.start, m.span.end, e}).second) mentions.push_back({m.span, e});
  }
  in.mentions = std::move(mentions);
  in.entities.erase(in.entities.begin() + absorbed);
}

void check_new_name(std::string_view new_name) {
  if (new_name.empty()) throw InvalidArgumentError("the new entity name is empty");
  if (!is_valid_utf8(new_name)) throw InvalidArgumentError("the new entity name is not valid UTF-8");
}

// ---------------------------------------------------------------------------
// Annotations from elsewhere

/// Throws SchemaError at `pointer` unless `span` is a span of a text of `length` code points.
void check_span(Span span, std::uint32_t length, const std::string& pointer) {
  if (span.start > span.end) {
    throw SchemaError(pointer, fmt::format("span ends ({}) before it starts ({})", span.end, span.start));
  }
  if (span.end > length) {
    throw SchemaError(pointer,
                      fmt::format("span [{}, {}) lies outside the text ({} characters)", span.start, span.end, length));
  }
}

void rebuild_with_entities(const Article& article, const std::vector<EntitySpan>& spans, bool replace, ArticleInput& in,
                           Scratch& scratch) {
  const std::uint32_t length = article.char_length();
  for (std::size_t i = 0; i < spans.size(); ++i) check_span(spans[i].chars, length, fmt::format("/{}", i));
  const std::string_view body = article.text();
  const Utf8Index index(body);
  const auto text_of = [&](Span chars) {
    const std::size_t start = *index.to_bytes(chars.start);
    return body.substr(start, *index.to_bytes(chars.end) - start);
  };

  read_input(article, OffsetUnit::chars, in);
  if (replace) {
    in.entities.clear();
    in.mentions.clear();
  }
  // Ids given anywhere in `spans` are reserved before any id is made up.
  std::unordered_set<std::string_view> taken;
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  for (std::uint32_t e = 0; e < in.entities.size(); ++e) {
    by_id.emplace(in.entities[e].id, e);
    taken.insert(in.entities[e].id);
  }
  for (const auto& s : spans)
    if (!s.id.empty()) taken.insert(s.id);
  // (label, name): old entities by name and alias, new ones by their key.
  std::map<std::pair<std::string_view, std::string_view>, std::uint32_t> old_names, new_keys;
  for (std::uint32_t e = 0; e < in.entities.size(); ++e) {
    old_names.emplace(std::pair{in.entities[e].type, in.entities[e].name}, e);
    for (const auto alias : in.entities[e].aliases) old_names.emplace(std::pair{in.entities[e].type, alias}, e);
  }
  std::uint32_t next_id = 1;
  const auto make_id = [&]() -> std::string_view {
    std::string id = fmt::format("e{}", next_id++);
    while (taken.count(id) != 0) id = fmt::format("e{}", next_id++);
    const std::string_view kept = scratch.keep(std::move(id));
    taken.insert(kept);
    return kept;
  };

  std::vector<std::size_t> order(spans.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Span x = spans[a].chars, y = spans[b].chars;
    return x.start < y.start || (x.start == y.start && x.end < y.end);
  });
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  for (const auto& m : in.mentions) seen.insert({m.span.start, m.span.end, m.entity});
  for (const std::size_t i : order) {
    const EntitySpan& s = spans[i];
    const std::string_view text = text_of(s.chars);
    std::uint32_t e = 0;
    if (!s.id.empty()) {
      const auto found = by_id.find(s.id);
      if (found != by_id.end()) {
        e = found->second;
        if (!s.label.empty() && in.entities[e].type != s.label) {
          throw SchemaError(fmt::format("/{}", i), fmt::format("entity \"{}\" has type \"{}\", not \"{}\"", s.id,
                                                               in.entities[e].type, s.label));
        }
      } else {
        e = static_cast<std::uint32_t>(in.entities.size());
        in.entities.push_back({s.id, s.name.empty() ? text : std::string_view(s.name), s.label, {}});
        by_id.emplace(s.id, e);
      }
    } else {
      const std::pair<std::string_view, std::string_view> key{s.label,
                                                              s.name.empty() ? text : std::string_view(s.name)};
      if (const auto old = old_names.find(key); old != old_names.end()) {
        e = old->second;
      } else if (const auto made = new_keys.find(key); made != new_keys.end()) {
        e = made->second;
      } else {
        e = static_cast<std::uint32_t>(in.entities.size());
        const std::string_view id = make_id();
        in.entities.push_back({id, key.second, s.label, {}});
        by_id.emplace(id, e);
        new_keys.emplace(key, e);
      }
    }
    EntityInput& entity = in.entities[e];
    if (!text.empty() && text != entity.name &&
        std::find(entity.aliases.begin(), entity.aliases.end(), text) == entity.aliases.end()) {
      entity.aliases.push_back(text);
    }
    if (seen.insert({s.chars.start, s.chars.end, e}).second) in.mentions.push_back({s.chars, e});
  }

  if (!replace) return;
  // The old speakers: by a new mention at the speaker span, else by name.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> at_span;
  for (const auto& m : in.mentions) at_span.emplace(std::pair{m.span.start, m.span.end}, m.entity);
  for (auto& q : in.quotes) {
    if (q.speaker == no_entity) continue;
    const std::string_view old_name = article.entity(static_cast<std::size_t>(q.speaker)).name;
    q.speaker = no_entity;
    if (q.speaker_span) {
      if (const auto found = at_span.find({q.speaker_span->start, q.speaker_span->end}); found != at_span.end()) {
        q.speaker = static_cast<std::int32_t>(found->second);
        continue;
      }
    }
    for (std::size_t e = 0; e < in.entities.size() && q.speaker == no_entity; ++e) {
      const auto& aliases = in.entities[e].aliases;
      if (in.entities[e].name == old_name || std::find(aliases.begin(), aliases.end(), old_name) != aliases.end()) {
        q.speaker = static_cast<std::int32_t>(e);
      }
    }
  }
}

void rebuild_with_quotes(const Article& article, const std::vector<QuoteSpan>& quotes, bool replace, ArticleInput& in) {
  const std::uint32_t length = article.char_length();
  read_input(article, OffsetUnit::chars, in);
  std::unordered_map<std::string_view, std::int32_t> by_id;
  for (std::size_t e = 0; e < in.entities.size(); ++e) by_id.emplace(in.entities[e].id, static_cast<std::int32_t>(e));
  if (replace) in.quotes.clear();
  // Given attribution numbers are placed after the article's own.
  const auto first = static_cast<std::int32_t>(in.quotes.size());
  const auto attributions = static_cast<std::uint32_t>(replace ? 0 : article.attribution_count());
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    const QuoteSpan& q = quotes[i];
    check_span(q.chars, length, fmt::format("/{}", i));
    if (q.speaker_chars) check_span(*q.speaker_chars, length, fmt::format("/{}/speaker_span", i));
    if (q.cue_chars) check_span(*q.cue_chars, length, fmt::format("/{}/cue_span", i));
    if (q.parent != no_quote && (q.parent < 0 || static_cast<std::size_t>(q.parent) >= quotes.size())) {
      throw SchemaError(fmt::format("/{}/parent", i), fmt::format("no quote {}", q.parent));
    }
    std::int32_t speaker = no_entity;
    if (!q.speaker.empty()) {
      const auto found = by_id.find(q.speaker);
      if (found == by_id.end()) {
        throw SchemaError(fmt::format("/{}/speaker", i),
                          fmt::format("no entity with id \"{}\" in the article", q.speaker));
      }
      speaker = found->second;
    }
    std::optional<std::uint32_t> attribution;
    if (q.attribution) attribution = attributions + *q.attribution;
    in.quotes.push_back({q.chars, q.kind, speaker, q.speaker_chars, q.cue, q.cue_chars, attribution,
                         q.parent == no_quote ? no_quote : first + q.parent});
  }
}

template <class Items>
void check_sizes(const Corpus& corpus, const std::vector<Items>& per_article, const char* what) {
  if (per_article.size() != corpus.size()) {
    throw InvalidArgumentError(
        fmt::format("{} given for {} articles, but the corpus has {}", what, per_article.size(), corpus.size()));
  }
}

}  // namespace

std::optional<QuoteStyle> quote_style_from_string(std::string_view name) noexcept {
  if (name == "straight") return QuoteStyle::straight;
  if (name == "curly") return QuoteStyle::curly;
  return std::nullopt;
}

std::string normalize_quotes(std::string_view text, QuoteStyle style) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool at_start = true;
  char32_t previous = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t begin = i;
    const char32_t c = next_code_point(text, i);
    char32_t written = c;
    if (style == QuoteStyle::straight) {
      if (is_double_mark(c)) written = '"';
      if (is_single_mark(c)) written = '\'';
    } else if (c == '"') {
      written = at_start || opens_after(previous) ? 0x201C : 0x201D;
    } else if (c == '\'') {
      const bool inside_word =
          !at_start && is_word_char(previous) && i < text.size() && is_word_char(code_point_at(text, i));
      written = !inside_word && (at_start || opens_after(previous)) ? 0x2018 : 0x2019;
    }
    if (written == c) {
      out.append(text.data() + begin, i - begin);
    } else {
      append_utf8(out, written);
    }
    previous = written;
    at_start = false;
  }
  return out;
}

Article normalize_quotes(const Article& article, QuoteStyle style) {
  return detail::rebuild_article(article, [style](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_normalized(a, style, in, scratch);
  });
}

Corpus normalize_quotes(const Corpus& corpus, QuoteStyle style, unsigned threads) {
  return detail::rebuild_corpus(corpus, threads, [style](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_normalized(a, style, in, scratch);
  });
}

ParagraphSelection ParagraphSelection::at(std::vector<std::int64_t> positions) {
  ParagraphSelection selection;
  selection.positions_ = std::move(positions);
  return selection;
}

ParagraphSelection ParagraphSelection::slice(std::optional<std::int64_t> start, std::optional<std::int64_t> stop,
                                             std::int64_t step) {
  if (step == 0) throw InvalidArgumentError("slice step cannot be zero");
  ParagraphSelection selection;
  selection.is_slice_ = true;
  selection.start_ = start;
  selection.stop_ = stop;
  selection.step_ = step;
  return selection;
}

std::vector<std::uint32_t> ParagraphSelection::resolve(std::size_t count) const {
  const auto n = static_cast<std::int64_t>(count);
  std::vector<std::uint32_t> out;
  if (!is_slice_) {
    for (const auto p : positions_) {
      const std::int64_t q = p < 0 ? p + n : p;
      if (q < 0 || q >= n) {
        throw OutOfRangeError(fmt::format("paragraph index {} out of range for {} paragraphs", p, count));
      }
      out.push_back(static_cast<std::uint32_t>(q));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  // Python's slice.indices(), for bounds and steps of any size.
  const bool backwards = step_ < 0;
  const auto bound = [&](std::optional<std::int64_t> value, std::int64_t unset) {
    if (!value) return unset;
    std::int64_t v = *value;
    if (v < 0) {
      v = v < -n ? (backwards ? -1 : 0) : v + n;
    } else if (v >= n) {
      v = backwards ? n - 1 : n;
    }
    return v;
  };
  const std::int64_t start = bound(start_, backwards ? n - 1 : 0);
  const std::int64_t stop = bound(stop_, backwards ? -1 : n);
  // Counted rather than stepped, so a huge step cannot overflow.
  const std::uint64_t stride = backwards ? 0 - static_cast<std::uint64_t>(step_) : static_cast<std::uint64_t>(step_);
  const std::int64_t distance = backwards ? start - stop : stop - start;
  if (distance > 0) {
    const std::uint64_t items = (static_cast<std::uint64_t>(distance) - 1) / stride + 1;
    for (std::uint64_t k = 0; k < items; ++k) {
      const std::uint64_t offset = k * stride;  // < distance
      out.push_back(static_cast<std::uint32_t>(backwards ? start - static_cast<std::int64_t>(offset)
                                                         : start + static_cast<std::int64_t>(offset)));
    }
  }
  if (backwards) std::reverse(out.begin(), out.end());
  return out;
}

Article select_paragraphs(const Article& article, const ParagraphSelection& selection) {
  const auto kept = selection.resolve(article.paragraph_count());
  return detail::rebuild_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    return rebuild_selected(a, kept, in);
  });
}

Corpus select_paragraphs(const Corpus& corpus, const ParagraphSelection& selection, unsigned threads) {
  return detail::rebuild_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    return rebuild_selected(a, selection.resolve(a.paragraph_count()), in);
  });
}

Corpus select_paragraphs(const Corpus& corpus, const std::vector<std::vector<std::uint32_t>>& kept, unsigned threads) {
  check_sizes(corpus, kept, "paragraph selections");
  return detail::rebuild_corpus(corpus, threads, [&](std::size_t i, const Article& a, ArticleInput& in, Scratch&) {
    return rebuild_selected(a, checked_positions(kept[i], a.paragraph_count()), in);
  });
}

std::optional<std::uint32_t> find_entity(const Article& article, std::string_view key) {
  const std::size_t count = article.entity_count();
  std::vector<Entity> entities;
  entities.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    entities.push_back(article.entity(i));
    if (entities.back().id == key) return static_cast<std::uint32_t>(i);
  }
  const auto unique = [&](const auto& matches, const char* what) -> std::optional<std::uint32_t> {
    std::vector<std::uint32_t> found;
    for (std::uint32_t i = 0; i < count; ++i)
      if (matches(entities[i])) found.push_back(i);
    if (found.size() > 1) {
      throw InvalidArgumentError(
          fmt::format("\"{}\" is {} of several entities of article \"{}\" ({}): name one by its id", key, what,
                      article.id(), ids_of(article, found)));
    }
    if (found.empty()) return std::nullopt;
    return found[0];
  };
  if (auto by_name = unique([&](const Entity& e) { return e.name == key; }, "the name")) return by_name;
  return unique([&](const Entity& e) { return std::find(e.aliases.begin(), e.aliases.end(), key) != e.aliases.end(); },
                "an alias");
}

Article rename_entity(const Article& article, std::string_view key, std::string_view new_name) {
  check_new_name(new_name);
  const std::uint32_t entity = require_entity(article, key);
  return detail::rebuild_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_renamed(a, entity, new_name, in);
    return true;
  });
}

Corpus rename_entity(const Corpus& corpus, std::string_view key, std::string_view new_name, unsigned threads) {
  check_new_name(new_name);
  std::atomic<bool> found{false};
  Corpus out = detail::rebuild_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    const auto entity = find_entity(a, key);
    if (!entity) return false;
    found = true;
    rebuild_renamed(a, *entity, new_name, in);
    return true;
  });
  if (!found) {
    throw EntityNotFound(std::string(key), fmt::format("no entity \"{}\" in any of the {} articles (looked up by id, "
                                                       "name and alias)",
                                                       key, corpus.size()));
  }
  return out;
}

Article merge_entities(const Article& article, std::string_view kept, std::string_view absorbed) {
  const std::uint32_t target = require_entity(article, kept);
  const std::uint32_t gone = require_entity(article, absorbed);
  return detail::rebuild_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_merged(a, target, gone, in);
    return true;
  });
}

Corpus merge_entities(const Corpus& corpus, std::string_view kept, std::string_view absorbed, unsigned threads) {
  std::atomic<bool> found{false};
  Corpus out = detail::rebuild_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    const auto target = find_entity(a, kept);
    const auto gone = find_entity(a, absorbed);
    if (!target || !gone) return false;
    found = true;
    rebuild_merged(a, *target, *gone, in);
    return true;
  });
  if (!found) {
    throw EntityNotFound(std::string(absorbed),
                         fmt::format("no article of the {} holds both \"{}\" and \"{}\" (looked up by id, name and "
                                     "alias)",
                                     corpus.size(), kept, absorbed));
  }
  return out;
}

Article with_entities(const Article& article, const std::vector<EntitySpan>& spans, bool replace) {
  return detail::rebuild_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    rebuild_with_entities(a, spans, replace, in, scratch);
    return true;
  });
}

Corpus with_entities(const Corpus& corpus, const std::vector<std::vector<EntitySpan>>& spans, bool replace,
                     unsigned threads) {
  check_sizes(corpus, spans, "entity lists");
  return detail::rebuild_corpus(corpus, threads, [&](std::size_t i, const Article& a, ArticleInput& in, Scratch& scratch) {
    rebuild_with_entities(a, spans[i], replace, in, scratch);
    return true;
  });
}

Article with_quotes(const Article& article, const std::vector<QuoteSpan>& quotes, bool replace) {
  return detail::rebuild_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_with_quotes(a, quotes, replace, in);
    return true;
  });
}

Corpus with_quotes(const Corpus& corpus, const std::vector<std::vector<QuoteSpan>>& quotes, bool replace,
                   unsigned threads) {
  check_sizes(corpus, quotes, "quote lists");
  return detail::rebuild_corpus(corpus, threads, [&](std::size_t i, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_with_quotes(a, quotes[i], replace, in);
    return true;
  });
}

}  // namespace newsdoc

