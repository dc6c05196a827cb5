// The annotator on short texts written for each rule: tokens and sentences,
// quotation marks, quote kinds, speakers, entities, configuration.
#include <newsdoc/model.hpp>
#include <newsdoc/newsdoc.hpp>

#include <memory>
#include <string>
#include <vector>

#include "annotate/tokens.hpp"
#include "test_util.hpp"

namespace {

using newsdoc::Annotator;
using newsdoc::Article;

struct Q {
  std::string text, kind, speaker, speaker_text, cue;
};

Article annotate(const std::vector<std::string>& paragraphs, const std::vector<std::string>& tags = {},
                 const Annotator& annotator = Annotator()) {
  newsdoc::ArticleInput in;
  for (const auto& p : paragraphs) in.paragraphs.push_back(p);
  for (const auto& t : tags) in.tags.push_back(t);
  newsdoc::CorpusBuilder builder;
  builder.add(in);
  const auto corpus = builder.finish();
  return annotator.annotate(corpus[0]);
}

std::vector<Q> quotes(const Article& a, const std::string& kind = "") {
  std::vector<Q> out;
  for (std::size_t i = 0; i < a.quote_count(); ++i) {
    const auto q = a.quote(i);
    if (!kind.empty() && newsdoc::to_string(q.kind) != kind) continue;
    Q v{std::string(q.text), std::string(newsdoc::to_string(q.kind)), "", "", std::string(q.cue)};
    if (q.speaker != newsdoc::no_entity) v.speaker = std::string(a.entity(static_cast<std::size_t>(q.speaker)).name);
    if (q.speaker_bytes)
      v.speaker_text = std::string(a.text().substr(q.speaker_bytes->start, q.speaker_bytes->end - q.speaker_bytes->start));
    out.push_back(v);
  }
  return out;
}

std::vector<Q> marked(const Article& a) {
  std::vector<Q> out;
  for (auto& q : quotes(a))
    if (q.kind != "indirect") out.push_back(q);
  return out;
}

struct E {
  std::string name, type;
  std::size_t mentions;
};

std::vector<E> entities(const Article& a) {
  std::vector<E> out;
  for (std::size_t e = 0; e < a.entity_count(); ++e) {
    const auto en = a.entity(e);
    out.push_back(E{std::string(en.name), std::string(en.type), a.mentions_of(e).size()});
  }
  return out;
}

const E* find_entity(const std::vector<E>& all, const std::string& name) {
  for (const auto& e : all)
    if (e.name == name) return &e;
  return nullptr;
}

std::vector<std::string> token_texts(const std::string& text) {
  std::vector<newsdoc::detail::Token> tokens;
  newsdoc::detail::tokenize_paragraph(text, 0, static_cast<std::uint32_t>(text.size()), 0, tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

using Strings = std::vector<std::string>;

// --- Tokens and sentences ---------------------------------------------------

TEST(Tokens, AbbreviationsInitialsDecimalsEllipses) {
  EXPECT_EQ(token_texts("The U.S. grew 3.5 percent, 1,000 jobs..."),
            (Strings{"The", "U.S.", "grew", "3.5", "percent", ",", "1,000", "jobs", "..."}));
  EXPECT_EQ(token_texts("J. K. Rowling and Mr. Smith"), (Strings{"J.", "K.", "Rowling", "and", "Mr", ".", "Smith"}));
}

TEST(Tokens, ApostrophesStayInWordsAndPossessivesSplit) {
  EXPECT_EQ(token_texts("Syria’s don’t O’Brien"), (Strings{"Syria", "’s", "don’t", "O’Brien"}));
  EXPECT_EQ(token_texts("the ’90s and rock ’n’ roll"), (Strings{"the", "’90s", "and", "rock", "’n’", "roll"}));
  EXPECT_EQ(token_texts("al-Assad S-400 surface-to-air"), (Strings{"al-Assad", "S-400", "surface-to-air"}));
}

TEST(Sentences, AbbreviationsDoNotEndASentence) {
  const auto a = annotate({"Mr. Smith said the U.S. economy grew 3.5 percent in Jan. last year. The rest is history."});
  const auto q = quotes(a, "indirect");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "the U.S. economy grew 3.5 percent in Jan. last year");
}

TEST(Sentences, DottedAbbreviationEndsASentenceBeforeASentenceStarter) {
  const auto a = annotate({"She said the plan came from the U.S. The plan failed."});
  const auto q = quotes(a, "indirect");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "the plan came from the U.S.");
}

TEST(Sentences, TitlesEllipsesAndQuotesThatEndSentences) {
  // "Gen." does not end a sentence; "..." before a capital does; so does a
  // quote closing after its period, and the attribution after it stands alone.
  const auto a = annotate({"Gen. Mark Milley said the war was over... The army left.",
                           "“We are done.” Smith said nothing else. Jones said the talks failed."});
  const auto indirect = quotes(a, "indirect");
  ASSERT_EQ(indirect.size(), 2u);
  EXPECT_EQ(indirect[0].text, "the war was over");  // closing punctuation is not content
  EXPECT_EQ(indirect[0].speaker, "Mark Milley");
  EXPECT_EQ(indirect[1].text, "the talks failed");
  const auto direct = marked(a);
  ASSERT_EQ(direct.size(), 1u);
  EXPECT_EQ(direct[0].text, "We are done.");
}

// --- Quotation marks --------------------------------------------------------

TEST(Quotes, CurlyStraightSingleGuillemetsGerman) {
  EXPECT_EQ(marked(annotate({"“We will win,” Smith said."}))[0].text, "We will win,");
  EXPECT_EQ(marked(annotate({"\"We will win,\" Smith said."}))[0].text, "We will win,");
  EXPECT_EQ(marked(annotate({"‘We will win,’ Smith said."}))[0].text, "We will win,");
  EXPECT_EQ(marked(annotate({"«We will win», Smith said."}))[0].text, "We will win");
  EXPECT_EQ(marked(annotate({"„Wir schaffen das“, Merkel said."}))[0].text, "Wir schaffen das");
}

TEST(Quotes, TypewriterQuotes) {
  const auto q = marked(annotate({"''This isn't tax reform,'' said Douglas Holtz-Eakin."}));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "This isn't tax reform,");
  EXPECT_EQ(q[0].speaker_text, "Douglas Holtz-Eakin");
}

TEST(Quotes, PiecesAroundTheAttributionShareIt) {
  const auto q = marked(annotate({"“This is in their heads,” he said. “It worries them.”"}));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker_text, "he");
  EXPECT_EQ(q[1].cue, "said");
}

TEST(Quotes, ApostrophesAreNotClosingMarks) {
  const auto q = marked(annotate({"‘Syria’s future in the ’90s was rock ’n’ roll,’ Smith said."}));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Syria’s future in the ’90s was rock ’n’ roll,");
  EXPECT_EQ(q[0].speaker_text, "Smith");
}

TEST(Quotes, RunOverSeveralParagraphsWithReopeningMarks) {
  const auto a = annotate({"“The first part of it goes on.", "“The second part ends here,” Jones said.", "Later."});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "The first part of it goes on.\n\n“The second part ends here,");
  EXPECT_EQ(q[0].kind, "direct");
  EXPECT_EQ(q[0].speaker_text, "Jones");
  EXPECT_EQ(a.quote(0).first_paragraph, 0u);
  EXPECT_EQ(a.quote(0).last_paragraph, 1u);
}

TEST(Quotes, UnclosedAndStrayMarksDegradeGracefully) {
  // An unclosed curly quote ends with its paragraph; a stray closer is ignored.
  const auto a = annotate({"Smith said: “We will never give up on this.", "Next paragraph” here.", "He is 6'2\" tall."});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "We will never give up on this.");
  EXPECT_EQ(q[0].speaker_text, "Smith");
  EXPECT_NO_THROW(annotate({"“", "”", "\"", "' ’ ‘", "„ « » ‹ ›"}));
}

TEST(Quotes, NestedQuotesBelongToTheOuterQuote) {
  const auto q = marked(annotate({"“He told me ‘never again’ and left,” Smith said."}));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "He told me ‘never again’ and left,");
}

// --- Kinds ------------------------------------------------------------------

TEST(Kinds, DirectPartialIndirect) {
  const auto a = annotate({"“This is a crisis,” the minister said.",
                           "Smith said the talks were “going nowhere fast” this week.",
                           "The economy will shrink next year, the bank said.",
                           "According to Jones, the deal is dead."});
  const auto all = quotes(a);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].kind, "direct");
  EXPECT_EQ(all[0].speaker_text, "the minister");
  EXPECT_EQ(all[1].kind, "indirect");
  EXPECT_EQ(all[1].text, "the talks were “going nowhere fast” this week");
  EXPECT_EQ(all[2].kind, "partial");
  EXPECT_EQ(all[2].text, "going nowhere fast");
  EXPECT_EQ(all[2].speaker_text, "Smith");
  EXPECT_EQ(all[3].kind, "indirect");
  EXPECT_EQ(all[3].text, "The economy will shrink next year");
  EXPECT_EQ(all[3].speaker_text, "the bank");
  EXPECT_EQ(all[4].kind, "indirect");
  EXPECT_EQ(all[4].text, "the deal is dead");
  EXPECT_EQ(all[4].cue, "according to");
}

TEST(Kinds, SaidThatAndToldListener) {
  const auto q = quotes(annotate({"Smith told reporters on Monday that the army would withdraw."}), "indirect");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "the army would withdraw");
  EXPECT_EQ(q[0].cue, "told");
  EXPECT_EQ(q[0].speaker_text, "Smith");
}

TEST(Kinds, AQuotationOpeningInsideAReportedClauseIsAFragmentOfIt) {
  // A mixed quotation: the reporter's words lead into the quoted ones, so the whole clause is
  // the statement and the quotation a part of it, even when it runs on over two sentences.
  const auto a = annotate({"Maria Lopez said the new budget “cuts too deep. Schools will close.”"});
  const auto q = quotes(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, "indirect");
  EXPECT_EQ(q[0].text, "the new budget “cuts too deep. Schools will close.”");
  EXPECT_EQ(q[0].speaker_text, "Maria Lopez");
  EXPECT_EQ(q[1].kind, "partial");
  EXPECT_EQ(q[1].text, "cuts too deep. Schools will close.");
  EXPECT_EQ(a.attribution_count(), 1u);
}

TEST(Kinds, AQuotationInAThatClauseIsAFragmentWhateverPrecedesIt) {
  // "that" makes the clause indirect speech: a quotation in it is quoted words of that speech,
  // after a comma or right after "that"; without "that", a comma still sets off a direct quote.
  const auto a = annotate({"Maria Lopez said that in her long career, “nothing like this has happened here.”",
                           "The governor said that “the budget is balanced and fair.”",
                           "The governor said in a statement, “We will rebuild every school.”"});
  const auto q = quotes(a);
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0].kind, "indirect");
  EXPECT_EQ(q[0].text, "in her long career, “nothing like this has happened here.”");
  EXPECT_EQ(q[1].kind, "partial");
  EXPECT_EQ(q[1].text, "nothing like this has happened here.");
  EXPECT_EQ(q[1].speaker_text, "Maria Lopez");
  EXPECT_EQ(a.quote(0).attribution, a.quote(1).attribution);
  EXPECT_EQ(q[2].kind, "indirect");
  EXPECT_EQ(q[3].kind, "partial");
  EXPECT_EQ(q[3].text, "the budget is balanced and fair.");
  EXPECT_EQ(q[3].speaker_text, "The governor");
  EXPECT_EQ(q[4].kind, "direct");
  EXPECT_EQ(q[4].text, "We will rebuild every school.");
  EXPECT_EQ(a.attribution_count(), 3u);
}

TEST(Kinds, AQuotationFinishingTheReportersSentenceAfterTheAttributionIsAFragment) {
  // Lower case after "he said," continues the sentence the reporter began; an upper-case
  // quotation after it is a whole statement.
  const auto a = annotate({"A longer school day, the mayor said, “would help working parents.”",
                           "After the vote, the mayor said, “We will keep going.”",
                           "At the same time, the mayor added, “we need more teachers.”"});
  const auto q = quotes(a);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].kind, "indirect");
  EXPECT_EQ(q[0].text, "A longer school day");
  EXPECT_EQ(q[1].kind, "partial");
  EXPECT_EQ(q[1].text, "would help working parents.");
  EXPECT_EQ(q[1].speaker_text, "the mayor");
  EXPECT_EQ(a.quote(0).attribution, a.quote(1).attribution);
  EXPECT_EQ(q[2].kind, "direct");
  EXPECT_EQ(q[2].text, "We will keep going.");
  // A fronted adverbial alone is no sentence of the reporter's that the quotation could finish.
  EXPECT_EQ(q[3].kind, "direct");
  EXPECT_EQ(q[3].text, "we need more teachers.");
}

TEST(Kinds, AWordOrTwoFrontedBeforeTheAttributionLeaveTheQuotationDirect) {
  // "Still," is no statement of its own, so the quotation after "she added," finishes none of the
  // reporter's: it is the statement, direct (it was left a fragment of a statement dropped).
  const auto a = annotate({"Still, she added, “we also cannot ignore the changes since 2007.”",
                           "Higher bus fares, the mayor said, “would hurt working parents.”"});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, "direct");
  EXPECT_EQ(q[0].text, "we also cannot ignore the changes since 2007.");
  EXPECT_EQ(q[1].kind, "partial");  // "Higher bus fares" is the reporter's start of the statement
}

TEST(Kinds, AQuotedSentenceIsDirectWhateverIntroducesIt) {
  // A capital first word and its own closing stop inside the marks: a sentence quoted whole, even
  // after a verb the rules do not know as a cue, or one they read as a noun ("the ad claims").
  const auto a = annotate({"The ad claims “Jeb is the conservative you can trust.”",
                           "Capito called over her shoulder, “His comments are not helping.”",
                           "Critics call the plan “a tax on the poor” and worse.",
                           "She starred in “The Apprentice” for years."});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].kind, "direct");
  EXPECT_EQ(q[0].text, "Jeb is the conservative you can trust.");
  EXPECT_EQ(q[1].kind, "direct");
  EXPECT_EQ(q[1].text, "His comments are not helping.");
  EXPECT_EQ(q[2].kind, "partial");  // no sentence of its own: lower case, no stop
  EXPECT_EQ(q[2].text, "a tax on the poor");
}

TEST(Kinds, AQuotationTheReportersSentenceGoesOnAfterIsAFragment) {
  const auto a = annotate({"The mayor says “the plan is a good start” for the region.", "“We will win” she said."});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, "partial");
  EXPECT_EQ(q[0].text, "the plan is a good start");
  EXPECT_EQ(q[0].speaker_text, "The mayor");
  // What follows is the attribution: a whole statement.
  EXPECT_EQ(q[1].kind, "direct");
  EXPECT_EQ(q[1].speaker_text, "she");
}

TEST(Kinds, WarnedThatHasNoListener) {
  const auto q = quotes(annotate({"Senator Ann Hale warned that the plant would close."}), "indirect");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "the plant would close");
  EXPECT_EQ(q[0].speaker_text, "Ann Hale");
}

TEST(Kinds, WhereTheListenerWasIsNotContent) {
  EXPECT_TRUE(quotes(annotate({"Smith told reporters outside the ministry."}), "indirect").empty());
}

TEST(Kinds, QuotedNamesTitlesAndScareQuotesAreNotSpeech) {
  EXPECT_TRUE(marked(annotate({"Konashenkov stated that there are effective S-200 “Buk” missile systems."})).empty());
  EXPECT_TRUE(marked(annotate({"She starred in “The Apprentice” for years."})).empty());
  EXPECT_TRUE(marked(annotate({"The so-called “experts” were wrong again."})).empty());
}

// --- Speakers ---------------------------------------------------------------

TEST(Speakers, BeforeAfterInvertedAndColon) {
  EXPECT_EQ(marked(annotate({"Smith said: “We will win.”"}))[0].speaker_text, "Smith");
  EXPECT_EQ(marked(annotate({"“We will win,” said John Smith."}))[0].speaker_text, "John Smith");
  EXPECT_EQ(marked(annotate({"“We will win,” John Smith said."}))[0].speaker_text, "John Smith");
  EXPECT_EQ(marked(annotate({"The minister was blunt: “We will win.”"}))[0].speaker_text, "The minister");
}

TEST(Speakers, AppositionsAndTitles) {
  const auto a = annotate({"Hugh Hill, a doctor at the clinic, said: “It was chaos.”",
                           "Syrian President Bashar al-Assad said “the war is over” in May."});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Hugh Hill");
  EXPECT_EQ(q[1].speaker, "Bashar al-Assad");
  EXPECT_EQ(q[1].speaker_text, "Bashar al-Assad");
}

TEST(Speakers, ADayOrACapitalisedFunctionWordIsNobody) {
  // "said Wednesday," and a sentence opening "In other words" name no speaker; no speaker is
  // better than a wrong one.
  EXPECT_EQ(marked(annotate({"A spokesman who declined to be named said Wednesday, “We will keep going.”"}))[0]
                .speaker_text,
            "");
  EXPECT_EQ(marked(annotate({"In other words, the deal was dead: “Nobody wants it.”"}))[0].speaker_text, "");
}

TEST(Speakers, TheSubjectSpeaksNotTheObjectOfAPrepositionOrOfAnEarlierVerb) {
  const auto q = quotes(annotate({"Ann Hale, speaking at a rally in Dayton, Ohio, said the plant would close.",
                                  "Dana Reyes endorsed Paul Lamb on Friday, saying she trusted his judgment."}),
                        "indirect");
  ASSERT_GE(q.size(), 2u);
  EXPECT_EQ(q.front().text, "the plant would close");
  EXPECT_EQ(q.front().speaker_text, "Ann Hale");
  EXPECT_EQ(q.back().text, "she trusted his judgment");
  EXPECT_EQ(q.back().speaker_text, "Dana Reyes");
}

TEST(Speakers, ADatelineOpeningTheParagraphIsNobody) {
  // "PARIS, Aug 31 (Reuters) - ...": the city opens the sentence but is no subject; the
  // sentence's subject after the dash speaks for "..., saying".
  const auto q = quotes(annotate({"PARIS, Aug 31 (Reuters) - Marine Le Pen voiced support for the plan on Wednesday, "
                                  "saying it would bring jobs to the region."}),
                        "indirect");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "it would bring jobs to the region");
  EXPECT_EQ(q[0].speaker_text, "Marine Le Pen");
  EXPECT_EQ(q[0].speaker, "Marine Le Pen");
}

TEST(Speakers, AQuoteAfterAColonIsSaidByTheClauseBeforeIt) {
  // No cue before the colon: its clause's subject, or a name just before it, speaks, not a
  // word further back.
  EXPECT_EQ(marked(annotate({"After the vote was announced, Ann Hale fired back sharply: “That is not true.”"}))[0]
                .speaker_text,
            "Ann Hale");
  EXPECT_EQ(marked(annotate({"Economists were split - Paul Lamb: “Growth will slow.”"}))[0].speaker_text, "Paul Lamb");
}

TEST(Speakers, GroupsNamedByADemonymAreNotTheDemonym) {
  const auto q = quotes(annotate({"Scottish ministers insist they will have the final say.",
                                  "Russia said the talks were over."}), "indirect");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker_text, "Scottish ministers");
  EXPECT_EQ(q[0].speaker, "");
  EXPECT_EQ(q[1].speaker, "Russia");
}

TEST(Speakers, PronounsResolveToTheNearestFittingPerson) {
  const auto a = annotate({"Hillary Clinton met Donald Trump in New York.", "“It went well,” she said.",
                           "“It went badly,” he said."});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Hillary Clinton");
  EXPECT_EQ(q[0].speaker_text, "she");
  EXPECT_EQ(q[1].speaker, "Donald Trump");
}

TEST(Speakers, AQuoteWithoutCueContinuesThePreviousTurn) {
  // A paragraph opening with a quote and no cue goes on with the statement before it.
  const auto a = annotate({"“We are ready,” Viktor Ozerov said.", "“Nothing will stop us now.”"});
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker, "Viktor Ozerov");
  EXPECT_EQ(q[1].cue, "said");
  EXPECT_EQ(a.attribution_count(), 1u);
  // After a paragraph of the reporter's, a quote is a statement of its own.
  const auto apart = annotate({"“We are ready,” Viktor Ozerov said.", "The talks ended at noon.",
                               "“Nothing will stop us now.”"});
  ASSERT_EQ(marked(apart).size(), 2u);
  EXPECT_EQ(marked(apart)[1].cue, "");
  EXPECT_EQ(apart.attribution_count(), 2u);
}

TEST(Speakers, EveryCueInflection) {
  for (const char* cue : {"says", "said", "told reporters", "added", "noted", "stated", "explained", "insisted",
                          "warned", "resumed", "wrote", "asked", "argued", "claimed"}) {
    const auto q = marked(annotate({std::string("“Enough is enough,” Smith ") + cue + "."}));
    ASSERT_EQ(q.size(), 1u) << cue;
    EXPECT_EQ(q[0].speaker_text, "Smith") << cue;
  }
}

// --- Entities ---------------------------------------------------------------

TEST(Entities, GazetteerDemonymsAndRecogniser) {
  const auto all = entities(annotate(
      {"Syrian troops went from Damascus to Tartus, the Russian Defense Ministry said.",
       "Jets flew from the Khmeimim air base and the Shayrat airbase with S-400 systems, the UN Security Council heard."}));
  ASSERT_NE(find_entity(all, "Syrian"), nullptr);
  EXPECT_EQ(find_entity(all, "Syrian")->type, "NORP");
  ASSERT_NE(find_entity(all, "Damascus"), nullptr);
  EXPECT_EQ(find_entity(all, "Damascus")->type, "GPE");
  ASSERT_NE(find_entity(all, "Tartus"), nullptr);
  EXPECT_EQ(find_entity(all, "Tartus")->type, "GPE");
  ASSERT_NE(find_entity(all, "Russian Defense Ministry"), nullptr);
  EXPECT_EQ(find_entity(all, "Russian Defense Ministry")->type, "ORG");
  ASSERT_NE(find_entity(all, "Khmeimim"), nullptr);
  EXPECT_EQ(find_entity(all, "Khmeimim")->type, "FAC");
  ASSERT_NE(find_entity(all, "Shayrat"), nullptr);
  EXPECT_EQ(find_entity(all, "Shayrat")->type, "FAC");
  ASSERT_NE(find_entity(all, "S-400"), nullptr);
  EXPECT_EQ(find_entity(all, "S-400")->type, "PRODUCT");
  ASSERT_NE(find_entity(all, "UN Security Council"), nullptr);
  EXPECT_EQ(find_entity(all, "UN Security Council")->type, "ORG");
  EXPECT_EQ(find_entity(all, "Russia"), nullptr);  // "Russian" is a demonym, not Russia
}

TEST(Entities, InternationalOrganisationsAndCountryAliases) {
  const auto all = entities(annotate({"NATO and the United Nations met in the U.S. Officials from the UN left."}));
  ASSERT_NE(find_entity(all, "NATO"), nullptr);
  EXPECT_EQ(find_entity(all, "NATO")->type, "ORG");
  ASSERT_NE(find_entity(all, "United Nations"), nullptr);
  EXPECT_EQ(find_entity(all, "United Nations")->mentions, 2u);  // "UN" is an alias
  ASSERT_NE(find_entity(all, "United States"), nullptr);
  EXPECT_EQ(find_entity(all, "United States")->type, "GPE");
}

TEST(Entities, AliasesLinkToTheLongestFullName) {
  const auto a = annotate({"Bashar al-Assad spoke. Assad left, and Viktor Ozerov stayed.", "Ozerov then spoke."},
                          {"Ozerov", "Syria"});
  const auto all = entities(a);
  ASSERT_NE(find_entity(all, "Bashar al-Assad"), nullptr);
  EXPECT_EQ(find_entity(all, "Bashar al-Assad")->mentions, 2u);
  EXPECT_EQ(find_entity(all, "Bashar al-Assad")->type, "PERSON");
  ASSERT_NE(find_entity(all, "Viktor Ozerov"), nullptr);
  EXPECT_EQ(find_entity(all, "Viktor Ozerov")->mentions, 2u);
  EXPECT_EQ(find_entity(all, "Ozerov"), nullptr);
  EXPECT_EQ(find_entity(all, "Syria"), nullptr);  // a tag the text never mentions is no entity
}

TEST(Entities, NameParticles) {
  const auto all = entities(annotate({"Mark van der Berg met Ahmed bin Salman and Ursula von Leyen."}));
  EXPECT_NE(find_entity(all, "Mark van der Berg"), nullptr);
  EXPECT_NE(find_entity(all, "Ahmed bin Salman"), nullptr);
  EXPECT_NE(find_entity(all, "Ursula von Leyen"), nullptr);
}

TEST(Entities, UserGazetteer) {
  Annotator annotator;
  annotator.add_entity({"Acme Widgets", "ORG", {"Acme"}});
  const auto all = entities(annotate({"Acme said profits rose. Acme Widgets hired staff."}, {}, annotator));
  ASSERT_NE(find_entity(all, "Acme Widgets"), nullptr);
  EXPECT_EQ(find_entity(all, "Acme Widgets")->mentions, 2u);
  EXPECT_THROW(annotator.add_entity({"", "ORG", {}}), std::invalid_argument);
}

// --- Trained models (opt-in: AnnotatorOptions::models) ---------------------

std::shared_ptr<const newsdoc::Models> shipped_models() {
  static const std::shared_ptr<const newsdoc::Models> models = [] {
    const auto dir = newsdoc_test::source_dir() / "models";
    if (!newsdoc_test::fs::exists(dir / "ner.ndm")) return std::shared_ptr<const newsdoc::Models>();
    return newsdoc::Models::load(dir.string());
  }();
  return models;
}

#define NEWSDOC_NEED_MODELS(models)                                                                   \
  if (!(models)) GTEST_SKIP() << "the shipped models are absent (" << (newsdoc_test::source_dir() / "models") \
                              << " has no ner.ndm): `make train` makes them"

Annotator with_models(std::shared_ptr<const newsdoc::Models> models) {
  newsdoc::AnnotatorOptions options;
  options.models = std::move(models);
  return Annotator(options);
}

TEST(LearnedEntities, TheModelTypesAnOrganisationTheRulesTakeForAPerson) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  const std::vector<std::string> text = {
      "Officials of the Department of Corrections met the inmates on Tuesday, a spokesman said."};
  // The rules look for an organisation's head word at the end of a run only,
  // and type an unknown run of capitalised words as a person.
  const auto rules = entities(annotate(text));
  ASSERT_NE(find_entity(rules, "Department of Corrections"), nullptr);
  EXPECT_EQ(find_entity(rules, "Department of Corrections")->type, "PERSON");
  const auto learned = entities(annotate(text, {}, with_models(models)));
  ASSERT_NE(find_entity(learned, "Department of Corrections"), nullptr);
  EXPECT_EQ(find_entity(learned, "Department of Corrections")->type, "ORG");
}

TEST(LearnedEntities, AnOrganisationSpanStopsBeforeInAndAPlace) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  const auto learned = entities(annotate({"Hillary Clinton met the Secret Service in New York on Monday."}, {},
                                         with_models(models)));
  ASSERT_NE(find_entity(learned, "Secret Service"), nullptr);
  EXPECT_EQ(find_entity(learned, "Secret Service")->type, "ORG");
  ASSERT_NE(find_entity(learned, "New York"), nullptr);
  EXPECT_EQ(find_entity(learned, "New York")->type, "GPE");
  EXPECT_EQ(find_entity(learned, "Secret Service in New York"), nullptr);
}

TEST(LearnedEntities, GazetteerLinkingAndSpeakersStay) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  const Annotator annotator = with_models(models);
  // Known names keep the gazetteer's identity and type; a family name alone links to the full name.
  const auto a = annotate({"Syrian President Bashar al-Assad met officials of the United Nations in Damascus.",
                           "“We will not leave,” Assad told reporters in the U.S. capital."},
                          {}, annotator);
  const auto all = entities(a);
  ASSERT_NE(find_entity(all, "Bashar al-Assad"), nullptr);
  EXPECT_EQ(find_entity(all, "Bashar al-Assad")->type, "PERSON");
  EXPECT_EQ(find_entity(all, "Bashar al-Assad")->mentions, 2u);
  EXPECT_EQ(find_entity(all, "Assad"), nullptr);
  ASSERT_NE(find_entity(all, "United Nations"), nullptr);
  EXPECT_EQ(find_entity(all, "United Nations")->type, "ORG");
  ASSERT_NE(find_entity(all, "United States"), nullptr);
  EXPECT_EQ(find_entity(all, "United States")->type, "GPE");
  ASSERT_NE(find_entity(all, "Syrian"), nullptr);
  EXPECT_EQ(find_entity(all, "Syrian")->type, "NORP");
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Bashar al-Assad");
  EXPECT_EQ(q[0].speaker_text, "Assad");
}

TEST(LearnedEntities, TheVerbAfterARelativeClauseIsItsAntecedents) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  // The attribution tagger takes "who" for the source of "vetoed": it is the subject of
  // "opposes" only.
  const auto q = quotes(annotate({"Republican Gov. Mary Fallin, who opposes abortion, vetoed the bill because it "
                                  "was too vague."},
                                 {}, with_models(models)),
                        "indirect");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].cue, "vetoed");
  EXPECT_EQ(q[0].speaker_text, "Mary Fallin");
}

TEST(LearnedEntities, ASourceInsideARelativeClauseGivesWayToItsAntecedent) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  // The attribution tagger's source nearest to the cue lies inside the relative clause ("the
  // past", "recent years"); the clause closes before the cue, so its antecedent speaks.
  const Annotator annotator = with_models(models);
  const auto a = quotes(annotate({"Tom Reed, who in the past has voiced doubts about the dam, told the board he would "
                                  "support it now."},
                                 {}, annotator),
                        "indirect");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].cue, "told");
  EXPECT_EQ(a[0].speaker_text, "Tom Reed");
  EXPECT_EQ(a[0].speaker, "Tom Reed");
  const auto b = quotes(annotate({"Ms. Gray, who in recent years has criticized the union, defended the new contract "
                                  "for teachers."},
                                 {}, annotator),
                        "indirect");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].cue, "defended");
  EXPECT_EQ(b[0].speaker_text, "Gray");
}

TEST(LearnedEntities, ReportedSpeechQuotingAPhraseIsOneStatementWithItsFragment) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  // A mixed quotation: the content the tagger finds is mostly the reporter's words around a
  // quoted phrase; the rules alone see only the phrase, with no cue. The content was dropped
  // for touching quotation marks; now the phrase is its fragment.
  const std::vector<std::string> text = {"The governor also bemoaned a political climate in which neighbours "
                                         "“simply refuse to listen” because they vote differently."};
  const auto rules = quotes(annotate(text));
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].kind, "partial");
  EXPECT_EQ(rules[0].cue, "");
  const Article a = annotate(text, {}, with_models(models));
  const auto q = quotes(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, "indirect");
  EXPECT_EQ(q[0].text, "a political climate in which neighbours “simply refuse to listen” because they vote differently");
  EXPECT_EQ(q[0].cue, "also bemoaned");
  EXPECT_EQ(q[0].speaker_text, "The governor");
  EXPECT_EQ(q[1].kind, "partial");
  EXPECT_EQ(q[1].text, "simply refuse to listen");
  EXPECT_EQ(q[1].cue, "also bemoaned");
  EXPECT_EQ(a.quote(0).attribution, a.quote(1).attribution);
}

TEST(LearnedEntities, ReportedSpeechReachingIntoAQuotationTakesItWhole) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  // The tagger's content stops before the period inside the closing mark; the quotation is one
  // piece of the statement, so the content runs to its end, mark included.
  const Article a = annotate({"The governor also bemoaned a budget process in which lawmakers “balance the books on "
                              "the backs of teachers.”"},
                             {}, with_models(models));
  const auto q = quotes(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, "indirect");
  EXPECT_EQ(q[0].text, "a budget process in which lawmakers “balance the books on the backs of teachers.”");
  EXPECT_EQ(q[0].cue, "also bemoaned");
  EXPECT_EQ(q[1].kind, "partial");
  EXPECT_EQ(q[1].text, "balance the books on the backs of teachers.");
  EXPECT_EQ(a.quote(0).attribution, a.quote(1).attribution);
}

TEST(LearnedEntities, AQuotationWithAWordOrTwoAroundItStaysTheRulesQuote) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  // The tagger's content is the quotation and "on Tuesday": two words of the reporter's are no
  // reported statement, so the rules' quotation stays alone.
  const std::vector<std::string> text = {"Assad told reporters “we will never leave this city, whatever the cost” on "
                                         "Tuesday."};
  auto described = [](const Article& a) {
    std::vector<std::string> out;
    for (const auto& q : quotes(a)) out.push_back(q.kind + ": " + q.text + " (" + q.cue + ")");
    return out;
  };
  const auto rules = described(annotate(text));
  const auto learned = described(annotate(text, {}, with_models(models)));
  EXPECT_EQ(learned, (std::vector<std::string>{"partial: we will never leave this city, whatever the cost (told)"}));
  EXPECT_EQ(learned, rules);
}

TEST(LearnedEntities, ProductCodesFacilitiesOrganisationHeadsAndCoordinationAsTheRulesSayThem) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  // The tagger knows four CoNLL types; these patterns the rules type better.
  const auto all = entities(annotate({"Officials of the Russian Defense Ministry said the S-400 systems at the Khmeimim "
                                      "air base and a MiG-29 near the Shayrat airbase protect the Defense Ministries "
                                      "of Russia and Syria."},
                                     {}, with_models(models)));
  const std::pair<const char*, const char*> expected[] = {
      {"Russian Defense Ministry", "ORG"}, {"S-400", "PRODUCT"}, {"MiG-29", "PRODUCT"}, {"Khmeimim", "FAC"},
      {"Shayrat", "FAC"}, {"Defense Ministries", "ORG"}, {"Russia", "GPE"}, {"Syria", "GPE"}};
  for (const auto& [name, type] : expected) {
    ASSERT_NE(find_entity(all, name), nullptr) << name;
    EXPECT_EQ(find_entity(all, name)->type, type) << name;
    EXPECT_EQ(find_entity(all, name)->mentions, 1u) << name;
  }
}

TEST(LearnedEntities, SeedQuotesAndSpeakersAsWithoutModels) {
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  const auto corpus = newsdoc::read_text((newsdoc_test::source_dir() / "seeds" / "000_0eafb7a6a491ae43.txt").string());
  const auto rules = marked(Annotator().annotate(corpus[0]));
  const auto learned = marked(with_models(models).annotate(corpus[0]));
  ASSERT_EQ(learned.size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(learned[i].text, rules[i].text);
    EXPECT_EQ(learned[i].speaker, rules[i].speaker) << rules[i].text;
  }
}

TEST(LearnedEntities, ModelsAreOptInSharedAndCheckedWhenLoaded) {
  EXPECT_EQ(Annotator().options().models, nullptr);  // the default annotator is rules only
  const auto models = shipped_models();
  NEWSDOC_NEED_MODELS(models);
  const Annotator annotator = with_models(models);
  const Annotator copy = annotator;  // NOLINT: copies share the loaded models
  EXPECT_EQ(copy.options().models.get(), models.get());
  EXPECT_EQ(models->ner().kind(), "ner");
  EXPECT_EQ(models->ner_doc().kind(), "ner-doc");
  EXPECT_EQ(models->pos().kind(), "pos");

  newsdoc_test::TempDir dir;
  EXPECT_THROW(newsdoc::Models::load((dir.path() / "absent").string()), newsdoc::NotFoundError);
  EXPECT_THROW(newsdoc::Models::load(dir.path().string()), newsdoc::NotFoundError);  // no files
  const auto source = newsdoc_test::source_dir() / "models";
  newsdoc_test::fs::copy_file(source / "pos.ndm", dir.path() / "pos.ndm");
  newsdoc_test::fs::copy_file(source / "ner-doc.ndm", dir.path() / "ner-doc.ndm");
  auto bytes = newsdoc_test::read_file(source / "ner.ndm");
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
  newsdoc_test::write_file(dir.path() / "ner.ndm", bytes);
  EXPECT_THROW(newsdoc::Models::load(dir.path().string()), newsdoc::ModelError);  // corrupt
  newsdoc_test::fs::copy_file(source / "pos.ndm", dir.path() / "ner.ndm",
                              newsdoc_test::fs::copy_options::overwrite_existing);
  EXPECT_THROW(newsdoc::Models::load(dir.path().string()), newsdoc::ModelError);  // another kind
}

TEST(LearnedEntities, DefaultModelsDirectory) {
  EXPECT_FALSE(newsdoc::installed_models_directory().empty());
  EXPECT_FALSE(newsdoc::default_models_directory().empty());
}

// --- Configuration ----------------------------------------------------------

TEST(Configuration, UserCuesAreInflected) {
  Annotator annotator;
  EXPECT_TRUE(marked(annotate({"“Go away,” Smith bellowed."}, {}, annotator))[0].speaker_text.empty());
  annotator.add_cue("bellow");
  EXPECT_EQ(marked(annotate({"“Go away,” Smith bellowed."}, {}, annotator))[0].speaker_text, "Smith");
  const auto cues = annotator.cues();
  EXPECT_NE(std::find(cues.begin(), cues.end(), "bellows"), cues.end());
  EXPECT_THROW(annotator.add_cue(" "), std::invalid_argument);
  annotator.add_cue("quip");  // a short consonant-vowel-consonant verb doubles its last letter
  EXPECT_EQ(marked(annotate({"“We won,” Smith quipped."}, {}, annotator))[0].speaker_text, "Smith");
}

TEST(Configuration, CopiesDoNotShareChanges) {
  Annotator a;
  Annotator b = a;
  b.add_cue("bellow");
  const auto ca = a.cues(), cb = b.cues();
  EXPECT_EQ(std::find(ca.begin(), ca.end(), "bellowed"), ca.end());
  EXPECT_NE(std::find(cb.begin(), cb.end(), "bellowed"), cb.end());
}

TEST(Configuration, PassesCanBeSwitchedOff) {
  newsdoc::AnnotatorOptions options;
  options.entities = false;
  options.indirect = false;
  const auto a = annotate({"“We won,” Smith said in Syria.", "Jones said the war was over."}, {}, Annotator(options));
  EXPECT_EQ(a.entity_count(), 0u);
  EXPECT_EQ(quotes(a, "indirect").size(), 0u);
  EXPECT_EQ(marked(a).size(), 1u);
}

TEST(Configuration, CorpusModesAndThreadsGiveTheSameAnswer) {
  newsdoc::CorpusBuilder builder;
  for (int i = 0; i < 300; ++i) {
    newsdoc::ArticleInput in;
    const std::string id = "a" + std::to_string(i);
    const std::string p = "“Number " + std::to_string(i) + " is here,” Smith said in Paris.";
    in.id = id;
    in.paragraphs = {p};
    builder.add(in);
  }
  const auto corpus = builder.finish();
  const Annotator annotator;
  const auto one = annotator.annotate(corpus, newsdoc::AnnotateMode::all, 1);
  const auto four = annotator.annotate(corpus, newsdoc::AnnotateMode::all, 4);
  ASSERT_EQ(one.size(), 300u);
  ASSERT_EQ(four.size(), 300u);
  for (std::size_t i = 0; i < one.size(); ++i) EXPECT_EQ(one[i], four[i]);
  EXPECT_EQ(one[7].quote_count(), 1u);
  // "missing" keeps annotated articles as they are.
  const auto again = annotator.annotate(one, newsdoc::AnnotateMode::missing, 2);
  for (std::size_t i = 0; i < one.size(); ++i) EXPECT_EQ(again[i], one[i]);
}

// --- The seed article -------------------------------------------------------

TEST(Seed, QuotesSpeakersAndEntities) {
  const auto corpus = newsdoc::read_text((newsdoc_test::source_dir() / "seeds" / "000_0eafb7a6a491ae43.txt").string());
  const Article a = Annotator().annotate(corpus[0]);
  const auto q = marked(a);
  ASSERT_EQ(q.size(), 12u);
  const Strings speakers = {"Bashar al-Assad", "Bashar al-Assad", "Bashar al-Assad", "Viktor Ozerov",
                            "Viktor Ozerov",   "Viktor Ozerov",   "Viktor Ozerov",   "Viktor Ozerov",
                            "Viktor Ozerov",   "Viktor Ozerov",   "Igor Konashenkov", "Igor Konashenkov"};
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_EQ(q[i].speaker, speakers[i]) << q[i].text;
  const auto all = entities(a);
  for (const auto& [name, type, count] : std::vector<E>{{"Bashar al-Assad", "PERSON", 3},
                                                        {"Viktor Ozerov", "PERSON", 3},
                                                        {"Igor Konashenkov", "PERSON", 4},
                                                        {"Syria", "GPE", 12},
                                                        {"Russia", "GPE", 6}}) {
    const E* e = find_entity(all, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->type, type) << name;
    EXPECT_EQ(e->mentions, count) << name;
  }
}

}  // namespace
