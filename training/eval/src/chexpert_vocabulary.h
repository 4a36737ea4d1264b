// The phrase lists of the rule-based CheXpert labeler: what mentions each observation, and which words
// negate, make uncertain, or end a negation's scope. Data only; the matching is in chexpert_labeler.cpp.
//
// Phrase syntax: words separated by spaces (lowercase); "a|b" = either word; "word*" = any word starting with
// "word"; "~N" = up to N intervening words (no comma, no scope terminator). Mention words also match their
// plural (+s, +es); cue words match exactly.
#pragma once

#include "anatomix/eval/chexpert_labels.h"

#include <string>
#include <vector>

namespace anatomix::eval::detail {

struct LabelVocabulary {
    ChexpertLabel label;
    std::vector<std::string> mentions;        // phrases that mention the observation
    std::vector<std::string> normalPhrases;   // phrases that state it is absent ("heart size is normal")
};

struct CueVocabulary {
    std::vector<std::string> preNegation;      // before the mention: "no", "without", "free of"
    std::vector<std::string> postNegation;     // after the mention: "has resolved", "is not seen"
    std::vector<std::string> preUncertainty;   // "may", "possible", "cannot exclude"
    std::vector<std::string> postUncertainty;  // "cannot be excluded", "is likely"
    std::vector<std::string> pseudoNegation;   // look like negation but are not: "no change", "no increase"
    std::vector<std::string> terminators;      // end a cue's scope: "but", "however"
};

const std::vector<LabelVocabulary>& chexpertMentionVocabulary();
// Phrases that contain a mention word but mention none of the 14 ("pericardial effusion", "mass effect").
const std::vector<std::string>& chexpertIgnoredPhrases();
const CueVocabulary& chexpertCueVocabulary();
// Words that join items of one list ("no effusion, consolidation or pneumothorax").
const std::vector<std::string>& chexpertListWords();
// Words that, after "and" following another finding, open a new positive statement
// ("no effusion and mild cardiomegaly").
const std::vector<std::string>& chexpertAssertionWords();

}  // namespace anatomix::eval::detail
