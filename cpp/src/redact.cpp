// The redaction transform (newsdoc/transform.hpp): the entities of chosen
// types replaced by placeholders in the body, the other fields and meta,
// their mentions and speaker spans remapped through an edit list.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "code_points.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/transform.hpp"
#include "newsdoc/utf8.hpp"
#include "rebuild.hpp"

namespace newsdoc {
namespace {

namespace od = simdjson::ondemand;
using detail::code_point_at;
using detail::code_point_before;
using detail::is_word_char;
using detail::read_input;
using detail::Scratch;

[[noreturn]] void throw_bad_meta() { throw SchemaError("/meta", "not a JSON object"); }

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
    if (!is_valid_utf8(pattern)) throw InvalidArgumentError("placeholder is not valid UTF-8");
    std::string literal;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
        literal += c;
        ++i;
      } else if (c == '{') {
        const std::size_t close = pattern.find('}', i);
        if (close == std::string_view::npos) {
          throw InvalidArgumentError(fmt::format("placeholder \"{}\": '{{' at {} is never closed", pattern, i));
        }
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        if (name != "type" && name != "id") {
          throw InvalidArgumentError(fmt::format(
              "placeholder \"{}\": unknown field {{{}}}; the fields are {{type}} and {{id}}", pattern, name));
        }
        pieces_.push_back({std::exchange(literal, {}), name == "type" ? Field::type : Field::id});
        i = close;
      } else if (c == '}') {
        throw InvalidArgumentError(
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

/// The string values (not the keys) of `value` holding a name, as edits of
/// the meta text starting at `base` that write them with the names replaced
/// (in canonical escapes, their replacements kept in `scratch`).
void find_meta_edits(od::value value, const char* base, const std::vector<Name>& names,
                     const std::vector<std::string>& placeholders, Scratch& scratch, std::vector<Edit>& edits) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) throw_bad_meta();
  if (type == od::json_type::object) {
    od::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) throw_bad_meta();
    for (auto field : object) {
      od::value child;
      if (field.value().get(child) != simdjson::SUCCESS) throw_bad_meta();
      find_meta_edits(child, base, names, placeholders, scratch, edits);
    }
  } else if (type == od::json_type::array) {
    od::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) throw_bad_meta();
    for (auto element : array) {
      od::value child;
      if (element.get(child) != simdjson::SUCCESS) throw_bad_meta();
      find_meta_edits(child, base, names, placeholders, scratch, edits);
    }
  } else if (type == od::json_type::string) {
    const std::string_view raw = value.raw_json_token();
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) throw_bad_meta();
    std::string replaced;
    if (!replace_names(text, names, placeholders, replaced)) return;
    std::string escaped;
    append_json_escaped(escaped, replaced);
    // Inside the quotes; the token may hold the white space after them.
    const auto start = static_cast<std::uint32_t>(raw.data() - base) + 1;
    const auto end = static_cast<std::uint32_t>(raw.data() + raw.rfind('"') - base);
    edits.push_back({start, end, scratch.keep(std::move(escaped))});
  }
}

/// `meta` (a valid JSON object) with names replaced inside its string values,
/// into `out`; false when none occurs. Keys and untouched strings keep their
/// spelling.
bool redact_meta(std::string_view meta, const std::vector<Name>& names, const std::vector<std::string>& placeholders,
                 Scratch& scratch, std::string& out) {
  thread_local od::parser parser;
  const simdjson::padded_string padded(meta);
  od::document doc;
  od::value root;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS || doc.get_value().get(root) != simdjson::SUCCESS) {
    throw_bad_meta();
  }
  std::vector<Edit> edits;
  find_meta_edits(root, padded.data(), names, placeholders, scratch, edits);
  if (edits.empty()) return false;
  out = EditedText(meta, std::move(edits)).text();
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
  if (redact_meta(in.meta, names, placeholders, scratch, replaced)) in.meta = scratch.keep(replaced);
  return true;
}

}  // namespace

Article redact(const Article& article, const RedactOptions& options) {
  const Placeholder placeholder(options.placeholder);
  return detail::rebuild_article(article, [&](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_redacted(a, options, placeholder, in, scratch);
  });
}

Corpus redact(const Corpus& corpus, const RedactOptions& options, unsigned threads) {
  const Placeholder placeholder(options.placeholder);
  return detail::rebuild_corpus(corpus, threads, [&](std::size_t, const Article& a, ArticleInput& in, Scratch& scratch) {
    return rebuild_redacted(a, options, placeholder, in, scratch);
  });
}

}  // namespace newsdoc
