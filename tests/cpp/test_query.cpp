// CorpusIndex, fold_case, search and take (newsdoc/query.hpp).
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>
#include <newsdoc/table.hpp>

#include <algorithm>
#include <deque>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "test_util.hpp"
#include "store.hpp"

using newsdoc::detail::Internals;  // store(): whether two handles share storage

namespace {

using newsdoc::ArticleInput;
using newsdoc::Corpus;
using newsdoc::CorpusIndex;
using newsdoc::ItemRef;
using newsdoc::QuoteKind;
using newsdoc::Span;

/// The byte span of the first `needle` in paragraphs joined by "\n\n" (after `from`).
Span span_of(const std::vector<std::string_view>& paragraphs, std::string_view needle, std::size_t from = 0) {
  std::string body;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i) body += "\n\n";
    body += paragraphs[i];
  }
  const auto at = body.find(needle, from);
  EXPECT_NE(at, std::string::npos) << needle;
  return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

newsdoc::QuoteInput quote(Span span, QuoteKind kind, std::int32_t speaker) {
  newsdoc::QuoteInput q;
  q.span = span;
  q.kind = kind;
  q.speaker = speaker;
  return q;
}

// Article 0: Assad (direct, indirect) and Ozerov (partial); article 1: Ozerov
// (direct) and a quote without speaker; article 2: no quotes, a mention of
// Assad under another type; article 3: a Unicode speaker.
Corpus sample() {
  newsdoc::CorpusBuilder builder;
  {
    ArticleInput in;
    in.id = "a0";
    in.source = "Example.com";
    in.title = "Syria talks";
    in.published = "2016-09-12T10:00:00Z";
    in.authors = {"Jane Doe"};
    in.tags = {"Syria", "Russia"};
    in.paragraphs = {"\"We need weapons,\" Assad said.", "Assad said Syria wants more. Ozerov spoke of \"nothing new\"."};
    in.entities = {{"e1", "Bashar al-Assad", "PERSON", {"Assad", "ASSAD"}}, {"e2", "Viktor Ozerov", "PERSON", {"Ozerov"}},
                   {"e3", "Syria", "GPE", {}}};
    in.quotes = {quote(span_of(in.paragraphs, "We need weapons,"), QuoteKind::direct, 0),
                 quote(span_of(in.paragraphs, "Syria wants more"), QuoteKind::indirect, 0),
                 quote(span_of(in.paragraphs, "nothing new"), QuoteKind::partial, 1)};
    in.mentions = {{span_of(in.paragraphs, "Assad"), 0},
                   {span_of(in.paragraphs, "Assad", 30), 0},
                   {span_of(in.paragraphs, "Ozerov"), 1},
                   {span_of(in.paragraphs, "Syria"), 2}};
    builder.add(in);
  }
  {
    ArticleInput in;
    in.id = "a1";
    in.source = "other.org";
    in.title = "More talks";
    in.published = "2016-10-01";
    in.authors = {"John Roe", "jane doe"};
    in.paragraphs = {"\"Help is coming,\" said Ozerov.", "\"No comment,\" a spokesman said."};
    in.entities = {{"x", "Viktor Ozerov", "PERSON", {"Ozerov"}}};
    in.quotes = {quote(span_of(in.paragraphs, "Help is coming,"), QuoteKind::direct, 0),
                 quote(span_of(in.paragraphs, "No comment,"), QuoteKind::direct, newsdoc::no_entity)};
    in.mentions = {{span_of(in.paragraphs, "Ozerov"), 0}};
    builder.add(in);
  }
  {
    ArticleInput in;
    in.id = "a2";
    in.title = "A ship named Assad";
    in.paragraphs = {"The Assad sailed."};
    in.entities = {{"s", "Bashar al-Assad", "PRODUCT", {}}};
    in.mentions = {{span_of(in.paragraphs, "Assad"), 0}};
    builder.add(in);
  }
  {
    ArticleInput in;
    in.id = "a3";
    in.source = "EXAMPLE.COM";
    in.published = "Sep 12, 2016";
    in.title = "ÉLYSÉE";
    in.paragraphs = {"«Ça suffit», a dit Zoë MÜLLER à l'Élysée."};
    in.entities = {{"z", "Zoë Müller", "PERSON", {"MÜLLER"}}};
    in.quotes = {quote(span_of(in.paragraphs, "Ça suffit"), QuoteKind::direct, 0)};
    in.mentions = {{span_of(in.paragraphs, "Zoë MÜLLER"), 0}};
    builder.add(in);
  }
  return builder.finish();
}

std::vector<ItemRef> refs(std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> pairs) {
  std::vector<ItemRef> out;
  for (const auto& [a, i] : pairs) out.push_back({a, i});
  return out;
}

newsdoc::QuoteQuery by_speaker(std::vector<std::string> names) {
  newsdoc::QuoteQuery query;
  query.speakers = std::move(names);
  return query;
}

TEST(FoldCase, LowercasesCasedScriptsOneCodePointForOne) {
  EXPECT_EQ(newsdoc::fold_case("Bashar AL-Assad"), "bashar al-assad");
  EXPECT_EQ(newsdoc::fold_case("ZOË MÜLLER ÉLYSÉE"), "zoë müller élysée");
  EXPECT_EQ(newsdoc::fold_case("ŁÓDŹ ŚWIĘTY"), "łódź święty");
  EXPECT_EQ(newsdoc::fold_case("ΣΩΚΡΑΤΗΣ Άρης"), "σωκρατησ άρησ");  // final sigma folds to sigma
  EXPECT_EQ(newsdoc::fold_case("МОСКВА Ёлка"), "москва ёлка");
  EXPECT_EQ(newsdoc::fold_case("İstanbul ẞ ＡＢＣ"), "istanbul ß ａｂｃ");
  EXPECT_EQ(newsdoc::fold_case("ȘTEFAN ȚEPEȘ"), "ștefan țepeș");
  EXPECT_EQ(newsdoc::fold_case("Nguyễn TẤN"), "nguyễn tấn");
  // Left as they are: no case, no one-to-one fold, and bytes that are not UTF-8.
  EXPECT_EQ(newsdoc::fold_case("“quoted” 中文 😀 ß"), "“quoted” 中文 😀 ß");
  EXPECT_EQ(newsdoc::fold_case(std::string("A\xff" "B")), std::string("a\xff" "b"));
}

TEST(FoldCase, KeepsCodePointCount) {
  for (std::string_view text : {"İİ \u2126 \u212A \u212B ſ µ", "ÀÉÎÕÜ", "ǅ ǈ ß"}) {
    EXPECT_EQ(newsdoc::count_code_points(newsdoc::fold_case(text)), newsdoc::count_code_points(text)) << text;
    EXPECT_LE(newsdoc::fold_case(text).size(), text.size()) << text;
  }
}

TEST(CorpusIndex, QuotesBySpeakerNameOrAliasCaseInsensitively) {
  const CorpusIndex index(sample());
  EXPECT_EQ(index.quote_count(), 6u);
  EXPECT_EQ(index.quotes(by_speaker({"assad"})), refs({{0, 0}, {0, 1}}));
  EXPECT_EQ(index.quotes(by_speaker({"  Bashar AL-ASSAD "})), refs({{0, 0}, {0, 1}}));
  EXPECT_EQ(index.quotes(by_speaker({"Ozerov"})), refs({{0, 2}, {1, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"ozerov", "Assad", "viktor ozerov"})), refs({{0, 0}, {0, 1}, {0, 2}, {1, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"zoë müller"})), refs({{3, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"müller"})), refs({{3, 0}}));
  EXPECT_TRUE(index.quotes(by_speaker({"al-assad"})).empty());
  EXPECT_TRUE(index.quotes(by_speaker({})).empty());
}

TEST(CorpusIndex, QuotesByKindAndText) {
  const CorpusIndex index(sample());
  EXPECT_EQ(index.quotes({}).size(), 6u);
  newsdoc::QuoteQuery query;
  query.kinds = std::vector<QuoteKind>{QuoteKind::direct};
  EXPECT_EQ(index.quotes(query), refs({{0, 0}, {1, 0}, {1, 1}, {3, 0}}));
  query.kinds = std::vector<QuoteKind>{QuoteKind::partial, QuoteKind::indirect};
  EXPECT_EQ(index.quotes(query), refs({{0, 1}, {0, 2}}));

  newsdoc::QuoteQuery text;
  text.contains = "NEED";
  EXPECT_EQ(index.quotes(text), refs({{0, 0}}));
  text.contains = "ça SUFFIT";
  EXPECT_EQ(index.quotes(text), refs({{3, 0}}));
  text.contains = "";
  EXPECT_EQ(index.quotes(text).size(), 6u);

  auto combined = by_speaker({"assad"});
  combined.kinds = std::vector<QuoteKind>{QuoteKind::indirect};
  EXPECT_EQ(index.quotes(combined), refs({{0, 1}}));
  combined.contains = "weapons";
  EXPECT_TRUE(index.quotes(combined).empty());
}

TEST(CorpusIndex, Mentions) {
  const CorpusIndex index(sample());
  EXPECT_EQ(index.mention_count(), 7u);
  newsdoc::MentionQuery query;
  query.entities = std::vector<std::string>{"ASSAD"};
  EXPECT_EQ(index.mentions(query), refs({{0, 0}, {0, 1}}));  // the ship has no alias "Assad"
  query.entities = std::vector<std::string>{"bashar al-assad"};
  EXPECT_EQ(index.mentions(query), refs({{0, 0}, {0, 1}, {2, 0}}));
  query.types = std::vector<std::string>{"person"};
  EXPECT_EQ(index.mentions(query), refs({{0, 0}, {0, 1}}));
  query.entities.reset();
  EXPECT_EQ(index.mentions(query), refs({{0, 0}, {0, 1}, {0, 2}, {1, 0}, {3, 0}}));
  query.types = std::vector<std::string>{"GPE", "PRODUCT"};
  EXPECT_EQ(index.mentions(query), refs({{0, 3}, {2, 0}}));
  query.types = std::vector<std::string>{"NOPE"};
  EXPECT_TRUE(index.mentions(query).empty());
  EXPECT_EQ(index.mentions({}).size(), 7u);
}

TEST(CorpusIndex, EntitiesAggregatedByNameAndType) {
  const CorpusIndex index(sample());
  const auto all = index.entities();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].name, "Bashar al-Assad");
  EXPECT_EQ(all[0].type, "PERSON");
  EXPECT_EQ(all[0].aliases, (std::vector<std::string_view>{"Assad"}));  // "ASSAD" folds to the same
  EXPECT_EQ(all[0].articles, 1u);
  EXPECT_EQ(all[0].mentions, 2u);
  EXPECT_EQ(all[0].quotes, 2u);
  EXPECT_EQ(all[1].name, "Viktor Ozerov");
  EXPECT_EQ(all[1].articles, 2u);
  EXPECT_EQ(all[1].mentions, 2u);
  EXPECT_EQ(all[1].quotes, 2u);
  EXPECT_EQ(all[2].name, "Syria");
  EXPECT_EQ(all[2].quotes, 0u);
  EXPECT_EQ(all[3].name, "Bashar al-Assad");
  EXPECT_EQ(all[3].type, "PRODUCT");
  EXPECT_EQ(all[3].mentions, 1u);
  EXPECT_EQ(all[4].name, "Zoë Müller");

  const auto people = index.entities(std::vector<std::string>{"person"});
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[2].name, "Zoë Müller");
  EXPECT_TRUE(index.entities(std::vector<std::string>{}).empty());
}

TEST(CorpusIndex, ArticleFilters) {
  const CorpusIndex index(sample());
  using Positions = std::vector<std::uint32_t>;
  EXPECT_EQ(index.articles({}), (Positions{0, 1, 2, 3}));

  newsdoc::ArticleFilter source;
  source.sources = std::vector<std::string>{"example.com"};
  EXPECT_EQ(index.articles(source), (Positions{0, 3}));

  newsdoc::ArticleFilter author;
  author.authors = std::vector<std::string>{"JANE DOE"};
  EXPECT_EQ(index.articles(author), (Positions{0, 1}));

  newsdoc::ArticleFilter tag;
  tag.tags = std::vector<std::string>{"russia", "nothing"};
  EXPECT_EQ(index.articles(tag), (Positions{0}));

  newsdoc::ArticleFilter speaker;
  speaker.quote_speakers = std::vector<std::string>{"ozerov"};
  EXPECT_EQ(index.articles(speaker), (Positions{0, 1}));
  speaker.quote_speakers = std::vector<std::string>{"nobody"};
  EXPECT_TRUE(index.articles(speaker).empty());

  // Dates: instants, whatever the form ("Sep 12, 2016" is article 3); the upper
  // bound runs to the end of the period it names; a missing date is out once a bound is set.
  newsdoc::ArticleFilter dates;
  dates.published_from = "2016-09-12";
  EXPECT_EQ(index.articles(dates), (Positions{0, 1, 3}));
  dates.published_to = "2016-09";
  EXPECT_EQ(index.articles(dates), (Positions{0, 3}));
  dates.published_from = "2016-09-13";
  EXPECT_TRUE(index.articles(dates).empty());
  dates.published_from.reset();
  dates.published_to = "2016-09-12";
  EXPECT_EQ(index.articles(dates), (Positions{0, 3}));
  dates.published_to = "2016-10-01T00:00";
  EXPECT_EQ(index.articles(dates), (Positions{0, 1, 3}));
  dates.published_to = "September 12, 2016 09:59";
  EXPECT_EQ(index.articles(dates), (Positions{3}));
  dates.published_to = "not a date";
  EXPECT_THROW(index.articles(dates), std::invalid_argument);

  newsdoc::ArticleFilter both;
  both.sources = std::vector<std::string>{"example.com", "other.org"};
  both.quote_speakers = std::vector<std::string>{"assad", "müller"};
  EXPECT_EQ(index.articles(both), (Positions{0, 3}));
}

TEST(CorpusIndex, KeepsItsCorpusAlive) {
  std::unique_ptr<CorpusIndex> index;
  {
    index = std::make_unique<CorpusIndex>(sample());
  }
  const auto found = index->quotes(by_speaker({"assad"}));
  ASSERT_EQ(found.size(), 2u);
  const auto& article = index->corpus()[found[0].article];
  EXPECT_EQ(article.quote(found[0].item).text, "We need weapons,");
}

TEST(CorpusIndex, EmptyCorpus) {
  const CorpusIndex index{Corpus()};
  EXPECT_TRUE(index.quotes(by_speaker({"x"})).empty());
  EXPECT_TRUE(index.quotes({}).empty());
  EXPECT_TRUE(index.mentions({}).empty());
  EXPECT_TRUE(index.entities().empty());
  EXPECT_TRUE(index.articles({}).empty());
}

TEST(CorpusIndex, SeedArticle) {
  const auto corpus = newsdoc::load(newsdoc_test::seed_json().string());
  const CorpusIndex index(corpus);
  const auto assad = index.quotes(by_speaker({"assad"}));
  EXPECT_EQ(assad.size(), 6u);
  for (const auto& ref : assad) {
    const auto& article = index.corpus()[ref.article];
    const auto q = article.quote(ref.item);
    ASSERT_NE(q.speaker, newsdoc::no_entity);
    EXPECT_EQ(article.entity(static_cast<std::size_t>(q.speaker)).name, "Bashar al-Assad");
  }
}

TEST(Search, LiteralInTitlesAndBodies) {
  const auto corpus = sample();
  const auto hits = newsdoc::search(corpus, "assad");
  // a0 body twice, a2 title then body.
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].article, 0u);
  EXPECT_EQ(hits[0].field, newsdoc::SearchField::body);
  EXPECT_EQ(hits[0].chars, (Span{19, 24}));
  EXPECT_EQ(hits[2].article, 2u);
  EXPECT_EQ(hits[2].field, newsdoc::SearchField::title);
  EXPECT_EQ(hits[2].chars, (Span{13, 18}));
  EXPECT_EQ(hits[3].field, newsdoc::SearchField::body);

  newsdoc::SearchOptions exact;
  exact.case_sensitive = true;
  EXPECT_TRUE(newsdoc::search(corpus, "ASSAD", exact).empty());
  EXPECT_EQ(newsdoc::search(corpus, "Assad", exact).size(), 4u);
  newsdoc::SearchOptions titles;
  titles.body = false;
  EXPECT_EQ(newsdoc::search(corpus, "talks", titles).size(), 2u);
  EXPECT_THROW(newsdoc::search(corpus, ""), std::invalid_argument);
}

TEST(Search, CodePointAndByteSpansWithUnicode) {
  const auto corpus = sample();
  // "«Ça suffit», a dit Zoë MÜLLER à l'Élysée."
  const auto hits = newsdoc::search(corpus, "müller");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].article, 3u);
  EXPECT_EQ(hits[0].chars, (Span{23, 29}));
  const auto& article = corpus[3];
  EXPECT_EQ(article.text().substr(hits[0].bytes.start, hits[0].bytes.end - hits[0].bytes.start), "MÜLLER");

  const auto title = newsdoc::search(corpus, "élysée");
  ASSERT_EQ(title.size(), 2u);
  EXPECT_EQ(title[0].field, newsdoc::SearchField::title);
  EXPECT_EQ(title[0].chars, (Span{0, 6}));
  EXPECT_EQ(title[1].chars, (Span{34, 40}));

  // Folding shrinks İ (2 bytes) to i (1 byte): byte spans still point into the original.
  newsdoc::CorpusBuilder builder;
  ArticleInput in;
  in.paragraphs = {"İİ İstanbul and istanbul"};
  builder.add(in);
  const auto turkish = builder.finish();
  const auto found = newsdoc::search(turkish, "istanbul");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].chars, (Span{3, 11}));
  EXPECT_EQ(found[0].bytes, (Span{5, 14}));
  EXPECT_EQ(found[1].chars, (Span{16, 24}));
  EXPECT_EQ(found[1].bytes, (Span{19, 27}));
}

TEST(Take, SharesStorage) {
  const auto corpus = sample();
  const auto sub = newsdoc::take(corpus, {3, 0, 3});
  ASSERT_EQ(sub.size(), 3u);
  EXPECT_EQ(sub[0].id(), "a3");
  EXPECT_EQ(Internals::store(sub[1]), Internals::store(corpus[0]));
  EXPECT_EQ(&Internals::record(sub[1]), &Internals::record(corpus[0]));
  EXPECT_THROW(newsdoc::take(corpus, {4}), std::out_of_range);
}



// --- Corpus-level entities ----------------------------------------------------------

/// An article of one paragraph: a mention for each occurrence of each
/// (form, entity) in `forms` (longer forms claim their words first), and a
/// quote for each (text, speaker) in `said`.
ArticleInput article_of(std::string_view id, std::string paragraph, std::vector<newsdoc::EntityInput> entities,
                        std::vector<std::pair<std::string, std::uint32_t>> forms,
                        const std::vector<std::pair<std::string_view, std::int32_t>>& said) {
  // ArticleInput views its text: keep it for the test run.
  static std::deque<std::string> texts;
  const std::string& text = texts.emplace_back(std::move(paragraph));
  ArticleInput in;
  in.id = id;
  in.paragraphs = {text};
  in.entities = std::move(entities);
  std::stable_sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<bool> claimed(text.size(), false);
  for (const auto& [form, entity] : forms) {
    for (auto at = text.find(form); at != std::string::npos; at = text.find(form, at + form.size())) {
      if (std::any_of(claimed.begin() + static_cast<std::ptrdiff_t>(at),
                      claimed.begin() + static_cast<std::ptrdiff_t>(at + form.size()), [](bool c) { return c; }))
        continue;
      std::fill(claimed.begin() + static_cast<std::ptrdiff_t>(at),
                claimed.begin() + static_cast<std::ptrdiff_t>(at + form.size()), true);
      in.mentions.push_back({Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + form.size())}, entity});
    }
  }
  std::sort(in.mentions.begin(), in.mentions.end(),
            [](const newsdoc::MentionInput& a, const newsdoc::MentionInput& b) { return a.span.start < b.span.start; });
  for (const auto& [quoted, speaker] : said) in.quotes.push_back(quote(span_of(in.paragraphs, quoted), QuoteKind::direct, speaker));
  return in;
}

// Donald Trump (a0, with `donald_extra` more "Trump"s; a2 as "donald  trump"),
// an article that only says "Trump" (a1), Ivanka Trump called "Trump" in her
// article (a3); George and Jeb Bush, each "Bush" in his article, and an
// article that only says "Bush" (a4-a6); the UN (a7-a8); the (US) Justice
// Department (a9-a10); West Virginia and Virginia (a11).
std::vector<ArticleInput> trumps_and_bushes(int donald_extra) {
  std::string donald = "Donald Trump spoke.";
  for (int i = 0; i < donald_extra; ++i) donald += " Trump nodded.";
  donald += " \"We win,\" Trump said.";
  using E = newsdoc::EntityInput;
  return {
      article_of("a0", donald, {E{"e1", "Donald Trump", "PERSON", {"Trump"}}}, {{"Donald Trump", 0}, {"Trump", 0}},
                 {{"We win,", 0}}),
      article_of("a1", "\"Great,\" Trump said.", {E{"e1", "Trump", "PERSON", {}}}, {{"Trump", 0}}, {{"Great,", 0}}),
      article_of("a2", "\"Yes,\" said donald  trump.", {E{"e1", "donald  trump", "PERSON", {}}},
                 {{"donald  trump", 0}}, {{"Yes,", 0}}),
      article_of("a3", "Ivanka Trump arrived. \"Hello,\" Trump said.", {E{"e1", "Ivanka Trump", "PERSON", {"Trump"}}},
                 {{"Ivanka Trump", 0}, {"Trump", 0}}, {{"Hello,", 0}}),
      article_of("a4", "George Bush spoke. \"Read my lips,\" Bush said.", {E{"e1", "George Bush", "PERSON", {"Bush"}}},
                 {{"George Bush", 0}, {"Bush", 0}}, {{"Read my lips,", 0}}),
      article_of("a5", "Jeb Bush spoke. \"Please clap,\" Bush said.", {E{"e1", "Jeb Bush", "PERSON", {"Bush"}}},
                 {{"Jeb Bush", 0}, {"Bush", 0}}, {{"Please clap,", 0}}),
      article_of("a6", "\"Mission accomplished,\" Bush said.", {E{"e1", "Bush", "PERSON", {}}}, {{"Bush", 0}},
                 {{"Mission accomplished,", 0}}),
      article_of("a7", "The United Nations met. \"Peace,\" the UN said.", {E{"e1", "United Nations", "ORG", {"UN"}}},
                 {{"United Nations", 0}, {"UN", 0}}, {{"Peace,", 0}}),
      article_of("a8", "\"War,\" the UN said.", {E{"e1", "UN", "ORG", {}}}, {{"UN", 0}}, {{"War,", 0}}),
      article_of("a9", "\"No,\" the US Justice Department said.", {E{"e1", "US Justice Department", "ORG", {}}},
                 {{"US Justice Department", 0}}, {{"No,", 0}}),
      article_of("a10", "\"Maybe,\" the Justice Department said.", {E{"e1", "Justice Department", "ORG", {}}},
                 {{"Justice Department", 0}}, {{"Maybe,", 0}}),
      article_of("a11", "West Virginia and Virginia voted.",
                 {E{"e1", "West Virginia", "GPE", {}}, E{"e2", "Virginia", "GPE", {}}},
                 {{"West Virginia", 0}, {"Virginia", 1}}, {}),
  };
}

Corpus corpus_of(const std::vector<ArticleInput>& articles) {
  newsdoc::CorpusBuilder builder;
  for (const auto& article : articles) builder.add(article);
  return builder.finish();
}

using EntityRow = std::tuple<std::string, std::string, std::vector<std::string>, std::uint32_t, std::uint32_t,
                             std::uint32_t>;

std::vector<EntityRow> rows_of(const std::vector<newsdoc::EntityCount>& counts) {
  std::vector<EntityRow> out;
  for (const auto& c : counts) {
    out.emplace_back(std::string(c.name), std::string(c.type),
                     std::vector<std::string>(c.aliases.begin(), c.aliases.end()), c.articles, c.mentions, c.quotes);
  }
  return out;
}

newsdoc::MentionQuery by_entity(std::vector<std::string> names) {
  newsdoc::MentionQuery query;
  query.entities = std::move(names);
  return query;
}

TEST(CorpusEntities, ShortNamesLinkToTheDominantFullName) {
  // Donald Trump has 12 + 1 mentions to Ivanka's 2: at least five times as many, so "Trump" is his.
  const CorpusIndex index(corpus_of(trumps_and_bushes(9)));
  EXPECT_EQ(rows_of(index.entities()),
            (std::vector<EntityRow>{
                {"Donald Trump", "PERSON", {"Trump"}, 3, 13, 3},
                {"Ivanka Trump", "PERSON", {"Trump"}, 1, 2, 1},
                {"George Bush", "PERSON", {"Bush"}, 1, 2, 1},
                {"Jeb Bush", "PERSON", {"Bush"}, 1, 2, 1},
                {"Bush", "PERSON", {}, 1, 1, 1},
                {"United Nations", "ORG", {"UN"}, 2, 3, 2},
                {"US Justice Department", "ORG", {"Justice Department"}, 2, 2, 2},
                {"West Virginia", "GPE", {}, 1, 1, 0},
                {"Virginia", "GPE", {}, 1, 1, 0},
            }));
  EXPECT_EQ(index.corpus_entity_count(), 9u);
  EXPECT_EQ(index.corpus_entity(1, 0), 0u);  // a1's "Trump"
  EXPECT_EQ(index.corpus_entity(2, 0), 0u);  // a2's "donald  trump"
  EXPECT_EQ(index.corpus_entity(3, 0), 1u);
  EXPECT_EQ(index.corpus_entity(8, 0), 5u);  // a8's "UN"
  EXPECT_EQ(index.corpus_entity_name(6), "US Justice Department");
  EXPECT_THROW(index.corpus_entity(12, 0), std::out_of_range);
  EXPECT_THROW(index.corpus_entity(0xFFFFFFFFu, 0), std::out_of_range);
  EXPECT_THROW(index.corpus_entity(11, 2), std::out_of_range);
  EXPECT_THROW(index.corpus_entity_name(9), std::out_of_range);

  EXPECT_EQ(index.quotes(by_speaker({"trump"})), refs({{0, 0}, {1, 0}, {2, 0}}));  // not Ivanka, called so in a3
  EXPECT_EQ(index.quotes(by_speaker({"Donald   TRUMP"})), refs({{0, 0}, {1, 0}, {2, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"Ivanka Trump"})), refs({{3, 0}}));
  // "Bush" is ambiguous: the article that only says Bush, and in each article the Bush it calls so.
  EXPECT_EQ(index.quotes(by_speaker({"bush"})), refs({{4, 0}, {5, 0}, {6, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"George Bush"})), refs({{4, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"UN"})), refs({{7, 0}, {8, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"united nations"})), refs({{7, 0}, {8, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"Justice Department"})), refs({{9, 0}, {10, 0}}));
  EXPECT_EQ(index.attributions(by_speaker({"trump"})), refs({{0, 0}, {1, 0}, {2, 0}}));

  EXPECT_EQ(index.mentions(by_entity({"trump"})).size(), 13u);
  EXPECT_EQ(index.mentions(by_entity({"Virginia"})), refs({{11, 1}}));  // a place is not the last word of another
  EXPECT_EQ(index.mentions(by_entity({"west virginia"})), refs({{11, 0}}));

  newsdoc::ArticleFilter speaker;
  speaker.quote_speakers = std::vector<std::string>{"Trump"};
  EXPECT_EQ(index.articles(speaker), (std::vector<std::uint32_t>{0, 1, 2}));
}

TEST(CorpusEntities, AnAmbiguousShortNameResolvesPerArticle) {
  // Donald Trump has 2 + 1 mentions to Ivanka's 2: no candidate dominates "Trump".
  const CorpusIndex index(corpus_of(trumps_and_bushes(0)));
  const auto people = rows_of(index.entities(std::vector<std::string>{"PERSON"}));
  ASSERT_GE(people.size(), 3u);
  EXPECT_EQ(people[0], (EntityRow{"Donald Trump", "PERSON", {"Trump"}, 2, 3, 2}));
  EXPECT_EQ(people[1], (EntityRow{"Trump", "PERSON", {}, 1, 1, 1}));
  EXPECT_EQ(people[2], (EntityRow{"Ivanka Trump", "PERSON", {"Trump"}, 1, 2, 1}));
  // The article that only says Trump, and the Trump that a0 and a3 each call so; "Donald Trump" stays his.
  EXPECT_EQ(index.quotes(by_speaker({"Trump"})), refs({{0, 0}, {1, 0}, {3, 0}}));
  EXPECT_EQ(index.quotes(by_speaker({"Donald Trump"})), refs({{0, 0}, {2, 0}}));
}

TEST(CorpusEntities, GroupingDoesNotDependOnArticleOrder) {
  auto articles = trumps_and_bushes(9);
  const CorpusIndex forward(corpus_of(articles));
  std::reverse(articles.begin(), articles.end());
  const CorpusIndex backward(corpus_of(articles));
  // Names, types and counts agree (aliases come in order of appearance).
  const auto key = [](const newsdoc::EntityCount& c) {
    return std::make_tuple(std::string(c.name), std::string(c.type), c.articles, c.mentions, c.quotes);
  };
  std::vector<decltype(key(forward.entities()[0]))> a, b;
  for (const auto& c : forward.entities()) a.push_back(key(c));
  for (const auto& c : backward.entities()) b.push_back(key(c));
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
  EXPECT_EQ(backward.quotes(by_speaker({"trump"})), refs({{9, 0}, {10, 0}, {11, 0}}));
}

TEST(CorpusEntities, TablesCarryTheCorpusEntity) {
  const CorpusIndex index(corpus_of(trumps_and_bushes(9)));
  const auto names = [](const newsdoc::Table& table) {
    const auto& column = table.column("corpus_entity");
    std::vector<std::string> out;
    for (const auto code : column.codes) out.push_back(code < 0 ? "<missing>" : std::string(column.values[code]));
    return out;
  };
  const auto quotes = newsdoc::make_table(index, newsdoc::TableName::quotes);
  EXPECT_EQ(names(quotes), (std::vector<std::string>{"Donald Trump", "Donald Trump", "Donald Trump", "Ivanka Trump",
                                                     "George Bush", "Jeb Bush", "Bush", "United Nations",
                                                     "United Nations", "US Justice Department",
                                                     "US Justice Department"}));
  // The article's own names stay as annotated.
  EXPECT_EQ(quotes.column("speaker").values[quotes.column("speaker").codes[1]], "Trump");
  const auto entities = newsdoc::make_table(index, newsdoc::TableName::entities);
  EXPECT_EQ(names(entities)[8], "United Nations");  // a8's "UN"
  // Articles 3 and 1 of the indexed corpus, their corpus entities those of the whole.
  EXPECT_EQ(names(newsdoc::make_table(index, newsdoc::TableName::mentions, {3, 1})),
            (std::vector<std::string>{"Ivanka Trump", "Ivanka Trump", "Donald Trump"}));
  EXPECT_THROW(newsdoc::make_table(index, newsdoc::TableName::quotes, {12}), std::out_of_range);
  // Alone, a1's "Trump" has no full name to link to.
  EXPECT_EQ(names(newsdoc::make_table(newsdoc::take(index.corpus(), {1}), newsdoc::TableName::attributions)),
            (std::vector<std::string>{"Trump"}));
}

}  // namespace
