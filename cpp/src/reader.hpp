// The JSON reader and the text importer as the input layer (input.cpp) calls them.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/input.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/text.hpp"

namespace newsdoc::detail {

class RecordAnnotator;

/// What the input layer adds to the load of one JSON file.
struct FilePipeline {
  /// Annotators for the records, each annotated before it is built: none
  /// (no annotation), one (as read), or one per thread (in batches split
  /// over the threads, in record order).
  std::vector<RecordAnnotator*> annotators;
  /// Where a streamed JSONL file reports the bytes of it read so far (of the
  /// compressed file, for gzip), between windows; null: nowhere.
  std::atomic<std::uint64_t>* bytes_read = nullptr;
};

/// One JSON or JSONL file (gzip or not), read as docs/schema.md says.
Corpus load_json_file(const std::string& path, const LoadOptions& options, const FilePipeline& pipeline = {});

/// JSON or JSONL held in memory, read as the bytes of the file `name` from
/// `start` on (lines and offsets in messages and RecordPosition): copied into a
/// padded buffer, each record annotated before it is built when
/// options.annotator is set, on options.threads threads.
Corpus load_json_bytes(std::string_view json, const LoadOptions& options, const std::string& name, FileStart start);

/// parse_text(), the article annotated by `annotator` (when not null) before it is built.
Corpus parse_text(std::string_view raw, const TextImportOptions& options, RecordAnnotator* annotator);

}  // namespace newsdoc::detail
