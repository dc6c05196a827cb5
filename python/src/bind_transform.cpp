// newsdoc._core transform functions: shims over newsdoc/transform.hpp. The
// arguments arrive parsed by newsdoc._transform (offsets in code points,
// annotations as plain tuples); the C++ work runs with the GIL released.
// Each transform is one entry taking an Article or a Corpus (a Target) and
// returning the same kind: the Article and Corpus overloads of the core, the
// thread count going to the Corpus one. Errors go through core_module.cpp's
// one translator (EntityNotFound: a KeyError).
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
      throw py::value_error("unknown quote kind \"" + kind + "\"");
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

/// `on_article(article)` or `on_corpus(corpus)`, whichever `target` (a _core.Article or a _core.Corpus)
/// is, with the GIL released: every transform takes either and gives back the same kind.
template <class OnArticle, class OnCorpus>
py::object transformed(py::handle target, const OnArticle& on_article, const OnCorpus& on_corpus) {
  if (py::isinstance<newsdoc::Article>(target)) {
    const auto& article = target.cast<const newsdoc::Article&>();
    return py::cast([&] {
      py::gil_scoped_release release;
      return on_article(article);
    }());
  }
  const auto& corpus = target.cast<const newsdoc::Corpus&>();
  return py::cast([&] {
    py::gil_scoped_release release;
    return on_corpus(corpus);
  }());
}

/// The one list of per-article `lists` that an Article takes.
template <class T>
const T& only_list(const std::vector<T>& lists) {
  if (lists.size() != 1) throw py::value_error("an Article takes one list of annotations");
  return lists[0];
}

}  // namespace

void bind_transform(py::module_& m) {
  m.def(
      "redact",
      [](py::handle target, std::vector<std::string> types, std::string placeholder, unsigned threads) {
        const newsdoc::RedactOptions options{std::move(types), std::move(placeholder)};
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::redact(a, options); },
            [&](const newsdoc::Corpus& c) { return newsdoc::redact(c, options, threads); });
      },
      "target"_a, "types"_a, "placeholder"_a, "threads"_a);

  m.def(
      "normalize_quotes",
      [](py::handle target, const std::string& style, unsigned threads) {
        const auto parsed = quote_style(style);
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::normalize_quotes(a, parsed); },
            [&](const newsdoc::Corpus& c) { return newsdoc::normalize_quotes(c, parsed, threads); });
      },
      "target"_a, "style"_a, "threads"_a);

  py::class_<newsdoc::ParagraphSelection>(m, "ParagraphSelection")
      .def_static("at", &newsdoc::ParagraphSelection::at, "positions"_a)
      .def_static("slice", &newsdoc::ParagraphSelection::slice, "start"_a, "stop"_a, "step"_a);
  m.def(
      "select_paragraphs",
      [](py::handle target, const newsdoc::ParagraphSelection& selection, unsigned threads) {
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::select_paragraphs(a, selection); },
            [&](const newsdoc::Corpus& c) { return newsdoc::select_paragraphs(c, selection, threads); });
      },
      "target"_a, "selection"_a, "threads"_a);
  m.def(
      "select_paragraph_lists",
      [](py::handle target, const std::vector<std::vector<std::uint32_t>>& kept, unsigned threads) {
        return transformed(
            target,
            [&](const newsdoc::Article& a) {
              const auto& positions = only_list(kept);
              return newsdoc::select_paragraphs(
                  a, newsdoc::ParagraphSelection::at(std::vector<std::int64_t>(positions.begin(), positions.end())));
            },
            [&](const newsdoc::Corpus& c) { return newsdoc::select_paragraphs(c, kept, threads); });
      },
      "target"_a, "kept"_a, "threads"_a);

  m.def(
      "rename_entity",
      [](py::handle target, const std::string& key, const std::string& new_name, unsigned threads) {
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::rename_entity(a, key, new_name); },
            [&](const newsdoc::Corpus& c) { return newsdoc::rename_entity(c, key, new_name, threads); });
      },
      "target"_a, "key"_a, "new_name"_a, "threads"_a);
  m.def(
      "merge_entities",
      [](py::handle target, const std::string& kept, const std::string& absorbed, unsigned threads) {
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::merge_entities(a, kept, absorbed); },
            [&](const newsdoc::Corpus& c) { return newsdoc::merge_entities(c, kept, absorbed, threads); });
      },
      "target"_a, "kept"_a, "absorbed"_a, "threads"_a);

  m.def(
      "with_entities",
      [](py::handle target, const std::vector<std::vector<EntityTuple>>& items, bool replace, unsigned threads) {
        std::vector<std::vector<newsdoc::EntitySpan>> spans;
        spans.reserve(items.size());
        for (const auto& list : items) spans.push_back(entity_spans(list));
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::with_entities(a, only_list(spans), replace); },
            [&](const newsdoc::Corpus& c) { return newsdoc::with_entities(c, spans, replace, threads); });
      },
      "target"_a, "items"_a, "replace"_a, "threads"_a);
  m.def(
      "with_quotes",
      [](py::handle target, const std::vector<std::vector<QuoteTuple>>& items, bool replace, unsigned threads) {
        std::vector<std::vector<newsdoc::QuoteSpan>> quotes;
        quotes.reserve(items.size());
        for (const auto& list : items) quotes.push_back(quote_spans(list));
        return transformed(
            target, [&](const newsdoc::Article& a) { return newsdoc::with_quotes(a, only_list(quotes), replace); },
            [&](const newsdoc::Corpus& c) { return newsdoc::with_quotes(c, quotes, replace, threads); });
      },
      "target"_a, "items"_a, "replace"_a, "threads"_a);
}
