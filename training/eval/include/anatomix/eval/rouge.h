// ROUGE-L F-measure with the semantics of Google's rouge_score package
// (RougeScorer(["rougeL"], use_stemmer=True).score(target, prediction)), which the paper uses through RadEval
// (the published AnatomiX code).
//
// Tokenisation (rouge_score/tokenize.py): lowercase, every run of characters outside [a-z0-9] is a separator,
// tokens longer than 3 characters are Porter-stemmed (NLTK_EXTENSIONS, see porter_stemmer.h), empty tokens
// are dropped. Lowercasing is ASCII only; Python lowercases Unicode first, which can only matter for the
// few non-ASCII letters whose lowercase is ASCII (e.g. the Kelvin sign).
// Score: LCS length over the token sequences; precision = LCS / |prediction|, recall = LCS / |target|,
// F = 2PR / (P + R); all three are 0 when either side has no token.
#pragma once

#include <string>
#include <vector>

namespace anatomix::eval {

struct RougeScore {
    double precision = 0.0;
    double recall = 0.0;
    double fmeasure = 0.0;
};

std::vector<std::string> rougeTokenize(const std::string& text, bool useStemmer = true);

// Length of the longest common subsequence of two token sequences.
std::size_t longestCommonSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b);

RougeScore rougeL(const std::string& reference, const std::string& hypothesis, bool useStemmer = true);

}  // namespace anatomix::eval
