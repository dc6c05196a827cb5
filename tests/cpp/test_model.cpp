// The learned models: averaged perceptron, model files, sequence taggers,
// and the trainer's CoreNLP reader (skipped without ../shared).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "model/corenlp.hpp"
#include "annotate/lexicon.hpp"
#include "model/features.hpp"
#include "newsdoc/model.hpp"
#include "test_util.hpp"

namespace {

using newsdoc::ModelError;
using newsdoc::model::FeatureHash;
using newsdoc::model::fnv1a;
using newsdoc::model::LinearModel;
using newsdoc::model::PerceptronTrainer;
using newsdoc::model::TaggedSentence;
using newsdoc::model::Tagger;
using newsdoc_test::TempDir;

std::vector<FeatureHash> feats(std::initializer_list<const char*> names) {
  std::vector<FeatureHash> out;
  for (const char* n : names) out.push_back(fnv1a(n));
  return out;
}

// Three classes, each signalled by one feature, plus shared noise features.
LinearModel tiny_model() {
  PerceptronTrainer t("toy", "toy/1", 12, {"a", "b", "c"});
  const std::vector<std::pair<std::vector<FeatureHash>, int>> data = {
      {feats({"bias", "x=a", "n1"}), 0}, {feats({"bias", "x=b", "n1"}), 1}, {feats({"bias", "x=c", "n2"}), 2},
      {feats({"bias", "x=a", "n2"}), 0}, {feats({"bias", "x=b", "n2"}), 1}, {feats({"bias", "x=c", "n1"}), 2},
  };
  for (int epoch = 0; epoch < 10; ++epoch)
    for (const auto& [f, y] : data) t.train(f, y);
  return t.finish();
}

// CRC-32 (IEEE, as zlib's crc32), bit by bit.
std::uint32_t crc32_of(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char ch : bytes) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string expect_model_error(const std::string& bytes, const std::string& name) {
  try {
    LinearModel::from_bytes(bytes, name);
  } catch (const ModelError& e) {
    EXPECT_EQ(e.path(), name);
    EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no ModelError for " << name;
  return {};
}

TEST(Perceptron, LearnsASeparableProblem) {
  const LinearModel m = tiny_model();
  EXPECT_EQ(m.predict(feats({"bias", "x=a", "n1"})), 0);
  EXPECT_EQ(m.predict(feats({"bias", "x=b", "n2"})), 1);
  EXPECT_EQ(m.predict(feats({"bias", "x=c", "n2"})), 2);
  EXPECT_EQ(m.predict(feats({"x=c"})), 2);
  EXPECT_EQ(m.label_index("b"), 1);
  EXPECT_EQ(m.label_index("z"), -1);
}

TEST(Perceptron, AddScoresEachAddsTheScoresOfEachItem) {
  const LinearModel m = tiny_model();
  std::vector<std::vector<FeatureHash>> items = {feats({"bias", "x=a"}), {}, feats({"x=b", "n1", "unseen"})};
  items.emplace_back(40, fnv1a("x=c"));  // more features than the look-ups in flight
  items.push_back(feats({"n2"}));
  std::vector<FeatureHash> all;
  std::vector<std::size_t> start = {0};
  std::vector<std::int32_t> expected;
  for (const auto& item : items) {
    all.insert(all.end(), item.begin(), item.end());
    start.push_back(all.size());
    std::vector<std::int32_t> one = {1, 2, 3};
    m.add_scores(item.data(), item.size(), one.data());
    expected.insert(expected.end(), one.begin(), one.end());
  }
  std::vector<std::int32_t> got;
  for (std::size_t k = 0; k < items.size(); ++k) got.insert(got.end(), {1, 2, 3});
  m.add_scores_each(all.data(), start.data(), items.size(), got.data());
  EXPECT_EQ(got, expected);
  EXPECT_EQ(std::vector<std::int32_t>(got.begin() + 3, got.begin() + 6), (std::vector<std::int32_t>{1, 2, 3}))
      << "an item without features keeps its scores";
  EXPECT_GT(got[9 + 2] - 3, 0) << "x=c scores c";
}

TEST(Perceptron, TrainingIsDeterministic) {
  EXPECT_EQ(tiny_model().to_bytes(), tiny_model().to_bytes());
}

TEST(ModelFile, SaveLoadGivesIdenticalPredictions) {
  LinearModel m = tiny_model();
  m.set_info("a test model");
  TempDir dir;
  const std::string path = (dir / "toy.ndm").string();
  m.save(path);
  const LinearModel back = LinearModel::load(path, "toy");
  EXPECT_EQ(back.component(), "toy");
  EXPECT_EQ(back.feature_set(), "toy/1");
  EXPECT_EQ(back.info(), "a test model");
  EXPECT_EQ(back.labels(), m.labels());
  EXPECT_EQ(back.hash_bits(), m.hash_bits());
  EXPECT_EQ(back.to_bytes(), m.to_bytes());
  for (const auto& f : {feats({"bias", "x=a"}), feats({"x=b", "n1"}), feats({"n2"}), feats({"unseen"})}) {
    std::vector<std::int32_t> s1(3, 0), s2(3, 0);
    m.add_scores(f.data(), f.size(), s1.data());
    back.add_scores(f.data(), f.size(), s2.data());
    EXPECT_EQ(s1, s2);
    EXPECT_EQ(m.predict(f), back.predict(f));
  }
}

TEST(ModelFile, CorruptTruncatedOrForeignFilesAreClearErrors) {
  const std::string good = tiny_model().to_bytes();
  ASSERT_GT(good.size(), 40u);

  std::string flipped = good;
  flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x10);
  EXPECT_NE(expect_model_error(flipped, "flipped.ndm").find("checksum mismatch"), std::string::npos);

  for (std::size_t keep : {good.size() - 1, good.size() / 2, std::size_t{14}, std::size_t{9}}) {
    const std::string msg = expect_model_error(good.substr(0, keep), "cut.ndm");
    EXPECT_TRUE(msg.find("truncated") != std::string::npos || msg.find("checksum") != std::string::npos) << msg;
  }

  std::string magic = good;
  magic[0] = 'X';
  EXPECT_NE(expect_model_error(magic, "magic.ndm").find("wrong magic"), std::string::npos);
  EXPECT_NE(expect_model_error("", "empty.ndm").find("wrong magic"), std::string::npos);

  std::string version = good;
  version[8] = 9;
  EXPECT_NE(expect_model_error(version, "v9.ndm").find("version 9"), std::string::npos);

  try {
    LinearModel::from_bytes(good, "toy.ndm", "ner");
    ADD_FAILURE() << "no error for the wrong component";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("holds a 'toy' model, expected a 'ner' model"), std::string::npos) << e.what();
  }
  // a well-formed file (right checksum) that asks for too much memory
  {
    std::string huge = good.substr(0, 12);  // magic, version
    huge += '\x03';
    huge += "toy";
    huge += '\x05';
    huge += "toy/1";
    huge += std::string("\x1a\0\0\0", 4);  // 2^26 buckets
    huge += std::string("\x80\x20", 2);      // 4096 labels
    const std::uint32_t crc = crc32_of(huge);
    for (int i = 0; i < 4; ++i) huge += static_cast<char>((crc >> (8 * i)) & 0xFF);
    EXPECT_NE(expect_model_error(huge, "huge.ndm").find("more than 2^28 weights"), std::string::npos);
  }
  // a well-formed file that claims more rows than its bytes could hold: refused before any
  // memory is set aside for them
  {
    std::string claims = good.substr(0, 12);
    claims += '\x03';
    claims += "toy";
    claims += '\x05';
    claims += "toy/1";
    claims += std::string("\x14\0\0\0", 4);  // 2^20 buckets
    claims += '\x02';                          // two labels
    claims += "\x01" "a" "\x01" "b";
    claims += '\0';                            // no info
    claims += std::string("\0\0\x80\x3f", 4);  // scale 1.0
    claims += std::string("\x80\x80\x20", 3);   // 2^19 rows
    const std::uint32_t crc = crc32_of(claims);
    for (int i = 0; i < 4; ++i) claims += static_cast<char>((crc >> (8 * i)) & 0xFF);
    const std::string message = expect_model_error(claims, "claims.ndm");
    EXPECT_NE(message.find("row count larger than the file holds"), std::string::npos) << message;
  }
  TempDir dir;
  EXPECT_THROW(LinearModel::load((dir / "missing.ndm").string()), newsdoc::IoError);
  // A valid model file that is not a tagger.
  const std::string path = (dir / "toy.ndm").string();
  tiny_model().save(path);
  EXPECT_THROW(Tagger::load(path), ModelError);
}

std::vector<TaggedSentence> toy_pos_data() {
  const std::vector<std::pair<std::string, std::string>> raw = {
      {"The dog runs .", "DT NN VBZ ."},
      {"A cat sleeps .", "DT NN VBZ ."},
      {"The cats sleep .", "DT NNS VBP ."},
      {"Dogs run fast .", "NNS VBP RB ."},
      {"The old dog runs slowly .", "DT JJ NN VBZ RB ."},
      {"A big cat eats .", "DT JJ NN VBZ ."},
  };
  std::vector<TaggedSentence> out;
  auto split = [](const std::string& s) {
    std::vector<std::string> v;
    std::size_t at = 0;
    while (at < s.size()) {
      auto sp = s.find(' ', at);
      if (sp == std::string::npos) sp = s.size();
      v.push_back(s.substr(at, sp - at));
      at = sp + 1;
    }
    return v;
  };
  for (const auto& [w, t] : raw) out.push_back(TaggedSentence{split(w), {}, split(t), {}});
  return out;
}

TEST(Tagger, TinyPosModelTagsASentence) {
  newsdoc::model::TrainOptions opt;
  opt.epochs = 10;
  opt.hash_bits = 14;
  const Tagger tagger = Tagger::train("pos", toy_pos_data(), opt);
  EXPECT_FALSE(tagger.needs_pos());
  const std::vector<std::string_view> words = {"The", "cat", "runs", "."};
  const auto tags = tagger.tag(words);
  EXPECT_EQ(tags, (std::vector<std::string_view>{"DT", "NN", "VBZ", "."}));

  // save -> load: the same tags
  TempDir dir;
  const std::string path = (dir / "pos.ndm").string();
  tagger.save(path);
  const Tagger back = Tagger::load(path);
  EXPECT_EQ(back.kind(), "pos");
  EXPECT_EQ(back.tag(words), tags);
  EXPECT_TRUE(back.tag({}).empty());
}

TEST(Tagger, NerNeedsPosAndNeverStartsWithI) {
  std::vector<TaggedSentence> data = {
      {{"Barack", "Obama", "visited", "Paris", "."}, {"NNP", "NNP", "VBD", "NNP", "."}, {"B-PERSON", "I-PERSON", "O", "B-LOCATION", "O"}, {}},
      {{"Hillary", "Clinton", "left", "Ohio", "."}, {"NNP", "NNP", "VBD", "NNP", "."}, {"B-PERSON", "I-PERSON", "O", "B-LOCATION", "O"}, {}},
      {{"The", "senator", "spoke", "."}, {"DT", "NN", "VBD", "."}, {"O", "O", "O", "O"}, {}},
  };
  newsdoc::model::TrainOptions opt;
  opt.epochs = 8;
  opt.hash_bits = 14;
  const Tagger ner = Tagger::train("ner", data, opt);
  EXPECT_TRUE(ner.needs_pos());
  const std::vector<std::string_view> words = {"Barack", "Obama", "visited", "Ohio", "."};
  const std::vector<std::string_view> pos = {"NNP", "NNP", "VBD", "NNP", "."};
  EXPECT_THROW(ner.tag(words), ModelError);
  const std::vector<std::string_view> short_pos = {"NNP"};
  EXPECT_THROW(ner.tag(words, &short_pos), ModelError);
  const auto labels = ner.tag(words, &pos);
  EXPECT_EQ(labels, (std::vector<std::string_view>{"B-PERSON", "I-PERSON", "O", "B-LOCATION", "O"}));
  const auto spans = newsdoc::model::bio_spans(labels);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[0].type, "PERSON");
  EXPECT_EQ(spans[1].type, "LOCATION");
  // every I- continues its type
  const std::vector<std::string_view> odd = {"Obama", "Obama", "Obama"};
  const std::vector<std::string_view> odd_pos = {"NNP", "NNP", "NNP"};
  const auto got = ner.tag(odd, &odd_pos);
  for (std::size_t i = 0; i < got.size(); ++i)
    if (got[i].substr(0, 2) == "I-") {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(got[i - 1].substr(2), got[i].substr(2));
    }
}

TEST(Tagger, DocumentContextAndSecondPass) {
  const std::vector<std::vector<std::string_view>> words = {
      {"Alicia", "Machado", "spoke", "."}, {"Machado", "left", "."}, {"the", "end"}};
  const std::vector<std::vector<std::string_view>> first = {
      {"B-PERSON", "I-PERSON", "O", "O"}, {"B-LOCATION", "O", "O"}, {"O", "O"}};
  const auto ctx = newsdoc::model::document_context(words, first);
  ASSERT_EQ(ctx.size(), 3u);
  ASSERT_EQ(ctx[1].size(), 3u);
  // the other "Machado" was a PERSON and ends a two-word PERSON name
  EXPECT_EQ(ctx[1][0], "m=PERSON;l=PERSON;f=none");
  EXPECT_EQ(ctx[0][0], "m=none;l=none;f=PERSON");
  EXPECT_EQ(ctx[1][1], "-");
  EXPECT_EQ(ctx[2][0], "-");
  EXPECT_THROW(newsdoc::model::document_context(words, {first[0]}), ModelError);

  // a ner-doc tagger trains on and needs the context
  std::vector<TaggedSentence> data;
  for (std::size_t s = 0; s < 2; ++s) {
    TaggedSentence t;
    t.words.assign(words[s].begin(), words[s].end());
    t.pos.assign(words[s].size(), "NNP");
    t.labels.assign(first[s].begin(), first[s].end());
    t.context = ctx[s];
    data.push_back(t);
  }
  newsdoc::model::TrainOptions opt;
  opt.hash_bits = 12;
  const Tagger doc = Tagger::train("ner-doc", data, opt);
  EXPECT_TRUE(doc.needs_context());
  const std::vector<std::string_view> pos(words[0].size(), "NNP");
  EXPECT_THROW(doc.tag(words[0], &pos), ModelError);
  const std::vector<std::string_view> c0(ctx[0].begin(), ctx[0].end());
  EXPECT_EQ(doc.tag(words[0], &pos, &c0).size(), 4u);
}

TEST(Tagger, BioSpans) {
  const std::vector<std::string_view> labels = {"I-X", "I-X", "O", "B-Y", "B-Y", "I-Y", "I-X"};
  const auto spans = newsdoc::model::bio_spans(labels);
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[1].begin, 3u);
  EXPECT_EQ(spans[2].begin, 4u);
  EXPECT_EQ(spans[2].end, 6u);
  EXPECT_EQ(spans[3].type, "X");
}

TEST(Tagger, CueContextSaysWhereTheNearestCueIs) {
  const std::vector<std::string_view> words = {"The", "plan", ",", "officials", "Said", ",", "was", "dead", "."};
  const std::vector<std::string_view> first = {"B-CONTENT", "I-CONTENT", "O", "B-SOURCE", "B-CUE", "O", "O", "O", "O"};
  const auto ctx = newsdoc::model::cue_context(words, first);
  ASSERT_EQ(ctx.size(), words.size());
  EXPECT_EQ(ctx[0], "L4-7, said");  // left of the cue, four tokens away, a comma between; the cue word in lower case
  EXPECT_EQ(ctx[3], "L1 said");
  EXPECT_EQ(ctx[4], "in said");
  EXPECT_EQ(ctx[6], "R2-3, said");
  const std::vector<std::string_view> no_cue(words.size(), "O");
  EXPECT_EQ(newsdoc::model::cue_context(words, no_cue)[0], "none");
  EXPECT_THROW(newsdoc::model::cue_context(words, {"O"}), ModelError);
}

TEST(Features, AttributionWordClassesAndFramesGeneraliseBeyondSeenCues) {
  namespace detail = newsdoc::model::detail;
  // "Smith has also lamented that ...": a cue of the word lists the model may never have
  // seen in training, after a name past the auxiliary and adverb, before "that".
  const std::vector<std::string_view> words = {"Smith", "has",  "also", "lamented", "that",   "the",  "spokeswoman",
                                               "urged", "them", "to",   "go",       ",",      "\u201c", "now",
                                               "\u201d", ",",   "she",  "said",     "."};
  const std::vector<std::string_view> pos = {"NNP", "VBZ", "RB", "VBN", "IN", "DT", "NN", "VBD", "PRP", "TO",
                                             "VB",  ",",   "``", "RB",  "''", ",",  "PRP", "VBD", "."};
  detail::SentenceForms forms;
  detail::prepare(detail::Kind::attribution, words, forms);
  EXPECT_EQ(forms.tokens[3].lexicon_class, "cue");       // "lament" is on the list; its -ed form derived
  EXPECT_EQ(forms.tokens[17].lexicon_class, "cue");      // "said": an irregular form
  EXPECT_EQ(forms.tokens[6].lexicon_class, "role");
  EXPECT_EQ(forms.tokens[16].lexicon_class, "pronoun");
  EXPECT_EQ(forms.tokens[0].lexicon_class, "-");
  EXPECT_EQ(detail::lexicon_class_of("claims"), "cue-noun");
  EXPECT_EQ(detail::lexicon_class_of("according"), "phrase");

  EXPECT_EQ(detail::right_frame(forms, &pos, 3), "that");
  EXPECT_EQ(detail::right_frame(forms, &pos, 8), "to-VB");
  EXPECT_EQ(detail::right_frame(forms, &pos, 9), "-");       // "to go ,": the frame of "urged them", not of "to"
  EXPECT_EQ(detail::right_frame(forms, &pos, 10), ",\"");   // typographic marks count as quotation marks
  EXPECT_EQ(detail::right_frame(forms, &pos, 14), ",");
  EXPECT_EQ(detail::right_frame(forms, &pos, 18), "-");      // the sentence's last token
  EXPECT_EQ(detail::right_frame(forms, nullptr, 8), "-");    // "to-VB" needs the POS tags

  EXPECT_EQ(detail::left_frame(forms, 3), "name");     // past "has also" to "Smith", first word but no non-name
  EXPECT_EQ(detail::left_frame(forms, 7), "role");     // "the spokeswoman urged"
  EXPECT_EQ(detail::left_frame(forms, 17), "pronoun");
  EXPECT_EQ(detail::left_frame(forms, 16), ",");
  EXPECT_EQ(detail::left_frame(forms, 15), "quote");
  EXPECT_EQ(detail::left_frame(forms, 0), "-");
  EXPECT_EQ(detail::left_frame(forms, 5), "-");        // "that the": nothing of a subject

  // the cue tagger's forms carry no word-list classes (its feature set is unchanged), also
  // when they are reused from an attribution tagger's sentence
  detail::prepare(detail::Kind::cue, words, forms);
  EXPECT_EQ(forms.tokens[3].lexicon_class, "");
  EXPECT_EQ(forms.tokens[3].lexicon_bits, 0u);
}

// cue_context by its definition, cue by cue: the nearest cue (ties: the earlier), its side and
// distance bucket, a comma between, the cue's last word in lower case.
std::vector<std::string> cue_context_by_definition(const std::vector<std::string_view>& words,
                                                   const std::vector<std::string_view>& labels) {
  std::vector<newsdoc::model::TokenSpan> cues;
  for (auto& span : newsdoc::model::bio_spans(labels))
    if (span.type == "CUE") cues.push_back(span);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const newsdoc::model::TokenSpan* nearest = nullptr;
    std::size_t best = 0;
    for (const auto& c : cues) {
      const std::size_t d = i < c.begin ? c.begin - i : i >= c.end ? i - c.end + 1 : 0;
      if (nearest == nullptr || d < best) nearest = &c, best = d;
    }
    if (nearest == nullptr) {
      out.emplace_back("none");
      continue;
    }
    std::string relation = best == 0 ? "in" : i < nearest->begin ? "L" : "R";
    if (best > 0) {
      relation += best == 1 ? "1" : best <= 3 ? "2-3" : best <= 7 ? "4-7" : best <= 15 ? "8-15" : "16+";
      for (std::size_t k = std::min(i, nearest->begin); k < std::max(i + 1, nearest->end); ++k)
        if (words[k] == ",") {
          relation += ",";
          break;
        }
    }
    std::string cue(words[nearest->end - 1]);
    for (char& ch : cue) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.push_back(relation + " " + cue);
  }
  return out;
}

TEST(Tagger, CueContextIsItsDefinitionOnRandomSentences) {
  // One pass over the sentence (long sentences with many cues stay linear) gives what comparing
  // every word with every cue gives.
  std::uint64_t state = 7;
  auto next = [&](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  const std::vector<std::string_view> vocabulary = {"said", ",", "Told", "the", "plan", "."};
  const std::vector<std::string_view> label_set = {"O", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"};
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = 1 + next(60);
    std::vector<std::string_view> words, labels;
    for (std::size_t i = 0; i < n; ++i) {
      words.push_back(vocabulary[next(vocabulary.size())]);
      labels.push_back(label_set[next(next(4) == 0 ? label_set.size() : 1)]);
    }
    EXPECT_EQ(newsdoc::model::cue_context(words, labels), cue_context_by_definition(words, labels)) << round;
  }
}

TEST(Tagger, AttributionTaggersLearnRolesAndTheSecondPassNeedsCues) {
  // Two sentences, memorised: the roles come back, in BIO, never starting with I-.
  const std::vector<std::vector<std::string>> words = {{"Smith", "said", "the", "plan", "failed", "."},
                                                       {"The", "plan", "failed", ",", "Jones", "said", "."}};
  const std::vector<std::vector<std::string>> roles = {
      {"B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O"},
      {"B-CONTENT", "I-CONTENT", "I-CONTENT", "O", "B-SOURCE", "B-CUE", "O"}};
  std::vector<TaggedSentence> data;
  for (std::size_t s = 0; s < words.size(); ++s) {
    TaggedSentence t;
    t.words = words[s];
    t.pos.assign(words[s].size(), "NN");
    t.labels = roles[s];
    data.push_back(t);
  }
  newsdoc::model::TrainOptions opt;
  opt.hash_bits = 12;
  opt.epochs = 10;
  const Tagger first = Tagger::train("attribution", data, opt);
  EXPECT_FALSE(first.needs_context());
  for (auto& t : data) {
    const std::vector<std::string_view> w(t.words.begin(), t.words.end()), p(t.pos.begin(), t.pos.end());
    const auto labels = first.tag(w, &p);
    EXPECT_EQ(std::vector<std::string>(labels.begin(), labels.end()), t.labels);
    t.context = newsdoc::model::cue_context(w, labels);
  }
  const Tagger second = Tagger::train("attribution-cued", data, opt);
  EXPECT_TRUE(second.needs_context());
  const std::vector<std::string_view> w(words[1].begin(), words[1].end());
  const std::vector<std::string_view> p(w.size(), "NN");
  EXPECT_THROW(second.tag(w, &p), ModelError);
  const std::vector<std::string_view> c(data[1].context.begin(), data[1].context.end());
  const auto labels = second.tag(w, &p, &c);
  EXPECT_EQ(std::vector<std::string>(labels.begin(), labels.end()), roles[1]);
}

TEST(Trainer, BratRolesPerCodePoint) {
  namespace d = newsdoc::model::detail;
  TempDir dir;
  // "Smith said the plan failed." with a two-fragment content; the cue also
  // lies inside a (wrong) wider content textbound: cue wins over content.
  newsdoc_test::write_file(dir.path() / "doc_anno1.ann",
                           "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 19;20 26\tthe plan failed\n"
                           "T4\tContent 6 8\tsa\nT5\tAttribution 6 10\tsaid\nE1\tAttribution:T5 Content:T3\n");
  newsdoc_test::write_file(dir.path() / "doc_anno2.ann", "T1\tCue 0 5\tSmith\n");  // a second annotator: ignored
  std::vector<d::CoreNlpDoc> docs(1);
  docs[0].id = "doc";
  docs[0].text = "Smith said the plan failed.";
  ASSERT_EQ(d::read_brat_roles(docs, dir.path().string()), 1u);
  const auto& r = docs[0].roles;
  ASSERT_EQ(r.size(), 26u);
  EXPECT_EQ(r[0], d::role_source | d::role_start);
  EXPECT_EQ(r[4], d::role_source);
  EXPECT_EQ(r[6], d::role_cue | d::role_start);
  EXPECT_EQ(r[7], d::role_cue);
  EXPECT_EQ(r[10], d::role_none);
  EXPECT_EQ(r[11], d::role_content | d::role_start);
  EXPECT_EQ(r[20], d::role_content);  // the second fragment continues the content
}

TEST(Trainer, TinyModelFromCoreNlpSilver) {
  const auto corenlp = newsdoc_test::shared_dir() / "corpora" / "polnear" / "corenlp" / "train.jsonl.gz";
  if (!std::filesystem::exists(corenlp)) GTEST_SKIP() << "no PolNeAR CoreNLP data at " << corenlp;
  namespace d = newsdoc::model::detail;
  const auto docs = d::read_corenlp(corenlp.string(), d::default_text_dir(corenlp.string()), 3);
  ASSERT_EQ(docs.size(), 3u);
  std::vector<TaggedSentence> data;
  std::size_t tokens = 0;
  for (const auto& doc : docs)
    for (const auto& sent : doc.sentences) {
      TaggedSentence s;
      for (const auto& t : sent) {
        s.words.push_back(t.word);
        s.labels.push_back(t.pos);
        // the raw text, not CoreNLP's PTB form
        if (t.ptb == "``") {
          EXPECT_NE(t.word, "``");
        }
      }
      tokens += sent.size();
      data.push_back(std::move(s));
    }
  newsdoc::model::TrainOptions opt;
  opt.epochs = 5;
  opt.hash_bits = 16;
  const Tagger pos = Tagger::train("pos", data, opt);
  std::size_t correct = 0;
  for (const auto& s : data) {
    const auto tags = pos.tag(std::vector<std::string_view>(s.words.begin(), s.words.end()));
    for (std::size_t i = 0; i < tags.size(); ++i) correct += tags[i] == s.labels[i];
  }
  EXPECT_GT(double(correct) / double(tokens), 0.9);  // fits its training data
}

}  // namespace

namespace {

TEST(ShippedModels, LoadAndTag) {
  const auto dir = newsdoc_test::source_dir() / "models";
  if (!std::filesystem::exists(dir / "pos.ndm")) GTEST_SKIP() << "no shipped models in " << dir << " (make train)";
  std::uintmax_t total = 0;
  for (const char* name : {"pos.ndm", "ner.ndm", "ner-doc.ndm", "cue.ndm"}) total += std::filesystem::file_size(dir / name);
  EXPECT_LE(total, 60u * 1000 * 1000);
  const Tagger pos = Tagger::load((dir / "pos.ndm").string());
  const Tagger ner = Tagger::load((dir / "ner.ndm").string());
  const Tagger ner_doc = Tagger::load((dir / "ner-doc.ndm").string());
  const Tagger cue = Tagger::load((dir / "cue.ndm").string());
  EXPECT_EQ(pos.kind(), "pos");
  EXPECT_EQ(ner_doc.kind(), "ner-doc");
  const std::vector<std::vector<std::string_view>> doc = {
      {"Hillary", "Clinton", "met", "the", "Secret", "Service", "in", "New", "York", "on", "Monday", "."},
      {"“", "We", "will", "win", ",", "”", "Clinton", "said", "."}};
  std::vector<std::vector<std::string_view>> tags;
  for (const auto& s : doc) tags.push_back(pos.tag(s));
  EXPECT_EQ(tags[0][0], "NNP");
  EXPECT_EQ(tags[0][2], "VBD");
  EXPECT_EQ(tags[1][7], "VBD");
  // first pass alone
  const auto bio = newsdoc::model::tag_entities(ner, nullptr, doc, tags);
  const auto spans = newsdoc::model::bio_spans(bio[0]);
  // The tagger alone runs this organisation on over "in New York" (a greedy left-to-right
  // decoder; on PolNeAR dev such spans are rare: 6 of 4,669); the annotator cuts entity spans at a
  // lower-case "in" and gives Secret Service (ORG) and New York (GPE)
  // (test_annotate.cpp: LearnedEntities.AnOrganisationSpanStopsBeforeInAndAPlace).
  ASSERT_GE(spans.size(), 2u);
  EXPECT_EQ(spans[0].type, "PERSON");
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[1].type, "ORGANIZATION");
  EXPECT_EQ(spans[1].begin, 4u);
  EXPECT_EQ(bio[1][6], "B-PERSON");
  // both passes (made for whole articles: on a two-sentence text the
  // second pass has little evidence; docs/models.md)
  const auto both = newsdoc::model::tag_entities(ner, &ner_doc, doc, tags);
  EXPECT_EQ(both[0][0], "B-PERSON");
  EXPECT_EQ(both[0][1], "I-PERSON");
  EXPECT_EQ(both[1][6], "B-PERSON");
  const auto cues = cue.tag(doc[1], &tags[1]);
  EXPECT_EQ(cues[7], "B-CUE") << "\"said\" after a quotation";

  // const taggers are shared by threads: the same labels as one thread gets
  std::vector<std::vector<std::string_view>> expected;
  for (int k = 0; k < 50; ++k)
    for (const auto& s : doc) expected.push_back(pos.tag(s));
  std::vector<std::vector<std::vector<std::string_view>>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k)
        for (const auto& s : doc) got[t].push_back(pos.tag(s));
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(Features, NerTokensKnowTheBuiltInListsAndGazetteerNames) {
  namespace detail = newsdoc::model::detail;
  namespace wc = newsdoc::detail::word_class;
  const std::vector<std::string_view> words = {"Mary", "flew", "to", "New", "Zealand", "with", "the", "Ministry", "."};
  detail::SentenceForms forms;
  detail::prepare(detail::Kind::ner, words, forms);
  EXPECT_TRUE(forms.tokens[0].word_classes & wc::female_names);
  EXPECT_TRUE(forms.tokens[2].word_classes & wc::locative_prepositions);
  EXPECT_TRUE(forms.tokens[7].word_classes & wc::org_heads);
  EXPECT_FALSE(forms.tokens[1].word_classes & (wc::female_names | wc::male_names | wc::org_heads));
  ASSERT_EQ(forms.gazetteer.size(), words.size());
  EXPECT_EQ(forms.gazetteer[3].type, "GPE");
  EXPECT_TRUE(forms.gazetteer[3].begins);
  EXPECT_EQ(forms.gazetteer[4].type, "GPE");
  EXPECT_FALSE(forms.gazetteer[4].begins);
  EXPECT_EQ(forms.gazetteer[0].type, "");
  EXPECT_EQ(forms.gazetteer[5].type, "");
  // Other kinds do not pay for the lookups.
  detail::SentenceForms pos_forms;
  detail::prepare(detail::Kind::pos, words, pos_forms);
  EXPECT_TRUE(pos_forms.gazetteer.empty());
  EXPECT_EQ(pos_forms.tokens[0].word_classes, 0u);
}

TEST(Features, WordClustersGroupWordsOfOneKindAndFallBackToLowerCase) {
  namespace detail = newsdoc::model::detail;
  const detail::WordCluster said = detail::word_cluster("said", "said");
  ASSERT_NE(said.fine, 0);  // a known word: every granularity set
  EXPECT_NE(said.coarse, 0);
  EXPECT_NE(said.middle, 0);
  // distributional neighbours share the middle granularity, unlike words of another kind
  EXPECT_EQ(detail::word_cluster("criticized", "criticized").middle, detail::word_cluster("condemned", "condemned").middle);
  EXPECT_NE(detail::word_cluster("criticized", "criticized").middle, detail::word_cluster("Britain", "britain").middle);
  // as written, else lower-cased ("SAID" in a headline), else without a final period
  EXPECT_EQ(detail::word_cluster("SAID", "said").fine, said.fine);
  EXPECT_EQ(detail::word_cluster("said.", "said.").fine, said.fine);
  const detail::WordCluster unknown = detail::word_cluster("Qzxwv", "qzxwv");
  EXPECT_EQ(unknown.coarse, 0);
  EXPECT_EQ(unknown.fine, 0);
  // prepared for the entity taggers only: the attribution taggers lost with them
  const std::vector<std::string_view> words = {"Officials", "said", "so", "."};
  detail::SentenceForms forms;
  detail::prepare(detail::Kind::ner, words, forms);
  EXPECT_EQ(forms.tokens[1].cluster.fine, said.fine);
  detail::prepare(detail::Kind::attribution, words, forms);
  EXPECT_EQ(forms.tokens[1].cluster.fine, 0);
}

TEST(Features, WordClusterTablesParseWhateverTheLineEndsAndSkipBadLines) {
  namespace detail = newsdoc::model::detail;
  const std::string text = "said\t1\t2\t3\r\nsays\t1\t2\t4\n\nbad\t1\tx\t3\nshort\t1\t2\nlong\t1\t2\t3\t4\nlast\t0\t0\t9";
  const auto table = detail::parse_word_clusters(text);
  ASSERT_EQ(table.size(), 3u);  // said (CRLF), says, last (no final newline)
  EXPECT_EQ(table.at("said").fine, 4);  // ids + 1; the CR is not part of the number
  EXPECT_EQ(table.at("says").fine, 5);
  EXPECT_EQ(table.at("last").coarse, 1);
  EXPECT_EQ(table.count("bad"), 0u);
  // the compiled-in table: every line a word
  std::ifstream in(newsdoc_test::source_dir() / "cpp" / "data" / "lexicon" / "word_clusters.tsv");
  ASSERT_TRUE(in);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(detail::word_cluster_count(), lines);
  // the entity taggers' feature sets name the table, so models of other clusters are refused
  EXPECT_EQ(std::string(detail::feature_set_of(detail::Kind::ner)), "ner-features/3 clusters:" + detail::word_clusters_checksum());
  EXPECT_EQ(detail::word_clusters_checksum().size(), 8u);
}

TEST(Features, AnEmptyTokenBeforeACueIsNoName) {
  namespace detail = newsdoc::model::detail;
  const std::vector<std::string_view> words = {"", "said", "it"};
  detail::SentenceForms forms;
  detail::prepare(detail::Kind::attribution, words, forms);
  EXPECT_EQ(detail::left_frame(forms, 1), "-");
}

// Greedy decoding with every feature looked up one by one, as the taggers
// were trained: what Tagger::tag must give with its cached sums per word.
std::vector<std::string_view> tag_feature_by_feature(const Tagger& tagger, const std::vector<std::string_view>& words,
                                                     const std::vector<std::string_view>* pos,
                                                     const std::vector<std::string_view>* context = nullptr) {
  namespace detail = newsdoc::model::detail;
  const detail::Kind kind = detail::kind_of(tagger.kind(), "");
  detail::SentenceForms forms;
  detail::prepare(kind, words, forms);
  if (context != nullptr) forms.context = *context;
  const auto& labels = tagger.model().labels();
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::vector<FeatureHash> f;
    detail::static_features(kind, forms, pos, i, f);
    detail::dynamic_features(kind, forms, pos, i, i >= 1 ? out[i - 1] : "<s>", i >= 2 ? out[i - 2] : "<s>", f);
    std::vector<std::int32_t> scores(labels.size(), 0);
    tagger.model().add_scores(f.data(), f.size(), scores.data());
    int best = -1;
    for (std::size_t c = 0; c < labels.size(); ++c) {
      const std::string_view l = labels[c];
      // BIO: an I- label only continues its own type
      if (kind != detail::Kind::pos && l.substr(0, 2) == "I-" &&
          (i == 0 || out[i - 1].size() < 2 || out[i - 1].substr(2) != l.substr(2)))
        continue;
      if (best < 0 || scores[c] > scores[static_cast<std::size_t>(best)]) best = static_cast<int>(c);
    }
    out.push_back(labels[static_cast<std::size_t>(best)]);
  }
  return out;
}

TEST(ShippedModels, CachedScoresAndTagDocumentGiveTheLabelsOfEveryFeature) {
  const auto dir = newsdoc_test::source_dir() / "models";
  if (!std::filesystem::exists(dir / "pos.ndm")) GTEST_SKIP() << "no shipped models in " << dir << " (make train)";
  const Tagger pos = Tagger::load((dir / "pos.ndm").string());
  const Tagger ner = Tagger::load((dir / "ner.ndm").string());
  const Tagger ner_doc = Tagger::load((dir / "ner-doc.ndm").string());
  // Known sentences, and more distinct words than the per-thread cache of
  // word sums holds (it starts again), repeated so that words come back.
  std::vector<std::string> made;
  for (int k = 0; k < 20000; ++k) made.push_back((k % 3 == 0 ? "Name" : "word") + std::to_string(k));
  std::vector<std::vector<std::string_view>> doc = {
      {"Hillary", "Clinton", "met", "the", "Secret", "Service", "in", "New", "York", "on", "Monday", "."},
      {"“", "We", "will", "win", ",", "”", "Clinton", "said", "."}};
  for (int round = 0; round < 2; ++round)
    for (std::size_t k = 0; k < made.size(); k += 10) {
      std::vector<std::string_view> s = {"Mr", made[k], "told", "the"};
      for (std::size_t m = k + 1; m < k + 10; ++m) s.push_back(made[m]);
      s.push_back(".");
      doc.push_back(s);
    }
  std::vector<std::vector<std::string_view>> tags;
  for (const auto& s : doc) {
    tags.push_back(pos.tag(s));
    ASSERT_EQ(tags.back(), tag_feature_by_feature(pos, s, nullptr));
  }
  const auto first = newsdoc::model::tag_entities(ner, nullptr, doc, tags);
  const auto both = newsdoc::model::tag_entities(ner, &ner_doc, doc, tags);
  const auto ctx = newsdoc::model::document_context(doc, first);
  for (std::size_t s = 0; s < doc.size(); ++s) {
    ASSERT_EQ(first[s], tag_feature_by_feature(ner, doc[s], &tags[s])) << "sentence " << s;
    const std::vector<std::string_view> c(ctx[s].begin(), ctx[s].end());
    ASSERT_EQ(both[s], tag_feature_by_feature(ner_doc, doc[s], &tags[s], &c)) << "sentence " << s;
  }
  EXPECT_EQ(both[0][0], "B-PERSON");
  // the annotator's call: the same tags in one go
  const auto all = newsdoc::model::tag_document(pos, ner, &ner_doc, doc);
  EXPECT_EQ(all.pos, tags);
  EXPECT_EQ(all.entities, both);
  EXPECT_EQ(newsdoc::model::tag_document(pos, ner, nullptr, doc).entities, first);
  EXPECT_TRUE(newsdoc::model::tag_document(pos, ner, &ner_doc, {}).entities.empty());
}

TEST(ShippedModels, DocumentTaggersRefuseATaggerOfAnotherKind) {
  // Each prepares the article for the kinds it runs; another kind would read forms made for none.
  const auto dir = newsdoc_test::source_dir() / "models";
  if (!std::filesystem::exists(dir / "attribution-cued.ndm")) GTEST_SKIP() << "no shipped models in " << dir << " (make train)";
  const Tagger pos = Tagger::load((dir / "pos.ndm").string());
  const Tagger ner = Tagger::load((dir / "ner.ndm").string());
  const Tagger attribution = Tagger::load((dir / "attribution.ndm").string());
  const std::vector<std::vector<std::string_view>> doc = {{"Officials", "in", "Paris", "said", "so", "."}};
  const std::vector<std::vector<std::string_view>> tags = {pos.tag(doc[0])};
  EXPECT_THROW(newsdoc::model::tag_attributions(ner, nullptr, doc, tags), ModelError);
  EXPECT_THROW(newsdoc::model::tag_attributions(attribution, &ner, doc, tags), ModelError);
  EXPECT_THROW(newsdoc::model::tag_entities(attribution, nullptr, doc, tags), ModelError);
  EXPECT_THROW(newsdoc::model::tag_entities(ner, &attribution, doc, tags), ModelError);
  EXPECT_THROW(newsdoc::model::tag_document(ner, ner, nullptr, doc), ModelError);
  try {
    newsdoc::model::tag_attributions(ner, nullptr, doc, tags);
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("expected a 'attribution' tagger, got a 'ner' one"), std::string::npos) << e.what();
  }
  EXPECT_EQ(newsdoc::model::tag_attributions(attribution, nullptr, doc, tags)[0].size(), doc[0].size());
}

TEST(ShippedModels, TagAttributionsGivesTheLabelsOfEveryFeature) {
  const auto dir = newsdoc_test::source_dir() / "models";
  if (!std::filesystem::exists(dir / "attribution-cued.ndm")) GTEST_SKIP() << "no shipped models in " << dir << " (make train)";
  const Tagger pos = Tagger::load((dir / "pos.ndm").string());
  const Tagger attribution = Tagger::load((dir / "attribution.ndm").string());
  const Tagger cued = Tagger::load((dir / "attribution-cued.ndm").string());
  const std::vector<std::vector<std::string_view>> doc = {
      {"The", "minister", "said", "that", "the", "talks", "had", "failed", "."},
      {"Prices", "rose", "by", "2", "%", "in", "March", "."},
      {"“", "We", "will", "win", ",", "”", "Clinton", "told", "reporters", "on", "Monday", "."},
      {"Officials", "say", "the", "plan", "will", "cost", "£", "3bn", ",", "according", "to", "the", "BBC", "."}};
  std::vector<std::vector<std::string_view>> tags;
  for (const auto& s : doc) tags.push_back(pos.tag(s));
  const auto first = newsdoc::model::tag_attributions(attribution, nullptr, doc, tags);
  const auto both = newsdoc::model::tag_attributions(attribution, &cued, doc, tags);
  ASSERT_EQ(both.size(), doc.size());
  for (std::size_t s = 0; s < doc.size(); ++s) {
    ASSERT_EQ(first[s], tag_feature_by_feature(attribution, doc[s], &tags[s])) << "sentence " << s;
    const auto spans = newsdoc::model::bio_spans(first[s]);
    const bool has_cue = std::any_of(spans.begin(), spans.end(), [](const auto& span) { return span.type == "CUE"; });
    if (!has_cue) {  // the second pass tags only sentences with a cue
      EXPECT_EQ(both[s], first[s]) << "sentence " << s;
      continue;
    }
    const auto context = newsdoc::model::cue_context(doc[s], first[s]);
    const std::vector<std::string_view> c(context.begin(), context.end());
    ASSERT_EQ(both[s], tag_feature_by_feature(cued, doc[s], &tags[s], &c)) << "sentence " << s;
  }
  EXPECT_EQ(both[0][2], "B-CUE") << "\"said that\"";
  EXPECT_EQ(both[0][1], "I-SOURCE");
  EXPECT_EQ(both[0][5], "I-CONTENT");
  EXPECT_TRUE(newsdoc::model::tag_attributions(attribution, &cued, {}, {}).empty());
  EXPECT_THROW(newsdoc::model::tag_attributions(attribution, &cued, doc, {}), ModelError);
}

}  // namespace
