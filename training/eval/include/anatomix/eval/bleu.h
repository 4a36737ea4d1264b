// BLEU-1..4 as pycocoevalcap's BleuScorer computes them with option "closest", the way RadEval calls it
// (the published AnatomiX code: one reference and one hypothesis per sample).
//
// Definitions (pycocoevalcap/bleu/bleu_scorer.py):
// - Tokens are the whitespace-separated words, case kept, punctuation attached ("effusion." != "effusion").
// - For n = 1..4: correct_n = sum over the hypothesis' n-grams of min(count, max count in any reference),
//   guess_n = max(0, len - n + 1).
// - BLEU-k = (prod_{n<=k} (correct_n + 1e-15) / (guess_n + 1e-9))^(1/k), times the brevity penalty
//   exp(1 - r/c) when c < r, with the ratio computed as (c + 1e-15) / (r + 1e-9); c = hypothesis length,
//   r = the reference length closest to c (the shorter on a tie).
// - Per sample: the formula on that sample's counts. Corpus: the formula on the counts and lengths summed
//   over all samples (this is what pycocoevalcap returns as "score"; the per-sample values are its list).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace anatomix::eval {

using BleuScores = std::array<double, 4>;  // BLEU-1, BLEU-2, BLEU-3, BLEU-4

class BleuScorer {
public:
    // Adds one sample. Throws MetricsError when `references` is empty.
    void addSample(const std::string& hypothesis, const std::vector<std::string>& references);

    BleuScores corpusScores() const;
    std::vector<BleuScores> sampleScores() const;
    std::size_t nSamples() const { return samples_.size(); }

private:
    struct SampleCounts {
        double hypothesisLength = 0.0;
        double referenceLength = 0.0;  // the closest reference length
        std::array<double, 4> guess{};
        std::array<double, 4> correct{};
    };
    static BleuScores scoresFromCounts(const SampleCounts& counts);
    std::vector<SampleCounts> samples_;
};

// BLEU-4 of one hypothesis against one reference.
double sentenceBleu4(const std::string& hypothesis, const std::string& reference);

}  // namespace anatomix::eval
