// One JSON record read into an ArticleInput, as docs/schema.md says, and the
// simdjson helpers the JSON stream (json_reader.cpp) shares with it.
// Internal: not installed.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>

#include "newsdoc/article.hpp"
#include "newsdoc/json.hpp"

namespace newsdoc::detail {

namespace od = simdjson::ondemand;

/// A JSON error inside a record; `at` points into the input when known.
struct JsonFailure {
  simdjson::error_code code;
  const char* at;
};

/// simdjson's error `code` in words.
std::string describe(simdjson::error_code code);

template <class T>
T take(simdjson::simdjson_result<T>&& result, const char* at = nullptr) {
  T value;
  if (const simdjson::error_code code = std::move(result).get(value)) throw JsonFailure{code, at};
  return value;
}

inline std::string_view take(std::string_view value, const char* = nullptr) { return value; }
inline od::value take(od::value value, const char* = nullptr) { return value; }

/// Where content follows the document's root value, or nullptr at the end.
/// (simdjson 3.0's document has no at_end(): past the last token,
/// current_location() reports OUT_OF_BOUNDS.)
inline const char* trailing_content(od::document& doc) {
  const char* at = nullptr;
  return doc.current_location().get(at) == simdjson::SUCCESS ? at : nullptr;
}

/// Returns the number `raw` (a number token, maybe with white space after it),
/// trimmed; throws JsonFailure when it is not a JSON number.
std::string_view checked_number(std::string_view raw, const char* at);

/// "an array", "a string", ...: `type` in an error message.
std::string_view type_name(od::json_type type);

/// Writes `value` minified to `out` (if not null), validating all of it.
/// Recursion stops at max_depth, so hostile nesting cannot exhaust the stack.
void walk(od::value value, std::string* out, int depth = 1);

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

/// Reads one article object into an ArticleInput. Strings it returns view
/// the parser's buffers and the record's scratch space: valid until the
/// next record.
class RecordReader {
 public:
  explicit RecordReader(const FieldMapping& mapping);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  /// Throws JsonFailure for malformed JSON, SchemaError for a bad field.
  ArticleInput& read(od::object object, const char* at);

 private:
  class Fields;
  std::unique_ptr<Fields> fields_;
};

}  // namespace newsdoc::detail
