#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "newsdoc/article.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/utf8.hpp"
#include "rebuild.hpp"
#include "store.hpp"

namespace newsdoc {
namespace detail {

char* Arena::reserve(std::size_t size) {
  if (blocks_.empty() || blocks_.back().capacity - blocks_.back().used < size) {
    const std::size_t capacity = std::max(size, block_size);
    blocks_.push_back(Block{std::unique_ptr<char[]>(new char[capacity]), capacity, 0});
  }
  Block& block = blocks_.back();
  pending_ = block.data.get() + block.used;
  return pending_;
}

TextRef Arena::commit(std::size_t used) noexcept {
  blocks_.back().used += used;
  TextRef ref{used == 0 ? nullptr : pending_, used};
  pending_ = nullptr;
  return ref;
}

TextRef Arena::copy(std::string_view text) {
  if (text.empty()) return {};
  char* dst = reserve(text.size());
  std::memcpy(dst, text.data(), text.size());
  return commit(text.size());
}

void Arena::adopt(std::shared_ptr<const char> memory, std::size_t size) {
  adopted_.push_back(Adopted{std::move(memory), size});
}

Arena::Mark Arena::mark() const noexcept {
  return {blocks_.size(), blocks_.empty() ? 0 : blocks_.back().used};
}

void Arena::rollback(Mark mark) noexcept {
  blocks_.resize(mark.blocks);
  if (!blocks_.empty()) blocks_.back().used = mark.used;
}

std::size_t Arena::allocated_bytes() const noexcept {
  std::size_t total = 0;
  for (const auto& b : blocks_) total += b.capacity;
  for (const auto& a : adopted_) total += a.size;
  return total;
}

}  // namespace detail

void ArticleInput::clear() {
  id = url = source = title = language = {};
  published.reset();
  authors.clear();
  tags.clear();
  paragraphs.clear();
  quotes.clear();
  entities.clear();
  mentions.clear();
  unit = OffsetUnit::bytes;
  meta = "{}";
  origin = {};
  origin_line = 0;
}

namespace {

using detail::Range;
using detail::Store;
using detail::TextRef;

constexpr std::uint64_t max_offset = std::numeric_limits<std::uint32_t>::max();

std::uint32_t checked_count(std::size_t n) {
  if (n > max_offset) throw SchemaError("", "more than 4,294,967,295 records in one corpus");
  return static_cast<std::uint32_t>(n);
}

/// Copies `text` to `out` and returns its code points (the bytes that are not
/// 10xxxxxx: as signed chars, those below -64), in one pass the compiler
/// vectorises: the count rides along with the copy instead of reading the
/// text again.
std::uint32_t copy_counting_code_points(char* out, std::string_view text) noexcept {
  const char* in = text.data();
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out[i] = in[i];
    count += static_cast<signed char>(in[i]) >= -64;
  }
  return count;
}

/// `pointer()` names the field; it is only called to report an error.
template <class Pointer>
void require_utf8(std::string_view text, Pointer&& pointer) {
  if (!is_valid_utf8(text)) throw SchemaError(pointer(), "not valid UTF-8");
}

// The span errors, built out of line: the checks that throw them run for every span, the errors rarely.
SchemaError unordered_span(std::string pointer, Span span) {
  return SchemaError(std::move(pointer), fmt::format("span ends ({}) before it starts ({})", span.end, span.start));
}

SchemaError span_outside_text(std::string pointer, Span span, std::size_t length, const char* unit) {
  return SchemaError(std::move(pointer),
                     fmt::format("span [{}, {}) lies outside the text ({} {})", span.start, span.end, length, unit));
}

SchemaError span_cutting_a_character(std::string pointer, Span span) {
  return SchemaError(std::move(pointer),
                     fmt::format("span [{}, {}) cuts a UTF-8 sequence in two", span.start, span.end));
}

/// The checks of a byte span that read no text: it is ordered and lies in a body of `body_size` bytes.
/// Declared inline, which GCC heeds: called for every span of a reopened corpus, it was not inlined otherwise.
template <class Pointer>
inline void require_in_body(Span span, std::size_t body_size, Pointer&& pointer) {
  if (span.start > span.end) throw unordered_span(pointer(), span);
  if (span.end > body_size) throw span_outside_text(pointer(), span, body_size, "bytes");
}

/// Converts a span given in `unit` to byte and char spans of `body`, checking it.
template <class Pointer>
std::pair<Span, Span> resolve_span(Span span, OffsetUnit unit, std::string_view body, const Utf8Index& index,
                                   Pointer&& pointer) {
  if (unit == OffsetUnit::chars) {
    if (span.start > span.end) throw unordered_span(pointer(), span);
    const auto start = index.to_bytes(span.start);
    const auto end = index.to_bytes(span.end);
    if (!start || !end) throw span_outside_text(pointer(), span, index.char_length(), "characters");
    return {Span{static_cast<std::uint32_t>(*start), static_cast<std::uint32_t>(*end)}, span};
  }
  require_in_body(span, body.size(), pointer);
  if (!is_char_boundary(body, span.start) || !is_char_boundary(body, span.end)) {
    throw span_cutting_a_character(pointer(), span);
  }
  return {span, Span{index.to_chars(span.start), index.to_chars(span.end)}};
}

/// The paragraph holding byte `offset` (the last one starting at or before it).
std::uint32_t paragraph_at(const Store& store, Range paragraphs, std::uint32_t offset) {
  const auto begin = store.paragraphs.begin() + paragraphs.begin;
  const auto end = store.paragraphs.begin() + paragraphs.end;
  auto it = std::upper_bound(begin, end, offset,
                             [](std::uint32_t o, const detail::ParagraphRecord& p) { return o < p.bytes.start; });
  return it == begin ? 0 : static_cast<std::uint32_t>(it - begin - 1);
}

/// Groups the article's quotes (already in s.quotes) into attributions:
/// numbered in order of first appearance in the quote list; a quote without
/// a number is an attribution of its own, or joins its parent's.
void add_attributions(detail::Store& s, detail::ArticleRecord& r, const std::vector<QuoteInput>& quotes) {
  const auto n = static_cast<std::uint32_t>(quotes.size());
  detail::QuoteRecord* records = s.quotes.data() + r.quotes.begin;
  r.attributions.begin = checked_count(s.attributions.size());
  bool grouped = false;
  for (const auto& q : quotes) grouped = grouped || q.attribution || q.parent != no_quote;
  if (!grouped) {
    // Files written before attributions existed: one quote, one attribution.
    for (std::uint32_t i = 0; i < n; ++i) {
      records[i].attribution = i;
      const auto part = checked_count(s.attribution_parts.size());
      s.attribution_parts.push_back(i);
      s.attributions.push_back({detail::Range{part, part + 1}, i});
    }
    r.attributions.end = checked_count(s.attributions.size());
    return;
  }
  constexpr std::uint32_t unset = 0xFFFFFFFF;
  // Scratch reused across articles: this runs for every article with quotes.
  thread_local std::vector<std::uint32_t> group, order;
  group.assign(n, unset);
  // Numbers as newsdoc writes them (every quote numbered, 0, 1, 2, ... in
  // order of first appearance) are the groups themselves.
  std::uint32_t count = 0;
  bool canonical = true;
  for (std::uint32_t i = 0; i < n && canonical; ++i) {
    canonical = quotes[i].attribution && *quotes[i].attribution <= count;
    if (canonical && *quotes[i].attribution == count) ++count;
  }
  if (canonical) {
    for (std::uint32_t i = 0; i < n; ++i) group[i] = *quotes[i].attribution;
  } else {
    // Provisional keys: the given number, or (for a quote without one) a key
    // past every given number, so that the two cannot meet.
    std::vector<std::uint64_t> key(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (quotes[i].attribution) key[i] = *quotes[i].attribution;
      else if (quotes[i].parent == no_quote) key[i] = (std::uint64_t{1} << 32) + i;
    }
    for (std::uint32_t i = 0; i < n; ++i)
      if (!quotes[i].attribution && quotes[i].parent != no_quote)
        key[i] = key[static_cast<std::size_t>(quotes[i].parent)];
    std::unordered_map<std::uint64_t, std::uint32_t> number_of_key;
    count = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto [it, added] = number_of_key.emplace(key[i], count);
      if (added) ++count;
      group[i] = it->second;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) records[i].attribution = group[i];
  order.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (group[a] != group[b]) return group[a] < group[b];
    if (records[a].bytes.start != records[b].bytes.start) return records[a].bytes.start < records[b].bytes.start;
    return records[a].bytes.end > records[b].bytes.end;  // an enclosing quote before its fragments
  });
  for (std::uint32_t k = 0; k < n;) {
    const auto begin = checked_count(s.attribution_parts.size());
    std::uint32_t head = unset;
    const auto g = group[order[k]];
    for (; k < n && group[order[k]] == g; ++k) {
      s.attribution_parts.push_back(order[k]);
      if (head == unset && records[order[k]].parent == no_quote) head = order[k];
    }
    s.attributions.push_back({detail::Range{begin, checked_count(s.attribution_parts.size())}, head});
  }
  r.attributions.end = checked_count(s.attributions.size());
}

}  // namespace

namespace detail {

void check_references(const std::vector<QuoteInput>& quotes, const std::vector<MentionInput>& mentions,
                      std::size_t entity_count) {
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    const auto speaker = quotes[i].speaker;
    if (speaker != no_entity && (speaker < 0 || static_cast<std::size_t>(speaker) >= entity_count)) {
      throw SchemaError(fmt::format("/quotes/{}/speaker", i), fmt::format("no entity {}", speaker));
    }
    const auto parent = quotes[i].parent;
    if (parent == no_quote) continue;
    const auto where = [&] { return fmt::format("/quotes/{}/parent", i); };
    if (parent < 0 || static_cast<std::size_t>(parent) >= quotes.size()) {
      throw SchemaError(where(), fmt::format("no quote {}", parent));
    }
    const auto& enclosing = quotes[static_cast<std::size_t>(parent)];
    if (static_cast<std::size_t>(parent) == i) throw SchemaError(where(), "a quote cannot be its own parent");
    if (enclosing.parent != no_quote) throw SchemaError(where(), fmt::format("quote {} is itself a fragment", parent));
    if (quotes[i].attribution && enclosing.attribution != quotes[i].attribution) {
      throw SchemaError(where(), fmt::format("quote {} is not of the same attribution", parent));
    }
    if (enclosing.span.start > quotes[i].span.start || enclosing.span.end < quotes[i].span.end) {
      throw SchemaError(where(), fmt::format("quote {} does not enclose this quote", parent));
    }
  }
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].entity >= entity_count) {
      throw SchemaError(fmt::format("/mentions/{}/entity", i), fmt::format("no entity {}", mentions[i].entity));
    }
  }
}

void add_quotes_and_mentions(Store& s, ArticleRecord& r, const std::vector<QuoteInput>& quotes,
                             const std::vector<MentionInput>& mentions, OffsetUnit unit, CharSpans char_spans) {
  const std::string_view text = r.body.view();
  std::optional<Utf8Index> index;
  if (char_spans == CharSpans::now && (!quotes.empty() || !mentions.empty())) index.emplace(text, r.ascii);
  const auto resolve = [&](Span span, auto&& pointer) -> std::pair<Span, Span> {
    if (char_spans == CharSpans::now) return resolve_span(span, unit, text, *index, pointer);
    require_in_body(span, text.size(), pointer);  // fill_char_spans checks the rest
    return {span, Span{}};
  };

  r.quotes.begin = checked_count(s.quotes.size());
  // Records are written in place: built on the stack field by field and pushed, each was
  // copied with wide loads that cannot forward from the narrower stores (a stall per record).
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    const auto& q = quotes[i];
    detail::QuoteRecord& rec = s.quotes.emplace_back();
    std::tie(rec.bytes, rec.chars) = resolve(q.span, [i] { return fmt::format("/quotes/{}", i); });
    if (q.speaker_span) {
      std::tie(rec.speaker_bytes, rec.speaker_chars) =
          resolve(*q.speaker_span, [i] { return fmt::format("/quotes/{}/speaker_span", i); });
      rec.has_speaker_span = true;
    }
    if (q.cue_span) {
      std::tie(rec.cue_bytes, rec.cue_chars) =
          resolve(*q.cue_span, [i] { return fmt::format("/quotes/{}/cue_span", i); });
      rec.has_cue_span = true;
    }
    rec.kind = q.kind;
    rec.speaker = q.speaker;
    rec.parent = q.parent;
    rec.cue = s.arena.copy(q.cue);
    rec.first_paragraph = paragraph_at(s, r.paragraphs, rec.bytes.start);
    rec.last_paragraph = rec.bytes.end > rec.bytes.start ? paragraph_at(s, r.paragraphs, rec.bytes.end - 1)
                                                         : rec.first_paragraph;
  }
  r.quotes.end = checked_count(s.quotes.size());
  add_attributions(s, r, quotes);

  r.mentions.begin = checked_count(s.mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    detail::MentionRecord& rec = s.mentions.emplace_back();
    std::tie(rec.bytes, rec.chars) = resolve(mentions[i].span, [i] { return fmt::format("/mentions/{}", i); });
    rec.entity = mentions[i].entity;
  }
  r.mentions.end = checked_count(s.mentions.size());
}

void fill_char_spans(Store& s, const ArticleRecord& r) {
  if (r.quotes.size() == 0 && r.mentions.size() == 0) return;  // no spans: no index to build
  fill_char_spans(s, r, Utf8Index(r.body.view(), r.ascii));
}

void fill_char_spans(Store& s, const ArticleRecord& r, const Utf8Index& index) {
  const std::string_view text = r.body.view();
  // In article order, so that an error names the first bad span.
  const auto resolve = [&](Span bytes, Span& chars, auto&& pointer) {
    chars = resolve_span(bytes, OffsetUnit::bytes, text, index, pointer).second;
  };
  for (auto q = r.quotes.begin; q < r.quotes.end; ++q) {
    QuoteRecord& rec = s.quotes[q];
    const auto i = q - r.quotes.begin;
    resolve(rec.bytes, rec.chars, [i] { return fmt::format("/quotes/{}", i); });
    if (rec.has_speaker_span) {
      resolve(rec.speaker_bytes, rec.speaker_chars, [i] { return fmt::format("/quotes/{}/speaker_span", i); });
    }
    if (rec.has_cue_span) {
      resolve(rec.cue_bytes, rec.cue_chars, [i] { return fmt::format("/quotes/{}/cue_span", i); });
    }
  }
  for (auto m = r.mentions.begin; m < r.mentions.end; ++m) {
    MentionRecord& rec = s.mentions[m];
    const auto i = m - r.mentions.begin;
    resolve(rec.bytes, rec.chars, [i] { return fmt::format("/mentions/{}", i); });
  }
}

}  // namespace detail

CorpusBuilder::CorpusBuilder() : store_(std::make_unique<detail::Store>()) {}
CorpusBuilder::~CorpusBuilder() = default;
CorpusBuilder::CorpusBuilder(CorpusBuilder&&) noexcept = default;
CorpusBuilder& CorpusBuilder::operator=(CorpusBuilder&&) noexcept = default;

std::size_t CorpusBuilder::size() const noexcept { return store_->articles.size(); }

void CorpusBuilder::add_error(RecordError error) { errors_.push_back(std::move(error)); }

void CorpusBuilder::add(const ArticleInput& article) { add_impl(article, true); }


void CorpusBuilder::add_impl(const ArticleInput& in, bool untrusted) {
  Store& s = *store_;
  // Validate what needs no text first, so a bad article costs nothing.
  // Text from the JSON reader was validated by simdjson already.
  const auto check_utf8 = [untrusted](std::string_view text, auto&& pointer) {
    if (untrusted) require_utf8(text, pointer);
  };
  const std::pair<std::string_view, const char*> fields[] = {
      {in.id, "/id"}, {in.url, "/url"}, {in.source, "/source"}, {in.title, "/title"}, {in.language, "/language"}};
  for (const auto& [text, pointer] : fields) check_utf8(text, [p = pointer] { return std::string(p); });
  if (in.published) check_utf8(*in.published, [] { return std::string("/published"); });
  for (std::size_t i = 0; i < in.authors.size(); ++i) check_utf8(in.authors[i], [&] { return fmt::format("/authors/{}", i); });
  for (std::size_t i = 0; i < in.tags.size(); ++i) check_utf8(in.tags[i], [&] { return fmt::format("/tags/{}", i); });
  std::size_t body_size = in.paragraphs.empty() ? 0 : 2 * (in.paragraphs.size() - 1);
  for (std::size_t i = 0; i < in.paragraphs.size(); ++i) {
    check_utf8(in.paragraphs[i], [&] { return fmt::format("/paragraphs/{}", i); });
    body_size += in.paragraphs[i].size();
  }
  if (body_size > max_offset) throw SchemaError("/paragraphs", "body text longer than 4 GiB");
  std::unordered_set<std::string_view> entity_ids;
  if (in.entities.size() > 1) entity_ids.reserve(in.entities.size());
  for (std::size_t i = 0; i < in.entities.size(); ++i) {
    const auto& e = in.entities[i];
    check_utf8(e.id, [&] { return fmt::format("/entities/{}/id", i); });
    check_utf8(e.name, [&] { return fmt::format("/entities/{}/name", i); });
    check_utf8(e.type, [&] { return fmt::format("/entities/{}/type", i); });
    for (std::size_t a = 0; a < e.aliases.size(); ++a) check_utf8(e.aliases[a], [&] { return fmt::format("/entities/{}/aliases/{}", i, a); });
    // Quotes and mentions name their entity by id in JSON, so ids must be unique.
    if (e.id.empty()) throw SchemaError(fmt::format("/entities/{}/id", i), "entity id is empty");
    if (!entity_ids.insert(e.id).second) {
      throw SchemaError(fmt::format("/entities/{}/id", i), fmt::format("duplicate entity id \"{}\"", e.id));
    }
  }
  // A quote lies in paragraphs: an article without any has no quotes.
  if (!in.quotes.empty() && in.paragraphs.empty()) {
    throw SchemaError("/quotes/0", "a quote in an article without paragraphs");
  }
  for (std::size_t i = 0; i < in.quotes.size(); ++i) {
    check_utf8(in.quotes[i].cue, [&] { return fmt::format("/quotes/{}/cue", i); });
  }
  detail::check_references(in.quotes, in.mentions, in.entities.size());
  std::string minified_meta;
  if (untrusted) {
    if (!detail::is_json_object(in.meta)) throw SchemaError("/meta", "not a JSON object");
    // Strip white space only: numbers and escapes keep their spelling.
    minified_meta.resize(in.meta.size());
    std::size_t size = 0;
    if (simdjson::minify(in.meta.data(), in.meta.size(), minified_meta.data(), size) != simdjson::SUCCESS) {
      throw SchemaError("/meta", "not a JSON object");
    }
    minified_meta.resize(size);
  }

  const auto mark = s.arena.mark();
  const std::size_t sizes[] = {s.strings.size(),      s.paragraphs.size(),        s.quotes.size(),
                               s.attributions.size(), s.attribution_parts.size(), s.entities.size(),
                               s.mentions.size()};
  try {
    detail::ArticleRecord r;
    r.id = s.arena.copy(in.id);
    r.url = s.arena.copy(in.url);
    r.source = s.arena.copy(in.source);
    r.title = s.arena.copy(in.title);
    r.language = s.arena.copy(in.language);
    r.has_published = in.published.has_value();
    if (in.published) r.published = s.arena.copy(*in.published);
    r.meta = s.arena.copy(untrusted ? std::string_view(minified_meta) : in.meta);
    if (!in.origin.empty()) {
      // Articles of one file share their origin's text.
      const auto& last = s.articles.empty() ? r.origin : s.articles.back().origin;
      r.origin = last.view() == in.origin ? last : s.arena.copy(in.origin);
      r.origin_line = in.origin_line;
    }
    auto add_strings = [&](const std::vector<std::string_view>& list) {
      Range range{checked_count(s.strings.size()), 0};
      for (auto text : list) s.strings.push_back(s.arena.copy(text));
      range.end = checked_count(s.strings.size());
      return range;
    };
    r.authors = add_strings(in.authors);
    r.tags = add_strings(in.tags);

    // The body: paragraphs joined by a blank line. Paragraph offsets in code
    // points come from counting each paragraph as it is copied; the
    // random-access index is only built for articles with spans to map.
    char* body = s.arena.reserve(std::max<std::size_t>(body_size, 1));
    std::size_t pos = 0;
    std::uint32_t chars = 0;
    r.paragraphs.begin = checked_count(s.paragraphs.size());
    for (std::size_t i = 0; i < in.paragraphs.size(); ++i) {
      if (i > 0) {
        body[pos++] = '\n';
        body[pos++] = '\n';
        chars += 2;
      }
      const std::uint32_t start = chars;
      chars += copy_counting_code_points(body + pos, in.paragraphs[i]);
      s.paragraphs.push_back({Span{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + in.paragraphs[i].size())},
                              Span{start, chars}});
      pos += in.paragraphs[i].size();
    }
    r.body = s.arena.commit(pos);
    const std::string_view text = r.body.view();
    r.paragraphs.end = checked_count(s.paragraphs.size());
    r.char_length = chars;
    r.ascii = chars == text.size();
    r.entities.begin = checked_count(s.entities.size());
    for (const auto& e : in.entities) {
      detail::EntityRecord rec{s.arena.copy(e.id), s.arena.copy(e.name), s.arena.copy(e.type), {}};
      rec.aliases = add_strings(e.aliases);
      s.entities.push_back(rec);
    }
    r.entities.end = checked_count(s.entities.size());
    detail::add_quotes_and_mentions(s, r, in.quotes, in.mentions, in.unit);
    checked_count(s.articles.size() + 1);
    s.articles.push_back(r);
  } catch (...) {
    s.arena.rollback(mark);
    s.strings.resize(sizes[0]);
    s.paragraphs.resize(sizes[1]);
    s.quotes.resize(sizes[2]);
    s.attributions.resize(sizes[3]);
    s.attribution_parts.resize(sizes[4]);
    s.entities.resize(sizes[5]);
    s.mentions.resize(sizes[6]);
    throw;
  }
}

void CorpusBuilder::add(const Article& article) {
  ArticleInput in;
  detail::read_input(article, OffsetUnit::bytes, in);
  add_impl(in, false);
}

Corpus detail::Internals::finish_compact(CorpusBuilder& builder) {
  Store& s = *builder.store_;
  s.articles.shrink_to_fit();
  s.strings.shrink_to_fit();
  s.paragraphs.shrink_to_fit();
  s.quotes.shrink_to_fit();
  s.attributions.shrink_to_fit();
  s.attribution_parts.shrink_to_fit();
  s.entities.shrink_to_fit();
  s.mentions.shrink_to_fit();
  return builder.finish();
}

Corpus CorpusBuilder::finish() {
  std::shared_ptr<const detail::Store> store(std::move(store_));
  store_ = std::make_unique<detail::Store>();
  std::vector<Article> articles;
  articles.reserve(store->articles.size());
  for (std::uint32_t i = 0; i < store->articles.size(); ++i) articles.push_back(detail::Internals::article(store, i));
  return Corpus(std::move(articles), std::exchange(errors_, {}));
}

}  // namespace newsdoc
