// Attributions: quotes grouped into statements, fragments under their
// enclosing quote, cue spans; through the builder, JSON, binary, tables,
// transforms, queries and the annotator.
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>
#include <newsdoc/annotate.hpp>
#include <newsdoc/text.hpp>
#include <newsdoc/binary.hpp>
#include <newsdoc/query.hpp>
#include <newsdoc/table.hpp>
#include <newsdoc/transform.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.hpp"

namespace {

using namespace std::string_view_literals;
using newsdoc::Article;
using newsdoc::ArticleInput;
using newsdoc::Corpus;
using newsdoc::CorpusBuilder;
using newsdoc::OffsetUnit;
using newsdoc::QuoteInput;
using newsdoc::QuoteKind;
using newsdoc::SchemaError;
using newsdoc::Span;

// An interrupted quote (parts 0 and 1, cue "said"), reported speech with a
// quoted fragment inside it (2, fragment 3), and a quote on its own (4).
constexpr std::string_view paragraph0 = "“We will win,” she said, “and soon.”";
constexpr std::string_view paragraph1 = "Ozerov added that it was “nothing extraordinary” today. “Fine.”";

std::size_t at(std::string_view needle) {
  const std::string body = std::string(paragraph0) + "\n\n" + std::string(paragraph1);
  return body.find(needle);
}

Span bytes_of(std::string_view needle) {
  const auto start = static_cast<std::uint32_t>(at(needle));
  return Span{start, start + static_cast<std::uint32_t>(needle.size())};
}

ArticleInput statements_input() {
  ArticleInput in;
  in.id = "a";
  in.paragraphs = {paragraph0, paragraph1};
  in.unit = OffsetUnit::bytes;
  in.entities = {{"e1", "Viktor Ozerov", "PERSON", {}}};
  QuoteInput first{bytes_of("We will win,"), QuoteKind::direct, newsdoc::no_entity, bytes_of("she"), "said",
                   bytes_of("said"), 7, newsdoc::no_quote};
  QuoteInput second = first;
  second.span = bytes_of("and soon.");
  QuoteInput clause{bytes_of("it was “nothing extraordinary” today"), QuoteKind::indirect, 0, bytes_of("Ozerov"),
                    "added", bytes_of("added"), 3, newsdoc::no_quote};
  QuoteInput fragment = clause;
  fragment.span = bytes_of("nothing extraordinary");
  fragment.kind = QuoteKind::partial;
  fragment.parent = 2;
  QuoteInput alone{bytes_of("Fine."), QuoteKind::direct, newsdoc::no_entity, std::nullopt, "", std::nullopt,
                   std::nullopt, newsdoc::no_quote};
  in.quotes = {first, second, clause, fragment, alone};
  return in;
}

Article build(const ArticleInput& in) {
  CorpusBuilder builder;
  builder.add(in);
  return builder.finish()[0];
}

std::string slice(const Article& a, Span bytes) { return std::string(a.text().substr(bytes.start, bytes.end - bytes.start)); }

void expect_statements(const Article& a) {
  ASSERT_EQ(a.quote_count(), 5u);
  ASSERT_EQ(a.attribution_count(), 3u);
  // Numbered anew in order of first appearance: 7 → 0, 3 → 1, the lone quote → 2.
  EXPECT_EQ(a.quote(0).attribution, 0u);
  EXPECT_EQ(a.quote(1).attribution, 0u);
  EXPECT_EQ(a.quote(2).attribution, 1u);
  EXPECT_EQ(a.quote(3).attribution, 1u);
  EXPECT_EQ(a.quote(4).attribution, 2u);
  EXPECT_EQ(a.quote(3).parent, 2);
  EXPECT_EQ(a.quote(2).parent, newsdoc::no_quote);

  const auto interrupted = a.attribution(0);
  EXPECT_EQ(interrupted.parts, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(interrupted.content, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(interrupted.cue, "said");
  ASSERT_TRUE(interrupted.cue_bytes);
  EXPECT_EQ(slice(a, *interrupted.cue_bytes), "said");
  ASSERT_TRUE(interrupted.speaker_bytes);
  EXPECT_EQ(slice(a, *interrupted.speaker_bytes), "she");

  const auto reported = a.attribution(1);
  EXPECT_EQ(reported.kind, QuoteKind::indirect);
  EXPECT_EQ(reported.speaker, 0);
  EXPECT_EQ(reported.parts, (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(reported.content, (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(slice(a, *reported.cue_bytes), "added");

  const auto alone = a.attribution(2);
  EXPECT_EQ(alone.parts, (std::vector<std::uint32_t>{4}));
  EXPECT_FALSE(alone.cue_bytes);
}

TEST(Attributions, BuilderGroupsQuotesIntoStatements) { expect_statements(build(statements_input())); }

TEST(Attributions, QuotesWithoutNumbersAreStatementsOfTheirOwn) {
  auto in = statements_input();
  for (auto& q : in.quotes) {
    q.attribution.reset();
    q.parent = newsdoc::no_quote;
  }
  const auto a = build(in);
  ASSERT_EQ(a.attribution_count(), 5u);
  for (std::uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(a.quote(i).attribution, i);
    EXPECT_EQ(a.attribution(i).parts, (std::vector<std::uint32_t>{i}));
  }
}

TEST(Attributions, FragmentWithoutNumberJoinsItsParent) {
  auto in = statements_input();
  in.quotes[3].attribution.reset();
  expect_statements(build(in));
}

TEST(Attributions, PartsAreInTextOrderWhateverTheQuoteOrder) {
  auto in = statements_input();
  std::swap(in.quotes[0], in.quotes[1]);
  const auto a = build(in);
  EXPECT_EQ(a.attribution(0).parts, (std::vector<std::uint32_t>{1, 0}));
}

TEST(AttributionsReject, ParentThatDoesNotEnclose) {
  auto in = statements_input();
  in.quotes[3].span = bytes_of("Fine.");
  CorpusBuilder builder;
  try {
    builder.add(in);
    FAIL() << "no SchemaError";
  } catch (const SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/quotes/3/parent");
  }
  EXPECT_EQ(builder.size(), 0u);
}

TEST(AttributionsReject, ParentOfAnotherAttributionOrAFragmentOrItself) {
  for (const auto& change : std::vector<std::function<void(ArticleInput&)>>{
           [](ArticleInput& in) { in.quotes[3].attribution = 7; },
           [](ArticleInput& in) { in.quotes[3].parent = 3; },
           [](ArticleInput& in) { in.quotes[3].parent = 9; },
           [](ArticleInput& in) {
             in.quotes.push_back(in.quotes[3]);
             in.quotes.back().parent = 3;  // a fragment of a fragment
           }}) {
    auto in = statements_input();
    change(in);
    CorpusBuilder builder;
    EXPECT_THROW(builder.add(in), SchemaError);
  }
}

TEST(Attributions, CueSpanOutsideTheTextIsASchemaError) {
  auto in = statements_input();
  in.quotes[0].cue_span = Span{0, 10000};
  CorpusBuilder builder;
  try {
    builder.add(in);
    FAIL() << "no SchemaError";
  } catch (const SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/quotes/0/cue_span");
  }
}

TEST(Attributions, JsonRoundTripKeepsThem) {
  const auto a = build(statements_input());
  const auto json = a.to_json();
  EXPECT_NE(json.find(R"("cue":"said","cue_span":[19,23],"attribution":0,"parent":null)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("attribution":1,"parent":2)"), std::string::npos) << json;
  const auto again = newsdoc::loads(json)[0];
  expect_statements(again);
  EXPECT_EQ(again.to_json(), json);
}

TEST(Attributions, JsonWithoutThemLoadsAsOneQuoteOneStatement) {
  // The quote object of files written before attributions existed.
  const auto a = newsdoc::loads(
      R"({"paragraphs":["“A,” she said, “B.”"],"quotes":[{"start":1,"end":3,"kind":"direct","speaker":null,"speaker_span":null,"cue":"said"},{"start":16,"end":18,"kind":"direct","speaker":null,"speaker_span":null,"cue":"said"}]})")[0];
  ASSERT_EQ(a.attribution_count(), 2u);
  EXPECT_EQ(a.quote(1).attribution, 1u);
  EXPECT_FALSE(a.quote(0).cue_chars);
}

TEST(Attributions, OldSeedFileLoads) {
  const auto corpus = newsdoc::load((newsdoc_test::source_dir() / "tests/data/seed_before_attributions.json").string());
  const auto& a = corpus[0];
  EXPECT_EQ(a.attribution_count(), a.quote_count());
  for (std::size_t i = 0; i < a.quote_count(); ++i) EXPECT_EQ(a.quote(i).attribution, i);
}

TEST(Attributions, BinaryRoundTripKeepsThem) {
  CorpusBuilder builder;
  builder.add(statements_input());
  const auto corpus = builder.finish();
  const auto again = newsdoc::from_binary(newsdoc::to_binary(corpus));
  expect_statements(again[0]);
}

TEST(Attributions, TablesHaveThem) {
  CorpusBuilder builder;
  builder.add(statements_input());
  const auto corpus = builder.finish();
  const auto quotes = newsdoc::make_table(corpus, newsdoc::TableName::quotes);
  EXPECT_EQ(quotes.column("attribution").integers, (std::vector<std::int64_t>{0, 0, 1, 1, 2}));
  EXPECT_EQ(quotes.column("parent").missing, (std::vector<std::uint8_t>{1, 1, 1, 0, 1}));
  EXPECT_EQ(quotes.column("parent").integers[3], 2);
  EXPECT_EQ(quotes.column("cue_start").integers[0], 19);

  const auto statements = newsdoc::make_table(corpus, newsdoc::TableName::attributions);
  ASSERT_EQ(statements.rows, 3u);
  const auto& text = statements.column("text");
  EXPECT_EQ(text.values[0], "We will win, … and soon.");
  EXPECT_EQ(text.values[1], "it was “nothing extraordinary” today");
  EXPECT_EQ(statements.column("fragments").integers, (std::vector<std::int64_t>{0, 1, 0}));
  const auto& quote_indexes = statements.column("quote_indexes");
  EXPECT_EQ(quote_indexes.offsets, (std::vector<std::size_t>{0, 2, 4, 5}));
  EXPECT_EQ(quote_indexes.integers, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(statements.column("part_starts").integers.size(), 4u);  // the fragment is not a part of the content
}

TEST(Attributions, SelectingParagraphsDropsPartsCleanly) {
  const auto a = build(statements_input());
  // Only the second paragraph: the reported clause and its fragment stay linked.
  const auto second = newsdoc::select_paragraphs(a, newsdoc::ParagraphSelection::at({1}));
  ASSERT_EQ(second.quote_count(), 3u);
  EXPECT_EQ(second.attribution_count(), 2u);
  EXPECT_EQ(second.quote(1).parent, 0);
  ASSERT_TRUE(second.quote(0).cue_bytes);
  EXPECT_EQ(slice(second, *second.quote(0).cue_bytes), "added");
}

TEST(Attributions, RedactionMovesCueSpans) {
  const auto a = build(statements_input());
  const auto r = newsdoc::redact(a, newsdoc::RedactOptions{});
  ASSERT_EQ(r.quote_count(), 5u);
  EXPECT_EQ(slice(r, *r.quote(2).cue_bytes), "added");
  EXPECT_EQ(r.quote(3).parent, 2);
  EXPECT_EQ(r.attribution_count(), 3u);
}

TEST(Attributions, QueriesCountAStatementOnce) {
  CorpusBuilder builder;
  builder.add(statements_input());
  const newsdoc::CorpusIndex index(builder.finish());
  newsdoc::QuoteQuery query;
  EXPECT_EQ(index.quotes(query).size(), 4u);  // the fragment is left out
  query.fragments = true;
  EXPECT_EQ(index.quotes(query).size(), 5u);
  query.fragments = false;
  EXPECT_EQ(index.attributions(query).size(), 3u);
  query.speakers = std::vector<std::string>{"viktor ozerov"};
  const auto by_ozerov = index.attributions(query);
  ASSERT_EQ(by_ozerov.size(), 1u);
  EXPECT_EQ(by_ozerov[0].item, 1u);
  query.speakers.reset();
  query.contains = "soon";
  const auto soon = index.attributions(query);
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(soon[0].item, 0u);
  EXPECT_EQ(index.entities()[0].quotes, 1u);
}

TEST(Attributions, AnnotatorGroupsInterruptedQuotesAndLinksFragments) {
  const auto imported = newsdoc::parse_text(
      "Talks\n\n“We will win,” Smith said, “and soon.”\n\n"
      "Viktor Ozerov told reporters on Monday that there was “nothing extraordinary” about the shipments.\n\n"
      "“It is over,” Jones said.");
  const auto a = newsdoc::Annotator().annotate(imported[0]);
  ASSERT_EQ(a.attribution_count(), 3u) << a.to_json();
  const auto interrupted = a.attribution(0);
  ASSERT_EQ(interrupted.content.size(), 2u);
  EXPECT_EQ(slice(a, *interrupted.cue_bytes), "said");
  const auto reported = a.attribution(1);
  EXPECT_EQ(reported.kind, QuoteKind::indirect);
  ASSERT_EQ(reported.parts.size(), 2u);
  const auto fragment = a.quote(reported.parts[1]);
  EXPECT_EQ(fragment.text, "nothing extraordinary");
  EXPECT_EQ(fragment.parent, static_cast<std::int32_t>(reported.parts[0]));
  EXPECT_EQ(slice(a, *fragment.cue_bytes), "told");
  EXPECT_EQ(a.attribution(2).parts.size(), 1u);
}

}  // namespace
