// Reads articles with simdjson On-Demand. JSONL is read in windows that end
// at a newline and parsed with iterate_many; after any error in a window the
// rest of it is parsed line by line, so one bad record costs only itself.
#include <fmt/format.h>
#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <memory>
#include <unordered_map>

#include "annotate/record_annotator.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/utf8.hpp"
#include "parallel.hpp"
#include "reader.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t window_size = std::size_t{8} << 20;
constexpr std::size_t stream_batch_size = std::size_t{4} << 20;

/// A JSON error inside a record; `at` points into the input when known.
struct JsonFailure {
  error_code code;
  const char* at;
};

std::string describe(error_code code) {
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

template <class T>
T take(simdjson::simdjson_result<T>&& result, const char* at = nullptr) {
  T value;
  if (const error_code code = std::move(result).get(value)) throw JsonFailure{code, at};
  return value;
}

std::string_view take(std::string_view value, const char* = nullptr) { return value; }
od::value take(od::value value, const char* = nullptr) { return value; }

/// Where content follows the document's root value, or nullptr at the end.
/// (simdjson 3.0's document has no at_end(): past the last token,
/// current_location() reports OUT_OF_BOUNDS.)
const char* trailing_content(od::document& doc) {
  const char* at = nullptr;
  return doc.current_location().get(at) == simdjson::SUCCESS ? at : nullptr;
}

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

/// Returns the number `raw` (a number token, maybe with white space after it), trimmed.
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

/// simdjson's own limit; On-Demand leaves enforcing it to the caller.
constexpr int max_depth = 1024;

/// Writes `value` minified to `out` (if not null), validating all of it.
/// Recursion stops at max_depth, so hostile nesting cannot exhaust the stack.
void walk(od::value value, std::string* out, int depth = 1) {
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

/// Validates a whole document. simdjson treats a scalar root apart: it is
/// read with the document's own getters, not as a value (a number through
/// its raw JSON, which steps over it too).
template <class Document>
void walk_document(Document& doc, const char* at) {
  switch (take(doc.type(), at)) {
    case od::json_type::object:
    case od::json_type::array: walk(take(doc.get_value(), at), nullptr); break;
    case od::json_type::string: take(doc.get_string(), at); break;
    case od::json_type::number: checked_number(take(doc.raw_json(), at), at); break;
    case od::json_type::boolean: take(doc.get_bool(), at); break;
    case od::json_type::null:
      if (!take(doc.is_null(), at)) throw JsonFailure{simdjson::N_ATOM_ERROR, at};
      break;
  }
}

/// A JSON pointer inside a record, formatted only when an error needs it:
/// the pointer of the parent value and one step more, a key or an index.
/// The record itself is Pointer{}. Parents must outlive their children.
struct Pointer {
  static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
  const Pointer* parent = nullptr;
  std::string_view key;
  std::size_t index = no_index;

  std::string str() const {
    if (!parent) return {};
    std::string out = parent->str();
    out += '/';
    if (index == no_index) {
      out += key;
    } else {
      out += std::to_string(index);
    }
    return out;
  }
};

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

/// Reads one article object into an ArticleInput. Strings it returns view
/// the parser's buffers and the record's scratch space: valid until the
/// next record.
class RecordReader {
 public:
  explicit RecordReader(const FieldMapping& mapping) : keys_(mapping) {}

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

/// Maps positions in one buffer to line and column, moving forward cheaply.
class LineCounter {
 public:
  LineCounter(const char* base, std::uint64_t first_line, std::uint64_t base_offset)
      : base_(base), pos_(base), line_(first_line), line_start_(base), first_line_(first_line),
        base_offset_(base_offset) {}

  Location locate(const std::string& path, const char* at) {
    if (at < pos_) {
      pos_ = line_start_ = base_;
      line_ = first_line_;
    }
    // memchr skips whole vectors of bytes without a newline: records are long.
    for (const char* p = pos_; p < at;) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(at - p)));
      if (!newline) break;
      ++line_;
      line_start_ = p = newline + 1;
    }
    pos_ = at;
    return Location{path, line_, static_cast<std::uint64_t>(at - line_start_) + 1,
                    base_offset_ + static_cast<std::uint64_t>(at - base_)};
  }

 private:
  const char* base_;
  const char* pos_;
  std::uint64_t line_;
  const char* line_start_;
  std::uint64_t first_line_;
  std::uint64_t base_offset_;
};

/// A stretch of input in memory, followed by at least simdjson::SIMDJSON_PADDING readable bytes.
struct Window {
  const char* data;
  std::size_t size;
  std::uint64_t first_line;  // 1-based line of data[0]
  std::uint64_t offset;      // of data[0] in the input
};

/// Calls `visit` on every text view of `record`.
template <class Visit>
void for_each_text(ArticleInput& record, const Visit& visit) {
  for (auto* text : {&record.id, &record.url, &record.source, &record.title, &record.language, &record.meta,
                     &record.origin}) {
    visit(*text);
  }
  if (record.published) visit(*record.published);
  for (auto* list : {&record.authors, &record.tags, &record.paragraphs})
    for (auto& text : *list) visit(text);
  for (auto& quote : record.quotes) visit(quote.cue);
  for (auto& entity : record.entities) {
    visit(entity.id);
    visit(entity.name);
    visit(entity.type);
    for (auto& alias : entity.aliases) visit(alias);
  }
}

/// A record with its own copy of its text, to annotate after the reader has
/// moved on (its views point into the reader's scratch and the window).
struct OwnedRecord {
  std::string text;
  ArticleInput record;

  explicit OwnedRecord(const ArticleInput& from) : record(from) {
    std::size_t size = 0;
    for_each_text(record, [&](std::string_view& view) { size += view.size(); });
    text.reserve(size);  // no reallocation below: the views stay valid
    for_each_text(record, [&](std::string_view& view) {
      const std::size_t at = text.size();
      text.append(view);
      view = std::string_view(text).substr(at, view.size());
    });
  }
};

/// Records held for annotation in parallel before they are built.
constexpr std::size_t pending_bytes_limit = std::size_t{8} << 20;

class Loader {
 public:
  /// With `annotators`, each record is annotated before it is built: by the
  /// one annotator as it is read, or with several, in batches split over
  /// threads (one annotator each) in record order; a record the mode keeps
  /// as it is, or one bigger than a batch, is built on the calling thread.
  Loader(const LoadOptions& options, std::string path, const std::vector<detail::RecordAnnotator*>& annotators = {})
      : options_(options), path_(std::move(path)), reader_(options.mapping), annotators_(annotators) {}

  /// One JSON document (an article or an array of them); returns false if
  /// more documents follow on later lines, which makes the input JSONL.
  /// Throws ParseError when it is not JSON, even with OnError::skip: the
  /// caller may still read it as JSONL (see report()).
  bool read_single(Window w) {
    LineCounter lines(w.data, w.first_line, w.offset);
    if (trim_white_space(std::string_view(w.data, w.size)).empty()) {
      throw ParseError(lines.locate(path_, w.data), describe(simdjson::EMPTY));
    }
    od::document doc;
    if (const auto code = single_parser_.iterate(simdjson::padded_string_view(w.data, w.size, w.size + simdjson::SIMDJSON_PADDING)).get(doc)) {
      throw ParseError(lines.locate(path_, w.data), describe(code));
    }
    try {
      if (!read_document(doc, w, lines, true)) return true;
      if (const char* next = trailing_content(doc)) {
        // Another value on a later line: JSONL after all, unless JSON was asked for.
        if (options_.format == Format::automatic && is_line_start(w, next)) return false;
        throw JsonFailure{simdjson::TRAILING_CONTENT, next};
      }
    } catch (const JsonFailure& failure) {
      throw ParseError(lines.locate(path_, error_position(doc, failure, w.data, w.data + w.size)),
                       describe(failure.code));
    }
    return true;
  }

  /// Throws `error`, or lists it with OnError::skip.
  void report(const ParseError& error) {
    if (options_.on_error == OnError::raise) throw error;
    builder_.add_error(RecordError::of(error));
  }

  /// JSONL: iterate_many over the window; on the first error, line by line.
  void read_stream(Window w) {
    if (w.size == 0) return;  // iterate_many skips stage 1 then: truncated_bytes() would read stale indexes
    LineCounter lines(w.data, w.first_line, w.offset);
    od::document_stream stream;
    std::size_t resume = 0;
    bool clean = false;
    if (stream_parser_.iterate_many(w.data, w.size, stream_batch_size).get(stream) == simdjson::SUCCESS) {
      clean = true;
      for (auto it = stream.begin(); it != stream.end(); ++it) {
        resume = it.current_index();
        od::document_reference doc;
        if ((*it).get(doc) != simdjson::SUCCESS) {
          clean = false;
          break;
        }
        try {
          read_document(doc, w, lines, false);
        } catch (const JsonFailure&) {
          // Re-read this record alone for a precise message.
          clean = false;
          break;
        }
      }
      if (clean && stream.truncated_bytes() > 0) {
        clean = false;
        resume = w.size - stream.truncated_bytes();
      }
    }
    if (!clean) read_lines(w, resume, lines);
  }

  Corpus finish() {
    if (annotators_.size() <= 1) return builder_.finish();
    annotate_pending();
    if (direct_.size() > 0) parts_.push_back(direct_.finish());
    Corpus errors_only = builder_.finish();
    std::vector<Article> articles;
    for (const Corpus& part : parts_) articles.insert(articles.end(), part.begin(), part.end());
    parts_.clear();
    return Corpus(std::move(articles), errors_only.errors());
  }
  void restart() {
    builder_ = CorpusBuilder();
    direct_ = CorpusBuilder();
    pending_.clear();
    pending_bytes_ = 0;
    parts_.clear();
  }

 private:
  /// The most precise position known for `failure` in [begin, end]: where
  /// the parser stopped, else where the failing value started.
  static const char* error_position(od::document& doc, const JsonFailure& failure, const char* begin, const char* end) {
    const char* at = failure.at && failure.at >= begin && failure.at <= end ? failure.at : begin;
    const char* stopped = nullptr;
    if (doc.current_location().get(stopped) == simdjson::SUCCESS && stopped > at && stopped <= end) at = stopped;
    return at;
  }

  static bool is_line_start(const Window& w, const char* p) {
    while (p > w.data && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r')) --p;
    return p == w.data || p[-1] == '\n';
  }

  void read_lines(Window w, std::size_t from, LineCounter& lines) {
    const char* p = w.data + from;
    const char* end = w.data + w.size;
    while (p < end) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* line_end = newline ? newline : end;
      const std::string_view line(p, static_cast<std::size_t>(line_end - p));
      if (!trim_white_space(line).empty()) read_line(line, w, lines);
      p = newline ? newline + 1 : end;
    }
  }

  void read_line(std::string_view line, const Window& w, LineCounter& lines) {
    const std::size_t readable = static_cast<std::size_t>(w.data + w.size - line.data()) + simdjson::SIMDJSON_PADDING;
    od::document doc;
    if (const auto code = single_parser_.iterate(simdjson::padded_string_view(line.data(), line.size(), readable)).get(doc)) {
      // No document to ask for a position: report the line's start.
      fail_parse(lines.locate(path_, line.data()), describe(code));
      return;
    }
    try {
      if (!read_document(doc, w, lines, false)) return;
      if (const char* next = trailing_content(doc)) throw JsonFailure{simdjson::TRAILING_CONTENT, next};
    } catch (const JsonFailure& failure) {
      fail_parse(lines.locate(path_, error_position(doc, failure, line.data(), line.data() + line.size())),
                 describe(failure.code));
    }
  }

  /// Returns false when a record was set aside half-read, so the document's
  /// end is unknown and trailing content must not be checked.
  template <class Document>
  bool read_document(Document& doc, const Window& w, LineCounter& lines, bool whole_input) {
    const char* start = take(doc.raw_json_token(), w.data).data();
    switch (take(doc.type(), start)) {
      case od::json_type::object:
        return read_article(take(doc.get_object(), start), start, Pointer{}, w, lines, whole_input);
      case od::json_type::array: {
        if (!whole_input) {
          // A bad JSONL line is one bad record: check it all before adding
          // any of its articles, which reading it again line by line would
          // add twice.
          walk(take(doc.get_value(), start), nullptr);
          doc.rewind();
        }
        const Pointer root;
        std::size_t i = 0;
        for (auto element : take(doc.get_array(), start)) {
          od::value value = take(std::move(element), start);
          const char* at = take(value.raw_json_token(), start).data();
          const auto type = take(value.type(), at);
          const Pointer pointer{&root, {}, i++};
          if (type != od::json_type::object) {
            walk(value, nullptr);
            fail_schema(SchemaError("", fmt::format("expected an article object, found {}", type_name(type))),
                        pointer, lines.locate(path_, at), w, whole_input);
            continue;
          }
          read_article(take(value.get_object(), at), at, pointer, w, lines, whole_input);
        }
        break;
      }
      default: {
        const auto type = take(doc.type(), start);
        walk_document(doc, start);
        fail_schema(SchemaError("", fmt::format("expected an article object or an array of them, found {}", type_name(type))),
                    Pointer{}, lines.locate(path_, start), w, whole_input);
      }
    }
    return true;
  }

  /// `element` points at the article in its document.
  bool read_article(od::object object, const char* at, const Pointer& element, const Window& w,
                    LineCounter& lines, bool whole_input) {
    try {
      ArticleInput& in = reader_.read(object, at);
      if (options_.on_record) {
        const auto index = element.index == Pointer::no_index ? std::int64_t{-1} : static_cast<std::int64_t>(element.index);
        options_.on_record(in, RecordPosition{lines.locate(path_, at).line, index, whole_input});
      }
      add(in);
      return true;
    } catch (const SchemaError& e) {
      fail_schema(e, element, lines.locate(path_, at), w, whole_input);
      return false;
    }
  }

  void fail_parse(Location where, const std::string& reason) { report(ParseError(std::move(where), reason)); }

  void fail_schema(const SchemaError& e, const Pointer& element, Location where, const Window& w, bool whole_input) {
    const std::string pointer = element.str() + e.pointer();
    if (options_.on_error == OnError::raise) {
      // Malformed JSON further on is the better message: look for it first.
      if (whole_input) {
        if (const auto failure = find_parse_error(w)) {
          LineCounter lines(w.data, w.first_line, w.offset);
          throw ParseError(lines.locate(path_, failure->at ? failure->at : w.data), describe(failure->code));
        }
      }
      throw SchemaError(where, pointer, e.reason());
    }
    builder_.add_error(RecordError::of(SchemaError(where, pointer, e.reason())));
  }

  std::optional<JsonFailure> find_parse_error(const Window& w) {
    simdjson::ondemand::parser parser;
    od::document doc;
    try {
      doc = take(parser.iterate(simdjson::padded_string_view(w.data, w.size, w.size + simdjson::SIMDJSON_PADDING)), w.data);
      walk_document(doc, w.data);
      if (const char* next = trailing_content(doc)) return JsonFailure{simdjson::TRAILING_CONTENT, next};
    } catch (const JsonFailure& failure) {
      return failure;
    }
    return std::nullopt;
  }

  /// Builds `record`, annotated first when the load annotates. Throws SchemaError for a bad record.
  void add(const ArticleInput& record) {
    if (annotators_.empty()) return detail::Internals::add_with_valid_meta(builder_, record);
    detail::RecordAnnotator& first = *annotators_.front();
    first.check(record);
    if (annotators_.size() == 1) return detail::Internals::add_with_valid_meta(builder_, first.annotate(record));
    std::size_t size = record.meta.size();
    for (const auto paragraph : record.paragraphs) size += paragraph.size();
    if (!first.annotates(record) || size >= pending_bytes_limit) {
      // A record kept as it is, or too big to be worth a copy, is built here
      // (annotated on this thread): after the pending ones, and with no copy.
      annotate_pending();
      detail::Internals::add_with_valid_meta(direct_, first.annotate(record));
      return;
    }
    if (direct_.size() > 0) parts_.push_back(direct_.finish());
    pending_.emplace_back(record);
    pending_bytes_ += pending_.back().text.size();
    if (pending_bytes_ >= pending_bytes_limit) annotate_pending();
  }

  /// Annotates and builds the pending records (none when direct_ holds any): a contiguous share on each
  /// thread, each into a corpus of its own, kept in record order.
  void annotate_pending() {
    const std::size_t n = pending_.size();
    if (n == 0) return;
    const std::size_t chunks = std::min(annotators_.size(), n);
    std::vector<Corpus> built(chunks);
    std::vector<std::exception_ptr> failures(chunks);
    detail::run_chunks(chunks, [&](std::size_t c) {
      try {
        CorpusBuilder builder;
        for (std::size_t i = n * c / chunks; i < n * (c + 1) / chunks; ++i) {
          detail::Internals::add_with_valid_meta(builder, annotators_[c]->annotate(pending_[i].record));
        }
        built[c] = builder.finish();
      } catch (...) {
        failures[c] = std::current_exception();
      }
    });
    pending_.clear();
    pending_bytes_ = 0;
    for (const auto& failure : failures)
      if (failure) std::rethrow_exception(failure);
    for (auto& part : built) parts_.push_back(std::move(part));
  }

  const LoadOptions& options_;
  std::string path_;
  RecordReader reader_;
  CorpusBuilder builder_;
  std::vector<detail::RecordAnnotator*> annotators_;
  std::deque<OwnedRecord> pending_;  // a deque: records do not move, so their views stay valid
  std::size_t pending_bytes_ = 0;
  // Built in record order: parts_, then the records of pending_ or of direct_ (one of them is empty).
  std::vector<Corpus> parts_;
  CorpusBuilder direct_;  // records built on this thread
  od::parser single_parser_;
  od::parser stream_parser_;
};

std::string_view skip_bom(std::string_view text) {
  if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
  return text;
}

bool has_suffix(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// Whether a line other than the first holds more than white space.
bool has_several_lines(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const auto newline = text.find('\n', first);
  return newline != std::string_view::npos && text.find_first_not_of(" \t\r\n", newline) != std::string_view::npos;
}

/// JSONL when the first line holds a whole object ("{...}") and more lines follow.
bool looks_like_jsonl(std::string_view text) {
  if (!has_several_lines(text)) return false;
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto line = trim_white_space(text.substr(first, text.find('\n', first) - first));
  return line.front() == '{' && line.back() == '}';
}

/// Input of several lines that is not one JSON document may be JSONL with a
/// bad first line: then its good lines load. It is taken for JSONL when at
/// least one line is an article, so that pretty-printed JSON with an error
/// keeps its one precise error rather than one per line.
std::optional<Corpus> load_lines(const Window& w, const LoadOptions& options, const std::string& name,
                                 const std::vector<detail::RecordAnnotator*>& annotators) {
  LoadOptions skip = options;
  skip.on_error = OnError::skip;
  Loader loader(skip, name, annotators);
  loader.read_stream(w);
  Corpus corpus = loader.finish();
  if (corpus.empty()) return std::nullopt;
  if (options.on_error == OnError::raise && !corpus.errors().empty()) std::rethrow_exception(corpus.errors().front().exception());
  return corpus;
}

Corpus load_buffer(std::string_view text, const LoadOptions& options, const std::string& name,
                   const std::vector<detail::RecordAnnotator*>& annotators = {}) {
  // The buffer must be followed by simdjson::SIMDJSON_PADDING readable bytes.
  Loader loader(options, name, annotators);
  const std::uint64_t bom = text.size() - skip_bom(text).size();
  const Window w{text.data() + bom, text.size() - bom, 1, bom};
  const std::string_view input(w.data, w.size);
  const bool jsonl = options.format == Format::jsonl ||
                     (options.format == Format::automatic && looks_like_jsonl(input));
  if (!jsonl) {
    try {
      if (loader.read_single(w)) return loader.finish();
    } catch (const ParseError& error) {
      if (options.format == Format::automatic && has_several_lines(input)) {
        if (auto corpus = load_lines(w, options, name, annotators)) return std::move(*corpus);
      }
      loader.report(error);
      return loader.finish();
    }
    loader.restart();
  }
  loader.read_stream(w);
  return loader.finish();
}

/// Reads a file through zlib, which passes uncompressed files through as is.
class InputFile {
 public:
  explicit InputFile(const std::string& path) : path_(path), file_(gzopen(path.c_str(), "rb")) {
    if (!file_) throw IoError(path, std::strerror(errno ? errno : ENOENT));
    gzbuffer(file_, 256 * 1024);
  }
  ~InputFile() { gzclose(file_); }

  /// The bytes of the file read so far (of the compressed file, for gzip).
  std::uint64_t position() const {
    const auto at = gzoffset(file_);
    return at > 0 ? static_cast<std::uint64_t>(at) : 0;
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  std::size_t read(char* dst, std::size_t size) {
    std::size_t total = 0;
    while (total < size) {
      const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size - total, 1u << 30));
      const int n = gzread(file_, dst + total, chunk);
      if (n < 0) throw IoError(path_, zlib_error());
      if (n == 0) {
        // zlib reports a cut-off gzip stream only through gzerror().
        int code = Z_OK;
        gzerror(file_, &code);
        if (code == Z_BUF_ERROR) throw IoError(path_, "truncated gzip file: unexpected end of file");
        break;
      }
      total += static_cast<std::size_t>(n);
    }
    return total;
  }

 private:
  /// gzerror()'s message, less the "path: " prefix IoError adds itself.
  std::string zlib_error() {
    int code = Z_OK;
    std::string message = gzerror(file_, &code);
    const std::string prefix = path_ + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
    return message;
  }

  std::string path_;
  gzFile file_;
};

/// memchr skips whole vectors of non-newline bytes; JSONL lines are long.
std::uint64_t count_newlines(const char* p, const char* end) {
  std::uint64_t n = 0;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
    ++n;
    ++p;
  }
  return n;
}

std::string too_long(std::uint64_t limit) {
  return fmt::format("line longer than {} bytes (the max_record_bytes limit)", limit);
}

/// Reads a window of JSONL, each line longer than `limit` an error.
void read_window(Loader& loader, const Window& w, const std::string& path, std::uint64_t limit) {
  if (w.size <= limit) return loader.read_stream(w);
  const char* end = w.data + w.size;
  const char* piece = w.data;
  std::uint64_t piece_line = w.first_line;
  std::uint64_t line = w.first_line;
  for (const char* p = w.data; p < end; ++line) {
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = newline ? newline : end;
    if (static_cast<std::uint64_t>(line_end - p) > limit &&
        !trim_white_space(std::string_view(p, static_cast<std::size_t>(line_end - p))).empty()) {
      loader.read_stream(Window{piece, static_cast<std::size_t>(p - piece), piece_line,
                                w.offset + static_cast<std::uint64_t>(piece - w.data)});
      loader.report(ParseError(Location{path, line, 1, w.offset + static_cast<std::uint64_t>(p - w.data)}, too_long(limit)));
      piece = newline ? newline + 1 : end;
      piece_line = line + 1;
    }
    p = newline ? newline + 1 : end;
  }
  loader.read_stream(Window{piece, static_cast<std::size_t>(end - piece), piece_line,
                            w.offset + static_cast<std::uint64_t>(piece - w.data)});
}

/// Streams a JSONL file in windows that end at a newline.
Corpus load_jsonl_file(const std::string& path, const LoadOptions& options, const detail::FilePipeline& pipeline) {
  InputFile file(path);
  Loader loader(options, path, pipeline.annotators);
  std::size_t capacity = window_size;
  // Not value-initialised: zeroing 8 MiB would cost more than parsing a small file.
  std::unique_ptr<char[]> buffer(new char[capacity + simdjson::SIMDJSON_PADDING]);
  std::size_t filled = file.read(buffer.get(), capacity);
  // The first window starts after the BOM, also when it has to grow first.
  std::size_t start = filled - skip_bom(std::string_view(buffer.get(), filled)).size();
  std::uint64_t line = 1;
  std::uint64_t offset = 0;
  for (;;) {
    const bool eof = filled < capacity;
    const char* last_newline = nullptr;
    for (std::size_t i = filled; i > start; --i) {
      if (buffer[i - 1] == '\n') {
        last_newline = buffer.get() + i - 1;
        break;
      }
    }
    if (!eof && !last_newline) {
      // White space before a record costs no memory: drop it rather than grow.
      const std::string_view pending(buffer.get() + start, filled - start);
      const std::size_t blank = std::min(pending.find_first_not_of(" \t\r"), pending.size());
      if (blank > 0) {
        offset += start + blank;
        std::memmove(buffer.get(), buffer.get() + start + blank, pending.size() - blank);
        filled = pending.size() - blank;
        start = 0;
        filled += file.read(buffer.get() + filled, capacity - filled);
        continue;
      }
      if (pending.size() >= options.max_record_bytes) {
        // Too long a line: an error naming it, then its bytes are read and dropped.
        loader.report(ParseError(Location{path, line, 1, offset + start}, too_long(options.max_record_bytes)));
        offset += filled;
        start = 0;
        for (;;) {
          filled = file.read(buffer.get(), capacity);
          const auto* newline = static_cast<const char*>(std::memchr(buffer.get(), '\n', filled));
          if (newline || filled < capacity) {
            const std::size_t next = newline ? static_cast<std::size_t>(newline - buffer.get()) + 1 : filled;
            offset += next;
            line += newline ? 1 : 0;
            std::memmove(buffer.get(), buffer.get() + next, filled - next);
            filled -= next;
            break;
          }
          offset += filled;
        }
        filled += file.read(buffer.get() + filled, capacity - filled);
        continue;
      }
      // A line longer than the window: grow it.
      std::unique_ptr<char[]> bigger(new char[2 * capacity + simdjson::SIMDJSON_PADDING]);
      std::memcpy(bigger.get(), buffer.get(), filled);
      buffer = std::move(bigger);
      capacity *= 2;
      filled += file.read(buffer.get() + filled, capacity - filled);
      continue;
    }
    const std::size_t end = eof ? filled : static_cast<std::size_t>(last_newline - buffer.get()) + 1;
    const Window w{buffer.get() + start, end - start, line, offset + start};
    read_window(loader, w, path, options.max_record_bytes);
    if (eof) break;
    if (pipeline.bytes_read) pipeline.bytes_read->store(file.position(), std::memory_order_relaxed);
    if (options.check_interrupt) options.check_interrupt();
    line += count_newlines(buffer.get() + start, buffer.get() + end);
    offset += end;
    std::memmove(buffer.get(), buffer.get() + end, filled - end);
    filled -= end;
    start = 0;
    filled += file.read(buffer.get() + filled, capacity - filled);
  }
  return loader.finish();
}

}  // namespace

namespace detail {

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

}  // namespace detail

Corpus loads(std::string_view json, const LoadOptions& options, const std::string& name) {
  const simdjson::padded_string padded(json);
  std::vector<std::unique_ptr<detail::RecordAnnotator>> annotators;
  std::vector<detail::RecordAnnotator*> annotator_pointers;
  if (options.annotator) {
    for (unsigned t = detail::thread_count(options.threads); t > 0; --t) {
      annotators.push_back(std::make_unique<detail::RecordAnnotator>(*options.annotator, options.annotate));
      annotator_pointers.push_back(annotators.back().get());
    }
  }
  return load_buffer(std::string_view(padded.data(), padded.size()), options, name, annotator_pointers);
}

namespace detail {

Corpus load_json_file(const std::string& path, const LoadOptions& options, const FilePipeline& pipeline) {
  Format format = options.format;
  if (format == Format::automatic) {
    for (const char* suffix : {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}) {
      if (has_suffix(path, suffix)) format = Format::jsonl;
    }
  }
  if (format == Format::jsonl) return load_jsonl_file(path, options, pipeline);
  InputFile file(path);
  std::string content;
  char chunk[1 << 16];
  for (std::size_t n; (n = file.read(chunk, sizeof chunk)) > 0;) {
    content.append(chunk, n);
    if (content.size() > options.max_record_bytes) {
      // Too big for one document: streamed as JSONL, whose lines are held to the limit.
      std::string().swap(content);
      return load_jsonl_file(path, options, pipeline);
    }
  }
  // The string's spare capacity is the padding simdjson reads past the end.
  content.reserve(content.size() + simdjson::SIMDJSON_PADDING);
  return load_buffer(content, options, path, pipeline.annotators);
}

}  // namespace detail

}  // namespace newsdoc
