#include "newsdoc/table.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

#include "newsdoc/query.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

using detail::ArticleRecord;
using detail::Internals;
using detail::Range;
using detail::Store;

Column make_column(std::string_view name, ColumnType type) {
  Column column;
  column.name = name;
  column.type = type;
  if (type == ColumnType::string_list || type == ColumnType::int64_list) column.offsets.push_back(0);
  return column;
}

/// Category codes by content. Codes are handed out in order of first
/// appearance; finish() renumbers them so the categories come out sorted,
/// which makes a table's categories independent of the row order.
class CategoryEncoder {
 public:
  explicit CategoryEncoder(Column& column) : column_(column) {}

  std::int64_t code(std::string_view value) {
    const auto [it, inserted] = codes_.try_emplace(value, static_cast<std::int64_t>(column_.values.size()));
    if (inserted) column_.values.push_back(value);
    return it->second;
  }
  /// Rows of a value whose code() is known (-1: missing), without hashing it again.
  void add_code(std::int64_t code, std::size_t rows = 1) { column_.codes.insert(column_.codes.end(), rows, code); }
  void add(std::string_view value) { add_code(code(value)); }

  void finish() {
    auto& values = column_.values;
    std::vector<std::int64_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&values](std::int64_t a, std::int64_t b) { return values[a] < values[b]; });
    std::vector<std::int64_t> rank(values.size());
    std::vector<std::string_view> sorted(values.size());
    for (std::size_t r = 0; r < order.size(); ++r) {
      rank[order[r]] = static_cast<std::int64_t>(r);
      sorted[r] = values[order[r]];
    }
    values = std::move(sorted);
    for (auto& c : column_.codes) {
      if (c >= 0) c = rank[c];
    }
  }

 private:
  Column& column_;
  std::unordered_map<std::string_view, std::int64_t> codes_;
};

/// Dictionary codes of strings that repeat, by content (cues).
class ContentDictionary {
 public:
  explicit ContentDictionary(Column& column) : column_(column) {}

  void add(std::string_view value) {
    const auto [it, inserted] = codes_.try_emplace(value, static_cast<std::int64_t>(column_.values.size()));
    if (inserted) column_.values.push_back(value);
    column_.codes.push_back(it->second);
  }
  /// An empty value is written as null in JSON, so it is missing here too.
  void add_or_missing(std::string_view value) {
    if (value.empty()) {
      column_.codes.push_back(-1);
    } else {
      add(value);
    }
  }

 private:
  Column& column_;
  std::unordered_map<std::string_view, std::int64_t> codes_;
};

/// Dictionary codes of per-article values: one dictionary entry per article
/// that has rows, shared by those rows. Entries are by article, not by
/// content: two articles with the same id get two entries, which costs a
/// little memory and no hashing.
class ArticleDictionary {
 public:
  explicit ArticleDictionary(Column& column) : column_(column) {}

  /// Starts the rows of an article whose value is `value` (nullopt: missing).
  void start_article(std::optional<std::string_view> value) {
    if (!value) {
      code_ = -1;
      return;
    }
    code_ = static_cast<std::int64_t>(column_.values.size());
    column_.values.push_back(*value);
  }
  void add_rows(std::size_t count) { column_.codes.insert(column_.codes.end(), count, code_); }

 private:
  Column& column_;
  std::int64_t code_ = -1;
};

/// The id, name and type columns of the entity a row refers to. Ids and
/// names are dictionary-encoded, an entry made when an article's entity
/// first appears in a row (so entities no row refers to cost nothing); the
/// type is hashed once per entity and article, not once per row.
class EntityColumns {
 public:
  EntityColumns(Column& ids, Column& names, CategoryEncoder& types) : ids_(ids), names_(names), types_(types) {}

  void start_article(const Store& store, const ArticleRecord& article) {
    store_ = &store;
    article_ = &article;
    codes_.assign(article.entities.size(), Codes{});
  }

  void add(std::int32_t entity) {
    if (entity == no_entity) {
      ids_.codes.push_back(-1);
      names_.codes.push_back(-1);
      types_.add_code(-1);
      return;
    }
    auto& codes = codes_[static_cast<std::size_t>(entity)];
    if (codes.dictionary < 0) {
      const auto& record = store_->entities[article_->entities.begin + static_cast<std::uint32_t>(entity)];
      codes.dictionary = static_cast<std::int64_t>(ids_.values.size());
      ids_.values.push_back(record.id.view());
      names_.values.push_back(record.name.view());
      codes.type = types_.code(record.type.view());
    }
    ids_.codes.push_back(codes.dictionary);
    names_.codes.push_back(codes.dictionary);
    types_.add_code(codes.type);
  }

 private:
  struct Codes {
    std::int64_t dictionary = -1;
    std::int64_t type = -1;
  };
  Column& ids_;
  Column& names_;
  CategoryEncoder& types_;
  const Store* store_ = nullptr;
  const ArticleRecord* article_ = nullptr;
  std::vector<Codes> codes_;
};

const ArticleRecord& record_of(const Article& article) { return Internals::record(article); }

/// Where corpus entities come from: `index`, whose corpus holds the table's
/// article a at position a, or at positions[a] when positions are given.
struct Identity {
  const CorpusIndex& index;
  const std::vector<std::uint32_t>* positions = nullptr;

  std::uint32_t position(std::size_t a) const {
    return positions ? (*positions)[a] : static_cast<std::uint32_t>(a);
  }
};

/// The corpus_entity column: the row's corpus entity by its canonical name,
/// dictionary-encoded with one entry per corpus entity some row refers to.
class CorpusEntityColumn {
 public:
  CorpusEntityColumn(Column& column, const Identity& identity)
      : column_(column), identity_(identity), codes_(identity.index.corpus_entity_count(), -1) {}

  void start_article(std::size_t a) { article_ = identity_.position(a); }

  void add(std::int32_t entity) {
    if (entity == no_entity) {
      column_.codes.push_back(-1);
      return;
    }
    const auto id = identity_.index.corpus_entity(article_, static_cast<std::uint32_t>(entity));
    auto& code = codes_[id];
    if (code < 0) {
      code = static_cast<std::int64_t>(column_.values.size());
      column_.values.push_back(identity_.index.corpus_entity_name(id));
    }
    column_.codes.push_back(code);
  }

 private:
  Column& column_;
  const Identity& identity_;
  std::vector<std::int64_t> codes_;
  std::uint32_t article_ = 0;
};

std::string_view slice(std::string_view text, Span bytes) { return text.substr(bytes.start, bytes.end - bytes.start); }

/// The number of rows a table of `corpus` will have, to reserve room.
std::size_t count_rows(const Corpus& corpus, Range ArticleRecord::*rows) {
  std::size_t total = 0;
  for (const auto& article : corpus) total += (record_of(article).*rows).size();
  return total;
}

void reserve_rows(std::vector<Column*> columns, std::size_t rows) {
  for (Column* column : columns) {
    switch (column->type) {
      case ColumnType::int64: column->integers.reserve(rows); break;
      case ColumnType::nullable_int64:
        column->integers.reserve(rows);
        column->missing.reserve(rows);
        break;
      case ColumnType::string:
      case ColumnType::category: column->codes.reserve(rows); break;
      case ColumnType::string_list:
      case ColumnType::int64_list: column->offsets.reserve(rows + 1); break;
    }
  }
}

/// A string column with one value per row (no dictionary).
void reserve_values(Column& column, std::size_t rows) { column.values.reserve(rows); }

template <typename... Columns>
void set_columns(Table& table, Columns&&... columns) {
  table.columns.reserve(sizeof...(columns));
  (table.columns.push_back(std::move(columns)), ...);
}

/// A nullable integer: `value`, or missing when `present` is false.
void add_optional(Column& column, bool present, std::int64_t value) {
  column.integers.push_back(present ? value : 0);
  column.missing.push_back(!present);
}

void append_strings(Column& column, const Store& store, Range range) {
  for (auto i = range.begin; i < range.end; ++i) column.values.push_back(store.strings[i].view());
  column.offsets.push_back(column.values.size());
}

void build_articles(const Corpus& corpus, Table& table) {
  auto article_index = make_column("article_index", ColumnType::int64);
  auto article_id = make_column("article_id", ColumnType::string);
  auto url = make_column("url", ColumnType::string);
  auto source = make_column("source", ColumnType::category);
  auto title = make_column("title", ColumnType::string);
  auto authors = make_column("authors", ColumnType::string_list);
  auto published = make_column("published", ColumnType::string);
  auto language = make_column("language", ColumnType::category);
  auto tags = make_column("tags", ColumnType::string_list);
  auto paragraph_count = make_column("paragraph_count", ColumnType::int64);
  auto quote_count = make_column("quote_count", ColumnType::int64);
  auto entity_count = make_column("entity_count", ColumnType::int64);
  auto mention_count = make_column("mention_count", ColumnType::int64);
  auto meta = make_column("meta", ColumnType::string);
  auto text = make_column("text", ColumnType::string);

  const std::size_t rows = corpus.size();
  reserve_rows({&article_index, &source, &authors, &published, &language, &tags, &paragraph_count, &quote_count,
                &entity_count, &mention_count},
               rows);
  for (Column* column : {&article_id, &url, &title, &meta, &text}) reserve_values(*column, rows);
  CategoryEncoder sources(source), languages(language);
  ArticleDictionary published_dates(published);

  for (std::size_t a = 0; a < rows; ++a) {
    const Store& store = *Internals::store(corpus[a]);
    const ArticleRecord& r = record_of(corpus[a]);
    article_index.integers.push_back(static_cast<std::int64_t>(a));
    article_id.values.push_back(r.id.view());
    url.values.push_back(r.url.view());
    sources.add(r.source.view());
    title.values.push_back(r.title.view());
    append_strings(authors, store, r.authors);
    published_dates.start_article(r.has_published ? std::optional(r.published.view()) : std::nullopt);
    published_dates.add_rows(1);
    languages.add(r.language.view());
    append_strings(tags, store, r.tags);
    paragraph_count.integers.push_back(static_cast<std::int64_t>(r.paragraphs.size()));
    quote_count.integers.push_back(static_cast<std::int64_t>(r.quotes.size()));
    entity_count.integers.push_back(static_cast<std::int64_t>(r.entities.size()));
    mention_count.integers.push_back(static_cast<std::int64_t>(r.mentions.size()));
    meta.values.push_back(r.meta.view());
    text.values.push_back(r.body.view());
  }
  sources.finish();
  languages.finish();
  table.rows = rows;
  set_columns(table, std::move(article_index), std::move(article_id), std::move(url), std::move(source),
              std::move(title), std::move(authors), std::move(published), std::move(language), std::move(tags),
              std::move(paragraph_count), std::move(quote_count), std::move(entity_count), std::move(mention_count),
              std::move(meta), std::move(text));
}

void build_paragraphs(const Corpus& corpus, Table& table) {
  auto article_index = make_column("article_index", ColumnType::int64);
  auto article_id = make_column("article_id", ColumnType::string);
  auto paragraph_index = make_column("paragraph_index", ColumnType::int64);
  auto text = make_column("text", ColumnType::string);
  auto start = make_column("start", ColumnType::int64);
  auto end = make_column("end", ColumnType::int64);

  const std::size_t rows = count_rows(corpus, &ArticleRecord::paragraphs);
  reserve_rows({&article_index, &article_id, &paragraph_index, &start, &end}, rows);
  reserve_values(text, rows);
  ArticleDictionary ids(article_id);

  for (std::size_t a = 0; a < corpus.size(); ++a) {
    const Store& store = *Internals::store(corpus[a]);
    const ArticleRecord& r = record_of(corpus[a]);
    if (r.paragraphs.size() == 0) continue;
    ids.start_article(r.id.view());
    ids.add_rows(r.paragraphs.size());
    const std::string_view body = r.body.view();
    for (auto i = r.paragraphs.begin; i < r.paragraphs.end; ++i) {
      const auto& p = store.paragraphs[i];
      article_index.integers.push_back(static_cast<std::int64_t>(a));
      paragraph_index.integers.push_back(i - r.paragraphs.begin);
      text.values.push_back(slice(body, p.bytes));
      start.integers.push_back(p.chars.start);
      end.integers.push_back(p.chars.end);
    }
  }
  table.rows = rows;
  set_columns(table, std::move(article_index), std::move(article_id), std::move(paragraph_index), std::move(text),
              std::move(start), std::move(end));
}

/// The columns the quotes and attributions tables share: the article's id,
/// source and date per row, and the kind, speaker and cue of a quote (for an
/// attribution, of its first top-level part).
class StatementColumns {
 public:
  StatementColumns(std::size_t rows, const Identity& identity) : corpus_entities_(corpus_entity, identity) {
    reserve_rows({&article_id, &kind, &speaker, &speaker_id, &speaker_type, &corpus_entity, &speaker_start,
                  &speaker_end, &cue, &cue_start, &cue_end, &source, &published},
                 rows);
    // The QuoteKind values are the codes, so every table has the same kind categories.
    kind.values = {to_string(QuoteKind::direct), to_string(QuoteKind::partial), to_string(QuoteKind::indirect)};
  }

  /// Starts article `a`, which gives `rows` rows.
  void start_article(std::size_t a, const Store& store, const ArticleRecord& r, std::size_t rows) {
    corpus_entities_.start_article(a);
    ids_.start_article(r.id.view());
    ids_.add_rows(rows);
    dates_.start_article(r.has_published ? std::optional(r.published.view()) : std::nullopt);
    dates_.add_rows(rows);
    speakers_.start_article(store, r);
    sources_.add_code(sources_.code(r.source.view()), rows);
  }

  void add(const detail::QuoteRecord& q) {
    kind.codes.push_back(static_cast<std::int64_t>(q.kind));
    speakers_.add(q.speaker);
    corpus_entities_.add(q.speaker);
    add_optional(speaker_start, q.has_speaker_span, q.speaker_chars.start);
    add_optional(speaker_end, q.has_speaker_span, q.speaker_chars.end);
    cues_.add_or_missing(q.cue.view());
    add_optional(cue_start, q.has_cue_span, q.cue_chars.start);
    add_optional(cue_end, q.has_cue_span, q.cue_chars.end);
  }

  void finish() {
    speaker_types_.finish();
    sources_.finish();
  }

  Column article_id = make_column("article_id", ColumnType::string);
  Column kind = make_column("kind", ColumnType::category);
  Column speaker = make_column("speaker", ColumnType::string);
  Column speaker_id = make_column("speaker_id", ColumnType::string);
  Column speaker_type = make_column("speaker_type", ColumnType::category);
  Column corpus_entity = make_column("corpus_entity", ColumnType::string);
  Column speaker_start = make_column("speaker_start", ColumnType::nullable_int64);
  Column speaker_end = make_column("speaker_end", ColumnType::nullable_int64);
  Column cue = make_column("cue", ColumnType::string);
  Column cue_start = make_column("cue_start", ColumnType::nullable_int64);
  Column cue_end = make_column("cue_end", ColumnType::nullable_int64);
  Column source = make_column("source", ColumnType::category);
  Column published = make_column("published", ColumnType::string);

 private:
  ArticleDictionary ids_{article_id}, dates_{published};
  CategoryEncoder speaker_types_{speaker_type}, sources_{source};
  EntityColumns speakers_{speaker_id, speaker, speaker_types_};
  ContentDictionary cues_{cue};
  CorpusEntityColumn corpus_entities_;
};

void build_quotes(const Corpus& corpus, const Identity& identity, Table& table) {
  const std::size_t rows = count_rows(corpus, &ArticleRecord::quotes);
  StatementColumns shared(rows, identity);
  auto article_index = make_column("article_index", ColumnType::int64);
  auto quote_index = make_column("quote_index", ColumnType::int64);
  auto attribution = make_column("attribution", ColumnType::int64);
  auto parent = make_column("parent", ColumnType::nullable_int64);
  auto text = make_column("text", ColumnType::string);
  auto start = make_column("start", ColumnType::int64);
  auto end = make_column("end", ColumnType::int64);
  auto paragraph = make_column("paragraph", ColumnType::int64);
  auto last_paragraph = make_column("last_paragraph", ColumnType::int64);
  reserve_rows({&article_index, &quote_index, &attribution, &parent, &start, &end, &paragraph, &last_paragraph}, rows);
  reserve_values(text, rows);

  for (std::size_t a = 0; a < corpus.size(); ++a) {
    const Store& store = *Internals::store(corpus[a]);
    const ArticleRecord& r = record_of(corpus[a]);
    if (r.quotes.size() == 0) continue;
    shared.start_article(a, store, r, r.quotes.size());
    const std::string_view body = r.body.view();
    for (auto i = r.quotes.begin; i < r.quotes.end; ++i) {
      const auto& q = store.quotes[i];
      article_index.integers.push_back(static_cast<std::int64_t>(a));
      quote_index.integers.push_back(i - r.quotes.begin);
      attribution.integers.push_back(q.attribution);
      add_optional(parent, q.parent != no_quote, q.parent);
      text.values.push_back(slice(body, q.bytes));
      start.integers.push_back(q.chars.start);
      end.integers.push_back(q.chars.end);
      shared.add(q);
      paragraph.integers.push_back(q.first_paragraph);
      last_paragraph.integers.push_back(q.last_paragraph);
    }
  }
  shared.finish();
  table.rows = rows;
  set_columns(table, std::move(article_index), std::move(shared.article_id), std::move(quote_index),
              std::move(attribution), std::move(parent), std::move(text), std::move(start), std::move(end),
              std::move(shared.kind), std::move(shared.speaker), std::move(shared.speaker_id),
              std::move(shared.speaker_type), std::move(shared.corpus_entity), std::move(shared.speaker_start),
              std::move(shared.speaker_end),
              std::move(shared.cue), std::move(shared.cue_start), std::move(shared.cue_end), std::move(paragraph),
              std::move(last_paragraph), std::move(shared.source), std::move(shared.published));
}

void build_attributions(const Corpus& corpus, const Identity& identity, Table& table) {
  const std::size_t rows = count_rows(corpus, &ArticleRecord::attributions);
  StatementColumns shared(rows, identity);
  auto article_index = make_column("article_index", ColumnType::int64);
  auto attribution_index = make_column("attribution_index", ColumnType::int64);
  auto text = make_column("text", ColumnType::string);
  auto start = make_column("start", ColumnType::int64);
  auto end = make_column("end", ColumnType::int64);
  auto part_starts = make_column("part_starts", ColumnType::int64_list);
  auto part_ends = make_column("part_ends", ColumnType::int64_list);
  auto quote_indexes = make_column("quote_indexes", ColumnType::int64_list);
  auto fragments = make_column("fragments", ColumnType::int64);
  auto paragraph = make_column("paragraph", ColumnType::int64);
  auto last_paragraph = make_column("last_paragraph", ColumnType::int64);
  reserve_rows({&article_index, &attribution_index, &start, &end, &part_starts, &part_ends, &quote_indexes,
                &fragments, &paragraph, &last_paragraph},
               rows);
  // The content of a statement of one part is that part's text (a view into
  // the body); of several, their texts joined, made here. Joined texts are
  // made first and viewed once `joined` no longer grows.
  constexpr std::string_view separator = " … ";
  auto joined = std::make_shared<std::string>();
  struct Joined {
    std::size_t row, begin, size;
  };
  std::vector<Joined> joined_rows;

  for (std::size_t a = 0; a < corpus.size(); ++a) {
    const Store& store = *Internals::store(corpus[a]);
    const ArticleRecord& r = record_of(corpus[a]);
    if (r.attributions.size() == 0) continue;
    shared.start_article(a, store, r, r.attributions.size());
    const std::string_view body = r.body.view();
    const auto* quotes = store.quotes.data() + r.quotes.begin;
    for (auto i = r.attributions.begin; i < r.attributions.end; ++i) {
      const auto& record = store.attributions[i];
      article_index.integers.push_back(static_cast<std::int64_t>(a));
      attribution_index.integers.push_back(i - r.attributions.begin);
      shared.add(quotes[record.head]);
      std::int64_t fragment_count = 0;
      std::size_t parts = 0;
      const detail::QuoteRecord* first = nullptr;
      const detail::QuoteRecord* last = nullptr;
      const std::size_t joined_begin = joined->size();
      for (auto p = record.parts.begin; p < record.parts.end; ++p) {
        const auto index = store.attribution_parts[p];
        const auto& q = quotes[index];
        quote_indexes.integers.push_back(index);
        if (q.parent != no_quote) {
          ++fragment_count;
          continue;
        }
        if (!first) first = &q;
        last = &q;
        part_starts.integers.push_back(q.chars.start);
        part_ends.integers.push_back(q.chars.end);
        if (parts++ > 0) *joined += separator;
        *joined += slice(body, q.bytes);
      }
      if (parts == 1) {
        joined->resize(joined_begin);
        text.values.push_back(slice(body, first->bytes));
      } else {
        joined_rows.push_back({text.values.size(), joined_begin, joined->size() - joined_begin});
        text.values.emplace_back();
      }
      part_starts.offsets.push_back(part_starts.integers.size());
      part_ends.offsets.push_back(part_ends.integers.size());
      quote_indexes.offsets.push_back(quote_indexes.integers.size());
      fragments.integers.push_back(fragment_count);
      start.integers.push_back(first->chars.start);
      end.integers.push_back(last->chars.end);
      paragraph.integers.push_back(first->first_paragraph);
      last_paragraph.integers.push_back(last->last_paragraph);
    }
  }
  for (const auto& j : joined_rows) text.values[j.row] = std::string_view(*joined).substr(j.begin, j.size);
  table.owned_text = std::move(joined);
  shared.finish();
  table.rows = rows;
  set_columns(table, std::move(article_index), std::move(shared.article_id), std::move(attribution_index),
              std::move(text), std::move(start), std::move(end), std::move(shared.kind), std::move(shared.speaker),
              std::move(shared.speaker_id), std::move(shared.speaker_type), std::move(shared.corpus_entity),
              std::move(shared.speaker_start),
              std::move(shared.speaker_end), std::move(shared.cue), std::move(shared.cue_start),
              std::move(shared.cue_end), std::move(part_starts), std::move(part_ends), std::move(quote_indexes),
              std::move(fragments), std::move(paragraph), std::move(last_paragraph), std::move(shared.source),
              std::move(shared.published));
}

void build_entities(const Corpus& corpus, const Identity& identity, Table& table) {
  auto article_index = make_column("article_index", ColumnType::int64);
  auto article_id = make_column("article_id", ColumnType::string);
  auto entity_index = make_column("entity_index", ColumnType::int64);
  auto entity_id = make_column("entity_id", ColumnType::string);
  auto name = make_column("name", ColumnType::string);
  auto type = make_column("type", ColumnType::category);
  auto corpus_entity = make_column("corpus_entity", ColumnType::string);
  auto aliases = make_column("aliases", ColumnType::string_list);
  auto mentions = make_column("mentions", ColumnType::int64);
  auto quotes = make_column("quotes", ColumnType::int64);

  const std::size_t rows = count_rows(corpus, &ArticleRecord::entities);
  reserve_rows({&article_index, &article_id, &entity_index, &type, &corpus_entity, &aliases, &mentions, &quotes},
               rows);
  reserve_values(entity_id, rows);
  reserve_values(name, rows);
  ArticleDictionary ids(article_id);
  CategoryEncoder types(type);
  CorpusEntityColumn corpus_entities(corpus_entity, identity);
  std::vector<std::int64_t> mention_counts, quote_counts;

  for (std::size_t a = 0; a < corpus.size(); ++a) {
    const Store& store = *Internals::store(corpus[a]);
    const ArticleRecord& r = record_of(corpus[a]);
    const std::size_t count = r.entities.size();
    if (count == 0) continue;
    ids.start_article(r.id.view());
    ids.add_rows(count);
    corpus_entities.start_article(a);
    mention_counts.assign(count, 0);
    quote_counts.assign(count, 0);
    for (auto i = r.mentions.begin; i < r.mentions.end; ++i) ++mention_counts[store.mentions[i].entity];
    // A statement counts once: by its first top-level part.
    for (auto i = r.attributions.begin; i < r.attributions.end; ++i) {
      const auto speaker = store.quotes[r.quotes.begin + store.attributions[i].head].speaker;
      if (speaker != no_entity) ++quote_counts[static_cast<std::size_t>(speaker)];
    }
    for (std::size_t e = 0; e < count; ++e) {
      const auto& record = store.entities[r.entities.begin + e];
      article_index.integers.push_back(static_cast<std::int64_t>(a));
      entity_index.integers.push_back(static_cast<std::int64_t>(e));
      entity_id.values.push_back(record.id.view());
      name.values.push_back(record.name.view());
      types.add(record.type.view());
      corpus_entities.add(static_cast<std::int32_t>(e));
      append_strings(aliases, store, record.aliases);
      mentions.integers.push_back(mention_counts[e]);
      quotes.integers.push_back(quote_counts[e]);
    }
  }
  types.finish();
  table.rows = rows;
  set_columns(table, std::move(article_index), std::move(article_id), std::move(entity_index), std::move(entity_id),
              std::move(name), std::move(type), std::move(corpus_entity), std::move(aliases), std::move(mentions),
              std::move(quotes));
}

void build_mentions(const Corpus& corpus, const Identity& identity, Table& table) {
  auto article_index = make_column("article_index", ColumnType::int64);
  auto article_id = make_column("article_id", ColumnType::string);
  auto mention_index = make_column("mention_index", ColumnType::int64);
  auto entity_index = make_column("entity_index", ColumnType::int64);
  auto entity_id = make_column("entity_id", ColumnType::string);
  auto name = make_column("name", ColumnType::string);
  auto type = make_column("type", ColumnType::category);
  auto corpus_entity = make_column("corpus_entity", ColumnType::string);
  auto text = make_column("text", ColumnType::string);
  auto start = make_column("start", ColumnType::int64);
  auto end = make_column("end", ColumnType::int64);

  const std::size_t rows = count_rows(corpus, &ArticleRecord::mentions);
  reserve_rows({&article_index, &article_id, &mention_index, &entity_index, &entity_id, &name, &type, &corpus_entity,
                &start, &end},
               rows);
  reserve_values(text, rows);
  ArticleDictionary ids(article_id);
  CategoryEncoder types(type);
  EntityColumns entities(entity_id, name, types);
  CorpusEntityColumn corpus_entities(corpus_entity, identity);

  for (std::size_t a = 0; a < corpus.size(); ++a) {
    const Store& store = *Internals::store(corpus[a]);
    const ArticleRecord& r = record_of(corpus[a]);
    const std::size_t count = r.mentions.size();
    if (count == 0) continue;
    ids.start_article(r.id.view());
    ids.add_rows(count);
    entities.start_article(store, r);
    corpus_entities.start_article(a);
    const std::string_view body = r.body.view();
    for (auto i = r.mentions.begin; i < r.mentions.end; ++i) {
      const auto& m = store.mentions[i];
      article_index.integers.push_back(static_cast<std::int64_t>(a));
      mention_index.integers.push_back(i - r.mentions.begin);
      entity_index.integers.push_back(m.entity);
      entities.add(static_cast<std::int32_t>(m.entity));
      corpus_entities.add(static_cast<std::int32_t>(m.entity));
      text.values.push_back(slice(body, m.bytes));
      start.integers.push_back(m.chars.start);
      end.integers.push_back(m.chars.end);
    }
  }
  types.finish();
  table.rows = rows;
  set_columns(table, std::move(article_index), std::move(article_id), std::move(mention_index),
              std::move(entity_index), std::move(entity_id), std::move(name), std::move(type),
              std::move(corpus_entity), std::move(text), std::move(start), std::move(end));
}

}  // namespace

std::string_view to_string(TableName table) noexcept {
  switch (table) {
    case TableName::articles: return "articles";
    case TableName::paragraphs: return "paragraphs";
    case TableName::quotes: return "quotes";
    case TableName::attributions: return "attributions";
    case TableName::entities: return "entities";
    case TableName::mentions: return "mentions";
  }
  return "articles";
}

std::optional<TableName> table_from_string(std::string_view name) noexcept {
  for (const TableName table : all_tables) {
    if (to_string(table) == name) return table;
  }
  return std::nullopt;
}

std::string_view to_string(ColumnType type) noexcept {
  switch (type) {
    case ColumnType::int64: return "int64";
    case ColumnType::nullable_int64: return "nullable_int64";
    case ColumnType::string: return "string";
    case ColumnType::category: return "category";
    case ColumnType::string_list: return "string_list";
    case ColumnType::int64_list: return "int64_list";
  }
  return "int64";
}

std::size_t Column::size() const noexcept {
  switch (type) {
    case ColumnType::int64:
    case ColumnType::nullable_int64: return integers.size();
    case ColumnType::string: return codes.empty() ? values.size() : codes.size();
    case ColumnType::category: return codes.size();
    case ColumnType::string_list:
    case ColumnType::int64_list: return offsets.empty() ? 0 : offsets.size() - 1;
  }
  return 0;
}

const Column& Table::column(std::string_view column_name) const {
  for (const auto& c : columns) {
    if (c.name == column_name) return c;
  }
  throw OutOfRangeError("table " + std::string(to_string(name)) + " has no column \"" + std::string(column_name) + "\"");
}

namespace {

Table build(const Corpus& corpus, TableName name, const Identity* identity) {
  Table table;
  table.name = name;
  table.corpus = corpus.slice(0, corpus.size());
  switch (name) {
    case TableName::articles: build_articles(corpus, table); break;
    case TableName::paragraphs: build_paragraphs(corpus, table); break;
    case TableName::quotes: build_quotes(corpus, *identity, table); break;
    case TableName::attributions: build_attributions(corpus, *identity, table); break;
    case TableName::entities: build_entities(corpus, *identity, table); break;
    case TableName::mentions: build_mentions(corpus, *identity, table); break;
  }
  return table;
}

}  // namespace

Table make_table(const Corpus& corpus, TableName name) {
  if (name == TableName::articles || name == TableName::paragraphs) return build(corpus, name, nullptr);
  const CorpusIndex index(corpus);
  return make_table(index, name);
}

Table make_table(const CorpusIndex& index, TableName name) {
  const Identity identity{index};
  return build(index.corpus(), name, &identity);
}

Table make_table(const CorpusIndex& index, TableName name, const std::vector<std::uint32_t>& positions) {
  const Identity identity{index, &positions};
  return build(take(index.corpus(), positions), name, &identity);
}

}  // namespace newsdoc
