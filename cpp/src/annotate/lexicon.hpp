// The annotator's word lists: built-in ones (shared, read-only, made once)
// and the configurable ones of an Annotator (cues and gazetteer).
// Internal: not installed.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdoc/annotate.hpp"

namespace newsdoc::detail {

using WordSet = std::unordered_set<std::string_view>;

// The built-in word lists: the files of cpp/data/lexicon (README.md there
// says what each holds), compiled in by cmake/embed_lexicon.cmake. Text, one
// entry a line, each line ending in '\n'; in static storage, so WordSets may
// hold views of them.
std::string_view lexicon_gazetteer();
std::string_view lexicon_given_names_female();
std::string_view lexicon_given_names_male();
std::string_view lexicon_person_titles();
std::string_view lexicon_person_roles();
std::string_view lexicon_org_heads();
std::string_view lexicon_facility_heads();
std::string_view lexicon_non_name_words();
/// Word clusters of the taggers' features (cpp/data/build_word_clusters.py), not the rules'.
std::string_view lexicon_word_clusters();

enum class Gender : std::uint8_t { unknown, female, male };

/// Bits naming the lists a word is on, so that one hash lookup per token
/// answers every membership question the rules ask.
namespace word_class {
enum : std::uint32_t {
  non_names = 1u << 0,
  months_and_days = 1u << 1,
  pronouns = 1u << 2,
  titles = 1u << 3,
  roles = 1u << 4,
  org_heads = 1u << 5,
  facility_heads = 1u << 6,
  abbreviations = 1u << 7,
  adverbs = 1u << 8,
  source_nouns = 1u << 9,
  determiners = 1u << 10,
  name_particles = 1u << 11,
  prepositions = 1u << 12,
  locative_prepositions = 1u << 13,
  female_names = 1u << 14,
  male_names = 1u << 15,
  cue_word = 1u << 16,          // a single-word cue
  cue_phrase_start = 1u << 17,  // the first word of a cue phrase
  gazetteer_start = 1u << 18,   // the first token of a gazetteer name or alias
  noun_like_cue = 1u << 19,     // a cue form that is also a noun ("state", "claims")
};
}  // namespace word_class

/// Word -> word_class bits: an open-addressing table with FNV-1a hashing,
/// because this lookup runs once or twice for every token of every article
/// and std::unordered_map's node hopping and hashing showed in profiles.
/// Keys are views; their text must outlive the table.
class WordClasses {
 public:
  std::uint32_t find(std::string_view word) const noexcept {
    if (slots_.empty()) return 0;
    const std::size_t h = hash(word);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.word.data() == nullptr) return 0;
      if (slot.tag == tag && slot.word == word) return slot.classes;
    }
  }
  /// Adds `classes` to the bits of `word`.
  void add(std::string_view word, std::uint32_t classes) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t h = hash(word);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.word.data() == nullptr) {
        slot = Slot{word, classes, tag};
        ++size_;
        return;
      }
      if (slot.word == word) {
        slot.classes |= classes;
        return;
      }
    }
  }

 private:
  struct Slot {
    std::string_view word{nullptr, 0};
    std::uint32_t classes = 0;
    std::uint32_t tag = 0;  // high hash bits: most mismatches end here, before comparing text
  };
  static std::size_t hash(std::string_view word) noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::size_t>(h ^ (h >> 29));  // 64 bits: the high half is the tag
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const auto& slot : old)
      if (slot.word.data() != nullptr) add(slot.word, slot.classes);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

/// Fixed lists, built once per process from the built-in data.
struct BuiltinWords {
  WordSet female_names, male_names;
  WordSet titles;        // single title words ("President", "Sen.") and the last word of title phrases
  WordSet roles;         // lower-case role nouns ("spokesman")
  WordSet org_heads;     // "Ministry", "Council"
  WordSet facility_heads;  // "airbase", "base"; "air base" is matched as its last word "base"
  WordSet non_names;     // capitalised words that are not names ("The", "According")
  WordSet abbreviations;  // words whose following period does not end a sentence ("Mr", "Gen")
  WordSet adverbs;       // words skipped between a speaker and the cue ("also", "previously", "has")
  WordSet source_nouns;  // heads of unnamed sources ("source", "officials", "police")
  WordSet determiners;   // "the", "a", "another", "his"
  WordSet pronouns;      // subject pronouns that can speak ("he", "she", "they")
  WordSet name_particles;  // "al", "bin", "van", "de"
  WordSet prepositions;  // words that cannot start a reported clause ("in", "on", "during")
  WordSet locative_prepositions;  // "in", "to", "from": a lone name after them is a place
  WordSet months_and_days;
  WordSet noun_like_cues;  // cue forms that are nouns too: "state", "report", "claims"
  WordClasses classes;  // every word above with its word_class bits

  static const BuiltinWords& get();
};

/// How a cue introduces what is said.
enum class CueKind : std::uint8_t {
  speech,       // "said": speaker before or after
  according_to  // "according to X": speaker after
};

struct CuePhrase {
  std::vector<std::string_view> words;  // lower case; words[0] is the key
  CueKind kind = CueKind::speech;
};

struct GazetteerForm {
  std::uint32_t entry = 0;               // index into Lexicon::entities
  std::vector<std::string_view> tokens;  // the form split into tokens
};

/// An Annotator's configurable lists with their indexes. Owned strings live in
/// deques so the views in the indexes stay valid as entries are added.
struct Lexicon {
  std::deque<std::string> cue_storage;
  WordSet cue_words;  // single-word cues
  std::unordered_map<std::string_view, std::vector<CuePhrase>> cue_phrases;  // by first word
  std::deque<KnownEntity> entities;
  std::unordered_map<std::string_view, std::vector<GazetteerForm>> forms_by_first_token;
  WordClasses classes;  // BuiltinWords::classes plus the cue and gazetteer bits

  Lexicon();
  Lexicon(const Lexicon& other);
  Lexicon& operator=(const Lexicon&) = delete;

  void add_builtins();
  /// A single lower-case word adds the verb's regular inflections too.
  void add_cue(std::string_view cue, CueKind kind = CueKind::speech, bool inflect = true);
  void add_entity(KnownEntity entity);

 private:
  std::string_view store(std::string text);
  void add_cue_form(std::string_view form, CueKind kind);
  void index_entity(std::uint32_t entry);
};

/// The longest name or alias of the gazetteer that starts at token `i` and
/// ends by token `limit` (exclusive): its length in tokens, 0 for none, and
/// its entry in `entry`. `text(k)` is token k's text, or an empty view where
/// a name may not run on (a paragraph's end, say); names are matched word by
/// word and case-sensitively. The annotator's rules and the NER features
/// both match this way.
template <class TextAt>
std::size_t longest_gazetteer_form(const Lexicon& lexicon, std::size_t i, std::size_t limit, TextAt&& text,
                                   std::uint32_t& entry) {
  const auto found = lexicon.forms_by_first_token.find(text(i));
  if (found == lexicon.forms_by_first_token.end()) return 0;
  std::size_t best = 0;
  for (const auto& form : found->second) {
    const std::size_t len = form.tokens.size();
    if (len <= best || i + len > limit) continue;
    bool match = true;
    for (std::size_t k = 1; k < len && match; ++k) match = text(i + k) == form.tokens[k];
    if (match) {
      best = len;
      entry = form.entry;
    }
  }
  return best;
}

/// Splits `text` into its token texts the way the annotator tokenizes bodies.
std::vector<std::string_view> split_tokens(std::string_view text);
/// The same, appending to `words` and reusing `scratch` (no allocation once warm).
void split_tokens(std::string_view text, std::vector<struct Token>& scratch, std::vector<std::string_view>& words);

}  // namespace newsdoc::detail
