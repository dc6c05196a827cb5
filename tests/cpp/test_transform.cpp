// Transforms: redaction, quotation marks, paragraph selection, entity
// renaming and merging, annotations from elsewhere; spans stay consistent.
#include <gtest/gtest.h>

#include <limits>
#include <newsdoc/newsdoc.hpp>
#include <newsdoc/transform.hpp>
#include <string>
#include <vector>
#include "store.hpp"

using newsdoc::detail::Internals;  // store(): whether two handles share storage

namespace {

using newsdoc::Article;
using newsdoc::ArticleInput;
using newsdoc::Corpus;
using newsdoc::CorpusBuilder;
using newsdoc::OffsetUnit;
using newsdoc::ParagraphSelection;
using newsdoc::QuoteKind;
using newsdoc::Span;

Article build(const ArticleInput& in) {
  CorpusBuilder builder;
  builder.add(in);
  const Corpus corpus = builder.finish();
  return corpus[0];
}

/// The worked example of docs/schema.md, with a title, tags and meta naming Zoë Müller.
ArticleInput example() {
  ArticleInput in;
  in.id = "ex-1";
  in.title = "Müller in Berlin";
  in.tags = {"Müller", "Politik"};
  in.paragraphs = {"Zoë Müller arrived.", "“Wir schaffen das 👍”, sagte Müller."};
  in.entities = {{"e1", "Zoë Müller", "PERSON", {"Müller"}}, {"e2", "Berlin", "GPE", {}}};
  in.quotes = {{Span{22, 40}, QuoteKind::direct, 0, Span{49, 55}, "sagte"}};
  in.mentions = {{Span{0, 10}, 0}, {Span{49, 55}, 0}};
  in.unit = OffsetUnit::chars;
  in.meta = R"({"teaser":"Zo\u00eb M\u00fcller spricht","n":1.50})";
  return in;
}

std::string text_of(const Article& a, Span chars) {
  // Spans are checked through their byte offsets, the text through the chars.
  const auto q = a.text();
  std::size_t start = 0, end = 0, cp = 0;
  for (std::size_t i = 0; i <= q.size(); ++i) {
    if (i == q.size() || (static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) {
      if (cp == chars.start) start = i;
      if (cp == chars.end) end = i;
      ++cp;
    }
  }
  return std::string(q.substr(start, end - start));
}

TEST(Redact, ReplacesMentionsSpeakerSpansNamesTitleTagsAndMeta) {
  const Article original = build(example());
  const Article a = newsdoc::redact(original);
  EXPECT_EQ(a.text(), "[PERSON] arrived.\n\n“Wir schaffen das 👍”, sagte [PERSON].");
  ASSERT_EQ(a.paragraph_count(), 2u);
  EXPECT_EQ(a.paragraph(1).chars, (Span{19, 56}));
  const auto q = a.quote(0);
  EXPECT_EQ(q.chars, (Span{20, 38}));
  EXPECT_EQ(q.text, "Wir schaffen das 👍");
  EXPECT_EQ(q.speaker_chars, (Span{47, 55}));
  EXPECT_EQ(q.speaker, 0);
  EXPECT_EQ(a.mention(0).text, "[PERSON]");
  EXPECT_EQ(a.mention(1).chars, (Span{47, 55}));
  EXPECT_EQ(a.mention(1).text, "[PERSON]");
  EXPECT_EQ(a.entity(0).name, "[PERSON]");
  EXPECT_TRUE(a.entity(0).aliases.empty());
  EXPECT_EQ(a.entity(1).name, "Berlin");  // not a PERSON
  EXPECT_EQ(a.title(), "[PERSON] in Berlin");
  EXPECT_EQ(a.tags(), (std::vector<std::string_view>{"Politik"}));
  EXPECT_EQ(a.meta_json(), R"({"teaser":"[PERSON] spricht","n":1.50})");
  const std::string json = a.to_json();
  EXPECT_EQ(json.find("Müller"), std::string::npos) << json;
  EXPECT_EQ(json.find("Zoë"), std::string::npos) << json;
  // The original is untouched.
  EXPECT_EQ(original.text(), "Zoë Müller arrived.\n\n“Wir schaffen das 👍”, sagte Müller.");
}

TEST(Redact, QuoteAroundAMentionKeepsItsWordsWithThePlaceholderInside) {
  ArticleInput in;
  in.paragraphs = {"“I, Zoë Müller, agree,” she said."};
  in.entities = {{"p7", "Zoë Müller", "PERSON", {}}};
  in.quotes = {{Span{1, 22}, QuoteKind::direct, 0, Span{24, 27}, "said"}};
  in.mentions = {{Span{4, 14}, 0}};
  in.unit = OffsetUnit::chars;
  const Article a = newsdoc::redact(build(in), {{"PERSON"}, "<{id}:{type}>"});
  EXPECT_EQ(a.text(), "“I, <p7:PERSON>, agree,” she said.");
  EXPECT_EQ(a.quote(0).text, "I, <p7:PERSON>, agree,");
  EXPECT_EQ(a.quote(0).speaker_chars, (Span{25, 28}));  // "she" is not a name: kept
  EXPECT_EQ(text_of(a, *a.quote(0).speaker_chars), "she");
  EXPECT_EQ(a.mention(0).text, "<p7:PERSON>");
}

TEST(Redact, UnannotatedOccurrencesAreWholeWordsAndOverlapsMerge) {
  ArticleInput in;
  in.paragraphs = {"Müllers and Müller met Ms Müller, said Ms Müller."};
  in.entities = {{"e1", "Müller", "PERSON", {}}};
  // The speaker span "Ms Müller" overlaps the name: the whole span goes.
  in.quotes = {{Span{0, 5}, QuoteKind::indirect, 0, Span{39, 48}, "said"}};
  in.unit = OffsetUnit::chars;
  const Article a = newsdoc::redact(build(in), {{"PERSON"}, "X"});
  EXPECT_EQ(a.text(), "Müllers and X met Ms X, said X.");
  EXPECT_EQ(a.quote(0).speaker_chars, (Span{29, 30}));
}

TEST(Redact, NamesInsideMentionsOfKeptEntitiesStay) {
  ArticleInput in;
  in.paragraphs = {"Washington flew to Washington."};
  in.entities = {{"e1", "George Washington", "PERSON", {"Washington"}}, {"e2", "Washington", "GPE", {}}};
  in.mentions = {{Span{19, 29}, 1}};
  in.unit = OffsetUnit::chars;
  const Article a = newsdoc::redact(build(in));
  EXPECT_EQ(a.text(), "[PERSON] flew to Washington.");
  EXPECT_EQ(a.mention(0).text, "Washington");
  EXPECT_EQ(a.entity(1).name, "Washington");
}

TEST(Redact, ArticleWithoutSuchEntitiesIsTheSameHandle) {
  const Article original = build(example());
  const Article a = newsdoc::redact(original, {{"ORG"}, "[{type}]"});
  EXPECT_EQ(Internals::store(a), Internals::store(original));
  EXPECT_EQ(&Internals::record(a), &Internals::record(original));
}

TEST(Redact, PlaceholderErrorsAreClear) {
  const Article a = build(example());
  EXPECT_THROW(newsdoc::redact(a, {{"PERSON"}, "[{name}]"}), std::invalid_argument);
  EXPECT_THROW(newsdoc::redact(a, {{"PERSON"}, "[{type]"}), std::invalid_argument);
  EXPECT_THROW(newsdoc::redact(a, {{"PERSON"}, "type}"}), std::invalid_argument);
  try {
    newsdoc::redact(a, {{"PERSON"}, "{name}"});
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "placeholder \"{name}\": unknown field {name}; the fields are {type} and {id}");
  }
  const Article braced = newsdoc::redact(a, {{"PERSON"}, "{{{type}}}"});
  EXPECT_EQ(braced.entity(0).name, "{PERSON}");
}

TEST(Redact, CorpusOnThreadsMatchesArticleByArticle) {
  CorpusBuilder builder;
  ArticleInput other;
  other.paragraphs = {"No people here."};
  for (int i = 0; i < 300; ++i) builder.add(i % 3 == 0 ? other : example());
  builder.add_error({});
  const Corpus corpus = builder.finish();
  const Corpus redacted = newsdoc::redact(corpus, {}, 4);
  ASSERT_EQ(redacted.size(), corpus.size());
  EXPECT_EQ(redacted.errors().size(), 1u);
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    EXPECT_EQ(redacted[i].to_json(), newsdoc::redact(corpus[i]).to_json());
  }
  EXPECT_EQ(Internals::store(redacted[0]), Internals::store(corpus[0]));  // unchanged: shared
}

TEST(NormalizeQuotes, StraightAndCurly) {
  using newsdoc::QuoteStyle;
  EXPECT_EQ(newsdoc::normalize_quotes("“Yes,” she said, ‘it’s «fine» „ja“’.", QuoteStyle::straight),
            "\"Yes,\" she said, 'it's \"fine\" \"ja\"'.");
  EXPECT_EQ(newsdoc::normalize_quotes("\"Yes,\" she said, 'it's (\"fine\")' - \"x\"", QuoteStyle::curly),
            "“Yes,” she said, ‘it’s (“fine”)’ - “x”");
  EXPECT_EQ(newsdoc::normalize_quotes("'90s and James' book", QuoteStyle::curly), "‘90s and James’ book");
  EXPECT_EQ(newsdoc::quote_style_from_string("curly"), QuoteStyle::curly);
  EXPECT_FALSE(newsdoc::quote_style_from_string("smart"));
}

TEST(NormalizeQuotes, CodePointsStayBytesMove) {
  const Article original = build(example());
  const Article a = newsdoc::normalize_quotes(original);
  EXPECT_EQ(a.text(), "Zoë Müller arrived.\n\n\"Wir schaffen das 👍\", sagte Müller.");
  EXPECT_EQ(a.quote(0).chars, original.quote(0).chars);
  EXPECT_EQ(a.quote(0).bytes, (Span{24, 45}));  // the opening mark shrank from 3 bytes to 1
  EXPECT_EQ(a.quote(0).text, "Wir schaffen das 👍");
  EXPECT_EQ(a.mention(1).text, "Müller");
  EXPECT_EQ(a.mention(1).bytes, (Span{54, 61}));
  const Article back = newsdoc::normalize_quotes(a, newsdoc::QuoteStyle::curly);
  EXPECT_EQ(back.text(), original.text());
  EXPECT_EQ(back.quote(0).bytes, original.quote(0).bytes);
}

ArticleInput three_paragraphs() {
  ArticleInput in;
  in.id = "p3";
  in.paragraphs = {"Ann spoke.", "Bob spoke.", "“Cy,” said Ann."};
  in.entities = {{"e1", "Ann", "PERSON", {}}, {"e2", "Bob", "PERSON", {}}, {"e3", "Dee", "PERSON", {}}};
  in.quotes = {{Span{0, 22}, QuoteKind::indirect, 1, std::nullopt, ""},   // paragraphs 0 and 1
               {Span{25, 28}, QuoteKind::direct, 0, Span{0, 3}, "said"},  // speaker span in paragraph 0
               {Span{12, 15}, QuoteKind::indirect, newsdoc::no_entity, std::nullopt, ""}};
  in.mentions = {{Span{0, 3}, 0}, {Span{12, 15}, 1}, {Span{35, 38}, 0}};
  in.unit = OffsetUnit::chars;
  return in;
}

TEST(SelectParagraphs, KeepsWhatLiesInKeptParagraphs) {
  const Article a = newsdoc::select_paragraphs(build(three_paragraphs()), ParagraphSelection::at({2, -1, 0}));
  EXPECT_EQ(a.text(), "Ann spoke.\n\n“Cy,” said Ann.");
  ASSERT_EQ(a.quote_count(), 1u);  // the quote over paragraphs 0-1 and the one in 1 are gone
  EXPECT_EQ(a.quote(0).text, "Cy,");
  EXPECT_EQ(a.quote(0).chars, (Span{13, 16}));
  EXPECT_EQ(a.quote(0).speaker_chars, (Span{0, 3}));
  ASSERT_EQ(a.mention_count(), 2u);
  EXPECT_EQ(a.mention(1).chars, (Span{23, 26}));
  EXPECT_EQ(a.mention(1).text, "Ann");
  // Bob lost his mention and his quote; Dee never had any and stays.
  ASSERT_EQ(a.entity_count(), 2u);
  EXPECT_EQ(a.entity(0).id, "e1");
  EXPECT_EQ(a.entity(1).id, "e3");
}

TEST(SelectParagraphs, SpeakerSpanInADroppedParagraphIsDropped) {
  const Article a = newsdoc::select_paragraphs(build(three_paragraphs()), ParagraphSelection::slice(1, std::nullopt));
  EXPECT_EQ(a.text(), "Bob spoke.\n\n“Cy,” said Ann.");
  ASSERT_EQ(a.quote_count(), 2u);
  EXPECT_EQ(a.quote(0).text, "Cy,");
  EXPECT_FALSE(a.quote(0).speaker_chars);
  EXPECT_EQ(a.entity(static_cast<std::size_t>(a.quote(0).speaker)).name, "Ann");
  EXPECT_EQ(a.quote(1).text, "Bob");
}

TEST(SelectParagraphs, SelectionsResolveAsInPython) {
  constexpr auto big = std::numeric_limits<std::int64_t>::max();
  constexpr auto small = std::numeric_limits<std::int64_t>::min();
  using V = std::vector<std::uint32_t>;
  EXPECT_EQ(ParagraphSelection::slice(std::nullopt, std::nullopt, -1).resolve(3), (V{0, 1, 2}));
  EXPECT_EQ(ParagraphSelection::slice(-2, std::nullopt).resolve(5), (V{3, 4}));
  EXPECT_EQ(ParagraphSelection::slice(1, -1, 2).resolve(6), (V{1, 3}));
  EXPECT_EQ(ParagraphSelection::slice(small, big, big).resolve(5), (V{0}));
  EXPECT_EQ(ParagraphSelection::slice(std::nullopt, std::nullopt, small).resolve(5), (V{4}));
  EXPECT_EQ(ParagraphSelection::slice(10, 20).resolve(5), V{});
  EXPECT_EQ(ParagraphSelection::at({-1, 0, 0}).resolve(3), (V{0, 2}));
  EXPECT_THROW(ParagraphSelection::at({3}).resolve(3), std::out_of_range);
  EXPECT_THROW(ParagraphSelection::at({-4}).resolve(3), std::out_of_range);
  EXPECT_THROW(ParagraphSelection::slice(0, 1, 0), std::invalid_argument);
}

TEST(SelectParagraphs, CorpusErrorsNameTheArticle) {
  CorpusBuilder builder;
  builder.add(three_paragraphs());
  ArticleInput short_one;
  short_one.id = "short";
  short_one.paragraphs = {"One."};
  builder.add(short_one);
  const Corpus corpus = builder.finish();
  try {
    newsdoc::select_paragraphs(corpus, ParagraphSelection::at({2}));
    FAIL() << "expected out_of_range";
  } catch (const std::out_of_range& e) {
    EXPECT_STREQ(e.what(), "article 1 (id \"short\"): paragraph index 2 out of range for 1 paragraphs");
  }
  const Corpus firsts = newsdoc::select_paragraphs(corpus, std::vector<std::vector<std::uint32_t>>{{0}, {}});
  EXPECT_EQ(firsts[0].text(), "Ann spoke.");
  EXPECT_EQ(firsts[1].text(), "");
  EXPECT_THROW(newsdoc::select_paragraphs(corpus, std::vector<std::vector<std::uint32_t>>{{0}}), std::invalid_argument);
}

TEST(Entities, FindRenameAndErrors) {
  const Article original = build(example());
  EXPECT_EQ(newsdoc::find_entity(original, "e2"), 1u);
  EXPECT_EQ(newsdoc::find_entity(original, "Zoë Müller"), 0u);
  EXPECT_EQ(newsdoc::find_entity(original, "Müller"), 0u);
  EXPECT_FALSE(newsdoc::find_entity(original, "müller"));
  const Article a = newsdoc::rename_entity(original, "Müller", "Müller");
  EXPECT_EQ(a.entity(0).name, "Müller");
  EXPECT_TRUE(a.entity(0).aliases.empty());  // the new name is no longer an alias
  EXPECT_EQ(a.text(), original.text());
  EXPECT_EQ(a.mention(1).bytes, original.mention(1).bytes);
  try {
    newsdoc::rename_entity(original, "Merkel", "Angela Merkel");
    FAIL() << "expected EntityNotFound";
  } catch (const newsdoc::EntityNotFound& e) {
    EXPECT_EQ(e.key(), "Merkel");
    EXPECT_STREQ(e.what(), "no entity \"Merkel\" in article \"ex-1\" (looked up by id, name and alias)");
  }
  EXPECT_THROW(newsdoc::rename_entity(original, "e1", ""), std::invalid_argument);

  ArticleInput twins = example();
  twins.entities[1] = {"e2", "Jan Müller", "PERSON", {"Müller"}};
  try {
    newsdoc::find_entity(build(twins), "Müller");
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "\"Müller\" is an alias of several entities of article \"ex-1\" (e1, e2): name one by its id");
  }
}

TEST(Entities, RenameInACorpusSkipsArticlesWithoutTheEntity) {
  CorpusBuilder builder;
  builder.add(example());
  builder.add(three_paragraphs());
  const Corpus corpus = builder.finish();
  const Corpus renamed = newsdoc::rename_entity(corpus, "Berlin", "Berlin, Germany");
  EXPECT_EQ(renamed[0].entity(1).name, "Berlin, Germany");
  EXPECT_EQ(Internals::store(renamed[1]), Internals::store(corpus[1]));
  EXPECT_THROW(newsdoc::rename_entity(corpus, "Paris", "Paris, France"), newsdoc::EntityNotFound);
}

TEST(Entities, MergeMovesMentionsQuotesAndAliases) {
  ArticleInput in = example();
  in.entities.push_back({"e3", "Z. Müller", "PERSON", {"Zoe", "Müller"}});
  in.mentions = {{Span{0, 10}, 2}, {Span{49, 55}, 0}, {Span{0, 10}, 0}};
  in.quotes[0].speaker = 2;
  const Article a = newsdoc::merge_entities(build(in), "e1", "Z. Müller");
  ASSERT_EQ(a.entity_count(), 2u);
  EXPECT_EQ(a.entity(0).name, "Zoë Müller");
  EXPECT_EQ(a.entity(0).aliases, (std::vector<std::string_view>{"Müller", "Z. Müller", "Zoe"}));
  EXPECT_EQ(a.entity(1).id, "e2");
  ASSERT_EQ(a.mention_count(), 2u);  // the two mentions at [0, 10) are one now
  EXPECT_EQ(a.mention(0).entity, 0u);
  EXPECT_EQ(a.mention(1).entity, 0u);
  EXPECT_EQ(a.quote(0).speaker, 0);
  EXPECT_THROW(newsdoc::merge_entities(build(in), "e1", "Zoë Müller"), std::invalid_argument);
  EXPECT_THROW(newsdoc::merge_entities(build(in), "e1", "e9"), newsdoc::EntityNotFound);
}

TEST(WithEntities, GroupsByTextAndLabelAndNumbersNewIds) {
  ArticleInput in = example();
  in.quotes[0].speaker_span = Span{49, 55};
  const Article original = build(in);
  // Given out of order; "e1" is taken by a given id, so made-up ids skip it.
  const std::vector<newsdoc::EntitySpan> spans = {
      {Span{49, 55}, "PERSON", "", ""}, {Span{4, 10}, "PERSON", "", ""}, {Span{0, 3}, "PERSON", "e1", "Zoë"}};
  const Article a = newsdoc::with_entities(original, spans);
  ASSERT_EQ(a.entity_count(), 2u);
  EXPECT_EQ(a.entity(0).id, "e1");
  EXPECT_EQ(a.entity(0).name, "Zoë");
  EXPECT_EQ(a.entity(1).id, "e2");
  EXPECT_EQ(a.entity(1).name, "Müller");
  EXPECT_EQ(a.mention_count(), 3u);
  EXPECT_EQ(a.mention(1).text, "Müller");
  EXPECT_EQ(a.mention(2).text, "Müller");
  EXPECT_EQ(a.mention(2).entity, 1u);
  // The speaker follows the new mention at its speaker span.
  EXPECT_EQ(a.quote(0).speaker, 1);

  const Article added = newsdoc::with_entities(original, {{Span{11, 18}, "VERB", "", ""}}, false);
  ASSERT_EQ(added.entity_count(), 3u);
  EXPECT_EQ(added.entity(2).id, "e3");
  EXPECT_EQ(added.entity(2).name, "arrived");
  EXPECT_EQ(added.mention_count(), 3u);
  // With replace=false a mention joins the old entity of its label and name.
  EXPECT_EQ(newsdoc::with_entities(original, {{Span{49, 55}, "PERSON", "", ""}}, false).mention_count(), 2u);
}

TEST(WithEntities, BadItemsAreSchemaErrorsNamingThem) {
  const Article a = build(example());
  try {
    newsdoc::with_entities(a, {{Span{0, 3}, "PERSON", "", ""}, {Span{50, 90}, "ORG", "", ""}});
    FAIL() << "expected SchemaError";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/1");
    EXPECT_EQ(e.reason(), "span [50, 90) lies outside the text (56 characters)");
  }
  try {
    newsdoc::with_entities(a, {{Span{0, 3}, "ORG", "e1", ""}}, false);
    FAIL() << "expected SchemaError";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/0");
    EXPECT_EQ(e.reason(), "entity \"e1\" has type \"PERSON\", not \"ORG\"");
  }
}

TEST(WithQuotes, ReplacesOrAppends) {
  const Article original = build(example());
  const Article a = newsdoc::with_quotes(original, {{Span{0, 19}, QuoteKind::indirect, "e2", Span{0, 3}, "says"}});
  ASSERT_EQ(a.quote_count(), 1u);
  EXPECT_EQ(a.quote(0).text, "Zoë Müller arrived.");
  EXPECT_EQ(a.quote(0).speaker, 1);
  EXPECT_EQ(a.quote(0).cue, "says");
  EXPECT_EQ(
      newsdoc::with_quotes(original, {{Span{0, 3}, QuoteKind::partial, "", std::nullopt, ""}}, false).quote_count(),
      2u);
  try {
    newsdoc::with_quotes(original, {{Span{0, 3}, QuoteKind::direct, "e9", std::nullopt, ""}});
    FAIL() << "expected SchemaError";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/0/speaker");
  }
  try {
    newsdoc::with_quotes(original, {{Span{0, 3}, QuoteKind::direct, "", Span{5, 2}, ""}});
    FAIL() << "expected SchemaError";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/0/speaker_span");
    EXPECT_EQ(e.reason(), "span ends (2) before it starts (5)");
  }
}

TEST(WithQuotes, CorpusErrorsCarryTheArticlePosition) {
  CorpusBuilder builder;
  builder.add(example());
  builder.add(example());
  const Corpus corpus = builder.finish();
  try {
    newsdoc::with_quotes(corpus, {{}, {{Span{0, 99}, QuoteKind::direct, "", std::nullopt, ""}}});
    FAIL() << "expected SchemaError";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/1/0");
    EXPECT_STREQ(e.what(), "/1/0: article 1 (id \"ex-1\"): span [0, 99) lies outside the text (56 characters)");
  }
}

}  // namespace
