// Queries across a corpus: quotes by speaker, kind and text; mentions by
// entity and type; entities aggregated across articles; literal text search;
// and article filters (source, date, author, tag, speaker) that make a
// sub-corpus sharing storage.
//
// ## The index
// A CorpusIndex is built once per corpus (one pass over its articles) and
// answers every query after that. It groups the articles' entities into
// corpus entities (below), maps each name and alias to them, each corpus
// entity to the quotes it speaks and to its mentions (posting lists in
// corpus order), each entity type to its mentions, and keeps one
// row per quote and mention (article, index, kind, type) so filters scan
// flat arrays. A speaker query is a hash lookup plus a copy of the matching
// postings: microseconds on a corpus of a million quotes.
//
// ## Names and case
// Every name comparison (speaker, entity, type, source, author, tag) is
// on whole strings, trimmed of white space, after fold_case(); entity names
// also count each run of white space as one space. The `contains` filter
// and search() compare folded text too, unless asked to be case sensitive.
//
// ## Corpus-level entities
// Each article has its own entities; the index groups them into corpus
// entities, the identity that speaker and entity queries, entities() and
// the `corpus_entity` table column (newsdoc/table.hpp) use. Article data
// stays as annotated.
//
// - Entities of one type whose names are equal as compared above are one
//   ("Donald Trump", "donald  trump").
// - A short name links to a fuller name of the same type it stands for: a
//   name it ends (PERSON and ORG only: "Trump" for "Donald Trump",
//   "Justice Department" for "US Justice Department"; for places a last
//   word is no short form: "Virginia", "West Virginia"), or a name some
//   article gives it to as an alias ("UN" for "United Nations") that is
//   longer (more words, or as many words and more bytes). Fuller names
//   resolve first, so "Bush" may link to "George W. Bush" through "W. Bush".
// - It links when the corpus makes that unambiguous: one candidate, or
//   one mentioned at least five times as often as the runner-up (a
//   candidate's mentions are those of every name linked to it so far).
//   Against the runner-up, not a share of all candidates: news text holds a
//   long tail of rare, often mis-tagged candidates ("Freedom Trump"), which
//   a share counts against the dominant one. On news-sample-2000 Donald
//   Trump has 13.7 times the mentions of the next full name ending in Trump,
//   Barack Obama 7.2 times Michelle Obama's; Hillary Clinton 4.6 times Bill
//   Clinton's and George W. Bush 1.7 times Jeb Bush's, which stay ambiguous.
//   Otherwise it is ambiguous: an entity named so stays its own corpus
//   entity, and as an alias the name keeps meaning, in each article, the
//   entity that article gives it to (the annotator resolves it there by the
//   article's own full mentions).
// - A corpus entity is known by its most widespread name of two words or
//   more (one of one word when it has no other), spelled as most of its
//   article entities spell it (ties: first by bytes); its aliases are its
//   other names and every alias its articles give.
// The grouping does not depend on the order of the articles.
//
// A speaker (or entity) query for a name matches, per type, the corpus
// entity of that name or of the fuller name it links to; for a name the
// corpus leaves ambiguous, also the entities articles give it to as an
// alias. So "Donald Trump" never returns Ivanka Trump; "Trump" returns
// Donald Trump's quotes, wherever he is called so, when he dominates the
// Trumps of the corpus, and otherwise the quotes of the articles' own
// "Trump"s (an article that only says "Trump", or calls Ivanka so).
//
// ## Positions
// An `article` in a result is the article's position in the indexed corpus;
// `item` is the quote's (or mention's) index in that article. Results come
// in corpus order: by article, then by item.
//
// ## Lifetimes and threads
// A CorpusIndex keeps a copy of its Corpus (handles only), so the string
// views it returns stay valid as long as it lives. It is immutable once
// built: every query is const and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdoc/article.hpp"

namespace newsdoc {

/// `text` (valid UTF-8) with every letter of a cased script lowercased by
/// one-to-one simple case folding: ASCII, Latin-1, Latin Extended-A and
/// Additional (Vietnamese), Greek (final sigma folds to sigma), Cyrillic,
/// Armenian and the fullwidth Latin letters. Each code point maps to exactly
/// one code point, so code point offsets in the folded text are those of the
/// original. Not done: full Unicode case folding (ß stays ß, not "ss"),
/// Latin Extended-B, Cherokee, Georgian and other rarer cased letters, and
/// any normalisation (a precomposed é does not match e + U+0301).
std::string fold_case(std::string_view text);
/// Appends fold_case(text) to `out`.
void append_folded(std::string_view text, std::string& out);

/// A quote or mention: the article's position in the corpus and the item's index in it.
struct ItemRef {
  std::uint32_t article = 0;
  std::uint32_t item = 0;
  friend bool operator==(const ItemRef& a, const ItemRef& b) { return a.article == b.article && a.item == b.item; }
};

/// Filters of CorpusIndex::quotes. An unset filter lets everything through;
/// a set one keeps the quotes matching any of its values (none if it is empty).
struct QuoteQuery {
  /// Names or aliases of the speaking entity, resolved to corpus entities (see the header notes).
  std::optional<std::vector<std::string>> speakers;
  std::optional<std::vector<QuoteKind>> kinds;
  /// A substring of the quote's text (case-insensitive: both sides folded);
  /// for attributions, of any of its top-level parts.
  std::optional<std::string> contains;
  /// Whether quoted fragments inside another quote of their statement are
  /// rows of their own. Off by default: a statement is counted once.
  bool fragments = false;
};

/// Filters of CorpusIndex::mentions, as in QuoteQuery.
struct MentionQuery {
  /// Names or aliases of the mentioned entity, resolved to corpus entities (see the header notes).
  std::optional<std::vector<std::string>> entities;
  /// Entity types ("PERSON", "ORG", ...).
  std::optional<std::vector<std::string>> types;
};

/// Article filters of CorpusIndex::articles; every one that is set must hold.
struct ArticleFilter {
  std::optional<std::vector<std::string>> sources;  ///< the source is one of these
  std::optional<std::vector<std::string>> authors;  ///< one of the authors is one of these
  std::optional<std::vector<std::string>> tags;     ///< one of the tags is one of these
  /// The article has a quote spoken by an entity of one of these names or aliases.
  std::optional<std::vector<std::string>> quote_speakers;
  /// Date bounds, inclusive, compared as instants (newsdoc/date.hpp): the
  /// lower bound from the start of the period it names, the upper bound to its
  /// end, so "2016-09" as upper bound keeps all of September and
  /// "2016-09-12" all of that day whatever the time. With a bound set, an
  /// article whose date is missing or unparseable is left out. A bound that
  /// is not a date is InvalidArgumentError.
  std::optional<std::string> published_from;
  std::optional<std::string> published_to;
};

/// One corpus entity (see the header notes): the article entities it groups, aggregated.
struct EntityCount {
  std::string_view name;  ///< its canonical name
  std::string_view type;
  /// The other names of its article entities and every alias they have, folded duplicates removed, first seen first.
  std::vector<std::string_view> aliases;
  std::uint32_t articles = 0;  ///< articles holding the entity
  std::uint32_t mentions = 0;  ///< its mentions in them
  std::uint32_t quotes = 0;    ///< statements (attributions) it speaks in them
};

/// The indexes of one corpus; see the header notes.
class CorpusIndex {
 public:
  /// Indexes `corpus` (one pass; the handles are copied, the text is not).
  explicit CorpusIndex(Corpus corpus);
  ~CorpusIndex();
  CorpusIndex(CorpusIndex&&) noexcept;
  CorpusIndex& operator=(CorpusIndex&&) noexcept;

  const Corpus& corpus() const noexcept;
  std::size_t quote_count() const noexcept;
  std::size_t mention_count() const noexcept;

  /// The quotes passing every filter of `query`, in corpus order.
  std::vector<ItemRef> quotes(const QuoteQuery& query) const;
  /// The attributions (ItemRef::item an attribution index) whose first
  /// top-level part passes the speaker and kind filters and one of whose
  /// top-level parts holds `contains`, in corpus order.
  std::vector<ItemRef> attributions(const QuoteQuery& query) const;
  /// The mentions passing every filter of `query`, in corpus order.
  std::vector<ItemRef> mentions(const MentionQuery& query) const;
  /// Every corpus entity of the given types (all if unset), in order of
  /// first appearance in the corpus: with no types given, entity i is
  /// corpus entity i.
  std::vector<EntityCount> entities(const std::optional<std::vector<std::string>>& types = std::nullopt) const;
  std::size_t corpus_entity_count() const noexcept;
  /// The corpus entity of entity `entity` of article `article` (its position
  /// in entities()). Throws OutOfRangeError when either is past the end.
  std::uint32_t corpus_entity(std::uint32_t article, std::uint32_t entity) const;
  /// The canonical name of corpus entity `id`; OutOfRangeError past the end.
  std::string_view corpus_entity_name(std::uint32_t id) const;
  /// Positions of the articles passing every filter of `filter`, ascending.
  std::vector<std::uint32_t> articles(const ArticleFilter& filter) const;

 private:
  std::vector<ItemRef> find_quotes(const QuoteQuery& query, bool statements) const;
  struct Data;
  std::unique_ptr<Data> data_;
};

/// Articles `positions` of `corpus` (any order, repeats allowed), sharing storage.
/// Throws OutOfRangeError for a position past the end.
Corpus take(const Corpus& corpus, const std::vector<std::uint32_t>& positions);

enum class SearchField : std::uint8_t { body, title };
std::string_view to_string(SearchField field) noexcept;

/// One occurrence of a search pattern.
struct SearchHit {
  std::uint32_t article = 0;  ///< position in the corpus
  SearchField field = SearchField::body;
  Span chars;  ///< code points into the body text or the title
  Span bytes;  ///< UTF-8 bytes into the same
};

struct SearchOptions {
  bool case_sensitive = false;  ///< false: both sides folded with fold_case
  bool title = true;            ///< search titles
  bool body = true;             ///< search bodies
};

/// Every occurrence of the literal `pattern` (not empty) in the corpus's
/// titles and bodies: by article, its title's hits before its body's, each
/// field's hits left to right and not overlapping. Thread-safe.
std::vector<SearchHit> search(const Corpus& corpus, std::string_view pattern, const SearchOptions& options = {});

}  // namespace newsdoc
