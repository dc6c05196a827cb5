// newsdoc's one exception hierarchy: every error newsdoc throws is declared
// here. Every message says where and what:
// "corpus.jsonl:1832:17: expected ',' or '}' in object".
//
//   Error                      (Python: NewsdocError)
//   ├── ParseError             runtime_error    (ParseError, a ValueError)
//   ├── SchemaError            runtime_error    (SchemaError, a ValueError)
//   ├── IoError                runtime_error    (IoError, an OSError; ReadError is its older name)
//   │   └── NotFoundError                       (NotFoundError, a FileNotFoundError)
//   ├── ModelError             runtime_error    (ModelError)
//   ├── EntityNotFound         runtime_error    (EntityNotFound, a KeyError)
//   ├── Cancelled              runtime_error    (Cancelled)
//   ├── NothingLoaded          runtime_error    (NothingLoaded)
//   ├── OutOfRangeError        out_of_range     (OutOfRangeError, an IndexError)
//   └── InvalidArgumentError   invalid_argument (InvalidArgumentError, a ValueError)
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace newsdoc {

/// Base of every error newsdoc throws: `catch (const newsdoc::Error&)` catches
/// them all. Error itself is no std::exception: each class below derives from
/// it and from exactly one standard exception (the second column above), so
/// that `catch (const std::exception&)` and `catch (const std::out_of_range&)`
/// catch them too. (Two standard bases would make std::exception an ambiguous
/// base, which such a handler does not catch.)
class Error {
 public:
  virtual ~Error() = default;
  /// The message; the same as std::exception::what().
  virtual const char* what() const noexcept = 0;

 protected:
  Error() = default;
  Error(const Error&) = default;
  Error& operator=(const Error&) = default;
};

namespace detail {

/// An Error that is also the standard exception `Standard`.
template <class Standard>
class StandardError : public Error, public Standard {
 public:
  explicit StandardError(const std::string& what) : Standard(what) {}
  const char* what() const noexcept override { return Standard::what(); }
};

}  // namespace detail

/// Where in an input an error was found. Unknown parts are empty or 0.
struct Location {
  std::string path;      ///< file name, or "<string>" for in-memory input
  std::uint64_t line = 0;    ///< 1-based line, 0 when unknown
  std::uint64_t column = 0;  ///< 1-based byte column in that line, 0 when unknown
  std::uint64_t offset = 0;  ///< 0-based byte offset in the input
};

/// The input is not JSON (or not UTF-8, or truncated).
class ParseError : public detail::StandardError<std::runtime_error> {
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
class SchemaError : public detail::StandardError<std::runtime_error> {
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

/// A file could not be opened, read or written.
class IoError : public detail::StandardError<std::runtime_error> {
 public:
  IoError(std::string path, const std::string& what);
  const std::string& path() const noexcept { return path_; }
  /// The message without its path prefix.
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

/// The older name of IoError (and still Python's: newsdoc.ReadError).
using ReadError = IoError;

/// An input path does not exist (Python: newsdoc.NotFoundError, a
/// FileNotFoundError and an IoError).
class NotFoundError : public IoError {
 public:
  using IoError::IoError;
};

/// A model file or model input is unusable: bad magic, wrong version or
/// component, checksum mismatch, truncation, or words and tags of different
/// lengths. `path()` names the file ("<memory>" for bytes, empty if none).
class ModelError : public detail::StandardError<std::runtime_error> {
 public:
  ModelError(std::string path, const std::string& what);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// No entity of an article (or of any article of a corpus) answers to a key.
class EntityNotFound : public detail::StandardError<std::runtime_error> {
 public:
  EntityNotFound(std::string key, const std::string& what);
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

/// A load stopped by its progress callback (LoadOptions::progress returned
/// false). Nothing of the load is kept (Python: newsdoc.Cancelled).
class Cancelled : public detail::StandardError<std::runtime_error> {
 public:
  using StandardError::StandardError;
};

/// A load of folders that yields no article: no input file in them, or every
/// record refused (with OnError::skip).
class NothingLoaded : public detail::StandardError<std::runtime_error> {
 public:
  using StandardError::StandardError;
};

/// An index or position past the end of what it indexes: an article's
/// paragraph, a corpus' article, a table's column.
class OutOfRangeError : public detail::StandardError<std::out_of_range> {
 public:
  using StandardError::StandardError;
};

/// An argument no call accepts: an empty pattern or name, a zero step, an
/// unknown preset, a placeholder that does not parse.
class InvalidArgumentError : public detail::StandardError<std::invalid_argument> {
 public:
  using StandardError::StandardError;
};

}  // namespace newsdoc
