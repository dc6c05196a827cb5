// Plain-text search over a corpus (newsdoc/query.hpp: search).
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "case_fold.hpp"
#include "code_points.hpp"
#include "newsdoc/query.hpp"
#include "newsdoc/utf8.hpp"

namespace newsdoc {

std::string_view to_string(SearchField field) noexcept { return field == SearchField::title ? "title" : "body"; }

namespace {

/// Code point offsets of byte offsets in `text`, asked for in ascending order.
class CharCounter {
 public:
  explicit CharCounter(std::string_view text) : text_(text) {}
  std::uint32_t at(std::size_t byte) {
    chars_ += count_code_points(text_.substr(byte_, byte - byte_));
    byte_ = byte;
    return chars_;
  }

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::uint32_t chars_ = 0;
};

/// Byte offsets of code point offsets in `text`, asked for in ascending order.
class ByteCounter {
 public:
  explicit ByteCounter(std::string_view text) : text_(text) {}
  std::uint32_t at(std::uint32_t chars) {
    while (chars_ < chars && byte_ < text_.size()) {
      const auto length = detail::utf8_sequence_length(static_cast<unsigned char>(text_[byte_]));
      byte_ += length == 0 ? 1 : length;
      ++chars_;
    }
    return static_cast<std::uint32_t>(byte_);
  }

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::uint32_t chars_ = 0;
};

void search_field(std::string_view text, std::string_view needle, bool fold, std::string& buffer, std::uint32_t article,
                  SearchField field, std::vector<SearchHit>& out) {
  if (text.size() < needle.size()) return;  // a folded text is never longer than the text
  const std::string_view haystack = fold ? detail::fold_into(text, buffer) : text;
  // Folding never lengthens a code point, so equal sizes mean every code
  // point kept its length: the byte offsets are those of `text`.
  const bool same_bytes = haystack.size() == text.size();
  CharCounter chars(haystack);
  ByteCounter bytes(text);
  std::size_t at = haystack.find(needle);
  while (at != std::string_view::npos) {
    SearchHit hit;
    hit.article = article;
    hit.field = field;
    hit.chars.start = chars.at(at);
    hit.chars.end = chars.at(at + needle.size());
    if (same_bytes) {
      hit.bytes = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
    } else {
      hit.bytes.start = bytes.at(hit.chars.start);
      hit.bytes.end = bytes.at(hit.chars.end);
    }
    out.push_back(hit);
    at = haystack.find(needle, at + needle.size());
  }
}

}  // namespace

std::vector<SearchHit> search(const Corpus& corpus, std::string_view pattern, const SearchOptions& options) {
  if (pattern.empty()) throw InvalidArgumentError("the search pattern is empty");
  const bool fold = !options.case_sensitive;
  const std::string needle = fold ? fold_case(pattern) : std::string(pattern);
  std::string buffer;
  std::vector<SearchHit> out;
  const auto& articles = corpus.articles();
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const auto& article = articles[a];
    if (options.title) search_field(article.title(), needle, fold, buffer, a, SearchField::title, out);
    if (options.body) search_field(article.text(), needle, fold, buffer, a, SearchField::body, out);
  }
  return out;
}

}  // namespace newsdoc
