// Entities by the rules: capitalised runs typed by the word lists and the
// gazetteer, linked to one another, then every mention of their names.
#include "annotate/annotator_impl.hpp"

#include <algorithm>
#include <cstdint>

namespace newsdoc::detail::annotation {

std::int32_t ArticleAnnotator::gazetteer_match(std::int32_t i, std::int32_t limit, std::uint32_t& entry) const {
  if (!has(i, wc::gazetteer_start)) return 0;
  // A multi-word name does not run over a paragraph or a sentence end.
  const auto text_in_paragraph = [&](std::size_t k) {
    const auto t = static_cast<std::int32_t>(k);
    return t == i || tok(t).paragraph == tok(i).paragraph ? text(t) : std::string_view();
  };
  return static_cast<std::int32_t>(longest_gazetteer_form(lex_, static_cast<std::size_t>(i),
                                                          static_cast<std::size_t>(limit), text_in_paragraph, entry));
}

std::int32_t ArticleAnnotator::entity_named(std::string_view name, std::string_view type) {
  for (std::size_t e = 0; e < entities_.size(); ++e)
    if (entities_[e].name == name) return static_cast<std::int32_t>(e);
  EntityDraft d;
  d.name = std::string(name);
  d.type = std::string(type);
  d.forms.push_back(d.name);
  entities_.push_back(std::move(d));
  return static_cast<std::int32_t>(entities_.size() - 1);
}

void ArticleAnnotator::find_entities() {
  entities_.clear();
  raw_mentions_.clear();
  weak_singles_.clear();
  const std::int32_t n = size();
  for (std::int32_t i = 0; i < n;) {
    if (!is_name_token(i)) {
      ++i;
      continue;
    }
    // A run of capitalised words, joined by name particles (al, bin, van)
    // and, after an organisation's head, by "of" (Bank of England).
    std::int32_t j = i + 1;
    while (j < n && same_sentence(i, j)) {
      if (is_name_token(j) && tok(j).is(TokenFlag::space_before)) {
        ++j;
      } else if (j + 1 < n && same_sentence(i, j + 1) && is_name_token(j + 1) &&
                 (text(j) == "of" || text(j) == "for") && has(j - 1, wc::org_heads) &&
                 text(j - 1).back() != 's') {
        j += 2;
      } else if (tok(j).is(TokenFlag::lower) && has(j, wc::name_particles)) {
        std::int32_t k = j;
        while (k < n && same_sentence(i, k) && tok(k).is(TokenFlag::lower) && has(k, wc::name_particles))
          ++k;
        if (k < n && same_sentence(i, k) && is_name_token(k)) j = k + 1;
        else break;
      } else {
        break;
      }
    }
    process_run(i, j);
    i = j;
  }
  link_entities();
}

void ArticleAnnotator::process_run(std::int32_t a, std::int32_t b) {
  std::int32_t pos = a;
  while (pos < b) {
    // An organisation named by its head ("Russian Defense Ministry",
    // "UN Security Council") wins over the known names inside it.
    std::int32_t start = pos;
    while (start < b && is_non_name(start)) ++start;
    if (b - start >= 2 && has(b - 1, wc::org_heads)) {
      std::uint32_t entry = 0;
      if (gazetteer_match(start, b, entry) != b - start) {
        const std::string name(body_.substr(tok(start).begin, tok(b - 1).end - tok(start).begin));
        raw_mentions_.push_back(MentionDraft{start, b, entity_named(name, "ORG")});
        return;
      }
    }
    std::uint32_t entry = 0;
    const std::int32_t len = gazetteer_match(pos, size(), entry);
    if (len > 0) {
      const KnownEntity& known = lex_.entities[entry];
      raw_mentions_.push_back(MentionDraft{pos, pos + len, entity_named(known.name, known.type)});
      auto& e = entities_.back().name == known.name ? entities_.back() : entities_[static_cast<std::size_t>(
                                                                              raw_mentions_.back().entity)];
      if (e.forms.size() == 1)
        for (const auto& alias : known.aliases) e.forms.push_back(alias);
      pos += len;
      continue;
    }
    std::int32_t end = pos + 1;
    while (end < b && gazetteer_match(end, size(), entry) == 0) ++end;
    process_unknown(pos, end);
    pos = end;
  }
}

void ArticleAnnotator::process_unknown(std::int32_t x, std::int32_t y) {
  bool after_title = false;
  Gender gender = Gender::unknown;
  while (x < y && (is_non_name(x) || has(x, wc::titles))) {
    if (has(x, wc::titles)) {
      after_title = true;
      const auto w = text(x);
      if (w == "Mr" || w == "Mr.") gender = Gender::male;
      if (w == "Mrs" || w == "Mrs." || w == "Ms" || w == "Ms.") gender = Gender::female;
    }
    ++x;
  }
  while (y > x && is_non_name(y - 1)) --y;
  if (x >= y) return;
  if (x > 0 && tok(x - 1).first == '.' && x > 1 && (text(x - 2) == "Mr" || text(x - 2) == "Dr")) after_title = true;

  const std::string_view first_word = text(x);
  std::string_view type;
  if (y < size() && tok(y).is(TokenFlag::lower) && has(y, wc::facility_heads)) {
    type = "FAC";
  } else if (y + 1 < size() && tok(y).is(TokenFlag::lower) && tok(y + 1).is(TokenFlag::lower) &&
             has(y + 1, wc::facility_heads) && text(y) == "air") {
    type = "FAC";
  } else if (has(y - 1, wc::org_heads)) {
    type = "ORG";
  } else if (y - x == 1 && first_word.find('-') != std::string_view::npos &&
             std::any_of(first_word.begin(), first_word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    type = "PRODUCT";
  } else if (after_title) {
    type = "PERSON";
  } else if (has(x, wc::female_names | wc::male_names)) {
    type = "PERSON";
    if (gender == Gender::unknown && y - x >= 2)
      gender = has(x, wc::female_names) ? Gender::female : Gender::male;
  } else if (y - x >= 2 && x > 0 && tok(x - 1).is(TokenFlag::lower) &&
             has(x - 1, wc::locative_prepositions)) {
    type = "GPE";  // "in New York", "to Buenos Aires"
  } else if (y - x >= 2) {
    bool caps = false;
    for (std::int32_t k = x; k < y; ++k) caps = caps || tok(k).is(TokenFlag::all_caps);
    type = caps ? "ORG" : "PERSON";
  } else if (tok(x).is(TokenFlag::all_caps) && first_word.size() <= 6) {
    type = "ORG";
  } else if (x > 0 && tok(x - 1).is(TokenFlag::lower) && has(x - 1, wc::locative_prepositions) &&
             !tok(x).is(TokenFlag::sentence_start)) {
    type = "GPE";
  } else {
    weak_singles_.push_back(Range{x, y});
    return;
  }
  const std::string name(body_.substr(tok(x).begin, tok(y - 1).end - tok(x).begin));
  const std::int32_t e = entity_named(name, type);
  auto& draft = entities_[static_cast<std::size_t>(e)];
  if (draft.gender == Gender::unknown) draft.gender = gender;
  raw_mentions_.push_back(MentionDraft{x, y, e});
}

void ArticleAnnotator::link_entities() {
  // A person's family name alone ("Assad" for "Bashar al-Assad") and a tag
  // that is the end of a longer name ("Ozerov") are aliases, not entities.
  for (auto& e : entities_) {
    if (e.type != "PERSON") continue;
    const auto parts = split_tokens(e.name);
    if (parts.size() < 2) continue;
    std::string_view family = parts.back();
    e.forms.emplace_back(family);
    const auto hyphen = family.find('-');
    if (hyphen != std::string_view::npos && (words_.classes.find(family.substr(0, hyphen)) & wc::name_particles))
      e.forms.emplace_back(family.substr(hyphen + 1));
  }
  // Lone persons whose name is a known family name merge into the full name.
  for (std::size_t e = 0; e < entities_.size(); ++e) {
    auto& lone = entities_[e];
    if (lone.type != "PERSON" || lone.name.find(' ') != std::string::npos || lone.forms.empty()) continue;
    for (std::size_t f = 0; f < entities_.size(); ++f) {
      if (f == e || entities_[f].type != "PERSON" || entities_[f].name.find(' ') == std::string::npos) continue;
      const auto& forms = entities_[f].forms;
      if (std::find(forms.begin() + 1, forms.end(), lone.name) != forms.end()) {
        if (entities_[f].gender == Gender::unknown) entities_[f].gender = lone.gender;
        lone.forms.clear();  // merged: its mentions are found under the full name
        break;
      }
    }
  }
}

void ArticleAnnotator::scan_mentions() {
  // Every form of every entity, longest first at each token; a form shared
  // by several people goes to the one named most recently.
  form_words_.clear();
  forms_.clear();
  for (std::size_t e = 0; e < entities_.size(); ++e)
    for (const auto& form : entities_[e].forms) {
      const auto begin = static_cast<std::uint32_t>(form_words_.size());
      split_tokens(form, scratch_tokens_, form_words_);
      const auto len = static_cast<std::uint32_t>(form_words_.size()) - begin;
      if (len != 0) forms_.push_back(Form{begin, len, static_cast<std::int32_t>(e)});
    }
  // Most capitalised words start no entity's name: their first byte says so.
  first_bytes_.fill(false);
  for (const auto& form : forms_) first_bytes_[static_cast<unsigned char>(form_words_[form.begin][0])] = true;
  mentions_.clear();
  mention_at_.assign(tokens_.size(), none);
  std::vector<std::int32_t> last_full(entities_.size(), none);
  const std::int32_t n = size();
  for (std::int32_t i = 0; i < n;) {
    if (!tok(i).is(TokenFlag::word) || tok(i).is(TokenFlag::lower)) {
      ++i;
      continue;
    }
    std::int32_t best_len = 0, best_entity = none;
    bool best_is_name = false;
    const auto first_word = text(i);
    if (!first_bytes_[static_cast<unsigned char>(first_word[0])]) {
      ++i;
      continue;
    }
    for (const auto& form : forms_) {
      const std::int32_t e = form.entity;
      const auto len = static_cast<std::int32_t>(form.length);
      if (len < best_len || i + len > n || form_words_[form.begin] != first_word) continue;
      bool match = true;
      for (std::int32_t k = 1; k < len && match; ++k)
        match = tok(i + k).paragraph == tok(i).paragraph && text(i + k) == form_words_[form.begin + k];
      if (!match) continue;
      const bool is_name = entities_[static_cast<std::size_t>(e)].forms.front().size() ==
                           static_cast<std::size_t>(tok(i + len - 1).end - tok(i).begin);
      // Longer forms win; between equal forms, the entity named most recently.
      const bool better = len > best_len || best_entity == none ||
                          last_full[static_cast<std::size_t>(e)] > last_full[static_cast<std::size_t>(best_entity)];
      if (better) {
        best_len = len;
        best_entity = e;
        best_is_name = is_name;
      }
    }
    if (best_len == 0) {
      ++i;
      continue;
    }
    if (best_is_name || entities_[static_cast<std::size_t>(best_entity)].forms.size() == 1)
      last_full[static_cast<std::size_t>(best_entity)] = i;
    for (std::int32_t k = i; k < i + best_len; ++k)
      mention_at_[static_cast<std::size_t>(k)] = static_cast<std::int32_t>(mentions_.size());
    mentions_.push_back(MentionDraft{i, i + best_len, best_entity});
    i += best_len;
  }
}

}  // namespace newsdoc::detail::annotation
