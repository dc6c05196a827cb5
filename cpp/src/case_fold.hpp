// Helpers of case folding shared by the queries (query.cpp) and search
// (search.cpp); fold_case and append_folded themselves are public
// (newsdoc/query.hpp) and live in case_fold.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "newsdoc/query.hpp"

namespace newsdoc::detail {

/// `text` folded into `out` (replacing its content); returns a view of it.
inline std::string_view fold_into(std::string_view text, std::string& out) {
  out.clear();
  append_folded(text, out);
  return out;
}

}  // namespace newsdoc::detail
