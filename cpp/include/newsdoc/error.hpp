// newsdoc's one exception hierarchy. Every message says where and what:
// "corpus.jsonl:1832:17: expected ',' or '}' in object".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace newsdoc {

/// Base of every error newsdoc throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where in an input an error was found. Unknown parts are empty or 0.
struct Location {
  std::string path;      ///< file name, or "<string>" for in-memory input
  std::uint64_t line = 0;    ///< 1-based line, 0 when unknown
  std::uint64_t column = 0;  ///< 1-based byte column in that line, 0 when unknown
  std::uint64_t offset = 0;  ///< 0-based byte offset in the input
};

/// The input is not JSON (or not UTF-8, or truncated).
class ParseError : public Error {
 public:
  ParseError(Location where, const std::string& what);
  const Location& where() const noexcept { return where_; }
  /// The message without its location prefix.
  const std::string& reason() const noexcept { return reason_; }

 private:
  Location where_;
  std::string reason_;
};

/// The input is JSON but not a valid article: a wrong type, a span outside
/// the text or inside a UTF-8 sequence, an unknown entity id. `pointer` is the
/// JSON pointer of the bad field inside its record ("/quotes/3/start").
class SchemaError : public Error {
 public:
  SchemaError(Location where, std::string pointer, const std::string& what);
  /// A SchemaError with no input position (raised by the builder).
  SchemaError(std::string pointer, const std::string& what);
  const Location& where() const noexcept { return where_; }
  const std::string& pointer() const noexcept { return pointer_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  Location where_;
  std::string pointer_;
  std::string reason_;
};

/// An input file could not be opened or read.
class IoError : public Error {
 public:
  IoError(std::string path, const std::string& what);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// An input path does not exist (Python: newsdoc.NotFoundError, a
/// FileNotFoundError and a ReadError).
class NotFoundError : public IoError {
 public:
  using IoError::IoError;
};

/// A load stopped by its progress callback (LoadOptions::progress returned
/// false). Nothing of the load is kept (Python: newsdoc.Cancelled).
class Cancelled : public Error {
 public:
  using Error::Error;
};

}  // namespace newsdoc
