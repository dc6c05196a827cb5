#include "rebuild.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "newsdoc/error.hpp"

namespace newsdoc::detail {

void read_fields(const Article& article, ArticleInput& in) {
  in.id = article.id();
  in.url = article.url();
  in.source = article.source();
  in.title = article.title();
  in.language = article.language();
  in.published = article.published();
  in.authors = article.authors();
  in.tags = article.tags();
  in.meta = article.meta_json();
  in.origin = article.origin();
  in.origin_line = article.origin_line();
  in.paragraphs.clear();
  for (std::size_t i = 0; i < article.paragraph_count(); ++i)
    in.paragraphs.push_back(non_null(article.paragraph(i).text));
}

void read_input(const Article& article, OffsetUnit unit, ArticleInput& in) {
  in.clear();
  in.unit = unit;
  read_fields(article, in);
  const bool bytes = unit == OffsetUnit::bytes;
  for (std::size_t i = 0; i < article.entity_count(); ++i) {
    Entity e = article.entity(i);
    in.entities.push_back({e.id, e.name, e.type, std::move(e.aliases)});
  }
  for (std::size_t i = 0; i < article.quote_count(); ++i) {
    const Quote q = article.quote(i);
    in.quotes.push_back({bytes ? q.bytes : q.chars, q.kind, q.speaker, bytes ? q.speaker_bytes : q.speaker_chars,
                         q.cue, bytes ? q.cue_bytes : q.cue_chars, q.attribution, q.parent});
  }
  for (std::size_t i = 0; i < article.mention_count(); ++i) {
    const Mention m = article.mention(i);
    in.mentions.push_back({bytes ? m.bytes : m.chars, m.entity});
  }
}

std::exception_ptr in_article(std::exception_ptr error, std::size_t position, const Article& article) {
  const std::string where = fmt::format("article {} (id \"{}\")", position, article.id());
  try {
    std::rethrow_exception(error);
  } catch (const SchemaError& e) {
    return std::make_exception_ptr(SchemaError(fmt::format("/{}{}", position, e.pointer()), where + ": " + e.reason()));
  } catch (const OutOfRangeError& e) {
    return std::make_exception_ptr(OutOfRangeError(where + ": " + e.what()));
  } catch (const InvalidArgumentError& e) {
    return std::make_exception_ptr(InvalidArgumentError(where + ": " + e.what()));
  } catch (...) {
    return error;
  }
}

}  // namespace newsdoc::detail
