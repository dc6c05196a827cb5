// newsdoc._core.to_binary / from_binary: shims over newsdoc/binary.hpp, the
// form a Corpus and an Article pickle in.
#include <pybind11/pybind11.h>

#include <newsdoc/binary.hpp>

#include <string>
#include <string_view>

namespace py = pybind11;
using namespace py::literals;

namespace {

/// The bytes of a contiguous Python buffer, held until destruction (which needs the GIL).
class ContiguousBuffer {
 public:
  explicit ContiguousBuffer(py::handle object) {
    if (PyObject_GetBuffer(object.ptr(), &buffer_, PyBUF_C_CONTIGUOUS) != 0) throw py::error_already_set();
  }
  ~ContiguousBuffer() { PyBuffer_Release(&buffer_); }
  ContiguousBuffer(const ContiguousBuffer&) = delete;
  ContiguousBuffer& operator=(const ContiguousBuffer&) = delete;
  std::string_view view() const noexcept {
    return {static_cast<const char*>(buffer_.buf), static_cast<std::size_t>(buffer_.len)};
  }

 private:
  Py_buffer buffer_;
};

}  // namespace

void bind_binary(py::module_& m) {
  m.def(
      "to_binary",
      [](const newsdoc::Corpus& corpus) {
        // Written straight into the bytes object: a blob is as large as the corpus's text.
        const std::size_t size = newsdoc::binary_size(corpus);
        py::bytes blob(nullptr, size);
        char* out = PyBytes_AS_STRING(blob.ptr());
        {
          py::gil_scoped_release release;
          newsdoc::write_binary(corpus, out, size);
        }
        return blob;
      },
      "corpus"_a);

  // What a corpus weighs in memory, roughly: Dask's sizeof, which decides what is cheap to move.
  m.def("binary_size", &newsdoc::binary_size, "corpus"_a);

  m.def(
      "from_binary",
      [](py::buffer blob, const std::string& name) {
        // Any contiguous buffer: bytes in-band, a memoryview or bytearray out of band (pickle protocol 5).
        const ContiguousBuffer buffer(blob);
        py::gil_scoped_release release;
        return newsdoc::from_binary(buffer.view(), name);
      },
      "blob"_a, "name"_a);
}
