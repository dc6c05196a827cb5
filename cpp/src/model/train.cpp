// newsdoc::model::train_models: the training driver shared by the
// newsdoc-train executable, the Python binding (newsdoc.train) and the CLI
// (`newsdoc train`). Reads the inputs into sentences with labels, trains the
// pos, ner (+ ner-doc), cue and attribution (+ attribution-cued) taggers on
// the data there is, writes them, and
// scores them on dev inputs.
#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <tuple>

#include "annotate/tokens.hpp"
#include "model/coref.hpp"
#include "model/corenlp.hpp"
#include "model/train_inputs.hpp"
#include "newsdoc/annotate.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/json.hpp"
#include "newsdoc/model.hpp"
#include "newsdoc/utf8.hpp"

namespace newsdoc::model {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace detail::train_inputs;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// --- Training -------------------------------------------------------------------

std::vector<std::vector<std::string>> predict_pos(const Tagger& pos, const std::vector<Document>& docs) {
  std::vector<std::vector<std::string>> out;
  for (const auto& d : docs)
    for (const auto& s : d.sentences) {
      const auto tags = pos.tag(views(s.words));
      out.emplace_back(tags.begin(), tags.end());
    }
  return out;
}

struct Counts {
  std::size_t documents = 0, sentences = 0, tokens = 0;
};

Counts count(const std::vector<Document>& docs, bool Document::*flag) {
  Counts c;
  for (const auto& d : docs) {
    if (!(d.*flag)) continue;
    ++c.documents;
    c.sentences += d.sentences.size();
    for (const auto& s : d.sentences) c.tokens += s.words.size();
  }
  return c;
}

// ner-doc learns from out-of-fold first-pass labels (two folds by document),
// so it learns how far to trust them. With a single document there is no
// other fold: its first-pass labels come from `ner`, trained on all.
Tagger train_ner_doc(const std::vector<std::vector<TaggedSentence>>& by_doc, const Tagger& ner,
                     const TrainOptions& options) {
  std::vector<std::vector<TaggedSentence>> with_context(by_doc.size());
  for (std::size_t fold = 0; fold < 2; ++fold) {
    std::vector<TaggedSentence> part;
    for (std::size_t d = 0; d < by_doc.size(); ++d)
      if (d % 2 != fold) part.insert(part.end(), by_doc[d].begin(), by_doc[d].end());
    const Tagger half = part.empty() ? ner : Tagger::train("ner", part, options);
    for (std::size_t d = fold; d < by_doc.size(); d += 2) {
      std::vector<std::vector<std::string_view>> words, first;
      for (const auto& s : by_doc[d]) {
        words.push_back(views(s.words));
        const auto pos = views(s.pos);
        first.push_back(half.tag(words.back(), &pos));
      }
      const auto context = document_context(words, first);
      for (std::size_t i = 0; i < by_doc[d].size(); ++i) {
        with_context[d].push_back(by_doc[d][i]);
        with_context[d].back().context = context[i];
      }
    }
  }
  std::vector<TaggedSentence> all;
  for (auto& doc : with_context)
    for (auto& s : doc) all.push_back(std::move(s));
  return Tagger::train("ner-doc", all, options);
}

// The two attribution taggers: the first pass on every sentence with roles,
// the second on the out-of-fold cues of first passes (two folds by sentence),
// so it learns how far to trust them (docs/models.md).
std::pair<Tagger, Tagger> train_attribution(const std::vector<TaggedSentence>& data, const TrainOptions& options) {
  Tagger first = Tagger::train("attribution", data, options);
  std::vector<TaggedSentence> cued(data.size());
  for (std::size_t fold = 0; fold < 2; ++fold) {
    std::vector<TaggedSentence> part;
    for (std::size_t i = 0; i < data.size(); ++i)
      if (i % 2 != fold) part.push_back(data[i]);
    const Tagger half = part.empty() ? first : Tagger::train("attribution", part, options);
    for (std::size_t i = fold; i < data.size(); i += 2) {
      const auto words = views(data[i].words), pos = views(data[i].pos);
      cued[i] = data[i];
      cued[i].context = cue_context(words, half.tag(words, &pos));
    }
  }
  return {std::move(first), Tagger::train("attribution-cued", cued, options)};
}

std::string join_path(const std::string& dir, const char* name) { return (fs::path(dir) / name).string(); }

// The coreference examples of `docs`: each anaphor of a silver chain (a
// pronoun or short definite noun phrase after the chain's first mention)
// with the entities `annotator` found before it; an entity is right when one
// of its mentions holds the head of an earlier mention of the chain.
std::vector<Coreference::Example> coref_examples(const std::vector<Document>& docs, const Annotator& annotator) {
  std::vector<Coreference::Example> out;
  std::vector<FeatureHash> features;
  for (const auto& doc : docs) {
    if (!doc.has_coref) continue;
    const std::vector<Span> lines = line_paragraphs(doc.text);
    ArticleInput input;
    input.id = "coref";
    for (const Span& p : lines) input.paragraphs.push_back(std::string_view(doc.text).substr(p.start, p.end - p.start));
    CorpusBuilder builder;
    builder.add(input);
    const Corpus corpus = builder.finish();
    const Article article = annotator.annotate(corpus[0]);
    if (article.paragraph_count() != lines.size()) continue;
    // Raw bytes to bytes of the article's body (paragraphs joined by a blank line).
    const auto to_body = [&](Span raw) -> std::optional<Span> {
      auto it = std::upper_bound(lines.begin(), lines.end(), raw.start,
                                 [](std::uint32_t b, const Span& line) { return b < line.start; });
      if (it == lines.begin()) return std::nullopt;
      const std::size_t i = static_cast<std::size_t>(it - lines.begin()) - 1;
      if (raw.end > lines[i].end) return std::nullopt;
      const std::uint32_t base = article.paragraph(i).bytes.start;
      return Span{base + raw.start - lines[i].start, base + raw.end - lines[i].start};
    };
    const detail::CorefArticle view = detail::coref_article(article);
    for (const auto& chain : doc.chains) {
      std::vector<std::optional<Span>> spans, heads;
      for (const auto& m : chain) {
        spans.push_back(to_body(m.bytes));
        heads.push_back(to_body(m.head));
      }
      for (std::size_t j = 1; j < chain.size(); ++j) {
        if (!spans[j]) continue;
        const auto anaphor = detail::anaphor_at(view, *spans[j]);
        if (!anaphor) continue;
        std::set<std::uint32_t> right;
        for (std::size_t k = 0; k < j; ++k) {
          if (!heads[k] || heads[k]->end > anaphor->bytes.start) continue;
          for (const auto& m : view.mentions)
            if (m.bytes.start < heads[k]->end && heads[k]->start < m.bytes.end) right.insert(m.entity);
        }
        const auto candidates = detail::coref_candidates(view, *anaphor);
        if (candidates.empty()) continue;
        Coreference::Example example;
        for (const auto& c : candidates) {
          detail::pair_features(view, *anaphor, c, features);
          example.candidates.push_back(features);
          example.linked.push_back(right.count(c.entity) > 0);
        }
        out.push_back(std::move(example));
      }
    }
  }
  return out;
}

// The annotator whose entities and quotes the coreference model learns from
// and is scored on: the taggers of `directory` (or the default models).
Annotator coref_annotator(const std::string& directory) {
  AnnotatorOptions options;
  options.models = Models::load(fs::exists(join_path(directory, "ner.ndm")) ? directory : default_models_directory());
  return Annotator(options);
}

std::set<std::string> requested_components(const std::vector<std::string>& components) {
  std::set<std::string> out;
  for (const auto& c : components) {
    if (c != "pos" && c != "ner" && c != "cue" && c != "attribution" && c != "coref")
      throw ModelError("", "unknown model component \"" + c + "\" (components: pos, ner, cue, attribution, coref)");
    out.insert(c);
  }
  return out;
}


// --- Scoring ------------------------------------------------------------------

struct Prf {
  std::size_t tp = 0, fp = 0, fn = 0;
  double p() const { return tp + fp ? 100.0 * double(tp) / double(tp + fp) : 0; }
  double r() const { return tp + fn ? 100.0 * double(tp) / double(tp + fn) : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
  void put(std::map<std::string, double>& scores, const std::string& prefix) const {
    scores[prefix + "precision"] = p();
    scores[prefix + "recall"] = r();
    scores[prefix + "f1"] = f();
  }
};

void score_spans(const std::vector<std::string>& gold, const std::vector<std::string_view>& predicted,
                 std::map<std::string, Prf>& by_type) {
  std::set<std::tuple<std::size_t, std::size_t, std::string>> g, p;
  for (const auto& s : bio_spans(views(gold))) g.emplace(s.begin, s.end, s.type);
  for (const auto& s : bio_spans(predicted)) p.emplace(s.begin, s.end, s.type);
  for (const auto& s : p) (g.count(s) ? by_type[std::get<2>(s)].tp : by_type[std::get<2>(s)].fp)++;
  for (const auto& s : g)
    if (!p.count(s)) by_type[std::get<2>(s)].fn++;
}

DevScores score(const std::string& directory, const std::vector<Document>& dev) {
  DevScores out;
  const std::string pos_path = join_path(directory, "pos.ndm");
  if (!fs::exists(pos_path)) return out;  // every tagger takes part-of-speech tags
  const Tagger pos = Tagger::load(pos_path);
  std::size_t tokens = 0, correct = 0;
  std::map<std::string, Prf> ner_spans, cue_spans;
  Prf cue_tokens;
  std::size_t ner_tokens = 0, cue_token_count = 0;
  const std::string ner_path = join_path(directory, "ner.ndm"), ner_doc_path = join_path(directory, "ner-doc.ndm");
  const std::string cue_path = join_path(directory, "cue.ndm");
  const bool have_ner = fs::exists(ner_path), have_cue = fs::exists(cue_path);
  Tagger ner, ner_doc, cue;
  if (have_ner) ner = Tagger::load(ner_path);
  const bool have_ner_doc = have_ner && fs::exists(ner_doc_path);
  if (have_ner_doc) ner_doc = Tagger::load(ner_doc_path);
  if (have_cue) cue = Tagger::load(cue_path);
  const std::string attribution_path = join_path(directory, "attribution.ndm"),
                    cued_path = join_path(directory, "attribution-cued.ndm");
  const bool have_attribution = fs::exists(attribution_path) && fs::exists(cued_path);
  Tagger attribution, attribution_cued;
  if (have_attribution) {
    attribution = Tagger::load(attribution_path);
    attribution_cued = Tagger::load(cued_path);
  }
  std::map<std::string, Prf> role_spans;
  std::size_t role_tokens = 0;
  for (const auto& doc : dev) {
    std::vector<std::vector<std::string_view>> words, tags;
    for (const auto& s : doc.sentences) {
      words.push_back(views(s.words));
      tags.push_back(pos.tag(words.back()));
    }
    if (doc.has_pos)
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        tokens += words[i].size();
        for (std::size_t k = 0; k < words[i].size(); ++k) correct += tags[i][k] == doc.sentences[i].pos[k];
      }
    if (doc.has_ner && have_ner) {
      const auto labels = tag_entities(ner, have_ner_doc ? &ner_doc : nullptr, words, tags);
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        ner_tokens += words[i].size();
        score_spans(doc.sentences[i].ner, labels[i], ner_spans);
      }
    }
    if (doc.has_cue && have_cue)
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        const auto labels = cue.tag(words[i], &tags[i]);
        const auto& gold = doc.sentences[i].cue;
        cue_token_count += words[i].size();
        for (std::size_t k = 0; k < labels.size(); ++k) {
          const bool g = gold[k] != "O", p = labels[k] != "O";
          cue_tokens.tp += g && p, cue_tokens.fp += !g && p, cue_tokens.fn += g && !p;
        }
        score_spans(gold, labels, cue_spans);
      }
    if (doc.has_roles && have_attribution)
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        const auto context = cue_context(words[i], attribution.tag(words[i], &tags[i]));
        const auto context_views = views(context);
        score_spans(doc.sentences[i].roles, attribution_cued.tag(words[i], &tags[i], &context_views), role_spans);
        role_tokens += words[i].size();
      }
  }
  if (tokens > 0) out["pos"] = {{"accuracy", 100.0 * double(correct) / double(tokens)}, {"tokens", double(tokens)}};
  if (ner_tokens > 0) {
    auto& s = out["ner"];
    Prf micro;
    for (const auto& [type, prf] : ner_spans) {
      prf.put(s, type + "_");
      micro.tp += prf.tp, micro.fp += prf.fp, micro.fn += prf.fn;
    }
    micro.put(s, "");
    s["tokens"] = double(ner_tokens);
  }
  if (role_tokens > 0) {
    auto& s = out["attribution"];  // exact token spans of each role, second pass
    Prf micro;
    for (const auto& [role, prf] : role_spans) {
      prf.put(s, role + "_");
      micro.tp += prf.tp, micro.fp += prf.fp, micro.fn += prf.fn;
    }
    micro.put(s, "");
    s["tokens"] = double(role_tokens);
  }
  const std::string coref_path = join_path(directory, "coref.ndm");
  if (fs::exists(coref_path) && std::any_of(dev.begin(), dev.end(), [](const Document& d) { return d.has_coref; })) {
    // Anaphors whose silver chain names an entity the annotator found: linked at all, and linked right.
    const Coreference coref = Coreference::load(coref_path);
    std::size_t judged = 0, resolved = 0, right = 0, anaphors = 0;
    for (const auto& example : coref_examples(dev, coref_annotator(directory))) {
      ++anaphors;
      const bool answerable = std::find(example.linked.begin(), example.linked.end(), true) != example.linked.end();
      std::int32_t best = 0;
      int chosen = -1;
      for (std::size_t c = 0; c < example.candidates.size(); ++c)
        if (const auto m = coref.margin(example.candidates[c]); m > best) best = m, chosen = static_cast<int>(c);
      if (!answerable) continue;
      ++judged;
      resolved += chosen >= 0;
      right += chosen >= 0 && example.linked[static_cast<std::size_t>(chosen)];
    }
    auto& s = out["coref"];
    s["anaphors"] = double(anaphors);
    s["judged"] = double(judged);
    s["coverage"] = judged ? 100.0 * double(resolved) / double(judged) : 0;
    s["precision"] = resolved ? 100.0 * double(right) / double(resolved) : 0;
    s["accuracy"] = judged ? 100.0 * double(right) / double(judged) : 0;
  }
  if (cue_token_count > 0) {
    auto& s = out["cue"];
    cue_tokens.put(s, "token_");
    cue_spans["CUE"].put(s, "span_");
    s["tokens"] = double(cue_token_count);
  }
  return out;
}

}  // namespace

DevScores evaluate_models(const std::string& directory, const std::vector<std::string>& dev, std::size_t limit) {
  if (!fs::is_directory(directory)) throw NotFoundError(directory, "models folder not found");
  return score(directory, read_inputs(dev, limit));
}

TrainReport train_models(const TrainConfig& config) {
  const auto say = [&](const std::string& line) {
    if (config.progress) config.progress(line);
  };
  if (config.inputs.empty()) throw ModelError("", "no training input given");
  if (config.epochs < 1) throw ModelError("", "epochs must be at least 1, not " + std::to_string(config.epochs));
  for (unsigned bits : {config.pos_hash_bits, config.ner_hash_bits, config.cue_hash_bits, config.attribution_hash_bits,
                        config.coref_hash_bits})
    if (bits < 8 || bits > 26) throw ModelError("", "hash bits must be in [8, 26], not " + std::to_string(bits));
  if (config.out.empty()) throw ModelError("", "no output folder given");
  const std::set<std::string> asked = requested_components(config.components);

  auto t0 = Clock::now();
  const std::vector<Document> docs = read_inputs(config.inputs, config.limit);
  TrainReport report;
  report.documents = docs.size();
  const Counts pos_data = count(docs, &Document::has_pos), ner_data = count(docs, &Document::has_ner),
               cue_data = count(docs, &Document::has_cue), role_data = count(docs, &Document::has_roles),
               coref_data = count(docs, &Document::has_coref);
  say("read " + std::to_string(docs.size()) + " documents in " + std::to_string(seconds_since(t0)).substr(0, 4) +
      " s: " + std::to_string(pos_data.documents) + " with POS tags, " + std::to_string(ner_data.documents) +
      " with entities, " + std::to_string(cue_data.documents) + " with cues, " +
      std::to_string(role_data.documents) + " with attribution roles");

  // What to train: each component asked for (all, if none) that has data.
  std::set<std::string> todo;
  const std::pair<const char*, const Counts*> available[] = {
      {"pos", &pos_data}, {"ner", &ner_data}, {"cue", &cue_data}, {"attribution", &role_data}, {"coref", &coref_data}};
  const char* kinds[] = {"POS tags (CoreNLP input)", "entities (CoreNLP or newsdoc input)",
                         "gold cues (BRAT, CoreNLP with attributions, or newsdoc quotes with cue spans)",
                         "attributions (BRAT, CoreNLP with attributions, or newsdoc quotes)",
                         "coreference chains (CoreNLP input)"};
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string name = available[i].first;
    if (!asked.empty() && !asked.count(name)) continue;
    if (available[i].second->tokens > 0) {
      todo.insert(name);
    } else if (asked.count(name)) {
      throw ModelError("", name + ": the inputs hold no " + kinds[i] + " to train it on");
    } else {
      report.skipped.push_back(name + ": the inputs hold no " + kinds[i]);
    }
  }
  if (todo.empty()) throw ModelError("", "nothing to train: the inputs hold no labelled data");

  fs::create_directories(config.out);
  std::string info = "trained on";
  for (const auto& path : config.inputs) info += " " + fs::path(path).filename().string();
  if (config.limit != 0) info += " (first " + std::to_string(config.limit) + " documents of each)";
  info += ", epochs " + std::to_string(config.epochs) + ", seed " + std::to_string(config.seed);
  TrainOptions options;
  options.epochs = config.epochs;
  options.seed = config.seed;
  options.info = info;

  const auto record = [&](const char* component, const Counts& c, Clock::time_point start) {
    TrainedComponent t;
    t.component = component;
    t.path = join_path(config.out, (std::string(component) + ".ndm").c_str());
    t.documents = c.documents, t.sentences = c.sentences, t.tokens = c.tokens;
    t.seconds = seconds_since(start);
    say(t.component + ": trained on " + std::to_string(t.sentences) + " sentences, " + std::to_string(t.tokens) +
        " tokens in " + std::to_string(t.seconds).substr(0, 5) + " s -> " + t.path);
    report.trained.push_back(std::move(t));
  };

  const std::string pos_out = join_path(config.out, "pos.ndm");
  Tagger pos;
  if (todo.count("pos")) {
    t0 = Clock::now();
    std::vector<TaggedSentence> data;
    for (const auto& d : docs)
      if (d.has_pos)
        for (const auto& s : d.sentences) data.push_back(TaggedSentence{s.words, {}, s.pos, {}});
    options.hash_bits = config.pos_hash_bits;
    pos = Tagger::train("pos", data, options);
    pos.save(pos_out);
    record("pos", pos_data, t0);
  } else if (todo.count("ner") || todo.count("cue") || todo.count("attribution")) {
    // The other taggers learn from some POS tagger's output: keep that one beside them.
    std::string source = config.pos_model;
    if (source.empty()) source = fs::exists(pos_out) ? pos_out : join_path(default_models_directory(), "pos.ndm");
    if (!fs::exists(source))
      throw NotFoundError(source, "not found: the ner, cue and attribution taggers need a part-of-speech tagger (train pos too, "
                                  "from CoreNLP input, or give a pos model)");
    pos = Tagger::load(source);
    if (pos.kind() != "pos") throw ModelError(source, "expected a \"pos\" model, found \"" + pos.kind() + "\"");
    std::error_code same;
    if (!fs::exists(pos_out) || !fs::equivalent(source, pos_out, same)) pos.save(pos_out);
    report.pos_model = source;
    say("pos: tags for the other taggers from " + source);
  }

  if (todo.count("ner") || todo.count("cue") || todo.count("attribution")) {
    const auto predicted = predict_pos(pos, docs);
    if (todo.count("ner")) {
      t0 = Clock::now();
      std::vector<std::vector<TaggedSentence>> by_doc;
      std::vector<TaggedSentence> data;
      std::size_t k = 0;
      for (const auto& d : docs) {
        if (!d.has_ner) {
          k += d.sentences.size();
          continue;
        }
        by_doc.emplace_back();
        for (const auto& s : d.sentences) by_doc.back().push_back(TaggedSentence{s.words, predicted[k++], s.ner, {}});
        data.insert(data.end(), by_doc.back().begin(), by_doc.back().end());
      }
      options.hash_bits = config.ner_hash_bits;
      const Tagger ner = Tagger::train("ner", data, options);
      ner.save(join_path(config.out, "ner.ndm"));
      record("ner", ner_data, t0);
      t0 = Clock::now();
      train_ner_doc(by_doc, ner, options).save(join_path(config.out, "ner-doc.ndm"));
      record("ner-doc", ner_data, t0);
    }
    if (todo.count("cue")) {
      t0 = Clock::now();
      std::vector<TaggedSentence> data;
      std::size_t k = 0;
      for (const auto& d : docs)
        for (const auto& s : d.sentences) {
          if (d.has_cue) data.push_back(TaggedSentence{s.words, predicted[k], s.cue, {}});
          ++k;
        }
      options.hash_bits = config.cue_hash_bits;
      if (std::any_of(docs.begin(), docs.end(), [](const Document& d) { return d.brat_cues; }))
        options.info = info + " and the first annotator's BRAT cues";
      Tagger::train("cue", data, options).save(join_path(config.out, "cue.ndm"));
      record("cue", cue_data, t0);
    }
    if (todo.count("attribution")) {
      t0 = Clock::now();
      std::vector<TaggedSentence> data;
      std::size_t k = 0;
      for (const auto& d : docs)
        for (const auto& s : d.sentences) {
          if (d.has_roles) data.push_back(TaggedSentence{s.words, predicted[k], s.roles, {}});
          ++k;
        }
      options.hash_bits = config.attribution_hash_bits;
      options.info = info + " and the gold attribution roles (cue, source, content)";
      auto [first, second] = train_attribution(data, options);
      first.save(join_path(config.out, "attribution.ndm"));
      record("attribution", role_data, t0);
      t0 = Clock::now();
      second.save(join_path(config.out, "attribution-cued.ndm"));
      record("attribution-cued", role_data, t0);
    }
  }

  if (todo.count("coref")) {
    // After the taggers: it learns from the entities and quotes the annotator finds with them.
    t0 = Clock::now();
    const auto examples = coref_examples(docs, coref_annotator(config.out));
    options.hash_bits = config.coref_hash_bits;
    options.info = info + " and CoreNLP's coreference chains (silver), over the entities the annotator found";
    Coreference::train(examples, options).save(join_path(config.out, "coref.ndm"));
    record("coref", coref_data, t0);
  }

  if (!config.dev.empty()) {
    t0 = Clock::now();
    report.dev = evaluate_models(config.out, config.dev, 0);
    say("dev: scored in " + std::to_string(seconds_since(t0)).substr(0, 4) + " s");
  }
  return report;
}

}  // namespace newsdoc::model
