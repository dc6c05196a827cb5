#include "newsdoc/binary.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "binary_format.hpp"
#include "crc32.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/utf8.hpp"
#include "parallel.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

using namespace detail::binary_format;
using detail::ArticleRecord;
using detail::Internals;
using detail::Range;
using detail::Store;
using detail::TextRef;

// The smallest encodings, to reject a count that the remaining bytes cannot hold before
// allocating for it: six strings, a flag and six counts make an empty article (version 3
// adds more).
constexpr std::size_t min_article_size = 6 + 1 + 6;
constexpr std::size_t min_string_size = 1;
constexpr std::size_t min_entity_size = 3 + 1;
constexpr std::size_t min_quote_size = 1 + 1 + 1 + 1 + 1 + 1;
constexpr std::size_t min_mention_size = 3;
constexpr std::size_t min_error_size = 1 + 1 + 3 + 3;

/// Reads the payload, checking every length against the bytes left.
class Reader {
 public:
  /// Reads `payload` from its byte `start` on.
  Reader(std::string_view payload, const std::string& name, std::size_t start = 0) noexcept
      : data_(payload), pos_(start), name_(name) {}

  std::uint8_t u8() {
    if (pos_ == data_.size()) truncated(1);
    return static_cast<std::uint8_t>(data_[pos_++]);
  }
  std::uint64_t varint() {
    const auto at = offset();
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t byte = u8();
      // The tenth byte holds bit 63 only.
      if (shift == 63 && byte > 1) fail(at, "integer larger than 64 bits");
      value |= std::uint64_t{byte & 0x7fu} << shift;
      if (byte < 0x80) return value;
    }
    fail(at, "integer larger than 64 bits");
  }
  /// A varint that must fit in 32 bits (an offset or an index).
  std::uint32_t u32(const char* what) {
    const auto at = offset();
    const auto value = varint();
    if (value > std::numeric_limits<std::uint32_t>::max()) fail(at, fmt::format("{} {} is over 2^32", what, value));
    return static_cast<std::uint32_t>(value);
  }
  bool flag(const char* what) {
    const auto at = offset();
    const auto value = u8();
    if (value > 1) fail(at, fmt::format("{} flag is {}, not 0 or 1", what, value));
    return value == 1;
  }
  std::string_view text() {
    const auto size = varint();
    if (size > left()) truncated(size);
    const std::string_view out = data_.substr(pos_, static_cast<std::size_t>(size));
    pos_ += out.size();
    return out;
  }
  /// A count of records that take at least `min_size` bytes each, which must fit in what is left.
  std::size_t count(std::size_t min_size, const char* what) {
    const auto at = offset();
    const auto n = varint();
    require_fit(n, at, min_size, what);
    return static_cast<std::size_t>(n);
  }
  /// Fails unless `n` records of at least `min_size` bytes, counted at offset `at`, fit in what is left.
  void require_fit(std::uint64_t n, std::size_t at, std::size_t min_size, const char* what) const {
    if (n > left() / min_size) fail(at, fmt::format("{} {} cannot fit in the {} bytes left", n, what, left()));
  }
  std::size_t offset() const noexcept { return header_size + pos_; }
  std::size_t left() const noexcept { return data_.size() - pos_; }
  [[noreturn]] void fail(std::size_t at, const std::string& reason) const {
    throw ParseError(Location{name_, 0, 0, at}, "binary corpus: " + reason);
  }

 private:
  [[noreturn]] void truncated(std::uint64_t wanted) const {
    fail(offset(), fmt::format("truncated: {} bytes wanted, {} left", wanted, left()));
  }

  std::string_view data_;
  std::size_t pos_ = 0;
  const std::string& name_;
};

void decode_strings(Reader& in, std::vector<std::string_view>& out, const char* what) {
  const auto n = in.count(min_string_size, what);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(in.text());
}

/// Quotes as versions 2 and 3 write them (version 1: without cue spans and
/// attributions), speaker and parent indexes checked against their lists.
void decode_quotes(Reader& in, std::vector<QuoteInput>& out, std::size_t entity_count, std::uint64_t version) {
  const auto quotes = in.count(min_quote_size, "quotes");
  out.resize(quotes);
  for (std::size_t i = 0; i < quotes; ++i) {
    auto& q = out[i];
    q = QuoteInput{};
    q.span.start = in.u32("quote start");
    q.span.end = in.u32("quote end");
    const auto kind = in.u8();
    if (kind > static_cast<std::uint8_t>(QuoteKind::indirect)) {
      throw SchemaError(fmt::format("/quotes/{}/kind", i), fmt::format("unknown quote kind {}", kind));
    }
    q.kind = static_cast<QuoteKind>(kind);
    const auto speaker = in.varint();  // the entity index plus one; 0 for none
    if (speaker > entity_count) {
      throw SchemaError(fmt::format("/quotes/{}/speaker", i), fmt::format("no entity {}", speaker - 1));
    }
    q.speaker = speaker == 0 ? no_entity : static_cast<std::int32_t>(speaker - 1);
    if (in.flag("has_speaker_span")) {
      const auto start = in.u32("speaker start");
      q.speaker_span = Span{start, in.u32("speaker end")};
    }
    q.cue = in.text();
    if (version < 2) continue;  // version 1 had no cue spans and no attributions
    if (in.flag("has_cue_span")) {
      const auto start = in.u32("cue start");
      q.cue_span = Span{start, in.u32("cue end")};
    }
    q.attribution = in.u32("quote attribution");
    const auto parent = in.varint();  // the quote index plus one; 0 for none
    if (parent > quotes) throw SchemaError(fmt::format("/quotes/{}/parent", i), fmt::format("no quote {}", parent - 1));
    q.parent = parent == 0 ? no_quote : static_cast<std::int32_t>(parent - 1);
  }
}

void decode_mentions(Reader& in, std::vector<MentionInput>& out) {
  const auto mentions = in.count(min_mention_size, "mentions");
  out.resize(mentions);
  for (auto& m : out) {
    m.span.start = in.u32("mention start");
    m.span.end = in.u32("mention end");
    m.entity = in.u32("mention entity");
  }
}

/// Fills `out` (cleared) with views into the reader's bytes: an article of
/// version 1 or 2, which the CorpusBuilder validates and copies.
void decode_old_article(Reader& in, ArticleInput& out, std::uint64_t version) {
  out.clear();
  out.id = in.text();
  out.url = in.text();
  out.source = in.text();
  out.title = in.text();
  out.language = in.text();
  if (in.flag("has_published")) out.published = in.text();
  out.meta = in.text();
  decode_strings(in, out.authors, "authors");
  decode_strings(in, out.tags, "tags");
  decode_strings(in, out.paragraphs, "paragraphs");
  const auto entities = in.count(min_entity_size, "entities");
  out.entities.resize(entities);
  for (auto& e : out.entities) {
    e.id = in.text();
    e.name = in.text();
    e.type = in.text();
    decode_strings(in, e.aliases, "aliases");
  }
  decode_quotes(in, out.quotes, out.entities.size(), version);
  decode_mentions(in, out.mentions);
  out.unit = OffsetUnit::bytes;
}

RecordError decode_error(Reader& in) {
  RecordError e;
  const auto at = in.offset();
  const auto kind = in.u8();
  if (kind > 1) in.fail(at, fmt::format("error kind is {}, not 0 (parse) or 1 (schema)", kind));
  e.where.path = in.text();
  e.where.line = in.varint();
  e.where.column = in.varint();
  e.where.offset = in.varint();
  e.pointer = in.text();
  e.reason = in.text();
  (void)in.text();  // the message, which RecordError::message() rebuilds
  if (kind == 1) {
    e.kind = RecordError::Kind::schema;
  } else {
    e.kind = e.where.line == 0 ? RecordError::Kind::io : RecordError::Kind::parse;
  }
  return e;
}

/// Reads a payload of version 1 or 2 through the CorpusBuilder.
Corpus decode_old_payload(Reader& in, std::uint64_t version, const std::string& name) {
  const auto articles = in.count(min_article_size, "articles");
  const auto errors_at = in.offset();
  const auto errors = in.varint();
  CorpusBuilder builder;
  ArticleInput article;
  for (std::size_t i = 0; i < articles; ++i) {
    const auto at = in.offset();
    try {
      decode_old_article(in, article, version);
      builder.add(article);
    } catch (const SchemaError& e) {
      throw SchemaError(Location{name, i + 1, 0, at}, e.pointer(), e.reason());
    }
  }
  in.require_fit(errors, errors_at, min_error_size, "errors");
  for (std::uint64_t i = 0; i < errors; ++i) builder.add_error(decode_error(in));
  if (in.left() != 0) in.fail(in.offset(), fmt::format("{} bytes after the last record", in.left()));
  return builder.finish();
}

/// An index into one of the Store's arrays, which must fit in 32 bits.
std::uint32_t store_index(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max()) throw SchemaError("", "more than 4,294,967,295 records in one corpus");
  return static_cast<std::uint32_t>(n);
}

TextRef text_ref(std::string_view text) noexcept { return {text.empty() ? nullptr : text.data(), text.size()}; }

/// Reads a version 3 payload straight into a Store whose arena holds the
/// payload: text is checked where it lies (UTF-8 and string bounds) and
/// referred to, never copied; records go to the Store's arrays. It checks
/// what the CorpusBuilder checks, so a corpus it returns is one the
/// builder could have made.
class Decoder {
 public:
  Decoder(Reader& in, Store& store, const std::vector<TextRef>& origins) noexcept
      : in_(in), s_(store), origins_(origins) {}

  void article() {
    ArticleRecord r;
    r.id = utf8([] { return std::string("/id"); });
    r.url = utf8([] { return std::string("/url"); });
    r.source = utf8([] { return std::string("/source"); });
    r.title = utf8([] { return std::string("/title"); });
    r.language = utf8([] { return std::string("/language"); });
    r.has_published = in_.flag("has_published");
    if (r.has_published) r.published = utf8([] { return std::string("/published"); });
    r.meta = text_ref(in_.text());  // checked by check_text()
    const auto origin = in_.varint();  // the index plus one; 0 for none
    if (origin > origins_.size()) throw SchemaError("/origin", fmt::format("no origin {}", origin - 1));
    if (origin > 0) r.origin = origins_[origin - 1];
    r.origin_line = in_.varint();
    r.authors = strings("authors");
    r.tags = strings("tags");
    body(r);
    entities(r);
    quotes_.clear();
    decode_quotes(in_, quotes_, r.entities.size(), 3);
    decode_mentions(in_, mentions_);
    // A quote lies in paragraphs: an article without any has no quotes.
    if (!quotes_.empty() && r.paragraphs.size() == 0) throw SchemaError("/quotes/0", "a quote in an article without paragraphs");
    for (std::size_t i = 0; i < quotes_.size(); ++i) {
      if (!is_valid_utf8(quotes_[i].cue)) throw SchemaError(fmt::format("/quotes/{}/cue", i), "not valid UTF-8");
    }
    detail::check_references(quotes_, mentions_, r.entities.size());
    // Their code point spans come with the text checks, which two threads share.
    detail::add_quotes_and_mentions(s_, r, quotes_, mentions_, OffsetUnit::bytes, detail::CharSpans::later);
    store_index(s_.articles.size() + 1);
    s_.articles.push_back(r);
  }

  /// The checks of article `i` that read its body and meta byte by byte,
  /// kept apart so that two threads can share them: meta is a JSON object,
  /// the body UTF-8 with a blank line between paragraphs; then the code
  /// point offsets of paragraphs, quotes and mentions, counted (not stored
  /// in the blob). Writes only article i's records.
  void check_text(std::size_t i) {
    ArticleRecord& r = s_.articles[i];
    // Meta lies inside the payload, whose buffer simdjson's padding follows.
    if (!detail::is_padded_json_object(r.meta.view())) throw SchemaError("/meta", "not a JSON object");
    const std::string_view text = r.body.view();
    // The separators are ASCII, so a valid body has valid paragraphs, and a paragraph
    // boundary is a character boundary.
    if (!is_valid_utf8(text)) {
      for (auto p = r.paragraphs.begin; p < r.paragraphs.end; ++p) {
        const Span bytes = s_.paragraphs[p].bytes;
        if (!is_valid_utf8(text.substr(bytes.start, bytes.end - bytes.start))) {
          throw SchemaError(fmt::format("/paragraphs/{}", p - r.paragraphs.begin), "not valid UTF-8");
        }
      }
    }
    for (auto p = r.paragraphs.begin; p + 1 < r.paragraphs.end; ++p) {
      if (text.substr(s_.paragraphs[p].bytes.end, 2) != "\n\n") {
        throw SchemaError(fmt::format("/paragraphs/{}", p + 1 - r.paragraphs.begin),
                          "paragraphs are not separated by a blank line");
      }
    }
    if (r.quotes.size() > 0 || r.mentions.size() > 0) {
      // One pass over the body gives the code point offsets of paragraphs and spans alike.
      const Utf8Index index(text);
      for (auto p = r.paragraphs.begin; p < r.paragraphs.end; ++p) {
        auto& paragraph = s_.paragraphs[p];
        paragraph.chars = Span{index.to_chars(paragraph.bytes.start), index.to_chars(paragraph.bytes.end)};
      }
      r.char_length = index.char_length();
      r.ascii = index.ascii();
      detail::fill_char_spans(s_, r, index);
      return;
    }
    std::uint32_t chars = 0;
    for (auto p = r.paragraphs.begin; p < r.paragraphs.end; ++p) {
      auto& paragraph = s_.paragraphs[p];
      if (paragraph.bytes.start > 0) chars += 2;  // the "\n\n" before it
      const std::uint32_t start = chars;
      chars += count_code_points(text.substr(paragraph.bytes.start, paragraph.bytes.end - paragraph.bytes.start));
      paragraph.chars = Span{start, chars};
    }
    r.char_length = chars;
    r.ascii = chars == text.size();
  }

 private:
  /// A string, which must be UTF-8; `pointer()` names it in an error.
  template <class Pointer>
  TextRef utf8(Pointer&& pointer) {
    const std::string_view text = in_.text();
    if (!is_valid_utf8(text)) throw SchemaError(pointer(), "not valid UTF-8");
    return text_ref(text);
  }

  Range strings(const char* field) {
    const auto n = in_.count(min_string_size, field);
    Range range{store_index(s_.strings.size()), store_index(s_.strings.size() + n)};
    for (std::size_t i = 0; i < n; ++i) s_.strings.push_back(utf8([&] { return fmt::format("/{}/{}", field, i); }));
    return range;
  }

  /// The body and its paragraphs: lengths that, joined by two bytes, make the
  /// body. Its text (and that those bytes are "\n\n") is checked by check_text().
  void body(ArticleRecord& r) {
    const std::string_view text = in_.text();
    if (text.size() > std::numeric_limits<std::uint32_t>::max()) throw SchemaError("/paragraphs", "body text longer than 4 GiB");
    r.body = text_ref(text);
    const auto n = in_.count(1, "paragraphs");
    if (n == 0 && !text.empty()) throw SchemaError("/paragraphs", "a body without paragraphs");
    r.paragraphs.begin = store_index(s_.paragraphs.size());
    r.paragraphs.end = store_index(s_.paragraphs.size() + n);
    std::uint32_t pos = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto length = in_.varint();
      if (length > text.size() - pos) {
        throw SchemaError(fmt::format("/paragraphs/{}", i),
                          fmt::format("paragraph of {} bytes at byte {} of a {}-byte body", length, pos, text.size()));
      }
      const auto end = static_cast<std::uint32_t>(pos + length);
      s_.paragraphs.emplace_back().bytes = Span{pos, end};
      if (i + 1 == n) {
        if (end != text.size()) {
          throw SchemaError("/paragraphs", fmt::format("the paragraphs end at byte {} of a {}-byte body", end, text.size()));
        }
      } else if (text.size() - end < 2) {
        throw SchemaError(fmt::format("/paragraphs/{}", i + 1), "no room for the blank line before it");
      }
      pos = end + 2;
    }
  }

  void entities(ArticleRecord& r) {
    const auto n = in_.count(min_entity_size, "entities");
    r.entities.begin = store_index(s_.entities.size());
    for (std::size_t i = 0; i < n; ++i) {
      // In place, as add_quotes_and_mentions writes its records.
      detail::EntityRecord& e = s_.entities.emplace_back();
      e.id = utf8([i] { return fmt::format("/entities/{}/id", i); });
      e.name = utf8([i] { return fmt::format("/entities/{}/name", i); });
      e.type = utf8([i] { return fmt::format("/entities/{}/type", i); });
      const auto aliases = in_.count(min_string_size, "aliases");
      e.aliases = Range{store_index(s_.strings.size()), store_index(s_.strings.size() + aliases)};
      for (std::size_t a = 0; a < aliases; ++a) {
        s_.strings.push_back(utf8([i, a] { return fmt::format("/entities/{}/aliases/{}", i, a); }));
      }
      if (e.id.size == 0) throw SchemaError(fmt::format("/entities/{}/id", i), "entity id is empty");
    }
    r.entities.end = store_index(s_.entities.size());
    if (n > 1) require_unique_ids(r.entities);
  }

  /// Quotes and mentions name their entity by id in JSON, so ids must be
  /// unique. Their hashes are sorted in a reused vector: a set would allocate
  /// a node for each of a corpus's millions of entities. Equal hashes (a
  /// repeated id, or a collision) take the exact path.
  void require_unique_ids(Range entities) {
    const std::hash<std::string_view> hash;
    id_hashes_.clear();
    for (auto e = entities.begin; e < entities.end; ++e) id_hashes_.push_back(hash(s_.entities[e].id.view()));
    std::sort(id_hashes_.begin(), id_hashes_.end());
    if (std::adjacent_find(id_hashes_.begin(), id_hashes_.end()) == id_hashes_.end()) return;
    std::unordered_set<std::string_view> seen;
    for (auto e = entities.begin; e < entities.end; ++e) {
      const std::string_view id = s_.entities[e].id.view();
      if (!seen.insert(id).second) {
        throw SchemaError(fmt::format("/entities/{}/id", e - entities.begin), fmt::format("duplicate entity id \"{}\"", id));
      }
    }
  }

  Reader& in_;
  Store& s_;
  const std::vector<TextRef>& origins_;
  // Scratch reused across articles.
  std::vector<QuoteInput> quotes_;
  std::vector<MentionInput> mentions_;
  std::vector<std::size_t> id_hashes_;
};

/// The files the articles name by index; each must be UTF-8.
std::vector<TextRef> decode_origins(Reader& in) {
  const auto n = in.count(min_string_size, "origins");
  std::vector<TextRef> origins;
  origins.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view text = in.text();
    if (!is_valid_utf8(text)) throw SchemaError("/origin", "not valid UTF-8");
    origins.push_back(text_ref(text));
  }
  return origins;
}

/// Articles [article, end_article) that one thread decodes and checks, from
/// payload byte `offset` on. It must pass each of `checkpoints` (the part
/// starts inside it, and the next run's start) at exactly its offset.
struct Run {
  std::uint64_t article;
  std::uint64_t offset;
  std::vector<PartStart> checkpoints;
  std::uint64_t end_article = 0;
  std::uint64_t end_offset = 0;  // where the next run starts, or the records end
};

struct RunResult {
  std::shared_ptr<Store> store;
  std::size_t end = 0;          // the reader's offset after the run's last article
  std::exception_ptr failure;   // the error of the run's first article that fails
};

/// Reserves the record arrays of a run's Store for the whole run when
/// `share` of its bytes has given their present sizes (5 % spare): growing
/// them by doubling copies every record about once more and faults in as
/// many pages again, an eighth of an annotated reopen's time.
void reserve_for_run(Store& s, double share) {
  const auto grow = [share](auto& records) {
    records.reserve(static_cast<std::size_t>(static_cast<double>(records.size()) / share * 1.05) + 16);
  };
  grow(s.strings);
  grow(s.paragraphs);
  grow(s.quotes);
  grow(s.attributions);
  grow(s.attribution_parts);
  grow(s.entities);
  grow(s.mentions);
}

/// Decodes a run's articles into a Store of their own, then checks their text.
RunResult decode_run(std::string_view records, const std::string& name, const std::vector<TextRef>& origins,
                     const Run& run) {
  RunResult result;
  try {
    result.store = std::make_shared<Store>();
    const std::size_t count = run.end_article - run.article;
    result.store->articles.reserve(count);
    Reader in(records, name, run.offset);
    Decoder decoder(in, *result.store, origins);
    std::vector<std::size_t> offsets;  // of each article, for errors
    offsets.reserve(count);
    const auto located = [&](std::size_t i, const SchemaError& e) {
      return std::make_exception_ptr(
          SchemaError(Location{name, run.article + i + 1, 0, offsets[i]}, e.pointer(), e.reason()));
    };
    // The first article in [0, end) whose text fails, as a located error.
    const auto text_failure = [&](std::size_t end) -> std::exception_ptr {
      for (std::size_t i = 0; i < end; ++i) {
        try {
          decoder.check_text(i);
        } catch (const SchemaError& e) {
          return located(i, e);
        }
      }
      return nullptr;
    };
    auto checkpoint = run.checkpoints.begin();
    const std::size_t run_bytes = run.end_offset - run.offset;
    bool reserved = false;
    for (std::size_t i = 0; i <= count; ++i) {
      try {
        const std::size_t decoded = in.offset() - header_size - run.offset;
        if (!reserved && decoded >= run_bytes / 8 && decoded > 0) {
          reserve_for_run(*result.store, static_cast<double>(decoded) / static_cast<double>(run_bytes));
          reserved = true;
        }
        if (checkpoint != run.checkpoints.end() && checkpoint->article == run.article + i) {
          if (in.offset() - header_size != checkpoint->offset) {
            in.fail(in.offset(), fmt::format("the part table puts article {} at payload byte {}, but it starts at {}",
                                             checkpoint->article + 1, checkpoint->offset, in.offset() - header_size));
          }
          ++checkpoint;
        }
        if (i == count) break;
        offsets.push_back(in.offset());
        decoder.article();
      } catch (const Error& e) {
        // An earlier article whose text is bad comes first.
        result.failure = text_failure(i);
        if (!result.failure) {
          const auto* schema = dynamic_cast<const SchemaError*>(&e);
          result.failure = schema != nullptr && i < count ? located(i, *schema) : std::current_exception();
        }
        return result;
      }
    }
    result.end = in.offset();
    result.failure = text_failure(count);
  } catch (...) {  // out of memory: reported like any other failure of the run
    result.failure = std::current_exception();
  }
  return result;
}

}  // namespace

Corpus detail::binary_format::decode(std::shared_ptr<char> buffer, std::size_t size, const std::string& name,
              std::optional<std::uint32_t> payload_checksum, unsigned threads) {
  const std::string_view blob(buffer.get(), size);
  const auto fail = [&name](std::size_t at, const std::string& reason) {
    throw ParseError(Location{name, 0, 0, at}, "binary corpus: " + reason);
  };
  if (blob.size() < header_size) {
    fail(blob.size(), fmt::format("truncated: {} bytes, shorter than the {}-byte header", blob.size(), header_size));
  }
  if (std::memcmp(blob.data(), magic, sizeof magic) != 0) fail(0, "not a newsdoc binary corpus (wrong magic bytes)");
  const auto version = read_le(blob.data() + 8, 4);
  if (version == 0 || version > binary_version) {
    fail(8, fmt::format("version {}, but this newsdoc reads versions 1 to {}", version, binary_version));
  }
  const auto expected_checksum = static_cast<std::uint32_t>(read_le(blob.data() + 12, 4));
  const auto payload_size = read_le(blob.data() + 16, 8);
  const std::string_view payload = blob.substr(header_size);
  if (payload_size != payload.size()) {
    fail(16, fmt::format("the header announces {} payload bytes, but {} follow it{}", payload_size, payload.size(),
                         payload_size > payload.size() ? " (truncated)" : ""));
  }
  if (!payload_checksum) payload_checksum = detail::crc32(0, payload.data(), payload.size());
  if (*payload_checksum != expected_checksum) {
    fail(12, "checksum mismatch: the blob is corrupted");
  }

  // Version 4's part table, at the end of the payload.
  std::vector<PartStart> parts;
  std::string_view records = payload;
  if (version >= 4) {
    if (payload.size() < part_table_size(0)) fail(header_size, "truncated: no part table");
    const auto count = read_le(payload.data() + payload.size() - 8, 8);
    if (count > (payload.size() - part_table_size(0)) / 16) {
      fail(header_size + payload.size() - 8, fmt::format("a part table of {} parts cannot fit in the payload", count));
    }
    records = payload.substr(0, payload.size() - part_table_size(count));
    parts.resize(count);
    for (std::size_t p = 0; p < count; ++p) {
      const char* entry = records.data() + records.size() + 16 * p;
      parts[p] = {read_le(entry, 8), read_le(entry + 8, 8)};
    }
  }
  Reader in(records, name);
  if (version < 3) return decode_old_payload(in, version, name);
  const auto articles = in.count(min_article_size, "articles");
  const auto errors_at = in.offset();
  const auto errors = in.varint();
  const auto origins_at = in.offset();
  std::vector<TextRef> origins;
  try {
    origins = decode_origins(in);
  } catch (const SchemaError& e) {
    throw SchemaError(Location{name, 0, 0, origins_at}, e.pointer(), e.reason());
  }
  // Each part starts after the one before it, at an article inside the records.
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const PartStart before = p == 0 ? PartStart{0, in.offset() - header_size} : parts[p - 1];
    if (parts[p].article <= before.article || parts[p].article >= articles || parts[p].offset <= before.offset ||
        parts[p].offset >= records.size()) {
      fail(header_size + records.size() + 16 * p,
           fmt::format("part table entry {} (article {} at payload byte {}) does not follow the entry before it "
                       "inside the articles",
                       p + 1, parts[p].article + 1, parts[p].offset));
    }
  }
  // Large payloads are decoded and checked by several threads, a run of whole parts each.
  const std::size_t runs_wanted =
      payload.size() < large_blob_size ? 1 : std::min<std::size_t>(parts.size() + 1, detail::file_thread_count(threads));
  std::vector<Run> runs;
  runs.push_back(Run{0, in.offset() - header_size, {}});
  for (std::size_t t = 1, p = 0; t < runs_wanted; ++t) {
    const std::size_t target = runs.front().offset + (records.size() - runs.front().offset) / runs_wanted * t;
    while (p < parts.size() && parts[p].offset < target) ++p;
    if (p == parts.size()) break;
    if (parts[p].article > runs.back().article) runs.push_back(Run{parts[p].article, parts[p].offset, {}});
  }
  for (std::size_t r = 0; r < runs.size(); ++r) {
    Run& run = runs[r];
    run.end_article = r + 1 < runs.size() ? runs[r + 1].article : articles;
    run.end_offset = r + 1 < runs.size() ? runs[r + 1].offset : records.size();
    for (const PartStart& part : parts) {
      if (part.article > run.article && part.article < run.end_article) run.checkpoints.push_back(part);
    }
    if (r + 1 < runs.size()) run.checkpoints.push_back(PartStart{runs[r + 1].article, runs[r + 1].offset});
  }
  std::vector<RunResult> results(runs.size());
  {
    std::vector<std::future<RunResult>> later;
    for (std::size_t r = 1; r < runs.size(); ++r) {
      later.push_back(std::async(std::launch::async, decode_run, records, std::cref(name), std::cref(origins),
                                 std::cref(runs[r])));
    }
    results[0] = decode_run(records, name, origins, runs[0]);
    for (std::size_t r = 1; r < runs.size(); ++r) results[r] = later[r - 1].get();
  }
  // The first article that fails, in article order, is the one reported.
  for (const RunResult& result : results) {
    if (result.failure) std::rethrow_exception(result.failure);
  }
  Reader tail(records, name, results.back().end - header_size);
  tail.require_fit(errors, errors_at, min_error_size, "errors");
  std::vector<RecordError> record_errors;
  record_errors.reserve(errors);
  for (std::uint64_t i = 0; i < errors; ++i) record_errors.push_back(decode_error(tail));
  if (tail.left() != 0) fail(tail.offset(), fmt::format("{} bytes after the last record", tail.left()));
  std::vector<Article> out;
  out.reserve(articles);
  for (std::size_t r = 0; r < results.size(); ++r) {
    // Every store keeps the whole buffer; its byte count goes to the first.
    results[r].store->arena.adopt(buffer, r == 0 ? size + simdjson::SIMDJSON_PADDING : 0);
    std::shared_ptr<const Store> shared = std::move(results[r].store);
    for (std::uint32_t i = 0; i < shared->articles.size(); ++i) out.push_back(Internals::article(shared, i));
  }
  return Corpus(std::move(out), std::move(record_errors));
}


Corpus from_binary(std::string_view blob, const std::string& name, unsigned threads) {
  auto buffer = padded_buffer(blob.size());
  prefault(buffer.get(), buffer.get() + blob.size());
  if (!blob.empty()) std::memcpy(buffer.get(), blob.data(), blob.size());
  return decode(std::move(buffer), blob.size(), name, std::nullopt, threads);
}


}  // namespace newsdoc
