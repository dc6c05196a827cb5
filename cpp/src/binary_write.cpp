// Writing the binary corpus form (newsdoc/binary.hpp): sizes, then the bytes.
#include <fmt/format.h>

#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "binary_format.hpp"
#include "crc32.hpp"
#include "newsdoc/binary.hpp"
#include "newsdoc/error.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

using namespace detail::binary_format;
using detail::ArticleRecord;
using detail::Internals;
using detail::Range;
using detail::Store;

/// Counts the bytes an encoding takes.
class SizeSink {
 public:
  void u8(std::uint8_t) noexcept { size_ += 1; }
  void u64(std::uint64_t) noexcept { size_ += 8; }
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
  void u64(std::uint64_t value) noexcept {
    write_le(pos_, value, 8);
    pos_ += 8;
  }
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

/// The files the articles were loaded from, each once, in order of first use:
/// articles name their origin by its index here.
class OriginTable {
 public:
  explicit OriginTable(const Corpus& corpus) {
    for (const Article& article : corpus) index_of(article.origin());
  }
  const std::vector<std::string_view>& origins() const noexcept { return origins_; }
  /// The origin's index plus one; 0 for none.
  std::uint64_t reference(std::string_view origin) {
    if (origin.empty()) return 0;
    return index_of(origin) + 1;
  }

 private:
  std::uint64_t index_of(std::string_view origin) {
    if (origin.empty()) return 0;
    // Articles of one file come together and share their origin's text.
    if (origin.data() == last_.data() && origin.size() == last_.size()) return last_index_;
    const auto [it, added] = index_.emplace(origin, origins_.size());
    if (added) origins_.push_back(origin);
    last_ = origin;
    last_index_ = it->second;
    return it->second;
  }

  std::vector<std::string_view> origins_;
  std::unordered_map<std::string_view, std::uint64_t> index_;
  std::string_view last_;
  std::uint64_t last_index_ = 0;
};

template <class Sink>
void encode_article(Sink& out, const Store& s, const ArticleRecord& r, OriginTable& origins) {
  for (const auto& text : {r.id, r.url, r.source, r.title, r.language}) out.text(text.view());
  out.u8(r.has_published ? 1 : 0);
  if (r.has_published) out.text(r.published.view());
  out.text(r.meta.view());
  out.varint(origins.reference(r.origin.view()));
  out.varint(r.origin_line);
  encode_strings(out, s, r.authors);
  encode_strings(out, s, r.tags);
  // The body whole, then its paragraphs' lengths: reopening keeps the body as it lies in the file.
  out.text(r.body.view());
  out.varint(r.paragraphs.size());
  for (auto i = r.paragraphs.begin; i < r.paragraphs.end; ++i) {
    const Span bytes = s.paragraphs[i].bytes;
    out.varint(bytes.end - bytes.start);
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

// A record error's kind byte: 0 parse, 1 schema. A file that could not be
// read (Kind::io) is written as a parse error at line 0, which no parse
// error of a record is (their lines start at 1): files of every version
// read the same. The message is written for readers of older versions.
template <class Sink>
void encode_error(Sink& out, const RecordError& e) {
  out.u8(e.kind == RecordError::Kind::schema ? 1 : 0);
  out.text(e.where.path);
  out.varint(e.kind == RecordError::Kind::io ? 0 : e.where.line);
  out.varint(e.where.column);
  out.varint(e.where.offset);
  out.text(e.pointer);
  out.text(e.reason);
  out.text(e.message());
}

/// From about 16 MiB on, the articles are cut into parts (the part table)
/// of at least part_bytes and at most max_parts, so that a reader can decode
/// them on several threads.
constexpr std::size_t part_bytes = std::size_t{8} << 20;
constexpr std::size_t max_parts = 16;

template <class Sink>
void encode_head(Sink& out, const Corpus& corpus, const OriginTable& origins) {
  out.varint(corpus.size());
  out.varint(corpus.errors().size());
  out.varint(origins.origins().size());
  for (const auto origin : origins.origins()) out.text(origin);
}

/// The payload's size and its part table, measured before anything is written.
struct Plan {
  std::size_t payload = 0;
  std::vector<PartStart> parts;  // after the first, which starts at article 0
};

Plan plan_of(const Corpus& corpus) {
  OriginTable origins(corpus);
  SizeSink head;
  encode_head(head, corpus, origins);
  std::vector<std::size_t> starts;  // of each article, and the end of the last
  starts.reserve(corpus.size() + 1);
  SizeSink articles;
  for (const Article& article : corpus) {
    starts.push_back(head.size() + articles.size());
    encode_article(articles, *Internals::store(article), Internals::record(article), origins);
  }
  starts.push_back(head.size() + articles.size());
  Plan plan;
  const std::size_t span = starts.back() - starts.front();
  const std::size_t parts = std::min(max_parts, span / part_bytes);
  for (std::size_t p = 1, i = 0; p < parts; ++p) {
    const std::size_t target = starts.front() + span / parts * p;
    while (i < corpus.size() && starts[i] < target) ++i;
    if (i == corpus.size()) break;
    if (i > 0 && (plan.parts.empty() || plan.parts.back().article < i)) plan.parts.push_back({i, starts[i]});
  }
  SizeSink errors;
  for (const auto& error : corpus.errors()) encode_error(errors, error);
  plan.payload = starts.back() + errors.size() + part_table_size(plan.parts.size());
  return plan;
}

template <class Sink>
void encode_payload(Sink& out, const Corpus& corpus, const Plan& plan) {
  OriginTable origins(corpus);
  encode_head(out, corpus, origins);
  for (const Article& article : corpus) {
    encode_article(out, *Internals::store(article), Internals::record(article), origins);
  }
  for (const auto& error : corpus.errors()) encode_error(out, error);
  for (const PartStart& part : plan.parts) {
    out.u64(part.article);
    out.u64(part.offset);
  }
  out.u64(plan.parts.size());
}

}  // namespace

std::size_t binary_size(const Corpus& corpus) { return header_size + plan_of(corpus).payload; }

void write_binary(const Corpus& corpus, char* out, std::size_t size) {
  if (size < header_size) throw InvalidArgumentError("write_binary: the buffer is smaller than the header");
  const Plan plan = plan_of(corpus);
  if (size != header_size + plan.payload) {
    throw InvalidArgumentError(fmt::format("write_binary: the buffer holds {} bytes, the corpus needs {}", size,
                                           header_size + plan.payload));
  }
  WriteSink sink(out + header_size);
  encode_payload(sink, corpus, plan);
  const std::size_t payload = size - header_size;
  std::memcpy(out, magic, sizeof magic);
  write_le(out + 8, binary_version, 4);
  write_le(out + 12, detail::crc32(0, out + header_size, payload), 4);
  write_le(out + 16, payload, 8);
}

std::string to_binary(const Corpus& corpus) {
  std::string blob(binary_size(corpus), '\0');
  write_binary(corpus, blob.data(), blob.size());
  return blob;
}

}  // namespace newsdoc
