#include "annotate/lexicon.hpp"

#include "annotate/tokens.hpp"
#include "newsdoc/error.hpp"

namespace newsdoc::detail {
namespace {

// Verbs that introduce speech or a stated belief, by base form; their
// regular inflections are derived.
constexpr std::string_view speech_verbs[] = {
    "say", "add", "note", "state", "explain", "insist", "warn", "resume", "ask", "claim", "argue", "announce",
    "declare", "confirm", "deny", "admit", "acknowledge", "report", "reply", "respond", "answer", "comment",
    "continue", "suggest", "remark", "recall", "stress", "emphasize", "emphasise", "assert", "maintain", "mention",
    "observe", "predict", "promise", "vow", "pledge", "urge", "caution", "contend", "concede", "conclude",
    "complain", "testify", "tweet", "agree", "allege", "boast", "estimate", "reveal", "disclose", "indicate",
    "quip", "joke", "shout", "yell", "whisper", "mutter", "exclaim", "plead", "demand", "recount", "reiterate",
    "repeat", "clarify", "underline", "underscore", "accuse", "assure", "reassure", "inform", "advise", "counter",
    "retort", "believe", "hope", "fear", "expect", "worry", "doubt", "suspect", "acknowledge", "insinuate",
    "lament", "concur", "protest", "remind", "signal", "specify", "surmise", "theorize", "wonder",
    "posit", "propose",
    // Attribution predicates beyond speech, as PolNeAR annotates them.
    "criticize", "criticise", "blame", "praise", "endorse", "slam", "dismiss", "reject", "challenge", "defend",
    "threaten", "mock", "tout", "hail", "condemn", "decry", "denounce", "fault", "show", "cite", "recommend",
    "learn", "guess", "figure", "reckon", "imagine", "assume", "realize", "realise", "forecast", "project",
    "calculate", "conclude", "determine", "decide", "discover", "notice", "complain", "lament",
    // Intentions, which PolNeAR attributes too: "vowed to block", "wants to build".
    "want", "plan", "intend", "aim", "refuse", "wish", "prefer", "seek"};

// Irregular forms, and multi-word cues matched as written.
constexpr std::string_view irregular_cues[] = {
    "said", "tell", "tells", "told", "telling", "write", "writes", "wrote", "written", "writing", "think", "thinks",
    "thought", "thinking", "feel", "feels", "felt", "know", "knows", "knew", "found", "finds", "shown",
    "heard", "hears", "sought", "seeking", "seeks", "pointed out", "points out",
    "point out", "made clear", "makes clear", "made it clear", "makes it clear", "went on", "goes on",
    "gave his assurance", "gave her assurance", "gave their assurance", "gave assurances", "gave an assurance",
    "spoke of"};

// Cues whose speaker follows them: "according to X".
constexpr std::string_view according_cues[] = {"according to"};

constexpr std::string_view builtin_adverbs[] = {
    "also", "previously", "earlier", "later", "then", "again", "further", "once", "had", "has", "have", "was",
    "is", "were", "are", "will", "would", "could", "may", "might", "should", "did", "does", "do", "not",
    "never", "still", "just", "already", "recently", "repeatedly", "reportedly", "himself", "herself",
    "themselves", "itself", "first", "last", "now", "often", "even", "separately", "privately", "publicly",
    "previously", "initially", "subsequently", "finally", "ultimately", "always", "has", "been", "being", "long",
    "isn’t", "isn't", "wasn’t", "wasn't", "hasn’t", "hasn't", "haven’t", "haven't", "hadn’t", "hadn't", "didn’t",
    "didn't", "doesn’t", "doesn't", "won’t", "won't", "wouldn’t", "wouldn't", "can’t", "can't", "couldn’t",
    "couldn't"};

constexpr std::string_view builtin_source_nouns[] = {
    "source", "sources", "official", "officials", "people", "person", "spokesman", "spokeswoman",
    "spokesperson", "police", "authorities", "experts", "expert", "analyst", "analysts", "critics", "critic",
    "supporters", "witnesses", "witness", "residents", "campaign", "aides", "aide", "statement", "report",
    "reports", "ministry", "department", "government", "administration", "committee", "agency", "company",
    "group", "spokespeople", "lawyer", "lawyers", "attorney", "attorneys", "democrats", "republicans", "voters",
    "observers", "officer", "officers", "study", "survey", "poll", "polls", "data", "researchers", "scientists",
    "doctors", "prosecutors", "investigators", "diplomats", "leaders", "members", "activists", "organizers",
    "organisers", "team", "office", "party", "board", "court", "judge", "insiders", "advisers", "advisors",
    "adviser", "advisor", "staff", "staffers", "representatives", "representative"};

constexpr std::string_view builtin_determiners[] = {"the", "a", "an", "another", "one", "two", "three", "some", "several",
                                            "many", "his", "her", "its", "their", "our", "my", "your", "this",
                                            "that", "these", "those", "other", "most", "few", "senior", "top"};

constexpr std::string_view builtin_pronouns[] = {"he", "she", "they", "we", "i", "it", "He", "She", "They", "We", "I",
                                         "It"};

constexpr std::string_view builtin_particles[] = {"al", "el", "bin", "ibn", "abu", "ben", "van", "von", "de", "da",
                                          "del", "der", "den", "di", "du", "la", "le", "dos", "das", "y", "ter"};

constexpr std::string_view builtin_prepositions[] = {
    "in", "on", "at", "during", "after", "before", "from", "to", "with", "via", "through", "over", "by", "for",
    "about", "of", "as", "while", "under", "outside", "inside", "near", "behind", "ahead", "beside", "across", "into", "upon", "since", "until", "so", "and", "but", "or",
    "yesterday", "today", "tonight", "last", "earlier", "later", "this", "recently", "previously", "afterward",
    "afterwards", "too", "again", "repeatedly", "publicly", "privately", "once", "twice", "only", "simply"};

constexpr std::string_view builtin_locative_prepositions[] = {"in", "to", "from", "at", "near", "outside", "across",
                                                      "into", "toward", "towards", "inside", "around"};

constexpr std::string_view builtin_months_and_days[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

constexpr std::string_view builtin_noun_like_cues[] = {
    "state", "states", "report", "reports", "claim", "claims", "comment", "comments", "answer", "answers",
    "reply", "replies", "estimate", "estimates", "project", "projects", "forecast", "forecasts", "figure",
    "figures", "guess", "promise", "promises", "pledge", "pledges", "vow", "vows", "demand", "demands", "post",
    "posts", "tweet", "tweets", "show", "shows", "fear", "fears", "hope", "hopes", "doubt", "doubts", "note",
    "notes", "remark", "remarks", "protest", "protests", "signal", "signals", "challenge", "challenges",
    "praise", "blame", "fault", "faults", "feel", "find", "finds", "learn", "repeat", "counter", "respond",
    "concern", "warning", "question", "decide", "record", "testify", "order", "plan", "plans"};

constexpr std::string_view builtin_abbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Jr", "Sr", "Prof",
    "Rev", "Hon", "Inc", "Co", "Corp", "Ltd", "vs", "etc", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep",
    "Oct", "Nov", "Dec", "Mt", "Ft", "Atty", "Supt", "Det", "Insp", "Cmdr", "Adm", "Maj", "Brig", "Pres", "approx",
    "Gens", "Reps", "Sens", "Messrs", "Mme", "Mlle", "Fr", "Cpl", "Pvt", "Ave", "Blvd", "Rd", "Dept", "Univ",
    "est", "cf", "al", "e.g", "i.e", "Nos", "Vol", "pp", "Cllr", "Supt", "Sgt", "Amb"};

void add_lines(std::string_view data, WordSet& set) {
  while (!data.empty()) {
    const auto newline = data.find('\n');
    auto line = data.substr(0, newline);
    data = newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    set.insert(line);
  }
}

template <std::size_t N>
void add_all(const std::string_view (&words)[N], WordSet& set) {
  for (auto w : words) set.insert(w);
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

const BuiltinWords& BuiltinWords::get() {
  static const BuiltinWords words = [] {
    BuiltinWords w;
    add_lines(detail::lexicon_given_names_female(), w.female_names);
    add_lines(detail::lexicon_given_names_male(), w.male_names);
    // A title phrase ("Prime Minister", "Secretary of State") is recognised by
    // its words: each capitalised word of it counts as a title word.
    WordSet title_phrases;
    add_lines(detail::lexicon_person_titles(), title_phrases);
    for (auto phrase : title_phrases)
      for (auto word : split_tokens(phrase))
        if (word != "of" && word != "the" && word != ".") w.titles.insert(word);
    add_lines(detail::lexicon_person_roles(), w.roles);
    add_lines(detail::lexicon_org_heads(), w.org_heads);
    WordSet facility_phrases;
    add_lines(detail::lexicon_facility_heads(), facility_phrases);
    for (auto phrase : facility_phrases) {
      const auto words = split_tokens(phrase);
      if (!words.empty()) w.facility_heads.insert(words.back());
    }
    add_lines(detail::lexicon_non_name_words(), w.non_names);
    add_all(builtin_abbreviations, w.abbreviations);
    add_all(builtin_adverbs, w.adverbs);
    add_all(builtin_source_nouns, w.source_nouns);
    add_all(builtin_determiners, w.determiners);
    add_all(builtin_pronouns, w.pronouns);
    add_all(builtin_particles, w.name_particles);
    add_all(builtin_prepositions, w.prepositions);
    add_all(builtin_locative_prepositions, w.locative_prepositions);
    add_all(builtin_months_and_days, w.months_and_days);
    add_all(builtin_noun_like_cues, w.noun_like_cues);
    namespace wc = word_class;
    const std::pair<const WordSet*, std::uint32_t> sets[] = {
        {&w.non_names, wc::non_names}, {&w.months_and_days, wc::months_and_days}, {&w.pronouns, wc::pronouns},
        {&w.titles, wc::titles}, {&w.roles, wc::roles}, {&w.org_heads, wc::org_heads},
        {&w.facility_heads, wc::facility_heads}, {&w.abbreviations, wc::abbreviations}, {&w.adverbs, wc::adverbs},
        {&w.source_nouns, wc::source_nouns}, {&w.determiners, wc::determiners},
        {&w.name_particles, wc::name_particles}, {&w.prepositions, wc::prepositions},
        {&w.locative_prepositions, wc::locative_prepositions}, {&w.female_names, wc::female_names},
        {&w.male_names, wc::male_names}, {&w.noun_like_cues, wc::noun_like_cue}};
    for (const auto& [set, bit] : sets)
      for (auto word : *set) w.classes.add(word, bit);
    return w;
  }();
  return words;
}

std::vector<std::string_view> split_tokens(std::string_view text) {
  std::vector<Token> scratch;
  std::vector<std::string_view> words;
  split_tokens(text, scratch, words);
  return words;
}

void split_tokens(std::string_view text, std::vector<Token>& scratch, std::vector<std::string_view>& words) {
  scratch.clear();
  tokenize_paragraph(text, 0, static_cast<std::uint32_t>(text.size()), 0, scratch);
  for (const auto& t : scratch) words.push_back(text.substr(t.begin, t.end - t.begin));
}

Lexicon::Lexicon() : classes(BuiltinWords::get().classes) {}

Lexicon::Lexicon(const Lexicon& other) : Lexicon() {
  for (const auto& [first, phrases] : other.cue_phrases) {
    (void)first;
    for (const auto& phrase : phrases) {
      std::string text;
      for (auto w : phrase.words) text.append(text.empty() ? "" : " ").append(w);
      add_cue_form(store(std::move(text)), phrase.kind);
    }
  }
  for (auto w : other.cue_words) add_cue_form(store(std::string(w)), CueKind::speech);
  for (const auto& e : other.entities) add_entity(e);
}

std::string_view Lexicon::store(std::string text) { return cue_storage.emplace_back(std::move(text)); }

void Lexicon::add_builtins() {
  for (auto verb : speech_verbs) add_cue(verb);
  for (auto cue : irregular_cues) add_cue(cue, CueKind::speech, false);
  for (auto cue : according_cues) add_cue(cue, CueKind::according_to, false);

  auto data = lexicon_gazetteer();
  while (!data.empty()) {
    const auto newline = data.find('\n');
    auto line = data.substr(0, newline);
    data = newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto tab1 = line.find('\t');
    if (tab1 == std::string_view::npos) continue;
    const auto tab2 = line.find('\t', tab1 + 1);
    KnownEntity entity;
    entity.type = std::string(line.substr(0, tab1));
    entity.name = std::string(line.substr(tab1 + 1, tab2 == std::string_view::npos ? line.npos : tab2 - tab1 - 1));
    if (tab2 != std::string_view::npos) {
      auto aliases = line.substr(tab2 + 1);
      while (!aliases.empty()) {
        const auto bar = aliases.find('|');
        const auto alias = aliases.substr(0, bar);
        if (!alias.empty()) entity.aliases.emplace_back(alias);
        aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
      }
    }
    if (!entity.name.empty() && !entity.type.empty()) add_entity(std::move(entity));
  }
}

void Lexicon::add_cue_form(std::string_view form, CueKind kind) {
  const auto words = split_tokens(form);
  if (words.empty()) return;
  if (words.size() == 1 && kind == CueKind::speech) {
    cue_words.insert(words[0]);
    classes.add(words[0], word_class::cue_word);
    return;
  }
  classes.add(words[0], word_class::cue_phrase_start);
  auto& phrases = cue_phrases[words[0]];
  for (const auto& p : phrases)
    if (p.words == words) return;
  phrases.push_back(CuePhrase{words, kind});
}

void Lexicon::add_cue(std::string_view cue, CueKind kind, bool inflect) {
  std::string lower;
  for (char c : cue) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  while (!lower.empty() && lower.back() == ' ') lower.pop_back();
  while (!lower.empty() && lower.front() == ' ') lower.erase(lower.begin());
  if (lower.empty()) throw InvalidArgumentError("a cue must not be empty");
  const bool single_word = lower.find(' ') == std::string::npos;
  add_cue_form(store(lower), kind);
  if (!inflect || !single_word || kind != CueKind::speech) return;

  // Regular English inflections: -s/-es/-ies, -ed/-d/-ied, -ing.
  const std::string& base = lower;
  const char last = base.back();
  const bool consonant_y = last == 'y' && base.size() > 1 && !is_vowel(base[base.size() - 2]);
  std::string third = consonant_y ? base.substr(0, base.size() - 1) + "ies"
                      : (last == 's' || last == 'x' || last == 'z' ||
                         (base.size() >= 2 && (base.compare(base.size() - 2, 2, "ch") == 0 ||
                                               base.compare(base.size() - 2, 2, "sh") == 0)))
                          ? base + "es"
                          : base + "s";
  // A short verb ending consonant-vowel-consonant doubles its last letter
  // (quip: quipped, plan: planned), as do the -mit verbs (admitted).
  const std::size_t n = base.size();
  const bool consonant_end = !is_vowel(last) && last != 'w' && last != 'x' && last != 'y';
  const bool consonant_before = n >= 3 && (!is_vowel(base[n - 3]) || (n >= 4 && base.compare(n - 4, 2, "qu") == 0));
  const bool doubles = consonant_end && consonant_before && is_vowel(base[n - 2]) &&
                       (n <= 4 || base.compare(n - 3, 3, "mit") == 0);
  const std::string stem = doubles ? base + last : base;
  std::string past = consonant_y ? base.substr(0, n - 1) + "ied" : last == 'e' ? base + "d" : stem + "ed";
  std::string gerund = (last == 'e' && n > 2 && base[n - 2] != 'e') ? base.substr(0, n - 1) + "ing" : stem + "ing";
  add_cue_form(store(std::move(third)), kind);
  add_cue_form(store(std::move(past)), kind);
  add_cue_form(store(std::move(gerund)), kind);
}

void Lexicon::add_entity(KnownEntity entity) {
  if (entity.name.empty()) throw InvalidArgumentError("an entity needs a name");
  if (entity.type.empty()) throw InvalidArgumentError("an entity needs a type");
  entities.push_back(std::move(entity));
  index_entity(static_cast<std::uint32_t>(entities.size() - 1));
}

void Lexicon::index_entity(std::uint32_t entry) {
  const KnownEntity& e = entities[entry];
  auto index_form = [&](const std::string& form) {
    auto tokens = split_tokens(form);
    if (tokens.empty()) return;
    classes.add(tokens[0], word_class::gazetteer_start);
    forms_by_first_token[tokens[0]].push_back(GazetteerForm{entry, std::move(tokens)});
  };
  index_form(e.name);
  for (const auto& alias : e.aliases) index_form(alias);
}

}  // namespace newsdoc::detail
