#include "model/coref.hpp"

#include <algorithm>
#include <cctype>

#include "annotate/lexicon.hpp"
#include "annotate/tokens.hpp"

namespace newsdoc::model {
namespace detail {
namespace {

constexpr const char* feature_set = "coref-1";
constexpr std::size_t max_candidates = 20;

std::string lower(std::string_view w) {
  std::string out(w);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The third-person pronouns and the form each stands for.
const char* pronoun_form(std::string_view lowered) {
  static constexpr std::pair<std::string_view, const char*> forms[] = {
      {"he", "he"},     {"him", "he"},     {"his", "he"},     {"himself", "he"},
      {"she", "she"},   {"her", "she"},    {"hers", "she"},   {"herself", "she"},
      {"they", "they"}, {"them", "they"},  {"their", "they"}, {"themselves", "they"},
      {"it", "it"},     {"its", "it"},     {"itself", "it"}};
  for (const auto& [word, form] : forms)
    if (word == lowered) return form;
  return nullptr;
}

std::size_t first_token_at_or_after(const CorefArticle& a, std::uint32_t byte) {
  return static_cast<std::size_t>(
      std::lower_bound(a.tokens.begin(), a.tokens.end(), byte, [](const Span& t, std::uint32_t b) { return t.start < b; }) -
      a.tokens.begin());
}

// The sentence of the token that holds or follows `byte`.
std::uint32_t sentence_at(const CorefArticle& a, std::uint32_t byte) {
  if (a.tokens.empty()) return 0;
  std::size_t k = first_token_at_or_after(a, byte);
  if (k == a.tokens.size() || (k > 0 && a.tokens[k].start > byte && a.tokens[k - 1].end > byte)) --k;
  return a.sentence[std::min(k, a.sentence.size() - 1)];
}

std::string_view token_text(const CorefArticle& a, std::size_t k) {
  return a.text.substr(a.tokens[k].start, a.tokens[k].end - a.tokens[k].start);
}

// The lower-cased token before `bytes` ("<s>" at a sentence start) and after it ("</s>").
std::string word_before(const CorefArticle& a, Span bytes) {
  const std::size_t k = first_token_at_or_after(a, bytes.start);
  if (k == 0 || k > a.tokens.size()) return "<s>";
  if (k < a.tokens.size() && a.sentence[k - 1] != a.sentence[k]) return "<s>";
  return lower(token_text(a, k - 1));
}

std::string word_after(const CorefArticle& a, Span bytes) {
  const std::size_t k = first_token_at_or_after(a, bytes.end);
  if (k >= a.tokens.size()) return "</s>";
  if (k > 0 && a.sentence[k - 1] != a.sentence[k]) return "</s>";
  return lower(token_text(a, k));
}

const char* bucket(std::uint32_t n) {
  static constexpr const char* names[] = {"0", "1", "2", "3", "4-6", "7+"};
  return names[n <= 3 ? n : n <= 6 ? 4 : 5];
}

std::string first_word(std::string_view name) {
  const auto end = name.find(' ');
  return lower(name.substr(0, end));
}

bool name_has_word(std::string_view name, std::string_view word) {
  std::size_t at = 0;
  while (at <= name.size()) {
    std::size_t end = name.find(' ', at);
    if (end == std::string_view::npos) end = name.size();
    if (lower(name.substr(at, end - at)) == word) return true;
    at = end + 1;
  }
  return false;
}

void build_tokens(CorefArticle& a, const std::vector<Span>& paragraphs) {
  std::uint32_t number = 0;
  for (const auto& sentence : newsdoc::detail::sentence_token_spans(a.text, paragraphs)) {
    for (const Span& t : sentence) {
      a.tokens.push_back(t);
      a.sentence.push_back(number);
    }
    ++number;
  }
}

void sort_mentions(CorefArticle& a) {
  std::stable_sort(a.mentions.begin(), a.mentions.end(),
                   [](const CorefArticle::EntityMention& x, const CorefArticle::EntityMention& y) {
                     return x.bytes.start < y.bytes.start;
                   });
}

}  // namespace

CorefArticle coref_article(std::string_view text, const std::vector<Span>& paragraphs, const ArticleInput& article) {
  CorefArticle a;
  a.text = text;
  build_tokens(a, paragraphs);
  for (const auto& e : article.entities) {
    a.types.push_back(e.type);
    a.names.push_back(e.name);
  }
  for (const auto& m : article.mentions) a.mentions.push_back({m.span, m.entity});
  sort_mentions(a);
  for (const auto& q : article.quotes)
    if (q.speaker_span && q.speaker != no_entity && !anaphor_at(a, *q.speaker_span))
      a.named_speeches.push_back({q.span, *q.speaker_span, q.speaker});
  return a;
}

CorefArticle coref_article(const Article& article) {
  CorefArticle a;
  a.text = article.text();
  std::vector<Span> paragraphs;
  for (std::size_t i = 0; i < article.paragraph_count(); ++i) paragraphs.push_back(article.paragraph(i).bytes);
  build_tokens(a, paragraphs);
  for (std::size_t i = 0; i < article.entity_count(); ++i) {
    const Entity e = article.entity(i);
    a.types.push_back(e.type);
    a.names.push_back(e.name);
  }
  for (std::size_t i = 0; i < article.mention_count(); ++i) {
    const Mention m = article.mention(i);
    a.mentions.push_back({m.bytes, m.entity});
  }
  sort_mentions(a);
  for (std::size_t i = 0; i < article.quote_count(); ++i) {
    const Quote q = article.quote(i);
    if (q.speaker_bytes && q.speaker != no_entity && !anaphor_at(a, *q.speaker_bytes))
      a.named_speeches.push_back({q.bytes, *q.speaker_bytes, q.speaker});
  }
  return a;
}

std::optional<Anaphor> anaphor_at(const CorefArticle& article, Span bytes) {
  if (bytes.end <= bytes.start || bytes.end > article.text.size()) return std::nullopt;
  const std::string_view text = article.text.substr(bytes.start, bytes.end - bytes.start);
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  if (words.size() == 1) {
    const std::string w = lower(words[0]);
    if (const char* form = pronoun_form(w)) return Anaphor{bytes, form, w};
    return std::nullopt;
  }
  if (words.size() < 2 || words.size() > 4 || lower(words[0]) != "the") return std::nullopt;
  for (std::size_t k = 1; k < words.size(); ++k)
    for (char c : words[k])
      if (!std::islower(static_cast<unsigned char>(c)) && c != '-') return std::nullopt;
  return Anaphor{bytes, "nom", std::string(words.back())};
}

std::vector<Candidate> coref_candidates(const CorefArticle& article, const Anaphor& anaphor) {
  std::vector<Candidate> out;
  std::vector<bool> seen(article.types.size(), false);
  std::vector<std::uint32_t> per_type;  // candidates so far of each type (by the type's first entity)
  for (std::size_t m = article.mentions.size(); m-- > 0 && out.size() < max_candidates;) {
    const auto& mention = article.mentions[m];
    if (mention.bytes.end > anaphor.bytes.start || mention.entity >= article.types.size() || seen[mention.entity])
      continue;
    seen[mention.entity] = true;
    std::uint32_t type_rank = 0;
    for (const Candidate& c : out) type_rank += article.types[c.entity] == article.types[mention.entity];
    out.push_back({mention.entity, static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(out.size()), type_rank});
  }
  return out;
}

void pair_features(const CorefArticle& article, const Anaphor& anaphor, const Candidate& candidate,
                   std::vector<FeatureHash>& out) {
  out.clear();
  const auto& mention = article.mentions[candidate.mention];
  const std::string_view type = article.types[candidate.entity];
  const std::string_view name = article.names[candidate.entity];
  const std::string& form = anaphor.form;
  const bool nominal = form == "nom";
  const auto add = [&](std::string_view key, std::string_view a, std::string_view b = {}, std::string_view c = {}) {
    std::uint64_t h = fnv1a(key);
    h = fnv1a("\x1f", h);
    h = fnv1a(a, h);
    h = fnv1a("\x1f", h);
    h = fnv1a(b, h);
    h = fnv1a("\x1f", h);
    out.push_back(fnv1a(c, h));
  };
  const std::uint32_t anaphor_sentence = sentence_at(article, anaphor.bytes.start);
  const std::uint32_t mention_sentence = sentence_at(article, mention.bytes.start);
  const char* distance = bucket(anaphor_sentence - std::min(anaphor_sentence, mention_sentence));
  const char* rank = bucket(candidate.rank);
  const char* type_rank = bucket(candidate.type_rank);
  std::uint32_t count = 0;
  Span first_mention = mention.bytes;
  for (const auto& m : article.mentions)
    if (m.entity == candidate.entity && m.bytes.end <= anaphor.bytes.start) {
      if (count++ == 0) first_mention = m.bytes;
    }
  // Who spoke before the anaphor, and whether the anaphor lies in that speaker's quote.
  bool spoke = false, last_speaker = false, in_own_quote = false, in_quote = false;
  std::uint32_t last_end = 0;
  for (const auto& s : article.named_speeches) {
    if (s.quote.start <= anaphor.bytes.start && anaphor.bytes.end <= s.quote.end) {
      in_quote = true;
      in_own_quote |= s.entity == static_cast<std::int32_t>(candidate.entity);
    }
    const std::uint32_t end = std::max(s.quote.end, s.speaker.end);
    if (std::min(s.quote.start, s.speaker.start) >= anaphor.bytes.start) continue;
    if (s.entity == static_cast<std::int32_t>(candidate.entity)) spoke = true;
    if (end >= last_end) {
      last_end = end;
      last_speaker = s.entity == static_cast<std::int32_t>(candidate.entity);
    }
  }

  add("bias", form);
  add("type", form, type);
  add("distance", form, distance);
  add("rank", form, rank);
  add("type-rank", form, type, type_rank);
  add("type-distance", form, type, distance);
  add("count", form, bucket(count));
  add("before", form, word_before(article, mention.bytes));
  add("after", form, word_after(article, mention.bytes));
  add("title", form, word_before(article, first_mention));
  add("first-name", form, first_word(name));
  // The built-in given-name lists carry gender to names the training data never saw.
  const newsdoc::detail::BuiltinWords& lists = newsdoc::detail::BuiltinWords::get();
  const std::string_view given = name.substr(0, name.find(' '));
  add("given-name", form, type,
      lists.female_names.count(given) ? (lists.male_names.count(given) ? "both" : "female")
                                      : (lists.male_names.count(given) ? "male" : "-"));
  add("sentence-start", form, word_before(article, mention.bytes) == "<s>" ? "y" : "n");
  add("spoke", form, spoke ? "y" : "n", last_speaker ? "last" : "");
  add("in-quote", form, in_quote ? (in_own_quote ? "own" : "other") : "no");
  add("anaphor-after", form, word_after(article, anaphor.bytes));
  if (nominal) {
    add("head", anaphor.head, type);
    add("head-is-role", lists.roles.count(anaphor.head) ? "role" : "-", type);
    add("head-distance", anaphor.head, distance);
    add("head-in-name", type, name_has_word(name, anaphor.head) ? "y" : "n");
    add("head-name", anaphor.head, first_word(name));
  } else {
    add("word", anaphor.head, type);
  }
}

}  // namespace detail

Coreference::Coreference(LinearModel model) : model_(std::move(model)) {
  if (model_.component() != "coref")
    throw ModelError("", "expected a \"coref\" model, found \"" + model_.component() + "\"");
  if (model_.feature_set() != detail::feature_set)
    throw ModelError("", "model of feature set '" + model_.feature_set() + "', this newsdoc extracts '" +
                             detail::feature_set + "'");
  if (model_.label_index("yes") < 0 || model_.label_index("no") < 0)
    throw ModelError("", "a coref model has the labels \"no\" and \"yes\"");
}

Coreference Coreference::load(const std::string& path) {
  try {
    return Coreference(LinearModel::load(path, "coref"));
  } catch (const ModelError& e) {
    if (!e.path().empty()) throw;
    throw ModelError(path, e.what());
  }
}

std::int32_t Coreference::margin(const std::vector<FeatureHash>& features) const {
  std::int32_t scores[2] = {0, 0};
  model_.add_scores(features.data(), features.size(), scores);
  const int yes = model_.label_index("yes");
  return scores[yes] - scores[1 - yes];
}

void Coreference::resolve_speakers(std::string_view body, const std::vector<Span>& paragraphs,
                                   ArticleInput& article) const {
  std::optional<detail::CorefArticle> view;  // built on the first anaphoric speaker
  std::vector<FeatureHash> features;
  for (auto& quote : article.quotes) {
    if (!quote.speaker_span) continue;
    if (!view) {
      detail::CorefArticle probe;
      probe.text = body;
      if (!detail::anaphor_at(probe, *quote.speaker_span)) continue;
      view = detail::coref_article(body, paragraphs, article);
    }
    const auto anaphor = detail::anaphor_at(*view, *quote.speaker_span);
    if (!anaphor) continue;
    std::int32_t best = 0, chosen = no_entity;
    for (const auto& candidate : detail::coref_candidates(*view, *anaphor)) {
      detail::pair_features(*view, *anaphor, candidate, features);
      const std::int32_t m = margin(features);
      if (m > best) best = m, chosen = static_cast<std::int32_t>(candidate.entity);
    }
    if (chosen != no_entity) quote.speaker = chosen;
  }
}

Coreference Coreference::train(const std::vector<Example>& anaphors, const TrainOptions& options) {
  PerceptronTrainer trainer("coref", detail::feature_set, options.hash_bits, {"no", "yes"});
  std::vector<std::size_t> order(anaphors.size());
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::uint64_t state = options.seed * 1000003ULL + static_cast<std::uint64_t>(epoch);
    for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates, splitmix64: the same order everywhere
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      std::swap(order[i - 1], order[static_cast<std::size_t>((z ^ (z >> 31)) % i)]);
    }
    for (const std::size_t i : order) {
      const Example& example = anaphors[i];
      // Ranking: the best candidate (or none, when no margin is positive) against the right one.
      int best = -1, gold = -1;
      float best_margin = 0, gold_margin = 0;
      for (std::size_t c = 0; c < example.candidates.size(); ++c) {
        const auto& f = example.candidates[c];
        const float m = trainer.score(f.data(), f.size(), 1) - trainer.score(f.data(), f.size(), 0);
        if (m > best_margin) best_margin = m, best = static_cast<int>(c);
        if (example.linked[c] && (gold < 0 || m > gold_margin)) gold = static_cast<int>(c), gold_margin = m;
      }
      if (best == gold || (gold >= 0 && best >= 0 && example.linked[static_cast<std::size_t>(best)])) continue;
      if (gold >= 0) trainer.update(example.candidates[static_cast<std::size_t>(gold)], 1, 0);
      if (best >= 0) trainer.update(example.candidates[static_cast<std::size_t>(best)], 0, 1);
    }
  }
  LinearModel model = trainer.finish();
  model.set_info(options.info);
  return Coreference(std::move(model));
}

}  // namespace newsdoc::model
