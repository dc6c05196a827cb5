// The annotator: ArticleAnnotator's passes in order over one article (the
// passes live in annotate/*.cpp), its output assembled as builder input, and
// the public Annotator and the load pipeline's RecordAnnotator around it.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "annotate/annotator_impl.hpp"
#include "annotate/record_annotator.hpp"
#include "store.hpp"
#include "newsdoc/annotate.hpp"
#include "newsdoc/error.hpp"
#include "newsdoc/model.hpp"
#include "rebuild.hpp"

namespace newsdoc {

struct Annotator::Lists : detail::Lexicon {
  Lists() = default;
  Lists(const Lists& other) = default;
};

namespace detail::annotation {

void ArticleAnnotator::run(const Article& article, ArticleInput& out) {
  out.clear();
  read_fields(article, out);
  paragraph_bytes_.clear();
  for (std::size_t p = 0; p < article.paragraph_count(); ++p) paragraph_bytes_.push_back(article.paragraph(p).bytes);
  annotate(article.text(), paragraph_bytes_, out);
}

void ArticleAnnotator::run(const ArticleInput& record, ArticleInput& out) {
  joined_body_.clear();
  paragraph_bytes_.clear();
  for (const auto paragraph : record.paragraphs) {
    if (!paragraph_bytes_.empty()) joined_body_ += "\n\n";
    const auto start = static_cast<std::uint32_t>(joined_body_.size());
    joined_body_ += paragraph;
    paragraph_bytes_.push_back(Span{start, static_cast<std::uint32_t>(joined_body_.size())});
  }
  out = record;
  annotate(joined_body_, paragraph_bytes_, out);
}

void ArticleAnnotator::annotate(std::string_view body, const std::vector<Span>& paragraph_bytes, ArticleInput& out) {
  tokenize(body, paragraph_bytes);
  entities_.clear();
  mentions_.clear();
  mention_at_.assign(tokens_.size(), none);
  if (options_.entities) {
    if (options_.models) find_entities_learned();
    else find_entities();
    for (const auto& tag : out.tags) {
      // A tag names an entity of the article: a known one, the end of a
      // longer name found in the text (an alias), or a name of its own.
      bool known = false;
      for (auto& e : entities_) {
        if (e.forms.empty()) continue;
        if (std::find(e.forms.begin(), e.forms.end(), tag) != e.forms.end()) known = true;
      }
      if (known) continue;
      const auto parts = split_tokens(tag);
      for (auto& e : entities_) {
        if (e.forms.empty() || e.type != "PERSON") continue;
        const auto name_parts = split_tokens(e.name);
        if (name_parts.size() > parts.size() &&
            std::equal(parts.rbegin(), parts.rend(), name_parts.rbegin())) {
          e.forms.emplace_back(tag);
          known = true;
          break;
        }
      }
      if (known || parts.empty()) continue;
      for (const auto& single : weak_singles_) {
        if (single.last - single.first == static_cast<std::int32_t>(parts.size()) && text(single.first) == parts[0]) {
          entity_named(std::string(tag), "PERSON");
          break;
        }
      }
    }
    scan_mentions();
  }
  if (options_.quotes || options_.indirect) {
    pair_quote_marks();
    if (options_.quotes) classify_and_attribute();
    else quotes_.clear();
    if (options_.indirect) find_reported_speech();
    if (options_.indirect && options_.models && options_.models->attribution() != nullptr) find_learned_attributions();
    resolve_relative_speakers();
    std::stable_sort(quotes_.begin(), quotes_.end(),
                     [](const QuoteDraft& a, const QuoteDraft& b) { return a.begin < b.begin; });
    link_fragments();
  } else {
    quotes_.clear();
  }

  // Entities in the order of their first mention; those never mentioned go.
  std::vector<std::int32_t> order(entities_.size(), none);
  std::vector<std::int32_t> by_order;
  for (const auto& m : mentions_) {
    auto& slot = order[static_cast<std::size_t>(m.entity)];
    if (slot == none) {
      slot = static_cast<std::int32_t>(by_order.size());
      by_order.push_back(m.entity);
    }
  }
  for (const auto& q : quotes_)
    if (q.speaker != none && order[static_cast<std::size_t>(q.speaker)] == none) {
      order[static_cast<std::size_t>(q.speaker)] = static_cast<std::int32_t>(by_order.size());
      by_order.push_back(q.speaker);
    }

  out.unit = OffsetUnit::bytes;
  out.entities.clear();
  out.mentions.clear();
  out.quotes.clear();

  entity_ids_.resize(by_order.size());
  alias_views_.resize(by_order.size());
  for (std::size_t k = 0; k < by_order.size(); ++k) {
    entity_ids_[k] = "e" + std::to_string(k + 1);
    const auto& e = entities_[static_cast<std::size_t>(by_order[k])];
    auto& aliases = alias_views_[k];
    aliases.clear();
    // The aliases are the other forms the text uses.
    for (const auto& m : mentions_) {
      if (m.entity != by_order[k]) continue;
      const auto surface = body_.substr(tok(m.first).begin, tok(m.last - 1).end - tok(m.first).begin);
      if (surface != e.name && std::find(aliases.begin(), aliases.end(), surface) == aliases.end())
        aliases.push_back(surface);
    }
    out.entities.push_back(EntityInput{entity_ids_[k], e.name, e.type, aliases});
  }
  for (const auto& m : mentions_)
    out.mentions.push_back(MentionInput{Span{tok(m.first).begin, tok(m.last - 1).end},
                                        static_cast<std::uint32_t>(order[static_cast<std::size_t>(m.entity)])});
  // Quotes sharing one cue are one statement (the pieces of an interrupted
  // quote); a fragment joins its parent's; a quote without a cue is its own.
  // The first quote of each cue stands for it: (cue token, quote) pairs
  // sorted, no hashing per article and no quadratic search.
  auto& by_cue = cue_scratch_;
  by_cue.clear();
  for (std::size_t i = 0; i < quotes_.size(); ++i)
    if (!quotes_[i].cue_tokens.empty()) by_cue.emplace_back(quotes_[i].cue_tokens.first, i);
  std::sort(by_cue.begin(), by_cue.end());
  auto& first_of_cue = first_of_cue_scratch_;
  first_of_cue.assign(quotes_.size(), 0);
  for (std::size_t k = 0; k < by_cue.size(); ++k)
    first_of_cue[by_cue[k].second] = k > 0 && by_cue[k - 1].first == by_cue[k].first
                                         ? first_of_cue[by_cue[k - 1].second]
                                         : by_cue[k].second;
  auto& attribution = attribution_scratch_;
  attribution.assign(quotes_.size(), 0);
  std::uint32_t attributions = 0;
  for (std::size_t i = 0; i < quotes_.size(); ++i) {
    const auto& q = quotes_[i];
    if (q.parent != none) {
      attribution[i] = attribution[static_cast<std::size_t>(q.parent)];
      continue;
    }
    const std::size_t same_cue = q.cue_tokens.empty() ? i : first_of_cue[i];
    attribution[i] = same_cue < i ? attribution[same_cue] : attributions++;
  }
  for (std::size_t i = 0; i < quotes_.size(); ++i) {
    const auto& q = quotes_[i];
    QuoteInput in;
    in.span = Span{q.begin, q.end};
    in.attribution = attribution[i];
    in.parent = q.parent;
    if (!q.cue_tokens.empty()) in.cue_span = Span{tok(q.cue_tokens.first).begin, tok(q.cue_tokens.last - 1).end};
    in.kind = q.kind;
    in.speaker = q.speaker == none ? no_entity : order[static_cast<std::size_t>(q.speaker)];
    if (!q.speaker_tokens.empty()) {
      Range np = q.speaker_tokens;
      // The speaker's words are the name when the phrase holds one.
      for (std::int32_t k = np.first; k < np.last; ++k) {
        const auto m = mention_at_[static_cast<std::size_t>(k)];
        if (m != none && mentions_[static_cast<std::size_t>(m)].entity == q.speaker) {
          np = Range{mentions_[static_cast<std::size_t>(m)].first, mentions_[static_cast<std::size_t>(m)].last};
          break;
        }
      }
      in.speaker_span = Span{tok(np.first).begin, tok(np.last - 1).end};
    }
    in.cue = q.cue;
    out.quotes.push_back(in);
  }
  if (options_.models && options_.models->coreference() != nullptr)
    options_.models->coreference()->resolve_speakers(body, paragraph_bytes, out);
}

}  // namespace detail::annotation

Annotator::Annotator(const AnnotatorOptions& options) : options_(options), lists_(std::make_shared<Lists>()) {
  if (options.builtin_lists) lists_->add_builtins();
}
Annotator::~Annotator() = default;
Annotator::Annotator(const Annotator&) = default;
Annotator& Annotator::operator=(const Annotator&) = default;
Annotator::Annotator(Annotator&&) noexcept = default;
Annotator& Annotator::operator=(Annotator&&) noexcept = default;

const AnnotatorOptions& Annotator::options() const noexcept { return options_; }

void Annotator::add_cue(std::string_view cue) {
  if (lists_.use_count() > 1) lists_ = std::make_shared<Lists>(*lists_);
  lists_->add_cue(cue);
}

std::vector<std::string> Annotator::cues() const {
  std::vector<std::string> all;
  for (auto w : lists_->cue_words) all.emplace_back(w);
  for (const auto& [first, phrases] : lists_->cue_phrases) {
    (void)first;
    for (const auto& p : phrases) {
      std::string text;
      for (auto w : p.words) text.append(text.empty() ? "" : " ").append(w);
      all.push_back(std::move(text));
    }
  }
  std::sort(all.begin(), all.end());
  return all;
}

void Annotator::add_entity(KnownEntity entity) {
  if (lists_.use_count() > 1) lists_ = std::make_shared<Lists>(*lists_);
  lists_->add_entity(std::move(entity));
}

std::size_t Annotator::entity_count() const noexcept { return lists_->entities.size(); }

Article Annotator::annotate(const Article& article) const {
  detail::annotation::ArticleAnnotator worker(*lists_, options_);
  return detail::rebuild_article(
      article,
      [&](std::size_t, const Article& a, ArticleInput& out, detail::Scratch&) {
        worker.run(a, out);
        return true;
      },
      detail::Checks::trusted_meta);
}

Corpus Annotator::annotate(const Corpus& corpus, AnnotateMode mode, unsigned threads) const {
  const auto make_rebuild = [&] {
    return [&, worker = detail::annotation::ArticleAnnotator(*lists_, options_)](
               std::size_t, const Article& article, ArticleInput& out, detail::Scratch&) mutable {
      if (mode == AnnotateMode::missing && (article.quote_count() != 0 || article.entity_count() != 0)) return false;
      worker.run(article, out);
      return true;
    };
  };
  return detail::rebuild_corpus_per_chunk(corpus, threads, make_rebuild, detail::Checks::trusted_meta);
}

namespace detail {

struct RecordAnnotator::Worker {
  annotation::ArticleAnnotator annotator;
};

RecordAnnotator::RecordAnnotator(const Annotator& annotator, AnnotateMode mode)
    : annotator_(annotator),
      mode_(mode),
      worker_(std::make_unique<Worker>(Worker{annotation::ArticleAnnotator(*annotator_.lists_, annotator_.options_)})) {}

RecordAnnotator::~RecordAnnotator() = default;

bool RecordAnnotator::annotates(const ArticleInput& record) const noexcept {
  return mode_ == AnnotateMode::all || (record.quotes.empty() && record.entities.empty());
}

void RecordAnnotator::check(const ArticleInput& record) {
  if (!annotates(record)) return;  // built as it is, and checked then
  std::size_t body_size = record.paragraphs.empty() ? 0 : 2 * (record.paragraphs.size() - 1);
  for (const auto paragraph : record.paragraphs) body_size += paragraph.size();
  if (body_size > std::numeric_limits<std::uint32_t>::max()) {
    throw SchemaError("/paragraphs", "body text longer than 4 GiB");
  }
  if (record.quotes.empty() && record.entities.empty() && record.mentions.empty()) return;
  detail::Internals::add_with_valid_meta(checker_, record);
  checker_.finish();
}

const ArticleInput& RecordAnnotator::annotate(const ArticleInput& record) {
  if (!annotates(record)) return record;
  worker_->annotator.run(record, annotated_);
  return annotated_;
}

}  // namespace detail

}  // namespace newsdoc
