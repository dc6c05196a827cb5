// newsdoc._core: shims over the C++ core. No logic lives here: the public
// API is the pure-Python package around it. Offsets crossing this boundary
// are code points (the builder stored them), never bytes.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <type_traits>

#include <newsdoc/model.hpp>
#include <newsdoc/newsdoc.hpp>
#include <newsdoc/table.hpp>

namespace py = pybind11;
using namespace py::literals;

void bind_table(py::module_& m);
void bind_binary(py::module_& m);
void bind_query(py::module_& m);
void bind_transform(py::module_& m);
void bind_train(py::module_& m);

namespace {

py::str to_py(std::string_view text) { return py::str(text.data(), text.size()); }

py::list to_py_list(const std::vector<std::string_view>& items) {
  py::list out;
  for (auto item : items) out.append(to_py(item));
  return out;
}

py::object entity_or_none(std::int32_t entity) {
  if (entity == newsdoc::no_entity) return py::none();
  return py::int_(entity);
}

py::object quote_or_none(std::int32_t quote) {
  if (quote == newsdoc::no_quote) return py::none();
  return py::int_(quote);
}

py::object span_or_none(const std::optional<newsdoc::Span>& span) {
  if (!span) return py::none();
  return py::make_tuple(span->start, span->end);
}

/// The fields a user mapping may name: the metadata and the body. Annotations
/// (quotes, entities, mentions) and meta are read under their canonical names.
constexpr newsdoc::Field mappable_fields[] = {
    newsdoc::Field::id,       newsdoc::Field::url,     newsdoc::Field::source,
    newsdoc::Field::title,    newsdoc::Field::authors, newsdoc::Field::published,
    newsdoc::Field::language, newsdoc::Field::tags,    newsdoc::Field::body};

/// The names of `values`, as a tuple (the vocabulary _core exports).
template <class Range>
py::tuple names_of(const Range& values) {
  py::list out;
  for (const auto& value : values) {
    if constexpr (std::is_convertible_v<decltype(value), std::string_view>) {
      out.append(to_py(value));
    } else {
      out.append(to_py(newsdoc::to_string(value)));
    }
  }
  return py::tuple(out);
}

newsdoc::LoadOptions make_options(const std::string& mapping,
                                  const std::map<std::string, std::vector<std::string>>& keys,
                                  const std::string& on_error, const std::string& format) {
  newsdoc::LoadOptions options;
  options.mapping = newsdoc::FieldMapping::preset(mapping);
  for (const auto& [name, names] : keys) {
    const auto field = newsdoc::field_from_string(name);
    if (!field ||
        std::find(std::begin(mappable_fields), std::end(mappable_fields), *field) == std::end(mappable_fields))
      throw py::value_error("unknown article field \"" + name + "\"");
    options.mapping.set(*field, names);
  }
  if (on_error == "raise") {
    options.on_error = newsdoc::OnError::raise;
  } else if (on_error == "skip") {
    options.on_error = newsdoc::OnError::skip;
  } else {
    throw py::value_error("on_error must be \"raise\" or \"skip\", not \"" + on_error + "\"");
  }
  if (format == "auto") {
    options.format = newsdoc::Format::automatic;
  } else if (format == "json") {
    options.format = newsdoc::Format::json;
  } else if (format == "jsonl") {
    options.format = newsdoc::Format::jsonl;
  } else {
    throw py::value_error("format must be \"auto\", \"json\" or \"jsonl\", not \"" + format + "\"");
  }
  return options;
}

py::dict located(const newsdoc::Location& where, const std::string& reason) {
  return py::dict("path"_a = where.path, "line"_a = where.line, "column"_a = where.column, "offset"_a = where.offset,
                  "reason"_a = reason);
}

/// The Python exception (a class of newsdoc._errors, with the same name but
/// for the base, NewsdocError) of the newsdoc::Error in `p`: the one mapping
/// of the C++ hierarchy onto Python's. Any other exception propagates.
py::object python_error(const std::exception_ptr& p) {
  const auto make = [](const char* name, const newsdoc::Error& e, const py::dict& attributes) {
    return py::module_::import("newsdoc._errors").attr(name)(e.what(), **attributes);
  };
  try {
    std::rethrow_exception(p);
  } catch (const newsdoc::ParseError& e) {
    return make("ParseError", e, located(e.where(), e.reason()));
  } catch (const newsdoc::SchemaError& e) {
    py::dict attributes = located(e.where(), e.reason());
    attributes["pointer"] = e.pointer();
    return make("SchemaError", e, attributes);
  } catch (const newsdoc::NotFoundError& e) {
    return make("NotFoundError", e, py::dict("path"_a = e.path()));
  } catch (const newsdoc::IoError& e) {
    return make("IoError", e, py::dict("path"_a = e.path()));
  } catch (const newsdoc::ModelError& e) {
    return make("ModelError", e, py::dict("path"_a = e.path()));
  } catch (const newsdoc::EntityNotFound& e) {
    return make("EntityNotFound", e, py::dict("key"_a = e.key()));
  } catch (const newsdoc::Cancelled& e) {
    return make("Cancelled", e, py::dict());
  } catch (const newsdoc::NothingLoaded& e) {
    return make("NothingLoaded", e, py::dict());
  } catch (const newsdoc::OutOfRangeError& e) {
    return make("OutOfRangeError", e, py::dict());
  } catch (const newsdoc::InvalidArgumentError& e) {
    return make("InvalidArgumentError", e, py::dict());
  } catch (const newsdoc::Error& e) {
    return make("NewsdocError", e, py::dict());
  }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "Bindings of the newsdoc C++ core; use the newsdoc package instead.";
  m.attr("__version__") = NEWSDOC_VERSION;

  // The vocabulary, defined once here in C++; newsdoc and its CLI read these.
  m.attr("QUOTE_KINDS") = names_of(std::initializer_list<newsdoc::QuoteKind>{
      newsdoc::QuoteKind::direct, newsdoc::QuoteKind::partial, newsdoc::QuoteKind::indirect});
  m.attr("MAPPING_PRESETS") = names_of(newsdoc::mapping_presets);
  m.attr("ANNOTATE_MODES") = names_of(std::initializer_list<newsdoc::AnnotateMode>{
      newsdoc::AnnotateMode::missing, newsdoc::AnnotateMode::all});
  m.attr("FIELDS") = names_of(mappable_fields);
  m.attr("TABLES") = names_of(newsdoc::all_tables);
  // The input keys the automatic mapping reads for each mappable field and meta, first present winning.
  {
    const auto automatic = newsdoc::FieldMapping::automatic();
    py::dict keys;
    auto add = [&](newsdoc::Field field) {
      py::list names;
      for (const auto& name : automatic.keys[static_cast<std::size_t>(field)]) names.append(name);
      keys[to_py(newsdoc::to_string(field))] = py::tuple(names);
    };
    for (const auto field : mappable_fields) add(field);
    add(newsdoc::Field::meta);
    m.attr("AUTO_MAPPING") = keys;
  }

  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    const py::object error = python_error(p);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  });

  py::class_<newsdoc::Article>(m, "Article")
      .def_property_readonly("id", [](const newsdoc::Article& a) { return to_py(a.id()); })
      .def_property_readonly("url", [](const newsdoc::Article& a) { return to_py(a.url()); })
      .def_property_readonly("source", [](const newsdoc::Article& a) { return to_py(a.source()); })
      .def_property_readonly("title", [](const newsdoc::Article& a) { return to_py(a.title()); })
      .def_property_readonly("published",
                             [](const newsdoc::Article& a) -> py::object {
                               if (auto p = a.published()) return to_py(*p);
                               return py::none();
                             })
      .def_property_readonly("published_at",
                             [](const newsdoc::Article& a) -> py::object {
                               const auto p = a.published();
                               if (!p) return py::none();
                               const auto date = newsdoc::parse_date(*p);
                               if (!date) return py::none();
                               return py::make_tuple(date->seconds, date->microseconds);
                             })
      .def_property_readonly("language", [](const newsdoc::Article& a) { return to_py(a.language()); })
      .def_property_readonly("authors", [](const newsdoc::Article& a) { return to_py_list(a.authors()); })
      .def_property_readonly("tags", [](const newsdoc::Article& a) { return to_py_list(a.tags()); })
      .def_property_readonly("text", [](const newsdoc::Article& a) { return to_py(a.text()); })
      .def_property_readonly("meta_json", [](const newsdoc::Article& a) { return to_py(a.meta_json()); })
      .def_property_readonly("origin",
                             [](const newsdoc::Article& a) -> py::object {
                               if (a.origin().empty()) return py::none();
                               return py::make_tuple(to_py(a.origin()), a.origin_line());
                             })
      .def_property_readonly("paragraph_count", &newsdoc::Article::paragraph_count)
      .def_property_readonly("quote_count", &newsdoc::Article::quote_count)
      .def_property_readonly("entity_count", &newsdoc::Article::entity_count)
      .def_property_readonly("mention_count", &newsdoc::Article::mention_count)
      // One field of one item per call, named: a view's property is one call that converts one field
      // (spaCy's Token reads its Doc's arrays the same way). Spans are code points, (start, end) or None;
      // speaker and parent are None where the core says no_entity / no_quote.
      .def_property_readonly("attribution_count", &newsdoc::Article::attribution_count)
      .def("paragraph_start", [](const newsdoc::Article& a, std::size_t i) { return a.paragraph(i).chars.start; })
      .def("paragraph_end", [](const newsdoc::Article& a, std::size_t i) { return a.paragraph(i).chars.end; })
      .def("quote_start", [](const newsdoc::Article& a, std::size_t i) { return a.quote(i).chars.start; })
      .def("quote_end", [](const newsdoc::Article& a, std::size_t i) { return a.quote(i).chars.end; })
      .def("quote_kind",
           [](const newsdoc::Article& a, std::size_t i) { return to_py(newsdoc::to_string(a.quote(i).kind)); })
      .def("quote_speaker", [](const newsdoc::Article& a, std::size_t i) { return entity_or_none(a.quote(i).speaker); })
      .def("quote_speaker_span",
           [](const newsdoc::Article& a, std::size_t i) { return span_or_none(a.quote(i).speaker_chars); })
      .def("quote_cue", [](const newsdoc::Article& a, std::size_t i) { return to_py(a.quote(i).cue); })
      .def("quote_cue_span",
           [](const newsdoc::Article& a, std::size_t i) { return span_or_none(a.quote(i).cue_chars); })
      .def("quote_first_paragraph", [](const newsdoc::Article& a, std::size_t i) { return a.quote(i).first_paragraph; })
      .def("quote_last_paragraph", [](const newsdoc::Article& a, std::size_t i) { return a.quote(i).last_paragraph; })
      .def("quote_attribution", [](const newsdoc::Article& a, std::size_t i) { return a.quote(i).attribution; })
      .def("quote_parent", [](const newsdoc::Article& a, std::size_t i) { return quote_or_none(a.quote(i).parent); })
      .def("attribution_kind",
           [](const newsdoc::Article& a, std::size_t i) { return to_py(newsdoc::to_string(a.attribution(i).kind)); })
      .def("attribution_speaker",
           [](const newsdoc::Article& a, std::size_t i) { return entity_or_none(a.attribution(i).speaker); })
      .def("attribution_speaker_span",
           [](const newsdoc::Article& a, std::size_t i) { return span_or_none(a.attribution(i).speaker_chars); })
      .def("attribution_cue", [](const newsdoc::Article& a, std::size_t i) { return to_py(a.attribution(i).cue); })
      .def("attribution_cue_span",
           [](const newsdoc::Article& a, std::size_t i) { return span_or_none(a.attribution(i).cue_chars); })
      .def("attribution_parts",
           [](const newsdoc::Article& a, std::size_t i) { return py::tuple(py::cast(a.attribution(i).parts)); })
      .def("attribution_content",
           [](const newsdoc::Article& a, std::size_t i) { return py::tuple(py::cast(a.attribution(i).content)); })
      .def("entity_id", [](const newsdoc::Article& a, std::size_t i) { return to_py(a.entity(i).id); })
      .def("entity_name", [](const newsdoc::Article& a, std::size_t i) { return to_py(a.entity(i).name); })
      .def("entity_type", [](const newsdoc::Article& a, std::size_t i) { return to_py(a.entity(i).type); })
      .def("entity_aliases", [](const newsdoc::Article& a, std::size_t i) { return to_py_list(a.entity(i).aliases); })
      .def("mention_start", [](const newsdoc::Article& a, std::size_t i) { return a.mention(i).chars.start; })
      .def("mention_end", [](const newsdoc::Article& a, std::size_t i) { return a.mention(i).chars.end; })
      .def("mention_entity", [](const newsdoc::Article& a, std::size_t i) { return a.mention(i).entity; })
      .def("mentions_of", &newsdoc::Article::mentions_of)
      .def("to_json", [](const newsdoc::Article& a) { return to_py(a.to_json()); })
      .def("__eq__", [](const newsdoc::Article& a, const newsdoc::Article& b) { return a == b; });

  py::class_<newsdoc::Corpus>(m, "Corpus")
      .def(py::init([](const std::vector<newsdoc::Article>& articles) { return newsdoc::Corpus(articles); }),
           "articles"_a)
      .def("__len__", &newsdoc::Corpus::size)
      .def("article", [](const newsdoc::Corpus& c, std::size_t i) { return c.at(i); })
      .def("slice", &newsdoc::Corpus::slice, "start"_a, "stop"_a, "step"_a)
      .def("to_jsonl",
           [](const newsdoc::Corpus& c) {
             std::string out;
             {
               py::gil_scoped_release release;
               out = c.to_jsonl();
             }
             return py::bytes(out);
           })
      .def_property_readonly("errors", [](const newsdoc::Corpus& c) {
        py::list out;
        for (const auto& e : c.errors()) out.append(python_error(e.exception()));
        return out;
      });

  m.def(
      "concat",
      [](const std::vector<newsdoc::Corpus>& parts) {
        std::vector<newsdoc::Article> articles;
        std::vector<newsdoc::RecordError> errors;
        for (const auto& part : parts) {
          articles.insert(articles.end(), part.begin(), part.end());
          errors.insert(errors.end(), part.errors().begin(), part.errors().end());
        }
        return newsdoc::Corpus(std::move(articles), std::move(errors));
      },
      "parts"_a);

  // The trained taggers (newsdoc::Models); pybind11 holds them as non-const.
  py::class_<newsdoc::Models, std::shared_ptr<newsdoc::Models>>(m, "Models")
      .def_static(
          "load",
          [](const std::string& directory) {
            py::gil_scoped_release release;
            return std::const_pointer_cast<newsdoc::Models>(newsdoc::Models::load(directory));
          },
          "directory"_a)
      .def_property_readonly("directory", &newsdoc::Models::directory);
  m.def("default_models_directory", &newsdoc::default_models_directory);

  py::class_<newsdoc::Annotator>(m, "Annotator")
      .def(py::init([](bool quotes, bool indirect, bool entities, bool builtin_lists,
                       std::shared_ptr<newsdoc::Models> models) {
             newsdoc::AnnotatorOptions options{quotes, indirect, entities, builtin_lists};
             options.models = std::move(models);
             return newsdoc::Annotator(options);
           }),
           "quotes"_a, "indirect"_a, "entities"_a, "builtin_lists"_a, "models"_a = py::none())
      .def_property_readonly("options",
                             [](const newsdoc::Annotator& a) {
                               const auto& o = a.options();
                               return py::dict("quotes"_a = o.quotes, "indirect"_a = o.indirect,
                                               "entities"_a = o.entities, "builtin_lists"_a = o.builtin_lists);
                             })
      .def_property_readonly("models_directory",
                             [](const newsdoc::Annotator& a) -> py::object {
                               const auto& models = a.options().models;
                               if (!models) return py::none();
                               return py::str(models->directory());
                             })
      .def("add_cue", &newsdoc::Annotator::add_cue, "cue"_a)
      .def("cues", &newsdoc::Annotator::cues)
      .def(
          "add_entity",
          [](newsdoc::Annotator& a, std::string name, std::string type, std::vector<std::string> aliases) {
            a.add_entity(newsdoc::KnownEntity{std::move(name), std::move(type), std::move(aliases)});
          },
          "name"_a, "type"_a, "aliases"_a)
      .def_property_readonly("entity_count", &newsdoc::Annotator::entity_count)
      // An Article or a Corpus, annotated; one article is annotated whole, as AnnotateMode::all.
      .def(
          "annotate",
          [](const newsdoc::Annotator& a, py::handle target, bool only_missing, unsigned threads) -> py::object {
            if (py::isinstance<newsdoc::Article>(target)) {
              const auto& article = target.cast<const newsdoc::Article&>();
              return py::cast([&] {
                py::gil_scoped_release release;
                return a.annotate(article);
              }());
            }
            const auto& corpus = target.cast<const newsdoc::Corpus&>();
            const auto mode = only_missing ? newsdoc::AnnotateMode::missing : newsdoc::AnnotateMode::all;
            return py::cast([&] {
              py::gil_scoped_release release;
              return a.annotate(corpus, mode, threads);
            }());
          },
          "target"_a, "only_missing"_a, "threads"_a);

  // newsdoc::parse_text and newsdoc::read_text, the same names as in Python.
  m.def(
      "parse_text",
      [](py::bytes raw, const std::string& id) {
        const std::string_view view(raw);
        py::gil_scoped_release release;
        return newsdoc::parse_text(view, newsdoc::TextImportOptions{id, ""});
      },
      "raw"_a, "id"_a);

  m.def(
      "read_text",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return newsdoc::read_text(path);
      },
      "path"_a);

  m.def(
      "load",
      [](const std::vector<std::string>& paths, const std::string& mapping,
         const std::map<std::string, std::vector<std::string>>& keys, const std::string& on_error,
         const std::string& format, std::uint64_t max_record_bytes, bool assign_ids,
         const newsdoc::Annotator* annotator, bool only_missing, unsigned threads, bool memory_map,
         py::object progress) {
        auto options = make_options(mapping, keys, on_error, format);
        options.max_record_bytes = max_record_bytes;
        options.assign_ids = assign_ids;
        options.memory_map = memory_map;
        // Annotated as loaded, each article built once (a copy of an Annotator shares its lists).
        if (annotator) options.annotator = std::make_shared<const newsdoc::Annotator>(*annotator);
        options.annotate = only_missing ? newsdoc::AnnotateMode::missing : newsdoc::AnnotateMode::all;
        options.threads = threads;
        // Ctrl-C stops a long load between windows and files: signals are only seen with the GIL held.
        options.check_interrupt = [] {
          py::gil_scoped_acquire gil;
          if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        };
        if (!progress.is_none()) {
          options.progress = [&progress](const newsdoc::LoadProgress& p) {
            py::gil_scoped_acquire gil;
            const py::object keep_going = progress(p.bytes_done, p.bytes_total, p.files_done, p.files_total, p.articles);
            return keep_going.is_none() || keep_going.cast<bool>();
          };
        }
        py::gil_scoped_release release;
        return newsdoc::load(paths, options);
      },
      "paths"_a, "mapping"_a, "keys"_a, "on_error"_a, "format"_a, "max_record_bytes"_a, "assign_ids"_a,
      "annotator"_a, "only_missing"_a, "threads"_a, "memory_map"_a, "progress"_a);

  m.def(
      "load_sources",
      [](const std::vector<std::pair<std::string, std::string>>& sources, const std::string& mapping,
         const std::map<std::string, std::vector<std::string>>& keys, const std::string& on_error,
         std::uint64_t max_record_bytes, const newsdoc::Annotator* annotator, bool only_missing, unsigned threads) {
        auto options = make_options(mapping, keys, on_error, "auto");
        options.max_record_bytes = max_record_bytes;
        if (annotator) options.annotator = std::make_shared<const newsdoc::Annotator>(*annotator);
        options.annotate = only_missing ? newsdoc::AnnotateMode::missing : newsdoc::AnnotateMode::all;
        options.threads = threads;
        std::vector<newsdoc::SourceFile> files;
        for (const auto& [path, id] : sources) files.push_back(newsdoc::SourceFile{path, id});
        py::gil_scoped_release release;
        return newsdoc::load(files, options);
      },
      "sources"_a, "mapping"_a, "keys"_a, "on_error"_a, "max_record_bytes"_a, "annotator"_a, "only_missing"_a,
      "threads"_a);

  // newsdoc::load_bytes of a whole file, or with `start` (line, byte) newsdoc::load_lines.
  m.def(
      "load_bytes",
      [](py::bytes data, const std::string& path, const std::string& id,
         std::optional<std::pair<std::uint64_t, std::uint64_t>> start, const std::string& mapping,
         const std::map<std::string, std::vector<std::string>>& keys, const std::string& on_error,
         const std::string& format, std::uint64_t max_record_bytes, const newsdoc::Annotator* annotator,
         bool only_missing, unsigned threads) {
        auto options = make_options(mapping, keys, on_error, format);
        options.max_record_bytes = max_record_bytes;
        if (annotator) options.annotator = std::make_shared<const newsdoc::Annotator>(*annotator);
        options.annotate = only_missing ? newsdoc::AnnotateMode::missing : newsdoc::AnnotateMode::all;
        options.threads = threads;
        const newsdoc::SourceFile file{path, id};
        const std::string_view view(data);  // `data` stays referenced by the caller while unlocked
        py::gil_scoped_release release;
        if (!start) return newsdoc::load_bytes(file, view, options);
        return newsdoc::load_lines(file, view, newsdoc::FileStart{start->first, start->second}, options);
      },
      "data"_a, "path"_a, "id"_a, "start"_a, "mapping"_a, "keys"_a, "on_error"_a, "format"_a, "max_record_bytes"_a,
      "annotator"_a, "only_missing"_a, "threads"_a);

  m.def("file_id", &newsdoc::file_id, "name"_a);

  // The instants of the articles' dates in nanoseconds since the epoch (UTC), for
  // pandas' datetime64[ns, UTC]; INT64_MIN (NaT) where there is none, it does not
  // parse or lies outside 1677-2262.
  m.def(
      "published_ns",
      [](const newsdoc::Corpus& corpus) {
        py::array_t<std::int64_t> out(static_cast<py::ssize_t>(corpus.size()));
        auto* data = out.mutable_data();
        {
          py::gil_scoped_release release;
          constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1000000000 - 1;
          for (std::size_t i = 0; i < corpus.size(); ++i) {
            data[i] = std::numeric_limits<std::int64_t>::min();
            const auto p = corpus[i].published();
            if (!p) continue;
            const auto date = newsdoc::parse_date(*p);
            if (!date || date->seconds > limit || date->seconds < -limit) continue;
            data[i] = date->seconds * 1000000000 + std::int64_t{date->microseconds} * 1000;
          }
        }
        return out;
      },
      "corpus"_a);

  m.def(
      "list_inputs",
      [](const std::vector<std::string>& paths) {
        py::list out;
        for (const auto& f : newsdoc::list_inputs(paths)) out.append(py::make_tuple(f.path, f.id));
        return out;
      },
      "paths"_a);

  m.def(
      "save",
      [](const newsdoc::Corpus& corpus, const std::string& path) {
        py::gil_scoped_release release;
        newsdoc::save(corpus, path);
      },
      "corpus"_a, "path"_a);

  m.def(
      "loads",
      [](py::bytes data, const std::string& mapping, const std::map<std::string, std::vector<std::string>>& keys,
         const std::string& on_error, const std::string& format, const std::string& name) {
        const auto options = make_options(mapping, keys, on_error, format);
        const std::string_view view(data);  // `data` stays referenced by the caller while unlocked
        py::gil_scoped_release release;
        return newsdoc::loads(view, options, name);
      },
      "data"_a, "mapping"_a, "keys"_a, "on_error"_a, "format"_a, "name"_a);

  bind_table(m);
  bind_binary(m);
  bind_query(m);
  bind_transform(m);
  bind_train(m);
}
