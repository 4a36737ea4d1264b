// F1, AUROC and readings at a threshold on hand-computed cases.
#include "anatomix/eval/classification_metrics.h"
#include "anatomix/eval/metrics_error.h"

#include <gtest/gtest.h>

#include <limits>

namespace {

using anatomix::eval::binaryAuroc;
using anatomix::eval::multilabelF1;

TEST(ClassificationMetrics, F1PerLabelMacroAndMicro)
{
    // Label 0: TP 1, FN 1, FP 1 -> 2/4. Label 1: TP 1 -> 1. Label 2: nothing anywhere -> ill-defined, 0.
    const auto report = multilabelF1({{1, 0, 0}, {1, 1, 0}, {0, 0, 0}}, {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}});
    ASSERT_EQ(report.perLabel.size(), 3u);
    EXPECT_DOUBLE_EQ(report.perLabel[0], 0.5);
    EXPECT_DOUBLE_EQ(report.perLabel[1], 1.0);
    EXPECT_DOUBLE_EQ(report.perLabel[2], 0.0);
    EXPECT_DOUBLE_EQ(report.macro, 0.5);
    EXPECT_DOUBLE_EQ(report.micro, 4.0 / 6.0);  // TP 2, FP 1, FN 1
    EXPECT_EQ(report.illDefinedLabels, std::vector<std::size_t>({2}));
    // For tables: the ill-defined label has no F1 rather than 0.
    const auto defined = anatomix::eval::definedF1(report);
    ASSERT_EQ(defined.size(), 3u);
    EXPECT_DOUBLE_EQ(defined[0].value(), 0.5);
    EXPECT_FALSE(defined[2].has_value());
}

TEST(ClassificationMetrics, IllDefinedF1TakesTheGivenValue)
{
    const auto report = multilabelF1({{1, 0}}, {{1, 0}}, 1.0);
    EXPECT_DOUBLE_EQ(report.perLabel[1], 1.0);
    EXPECT_DOUBLE_EQ(report.macro, 1.0);
}

TEST(ClassificationMetrics, AurocCountsOrderedPairs)
{
    // Negatives 0.1, 0.4; positives 0.35, 0.8: 3 of 4 pairs ordered.
    EXPECT_DOUBLE_EQ(*binaryAuroc({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8}), 0.75);
    EXPECT_DOUBLE_EQ(*binaryAuroc({0, 1}, {0.2, 0.9}), 1.0);
    EXPECT_DOUBLE_EQ(*binaryAuroc({1, 0}, {0.2, 0.9}), 0.0);
}

TEST(ClassificationMetrics, AurocTiesCountOneHalf)
{
    EXPECT_DOUBLE_EQ(*binaryAuroc({0, 1}, {0.5, 0.5}), 0.5);
    // Positive 0.5 against negatives 0.2 (won) and 0.5 (tie): 1.5 / 2.
    EXPECT_DOUBLE_EQ(*binaryAuroc({0, 0, 1}, {0.2, 0.5, 0.5}), 0.75);
}

TEST(ClassificationMetrics, SingleClassLabelIsSkippedFromMacroAuroc)
{
    EXPECT_FALSE(binaryAuroc({1, 1}, {0.2, 0.3}).has_value());
    const auto report = anatomix::eval::multilabelAuroc({{0, 1}, {1, 1}}, {{0.1, 0.5}, {0.9, 0.2}});
    EXPECT_DOUBLE_EQ(*report.perLabel[0], 1.0);
    EXPECT_FALSE(report.perLabel[1].has_value());
    EXPECT_EQ(report.skippedLabels, std::vector<std::size_t>({1}));
    EXPECT_DOUBLE_EQ(report.macro, 1.0);
}

TEST(ClassificationMetrics, ThresholdIsStrict)
{
    EXPECT_EQ(anatomix::eval::thresholdScores({{0.5, 0.51, -1.0}}, 0.5), anatomix::eval::BinaryMatrix({{0, 1, 0}}));
}

TEST(ClassificationMetrics, ReadingAtAThresholdCountsEachClass)
{
    using anatomix::eval::readAtThreshold;
    // Positives 0.7, 0.5 (at the threshold: read negative), 0.9; negatives 0.2, 0.6.
    const auto reading = readAtThreshold({1, 1, 1, 0, 0}, {0.7, 0.5, 0.9, 0.2, 0.6}, 0.5);
    EXPECT_DOUBLE_EQ(*reading.sensitivity, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(*reading.specificity, 0.5);
    EXPECT_DOUBLE_EQ(*reading.balancedAccuracy, (2.0 / 3.0 + 0.5) / 2.0);
    // A constant score reads every film alike: balanced accuracy one half, whichever side of the threshold.
    EXPECT_DOUBLE_EQ(*readAtThreshold({1, 0, 0}, {0.8, 0.8, 0.8}, 0.5).balancedAccuracy, 0.5);
    EXPECT_DOUBLE_EQ(*readAtThreshold({1, 0, 0}, {0.1, 0.1, 0.1}, 0.5).balancedAccuracy, 0.5);
    const auto negativesOnly = readAtThreshold({0, 0}, {0.1, 0.9}, 0.5);
    EXPECT_FALSE(negativesOnly.sensitivity.has_value());
    EXPECT_DOUBLE_EQ(*negativesOnly.specificity, 0.5);
    EXPECT_FALSE(negativesOnly.balancedAccuracy.has_value());
    EXPECT_THROW(readAtThreshold({0, 1}, {0.5}, 0.5), anatomix::eval::MetricsError);
    EXPECT_THROW(readAtThreshold({0, 3}, {0.5, 0.5}, 0.5), anatomix::eval::MetricsError);
}

TEST(ClassificationMetrics, MalformedInputIsAnError)
{
    using anatomix::eval::MetricsError;
    EXPECT_THROW(multilabelF1({}, {}), MetricsError);
    EXPECT_THROW(multilabelF1({{1, 0}}, {{1}}), MetricsError);
    EXPECT_THROW(multilabelF1({{1, 0}}, {{1, 0}, {0, 0}}), MetricsError);
    EXPECT_THROW(multilabelF1({{2, 0}}, {{1, 0}}), MetricsError);
    EXPECT_THROW(binaryAuroc({0, 1}, {0.5}), MetricsError);
    EXPECT_THROW(binaryAuroc({0, 1}, {0.5, std::numeric_limits<double>::quiet_NaN()}), MetricsError);
    try {
        multilabelF1({{1, 0}, {0, 1}}, {{1, 0}, {0, 1, 1}});
        FAIL() << "expected MetricsError";
    } catch (const MetricsError& error) {
        EXPECT_NE(std::string(error.what()).find("row 1 of decision has 3 labels, expected 2"), std::string::npos)
            << error.what();
    }
}

}  // namespace
