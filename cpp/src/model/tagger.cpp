// Tagger: greedy left-to-right decoding and averaged-perceptron training.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

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

Tagger Tagger::load(const std::string& path) {
  LinearModel m = LinearModel::load(path);
  const Kind kind = detail::kind_of(m.component(), path);
  if (m.feature_set() != detail::feature_set_of(kind))
    throw ModelError(path, "model of feature set '" + m.feature_set() + "', this newsdoc extracts '" +
                               detail::feature_set_of(kind) + "': retrain it");
  return Tagger(std::move(m));
}

bool Tagger::needs_pos() const noexcept { return !model_.component().empty() && model_.component() != "pos"; }
bool Tagger::needs_context() const noexcept { return model_.component() == "ner-doc"; }

namespace {

std::atomic<std::uint64_t> next_serial{1};

// Per thread, across sentences and articles: an id per distinct word (its
// typographically normalised form, which all its forms derive from) and, per
// tagger, the summed weights of each word's features that depend on that
// word alone (detail::own_word_features, neighbour_features, window_features),
// so that a word seen before costs a few additions of label vectors instead of
// a few dozen hashed look-ups in tables of megabytes. The sums are exact
// integers: the scores, and so the labels, are those of the features one by
// one. Bounded: at max_words words it starts again.
class WordScores {
 public:
  static constexpr std::size_t max_words = std::size_t{1} << 14;
  // Groups of a word's sums: its own features, as the neighbour at -2, -1, +1,
  // +2, as a window word before and after.
  static constexpr std::size_t own = 0, window_before = 5, window_after = 6;
  static constexpr std::size_t neighbour_group(int offset) { return offset < 0 ? 3 + offset : 2 + offset; }

  // The ids of the words of a sentence.
  void assign_ids(const detail::SentenceForms& forms, std::vector<std::uint32_t>& ids) {
    if (ids_.size() + forms.tokens.size() > max_words) {
      ids_.clear();
      words_.clear();
      for (Slot& slot : slots_) slot.ready.clear();
    }
    ids.resize(forms.tokens.size());
    for (std::size_t i = 0; i < forms.tokens.size(); ++i) {
      const std::string& norm = forms.tokens[i].norm;
      const auto found = ids_.find(norm);
      if (found != ids_.end()) {
        ids[i] = found->second;
        continue;
      }
      words_.push_back(norm);
      ids[i] = static_cast<std::uint32_t>(ids_.size());
      ids_.emplace(words_.back(), ids[i]);
    }
  }

  // The sums of `tagger` (identified by `serial`) for the words of a
  // sentence, computed for those that lack them; indexed by word id.
  const std::int32_t* sums(std::uint64_t serial, detail::Kind kind, const LinearModel& model,
                           const detail::SentenceForms& forms, const std::vector<std::uint32_t>& ids) {
    Slot& slot = slot_of(serial, model.label_count());
    slot.ready.resize(ids_.size(), 0);
    slot.sums.resize(ids_.size() * slot.stride);
    const std::size_t n = model.label_count();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (slot.ready[ids[i]] != 0) continue;
      slot.ready[ids[i]] = 1;
      std::int32_t* out = slot.sums.data() + ids[i] * slot.stride;
      std::fill(out, out + slot.stride, 0);
      const detail::TokenForms& t = forms.tokens[i];
      feats_.clear();
      detail::own_word_features(kind, t, feats_);
      model.add_scores(feats_.data(), feats_.size(), out + own * n);
      for (const int offset : detail::neighbour_offsets) {
        feats_.clear();
        detail::neighbour_features(kind, offset, t, feats_);
        model.add_scores(feats_.data(), feats_.size(), out + neighbour_group(offset) * n);
      }
      feats_.clear();
      detail::window_features(kind, -1, t, feats_);
      model.add_scores(feats_.data(), feats_.size(), out + window_before * n);
      feats_.clear();
      detail::window_features(kind, 1, t, feats_);
      model.add_scores(feats_.data(), feats_.size(), out + window_after * n);
    }
    return slot.sums.data();
  }

 private:
  struct Slot {
    std::uint64_t serial = 0;
    std::size_t stride = 0;            // 7 groups x labels
    std::vector<std::int32_t> sums;    // word id x stride
    std::vector<std::uint8_t> ready;   // word id -> sums computed
  };
  Slot& slot_of(std::uint64_t serial, std::size_t labels) {
    for (Slot& slot : slots_)
      if (slot.serial == serial) return slot;
    Slot& slot = slots_[next_slot_++ % slots_.size()];  // the annotator's three taggers fit
    slot.serial = serial;
    slot.stride = 7 * labels;
    slot.sums.clear();
    slot.ready.clear();
    return slot;
  }

  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::deque<std::string> words_;  // the keys of ids_
  std::array<Slot, 4> slots_;
  std::size_t next_slot_ = 0;
  std::vector<FeatureHash> feats_;
};

void add_vector(std::int32_t* scores, const std::int32_t* v, std::size_t n) {
  for (std::size_t c = 0; c < n; ++c) scores[c] += v[c];
}

}  // namespace

Tagger::Tagger(LinearModel model) : model_(std::move(model)), serial_(next_serial++) {
  const Kind kind = detail::kind_of(model_.component(), "");
  if (model_.feature_set() != detail::feature_set_of(kind))
    throw ModelError("", "model of feature set '" + model_.feature_set() + "', this newsdoc extracts '" +
                             detail::feature_set_of(kind) + "'");
  if (kind == Kind::ner || kind == Kind::ner_doc) allowed_after_ = bio_transitions(model_.labels());
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
    throw ModelError("", "the 'ner-doc' tagger needs one document_context() value per word");
  thread_local detail::SentenceForms forms;
  thread_local std::vector<FeatureHash> feats;
  thread_local std::vector<std::int32_t> scores;
  thread_local WordScores word_scores;
  thread_local std::vector<std::uint32_t> ids;
  detail::prepare(kind, words, forms);
  forms.context.clear();
  if (needs_context()) forms.context = *context;
  word_scores.assign_ids(forms, ids);
  const std::size_t n = model_.label_count();
  const std::size_t stride = 7 * n;
  const std::int32_t* sums = word_scores.sums(serial_, kind, model_, forms, ids);
  const auto& labels = model_.labels();
  const auto size = static_cast<std::ptrdiff_t>(words.size());
  out.assign(words.size(), 0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto j = static_cast<std::ptrdiff_t>(i);
    scores.assign(n, 0);
    // the features of single words, summed once per word (WordScores)
    add_vector(scores.data(), sums + ids[i] * stride + WordScores::own * n, n);
    for (const int offset : detail::neighbour_offsets)
      if (j + offset >= 0 && j + offset < size)
        add_vector(scores.data(), sums + ids[static_cast<std::size_t>(j + offset)] * stride + WordScores::neighbour_group(offset) * n, n);
    if (kind != Kind::pos)
      for (std::ptrdiff_t k = 1; k <= detail::window; ++k) {
        if (j - k >= 0) add_vector(scores.data(), sums + ids[static_cast<std::size_t>(j - k)] * stride + WordScores::window_before * n, n);
        if (j + k < size) add_vector(scores.data(), sums + ids[static_cast<std::size_t>(j + k)] * stride + WordScores::window_after * n, n);
      }
    feats.clear();
    detail::context_features(kind, forms, pos, i, feats);
    const std::string_view p1 = i >= 1 ? std::string_view(labels[static_cast<std::size_t>(out[i - 1])]) : "<s>";
    const std::string_view p2 = i >= 2 ? std::string_view(labels[static_cast<std::size_t>(out[i - 2])]) : "<s>";
    detail::dynamic_features(kind, forms, pos, i, p1, p2, feats);
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
  if (kind == Kind::ner || kind == Kind::ner_doc) label_set.insert("O");
  std::vector<std::string> labels(label_set.begin(), label_set.end());
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < labels.size(); ++i) index[labels[i]] = static_cast<int>(i);
  const bool bio = kind == Kind::ner || kind == Kind::ner_doc;
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
      if (kind == Kind::ner_doc && forms.context.size() != words.size())
        throw ModelError("", "the 'ner-doc' tagger trains on document_context() values: a sentence lacks them");
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
        const int truth = index.at(sent.labels[i]);
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
