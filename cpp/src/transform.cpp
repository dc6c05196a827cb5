#include "newsdoc/transform.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "annotate/tokens.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/utf8.hpp"
#include "parallel.hpp"
#include "store.hpp"

namespace newsdoc {

namespace {

using detail::next_code_point;

// ---------------------------------------------------------------------------
// Characters

bool is_space(char32_t c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Letters and digits of any script, as the annotator's tokenizer counts them:
// outside ASCII only punctuation, symbol and emoji blocks are excluded.
bool is_word_char(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;
  if (c >= 0x1F000) return false;
  return !is_space(c);
}

/// The code point ending just before byte `offset` of valid UTF-8 `text` (offset > 0).
char32_t code_point_before(std::string_view text, std::size_t offset) noexcept {
  std::size_t i = offset - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return next_code_point(text, i);
}

char32_t code_point_at(std::string_view text, std::size_t offset) noexcept { return next_code_point(text, offset); }

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// ---------------------------------------------------------------------------
// Rebuilding articles

/// Strings made while one article is rebuilt, which its ArticleInput views.
/// A deque never moves its elements, so the views stay valid as it grows.
class Scratch {
 public:
  std::string_view keep(std::string text) { return strings_.emplace_back(std::move(text)); }
  void clear() noexcept { strings_.clear(); }

 private:
  std::deque<std::string> strings_;
};

/// `text`, never with a null data pointer. An empty body is stored as a null
/// view, and the builder memcpy's every paragraph: from null that is
/// undefined behaviour even for 0 bytes (UBSan reports it).
std::string_view non_null(std::string_view text) noexcept {
  return text.data() != nullptr ? text : std::string_view("");
}

/// `article` as builder input viewing its Store, spans in `unit`.
void read_input(const Article& article, OffsetUnit unit, ArticleInput& in) {
  in.clear();
  in.unit = unit;
  in.id = article.id();
  in.url = article.url();
  in.source = article.source();
  in.title = article.title();
  in.language = article.language();
  in.published = article.published();
  in.authors = article.authors();
  in.tags = article.tags();
  in.meta = article.meta_json();
  in.origin = article.origin();
  in.origin_line = article.origin_line();
  const bool bytes = unit == OffsetUnit::bytes;
  for (std::size_t i = 0; i < article.paragraph_count(); ++i)
    in.paragraphs.push_back(non_null(article.paragraph(i).text));
  for (std::size_t i = 0; i < article.entity_count(); ++i) {
    Entity e = article.entity(i);
    in.entities.push_back({e.id, e.name, e.type, std::move(e.aliases)});
  }
  for (std::size_t i = 0; i < article.quote_count(); ++i) {
    const Quote q = article.quote(i);
    in.quotes.push_back({bytes ? q.bytes : q.chars, q.kind, q.speaker, bytes ? q.speaker_bytes : q.speaker_chars,
                         q.cue, bytes ? q.cue_bytes : q.cue_chars, q.attribution, q.parent});
  }
  for (std::size_t i = 0; i < article.mention_count(); ++i) {
    const Mention m = article.mention(i);
    in.mentions.push_back({bytes ? m.bytes : m.chars, m.entity});
  }
}

/// Fills `in` (its strings viewing the article or `scratch`) with the new
/// article, or returns false when the article stays as it is.
template <class Rebuild>
Article transform_article(const Article& article, const Rebuild& rebuild) {
  ArticleInput input;
  Scratch scratch;
  if (!rebuild(std::size_t{0}, article, input, scratch)) return article;
  CorpusBuilder builder;
  builder.add(input);
  const Corpus built = builder.finish();
  return built[0];
}

/// `error` with the article's position and id in its message.
std::exception_ptr in_article(std::exception_ptr error, std::size_t position, const Article& article) {
  const std::string where = fmt::format("article {} (id \"{}\")", position, article.id());
  try {
    std::rethrow_exception(error);
  } catch (const SchemaError& e) {
    return std::make_exception_ptr(SchemaError(fmt::format("/{}{}", position, e.pointer()), where + ": " + e.reason()));
  } catch (const std::out_of_range& e) {
    return std::make_exception_ptr(std::out_of_range(where + ": " + e.what()));
  } catch (const std::invalid_argument& e) {
    return std::make_exception_ptr(std::invalid_argument(where + ": " + e.what()));
  } catch (...) {
    return error;
  }
}

/// Every article of `corpus` through `rebuild` (as in transform_article) on
/// `threads` threads. Unchanged articles keep their handles.
template <class Rebuild>
Corpus transform_corpus(const Corpus& corpus, unsigned threads, const Rebuild& rebuild) {
  const std::size_t n = corpus.size();
  threads = detail::thread_count(threads);
  // Chunks of at least 64 articles, as the annotator's: a thread per handful
  // of articles costs more than it saves.
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(threads, (n + 63) / 64));
  std::vector<Article> articles(corpus.begin(), corpus.end());
  std::vector<std::exception_ptr> failures(chunks);
  auto work = [&](std::size_t c) {
    const std::size_t begin = n * c / chunks, end = n * (c + 1) / chunks;
    std::size_t i = begin;
    try {
      CorpusBuilder builder;
      ArticleInput input;
      Scratch scratch;
      std::vector<std::size_t> rebuilt;
      for (; i < end; ++i) {
        scratch.clear();
        if (!rebuild(i, corpus[i], input, scratch)) continue;
        builder.add(input);
        rebuilt.push_back(i);
      }
      const Corpus part = builder.finish();
      for (std::size_t k = 0; k < rebuilt.size(); ++k) articles[rebuilt[k]] = part[k];
    } catch (...) {
      failures[c] = i < end ? in_article(std::current_exception(), i, corpus[i]) : std::current_exception();
    }
  };
  detail::run_chunks(chunks, work);
  for (const auto& f : failures)
    if (f) std::rethrow_exception(f);
  return Corpus(std::move(articles), corpus.errors());
}

// ---------------------------------------------------------------------------
// The edit list

/// Replace bytes [start, end) of a text by `replacement`.
struct Edit {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string_view replacement;
};

/// A text with an edit list applied, and the map from old offsets to new.
class EditedText {
 public:
  /// `edits` sorted by start, not overlapping, none empty.
  EditedText(std::string_view text, std::vector<Edit> edits) : edits_(std::move(edits)) {
    shift_before_.reserve(edits_.size() + 1);
    shift_before_.push_back(0);
    std::size_t copied = 0;
    for (const Edit& e : edits_) {
      text_.append(text.data() + copied, e.start - copied);
      text_ += e.replacement;
      copied = e.end;
      shift_before_.push_back(shift_before_.back() + static_cast<std::int64_t>(e.replacement.size()) -
                              static_cast<std::int64_t>(e.end - e.start));
    }
    text_.append(text.data() + copied, text.size() - copied);
  }

  const std::string& text() const noexcept { return text_; }

  /// Where a span starting at old `offset` starts: inside an edit, at the
  /// start of its replacement.
  std::uint32_t map_start(std::uint32_t offset) const noexcept {
    // The first edit ending after offset.
    const auto k = static_cast<std::size_t>(std::upper_bound(edits_.begin(), edits_.end(), offset,
                                                             [](std::uint32_t o, const Edit& e) { return o < e.end; }) -
                                            edits_.begin());
    if (k < edits_.size() && edits_[k].start < offset) return shifted(edits_[k].start, k);
    return shifted(offset, k);
  }

  /// Where a span ending at old `offset` ends: inside an edit, at the end of
  /// its replacement.
  std::uint32_t map_end(std::uint32_t offset) const noexcept {
    // The first edit ending at or after offset.
    const auto k = static_cast<std::size_t>(std::lower_bound(edits_.begin(), edits_.end(), offset,
                                                             [](const Edit& e, std::uint32_t o) { return e.end < o; }) -
                                            edits_.begin());
    if (k < edits_.size() && edits_[k].start < offset) return shifted(edits_[k].end, k + 1);
    return shifted(offset, k);
  }

  /// The new place of old span `span`; an empty span stays empty.
  Span map(Span span) const noexcept {
    const std::uint32_t start = map_start(span.start);
    return {start, span.end == span.start ? start : map_end(span.end)};
  }

 private:
  /// `offset` moved by the length change of the first `edits` edits.
  std::uint32_t shifted(std::uint32_t offset, std::size_t edits) const noexcept {
    return static_cast<std::uint32_t>(static_cast<std::int64_t>(offset) + shift_before_[edits]);
  }

  std::vector<Edit> edits_;
  std::vector<std::int64_t> shift_before_;  // [k]: length change of edits [0, k)
  std::string text_;
};

// ---------------------------------------------------------------------------
// Redaction

/// A parsed placeholder: literal pieces and {type} / {id} fields.
class Placeholder {
 public:
  explicit Placeholder(std::string_view pattern) {
    if (!is_valid_utf8(pattern)) throw std::invalid_argument("placeholder is not valid UTF-8");
    std::string literal;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
        literal += c;
        ++i;
      } else if (c == '{') {
        const std::size_t close = pattern.find('}', i);
        if (close == std::string_view::npos) {
          throw std::invalid_argument(fmt::format("placeholder \"{}\": '{{' at {} is never closed", pattern, i));
        }
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        if (name != "type" && name != "id") {
          throw std::invalid_argument(fmt::format(
              "placeholder \"{}\": unknown field {{{}}}; the fields are {{type}} and {{id}}", pattern, name));
        }
        pieces_.push_back({std::exchange(literal, {}), name == "type" ? Field::type : Field::id});
        i = close;
      } else if (c == '}') {
        throw std::invalid_argument(
            fmt::format("placeholder \"{}\": '}}' at {} closes nothing (write '}}}}' for a brace)", pattern, i));
      } else {
        literal += c;
      }
    }
    pieces_.push_back({std::move(literal), Field::none});
  }

  std::string format(std::string_view type, std::string_view id) const {
    std::string out;
    for (const auto& [literal, field] : pieces_) {
      out += literal;
      if (field == Field::type) out += type;
      if (field == Field::id) out += id;
    }
    return out;
  }

 private:
  enum class Field : std::uint8_t { none, type, id };
  std::vector<std::pair<std::string, Field>> pieces_;
};

/// A name or alias of a redacted entity.
struct Name {
  std::string_view text;
  std::uint32_t entity = 0;
};

/// A byte range of a text standing for entity `entity`.
struct Region {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t entity = 0;
};

bool by_start_longest_first(const Region& a, const Region& b) {
  return a.start < b.start || (a.start == b.start && a.end > b.end);
}

/// Appends the whole-word occurrences of `names` in `text` (offsets + `base`).
/// A name's edge that is a letter or digit must not touch another one.
void find_names(std::string_view text, const std::vector<Name>& names, std::uint32_t base, std::vector<Region>& out) {
  for (const Name& name : names) {
    const bool word_first = is_word_char(code_point_at(name.text, 0));
    const bool word_last = is_word_char(code_point_before(name.text, name.text.size()));
    // Valid UTF-8 matches valid UTF-8 only at character boundaries.
    for (auto at = text.find(name.text); at != std::string_view::npos; at = text.find(name.text, at + 1)) {
      const std::size_t end = at + name.text.size();
      if (word_first && at > 0 && is_word_char(code_point_before(text, at))) continue;
      if (word_last && end < text.size() && is_word_char(code_point_at(text, end))) continue;
      out.push_back({static_cast<std::uint32_t>(base + at), static_cast<std::uint32_t>(base + end), name.entity});
    }
  }
}

/// `text` with the whole-word occurrences of `names` replaced by their
/// entity's placeholder, into `out`; false (and `out` untouched) when none occurs.
bool replace_names(std::string_view text, const std::vector<Name>& names, const std::vector<std::string>& placeholders,
                   std::string& out) {
  std::vector<Region> found;
  find_names(text, names, 0, found);
  if (found.empty()) return false;
  std::sort(found.begin(), found.end(), by_start_longest_first);
  out.clear();
  std::size_t copied = 0;
  for (const Region& r : found) {
    if (r.start < copied) continue;  // inside a longer name replaced already
    out.append(text.data() + copied, r.start - copied);
    out += placeholders[r.entity];
    copied = r.end;
  }
  out.append(text.data() + copied, text.size() - copied);
  return true;
}

std::uint32_t hex_value(std::string_view digits) noexcept {
  std::uint32_t value = 0;
  for (const char c : digits) {
    value <<= 4;
    if (c >= '0' && c <= '9')
      value |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      value |= static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      value |= static_cast<std::uint32_t>(c - 'A' + 10);
  }
  return value;
}

/// The inside of a JSON string (valid JSON, quotes excluded) decoded. A lone
/// surrogate escape decodes to U+FFFD.
std::string decode_json_string(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out += raw[i];
      continue;
    }
    const char e = raw[++i];
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        char32_t c = hex_value(raw.substr(i + 1, 4));
        i += 4;
        if (c >= 0xD800 && c <= 0xDBFF && raw.substr(i + 1, 2) == "\\u") {
          const char32_t low = hex_value(raw.substr(i + 3, 4));
          if (low >= 0xDC00 && low <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c);
        break;
      }
      default:
        out += e;  // \" \\ \/
    }
  }
  return out;
}

/// `meta` (a valid JSON object) with names replaced inside its string values,
/// into `out`; false when none occurs. Keys and untouched strings keep their
/// spelling; a changed string is written with the canonical escapes.
bool redact_meta(std::string_view meta, const std::vector<Name>& names, const std::vector<std::string>& placeholders,
                 std::string& out) {
  bool changed = false;
  std::string result, replaced;
  result.reserve(meta.size());
  std::size_t copied = 0;
  for (std::size_t i = 0; i < meta.size(); ++i) {
    if (meta[i] != '"') continue;
    std::size_t close = i + 1;
    while (meta[close] != '"') close += meta[close] == '\\' ? 2 : 1;
    std::size_t next = close + 1;
    while (next < meta.size() && is_space(static_cast<unsigned char>(meta[next]))) ++next;
    const bool is_key = next < meta.size() && meta[next] == ':';
    if (!is_key &&
        replace_names(decode_json_string(meta.substr(i + 1, close - i - 1)), names, placeholders, replaced)) {
      result.append(meta.data() + copied, i + 1 - copied);
      append_json_escaped(result, replaced);
      copied = close;
      changed = true;
    }
    i = close;
  }
  if (!changed) return false;
  result.append(meta.data() + copied, meta.size() - copied);
  out = std::move(result);
  return true;
}

/// The body's edit list: every redacted mention and name occurrence, and
/// every speaker span overlapping one, cut at paragraph breaks and merged.
std::vector<Edit> redaction_edits(const Article& article, const std::vector<bool>& redacted,
                                  const std::vector<Name>& names, const std::vector<std::string>& placeholders) {
  std::vector<Region> named;
  std::vector<Span> others;  // mentions of entities kept
  for (std::size_t i = 0; i < article.mention_count(); ++i) {
    const Mention m = article.mention(i);
    if (m.bytes.end == m.bytes.start) continue;
    if (redacted[m.entity]) {
      named.push_back({m.bytes.start, m.bytes.end, m.entity});
    } else {
      others.push_back(m.bytes);
    }
  }
  // A name found inside another entity's mention is that entity's (the GPE
  // "Washington", "Russian" in "Russian Federation Council"): the annotation
  // wins. Sorted by start with the running maximum end, one binary search
  // tells whether a range overlaps any of them.
  std::sort(others.begin(), others.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  std::vector<std::uint32_t> max_end(others.size());
  for (std::size_t k = 0; k < others.size(); ++k) max_end[k] = std::max(others[k].end, k > 0 ? max_end[k - 1] : 0u);
  const auto inside_other = [&](const Region& r) {
    const auto before = std::lower_bound(others.begin(), others.end(), r.end,
                                         [](const Span& span, std::uint32_t o) { return span.start < o; });
    return before != others.begin() && max_end[static_cast<std::size_t>(before - others.begin()) - 1] > r.start;
  };
  std::vector<Span> paragraphs;
  std::vector<Region> found;
  for (std::size_t i = 0; i < article.paragraph_count(); ++i) {
    const Paragraph p = article.paragraph(i);
    paragraphs.push_back(p.bytes);
    found.clear();
    find_names(p.text, names, p.bytes.start, found);
    for (const Region& r : found)
      if (!inside_other(r)) named.push_back(r);
  }
  std::sort(named.begin(), named.end(), by_start_longest_first);

  std::vector<Region> regions = named;
  for (std::size_t i = 0; i < article.quote_count(); ++i) {
    const Quote q = article.quote(i);
    if (!q.speaker_bytes || q.speaker_bytes->end == q.speaker_bytes->start) continue;
    const Span s = *q.speaker_bytes;
    // The leftmost name overlapping the speaker span gives its placeholder.
    for (const Region& r : named) {
      if (r.start >= s.end) break;
      if (r.end > s.start) {
        regions.push_back({s.start, s.end, r.entity});
        break;
      }
    }
  }

  // Cut at paragraph breaks: no edit may swallow a separator.
  std::vector<Region> pieces;
  for (const Region& r : regions) {
    auto p = std::upper_bound(paragraphs.begin(), paragraphs.end(), r.start,
                              [](std::uint32_t o, const Span& span) { return o < span.end; });
    for (; p != paragraphs.end() && p->start < r.end; ++p) {
      const std::uint32_t start = std::max(r.start, p->start), end = std::min(r.end, p->end);
      if (start < end) pieces.push_back({start, end, r.entity});
    }
  }
  std::sort(pieces.begin(), pieces.end(), by_start_longest_first);

  std::vector<Edit> edits;
  std::vector<std::uint32_t> entities;
  for (const Region& r : pieces) {
    if (!edits.empty() && r.start < edits.back().end) {
      edits.back().end = std::max(edits.back().end, r.end);
    } else {
      edits.push_back({r.start, r.end, {}});
      entities.push_back(r.entity);
    }
  }
  for (std::size_t k = 0; k < edits.size(); ++k) edits[k].replacement = placeholders[entities[k]];
  return edits;
}

bool rebuild_redacted(const Article& article, const RedactOptions& options, const Placeholder& placeholder,
                      ArticleInput& in, Scratch& scratch) {
  const std::size_t entity_count = article.entity_count();
  std::vector<bool> redacted(entity_count, false);
  std::vector<std::string> placeholders(entity_count);
  std::vector<Name> names;
  bool any = false;
  for (std::size_t i = 0; i < entity_count; ++i) {
    const Entity e = article.entity(i);
    if (std::find(options.types.begin(), options.types.end(), e.type) == options.types.end()) continue;
    redacted[i] = true;
    any = true;
    placeholders[i] = placeholder.format(e.type, e.id);
    const auto index = static_cast<std::uint32_t>(i);
    if (!e.name.empty()) names.push_back({e.name, index});
    for (const auto alias : e.aliases)
      if (!alias.empty()) names.push_back({alias, index});
  }
  if (!any) return false;
  // Longest first, so "Zoë Müller" is one occurrence rather than "Müller" inside it.
  std::stable_sort(names.begin(), names.end(),
                   [](const Name& a, const Name& b) { return a.text.size() > b.text.size(); });

  read_input(article, OffsetUnit::bytes, in);
  const EditedText body(article.text(), redaction_edits(article, redacted, names, placeholders));
  const std::string_view text = scratch.keep(body.text());
  for (std::size_t i = 0; i < in.paragraphs.size(); ++i) {
    const Span span = body.map(article.paragraph(i).bytes);
    in.paragraphs[i] = text.substr(span.start, span.end - span.start);
  }
  for (auto& q : in.quotes) {
    q.span = body.map(q.span);
    if (q.speaker_span) q.speaker_span = body.map(*q.speaker_span);
    if (q.cue_span) q.cue_span = body.map(*q.cue_span);
  }
  for (auto& m : in.mentions) m.span = body.map(m.span);
  for (std::size_t i = 0; i < entity_count; ++i) {
    if (!redacted[i]) continue;
    in.entities[i].name = scratch.keep(placeholders[i]);
    in.entities[i].aliases.clear();
  }

  std::string replaced;
  const auto redact_string = [&](std::string_view& field) {
    if (replace_names(field, names, placeholders, replaced)) field = scratch.keep(replaced);
  };
  redact_string(in.title);
  for (auto& author : in.authors) redact_string(author);
  in.tags.erase(std::remove_if(in.tags.begin(), in.tags.end(),
                               [&](std::string_view tag) {
                                 return std::any_of(names.begin(), names.end(),
                                                    [tag](const Name& n) { return n.text == tag; });
                               }),
                in.tags.end());
  for (auto& tag : in.tags) redact_string(tag);
  if (redact_meta(in.meta, names, placeholders, replaced)) in.meta = scratch.keep(replaced);
  return true;
}

// ---------------------------------------------------------------------------
// Quotation marks

bool is_double_mark(char32_t c) noexcept {
  return c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB;
}

bool is_single_mark(char32_t c) noexcept {
  return c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2039 || c == 0x203A;
}

/// True when a quotation mark after `c` opens a quotation.
bool opens_after(char32_t c) noexcept {
  return is_space(c) || c == '(' || c == '[' || c == '{' || c == '<' || c == 0x201C || c == 0x2018 || c == 0xAB ||
         c == 0x2039 || c == 0x201E || c == 0x201A || c == 0x2013 || c == 0x2014;
}

bool rebuild_normalized(const Article& article, QuoteStyle style, ArticleInput& in, Scratch& scratch) {
  read_input(article, OffsetUnit::chars, in);
  bool changed = false;
  const auto normalize = [&](std::string_view& field) {
    std::string text = normalize_quotes(field, style);
    if (text == field) return;
    field = scratch.keep(std::move(text));
    changed = true;
  };
  for (auto& p : in.paragraphs) normalize(p);
  normalize(in.title);
  for (auto& author : in.authors) normalize(author);
  for (auto& tag : in.tags) normalize(tag);
  for (auto& e : in.entities) {
    normalize(e.name);
    for (auto& alias : e.aliases) normalize(alias);
  }
  for (auto& q : in.quotes) normalize(q.cue);
  return changed;
}

// ---------------------------------------------------------------------------
// Paragraph selection

/// A run of consecutive kept paragraphs: old bytes [start, end), new start.
struct Run {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t new_start = 0;
};

/// The new place of `span`, or nullopt when it leaves the kept runs.
std::optional<Span> map_into_runs(const std::vector<Run>& runs, Span span) {
  auto run =
      std::upper_bound(runs.begin(), runs.end(), span.start, [](std::uint32_t o, const Run& r) { return o < r.start; });
  if (run == runs.begin()) return std::nullopt;
  --run;
  if (span.end > run->end) return std::nullopt;
  return Span{span.start - run->start + run->new_start, span.end - run->start + run->new_start};
}

bool rebuild_selected(const Article& article, const std::vector<std::uint32_t>& kept, ArticleInput& in) {
  const std::size_t count = article.paragraph_count();
  if (kept.size() == count) return false;  // `kept` is ascending and unique
  read_input(article, OffsetUnit::bytes, in);
  in.paragraphs.clear();
  std::vector<Run> runs;
  std::uint32_t position = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Paragraph p = article.paragraph(kept[k]);
    if (k > 0) position += 2;  // "\n\n"
    if (k > 0 && kept[k] == kept[k - 1] + 1) {
      runs.back().end = p.bytes.end;
    } else {
      runs.push_back({p.bytes.start, p.bytes.end, position});
    }
    position += p.bytes.end - p.bytes.start;
    in.paragraphs.push_back(non_null(p.text));
  }

  const std::size_t entity_count = in.entities.size();
  std::vector<bool> used_before(entity_count, false), used_after(entity_count, false);
  std::vector<QuoteInput> quotes;
  // A quote keeps its attribution number; a fragment whose enclosing quote
  // is dropped becomes a top-level part.
  std::vector<std::int32_t> new_quote(in.quotes.size(), no_quote);
  for (std::size_t i = 0; i < in.quotes.size(); ++i) {
    const auto& q = in.quotes[i];
    if (q.speaker != no_entity) used_before[static_cast<std::size_t>(q.speaker)] = true;
    const auto span = map_into_runs(runs, q.span);
    if (!span) continue;
    QuoteInput kept_quote = q;
    kept_quote.span = *span;
    if (q.speaker_span) kept_quote.speaker_span = map_into_runs(runs, *q.speaker_span);
    if (q.cue_span) kept_quote.cue_span = map_into_runs(runs, *q.cue_span);
    if (q.speaker != no_entity) used_after[static_cast<std::size_t>(q.speaker)] = true;
    new_quote[i] = static_cast<std::int32_t>(quotes.size());
    quotes.push_back(kept_quote);
  }
  for (auto& q : quotes)
    if (q.parent != no_quote) q.parent = new_quote[static_cast<std::size_t>(q.parent)];
  std::vector<MentionInput> mentions;
  for (const auto& m : in.mentions) {
    used_before[m.entity] = true;
    if (const auto span = map_into_runs(runs, m.span)) {
      used_after[m.entity] = true;
      mentions.push_back({*span, m.entity});
    }
  }

  std::vector<std::int32_t> new_index(entity_count, no_entity);
  std::vector<EntityInput> entities;
  for (std::size_t i = 0; i < entity_count; ++i) {
    if (used_before[i] && !used_after[i]) continue;
    new_index[i] = static_cast<std::int32_t>(entities.size());
    entities.push_back(std::move(in.entities[i]));
  }
  for (auto& q : quotes)
    if (q.speaker != no_entity) q.speaker = new_index[static_cast<std::size_t>(q.speaker)];
  for (auto& m : mentions) m.entity = static_cast<std::uint32_t>(new_index[m.entity]);
  in.entities = std::move(entities);
  in.quotes = std::move(quotes);
  in.mentions = std::move(mentions);
  return true;
}

/// `positions` sorted, each once, checked against `count`.
std::vector<std::uint32_t> checked_positions(std::vector<std::uint32_t> positions, std::size_t count) {
  for (const auto p : positions) {
    if (p >= count) throw std::out_of_range(fmt::format("paragraph index {} out of range for {} paragraphs", p, count));
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

// ---------------------------------------------------------------------------
// Entities

std::string ids_of(const Article& article, const std::vector<std::uint32_t>& entities) {
  std::string out;
  for (const auto e : entities) {
    if (!out.empty()) out += ", ";
    out += article.entity(e).id;
  }
  return out;
}

std::uint32_t require_entity(const Article& article, std::string_view key) {
  if (const auto found = find_entity(article, key)) return *found;
  throw EntityNotFound(
      std::string(key),
      fmt::format("no entity \"{}\" in article \"{}\" (looked up by id, name and alias)", key, article.id()));
}

void rebuild_renamed(const Article& article, std::uint32_t entity, std::string_view new_name, ArticleInput& in) {
  read_input(article, OffsetUnit::bytes, in);
  EntityInput& e = in.entities[entity];
  e.name = new_name;
  e.aliases.erase(std::remove(e.aliases.begin(), e.aliases.end(), new_name), e.aliases.end());
}

void rebuild_merged(const Article& article, std::uint32_t kept, std::uint32_t absorbed, ArticleInput& in) {
  if (kept == absorbed) {
    throw std::invalid_argument(fmt::format("both names are entity \"{}\" of article \"{}\": nothing to merge",
                                            article.entity(kept).id, article.id()));
  }
  read_input(article, OffsetUnit::bytes, in);
  const EntityInput& gone = in.entities[absorbed];
  EntityInput& target = in.entities[kept];
  std::vector<std::string_view> candidates = target.aliases;
  candidates.push_back(gone.name);
  candidates.insert(candidates.end(), gone.aliases.begin(), gone.aliases.end());
  std::vector<std::string_view> aliases;
  for (const auto alias : candidates) {
    if (alias.empty() || alias == target.name || std::find(aliases.begin(), aliases.end(), alias) != aliases.end())
      continue;
    aliases.push_back(alias);
  }
  target.aliases = std::move(aliases);

  const auto renumber = [&](std::uint32_t e) {
    if (e == absorbed) e = kept;
    return e > absorbed ? e - 1 : e;
  };
  for (auto& q : in.quotes)
    if (q.speaker != no_entity) q.speaker = static_cast<std::int32_t>(renumber(static_cast<std::uint32_t>(q.speaker)));
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  std::vector<MentionInput> mentions;
  for (const auto& m : in.mentions) {
    const std::uint32_t e = renumber(m.entity);
    if (seen.insert({m.span.start, m.span.end, e}).second) mentions.push_back({m.span, e});
  }
  in.mentions = std::move(mentions);
  in.entities.erase(in.entities.begin() + absorbed);
}

void check_new_name(std::string_view new_name) {
  if (new_name.empty()) throw std::invalid_argument("the new entity name is empty");
  if (!is_valid_utf8(new_name)) throw std::invalid_argument("the new entity name is not valid UTF-8");
}

// ---------------------------------------------------------------------------
// Annotations from elsewhere

/// Throws SchemaError at `pointer` unless `span` is a span of a text of `length` code points.
void check_span(Span span, std::uint32_t length, const std::string& pointer) {
  if (span.start > span.end) {
    throw SchemaError(pointer, fmt::format("span ends ({}) before it starts ({})", span.end, span.start));
  }
  if (span.end > length) {
    throw SchemaError(pointer,
                      fmt::format("span [{}, {}) lies outside the text ({} characters)", span.start, span.end, length));
  }
}

void rebuild_with_entities(const Article& article, const std::vector<EntitySpan>& spans, bool replace, ArticleInput& in,
                           Scratch& scratch) {
  const std::uint32_t length = article.char_length();
  for (std::size_t i = 0; i < spans.size(); ++i) check_span(spans[i].chars, length, fmt::format("/{}", i));
  const std::string_view body = article.text();
  const Utf8Index index(body);
  const auto text_of = [&](Span chars) {
    const std::size_t start = *index.to_bytes(chars.start);
    return body.substr(start, *index.to_bytes(chars.end) - start);
  };

  read_input(article, OffsetUnit::chars, in);
  if (replace) {
    in.entities.clear();
    in.mentions.clear();
  }
  // Ids given anywhere in `spans` are reserved before any id is made up.
  std::unordered_set<std::string_view> taken;
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  for (std::uint32_t e = 0; e < in.entities.size(); ++e) {
    by_id.emplace(in.entities[e].id, e);
    taken.insert(in.entities[e].id);
  }
  for (const auto& s : spans)
    if (!s.id.empty()) taken.insert(s.id);
  // (label, name): old entities by name and alias, new ones by their key.
  std::map<std::pair<std::string_view, std::string_view>, std::uint32_t> old_names, new_keys;
  for (std::uint32_t e = 0; e < in.entities.size(); ++e) {
    old_names.emplace(std::pair{in.entities[e].type, in.entities[e].name}, e);
    for (const auto alias : in.entities[e].aliases) old_names.emplace(std::pair{in.entities[e].type, alias}, e);
  }
  std::uint32_t next_id = 1;
  const auto make_id = [&]() -> std::string_view {
    std::string id = fmt::format("e{}", next_id++);
    while (taken.count(id) != 0) id = fmt::format("e{}", next_id++);
    const std::string_view kept = scratch.keep(std::move(id));
    taken.insert(kept);
    return kept;
  };

  std::vector<std::size_t> order(spans.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Span x = spans[a].chars, y = spans[b].chars;
    return x.start < y.start || (x.start == y.start && x.end < y.end);
  });
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
  for (const auto& m : in.mentions) seen.insert({m.span.start, m.span.end, m.entity});
  for (const std::size_t i : order) {
    const EntitySpan& s = spans[i];
    const std::string_view text = text_of(s.chars);
    std::uint32_t e = 0;
    if (!s.id.empty()) {
      const auto found = by_id.find(s.id);
      if (found != by_id.end()) {
        e = found->second;
        if (!s.label.empty() && in.entities[e].type != s.label) {
          throw SchemaError(fmt::format("/{}", i), fmt::format("entity \"{}\" has type \"{}\", not \"{}\"", s.id,
                                                               in.entities[e].type, s.label));
        }
      } else {
        e = static_cast<std::uint32_t>(in.entities.size());
        in.entities.push_back({s.id, s.name.empty() ? text : std::string_view(s.name), s.label, {}});
        by_id.emplace(s.id, e);
      }
    } else {
      const std::pair<std::string_view, std::string_view> key{s.label,
                                                              s.name.empty() ? text : std::string_view(s.name)};
      if (const auto old = old_names.find(key); old != old_names.end()) {
        e = old->second;
      } else if (const auto made = new_keys.find(key); made != new_keys.end()) {
        e = made->second;
      } else {
        e = static_cast<std::uint32_t>(in.entities.size());
        const std::string_view id = make_id();
        in.entities.push_back({id, key.second, s.label, {}});
        by_id.emplace(id, e);
        new_keys.emplace(key, e);
      }
    }
    EntityInput& entity = in.entities[e];
    if (!text.empty() && text != entity.name &&
        std::find(entity.aliases.begin(), entity.aliases.end(), text) == entity.aliases.end()) {
      entity.aliases.push_back(text);
    }
    if (seen.insert({s.chars.start, s.chars.end, e}).second) in.mentions.push_back({s.chars, e});
  }

  if (!replace) return;
  // The old speakers: by a new mention at the speaker span, else by name.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> at_span;
  for (const auto& m : in.mentions) at_span.emplace(std::pair{m.span.start, m.span.end}, m.entity);
  for (auto& q : in.quotes) {
    if (q.speaker == no_entity) continue;
    const std::string_view old_name = article.entity(static_cast<std::size_t>(q.speaker)).name;
    q.speaker = no_entity;
    if (q.speaker_span) {
      if (const auto found = at_span.find({q.speaker_span->start, q.speaker_span->end}); found != at_span.end()) {
        q.speaker = static_cast<std::int32_t>(found->second);
        continue;
      }
    }
    for (std::size_t e = 0; e < in.entities.size() && q.speaker == no_entity; ++e) {
      const auto& aliases = in.entities[e].aliases;
      if (in.entities[e].name == old_name || std::find(aliases.begin(), aliases.end(), old_name) != aliases.end()) {
        q.speaker = static_cast<std::int32_t>(e);
      }
    }
  }
}

void rebuild_with_quotes(const Article& article, const std::vector<QuoteSpan>& quotes, bool replace, ArticleInput& in) {
  const std::uint32_t length = article.char_length();
  read_input(article, OffsetUnit::chars, in);
  std::unordered_map<std::string_view, std::int32_t> by_id;
  for (std::size_t e = 0; e < in.entities.size(); ++e) by_id.emplace(in.entities[e].id, static_cast<std::int32_t>(e));
  if (replace) in.quotes.clear();
  // Given attribution numbers are placed after the article's own.
  const auto first = static_cast<std::int32_t>(in.quotes.size());
  const auto attributions = static_cast<std::uint32_t>(replace ? 0 : article.attribution_count());
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    const QuoteSpan& q = quotes[i];
    check_span(q.chars, length, fmt::format("/{}", i));
    if (q.speaker_chars) check_span(*q.speaker_chars, length, fmt::format("/{}/speaker_span", i));
    if (q.cue_chars) check_span(*q.cue_chars, length, fmt::format("/{}/cue_span", i));
    if (q.parent != no_quote && (q.parent < 0 || static_cast<std::size_t>(q.parent) >= quotes.size())) {
      throw SchemaError(fmt::format("/{}/parent", i), fmt::format("no quote {}", q.parent));
    }
    std::int32_t speaker = no_entity;
    if (!q.speaker.empty()) {
      const auto found = by_id.find(q.speaker);
      if (found == by_id.end()) {
        throw SchemaError(fmt::format("/{}/speaker", i),
                          fmt::format("no entity with id \"{}\" in the article", q.speaker));
      }
      speaker = found->second;
    }
    std::optional<std::uint32_t> attribution;
    if (q.attribution) attribution = attributions + *q.attribution;
    in.quotes.push_back({q.chars, q.kind, speaker, q.speaker_chars, q.cue, q.cue_chars, attribution,
                         q.parent == no_quote ? no_quote : first + q.parent});
  }
}

template <class Items>
void check_sizes(const Corpus& corpus, const std::vector<Items>& per_article, const char* what) {
  if (per_article.size() != corpus.size()) {
    throw std::invalid_argument(
        fmt::format("{} given for {} articles, but the corpus has {}", what, per_article.size(), corpus.size()));
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Public functions

Article redact(const Article& article, const RedactOptions& options) {
  const Placeholder placeholder(options.placeholder);
  return transform_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_redacted(a, options, placeholder, in, scratch);
  });
}

Corpus redact(const Corpus& corpus, const RedactOptions& options, unsigned threads) {
  const Placeholder placeholder(options.placeholder);
  return transform_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_redacted(a, options, placeholder, in, scratch);
  });
}

std::optional<QuoteStyle> quote_style_from_string(std::string_view name) noexcept {
  if (name == "straight") return QuoteStyle::straight;
  if (name == "curly") return QuoteStyle::curly;
  return std::nullopt;
}

std::string normalize_quotes(std::string_view text, QuoteStyle style) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool at_start = true;
  char32_t previous = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t begin = i;
    const char32_t c = next_code_point(text, i);
    char32_t written = c;
    if (style == QuoteStyle::straight) {
      if (is_double_mark(c)) written = '"';
      if (is_single_mark(c)) written = '\'';
    } else if (c == '"') {
      written = at_start || opens_after(previous) ? 0x201C : 0x201D;
    } else if (c == '\'') {
      const bool inside_word =
          !at_start && is_word_char(previous) && i < text.size() && is_word_char(code_point_at(text, i));
      written = !inside_word && (at_start || opens_after(previous)) ? 0x2018 : 0x2019;
    }
    if (written == c) {
      out.append(text.data() + begin, i - begin);
    } else {
      append_utf8(out, written);
    }
    previous = written;
    at_start = false;
  }
  return out;
}

Article normalize_quotes(const Article& article, QuoteStyle style) {
  return transform_article(article, [style](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_normalized(a, style, in, scratch);
  });
}

Corpus normalize_quotes(const Corpus& corpus, QuoteStyle style, unsigned threads) {
  return transform_corpus(corpus, threads, [style](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_normalized(a, style, in, scratch);
  });
}

ParagraphSelection ParagraphSelection::at(std::vector<std::int64_t> positions) {
  ParagraphSelection selection;
  selection.positions_ = std::move(positions);
  return selection;
}

ParagraphSelection ParagraphSelection::slice(std::optional<std::int64_t> start, std::optional<std::int64_t> stop,
                                             std::int64_t step) {
  if (step == 0) throw std::invalid_argument("slice step cannot be zero");
  ParagraphSelection selection;
  selection.is_slice_ = true;
  selection.start_ = start;
  selection.stop_ = stop;
  selection.step_ = step;
  return selection;
}

std::vector<std::uint32_t> ParagraphSelection::resolve(std::size_t count) const {
  const auto n = static_cast<std::int64_t>(count);
  std::vector<std::uint32_t> out;
  if (!is_slice_) {
    for (const auto p : positions_) {
      const std::int64_t q = p < 0 ? p + n : p;
      if (q < 0 || q >= n) {
        throw std::out_of_range(fmt::format("paragraph index {} out of range for {} paragraphs", p, count));
      }
      out.push_back(static_cast<std::uint32_t>(q));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  // Python's slice.indices(), for bounds and steps of any size.
  const bool backwards = step_ < 0;
  const auto bound = [&](std::optional<std::int64_t> value, std::int64_t unset) {
    if (!value) return unset;
    std::int64_t v = *value;
    if (v < 0) {
      v = v < -n ? (backwards ? -1 : 0) : v + n;
    } else if (v >= n) {
      v = backwards ? n - 1 : n;
    }
    return v;
  };
  const std::int64_t start = bound(start_, backwards ? n - 1 : 0);
  const std::int64_t stop = bound(stop_, backwards ? -1 : n);
  // Counted rather than stepped, so a huge step cannot overflow.
  const std::uint64_t stride = backwards ? 0 - static_cast<std::uint64_t>(step_) : static_cast<std::uint64_t>(step_);
  const std::int64_t distance = backwards ? start - stop : stop - start;
  if (distance > 0) {
    const std::uint64_t items = (static_cast<std::uint64_t>(distance) - 1) / stride + 1;
    for (std::uint64_t k = 0; k < items; ++k) {
      const std::uint64_t offset = k * stride;  // < distance
      out.push_back(static_cast<std::uint32_t>(backwards ? start - static_cast<std::int64_t>(offset)
                                                         : start + static_cast<std::int64_t>(offset)));
    }
  }
  if (backwards) std::reverse(out.begin(), out.end());
  return out;
}

Article select_paragraphs(const Article& article, const ParagraphSelection& selection) {
  const auto kept = selection.resolve(article.paragraph_count());
  return transform_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    return rebuild_selected(a, kept, in);
  });
}

Corpus select_paragraphs(const Corpus& corpus, const ParagraphSelection& selection, unsigned threads) {
  return transform_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    return rebuild_selected(a, selection.resolve(a.paragraph_count()), in);
  });
}

Corpus select_paragraphs(const Corpus& corpus, const std::vector<std::vector<std::uint32_t>>& kept, unsigned threads) {
  check_sizes(corpus, kept, "paragraph selections");
  return transform_corpus(corpus, threads, [&](std::size_t i, const Article& a, ArticleInput& in, Scratch&) {
    return rebuild_selected(a, checked_positions(kept[i], a.paragraph_count()), in);
  });
}

std::optional<std::uint32_t> find_entity(const Article& article, std::string_view key) {
  const std::size_t count = article.entity_count();
  std::vector<Entity> entities;
  entities.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    entities.push_back(article.entity(i));
    if (entities.back().id == key) return static_cast<std::uint32_t>(i);
  }
  const auto unique = [&](const auto& matches, const char* what) -> std::optional<std::uint32_t> {
    std::vector<std::uint32_t> found;
    for (std::uint32_t i = 0; i < count; ++i)
      if (matches(entities[i])) found.push_back(i);
    if (found.size() > 1) {
      throw std::invalid_argument(
          fmt::format("\"{}\" is {} of several entities of article \"{}\" ({}): name one by its id", key, what,
                      article.id(), ids_of(article, found)));
    }
    if (found.empty()) return std::nullopt;
    return found[0];
  };
  if (auto by_name = unique([&](const Entity& e) { return e.name == key; }, "the name")) return by_name;
  return unique([&](const Entity& e) { return std::find(e.aliases.begin(), e.aliases.end(), key) != e.aliases.end(); },
                "an alias");
}

Article rename_entity(const Article& article, std::string_view key, std::string_view new_name) {
  check_new_name(new_name);
  const std::uint32_t entity = require_entity(article, key);
  return transform_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_renamed(a, entity, new_name, in);
    return true;
  });
}

Corpus rename_entity(const Corpus& corpus, std::string_view key, std::string_view new_name, unsigned threads) {
  check_new_name(new_name);
  std::atomic<bool> found{false};
  Corpus out = transform_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    const auto entity = find_entity(a, key);
    if (!entity) return false;
    found = true;
    rebuild_renamed(a, *entity, new_name, in);
    return true;
  });
  if (!found) {
    throw EntityNotFound(std::string(key), fmt::format("no entity \"{}\" in any of the {} articles (looked up by id, "
                                                       "name and alias)",
                                                       key, corpus.size()));
  }
  return out;
}

Article merge_entities(const Article& article, std::string_view kept, std::string_view absorbed) {
  const std::uint32_t target = require_entity(article, kept);
  const std::uint32_t gone = require_entity(article, absorbed);
  return transform_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_merged(a, target, gone, in);
    return true;
  });
}

Corpus merge_entities(const Corpus& corpus, std::string_view kept, std::string_view absorbed, unsigned threads) {
  std::atomic<bool> found{false};
  Corpus out = transform_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    const auto target = find_entity(a, kept);
    const auto gone = find_entity(a, absorbed);
    if (!target || !gone) return false;
    found = true;
    rebuild_merged(a, *target, *gone, in);
    return true;
  });
  if (!found) {
    throw EntityNotFound(std::string(absorbed),
                         fmt::format("no article of the {} holds both \"{}\" and \"{}\" (looked up by id, name and "
                                     "alias)",
                                     corpus.size(), kept, absorbed));
  }
  return out;
}

Article with_entities(const Article& article, const std::vector<EntitySpan>& spans, bool replace) {
  return transform_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    rebuild_with_entities(a, spans, replace, in, scratch);
    return true;
  });
}

Corpus with_entities(const Corpus& corpus, const std::vector<std::vector<EntitySpan>>& spans, bool replace,
                     unsigned threads) {
  check_sizes(corpus, spans, "entity lists");
  return transform_corpus(corpus, threads, [&](std::size_t i, const Article& a, ArticleInput& in, Scratch& scratch) {
    rebuild_with_entities(a, spans[i], replace, in, scratch);
    return true;
  });
}

Article with_quotes(const Article& article, const std::vector<QuoteSpan>& quotes, bool replace) {
  return transform_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_with_quotes(a, quotes, replace, in);
    return true;
  });
}

Corpus with_quotes(const Corpus& corpus, const std::vector<std::vector<QuoteSpan>>& quotes, bool replace,
                   unsigned threads) {
  check_sizes(corpus, quotes, "quote lists");
  return transform_corpus(corpus, threads, [&](std::size_t i, const Article& a, ArticleInput& in, Scratch&) {
    rebuild_with_quotes(a, quotes[i], replace, in);
    return true;
  });
}

}  // namespace newsdoc
