// newsdoc-train: trains newsdoc's taggers with newsdoc::model::train_models
// (cpp/src/model/train.cpp, the same code as `newsdoc train` and
// newsdoc.train), and scores them on dev inputs.
//
//   newsdoc-train INPUT... --out models/ [--epochs N] [--seed S] [--limit N]
//                 [--dev INPUT]... [--only pos,ner,cue,attribution,coref] [--pos-model FILE]
//   newsdoc-train --evaluate --out models/ --dev INPUT...
// An INPUT is a CoreNLP JSONL(.gz), a BRAT folder or a newsdoc JSON(L) file
// (TrainConfig::inputs); `--corenlp FILE` is the same as FILE.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "newsdoc/model.hpp"

namespace {

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "newsdoc-train: %s\n"
               "usage: newsdoc-train INPUT... --out DIR [--epochs N] [--seed S] [--limit N]\n"
               "                     [--dev INPUT]... [--only pos,ner,cue,attribution,coref] [--pos-model FILE]\n"
               "                     [--pos-bits K] [--ner-bits K] [--cue-bits K] [--attribution-bits K] [--coref-bits K] [--quiet]\n"
               "       newsdoc-train --evaluate --out DIR --dev INPUT...\n"
               "INPUT: a CoreNLP JSONL(.gz), a BRAT folder (.txt and .ann) or a newsdoc JSON(L) file\n",
               why.c_str());
  std::exit(2);
}

// A whole decimal number, or a usage error naming the option.
unsigned long long number(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || text[0] == '-') usage(option + " takes a whole number, not \"" + text + "\"");
  return n;
}

void print_scores(const newsdoc::model::DevScores& dev) {
  for (const auto& [component, scores] : dev) {
    std::printf("dev %s:", component.c_str());
    for (const auto& [measure, value] : scores)
      std::printf(measure == "tokens" ? " %s %.0f" : " %s %.2f", measure.c_str(), value);
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  newsdoc::model::TrainConfig config;
  bool evaluate = false, quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage("missing value after " + k);
      return argv[++i];
    };
    if (k == "--corenlp") config.inputs.push_back(value());
    else if (k == "--out") config.out = value();
    else if (k == "--dev") config.dev.push_back(value());
    else if (k == "--pos-model") config.pos_model = value();
    else if (k == "--only") {
      const std::string only = value();
      config.components.clear();
      for (std::size_t at = 0; at <= only.size();) {
        auto comma = only.find(',', at);
        if (comma == std::string::npos) comma = only.size();
        config.components.push_back(only.substr(at, comma - at));
        at = comma + 1;
      }
    } else if (k == "--epochs") config.epochs = static_cast<int>(number(k, value()));
    else if (k == "--seed") config.seed = number(k, value());
    else if (k == "--limit") config.limit = number(k, value());
    else if (k == "--pos-bits") config.pos_hash_bits = static_cast<unsigned>(number(k, value()));
    else if (k == "--ner-bits") config.ner_hash_bits = static_cast<unsigned>(number(k, value()));
    else if (k == "--cue-bits") config.cue_hash_bits = static_cast<unsigned>(number(k, value()));
    else if (k == "--attribution-bits") config.attribution_hash_bits = static_cast<unsigned>(number(k, value()));
    else if (k == "--coref-bits") config.coref_hash_bits = static_cast<unsigned>(number(k, value()));
    else if (k == "--evaluate") evaluate = true;
    else if (k == "--quiet") quiet = true;
    else if (k == "-h" || k == "--help") usage("trains newsdoc's taggers");
    else if (!k.empty() && k[0] == '-') usage("unknown option " + k);
    else config.inputs.push_back(k);
  }
  if (evaluate && config.dev.empty()) usage("--evaluate needs --dev");
  if (!evaluate && config.inputs.empty()) usage("no training input");
  if (!quiet) config.progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  try {
    if (evaluate) {
      print_scores(newsdoc::model::evaluate_models(config.out, config.dev, config.limit));
      return 0;
    }
    const auto report = newsdoc::model::train_models(config);
    for (const auto& why : report.skipped) std::fprintf(stderr, "not trained: %s\n", why.c_str());
    print_scores(report.dev);
  } catch (const newsdoc::NotFoundError& e) {
    std::fprintf(stderr, "newsdoc-train: %s\n", e.what());
    return 2;
  } catch (const newsdoc::ModelError& e) {
    std::fprintf(stderr, "newsdoc-train: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdoc-train: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
