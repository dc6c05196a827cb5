#include <stdexcept>

#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"

namespace newsdoc {

namespace {
constexpr std::string_view field_names[field_count] = {
    "id", "url", "source", "title", "authors", "published", "language",
    "tags", "body", "quotes", "entities", "mentions", "meta"};
}  // namespace

std::string_view to_string(Field field) noexcept { return field_names[static_cast<std::size_t>(field)]; }

std::optional<Field> field_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < field_count; ++i) {
    if (field_names[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

FieldMapping& FieldMapping::set(Field field, std::vector<std::string> names) {
  keys[static_cast<std::size_t>(field)] = std::move(names);
  return *this;
}

FieldMapping FieldMapping::canonical() {
  FieldMapping m;
  m.set(Field::id, {"id"}).set(Field::url, {"url"}).set(Field::source, {"source"}).set(Field::title, {"title"});
  m.set(Field::authors, {"authors"}).set(Field::published, {"published"}).set(Field::language, {"language"});
  m.set(Field::tags, {"tags"}).set(Field::body, {"paragraphs"}).set(Field::quotes, {"quotes"});
  m.set(Field::entities, {"entities"}).set(Field::mentions, {"mentions"}).set(Field::meta, {"meta"});
  return m;
}

FieldMapping FieldMapping::automatic() {
  FieldMapping m = canonical();
  m.prefer_original = true;
  m.set(Field::id, {"id", "ID", "_id"});
  m.set(Field::url, {"url"});
  m.set(Field::source, {"source", "domain", "source_domain"});
  m.set(Field::title, {"title"});
  m.set(Field::authors, {"authors", "author"});
  m.set(Field::published, {"published", "date", "date_publish", "publish_date"});
  m.set(Field::language, {"language"});
  m.set(Field::tags, {"tags", "keywords"});
  m.set(Field::body, {"paragraphs", "text", "maintext", "content", "body"});
  return m;
}

FieldMapping FieldMapping::news_please() {
  FieldMapping m = canonical();
  m.set(Field::id, {}).set(Field::source, {"source_domain"}).set(Field::published, {"date_publish"});
  m.set(Field::body, {"maintext"}).set(Field::tags, {});
  return m;
}

FieldMapping FieldMapping::cc_news() {
  FieldMapping m = canonical();
  m.set(Field::id, {}).set(Field::source, {"domain"}).set(Field::published, {"date"});
  m.set(Field::body, {"text"}).set(Field::tags, {});
  return m;
}

FieldMapping FieldMapping::newspaper() {
  FieldMapping m = canonical();
  m.set(Field::id, {}).set(Field::source, {"source_url"}).set(Field::published, {"publish_date"});
  m.set(Field::body, {"text"}).set(Field::language, {"meta_lang"}).set(Field::tags, {"keywords", "tags"});
  return m;
}

FieldMapping FieldMapping::preset(std::string_view name) {
  if (name == "canonical") return canonical();
  if (name == "auto") return automatic();
  if (name == "news-please") return news_please();
  if (name == "cc-news") return cc_news();
  if (name == "newspaper") return newspaper();
  std::string expected;
  for (const std::string_view preset : mapping_presets) expected += (expected.empty() ? "" : ", ") + std::string(preset);
  throw InvalidArgumentError("unknown mapping preset \"" + std::string(name) + "\" (expected one of " + expected + ")");
}

}  // namespace newsdoc
