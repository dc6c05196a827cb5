// newsdoc._core transform functions: shims over newsdoc/transform.hpp. The
// arguments arrive parsed by newsdoc._transform (offsets in code points,
// annotations as plain tuples); the C++ work runs with the GIL released.
// Errors go through core_module.cpp's one translator (EntityNotFound: a KeyError).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <newsdoc/transform.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace py = pybind11;
using namespace py::literals;

namespace {

/// (start, end, label, id, name) as newsdoc._transform gives an entity mention.
using EntityTuple = std::tuple<std::uint32_t, std::uint32_t, std::string, std::string, std::string>;
using OptionalSpan = std::optional<std::pair<std::uint32_t, std::uint32_t>>;
/// (start, end, kind, speaker id, speaker span, cue, cue span, attribution, parent) as
/// newsdoc._transform gives a quote.
using QuoteTuple = std::tuple<std::uint32_t, std::uint32_t, std::string, std::string, OptionalSpan, std::string,
                              OptionalSpan, std::optional<std::uint32_t>, std::optional<std::int32_t>>;

std::optional<newsdoc::Span> to_span(const OptionalSpan& span) {
  if (!span) return std::nullopt;
  return newsdoc::Span{span->first, span->second};
}

std::vector<newsdoc::EntitySpan> entity_spans(const std::vector<EntityTuple>& items) {
  std::vector<newsdoc::EntitySpan> out;
  out.reserve(items.size());
  for (const auto& [start, end, label, id, name] : items) out.push_back({{start, end}, label, id, name});
  return out;
}

std::vector<newsdoc::QuoteSpan> quote_spans(const std::vector<QuoteTuple>& items) {
  std::vector<newsdoc::QuoteSpan> out;
  out.reserve(items.size());
  for (const auto& [start, end, kind, speaker, speaker_span, cue, cue_span, attribution, parent] : items) {
    const auto parsed = newsdoc::quote_kind_from_string(kind);
    if (!parsed)
      throw py::value_error("quote kind must be \"direct\", \"partial\" or \"indirect\", not \"" + kind + "\"");
    out.push_back({{start, end}, *parsed, speaker, to_span(speaker_span), cue, to_span(cue_span), attribution,
                   parent.value_or(newsdoc::no_quote)});
  }
  return out;
}

newsdoc::QuoteStyle quote_style(const std::string& name) {
  const auto style = newsdoc::quote_style_from_string(name);
  if (!style) throw py::value_error("style must be \"straight\" or \"curly\", not \"" + name + "\"");
  return *style;
}

}  // namespace

void bind_transform(py::module_& m) {
  m.def(
      "redact_article",
      [](const newsdoc::Article& article, std::vector<std::string> types, std::string placeholder) {
        const newsdoc::RedactOptions options{std::move(types), std::move(placeholder)};
        py::gil_scoped_release release;
        return newsdoc::redact(article, options);
      },
      "article"_a, "types"_a, "placeholder"_a);
  m.def(
      "redact_corpus",
      [](const newsdoc::Corpus& corpus, std::vector<std::string> types, std::string placeholder, unsigned threads) {
        const newsdoc::RedactOptions options{std::move(types), std::move(placeholder)};
        py::gil_scoped_release release;
        return newsdoc::redact(corpus, options, threads);
      },
      "corpus"_a, "types"_a, "placeholder"_a, "threads"_a);

  m.def(
      "normalize_quotes_article",
      [](const newsdoc::Article& article, const std::string& style) {
        const auto parsed = quote_style(style);
        py::gil_scoped_release release;
        return newsdoc::normalize_quotes(article, parsed);
      },
      "article"_a, "style"_a);
  m.def(
      "normalize_quotes_corpus",
      [](const newsdoc::Corpus& corpus, const std::string& style, unsigned threads) {
        const auto parsed = quote_style(style);
        py::gil_scoped_release release;
        return newsdoc::normalize_quotes(corpus, parsed, threads);
      },
      "corpus"_a, "style"_a, "threads"_a);

  py::class_<newsdoc::ParagraphSelection>(m, "ParagraphSelection")
      .def_static("at", &newsdoc::ParagraphSelection::at, "positions"_a)
      .def_static("slice", &newsdoc::ParagraphSelection::slice, "start"_a, "stop"_a, "step"_a);
  m.def(
      "select_paragraphs_article",
      [](const newsdoc::Article& article, const newsdoc::ParagraphSelection& selection) {
        py::gil_scoped_release release;
        return newsdoc::select_paragraphs(article, selection);
      },
      "article"_a, "selection"_a);
  m.def(
      "select_paragraphs_corpus",
      [](const newsdoc::Corpus& corpus, const newsdoc::ParagraphSelection& selection, unsigned threads) {
        py::gil_scoped_release release;
        return newsdoc::select_paragraphs(corpus, selection, threads);
      },
      "corpus"_a, "selection"_a, "threads"_a);
  m.def(
      "select_paragraph_lists",
      [](const newsdoc::Corpus& corpus, const std::vector<std::vector<std::uint32_t>>& kept, unsigned threads) {
        py::gil_scoped_release release;
        return newsdoc::select_paragraphs(corpus, kept, threads);
      },
      "corpus"_a, "kept"_a, "threads"_a);

  m.def(
      "rename_entity_article",
      [](const newsdoc::Article& article, const std::string& key, const std::string& new_name) {
        py::gil_scoped_release release;
        return newsdoc::rename_entity(article, key, new_name);
      },
      "article"_a, "key"_a, "new_name"_a);
  m.def(
      "rename_entity_corpus",
      [](const newsdoc::Corpus& corpus, const std::string& key, const std::string& new_name, unsigned threads) {
        py::gil_scoped_release release;
        return newsdoc::rename_entity(corpus, key, new_name, threads);
      },
      "corpus"_a, "key"_a, "new_name"_a, "threads"_a);
  m.def(
      "merge_entities_article",
      [](const newsdoc::Article& article, const std::string& kept, const std::string& absorbed) {
        py::gil_scoped_release release;
        return newsdoc::merge_entities(article, kept, absorbed);
      },
      "article"_a, "kept"_a, "absorbed"_a);
  m.def(
      "merge_entities_corpus",
      [](const newsdoc::Corpus& corpus, const std::string& kept, const std::string& absorbed, unsigned threads) {
        py::gil_scoped_release release;
        return newsdoc::merge_entities(corpus, kept, absorbed, threads);
      },
      "corpus"_a, "kept"_a, "absorbed"_a, "threads"_a);

  m.def(
      "with_entities_article",
      [](const newsdoc::Article& article, const std::vector<EntityTuple>& items, bool replace) {
        const auto spans = entity_spans(items);
        py::gil_scoped_release release;
        return newsdoc::with_entities(article, spans, replace);
      },
      "article"_a, "items"_a, "replace"_a);
  m.def(
      "with_entities_corpus",
      [](const newsdoc::Corpus& corpus, const std::vector<std::vector<EntityTuple>>& items, bool replace,
         unsigned threads) {
        std::vector<std::vector<newsdoc::EntitySpan>> spans;
        spans.reserve(items.size());
        for (const auto& list : items) spans.push_back(entity_spans(list));
        py::gil_scoped_release release;
        return newsdoc::with_entities(corpus, spans, replace, threads);
      },
      "corpus"_a, "items"_a, "replace"_a, "threads"_a);
  m.def(
      "with_quotes_article",
      [](const newsdoc::Article& article, const std::vector<QuoteTuple>& items, bool replace) {
        const auto quotes = quote_spans(items);
        py::gil_scoped_release release;
        return newsdoc::with_quotes(article, quotes, replace);
      },
      "article"_a, "items"_a, "replace"_a);
  m.def(
      "with_quotes_corpus",
      [](const newsdoc::Corpus& corpus, const std::vector<std::vector<QuoteTuple>>& items, bool replace,
         unsigned threads) {
        std::vector<std::vector<newsdoc::QuoteSpan>> quotes;
        quotes.reserve(items.size());
        for (const auto& list : items) quotes.push_back(quote_spans(list));
        py::gil_scoped_release release;
        return newsdoc::with_quotes(corpus, quotes, replace, threads);
      },
      "corpus"_a, "items"_a, "replace"_a, "threads"_a);
}
