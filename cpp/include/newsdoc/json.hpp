// Reading articles from JSON and JSONL with simdjson On-Demand, and writing
// them as canonical JSON with fmt. The canonical format is docs/schema.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/annotate.hpp"
#include "newsdoc/article.hpp"

namespace newsdoc {

/// The article fields a foreign JSON record can be mapped to.
enum class Field : std::uint8_t {
  id, url, source, title, authors, published, language, tags, body,
  quotes, entities, mentions, meta,
};
inline constexpr std::size_t field_count = 13;
std::string_view to_string(Field field) noexcept;
/// The field named `name` ("id", "title", "body", ...), or nullopt.
std::optional<Field> field_from_string(std::string_view name) noexcept;

/// Which input keys feed which article field. For each field, the keys are
/// tried in order and the first one present wins; every key that feeds no
/// field is kept in `meta`. A body may be a list of paragraphs or one string
/// split at newlines.
struct FieldMapping {
  std::array<std::vector<std::string>, field_count> keys;
  /// Prefer "<key>_original" over "<key>" (an original over its processed twin).
  bool prefer_original = false;

  /// The canonical names only (docs/schema.md).
  static FieldMapping canonical();
  /// The canonical names plus the usual names of news JSON, preferring originals.
  static FieldMapping automatic();
  static FieldMapping news_please();
  static FieldMapping cc_news();
  static FieldMapping newspaper();
  /// A preset by name, one of mapping_presets. Throws newsdoc::Error for any other name.
  static FieldMapping preset(std::string_view name);

  /// Replaces the keys of `field` (as a user mapping does).
  FieldMapping& set(Field field, std::vector<std::string> names);
};

/// The names FieldMapping::preset knows, "auto" (FieldMapping::automatic) first.
inline constexpr std::string_view mapping_presets[] = {"auto", "canonical", "news-please", "cc-news", "newspaper"};

enum class OnError : std::uint8_t {
  raise,  ///< throw at the first bad record
  skip    ///< keep every good record, list the bad ones in Corpus::errors()
};

enum class Format : std::uint8_t {
  automatic,  ///< by file name; in memory, one document or else JSONL
  json,       ///< one article or an array of articles
  jsonl       ///< one JSON document a line (".jsonl", ".ndjson", ".jsonl.gz")
};

/// Where a record starts in its input, as the input layer (newsdoc/input.hpp)
/// needs it to name id-less records and record their origin.
struct RecordPosition {
  std::uint64_t line = 0;  ///< 1-based line of the record's (or its array's) first byte
  /// The record's index in the array holding it, or -1 when it is a document of its own.
  std::int64_t element = -1;
  /// True when the record is (or is an element of) the input's only document:
  /// a .json file, not a JSONL line.
  bool whole_input = false;
};

/// How far a load (newsdoc/input.hpp) has got, as LoadOptions::progress sees it.
struct LoadProgress {
  /// Bytes of the input files read, and their total (as stored: compressed
  /// bytes for .gz). A streamed JSONL file counts as it is read, any other
  /// file when it is done.
  std::uint64_t bytes_done = 0, bytes_total = 0;
  std::size_t files_done = 0, files_total = 0;
  std::size_t articles = 0;  ///< articles of the files done
};

struct LoadOptions {
  FieldMapping mapping = FieldMapping::automatic();
  OnError on_error = OnError::raise;
  Format format = Format::automatic;
  /// Called on the thread that called load() between the 8 MiB windows of a
  /// streamed JSONL file and between files (when files load in parallel,
  /// every 50 ms or so). It may throw to stop the load (the Python binding
  /// raises KeyboardInterrupt this way); the exception propagates out of
  /// load() and nothing of the load is kept.
  std::function<void()> check_interrupt;
  /// Annotation inside the load: each article is annotated by `annotator` as
  /// it is read, before it is built, so it is built once; the result equals
  /// `annotator->annotate(load(...), annotate, threads)`. Null (the
  /// default): no annotation. loads() honours it too.
  std::shared_ptr<const Annotator> annotator;
  /// Which articles `annotator` annotates: all, or those without quotes and entities.
  AnnotateMode annotate = AnnotateMode::all;
  /// Threads of a load (0: one per core). With an annotator they read and
  /// annotate the files of a load in parallel, or the records of a single
  /// JSON file in batches. Without one, a JSONL file longer than one 8 MiB
  /// window is parsed a window a thread (in windows of their own storage;
  /// articles keep their order); other files are read on one thread.
  unsigned threads = 0;
  /// load() only: binary corpus files (.ndc) are mapped into memory instead
  /// of read (newsdoc::map_binary_file, whose lifetime rule applies: the
  /// file must not be truncated or rewritten in place while the corpus
  /// lives). Other files are read as always.
  bool memory_map = false;
  /// load() only: called on the thread that called load() as the load goes,
  /// with counts that never decrease, the last time with every count at its
  /// total (when the load succeeds). Returning false cancels the load: it
  /// throws newsdoc::Cancelled and keeps nothing. Like check_interrupt it
  /// may also throw to stop the load.
  std::function<bool(const LoadProgress&)> progress;
  /// The longest JSONL line, JSON document or text file accepted, in bytes;
  /// a longer one is a ParseError naming it (its file and line). White space
  /// between records never counts and is never held in memory.
  std::uint64_t max_record_bytes = std::uint64_t{1} << 30;
  /// Whether load() gives id-less records an id from their origin, records
  /// each article's origin and refuses duplicate ids (newsdoc/input.hpp).
  /// loads() never does.
  bool assign_ids = true;
  /// Called for every record read from JSON before it is built, on the
  /// thread that reads it (several at once for a JSONL file read on
  /// several threads); the input layer fills in ids and origins here. Not
  /// for general use.
  std::function<void(ArticleInput&, const RecordPosition&)> on_record;
};

/// Loads a file or a folder: see newsdoc/input.hpp, which also loads lists of paths.
/// For a JSON file:
///
/// ## Memory
/// JSONL is streamed in windows of 8 MiB that end at a newline (a longer
/// line grows its window), so memory grows with the articles, not the file.
/// A .json file is read whole.
///
/// ## Errors
/// Throws IoError when the file cannot be read, ParseError for malformed
/// JSON and SchemaError for a record that is not an article, unless
/// `options.on_error` is OnError::skip: then every good record is kept and
/// each bad one is listed in Corpus::errors() with its line.
Corpus load(const std::string& path, const LoadOptions& options = {});

/// Loads articles from JSON text held in memory. `name` is used in messages.
///
/// ## Padding and lifetime
/// simdjson reads up to SIMDJSON_PADDING bytes past the end of its input;
/// loads() copies `json` into a padded buffer first, so any view will do,
/// and nothing in the returned Corpus refers to `json` afterwards.
Corpus loads(std::string_view json, const LoadOptions& options = {},
             const std::string& name = "<string>");

}  // namespace newsdoc
