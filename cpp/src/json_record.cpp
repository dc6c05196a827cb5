// The record reader: one JSON article object into an ArticleInput, fields
// found by the mapping's keys, the rest kept in meta (docs/schema.md).
#include "json_record.hpp"

#include <fmt/format.h>

#include <array>
#include <deque>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdoc/error.hpp"
#include "newsdoc/utf8.hpp"
#include "store.hpp"

namespace newsdoc::detail {
namespace {

std::string_view trim_json_space(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

/// Whether `token` is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
/// Checked by its grammar, not converted: 1e400 and a 400-digit integer are
/// valid JSON that no double or int64 holds, and meta keeps their spelling.
bool is_json_number(std::string_view token) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    return i > from;
  };
  const auto next_is = [&](char c) { return i < token.size() && token[i] == c; };
  if (next_is('-')) ++i;
  if (next_is('0')) {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (next_is('.')) {
    ++i;
    if (!digits()) return false;
  }
  if (next_is('e') || next_is('E')) {
    ++i;
    if (next_is('+') || next_is('-')) ++i;
    if (!digits()) return false;
  }
  return i == token.size();
}

/// simdjson's own limit; On-Demand leaves enforcing it to the caller.
constexpr int max_depth = 1024;

/// Maps input keys to article fields, best candidate first.
class KeyTable {
 public:
  struct Role {
    Field field;
    int priority;  // lower is better
  };

  explicit KeyTable(const FieldMapping& mapping) {
    for (std::size_t f = 0; f < field_count; ++f) {
      const auto& names = mapping.keys[f];
      for (std::size_t i = 0; i < names.size(); ++i) {
        add(names[i], Role{static_cast<Field>(f), static_cast<int>(2 * i + 1)});
        if (mapping.prefer_original && static_cast<Field>(f) != Field::meta) {
          add(names[i] + "_original", Role{static_cast<Field>(f), static_cast<int>(2 * i)});
        }
      }
    }
  }

  const Role* find(std::string_view key) const {
    const auto it = roles_.find(key);
    return it == roles_.end() ? nullptr : &it->second;
  }

 private:
  void add(std::string name, Role role) {
    names_.push_back(std::move(name));
    roles_.emplace(names_.back(), role);  // the first mapping of a key wins
  }
  std::deque<std::string> names_;  // stable storage for the map's keys
  std::unordered_map<std::string_view, Role> roles_;
};

}  // namespace

std::string describe(simdjson::error_code code) {
  switch (code) {
    case simdjson::TAPE_ERROR: return "malformed JSON: misplaced or missing structural character";
    case simdjson::DEPTH_ERROR: return "JSON nested too deeply (over 1024 levels)";
    case simdjson::STRING_ERROR: return "malformed string (bad escape or lone surrogate)";
    case simdjson::T_ATOM_ERROR: return "malformed literal: expected 'true'";
    case simdjson::F_ATOM_ERROR: return "malformed literal: expected 'false'";
    case simdjson::N_ATOM_ERROR: return "malformed literal: expected 'null'";
    case simdjson::NUMBER_ERROR: return "malformed number";
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::EMPTY: return "no JSON value";
    case simdjson::UNESCAPED_CHARS: return "control character inside a string must be escaped";
    case simdjson::UNCLOSED_STRING: return "string is not closed";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "truncated: array or object not closed";
    case simdjson::TRAILING_CONTENT: return "unexpected content after the JSON value";
    case simdjson::INCORRECT_TYPE: return "malformed JSON: unexpected value";
    case simdjson::CAPACITY: return "document too large";
    case simdjson::MEMALLOC: return "out of memory";
    default: return simdjson::error_message(code);
  }
}

std::string_view checked_number(std::string_view raw, const char* at) {
  const std::string_view token = trim_json_space(raw);
  if (!is_json_number(token)) throw JsonFailure{simdjson::NUMBER_ERROR, at};
  return token;
}

std::string_view type_name(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "a value";
}

/// Writes `value` minified to `out` (if not null), validating all of it.
/// Recursion stops at max_depth, so hostile nesting cannot exhaust the stack.
void walk(od::value value, std::string* out, int depth) {
  const char* at = take(value.raw_json_token()).data();
  if (depth > max_depth) throw JsonFailure{simdjson::DEPTH_ERROR, at};
  switch (take(value.type(), at)) {
    case od::json_type::object: {
      if (out) *out += '{';
      bool first = true;
      for (auto field_result : take(value.get_object(), at)) {
        od::field field = take(std::move(field_result), at);
        const std::string_view key = take(field.unescaped_key(), at);
        if (out) {
          if (!first) *out += ',';
          *out += '"';
          append_json_escaped(*out, key);
          *out += "\":";
        }
        first = false;
        walk(take(field.value(), at), out, depth + 1);
      }
      if (out) *out += '}';
      break;
    }
    case od::json_type::array: {
      if (out) *out += '[';
      bool first = true;
      for (auto element : take(value.get_array(), at)) {
        if (out && !first) *out += ',';
        first = false;
        walk(take(std::move(element), at), out, depth + 1);
      }
      if (out) *out += ']';
      break;
    }
    case od::json_type::string: {
      const std::string_view raw = trim_json_space(take(value.raw_json_token(), at));
      take(value.get_string(), at);
      if (out) *out += raw;
      break;
    }
    case od::json_type::number: {
      // Not consumed: the parent's iteration steps over it.
      const std::string_view number = checked_number(take(value.raw_json_token(), at), at);
      if (out) *out += number;
      break;
    }
    case od::json_type::boolean: {
      take(value.get_bool(), at);
      if (out) *out += trim_json_space(take(value.raw_json_token(), at));
      break;
    }
    case od::json_type::null:
      if (!take(value.is_null(), at)) throw JsonFailure{simdjson::N_ATOM_ERROR, at};
      if (out) *out += "null";
      break;
  }
}

/// The state of a RecordReader, reused from record to record.
class RecordReader::Fields {
 public:
  explicit Fields(const FieldMapping& mapping) : keys_(mapping) {}

  /// Throws JsonFailure for malformed JSON, SchemaError for a bad field.
  ArticleInput& read(od::object object, const char* at) {
    reset();
    // First the keys alone, to know which key feeds each field: only that
    // one is parsed, so a losing key of any type goes to meta whatever the
    // key order. Skipping values here is cheap, and a line cut short is a
    // structural error found before any field is judged.
    for (auto field_result : object) {
      od::field field = take(std::move(field_result), at);
      const std::string_view name = take(field.unescaped_key(), at);
      Key key{name, keys_.find(name), false};
      if (key.role) {
        od::value value = take(field.value(), at);
        // A null field of the article says "unknown", as leaving it out does.
        key.null = take(value.type(), take(value.raw_json_token(), at).data()) == od::json_type::null;
        Winner& winner = winners_[static_cast<std::size_t>(key.role->field)];
        if (!key.null && key.role->priority < winner.priority) winner = Winner{key.role->priority, keys_seen_.size()};
      }
      keys_seen_.push_back(key);
    }
    take(object.reset(), at);
    // Then the values. The keys are not unescaped twice: the parser's string
    // buffer has room for each string of the document once.
    std::size_t i = 0;
    for (auto field_result : object) {
      od::field field = take(std::move(field_result), at);
      const Key& key = keys_seen_[i];
      od::value value = take(field.value(), at);
      const char* value_at = take(value.raw_json_token(), at).data();
      if (!key.role) {
        keep_in_meta(key.name, value);
      } else if (key.null) {
        walk(value, nullptr);
      } else if (is_single_key(key.role->field) && winners_[static_cast<std::size_t>(key.role->field)].key != i) {
        keep_in_meta(key.name, value);
      } else {
        read_field(*key.role, key.name, value, value_at);
      }
      ++i;
    }
    finish();
    return input_;
  }

 private:
  /// A top-level key and the field it may feed (none: it goes to meta).
  struct Key {
    std::string_view name;
    const KeyTable::Role* role;
    bool null;
  };
  /// The best key seen for a field.
  struct Winner {
    int priority = std::numeric_limits<int>::max();
    std::size_t key = 0;  // index into keys_seen_
  };
  /// An input field kept in meta.
  struct Entry {
    std::string_view key;
    std::size_t raw_begin = 0, raw_size = 0;  // its JSON text, in scratch_ ...
    std::string_view input_raw;               // ... or, for a scalar, in the input
  };
  struct QuoteDraft {
    std::uint64_t start = 0, end = 0;
    QuoteKind kind = QuoteKind::direct;
    std::optional<std::string_view> speaker;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> speaker_span;
    std::string_view cue;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> cue_span;
    // -1: not given. Plain integers: a million-quote article holds a million drafts.
    std::int64_t attribution = -1, parent = -1;
  };
  struct MentionDraft {
    std::string_view entity;
    std::uint64_t start = 0, end = 0;
  };

  void reset() {
    input_.clear();
    scratch_.clear();
    entries_.clear();
    given_meta_.clear();
    quote_drafts_.clear();
    mention_drafts_.clear();
    keys_seen_.clear();
    winners_.fill(Winner{});
  }

  /// Fields fed by one key of several: the others go to meta. Quotes,
  /// entities and mentions read every key they are given.
  static bool is_single_key(Field field) {
    return field != Field::quotes && field != Field::entities && field != Field::mentions && field != Field::meta;
  }

  void keep_in_meta(std::string_view key, od::value value) {
    Entry entry{key, scratch_.size(), 0, {}};
    const auto type = take(value.type(), take(value.raw_json_token()).data());
    if (type == od::json_type::array || type == od::json_type::object) {
      walk(value, &scratch_);
      entry.raw_size = scratch_.size() - entry.raw_begin;
    } else {
      entry.input_raw = trim_json_space(take(value.raw_json_token()));
      walk(value, nullptr);
    }
    entries_.push_back(entry);
  }

  [[noreturn]] static void wrong_type(const Pointer& pointer, std::string_view expected, od::json_type found) {
    throw SchemaError(pointer.str(), fmt::format("expected {}, found {}", expected, type_name(found)));
  }

  std::string_view read_string(od::value value, const char* at, const Pointer& pointer, bool allow_number) {
    const auto type = take(value.type(), at);
    if (type == od::json_type::string) return take(value.get_string(), at);
    if (allow_number && type == od::json_type::number) return checked_number(take(value.raw_json_token(), at), at);
    wrong_type(pointer, "a string", type);
  }

  std::uint64_t read_offset(od::value value, const char* at, const Pointer& pointer) {
    const auto type = take(value.type(), at);
    if (type != od::json_type::number) wrong_type(pointer, "a non-negative integer", type);
    std::uint64_t n = 0;
    if (value.get_uint64().get(n) != simdjson::SUCCESS) {
      checked_number(take(value.raw_json_token(), at), at);  // malformed JSON comes first
      throw SchemaError(pointer.str(), "expected a non-negative integer");
    }
    return n;
  }

  void read_strings(od::value value, const char* at, const Pointer& pointer, std::vector<std::string_view>& out) {
    std::size_t i = 0;
    for (auto element : take(value.get_array(), at)) {
      out.push_back(read_string(take(std::move(element), at), at, Pointer{&pointer, {}, i++}, false));
    }
  }

  /// Splits a list given as one string at commas, or takes a list of strings.
  void read_string_list(od::value value, const char* at, const Pointer& pointer, std::vector<std::string_view>& out) {
    out.clear();
    const auto type = take(value.type(), at);
    if (type == od::json_type::string) {
      std::string_view text = take(value.get_string(), at);
      while (!text.empty()) {
        const auto comma = text.find(',');
        const auto item = trim_white_space(text.substr(0, comma));
        if (!item.empty()) out.push_back(item);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
      }
      return;
    }
    if (type != od::json_type::array) wrong_type(pointer, "a list of strings", type);
    read_strings(value, at, pointer, out);
  }

  /// A list of paragraphs, or one string split at newlines into trimmed,
  /// non-empty paragraphs.
  void read_body(od::value value, const char* at, const Pointer& pointer) {
    auto& paragraphs = input_.paragraphs;
    paragraphs.clear();
    const auto type = take(value.type(), at);
    if (type == od::json_type::array) return read_strings(value, at, pointer, paragraphs);
    if (type != od::json_type::string) wrong_type(pointer, "a string or a list of paragraphs", type);
    std::string_view text = take(value.get_string(), at);
    while (!text.empty()) {
      const auto newline = text.find('\n');
      const auto line = trim_white_space(text.substr(0, newline));
      if (!line.empty()) paragraphs.push_back(line);
      if (newline == std::string_view::npos) break;
      text.remove_prefix(newline + 1);
    }
  }

  /// Calls `begin_item()` for each object of a list, then `on_field` for each of its fields.
  template <class Begin, class OnField>
  void for_each_object(od::value value, const char* at, const Pointer& pointer, Begin&& begin_item,
                       OnField&& on_field) {
    const auto type = take(value.type(), at);
    if (type != od::json_type::array) wrong_type(pointer, "a list", type);
    std::size_t i = 0;
    for (auto element : take(value.get_array(), at)) {
      od::value item = take(std::move(element), at);
      const Pointer item_pointer{&pointer, {}, i++};
      const auto item_type = take(item.type(), at);
      if (item_type != od::json_type::object) wrong_type(item_pointer, "an object", item_type);
      begin_item();
      for (auto field_result : take(item.get_object(), at)) {
        od::field field = take(std::move(field_result), at);
        const std::string_view key = take(field.unescaped_key(), at);
        on_field(key, take(field.value(), at), Pointer{&item_pointer, key});
      }
    }
  }

  /// A count read as uint64, kept as a non-negative int64 (larger values are errors later all the same).
  static std::int64_t clamped(std::uint64_t n) noexcept {
    return static_cast<std::int64_t>(std::min<std::uint64_t>(n, std::numeric_limits<std::int64_t>::max()));
  }

  void read_quotes(od::value value, const char* at, const Pointer& list) {
    for_each_object(value, at, list, [&] { quote_drafts_.emplace_back(); },
                    [&](std::string_view key, od::value v, const Pointer& pointer) {
      QuoteDraft& q = quote_drafts_.back();
      const bool is_null = take(v.type(), at) == od::json_type::null;
      if (key == "start") {
        q.start = read_offset(v, at, pointer);
      } else if (key == "end") {
        q.end = read_offset(v, at, pointer);
      } else if (key == "kind") {
        const auto kind = quote_kind_from_string(read_string(v, at, pointer, false));
        if (!kind) throw SchemaError(pointer.str(), "expected \"direct\", \"partial\" or \"indirect\"");
        q.kind = *kind;
      } else if (key == "speaker") {
        if (!is_null) q.speaker = read_string(v, at, pointer, true);
      } else if (key == "speaker_span") {
        if (!is_null) q.speaker_span = read_pair(v, at, pointer);
      } else if (key == "cue") {
        if (!is_null) q.cue = read_string(v, at, pointer, false);
      } else if (key == "cue_span") {
        if (!is_null) q.cue_span = read_pair(v, at, pointer);
      } else if (key == "attribution") {
        if (!is_null) q.attribution = clamped(read_offset(v, at, pointer));
      } else if (key == "parent") {
        if (!is_null) q.parent = clamped(read_offset(v, at, pointer));
      } else {
        throw SchemaError(pointer.str(), "unknown quote field");
      }
    });
  }

  std::pair<std::uint64_t, std::uint64_t> read_pair(od::value value, const char* at, const Pointer& pointer) {
    const auto type = take(value.type(), at);
    if (type != od::json_type::array) wrong_type(pointer, "[start, end]", type);
    std::uint64_t numbers[2] = {0, 0};
    std::size_t n = 0;
    for (auto element : take(value.get_array(), at)) {
      od::value item = take(std::move(element), at);
      if (n < 2) numbers[n] = read_offset(item, at, Pointer{&pointer, {}, n});
      ++n;
    }
    if (n != 2) throw SchemaError(pointer.str(), "expected [start, end]");
    return {numbers[0], numbers[1]};
  }

  void read_entities(od::value value, const char* at, const Pointer& list) {
    for_each_object(value, at, list, [&] { input_.entities.emplace_back(); },
                    [&](std::string_view key, od::value v, const Pointer& pointer) {
      EntityInput& e = input_.entities.back();
      if (key == "id") {
        e.id = read_string(v, at, pointer, true);
      } else if (key == "name") {
        e.name = read_string(v, at, pointer, false);
      } else if (key == "type") {
        e.type = read_string(v, at, pointer, false);
      } else if (key == "aliases") {
        read_string_list(v, at, pointer, e.aliases);
      } else {
        throw SchemaError(pointer.str(), "unknown entity field");
      }
    });
  }

  void read_mentions(od::value value, const char* at, const Pointer& list) {
    for_each_object(value, at, list, [&] { mention_drafts_.emplace_back(); },
                    [&](std::string_view key, od::value v, const Pointer& pointer) {
      MentionDraft& m = mention_drafts_.back();
      if (key == "entity") {
        m.entity = read_string(v, at, pointer, true);
      } else if (key == "start") {
        m.start = read_offset(v, at, pointer);
      } else if (key == "end") {
        m.end = read_offset(v, at, pointer);
      } else {
        throw SchemaError(pointer.str(), "unknown mention field");
      }
    });
  }

  void read_field(const KeyTable::Role& role, std::string_view key, od::value value, const char* at) {
    const Pointer record;
    const Pointer pointer{&record, key};
    switch (role.field) {
      case Field::quotes: return read_quotes(value, at, pointer);
      case Field::entities: return read_entities(value, at, pointer);
      case Field::mentions: return read_mentions(value, at, pointer);
      case Field::meta: {
        const auto type = take(value.type(), at);
        if (type != od::json_type::object) wrong_type(pointer, "an object", type);
        // Two meta objects cannot both be meta, and neither can be kept
        // under the key "meta" inside the other.
        if (!given_meta_.empty()) throw SchemaError(pointer.str(), "duplicate key \"meta\"");
        walk(value, &given_meta_);
        return;
      }
      default: break;
    }
    switch (role.field) {
      case Field::id: input_.id = read_string(value, at, pointer, true); break;
      case Field::url: input_.url = read_string(value, at, pointer, false); break;
      case Field::source: input_.source = read_string(value, at, pointer, false); break;
      case Field::title: input_.title = read_string(value, at, pointer, false); break;
      case Field::published: input_.published = read_string(value, at, pointer, false); break;
      case Field::language: input_.language = read_string(value, at, pointer, false); break;
      case Field::authors: read_string_list(value, at, pointer, input_.authors); break;
      case Field::tags: read_string_list(value, at, pointer, input_.tags); break;
      case Field::body: read_body(value, at, pointer); break;
      default: break;
    }
  }

  void finish() {
    // Meta: the given meta object's members, then every field nothing used.
    meta_.assign("{");
    if (given_meta_.size() > 2) meta_.append(given_meta_, 1, given_meta_.size() - 2);
    for (const Entry& entry : entries_) {
      if (meta_.size() > 1) meta_ += ',';
      meta_ += '"';
      append_json_escaped(meta_, entry.key);
      meta_ += "\":";
      if (entry.input_raw.empty()) {
        meta_.append(scratch_, entry.raw_begin, entry.raw_size);
      } else {
        meta_ += entry.input_raw;
      }
    }
    meta_ += '}';
    input_.meta = meta_;

    // Resolve entity ids now that every entity is known. The builder
    // rejects empty and duplicate ids; here the first of a kind answers.
    entity_index_.clear();
    if (!quote_drafts_.empty() || !mention_drafts_.empty()) {
      for (std::size_t i = 0; i < input_.entities.size(); ++i) {
        entity_index_.emplace(input_.entities[i].id, static_cast<std::uint32_t>(i));
      }
    }
    auto entity_of = [&](std::string_view id, const Pointer& item, std::string_view key) {
      const auto it = entity_index_.find(id);
      if (it == entity_index_.end()) {
        throw SchemaError(Pointer{&item, key}.str(), fmt::format("no entity with id \"{}\"", id));
      }
      return it->second;
    };
    auto span = [](std::uint64_t start, std::uint64_t end, const Pointer& pointer) {
      constexpr std::uint64_t limit = std::numeric_limits<std::uint32_t>::max();
      if (start > limit || end > limit) throw SchemaError(pointer.str(), "offset lies outside the text");
      return Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
    };
    const Pointer record;
    const Pointer quotes{&record, "quotes"};
    const Pointer mentions{&record, "mentions"};
    input_.unit = OffsetUnit::chars;
    for (std::size_t i = 0; i < quote_drafts_.size(); ++i) {
      const QuoteDraft& d = quote_drafts_[i];
      const Pointer quote{&quotes, {}, i};
      QuoteInput q;
      q.span = span(d.start, d.end, quote);
      q.kind = d.kind;
      if (d.speaker) q.speaker = static_cast<std::int32_t>(entity_of(*d.speaker, quote, "speaker"));
      if (d.speaker_span) {
        q.speaker_span = span(d.speaker_span->first, d.speaker_span->second, Pointer{&quote, "speaker_span"});
      }
      q.cue = d.cue;
      if (d.cue_span) q.cue_span = span(d.cue_span->first, d.cue_span->second, Pointer{&quote, "cue_span"});
      constexpr std::uint64_t limit = std::numeric_limits<std::int32_t>::max();
      if (d.attribution >= 0) {
        if (static_cast<std::uint64_t>(d.attribution) > limit) {
          throw SchemaError(Pointer{&quote, "attribution"}.str(), "attribution number too large");
        }
        q.attribution = static_cast<std::uint32_t>(d.attribution);
      }
      if (d.parent >= 0) {
        if (static_cast<std::uint64_t>(d.parent) >= quote_drafts_.size()) {
          throw SchemaError(Pointer{&quote, "parent"}.str(), fmt::format("no quote {}", d.parent));
        }
        q.parent = static_cast<std::int32_t>(d.parent);
      }
      input_.quotes.push_back(q);
    }
    for (std::size_t i = 0; i < mention_drafts_.size(); ++i) {
      const MentionDraft& d = mention_drafts_[i];
      const Pointer mention{&mentions, {}, i};
      input_.mentions.push_back({span(d.start, d.end, mention), entity_of(d.entity, mention, "entity")});
    }
  }

  KeyTable keys_;
  ArticleInput input_;
  std::string scratch_;
  std::string given_meta_;
  std::string meta_;
  std::vector<Entry> entries_;
  std::vector<Key> keys_seen_;
  std::array<Winner, field_count> winners_;
  std::vector<QuoteDraft> quote_drafts_;
  std::vector<MentionDraft> mention_drafts_;
  std::unordered_map<std::string_view, std::uint32_t> entity_index_;
};

RecordReader::RecordReader(const FieldMapping& mapping) : fields_(std::make_unique<Fields>(mapping)) {}
RecordReader::~RecordReader() = default;

ArticleInput& RecordReader::read(od::object object, const char* at) { return fields_->read(object, at); }

bool is_json_object(std::string_view text) {
  const simdjson::padded_string padded(text);
  return is_padded_json_object(std::string_view(padded.data(), padded.size()));
}

bool is_padded_json_object(std::string_view text) {
  thread_local od::parser parser;
  od::document doc;
  try {
    doc = take(parser.iterate(text.data(), text.size(), text.size() + simdjson::SIMDJSON_PADDING));
    if (take(doc.type()) != od::json_type::object) return false;
    walk_document(doc, text.data());
    return trailing_content(doc) == nullptr;
  } catch (const JsonFailure&) {
    return false;
  }
}

}  // namespace newsdoc::detail

