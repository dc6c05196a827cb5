#include <algorithm>

#include "newsdoc/article.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

std::vector<std::string_view> strings_in(const detail::Store& store, detail::Range range) {
  std::vector<std::string_view> out;
  out.reserve(range.size());
  for (auto i = range.begin; i < range.end; ++i) out.push_back(store.strings[i].view());
  return out;
}

const detail::ArticleRecord& record_of(const Article& article) noexcept {
  return detail::Internals::record(article);
}

void check_index(std::size_t i, std::size_t count, const char* what) {
  if (i >= count) throw OutOfRangeError(std::string(what) + " index out of range");
}

}  // namespace

std::string_view to_string(QuoteKind kind) noexcept {
  switch (kind) {
    case QuoteKind::direct: return "direct";
    case QuoteKind::partial: return "partial";
    case QuoteKind::indirect: return "indirect";
  }
  return "direct";
}

std::optional<QuoteKind> quote_kind_from_string(std::string_view name) noexcept {
  if (name == "direct") return QuoteKind::direct;
  if (name == "partial") return QuoteKind::partial;
  if (name == "indirect") return QuoteKind::indirect;
  return std::nullopt;
}

std::string_view Article::id() const& noexcept { return record_of(*this).id.view(); }
std::string_view Article::url() const& noexcept { return record_of(*this).url.view(); }
std::string_view Article::source() const& noexcept { return record_of(*this).source.view(); }
std::string_view Article::title() const& noexcept { return record_of(*this).title.view(); }
std::optional<std::string_view> Article::published() const& noexcept {
  const auto& r = record_of(*this);
  if (!r.has_published) return std::nullopt;
  return r.published.view();
}
std::string_view Article::language() const& noexcept { return record_of(*this).language.view(); }
std::vector<std::string_view> Article::authors() const& { return strings_in(*store_, record_of(*this).authors); }
std::vector<std::string_view> Article::tags() const& { return strings_in(*store_, record_of(*this).tags); }
std::string_view Article::text() const& noexcept { return record_of(*this).body.view(); }
std::string_view Article::meta_json() const& noexcept { return record_of(*this).meta.view(); }
std::string_view Article::origin() const& noexcept { return record_of(*this).origin.view(); }
std::uint64_t Article::origin_line() const noexcept { return record_of(*this).origin_line; }
bool Article::is_ascii() const noexcept { return record_of(*this).ascii; }
std::uint32_t Article::char_length() const noexcept { return record_of(*this).char_length; }

std::size_t Article::paragraph_count() const noexcept { return record_of(*this).paragraphs.size(); }
std::size_t Article::quote_count() const noexcept { return record_of(*this).quotes.size(); }
std::size_t Article::entity_count() const noexcept { return record_of(*this).entities.size(); }
std::size_t Article::mention_count() const noexcept { return record_of(*this).mentions.size(); }

Paragraph Article::paragraph(std::size_t i) const& {
  const auto& r = record_of(*this);
  check_index(i, r.paragraphs.size(), "paragraph");
  const auto& p = store_->paragraphs[r.paragraphs.begin + i];
  return {p.bytes, p.chars, text().substr(p.bytes.start, p.bytes.end - p.bytes.start)};
}

namespace {

/// Kind, speaker and cue of a quote record into a Quote or an Attribution.
template <class Statement>
void copy_statement(const detail::QuoteRecord& q, Statement& out) {
  out.kind = q.kind;
  out.speaker = q.speaker;
  if (q.has_speaker_span) {
    out.speaker_bytes = q.speaker_bytes;
    out.speaker_chars = q.speaker_chars;
  }
  out.cue = q.cue.view();
  if (q.has_cue_span) {
    out.cue_bytes = q.cue_bytes;
    out.cue_chars = q.cue_chars;
  }
}

}  // namespace

Quote Article::quote(std::size_t i) const& {
  const auto& r = record_of(*this);
  check_index(i, r.quotes.size(), "quote");
  const auto& q = store_->quotes[r.quotes.begin + i];
  Quote out;
  out.bytes = q.bytes;
  out.chars = q.chars;
  out.text = text().substr(q.bytes.start, q.bytes.end - q.bytes.start);
  out.first_paragraph = q.first_paragraph;
  out.last_paragraph = q.last_paragraph;
  copy_statement(q, out);
  out.attribution = q.attribution;
  out.parent = q.parent;
  return out;
}

std::size_t Article::attribution_count() const noexcept { return record_of(*this).attributions.size(); }

Attribution Article::attribution(std::size_t i) const& {
  const auto& r = record_of(*this);
  check_index(i, r.attributions.size(), "attribution");
  const auto& a = store_->attributions[r.attributions.begin + i];
  const auto& head = store_->quotes[r.quotes.begin + a.head];
  Attribution out;
  copy_statement(head, out);
  out.parts.assign(store_->attribution_parts.begin() + a.parts.begin, store_->attribution_parts.begin() + a.parts.end);
  for (const auto part : out.parts)
    if (store_->quotes[r.quotes.begin + part].parent == no_quote) out.content.push_back(part);
  return out;
}

Entity Article::entity(std::size_t i) const& {
  const auto& r = record_of(*this);
  check_index(i, r.entities.size(), "entity");
  const auto& e = store_->entities[r.entities.begin + i];
  return {e.id.view(), e.name.view(), e.type.view(), strings_in(*store_, e.aliases)};
}

Mention Article::mention(std::size_t i) const& {
  const auto& r = record_of(*this);
  check_index(i, r.mentions.size(), "mention");
  const auto& m = store_->mentions[r.mentions.begin + i];
  return {m.bytes, m.chars, text().substr(m.bytes.start, m.bytes.end - m.bytes.start), m.entity};
}

std::vector<std::uint32_t> Article::mentions_of(std::size_t entity) const {
  const auto& r = record_of(*this);
  check_index(entity, r.entities.size(), "entity");
  std::vector<std::uint32_t> out;
  for (auto i = r.mentions.begin; i < r.mentions.end; ++i) {
    if (store_->mentions[i].entity == entity) out.push_back(i - r.mentions.begin);
  }
  const auto* mentions = store_->mentions.data() + r.mentions.begin;
  std::stable_sort(out.begin(), out.end(), [mentions](std::uint32_t a, std::uint32_t b) {
    return mentions[a].bytes.start < mentions[b].bytes.start ||
           (mentions[a].bytes.start == mentions[b].bytes.start && mentions[a].bytes.end < mentions[b].bytes.end);
  });
  return out;
}

bool operator==(const Article& a, const Article& b) {
  if (a.store_ == b.store_ && a.index_ == b.index_) return true;
  // The canonical form holds every field exactly once, so equal forms mean equal articles.
  return a.to_json() == b.to_json();
}

RecordError RecordError::of(const ParseError& error) {
  return RecordError{Kind::parse, error.where(), "", error.reason()};
}

RecordError RecordError::of(const SchemaError& error) {
  return RecordError{Kind::schema, error.where(), error.pointer(), error.reason()};
}

RecordError RecordError::of(const IoError& error) {
  return RecordError{Kind::io, Location{error.path(), 0, 0, 0}, "", error.reason()};
}

std::exception_ptr RecordError::exception() const {
  switch (kind) {
    case Kind::parse: return std::make_exception_ptr(ParseError(where, reason));
    case Kind::schema: return std::make_exception_ptr(SchemaError(where, pointer, reason));
    case Kind::io: break;
  }
  return std::make_exception_ptr(IoError(where.path, reason));
}

std::string RecordError::message() const {
  switch (kind) {
    case Kind::parse: return ParseError(where, reason).what();
    case Kind::schema: return SchemaError(where, pointer, reason).what();
    case Kind::io: break;
  }
  return IoError(where.path, reason).what();
}

const Article& Corpus::at(std::size_t i) const& {
  if (i >= articles_.size()) {
    throw OutOfRangeError("article index " + std::to_string(i) + " out of range for a corpus of " +
                          std::to_string(articles_.size()));
  }
  return articles_[i];
}

Corpus Corpus::slice(std::size_t start, std::size_t stop, std::size_t step) const {
  if (step == 0) throw InvalidArgumentError("slice step must be positive");
  std::vector<Article> out;
  stop = std::min(stop, articles_.size());
  // Counted, not stepped to stop: i += step would wrap around for a huge step.
  const std::size_t count = start < stop ? (stop - start - 1) / step + 1 : 0;
  out.reserve(count);
  for (std::size_t k = 0; k < count; ++k) out.push_back(articles_[start + k * step]);
  return Corpus(std::move(out));
}

}  // namespace newsdoc
