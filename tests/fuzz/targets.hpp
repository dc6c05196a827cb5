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
//   to the same articles and is written again byte for byte.
#pragma once

#include <newsdoc/binary.hpp>
#include <newsdoc/newsdoc.hpp>
#include <zlib.h>

#include <cstdint>
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
    corpus = newsdoc::import_text(data);
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
    corpus = newsdoc::import_text(data);
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

}  // namespace newsdoc_fuzz
