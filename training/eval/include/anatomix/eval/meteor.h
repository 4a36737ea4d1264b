// METEOR as NLTK's nltk.translate.meteor_score.meteor_score([reference.split()], hypothesis.split()), the
// paper's call (the published AnatomiX code), with alpha 0.9, beta 3, gamma 0.5.
//
// Definitions (NLTK 3.10):
// - Tokens: whitespace split, lowercased (ASCII here, str.lower in NLTK).
// - Alignment in stages, each on the words the previous stages left unmatched: exact words, then Porter stems
//   (porter_stemmer.h). Within a stage, hypothesis words are visited from last to first and each takes the
//   last unmatched reference word equal to it.
// - P = m / |hypothesis|, R = m / |reference|, Fmean = P R / (alpha P + (1 - alpha) R); chunks = the fewest
//   runs of matches adjacent in both sentences (matches ordered by hypothesis position);
//   penalty = gamma (chunks / m)^beta; score = (1 - penalty) Fmean; 0 when m = 0 or a side is empty.
// - Several references: the best score.
//
// DIFFERENCE FROM THE PAPER: NLTK has a third stage, WordNet synonyms, which needs the WordNet database;
// it is not bundled here, so this METEOR is NLTK's with that stage matching nothing. It equals NLTK's when no
// remaining hypothesis word has a WordNet synonym among the remaining reference words, and is otherwise lower
// (fewer matches). Numbers from here are labelled "METEOR (exact+stem)".
#pragma once

#include <string>
#include <vector>

namespace anatomix::eval {

struct MeteorParameters {
    double alpha = 0.9;
    double beta = 3.0;
    double gamma = 0.5;
};

// One (hypothesis, reference) pair, both already tokenised.
double meteorScoreTokens(const std::vector<std::string>& referenceTokens,
                         const std::vector<std::string>& hypothesisTokens, const MeteorParameters& parameters = {});

// The paper's call: whitespace tokens, best over the references (0 when there is none).
double meteorScore(const std::vector<std::string>& references, const std::string& hypothesis,
                   const MeteorParameters& parameters = {});

}  // namespace anatomix::eval
