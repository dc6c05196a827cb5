// The storage behind every Article handle: one text arena and flat arrays.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"
#include "newsdoc/utf8.hpp"

namespace newsdoc::detail {

/// Text in the arena. The arena never moves bytes, so a pointer is stable.
struct TextRef {
  const char* data = nullptr;
  std::uint64_t size = 0;
  std::string_view view() const noexcept { return {data, static_cast<std::size_t>(size)}; }
};

/// A range [begin, end) of one of the Store's flat arrays.
struct Range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::size_t size() const noexcept { return end - begin; }
};

/// Append-only storage for text in large blocks. Strings never span blocks,
/// so a block's pointer stays valid for the Store's life.
class Arena {
 public:
  /// Room for `size` bytes; valid until the next call. Finish with commit().
  char* reserve(std::size_t size);
  /// Keeps the first `used` bytes of the last reserve() and returns them.
  TextRef commit(std::size_t used) noexcept;
  TextRef copy(std::string_view text);
  /// Keeps `memory` (of `size` bytes) as long as the arena, so text can
  /// point into it without a copy (a binary corpus file's payload).
  void adopt(std::shared_ptr<const char> memory, std::size_t size);

  struct Mark {
    std::size_t blocks;
    std::size_t used;
  };
  Mark mark() const noexcept;
  /// Forgets everything allocated after `mark`.
  void rollback(Mark mark) noexcept;
  std::size_t allocated_bytes() const noexcept;

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t capacity = 0;
    std::size_t used = 0;
  };
  static constexpr std::size_t block_size = std::size_t{4} << 20;
  std::vector<Block> blocks_;
  char* pending_ = nullptr;
  struct Adopted {
    std::shared_ptr<const char> memory;
    std::size_t size = 0;
  };
  std::vector<Adopted> adopted_;
};

struct ArticleRecord {
  TextRef id, url, source, title, published, language, body, meta;
  TextRef origin;                 // the file the article was loaded from ("" for none)
  std::uint64_t origin_line = 0;  // its 1-based line there, 0 when not known
  bool has_published = false;
  bool ascii = true;
  std::uint32_t char_length = 0;
  Range authors, tags, paragraphs, quotes, attributions, entities, mentions;
};

struct ParagraphRecord {
  Span bytes, chars;
};

struct QuoteRecord {
  Span bytes, chars;
  Span speaker_bytes, speaker_chars;
  Span cue_bytes, cue_chars;
  TextRef cue;
  std::int32_t speaker = no_entity;
  std::uint32_t first_paragraph = 0;
  std::uint32_t last_paragraph = 0;
  std::uint32_t attribution = 0;  // within the article
  std::int32_t parent = no_quote;  // within the article
  QuoteKind kind = QuoteKind::direct;
  bool has_speaker_span = false;
  bool has_cue_span = false;
};

/// An attribution's parts: quote indexes (within the article) in text order,
/// a range of Store::attribution_parts. `head` is its first top-level part.
struct AttributionRecord {
  Range parts;
  std::uint32_t head = 0;
};

struct EntityRecord {
  TextRef id, name, type;
  Range aliases;
};

struct MentionRecord {
  Span bytes, chars;
  std::uint32_t entity = 0;
};

/// True when `text` is one well-formed JSON object (big numbers allowed).
bool is_json_object(std::string_view text);
/// As is_json_object, without copying `text`: at least simdjson::SIMDJSON_PADDING
/// readable bytes must follow it. Reuses one parser per thread.
bool is_padded_json_object(std::string_view text);

struct Store {
  Arena arena;
  std::vector<ArticleRecord> articles;
  std::vector<TextRef> strings;  // authors, tags and aliases
  std::vector<ParagraphRecord> paragraphs;
  std::vector<QuoteRecord> quotes;
  std::vector<AttributionRecord> attributions;
  std::vector<std::uint32_t> attribution_parts;
  std::vector<EntityRecord> entities;
  std::vector<MentionRecord> mentions;
};

/// The builder's checks of an article's quotes and mentions against its
/// entities and each other: speakers and mention entities exist, a parent is
/// a top-level quote of the same attribution enclosing its fragment.
/// SchemaError names the field.
void check_references(const std::vector<QuoteInput>& quotes, const std::vector<MentionInput>& mentions,
                      std::size_t entity_count);

/// When add_quotes_and_mentions gives byte spans their code point spans.
enum class CharSpans {
  now,    // every span is checked and converted as it is added
  later,  // byte spans only: each is ordered and lies in the body, and fill_char_spans does the rest
};

/// Appends the quotes (grouped into attributions) and mentions of `r`, whose
/// body and paragraphs are in `s` already, checking every span against the
/// body (SchemaError naming the field). check_references must have passed.
/// CharSpans::now needs `r.ascii` set; CharSpans::later needs OffsetUnit::bytes.
void add_quotes_and_mentions(Store& s, ArticleRecord& r, const std::vector<QuoteInput>& quotes,
                             const std::vector<MentionInput>& mentions, OffsetUnit unit,
                             CharSpans char_spans = CharSpans::now);

/// The rest of CharSpans::later for article `r`, whose body is valid UTF-8 and
/// whose `ascii` is set: every byte span of its quotes and mentions must
/// start and end on a character boundary (SchemaError naming the field, the
/// first in article order), and gets its code point span, through the
/// body's Utf8Index (none for an article without spans). Writes only `r`'s
/// quote and mention records, so that threads can share the articles of a
/// store.
void fill_char_spans(Store& s, const ArticleRecord& r);
/// As above, through `index`, the Utf8Index of `r`'s body, which the caller has.
void fill_char_spans(Store& s, const ArticleRecord& r, const Utf8Index& index);

/// What the library's own code reaches of Article's and CorpusBuilder's
/// private parts (the public header keeps them private; this one is not
/// installed).
struct Internals {
  /// The handle of article `index` of `store`.
  static Article article(std::shared_ptr<const Store> store, std::uint32_t index) noexcept {
    return Article(std::move(store), index);
  }
  static const std::shared_ptr<const Store>& store(const Article& article) noexcept { return article.store_; }
  static const ArticleRecord& record(const Article& article) noexcept { return article.store_->articles[article.index_]; }
  /// CorpusBuilder::add without the UTF-8 and JSON checks of meta, for
  /// callers that checked it (the JSON reader, the annotator).
  static void add_with_valid_meta(CorpusBuilder& builder, const ArticleInput& article) {
    builder.add_impl(article, false);
  }
  /// CorpusBuilder::finish with the record arrays cut to their size: one of
  /// the many corpora of a JSONL file's windows keeps no growth slack, which
  /// the allocator would hand out again as resident memory.
  static Corpus finish_compact(CorpusBuilder& builder);
};

}  // namespace newsdoc::detail

namespace newsdoc {

/// Escapes `text` as the inside of a JSON string (no quotes), the canonical
/// way: \" \\ \b \f \n \r \t, other control characters as \u00XX, all
/// else as UTF-8.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace newsdoc
