// newsdoc._core query functions: the CorpusIndex of newsdoc/query.hpp, the
// literal search and sub-corpora by position. Results cross as UIntArray
// objects (a vector of uint32 with the buffer protocol: memoryview() and
// numpy.asarray() view it without copying), so a query returning a million
// quotes makes no Python object per quote. Every index build, query and
// search runs with the GIL released; newsdoc._query holds the logic of the
// Python API.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <newsdoc/query.hpp>

namespace py = pybind11;
using namespace py::literals;

namespace {

using Names = std::optional<std::vector<std::string>>;

struct UIntArray {
  std::vector<std::uint32_t> values;
};

py::str to_py(std::string_view text) { return py::str(text.data(), text.size()); }

/// (articles, items) of `refs`.
py::tuple split(const std::vector<newsdoc::ItemRef>& refs) {
  UIntArray articles, items;
  articles.values.reserve(refs.size());
  items.values.reserve(refs.size());
  for (const auto& ref : refs) {
    articles.values.push_back(ref.article);
    items.values.push_back(ref.item);
  }
  return py::make_tuple(std::move(articles), std::move(items));
}

}  // namespace

void bind_query(py::module_& m) {
  py::class_<UIntArray>(m, "UIntArray", py::buffer_protocol())
      .def("__len__", [](const UIntArray& a) { return a.values.size(); })
      .def_buffer([](UIntArray& a) {
        return py::buffer_info(a.values.data(), sizeof(std::uint32_t), py::format_descriptor<std::uint32_t>::format(),
                               1, {a.values.size()}, {sizeof(std::uint32_t)}, /*readonly=*/true);
      });

  m.def("fold_case", [](const std::string& text) { return to_py(newsdoc::fold_case(text)); }, "text"_a);

  py::class_<newsdoc::CorpusIndex, std::shared_ptr<newsdoc::CorpusIndex>>(m, "CorpusIndex")
      .def_property_readonly("quote_count", &newsdoc::CorpusIndex::quote_count)
      .def_property_readonly("mention_count", &newsdoc::CorpusIndex::mention_count)
      .def_property_readonly("corpus", &newsdoc::CorpusIndex::corpus)
      .def(
          "quotes",
          [](const newsdoc::CorpusIndex& index, Names speakers, std::optional<std::vector<std::string>> kinds,
             std::optional<std::string> contains, bool fragments, bool statements) {
            newsdoc::QuoteQuery query;
            query.speakers = std::move(speakers);
            query.contains = std::move(contains);
            query.fragments = fragments;
            if (kinds) {
              query.kinds.emplace();
              for (const auto& name : *kinds) {
                const auto kind = newsdoc::quote_kind_from_string(name);
                if (!kind) throw py::value_error("unknown quote kind \"" + name + "\"");
                query.kinds->push_back(*kind);
              }
            }
            std::vector<newsdoc::ItemRef> refs;
            {
              py::gil_scoped_release release;
              refs = statements ? index.attributions(query) : index.quotes(query);
            }
            return split(refs);
          },
          "speakers"_a, "kinds"_a, "contains"_a, "fragments"_a = false, "statements"_a = false)
      .def(
          "mentions",
          [](const newsdoc::CorpusIndex& index, Names entities, Names types) {
            newsdoc::MentionQuery query{std::move(entities), std::move(types)};
            std::vector<newsdoc::ItemRef> refs;
            {
              py::gil_scoped_release release;
              refs = index.mentions(query);
            }
            return split(refs);
          },
          "entities"_a, "types"_a)
      .def(
          "entities",
          [](const newsdoc::CorpusIndex& index, Names types) {
            std::vector<newsdoc::EntityCount> counts;
            {
              py::gil_scoped_release release;
              counts = index.entities(types);
            }
            py::list out(counts.size());
            for (std::size_t i = 0; i < counts.size(); ++i) {
              const auto& c = counts[i];
              py::tuple aliases(c.aliases.size());
              for (std::size_t k = 0; k < c.aliases.size(); ++k) aliases[k] = to_py(c.aliases[k]);
              out[i] = py::make_tuple(to_py(c.name), to_py(c.type), std::move(aliases), c.articles, c.mentions,
                                      c.quotes);
            }
            return out;
          },
          "types"_a)
      .def(
          "articles",
          [](const newsdoc::CorpusIndex& index, Names sources, Names authors, Names tags, Names speakers,
             std::optional<std::string> published_from, std::optional<std::string> published_to) {
            newsdoc::ArticleFilter filter;
            filter.sources = std::move(sources);
            filter.authors = std::move(authors);
            filter.tags = std::move(tags);
            filter.quote_speakers = std::move(speakers);
            filter.published_from = std::move(published_from);
            filter.published_to = std::move(published_to);
            UIntArray out;
            {
              py::gil_scoped_release release;
              out.values = index.articles(filter);
            }
            return out;
          },
          "sources"_a, "authors"_a, "tags"_a, "speakers"_a, "published_from"_a, "published_to"_a);

  m.def(
      "build_index",
      [](const newsdoc::Corpus& corpus) {
        py::gil_scoped_release release;
        return std::make_shared<newsdoc::CorpusIndex>(corpus);
      },
      "corpus"_a);

  m.def(
      "take",
      [](const newsdoc::Corpus& corpus, const std::vector<std::uint32_t>& positions) {
        py::gil_scoped_release release;
        return newsdoc::take(corpus, positions);
      },
      "corpus"_a, "positions"_a);

  m.def(
      "take_array",
      [](const newsdoc::Corpus& corpus, const UIntArray& positions) {
        py::gil_scoped_release release;
        return newsdoc::take(corpus, positions.values);
      },
      "corpus"_a, "positions"_a);

  m.def(
      "search",
      [](const newsdoc::Corpus& corpus, const std::string& pattern, bool case_sensitive, bool title, bool body) {
        newsdoc::SearchOptions options;
        options.case_sensitive = case_sensitive;
        options.title = title;
        options.body = body;
        UIntArray articles, fields, starts, ends;
        {
          py::gil_scoped_release release;
          const auto hits = newsdoc::search(corpus, pattern, options);
          for (auto* array : {&articles, &fields, &starts, &ends}) array->values.reserve(hits.size());
          for (const auto& hit : hits) {
            articles.values.push_back(hit.article);
            fields.values.push_back(hit.field == newsdoc::SearchField::title ? 1 : 0);
            starts.values.push_back(hit.chars.start);
            ends.values.push_back(hit.chars.end);
          }
        }
        return py::make_tuple(std::move(articles), std::move(fields), std::move(starts), std::move(ends));
      },
      "corpus"_a, "pattern"_a, "case_sensitive"_a, "title"_a, "body"_a);
}
