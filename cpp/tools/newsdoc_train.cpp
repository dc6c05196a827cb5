// newsdoc-train: trains the part-of-speech, named-entity and attribution-cue
// taggers (cpp/include/newsdoc/model.hpp) on PolNeAR's CoreNLP silver
// annotations and BRAT gold cues, writes the model files, and scores them on
// a dev split.
//
//   newsdoc-train --corenlp corenlp/train.jsonl.gz --out models/ [--epochs N] [--seed S]
//                 [--limit N] [--dev corenlp/dev.jsonl.gz] [--only pos,ner,cue]
//   newsdoc-train --evaluate --out models/ --dev corenlp/dev.jsonl.gz
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/corenlp.hpp"
#include "newsdoc/model.hpp"

namespace {

using newsdoc::model::TaggedSentence;
using newsdoc::model::Tagger;
using newsdoc::model::detail::CoreNlpDoc;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string corenlp, text, out = "models", dev, dev_text, only = "pos,ner,cue,attribution";
  int epochs = 8;
  std::uint64_t seed = 1;
  std::size_t limit = 0;
  unsigned pos_bits = 18, ner_bits = 20, cue_bits = 18, attribution_bits = 20;
  bool evaluate = false;
  bool verbose = true;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "newsdoc-train: %s\n"
               "usage: newsdoc-train --corenlp TRAIN.jsonl.gz [--text DIR] --out DIR [--epochs N] [--seed S]\n"
               "                     [--limit N] [--dev DEV.jsonl.gz [--dev-text DIR]] [--only pos,ner,cue,attribution]\n"
               "                     [--pos-bits K] [--ner-bits K] [--cue-bits K] [--attribution-bits K] [--quiet]\n"
               "       newsdoc-train --evaluate --out DIR --dev DEV.jsonl.gz\n",
               why);
  std::exit(2);
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU seconds of this thread: speed per core, whatever else the machine runs.
double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

bool is_entity_type(const std::string& t) {
  return t == "PERSON" || t == "ORGANIZATION" || t == "LOCATION" || t == "MISC";
}

std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// Per-sentence words, silver POS, BIO NER labels, BIO cue labels.
struct Sentence {
  std::vector<std::string> words, pos, ner, cue;
  std::vector<std::string> roles;  // BIO of CUE, SOURCE, CONTENT (gold BRAT), when read
  std::size_t doc = 0;
};

// The sentence index ranges of each document.
std::vector<std::pair<std::size_t, std::size_t>> doc_ranges(const std::vector<Sentence>& sents) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < sents.size(); ++i) {
    if (out.empty() || sents[out.back().first].doc != sents[i].doc) out.emplace_back(i, i);
    out.back().second = i + 1;
  }
  return out;
}

// Entity labels of sentences [b, e) of one document: first pass, then ner-doc.
std::vector<std::vector<std::string_view>> tag_doc(const Tagger& ner, const Tagger* ner_doc,
                                                   const std::vector<Sentence>& sents,
                                                   const std::vector<std::vector<std::string_view>>& pos,
                                                   std::size_t b, std::size_t e) {
  std::vector<std::vector<std::string_view>> w, p;
  for (std::size_t i = b; i < e; ++i) {
    w.push_back(views(sents[i].words));
    p.push_back(pos[i]);
  }
  return newsdoc::model::tag_entities(ner, ner_doc, w, p);
}

// The BIO role label of the token of code points [begin, end): the role of
// its first code point that has one; B- where a textbound starts in the token
// or the previous token had another role.
std::string role_label(const std::vector<std::uint8_t>& roles, std::uint32_t begin, std::uint32_t end,
                       const std::vector<std::string>& before) {
  namespace d = newsdoc::model::detail;
  int role = d::role_none;
  bool starts = false;
  for (std::uint32_t c = begin; c < end && c < roles.size(); ++c) {
    if (role == d::role_none) role = roles[c] & 3;
    starts = starts || ((roles[c] & d::role_start) != 0 && (roles[c] & 3) == role);
  }
  if (role == d::role_none) return "O";
  const char* type = role == d::role_cue ? "CUE" : role == d::role_source ? "SOURCE" : "CONTENT";
  const std::string inside = std::string("I-") + type;
  const bool continues = !before.empty() && (before.back() == inside || before.back() == std::string("B-") + type);
  return (starts || !continues ? "B-" : "I-") + std::string(type);
}

std::vector<Sentence> sentences_of(const std::vector<CoreNlpDoc>& docs) {
  std::vector<Sentence> out;
  for (const CoreNlpDoc& d : docs) {
    for (const auto& sent : d.sentences) {
      Sentence s;
      s.doc = static_cast<std::size_t>(&d - docs.data());
      std::string prev_type = "O";
      bool prev_cue = false;
      for (const auto& t : sent) {
        s.words.push_back(t.word);
        s.pos.push_back(t.pos);
        const std::string type = is_entity_type(t.ner) ? t.ner : "O";
        if (type == "O") s.ner.push_back("O");
        else s.ner.push_back((prev_type == type ? "I-" : "B-") + type);
        prev_type = type;
        bool cue = false;
        if (!d.cue_chars.empty()) {
          auto it = std::lower_bound(d.cue_chars.begin(), d.cue_chars.end(), t.begin);
          cue = it != d.cue_chars.end() && *it < t.end;
        }
        s.cue.push_back(cue ? (prev_cue ? "I-CUE" : "B-CUE") : "O");
        prev_cue = cue;
        if (!d.roles.empty()) s.roles.push_back(role_label(d.roles, t.begin, t.end, s.roles));
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

// Predicted POS tags for every sentence.
std::vector<std::vector<std::string>> predict_pos(const Tagger& pos, const std::vector<Sentence>& sents) {
  std::vector<std::vector<std::string>> out;
  out.reserve(sents.size());
  for (const Sentence& s : sents) {
    const auto tags = pos.tag(views(s.words));
    out.emplace_back(tags.begin(), tags.end());
  }
  return out;
}

struct Prf {
  std::size_t tp = 0, fp = 0, fn = 0;
  double p() const { return tp + fp ? 100.0 * double(tp) / double(tp + fp) : 0; }
  double r() const { return tp + fn ? 100.0 * double(tp) / double(tp + fn) : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
};

std::size_t g_show_errors = 0;

void score_spans(const std::vector<std::string>& gold, const std::vector<std::string_view>& pred,
                 std::map<std::string, Prf>& by_type, const std::vector<std::string>* words = nullptr) {
  const auto g = newsdoc::model::bio_spans(views(gold));
  const auto p = newsdoc::model::bio_spans(pred);
  std::set<std::tuple<std::size_t, std::size_t, std::string>> gs, ps;
  for (const auto& s : g) gs.emplace(s.begin, s.end, s.type);
  for (const auto& s : p) ps.emplace(s.begin, s.end, s.type);
  for (const auto& s : ps) (gs.count(s) ? by_type[std::get<2>(s)].tp : by_type[std::get<2>(s)].fp)++;
  for (const auto& s : gs)
    if (!ps.count(s)) by_type[std::get<2>(s)].fn++;
  if (words != nullptr && g_show_errors > 0 && gs != ps) {
    --g_show_errors;
    std::string line;
    for (std::size_t i = 0; i < words->size(); ++i) {
      line += (*words)[i];
      if (gold[i] != "O" || pred[i] != "O") line += "[" + gold[i] + "|" + std::string(pred[i]) + "]";
      line += ' ';
    }
    std::fprintf(stderr, "ERR %s\n", line.c_str());
  }
}

void print_prf(const std::map<std::string, Prf>& by_type, const char* what) {
  Prf micro;
  for (const auto& [type, s] : by_type) {
    std::printf("  %s %-13s P %5.1f  R %5.1f  F1 %5.1f  (gold %zu, predicted %zu)\n", what, type.c_str(), s.p(), s.r(),
                s.f(), s.tp + s.fn, s.tp + s.fp);
    micro.tp += s.tp, micro.fp += s.fp, micro.fn += s.fn;
  }
  std::printf("  %s %-13s P %5.1f  R %5.1f  F1 %5.1f\n", what, "micro", micro.p(), micro.r(), micro.f());
}

void evaluate(const std::string& dir, const std::vector<Sentence>& dev, const std::set<std::string>& only) {
  namespace fs = std::filesystem;
  auto t0 = Clock::now();
  const double load_cpu0 = thread_cpu();
  const Tagger pos = Tagger::load(dir + "/pos.ndm");
  const bool have_ner = only.count("ner") && fs::exists(dir + "/ner.ndm");
  const bool have_ner_doc = have_ner && fs::exists(dir + "/ner-doc.ndm");
  Tagger ner_doc;
  if (have_ner_doc) ner_doc = Tagger::load(dir + "/ner-doc.ndm");
  const bool have_cue = only.count("cue") && fs::exists(dir + "/cue.ndm");
  Tagger ner, cue;
  if (have_ner) ner = Tagger::load(dir + "/ner.ndm");
  if (have_cue) cue = Tagger::load(dir + "/cue.ndm");
  const bool have_attribution = only.count("attribution") && fs::exists(dir + "/attribution.ndm");
  Tagger attribution;
  if (have_attribution) attribution = Tagger::load(dir + "/attribution.ndm");
  const bool have_cued = have_attribution && fs::exists(dir + "/attribution-cued.ndm");
  Tagger attribution_cued;
  if (have_cued) attribution_cued = Tagger::load(dir + "/attribution-cued.ndm");
  std::printf("load: %.3f s (%.3f s CPU)", seconds_since(t0), thread_cpu() - load_cpu0);
  for (const char* name : {"pos", "ner", "ner-doc", "cue", "attribution", "attribution-cued"}) {
    const std::string p = dir + "/" + name + ".ndm";
    if (fs::exists(p)) std::printf(", %s.ndm %.2f MB", name, double(fs::file_size(p)) / 1e6);
  }
  std::printf("\n");

  std::size_t tokens = 0, correct = 0;
  std::map<std::string, Prf> ner_scores, cue_spans;
  Prf cue_tokens;
  std::vector<std::vector<std::string_view>> pos_out(dev.size()), ner_out(dev.size());
  double c0 = thread_cpu();
  for (std::size_t i = 0; i < dev.size(); ++i) pos_out[i] = pos.tag(views(dev[i].words));
  const double pos_secs = thread_cpu() - c0;
  double ner_secs = 0, ner_doc_secs = 0;
  if (have_ner) {
    // first pass alone (for its speed), then first and second pass as shipped
    c0 = thread_cpu();
    for (const auto& [b, e] : doc_ranges(dev)) tag_doc(ner, nullptr, dev, pos_out, b, e);
    ner_secs = thread_cpu() - c0;
    c0 = thread_cpu();
    for (const auto& [b, e] : doc_ranges(dev)) {
      auto labels = tag_doc(ner, have_ner_doc ? &ner_doc : nullptr, dev, pos_out, b, e);
      for (std::size_t i = b; i < e; ++i) ner_out[i] = std::move(labels[i - b]);
    }
    ner_doc_secs = thread_cpu() - c0;
  }
  for (std::size_t i = 0; i < dev.size(); ++i) {
    const Sentence& s = dev[i];
    for (std::size_t k = 0; k < s.words.size(); ++k) correct += pos_out[i][k] == s.pos[k];
    tokens += s.words.size();
    if (have_ner) score_spans(s.ner, ner_out[i], ner_scores, &s.words);
  }
  std::printf("dev tokens: %zu in %zu sentences\n", tokens, dev.size());
  std::printf("POS accuracy: %.2f%%\n", 100.0 * double(correct) / double(tokens));
  if (have_ner) {
    std::printf("NER exact spans (silver dev):\n");
    print_prf(ner_scores, "NER");
  }
  std::size_t bytes = 0;
  for (const Sentence& s : dev)
    for (const auto& w : s.words) bytes += w.size() + 1;
  std::printf("speed (thread CPU time, %.2f MB of token text): pos %.0f tokens/s", double(bytes) / 1e6,
              double(tokens) / pos_secs);
  if (have_ner)
    std::printf(", ner %.0f tokens/s, ner+ner-doc %.0f tokens/s, pos+ner+ner-doc %.0f tokens/s (%.2f MB/s)",
                double(tokens) / ner_secs, double(tokens) / ner_doc_secs, double(tokens) / (pos_secs + ner_doc_secs),
                double(bytes) / 1e6 / (pos_secs + ner_doc_secs));
  std::printf("\n");
  if (have_cue) {
    c0 = thread_cpu();
    std::vector<std::vector<std::string_view>> cue_out(dev.size());
    for (std::size_t i = 0; i < dev.size(); ++i) cue_out[i] = cue.tag(views(dev[i].words), &pos_out[i]);
    const double cue_secs = thread_cpu() - c0;
    for (std::size_t i = 0; i < dev.size(); ++i) {
      const Sentence& s = dev[i];
      for (std::size_t k = 0; k < s.words.size(); ++k) {
        const bool g = s.cue[k] != "O", p = cue_out[i][k] != "O";
        cue_tokens.tp += g && p, cue_tokens.fp += !g && p, cue_tokens.fn += g && !p;
      }
      score_spans(s.cue, cue_out[i], cue_spans, &s.words);
    }
    std::printf("cue tokens (gold BRAT dev): P %5.1f  R %5.1f  F1 %5.1f\n", cue_tokens.p(), cue_tokens.r(),
                cue_tokens.f());
    print_prf(cue_spans, "cue spans");
    std::printf("speed: cue %.0f tokens/s\n", double(tokens) / cue_secs);
  }
  if (have_attribution) {
    c0 = thread_cpu();
    std::map<std::string, Prf> role_spans, cued_spans;
    std::size_t tagged = 0;
    for (std::size_t i = 0; i < dev.size(); ++i) {
      if (dev[i].roles.empty()) continue;
      const auto words = views(dev[i].words);
      const auto first = attribution.tag(words, &pos_out[i]);
      score_spans(dev[i].roles, first, role_spans);
      if (have_cued) {
        const auto context = newsdoc::model::cue_context(words, first);
        const auto context_views = views(context);
        score_spans(dev[i].roles, attribution_cued.tag(words, &pos_out[i], &context_views), cued_spans);
      }
      tagged += dev[i].words.size();
    }
    const double secs = thread_cpu() - c0;
    std::printf("attribution roles, exact spans (gold BRAT dev, the articles with attributions):\n");
    print_prf(role_spans, "role");
    if (have_cued) print_prf(cued_spans, "cued");
    std::printf("speed: attribution %.0f tokens/s\n", double(tagged) / secs);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(("missing value after " + k).c_str());
      return argv[++i];
    };
    if (k == "--corenlp") a.corenlp = value();
    else if (k == "--text") a.text = value();
    else if (k == "--out") a.out = value();
    else if (k == "--dev") a.dev = value();
    else if (k == "--dev-text") a.dev_text = value();
    else if (k == "--only") a.only = value();
    else if (k == "--epochs") a.epochs = std::atoi(value().c_str());
    else if (k == "--seed") a.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (k == "--limit") a.limit = std::strtoull(value().c_str(), nullptr, 10);
    else if (k == "--pos-bits") a.pos_bits = static_cast<unsigned>(std::atoi(value().c_str()));
    else if (k == "--ner-bits") a.ner_bits = static_cast<unsigned>(std::atoi(value().c_str()));
    else if (k == "--cue-bits") a.cue_bits = static_cast<unsigned>(std::atoi(value().c_str()));
    else if (k == "--attribution-bits") a.attribution_bits = static_cast<unsigned>(std::atoi(value().c_str()));
    else if (k == "--evaluate") a.evaluate = true;
    else if (k == "--quiet") a.verbose = false;
    else if (k == "--show-errors") g_show_errors = std::strtoull(value().c_str(), nullptr, 10);
    else if (k == "-h" || k == "--help") usage("trains newsdoc's taggers");
    else usage(("unknown option " + k).c_str());
  }
  if (!a.evaluate && a.corenlp.empty()) usage("--corenlp is required");
  if (a.evaluate && a.dev.empty()) usage("--evaluate needs --dev");
  if (a.epochs < 1) usage("--epochs must be at least 1");
  std::set<std::string> only;
  {
    std::size_t at = 0;
    while (at <= a.only.size()) {
      auto comma = a.only.find(',', at);
      if (comma == std::string::npos) comma = a.only.size();
      const std::string part = a.only.substr(at, comma - at);
      if (part != "pos" && part != "ner" && part != "cue" && part != "attribution") usage(("unknown component in --only: " + part).c_str());
      only.insert(part);
      at = comma + 1;
    }
  }
  namespace fs = std::filesystem;
  namespace d = newsdoc::model::detail;
  try {
    const auto total0 = Clock::now();
    if (!a.evaluate) {
      if (a.text.empty()) a.text = d::default_text_dir(a.corenlp);
      auto t0 = Clock::now();
      std::vector<CoreNlpDoc> docs = d::read_corenlp(a.corenlp, a.text, a.limit);
      if (only.count("cue")) {
        const std::string att = fs::path(a.text).parent_path().string() + "/attributions";
        const std::size_t n = fs::exists(att) ? d::read_brat_cues(docs, att) : 0;
        if (n == 0) {
          std::fprintf(stderr, "newsdoc-train: no BRAT attributions in %s: not training the cue tagger\n", att.c_str());
          only.erase("cue");
        } else {
          // the cue tagger trains only on articles with gold attributions
          std::size_t with = 0;
          for (const auto& doc : docs) with += !doc.cue_chars.empty();
          if (a.verbose) std::fprintf(stderr, "cue gold: %zu of %zu articles\n", with, docs.size());
        }
      }
      if (only.count("attribution")) {
        const std::string att = fs::path(a.text).parent_path().string() + "/attributions";
        if (!fs::exists(att) || d::read_brat_roles(docs, att) == 0) {
          std::fprintf(stderr, "newsdoc-train: no BRAT attributions in %s: not training the attribution tagger\n",
                       att.c_str());
          only.erase("attribution");
        }
      }
      const std::vector<Sentence> train = sentences_of(docs);
      std::size_t tokens = 0;
      for (const auto& s : train) tokens += s.words.size();
      std::fprintf(stderr, "read %zu articles, %zu sentences, %zu tokens in %.1f s\n", docs.size(), train.size(), tokens,
                   seconds_since(t0));
      fs::create_directories(a.out);
      const std::string info_base = "trained on " + fs::path(a.corenlp).filename().string() +
                                    (a.limit ? " (first " + std::to_string(a.limit) + " articles)" : std::string()) +
                                    ", epochs " + std::to_string(a.epochs) + ", seed " + std::to_string(a.seed);
      newsdoc::model::TrainOptions opt;
      opt.epochs = a.epochs;
      opt.seed = a.seed;
      opt.verbose = a.verbose;
      opt.info = info_base;

      std::vector<TaggedSentence> data(train.size());
      t0 = Clock::now();
      Tagger pos;
      if (only.count("pos") || !fs::exists(a.out + "/pos.ndm")) {
        for (std::size_t i = 0; i < train.size(); ++i) data[i] = TaggedSentence{train[i].words, {}, train[i].pos, {}};
        opt.hash_bits = a.pos_bits;
        pos = Tagger::train("pos", data, opt);
        pos.save(a.out + "/pos.ndm");
        std::fprintf(stderr, "pos: trained in %.1f s\n", seconds_since(t0));
      } else {
        pos = Tagger::load(a.out + "/pos.ndm");
      }
      std::vector<std::vector<std::string>> predicted;
      if (only.count("ner") || only.count("cue") || only.count("attribution")) predicted = predict_pos(pos, train);
      if (only.count("ner")) {
        t0 = Clock::now();
        for (std::size_t i = 0; i < train.size(); ++i) data[i] = TaggedSentence{train[i].words, predicted[i], train[i].ner, {}};
        opt.hash_bits = a.ner_bits;
        const Tagger ner = Tagger::train("ner", data, opt);
        ner.save(a.out + "/ner.ndm");
        std::fprintf(stderr, "ner: trained in %.1f s\n", seconds_since(t0));
        // ner-doc: trained on out-of-fold first-pass labels (two folds by document)
        t0 = Clock::now();
        std::vector<std::vector<std::string_view>> pos_views(train.size());
        for (std::size_t i = 0; i < train.size(); ++i) pos_views[i] = views(predicted[i]);
        const auto ranges = doc_ranges(train);
        std::vector<TaggedSentence> with_ctx(train.size());
        for (int fold = 0; fold < 2; ++fold) {
          std::vector<TaggedSentence> part;
          for (std::size_t i = 0; i < train.size(); ++i)
            if (static_cast<int>(train[i].doc % 2) != fold) part.push_back(data[i]);
          newsdoc::model::TrainOptions fold_opt = opt;
          fold_opt.verbose = false;
          const Tagger half = Tagger::train("ner", part, fold_opt);
          for (const auto& [b, e] : ranges) {
            if (static_cast<int>(train[b].doc % 2) != fold) continue;
            std::vector<std::vector<std::string_view>> w, first;
            for (std::size_t i = b; i < e; ++i) {
              w.push_back(views(train[i].words));
              first.push_back(half.tag(w.back(), &pos_views[i]));
            }
            const auto ctx = newsdoc::model::document_context(w, first);
            for (std::size_t i = b; i < e; ++i) {
              with_ctx[i] = data[i];
              with_ctx[i].context = ctx[i - b];
            }
          }
        }
        const Tagger ner_doc = Tagger::train("ner-doc", with_ctx, opt);
        ner_doc.save(a.out + "/ner-doc.ndm");
        std::fprintf(stderr, "ner-doc: trained in %.1f s\n", seconds_since(t0));
      }
      if (only.count("cue")) {
        t0 = Clock::now();
        data.clear();
        std::size_t k = 0;
        for (const CoreNlpDoc& doc : docs) {
          for (std::size_t s = 0; s < doc.sentences.size(); ++s, ++k)
            if (!doc.cue_chars.empty()) data.push_back(TaggedSentence{train[k].words, predicted[k], train[k].cue, {}});
        }
        opt.hash_bits = a.cue_bits;
        opt.info = info_base + " and the first annotator's BRAT cues";
        const Tagger cue = Tagger::train("cue", data, opt);
        cue.save(a.out + "/cue.ndm");
        std::fprintf(stderr, "cue: trained in %.1f s\n", seconds_since(t0));
      }
      if (only.count("attribution")) {
        t0 = Clock::now();
        data.clear();
        std::size_t k = 0;
        for (const CoreNlpDoc& doc : docs) {
          for (std::size_t s = 0; s < doc.sentences.size(); ++s, ++k)
            if (!doc.roles.empty()) data.push_back(TaggedSentence{train[k].words, predicted[k], train[k].roles, {}});
        }
        opt.hash_bits = a.attribution_bits;
        opt.info = info_base + " and the first annotator's BRAT cues, sources and contents";
        const Tagger attribution = Tagger::train("attribution", data, opt);
        attribution.save(a.out + "/attribution.ndm");
        std::fprintf(stderr, "attribution: trained in %.1f s\n", seconds_since(t0));
        // attribution-cued: trained on out-of-fold first-pass cues (two folds by sentence order)
        t0 = Clock::now();
        std::vector<TaggedSentence> cued(data.size());
        for (std::size_t fold = 0; fold < 2; ++fold) {
          std::vector<TaggedSentence> part;
          for (std::size_t i = 0; i < data.size(); ++i)
            if (i % 2 != fold) part.push_back(data[i]);
          newsdoc::model::TrainOptions fold_opt = opt;
          fold_opt.verbose = false;
          const Tagger half = Tagger::train("attribution", part, fold_opt);
          for (std::size_t i = fold; i < data.size(); i += 2) {
            const auto w = views(data[i].words), p = views(data[i].pos);
            cued[i] = data[i];
            cued[i].context = newsdoc::model::cue_context(w, half.tag(w, &p));
          }
        }
        const Tagger attribution_cued = Tagger::train("attribution-cued", cued, opt);
        attribution_cued.save(a.out + "/attribution-cued.ndm");
        std::fprintf(stderr, "attribution-cued: trained in %.1f s\n", seconds_since(t0));
      }
      std::fprintf(stderr, "training took %.1f s in all\n", seconds_since(total0));
    }
    if (!a.dev.empty()) {
      if (a.dev_text.empty()) a.dev_text = d::default_text_dir(a.dev);
      std::vector<CoreNlpDoc> docs = d::read_corenlp(a.dev, a.dev_text);
      const std::string att = fs::path(a.dev_text).parent_path().string() + "/attributions";
      if (only.count("cue") && fs::exists(att)) d::read_brat_cues(docs, att);
      if (only.count("attribution") && fs::exists(att)) d::read_brat_roles(docs, att);
      std::vector<Sentence> dev_all = sentences_of(docs), dev_cue;
      evaluate(a.out, dev_all, only);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdoc-train: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
