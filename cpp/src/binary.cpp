#include "newsdoc/binary.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cstring>
#include <limits>
#include <stdexcept>

#include "newsdoc/error.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

using detail::ArticleRecord;
using detail::Range;
using detail::Store;

constexpr char magic[8] = {'\x89', 'N', 'D', 'C', 'O', 'R', 'P', '\n'};
constexpr std::size_t header_size = sizeof magic + 4 + 4 + 8;
// The smallest encodings, to reject a count that the remaining bytes cannot hold before
// allocating for it: six strings, a flag and six counts make an empty article.
constexpr std::size_t min_article_size = 6 + 1 + 6;
constexpr std::size_t min_string_size = 1;
constexpr std::size_t min_entity_size = 3 + 1;
constexpr std::size_t min_quote_size = 1 + 1 + 1 + 1 + 1 + 1;
constexpr std::size_t min_mention_size = 3;
constexpr std::size_t min_error_size = 1 + 1 + 3 + 3;

/// Counts the bytes an encoding takes.
class SizeSink {
 public:
  void u8(std::uint8_t) noexcept { size_ += 1; }
  void varint(std::uint64_t value) noexcept {
    do {
      ++size_;
      value >>= 7;
    } while (value != 0);
  }
  void text(std::string_view text) noexcept {
    varint(text.size());
    size_ += text.size();
  }
  std::size_t size() const noexcept { return size_; }

 private:
  std::size_t size_ = 0;
};

/// Writes an encoding into a buffer that SizeSink measured.
class WriteSink {
 public:
  explicit WriteSink(char* out) noexcept : pos_(out) {}
  void u8(std::uint8_t value) noexcept { *pos_++ = static_cast<char>(value); }
  /// LEB128: seven bits a byte, low bits first, the high bit set on every byte but the last.
  void varint(std::uint64_t value) noexcept {
    while (value >= 0x80) {
      *pos_++ = static_cast<char>((value & 0x7f) | 0x80);
      value >>= 7;
    }
    *pos_++ = static_cast<char>(value);
  }
  void text(std::string_view text) noexcept {
    varint(text.size());
    if (!text.empty()) std::memcpy(pos_, text.data(), text.size());
    pos_ += text.size();
  }

 private:
  char* pos_;
};

template <class Sink>
void encode_strings(Sink& out, const Store& store, Range range) {
  out.varint(range.size());
  for (auto i = range.begin; i < range.end; ++i) out.text(store.strings[i].view());
}

template <class Sink>
void encode_article(Sink& out, const Store& s, const ArticleRecord& r) {
  for (const auto& text : {r.id, r.url, r.source, r.title, r.language}) out.text(text.view());
  out.u8(r.has_published ? 1 : 0);
  if (r.has_published) out.text(r.published.view());
  out.text(r.meta.view());
  encode_strings(out, s, r.authors);
  encode_strings(out, s, r.tags);
  const std::string_view body = r.body.view();
  out.varint(r.paragraphs.size());
  for (auto i = r.paragraphs.begin; i < r.paragraphs.end; ++i) {
    const Span bytes = s.paragraphs[i].bytes;
    out.text(body.substr(bytes.start, bytes.end - bytes.start));
  }
  out.varint(r.entities.size());
  for (auto i = r.entities.begin; i < r.entities.end; ++i) {
    const auto& e = s.entities[i];
    out.text(e.id.view());
    out.text(e.name.view());
    out.text(e.type.view());
    encode_strings(out, s, e.aliases);
  }
  out.varint(r.quotes.size());
  for (auto i = r.quotes.begin; i < r.quotes.end; ++i) {
    const auto& q = s.quotes[i];
    out.varint(q.bytes.start);
    out.varint(q.bytes.end);
    out.u8(static_cast<std::uint8_t>(q.kind));
    out.varint(static_cast<std::uint64_t>(std::int64_t{q.speaker} + 1));  // no_entity is 0
    out.u8(q.has_speaker_span ? 1 : 0);
    if (q.has_speaker_span) {
      out.varint(q.speaker_bytes.start);
      out.varint(q.speaker_bytes.end);
    }
    out.text(q.cue.view());
    out.u8(q.has_cue_span ? 1 : 0);
    if (q.has_cue_span) {
      out.varint(q.cue_bytes.start);
      out.varint(q.cue_bytes.end);
    }
    out.varint(q.attribution);
    out.varint(static_cast<std::uint64_t>(std::int64_t{q.parent} + 1));  // no_quote is 0
  }
  out.varint(r.mentions.size());
  for (auto i = r.mentions.begin; i < r.mentions.end; ++i) {
    const auto& m = s.mentions[i];
    out.varint(m.bytes.start);
    out.varint(m.bytes.end);
    out.varint(m.entity);
  }
}

template <class Sink>
void encode_error(Sink& out, const RecordError& e) {
  out.u8(e.kind == RecordError::Kind::parse ? 0 : 1);
  out.text(e.path);
  out.varint(e.line);
  out.varint(e.column);
  out.varint(e.offset);
  out.text(e.pointer);
  out.text(e.reason);
  out.text(e.message);
}

template <class Sink>
void encode_payload(Sink& out, const Corpus& corpus) {
  out.varint(corpus.size());
  out.varint(corpus.errors().size());
  for (const Article& article : corpus) {
    const Store& store = *article.store();
    encode_article(out, store, store.articles[article.index()]);
  }
  for (const auto& error : corpus.errors()) encode_error(out, error);
}

std::uint32_t checksum(const char* data, std::size_t size) {
  return static_cast<std::uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(data), size));
}

// Byte by byte, so the header is little-endian on any machine.
void write_le(char* out, std::uint64_t value, int bytes) noexcept {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>(value >> (8 * i));
}

std::uint64_t read_le(const char* data, int bytes) noexcept {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= std::uint64_t{static_cast<unsigned char>(data[i])} << (8 * i);
  return value;
}

/// Reads the payload, checking every length against the bytes left.
class Reader {
 public:
  Reader(std::string_view payload, const std::string& name) noexcept : data_(payload), name_(name) {}

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

/// Fills `out` (cleared) with views into the reader's bytes.
void decode_article(Reader& in, ArticleInput& out, std::uint64_t version) {
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
  const auto quotes = in.count(min_quote_size, "quotes");
  out.quotes.resize(quotes);
  for (std::size_t i = 0; i < quotes; ++i) {
    auto& q = out.quotes[i];
    q.span.start = in.u32("quote start");
    q.span.end = in.u32("quote end");
    const auto kind = in.u8();
    if (kind > static_cast<std::uint8_t>(QuoteKind::indirect)) {
      throw SchemaError(fmt::format("/quotes/{}/kind", i), fmt::format("unknown quote kind {}", kind));
    }
    q.kind = static_cast<QuoteKind>(kind);
    const auto speaker = in.varint();  // the entity index plus one; 0 for none
    if (speaker > out.entities.size()) {
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
  const auto mentions = in.count(min_mention_size, "mentions");
  out.mentions.resize(mentions);
  for (auto& m : out.mentions) {
    m.span.start = in.u32("mention start");
    m.span.end = in.u32("mention end");
    m.entity = in.u32("mention entity");
  }
  out.unit = OffsetUnit::bytes;
}

RecordError decode_error(Reader& in) {
  RecordError e;
  const auto at = in.offset();
  const auto kind = in.u8();
  if (kind > 1) in.fail(at, fmt::format("error kind is {}, not 0 (parse) or 1 (schema)", kind));
  e.kind = kind == 0 ? RecordError::Kind::parse : RecordError::Kind::schema;
  e.path = in.text();
  e.line = in.varint();
  e.column = in.varint();
  e.offset = in.varint();
  e.pointer = in.text();
  e.reason = in.text();
  e.message = in.text();
  return e;
}

}  // namespace

std::size_t binary_size(const Corpus& corpus) {
  SizeSink sink;
  encode_payload(sink, corpus);
  return header_size + sink.size();
}

void write_binary(const Corpus& corpus, char* out, std::size_t size) {
  if (size < header_size) throw std::invalid_argument("write_binary: the buffer is smaller than the header");
  WriteSink sink(out + header_size);
  SizeSink measure;
  encode_payload(measure, corpus);
  if (size != header_size + measure.size()) {
    throw std::invalid_argument(fmt::format("write_binary: the buffer holds {} bytes, the corpus needs {}", size,
                                            header_size + measure.size()));
  }
  encode_payload(sink, corpus);
  const std::size_t payload = size - header_size;
  std::memcpy(out, magic, sizeof magic);
  write_le(out + 8, binary_version, 4);
  write_le(out + 12, checksum(out + header_size, payload), 4);
  write_le(out + 16, payload, 8);
}

std::string to_binary(const Corpus& corpus) {
  std::string blob(binary_size(corpus), '\0');
  write_binary(corpus, blob.data(), blob.size());
  return blob;
}

Corpus from_binary(std::string_view blob, const std::string& name) {
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
  if (checksum(payload.data(), payload.size()) != expected_checksum) {
    fail(12, "checksum mismatch: the blob is corrupted");
  }

  Reader in(payload, name);
  const auto articles = in.count(min_article_size, "articles");
  const auto errors_at = in.offset();
  const auto errors = in.varint();
  CorpusBuilder builder;
  ArticleInput article;
  for (std::size_t i = 0; i < articles; ++i) {
    const auto at = in.offset();
    try {
      decode_article(in, article, version);
      builder.add(article);
    } catch (const SchemaError& e) {
      throw SchemaError(Location{name, i + 1, 0, at}, e.pointer(), e.reason());
    }
  }
  in.require_fit(errors, errors_at, min_error_size, "errors");
  for (std::uint64_t i = 0; i < errors; ++i) builder.add_error(decode_error(in));
  if (in.left() != 0) fail(in.offset(), fmt::format("{} bytes after the last record", in.left()));
  return builder.finish();
}

}  // namespace newsdoc
