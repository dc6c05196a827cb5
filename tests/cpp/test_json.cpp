// Reading JSON held in memory (newsdoc::loads) and writing canonical JSON.
#include <gtest/gtest.h>

#include <newsdoc/newsdoc.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "store.hpp"

namespace {

using newsdoc::Article;
using newsdoc::Corpus;
using newsdoc::Field;
using newsdoc::FieldMapping;
using newsdoc::LoadOptions;
using newsdoc::loads;
using newsdoc::OnError;
using newsdoc::ParseError;
using newsdoc::QuoteKind;
using newsdoc::RecordError;
using newsdoc::SchemaError;
using newsdoc::Span;

// A canonical article, written by hand after docs/schema.md: every key, in
// order, no white space, UTF-8 as is, only the required escapes; meta values
// keep their spelling and escapes.
const std::string canonical =
    R"({"id":"a1","url":"https://example.com/news/1","source":"Example News","title":"Zoë’s “test” – 1","authors":["A. Smith","Zoë Müller"],"published":"2024-01-02T03:04:05Z","language":"de","tags":["politics","Ünïcödé"],)"
    R"("paragraphs":["Zoë Müller arrived.","“Wir schaffen das 👍”, sagte Müller.","Tab\there, \"quoted\", back\\slash, a/b, nbsp)"
    "\xC2\xA0"
    R"(.\n"],)"
    R"("quotes":[{"start":22,"end":40,"kind":"direct","speaker":"e1","speaker_span":[49,55],"cue":"sagte","cue_span":[43,48],"attribution":0,"parent":null},{"start":0,"end":3,"kind":"partial","speaker":null,"speaker_span":null,"cue":null,"cue_span":null,"attribution":1,"parent":null},{"start":56,"end":59,"kind":"indirect","speaker":"7","speaker_span":null,"cue":"according to","cue_span":null,"attribution":2,"parent":null}],)"
    R"("entities":[{"id":"e1","name":"Zoë Müller","type":"PERSON","aliases":["Müller","Z. M."]},{"id":"7","name":"Someone","type":"ORG","aliases":[]}],)"
    R"("mentions":[{"entity":"e1","start":0,"end":10},{"entity":"e1","start":49,"end":55},{"entity":"7","start":58,"end":61}],)"
    R"("meta":{"views":1.50e3,"raw":"a\u00e9b\/","nested":{"k":[true,false,null,-0,{}]},"empty":[]}})";

// The worked example of docs/schema.md, verbatim.
const std::string worked_example =
    R"({"id":"ex-1","url":"","source":"","title":"","authors":[],"published":null,"language":"de","tags":[],"paragraphs":["Zoë Müller arrived.","“Wir schaffen das 👍”, sagte Müller."],"quotes":[{"start":22,"end":40,"kind":"direct","speaker":"e1","speaker_span":[49,55],"cue":"sagte","cue_span":[43,48],"attribution":0,"parent":null}],"entities":[{"id":"e1","name":"Zoë Müller","type":"PERSON","aliases":["Müller"]}],"mentions":[{"entity":"e1","start":0,"end":10},{"entity":"e1","start":49,"end":55}],"meta":{}})";

const std::string minimal = R"({"id":"","url":"","source":"","title":"","authors":[],"published":null,"language":"","tags":[],"paragraphs":[],"quotes":[],"entities":[],"mentions":[],"meta":{}})";

LoadOptions skip_errors() {
  LoadOptions options;
  options.on_error = OnError::skip;
  return options;
}

/// Loads `json`, expecting a ParseError; returns it.
ParseError parse_error(std::string_view json, const LoadOptions& options = {}) {
  try {
    const Corpus corpus = loads(json, options);
    ADD_FAILURE() << "no ParseError; got " << corpus.size() << " articles";
  } catch (const ParseError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected a ParseError, got: " << e.what();
  }
  return ParseError({}, "none");
}

SchemaError schema_error(std::string_view json, const LoadOptions& options = {}) {
  try {
    const Corpus corpus = loads(json, options);
    ADD_FAILURE() << "no SchemaError; got " << corpus.size() << " articles";
  } catch (const SchemaError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected a SchemaError, got: " << e.what();
  }
  return SchemaError("none", "none");
}

// --- Canonical form -------------------------------------------------------------

TEST(Json, LoadsCanonicalArticle) {
  const Corpus corpus = loads(canonical);
  ASSERT_EQ(corpus.size(), 1u);
  const Article& a = corpus[0];
  EXPECT_EQ(a.id(), "a1");
  EXPECT_EQ(a.url(), "https://example.com/news/1");
  EXPECT_EQ(a.source(), "Example News");
  EXPECT_EQ(a.title(), "Zoë’s “test” – 1");
  EXPECT_EQ(a.authors(), (std::vector<std::string_view>{"A. Smith", "Zoë Müller"}));
  EXPECT_EQ(a.published(), std::optional<std::string_view>("2024-01-02T03:04:05Z"));
  EXPECT_EQ(a.language(), "de");
  EXPECT_EQ(a.tags(), (std::vector<std::string_view>{"politics", "Ünïcödé"}));
  ASSERT_EQ(a.paragraph_count(), 3u);
  EXPECT_EQ(a.paragraph(1).text, "“Wir schaffen das 👍”, sagte Müller.");
  EXPECT_EQ(a.paragraph(2).text, "Tab\there, \"quoted\", back\\slash, a/b, nbsp\u00a0.\n");
  EXPECT_EQ(a.paragraph(2).chars.start, 58u);

  ASSERT_EQ(a.quote_count(), 3u);
  EXPECT_EQ(a.quote(0).text, "Wir schaffen das 👍");
  EXPECT_EQ(a.quote(0).bytes, (Span{26, 47}));
  EXPECT_EQ(a.quote(0).speaker, 0);
  EXPECT_EQ(a.quote(0).speaker_chars, std::optional<Span>(Span{49, 55}));
  EXPECT_EQ(a.quote(0).cue, "sagte");
  EXPECT_EQ(a.quote(0).cue_chars, std::optional<Span>(Span{43, 48}));
  EXPECT_EQ(a.quote(0).attribution, 0u);
  EXPECT_EQ(a.quote(0).parent, newsdoc::no_quote);
  EXPECT_EQ(a.quote(1).text, "Zoë");
  EXPECT_FALSE(a.quote(1).cue_chars.has_value());
  EXPECT_EQ(a.quote(1).attribution, 1u);
  EXPECT_EQ(a.quote(1).kind, QuoteKind::partial);
  EXPECT_EQ(a.quote(1).speaker, newsdoc::no_entity);
  EXPECT_FALSE(a.quote(1).speaker_chars.has_value());
  EXPECT_EQ(a.quote(1).cue, "");
  EXPECT_EQ(a.quote(2).kind, QuoteKind::indirect);
  EXPECT_EQ(a.quote(2).speaker, 1);
  EXPECT_EQ(a.quote(2).attribution, 2u);
  EXPECT_EQ(a.quote(2).text, "\n\nT");
  EXPECT_EQ(a.quote(2).first_paragraph, 1u);
  EXPECT_EQ(a.quote(2).last_paragraph, 2u);

  ASSERT_EQ(a.entity_count(), 2u);
  EXPECT_EQ(a.entity(0).aliases, (std::vector<std::string_view>{"Müller", "Z. M."}));
  EXPECT_EQ(a.entity(1).id, "7");
  EXPECT_TRUE(a.entity(1).aliases.empty());
  ASSERT_EQ(a.mention_count(), 3u);
  EXPECT_EQ(a.mention(1).text, "Müller");
  EXPECT_EQ(a.mention(2).entity, 1u);
  EXPECT_EQ(a.mention(2).text, "Tab");
  EXPECT_EQ(a.mentions_of(1), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(a.meta_json(), R"({"views":1.50e3,"raw":"a\u00e9b\/","nested":{"k":[true,false,null,-0,{}]},"empty":[]})");
}

TEST(Json, ToJsonReproducesCanonicalInput) {
  for (const std::string* input : {&canonical, &worked_example, &minimal}) {
    const Corpus corpus = loads(*input);
    ASSERT_EQ(corpus.size(), 1u);
    EXPECT_EQ(corpus[0].to_json(), *input);
    EXPECT_EQ(corpus.to_jsonl(), *input + "\n");
  }
}

TEST(Json, WorkedExampleOffsets) {
  const Corpus corpus = loads(worked_example);
  const Article& a = corpus[0];
  EXPECT_EQ(a.char_length(), 56u);
  EXPECT_EQ(a.text().size(), 66u);
  EXPECT_EQ(a.paragraph(1).bytes, (Span{23, 66}));
  EXPECT_EQ(a.quote(0).bytes, (Span{26, 47}));
  EXPECT_EQ(a.quote(0).speaker_bytes, std::optional<Span>(Span{58, 65}));
  EXPECT_EQ(a.mention(0).bytes, (Span{0, 12}));
}

TEST(Json, LoadDumpLoadIsStable) {
  // Foreign input: mapped, reordered, re-escaped; dumping is then a fixed point.
  const std::string foreign =
      "{\"extra\": {\"b\" : [1, 2.0e1, \"\\u00e9\"]}, \"text\": \"  First line.\\n\\nSecond line \\u2013 end.  \",\n"
      " \"author\": \"A, B ,, C\", \"date\": \"2020-01-01\", \"ID\": 17, \"title\": \"T\\/itle \\u00e9\",\n"
      " \"entities\": [{\"id\": 5, \"name\": \"B\"}], \"mentions\": [{\"entity\": 5, \"start\": 0, \"end\": 5}],\n"
      " \"quotes\": [{\"end\": 11, \"start\": 6, \"speaker\": 5}], \"meta\": {\"z\": null}}";
  const Corpus first = loads(foreign);
  ASSERT_EQ(first.size(), 1u);
  const std::string dumped = first.to_jsonl();
  const Corpus second = loads(dumped);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(first[0], second[0]);
  EXPECT_EQ(second.to_jsonl(), dumped);
  EXPECT_EQ(first[0].id(), "17");
  EXPECT_EQ(first[0].title(), "T/itle é");
  EXPECT_EQ(first[0].authors(), (std::vector<std::string_view>{"A", "B", "C"}));
  EXPECT_EQ(first[0].paragraph_count(), 2u);
  EXPECT_EQ(first[0].paragraph(1).text, "Second line – end.");
  EXPECT_EQ(first[0].quote(0).text, "line.");
  EXPECT_EQ(first[0].mention(0).text, "First");
  EXPECT_EQ(first[0].entity(0).id, "5");
  EXPECT_EQ(first[0].meta_json(), R"({"z":null,"extra":{"b":[1,2.0e1,"\u00e9"]}})");
  EXPECT_EQ(dumped,
            R"({"id":"17","url":"","source":"","title":"T/itle é","authors":["A","B","C"],"published":"2020-01-01","language":"","tags":[],"paragraphs":["First line.","Second line – end."],"quotes":[{"start":6,"end":11,"kind":"direct","speaker":"5","speaker_span":null,"cue":null,"cue_span":null,"attribution":0,"parent":null}],"entities":[{"id":"5","name":"B","type":"","aliases":[]}],"mentions":[{"entity":"5","start":0,"end":5}],"meta":{"z":null,"extra":{"b":[1,2.0e1,"\u00e9"]}}})"
            "\n");
}

// --- Input forms ------------------------------------------------------------------

TEST(Json, ArrayOfArticles) {
  const std::string json = "[\n  " + worked_example + ",\n  " + minimal + ",\n  {\"title\": \"third\"}\n]";
  const Corpus corpus = loads(json);
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].to_json(), worked_example);
  EXPECT_EQ(corpus[1].to_json(), minimal);
  EXPECT_EQ(corpus[2].title(), "third");
  EXPECT_TRUE(loads("[]").empty());
  EXPECT_TRUE(loads(" [ ] ").empty());
}

TEST(Json, JsonlWithThreeLines) {
  const std::string jsonl = canonical + "\n" + worked_example + "\n" + minimal + "\n";
  const Corpus corpus = loads(jsonl);
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].id(), "a1");
  EXPECT_EQ(corpus[1].id(), "ex-1");
  EXPECT_EQ(corpus[2].id(), "");
  EXPECT_EQ(corpus.to_jsonl(), jsonl);
  // CRLF line ends, blank lines and no final newline are accepted.
  const Corpus crlf = loads(canonical + "\r\n\r\n" + worked_example + "\r\n  \r\n" + minimal);
  EXPECT_EQ(crlf.to_jsonl(), jsonl);
  // Explicit formats.
  LoadOptions as_jsonl;
  as_jsonl.format = newsdoc::Format::jsonl;
  EXPECT_EQ(loads(worked_example, as_jsonl).size(), 1u);
  LoadOptions as_json;
  as_json.format = newsdoc::Format::json;
  EXPECT_EQ(loads("[" + worked_example + "]", as_json).size(), 1u);
}

TEST(Json, PrettyPrintedSingleObjectIsNotJsonl) {
  const Corpus corpus = loads("{\n  \"title\": \"t\",\n  \"paragraphs\": [\n    \"p\"\n  ]\n}\n");
  ASSERT_EQ(corpus.size(), 1u);
  EXPECT_EQ(corpus[0].title(), "t");
}

TEST(Json, ByteOrderMarkIsSkipped) {
  const std::string bom = "\xEF\xBB\xBF";
  const Corpus one = loads(bom + worked_example);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].to_json(), worked_example);
  const Corpus lines = loads(bom + worked_example + "\n" + minimal + "\n");
  EXPECT_EQ(lines.size(), 2u);
  // The offset of an error counts the BOM.
  const ParseError e = parse_error(bom + "{\"a\": tru}");
  EXPECT_EQ(e.where().line, 1u);
  EXPECT_GE(e.where().offset, 3u);
}

// --- Mappings --------------------------------------------------------------------

TEST(Json, AutoMappingPrefersOriginals) {
  const std::string record =
      R"({"topic":"us_house","source":"Washington Times","bias":2,"url":"https://example.com/x","title":"T","date":"2019-03-05",)"
      R"("authors":"Stephen Dinan, Gabriella Muñoz","content":"They don ’ t know , he said .\nSecond .",)"
      R"("content_original":"They don’t know, he said.\n\nSecond.\n"})";
  const Corpus corpus = loads(record);
  ASSERT_EQ(corpus.size(), 1u);
  const Article& a = corpus[0];
  ASSERT_EQ(a.paragraph_count(), 2u);
  EXPECT_EQ(a.paragraph(0).text, "They don’t know, he said.");
  EXPECT_EQ(a.paragraph(1).text, "Second.");
  EXPECT_EQ(a.source(), "Washington Times");
  EXPECT_EQ(a.published(), std::optional<std::string_view>("2019-03-05"));
  EXPECT_EQ(a.authors(), (std::vector<std::string_view>{"Stephen Dinan", "Gabriella Muñoz"}));
  EXPECT_EQ(a.meta_json(),
            R"({"topic":"us_house","bias":2,"content":"They don ’ t know , he said .\nSecond ."})");
}

TEST(Json, AutoMappingFirstListedKeyWins) {
  // "paragraphs" beats "text_original"; the loser goes to meta.
  const Corpus corpus = loads(R"({"text_original":"a\nb","paragraphs":["p"],"keywords":"x, y","_id":"i"})");
  const Article& a = corpus[0];
  ASSERT_EQ(a.paragraph_count(), 1u);
  EXPECT_EQ(a.paragraph(0).text, "p");
  EXPECT_EQ(a.tags(), (std::vector<std::string_view>{"x", "y"}));
  EXPECT_EQ(a.id(), "i");
  EXPECT_EQ(a.meta_json(), R"({"text_original":"a\nb"})");
}

TEST(Json, NullFieldMeansUnknown) {
  const Corpus corpus = loads(R"({"title":null,"published":null,"paragraphs":null,"other":null})");
  const Article& a = corpus[0];
  EXPECT_EQ(a.title(), "");
  EXPECT_FALSE(a.published().has_value());
  EXPECT_EQ(a.paragraph_count(), 0u);
  EXPECT_EQ(a.meta_json(), R"({"other":null})");
}

TEST(Json, BodyStringSplitAtNewlines) {
  const Corpus corpus = loads(R"({"text":"  One. \n\n\u00a0Two\u00a0\r\n \t \n\fThree\u000b"})");
  const Article& a = corpus[0];
  ASSERT_EQ(a.paragraph_count(), 3u);
  EXPECT_EQ(a.paragraph(0).text, "One.");
  EXPECT_EQ(a.paragraph(1).text, "Two");
  EXPECT_EQ(a.paragraph(2).text, "Three");
  EXPECT_EQ(a.text(), "One.\n\nTwo\n\nThree");
  const Corpus nbsp = loads(R"({"text":"\u00a0\u00a0Four\u00a0"})");
  ASSERT_EQ(nbsp[0].paragraph_count(), 1u);
  EXPECT_EQ(nbsp[0].paragraph(0).text, "Four");
}

TEST(Json, UserMapping) {
  LoadOptions options;
  options.mapping.set(Field::title, {"headline"}).set(Field::body, {"story", "text"});
  const std::string record = R"({"title":"T","headline":"H","text":"X","story":"S1\nS2","date":"2020"})";
  const Corpus corpus = loads(record, options);
  const Article& a = corpus[0];
  EXPECT_EQ(a.title(), "H");
  ASSERT_EQ(a.paragraph_count(), 2u);
  EXPECT_EQ(a.paragraph(0).text, "S1");
  EXPECT_EQ(a.paragraph(1).text, "S2");
  EXPECT_EQ(a.published(), std::optional<std::string_view>("2020"));
  EXPECT_EQ(a.meta_json(), R"({"title":"T","text":"X"})");
  // Originals are preferred for user keys too.
  const Corpus originals = loads(R"({"headline":"H","headline_original":"HO"})", options);
  EXPECT_EQ(originals[0].title(), "HO");
  EXPECT_EQ(originals[0].meta_json(), R"({"headline":"H"})");
}

TEST(Json, Presets) {
  EXPECT_FALSE(FieldMapping::preset("canonical").prefer_original);
  EXPECT_TRUE(FieldMapping::preset("auto").prefer_original);
  EXPECT_EQ(FieldMapping::preset("news-please").keys[static_cast<std::size_t>(Field::body)],
            std::vector<std::string>{"maintext"});
  EXPECT_EQ(FieldMapping::preset("cc-news").keys[static_cast<std::size_t>(Field::source)],
            std::vector<std::string>{"domain"});
  EXPECT_EQ(FieldMapping::preset("newspaper").keys[static_cast<std::size_t>(Field::language)],
            std::vector<std::string>{"meta_lang"});
  EXPECT_THROW(FieldMapping::preset("bogus"), newsdoc::Error);
  EXPECT_THROW(FieldMapping::preset(""), newsdoc::Error);
  EXPECT_THROW(FieldMapping::preset("Auto"), newsdoc::Error);

  LoadOptions news_please;
  news_please.mapping = FieldMapping::preset("news-please");
  const Corpus np = loads(
      R"({"maintext":"a\nb","source_domain":"x.com","date_publish":"2020-01-01 10:00:00","text":"t","id":"kept"})",
      news_please);
  EXPECT_EQ(np[0].paragraph_count(), 2u);
  EXPECT_EQ(np[0].source(), "x.com");
  EXPECT_EQ(np[0].published(), std::optional<std::string_view>("2020-01-01 10:00:00"));
  EXPECT_EQ(np[0].id(), "");
  EXPECT_EQ(np[0].meta_json(), R"({"text":"t","id":"kept"})");

  LoadOptions canonical_only;
  canonical_only.mapping = FieldMapping::preset("canonical");
  const Corpus c = loads(R"({"paragraphs_original":["o"],"paragraphs":["p"]})", canonical_only);
  EXPECT_EQ(c[0].paragraph(0).text, "p");
  EXPECT_EQ(c[0].meta_json(), R"({"paragraphs_original":["o"]})");
}

TEST(Json, FieldNames) {
  EXPECT_EQ(newsdoc::to_string(Field::body), "body");
  EXPECT_EQ(newsdoc::field_from_string("tags"), std::optional<Field>(Field::tags));
  EXPECT_EQ(newsdoc::field_from_string("nope"), std::nullopt);
}

// --- Errors -----------------------------------------------------------------------

TEST(JsonErrors, TruncatedInput) {
  const ParseError e = parse_error(R"({"title":"abc","paragraphs":["x")");
  EXPECT_EQ(e.where().path, "<string>");
  EXPECT_EQ(e.where().line, 1u);
  EXPECT_GE(e.where().column, 1u);
  EXPECT_EQ(std::string(e.what()).rfind("<string>:1:", 0), 0u) << e.what();
  parse_error(R"({"title":"abc)");
  parse_error(R"([{"title":"abc"},)");
  parse_error("[");
  parse_error("{");
}

TEST(JsonErrors, LineAndColumnInJsonl) {
  const ParseError e = parse_error("{\"title\":\"a\"}\n{\"title\": x}\n{\"title\":\"c\"}\n");
  EXPECT_EQ(e.where().line, 2u);
  EXPECT_EQ(e.where().column, 11u);  // the 'x'
  EXPECT_EQ(e.where().offset, 14u + 10u);
  EXPECT_EQ(std::string(e.what()).rfind("<string>:2:11: ", 0), 0u) << e.what();
}

TEST(JsonErrors, LineAndColumnInPrettyJson) {
  const ParseError e = parse_error("{\n  \"title\": \"t\",\n  \"paragraphs\": [\"p\" \"q\"]\n}\n");
  EXPECT_EQ(e.where().line, 3u);
  EXPECT_EQ(e.where().column, 22u);  // the second string, where a ',' belongs
}

TEST(JsonErrors, SchemaErrorPointerAndLocation) {
  const SchemaError e = schema_error(R"({"paragraphs":["short"],"quotes":[{"start":0,"end":99}]})");
  EXPECT_EQ(e.pointer().rfind("/quotes/0", 0), 0u) << e.pointer();
  EXPECT_EQ(e.pointer(), "/quotes/0");
  EXPECT_NE(e.reason().find("lies outside the text (5 characters)"), std::string::npos) << e.reason();
  EXPECT_EQ(e.where().line, 1u);
  EXPECT_EQ(e.where().column, 1u);

  const SchemaError in_jsonl = schema_error(minimal + "\n" + minimal + "\n" + R"({"title": 3})" + "\n");
  EXPECT_EQ(in_jsonl.pointer(), "/title");
  EXPECT_EQ(in_jsonl.where().line, 3u);
  EXPECT_EQ(in_jsonl.where().column, 1u);
  EXPECT_EQ(std::string(in_jsonl.what()), "<string>:3:1: /title: expected a string, found a number");

  const SchemaError in_array = schema_error("[" + minimal + ", " + R"({"quotes":[{"kind":"loud"}]})" + "]");
  EXPECT_EQ(in_array.pointer(), "/1/quotes/0/kind");
}

TEST(JsonErrors, SchemaErrorPointers) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"title":3})", "/title"},
      {R"({"authors":["a",1]})", "/authors/1"},
      {R"({"paragraphs":"x","quotes":[{"start":-1,"end":0}]})", "/quotes/0/start"},
      {R"({"paragraphs":"x","quotes":[{"start":0,"end":1.0}]})", "/quotes/0/end"},
      {R"({"paragraphs":"xyz","quotes":[{"start":2,"end":1}]})", "/quotes/0"},
      {R"({"paragraphs":"xyz","quotes":[{"start":0,"end":1,"speaker_span":[0,9]}]})", "/quotes/0/speaker_span"},
      {R"({"paragraphs":"xyz","quotes":[{"start":0,"end":1,"speaker_span":[0]}]})", "/quotes/0/speaker_span"},
      {R"({"paragraphs":"x","quotes":[{"start":0,"end":1,"who":"me"}]})", "/quotes/0/who"},
      {R"({"paragraphs":"x","quotes":[{"start":0,"end":1,"speaker":"nobody"}]})", "/quotes/0/speaker"},
      {R"({"paragraphs":"x","mentions":[{"entity":"e9","start":0,"end":1}]})", "/mentions/0/entity"},
      {R"({"paragraphs":"x","mentions":[{"entity":"e1","start":0,"end":2}],"entities":[{"id":"e1"}]})", "/mentions/0"},
      {R"({"entities":[{"id":"e1"},{"id":"e1"}]})", "/entities/1/id"},
      {R"({"entities":[{"id":""}]})", "/entities/0/id"},
      {R"({"entities":[{"id":"a","kind":"x"}]})", "/entities/0/kind"},
      {R"({"entities":[3]})", "/entities/0"},
      {R"({"quotes":{}})", "/quotes"},
      {R"({"meta":[1]})", "/meta"},
      {R"({"paragraphs":5})", "/paragraphs"},
      {R"("just a string")", ""},
      {R"([1])", "/0"},
  };
  for (const auto& [json, pointer] : cases) {
    SCOPED_TRACE(json);
    EXPECT_EQ(schema_error(json).pointer(), pointer);
  }
}

TEST(JsonErrors, EmptyInput) {
  for (const char* json : {"", " ", "\n\n", "\xEF\xBB\xBF", " \t\r\n"}) {
    SCOPED_TRACE(testing::PrintToString(json));
    const ParseError e = parse_error(json);
    EXPECT_NE(e.reason().find("no JSON value"), std::string::npos) << e.what();
  }
}

TEST(JsonErrors, DeepNestingIsAnErrorNotACrash) {
  EXPECT_NE(parse_error(std::string(100000, '[')).reason().find("not closed"), std::string::npos);
  parse_error(std::string(100000, '{'));
  parse_error(minimal + "\n" + std::string(100000, '[') + "\n");
  // Balanced deep nesting: see Regression.BalancedDeepNestingIsAParseError.
}

TEST(JsonErrors, InvalidUtf8AndLoneSurrogate) {
  parse_error("{\"title\":\"\xC3(\"}");
  parse_error("{\"title\":\"\xFF\"}");
  parse_error(R"({"title":"\ud800"})");
  parse_error(R"({"title":"\udc00x"})");
  parse_error(R"({"title":"bad \q escape"})");
  parse_error("{\"title\":\"raw\x01control\"}");
  parse_error(R"({"title":"t"} trailing)");
  // An escaped surrogate pair is fine.
  const Corpus pair = loads(R"({"title":"\ud83d\udc4d"})");
  EXPECT_EQ(pair[0].title(), "👍");
}

TEST(JsonErrors, SkipKeepsGoodLinesAndReportsBadOnes) {
  const std::string jsonl = worked_example + "\n" +             // line 1: good
                            "{\"title\": }\n" +                 // line 2: malformed
                            minimal + "\n" +                    // line 3: good
                            R"({"paragraphs":["short"],"quotes":[{"start":0,"end":99}]})" + "\n" +  // 4: schema
                            "\n" +                              // line 5: blank
                            R"({"title":"last"})" + "\n" +      // line 6: good
                            "{\"title\": [1, 2\n";               // line 7: truncated, no final newline
  const Corpus corpus = loads(jsonl, skip_errors());
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus[0].id(), "ex-1");
  EXPECT_EQ(corpus[1].to_json(), minimal);
  EXPECT_EQ(corpus[2].title(), "last");
  const auto& errors = corpus.errors();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].kind, RecordError::Kind::parse);
  EXPECT_EQ(errors[0].where.line, 2u);
  EXPECT_EQ(errors[0].where.path, "<string>");
  EXPECT_EQ(errors[0].message().rfind("<string>:2:", 0), 0u) << errors[0].message();
  EXPECT_EQ(errors[1].kind, RecordError::Kind::schema);
  EXPECT_EQ(errors[1].where.line, 4u);
  EXPECT_EQ(errors[1].where.column, 1u);
  EXPECT_EQ(errors[1].pointer, "/quotes/0");
  EXPECT_EQ(errors[1].message(), "<string>:4:1: /quotes/0: " + errors[1].reason);
  EXPECT_EQ(errors[2].kind, RecordError::Kind::parse);
  EXPECT_EQ(errors[2].where.line, 7u);
}

TEST(JsonErrors, SkipInArray) {
  const std::string json = "[" + minimal + ",\n" + R"({"quotes":[{"start":5,"end":1}]},)" + "\n" + worked_example + "]";
  const Corpus corpus = loads(json, skip_errors());
  ASSERT_EQ(corpus.size(), 2u);
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].pointer, "/1/quotes/0");
  EXPECT_EQ(corpus.errors()[0].where.line, 2u);
}

TEST(JsonErrors, RaiseStopsAtFirstBadRecord) {
  const std::string jsonl = minimal + "\n{\"title\": 1}\n{bad\n";
  const SchemaError e = schema_error(jsonl);
  EXPECT_EQ(e.where().line, 2u);
}

// --- Escaping ----------------------------------------------------------------------

TEST(JsonEscaping, ControlCharactersRoundTrip) {
  std::string all;
  for (int c = 0; c < 0x20; ++c) all += static_cast<char>(c);
  all += "\"\\/\x7F\u2028é";
  const std::string expected =
      R"(\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
      R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f)"
      "\\\"\\\\/\x7F\u2028é";
  std::string escaped;
  newsdoc::append_json_escaped(escaped, all);
  EXPECT_EQ(escaped, expected);

  newsdoc::ArticleInput in;
  in.title = all;
  in.paragraphs = {all, "x"};
  in.tags = {all};
  newsdoc::CorpusBuilder builder;
  builder.add(in);
  const Corpus built = builder.finish();
  const std::string json = built[0].to_json();
  EXPECT_NE(json.find("\"title\":\"" + expected + "\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"paragraphs\":[\"" + expected + "\",\"x\"]"), std::string::npos) << json;

  const Corpus loaded = loads(json);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].title(), all);
  EXPECT_EQ(loaded[0].paragraph(0).text, all);
  EXPECT_EQ(loaded[0].tags(), std::vector<std::string_view>{all});
  EXPECT_EQ(loaded[0], built[0]);
  EXPECT_EQ(loaded[0].to_json(), json);
}

TEST(JsonEscaping, EachControlCharacterAlone) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string text(1, static_cast<char>(c));
    std::string escaped;
    newsdoc::append_json_escaped(escaped, text);
    std::string expected;
    switch (c) {
      case '\b': expected = "\\b"; break;
      case '\f': expected = "\\f"; break;
      case '\n': expected = "\\n"; break;
      case '\r': expected = "\\r"; break;
      case '\t': expected = "\\t"; break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        expected = std::string("\\u00") + hex[c >> 4] + hex[c & 0xF];
      }
    }
    EXPECT_EQ(escaped, expected) << "char " << c;
    const Corpus corpus = loads("{\"title\":\"" + escaped + "\"}");
    EXPECT_EQ(corpus[0].title(), text) << "char " << c;
    // Uppercase hex on input reads the same.
    const Corpus upper = loads("{\"title\":\"\\u00" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
                               std::string(1, "0123456789ABCDEF"[c & 0xF]) + "\"}");
    EXPECT_EQ(upper[0].title(), text) << "char " << c;
  }
}

TEST(JsonEscaping, NonAsciiWrittenAsIs) {
  const Corpus corpus = loads(R"({"title":"\u00e9\u2013\ud83d\ude00\u00a0"})");
  const std::string json = corpus[0].to_json();
  EXPECT_NE(json.find("\"title\":\"é–😀\u00a0\""), std::string::npos) << json;
}

// --- Regressions -----------------------------------------------------------------

// walk() recursed once per nesting level and On-Demand does not enforce its
// depth limit: 100,000 balanced arrays overflowed the stack.
TEST(Regression, BalancedDeepNestingIsAParseError) {
  parse_error(std::string(100000, '[') + std::string(100000, ']'));
  parse_error(R"({"title":"t","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}");
  parse_error(minimal + "\n" + std::string(100000, '[') + std::string(100000, ']') + "\n");
}

// Loader::read_line() asked a document whose iterate() had failed for its
// position: a JSONL line cut inside a string crashed the process.
TEST(Regression, UnclosedStringOnLaterJsonlLine) {
  const std::string jsonl = minimal + "\n{\"title\": \"unclosed\n";
  const ParseError e = parse_error(jsonl);
  EXPECT_EQ(e.where().line, 2u);
  const Corpus corpus = loads(jsonl, skip_errors());
  EXPECT_EQ(corpus.size(), 1u);
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 2u);
}

// trim_space() stripped ASCII white space, then no-break spaces, once each.
TEST(Regression, MixedSpaceAndNoBreakSpacePaddingIsTrimmed) {
  const Corpus mixed = loads(R"({"text":" \u00a0 Four \u00a0\t\u00a0","authors":"\u00a0 A ,  \u00a0B"})");
  ASSERT_EQ(mixed[0].paragraph_count(), 1u);
  EXPECT_EQ(mixed[0].paragraph(0).text, "Four");
  EXPECT_EQ(mixed[0].authors(), (std::vector<std::string_view>{"A", "B"}));
}

// Format::json fell back to JSONL when a second object followed on a new line.
TEST(Regression, FormatJsonMeansOneDocument) {
  newsdoc::LoadOptions options;
  options.format = newsdoc::Format::json;
  try {
    loads(minimal + "\n" + minimal + "\n", options);
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.where().line, 2u);
  }
}

// --- Reviewer findings --------------------------------------------------------------

// Two "meta" objects were appended to each other: meta became `{...}{...}`.
TEST(Regression, DuplicateMetaIsASchemaError) {
  const SchemaError e = schema_error(R"({"title":"t","meta":{"a":1},"meta":{"b":2}})");
  EXPECT_EQ(e.pointer(), "/meta");
  EXPECT_EQ(e.reason(), "duplicate key \"meta\"");
  const Corpus corpus = loads("{\"title\":\"a\",\"meta\":{},\"meta\":{}}\n{\"title\":\"b\",\"meta\":{\"k\":1}}\n",
                              skip_errors());
  ASSERT_EQ(corpus.size(), 1u);
  EXPECT_EQ(corpus[0].title(), "b");
  EXPECT_EQ(corpus[0].meta_json(), R"({"k":1})");
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].pointer, "/meta");
  EXPECT_EQ(corpus.errors()[0].where.line, 1u);
  // A null meta means "unknown", as for any field: it is no second meta.
  const Corpus null_meta = loads(R"({"meta":{"a":1},"meta":null})");
  EXPECT_EQ(null_meta[0].meta_json(), R"({"a":1})");
}

// A candidate key was parsed as soon as it led, so a losing key of the wrong
// type raised before the better key could displace it: the result depended
// on key order.
TEST(Regression, LosingCandidateKeyIsNotTypeChecked) {
  for (const char* json : {R"({"text":5,"paragraphs":["a"]})", R"({"paragraphs":["a"],"text":5})"}) {
    SCOPED_TRACE(json);
    const Corpus corpus = loads(json);
    ASSERT_EQ(corpus[0].paragraph_count(), 1u);
    EXPECT_EQ(corpus[0].paragraph(0).text, "a");
    EXPECT_EQ(corpus[0].meta_json(), R"({"text":5})");
  }
  const Corpus authors = loads(R"({"author":["a",1],"authors":["b"],"date":{"y":[2020]},"published":"2021"})");
  EXPECT_EQ(authors[0].authors(), std::vector<std::string_view>{"b"});
  EXPECT_EQ(authors[0].published(), std::optional<std::string_view>("2021"));
  EXPECT_EQ(authors[0].meta_json(), R"({"author":["a",1],"date":{"y":[2020]}})");
  // The winner is still checked, wherever it stands.
  for (const char* json : {R"({"content":"c","content_original":5})", R"({"content_original":5,"content":"c"})"}) {
    SCOPED_TRACE(json);
    EXPECT_EQ(schema_error(json).pointer(), "/content_original");
  }
  // A losing candidate still has to be well-formed JSON.
  parse_error(R"({"text":[1,],"paragraphs":["a"]})");
}

// A JSONL line cut after a colon swallowed the next line as its value: the
// record was reported as a SchemaError, and then again as a ParseError.
TEST(Regression, CutJsonlLineIsOneParseError) {
  const std::string cut = std::string(R"({"title":"a"})") + "\n" + R"({"id":)" + "\n";
  for (const auto& [jsonl, titles] :
       std::vector<std::pair<std::string, std::vector<std::string_view>>>{
           {cut + R"({"title":"b"})" + "\n" + R"({"title":"c"})" + "\n", {"a", "b", "c"}},
           {cut + R"({"title":"b"})" + "\n", {"a", "b"}},
           {cut, {"a"}},
           {std::string(R"({"title":"a"})") + "\n" + R"({"id":)", {"a"}}}) {
    for (const auto format : {newsdoc::Format::automatic, newsdoc::Format::jsonl}) {
      SCOPED_TRACE(jsonl);
      LoadOptions options = skip_errors();
      options.format = format;
      const Corpus corpus = loads(jsonl, options);
      std::vector<std::string_view> loaded;
      for (const Article& a : corpus) loaded.push_back(a.title());
      EXPECT_EQ(loaded, titles);
      ASSERT_EQ(corpus.errors().size(), 1u);
      EXPECT_EQ(corpus.errors()[0].kind, RecordError::Kind::parse);
      EXPECT_EQ(corpus.errors()[0].where.line, 2u);
      options.on_error = OnError::raise;
      EXPECT_EQ(parse_error(jsonl, options).where().line, 2u);
    }
  }
}

// A bad JSONL line holding an array kept the elements before the error and
// read them again line by line: they were loaded twice.
TEST(Regression, BadJsonlArrayLineLoadsNothing) {
  const std::string jsonl = std::string(R"({"title":"z"})") + "\n" + R"([{"title":"a"},{"title":x}])" + "\n" +
                            R"({"title":"c"})" + "\n";
  LoadOptions options = skip_errors();
  options.format = newsdoc::Format::jsonl;
  const Corpus corpus = loads(jsonl, options);
  ASSERT_EQ(corpus.size(), 2u);
  EXPECT_EQ(corpus[0].title(), "z");
  EXPECT_EQ(corpus[1].title(), "c");
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 2u);
}

// With format auto, input whose first line was bad JSON was read as one
// document: every line after it was lost with it.
TEST(Regression, AutoFormatFallsBackToJsonlAfterABadFirstLine) {
  for (const std::string first : {R"({"title":"a")", R"([{"title":"a"},{"title":x}])", "nonsense"}) {
    SCOPED_TRACE(first);
    const std::string jsonl = first + "\n" + R"({"title":"b"})" + "\n\n" + R"({"title":"c"})" + "\n";
    const Corpus corpus = loads(jsonl, skip_errors());
    ASSERT_EQ(corpus.size(), 2u);
    EXPECT_EQ(corpus[0].title(), "b");
    EXPECT_EQ(corpus[1].title(), "c");
    ASSERT_EQ(corpus.errors().size(), 1u);
    EXPECT_EQ(corpus.errors()[0].kind, RecordError::Kind::parse);
    EXPECT_EQ(corpus.errors()[0].where.line, 1u);
    EXPECT_EQ(parse_error(jsonl).where().line, 1u);
  }
  // Pretty-printed JSON with an error is no JSONL: one precise error.
  const std::string pretty = "{\n  \"title\": \"a\",\n  \"tags\": [x]\n}\n";
  const ParseError e = parse_error(pretty);
  EXPECT_EQ(e.where().line, 3u);
  EXPECT_EQ(e.where().column, 12u);
  const Corpus corpus = loads(pretty, skip_errors());
  EXPECT_TRUE(corpus.empty());
  ASSERT_EQ(corpus.errors().size(), 1u);
  EXPECT_EQ(corpus.errors()[0].where.line, 3u);
}

// get_double() rejected numbers it cannot convert, though JSON allows them.
TEST(Regression, BigNumbersAreValidJson) {
  const Corpus corpus = loads(R"({"id":1e400,"x":1e400,"y":123456789012345678901234567890,"z":[-0.0E-999,1E+2]})");
  EXPECT_EQ(corpus[0].id(), "1e400");
  EXPECT_EQ(corpus[0].meta_json(), R"({"x":1e400,"y":123456789012345678901234567890,"z":[-0.0E-999,1E+2]})");
  const std::string digits(400, '9');
  const Corpus huge = loads(R"({"id":)" + digits + R"(,"meta":{"n":-)" + digits + "}}");
  EXPECT_EQ(huge[0].id(), digits);
  EXPECT_EQ(huge[0].meta_json(), R"({"n":-)" + digits + "}");
  const SchemaError offset = schema_error(R"({"paragraphs":["x"],"quotes":[{"start":0,"end":1e400}]})");
  EXPECT_EQ(offset.pointer(), "/quotes/0/end");
  EXPECT_EQ(offset.reason(), "expected a non-negative integer");
  EXPECT_EQ(schema_error("1e400").reason(), "expected an article object or an array of them, found a number");
  for (const char* bad : {R"({"x":01})", R"({"x":1.})", R"({"x":-})", R"({"x":1e})", R"({"x":1e+})",
                          R"({"x":-01.5})", R"({"x":1x})", R"({"id":0x1F})", R"({"id":1.e5})", R"({"x":[1,2.]})",
                          "-", "1.5.5"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(parse_error(bad).reason(), "malformed number");
  }
  parse_error(R"({"x":.5})");
}

// The writer reads entity ids from the store instead of building an Entity
// per speaker and mention: ids must come from the article's own entities.
TEST(Regression, WriterNamesEntitiesOfEachArticle) {
  const std::string jsonl = worked_example + "\n" + canonical + "\n" + minimal + "\n";
  const Corpus corpus = loads(jsonl);
  ASSERT_EQ(corpus.size(), 3u);
  EXPECT_EQ(corpus.to_jsonl(), jsonl);
  EXPECT_EQ(corpus[1].to_json(), canonical);
  EXPECT_EQ(corpus.slice(1, 2).to_jsonl(), canonical + "\n");
  EXPECT_EQ(Corpus().to_jsonl(), "");
}

// The pointers of nested errors, now formatted only when an error happens.
TEST(JsonErrors, NestedPointers) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"paragraphs":"xyz","quotes":[{"start":0,"end":1},{"start":0,"end":1,"speaker_span":[0,"1"]}]})",
       "/quotes/1/speaker_span/1"},
      {R"({"paragraphs":"x","quotes":[{"start":0,"end":1,"kind":"loud"}]})", "/quotes/0/kind"},
      {R"({"paragraphs":"x","quotes":[{"start":0,"end":1,"cue":7}]})", "/quotes/0/cue"},
      {R"({"entities":[{"id":"a"},{"id":"b","aliases":["x",2]}]})", "/entities/1/aliases/1"},
      {R"({"entities":[{"id":"a","name":[]}]})", "/entities/0/name"},
      {R"({"paragraphs":"x","entities":[{"id":"a"}],"mentions":[{"entity":"a","start":0,"end":1},{"entity":"a","start":"0"}]})",
       "/mentions/1/start"},
      {R"({"paragraphs":"x","entities":[{"id":"a"}],"mentions":[{"entity":"a","start":0,"end":1},{"entity":"a","start":1,"end":0}]})",
       "/mentions/1"},
      {R"({"paragraphs":"x","entities":[{"id":"a"}],"quotes":[{"start":0,"end":1,"speaker":"b"}]})", "/quotes/0/speaker"},
      {R"({"tags":["a","b",{}]})", "/tags/2"},
      {R"({"paragraphs":["a",null]})", "/paragraphs/1"},
      {R"([{"title":"a"},{"title":"b","mentions":[{"entity":"e"}]}])", "/1/mentions/0/entity"},
  };
  for (const auto& [json, pointer] : cases) {
    SCOPED_TRACE(json);
    EXPECT_EQ(schema_error(json).pointer(), pointer);
  }
}

}  // namespace

TEST(Mapping, EveryNamedPresetExistsAndAnUnknownOneListsThem) {
  for (const std::string_view name : newsdoc::mapping_presets) EXPECT_NO_THROW(newsdoc::FieldMapping::preset(name)) << name;
  try {
    newsdoc::FieldMapping::preset("gdelt");
    ADD_FAILURE() << "no error for an unknown preset";
  } catch (const newsdoc::InvalidArgumentError& e) {
    EXPECT_STREQ(e.what(),
                 "unknown mapping preset \"gdelt\" (expected one of auto, canonical, news-please, cc-news, newspaper)");
  }
}
