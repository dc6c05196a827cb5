// The input layer (newsdoc/input.hpp): which files a load reads, in which
// format, and the ids and origins of their articles.
#include "newsdoc/input.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "annotate/record_annotator.hpp"
#include "input_file.hpp"
#include "newsdoc/binary.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/text.hpp"
#include "parallel.hpp"
#include "reader.hpp"

namespace newsdoc {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view binary_magic = "\x89NDCORP\n";
constexpr std::string_view known_suffixes[] = {".jsonl.gz", ".ndjson.gz", ".json.gz", ".jsonl", ".ndjson",
                                               ".json", ".txt", ".ndc"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

enum class Kind { jsonl, json, text, binary, sniff };

Kind kind_of(std::string_view path) {
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || ends_with(path, ".jsonl.gz") ||
      ends_with(path, ".ndjson.gz")) {
    return Kind::jsonl;
  }
  if (ends_with(path, ".json") || ends_with(path, ".json.gz")) return Kind::json;
  if (ends_with(path, ".txt")) return Kind::text;
  if (ends_with(path, ".ndc")) return Kind::binary;
  return Kind::sniff;
}

bool is_input_name(std::string_view name) {
  return std::any_of(std::begin(known_suffixes), std::end(known_suffixes),
                     [&](std::string_view s) { return ends_with(name, s); });
}

std::string read_whole(const std::string& path, std::uint64_t limit) {
  std::error_code ignored;
  const auto status = fs::status(path, ignored);
  if (fs::is_directory(status)) throw IoError(path, std::strerror(EISDIR));
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError(path, std::strerror(errno ? errno : EACCES));
  const auto size = fs::file_size(path, ignored);
  if (!ignored && size > limit) {
    throw ParseError(Location{path, 1, 1, 0}, fmt::format("file longer than {} bytes (the max_record_bytes limit)", limit));
  }
  if (!ignored) {
    // One read into a buffer of the file's size (the file may still change size: read what is there).
    std::string content(static_cast<std::size_t>(size), '\0');
    file.read(content.data(), static_cast<std::streamsize>(size));
    if (file.bad()) throw IoError(path, "read failed");
    content.resize(static_cast<std::size_t>(file.gcount()));
    if (file.peek() == std::ifstream::traits_type::eof()) return content;
    file.clear();
    std::ostringstream rest;
    rest << file.rdbuf();
    return content + std::move(rest).str();
  }
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) throw IoError(path, "read failed");
  return std::move(content).str();
}

/// Sets `options.on_record` to give the records read from `file` their ids and origins; `file` must outlive the load.
void record_origins(const SourceFile& file, LoadOptions& options) {
  options.on_record = [&file](ArticleInput& in, const RecordPosition& at) {
    if (in.id.empty()) {
      // The record views its id until it is built, on the thread that read it (windows of a
      // JSONL file are read on several).
      thread_local std::string id;
      if (at.whole_input) {
        id = at.element < 0 ? file.id : fmt::format("{}/{}", file.id, at.element);
      } else {
        id = at.element < 0 ? fmt::format("{}:{}", file.id, at.line) : fmt::format("{}:{}/{}", file.id, at.line, at.element);
      }
      in.id = id;
    }
    in.origin = file.path;
    in.origin_line = at.line;
  };
}

Corpus load_json(const SourceFile& file, Kind kind, const LoadOptions& options, const detail::FilePipeline& pipeline) {
  LoadOptions local = options;
  if (kind == Kind::jsonl && local.format == Format::automatic) local.format = Format::jsonl;
  if (options.assign_ids) record_origins(file, local);
  return detail::load_json_file(file.path, local, pipeline);
}

Corpus load_text_file(const SourceFile& file, const LoadOptions& options, detail::RecordAnnotator* annotator) {
  const std::string content = read_whole(file.path, options.max_record_bytes);
  if (!looks_like_text(content)) throw IoError(file.path, "not a text file: its bytes are binary data");
  TextImportOptions text;
  if (options.assign_ids) {
    text.id = file.id;
    text.origin = file.path;
  } else {
    text.id = file_id(fs::path(file.path).filename().string());
  }
  return detail::parse_text(content, text, annotator);
}

/// A binary corpus is built as it was saved; annotating it builds it again.
Corpus load_binary_file(const SourceFile& file, const LoadOptions& options, unsigned threads) {
  Corpus corpus = options.memory_map ? map_binary_file(file.path, options.threads)
                                     : read_binary_file(file.path, options.threads);
  return options.annotator ? options.annotator->annotate(corpus, options.annotate, threads) : corpus;
}

Corpus load_file(const SourceFile& file, const LoadOptions& options, const detail::FilePipeline& pipeline) {
  Kind kind = kind_of(file.path);
  if (kind == Kind::sniff || kind == Kind::json) {
    const std::string start = detail::read_head(file.path, 4096);
    if (start.compare(0, binary_magic.size(), binary_magic) == 0) {
      kind = Kind::binary;
    } else if (kind == Kind::sniff) {
      const auto first = start.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
      kind = first != std::string::npos && (start[first] == '{' || start[first] == '[') ? Kind::json : Kind::text;
    }
  }
  switch (kind) {
    case Kind::text:
      return load_text_file(file, options, pipeline.annotators.empty() ? nullptr : pipeline.annotators.front());
    case Kind::binary:
      return load_binary_file(file, options, static_cast<unsigned>(std::max<std::size_t>(1, pipeline.annotators.size())));
    default: return load_json(file, kind, options, pipeline);
  }
}

}  // namespace

std::string file_id(std::string_view name) {
  for (std::string_view suffix : known_suffixes) {
    if (ends_with(name, suffix) && name.size() > suffix.size()) return std::string(name.substr(0, name.size() - suffix.size()));
  }
  const auto dot = name.rfind('.');
  const auto slash = name.rfind('/');
  if (dot != std::string_view::npos && dot > 0 && (slash == std::string_view::npos || dot > slash + 1)) {
    return std::string(name.substr(0, dot));
  }
  return std::string(name);
}

bool looks_like_text(std::string_view bytes) noexcept {
  for (std::string_view magic : {std::string_view("\x7f" "ELF"), std::string_view("PK\x03\x04"), std::string_view("%PDF-"),
                                 std::string_view("\x89PNG"), std::string_view("\x1f\x8b"), std::string_view("MZ\x90"),
                                 std::string_view("\xff\xd8\xff"), std::string_view("GIF8")}) {
    if (bytes.substr(0, magic.size()) == magic) return false;
  }
  const std::string_view sample = bytes.substr(0, 1 << 16);
  std::size_t control = 0;
  for (const char c : sample) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0) return false;
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f) ++control;
  }
  return control * 100 <= sample.size();  // at most 1% control characters
}

std::vector<SourceFile> list_inputs(const std::vector<std::string>& paths) {
  std::vector<SourceFile> out;
  for (const std::string& path : paths) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (!fs::exists(status)) throw NotFoundError(path, "No such file or directory");
    if (!fs::is_directory(status)) {
      out.push_back(SourceFile{path, file_id(fs::path(path).filename().string())});
      continue;
    }
    std::vector<std::pair<std::string, std::string>> found;  // full path, relative path
    const fs::path root(path);
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::follow_directory_symlink, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_regular_file(error)) continue;
      const std::string name = it->path().filename().string();
      if (!is_input_name(name)) continue;
      found.emplace_back(it->path().string(), it->path().lexically_relative(root).generic_string());
    }
    if (error) throw IoError(path, error.message());
    std::sort(found.begin(), found.end());
    for (auto& [full, relative] : found) out.push_back(SourceFile{std::move(full), file_id(relative)});
  }
  return out;
}

namespace {

/// Reads the files of a load, annotating them when asked, and reports
/// progress: on the calling thread alone, or when an annotator and several
/// threads have several files to read, on one worker thread per core, each
/// taking the next file, while the calling thread reports progress.
class FileReader {
 public:
  FileReader(const std::vector<SourceFile>& files, const LoadOptions& options)
      : files_(files), options_(options), sizes_(files.size()), results_(files.size()), failures_(files.size()) {
    for (std::size_t f = 0; f < files.size(); ++f) {
      std::error_code unknown;
      const auto size = fs::file_size(files[f].path, unknown);
      sizes_[f] = unknown ? 0 : size;
      progress_.bytes_total += sizes_[f];
    }
    progress_.files_total = files.size();
    if (options.annotator) {
      const unsigned threads = detail::thread_count(options.threads);
      for (unsigned t = 0; t < threads; ++t) {
        annotators_.push_back(std::make_unique<detail::RecordAnnotator>(*options.annotator, options.annotate));
      }
    }
  }

  /// Reads every file: afterwards each has its corpus or the exception its read threw.
  void read_all() {
    if (annotators_.size() > 1 && files_.size() > 1) return read_in_parallel();
    // One thread reads; the only file of a load gets every annotator (its records in parallel batches).
    std::atomic<std::uint64_t> bytes_read{0};
    LoadOptions local = options_;
    local.check_interrupt = [&] {
      if (options_.check_interrupt) options_.check_interrupt();
      report(bytes_read.load(std::memory_order_relaxed));
    };
    for (std::size_t f = 0; f < files_.size(); ++f) {
      bytes_read = 0;
      detail::FilePipeline pipeline{annotator_pointers(0, annotators_.size()), &bytes_read};
      try {
        results_[f] = load_file(files_[f], local, pipeline);
      } catch (const Cancelled&) {
        throw;
      } catch (...) {
        failures_[f] = std::current_exception();
        if (fatal(f)) return;
        continue;
      }
      bytes_read = 0;  // counted in the files done now
      finished(f);
      local.check_interrupt();
    }
    report(0, true);
  }

  Corpus& result(std::size_t f) { return results_[f]; }
  const std::exception_ptr& failure(std::size_t f) const { return failures_[f]; }

 private:
  std::vector<detail::RecordAnnotator*> annotator_pointers(std::size_t first, std::size_t count) const {
    std::vector<detail::RecordAnnotator*> out;
    for (std::size_t i = first; i < first + count && i < annotators_.size(); ++i) out.push_back(annotators_[i].get());
    return out;
  }

  /// Whether the failure of file `f` ends the load (load_sources rethrows it):
  /// anything but an unreadable file that OnError::skip lists.
  bool fatal(std::size_t f) const {
    try {
      std::rethrow_exception(failures_[f]);
    } catch (const ParseError&) {
      return true;
    } catch (const SchemaError&) {
      return true;
    } catch (const IoError&) {
      return options_.on_error == OnError::raise || files_.size() == 1;
    } catch (...) {
      return true;
    }
  }

  void finished(std::size_t f) {
    std::lock_guard<std::mutex> lock(mutex_);
    bytes_done_ += sizes_[f];
    ++files_done_;
    articles_done_ += results_[f].size();
  }

  /// Calls the progress callback when a count grew (or, `last`, with every count at its total).
  void report(std::uint64_t bytes_in_flight, bool last = false) {
    if (!options_.progress) return;
    LoadProgress now = progress_;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      now.bytes_done = std::max(progress_.bytes_done, std::min(bytes_done_ + bytes_in_flight, progress_.bytes_total));
      now.files_done = files_done_;
      now.articles = articles_done_;
    }
    if (last) {
      now.bytes_done = now.bytes_total;
      now.files_done = now.files_total;
    }
    const bool grew = now.bytes_done != progress_.bytes_done || now.files_done != progress_.files_done ||
                      now.articles != progress_.articles;
    if (!grew && (!last || reported_)) return;
    progress_ = now;
    reported_ = true;
    if (!options_.progress(now)) {
      throw Cancelled(fmt::format("load cancelled by its progress callback after {} of {} files", now.files_done,
                                  now.files_total));
    }
  }

  void read_in_parallel() {
    const std::size_t workers = std::min(annotators_.size(), files_.size());
    std::vector<std::atomic<std::uint64_t>> in_flight(workers);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> stop_after{files_.size()};  // no file after it is read: an earlier one failed for good
    std::atomic<bool> cancelled{false};
    std::size_t running = workers;

    auto work = [&](std::size_t w) {
      LoadOptions local = options_;
      local.check_interrupt = [&] {
        if (cancelled.load()) throw Cancelled("load cancelled");
      };
      local.progress = nullptr;
      detail::FilePipeline pipeline{annotator_pointers(w, 1), &in_flight[w]};
      for (std::size_t f; !cancelled.load() && (f = next.fetch_add(1)) < files_.size() && f < stop_after.load();) {
        in_flight[w] = 0;
        try {
          results_[f] = load_file(files_[f], local, pipeline);
        } catch (...) {
          failures_[f] = std::current_exception();
          if (cancelled.load()) break;
          if (fatal(f)) {
            for (std::size_t seen = stop_after.load(); f < seen && !stop_after.compare_exchange_weak(seen, f);) {
            }
          }
          in_flight[w] = 0;
          continue;
        }
        in_flight[w] = 0;
        finished(f);
        std::lock_guard<std::mutex> lock(mutex_);
        changed_.notify_one();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      --running;
      changed_.notify_one();
    };

    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w) pool.emplace_back(work, w);
    std::exception_ptr stopped;  // from the caller's callbacks, which run here
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait_for(lock, std::chrono::milliseconds(50));
        if (running == 0) break;
      }
      if (stopped) continue;
      try {
        if (options_.check_interrupt) options_.check_interrupt();
        std::uint64_t bytes = 0;
        for (const auto& b : in_flight) bytes += b.load(std::memory_order_relaxed);
        report(bytes);
      } catch (...) {
        stopped = std::current_exception();
        cancelled = true;
      }
    }
    for (auto& t : pool) t.join();
    if (stopped) std::rethrow_exception(stopped);
    for (std::size_t f = 0; f < files_.size(); ++f)
      if (failures_[f] && fatal(f)) return;
    report(0, true);
  }

  const std::vector<SourceFile>& files_;
  const LoadOptions& options_;
  std::vector<std::uint64_t> sizes_;
  std::vector<Corpus> results_;
  std::vector<std::exception_ptr> failures_;
  std::vector<std::unique_ptr<detail::RecordAnnotator>> annotators_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t bytes_done_ = 0;  // of the files done; guarded by mutex_, as are the two below
  std::size_t files_done_ = 0;
  std::size_t articles_done_ = 0;
  LoadProgress progress_;  // as last reported; the calling thread's alone
  bool reported_ = false;
};

/// The checks of a load on its `articles`, article i read from files[file_of[i]]: duplicate ids are an
/// error, or with OnError::skip the first is kept and the others listed in `errors`; with `check_mapping`,
/// a mapping that finds no title and no body in any record is an error.
void check_loaded(std::vector<Article>& articles, std::vector<RecordError>& errors,
                  const std::vector<SourceFile>& files, const std::vector<std::uint32_t>& file_of,
                  bool check_mapping, const LoadOptions& options) {
  // Duplicate ids: an error, or with OnError::skip the first is kept.
  if (options.assign_ids) {
    std::unordered_map<std::string_view, std::size_t> seen;
    seen.reserve(articles.size());
    std::vector<Article> kept;
    bool dropped = false;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      const Article& a = articles[i];
      const auto [it, fresh] = seen.emplace(a.id(), i);
      if (fresh) {
        if (dropped) kept.push_back(a);
        continue;
      }
      const Article& first = articles[it->second];
      const std::string& path = files[file_of[i]].path;
      const Location where{path, a.origin_line(), 0, 0};
      const std::string reason = fmt::format("duplicate id \"{}\": the first is in {}{}", a.id(),
                                             files[file_of[it->second]].path,
                                             first.origin_line() ? fmt::format(":{}", first.origin_line()) : "");
      const SchemaError error(where, "/id", reason);
      if (options.on_error == OnError::raise) throw error;
      errors.push_back(RecordError::of(error));
      if (!dropped) {
        kept.assign(articles.begin(), articles.begin() + static_cast<std::ptrdiff_t>(i));
        dropped = true;
      }
    }
    if (dropped) articles = std::move(kept);
  }

  // A mapping that finds nothing: every record without title and body.
  if (check_mapping && !articles.empty() && std::none_of(articles.begin(), articles.end(), [](const Article& a) {
        return !a.title().empty() || a.paragraph_count() > 0;
      })) {
    const Article& first = articles.front();
    std::string keys;
    simdjson::dom::parser parser;
    simdjson::dom::object meta;
    if (parser.parse(first.meta_json().data(), first.meta_json().size()).get(meta) == simdjson::SUCCESS) {
      for (auto field : meta) {
        keys += keys.empty() ? "" : ", ";
        keys += field.key;
      }
    }
    const std::string& path = files[file_of.front()].path;
    throw SchemaError(Location{path, first.origin_line(), 0, 0}, "",
                      fmt::format("no record has a title or a body under this mapping{}",
                                  keys.empty() ? std::string() : " (the first record's other keys: " + keys + ")"));
  }
}

/// `bytes` of `file` from `start` on, with the checks of a load; the mapping check only when they are
/// the whole file.
Corpus load_in_memory(const SourceFile& file, std::string_view bytes, FileStart start, bool whole_file,
                      const LoadOptions& options) {
  LoadOptions local = options;
  if (options.assign_ids) record_origins(file, local);
  const Corpus part = detail::load_json_bytes(bytes, local, file.path, start);
  std::vector<Article> articles(part.begin(), part.end());
  std::vector<RecordError> errors(part.errors().begin(), part.errors().end());
  check_loaded(articles, errors, {file}, std::vector<std::uint32_t>(articles.size(), 0), whole_file, options);
  return Corpus(std::move(articles), std::move(errors));
}

Corpus load_sources(const std::vector<SourceFile>& files, const LoadOptions& options, bool folder,
                    const std::string& what) {
  FileReader reader(files, options);
  reader.read_all();
  std::vector<Article> articles;
  std::vector<RecordError> errors;
  std::vector<std::uint32_t> file_of;  // per article: index into files
  for (std::size_t f = 0; f < files.size(); ++f) {
    if (const auto& failure = reader.failure(f)) {
      try {
        std::rethrow_exception(failure);
      } catch (const ParseError&) {
        throw;
      } catch (const SchemaError&) {
        throw;
      } catch (const IoError& e) {
        // A file named alone is the load: it fails. One of several is skipped with OnError::skip.
        if (options.on_error == OnError::raise || (files.size() == 1 && !folder)) throw;
        errors.push_back(RecordError::of(e));
        continue;
      }
    }
    const Corpus& part = reader.result(f);
    articles.insert(articles.end(), part.begin(), part.end());
    file_of.resize(articles.size(), static_cast<std::uint32_t>(f));
    errors.insert(errors.end(), part.errors().begin(), part.errors().end());
  }

  check_loaded(articles, errors, files, file_of, true, options);

  if (folder && articles.empty()) {
    if (files.empty()) throw NothingLoaded(fmt::format("nothing to load: no .json, .jsonl, .ndjson, .txt or .ndc file in {}", what));
    throw NothingLoaded(fmt::format("nothing loaded: {} file{} read, {} error{}{}", files.size(),
                                    files.size() == 1 ? "" : "s", errors.size(), errors.size() == 1 ? "" : "s",
                                    errors.empty() ? std::string() : "; the first: " + errors.front().message()));
  }
  return Corpus(std::move(articles), std::move(errors));
}

}  // namespace

Corpus load(const std::vector<std::string>& paths, const LoadOptions& options) {
  bool folder = false;
  for (const auto& path : paths) folder = folder || fs::is_directory(path);
  return load_sources(list_inputs(paths), options, folder, paths.empty() ? std::string() : paths.front());
}

Corpus load(const std::vector<SourceFile>& files, const LoadOptions& options) {
  return load_sources(files, options, false, "");
}

Corpus load_bytes(const SourceFile& file, std::string_view content, const LoadOptions& options) {
  LoadOptions local = options;
  if (local.format == Format::automatic &&
      (kind_of(file.path) == Kind::jsonl || content.size() > options.max_record_bytes)) {
    local.format = Format::jsonl;
  }
  return load_in_memory(file, content, FileStart{}, true, local);
}

Corpus load_lines(const SourceFile& file, std::string_view lines, FileStart start, const LoadOptions& options) {
  LoadOptions local = options;
  local.format = Format::jsonl;
  return load_in_memory(file, lines, start, false, local);
}

Corpus load(const std::string& path, const LoadOptions& options) { return load(std::vector<std::string>{path}, options); }

void save(const Corpus& corpus, const std::string& path) {
  const std::string blob = to_binary(corpus);
  // Written beside `path` and renamed over it, never rewritten in place: a corpus
  // mapped from the old file (map_binary_file) keeps its bytes, and a failed write
  // leaves the old file whole. A symbolic link keeps pointing at the new file.
  std::error_code error;
  const fs::path target = fs::is_symlink(path, error) ? fs::canonical(path) : fs::path(path);
  static std::atomic<unsigned> saves{0};
  fs::path temporary;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    temporary = target;
    temporary += fmt::format(".{}-{}.tmp", getpid(), saves++);
    fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);  // the umask applies
    if (fd < 0 && (errno != EEXIST || attempt == 100)) throw IoError(path, std::strerror(errno));
  }
  struct stat old {};
  if (stat(target.c_str(), &old) == 0) fchmod(fd, old.st_mode & 07777);  // an existing file keeps its mode
  const auto fail = [&](const char* what) {
    const std::string reason = fmt::format("{}: {}", what, std::strerror(errno));
    close(fd);
    unlink(temporary.c_str());
    throw IoError(path, reason);
  };
  for (std::size_t done = 0; done < blob.size();) {
    const ssize_t wrote = write(fd, blob.data() + done, blob.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) fail("write failed");
    done += static_cast<std::size_t>(wrote);
  }
  if (close(fd) != 0) {
    fd = -1;
    unlink(temporary.c_str());
    throw IoError(path, fmt::format("write failed: {}", std::strerror(errno)));
  }
  if (rename(temporary.c_str(), target.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    unlink(temporary.c_str());
    throw IoError(path, reason);
  }
}

}  // namespace newsdoc
