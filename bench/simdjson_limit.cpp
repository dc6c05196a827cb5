// The practical speed limit for reading a JSONL corpus: simdjson On-Demand
// (iterate_many) visiting every record and appending every string value, at
// any depth, to one std::string. No mapping, no validation beyond what
// simdjson does, no per-record structure: whatever newsdoc does on top of
// this is its own cost.
//
// Usage: simdjson_limit FILE [stream|whole]
//   stream (default): read the file in 8 MiB windows that end at a newline,
//                     as newsdoc::load does, so input memory stays constant.
//   whole:            padded_string::load the whole file, then iterate_many.
// Prints one line of JSON: seconds, input and output bytes, records, the
// simdjson kernels in use, the resident set before the timed part (VmRSS)
// and the peak resident set (VmHWM).
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

namespace od = simdjson::ondemand;

#define NEWSDOC_BENCH_STR2(x) #x
#define NEWSDOC_BENCH_STR(x) NEWSDOC_BENCH_STR2(x)
// On-Demand's iteration (stage 2) is compiled inline for this file's target;
// its stage 1 comes from the library's runtime dispatch.
constexpr const char* ondemand_kernel = NEWSDOC_BENCH_STR(SIMDJSON_BUILTIN_IMPLEMENTATION);

namespace {

constexpr std::size_t window_size = std::size_t{8} << 20;
constexpr std::size_t batch_size = std::size_t{4} << 20;  // as newsdoc

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "simdjson_limit: %s\n", message.c_str());
  std::exit(1);
}

void check(simdjson::error_code code, const char* what) {
  if (code != simdjson::SUCCESS) die(std::string(what) + ": " + simdjson::error_message(code));
}

/// Appends every string value under `value` to `out`.
void collect(od::value value, std::string& out) {
  od::json_type type;
  check(value.type().get(type), "type");
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      check(value.get_string().get(s), "string");
      out.append(s);
      break;
    }
    case od::json_type::object: {
      od::object object;
      check(value.get_object().get(object), "object");
      for (auto field : object) {
        od::value v;
        check(field.value().get(v), "field");
        collect(v, out);
      }
      break;
    }
    case od::json_type::array: {
      od::array array;
      check(value.get_array().get(array), "array");
      for (auto element : array) {
        od::value v;
        check(element.get(v), "element");
        collect(v, out);
      }
      break;
    }
    default:
      break;  // numbers, booleans and null are skipped by the iterator
  }
}

/// One JSONL buffer (followed by SIMDJSON_PADDING readable bytes).
std::size_t read_many(od::parser& parser, const char* data, std::size_t size, std::string& out) {
  od::document_stream stream;
  check(parser.iterate_many(data, size, batch_size).get(stream), "iterate_many");
  std::size_t records = 0;
  for (auto doc : stream) {
    od::object object;
    check(doc.get_object().get(object), "record");
    for (auto field : object) {
      od::value v;
      check(field.value().get(v), "field");
      collect(v, out);
    }
    ++records;
  }
  if (stream.truncated_bytes() != 0) die("truncated record at the end of a window");
  return records;
}

std::size_t file_size(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) die(std::string("cannot open ") + path);
  return static_cast<std::size_t>(in.tellg());
}

long status_kib(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) die("usage: simdjson_limit FILE [stream|whole]");
  const char* path = argv[1];
  const std::string mode = argc == 3 ? argv[2] : "stream";
  if (mode != "stream" && mode != "whole") die("mode must be stream or whole");
  const std::size_t input_bytes = file_size(path);
  const long base_rss_kib = status_kib("VmRSS");

  const auto start = std::chrono::steady_clock::now();
  std::string out;
  out.reserve(input_bytes);  // untouched pages cost no resident memory
  od::parser parser;
  std::size_t records = 0;
  if (mode == "whole") {
    simdjson::padded_string text;
    check(simdjson::padded_string::load(path).get(text), "load");
    records = read_many(parser, text.data(), text.size(), out);
  } else {
    std::FILE* file = std::fopen(path, "rb");
    if (!file) die(std::string("cannot open ") + path);
    std::unique_ptr<char[]> buffer(new char[window_size + simdjson::SIMDJSON_PADDING]);
    std::size_t filled = 0;
    for (;;) {
      filled += std::fread(buffer.get() + filled, 1, window_size - filled, file);
      const bool eof = filled < window_size;
      std::size_t end = filled;
      if (!eof) {
        while (end > 0 && buffer[end - 1] != '\n') --end;
        if (end == 0) die("a line longer than the window");
      }
      if (end > 0) records += read_many(parser, buffer.get(), end, out);
      if (eof) break;
      std::memmove(buffer.get(), buffer.get() + end, filled - end);
      filled -= end;
    }
    std::fclose(file);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf(
      "{\"seconds\": %.6f, \"input_bytes\": %zu, \"output_bytes\": %zu, \"records\": %zu, "
      "\"kernel\": \"%s\", \"stage1\": \"%s\", \"mode\": \"%s\", \"base_rss_kib\": %ld, \"peak_rss_kib\": %ld}\n",
      seconds, input_bytes, out.size(), records, ondemand_kernel, simdjson::get_active_implementation()->name().c_str(), mode.c_str(),
      base_rss_kib, status_kib("VmHWM"));
  return 0;
}
