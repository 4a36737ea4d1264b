#include "anatomix/eval/bleu.h"

#include "anatomix/eval/metrics_error.h"
#include "whitespace_split.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

namespace anatomix::eval {
namespace {

constexpr int kMaxOrder = 4;
constexpr double kSmall = 1e-9;
constexpr double kTiny = 1e-15;

using NgramCounts = std::map<std::vector<std::string>, int>;

NgramCounts countNgrams(const std::vector<std::string>& words)
{
    NgramCounts counts;
    for (std::size_t n = 1; n <= kMaxOrder; ++n)
        for (std::size_t i = 0; i + n <= words.size(); ++i)
            ++counts[std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(i),
                                              words.begin() + static_cast<std::ptrdiff_t>(i + n))];
    return counts;
}

}  // namespace

void BleuScorer::addSample(const std::string& hypothesis, const std::vector<std::string>& references)
{
    if (references.empty())
        throw MetricsError("BleuScorer::addSample: sample " + std::to_string(samples_.size()) +
                           " has no reference (at least one is needed)");
    NgramCounts maxReferenceCounts;
    std::vector<std::size_t> referenceLengths;
    for (const std::string& reference : references) {
        const std::vector<std::string> words = detail::splitWhitespace(reference);
        referenceLengths.push_back(words.size());
        for (const auto& [ngram, count] : countNgrams(words))
            maxReferenceCounts[ngram] = std::max(maxReferenceCounts[ngram], count);
    }

    const std::vector<std::string> words = detail::splitWhitespace(hypothesis);
    SampleCounts counts;
    counts.hypothesisLength = static_cast<double>(words.size());
    // "closest": the smallest |len - c|, the shorter reference on a tie (Python's min over (distance, len)).
    std::size_t closest = referenceLengths.front();
    for (std::size_t length : referenceLengths) {
        const auto distance = [&](std::size_t l) { return l > words.size() ? l - words.size() : words.size() - l; };
        if (distance(length) < distance(closest) || (distance(length) == distance(closest) && length < closest))
            closest = length;
    }
    counts.referenceLength = static_cast<double>(closest);
    for (int n = 1; n <= kMaxOrder; ++n)
        counts.guess[static_cast<std::size_t>(n - 1)] =
            words.size() + 1 > static_cast<std::size_t>(n) ? static_cast<double>(words.size() - n + 1) : 0.0;
    for (const auto& [ngram, count] : countNgrams(words)) {
        const auto found = maxReferenceCounts.find(ngram);
        if (found != maxReferenceCounts.end())
            counts.correct[ngram.size() - 1] += std::min(count, found->second);
    }
    samples_.push_back(counts);
}

BleuScores BleuScorer::scoresFromCounts(const SampleCounts& counts)
{
    BleuScores scores{};
    double product = 1.0;
    for (std::size_t k = 0; k < kMaxOrder; ++k) {
        product *= (counts.correct[k] + kTiny) / (counts.guess[k] + kSmall);
        scores[k] = std::pow(product, 1.0 / static_cast<double>(k + 1));
    }
    const double ratio = (counts.hypothesisLength + kTiny) / (counts.referenceLength + kSmall);
    if (ratio < 1.0)
        for (double& score : scores)
            score *= std::exp(1.0 - 1.0 / ratio);
    return scores;
}

BleuScores BleuScorer::corpusScores() const
{
    SampleCounts total;
    for (const SampleCounts& sample : samples_) {
        total.hypothesisLength += sample.hypothesisLength;
        total.referenceLength += sample.referenceLength;
        for (std::size_t k = 0; k < kMaxOrder; ++k) {
            total.guess[k] += sample.guess[k];
            total.correct[k] += sample.correct[k];
        }
    }
    return scoresFromCounts(total);
}

std::vector<BleuScores> BleuScorer::sampleScores() const
{
    std::vector<BleuScores> scores;
    scores.reserve(samples_.size());
    for (const SampleCounts& sample : samples_)
        scores.push_back(scoresFromCounts(sample));
    return scores;
}

double sentenceBleu4(const std::string& hypothesis, const std::string& reference)
{
    BleuScorer scorer;
    scorer.addSample(hypothesis, {reference});
    return scorer.sampleScores().front()[3];
}

}  // namespace anatomix::eval
