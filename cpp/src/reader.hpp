// The JSON reader as the input layer (input.cpp) calls it.
#pragma once

#include <string>

#include "newsdoc/json.hpp"

namespace newsdoc::detail {

/// One JSON or JSONL file (gzip or not), read as docs/schema.md says.
Corpus load_json_file(const std::string& path, const LoadOptions& options);

}  // namespace newsdoc::detail
