// Tagger: greedy left-to-right decoding and averaged-perceptron training.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "model/features.hpp"
#include "newsdoc/model.hpp"

namespace newsdoc::model {
namespace {

using detail::Kind;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Fisher-Yates with splitmix64: the same order on every platform.
void shuffle(std::vector<std::size_t>& order, std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::size_t i = order.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(splitmix64(state) % i);
    std::swap(order[i - 1], order[j]);
  }
}

// ner: label b may follow label a (a == n stands for the sentence start).
std::vector<int> bio_transitions(const std::vector<std::string>& labels) {
  const std::size_t n = labels.size();
  std::vector<int> allowed((n + 1) * n, 1);
  for (std::size_t b = 0; b < n; ++b) {
    if (labels[b].rfind("I-", 0) != 0) continue;
    const std::string type = labels[b].substr(2);
    for (std::size_t a = 0; a <= n; ++a) {
      const bool ok = a < n && (labels[a] == "B-" + type || labels[a] == "I-" + type);
      allowed[a * n + b] = ok ? 1 : 0;
    }
  }
  return allowed;
}

std::vector<std::string_view> views(const std::vector<std::string>& v) {
  return std::vector<std::string_view>(v.begin(), v.end());
}

}  // namespace

Tagger::Tagger(LinearModel model) : model_(std::move(model)) {
  const Kind kind = detail::kind_of(model_.component(), "");
  if (model_.feature_set() != detail::feature_set_of(kind))
    throw ModelError("", "model of feature set '" + model_.feature_set() + "', this newsdoc extracts '" +
                             detail::feature_set_of(kind) + "'");
  if (kind == Kind::ner || kind == Kind::ner_doc || kind == Kind::attribution || kind == Kind::attribution_cued)
    allowed_after_ = bio_transitions(model_.labels());
}

Tagger Tagger::load(const std::string& path) {
  LinearModel m = LinearModel::load(path);
  const Kind kind = detail::kind_of(m.component(), path);
  if (m.feature_set() != detail::feature_set_of(kind))
    throw ModelError(path, "model of feature set '" + m.feature_set() + "', this newsdoc extracts '" +
                               detail::feature_set_of(kind) + "': retrain it");
  return Tagger(std::move(m));
}

bool Tagger::needs_pos() const noexcept { return !model_.component().empty() && model_.component() != "pos"; }
bool Tagger::needs_context() const noexcept {
  return model_.component() == "ner-doc" || model_.component() == "attribution-cued";
}

void Tagger::tag_ids(const std::vector<std::string_view>& words, const std::vector<std::string_view>* pos,
                     std::vector<int>& out, const std::vector<std::string_view>* context) const {
  if (model_.label_count() == 0) throw ModelError("", "tag(): the tagger holds no model");
  const Kind kind = detail::kind_of(model_.component(), "");
  if (needs_pos()) {
    if (pos == nullptr) throw ModelError("", "the '" + model_.component() + "' tagger needs part-of-speech tags");
    if (pos->size() != words.size())
      throw ModelError("", "tag(): " + std::to_string(words.size()) + " words but " + std::to_string(pos->size()) +
                               " part-of-speech tags");
  } else {
    pos = nullptr;
  }
  if (needs_context() && (context == nullptr || context->size() != words.size()))
    throw ModelError("", "the '" + model_.component() + "' tagger needs one context value per word");
  thread_local detail::SentenceForms forms;
  thread_local std::vector<FeatureHash> feats;
  thread_local std::vector<std::int32_t> scores;
  detail::prepare(kind, words, forms);
  forms.context.clear();
  if (needs_context()) forms.context = *context;
  const std::size_t n = model_.label_count();
  const auto& labels = model_.labels();
  out.assign(words.size(), 0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    feats.clear();
    detail::static_features(kind, forms, pos, i, feats);
    const std::string_view p1 = i >= 1 ? std::string_view(labels[static_cast<std::size_t>(out[i - 1])]) : "<s>";
    const std::string_view p2 = i >= 2 ? std::string_view(labels[static_cast<std::size_t>(out[i - 2])]) : "<s>";
    detail::dynamic_features(kind, forms, pos, i, p1, p2, feats);
    scores.assign(n, 0);
    model_.add_scores(feats.data(), feats.size(), scores.data());
    int best = -1;
    const std::size_t prev = i == 0 ? n : static_cast<std::size_t>(out[i - 1]);
    for (std::size_t c = 0; c < n; ++c) {
      if (!allowed_after_.empty() && allowed_after_[prev * n + c] == 0) continue;
      if (best < 0 || scores[c] > scores[static_cast<std::size_t>(best)]) best = static_cast<int>(c);
    }
    out[i] = best;
  }
}

std::vector<std::string_view> Tagger::tag(const std::vector<std::string_view>& words,
                                          const std::vector<std::string_view>* pos,
                                          const std::vector<std::string_view>* context) const {
  std::vector<int> ids;
  tag_ids(words, pos, ids, context);
  std::vector<std::string_view> out;
  out.reserve(ids.size());
  for (int id : ids) out.emplace_back(model_.labels()[static_cast<std::size_t>(id)]);
  return out;
}

Tagger Tagger::train(const std::string& kind_name, const std::vector<TaggedSentence>& sentences,
                     const TrainOptions& options) {
  const Kind kind = detail::kind_of(kind_name, "");
  const bool use_pos = kind != Kind::pos;
  std::set<std::string> label_set;
  for (const TaggedSentence& s : sentences) {
    if (s.labels.size() != s.words.size())
      throw ModelError("", "training sentence with " + std::to_string(s.words.size()) + " words but " +
                               std::to_string(s.labels.size()) + " labels");
    if (use_pos && s.pos.size() != s.words.size())
      throw ModelError("", "the '" + kind_name + "' tagger trains on part-of-speech tags: a sentence lacks them");
    label_set.insert(s.labels.begin(), s.labels.end());
  }
  if (label_set.empty()) throw ModelError("", "no training data");
  const bool attribution = kind == Kind::attribution || kind == Kind::attribution_cued;
  const bool bio = kind == Kind::ner || kind == Kind::ner_doc || attribution;
  if (bio) label_set.insert("O");
  std::vector<std::string> labels(label_set.begin(), label_set.end());
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < labels.size(); ++i) index[labels[i]] = static_cast<int>(i);
  const std::vector<int> allowed = bio ? bio_transitions(labels) : std::vector<int>{};
  const std::size_t n = labels.size();

  // Static features once per token; prediction-dependent ones per step.
  std::vector<std::size_t> token_start(sentences.size() + 1, 0);
  std::vector<std::size_t> feat_start;
  std::vector<FeatureHash> feats;
  {
    detail::SentenceForms forms;
    std::size_t tokens = 0;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      token_start[s] = tokens;
      tokens += sentences[s].words.size();
    }
    token_start[sentences.size()] = tokens;
    feat_start.reserve(tokens + 1);
    for (const TaggedSentence& s : sentences) {
      const auto words = views(s.words);
      const auto pos = views(s.pos);
      detail::prepare(kind, words, forms);
      forms.context = views(s.context);
      if ((kind == Kind::ner_doc || kind == Kind::attribution_cued) && forms.context.size() != words.size())
        throw ModelError("", "the '" + kind_name + "' tagger trains on context values: a sentence lacks them");
      for (std::size_t i = 0; i < words.size(); ++i) {
        feat_start.push_back(feats.size());
        detail::static_features(kind, forms, use_pos ? &pos : nullptr, i, feats);
      }
    }
    feat_start.push_back(feats.size());
  }

  PerceptronTrainer trainer(kind_name, detail::feature_set_of(kind), options.hash_bits, labels);
  std::vector<std::size_t> order(sentences.size());
  std::vector<FeatureHash> step;
  std::vector<int> predicted;
  detail::SentenceForms forms;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    shuffle(order, options.seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
    std::size_t correct = 0, total = 0;
    for (std::size_t s : order) {
      const TaggedSentence& sent = sentences[s];
      const auto words = views(sent.words);
      const auto pos = views(sent.pos);
      detail::prepare(kind, words, forms);
      predicted.assign(words.size(), 0);
      for (std::size_t i = 0; i < words.size(); ++i) {
        const std::size_t t = token_start[s] + i;
        step.assign(feats.begin() + static_cast<std::ptrdiff_t>(feat_start[t]),
                    feats.begin() + static_cast<std::ptrdiff_t>(feat_start[t + 1]));
        const std::string_view p1 = i >= 1 ? std::string_view(labels[static_cast<std::size_t>(predicted[i - 1])]) : "<s>";
        const std::string_view p2 = i >= 2 ? std::string_view(labels[static_cast<std::size_t>(predicted[i - 2])]) : "<s>";
        detail::dynamic_features(kind, forms, use_pos ? &pos : nullptr, i, p1, p2, step);
        const std::size_t prev = i == 0 ? n : static_cast<std::size_t>(predicted[i - 1]);
        const int guess = trainer.predict(step.data(), step.size(), allowed.empty() ? nullptr : &allowed[prev * n]);
        int truth = index.at(sent.labels[i]);
        // After a mistake the gold I-X may be barred (the previous prediction
        // is not X); then B-X is the right answer from here. Without this a
        // long content span teaches the model to never start one again. (The
        // entity taggers were trained without it; their spans are short.)
        if (attribution && !allowed[prev * n + static_cast<std::size_t>(truth)])
          truth = index.at("B-" + sent.labels[i].substr(2));
        trainer.update(step, truth, guess);
        predicted[i] = guess;
        correct += guess == truth;
        ++total;
      }
    }
    if (options.verbose) {
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "  %s epoch %d: train accuracy %.2f%% (%.1f s)\n", kind_name.c_str(), epoch + 1,
                   total ? 100.0 * static_cast<double>(correct) / static_cast<double>(total) : 0.0, secs);
    }
  }
  LinearModel m = trainer.finish();
  m.set_info(options.info);
  return Tagger(std::move(m));
}

std::vector<TokenSpan> bio_spans(const std::vector<std::string_view>& labels) {
  std::vector<TokenSpan> spans;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string_view l = labels[i];
    if (l.size() < 2 || (l[0] != 'B' && l[0] != 'I') || l[1] != '-') continue;
    const std::string_view type = l.substr(2);
    const bool continues = l[0] == 'I' && !spans.empty() && spans.back().end == i && spans.back().type == type;
    if (continues) {
      spans.back().end = i + 1;
    } else {
      spans.push_back(TokenSpan{i, i + 1, std::string(type)});
    }
  }
  return spans;
}

}  // namespace newsdoc::model

namespace newsdoc::model {

std::vector<std::string> cue_context(const std::vector<std::string_view>& words,
                                     const std::vector<std::string_view>& first_pass) {
  if (words.size() != first_pass.size()) throw ModelError("", "cue_context: words and labels differ in length");
  std::vector<TokenSpan> cues;
  for (auto& span : bio_spans(first_pass))
    if (span.type == "CUE") cues.push_back(span);
  std::vector<std::string> out(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const TokenSpan* nearest = nullptr;
    std::size_t best = 0;
    for (const TokenSpan& c : cues) {
      const std::size_t d = i < c.begin ? c.begin - i : i >= c.end ? i - c.end + 1 : 0;
      if (nearest == nullptr || d < best) nearest = &c, best = d;
    }
    if (nearest == nullptr) {
      out[i] = "none";
      continue;
    }
    std::string relation = best == 0 ? "in" : i < nearest->begin ? "L" : "R";
    if (best > 0) {
      relation += best == 1 ? "1" : best <= 3 ? "2-3" : best <= 7 ? "4-7" : best <= 15 ? "8-15" : "16+";
      // a comma between the token and the cue
      const std::size_t lo = std::min(i, nearest->begin), hi = std::max(i + 1, nearest->end);
      for (std::size_t k = lo; k < hi; ++k)
        if (words[k] == ",") {
          relation += ",";
          break;
        }
    }
    std::string cue_word(words[nearest->end - 1]);
    for (char& ch : cue_word)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out[i] = relation + " " + cue_word;
  }
  return out;
}

std::vector<std::vector<std::string>> document_context(const std::vector<std::vector<std::string_view>>& words,
                                                       const std::vector<std::vector<std::string_view>>& first_pass) {
  if (words.size() != first_pass.size()) throw ModelError("", "document_context: words and labels differ in sentences");
  // per capitalised word: counts of the entity type it had, and of ending / starting multi-word spans
  struct Counts {
    std::map<std::string, int> type;
    std::map<std::string, int> last, first;
  };
  std::map<std::string, Counts> by_word;
  std::vector<std::vector<std::string>> norms(words.size());
  auto capitalised = [](const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; };
  detail::SentenceForms forms;
  std::vector<std::vector<std::string>> types(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) {
    if (words[s].size() != first_pass[s].size()) throw ModelError("", "document_context: words and labels differ in length");
    detail::prepare(detail::Kind::pos, words[s], forms);
    for (const auto& t : forms.tokens) norms[s].push_back(t.norm);
    types[s].assign(words[s].size(), "O");
    for (const TokenSpan& sp : bio_spans(first_pass[s])) {
      for (std::size_t i = sp.begin; i < sp.end; ++i) types[s][i] = sp.type;
      if (sp.end - sp.begin >= 2) {
        by_word[norms[s][sp.end - 1]].last[sp.type]++;
        by_word[norms[s][sp.begin]].first[sp.type]++;
      }
    }
    for (std::size_t i = 0; i < words[s].size(); ++i)
      if (capitalised(norms[s][i])) by_word[norms[s][i]].type[types[s][i]]++;
  }
  auto best = [](const std::map<std::string, int>& m, const std::string& minus) {
    std::string out = "none";
    int top = 0;
    for (const auto& [k, v] : m) {
      const int n = v - (k == minus ? 1 : 0);
      if (n > top) top = n, out = k;
    }
    return out;
  };
  std::vector<std::vector<std::string>> out(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) {
    for (std::size_t i = 0; i < words[s].size(); ++i) {
      const std::string& w = norms[s][i];
      if (!capitalised(w)) {
        out[s].push_back("-");
        continue;
      }
      const Counts& c = by_word[w];
      out[s].push_back("m=" + best(c.type, types[s][i]) + ";l=" + best(c.last, "") + ";f=" + best(c.first, ""));
    }
  }
  return out;
}

std::vector<std::vector<std::string_view>> tag_entities(const Tagger& ner, const Tagger* ner_doc,
                                                        const std::vector<std::vector<std::string_view>>& words,
                                                        const std::vector<std::vector<std::string_view>>& pos) {
  if (words.size() != pos.size()) throw ModelError("", "tag_entities: words and POS tags differ in sentences");
  std::vector<std::vector<std::string_view>> first(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) first[s] = ner.tag(words[s], &pos[s]);
  if (ner_doc == nullptr) return first;
  const auto ctx = document_context(words, first);
  for (std::size_t s = 0; s < words.size(); ++s) {
    const auto v = views(ctx[s]);
    first[s] = ner_doc->tag(words[s], &pos[s], &v);
  }
  return first;
}

}  // namespace newsdoc::model
