// newsdoc._core.table: the columns of newsdoc::make_table as numpy arrays and
// Python strings, for newsdoc._pandas to wrap in a DataFrame. The table is
// made with the GIL released; only creating Python objects holds it. Every
// string becomes a Python str once per distinct stored value: a
// dictionary-encoded column (article ids, speakers, cues) shares one object
// among its rows.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdoc/query.hpp>
#include <newsdoc/table.hpp>

namespace py = pybind11;
using namespace py::literals;

namespace {

/// A numpy array of `Element` that takes over `values` without copying them.
template <typename Element, typename T>
py::array_t<Element> adopt(std::vector<T>&& values) {
  static_assert(sizeof(T) == sizeof(Element), "the array must view the vector's elements as they are");
  auto owned = std::make_unique<std::vector<T>>(std::move(values));
  py::capsule free_vector(owned.get(), [](void* p) { delete static_cast<std::vector<T>*>(p); });
  const std::vector<T>* vector = owned.release();  // the capsule owns it now
  return py::array_t<Element>(static_cast<py::ssize_t>(vector->size()),
                              reinterpret_cast<const Element*>(vector->data()), free_vector);
}

py::object new_str(std::string_view text) {
  // The Store holds only validated UTF-8, so this fails only when memory runs out.
  PyObject* str = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict");
  if (str == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(str);
}

/// A numpy object array of `size` items, filled by `fill(i)` (a new reference each).
template <typename Fill>
py::array object_array(std::size_t size, Fill&& fill) {
  py::array out(py::dtype("O"), static_cast<py::ssize_t>(size));
  auto** slots = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < size; ++i) {
    // numpy may have put None (a reference) or NULL in a fresh object array.
    PyObject* previous = slots[i];
    slots[i] = fill(i).release().ptr();
    Py_XDECREF(previous);
  }
  return out;
}

std::vector<py::object> to_strs(const std::vector<std::string_view>& values) {
  std::vector<py::object> out;
  out.reserve(values.size());
  for (auto value : values) out.push_back(new_str(value));
  return out;
}

py::array string_column(const newsdoc::Column& column) {
  if (column.codes.empty()) {
    return object_array(column.values.size(), [&](std::size_t i) { return new_str(column.values[i]); });
  }
  const auto dictionary = to_strs(column.values);
  return object_array(column.codes.size(), [&](std::size_t i) -> py::object {
    const auto code = column.codes[i];
    return code < 0 ? py::none() : dictionary[static_cast<std::size_t>(code)];
  });
}

/// A list per row: items offsets[row] to offsets[row + 1] made by `item(i)` (a new reference).
template <class Item>
py::array list_column(const newsdoc::Column& column, const Item& item) {
  return object_array(column.size(), [&](std::size_t row) -> py::object {
    const auto begin = column.offsets[row];
    const auto end = column.offsets[row + 1];
    py::list items(end - begin);
    for (auto i = begin; i < end; ++i) PyList_SET_ITEM(items.ptr(), static_cast<Py_ssize_t>(i - begin), item(i));
    return std::move(items);
  });
}

py::array string_list_column(const newsdoc::Column& column) {
  return list_column(column, [&](std::size_t i) { return new_str(column.values[i]).release().ptr(); });
}

py::array int64_list_column(const newsdoc::Column& column) {
  return list_column(column, [&](std::size_t i) { return PyLong_FromLongLong(column.integers[i]); });
}

/// (name, type, data): data is an int64 array (int64), (values, missing
/// mask) (nullable_int64), an object array of str or None (string), (codes,
/// categories) (category) or an object array of lists of str (string_list)
/// or of int (int64_list).
py::tuple column_to_python(newsdoc::Column& column) {
  const auto name = new_str(column.name);
  const auto type = new_str(newsdoc::to_string(column.type));
  switch (column.type) {
    case newsdoc::ColumnType::int64: return py::make_tuple(name, type, adopt<std::int64_t>(std::move(column.integers)));
    case newsdoc::ColumnType::nullable_int64:
      return py::make_tuple(name, type,
                            py::make_tuple(adopt<std::int64_t>(std::move(column.integers)),
                                           adopt<bool>(std::move(column.missing))));
    case newsdoc::ColumnType::string: return py::make_tuple(name, type, string_column(column));
    case newsdoc::ColumnType::category: {
      py::list categories;
      for (auto& category : to_strs(column.values)) categories.append(category);
      return py::make_tuple(name, type, py::make_tuple(adopt<std::int64_t>(std::move(column.codes)), categories));
    }
    case newsdoc::ColumnType::string_list: return py::make_tuple(name, type, string_list_column(column));
    case newsdoc::ColumnType::int64_list: return py::make_tuple(name, type, int64_list_column(column));
  }
  throw std::logic_error("unknown column type");
}

}  // namespace

void bind_table(py::module_& m) {
  m.def(
      "table",
      [](const newsdoc::Corpus& corpus, const std::string& name, const newsdoc::CorpusIndex* index,
         std::optional<std::vector<std::uint32_t>> positions) {
        const auto table_name = newsdoc::table_from_string(name);
        if (!table_name) throw py::value_error("unknown table \"" + name + "\"");
        newsdoc::Table table;
        {
          py::gil_scoped_release release;
          // With an index, `corpus` is its corpus (or the articles `positions` of it).
          if (index == nullptr) {
            table = newsdoc::make_table(corpus, *table_name);
          } else if (positions) {
            table = newsdoc::make_table(*index, *table_name, *positions);
          } else {
            table = newsdoc::make_table(*index, *table_name);
          }
        }
        py::list columns;
        for (auto& column : table.columns) columns.append(column_to_python(column));
        return columns;
      },
      "corpus"_a, "name"_a, "index"_a = nullptr, "positions"_a = std::nullopt);
}
