// Queries across a corpus; see newsdoc/query.hpp.
#include "newsdoc/query.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <limits>
#include <unordered_map>

#include "case_fold.hpp"
#include "code_points.hpp"
#include "newsdoc/date.hpp"
#include "newsdoc/utf8.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

using detail::fold_into;
using detail::Internals;

constexpr std::uint32_t none = 0xFFFFFFFFu;
// A quote's place in its attribution (CorpusIndex::Data::quote_role).
constexpr std::uint8_t role_head = 0;      // the first top-level part: stands for the statement
constexpr std::uint8_t role_part = 1;      // a later top-level part (an interrupted quote)
constexpr std::uint8_t role_fragment = 2;  // a quoted fragment inside another part
// A short name links to the candidate mentioned this many times as often as the runner-up (header notes).
constexpr std::uint64_t dominance = 5;


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

/// Interns strings as dense ids and keeps their text. The map owns the
/// strings inline (one cache miss less per lookup than views of strings kept
/// elsewhere); its nodes never move, so views of its keys stay valid.
class NameTable {
 public:
  std::uint32_t intern(const std::string& text) {
    const auto [it, inserted] = ids_.try_emplace(text, static_cast<std::uint32_t>(texts_.size()));
    if (inserted) texts_.push_back(it->first);
    return it->second;
  }
  std::uint32_t find(const std::string& text) const {
    const auto it = ids_.find(text);
    return it == ids_.end() ? none : it->second;
  }
  std::string_view text(std::uint32_t id) const { return texts_[id]; }
  std::size_t size() const noexcept { return texts_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string_view> texts_;
};

/// `text` as entity names are compared, in `out`: folded (fold_case), each
/// run of white space (no-break spaces too) one space, trimmed.
std::string_view normalise_name_into(std::string_view text, std::string& out) {
  fold_into(trimmed(text), out);
  std::size_t write = 0;
  bool in_space = false;
  for (std::size_t read = 0; read < out.size();) {
    const char c = out[read];
    const bool nbsp = c == '\xC2' && read + 1 < out.size() && out[read + 1] == '\xA0';
    if (nbsp || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      in_space = true;
      read += nbsp ? 2 : 1;
      continue;
    }
    if (in_space) out[write++] = ' ';
    in_space = false;
    out[write++] = out[read++];
  }
  out.resize(write);
  return out;
}

/// Whether a name of this (folded) type stands for a longer one it ends
/// ("Trump" for "Donald Trump", "Justice Department" for "US Justice
/// Department"). Not for places: "Virginia" is not "West Virginia", nor
/// "Sudan" "South Sudan"; their short forms link as aliases only.
bool links_by_last_words(std::string_view folded_type) noexcept {
  return folded_type == "person" || folded_type == "per" || folded_type == "org" || folded_type == "organization" ||
         folded_type == "organisation";
}

}  // namespace

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
  Keys types;  // folded entity types
  Postings type_mentions;

  // Names: every entity name and alias, normalised (normalise_name_into).
  // A key is a (type, name) pair: "Trump" the person and "Trump" the
  // organisation resolve on their own.
  NameTable names;
  std::vector<std::uint32_t> key_name, key_type;
  // The keys of a name, one per type, as a chain: the first, and each key's
  // next (none ends it). Usually one long: cheaper than a second hash table.
  std::vector<std::uint32_t> name_first_key, next_key;
  /// Per key: the row of the article entities named so, or none (a key that is only an alias).
  std::vector<std::uint32_t> key_row;
  /// Per key: the corpus entity it names, or none (an alias the corpus leaves unresolved).
  std::vector<std::uint32_t> key_entity;
  /// Per key: named by the corpus rule (a short name linked to a fuller one), so
  /// the articles' own aliases of it are not consulted.
  std::vector<std::uint8_t> key_linked;

  /// The article entities of one (name, type) key, over the corpus.
  struct Row {
    std::uint32_t key = none;
    std::uint32_t type_key = none;
    std::string_view type;  // as first written
    std::vector<std::pair<std::string_view, std::uint32_t>> spellings;  // (as written, entities so written)
    std::vector<std::pair<std::uint32_t, std::string_view>> aliases;     // (key, as first written)
    std::uint32_t mentions = 0, quotes = 0;
  };
  std::vector<Row> rows;
  std::vector<std::uint32_t> article_entities;  // per article + 1: where its entities start in entity_row
  std::vector<std::uint32_t> entity_row;        // per article entity, in corpus order
  std::vector<std::uint32_t> row_entity;        // per row: its corpus entity

  struct Entity {
    std::string_view name, type;
    std::uint32_t type_key = none;
    std::uint32_t key = none;  // of the name it is known by
    std::vector<std::string_view> aliases;
    std::uint32_t articles = 0, mentions = 0, quotes = 0;
  };
  std::vector<Entity> entities;  // in order of first appearance
  // Corpus entity -> its quotes / mentions; key -> quotes / mentions of the
  // article entities holding that key as an alias.
  Postings entity_quotes, entity_mentions, alias_quotes, alias_mentions;

  /// The key of (type, name id), or none.
  std::uint32_t find_key(std::uint32_t type_key, std::uint32_t name_id) const {
    for (auto k = name_first_key[name_id]; k != none; k = next_key[k]) {
      if (key_type[k] == type_key) return k;
    }
    return none;
  }

  std::uint32_t key_for(std::uint32_t type_key, const std::string& name) {
    const auto name_id = names.intern(name);
    if (name_id == name_first_key.size()) name_first_key.push_back(none);
    const auto found = find_key(type_key, name_id);
    if (found != none) return found;
    const auto key = static_cast<std::uint32_t>(key_name.size());
    key_name.push_back(name_id);
    key_type.push_back(type_key);
    key_row.push_back(none);
    next_key.push_back(name_first_key[name_id]);
    name_first_key[name_id] = key;
    return key;
  }

  std::string_view spelling(const Row& row) const;
  void resolve();
  void describe_entities();
  std::vector<std::uint32_t> named(const std::vector<std::string>& queried, const Postings& by_entity,
                                   const Postings& by_alias) const;
};

/// The row's most used spelling; of equally used ones the first by bytes ("Donald Trump" before "donald trump").
std::string_view CorpusIndex::Data::spelling(const Row& row) const {
  const auto* best = &row.spellings.front();
  for (const auto& candidate : row.spellings) {
    if (candidate.second > best->second || (candidate.second == best->second && candidate.first < best->first))
      best = &candidate;
  }
  return best->first;
}

// Corpus-level identity (see "Corpus-level entities" in the header). Keys
// are visited fullest first (more words, then more bytes, then by text, so
// the outcome does not depend on the order of the articles): when a short
// name is visited, every name it may stand for already has its entity.
void CorpusIndex::Data::resolve() {
  const std::size_t key_count = key_name.size();
  std::vector<std::uint32_t> words(key_count);
  for (std::size_t k = 0; k < key_count; ++k) {
    const auto text = names.text(key_name[k]);
    words[k] = 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.end(), ' '));
  }
  std::vector<std::uint32_t> order(key_count);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (words[a] != words[b]) return words[a] > words[b];
    const auto ta = names.text(key_name[a]), tb = names.text(key_name[b]);
    if (ta.size() != tb.size()) return ta.size() > tb.size();
    if (ta != tb) return ta < tb;
    return key_type[a] < key_type[b];
  });
  std::vector<std::uint32_t> rank(key_count);
  for (std::size_t i = 0; i < key_count; ++i) rank[order[i]] = static_cast<std::uint32_t>(i);

  // (short key, full name's key): found by looking up each trailing part of
  // every name (one hash lookup per word, no comparison of names with names),
  // and from the aliases the articles give their entities.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::string type_text, suffix;
  for (const auto& row : rows) {
    const auto text = names.text(key_name[row.key]);
    if (links_by_last_words(fold_into(row.type, type_text))) {
      for (auto space = text.find(' '); space != std::string_view::npos; space = text.find(' ', space + 1)) {
        suffix.assign(text.substr(space + 1));
        const auto name_id = names.find(suffix);
        if (name_id == none) continue;
        const auto short_key = find_key(row.type_key, name_id);
        if (short_key != none) pairs.emplace_back(short_key, row.key);
      }
    }
    for (const auto& alias : row.aliases) {
      if (rank[row.key] < rank[alias.first]) pairs.emplace_back(alias.first, row.key);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  Postings candidates;
  candidates.build(key_count, pairs);

  key_entity.assign(key_count, none);
  key_linked.assign(key_count, 0);
  row_entity.assign(rows.size(), none);
  std::vector<std::uint64_t> weight;      // per entity: mentions of the names it has so far
  std::vector<std::uint32_t> counted_by;  // per entity: the last key that counted it as a candidate
  std::vector<std::uint32_t> targets;
  for (const auto key : order) {
    targets.clear();
    const auto [begin, end] = candidates.of(key);
    for (auto c = begin; c < end; ++c) {
      const auto entity = row_entity[key_row[*c]];
      if (counted_by[entity] != key) {
        counted_by[entity] = key;
        targets.push_back(entity);
      }
    }
    std::uint32_t chosen = none;
    if (targets.size() == 1) {
      chosen = targets[0];
    } else if (targets.size() > 1) {
      // One clearly dominant candidate: mentioned at least five times as
      // often as the runner-up (see the header notes for why not a share of
      // all candidates).
      std::uint32_t best = targets[0];
      for (const auto t : targets) {
        if (weight[t] > weight[best]) best = t;
      }
      std::uint64_t runner_up = 0;
      for (const auto t : targets) {
        if (t != best) runner_up = std::max(runner_up, weight[t]);
      }
      if (weight[best] > 0 && weight[best] >= dominance * runner_up) chosen = best;
    }
    const auto row = key_row[key];
    if (chosen != none) {
      key_linked[key] = 1;
      key_entity[key] = chosen;
      if (row != none) {
        row_entity[row] = chosen;
        weight[chosen] += rows[row].mentions;
      }
    } else if (row != none) {
      key_entity[key] = row_entity[row] = static_cast<std::uint32_t>(weight.size());
      weight.push_back(rows[row].mentions);
      counted_by.push_back(none);
    }
  }

  // Entities numbered by first appearance: rows are numbered so already.
  const std::size_t entity_count = weight.size();
  std::vector<std::uint32_t> renumbered(entity_count, none);
  std::uint32_t next = 0;
  for (const auto entity : row_entity) {
    if (renumbered[entity] == none) renumbered[entity] = next++;
  }
  for (auto& entity : row_entity) entity = renumbered[entity];
  for (auto& entity : key_entity) {
    if (entity != none) entity = renumbered[entity];
  }
  // Each entity is known by its most widespread full name: a name of one
  // word, or a rare longer one it was linked to ("Democratic President Barack
  // Obama" in one article), does not name Barack Obama.
  std::vector<std::uint32_t> named_by(entity_count, none);
  std::vector<std::uint32_t> spread(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (const auto& s : rows[r].spellings) spread[r] += s.second;
  }
  const auto better_name = [&](std::uint32_t a, std::uint32_t b) {  // whether row a names an entity better than row b
    const auto wa = words[rows[a].key], wb = words[rows[b].key];
    if ((wa > 1) != (wb > 1)) return wa > 1;
    if (spread[a] != spread[b]) return spread[a] > spread[b];
    if (wa != wb) return wa > wb;
    return spelling(rows[a]) < spelling(rows[b]);
  };
  for (std::uint32_t r = 0; r < rows.size(); ++r) {
    auto& best = named_by[row_entity[r]];
    if (best == none || better_name(r, best)) best = r;
  }
  entities.assign(entity_count, Entity{});
  for (std::size_t e = 0; e < entity_count; ++e) {
    const auto& row = rows[named_by[e]];
    auto& entity = entities[e];
    entity.name = spelling(row);
    entity.type = row.type;
    entity.type_key = row.type_key;
    entity.key = row.key;
  }
  describe_entities();
}

// Counts and aliases of the corpus entities, from their rows.
void CorpusIndex::Data::describe_entities() {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& entity = entities[row_entity[r]];
    entity.mentions += rows[r].mentions;
    entity.quotes += rows[r].quotes;
  }
  std::vector<std::uint32_t> last_article(entities.size(), none);
  for (std::uint32_t a = 0; a + 1 < article_entities.size(); ++a) {
    for (auto i = article_entities[a]; i < article_entities[a + 1]; ++i) {
      const auto entity = row_entity[entity_row[i]];
      if (last_article[entity] != a) {
        last_article[entity] = a;
        ++entities[entity].articles;
      }
    }
  }
  // Aliases: the names of its other rows and every alias, first appearance
  // first, each key once, the entity's own name left out.
  struct Named {
    std::uint32_t entity, key;
    std::string_view text;
  };
  std::vector<Named> entity_names;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto entity = row_entity[r];
    entity_names.push_back({entity, rows[r].key, spelling(rows[r])});
    for (const auto& alias : rows[r].aliases) entity_names.push_back({entity, alias.first, alias.second});
  }
  std::stable_sort(entity_names.begin(), entity_names.end(),
                   [](const Named& a, const Named& b) { return a.entity < b.entity; });
  std::vector<std::uint32_t> taken_by(key_name.size(), none);
  for (const auto& n : entity_names) {
    if (n.key == entities[n.entity].key || taken_by[n.key] == n.entity) continue;
    taken_by[n.key] = n.entity;
    entities[n.entity].aliases.push_back(n.text);
  }
}

std::vector<std::uint32_t> CorpusIndex::Data::named(const std::vector<std::string>& queried, const Postings& by_entity,
                                                    const Postings& by_alias) const {
  std::vector<std::pair<const std::uint32_t*, const std::uint32_t*>> lists;
  std::string buffer;
  for (const auto& name : queried) {
    normalise_name_into(name, buffer);
    const auto name_id = names.find(buffer);
    if (name_id == none) continue;
    for (auto key = name_first_key[name_id]; key != none; key = next_key[key]) {
      if (key_entity[key] != none) lists.push_back(by_entity.of(key_entity[key]));
      // An unresolved short name means, in each article, the entity that article gives it to.
      if (!key_linked[key]) lists.push_back(by_alias.of(key));
    }
  }
  lists.erase(std::remove_if(lists.begin(), lists.end(), [](const auto& list) { return list.first == list.second; }),
              lists.end());
  if (lists.size() == 1) return std::vector<std::uint32_t>(lists[0].first, lists[0].second);
  std::vector<std::uint32_t> out;
  for (const auto& [begin, end] : lists) out.insert(out.end(), begin, end);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

CorpusIndex::CorpusIndex(Corpus corpus) : data_(std::make_unique<Data>()) {
  auto& d = *data_;
  d.corpus = std::move(corpus);
  const auto& articles = d.corpus.articles();
  if (articles.size() >= none) throw InvalidArgumentError("corpus too large to index");

  std::size_t quote_total = 0, mention_total = 0, entity_total = 0;
  for (const auto& article : articles) {
    quote_total += article.quote_count();
    mention_total += article.mention_count();
    entity_total += article.entity_count();
  }
  if (quote_total >= none || mention_total >= none || entity_total >= none)
    throw InvalidArgumentError("corpus too large to index");
  d.quote_article.reserve(quote_total);
  d.quote_item.reserve(quote_total);
  d.quote_kind.reserve(quote_total);
  d.quote_attribution.reserve(quote_total);
  d.quote_role.reserve(quote_total);
  d.mention_article.reserve(mention_total);
  d.mention_item.reserve(mention_total);
  d.mention_type.reserve(mention_total);
  d.article_entities.reserve(articles.size() + 1);
  d.entity_row.reserve(entity_total);

  // (row, quote / mention) and (alias key, quote / mention), in corpus order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> row_quotes, row_mentions, alias_quote_pairs,
      alias_mention_pairs, type_pairs;
  row_quotes.reserve(quote_total);
  row_mentions.reserve(mention_total);
  type_pairs.reserve(mention_total);

  std::string buffer;
  // Per entity of the current article: its alias keys [alias_begin[e], alias_begin[e + 1]), type key, and
  // mentions and statements (counted here, added to its row once: rows are far apart in memory).
  std::vector<std::uint32_t> alias_keys, alias_begin, entity_type, entity_mentions, entity_quotes;

  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const auto& article = articles[a];
    const auto& store = *Internals::store(article);
    const auto& record = Internals::record(article);
    const auto first_entity = static_cast<std::uint32_t>(d.entity_row.size());
    d.article_entities.push_back(first_entity);

    alias_keys.clear();
    alias_begin.clear();
    entity_type.clear();
    const std::size_t entity_count = record.entities.size();
    entity_mentions.assign(entity_count, 0);
    entity_quotes.assign(entity_count, 0);
    for (auto e = record.entities.begin; e < record.entities.end; ++e) {
      const auto& entity = store.entities[e];
      const auto type_key = d.types.intern(std::string(fold_into(trimmed(entity.type.view()), buffer)));
      entity_type.push_back(type_key);
      normalise_name_into(entity.name.view(), buffer);
      const auto key = d.key_for(type_key, buffer);
      if (d.key_row[key] == none) {
        d.key_row[key] = static_cast<std::uint32_t>(d.rows.size());
        Data::Row row;
        row.key = key;
        row.type_key = type_key;
        row.type = entity.type.view();
        d.rows.push_back(std::move(row));
      }
      const auto row_index = d.key_row[key];
      d.entity_row.push_back(row_index);
      auto& spellings = d.rows[row_index].spellings;
      const auto name = entity.name.view();
      const auto spelled = std::find_if(spellings.begin(), spellings.end(), [name](const auto& s) { return s.first == name; });
      if (spelled == spellings.end()) {
        spellings.emplace_back(name, 1);
      } else {
        ++spelled->second;
      }

      alias_begin.push_back(static_cast<std::uint32_t>(alias_keys.size()));
      const std::size_t first = alias_keys.size();
      for (auto s = entity.aliases.begin; s < entity.aliases.end; ++s) {
        const auto alias = store.strings[s].view();
        normalise_name_into(alias, buffer);
        const auto alias_key = d.key_for(type_key, buffer);
        if (alias_key == key ||
            std::find(alias_keys.begin() + static_cast<std::ptrdiff_t>(first), alias_keys.end(), alias_key) !=
                alias_keys.end())
          continue;
        alias_keys.push_back(alias_key);
        auto& known = d.rows[row_index].aliases;
        if (std::none_of(known.begin(), known.end(), [alias_key](const auto& k) { return k.first == alias_key; }))
          known.emplace_back(alias_key, alias);
      }
    }
    alias_begin.push_back(static_cast<std::uint32_t>(alias_keys.size()));

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
        row_quotes.emplace_back(d.entity_row[first_entity + e], global);
        for (auto k = alias_begin[e]; k < alias_begin[e + 1]; ++k) alias_quote_pairs.emplace_back(alias_keys[k], global);
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
      row_mentions.emplace_back(d.entity_row[first_entity + e], global);
      for (auto k = alias_begin[e]; k < alias_begin[e + 1]; ++k) alias_mention_pairs.emplace_back(alias_keys[k], global);
    }

    for (std::size_t e = 0; e < entity_count; ++e) {
      auto& row = d.rows[d.entity_row[first_entity + e]];
      row.mentions += entity_mentions[e];
      row.quotes += entity_quotes[e];
    }
  }
  d.article_entities.push_back(static_cast<std::uint32_t>(d.entity_row.size()));

  d.resolve();
  for (auto* pairs : {&row_quotes, &row_mentions}) {
    for (auto& pair : *pairs) pair.first = d.row_entity[pair.first];
  }
  d.entity_quotes.build(d.entities.size(), row_quotes);
  d.entity_mentions.build(d.entities.size(), row_mentions);
  d.alias_quotes.build(d.key_name.size(), alias_quote_pairs);
  d.alias_mentions.build(d.key_name.size(), alias_mention_pairs);
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
      const auto& store = *Internals::store(article);
      const auto& record = Internals::record(article);
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
    for (auto global : d.named(*query.speakers, d.entity_quotes, d.alias_quotes)) consider(global);
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
    for (auto global : d.named(*query.entities, d.entity_mentions, d.alias_mentions)) emit(global);
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
  for (const auto& entity : d.entities) {
    if (types && std::find(type_keys.begin(), type_keys.end(), entity.type_key) == type_keys.end()) continue;
    EntityCount count;
    count.name = entity.name;
    count.type = entity.type;
    count.aliases = entity.aliases;
    count.articles = entity.articles;
    count.mentions = entity.mentions;
    count.quotes = entity.quotes;
    out.push_back(std::move(count));
  }
  return out;
}

std::size_t CorpusIndex::corpus_entity_count() const noexcept { return data_->entities.size(); }

std::uint32_t CorpusIndex::corpus_entity(std::uint32_t article, std::uint32_t entity) const {
  const auto& d = *data_;
  if (article >= d.article_entities.size() - 1)
    throw OutOfRangeError("article " + std::to_string(article) + " is past the end of a corpus of " +
                          std::to_string(d.article_entities.size() - 1) + " articles");
  const auto begin = d.article_entities[article];
  const auto count = d.article_entities[article + 1] - begin;
  if (entity >= count)
    throw OutOfRangeError("entity " + std::to_string(entity) + " is past the end of article " +
                          std::to_string(article) + "'s " + std::to_string(count) + " entities");
  return d.row_entity[d.entity_row[begin + entity]];
}

std::string_view CorpusIndex::corpus_entity_name(std::uint32_t id) const {
  const auto& d = *data_;
  if (id >= d.entities.size())
    throw OutOfRangeError("corpus entity " + std::to_string(id) + " is past the end of " +
                          std::to_string(d.entities.size()));
  return d.entities[id].name;
}

std::vector<std::uint32_t> CorpusIndex::articles(const ArticleFilter& filter) const {
  const auto& d = *data_;
  const auto& articles = d.corpus.articles();
  std::vector<std::uint8_t> has_quote;
  if (filter.quote_speakers) {
    has_quote.assign(articles.size(), 0);
    for (auto global : d.named(*filter.quote_speakers, d.entity_quotes, d.alias_quotes)) has_quote[d.quote_article[global]] = 1;
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
    if (!date) throw InvalidArgumentError(std::string(what) + ": not a date newsdoc reads: \"" + text + "\"");
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
    const auto& store = *Internals::store(article);
    const auto& record = Internals::record(article);
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

}  // namespace newsdoc
