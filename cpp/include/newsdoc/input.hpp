// newsdoc's one input layer: files, folders and lists of them, in every
// format newsdoc reads, each article with a stable id and its origin.
// Python's newsdoc.load, the newsdoc command and newsdoc.dask all call it.
//
// ## What is read
// A folder is walked recursively; its files whose names end in .json,
// .jsonl, .ndjson (each also with .gz), .txt or .ndc are read in path order
// (the full paths sorted as strings); other files are ignored. A file named
// directly is read whatever its name: .jsonl/.ndjson (and .gz) are streamed
// JSONL, .txt is a plain-text article (newsdoc/text.hpp), .ndc a binary
// corpus file (newsdoc/binary.hpp), .json one document or JSONL; any other
// name is sniffed: the binary magic, then JSON ('{' or '['), else text.
//
// ## Identity and origin (docs/schema.md)
// A file's id is its path relative to the folder named in the load, without
// its suffix ("business/001"), or for a file named directly its name without
// suffix ("news"). A record keeps the id it has; an id-less one gets
//   - the file's id, when it is the file's only document (a .txt, a .json object);
//   - "<file id>/<i>" for element i of a .json array;
//   - "<file id>:<line>" for a JSONL line, "<file id>:<line>/<i>" for element i of an array on a JSONL line.
// Every article read from a file records its origin: Article::origin() is
// the file as opened, Article::origin_line() the 1-based line its record
// starts on (0 for a .txt). Origins are load metadata, not content: they
// survive annotation and transforms, and the binary form (save, pickles)
// carries them, but JSON does not. Two articles of one load with the same id are an error
// (OnError::skip keeps the first and lists the others).
//
// ## Annotation, progress, cancelling (LoadOptions)
// With LoadOptions::annotator each record is annotated as it is read, before
// its article is built, so every article is built once; the result equals
// annotating the loaded corpus. With several threads (LoadOptions::threads)
// the files of a load are read and annotated in parallel, each worker taking
// the next file, or a single JSON file's records in batches split over the
// threads; articles keep their order. A .ndc file is built as saved and then
// annotated. LoadOptions::progress and check_interrupt run on the calling
// thread; progress returning false throws Cancelled, and a stopped load
// keeps nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/json.hpp"

namespace newsdoc {

/// One file a load reads, and the id its articles are named from.
struct SourceFile {
  std::string path;  ///< as opened: the folder named in the load joined with the relative path
  std::string id;    ///< relative path without suffix, "/"-separated
};

/// The files a load of `paths` reads, in order. Throws NotFoundError for a
/// path that does not exist.
std::vector<SourceFile> list_inputs(const std::vector<std::string>& paths);

/// Loads every file of `paths` (files and folders, see above) into one corpus.
///
/// ## Errors
/// NotFoundError for a missing path; IoError for a file that cannot be read
/// or a .txt whose bytes are not text (NUL bytes, control characters, an
/// ELF, ZIP, PDF or PNG file) — with OnError::skip, listed (at line 0) and
/// skipped when the load reads a folder or several files;
/// ParseError and SchemaError as for JSON (newsdoc/json.hpp); SchemaError
/// for a duplicate id, and for JSON in which no record has a title or a
/// body under the mapping (naming the first record and its keys); Error
/// when a folder yields no article at all.
Corpus load(const std::vector<std::string>& paths, const LoadOptions& options = {});

/// Loads `files` as listed (by list_inputs(), or by a caller that walks
/// another filesystem, as newsdoc.dask does), naming articles from their ids.
Corpus load(const std::vector<SourceFile>& files, const LoadOptions& options = {});

/// Loads the content of `file` that a caller read itself (from another
/// filesystem, as newsdoc.dask does; decompressed if it was gzip) as load()
/// loads the file, in JSON or JSONL: the same ids, origins, checks and
/// messages. The format is options.format, else JSONL for a .jsonl/.ndjson
/// name or content longer than options.max_record_bytes, else one document
/// or JSONL as in loads().
Corpus load_bytes(const SourceFile& file, std::string_view content, const LoadOptions& options = {});

/// Where bytes held in memory begin in their file.
struct FileStart {
  std::uint64_t line = 1;  ///< 1-based
  std::uint64_t byte = 0;  ///< 0-based
};

/// Loads whole JSONL lines of `file` that begin at `start` (a block of it
/// that a caller read, as newsdoc.dask does) as load() loads them in the
/// file: the same ids and origins, and messages naming the file and the
/// line in it. The checks see only `lines`: a duplicate id is an error
/// (OnError::skip: listed) when both records are in them; the mapping check
/// (no record with a title or a body), which is about the whole file, is
/// not made.
Corpus load_lines(const SourceFile& file, std::string_view lines, FileStart start, const LoadOptions& options = {});

/// The id of a file named `name`: without its suffix (".jsonl.gz", ".txt", ...).
std::string file_id(std::string_view name);

/// True when `bytes` look like text: no NUL byte, few control characters and
/// no executable, archive, PDF or image magic at the start.
bool looks_like_text(std::string_view bytes) noexcept;

/// Writes `corpus` to `path` in the binary corpus form (newsdoc/binary.hpp:
/// magic, version, CRC-32), which load() reads back (suffix ".ndc" by
/// convention; the magic decides). Throws IoError when it cannot be written.
void save(const Corpus& corpus, const std::string& path);

}  // namespace newsdoc
