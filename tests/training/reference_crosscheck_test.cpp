// Cross-check of anatomix_metrics against the Python implementations the paper uses. The numbers come from
// reference_metrics.py, run by the ctest fixture eval.reference_numbers just before this suite; its output path
// is in ANATOMIX_EVAL_REFERENCE. Each test prints the largest difference it saw.
#include "anatomix/eval/bleu.h"
#include "anatomix/eval/box_iou.h"
#include "anatomix/eval/classification_metrics.h"
#include "anatomix/eval/mean_average_precision.h"
#include "anatomix/eval/meteor.h"
#include "anatomix/eval/porter_stemmer.h"
#include "anatomix/eval/rouge.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace {

using anatomix::Box;
using nlohmann::json;

const json& reference()
{
    static const json data = [] {
        const char* path = std::getenv("ANATOMIX_EVAL_REFERENCE");
        if (!path)
            throw std::runtime_error("ANATOMIX_EVAL_REFERENCE is not set (run this suite through ctest)");
        std::ifstream file(path);
        if (!file)
            throw std::runtime_error(std::string("cannot open the reference numbers ") + path);
        return json::parse(file);
    }();
    return data;
}

// The cases' corners are whole pixels, exact in the box's float.
Box boxFrom(const json& row)
{
    return {row[0].get<float>(), row[1].get<float>(), row[2].get<float>(), row[3].get<float>()};
}

TEST(ReferenceCrosscheck, PorterStemmerMatchesNltkOnEveryWord)
{
    std::size_t mismatches = 0;
    for (const json& entry : reference()["stems"]) {
        const std::string word = entry[0].get<std::string>();
        const std::string stem = anatomix::eval::porterStem(word);
        if (stem != entry[1].get<std::string>()) {
            ++mismatches;
            ADD_FAILURE() << "stem(\"" << word << "\") = \"" << stem << "\", NLTK: \"" << entry[1].get<std::string>()
                          << "\"";
        }
    }
    std::printf("Porter stemmer: %zu words, %zu mismatches\n", reference()["stems"].size(), mismatches);
}

TEST(ReferenceCrosscheck, RougeLMatchesRougeScore)
{
    double maxDifference = 0.0;
    for (const json& entry : reference()["rouge"]) {
        const auto score = anatomix::eval::rougeL(entry["reference"].get<std::string>(),
                                                  entry["hypothesis"].get<std::string>());
        const double difference = std::max({std::abs(score.precision - entry["precision"].get<double>()),
                                            std::abs(score.recall - entry["recall"].get<double>()),
                                            std::abs(score.fmeasure - entry["fmeasure"].get<double>())});
        maxDifference = std::max(maxDifference, difference);
        EXPECT_LT(difference, 1e-12) << "reference \"" << entry["reference"] << "\" hypothesis \"" << entry["hypothesis"]
                                     << "\"";
    }
    std::printf("ROUGE-L: %zu pairs, max |difference| %.3g\n", reference()["rouge"].size(), maxDifference);
}

TEST(ReferenceCrosscheck, BleuMatchesPycocoevalcapPerSampleAndCorpus)
{
    const json& bleu = reference()["bleu"];
    anatomix::eval::BleuScorer scorer;
    for (const json& sample : bleu["samples"])
        scorer.addSample(sample["hypothesis"].get<std::string>(), sample["references"].get<std::vector<std::string>>());
    double maxDifference = 0.0;
    const auto corpus = scorer.corpusScores();
    for (std::size_t k = 0; k < 4; ++k) {
        const double difference = std::abs(corpus[k] - bleu["corpus"][k].get<double>());
        maxDifference = std::max(maxDifference, difference);
        EXPECT_LT(difference, 1e-12) << "corpus BLEU-" << (k + 1);
    }
    const auto perSample = scorer.sampleScores();
    ASSERT_EQ(perSample.size(), bleu["per_sample"].size());
    for (std::size_t i = 0; i < perSample.size(); ++i)
        for (std::size_t k = 0; k < 4; ++k) {
            const double expected = bleu["per_sample"][i][k].get<double>();
            const double difference = std::abs(perSample[i][k] - expected);
            maxDifference = std::max(maxDifference, difference);
            EXPECT_LE(difference, 1e-12 + 1e-9 * std::abs(expected))
                << "sample " << i << " BLEU-" << (k + 1) << ": " << bleu["samples"][i].dump();
        }
    std::printf("BLEU: %zu samples, max |difference| %.3g\n", perSample.size(), maxDifference);
}

TEST(ReferenceCrosscheck, MeteorMatchesNltkExactAndStemStages)
{
    double maxDifference = 0.0;
    for (const json& entry : reference()["meteor"]) {
        const double score = anatomix::eval::meteorScore({entry["reference"].get<std::string>()},
                                                         entry["hypothesis"].get<std::string>());
        const double difference = std::abs(score - entry["score"].get<double>());
        maxDifference = std::max(maxDifference, difference);
        EXPECT_LT(difference, 1e-12) << "reference \"" << entry["reference"] << "\" hypothesis \"" << entry["hypothesis"]
                                     << "\"";
    }
    std::printf("METEOR (exact+stem): %zu pairs, max |difference| %.3g\n", reference()["meteor"].size(), maxDifference);
}

TEST(ReferenceCrosscheck, F1MatchesScikitLearn)
{
    const json& f1 = reference()["f1"];
    const auto report = anatomix::eval::multilabelF1(f1["truth"].get<anatomix::eval::BinaryMatrix>(),
                                                     f1["decision"].get<anatomix::eval::BinaryMatrix>());
    double maxDifference = std::max(std::abs(report.macro - f1["macro"].get<double>()),
                                    std::abs(report.micro - f1["micro"].get<double>()));
    ASSERT_EQ(report.perLabel.size(), f1["per_label"].size());
    for (std::size_t l = 0; l < report.perLabel.size(); ++l)
        maxDifference = std::max(maxDifference, std::abs(report.perLabel[l] - f1["per_label"][l].get<double>()));
    EXPECT_LT(maxDifference, 1e-12);
    std::printf("F1: max |difference| %.3g\n", maxDifference);
}

TEST(ReferenceCrosscheck, AurocMatchesScikitLearnWithTies)
{
    const json& auroc = reference()["auroc"];
    const auto report = anatomix::eval::multilabelAuroc(auroc["truth"].get<anatomix::eval::BinaryMatrix>(),
                                                        auroc["scores"].get<anatomix::eval::ScoreMatrix>());
    double maxDifference = std::abs(report.macro - auroc["macro"].get<double>());
    ASSERT_EQ(report.perLabel.size(), auroc["per_label"].size());
    for (std::size_t l = 0; l < report.perLabel.size(); ++l) {
        const json& expected = auroc["per_label"][l];
        ASSERT_EQ(report.perLabel[l].has_value(), !expected.is_null()) << "label " << l;
        if (report.perLabel[l])
            maxDifference = std::max(maxDifference, std::abs(*report.perLabel[l] - expected.get<double>()));
    }
    EXPECT_LT(maxDifference, 1e-12);
    std::printf("AUROC: max |difference| %.3g, skipped labels %zu\n", maxDifference, report.skippedLabels.size());
}

TEST(ReferenceCrosscheck, MeanAveragePrecisionMatchesTorchmetrics)
{
    // With torchmetrics' recall points the numbers agree to float32 precision; with the default points
    // (k/100 in float32) they may differ by at most 0.5/101 per threshold where a recall lands on a point.
    double maxDifference = 0.0;
    double maxDifferenceDefaultPoints = 0.0;
    std::size_t caseIndex = 0;
    for (const json& entry : reference()["map"]) {
        anatomix::eval::MapOptions options;
        options.classAgnostic = entry["class_agnostic"].get<bool>();
        anatomix::eval::MapOptions defaultPointOptions = options;
        options.recallPoints = reference()["recall_points"].get<std::vector<double>>();
        anatomix::eval::MeanAveragePrecision metric(options);
        anatomix::eval::MeanAveragePrecision metricDefaultPoints(defaultPointOptions);
        for (const json& image : entry["images"]) {
            std::vector<anatomix::eval::DetectedBox> detections;
            for (const json& row : image["detections"])
                detections.push_back({boxFrom(row), row[4].get<double>(), row[5].get<int>()});
            std::vector<anatomix::eval::TruthBox> truths;
            for (const json& row : image["truths"])
                truths.push_back({boxFrom(row), row[4].get<int>()});
            metric.addImage(detections, truths);
            metricDefaultPoints.addImage(detections, truths);
        }
        const auto result = metric.compute();
        const auto resultDefaultPoints = metricDefaultPoints.compute();
        const double defaultDifference = std::abs(resultDefaultPoints.map - entry["map"].get<double>());
        maxDifferenceDefaultPoints = std::max(maxDifferenceDefaultPoints, defaultDifference);
        EXPECT_LE(defaultDifference, 0.5 / 101.0 + 1e-6) << "case " << caseIndex << " with the default recall points";
        // torchmetrics returns float32.
        for (const auto& [ours, key] : {std::pair{result.map, "map"}, std::pair{result.map50, "map_50"},
                                        std::pair{result.map75, "map_75"}}) {
            const double difference = std::abs(ours - entry[key].get<double>());
            maxDifference = std::max(maxDifference, difference);
            EXPECT_LT(difference, 1e-6) << "case " << caseIndex << " " << key << ": " << entry.dump();
        }
        ++caseIndex;
    }
    std::printf("mAP: %zu cases, max |difference| %.3g (%.3g with the default recall points)\n", caseIndex,
                maxDifference, maxDifferenceDefaultPoints);
}

TEST(ReferenceCrosscheck, SampleIouMatchesTorchmetrics)
{
    double maxDifference = 0.0;
    for (const json& entry : reference()["iou"]) {
        std::vector<Box> predicted, truth;
        for (const json& row : entry["predicted"])
            predicted.push_back(boxFrom(row));
        for (const json& row : entry["reference"])
            truth.push_back(boxFrom(row));
        const auto iou = anatomix::eval::sampleIou(predicted, truth);
        ASSERT_TRUE(iou.has_value());
        const double difference = std::abs(*iou - entry["iou"].get<double>());
        maxDifference = std::max(maxDifference, difference);
        EXPECT_LT(difference, 1e-12) << entry.dump();
    }
    std::printf("Sample IoU: %zu cases, max |difference| %.3g\n", reference()["iou"].size(), maxDifference);
}

}  // namespace
