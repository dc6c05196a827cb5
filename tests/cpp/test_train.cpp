// newsdoc::model::train_models: tiny models from the fixture in
// tests/data/train (two made-up articles as CoreNLP JSONL, their texts and
// BRAT cues in PolNeAR's layout), the newsdoc seed, and clear errors.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "newsdoc/annotate.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/model.hpp"
#include "newsdoc/text.hpp"
#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
using newsdoc::model::TrainConfig;
using newsdoc::model::Tagger;
using newsdoc_test::TempDir;

fs::path fixture() { return newsdoc_test::source_dir() / "tests" / "data" / "train"; }

// Small hash tables: the fixture has 74 tokens.
TrainConfig tiny_config(const fs::path& out, std::vector<std::string> inputs) {
  TrainConfig config;
  config.inputs = std::move(inputs);
  config.out = out.string();
  config.pos_hash_bits = config.ner_hash_bits = config.cue_hash_bits = 14;
  return config;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> strings(const std::vector<std::string_view>& views) { return {views.begin(), views.end()}; }

std::string corenlp_input() { return (fixture() / "corenlp" / "tiny.jsonl").string(); }

TEST(TrainModels, CoreNlpInputGivesEveryTaggerThatMemorisesItsData) {
  TempDir dir;
  auto config = tiny_config(dir.path(), {corenlp_input()});
  std::vector<std::string> progress;
  config.progress = [&](const std::string& line) { progress.push_back(line); };
  const auto report = newsdoc::model::train_models(config);
  ASSERT_EQ(report.trained.size(), 7u);
  EXPECT_EQ(report.trained[0].component, "pos");
  EXPECT_EQ(report.trained[1].component, "ner");
  EXPECT_EQ(report.trained[2].component, "ner-doc");
  EXPECT_EQ(report.trained[3].component, "cue");
  EXPECT_EQ(report.trained[4].component, "attribution");  // the BRAT roles beside the CoreNLP file
  EXPECT_EQ(report.trained[5].component, "attribution-cued");
  EXPECT_EQ(report.trained[6].component, "coref");  // the chains in the CoreNLP records
  EXPECT_EQ(report.trained[0].sentences, 6u);
  EXPECT_EQ(report.trained[0].tokens, 74u);
  EXPECT_EQ(report.trained[3].documents, 2u);  // both articles have gold cues in tiny/attributions
  EXPECT_TRUE(report.skipped.empty());
  EXPECT_EQ(report.documents, 2u);
  EXPECT_FALSE(progress.empty());

  const Tagger pos = Tagger::load((dir / "pos.ndm").string());
  const Tagger ner = Tagger::load((dir / "ner.ndm").string());
  const Tagger ner_doc = Tagger::load((dir / "ner-doc.ndm").string());
  const Tagger cue = Tagger::load((dir / "cue.ndm").string());
  const std::vector<std::string_view> words = {"Kestrel", "Bank",   "expects", "slower", "growth",    "in",
                                               "Norland", "this",   "year",    ",",      "its",       "chief",
                                               "economist", "Tomas", "Brandt",  "said",   "."};
  const auto tags = pos.tag(words);
  EXPECT_EQ(strings(tags), (std::vector<std::string>{"NNP", "NNP", "VBZ", "JJR", "NN", "IN", "NNP", "DT", "NN", ",",
                                                      "PRP$", "JJ", "NN", "NNP", "NNP", "VBD", "."}));
  const auto bio = newsdoc::model::tag_entities(ner, &ner_doc, {words}, {tags});
  EXPECT_EQ(strings(bio[0]),
            (std::vector<std::string>{"B-ORGANIZATION", "I-ORGANIZATION", "O", "O", "O", "O", "B-LOCATION", "O", "O",
                                      "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"}));
  const auto cues = cue.tag(words, &tags);
  EXPECT_EQ(cues[15], "B-CUE");
  EXPECT_EQ(cues[2], "O");
}

TEST(TrainModels, TheAnnotatorUsesTheTrainedFolder) {
  TempDir dir;
  newsdoc::model::train_models(tiny_config(dir.path(), {corenlp_input()}));
  newsdoc::AnnotatorOptions options;
  options.models = newsdoc::Models::load(dir.path().string());
  const auto corpus = newsdoc::read_text((fixture() / "tiny" / "text" / "tiny_a1.txt").string());
  ASSERT_EQ(corpus.size(), 1u);
  const auto with_models = newsdoc::Annotator(options).annotate(corpus[0]);
  std::vector<std::pair<std::string, std::string>> entities;
  for (std::size_t i = 0; i < with_models.entity_count(); ++i)
    entities.emplace_back(with_models.entity(i).name, with_models.entity(i).type);
  // The rules alone take "Brightwater Logistics" for a person; the model learnt an organisation.
  EXPECT_EQ(entities, (std::vector<std::pair<std::string, std::string>>{
                          {"Elena Vasquez", "PERSON"}, {"Brightwater Logistics", "ORG"}, {"Port Aldane", "GPE"}}));
}

TEST(TrainModels, TheCoreferenceModelGivesAPronounSpeakerItsEntity) {
  TempDir dir;
  newsdoc::model::train_models(tiny_config(dir.path(), {corenlp_input()}));
  ASSERT_TRUE(fs::exists(dir / "coref.ndm"));
  const auto corpus = newsdoc::parse_text(
      bytes_of(fixture() / "tiny" / "text" / "tiny_a2.txt") + "\n\n\u201cGrowth will return,\u201d it said.");
  const auto speaker_of = [&](std::string_view quote) {
    newsdoc::AnnotatorOptions options;
    options.models = newsdoc::Models::load(dir.path().string());
    const auto article = newsdoc::Annotator(options).annotate(corpus[0]);
    for (std::size_t i = 0; i < article.quote_count(); ++i) {
      const auto q = article.quote(i);
      if (q.text != quote) continue;
      return q.speaker == newsdoc::no_entity ? std::string("none")
                                             : std::string(article.entity(static_cast<std::size_t>(q.speaker)).name);
    }
    return std::string("no such quote");
  };
  // The model learnt "its" -> the bank from the chain in tiny_a2; the rules
  // resolve only "he" and "she", so without coref.ndm "it" names nobody.
  EXPECT_EQ(speaker_of("Growth will return,"), "Kestrel Bank");
  fs::remove(dir / "coref.ndm");
  EXPECT_EQ(speaker_of("Growth will return,"), "none");
}

TEST(TrainModels, TheSameSeedGivesTheSameBytes) {
  TempDir a, b;
  newsdoc::model::train_models(tiny_config(a.path(), {corenlp_input()}));
  newsdoc::model::train_models(tiny_config(b.path(), {corenlp_input()}));
  for (const char* name : {"pos.ndm", "ner.ndm", "ner-doc.ndm", "cue.ndm", "coref.ndm"}) {
    const auto first = bytes_of(a / name);
    EXPECT_FALSE(first.empty()) << name;
    EXPECT_EQ(first, bytes_of(b / name)) << name;
  }
}

TEST(TrainModels, BratFolderTrainsTheCueTaggerWithAGivenPosTagger) {
  TempDir base, dir;
  auto pos_only = tiny_config(base.path(), {corenlp_input()});
  pos_only.components = {"pos"};
  const auto first = newsdoc::model::train_models(pos_only);
  ASSERT_EQ(first.trained.size(), 1u);
  EXPECT_FALSE(fs::exists(base / "ner.ndm"));

  auto config = tiny_config(dir.path(), {(fixture() / "tiny").string()});
  config.pos_model = (base / "pos.ndm").string();
  config.dev = {(fixture() / "tiny").string()};
  const auto report = newsdoc::model::train_models(config);
  ASSERT_EQ(report.trained.size(), 3u);
  EXPECT_EQ(report.trained[0].component, "cue");
  EXPECT_EQ(report.trained[1].component, "attribution");
  EXPECT_EQ(report.trained[2].component, "attribution-cued");
  EXPECT_EQ(report.pos_model, config.pos_model);
  ASSERT_EQ(report.skipped.size(), 3u);
  EXPECT_NE(report.skipped[0].find("pos: the inputs hold no POS tags"), std::string::npos) << report.skipped[0];
  EXPECT_NE(report.skipped[2].find("coref: the inputs hold no coreference chains"), std::string::npos) << report.skipped[2];
  // The folder keeps the POS tagger the cue tagger learnt from.
  EXPECT_EQ(bytes_of(dir / "pos.ndm"), bytes_of(base / "pos.ndm"));
  EXPECT_FALSE(fs::exists(dir / "ner.ndm"));
  ASSERT_EQ(report.dev.count("cue"), 1u);
  EXPECT_DOUBLE_EQ(report.dev.at("cue").at("token_f1"), 100.0);
  ASSERT_EQ(report.dev.count("attribution"), 1u);  // the roles of its training data, memorised
  EXPECT_DOUBLE_EQ(report.dev.at("attribution").at("CUE_f1"), 100.0);
  EXPECT_EQ(report.dev.count("ner"), 0u);  // BRAT has no entity labels to score on
  // Without ner.ndm the annotator's folder is incomplete: the error names the file.
  try {
    newsdoc::Models::load(dir.path().string());
    ADD_FAILURE() << "no error";
  } catch (const newsdoc::NotFoundError& e) {
    EXPECT_EQ(e.path(), (dir / "ner.ndm").string());
    EXPECT_NE(std::string(e.what()).find("ner.ndm"), std::string::npos);
  }
}

TEST(TrainModels, NewsdocJsonTrainsEntitiesAndCuesOnTheAnnotatorsTokens) {
  TempDir base, dir;
  auto pos_only = tiny_config(base.path(), {corenlp_input()});
  pos_only.components = {"pos"};
  newsdoc::model::train_models(pos_only);
  auto config = tiny_config(dir.path(), {newsdoc_test::seed_json().string()});
  config.pos_model = (base / "pos.ndm").string();
  config.dev = config.inputs;
  const auto report = newsdoc::model::train_models(config);
  ASSERT_EQ(report.trained.size(), 5u);
  EXPECT_EQ(report.trained[0].component, "ner");
  EXPECT_EQ(report.trained[1].component, "ner-doc");
  EXPECT_EQ(report.trained[2].component, "cue");
  EXPECT_EQ(report.trained[3].component, "attribution");  // the seed's quotes, cues and speakers
  EXPECT_EQ(report.trained[4].component, "attribution-cued");
  EXPECT_EQ(report.trained[0].documents, 1u);
  // memorised: the seed's own entities and cues come back
  EXPECT_GT(report.dev.at("ner").at("f1"), 90.0);
  EXPECT_GT(report.dev.at("cue").at("token_f1"), 90.0);
  // and the folder is complete for the annotator
  EXPECT_NO_THROW(newsdoc::Models::load(dir.path().string()));
}

TEST(TrainModels, BadInputsAndSettingsAreClearErrors) {
  TempDir dir;
  const auto error_of = [&](TrainConfig config) -> std::string {
    try {
      newsdoc::model::train_models(config);
    } catch (const newsdoc::Error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string missing = (dir / "missing.jsonl").string();
  try {
    newsdoc::model::train_models(tiny_config(dir / "out", {missing}));
    ADD_FAILURE() << "no error";
  } catch (const newsdoc::NotFoundError& e) {
    EXPECT_EQ(e.path(), missing);
  }
  // a folder without BRAT files
  const std::string seeds = (newsdoc_test::source_dir() / "seeds").string();
  try {
    newsdoc::model::train_models(tiny_config(dir / "out", {seeds}));
    ADD_FAILURE() << "no error";
  } catch (const newsdoc::ModelError& e) {
    EXPECT_EQ(e.path(), seeds);
    EXPECT_NE(std::string(e.what()).find("BRAT"), std::string::npos);
  }
  // a BRAT text that is not UTF-8
  const auto latin1 = dir / "latin1";
  fs::create_directories(latin1);
  std::ofstream(latin1 / "a.txt") << "Caf\xe9 owner said so.\n";
  std::ofstream(latin1 / "a.ann") << "T1\tCue 11 15\tsaid\n";
  try {
    newsdoc::model::train_models(tiny_config(dir / "out", {latin1.string()}));
    ADD_FAILURE() << "no error";
  } catch (const newsdoc::ModelError& e) {
    EXPECT_EQ(e.path(), (latin1 / "a.txt").string());
    EXPECT_NE(std::string(e.what()).find("not UTF-8"), std::string::npos) << e.what();
  }
  auto pos_from_brat = tiny_config(dir / "out", {(fixture() / "tiny").string()});
  pos_from_brat.components = {"pos"};
  EXPECT_EQ(error_of(pos_from_brat), "pos: the inputs hold no POS tags (CoreNLP input) to train it on");
  auto unknown = tiny_config(dir / "out", {corenlp_input()});
  unknown.components = {"parser"};
  EXPECT_EQ(error_of(unknown), "unknown model component \"parser\" (components: pos, ner, cue, attribution, coref)");
  auto no_epochs = tiny_config(dir / "out", {corenlp_input()});
  no_epochs.epochs = 0;
  EXPECT_EQ(error_of(no_epochs), "epochs must be at least 1, not 0");
  EXPECT_EQ(error_of(tiny_config(dir / "out", {})), "no training input given");
  EXPECT_FALSE(fs::exists(dir / "out" / "pos.ndm"));
}

}  // namespace
