// The canonical JSON form of an article (docs/schema.md): keys in a fixed
// order, no white space, UTF-8 as is, and only the escapes JSON requires.
#include <fmt/format.h>

#include <iterator>

#include "newsdoc/article.hpp"
#include "newsdoc/json.hpp"
#include "store.hpp"

namespace newsdoc {
namespace {

void append_string(std::string& out, std::string_view text) {
  out += '"';
  append_json_escaped(out, text);
  out += '"';
}

void append_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

/// Authors, tags or aliases, read from the store: the Article accessors
/// would build a vector for each list.
void append_string_list(std::string& out, const detail::Store& store, detail::Range list) {
  out += '[';
  for (auto i = list.begin; i < list.end; ++i) {
    if (i > list.begin) out += ',';
    append_string(out, store.strings[i].view());
  }
  out += ']';
}

void append_span(std::string& out, Span chars) {
  fmt::format_to(std::back_inserter(out), "\"start\":{},\"end\":{}", chars.start, chars.end);
}

void append_article(std::string& out, const Article& a) {
  const detail::Store& store = *detail::Internals::store(a);
  const detail::ArticleRecord& record = detail::Internals::record(a);
  // Quotes and mentions name their entity by id: read it from the store, as
  // Article::entity() would build a whole Entity, aliases and all, for it.
  const auto entity = [&](std::size_t k) -> const detail::EntityRecord& {
    return store.entities[record.entities.begin + k];
  };
  out += '{';
  append_key(out, "id");
  append_string(out, a.id());
  out += ',';
  append_key(out, "url");
  append_string(out, a.url());
  out += ',';
  append_key(out, "source");
  append_string(out, a.source());
  out += ',';
  append_key(out, "title");
  append_string(out, a.title());
  out += ',';
  append_key(out, "authors");
  append_string_list(out, store, record.authors);
  out += ',';
  append_key(out, "published");
  if (const auto published = a.published()) {
    append_string(out, *published);
  } else {
    out += "null";
  }
  out += ',';
  append_key(out, "language");
  append_string(out, a.language());
  out += ',';
  append_key(out, "tags");
  append_string_list(out, store, record.tags);
  out += ',';
  append_key(out, "paragraphs");
  out += '[';
  for (std::size_t i = 0; i < a.paragraph_count(); ++i) {
    if (i) out += ',';
    append_string(out, a.paragraph(i).text);
  }
  out += "],";
  append_key(out, "quotes");
  out += '[';
  for (std::size_t i = 0; i < a.quote_count(); ++i) {
    const Quote q = a.quote(i);
    if (i) out += ',';
    out += '{';
    append_span(out, q.chars);
    out += ",\"kind\":";
    append_string(out, to_string(q.kind));
    out += ",\"speaker\":";
    if (q.speaker == no_entity) {
      out += "null";
    } else {
      append_string(out, entity(static_cast<std::size_t>(q.speaker)).id.view());
    }
    out += ",\"speaker_span\":";
    if (q.speaker_chars) {
      fmt::format_to(std::back_inserter(out), "[{},{}]", q.speaker_chars->start, q.speaker_chars->end);
    } else {
      out += "null";
    }
    out += ",\"cue\":";
    if (q.cue.empty()) {
      out += "null";
    } else {
      append_string(out, q.cue);
    }
    out += ",\"cue_span\":";
    if (q.cue_chars) {
      fmt::format_to(std::back_inserter(out), "[{},{}]", q.cue_chars->start, q.cue_chars->end);
    } else {
      out += "null";
    }
    fmt::format_to(std::back_inserter(out), ",\"attribution\":{},\"parent\":", q.attribution);
    if (q.parent == no_quote) {
      out += "null";
    } else {
      fmt::format_to(std::back_inserter(out), "{}", q.parent);
    }
    out += '}';
  }
  out += "],";
  append_key(out, "entities");
  out += '[';
  for (std::size_t i = 0; i < a.entity_count(); ++i) {
    const detail::EntityRecord& e = entity(i);
    if (i) out += ',';
    out += "{\"id\":";
    append_string(out, e.id.view());
    out += ",\"name\":";
    append_string(out, e.name.view());
    out += ",\"type\":";
    append_string(out, e.type.view());
    out += ",\"aliases\":";
    append_string_list(out, store, e.aliases);
    out += '}';
  }
  out += "],";
  append_key(out, "mentions");
  out += '[';
  for (std::size_t i = 0; i < a.mention_count(); ++i) {
    const Mention m = a.mention(i);
    if (i) out += ',';
    out += "{\"entity\":";
    append_string(out, entity(m.entity).id.view());
    out += ',';
    append_span(out, m.chars);
    out += '}';
  }
  out += "],";
  append_key(out, "meta");
  out += a.meta_json();
  out += '}';
}

/// About the size of an article's canonical JSON, to allocate once.
std::size_t size_hint(const Article& a) {
  return 256 + a.text().size() + a.title().size() + a.url().size() + a.meta_json().size() +
         96 * a.quote_count() + 48 * (a.mention_count() + a.entity_count());
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t clean_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + clean_from, i - clean_from);
    clean_from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
  }
  out.append(text.data() + clean_from, text.size() - clean_from);
}

std::string Article::to_json() const {
  std::string out;
  out.reserve(size_hint(*this));
  append_article(out, *this);
  return out;
}

std::string Corpus::to_jsonl() const {
  std::string out;
  std::size_t size = 0;
  for (const Article& a : articles_) size += size_hint(a) + 1;
  out.reserve(size);
  for (const Article& a : articles_) {
    append_article(out, a);
    out += '\n';
  }
  return out;
}

}  // namespace newsdoc
