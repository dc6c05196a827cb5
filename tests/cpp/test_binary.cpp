// to_binary / from_binary: the compact form corpora cross process boundaries in.
#include <gtest/gtest.h>
#include <zlib.h>

#include <newsdoc/binary.hpp>
#include <newsdoc/newsdoc.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "binary_format.hpp"
#include "crc32.hpp"
#include "test_util.hpp"
#include "store.hpp"

using newsdoc::detail::Internals;
using newsdoc::detail::binary_format::read_le;  // store(): whether two handles share storage

namespace {

using newsdoc::ArticleInput;
using newsdoc::Corpus;
using newsdoc::CorpusBuilder;
using newsdoc::OffsetUnit;
using newsdoc::QuoteKind;
using newsdoc::Span;

constexpr std::size_t header_size = 24;

/// Every kind of field set, with multi-byte UTF-8 and spans in code points.
ArticleInput full_article() {
  ArticleInput in;
  in.id = "ex-1";
  in.url = "https://taz.de/ex-1";
  in.source = "taz";
  in.title = "Müller";
  in.language = "de";
  in.published = "2017-03-01";
  in.authors = {"A. Smith", "B. Jones"};
  in.tags = {"Politik"};
  in.paragraphs = {"Zoë Müller arrived.", "“Wir schaffen das 👍”, sagte Müller."};
  in.entities = {{"e1", "Zoë Müller", "PERSON", {"Müller"}}, {"e2", "Berlin", "GPE", {}}};
  in.quotes = {{Span{22, 40}, QuoteKind::direct, 0, Span{49, 55}, "sagte"},
               {Span{0, 10}, QuoteKind::indirect, newsdoc::no_entity, std::nullopt, ""}};
  in.mentions = {{Span{0, 10}, 0}, {Span{49, 55}, 0}};
  in.unit = OffsetUnit::chars;
  in.meta = R"({"section":"Politik","n":1.50})";
  return in;
}

/// One article whose layout the tests below patch by offset: id "a", one
/// paragraph "Hello world", one direct quote [0, 5) without speaker or cue.
Corpus tiny_corpus() {
  ArticleInput in;
  in.id = "a";
  in.paragraphs = {"Hello world"};
  in.quotes = {{Span{0, 5}, QuoteKind::direct, newsdoc::no_entity, std::nullopt, ""}};
  CorpusBuilder builder;
  builder.add(in);
  return builder.finish();
}
// Offsets in tiny_corpus's blob, where every number is one byte: the header (24), three counts (3), id (2),
// four empty strings (4), the published flag (1), meta "{}" (3), the origin and its line (2), authors and
// tags (2), the body (1 + 11), the paragraphs (1 + 1), entities (1), quotes (1): the quote's start, end and
// kind follow.
constexpr std::size_t tiny_meta = 24 + 3 + 2 + 4 + 1 + 1;
constexpr std::size_t tiny_origin = tiny_meta + 2;
constexpr std::size_t tiny_paragraph_length = tiny_origin + 2 + 2 + 12 + 1;
constexpr std::size_t tiny_quote_end = tiny_paragraph_length + 1 + 1 + 1 + 1;
constexpr std::size_t tiny_quote_kind = tiny_quote_end + 1;

Corpus with_errors() {
  CorpusBuilder builder;
  builder.add(full_article());
  builder.add(ArticleInput{});
  newsdoc::RecordError error;
  error.kind = newsdoc::RecordError::Kind::schema;
  error.where = {"in.jsonl", 3, 9, 120};
  error.pointer = "/quotes/0/start";
  error.reason = "span ends (1) before it starts (4)";
  EXPECT_EQ(error.message(), "in.jsonl:3:9: /quotes/0/start: span ends (1) before it starts (4)");
  builder.add_error(error);
  return builder.finish();
}

void expect_same(const Corpus& a, const Corpus& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(a[i] == b[i]) << "article " << i;
  EXPECT_EQ(a.to_jsonl(), b.to_jsonl());
  ASSERT_EQ(a.errors().size(), b.errors().size());
  for (std::size_t i = 0; i < a.errors().size(); ++i) {
    const auto& x = a.errors()[i];
    const auto& y = b.errors()[i];
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.where.path, y.where.path);
    EXPECT_EQ(x.where.line, y.where.line);
    EXPECT_EQ(x.where.column, y.where.column);
    EXPECT_EQ(x.where.offset, y.where.offset);
    EXPECT_EQ(x.pointer, y.pointer);
    EXPECT_EQ(x.reason, y.reason);
    EXPECT_EQ(x.message(), y.message());
  }
}

std::uint32_t crc_of(std::string_view payload) {
  return static_cast<std::uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(payload.data()), payload.size()));
}

/// Rewrites the payload size and checksum of `blob`, so only the payload's own checks can object.
std::string resealed(std::string blob) {
  const std::uint64_t payload = blob.size() - header_size;
  const std::uint32_t crc = crc_of(std::string_view(blob).substr(header_size));
  for (int i = 0; i < 4; ++i) blob[12 + i] = static_cast<char>(crc >> (8 * i));
  for (int i = 0; i < 8; ++i) blob[16 + i] = static_cast<char>(payload >> (8 * i));
  return blob;
}

/// Loads `blob` expecting one of newsdoc's errors: true for a ParseError, false for a SchemaError.
testing::AssertionResult rejected(const std::string& blob) {
  try {
    newsdoc::from_binary(blob);
  } catch (const newsdoc::ParseError&) {
    return testing::AssertionSuccess();
  } catch (const newsdoc::SchemaError&) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "a blob of " << blob.size() << " bytes loaded";
}

TEST(Binary, RoundTripKeepsArticlesAndErrors) {
  const Corpus corpus = with_errors();
  const std::string blob = newsdoc::to_binary(corpus);
  EXPECT_EQ(blob.size(), newsdoc::binary_size(corpus));
  const Corpus copy = newsdoc::from_binary(blob);
  expect_same(corpus, copy);
  EXPECT_EQ(copy[0].quote(0).speaker_chars, (Span{49, 55}));
  EXPECT_EQ(copy[0].quote(0).text, "Wir schaffen das 👍");
  EXPECT_FALSE(copy[0].quote(1).speaker_chars.has_value());
  EXPECT_EQ(copy[0].meta_json(), R"({"section":"Politik","n":1.50})");
  EXPECT_EQ(copy[1].published(), std::nullopt);
  EXPECT_EQ(copy[0].published(), "2017-03-01");
}

TEST(Binary, RoundTripOfTheAnnotatedSeed) {
  const Corpus seed = newsdoc::load(newsdoc_test::seed_json().string());
  ASSERT_GT(seed[0].quote_count(), 0u);
  ASSERT_GT(seed[0].mention_count(), 0u);
  expect_same(seed, newsdoc::from_binary(newsdoc::to_binary(seed)));
}

TEST(Binary, CorpusOfSeveralStoresLoadsIntoOne) {
  const Corpus a = with_errors();
  const Corpus b = tiny_corpus();
  const Corpus mixed({b[0], a[0], b[0]});
  const Corpus copy = newsdoc::from_binary(newsdoc::to_binary(mixed));
  expect_same(mixed, copy);
  EXPECT_EQ(Internals::store(copy[0]), Internals::store(copy[2]));
  EXPECT_EQ(Internals::store(copy[0]), Internals::store(copy[1]));
}

TEST(Binary, SliceWritesOnlyItsArticles) {
  const Corpus corpus = with_errors();
  const Corpus second = corpus.slice(1, 2);
  const Corpus copy = newsdoc::from_binary(newsdoc::to_binary(second));
  ASSERT_EQ(copy.size(), 1u);
  EXPECT_TRUE(copy[0] == corpus[1]);
  EXPECT_LT(newsdoc::binary_size(second), newsdoc::binary_size(corpus));
}

TEST(Binary, EmptyCorpusIsAHeaderThreeZeroCountsAndAnEmptyPartTable) {
  const std::string blob = newsdoc::to_binary(Corpus{});
  ASSERT_EQ(blob.size(), header_size + 3 + 8);
  EXPECT_EQ(blob.substr(0, 8), std::string("\x89NDCORP\n", 8));
  EXPECT_EQ(blob.substr(8, 4), std::string("\x04\x00\x00\x00", 4));
  EXPECT_EQ(blob.substr(16, 8), std::string("\x0b\x00\x00\x00\x00\x00\x00\x00", 8));
  EXPECT_EQ(blob.substr(24), std::string(3 + 8, '\0'));
  EXPECT_EQ(newsdoc::from_binary(blob).size(), 0u);
}

TEST(Binary, WriteBinaryChecksTheBufferSize) {
  const Corpus corpus = tiny_corpus();
  std::string buffer(newsdoc::binary_size(corpus) + 1, '\0');
  EXPECT_THROW(newsdoc::write_binary(corpus, buffer.data(), buffer.size()), std::invalid_argument);
  EXPECT_THROW(newsdoc::write_binary(corpus, buffer.data(), 3), std::invalid_argument);
}

TEST(Binary, HeaderProblemsAreParseErrorsThatSayWhat) {
  const std::string blob = newsdoc::to_binary(tiny_corpus());
  const auto message_of = [](const std::string& bad) -> std::string {
    try {
      newsdoc::from_binary(bad, "part-3");
    } catch (const newsdoc::ParseError& e) {
      return e.what();
    }
    return "loaded";
  };
  EXPECT_EQ(message_of(blob.substr(0, 10)),
            "part-3: binary corpus: truncated: 10 bytes, shorter than the 24-byte header");
  EXPECT_EQ(message_of("{\"title\": \"not binary at all\"}"),
            "part-3: binary corpus: not a newsdoc binary corpus (wrong magic bytes)");
  std::string newer = blob;
  newer[8] = 5;
  EXPECT_EQ(message_of(newer), "part-3: binary corpus: version 5, but this newsdoc reads versions 1 to 4");
  EXPECT_EQ(message_of(blob.substr(0, blob.size() - 1)),
            "part-3: binary corpus: the header announces " + std::to_string(blob.size() - header_size) +
                " payload bytes, but " + std::to_string(blob.size() - header_size - 1) +
                " follow it (truncated)");
  std::string flipped = blob;
  flipped[blob.size() - 20] ^= 0x20;
  EXPECT_EQ(message_of(flipped), "part-3: binary corpus: checksum mismatch: the blob is corrupted");
}

TEST(Binary, EveryTruncationAndEveryByteFlipIsAnError) {
  const std::string blob = newsdoc::to_binary(with_errors());
  for (std::size_t size = 0; size < blob.size(); ++size) {
    EXPECT_TRUE(rejected(blob.substr(0, size))) << "cut at " << size;
  }
  for (std::size_t at = 0; at < blob.size(); ++at) {
    for (const unsigned char bit : {0x01, 0x80}) {
      std::string bad = blob;
      bad[at] = static_cast<char>(bad[at] ^ bit);
      EXPECT_TRUE(rejected(bad)) << "bit " << int(bit) << " of byte " << at;
    }
  }
}

TEST(Binary, PayloadIsValidatedEvenWithAMatchingChecksum) {
  // A cut payload with a header rewritten to match: only the record checks stand in the way.
  const std::string blob = newsdoc::to_binary(with_errors());
  for (std::size_t size = header_size; size < blob.size(); ++size) {
    EXPECT_TRUE(rejected(resealed(blob.substr(0, size)))) << "cut at " << size;
  }
  // Random bytes written over the payload load or fail with a newsdoc error, never crash.
  std::mt19937 random(20240229);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string bad = blob;
    const int changes = 1 + trial % 4;
    for (int c = 0; c < changes; ++c) {
      const std::size_t at = header_size + random() % (blob.size() - header_size);
      bad[at] = static_cast<char>(random());
    }
    try {
      newsdoc::from_binary(resealed(bad));
    } catch (const newsdoc::Error&) {
    }
  }
}

TEST(Binary, CountsTooLargeForTheBlobAreRefusedBeforeAllocating) {
  const std::string header = newsdoc::to_binary(Corpus{}).substr(0, header_size);
  const std::string no_parts(8, '\0');  // the part table that ends every payload
  const auto message_of = [&](const std::string& payload) -> std::string {
    try {
      newsdoc::from_binary(resealed(header + payload + no_parts));
    } catch (const newsdoc::ParseError& e) {
      return e.what();
    }
    return "loaded";
  };
  EXPECT_EQ(message_of(std::string(10, '\xff') + std::string(1, '\x01')),
            "<binary>: binary corpus: integer larger than 64 bits");
  // 2^63 articles claimed in a 10-byte payload.
  EXPECT_EQ(message_of(std::string(9, '\x80') + std::string(1, '\x01')),
            "<binary>: binary corpus: 9223372036854775808 articles cannot fit in the 0 bytes left");
  EXPECT_EQ(message_of(std::string("\x00\x05\x00", 3)), "<binary>: binary corpus: 5 errors cannot fit in the 0 bytes left");
  EXPECT_EQ(message_of(std::string("\x00\x00\x05", 3)), "<binary>: binary corpus: 5 origins cannot fit in the 0 bytes left");
  const auto table_message_of = [&](const std::string& payload) -> std::string {
    try {
      newsdoc::from_binary(resealed(header + payload));
    } catch (const newsdoc::ParseError& e) {
      return e.what();
    }
    return "loaded";
  };
  EXPECT_EQ(table_message_of(std::string("\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00", 11)),
            "<binary>: binary corpus: a part table of 1 parts cannot fit in the payload");
  EXPECT_EQ(table_message_of(std::string(3, '\0')), "<binary>: binary corpus: truncated: no part table");
}

TEST(Binary, BadArticleIsASchemaErrorNamingArticleAndField) {
  std::string blob = newsdoc::to_binary(tiny_corpus());
  ASSERT_EQ(blob.substr(tiny_quote_end - 1, 3), std::string("\x00\x05\x00", 3));
  std::string outside = blob;
  outside[tiny_quote_end] = 99;
  try {
    newsdoc::from_binary(resealed(outside), "part-3");
    FAIL() << "a quote outside the body loaded";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(e.pointer(), "/quotes/0");
    EXPECT_EQ(e.where().line, 1u);
    EXPECT_EQ(std::string(e.what()), "part-3:1: /quotes/0: span [0, 99) lies outside the text (11 bytes)");
  }
  std::string kind = blob;
  kind[tiny_quote_kind] = 7;
  try {
    newsdoc::from_binary(resealed(kind));
    FAIL() << "quote kind 7 loaded";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(std::string(e.what()), "<binary>:1: /quotes/0/kind: unknown quote kind 7");
  }
  std::string cut_utf8 = newsdoc::to_binary(with_errors());
  // The mentions: two, the first of "Zoë Müller" (bytes [0, 12), entity 0). The ë is bytes 2..4, so an end
  // at 3 cuts it. They end the article, which the errors follow.
  const std::string mention_bytes("\x02\x00\x0c\x00", 4);
  const auto at = cut_utf8.find(mention_bytes);
  ASSERT_NE(at, std::string::npos);
  cut_utf8[at + 2] = 3;
  try {
    newsdoc::from_binary(resealed(cut_utf8));
    FAIL() << "a mention cutting the ë in two loaded";
  } catch (const newsdoc::SchemaError& e) {
    EXPECT_EQ(std::string(e.what()), "<binary>:1: /mentions/0: span [0, 3) cuts a UTF-8 sequence in two");
  }
}

TEST(Binary, RepeatedEntityIdsNameTheFirstRepeatInArticleOrder) {
  ArticleInput in;
  in.id = "a";
  in.paragraphs = {"Hello world"};
  std::vector<std::string> ids;  // ArticleInput holds views
  for (int i = 0; i < 10; ++i) ids.push_back("id" + std::to_string(i));
  for (const auto& id : ids) in.entities.push_back({id, id, "PERSON", {}});
  CorpusBuilder builder;
  builder.add(in);
  const std::string blob = newsdoc::to_binary(builder.finish());
  const auto renamed = [](std::string bytes, const std::string& from, const std::string& to) {
    const auto at = bytes.find("\x03" + from);  // the id with its length
    EXPECT_NE(at, std::string::npos) << from;
    bytes.replace(at + 1, to.size(), to);
    return bytes;
  };
  const auto message_of = [](const std::string& bad) -> std::string {
    try {
      newsdoc::from_binary(resealed(bad));
    } catch (const newsdoc::SchemaError& e) {
      return e.what();
    }
    return "loaded";
  };
  // Entity 9 repeats entity 5 and entity 7 repeats entity 3: 7 comes first.
  EXPECT_EQ(message_of(renamed(renamed(blob, "id9", "id5"), "id7", "id3")),
            "<binary>:1: /entities/7/id: duplicate entity id \"id3\"");
  EXPECT_EQ(message_of(renamed(blob, "id1", "id0")), "<binary>:1: /entities/1/id: duplicate entity id \"id0\"");
  EXPECT_EQ(newsdoc::from_binary(blob)[0].entity_count(), 10u);
}

TEST(Binary, Crc32EqualsZlibAtEveryLengthAndAlignment) {
  std::mt19937 random(7);
  std::string bytes(1 << 16, '\0');
  for (auto& c : bytes) c = static_cast<char>(random());
  for (std::size_t size = 0; size < 600; ++size) {
    for (const std::size_t at : {0, 1, 13}) {
      EXPECT_EQ(newsdoc::detail::crc32(0, bytes.data() + at, size), crc_of(std::string_view(bytes).substr(at, size)))
          << size << " bytes at " << at;
    }
  }
  EXPECT_EQ(newsdoc::detail::crc32(0, bytes.data(), bytes.size()), crc_of(bytes));
  // Lengths that leave every remainder after the 256-byte steps of the widest path.
  for (const std::size_t size : {4096, 4097, 4111, 4112, 4160, 4351, 65000}) {
    EXPECT_EQ(newsdoc::detail::crc32(0, bytes.data() + 3, size), crc_of(std::string_view(bytes).substr(3, size))) << size;
  }
  // Continued over two parts, as a file read in chunks is.
  const auto first = newsdoc::detail::crc32(0, bytes.data(), 1000);
  EXPECT_EQ(newsdoc::detail::crc32(first, bytes.data() + 1000, bytes.size() - 1000), crc_of(bytes));
}

TEST(Binary, RoundTripsAreByteIdentical) {
  const Corpus seed = newsdoc::load(newsdoc_test::seed_json().string());
  for (const Corpus& corpus : {with_errors(), tiny_corpus(), seed, Corpus{}}) {
    const std::string blob = newsdoc::to_binary(corpus);
    EXPECT_EQ(newsdoc::to_binary(newsdoc::from_binary(blob)), blob);
  }
}

TEST(Binary, OriginsTravelWithTheArticles) {
  newsdoc_test::TempDir dir;
  newsdoc_test::write_file(dir / "a.jsonl", "{\"title\":\"A\"}\n\n{\"title\":\"B\"}\n");
  newsdoc_test::write_file(dir / "b.txt", "Headline\n\nBody.\n");
  const Corpus loaded = newsdoc::load((dir / "a.jsonl").string());
  const Corpus text = newsdoc::load((dir / "b.txt").string());
  const Corpus corpus({loaded[0], text[0], loaded[1], newsdoc::from_binary(newsdoc::to_binary(tiny_corpus()))[0]});
  newsdoc::save(corpus, (dir / "c.ndc").string());
  for (const Corpus& again : {newsdoc::from_binary(newsdoc::to_binary(corpus)),
                              newsdoc::read_binary_file((dir / "c.ndc").string()),
                              newsdoc::load((dir / "c.ndc").string())}) {
    ASSERT_EQ(again.size(), 4u);
    EXPECT_EQ(again[0].origin(), (dir / "a.jsonl").string());
    EXPECT_EQ(again[0].origin_line(), 1u);
    EXPECT_EQ(again[1].origin(), (dir / "b.txt").string());
    EXPECT_EQ(again[1].origin_line(), 0u);
    EXPECT_EQ(again[2].origin(), (dir / "a.jsonl").string());
    EXPECT_EQ(again[2].origin_line(), 3u);
    EXPECT_EQ(again[3].origin(), "");
    EXPECT_EQ(again[3].origin_line(), 0u);
    expect_same(corpus, again);
  }
  // Each origin is written once.
  const std::string blob = newsdoc::to_binary(corpus);
  const std::string path = (dir / "a.jsonl").string();
  EXPECT_EQ(blob.find(path), blob.rfind(path));
}

/// tiny_corpus() in the layout of `version` (1 or 2): paragraph texts instead of the body, no origins;
/// version 1 also without cue span, attribution and parent.
std::string tiny_blob_of_version(int version) {
  std::string payload("\x01\x00"                 // one article, no error
                      "\x01" "a" "\x00\x00\x00\x00"  // id, url, source, title, language
                      "\x00" "\x02{}"               // no published date, meta
                      "\x00\x00"                   // authors, tags
                      "\x01\x0bHello world"         // one paragraph
                      "\x00"                       // entities
                      "\x01\x00\x05\x00\x00\x00\x00",  // a quote: start, end, kind, speaker, speaker span, cue
                      35);
  if (version >= 2) payload += std::string("\x00\x00\x00", 3);  // cue span, attribution, parent
  payload += std::string(1, '\0');                            // mentions
  std::string header("\x89NDCORP\n", 8);
  header += static_cast<char>(version);
  header += std::string(15, '\0');
  return resealed(header + payload);
}

TEST(Binary, Versions1And2StillLoad) {
  const Corpus tiny = tiny_corpus();
  for (const int version : {1, 2}) {
    const Corpus old = newsdoc::from_binary(tiny_blob_of_version(version));
    expect_same(tiny, old);
    EXPECT_EQ(old[0].quote(0).text, "Hello");
    EXPECT_EQ(old[0].attribution_count(), 1u);
    // Written again, in the current version.
    EXPECT_EQ(newsdoc::to_binary(old), newsdoc::to_binary(tiny)) << "version " << version;
  }
}

TEST(Binary, BodyOriginAndMetaAreCheckedEvenWithAMatchingChecksum) {
  const std::string blob = newsdoc::to_binary(tiny_corpus());
  ASSERT_EQ(blob.substr(tiny_meta, 2), "{}");
  ASSERT_EQ(blob[tiny_paragraph_length], 11);
  const auto message_of = [](std::string bad) -> std::string {
    try {
      newsdoc::from_binary(resealed(std::move(bad)), "c.ndc");
    } catch (const newsdoc::Error& e) {
      return e.what();
    }
    return "loaded";
  };
  std::string bad = blob;
  bad[tiny_paragraph_length] = 10;
  EXPECT_EQ(message_of(bad), "c.ndc:1: /paragraphs: the paragraphs end at byte 10 of a 11-byte body");
  bad[tiny_paragraph_length] = 12;
  EXPECT_EQ(message_of(bad), "c.ndc:1: /paragraphs/0: paragraph of 12 bytes at byte 0 of a 11-byte body");
  bad = blob;
  bad[tiny_origin] = 1;
  EXPECT_EQ(message_of(bad), "c.ndc:1: /origin: no origin 0");
  bad = blob;
  bad[tiny_meta] = '[';
  bad[tiny_meta + 1] = ']';
  EXPECT_EQ(message_of(bad), "c.ndc:1: /meta: not a JSON object");
  bad = blob;
  bad[tiny_paragraph_length - 6] = '\xff';
  EXPECT_EQ(message_of(bad), "c.ndc:1: /paragraphs/0: not valid UTF-8");
  // Two paragraphs must be separated by a blank line: "Hello" and "world" are not.
  bad = blob.substr(0, tiny_paragraph_length - 1) + "\x02\x05\x04" + blob.substr(tiny_paragraph_length + 1);
  EXPECT_EQ(message_of(bad), "c.ndc:1: /paragraphs/1: paragraphs are not separated by a blank line");
  // Text is checked after the records, yet the first bad article is the one reported: here
  // the first has meta that is no object, the second (40 bytes later) an unknown quote kind.
  const Corpus tiny = tiny_corpus();
  std::string two = newsdoc::to_binary(Corpus({tiny[0], tiny[0]}));
  two[tiny_meta] = '[';
  two[tiny_meta + 1] = ']';
  ASSERT_EQ(two[tiny_quote_kind + 40], 0);
  two[tiny_quote_kind + 40] = 7;
  EXPECT_EQ(message_of(two), "c.ndc:1: /meta: not a JSON object");
  two[tiny_meta] = '{';
  two[tiny_meta + 1] = '}';
  EXPECT_EQ(message_of(two), "c.ndc:2: /quotes/0/kind: unknown quote kind 7");
}

TEST(Binary, ReadBinaryFileNamesTheFile) {
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "c.ndc").string();
  std::string blob = newsdoc::to_binary(with_errors());
  newsdoc_test::write_file(path, blob);
  expect_same(with_errors(), newsdoc::read_binary_file(path));
  blob[blob.size() / 2] ^= 0x10;
  newsdoc_test::write_file(path, blob);
  try {
    newsdoc::read_binary_file(path);
    FAIL() << "a corrupted file loaded";
  } catch (const newsdoc::ParseError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": binary corpus: checksum mismatch: the blob is corrupted");
  }
  newsdoc_test::write_file(path, blob.substr(0, 30));
  EXPECT_THROW(newsdoc::read_binary_file(path), newsdoc::ParseError);
  EXPECT_THROW(newsdoc::read_binary_file((dir / "missing.ndc").string()), newsdoc::IoError);
  EXPECT_THROW(newsdoc::read_binary_file(dir.path().string()), newsdoc::IoError);
}

TEST(Binary, ALargeFileReadInTwoHalvesLoadsAndIsChecked) {
  // Over 64 MiB, the size from which two threads read a file and check its articles' text: two
  // articles with long bodies, one for each thread.
  CorpusBuilder builder;
  for (const char* id : {"big", "big-2"}) {
    ArticleInput in;
    in.id = id;
    const std::string paragraph = "Zoë said “yes”. " + std::string(35u << 20, 'x');
    in.paragraphs = {paragraph, "The end."};
    in.quotes = {{Span{10, 19}, QuoteKind::direct, newsdoc::no_entity, std::nullopt, ""}};
    builder.add(in);
  }
  const Corpus corpus = builder.finish();
  newsdoc_test::TempDir dir;
  const std::string path = (dir / "big.ndc").string();
  std::string blob = newsdoc::to_binary(corpus);
  newsdoc_test::write_file(path, blob);
  const Corpus again = newsdoc::read_binary_file(path);
  ASSERT_EQ(again.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(again[i] == corpus[i]);
    EXPECT_EQ(again[i].quote(0).text, "“yes”");
    EXPECT_EQ(again[i].quote(0).chars, (Span{9, 14}));  // "Zoë said " is 9 code points
  }
  // Asked for one thread, the same corpus.
  const Corpus on_one_thread = newsdoc::from_binary(blob, "big.ndc", 1);
  ASSERT_EQ(on_one_thread.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) EXPECT_TRUE(on_one_thread[i] == corpus[i]);
  EXPECT_TRUE(newsdoc::read_binary_file(path, 1)[1] == corpus[1]);
  // Mapped, its checksum computed on two threads.
  EXPECT_TRUE(newsdoc::map_binary_file(path)[1] == corpus[1]);
  // Each half is decoded and checked on a thread of its own, yet the first bad article is reported.
  std::string bad = blob;
  bad[bad.size() - (1u << 20)] = '\xff';  // in the second article's body
  const auto message_of = [](const std::string& damaged) -> std::string {
    try {
      newsdoc::from_binary(resealed(damaged), "big.ndc");
    } catch (const newsdoc::SchemaError& e) {
      return e.what();
    }
    return "loaded";
  };
  EXPECT_EQ(message_of(bad), "big.ndc:2: /paragraphs/0: not valid UTF-8");
  bad[1u << 20] = '\xff';  // in the first article's body
  EXPECT_EQ(message_of(bad), "big.ndc:1: /paragraphs/0: not valid UTF-8");
  // A damaged byte in the second half fails the combined checksum.
  blob[blob.size() - 100] ^= 0x01;
  newsdoc_test::write_file(path, blob);
  EXPECT_THROW(newsdoc::read_binary_file(path), newsdoc::ParseError);
  EXPECT_THROW(newsdoc::map_binary_file(path), newsdoc::ParseError);
}

/// The part table at the end of a version 4 payload: (first article, payload offset) of each part after the first.
std::vector<std::pair<std::uint64_t, std::uint64_t>> part_table_of(std::string_view blob) {
  const auto count = read_le(blob.data() + blob.size() - 8, 8);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;
  const char* entry = blob.data() + blob.size() - 8 - 16 * count;
  for (std::uint64_t p = 0; p < count; ++p, entry += 16) parts.emplace_back(read_le(entry, 8), read_le(entry + 8, 8));
  return parts;
}

TEST(Binary, ALargeCorpusIsCutIntoPartsThatTheReaderChecks) {
  // 40 articles of just over 1 MiB: parts of at least 8 MiB, so five parts of eight articles.
  CorpusBuilder builder;
  const std::string paragraph = "Zoë " + std::string(1u << 20, 'x');
  for (int i = 0; i < 40; ++i) {
    ArticleInput in;
    const std::string id = (i < 10 ? "a0" : "a") + std::to_string(i);  // all of one size
    in.id = id;
    in.paragraphs = {paragraph};
    builder.add(in);
  }
  const Corpus corpus = builder.finish();
  const std::string blob = newsdoc::to_binary(corpus);
  const auto parts = part_table_of(blob);
  ASSERT_EQ(parts.size(), 4u);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    EXPECT_EQ(parts[p].first, 8 * (p + 1)) << "part " << p + 1;
    // An article starts with its id: a one-byte length and "a<index>".
    const std::string id = (parts[p].first < 10 ? "a0" : "a") + std::to_string(parts[p].first);
    EXPECT_EQ(blob.substr(header_size + parts[p].second, 1 + id.size()), static_cast<char>(id.size()) + id);
  }
  expect_same(corpus, newsdoc::from_binary(blob));
  const auto message_of = [](const std::string& bad) -> std::string {
    try {
      newsdoc::from_binary(resealed(bad), "c.ndc");
    } catch (const newsdoc::ParseError& e) {
      return e.what();
    }
    return "loaded";
  };
  const std::size_t table = blob.size() - 8 - 16 * parts.size();
  std::string shifted = blob;
  shifted[table + 16 + 8] = static_cast<char>(shifted[table + 16 + 8] + 1);  // the second entry's offset
  EXPECT_EQ(message_of(shifted), "c.ndc: binary corpus: the part table puts article 17 at payload byte " +
                                     std::to_string(parts[1].second + 1) + ", but it starts at " +
                                     std::to_string(parts[1].second));
  std::string backwards = blob;
  backwards[table + 16] = 3;  // the second part's first article: before the first part's
  EXPECT_EQ(message_of(backwards), "c.ndc: binary corpus: part table entry 2 (article 4 at payload byte " +
                                       std::to_string(parts[1].second) +
                                       ") does not follow the entry before it inside the articles");
}

TEST(Binary, Version3WithoutAPartTableStillLoads) {
  const Corpus tiny = tiny_corpus();
  std::string blob = newsdoc::to_binary(tiny);
  ASSERT_EQ(blob.substr(blob.size() - 8), std::string(8, '\0'));
  blob.resize(blob.size() - 8);
  blob[8] = 3;
  expect_same(tiny, newsdoc::from_binary(resealed(blob)));
}

TEST(Binary, LoadOfTheNewsSampleRoundTrips) {
  const auto path = newsdoc_test::shared_dir() / "corpora" / "news-sample-2000.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared sample not available: " << path;
  const Corpus corpus = newsdoc::load(path.string());
  const std::string blob = newsdoc::to_binary(corpus);
  const Corpus copy = newsdoc::from_binary(blob);
  ASSERT_EQ(copy.size(), corpus.size());
  EXPECT_EQ(copy.to_jsonl(), corpus.to_jsonl());
  // Texts and fixed-size records only: no larger than the canonical JSON.
  EXPECT_LT(blob.size(), corpus.to_jsonl().size());
}

}  // namespace
