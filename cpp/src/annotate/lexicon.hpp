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

// Defined in lexicon_data.cpp.
std::string_view builtin_gazetteer_tsv();
std::string_view given_names_female();
std::string_view given_names_male();
std::string_view person_titles();
std::string_view person_roles();
std::string_view org_heads();
std::string_view facility_heads();
std::string_view non_name_words();

enum class Gender : std::uint8_t { unknown, female, male };

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

  Lexicon() = default;
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

/// Splits `text` into its token texts the way the annotator tokenizes bodies.
std::vector<std::string_view> split_tokens(std::string_view text);

}  // namespace newsdoc::detail
