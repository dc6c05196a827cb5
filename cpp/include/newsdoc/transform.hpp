// Transforms: new articles made from old ones with every span kept
// consistent. Redaction of entities, quotation mark normalisation,
// paragraph selection, entity renaming and merging, and annotations brought
// from elsewhere (spaCy entities, one's own quotes).
//
// ## Immutability
// Articles never change. Every transform returns new articles; the input
// stays as it was. An article a transform leaves unchanged (redact() of an
// article with no entity of the types asked for, rename_entity() of an
// article without that entity) is returned as the same handle, sharing its
// Store, rather than copied.
//
// ## How spans are kept consistent
// A transform that changes the body text describes the change as an edit
// list: byte ranges of the old body and the text replacing each. The edits
// are applied in one pass and the same edits map every old offset to its
// new place, so paragraph, quote, mention and speaker spans all move
// together. A span that starts or ends strictly inside an edited range grows
// to cover that range's replacement; an empty span stays empty. The new
// article is built by CorpusBuilder, which checks every span and computes
// both the byte and the code point offsets again.
//
// ## Corpora and threads
// The Corpus overloads apply the article transform to each article, on
// `threads` threads (0: one per core) in chunks of at least 64 articles,
// each chunk building its own Store. They keep the corpus's skipped-record
// errors. An error in one article is thrown with the article's position
// and id in its message (a SchemaError's pointer is prefixed with the
// position: "/3/0" is item 0 of article 3).
//
// ## Lifetimes
// Results are independent of the arguments: nothing returned views a
// string, vector or selection passed in, and the returned handles keep
// their own Stores alive (see article.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"
#include "newsdoc/error.hpp"

namespace newsdoc {

// ---------------------------------------------------------------------------
// Redaction

/// What redact() hides and what it writes instead.
struct RedactOptions {
  /// Entity types to redact, compared exactly ("PERSON", not "person").
  std::vector<std::string> types{"PERSON"};
  /// The replacement text. `{type}` becomes the entity's type and `{id}` its
  /// id; `{{` and `}}` are literal braces. Any other `{...}` is an error.
  std::string placeholder = "[{type}]";
};

/// The article with every entity whose type is in `options.types` redacted:
///
/// - Body: each mention of such an entity, each other occurrence of its name
///   or an alias (whole words of the text as it was, case-sensitive) that
///   does not overlap a mention of an entity kept (the annotation says that
///   this "Washington" is the GPE), and each speaker span overlapping one of
///   these is replaced by the placeholder. Overlapping ranges merge into one
///   placeholder, formatted for the leftmost entity; a range running over a
///   paragraph break is replaced in each paragraph. A span that touches a
///   range only at its edge stays outside it; quotes around a redacted range
///   keep covering the same words with the placeholder inside.
/// - Entity: its name becomes the placeholder and its aliases are emptied.
///   Its mentions stay, now spanning the placeholder.
/// - Title, authors, tags, meta: whole-word occurrences of a redacted name or
///   alias are replaced; a tag equal to one is removed; in meta only string
///   values are searched (not keys), after decoding their JSON escapes.
///
/// Throws InvalidArgumentError when the placeholder has an unknown field or
/// an unmatched brace.
Article redact(const Article& article, const RedactOptions& options = {});
Corpus redact(const Corpus& corpus, const RedactOptions& options = {}, unsigned threads = 0);

// ---------------------------------------------------------------------------
// Quotation marks

enum class QuoteStyle : std::uint8_t {
  straight,  ///< “ ” „ ‟ « » become ", and ‘ ’ ‚ ‛ ‹ › become '
  curly      ///< " and ' become “ ” ‘ ’ by context
};

/// The style named `name` ("straight", "curly"), or nullopt.
std::optional<QuoteStyle> quote_style_from_string(std::string_view name) noexcept;

/// `text` (valid UTF-8) with its quotation marks in `style`. Curly marks are
/// chosen by the character before: a mark at the start, after white space,
/// after an opening bracket, opening mark or dash opens (“ ‘); any other
/// closes (” ’). A ' between two letters or digits is an apostrophe (’).
/// So "the '90s" gets ‘ rather than the apostrophe. Every mark is one code
/// point either way: code point offsets into the text do not change.
std::string normalize_quotes(std::string_view text, QuoteStyle style);

/// The article with normalize_quotes() applied to its paragraphs (each on its
/// own), title, authors, tags, entity names and aliases and quote cues. The
/// id, url, source, language, date and meta are kept as they are. Code point
/// offsets stay; byte offsets move with the marks' new widths.
Article normalize_quotes(const Article& article, QuoteStyle style = QuoteStyle::straight);
Corpus normalize_quotes(const Corpus& corpus, QuoteStyle style = QuoteStyle::straight, unsigned threads = 0);

// ---------------------------------------------------------------------------
// Paragraph selection

/// Which paragraphs select_paragraphs() keeps: positions or a slice, resolved
/// against each article's paragraph count with Python's rules. Kept
/// paragraphs stay in article order and count once, however the positions
/// are ordered or repeated: this selects, it does not reorder.
class ParagraphSelection {
 public:
  /// Paragraphs at `positions`; a negative position counts from the end.
  static ParagraphSelection at(std::vector<std::int64_t> positions);
  /// start, start + step, ... up to stop, as Python's slice(start, stop,
  /// step); an unset bound means the start or end. Throws
  /// InvalidArgumentError when `step` is 0.
  static ParagraphSelection slice(std::optional<std::int64_t> start, std::optional<std::int64_t> stop,
                                  std::int64_t step = 1);
  /// The kept positions for an article of `count` paragraphs, ascending.
  /// Throws OutOfRangeError for a position outside [-count, count).
  std::vector<std::uint32_t> resolve(std::size_t count) const;

 private:
  ParagraphSelection() = default;
  bool is_slice_ = false;
  std::vector<std::int64_t> positions_;
  std::optional<std::int64_t> start_, stop_;
  std::int64_t step_ = 1;
};

/// The article with only the selected paragraphs.
///
/// - A quote or mention is kept, shifted, when it lies wholly inside a run of
///   consecutive kept paragraphs (the separators between them included); one
///   touching a dropped paragraph or a separator next to one is dropped.
/// - A kept quote whose speaker span touches a dropped paragraph keeps its
///   speaker entity but loses the speaker span.
/// - An entity that had mentions or spoke a quote and has neither left is
///   dropped; an entity that had neither to begin with is kept.
Article select_paragraphs(const Article& article, const ParagraphSelection& selection);
Corpus select_paragraphs(const Corpus& corpus, const ParagraphSelection& selection, unsigned threads = 0);
/// `kept[i]` lists the paragraphs to keep of article i (any order, repeats
/// allowed). Throws InvalidArgumentError when `kept` and `corpus` differ in
/// size, OutOfRangeError for a position past an article's paragraphs.
Corpus select_paragraphs(const Corpus& corpus, const std::vector<std::vector<std::uint32_t>>& kept,
                         unsigned threads = 0);

// ---------------------------------------------------------------------------
// Entities

/// The index of the entity `key` names in `article`: the entity with that id,
/// else the one with that canonical name, else the one with that alias
/// (exact comparisons). nullopt when none does. Throws InvalidArgumentError
/// when several entities share the name or alias matched.
std::optional<std::uint32_t> find_entity(const Article& article, std::string_view key);

/// The article with the canonical name of the entity `key` names (see
/// find_entity) set to `new_name`, which is dropped from its aliases if it was
/// one. The old name is not kept as an alias. Body text, spans and the other
/// entities are unchanged. Throws EntityNotFound when no entity answers to
/// `key`, InvalidArgumentError when `new_name` is empty or not UTF-8.
Article rename_entity(const Article& article, std::string_view key, std::string_view new_name);
/// Renames in every article holding the entity; the others are kept as they
/// are. Throws EntityNotFound when no article holds it.
Corpus rename_entity(const Corpus& corpus, std::string_view key, std::string_view new_name, unsigned threads = 0);

/// The article with entity `absorbed` merged into entity `kept` (each named as
/// in find_entity): absorbed's mentions and the quotes it speaks go to kept,
/// its name and aliases join kept's aliases (once each, never kept's own
/// name), and it is removed. kept keeps its id, name and type. A mention that
/// then duplicates one of kept's (same span) is dropped. Throws
/// EntityNotFound when either is missing, InvalidArgumentError when both
/// name the same entity.
Article merge_entities(const Article& article, std::string_view kept, std::string_view absorbed);
/// Merges in every article holding both; the others are kept as they are.
/// Throws EntityNotFound when no article holds both.
Corpus merge_entities(const Corpus& corpus, std::string_view kept, std::string_view absorbed, unsigned threads = 0);

// ---------------------------------------------------------------------------
// Annotations from elsewhere

/// One entity mention given by the caller, e.g. a spaCy entity span.
struct EntitySpan {
  Span chars;         ///< code points into the body text
  std::string label;  ///< the entity type ("PERSON")
  /// The entity's id. Empty: the mention joins the entity of the same label
  /// whose key (name, else mention text) matches, or a new one.
  std::string id;
  /// The entity's canonical name. Empty: the text of its first mention.
  std::string name;
};

/// The article with the mentions `spans` and their entities.
///
/// - Mentions with the same id are one entity; without an id, mentions with
///   the same name (or, without a name, the same text) and label are one.
///   With `replace` false, a mention without an id first joins an existing
///   entity of its label whose name or an alias is that name or text, and a
///   mention with an existing id joins that entity.
/// - A new entity takes its name from its first mention in text order (the
///   name given with it, else its text), its type from the label, and the
///   other mention texts as aliases. Ids not given are "e1", "e2", ... in
///   order of first mention, skipping ids already taken.
/// - `replace` true drops the old entities and mentions. A quote's speaker
///   then becomes the new entity with a mention exactly at the quote's
///   speaker span, else the one named (name or alias) like the old speaker,
///   else none. `replace` false keeps the old ones and adds to them; a
///   mention repeating one already there (same span and entity) is dropped.
///
/// Throws SchemaError with pointer "/<i>" (the position in `spans`) when a
/// span ends before it starts or past the text, or when a given id names an
/// entity of another type.
Article with_entities(const Article& article, const std::vector<EntitySpan>& spans, bool replace = true);
/// `spans[i]` is for article i. Throws InvalidArgumentError when the sizes differ.
Corpus with_entities(const Corpus& corpus, const std::vector<std::vector<EntitySpan>>& spans, bool replace = true,
                     unsigned threads = 0);

/// One quote given by the caller.
struct QuoteSpan {
  Span chars;  ///< code points into the body text
  QuoteKind kind = QuoteKind::direct;
  std::string speaker;  ///< the id of an entity of the article; empty: none
  std::optional<Span> speaker_chars;
  std::string cue;
  std::optional<Span> cue_chars{};
  /// Quotes of `quotes` with the same number form one attribution; none: its own.
  std::optional<std::uint32_t> attribution{};
  /// The enclosing quote, as a position in `quotes`; no_quote: top-level.
  std::int32_t parent = no_quote;
};

/// The article with the quotes `quotes`, in the order given: instead of its
/// own (`replace`) or after them, as attributions of their own. Entities and
/// mentions are unchanged. Throws SchemaError with pointer "/<i>",
/// "/<i>/speaker_span", "/<i>/cue_span", "/<i>/parent" or "/<i>/speaker"
/// when a span is bad, a parent is not an enclosing top-level quote of the
/// same attribution, or the speaker id names no entity.
Article with_quotes(const Article& article, const std::vector<QuoteSpan>& quotes, bool replace = true);
/// `quotes[i]` is for article i. Throws InvalidArgumentError when the sizes differ.
Corpus with_quotes(const Corpus& corpus, const std::vector<std::vector<QuoteSpan>>& quotes, bool replace = true,
                   unsigned threads = 0);

}  // namespace newsdoc
