#include "anatomix/eval/classification_metrics.h"

#include "anatomix/eval/metrics_error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace anatomix::eval {
namespace {

std::size_t checkedLabelCount(const BinaryMatrix& truth, const char* what)
{
    if (truth.empty())
        throw MetricsError(std::string(what) + ": there are no samples");
    const std::size_t nLabels = truth.front().size();
    if (nLabels == 0)
        throw MetricsError(std::string(what) + ": the samples have no label");
    return nLabels;
}

template <typename Row>
void checkRow(const Row& row, std::size_t nLabels, std::size_t sample, const char* what, const char* matrix)
{
    if (row.size() != nLabels)
        throw MetricsError(std::string(what) + ": row " + std::to_string(sample) + " of " + matrix + " has " +
                           std::to_string(row.size()) + " labels, expected " + std::to_string(nLabels));
}

void checkBinary(int value, std::size_t sample, std::size_t label, const char* what, const char* matrix)
{
    if (value != 0 && value != 1)
        throw MetricsError(std::string(what) + ": " + matrix + "[" + std::to_string(sample) + "][" +
                           std::to_string(label) + "] is " + std::to_string(value) + ", expected 0 or 1");
}

double f1FromCounts(double truePositives, double falsePositives, double falseNegatives, double zeroDivisionValue)
{
    const double denominator = 2.0 * truePositives + falsePositives + falseNegatives;
    return denominator > 0.0 ? 2.0 * truePositives / denominator : zeroDivisionValue;
}

// One label's truth (0 or 1) beside as many finite scores.
void checkBinaryScores(const std::vector<int>& truth, const std::vector<double>& scores, const char* what)
{
    if (truth.size() != scores.size())
        throw MetricsError(std::string(what) + ": " + std::to_string(scores.size()) + " scores for " +
                           std::to_string(truth.size()) + " truth values");
    for (std::size_t i = 0; i < truth.size(); ++i) {
        checkBinary(truth[i], i, 0, what, "truth");
        if (!std::isfinite(scores[i]))
            throw MetricsError(std::string(what) + ": score " + std::to_string(i) + " is not finite");
    }
}

}  // namespace

F1Report multilabelF1(const BinaryMatrix& truth, const BinaryMatrix& decision, double zeroDivisionValue)
{
    constexpr const char* what = "multilabelF1";
    const std::size_t nLabels = checkedLabelCount(truth, what);
    if (decision.size() != truth.size())
        throw MetricsError(std::string(what) + ": " + std::to_string(decision.size()) + " decision rows for " +
                           std::to_string(truth.size()) + " truth rows");
    std::vector<double> truePositives(nLabels, 0.0), falsePositives(nLabels, 0.0), falseNegatives(nLabels, 0.0);
    for (std::size_t s = 0; s < truth.size(); ++s) {
        checkRow(truth[s], nLabels, s, what, "truth");
        checkRow(decision[s], nLabels, s, what, "decision");
        for (std::size_t l = 0; l < nLabels; ++l) {
            checkBinary(truth[s][l], s, l, what, "truth");
            checkBinary(decision[s][l], s, l, what, "decision");
            if (truth[s][l] && decision[s][l])
                truePositives[l] += 1.0;
            else if (decision[s][l])
                falsePositives[l] += 1.0;
            else if (truth[s][l])
                falseNegatives[l] += 1.0;
        }
    }
    F1Report report;
    for (std::size_t l = 0; l < nLabels; ++l) {
        if (truePositives[l] + falsePositives[l] + falseNegatives[l] == 0.0)
            report.illDefinedLabels.push_back(l);
        report.perLabel.push_back(f1FromCounts(truePositives[l], falsePositives[l], falseNegatives[l],
                                               zeroDivisionValue));
    }
    report.macro = std::accumulate(report.perLabel.begin(), report.perLabel.end(), 0.0) /
                   static_cast<double>(nLabels);
    report.micro = f1FromCounts(std::accumulate(truePositives.begin(), truePositives.end(), 0.0),
                                std::accumulate(falsePositives.begin(), falsePositives.end(), 0.0),
                                std::accumulate(falseNegatives.begin(), falseNegatives.end(), 0.0),
                                zeroDivisionValue);
    return report;
}

std::vector<std::optional<double>> definedF1(const F1Report& report)
{
    std::vector<std::optional<double>> defined(report.perLabel.begin(), report.perLabel.end());
    for (std::size_t label : report.illDefinedLabels) defined[label] = std::nullopt;
    return defined;
}

std::optional<double> binaryAuroc(const std::vector<int>& truth, const std::vector<double>& scores)
{
    checkBinaryScores(truth, scores, "binaryAuroc");
    const double nPositive = static_cast<double>(std::count(truth.begin(), truth.end(), 1));
    const double nNegative = static_cast<double>(truth.size()) - nPositive;
    if (nPositive == 0.0 || nNegative == 0.0)
        return std::nullopt;

    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Sum of the positives' ranks (1-based), tied scores sharing their average rank.
    double positiveRankSum = 0.0;
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start;
        while (end < order.size() && scores[order[end]] == scores[order[start]])
            ++end;
        const double averageRank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
        for (std::size_t i = start; i < end; ++i)
            if (truth[order[i]] == 1)
                positiveRankSum += averageRank;
        start = end;
    }
    return (positiveRankSum - nPositive * (nPositive + 1.0) / 2.0) / (nPositive * nNegative);
}

ThresholdReading readAtThreshold(const std::vector<int>& truth, const std::vector<double>& scores, double threshold)
{
    checkBinaryScores(truth, scores, "readAtThreshold");
    std::size_t positives = 0, negatives = 0, truePositives = 0, trueNegatives = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const bool readPositive = scores[i] > threshold;
        if (truth[i] == 1) {
            ++positives;
            truePositives += readPositive ? 1 : 0;
        } else {
            ++negatives;
            trueNegatives += readPositive ? 0 : 1;
        }
    }
    ThresholdReading reading;
    if (positives > 0)
        reading.sensitivity = static_cast<double>(truePositives) / static_cast<double>(positives);
    if (negatives > 0)
        reading.specificity = static_cast<double>(trueNegatives) / static_cast<double>(negatives);
    if (reading.sensitivity && reading.specificity)
        reading.balancedAccuracy = (*reading.sensitivity + *reading.specificity) / 2.0;
    return reading;
}

AurocReport multilabelAuroc(const BinaryMatrix& truth, const ScoreMatrix& scores)
{
    constexpr const char* what = "multilabelAuroc";
    const std::size_t nLabels = checkedLabelCount(truth, what);
    if (scores.size() != truth.size())
        throw MetricsError(std::string(what) + ": " + std::to_string(scores.size()) + " score rows for " +
                           std::to_string(truth.size()) + " truth rows");
    for (std::size_t s = 0; s < truth.size(); ++s) {
        checkRow(truth[s], nLabels, s, what, "truth");
        checkRow(scores[s], nLabels, s, what, "scores");
    }
    AurocReport report;
    double sum = 0.0;
    std::size_t nScored = 0;
    for (std::size_t l = 0; l < nLabels; ++l) {
        std::vector<int> labelTruth;
        std::vector<double> labelScores;
        for (std::size_t s = 0; s < truth.size(); ++s) {
            labelTruth.push_back(truth[s][l]);
            labelScores.push_back(scores[s][l]);
        }
        const std::optional<double> auroc = binaryAuroc(labelTruth, labelScores);
        report.perLabel.push_back(auroc);
        if (auroc) {
            sum += *auroc;
            ++nScored;
        } else {
            report.skippedLabels.push_back(l);
        }
    }
    report.macro = nScored == 0 ? 0.0 : sum / static_cast<double>(nScored);
    return report;
}

BinaryMatrix thresholdScores(const ScoreMatrix& scores, double threshold)
{
    BinaryMatrix decisions;
    decisions.reserve(scores.size());
    for (const std::vector<double>& row : scores) {
        std::vector<int> decided;
        decided.reserve(row.size());
        for (double score : row)
            decided.push_back(score > threshold ? 1 : 0);
        decisions.push_back(std::move(decided));
    }
    return decisions;
}

}  // namespace anatomix::eval
