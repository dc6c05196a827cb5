// The newsdoc document model: immutable articles stored in a shared Store,
// viewed through cheap handles.
//
// ## Offsets
// Every span is kept twice: in UTF-8 bytes into the body text (what C++
// slices with) and in Unicode code points (what Python and the JSON format
// use). The builder computes both once, so no reader ever converts.
//
// ## Lifetimes
// A Store owns all text (one arena) and flat arrays of records. `Article`,
// `Corpus` and every view hold a std::shared_ptr to the Store, so a handle
// stays valid after the Corpus it came from is gone. The std::string_view
// values returned by the accessors point into the Store: they are valid as
// long as any handle to that Store is alive. They are never invalidated
// otherwise: a Store never changes once built.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/error.hpp"

namespace newsdoc {

/// A half-open range [start, end).
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span& a, const Span& b) { return a.start == b.start && a.end == b.end; }
};

enum class QuoteKind : std::uint8_t {
  direct,   ///< a whole quoted statement
  partial,  ///< a quoted fragment inside the reporter's sentence
  indirect  ///< reported speech without quotation marks
};

std::string_view to_string(QuoteKind kind) noexcept;
/// The kind named `name` ("direct", "partial", "indirect"), or nullopt.
std::optional<QuoteKind> quote_kind_from_string(std::string_view name) noexcept;

/// Marks "no entity" where an entity index is expected.
inline constexpr std::int32_t no_entity = -1;
/// Marks "no quote" where a quote index is expected (a quote without parent).
inline constexpr std::int32_t no_quote = -1;

namespace detail {
struct Store;
struct Internals;  // the library's access to the private parts (cpp/src/store.hpp)
}

/// A paragraph of the body text.
struct Paragraph {
  Span bytes;
  Span chars;
  std::string_view text;
};

/// A quote. `speaker` is an index into the article's entities, or no_entity.
struct Quote {
  Span bytes;
  Span chars;
  std::string_view text;
  QuoteKind kind = QuoteKind::direct;
  std::uint32_t first_paragraph = 0;
  std::uint32_t last_paragraph = 0;
  std::int32_t speaker = no_entity;
  /// The speaker's surface mention ("he", "Assad"), if known.
  std::optional<Span> speaker_bytes;
  std::optional<Span> speaker_chars;
  /// The cue ("said", "according to"); empty when unknown.
  std::string_view cue;
  /// The cue's words in the body, if known.
  std::optional<Span> cue_bytes;
  std::optional<Span> cue_chars;
  /// The attribution (statement) this quote is a part of: an index into the
  /// article's attributions. Every quote belongs to exactly one.
  std::uint32_t attribution = 0;
  /// For a quoted fragment inside another quote of the same attribution
  /// (`she said it was “nothing extraordinary”`): the enclosing quote's
  /// index; no_quote for a top-level part.
  std::int32_t parent = no_quote;
};

/// One attributed statement: a cue, its speaker and the quotes that make it
/// up. An interrupted quote (`“We will win,” she said, “and soon.”`) is one
/// attribution of two parts; a quoted fragment inside reported speech is a
/// part whose `parent` is the reported clause. Speaker and cue are those of
/// the attribution's first top-level part.
struct Attribution {
  QuoteKind kind = QuoteKind::direct;  ///< the kind of its first top-level part
  std::int32_t speaker = no_entity;
  std::optional<Span> speaker_bytes;
  std::optional<Span> speaker_chars;
  std::string_view cue;
  std::optional<Span> cue_bytes;
  std::optional<Span> cue_chars;
  /// Indexes of every quote of the attribution, in text order.
  std::vector<std::uint32_t> parts;
  /// The top-level parts (no parent): the statement's content, in text order.
  std::vector<std::uint32_t> content;
};

/// A named entity of one article.
struct Entity {
  std::string_view id;
  std::string_view name;
  std::string_view type;  ///< an OntoNotes label: PERSON, ORG, GPE, LOC, ...
  std::vector<std::string_view> aliases;
};

/// One mention of an entity in the body text.
struct Mention {
  Span bytes;
  Span chars;
  std::string_view text;
  std::uint32_t entity = 0;  ///< index into the article's entities
};

/// A handle to one immutable article. Cheap to copy; keeps its Store alive.
///
/// ## Temporaries
/// The accessors that return views are deleted on an rvalue Article: a view
/// taken from a temporary handle could outlive the last handle to its
/// Store. Keep the Article (or its Corpus) in a variable first.
class Article {
 public:
  std::string_view id() const& noexcept;
  std::string_view id() && = delete;
  std::string_view url() const& noexcept;
  std::string_view url() && = delete;
  std::string_view source() const& noexcept;
  std::string_view source() && = delete;
  std::string_view title() const& noexcept;
  std::string_view title() && = delete;
  /// The publication date as given (ISO-8601 in canonical input), or nullopt.
  std::optional<std::string_view> published() const& noexcept;
  std::optional<std::string_view> published() && = delete;
  std::string_view language() const& noexcept;
  std::string_view language() && = delete;
  std::vector<std::string_view> authors() const&;
  std::vector<std::string_view> authors() && = delete;
  std::vector<std::string_view> tags() const&;
  std::vector<std::string_view> tags() && = delete;
  /// The body: the paragraphs joined by "\n\n".
  std::string_view text() const& noexcept;
  std::string_view text() && = delete;
  /// Every input field the schema does not know, as one minified JSON object.
  std::string_view meta_json() const& noexcept;
  std::string_view meta_json() && = delete;
  /// The file the article was loaded from, "" when it was not loaded from a
  /// file (newsdoc/input.hpp). Load metadata, not content: not written to
  /// JSON and not compared by ==, but kept by the binary form.
  std::string_view origin() const& noexcept;
  std::string_view origin() && = delete;
  /// The 1-based line of the article's record in origin(), 0 when not known
  /// (a .txt file, or not loaded from a file).
  std::uint64_t origin_line() const noexcept;
  /// True when the body is pure ASCII (byte and code point offsets agree).
  bool is_ascii() const noexcept;
  /// The body's length in code points.
  std::uint32_t char_length() const noexcept;

  std::size_t paragraph_count() const noexcept;
  Paragraph paragraph(std::size_t i) const&;
  Paragraph paragraph(std::size_t i) && = delete;
  std::size_t quote_count() const noexcept;
  Quote quote(std::size_t i) const&;
  Quote quote(std::size_t i) && = delete;
  /// Attributions in the order of their first part in the quote list.
  std::size_t attribution_count() const noexcept;
  Attribution attribution(std::size_t i) const&;
  Attribution attribution(std::size_t i) && = delete;
  std::size_t entity_count() const noexcept;
  Entity entity(std::size_t i) const&;
  Entity entity(std::size_t i) && = delete;
  std::size_t mention_count() const noexcept;
  Mention mention(std::size_t i) const&;
  Mention mention(std::size_t i) && = delete;
  /// Indexes of the mentions of entity `e`, in text order.
  std::vector<std::uint32_t> mentions_of(std::size_t entity) const;

  /// The article as one line of canonical JSON (no trailing newline).
  std::string to_json() const;

  /// Same content, field by field (meta compared as text).
  friend bool operator==(const Article& a, const Article& b);
  friend bool operator!=(const Article& a, const Article& b) { return !(a == b); }

 private:
  friend struct detail::Internals;
  Article(std::shared_ptr<const detail::Store> store, std::uint32_t index) noexcept
      : store_(std::move(store)), index_(index) {}

  std::shared_ptr<const detail::Store> store_;
  std::uint32_t index_;
};

/// A record (or file) that a load with OnError::skip set aside instead of
/// throwing: the error it would have thrown, as data a binary corpus stores.
struct RecordError {
  enum class Kind : std::uint8_t { parse, schema, io };
  Kind kind = Kind::parse;
  Location where;       ///< the record's place; for io, the file (where.path)
  std::string pointer;  ///< for schema errors
  std::string reason;   ///< the message without its location

  static RecordError of(const ParseError& error);
  static RecordError of(const SchemaError& error);
  static RecordError of(const IoError& error);
  /// The error itself: a ParseError, SchemaError or IoError. The one way
  /// back from the record (Python's Corpus.errors list these).
  std::exception_ptr exception() const;
  /// Its message, "path:line:column: reason".
  std::string message() const;
};

/// An ordered collection of articles. Copies and slices share storage.
class Corpus {
 public:
  Corpus() = default;
  explicit Corpus(std::vector<Article> articles, std::vector<RecordError> errors = {})
      : articles_(std::move(articles)), errors_(std::move(errors)) {}

  std::size_t size() const noexcept { return articles_.size(); }
  bool empty() const noexcept { return articles_.empty(); }
  const Article& operator[](std::size_t i) const& { return articles_[i]; }
  /// Throws OutOfRangeError past the end.
  const Article& at(std::size_t i) const&;
  /// On a temporary Corpus, a copy of the handle: a reference would dangle.
  Article operator[](std::size_t i) const&& { return articles_[i]; }
  Article at(std::size_t i) const&& { return static_cast<const Corpus&>(*this).at(i); }
  auto begin() const noexcept { return articles_.begin(); }
  auto end() const noexcept { return articles_.end(); }
  /// Articles [start, stop) stepping by `step` (> 0), sharing storage.
  Corpus slice(std::size_t start, std::size_t stop, std::size_t step = 1) const;
  const std::vector<Article>& articles() const noexcept { return articles_; }
  /// Records skipped by a load with OnError::skip, in input order.
  const std::vector<RecordError>& errors() const noexcept { return errors_; }

  /// Canonical JSONL: one article a line, each line ending in "\n".
  std::string to_jsonl() const;

 private:
  std::vector<Article> articles_;
  std::vector<RecordError> errors_;
};

// ---------------------------------------------------------------------------
// Building

/// How a span given to the builder is measured.
enum class OffsetUnit : std::uint8_t { bytes, chars };

struct QuoteInput {
  Span span;
  QuoteKind kind = QuoteKind::direct;
  std::int32_t speaker = no_entity;  ///< index into ArticleInput::entities
  std::optional<Span> speaker_span;
  std::string_view cue;
  std::optional<Span> cue_span{};
  /// Quotes with the same number form one attribution; the builder numbers
  /// attributions anew in order of first appearance. A quote without one is
  /// an attribution of its own (as in files written before attributions).
  std::optional<std::uint32_t> attribution{};
  /// Index into ArticleInput::quotes of the enclosing quote: a top-level
  /// part of the same attribution whose span holds this one.
  std::int32_t parent = no_quote;
};

struct EntityInput {
  std::string_view id;
  std::string_view name;
  std::string_view type;
  std::vector<std::string_view> aliases;
};

struct MentionInput {
  Span span;
  std::uint32_t entity = 0;  ///< index into ArticleInput::entities
};

/// Everything one article is made of. It owns nothing: the strings it views
/// must stay alive until CorpusBuilder::add returns, which copies them.
struct ArticleInput {
  std::string_view id, url, source, title, language;
  std::optional<std::string_view> published;
  std::vector<std::string_view> authors, tags, paragraphs;
  std::vector<QuoteInput> quotes;
  std::vector<EntityInput> entities;
  std::vector<MentionInput> mentions;
  /// Spans of quotes and mentions, measured in the body text.
  OffsetUnit unit = OffsetUnit::bytes;
  /// A JSON object holding the fields the schema does not know.
  std::string_view meta = "{}";
  /// Where the article was loaded from: the file ("" for none) and the
  /// 1-based line (0 when not known). Not part of the article's content.
  std::string_view origin;
  std::uint64_t origin_line = 0;

  /// Empties every field, keeping allocated capacity for reuse.
  void clear();
};

/// Builds a Store. Not thread-safe; `finish` freezes it into a Corpus.
class CorpusBuilder {
 public:
  CorpusBuilder();
  ~CorpusBuilder();
  CorpusBuilder(CorpusBuilder&&) noexcept;
  CorpusBuilder& operator=(CorpusBuilder&&) noexcept;

  /// Validates and copies `article`. Throws SchemaError (naming the bad field
  /// by JSON pointer) when a span lies outside the body, ends before it
  /// starts or cuts a UTF-8 sequence, when an entity index is out of range,
  /// when a string is not UTF-8, or when meta is not a JSON object; the
  /// builder is then unchanged.
  void add(const ArticleInput& article);
  /// Copies an existing article (from any Store) without re-validating it.
  void add(const Article& article);
  std::size_t size() const noexcept;
  /// Records a skipped input record (see OnError::skip).
  void add_error(RecordError error);
  /// Moves everything added into an immutable Corpus; the builder is empty after.
  Corpus finish();

 private:
  friend struct detail::Internals;
  void add_impl(const ArticleInput& article, bool untrusted);
  std::unique_ptr<detail::Store> store_;
  std::vector<RecordError> errors_;
};

}  // namespace newsdoc
