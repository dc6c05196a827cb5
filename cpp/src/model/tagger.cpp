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
bool Tagger::needs_context() const noexcept {
  return model_.component() == "ner-doc" || model_.component() == "attribution-cued";
}

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
  // pos has no window features: its words keep five groups.
  static constexpr std::size_t groups(detail::Kind kind) { return kind == detail::Kind::pos ? 5 : 7; }

  // Makes room for `words` more words: ids given before are invalid after.
  void reserve(std::size_t words) {
    if (ids_.size() + words <= max_words) return;
    ids_.clear();
    words_.clear();
    for (Slot& slot : slots_) slot.ready.clear();
  }

  // The ids of the words of a sentence (after reserve() for them).
  void assign_ids(const detail::SentenceForms& forms, std::vector<std::uint32_t>& ids) {
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
    Slot& slot = slot_of(serial, model.label_count(), groups(kind));
    slot.ready.resize(ids_.size(), 0);
    slot.sums.resize(ids_.size() * slot.stride);
    // the new words' features, group by group (the order of a word's sums), scored in one go
    static_assert(own == 0 && neighbour_group(-2) == 1 && neighbour_group(-1) == 2 && neighbour_group(1) == 3 &&
                  neighbour_group(2) == 4 && window_before == 5 && window_after == 6);
    feats_.clear();
    starts_.assign(1, 0);
    fresh_.clear();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (slot.ready[ids[i]] != 0) continue;
      slot.ready[ids[i]] = 1;
      fresh_.push_back(ids[i]);
      const detail::TokenForms& t = forms.tokens[i];
      detail::own_word_features(kind, t, feats_);
      starts_.push_back(feats_.size());
      for (const int offset : detail::neighbour_offsets) {
        detail::neighbour_features(kind, offset, t, feats_);
        starts_.push_back(feats_.size());
      }
      if (groups(kind) == 5) continue;
      detail::window_features(kind, -1, t, feats_);
      starts_.push_back(feats_.size());
      detail::window_features(kind, 1, t, feats_);
      starts_.push_back(feats_.size());
    }
    if (fresh_.empty()) return slot.sums.data();
    fresh_sums_.assign(fresh_.size() * slot.stride, 0);
    model.add_scores_each(feats_.data(), starts_.data(), starts_.size() - 1, fresh_sums_.data());
    for (std::size_t k = 0; k < fresh_.size(); ++k)
      std::copy_n(fresh_sums_.data() + k * slot.stride, slot.stride, slot.sums.data() + fresh_[k] * slot.stride);
    return slot.sums.data();
  }

  // The summed weights of label_features(prev1, prev2) of `tagger`, by label
  // ids (label_count() standing for the sentence start "<s>").
  const std::int32_t* label_sums(std::uint64_t serial, detail::Kind kind, const LinearModel& model, std::size_t prev1,
                                 std::size_t prev2) {
    Slot& slot = slot_of(serial, model.label_count(), groups(kind));
    const std::size_t n = model.label_count();
    const std::size_t pair = prev1 * (n + 1) + prev2;
    if (slot.label_ready.empty()) {
      slot.label_ready.assign((n + 1) * (n + 1), 0);
      slot.label_sums.assign((n + 1) * (n + 1) * n, 0);
    }
    std::int32_t* out = slot.label_sums.data() + pair * n;
    if (slot.label_ready[pair] == 0) {
      slot.label_ready[pair] = 1;
      const auto name = [&](std::size_t id) { return id == n ? std::string_view("<s>") : std::string_view(model.labels()[id]); };
      feats_.clear();
      detail::label_features(name(prev1), name(prev2), feats_);
      model.add_scores(feats_.data(), feats_.size(), out);
    }
    return out;
  }

 private:
  struct Slot {
    std::uint64_t serial = 0;
    std::size_t stride = 0;            // groups x labels
    std::vector<std::int32_t> sums;    // word id x stride
    std::vector<std::uint8_t> ready;   // word id -> sums computed
    std::vector<std::int32_t> label_sums;    // (previous label, the one before) x labels
    std::vector<std::uint8_t> label_ready;   // (previous label, the one before) -> computed
  };
  Slot& slot_of(std::uint64_t serial, std::size_t labels, std::size_t word_groups) {
    for (Slot& slot : slots_)
      if (slot.serial == serial) return slot;
    Slot& slot = slots_[next_slot_++ % slots_.size()];  // the annotator's five taggers fit
    slot.serial = serial;
    slot.stride = word_groups * labels;
    slot.sums.clear();
    slot.ready.clear();
    slot.label_sums.clear();
    slot.label_ready.clear();
    return slot;
  }

  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::deque<std::string> words_;  // the keys of ids_
  std::array<Slot, 6> slots_;
  std::size_t next_slot_ = 0;
  std::vector<FeatureHash> feats_;
  std::vector<std::size_t> starts_;         // sums(): where each new word's group of features starts in feats_
  std::vector<std::uint32_t> fresh_;        // sums(): the ids of the new words
  std::vector<std::int32_t> fresh_sums_;    // sums(): their sums, before they go to their slot
};

// One per thread: the caches of all the taggers it runs.
WordScores& thread_word_scores() {
  thread_local WordScores scores;
  return scores;
}

template <std::size_t N>
void add_fixed(std::int32_t* __restrict scores, const std::int32_t* __restrict v) {
  for (std::size_t c = 0; c < N; ++c) scores[c] += v[c];
}

void add_vector(std::int32_t* __restrict scores, const std::int32_t* __restrict v, std::size_t n) {
  switch (n) {  // the label counts of the shipped models, unrolled
    case 7: return add_fixed<7>(scores, v);
    case 9: return add_fixed<9>(scores, v);
    case 45: return add_fixed<45>(scores, v);
    default:
      for (std::size_t c = 0; c < n; ++c) scores[c] += v[c];
  }
}

}  // namespace

Tagger::Tagger(LinearModel model) : model_(std::move(model)), serial_(next_serial++) {
  const Kind kind = detail::kind_of(model_.component(), "");
  if (model_.feature_set() != detail::feature_set_of(kind))
    throw ModelError("", "model of feature set '" + model_.feature_set() + "', this newsdoc extracts '" +
                             detail::feature_set_of(kind) + "'");
  if (kind == Kind::ner || kind == Kind::ner_doc || kind == Kind::attribution || kind == Kind::attribution_cued)
    allowed_after_ = bio_transitions(model_.labels());
}

const std::vector<std::string_view>* Tagger::checked_pos(std::size_t words, const std::vector<std::string_view>* pos,
                                                        const std::vector<std::string_view>* context) const {
  if (model_.label_count() == 0) throw ModelError("", "tag(): the tagger holds no model");
  if (needs_context() && (context == nullptr || context->size() != words))
    throw ModelError("", "the '" + model_.component() + "' tagger needs one context value per word");
  if (!needs_pos()) return nullptr;
  if (pos == nullptr) throw ModelError("", "the '" + model_.component() + "' tagger needs part-of-speech tags");
  if (pos->size() != words)
    throw ModelError("", "tag(): " + std::to_string(words) + " words but " + std::to_string(pos->size()) +
                             " part-of-speech tags");
  return pos;
}

void Tagger::tag_ids(const std::vector<std::string_view>& words, const std::vector<std::string_view>* pos,
                     std::vector<int>& out, const std::vector<std::string_view>* context) const {
  pos = checked_pos(words.size(), pos, context);
  const Kind kind = detail::kind_of(model_.component(), "");
  thread_local detail::SentenceForms forms;
  thread_local std::vector<std::uint32_t> ids;
  detail::prepare(kind, words, forms);
  forms.context.clear();
  if (needs_context()) forms.context = *context;
  WordScores& word_scores = thread_word_scores();
  word_scores.reserve(words.size());
  word_scores.assign_ids(forms, ids);
  tag_forms(forms, ids, pos, out);
}

void Tagger::tag_forms(const detail::SentenceForms& forms, const std::vector<std::uint32_t>& ids,
                       const std::vector<std::string_view>* pos, std::vector<int>& out,
                       SharedContext* shared) const {
  thread_local std::vector<FeatureHash> feats;
  thread_local std::vector<std::size_t> starts;
  thread_local std::vector<std::int32_t> token_scores;
  const Kind kind = detail::kind_of(model_.component(), "");
  const std::size_t n = model_.label_count();
  const std::size_t stride = WordScores::groups(kind) * n;
  const std::int32_t* sums = thread_word_scores().sums(serial_, kind, model_, forms, ids);
  const auto& labels = model_.labels();
  const std::size_t count = forms.tokens.size();
  const auto size = static_cast<std::ptrdiff_t>(count);
  // The context features do not depend on the labels: those of all the
  // tokens are scored in one go, their look-ups overlapping.
  feats.clear();
  starts.assign(1, 0);
  const bool second_pass = shared != nullptr && (kind == Kind::ner_doc || kind == Kind::attribution_cued);
  for (std::size_t i = 0; i < count; ++i) {
    if (second_pass) {  // the first pass's context features, and those of this pass's context values
      feats.insert(feats.end(), shared->hashes.begin() + static_cast<std::ptrdiff_t>(shared->start[i]),
                   shared->hashes.begin() + static_cast<std::ptrdiff_t>(shared->start[i + 1]));
      if (kind == Kind::ner_doc) detail::document_features(forms, i, feats);
      else detail::cue_context_features(forms, pos, i, feats);
    } else {
      detail::context_features(kind, forms, pos, i, feats);
    }
    starts.push_back(feats.size());
  }
  if (shared != nullptr && !second_pass) {  // recorded for the second pass (ner-doc, attribution-cued)
    shared->hashes.assign(feats.begin(), feats.end());
    shared->start.assign(starts.begin(), starts.end());
  }
  token_scores.assign(count * n, 0);
  model_.add_scores_each(feats.data(), starts.data(), count, token_scores.data());
  out.assign(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    const auto j = static_cast<std::ptrdiff_t>(i);
    std::int32_t* scores = token_scores.data() + i * n;
    // the features of single words, summed once per word (WordScores)
    add_vector(scores, sums + ids[i] * stride + WordScores::own * n, n);
    for (const int offset : detail::neighbour_offsets)
      if (j + offset >= 0 && j + offset < size)
        add_vector(scores, sums + ids[static_cast<std::size_t>(j + offset)] * stride + WordScores::neighbour_group(offset) * n, n);
    if (kind != Kind::pos)
      for (std::ptrdiff_t k = 1; k <= detail::window; ++k) {
        if (j - k >= 0) add_vector(scores, sums + ids[static_cast<std::size_t>(j - k)] * stride + WordScores::window_before * n, n);
        if (j + k < size) add_vector(scores, sums + ids[static_cast<std::size_t>(j + k)] * stride + WordScores::window_after * n, n);
      }
    const std::size_t prev1 = i >= 1 ? static_cast<std::size_t>(out[i - 1]) : n;
    const std::size_t prev2 = i >= 2 ? static_cast<std::size_t>(out[i - 2]) : n;
    add_vector(scores, thread_word_scores().label_sums(serial_, kind, model_, prev1, prev2), n);
    feats.clear();
    detail::label_word_features(kind, forms, pos, i, prev1 == n ? std::string_view("<s>") : std::string_view(labels[prev1]),
                                feats);
    model_.add_scores(feats.data(), feats.size(), scores);
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
  std::vector<bool> is_cue(n);
  for (std::size_t c = 0; c < n; ++c) is_cue[c] = labels[c] == "B-CUE" || labels[c] == "I-CUE";
  // Attribution taggers: a right CUE must beat every other allowed label by
  // this margin, or training updates against the first (in label order) that
  // comes closer. Cues are rare and varied; the margin trades a little cue
  // precision for recall (docs/models.md).
  const float cue_margin = attribution ? 10.0f : 0.0f;

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
        int against = guess;
        if (cue_margin > 0 && guess == truth && is_cue[static_cast<std::size_t>(truth)]) {
          const float mine = trainer.score(step.data(), step.size(), truth);
          for (std::size_t c = 0; c < n; ++c) {
            if (static_cast<int>(c) == truth || !allowed[prev * n + c]) continue;
            if (mine - trainer.score(step.data(), step.size(), static_cast<int>(c)) < cue_margin) {
              against = static_cast<int>(c);
              break;
            }
          }
        }
        trainer.update(step, truth, against);
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
  std::vector<std::size_t> commas_before(words.size() + 1, 0);  // commas among words[0, k)
  for (std::size_t k = 0; k < words.size(); ++k) commas_before[k + 1] = commas_before[k] + (words[k] == "," ? 1 : 0);
  std::vector<std::string> out(words.size());
  std::size_t next = 0;  // the first cue that does not end at or before i
  for (std::size_t i = 0; i < words.size(); ++i) {
    while (next < cues.size() && cues[next].end <= i) ++next;
    // the nearest cue is the last one ending at or before i, or the next one (ties: the earlier)
    const TokenSpan* nearest = nullptr;
    std::size_t best = 0;
    if (next > 0) nearest = &cues[next - 1], best = i - cues[next - 1].end + 1;
    if (next < cues.size()) {
      const std::size_t d = i < cues[next].begin ? cues[next].begin - i : 0;
      if (nearest == nullptr || d < best) nearest = &cues[next], best = d;
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
      if (commas_before[hi] > commas_before[lo]) relation += ",";
    }
    std::string cue_word(words[nearest->end - 1]);
    for (char& ch : cue_word)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out[i] = relation + " " + cue_word;
  }
  return out;
}


namespace {

// Counts of labels (entity types) by label; few labels, so a short list.
struct LabelCounts {
  std::vector<std::pair<std::string_view, int>> counts;
  void add(std::string_view label) {
    for (auto& [l, n] : counts)
      if (l == label) {
        ++n;
        return;
      }
    counts.emplace_back(label, 1);
  }
  // The label counted most (less one for `minus`), the smallest such label on
  // a tie, or "none" if no count is above 0.
  std::string_view best(std::string_view minus) const {
    std::string_view out = "none";
    int top = 0;
    for (const auto& [l, v] : counts) {
      const int n = v - (l == minus ? 1 : 0);
      if (n > top || (n == top && n > 0 && l < out)) top = n, out = l;
    }
    return out;
  }
};

// document_context() of the first `first_pass.size()` sentences, whose forms are prepared.
std::vector<std::vector<std::string>> document_context_of(const std::vector<detail::SentenceForms>& sentences,
                                                          const std::vector<std::vector<std::string_view>>& first_pass) {
  if (sentences.size() < first_pass.size()) throw ModelError("", "document_context: words and labels differ in sentences");
  // per capitalised word: counts of the entity type it had, and of ending / starting multi-word spans
  struct Counts {
    LabelCounts type, last, first;
  };
  std::unordered_map<std::string_view, Counts> by_word;
  const std::size_t count = first_pass.size();
  auto capitalised = [](std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; };
  std::vector<std::vector<std::string_view>> types(count);
  std::vector<std::vector<TokenSpan>> spans(count);
  for (std::size_t s = 0; s < count; ++s) {
    const auto& tokens = sentences[s].tokens;
    if (tokens.size() != first_pass[s].size()) throw ModelError("", "document_context: words and labels differ in length");
    types[s].assign(tokens.size(), "O");
    spans[s] = bio_spans(first_pass[s]);
    for (const TokenSpan& sp : spans[s]) {
      for (std::size_t i = sp.begin; i < sp.end; ++i) types[s][i] = sp.type;
      if (sp.end - sp.begin >= 2) {
        by_word[tokens[sp.end - 1].norm].last.add(sp.type);
        by_word[tokens[sp.begin].norm].first.add(sp.type);
      }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (capitalised(tokens[i].norm)) by_word[tokens[i].norm].type.add(types[s][i]);
  }
  std::vector<std::vector<std::string>> out(count);
  std::string value;
  for (std::size_t s = 0; s < count; ++s) {
    const auto& tokens = sentences[s].tokens;
    out[s].reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string& w = tokens[i].norm;
      if (!capitalised(w)) {
        out[s].emplace_back("-");
        continue;
      }
      const Counts& c = by_word[w];
      value.assign("m=").append(c.type.best(types[s][i])).append(";l=").append(c.last.best({}));
      value.append(";f=").append(c.first.best({}));
      out[s].push_back(value);
    }
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> document_context(const std::vector<std::vector<std::string_view>>& words,
                                                       const std::vector<std::vector<std::string_view>>& first_pass) {
  if (words.size() != first_pass.size()) throw ModelError("", "document_context: words and labels differ in sentences");
  std::vector<detail::SentenceForms> forms(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) {
    if (words[s].size() != first_pass[s].size()) throw ModelError("", "document_context: words and labels differ in length");
    detail::prepare(detail::Kind::pos, words[s], forms[s]);
  }
  return document_context_of(forms, first_pass);
}

// One document's sentences prepared once for every tagger that runs on it:
// their forms (the same for pos, ner and ner-doc, and for attribution and
// attribution-cued) and word ids (WordScores).
struct PreparedDocument {
  std::vector<detail::SentenceForms> forms;
  std::vector<std::vector<std::uint32_t>> ids;
  std::vector<SharedContext> context;  // per sentence: ner's context features, for ner-doc
  std::vector<int> labels;             // scratch of tag_prepared
};

namespace {

PreparedDocument& prepare_document(Kind kind, const std::vector<std::vector<std::string_view>>& words) {
  thread_local PreparedDocument doc;
  if (doc.forms.size() < words.size()) {
    doc.forms.resize(words.size());
    doc.ids.resize(words.size());
    doc.context.resize(words.size());
  }
  std::size_t tokens = 0;
  for (const auto& sentence : words) tokens += sentence.size();
  WordScores& word_scores = thread_word_scores();
  word_scores.reserve(tokens);
  for (std::size_t s = 0; s < words.size(); ++s) {
    detail::prepare(kind, words[s], doc.forms[s]);
    doc.forms[s].context.clear();
    word_scores.assign_ids(doc.forms[s], doc.ids[s]);
    doc.context[s].hashes.clear();
    doc.context[s].start.assign(1, 0);
  }
  return doc;
}

}  // namespace

void Tagger::tag_prepared(PreparedDocument& doc, std::size_t sentence, const std::vector<std::string_view>* pos,
                          const std::vector<std::string_view>* context, std::vector<std::string_view>& out) const {
  detail::SentenceForms& forms = doc.forms[sentence];
  pos = checked_pos(forms.tokens.size(), pos, context);
  forms.context.clear();
  if (needs_context()) forms.context = *context;
  // ner records its context features, ner-doc (after it, on the same tags)
  // adds the document's to them; attribution and attribution-cued (the cues') likewise
  SharedContext& shared = doc.context[sentence];
  const Kind kind = detail::kind_of(model_.component(), "");
  const bool recorded = shared.start.size() == forms.tokens.size() + 1;
  const bool first_pass = kind == Kind::ner || kind == Kind::attribution;
  const bool second_pass = kind == Kind::ner_doc || kind == Kind::attribution_cued;
  SharedContext* use = (first_pass && !recorded) || (second_pass && recorded) ? &shared : nullptr;
  tag_forms(forms, doc.ids[sentence], pos, doc.labels, use);
  out.clear();
  for (int id : doc.labels) out.emplace_back(model_.labels()[static_cast<std::size_t>(id)]);
}

namespace {

// The document-level taggers prepare each article once for the kinds they run:
// a tagger of another kind would read forms it was not prepared for.
void require_kind(const char* function, const Tagger* tagger, const char* kind) {
  if (tagger != nullptr && tagger->kind() != kind)
    throw ModelError("", std::string(function) + ": expected a '" + kind + "' tagger, got a '" + tagger->kind() + "' one");
}

}  // namespace

std::vector<std::vector<std::string_view>> tag_entities(const Tagger& ner, const Tagger* ner_doc,
                                                        const std::vector<std::vector<std::string_view>>& words,
                                                        const std::vector<std::vector<std::string_view>>& pos) {
  require_kind("tag_entities", &ner, "ner");
  require_kind("tag_entities", ner_doc, "ner-doc");
  if (words.size() != pos.size()) throw ModelError("", "tag_entities: words and POS tags differ in sentences");
  PreparedDocument& doc = prepare_document(Kind::ner, words);
  std::vector<std::vector<std::string_view>> first(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) ner.tag_prepared(doc, s, &pos[s], nullptr, first[s]);
  if (ner_doc == nullptr) return first;
  const auto ctx = document_context_of(doc.forms, first);
  for (std::size_t s = 0; s < words.size(); ++s) {
    const auto v = views(ctx[s]);
    ner_doc->tag_prepared(doc, s, &pos[s], &v, first[s]);
  }
  return first;
}

DocumentTags tag_document(const Tagger& pos, const Tagger& ner, const Tagger* ner_doc,
                          const std::vector<std::vector<std::string_view>>& words) {
  require_kind("tag_document", &pos, "pos");
  require_kind("tag_document", &ner, "ner");
  require_kind("tag_document", ner_doc, "ner-doc");
  PreparedDocument& doc = prepare_document(Kind::ner, words);
  DocumentTags tags;
  tags.pos.resize(words.size());
  tags.entities.resize(words.size());
  for (std::size_t s = 0; s < words.size(); ++s) pos.tag_prepared(doc, s, nullptr, nullptr, tags.pos[s]);
  for (std::size_t s = 0; s < words.size(); ++s) ner.tag_prepared(doc, s, &tags.pos[s], nullptr, tags.entities[s]);
  if (ner_doc == nullptr) return tags;
  const auto ctx = document_context_of(doc.forms, tags.entities);
  for (std::size_t s = 0; s < words.size(); ++s) {
    const auto v = views(ctx[s]);
    ner_doc->tag_prepared(doc, s, &tags.pos[s], &v, tags.entities[s]);
  }
  return tags;
}

std::vector<std::vector<std::string_view>> tag_attributions(const Tagger& attribution, const Tagger* cued,
                                                            const std::vector<std::vector<std::string_view>>& words,
                                                            const std::vector<std::vector<std::string_view>>& pos) {
  require_kind("tag_attributions", &attribution, "attribution");
  require_kind("tag_attributions", cued, "attribution-cued");
  if (words.size() != pos.size()) throw ModelError("", "tag_attributions: words and POS tags differ in sentences");
  PreparedDocument& doc = prepare_document(Kind::attribution, words);
  std::vector<std::vector<std::string_view>> labels(words.size());
  std::vector<std::string_view> context_views;
  for (std::size_t s = 0; s < words.size(); ++s) {
    attribution.tag_prepared(doc, s, &pos[s], nullptr, labels[s]);
    const bool has_cue = std::any_of(labels[s].begin(), labels[s].end(),
                                     [](std::string_view l) { return l.size() > 2 && l.substr(2) == "CUE"; });
    if (cued == nullptr || !has_cue) continue;
    const auto context = cue_context(words[s], labels[s]);
    context_views.assign(context.begin(), context.end());
    cued->tag_prepared(doc, s, &pos[s], &context_views, labels[s]);
  }
  return labels;
}

}  // namespace newsdoc::model
