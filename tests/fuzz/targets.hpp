// The bodies of the fuzz targets, shared by the libFuzzer entry points
// (fuzz_*.cpp) and the regression test (tests/cpp/test_regressions.cpp), so
// a saved crash input replays exactly what the fuzzer ran.
//
// Each target feeds one input to a public entry point of newsdoc. A clean
// newsdoc::Error is an acceptable answer; anything else that escapes is a
// bug. Beyond memory safety (the sanitizers' job), the targets check what
// must hold for every input and throw Failure when it does not:
// - every span of every article lies inside its text, on code point
//   boundaries, and its text is the slice of the body it names;
// - OnError::raise and OnError::skip agree: raise succeeds exactly when skip
//   reports no error, and then both give the same articles;
// - whatever newsdoc writes as canonical JSONL, it loads back unchanged;
// - whatever loads from a binary corpus is written back to a blob that loads
//   to the same articles and is written again byte for byte;
// - a chain of transforms keeps every article valid, and each transform of a
//   corpus gives what it gives article by article.
#pragma once

#include <newsdoc/binary.hpp>
#include <newsdoc/newsdoc.hpp>
#include <newsdoc/transform.hpp>
#include <zlib.h>

#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsdoc_fuzz {

/// A broken invariant: newsdoc returned, but something it promises is false.
class Failure : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

inline void check(bool ok, const std::string& what) {
  if (!ok) throw Failure(what);
}

/// Checks that a span lies in `a`'s text and that `text` is its slice.
inline void check_span(const newsdoc::Article& a, newsdoc::Span bytes, newsdoc::Span chars, std::string_view text,
                       const char* what) {
  const std::string_view body = a.text();
  const std::string name(what);
  check(bytes.start <= bytes.end && bytes.end <= body.size(), name + ": byte span outside the text");
  check(chars.start <= chars.end && chars.end <= a.char_length(), name + ": code point span outside the text");
  check(newsdoc::is_char_boundary(body, bytes.start) && newsdoc::is_char_boundary(body, bytes.end),
        name + ": byte span inside a UTF-8 sequence");
  check(text == body.substr(bytes.start, bytes.end - bytes.start), name + ": text is not the slice its span names");
  check(newsdoc::count_code_points(body.substr(0, bytes.start)) == chars.start &&
            newsdoc::count_code_points(text) == chars.end - chars.start,
        name + ": byte and code point spans disagree");
}

/// Reads every field of every article, so a store the builder got wrong is
/// touched where ASan can see it, and checks the spans.
inline void exercise(const newsdoc::Corpus& corpus) {
  for (const newsdoc::Article& a : corpus) {
    const std::string_view body = a.text();
    check(newsdoc::is_valid_utf8(body), "body is not UTF-8");
    check(a.char_length() == newsdoc::count_code_points(body), "char_length is not the body's length");
    bool ascii = true;
    for (const char c : body) ascii &= static_cast<unsigned char>(c) < 0x80;
    check(a.is_ascii() == ascii, "is_ascii is wrong");
    std::size_t size = a.id().size() + a.url().size() + a.source().size() + a.title().size() + a.language().size() +
                       a.meta_json().size() + a.published().value_or("").size();
    for (const auto s : a.authors()) size += s.size();
    for (const auto s : a.tags()) size += s.size();
    for (std::size_t i = 0; i < a.paragraph_count(); ++i) {
      const newsdoc::Paragraph p = a.paragraph(i);
      check_span(a, p.bytes, p.chars, p.text, "paragraph");
    }
    for (std::size_t i = 0; i < a.quote_count(); ++i) {
      const newsdoc::Quote q = a.quote(i);
      check_span(a, q.bytes, q.chars, q.text, "quote");
      check(q.first_paragraph <= q.last_paragraph && q.last_paragraph < a.paragraph_count(),
            "quote: paragraphs out of range");
      check(q.speaker == newsdoc::no_entity ||
                (q.speaker >= 0 && static_cast<std::size_t>(q.speaker) < a.entity_count()),
            "quote: speaker out of range");
      check(q.speaker_bytes.has_value() == q.speaker_chars.has_value(), "quote: speaker span in one unit only");
      if (q.speaker_bytes) {
        const auto& sb = *q.speaker_bytes;
        check(sb.start <= sb.end && sb.end <= body.size(), "quote: speaker span outside the text");
        check_span(a, sb, *q.speaker_chars, body.substr(sb.start, sb.end - sb.start), "speaker");
      }
      size += q.cue.size();
    }
    for (std::size_t e = 0; e < a.entity_count(); ++e) {
      const newsdoc::Entity entity = a.entity(e);
      size += entity.id.size() + entity.name.size() + entity.type.size();
      for (const auto alias : entity.aliases) size += alias.size();
      for (const std::uint32_t m : a.mentions_of(e)) {
        check(m < a.mention_count() && a.mention(m).entity == e, "mentions_of lists a mention of another entity");
      }
    }
    for (std::size_t i = 0; i < a.mention_count(); ++i) {
      const newsdoc::Mention m = a.mention(i);
      check_span(a, m.bytes, m.chars, m.text, "mention");
      check(m.entity < a.entity_count(), "mention: entity out of range");
    }
    const std::string json = a.to_json();
    check(json.size() >= size, "to_json is shorter than the article's strings");
  }
}

/// Canonical JSONL written by newsdoc must load back (in raise mode) to
/// equal articles and be written again byte for byte.
inline void check_reloads(const newsdoc::Corpus& corpus) {
  if (corpus.empty()) return;  // "" is no JSON document
  const std::string jsonl = corpus.to_jsonl();
  newsdoc::LoadOptions options;
  options.mapping = newsdoc::FieldMapping::canonical();
  newsdoc::Corpus again;
  try {
    again = newsdoc::loads(jsonl, options);
  } catch (const newsdoc::Error& e) {
    throw Failure(std::string("to_jsonl output does not load: ") + e.what());
  }
  check(again.size() == corpus.size(), "reloaded corpus has another size");
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    check(again[i] == corpus[i], "reloaded article " + std::to_string(i) + " differs");
  }
  check(again.to_jsonl() == jsonl, "to_jsonl of the reloaded corpus differs");
}

/// The first byte picks the mapping preset (byte % 5) and the format
/// ((byte / 5) % 3); the rest is loaded with OnError::raise and with
/// OnError::skip.
inline void run_loads(std::string_view data) {
  static constexpr const char* presets[] = {"canonical", "auto", "news-please", "cc-news", "newspaper"};
  static constexpr newsdoc::Format formats[] = {newsdoc::Format::automatic, newsdoc::Format::json,
                                                newsdoc::Format::jsonl};
  if (data.empty()) return;
  const auto selector = static_cast<unsigned char>(data[0]);
  data.remove_prefix(1);
  newsdoc::LoadOptions options;
  options.mapping = newsdoc::FieldMapping::preset(presets[selector % 5]);
  options.format = formats[(selector / 5) % 3];

  options.on_error = newsdoc::OnError::raise;
  bool raised = false;
  std::string raise_jsonl;
  try {
    const newsdoc::Corpus corpus = newsdoc::loads(data, options);
    check(corpus.errors().empty(), "raise mode listed errors instead of throwing");
    exercise(corpus);
    raise_jsonl = corpus.to_jsonl();
  } catch (const newsdoc::Error&) {
    raised = true;
  }

  options.on_error = newsdoc::OnError::skip;
  newsdoc::Corpus corpus;
  try {
    corpus = newsdoc::loads(data, options);
  } catch (const newsdoc::Error& e) {
    throw Failure(std::string("skip mode threw: ") + e.what());
  }
  exercise(corpus);
  for (const auto& e : corpus.errors()) check(!e.message().empty() && !e.reason.empty(), "skipped record without message");
  check(raised == !corpus.errors().empty(), raised ? "raise mode threw but skip mode found no error"
                                                   : "skip mode found errors that raise mode did not");
  if (!raised) check(corpus.to_jsonl() == raise_jsonl, "raise and skip mode loaded different articles");
  check_reloads(corpus);
}

/// The input as plain text.
inline void run_import_text(std::string_view data) {
  newsdoc::Corpus corpus;
  try {
    corpus = newsdoc::parse_text(data);
  } catch (const newsdoc::Error&) {
    return;
  }
  exercise(corpus);
  check_reloads(corpus);
}

/// loads (canonical, skip) -> to_jsonl -> loads -> the same articles and JSONL.
inline void run_roundtrip(std::string_view data) {
  newsdoc::LoadOptions options;
  options.mapping = newsdoc::FieldMapping::canonical();
  options.on_error = newsdoc::OnError::skip;
  newsdoc::Corpus corpus;
  try {
    corpus = newsdoc::loads(data, options);
  } catch (const newsdoc::Error&) {
    return;  // run_loads reports a throwing skip mode
  }
  check_reloads(corpus);
}

/// The first byte picks the annotator's passes (bits 0-2: quotes, indirect,
/// entities) and mode (bit 3: AnnotateMode::missing); the rest is imported
/// as plain text and annotated.
inline void run_annotate(std::string_view data) {
  if (data.empty()) return;
  const auto selector = static_cast<unsigned char>(data[0]);
  data.remove_prefix(1);
  // Built once a configuration: the built-in lists cost more than one input.
  static const std::vector<newsdoc::Annotator> annotators = [] {
    std::vector<newsdoc::Annotator> all;
    for (unsigned passes = 0; passes < 8; ++passes) {
      newsdoc::AnnotatorOptions options;
      options.quotes = passes & 1u;
      options.indirect = passes & 2u;
      options.entities = passes & 4u;
      all.emplace_back(options);
    }
    return all;
  }();
  const newsdoc::Annotator& annotator = annotators[selector & 7u];
  const auto mode = selector & 8u ? newsdoc::AnnotateMode::missing : newsdoc::AnnotateMode::all;
  newsdoc::Corpus corpus;
  try {
    corpus = newsdoc::parse_text(data);
  } catch (const newsdoc::Error&) {
    return;
  }
  const newsdoc::Corpus annotated = annotator.annotate(corpus, mode, 1);
  check(annotated.size() == corpus.size(), "annotate changed the number of articles");
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    check(annotated[i].text() == corpus[i].text(), "annotate changed the text");
  }
  exercise(annotated);
  check_reloads(annotated);
}

/// The input as a binary corpus (newsdoc/binary.hpp). Bit 0 of the first
/// byte rewrites the header's payload size and CRC-32 to match the rest, so
/// that mutations reach the payload's own checks instead of the checksum's.
inline void run_binary(std::string_view data) {
  constexpr std::size_t header_size = 24;
  if (data.empty()) return;
  const bool reseal = data[0] & 1;
  data.remove_prefix(1);
  std::string blob(data);
  if (reseal && blob.size() >= header_size) {
    const std::uint64_t payload = blob.size() - header_size;
    const auto crc = static_cast<std::uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(blob.data() + header_size), payload));
    for (int i = 0; i < 4; ++i) blob[12 + i] = static_cast<char>(crc >> (8 * i));
    for (int i = 0; i < 8; ++i) blob[16 + i] = static_cast<char>(payload >> (8 * i));
  }
  newsdoc::Corpus corpus;
  try {
    corpus = newsdoc::from_binary(blob);
  } catch (const newsdoc::Error&) {
    return;
  }
  exercise(corpus);
  const std::string written = newsdoc::to_binary(corpus);
  newsdoc::Corpus again;
  try {
    again = newsdoc::from_binary(written);
  } catch (const newsdoc::Error& e) {
    throw Failure(std::string("to_binary output does not load: ") + e.what());
  }
  check(again.size() == corpus.size(), "reloaded binary corpus has another size");
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    check(again[i] == corpus[i], "reloaded binary article " + std::to_string(i) + " differs");
    check(again[i].origin() == corpus[i].origin() && again[i].origin_line() == corpus[i].origin_line(),
          "reloaded binary article " + std::to_string(i) + " has another origin");
  }
  check(again.errors().size() == corpus.errors().size(), "reloaded binary corpus has other errors");
  check(newsdoc::to_binary(again) == written, "to_binary of the reloaded corpus differs");
  check_reloads(corpus);
}

// ---------------------------------------------------------------------------
// Transforms

/// One step of a transform chain: four bytes of the fuzz input.
struct TransformStep {
  unsigned char op, a, b, c;
};

/// Entity keys a step may name: an id, name or alias of an entity of the
/// corpus (picked by `a` and `b`), or a name no entity has.
inline std::string entity_key(const newsdoc::Corpus& corpus, unsigned char a, unsigned char b) {
  if (corpus.empty() || a % 8 == 7) return "Nobody Atall";
  const newsdoc::Article& article = corpus[a % corpus.size()];
  if (article.entity_count() == 0) return "Nobody Atall";
  const newsdoc::Entity entity = article.entity(b % article.entity_count());
  switch (b / 64) {
    case 0: return std::string(entity.id);
    case 1: return std::string(entity.aliases.empty() ? entity.name : entity.aliases[b % entity.aliases.size()]);
    default: return std::string(entity.name);
  }
}

/// The entity spans a with_entities step adds to an article of `length` code points.
inline std::vector<newsdoc::EntitySpan> entity_spans(const TransformStep& step, std::uint32_t length) {
  static constexpr const char* labels[] = {"PERSON", "ORG", "GPE", "NORP"};
  std::vector<newsdoc::EntitySpan> spans;
  for (unsigned i = 0; i < step.a % 4u; ++i) {
    const std::uint32_t start = (step.b * 7u + i * 13u) % (length + 2);
    const std::uint32_t end = start + (step.c + i) % 9u;
    spans.push_back({{start, end}, labels[(step.c + i) % 4u], (step.b >> i) & 1u ? "e1" : "", i % 2 ? "Name" : ""});
  }
  return spans;
}

/// The quotes a with_quotes step gives an article of `length` code points.
inline std::vector<newsdoc::QuoteSpan> quote_spans(const TransformStep& step, const newsdoc::Article& article) {
  const std::uint32_t length = static_cast<std::uint32_t>(article.char_length());
  std::vector<newsdoc::QuoteSpan> quotes;
  for (unsigned i = 0; i < step.a % 3u; ++i) {
    newsdoc::QuoteSpan q;
    q.chars.start = (step.b * 5u + i * 11u) % (length + 2);
    q.chars.end = q.chars.start + (step.c + 3 * i) % 17u;
    q.kind = static_cast<newsdoc::QuoteKind>((step.a / 4u + i) % 3u);
    if ((step.c >> 4) & 1u && article.entity_count() > 0) q.speaker = std::string(article.entity(0).id);
    if ((step.c >> 5) & 1u) q.speaker_chars = newsdoc::Span{q.chars.end, q.chars.end + step.b % 5u};
    if ((step.c >> 6) & 1u) q.cue = "said";
    if ((step.c >> 7) & 1u) q.attribution = 0;
    if (i > 0 && (step.b >> 7) & 1u) q.parent = 0;
    quotes.push_back(std::move(q));
  }
  return quotes;
}

/// Applies one step to `corpus`. The transforms with an Article overload
/// (all but rename_entity and merge_entities, whose corpus forms skip
/// articles without the entity) must give, article by article, what the
/// Corpus overload gives. A bad argument is an acceptable answer when it is
/// a newsdoc::Error (InvalidArgumentError, OutOfRangeError, EntityNotFound):
/// a bare std:: exception escaping a transform is a finding.
inline std::optional<newsdoc::Corpus> apply_step(const newsdoc::Corpus& corpus, const TransformStep& step) {
  using newsdoc::Article;
  using newsdoc::Corpus;
  static constexpr const char* types[] = {"PERSON", "ORG", "GPE", "NORP", "LOC", "MISC"};
  static constexpr const char* placeholders[] = {"[{type}]", "[{id}]", "", "X", "{{}}", "{type}{id}", "\xc2\xab{type}\xc2\xbb",
                                                 "[{name}]", "{", "}", "\xff"};
  static constexpr const char* names[] = {"Zo\xc3\xab M\xc3\xbcller", "X", "", "Angela Merkel", "\xe2\x80\x9cQ\xe2\x80\x9d"};
  std::function<Corpus()> on_corpus;
  std::function<Article(std::size_t)> on_article;
  switch (step.op % 8u) {
    case 0: {
      newsdoc::RedactOptions options;
      options.types.clear();
      for (unsigned t = 0; t < 6; ++t)
        if ((step.a >> t) & 1u) options.types.emplace_back(types[t]);
      options.placeholder = placeholders[step.b % std::size(placeholders)];
      on_corpus = [&corpus, options] { return newsdoc::redact(corpus, options, 1); };
      on_article = [&corpus, options](std::size_t i) { return newsdoc::redact(corpus[i], options); };
      break;
    }
    case 1: {
      const auto style = step.a & 1u ? newsdoc::QuoteStyle::curly : newsdoc::QuoteStyle::straight;
      on_corpus = [&corpus, style] { return newsdoc::normalize_quotes(corpus, style, 1); };
      on_article = [&corpus, style](std::size_t i) { return newsdoc::normalize_quotes(corpus[i], style); };
      break;
    }
    case 2:
    case 3: {
      if (step.op % 8u == 3 && static_cast<signed char>(step.a) >> 2 == 0) return std::nullopt;  // a slice of step 0
      const auto selection =
          step.op % 8u == 2
              ? newsdoc::ParagraphSelection::at(
                    step.a & 1u ? std::vector<std::int64_t>{static_cast<signed char>(step.b)}
                                : std::vector<std::int64_t>{static_cast<signed char>(step.b), static_cast<signed char>(step.c)})
              : newsdoc::ParagraphSelection::slice(
                    step.a & 1u ? std::optional<std::int64_t>(static_cast<signed char>(step.b)) : std::nullopt,
                    step.a & 2u ? std::optional<std::int64_t>(static_cast<signed char>(step.c)) : std::nullopt,
                    static_cast<signed char>(step.a) >> 2);
      on_corpus = [&corpus, selection] { return newsdoc::select_paragraphs(corpus, selection, 1); };
      on_article = [&corpus, selection](std::size_t i) { return newsdoc::select_paragraphs(corpus[i], selection); };
      break;
    }
    case 4: {
      const std::string key = entity_key(corpus, step.a, step.b);
      const std::string name = step.c % 8u < std::size(names) ? names[step.c % 8u] : entity_key(corpus, step.c, step.a);
      on_corpus = [&corpus, key, name] { return newsdoc::rename_entity(corpus, key, name, 1); };
      break;
    }
    case 5: {
      const std::string kept = entity_key(corpus, step.a, step.b);
      const std::string absorbed = entity_key(corpus, step.a, step.c);
      on_corpus = [&corpus, kept, absorbed] { return newsdoc::merge_entities(corpus, kept, absorbed, 1); };
      break;
    }
    case 6: {
      std::vector<std::vector<newsdoc::EntitySpan>> spans;
      for (const Article& a : corpus) spans.push_back(entity_spans(step, static_cast<std::uint32_t>(a.char_length())));
      const bool replace = step.c & 1u;
      on_corpus = [&corpus, spans, replace] { return newsdoc::with_entities(corpus, spans, replace, 1); };
      on_article = [&corpus, spans, replace](std::size_t i) { return newsdoc::with_entities(corpus[i], spans[i], replace); };
      break;
    }
    default: {
      std::vector<std::vector<newsdoc::QuoteSpan>> quotes;
      for (const Article& a : corpus) quotes.push_back(quote_spans(step, a));
      const bool replace = step.c & 1u;
      on_corpus = [&corpus, quotes, replace] { return newsdoc::with_quotes(corpus, quotes, replace, 1); };
      on_article = [&corpus, quotes, replace](std::size_t i) { return newsdoc::with_quotes(corpus[i], quotes[i], replace); };
      break;
    }
  }
  const auto rejected = [](const auto& call) {
    try {
      call();
      return false;
    } catch (const newsdoc::Error&) {
    }
    return true;
  };
  std::optional<Corpus> result;
  const bool corpus_rejected = rejected([&] { result = on_corpus(); });
  if (!on_article) return result;
  bool some_article_rejected = false;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    std::optional<Article> article;
    if (rejected([&] { article = on_article(i); })) {
      check(corpus_rejected, "a transform rejects article " + std::to_string(i) + " alone but not in its corpus");
      some_article_rejected = true;
    } else if (result) {
      check(*article == (*result)[i], "a transform gives article " + std::to_string(i) + " another result alone");
    }
  }
  check(!corpus_rejected || some_article_rejected || corpus.empty(),
        "a transform rejects a corpus but none of its articles");
  return result;
}

/// The first byte picks the source of the articles (bit 0: the rest as JSON,
/// canonical mapping, OnError::skip; else the rest as plain text, annotated
/// with every pass) and the length of the chain (bits 1-3: 1 to 8 steps);
/// four bytes a step follow, then the source. Each step must keep every
/// article valid (exercise) and the corpus its size and skipped records; the
/// end of the chain must write canonical JSONL that loads back unchanged.
inline void run_transforms(std::string_view data) {
  if (data.empty()) return;
  const auto selector = static_cast<unsigned char>(data[0]);
  data.remove_prefix(1);
  std::vector<TransformStep> steps(1u + ((selector >> 1) & 7u));
  for (TransformStep& step : steps) {
    unsigned char bytes[4] = {0, 0, 0, 0};
    for (unsigned char& byte : bytes) {
      if (data.empty()) break;
      byte = static_cast<unsigned char>(data[0]);
      data.remove_prefix(1);
    }
    step = {bytes[0], bytes[1], bytes[2], bytes[3]};
  }
  static const newsdoc::Annotator annotator;
  newsdoc::Corpus corpus;
  try {
    if (selector & 1u) {
      newsdoc::LoadOptions options;
      options.mapping = newsdoc::FieldMapping::canonical();
      options.on_error = newsdoc::OnError::skip;
      corpus = newsdoc::loads(data, options);
    } else {
      corpus = annotator.annotate(newsdoc::parse_text(data), newsdoc::AnnotateMode::all, 1);
    }
  } catch (const newsdoc::Error&) {
    return;
  }
  for (const TransformStep& step : steps) {
    std::optional<newsdoc::Corpus> next = apply_step(corpus, step);
    if (!next) continue;
    check(next->size() == corpus.size(), "a transform changed the number of articles");
    check(next->errors().size() == corpus.errors().size(), "a transform dropped the skipped records");
    exercise(*next);
    corpus = std::move(*next);
  }
  check_reloads(corpus);
}

}  // namespace newsdoc_fuzz
