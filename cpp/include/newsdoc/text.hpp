// Importing articles from plain text, as most news reaches people: a title
// line, paragraphs separated by blank lines, perhaps a trailing line of tags
// and some site furniture ("Comments", "Share this").
#pragma once

#include <string>
#include <string_view>

#include "newsdoc/article.hpp"

namespace newsdoc {

struct TextImportOptions {
  std::string id;  ///< the article's id ("" when unknown)
  /// The file the text came from (Article::origin()); "" for none.
  std::string origin;
};

/// One article from raw text.
///
/// - The first non-empty line is the title; paragraphs are separated by
///   blank lines (white space and no-break spaces only); line breaks inside a
///   paragraph are folded into one space. Windows line endings and a BOM are
///   accepted.
/// - Trailing site furniture ("Comments", "Share this", "Advertisement",
///   "Related", ...) is not a paragraph: it is kept in meta "boilerplate".
/// - A trailing line of comma-separated names (indented, or of three or more
///   short capitalised items) becomes the tags.
///
/// ## Encoding
/// Bytes that are not valid UTF-8 are decoded one by one as Windows-1252 (a
/// superset of Latin-1's printable characters), so no text is lost; meta
/// "decoding" then records {"fallback": "windows-1252", "bytes": N}.
Corpus parse_text(std::string_view raw, const TextImportOptions& options = {});

/// parse_text() of a file; the id defaults to the file name without its
/// extension. Throws IoError when the file cannot be read.
Corpus read_text(const std::string& path);

/// The older names of parse_text and read_text (Python has always said
/// parse_text and read_text).
[[deprecated("use newsdoc::parse_text")]] inline Corpus import_text(std::string_view raw,
                                                                   const TextImportOptions& options = {}) {
  return parse_text(raw, options);
}
[[deprecated("use newsdoc::read_text")]] inline Corpus load_text(const std::string& path) { return read_text(path); }

}  // namespace newsdoc
