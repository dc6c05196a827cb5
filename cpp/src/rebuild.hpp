// Rebuilding articles: an Article read back as builder input, and the
// corpus-wide loop that rebuilds articles on threads. The transforms, the
// annotator and CorpusBuilder::add(Article) all rebuild through here.
// Internal: not installed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store.hpp"
#include "newsdoc/article.hpp"
#include "parallel.hpp"

namespace newsdoc::detail {

/// Strings made while one article is rebuilt, which its ArticleInput views.
/// A deque never moves its elements, so the views stay valid as it grows.
class Scratch {
 public:
  std::string_view keep(std::string text) { return strings_.emplace_back(std::move(text)); }
  void clear() noexcept { strings_.clear(); }

 private:
  std::deque<std::string> strings_;
};

/// `text`, never with a null data pointer. An empty body is stored as a null
/// view, and the builder memcpy's every paragraph: from null that is
/// undefined behaviour even for 0 bytes (UBSan reports it).
inline std::string_view non_null(std::string_view text) noexcept {
  return text.data() != nullptr ? text : std::string_view("");
}

/// Sets the fields of `in` that annotation leaves alone (id to origin, the
/// paragraphs) to `article`'s, viewing its Store. Touches nothing else.
void read_fields(const Article& article, ArticleInput& in);

/// `in` cleared, then `article` as builder input viewing its Store: its
/// fields and its annotations, spans in `unit`.
void read_input(const Article& article, OffsetUnit unit, ArticleInput& in);

/// Where a rebuilt article goes: CorpusBuilder::add, or, for input whose
/// meta and text come from a built article, add_with_valid_meta.
enum class Checks : std::uint8_t { all, trusted_meta };

/// `error` with the article's position and id in its message.
std::exception_ptr in_article(std::exception_ptr error, std::size_t position, const Article& article);

/// `article` through `rebuild(0, article, input, scratch)`, which fills
/// `input` (its strings viewing the article or `scratch`) with the new
/// article, or returns false when the article stays as it is.
template <class Rebuild>
Article rebuild_article(const Article& article, Rebuild&& rebuild, Checks checks = Checks::all) {
  ArticleInput input;
  Scratch scratch;
  if (!rebuild(std::size_t{0}, article, input, scratch)) return article;
  CorpusBuilder builder;
  if (checks == Checks::all) {
    builder.add(input);
  } else {
    detail::Internals::add_with_valid_meta(builder, input);
  }
  const Corpus built = builder.finish();
  return built[0];
}

/// Every article of `corpus` rebuilt, as in rebuild_article, on `threads`
/// threads (0: one per core), a contiguous chunk of articles each, each
/// chunk into a Store of its own. `make_rebuild()` is called once per chunk,
/// on the chunk's thread, and returns the chunk's rebuild function, which
/// may keep state of its own. An article kept as it is keeps its handle.
/// An error names the article it came from; the corpus keeps its errors.
template <class MakeRebuild>
Corpus rebuild_corpus_per_chunk(const Corpus& corpus, unsigned threads, const MakeRebuild& make_rebuild,
                                Checks checks = Checks::all) {
  const std::size_t n = corpus.size();
  threads = thread_count(threads);
  // Chunks of at least 64 articles: a thread per handful of articles costs
  // more than it saves.
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(threads, (n + 63) / 64));
  std::vector<Article> articles(corpus.begin(), corpus.end());
  std::vector<std::exception_ptr> failures(chunks);
  auto work = [&](std::size_t c) {
    const std::size_t begin = n * c / chunks, end = n * (c + 1) / chunks;
    std::size_t i = begin;
    try {
      auto rebuild = make_rebuild();
      CorpusBuilder builder;
      ArticleInput input;
      Scratch scratch;
      std::vector<std::size_t> rebuilt;
      for (; i < end; ++i) {
        scratch.clear();
        if (!rebuild(i, corpus[i], input, scratch)) continue;
        if (checks == Checks::all) {
          builder.add(input);
        } else {
          detail::Internals::add_with_valid_meta(builder, input);
        }
        rebuilt.push_back(i);
      }
      const Corpus part = builder.finish();
      for (std::size_t k = 0; k < rebuilt.size(); ++k) articles[rebuilt[k]] = part[k];
    } catch (...) {
      failures[c] = i < end ? in_article(std::current_exception(), i, corpus[i]) : std::current_exception();
    }
  };
  run_chunks(chunks, work);
  for (const auto& f : failures)
    if (f) std::rethrow_exception(f);
  return Corpus(std::move(articles), corpus.errors());
}

/// rebuild_corpus_per_chunk with one `rebuild`, shared by the chunks.
template <class Rebuild>
Corpus rebuild_corpus(const Corpus& corpus, unsigned threads, const Rebuild& rebuild, Checks checks = Checks::all) {
  return rebuild_corpus_per_chunk(corpus, threads, [&rebuild] { return std::cref(rebuild); }, checks);
}

}  // namespace newsdoc::detail
