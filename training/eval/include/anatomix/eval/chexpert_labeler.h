// A rule-based CheXpert-14 labeler for report text, in the manner of the CheXpert labeler / NegEx: find
// mentions of each observation, then decide per mention whether it is negated or uncertain.
//
// How a report is read:
// 1. Sentences end at ". " (not inside "1.5"), "!", "?", ";", ":", and blank lines. Words are lowercase runs of
//    [a-z0-9]; "," and "?" are kept as tokens; other characters separate words.
// 2. Mentions come from a per-label vocabulary with plurals and synonyms ("effusion", "pleural fluid",
//    "enlarged heart", "cardiac silhouette is enlarged", "nodule", "mass", "line", "tube", "pacemaker",
//    "fracture", ...). A mention inside a longer one is dropped ("effusion" in "pericardial effusion", which
//    mentions nothing). Some phrases state absence outright ("heart size is normal"): their mention is negative.
// 3. Cues are found longest first, so "cannot be excluded" is uncertainty and "no change" is no negation.
//    - A pre-cue ("no", "without", "free of", "negative for", "resolution of"; "may", "possible",
//      "cannot exclude", "?") applies to a mention after it (or inside its gap: "heart is not enlarged") when no
//      terminator ("but", "however", "although", "which", "there", ...) lies between and at most 5 other words
//      do. Words of other mentions and list words ("," "and" "or" "nor") do not count, so the scope runs along
//      a list ("no effusion, consolidation or pneumothorax"); but after another finding, "and" or "," with an
//      assertion word ("mild", "small", "new", "stable", ...) and no "or" ends it ("no effusion and mild
//      cardiomegaly", "no pneumothorax, small left effusion").
//      Only the nearest pre-cue counts; a nearer pseudo-negation ("no change in") blocks the ones before it.
//    - A post-cue ("has resolved", "is not seen", "removed"; "cannot be excluded", "is likely", "?") applies to a
//      mention before it with no terminator and at most 2 other words between; the nearest counts.
//    - Uncertainty wins over negation; without either cue the mention is positive.
// 4. Per label over all mentions: positive, else uncertain, else negative, else absent (CheXpert's order).
//    "No Finding" is positive when no observation other than Support Devices is positive or uncertain.
//
// Limits (it has no syntax parser): a negation still reaches a finding asserted later without an assertion
// word ("no pneumothorax, right effusion" reads the effusion as negated), a post-cue can reach back over a
// short clause, and the vocabulary is English-only.
#pragma once

#include "anatomix/eval/chexpert_labels.h"

#include <memory>
#include <string>
#include <vector>

namespace anatomix::eval {

// One mention and how it was read (for explanations and tests).
struct ChexpertMention {
    ChexpertLabel label = ChexpertLabel::NoFinding;
    MentionStatus status = MentionStatus::Positive;
    std::size_t sentenceIndex = 0;
    std::string phrase;  // the mention's words
    std::string cue;     // the deciding cue's words, empty for a plain positive
};

class ChexpertLabeler {
public:
    ChexpertLabeler();  // compiles the vocabulary
    ~ChexpertLabeler();
    ChexpertLabeler(const ChexpertLabeler&) = delete;
    ChexpertLabeler& operator=(const ChexpertLabeler&) = delete;

    ChexpertLabels label(const std::string& report) const;
    std::vector<ChexpertMention> mentions(const std::string& report) const;

private:
    struct Vocabulary;
    std::unique_ptr<const Vocabulary> vocabulary_;
};

// label() with a labeler built once per process (thread-safe: the labeler is immutable).
ChexpertLabels labelChexpert(const std::string& report);

}  // namespace anatomix::eval
