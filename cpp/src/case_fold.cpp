// Case folding for queries and search (newsdoc/query.hpp: fold_case, append_folded).
#include <string>
#include <string_view>

#include "case_fold.hpp"
#include "code_points.hpp"
#include "newsdoc/query.hpp"

namespace newsdoc {
namespace {

/// The simple lowercase (or case fold) of `c`: one code point for one, never
/// longer in UTF-8 than `c` itself (search() relies on that).
char32_t fold_code_point(char32_t c) noexcept {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if (c < 0x100) {
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0xB5) return 0x3BC;  // micro sign -> Greek mu
    return c;
  }
  if (c < 0x180) {  // Latin Extended-A
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if (c == 0x17F) return 's';
    if ((c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    return c;
  }
  if (c < 0x370) {  // Latin Extended-B: only the regular pairs (Romanian Ș, Ț among them)
    if ((c >= 0x200 && c <= 0x21F) || (c >= 0x222 && c <= 0x233)) return c | 1;
    return c;
  }
  if (c < 0x400) {  // Greek
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c == 0x3C2) return 0x3C3;  // final sigma
    return c;
  }
  if (c < 0x530) {  // Cyrillic and its supplement
    if (c <= 0x40F) return c + 80;
    if (c <= 0x42F) return c + 32;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c | 1;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
    return c;
  }
  if (c >= 0x531 && c <= 0x556) return c + 48;  // Armenian
  if (c >= 0x1E00 && c <= 0x1EFF) {            // Latin Extended Additional (Vietnamese)
    if (c <= 0x1E95 || c >= 0x1EA0) return c | 1;
    if (c == 0x1E9E) return 0xDF;  // capital sharp s
    return c;
  }
  if (c == 0x2126) return 0x3C9;  // Ohm sign
  if (c == 0x212A) return 'k';    // Kelvin sign
  if (c == 0x212B) return 0xE5;   // Angstrom sign
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;  // fullwidth Latin
  return c;
}


}  // namespace

std::string fold_case(std::string_view text) {
  std::string out;
  append_folded(text, out);
  return out;
}

void append_folded(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char lead = *p;
    if (lead < 0x80) {
      out.push_back(static_cast<char>(lead >= 'A' && lead <= 'Z' ? lead + 32 : lead));
      ++p;
      continue;
    }
    const std::size_t length = detail::utf8_sequence_length(lead);
    if (length == 0 || static_cast<std::size_t>(end - p) < length) {  // not UTF-8: kept as it is
      out.push_back(static_cast<char>(lead));
      ++p;
      continue;
    }
    char32_t c = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    bool valid = true;
    for (std::size_t i = 1; i < length; ++i) {
      if ((p[i] & 0xC0) != 0x80) valid = false;
      c = (c << 6) | (p[i] & 0x3F);
    }
    if (!valid) {
      out.push_back(static_cast<char>(lead));
      ++p;
      continue;
    }
    const char32_t folded = fold_code_point(c);
    if (folded == c) {
      out.append(reinterpret_cast<const char*>(p), length);
    } else {
      detail::append_utf8(out, folded);
    }
    p += length;
  }
}

}  // namespace newsdoc
