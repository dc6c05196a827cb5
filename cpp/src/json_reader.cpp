// The JSON stream: a JSON document or JSONL read into articles with
// simdjson On-Demand, each record through the record reader
// (json_record.cpp). JSONL is read in windows that end at a newline and
// parsed with iterate_many; after any error in a window the rest of it is
// parsed line by line, so one bad record costs only itself.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "annotate/record_annotator.hpp"
#include "input_file.hpp"
#include "json_record.hpp"
#include "store.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/utf8.hpp"
#include "parallel.hpp"
#include "reader.hpp"

namespace newsdoc {
namespace {

namespace od = simdjson::ondemand;
using detail::describe;
using detail::has_several_lines;
using detail::InputFile;
using detail::JsonFailure;
using detail::looks_like_jsonl;
using detail::Pointer;
using detail::RecordReader;
using detail::skip_bom;
using detail::take;
using detail::trailing_content;
using detail::type_name;
using detail::walk;
using detail::walk_document;

constexpr std::size_t window_size = std::size_t{8} << 20;
constexpr std::size_t stream_batch_size = std::size_t{4} << 20;

/// Maps positions in one buffer to line and column, moving forward cheaply.
class LineCounter {
 public:
  LineCounter(const char* base, std::uint64_t first_line, std::uint64_t base_offset)
      : base_(base), pos_(base), line_(first_line), line_start_(base), first_line_(first_line),
        base_offset_(base_offset) {}

  Location locate(const std::string& path, const char* at) {
    if (at < pos_) {
      pos_ = line_start_ = base_;
      line_ = first_line_;
    }
    // memchr skips whole vectors of bytes without a newline: records are long.
    for (const char* p = pos_; p < at;) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(at - p)));
      if (!newline) break;
      ++line_;
      line_start_ = p = newline + 1;
    }
    pos_ = at;
    return Location{path, line_, static_cast<std::uint64_t>(at - line_start_) + 1,
                    base_offset_ + static_cast<std::uint64_t>(at - base_)};
  }

 private:
  const char* base_;
  const char* pos_;
  std::uint64_t line_;
  const char* line_start_;
  std::uint64_t first_line_;
  std::uint64_t base_offset_;
};

/// A stretch of input in memory, followed by at least simdjson::SIMDJSON_PADDING readable bytes.
struct Window {
  const char* data;
  std::size_t size;
  std::uint64_t first_line;  // 1-based line of data[0]
  std::uint64_t offset;      // of data[0] in the input
};

/// Calls `visit` on every text view of `record`.
template <class Visit>
void for_each_text(ArticleInput& record, const Visit& visit) {
  for (auto* text : {&record.id, &record.url, &record.source, &record.title, &record.language, &record.meta,
                     &record.origin}) {
    visit(*text);
  }
  if (record.published) visit(*record.published);
  for (auto* list : {&record.authors, &record.tags, &record.paragraphs})
    for (auto& text : *list) visit(text);
  for (auto& quote : record.quotes) visit(quote.cue);
  for (auto& entity : record.entities) {
    visit(entity.id);
    visit(entity.name);
    visit(entity.type);
    for (auto& alias : entity.aliases) visit(alias);
  }
}

/// A record with its own copy of its text, to annotate after the reader has
/// moved on (its views point into the reader's scratch and the window).
struct OwnedRecord {
  std::string text;
  ArticleInput record;

  explicit OwnedRecord(const ArticleInput& from) : record(from) {
    std::size_t size = 0;
    for_each_text(record, [&](std::string_view& view) { size += view.size(); });
    text.reserve(size);  // no reallocation below: the views stay valid
    for_each_text(record, [&](std::string_view& view) {
      const std::size_t at = text.size();
      text.append(view);
      view = std::string_view(text).substr(at, view.size());
    });
  }
};

/// Records held for annotation in parallel before they are built.
constexpr std::size_t pending_bytes_limit = std::size_t{8} << 20;

class Loader {
 public:
  /// With `annotators`, each record is annotated before it is built: by the
  /// one annotator as it is read, or with several, in batches split over
  /// threads (one annotator each) in record order; a record the mode keeps
  /// as it is, or one bigger than a batch, is built on the calling thread.
  Loader(const LoadOptions& options, std::string path, const std::vector<detail::RecordAnnotator*>& annotators = {})
      : options_(options), path_(std::move(path)), reader_(options.mapping), annotators_(annotators) {}

  /// One JSON document (an article or an array of them); returns false if
  /// more documents follow on later lines, which makes the input JSONL.
  /// Throws ParseError when it is not JSON, even with OnError::skip: the
  /// caller may still read it as JSONL (see report()).
  bool read_single(Window w) {
    LineCounter lines(w.data, w.first_line, w.offset);
    if (trim_white_space(std::string_view(w.data, w.size)).empty()) {
      throw ParseError(lines.locate(path_, w.data), describe(simdjson::EMPTY));
    }
    od::document doc;
    if (const auto code = single_parser_.iterate(simdjson::padded_string_view(w.data, w.size, w.size + simdjson::SIMDJSON_PADDING)).get(doc)) {
      throw ParseError(lines.locate(path_, w.data), describe(code));
    }
    try {
      if (!read_document(doc, w, lines, true)) return true;
      if (const char* next = trailing_content(doc)) {
        // Another value on a later line: JSONL after all, unless JSON was asked for.
        if (options_.format == Format::automatic && is_line_start(w, next)) return false;
        throw JsonFailure{simdjson::TRAILING_CONTENT, next};
      }
    } catch (const JsonFailure& failure) {
      throw ParseError(lines.locate(path_, error_position(doc, failure, w.data, w.data + w.size)),
                       describe(failure.code));
    }
    return true;
  }

  /// Throws `error`, or lists it with OnError::skip.
  void report(const ParseError& error) {
    if (options_.on_error == OnError::raise) throw error;
    builder_.add_error(RecordError::of(error));
  }

  /// JSONL: iterate_many over the window; on the first error, line by line.
  void read_stream(Window w) {
    if (w.size == 0) return;  // iterate_many skips stage 1 then: truncated_bytes() would read stale indexes
    LineCounter lines(w.data, w.first_line, w.offset);
    od::document_stream stream;
    std::size_t resume = 0;
    bool clean = false;
    if (stream_parser_.iterate_many(w.data, w.size, stream_batch_size).get(stream) == simdjson::SUCCESS) {
      clean = true;
      for (auto it = stream.begin(); it != stream.end(); ++it) {
        resume = it.current_index();
        od::document_reference doc;
        if ((*it).get(doc) != simdjson::SUCCESS) {
          clean = false;
          break;
        }
        try {
          read_document(doc, w, lines, false);
        } catch (const JsonFailure&) {
          // Re-read this record alone for a precise message.
          clean = false;
          break;
        }
      }
      if (clean && stream.truncated_bytes() > 0) {
        clean = false;
        resume = w.size - stream.truncated_bytes();
      }
    }
    if (!clean) read_lines(w, resume, lines);
  }

  Corpus finish() {
    if (annotators_.size() <= 1) return builder_.finish();
    annotate_pending();
    if (direct_.size() > 0) parts_.push_back(direct_.finish());
    Corpus errors_only = builder_.finish();
    std::vector<Article> articles;
    for (const Corpus& part : parts_) articles.insert(articles.end(), part.begin(), part.end());
    parts_.clear();
    return Corpus(std::move(articles), errors_only.errors());
  }
  /// finish() of a loader without annotators that read one window of many (WindowBatch).
  Corpus finish_window() { return detail::Internals::finish_compact(builder_); }
  void restart() {
    builder_ = CorpusBuilder();
    direct_ = CorpusBuilder();
    pending_.clear();
    pending_bytes_ = 0;
    parts_.clear();
  }

 private:
  /// The most precise position known for `failure` in [begin, end]: where
  /// the parser stopped, else where the failing value started.
  static const char* error_position(od::document& doc, const JsonFailure& failure, const char* begin, const char* end) {
    const char* at = failure.at && failure.at >= begin && failure.at <= end ? failure.at : begin;
    const char* stopped = nullptr;
    if (doc.current_location().get(stopped) == simdjson::SUCCESS && stopped > at && stopped <= end) at = stopped;
    return at;
  }

  static bool is_line_start(const Window& w, const char* p) {
    while (p > w.data && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r')) --p;
    return p == w.data || p[-1] == '\n';
  }

  void read_lines(Window w, std::size_t from, LineCounter& lines) {
    const char* p = w.data + from;
    const char* end = w.data + w.size;
    while (p < end) {
      const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* line_end = newline ? newline : end;
      const std::string_view line(p, static_cast<std::size_t>(line_end - p));
      if (!trim_white_space(line).empty()) read_line(line, w, lines);
      p = newline ? newline + 1 : end;
    }
  }

  void read_line(std::string_view line, const Window& w, LineCounter& lines) {
    const std::size_t readable = static_cast<std::size_t>(w.data + w.size - line.data()) + simdjson::SIMDJSON_PADDING;
    od::document doc;
    if (const auto code = single_parser_.iterate(simdjson::padded_string_view(line.data(), line.size(), readable)).get(doc)) {
      // No document to ask for a position: report the line's start.
      fail_parse(lines.locate(path_, line.data()), describe(code));
      return;
    }
    try {
      if (!read_document(doc, w, lines, false)) return;
      if (const char* next = trailing_content(doc)) throw JsonFailure{simdjson::TRAILING_CONTENT, next};
    } catch (const JsonFailure& failure) {
      fail_parse(lines.locate(path_, error_position(doc, failure, line.data(), line.data() + line.size())),
                 describe(failure.code));
    }
  }

  /// Returns false when a record was set aside half-read, so the document's
  /// end is unknown and trailing content must not be checked.
  template <class Document>
  bool read_document(Document& doc, const Window& w, LineCounter& lines, bool whole_input) {
    const char* start = take(doc.raw_json_token(), w.data).data();
    switch (take(doc.type(), start)) {
      case od::json_type::object:
        return read_article(take(doc.get_object(), start), start, Pointer{}, w, lines, whole_input);
      case od::json_type::array: {
        if (!whole_input) {
          // A bad JSONL line is one bad record: check it all before adding
          // any of its articles, which reading it again line by line would
          // add twice.
          walk(take(doc.get_value(), start), nullptr);
          doc.rewind();
        }
        const Pointer root;
        std::size_t i = 0;
        for (auto element : take(doc.get_array(), start)) {
          od::value value = take(std::move(element), start);
          const char* at = take(value.raw_json_token(), start).data();
          const auto type = take(value.type(), at);
          const Pointer pointer{&root, {}, i++};
          if (type != od::json_type::object) {
            walk(value, nullptr);
            fail_schema(SchemaError("", fmt::format("expected an article object, found {}", type_name(type))),
                        pointer, lines.locate(path_, at), w, whole_input);
            continue;
          }
          read_article(take(value.get_object(), at), at, pointer, w, lines, whole_input);
        }
        break;
      }
      default: {
        const auto type = take(doc.type(), start);
        walk_document(doc, start);
        fail_schema(SchemaError("", fmt::format("expected an article object or an array of them, found {}", type_name(type))),
                    Pointer{}, lines.locate(path_, start), w, whole_input);
      }
    }
    return true;
  }

  /// `element` points at the article in its document.
  bool read_article(od::object object, const char* at, const Pointer& element, const Window& w,
                    LineCounter& lines, bool whole_input) {
    try {
      ArticleInput& in = reader_.read(object, at);
      if (options_.on_record) {
        const auto index = element.index == Pointer::no_index ? std::int64_t{-1} : static_cast<std::int64_t>(element.index);
        options_.on_record(in, RecordPosition{lines.locate(path_, at).line, index, whole_input});
      }
      add(in);
      return true;
    } catch (const SchemaError& e) {
      fail_schema(e, element, lines.locate(path_, at), w, whole_input);
      return false;
    }
  }

  void fail_parse(Location where, const std::string& reason) { report(ParseError(std::move(where), reason)); }

  void fail_schema(const SchemaError& e, const Pointer& element, Location where, const Window& w, bool whole_input) {
    const std::string pointer = element.str() + e.pointer();
    if (options_.on_error == OnError::raise) {
      // Malformed JSON further on is the better message: look for it first.
      if (whole_input) {
        if (const auto failure = find_parse_error(w)) {
          LineCounter lines(w.data, w.first_line, w.offset);
          throw ParseError(lines.locate(path_, failure->at ? failure->at : w.data), describe(failure->code));
        }
      }
      throw SchemaError(where, pointer, e.reason());
    }
    builder_.add_error(RecordError::of(SchemaError(where, pointer, e.reason())));
  }

  std::optional<JsonFailure> find_parse_error(const Window& w) {
    simdjson::ondemand::parser parser;
    od::document doc;
    try {
      doc = take(parser.iterate(simdjson::padded_string_view(w.data, w.size, w.size + simdjson::SIMDJSON_PADDING)), w.data);
      walk_document(doc, w.data);
      if (const char* next = trailing_content(doc)) return JsonFailure{simdjson::TRAILING_CONTENT, next};
    } catch (const JsonFailure& failure) {
      return failure;
    }
    return std::nullopt;
  }

  /// Builds `record`, annotated first when the load annotates. Throws SchemaError for a bad record.
  void add(const ArticleInput& record) {
    if (annotators_.empty()) return detail::Internals::add_with_valid_meta(builder_, record);
    detail::RecordAnnotator& first = *annotators_.front();
    first.check(record);
    if (annotators_.size() == 1) return detail::Internals::add_with_valid_meta(builder_, first.annotate(record));
    std::size_t size = record.meta.size();
    for (const auto paragraph : record.paragraphs) size += paragraph.size();
    if (!first.annotates(record) || size >= pending_bytes_limit) {
      // A record kept as it is, or too big to be worth a copy, is built here
      // (annotated on this thread): after the pending ones, and with no copy.
      annotate_pending();
      detail::Internals::add_with_valid_meta(direct_, first.annotate(record));
      return;
    }
    if (direct_.size() > 0) parts_.push_back(direct_.finish());
    pending_.emplace_back(record);
    pending_bytes_ += pending_.back().text.size();
    if (pending_bytes_ >= pending_bytes_limit) annotate_pending();
  }

  /// Annotates and builds the pending records (none when direct_ holds any): a contiguous share on each
  /// thread, each into a corpus of its own, kept in record order.
  void annotate_pending() {
    const std::size_t n = pending_.size();
    if (n == 0) return;
    const std::size_t chunks = std::min(annotators_.size(), n);
    std::vector<Corpus> built(chunks);
    std::vector<std::exception_ptr> failures(chunks);
    detail::run_chunks(chunks, [&](std::size_t c) {
      try {
        CorpusBuilder builder;
        for (std::size_t i = n * c / chunks; i < n * (c + 1) / chunks; ++i) {
          detail::Internals::add_with_valid_meta(builder, annotators_[c]->annotate(pending_[i].record));
        }
        built[c] = builder.finish();
      } catch (...) {
        failures[c] = std::current_exception();
      }
    });
    pending_.clear();
    pending_bytes_ = 0;
    for (const auto& failure : failures)
      if (failure) std::rethrow_exception(failure);
    for (auto& part : built) parts_.push_back(std::move(part));
  }

  const LoadOptions& options_;
  std::string path_;
  RecordReader reader_;
  CorpusBuilder builder_;
  std::vector<detail::RecordAnnotator*> annotators_;
  std::deque<OwnedRecord> pending_;  // a deque: records do not move, so their views stay valid
  std::size_t pending_bytes_ = 0;
  // Built in record order: parts_, then the records of pending_ or of direct_ (one of them is empty).
  std::vector<Corpus> parts_;
  CorpusBuilder direct_;  // records built on this thread
  od::parser single_parser_;
  od::parser stream_parser_;
};

/// Input of several lines that is not one JSON document may be JSONL with a
/// bad first line: then its good lines load. It is taken for JSONL when at
/// least one line is an article, so that pretty-printed JSON with an error
/// keeps its one precise error rather than one per line.
std::optional<Corpus> load_lines(const Window& w, const LoadOptions& options, const std::string& name,
                                 const std::vector<detail::RecordAnnotator*>& annotators) {
  LoadOptions skip = options;
  skip.on_error = OnError::skip;
  Loader loader(skip, name, annotators);
  loader.read_stream(w);
  Corpus corpus = loader.finish();
  if (corpus.empty()) return std::nullopt;
  if (options.on_error == OnError::raise && !corpus.errors().empty()) std::rethrow_exception(corpus.errors().front().exception());
  return corpus;
}

/// memchr skips whole vectors of non-newline bytes; JSONL lines are long.
std::uint64_t count_newlines(const char* p, const char* end) {
  std::uint64_t n = 0;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
    ++n;
    ++p;
  }
  return n;
}

std::string too_long(std::uint64_t limit) {
  return fmt::format("line longer than {} bytes (the max_record_bytes limit)", limit);
}

/// Reads a window of JSONL, each line longer than `limit` an error.
void read_window(Loader& loader, const Window& w, const std::string& path, std::uint64_t limit) {
  if (w.size <= limit) return loader.read_stream(w);
  const char* end = w.data + w.size;
  const char* piece = w.data;
  std::uint64_t piece_line = w.first_line;
  std::uint64_t line = w.first_line;
  for (const char* p = w.data; p < end; ++line) {
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = newline ? newline : end;
    if (static_cast<std::uint64_t>(line_end - p) > limit &&
        !trim_white_space(std::string_view(p, static_cast<std::size_t>(line_end - p))).empty()) {
      loader.read_stream(Window{piece, static_cast<std::size_t>(p - piece), piece_line,
                                w.offset + static_cast<std::uint64_t>(piece - w.data)});
      loader.report(ParseError(Location{path, line, 1, w.offset + static_cast<std::uint64_t>(p - w.data)}, too_long(limit)));
      piece = newline ? newline + 1 : end;
      piece_line = line + 1;
    }
    p = newline ? newline + 1 : end;
  }
  loader.read_stream(Window{piece, static_cast<std::size_t>(end - piece), piece_line,
                            w.offset + static_cast<std::uint64_t>(piece - w.data)});
}

/// The windows of one JSONL file parsed on several threads, a batch of one
/// window a thread at a time, each window into a corpus of its own; the
/// corpora join in file order, and with OnError::raise the first error in
/// file order is thrown. For loads without annotation, whose records have
/// batches of their own.
class WindowBatch {
 public:
  WindowBatch(const LoadOptions& options, const std::string& path, unsigned threads)
      : path_(path), limit_(options.max_record_bytes), on_error_(options.on_error) {
    for (unsigned t = 0; t < threads; ++t) loaders_.push_back(std::make_unique<Loader>(options, path));
  }

  /// A buffer of `capacity` bytes and padding for the reader's next window: one a parsed window gave back, or new.
  std::unique_ptr<char[]> spare(std::size_t capacity) {
    while (!spare_.empty()) {
      Buffer buffer = std::move(spare_.back());
      spare_.pop_back();
      if (buffer.capacity == capacity) return std::move(buffer.data);
    }
    return std::unique_ptr<char[]>(new char[capacity + simdjson::SIMDJSON_PADDING]);
  }
  /// Takes window `w`, which lies in `buffer`; parses the batch when it is full.
  void add(std::unique_ptr<char[]> buffer, std::size_t capacity, const Window& w) {
    windows_.push_back({Buffer{std::move(buffer), capacity}, w});
    if (windows_.size() == loaders_.size()) run();
  }
  /// An error the reader found between windows (a line over the limit): after the windows before it.
  void report(const ParseError& error) {
    run();
    if (on_error_ == OnError::raise) throw error;
    errors_.push_back(RecordError::of(error));
  }
  /// The corpus of every window, after `earlier` errors (reported before the first window).
  Corpus finish(const std::vector<RecordError>& earlier) {
    run();
    errors_.insert(errors_.begin(), earlier.begin(), earlier.end());
    return Corpus(std::move(articles_), std::move(errors_));
  }

 private:
  struct Buffer {
    std::unique_ptr<char[]> data;
    std::size_t capacity;
  };
  struct Held {
    Buffer buffer;
    Window w;
  };

  void run() {
    const std::size_t n = windows_.size();
    std::vector<Corpus> built(n);
    std::vector<std::exception_ptr> failures(n);
    detail::run_chunks(n, [&](std::size_t c) {
      try {
        Loader& loader = *loaders_[c];
        loader.restart();
        read_window(loader, windows_[c].w, path_, limit_);
        built[c] = loader.finish_window();
      } catch (...) {
        failures[c] = std::current_exception();
      }
    });
    for (Held& held : windows_) spare_.push_back(std::move(held.buffer));
    windows_.clear();
    for (std::size_t c = 0; c < n; ++c) {
      if (failures[c]) std::rethrow_exception(failures[c]);
      articles_.insert(articles_.end(), built[c].begin(), built[c].end());
      errors_.insert(errors_.end(), built[c].errors().begin(), built[c].errors().end());
    }
  }

  const std::string& path_;
  std::uint64_t limit_;
  OnError on_error_;
  std::vector<std::unique_ptr<Loader>> loaders_;
  std::vector<Held> windows_;
  std::vector<Buffer> spare_;
  std::vector<Article> articles_;
  std::vector<RecordError> errors_;
};

/// `text` as the bytes of `name` from `start` on (a BOM is skipped only at the file's start).
Corpus load_buffer(std::string_view text, const LoadOptions& options, const std::string& name,
                   const std::vector<detail::RecordAnnotator*>& annotators = {}, FileStart start = {}) {
  // The buffer must be followed by simdjson::SIMDJSON_PADDING readable bytes.
  Loader loader(options, name, annotators);
  const std::uint64_t bom = start.byte == 0 ? text.size() - skip_bom(text).size() : 0;
  const Window w{text.data() + bom, text.size() - bom, start.line, start.byte + bom};
  const std::string_view input(w.data, w.size);
  const bool jsonl = options.format == Format::jsonl ||
                     (options.format == Format::automatic && looks_like_jsonl(input));
  if (!jsonl) {
    try {
      if (loader.read_single(w)) return loader.finish();
    } catch (const ParseError& error) {
      if (options.format == Format::automatic && has_several_lines(input)) {
        if (auto corpus = load_lines(w, options, name, annotators)) return std::move(*corpus);
      }
      loader.report(error);
      return loader.finish();
    }
    loader.restart();
  }
  read_window(loader, w, name, options.max_record_bytes);
  return loader.finish();
}

/// Streams a JSONL file in windows that end at a newline.
Corpus load_jsonl_file(const std::string& path, const LoadOptions& options, const detail::FilePipeline& pipeline) {
  InputFile file(path);
  Loader loader(options, path, pipeline.annotators);
  // A file longer than one window is parsed on every thread, unless annotation batches its records instead.
  const unsigned threads = pipeline.annotators.empty() ? detail::file_thread_count(options.threads) : 1;
  std::optional<WindowBatch> batch;
  const auto report = [&](const ParseError& error) { batch ? batch->report(error) : loader.report(error); };
  std::size_t capacity = window_size;
  // Not value-initialised: zeroing 8 MiB would cost more than parsing a small file.
  std::unique_ptr<char[]> buffer(new char[capacity + simdjson::SIMDJSON_PADDING]);
  std::size_t filled = file.read(buffer.get(), capacity);
  // The first window starts after the BOM, also when it has to grow first.
  std::size_t start = filled - skip_bom(std::string_view(buffer.get(), filled)).size();
  std::uint64_t line = 1;
  std::uint64_t offset = 0;
  for (;;) {
    const bool eof = filled < capacity;
    const char* last_newline = nullptr;
    for (std::size_t i = filled; i > start; --i) {
      if (buffer[i - 1] == '\n') {
        last_newline = buffer.get() + i - 1;
        break;
      }
    }
    if (!eof && !last_newline) {
      // White space before a record costs no memory: drop it rather than grow.
      const std::string_view pending(buffer.get() + start, filled - start);
      const std::size_t blank = std::min(pending.find_first_not_of(" \t\r"), pending.size());
      if (blank > 0) {
        offset += start + blank;
        std::memmove(buffer.get(), buffer.get() + start + blank, pending.size() - blank);
        filled = pending.size() - blank;
        start = 0;
        filled += file.read(buffer.get() + filled, capacity - filled);
        continue;
      }
      if (pending.size() >= options.max_record_bytes) {
        // Too long a line: an error naming it, then its bytes are read and dropped.
        report(ParseError(Location{path, line, 1, offset + start}, too_long(options.max_record_bytes)));
        offset += filled;
        start = 0;
        for (;;) {
          filled = file.read(buffer.get(), capacity);
          const auto* newline = static_cast<const char*>(std::memchr(buffer.get(), '\n', filled));
          if (newline || filled < capacity) {
            const std::size_t next = newline ? static_cast<std::size_t>(newline - buffer.get()) + 1 : filled;
            offset += next;
            line += newline ? 1 : 0;
            std::memmove(buffer.get(), buffer.get() + next, filled - next);
            filled -= next;
            break;
          }
          offset += filled;
        }
        filled += file.read(buffer.get() + filled, capacity - filled);
        continue;
      }
      // A line longer than the window: grow it.
      std::unique_ptr<char[]> bigger(new char[2 * capacity + simdjson::SIMDJSON_PADDING]);
      std::memcpy(bigger.get(), buffer.get(), filled);
      buffer = std::move(bigger);
      capacity *= 2;
      filled += file.read(buffer.get() + filled, capacity - filled);
      continue;
    }
    const std::size_t end = eof ? filled : static_cast<std::size_t>(last_newline - buffer.get()) + 1;
    const Window w{buffer.get() + start, end - start, line, offset + start};
    const std::uint64_t newlines = count_newlines(w.data, w.data + w.size);
    if (threads > 1 && !batch && !eof) batch.emplace(options, path, threads);
    if (!batch) {
      read_window(loader, w, path, options.max_record_bytes);
      if (eof) break;
      std::memmove(buffer.get(), buffer.get() + end, filled - end);
    } else {
      // The window keeps its buffer until its batch is parsed; what follows it starts the next buffer,
      // of the usual size again after a long line grew this one.
      const std::size_t next_capacity = std::max(window_size, filled - end);
      std::unique_ptr<char[]> next = batch->spare(next_capacity);
      std::memcpy(next.get(), buffer.get() + end, filled - end);
      batch->add(std::exchange(buffer, std::move(next)), capacity, w);
      capacity = next_capacity;
      if (eof) break;
    }
    if (pipeline.bytes_read) pipeline.bytes_read->store(file.position(), std::memory_order_relaxed);
    if (options.check_interrupt) options.check_interrupt();
    line += newlines;
    offset += end;
    filled -= end;
    start = 0;
    filled += file.read(buffer.get() + filled, capacity - filled);
  }
  if (!batch) return loader.finish();
  return batch->finish(loader.finish().errors());
}

}  // namespace

Corpus loads(std::string_view json, const LoadOptions& options, const std::string& name) {
  return detail::load_json_bytes(json, options, name, FileStart{});
}

namespace detail {

Corpus load_json_bytes(std::string_view json, const LoadOptions& options, const std::string& name, FileStart start) {
  const simdjson::padded_string padded(json);
  std::vector<std::unique_ptr<detail::RecordAnnotator>> annotators;
  std::vector<detail::RecordAnnotator*> annotator_pointers;
  if (options.annotator) {
    for (unsigned t = detail::thread_count(options.threads); t > 0; --t) {
      annotators.push_back(std::make_unique<detail::RecordAnnotator>(*options.annotator, options.annotate));
      annotator_pointers.push_back(annotators.back().get());
    }
  }
  return load_buffer(std::string_view(padded.data(), padded.size()), options, name, annotator_pointers, start);
}

Corpus load_json_file(const std::string& path, const LoadOptions& options, const FilePipeline& pipeline) {
  if (options.format == Format::jsonl) return load_jsonl_file(path, options, pipeline);
  InputFile file(path);
  std::string content;
  char chunk[1 << 16];
  for (std::size_t n; (n = file.read(chunk, sizeof chunk)) > 0;) {
    content.append(chunk, n);
    if (content.size() > options.max_record_bytes) {
      // Too big for one document: streamed as JSONL, whose lines are held to the limit.
      std::string().swap(content);
      return load_jsonl_file(path, options, pipeline);
    }
  }
  // The string's spare capacity is the padding simdjson reads past the end.
  content.reserve(content.size() + simdjson::SIMDJSON_PADDING);
  return load_buffer(content, options, path, pipeline.annotators);
}

}  // namespace detail

}  // namespace newsdoc

