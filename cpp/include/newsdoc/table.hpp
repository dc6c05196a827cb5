// Columnar tables of a corpus: one row per article, paragraph, quote,
// attribution, entity or mention, each column one flat array. This is what the Python
// `Corpus.to_pandas` turns into a DataFrame, and what any other columnar
// export (Arrow, CSV, a database) can start from.
//
// ## The tables
// Every table starts with `article_index` (the article's position in the
// corpus, unique even when ids are empty or repeated) and `article_id`, so
// tables join on (article_index, <row index>). Offsets are code points into
// the body text, as everywhere the JSON format and Python see them. A value
// is missing exactly where canonical JSON writes `null`: `published`, a
// quote's speaker (`speaker`, `speaker_id`, `speaker_type`), its
// `speaker_start` / `speaker_end` and its cue.
//
// - articles: article_index, article_id, url, source, title, authors,
//   published, language, tags, paragraph_count, quote_count, entity_count,
//   mention_count, meta, text
// - paragraphs: article_index, article_id, paragraph_index, text, start, end
// - quotes: article_index, article_id, quote_index, attribution, parent,
//   text, start, end, kind, speaker, speaker_id, speaker_type,
//   corpus_entity, speaker_start, speaker_end, cue, cue_start, cue_end,
//   paragraph, last_paragraph, source, published
// - attributions: article_index, article_id, attribution_index, text,
//   start, end, kind, speaker, speaker_id, speaker_type, corpus_entity,
//   speaker_start, speaker_end, cue, cue_start, cue_end, part_starts,
//   part_ends, quote_indexes, fragments, paragraph, last_paragraph, source,
//   published
// - entities: article_index, article_id, entity_index, entity_id, name,
//   type, corpus_entity, aliases, mentions, quotes
// - mentions: article_index, article_id, mention_index, entity_index,
//   entity_id, name, type, corpus_entity, text, start, end
//
// `meta` is the article's meta object as compact JSON text. In quotes,
// `speaker` is the speaking entity's canonical name, `paragraph` and
// `last_paragraph` the paragraphs holding its first and last character,
// `attribution` its attribution's index and `parent` the enclosing quote of
// a fragment (missing for a top-level part). In attributions, one row per
// statement: `text` is its content (the top-level parts) joined by " … ",
// `start`/`end` run from the first part's start to the last part's end,
// `part_starts`/`part_ends` give each top-level part, `quote_indexes` every
// quote of it (fragments too) and `fragments` how many are fragments. In
// entities, `mentions` counts the entity's mentions and `quotes` the
// statements (attributions) it speaks.
//
// `corpus_entity` is the canonical name of the corpus-level entity
// (newsdoc/query.hpp, "Corpus-level entities") of the row's entity (in
// quotes and attributions, of the speaker; missing without one): "Donald
// Trump" for an article's "Trump" when the corpus links them. `name` and
// `speaker` stay as the article has them. With `type` (`speaker_type`) it
// identifies the corpus entity. It is computed over the corpus the table
// is made from, or the index given.
//
// ## Column types
// - int64: integers in `integers`.
// - nullable_int64: `integers`, with `missing[i] != 0` where row i has none
//   (its integer is then 0).
// - string: text per row. Either `values` holds one view per row and
//   `codes` is empty, or the column is dictionary-encoded: row i is
//   `values[codes[i]]`, and missing when `codes[i] == -1`. Columns whose
//   values repeat (article ids, speaker names, cues) are encoded, so a
//   consumer can make one object per distinct value.
// - category: row i is `values[codes[i]]`, missing when `codes[i] == -1`.
//   `values` are the categories: `kind` always has direct, partial, indirect
//   (in this order, the QuoteKind values); the others (`source`,
//   `language`, `type`, `speaker_type`) the distinct values present, sorted
//   by bytes.
// - string_list: row i holds `values[offsets[i]]` up to
//   `values[offsets[i + 1]]` (exclusive); `offsets` has rows + 1 entries.
// - int64_list: the same with `integers` in place of `values`.
//
// ## Lifetimes
// The string views in a Table point into the Stores of the corpus's
// articles. The Table keeps a copy of the Corpus (handles only, no text), so
// they stay valid as long as the Table lives, even after the Corpus it was
// made from is gone. Making a Table copies no text, but for the joined
// content of the attributions table, which the Table owns (`owned_text`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"
#include "newsdoc/query.hpp"

namespace newsdoc {

enum class TableName : std::uint8_t { articles, paragraphs, quotes, attributions, entities, mentions };

/// Every table, in the order of TableName.
inline constexpr TableName all_tables[] = {TableName::articles,     TableName::paragraphs, TableName::quotes,
                                           TableName::attributions, TableName::entities,   TableName::mentions};

std::string_view to_string(TableName table) noexcept;
/// The table named `name` ("articles", "paragraphs", "quotes", "attributions", "entities", "mentions"), or nullopt.
std::optional<TableName> table_from_string(std::string_view name) noexcept;

enum class ColumnType : std::uint8_t { int64, nullable_int64, string, category, string_list, int64_list };

std::string_view to_string(ColumnType type) noexcept;

/// One column; which members are used depends on `type` (see the header notes).
struct Column {
  std::string_view name;
  ColumnType type = ColumnType::int64;
  std::vector<std::int64_t> integers;
  std::vector<std::uint8_t> missing;
  std::vector<std::int64_t> codes;
  std::vector<std::string_view> values;
  std::vector<std::size_t> offsets;

  /// The number of rows.
  std::size_t size() const noexcept;
};

/// The columns of one table of a corpus, every column `rows` long.
struct Table {
  TableName name = TableName::articles;
  std::size_t rows = 0;
  std::vector<Column> columns;
  /// Keeps the Stores that the string views point into alive.
  Corpus corpus;
  /// Text made for the table (joined attribution content), viewed by columns.
  std::shared_ptr<const std::string> owned_text;

  /// The column called `column_name`; throws OutOfRangeError if there is none.
  const Column& column(std::string_view column_name) const;
};

/// Table `name` of `corpus`. The columns come in the order of the header
/// notes and are all present, with zero rows, for an empty corpus.
/// Thread-safe: it only reads the immutable Stores.
///
///     const auto quotes = newsdoc::make_table(corpus, newsdoc::TableName::quotes);
///     const auto& speaker = quotes.column("speaker");  // dictionary-encoded names
///
/// The quotes, attributions, entities and mentions tables need the corpus's
/// entity identity: this builds a CorpusIndex for them. Give one you have to
/// the overloads below instead.
Table make_table(const Corpus& corpus, TableName name);
/// Table `name` of `index.corpus()`, its corpus_entity column from `index`.
Table make_table(const CorpusIndex& index, TableName name);
/// Table `name` of articles `positions` (any order) of `index.corpus()`:
/// make_table(take(index.corpus(), positions), name), but with corpus
/// entities of the whole indexed corpus. Throws OutOfRangeError for a
/// position past the end.
Table make_table(const CorpusIndex& index, TableName name, const std::vector<std::uint32_t>& positions);

}  // namespace newsdoc
