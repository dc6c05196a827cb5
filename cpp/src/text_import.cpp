#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "annotate/record_annotator.hpp"
#include "code_points.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/text.hpp"
#include "newsdoc/utf8.hpp"
#include "reader.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

/// Windows-1252's characters for bytes 0x80-0x9F (undefined ones map to the C1 control of the same value).
constexpr std::array<char16_t, 32> cp1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/// Length of the valid UTF-8 sequence starting at `p`, or 0.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || static_cast<std::size_t>(end - p) < n) return 0;
  return is_valid_utf8(std::string_view(reinterpret_cast<const char*>(p), n)) ? n : 0;
}

/// Keeps valid UTF-8 as is and decodes every other byte as Windows-1252.
std::string repair_utf8(std::string_view raw, std::size_t& repaired) {
  std::string out;
  out.reserve(raw.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const auto* end = p + raw.size();
  while (p < end) {
    if (const std::size_t n = utf8_sequence(p, end)) {
      out.append(reinterpret_cast<const char*>(p), n);
      p += n;
      continue;
    }
    ++repaired;
    detail::append_utf8(out, *p < 0xA0 ? cp1252_high[*p - 0x80] : static_cast<char32_t>(*p));
    ++p;
  }
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

/// Site furniture that ends many scraped articles.
bool is_boilerplate(std::string_view block) {
  static constexpr std::string_view furniture[] = {
      "comments", "comment", "share", "share this", "share this article", "share on facebook", "share on twitter",
      "advertisement", "related", "related articles", "related stories", "read more", "more on this story",
      "print", "email", "tweet", "subscribe", "sponsored", "newsletter", "sign up", "leave a comment",
      "show comments", "view comments", "back to top"};
  std::string line = lower_ascii(trim_white_space(block));
  while (!line.empty() && (line.back() == ':' || line.back() == '.')) line.pop_back();
  return std::find(std::begin(furniture), std::end(furniture), line) != std::end(furniture);
}

std::vector<std::string_view> split_tags(std::string_view line) {
  std::vector<std::string_view> items;
  while (true) {
    const auto comma = line.find(',');
    items.push_back(trim_white_space(line.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
  return items;
}

/// A block that is one line of comma-separated names. `indented` lines need
/// two names; others three, to tell them from a short last sentence.
bool is_tags_line(std::string_view block, bool indented) {
  if (block.find('\n') != std::string_view::npos) return false;
  const auto items = split_tags(block);
  if (items.size() < (indented ? 2u : 3u)) return false;
  for (auto item : items) {
    if (item.empty() || item.size() > 60) return false;
    const auto words = 1 + std::count(item.begin(), item.end(), ' ');
    const unsigned char first = static_cast<unsigned char>(item.front());
    if (words > 5 || (first < 0x80 && !std::isupper(first) && !std::isdigit(first))) return false;
    if (std::string_view(".!?;\"").find(item.back()) != std::string_view::npos) return false;
    // Names, not a line-up or a note: "Replacements: A (Club), B (Club)".
    if (item.find_first_of(":()[]") != std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

Corpus parse_text(std::string_view raw, const TextImportOptions& options) {
  return detail::parse_text(raw, options, nullptr);
}

namespace detail {

Corpus parse_text(std::string_view raw, const TextImportOptions& options, RecordAnnotator* annotator) {
  std::size_t repaired = 0;
  std::string text = is_valid_utf8(raw) ? std::string(raw) : repair_utf8(raw, repaired);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());

  // Blocks of non-blank lines; each keeps its raw first line to tell indentation.
  struct Block {
    std::vector<std::string_view> lines;
    bool indented = false;
  };
  std::vector<Block> blocks;
  bool in_block = false;
  std::string_view rest = text;
  while (!rest.empty() || in_block) {
    const auto newline = rest.find('\n');
    const std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    const std::string_view trimmed = trim_white_space(line);
    if (trimmed.empty()) {
      in_block = false;
      if (rest.empty()) break;
      continue;
    }
    if (!in_block) blocks.push_back(Block{{}, trimmed.data() != line.data()});
    blocks.back().lines.push_back(trimmed);
    in_block = true;
    if (rest.empty()) break;
  }

  ArticleInput in;
  in.id = options.id;
  std::vector<std::string> folded;  // paragraphs with their line breaks folded
  std::size_t first = 0, last = blocks.size();
  if (!blocks.empty()) {
    in.title = blocks[0].lines[0];
    blocks[0].lines.erase(blocks[0].lines.begin());
    if (blocks[0].lines.empty()) first = 1;
  }
  std::vector<std::string_view> boilerplate;
  while (last > first && blocks[last - 1].lines.size() == 1 && is_boilerplate(blocks[last - 1].lines[0])) {
    boilerplate.insert(boilerplate.begin(), blocks[--last].lines[0]);
  }
  if (last > first + 1 && blocks[last - 1].lines.size() == 1 &&
      is_tags_line(blocks[last - 1].lines[0], blocks[last - 1].indented)) {
    in.tags = split_tags(blocks[--last].lines[0]);
  }
  folded.reserve(last - first);
  for (std::size_t b = first; b < last; ++b) {
    std::string paragraph;
    for (auto line : blocks[b].lines) {
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line;
    }
    folded.push_back(std::move(paragraph));
  }
  for (const auto& paragraph : folded) in.paragraphs.push_back(paragraph);

  std::string meta = "{";
  if (!boilerplate.empty()) {
    meta += "\"boilerplate\":[";
    for (std::size_t i = 0; i < boilerplate.size(); ++i) {
      if (i) meta += ',';
      meta += '"';
      append_json_escaped(meta, boilerplate[i]);
      meta += '"';
    }
    meta += ']';
  }
  if (repaired) {
    if (meta.size() > 1) meta += ',';
    meta += fmt::format("\"decoding\":{{\"fallback\":\"windows-1252\",\"bytes\":{}}}", repaired);
  }
  meta += '}';
  in.meta = meta;
  in.origin = options.origin;

  CorpusBuilder builder;
  if (annotator) {
    annotator->check(in);
    builder.add(annotator->annotate(in));
  } else {
    builder.add(in);
  }
  return builder.finish();
}

}  // namespace detail

Corpus read_text(const std::string& path) {
  // A directory opens as a stream that reads as empty: say what it is, as load() does.
  std::error_code ignored;
  const auto status = std::filesystem::status(path, ignored);
  if (std::filesystem::is_directory(status)) throw IoError(path, std::strerror(EISDIR));
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw IoError(path, "not a regular file");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError(path, "cannot open file");
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) throw IoError(path, "read failed");
  std::string name = path.substr(path.find_last_of('/') + 1);
  if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.erase(dot);
  return parse_text(content.str(), TextImportOptions{name, ""});
}

}  // namespace newsdoc
