// make_table: the columnar tables behind Corpus.to_pandas.
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>
#include <newsdoc/table.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using newsdoc::ArticleInput;
using newsdoc::Column;
using newsdoc::ColumnType;
using newsdoc::Corpus;
using newsdoc::CorpusBuilder;
using newsdoc::OffsetUnit;
using newsdoc::QuoteKind;
using newsdoc::Span;
using newsdoc::Table;
using newsdoc::TableName;
using Strings = std::vector<std::string_view>;
using Integers = std::vector<std::int64_t>;

/// The worked example of docs/schema.md, published on a date, from an outlet.
ArticleInput worked_example() {
  ArticleInput in;
  in.id = "ex-1";
  in.source = "taz";
  in.language = "de";
  in.published = "2017-03-01";
  in.authors = {"A. Smith", "B. Jones"};
  in.paragraphs = {"Zoë Müller arrived.", "“Wir schaffen das 👍”, sagte Müller."};
  in.entities = {{"e1", "Zoë Müller", "PERSON", {"Müller"}}, {"e2", "Berlin", "GPE", {}}};
  in.quotes = {{Span{22, 40}, QuoteKind::direct, 0, Span{49, 55}, "sagte"}};
  in.mentions = {{Span{0, 10}, 0}, {Span{49, 55}, 0}};
  in.unit = OffsetUnit::chars;
  in.meta = R"({"section":"Politik"})";
  return in;
}

/// An ASCII article with two quotes: one without speaker or cue, one spanning two paragraphs.
ArticleInput plain_article(std::string_view id, std::string_view source) {
  ArticleInput in;
  in.id = id;
  in.source = source;
  in.paragraphs = {"\"One,\" Ann said.", "\"Two", "three\" she said."};
  in.entities = {{"p1", "Ann Lee", "PERSON", {"Ann"}}};
  in.quotes = {{Span{1, 5}, QuoteKind::partial, newsdoc::no_entity, std::nullopt, ""},
               {Span{19, 29}, QuoteKind::indirect, 0, std::nullopt, "said"}};
  in.mentions = {{Span{7, 10}, 0}};
  in.unit = OffsetUnit::chars;
  return in;
}

Corpus build(const std::vector<ArticleInput>& inputs) {
  CorpusBuilder builder;
  for (const auto& in : inputs) builder.add(in);
  return builder.finish();
}

std::vector<std::string_view> names_of(const Table& table) {
  std::vector<std::string_view> out;
  for (const auto& column : table.columns) out.push_back(column.name);
  return out;
}

/// Row by row: the text of a string column, "<missing>" where it has none.
std::vector<std::string> strings_of(const Column& column) {
  EXPECT_EQ(column.type, ColumnType::string);
  std::vector<std::string> out;
  if (column.codes.empty()) {
    for (auto value : column.values) out.emplace_back(value);
    return out;
  }
  for (auto code : column.codes) out.push_back(code < 0 ? "<missing>" : std::string(column.values[code]));
  return out;
}

/// Row by row: the category of a category column, "<missing>" where it has none.
std::vector<std::string> categories_of(const Column& column) {
  EXPECT_EQ(column.type, ColumnType::category);
  std::vector<std::string> out;
  for (auto code : column.codes) out.push_back(code < 0 ? "<missing>" : std::string(column.values[code]));
  return out;
}

std::vector<Strings> lists_of(const Column& column) {
  EXPECT_EQ(column.type, ColumnType::string_list);
  std::vector<Strings> out;
  for (std::size_t row = 0; row < column.size(); ++row) {
    out.emplace_back(column.values.begin() + static_cast<std::ptrdiff_t>(column.offsets[row]),
                     column.values.begin() + static_cast<std::ptrdiff_t>(column.offsets[row + 1]));
  }
  return out;
}

TEST(Table, NamesRoundTrip) {
  for (const TableName table : newsdoc::all_tables) {
    EXPECT_EQ(newsdoc::table_from_string(newsdoc::to_string(table)), table);
  }
  EXPECT_EQ(newsdoc::to_string(TableName::quotes), "quotes");
  EXPECT_EQ(newsdoc::table_from_string("quote"), std::nullopt);
  EXPECT_EQ(newsdoc::table_from_string(""), std::nullopt);
}

TEST(Table, EmptyCorpusHasEveryColumnAndNoRows) {
  const Corpus empty;
  const std::vector<std::pair<TableName, Strings>> expected = {
      {TableName::articles,
       {"article_index", "article_id", "url", "source", "title", "authors", "published", "language", "tags",
        "paragraph_count", "quote_count", "entity_count", "mention_count", "meta", "text"}},
      {TableName::paragraphs, {"article_index", "article_id", "paragraph_index", "text", "start", "end"}},
      {TableName::quotes,
       {"article_index", "article_id", "quote_index", "attribution", "parent", "text", "start", "end", "kind",
        "speaker", "speaker_id", "speaker_type", "corpus_entity", "speaker_start", "speaker_end", "cue", "cue_start",
        "cue_end", "paragraph", "last_paragraph", "source", "published"}},
      {TableName::attributions,
       {"article_index", "article_id", "attribution_index", "text", "start", "end", "kind", "speaker",
        "speaker_id", "speaker_type", "corpus_entity", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
        "part_starts", "part_ends", "quote_indexes", "fragments", "paragraph", "last_paragraph", "source",
        "published"}},
      {TableName::entities,
       {"article_index", "article_id", "entity_index", "entity_id", "name", "type", "corpus_entity", "aliases",
        "mentions", "quotes"}},
      {TableName::mentions,
       {"article_index", "article_id", "mention_index", "entity_index", "entity_id", "name", "type",
        "corpus_entity", "text", "start", "end"}},
  };
  for (const auto& [name, columns] : expected) {
    const Table table = newsdoc::make_table(empty, name);
    EXPECT_EQ(table.name, name);
    EXPECT_EQ(table.rows, 0u);
    EXPECT_EQ(names_of(table), columns) << newsdoc::to_string(name);
    for (const auto& column : table.columns) EXPECT_EQ(column.size(), 0u) << column.name;
  }
  // The kind categories are fixed, so even an empty table has them.
  EXPECT_EQ(newsdoc::make_table(empty, TableName::quotes).column("kind").values,
            (Strings{"direct", "partial", "indirect"}));
  EXPECT_EQ(newsdoc::make_table(empty, TableName::attributions).column("kind").values,
            (Strings{"direct", "partial", "indirect"}));
}

TEST(Table, QuotesOfTheWorkedExample) {
  const Corpus corpus = build({worked_example()});
  const Table quotes = newsdoc::make_table(corpus, TableName::quotes);
  ASSERT_EQ(quotes.rows, 1u);
  for (const auto& column : quotes.columns) EXPECT_EQ(column.size(), 1u) << column.name;
  EXPECT_EQ(quotes.column("article_index").integers, (Integers{0}));
  EXPECT_EQ(strings_of(quotes.column("article_id")), (std::vector<std::string>{"ex-1"}));
  EXPECT_EQ(quotes.column("quote_index").integers, (Integers{0}));
  // Code points, not bytes: the quote is [26, 47) in UTF-8.
  EXPECT_EQ(strings_of(quotes.column("text")), (std::vector<std::string>{"Wir schaffen das 👍"}));
  EXPECT_EQ(quotes.column("start").integers, (Integers{22}));
  EXPECT_EQ(quotes.column("end").integers, (Integers{40}));
  EXPECT_EQ(categories_of(quotes.column("kind")), (std::vector<std::string>{"direct"}));
  EXPECT_EQ(strings_of(quotes.column("speaker")), (std::vector<std::string>{"Zoë Müller"}));
  EXPECT_EQ(strings_of(quotes.column("speaker_id")), (std::vector<std::string>{"e1"}));
  EXPECT_EQ(categories_of(quotes.column("speaker_type")), (std::vector<std::string>{"PERSON"}));
  EXPECT_EQ(quotes.column("speaker_start").integers, (Integers{49}));
  EXPECT_EQ(quotes.column("speaker_start").missing, (std::vector<std::uint8_t>{0}));
  EXPECT_EQ(quotes.column("speaker_end").integers, (Integers{55}));
  EXPECT_EQ(strings_of(quotes.column("cue")), (std::vector<std::string>{"sagte"}));
  EXPECT_EQ(quotes.column("paragraph").integers, (Integers{1}));
  EXPECT_EQ(quotes.column("last_paragraph").integers, (Integers{1}));
  EXPECT_EQ(categories_of(quotes.column("source")), (std::vector<std::string>{"taz"}));
  EXPECT_EQ(strings_of(quotes.column("published")), (std::vector<std::string>{"2017-03-01"}));
}

TEST(Table, MissingValuesWhereJsonWritesNull) {
  const Corpus corpus = build({plain_article("a", "x")});
  const Table quotes = newsdoc::make_table(corpus, TableName::quotes);
  ASSERT_EQ(quotes.rows, 2u);
  EXPECT_EQ(categories_of(quotes.column("kind")), (std::vector<std::string>{"partial", "indirect"}));
  EXPECT_EQ(strings_of(quotes.column("speaker")), (std::vector<std::string>{"<missing>", "Ann Lee"}));
  EXPECT_EQ(strings_of(quotes.column("speaker_id")), (std::vector<std::string>{"<missing>", "p1"}));
  EXPECT_EQ(categories_of(quotes.column("speaker_type")), (std::vector<std::string>{"<missing>", "PERSON"}));
  EXPECT_EQ(quotes.column("speaker_start").missing, (std::vector<std::uint8_t>{1, 1}));
  EXPECT_EQ(quotes.column("speaker_end").integers, (Integers{0, 0}));
  EXPECT_EQ(strings_of(quotes.column("cue")), (std::vector<std::string>{"<missing>", "said"}));
  EXPECT_EQ(strings_of(quotes.column("published")), (std::vector<std::string>{"<missing>", "<missing>"}));
  // The second quote runs from paragraph 1 into paragraph 2.
  EXPECT_EQ(strings_of(quotes.column("text")), (std::vector<std::string>{"One,", "Two\n\nthree"}));
  EXPECT_EQ(quotes.column("paragraph").integers, (Integers{0, 1}));
  EXPECT_EQ(quotes.column("last_paragraph").integers, (Integers{0, 2}));
}

TEST(Table, RepeatedValuesShareOneDictionaryEntry) {
  // Two quotes of one article: one article id entry; both cues "said" and both speakers Ann: one entry each.
  ArticleInput in = plain_article("a", "x");
  in.quotes[0].speaker = 0;
  in.quotes[0].cue = "said";
  const Corpus corpus = build({in});
  const Table quotes = newsdoc::make_table(corpus, TableName::quotes);
  EXPECT_EQ(quotes.column("article_id").values, (Strings{"a"}));
  EXPECT_EQ(quotes.column("article_id").codes, (Integers{0, 0}));
  EXPECT_EQ(quotes.column("speaker").values, (Strings{"Ann Lee"}));
  EXPECT_EQ(quotes.column("speaker").codes, (Integers{0, 0}));
  EXPECT_EQ(quotes.column("cue").values, (Strings{"said"}));
  EXPECT_EQ(quotes.column("cue").codes, (Integers{0, 0}));
}

TEST(Table, ArticleIndexTellsArticlesWithTheSameIdApart) {
  const Corpus corpus = build({plain_article("same", "b"), plain_article("same", "a"), plain_article("", "b")});
  const Table quotes = newsdoc::make_table(corpus, TableName::quotes);
  EXPECT_EQ(quotes.column("article_index").integers, (Integers{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(quotes.column("quote_index").integers, (Integers{0, 1, 0, 1, 0, 1}));
  EXPECT_EQ(strings_of(quotes.column("article_id")),
            (std::vector<std::string>{"same", "same", "same", "same", "", ""}));
  // Categories are sorted, whatever the order the rows bring them in.
  EXPECT_EQ(quotes.column("source").values, (Strings{"a", "b"}));
  EXPECT_EQ(quotes.column("source").codes, (Integers{1, 1, 0, 0, 1, 1}));
}

TEST(Table, Articles) {
  const Corpus corpus = build({worked_example(), plain_article("p", "")});
  const Table articles = newsdoc::make_table(corpus, TableName::articles);
  ASSERT_EQ(articles.rows, 2u);
  for (const auto& column : articles.columns) EXPECT_EQ(column.size(), 2u) << column.name;
  EXPECT_EQ(articles.column("article_index").integers, (Integers{0, 1}));
  EXPECT_EQ(strings_of(articles.column("article_id")), (std::vector<std::string>{"ex-1", "p"}));
  EXPECT_EQ(strings_of(articles.column("url")), (std::vector<std::string>{"", ""}));
  EXPECT_EQ(categories_of(articles.column("source")), (std::vector<std::string>{"taz", ""}));
  EXPECT_EQ(articles.column("source").values, (Strings{"", "taz"}));
  EXPECT_EQ(lists_of(articles.column("authors")), (std::vector<Strings>{{"A. Smith", "B. Jones"}, {}}));
  EXPECT_EQ(strings_of(articles.column("published")), (std::vector<std::string>{"2017-03-01", "<missing>"}));
  EXPECT_EQ(categories_of(articles.column("language")), (std::vector<std::string>{"de", ""}));
  EXPECT_EQ(lists_of(articles.column("tags")), (std::vector<Strings>{{}, {}}));
  EXPECT_EQ(articles.column("paragraph_count").integers, (Integers{2, 3}));
  EXPECT_EQ(articles.column("quote_count").integers, (Integers{1, 2}));
  EXPECT_EQ(articles.column("entity_count").integers, (Integers{2, 1}));
  EXPECT_EQ(articles.column("mention_count").integers, (Integers{2, 1}));
  EXPECT_EQ(strings_of(articles.column("meta")), (std::vector<std::string>{R"({"section":"Politik"})", "{}"}));
  EXPECT_EQ(strings_of(articles.column("text")),
            (std::vector<std::string>{"Zoë Müller arrived.\n\n“Wir schaffen das 👍”, sagte Müller.",
                                      "\"One,\" Ann said.\n\n\"Two\n\nthree\" she said."}));
}

TEST(Table, Paragraphs) {
  const Corpus corpus = build({worked_example()});
  const Table paragraphs = newsdoc::make_table(corpus, TableName::paragraphs);
  ASSERT_EQ(paragraphs.rows, 2u);
  EXPECT_EQ(paragraphs.column("paragraph_index").integers, (Integers{0, 1}));
  EXPECT_EQ(strings_of(paragraphs.column("text")),
            (std::vector<std::string>{"Zoë Müller arrived.", "“Wir schaffen das 👍”, sagte Müller."}));
  EXPECT_EQ(paragraphs.column("start").integers, (Integers{0, 21}));
  EXPECT_EQ(paragraphs.column("end").integers, (Integers{19, 56}));
  EXPECT_EQ(strings_of(paragraphs.column("article_id")), (std::vector<std::string>{"ex-1", "ex-1"}));
}

TEST(Table, EntitiesCountTheirMentionsAndQuotes) {
  const Corpus corpus = build({worked_example()});
  const Table entities = newsdoc::make_table(corpus, TableName::entities);
  ASSERT_EQ(entities.rows, 2u);
  EXPECT_EQ(entities.column("entity_index").integers, (Integers{0, 1}));
  EXPECT_EQ(strings_of(entities.column("entity_id")), (std::vector<std::string>{"e1", "e2"}));
  EXPECT_EQ(strings_of(entities.column("name")), (std::vector<std::string>{"Zoë Müller", "Berlin"}));
  EXPECT_EQ(categories_of(entities.column("type")), (std::vector<std::string>{"PERSON", "GPE"}));
  EXPECT_EQ(entities.column("type").values, (Strings{"GPE", "PERSON"}));
  EXPECT_EQ(lists_of(entities.column("aliases")), (std::vector<Strings>{{"Müller"}, {}}));
  EXPECT_EQ(entities.column("mentions").integers, (Integers{2, 0}));
  EXPECT_EQ(entities.column("quotes").integers, (Integers{1, 0}));
}

TEST(Table, Mentions) {
  const Corpus corpus = build({worked_example()});
  const Table mentions = newsdoc::make_table(corpus, TableName::mentions);
  ASSERT_EQ(mentions.rows, 2u);
  EXPECT_EQ(mentions.column("mention_index").integers, (Integers{0, 1}));
  EXPECT_EQ(mentions.column("entity_index").integers, (Integers{0, 0}));
  EXPECT_EQ(strings_of(mentions.column("entity_id")), (std::vector<std::string>{"e1", "e1"}));
  EXPECT_EQ(strings_of(mentions.column("name")), (std::vector<std::string>{"Zoë Müller", "Zoë Müller"}));
  EXPECT_EQ(categories_of(mentions.column("type")), (std::vector<std::string>{"PERSON", "PERSON"}));
  EXPECT_EQ(strings_of(mentions.column("text")), (std::vector<std::string>{"Zoë Müller", "Müller"}));
  EXPECT_EQ(mentions.column("start").integers, (Integers{0, 49}));
  EXPECT_EQ(mentions.column("end").integers, (Integers{10, 55}));
}

TEST(Table, ArticlesFromSeveralStoresAndSlices) {
  const Corpus first = build({plain_article("a", "x"), plain_article("b", "x")});
  const Corpus second = build({worked_example()});
  std::vector<newsdoc::Article> articles = {second[0], first[1]};
  const Corpus mixed(articles);
  const Table quotes = newsdoc::make_table(mixed, TableName::quotes);
  EXPECT_EQ(quotes.column("article_index").integers, (Integers{0, 1, 1}));
  EXPECT_EQ(strings_of(quotes.column("article_id")), (std::vector<std::string>{"ex-1", "b", "b"}));
  EXPECT_EQ(strings_of(quotes.column("speaker")), (std::vector<std::string>{"Zoë Müller", "<missing>", "Ann Lee"}));
}

TEST(Table, OutlivesItsCorpus) {
  // The table's views stay valid after every other handle to the Store is gone.
  const Table mentions = newsdoc::make_table(build({worked_example()}), TableName::mentions);
  EXPECT_EQ(strings_of(mentions.column("text")), (std::vector<std::string>{"Zoë Müller", "Müller"}));
  EXPECT_EQ(mentions.column("name").values, (Strings{"Zoë Müller"}));
}

TEST(Table, UnknownColumnThrows) {
  const Table quotes = newsdoc::make_table(Corpus(), TableName::quotes);
  EXPECT_THROW(quotes.column("speaker_name"), std::out_of_range);
}

}  // namespace
