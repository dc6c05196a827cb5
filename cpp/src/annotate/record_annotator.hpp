// Annotation inside the load pipeline (input.cpp, json_reader.cpp,
// text_import.cpp): each record is annotated before it is built, so a load
// with annotation builds every article once. Internal: not installed.
#pragma once

#include <memory>

#include "newsdoc/annotate.hpp"
#include "newsdoc/article.hpp"

namespace newsdoc::detail {

/// One thread's annotation of records. Not thread-safe: one per thread.
class RecordAnnotator {
 public:
  RecordAnnotator(const Annotator& annotator, AnnotateMode mode);
  ~RecordAnnotator();
  RecordAnnotator(const RecordAnnotator&) = delete;
  RecordAnnotator& operator=(const RecordAnnotator&) = delete;

  /// Whether the mode annotates `record` (AnnotateMode::missing keeps one
  /// with quotes or entities as it is).
  bool annotates(const ArticleInput& record) const noexcept;
  /// Throws the SchemaError that building `record` (as the JSON reader
  /// builds it) would throw, for what annotation replaces: its quotes,
  /// entities and mentions, which are checked by building it once aside,
  /// and a body too long for offsets. So a bad record fails as it does when
  /// loaded and then annotated.
  void check(const ArticleInput& record);
  /// `record` annotated, or `record` itself when the mode keeps it. The
  /// result views `record` and this object until the next call.
  const ArticleInput& annotate(const ArticleInput& record);

 private:
  struct Worker;
  Annotator annotator_;  // keeps the lists the worker reads alive
  AnnotateMode mode_;
  std::unique_ptr<Worker> worker_;
  CorpusBuilder checker_;
  ArticleInput annotated_;
};

}  // namespace newsdoc::detail
