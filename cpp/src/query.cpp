// Queries across a corpus; see newsdoc/query.hpp.
#include "newsdoc/query.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "newsdoc/date.hpp"
#include "newsdoc/utf8.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

constexpr std::uint32_t none = 0xFFFFFFFFu;
// A quote's place in its attribution (CorpusIndex::Data::quote_role).
constexpr std::uint8_t role_head = 0;      // the first top-level part: stands for the statement
constexpr std::uint8_t role_part = 1;      // a later top-level part (an interrupted quote)
constexpr std::uint8_t role_fragment = 2;  // a quoted fragment inside another part

// --- Case folding -----------------------------------------------------------

/// The simple lowercase (or case fold) of `c`: one code point for one, never
/// longer in UTF-8 than `c` itself (search() relies on that).
char32_t fold_code_point(char32_t c) noexcept {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if (c < 0x100) {
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0xB5) return 0x3BC;  // micro sign -> Greek mu
    return c;
  }
  if (c < 0x180) {  // Latin Extended-A
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if (c == 0x17F) return 's';
    if ((c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    return c;
  }
  if (c < 0x370) {  // Latin Extended-B: only the regular pairs (Romanian Ș, Ț among them)
    if ((c >= 0x200 && c <= 0x21F) || (c >= 0x222 && c <= 0x233)) return c | 1;
    return c;
  }
  if (c < 0x400) {  // Greek
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c == 0x3C2) return 0x3C3;  // final sigma
    return c;
  }
  if (c < 0x530) {  // Cyrillic and its supplement
    if (c <= 0x40F) return c + 80;
    if (c <= 0x42F) return c + 32;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c | 1;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
    return c;
  }
  if (c >= 0x531 && c <= 0x556) return c + 48;  // Armenian
  if (c >= 0x1E00 && c <= 0x1EFF) {            // Latin Extended Additional (Vietnamese)
    if (c <= 0x1E95 || c >= 0x1EA0) return c | 1;
    if (c == 0x1E9E) return 0xDF;  // capital sharp s
    return c;
  }
  if (c == 0x2126) return 0x3C9;  // Ohm sign
  if (c == 0x212A) return 'k';    // Kelvin sign
  if (c == 0x212B) return 0xE5;   // Angstrom sign
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;  // fullwidth Latin
  return c;
}

void append_utf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

/// The length of the UTF-8 sequence starting with `lead`, or 0 if `lead` cannot start one.
std::size_t sequence_length(unsigned char lead) noexcept {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

/// `text` folded into `out` (replacing its content); returns a view of it.
std::string_view fold_into(std::string_view text, std::string& out) {
  out.clear();
  append_folded(text, out);
  return out;
}

std::string_view trimmed(std::string_view text) noexcept { return trim_white_space(text); }

/// Folded, trimmed copies of `values`.
std::vector<std::string> folded_all(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const auto& value : values) out.push_back(fold_case(trimmed(value)));
  return out;
}

bool contains_value(const std::vector<std::string>& values, std::string_view value) noexcept {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// --- Posting lists ------------------------------------------------------------

/// For each key, the ids (ascending) that carry it; built from (key, id) pairs.
struct Postings {
  std::vector<std::uint32_t> offsets;  // keys + 1 entries
  std::vector<std::uint32_t> ids;

  /// `pairs` must list each id's keys in ascending id order.
  void build(std::size_t keys, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
    offsets.assign(keys + 1, 0);
    for (const auto& [key, id] : pairs) ++offsets[key + 1];
    for (std::size_t k = 0; k < keys; ++k) offsets[k + 1] += offsets[k];
    ids.resize(pairs.size());
    std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& [key, id] : pairs) ids[next[key]++] = id;
  }

  std::pair<const std::uint32_t*, const std::uint32_t*> of(std::uint32_t key) const noexcept {
    if (key == none || key + 1 >= offsets.size()) return {nullptr, nullptr};
    return {ids.data() + offsets[key], ids.data() + offsets[key + 1]};
  }
};

/// Interns strings as dense ids.
class Keys {
 public:
  std::uint32_t intern(const std::string& key) {
    auto [it, inserted] = map_.try_emplace(key, static_cast<std::uint32_t>(map_.size()));
    return it->second;
  }
  std::uint32_t find(const std::string& key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? none : it->second;
  }
  std::size_t size() const noexcept { return map_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> map_;
};

/// The ids of the postings of every key in `names` (folded and trimmed
/// here), ascending and without repeats.
std::vector<std::uint32_t> union_of(const Keys& keys, const Postings& postings, const std::vector<std::string>& names) {
  std::vector<std::pair<const std::uint32_t*, const std::uint32_t*>> lists;
  std::vector<std::uint32_t> seen;
  for (const auto& name : names) {
    const auto key = keys.find(fold_case(trimmed(name)));
    if (key == none || std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    lists.push_back(postings.of(key));
  }
  std::vector<std::uint32_t> out;
  if (lists.size() == 1) return std::vector<std::uint32_t>(lists[0].first, lists[0].second);
  for (const auto& [begin, end] : lists) out.insert(out.end(), begin, end);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::string fold_case(std::string_view text) {
  std::string out;
  append_folded(text, out);
  return out;
}

void append_folded(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char lead = *p;
    if (lead < 0x80) {
      out.push_back(static_cast<char>(lead >= 'A' && lead <= 'Z' ? lead + 32 : lead));
      ++p;
      continue;
    }
    const std::size_t length = sequence_length(lead);
    if (length == 0 || static_cast<std::size_t>(end - p) < length) {  // not UTF-8: kept as it is
      out.push_back(static_cast<char>(lead));
      ++p;
      continue;
    }
    char32_t c = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    bool valid = true;
    for (std::size_t i = 1; i < length; ++i) {
      if ((p[i] & 0xC0) != 0x80) valid = false;
      c = (c << 6) | (p[i] & 0x3F);
    }
    if (!valid) {
      out.push_back(static_cast<char>(lead));
      ++p;
      continue;
    }
    const char32_t folded = fold_code_point(c);
    if (folded == c) {
      out.append(reinterpret_cast<const char*>(p), length);
    } else {
      append_utf8(folded, out);
    }
    p += length;
  }
}

// --- CorpusIndex ----------------------------------------------------------------

struct CorpusIndex::Data {
  Corpus corpus;
  // One row per quote, in corpus order.
  std::vector<std::uint32_t> quote_article, quote_item;
  std::vector<QuoteKind> quote_kind;
  /// Per quote: its attribution, and whether it is a fragment / the attribution's head.
  std::vector<std::uint32_t> quote_attribution;
  std::vector<std::uint8_t> quote_role;
  // One row per mention, in corpus order; the type key of its entity.
  std::vector<std::uint32_t> mention_article, mention_item, mention_type;
  Keys names;  // folded entity names and aliases
  Keys types;  // folded entity types
  Postings speaker_quotes, name_mentions, type_mentions;

  struct EntityRow {
    std::string_view name, type;
    std::uint32_t type_key = none;
    std::uint32_t name_key = none;
    std::vector<std::pair<std::uint32_t, std::string_view>> aliases;  // (folded key, as written)
    std::uint32_t articles = 0, mentions = 0, quotes = 0;
    std::uint32_t last_article = none;
  };
  std::vector<EntityRow> entity_rows;
};

CorpusIndex::CorpusIndex(Corpus corpus) : data_(std::make_unique<Data>()) {
  auto& d = *data_;
  d.corpus = std::move(corpus);
  const auto& articles = d.corpus.articles();
  if (articles.size() >= none) throw std::length_error("corpus too large to index");

  std::size_t quote_total = 0, mention_total = 0;
  for (const auto& article : articles) {
    quote_total += article.quote_count();
    mention_total += article.mention_count();
  }
  if (quote_total >= none || mention_total >= none) throw std::length_error("corpus too large to index");
  d.quote_article.reserve(quote_total);
  d.quote_item.reserve(quote_total);
  d.quote_kind.reserve(quote_total);
  d.quote_attribution.reserve(quote_total);
  d.quote_role.reserve(quote_total);
  d.mention_article.reserve(mention_total);
  d.mention_item.reserve(mention_total);
  d.mention_type.reserve(mention_total);

  std::vector<std::pair<std::uint32_t, std::uint32_t>> speaker_pairs, name_pairs, type_pairs;
  speaker_pairs.reserve(quote_total * 2);
  name_pairs.reserve(mention_total * 2);
  type_pairs.reserve(mention_total);

  std::unordered_map<std::string, std::uint32_t> row_of;  // name '\0' type -> entity row
  std::string buffer, row_key;
  // Per entity of the current article: its name keys [key_begin[e], key_begin[e + 1]), type key, row.
  std::vector<std::uint32_t> entity_keys, key_begin, entity_type, entity_row, entity_mentions, entity_quotes;

  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const auto& article = articles[a];
    const auto& store = *article.store();
    const auto& record = store.articles[article.index()];

    entity_keys.clear();
    key_begin.clear();
    entity_type.clear();
    entity_row.clear();
    const std::size_t entity_count = record.entities.size();
    entity_mentions.assign(entity_count, 0);
    entity_quotes.assign(entity_count, 0);
    for (auto e = record.entities.begin; e < record.entities.end; ++e) {
      const auto& entity = store.entities[e];
      key_begin.push_back(static_cast<std::uint32_t>(entity_keys.size()));
      const std::size_t first_key = entity_keys.size();
      // Interns the folded `name` and adds it to the entity's keys once; returns its key.
      const auto add_key = [&](std::string_view name) {
        const auto key = d.names.intern(std::string(fold_into(trimmed(name), buffer)));
        if (std::find(entity_keys.begin() + static_cast<std::ptrdiff_t>(first_key), entity_keys.end(), key) ==
            entity_keys.end()) {
          entity_keys.push_back(key);
        }
        return key;
      };
      add_key(entity.name.view());
      const auto type_key = d.types.intern(std::string(fold_into(trimmed(entity.type.view()), buffer)));
      entity_type.push_back(type_key);

      row_key.assign(entity.name.view());
      row_key.push_back('\0');
      row_key.append(entity.type.view());
      auto [it, inserted] = row_of.try_emplace(row_key, static_cast<std::uint32_t>(d.entity_rows.size()));
      if (inserted) {
        Data::EntityRow row;
        row.name = entity.name.view();
        row.type = entity.type.view();
        row.type_key = type_key;
        row.name_key = entity_keys[first_key];
        d.entity_rows.push_back(std::move(row));
      }
      auto& row = d.entity_rows[it->second];
      entity_row.push_back(it->second);
      if (row.last_article != a) {
        row.last_article = a;
        ++row.articles;
      }
      for (auto s = entity.aliases.begin; s < entity.aliases.end; ++s) {
        const auto alias = store.strings[s].view();
        const auto key = add_key(alias);
        if (key == row.name_key) continue;
        const bool known = std::any_of(row.aliases.begin(), row.aliases.end(),
                                       [key](const auto& known_alias) { return known_alias.first == key; });
        if (!known) row.aliases.emplace_back(key, alias);
      }
    }
    key_begin.push_back(static_cast<std::uint32_t>(entity_keys.size()));

    for (auto q = record.quotes.begin; q < record.quotes.end; ++q) {
      const auto& quote = store.quotes[q];
      const auto global = static_cast<std::uint32_t>(d.quote_article.size());
      d.quote_article.push_back(a);
      d.quote_item.push_back(q - record.quotes.begin);
      d.quote_kind.push_back(quote.kind);
      d.quote_attribution.push_back(quote.attribution);
      const bool head = store.attributions[record.attributions.begin + quote.attribution].head == q - record.quotes.begin;
      d.quote_role.push_back(quote.parent != no_quote ? role_fragment : head ? role_head : role_part);
      if (quote.speaker != no_entity && static_cast<std::size_t>(quote.speaker) < entity_count) {
        const auto e = static_cast<std::size_t>(quote.speaker);
        if (head) ++entity_quotes[e];
        for (auto k = key_begin[e]; k < key_begin[e + 1]; ++k) speaker_pairs.emplace_back(entity_keys[k], global);
      }
    }

    for (auto m = record.mentions.begin; m < record.mentions.end; ++m) {
      const auto& mention = store.mentions[m];
      const auto global = static_cast<std::uint32_t>(d.mention_article.size());
      d.mention_article.push_back(a);
      d.mention_item.push_back(m - record.mentions.begin);
      const auto e = static_cast<std::size_t>(mention.entity);
      if (e >= entity_count) {
        d.mention_type.push_back(none);
        continue;
      }
      ++entity_mentions[e];
      d.mention_type.push_back(entity_type[e]);
      type_pairs.emplace_back(entity_type[e], global);
      for (auto k = key_begin[e]; k < key_begin[e + 1]; ++k) name_pairs.emplace_back(entity_keys[k], global);
    }

    for (std::size_t e = 0; e < entity_count; ++e) {
      auto& row = d.entity_rows[entity_row[e]];
      row.mentions += entity_mentions[e];
      row.quotes += entity_quotes[e];
    }
  }

  d.speaker_quotes.build(d.names.size(), speaker_pairs);
  d.name_mentions.build(d.names.size(), name_pairs);
  d.type_mentions.build(d.types.size(), type_pairs);
}

CorpusIndex::~CorpusIndex() = default;
CorpusIndex::CorpusIndex(CorpusIndex&&) noexcept = default;
CorpusIndex& CorpusIndex::operator=(CorpusIndex&&) noexcept = default;

const Corpus& CorpusIndex::corpus() const noexcept { return data_->corpus; }
std::size_t CorpusIndex::quote_count() const noexcept { return data_->quote_article.size(); }
std::size_t CorpusIndex::mention_count() const noexcept { return data_->mention_article.size(); }

std::vector<ItemRef> CorpusIndex::quotes(const QuoteQuery& query) const { return find_quotes(query, false); }

std::vector<ItemRef> CorpusIndex::attributions(const QuoteQuery& query) const { return find_quotes(query, true); }

std::vector<ItemRef> CorpusIndex::find_quotes(const QuoteQuery& query, bool statements) const {
  const auto& d = *data_;
  std::uint8_t kinds = 0x7;  // bit per QuoteKind
  if (query.kinds) {
    kinds = 0;
    for (auto kind : *query.kinds) kinds |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(kind));
  }
  std::string needle, folded;
  if (query.contains) needle = fold_case(*query.contains);
  const auto holds_needle = [&](const detail::Store& store, const detail::ArticleRecord& record, std::uint32_t item) {
    const auto& quote = store.quotes[record.quotes.begin + item];
    const auto text = record.body.view().substr(quote.bytes.start, quote.bytes.end - quote.bytes.start);
    return fold_into(text, folded).find(needle) != std::string_view::npos;
  };

  std::vector<ItemRef> out;
  const auto consider = [&](std::uint32_t global) {
    const auto role = d.quote_role[global];
    if (statements ? role != role_head : role == role_fragment && !query.fragments) return;
    if (!(kinds & (1u << static_cast<unsigned>(d.quote_kind[global])))) return;
    const std::uint32_t a = d.quote_article[global];
    const std::uint32_t item = d.quote_item[global];
    if (query.contains && !needle.empty()) {
      const auto& article = d.corpus[a];
      const auto& store = *article.store();
      const auto& record = store.articles[article.index()];
      if (!statements) {
        if (!holds_needle(store, record, item)) return;
      } else {
        const auto& parts = store.attributions[record.attributions.begin + d.quote_attribution[global]].parts;
        bool found = false;
        for (auto p = parts.begin; p < parts.end && !found; ++p) {
          const auto part = store.attribution_parts[p];
          found = store.quotes[record.quotes.begin + part].parent == no_quote && holds_needle(store, record, part);
        }
        if (!found) return;
      }
    }
    out.push_back({a, statements ? d.quote_attribution[global] : item});
  };

  if (query.speakers) {
    for (auto global : union_of(d.names, d.speaker_quotes, *query.speakers)) consider(global);
  } else {
    if (!query.contains && kinds == 0x7) out.reserve(d.quote_article.size());
    for (std::uint32_t global = 0; global < d.quote_article.size(); ++global) consider(global);
  }
  return out;
}

std::vector<ItemRef> CorpusIndex::mentions(const MentionQuery& query) const {
  const auto& d = *data_;
  std::vector<std::uint32_t> type_keys;
  if (query.types) {
    for (const auto& type : folded_all(*query.types)) {
      const auto key = d.types.find(type);
      if (key != none) type_keys.push_back(key);
    }
    std::sort(type_keys.begin(), type_keys.end());
  }
  std::vector<ItemRef> out;
  const auto emit = [&](std::uint32_t global) {
    if (query.types && !std::binary_search(type_keys.begin(), type_keys.end(), d.mention_type[global])) return;
    out.push_back({d.mention_article[global], d.mention_item[global]});
  };
  if (query.entities) {
    for (auto global : union_of(d.names, d.name_mentions, *query.entities)) emit(global);
  } else if (query.types) {
    std::vector<std::uint32_t> globals;
    for (auto key : type_keys) {
      const auto [begin, end] = d.type_mentions.of(key);
      globals.insert(globals.end(), begin, end);
    }
    if (type_keys.size() > 1) std::sort(globals.begin(), globals.end());
    for (auto global : globals) emit(global);
  } else {
    out.reserve(d.mention_article.size());
    for (std::uint32_t global = 0; global < d.mention_article.size(); ++global) emit(global);
  }
  return out;
}

std::vector<EntityCount> CorpusIndex::entities(const std::optional<std::vector<std::string>>& types) const {
  const auto& d = *data_;
  std::vector<std::uint32_t> type_keys;
  if (types) {
    for (const auto& type : folded_all(*types)) type_keys.push_back(d.types.find(type));
  }
  std::vector<EntityCount> out;
  for (const auto& row : d.entity_rows) {
    if (types && std::find(type_keys.begin(), type_keys.end(), row.type_key) == type_keys.end()) continue;
    EntityCount count;
    count.name = row.name;
    count.type = row.type;
    count.aliases.reserve(row.aliases.size());
    for (const auto& alias : row.aliases) count.aliases.push_back(alias.second);
    count.articles = row.articles;
    count.mentions = row.mentions;
    count.quotes = row.quotes;
    out.push_back(std::move(count));
  }
  return out;
}

std::vector<std::uint32_t> CorpusIndex::articles(const ArticleFilter& filter) const {
  const auto& d = *data_;
  const auto& articles = d.corpus.articles();
  std::vector<std::uint8_t> has_quote;
  if (filter.quote_speakers) {
    has_quote.assign(articles.size(), 0);
    for (auto global : union_of(d.names, d.speaker_quotes, *filter.quote_speakers)) has_quote[d.quote_article[global]] = 1;
  }
  std::vector<std::string> sources, authors, tags;
  if (filter.sources) sources = folded_all(*filter.sources);
  if (filter.authors) authors = folded_all(*filter.authors);
  if (filter.tags) tags = folded_all(*filter.tags);
  // Bounds are instants: from the start of the period the lower bound names
  // to the end of the one the upper bound names ("2016-09" ends on the 30th).
  std::int64_t from = std::numeric_limits<std::int64_t>::min();
  std::int64_t to = std::numeric_limits<std::int64_t>::max();
  const auto bound = [](const std::string& text, const char* what) {
    const auto date = parse_date(text);
    if (!date) throw std::invalid_argument(std::string(what) + ": not a date newsdoc reads: \"" + text + "\"");
    return *date;
  };
  if (filter.published_from) from = bound(*filter.published_from, "published_from").seconds;
  if (filter.published_to) to = period_end(bound(*filter.published_to, "published_to"));

  std::string buffer;
  const auto any_in = [&](const detail::Store& store, detail::Range range, const std::vector<std::string>& values) {
    for (auto s = range.begin; s < range.end; ++s) {
      if (contains_value(values, fold_into(trimmed(store.strings[s].view()), buffer))) return true;
    }
    return false;
  };

  std::vector<std::uint32_t> out;
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    if (filter.quote_speakers && !has_quote[a]) continue;
    const auto& article = articles[a];
    const auto& store = *article.store();
    const auto& record = store.articles[article.index()];
    if (filter.sources && !contains_value(sources, fold_into(trimmed(record.source.view()), buffer))) continue;
    if (filter.authors && !any_in(store, record.authors, authors)) continue;
    if (filter.tags && !any_in(store, record.tags, tags)) continue;
    if (filter.published_from || filter.published_to) {
      if (!record.has_published) continue;
      const auto date = parse_date(record.published.view());
      if (!date || date->seconds < from || date->seconds > to) continue;
    }
    out.push_back(a);
  }
  return out;
}

Corpus take(const Corpus& corpus, const std::vector<std::uint32_t>& positions) {
  std::vector<Article> out;
  out.reserve(positions.size());
  for (auto position : positions) out.push_back(corpus.at(position));
  return Corpus(std::move(out));
}

// --- Search -----------------------------------------------------------------------

std::string_view to_string(SearchField field) noexcept { return field == SearchField::title ? "title" : "body"; }

namespace {

/// Code point offsets of byte offsets in `text`, asked for in ascending order.
class CharCounter {
 public:
  explicit CharCounter(std::string_view text) : text_(text) {}
  std::uint32_t at(std::size_t byte) {
    chars_ += count_code_points(text_.substr(byte_, byte - byte_));
    byte_ = byte;
    return chars_;
  }

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::uint32_t chars_ = 0;
};

/// Byte offsets of code point offsets in `text`, asked for in ascending order.
class ByteCounter {
 public:
  explicit ByteCounter(std::string_view text) : text_(text) {}
  std::uint32_t at(std::uint32_t chars) {
    while (chars_ < chars && byte_ < text_.size()) {
      const auto length = sequence_length(static_cast<unsigned char>(text_[byte_]));
      byte_ += length == 0 ? 1 : length;
      ++chars_;
    }
    return static_cast<std::uint32_t>(byte_);
  }

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::uint32_t chars_ = 0;
};

void search_field(std::string_view text, std::string_view needle, bool fold, std::string& buffer, std::uint32_t article,
                  SearchField field, std::vector<SearchHit>& out) {
  if (text.size() < needle.size()) return;  // a folded text is never longer than the text
  const std::string_view haystack = fold ? fold_into(text, buffer) : text;
  // Folding never lengthens a code point, so equal sizes mean every code
  // point kept its length: the byte offsets are those of `text`.
  const bool same_bytes = haystack.size() == text.size();
  CharCounter chars(haystack);
  ByteCounter bytes(text);
  std::size_t at = haystack.find(needle);
  while (at != std::string_view::npos) {
    SearchHit hit;
    hit.article = article;
    hit.field = field;
    hit.chars.start = chars.at(at);
    hit.chars.end = chars.at(at + needle.size());
    if (same_bytes) {
      hit.bytes = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
    } else {
      hit.bytes.start = bytes.at(hit.chars.start);
      hit.bytes.end = bytes.at(hit.chars.end);
    }
    out.push_back(hit);
    at = haystack.find(needle, at + needle.size());
  }
}

}  // namespace

std::vector<SearchHit> search(const Corpus& corpus, std::string_view pattern, const SearchOptions& options) {
  if (pattern.empty()) throw std::invalid_argument("the search pattern is empty");
  const bool fold = !options.case_sensitive;
  const std::string needle = fold ? fold_case(pattern) : std::string(pattern);
  std::string buffer;
  std::vector<SearchHit> out;
  const auto& articles = corpus.articles();
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const auto& article = articles[a];
    if (options.title) search_field(article.title(), needle, fold, buffer, a, SearchField::title, out);
    if (options.body) search_field(article.text(), needle, fold, buffer, a, SearchField::body, out);
  }
  return out;
}

}  // namespace newsdoc
