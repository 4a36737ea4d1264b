// mAP on small cases whose AP was worked out by hand (101-point interpolation, thresholds 0.25/0.5/0.75/0.95).
#include "anatomix/eval/mean_average_precision.h"
#include "anatomix/eval/metrics_error.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using anatomix::eval::DetectedBox;
using anatomix::eval::MapOptions;
using anatomix::eval::TruthBox;
using anatomix::eval::sampleMeanAveragePrecision;

TEST(MeanAveragePrecision, ExactDetectionScoresOneAtEveryThreshold)
{
    const auto result = sampleMeanAveragePrecision({{{0, 0, 10, 10}}}, {{{0, 0, 10, 10}}});
    EXPECT_DOUBLE_EQ(result.map, 1.0);
    EXPECT_DOUBLE_EQ(result.map50, 1.0);
    EXPECT_DOUBLE_EQ(result.map75, 1.0);
}

TEST(MeanAveragePrecision, IouBetweenThresholdsCountsOnlyWhereReached)
{
    // IoU 100/120 = 0.833: a hit at 0.25, 0.5 and 0.75 (AP 1), a miss at 0.95 (AP 0) -> map 3/4.
    const auto result = sampleMeanAveragePrecision({{{0, 0, 10, 12}}}, {{{0, 0, 10, 10}}});
    EXPECT_DOUBLE_EQ(result.map, 0.75);
    EXPECT_DOUBLE_EQ(result.map50, 1.0);
    EXPECT_DOUBLE_EQ(result.map75, 1.0);
    ASSERT_EQ(result.apPerThreshold.size(), 4u);
    EXPECT_DOUBLE_EQ(result.apPerThreshold[3], 0.0);
}

TEST(MeanAveragePrecision, HalfRecallReachesFiftyOneOfTheHundredAndOnePoints)
{
    // One of two truth boxes found with precision 1: recall 0.5, so the points 0, 0.01, ..., 0.5 read 1.
    const auto result = sampleMeanAveragePrecision({{{0, 0, 10, 10}}}, {{{0, 0, 10, 10}}, {{20, 20, 30, 30}}});
    EXPECT_DOUBLE_EQ(result.map, 51.0 / 101.0);
}

TEST(MeanAveragePrecision, ScoreOrderDecidesPrecision)
{
    const std::vector<TruthBox> truth = {{{0, 0, 10, 10}}};
    // False positive ranked first: precision 0 then 1/2 -> interpolated 1/2 at every recall point.
    EXPECT_DOUBLE_EQ(
        sampleMeanAveragePrecision({{{50, 50, 60, 60}, 0.9}, {{0, 0, 10, 10}, 0.8}}, truth).map, 0.5);
    // True positive ranked first: precision 1 at recall 1.
    EXPECT_DOUBLE_EQ(
        sampleMeanAveragePrecision({{{50, 50, 60, 60}, 0.8}, {{0, 0, 10, 10}, 0.9}}, truth).map, 1.0);
    // Unscored boxes all score 1.0: input order decides, as in the paper.
    EXPECT_DOUBLE_EQ(sampleMeanAveragePrecision({{{50, 50, 60, 60}}, {{0, 0, 10, 10}}}, truth).map, 0.5);
}

TEST(MeanAveragePrecision, DuplicateDetectionIsAFalsePositiveAfterTheHit)
{
    // Precision 1 then 1/2 at recall 1: interpolated precision is 1 everywhere.
    EXPECT_DOUBLE_EQ(
        sampleMeanAveragePrecision({{{0, 0, 10, 10}, 0.9}, {{0, 0, 10, 10}, 0.8}}, {{{0, 0, 10, 10}}}).map, 1.0);
}

TEST(MeanAveragePrecision, ClassesAreAveragedAndDetectionOnlyClassesLeftOut)
{
    // Class 0 found (AP 1), class 1 missed (AP 0), class 2 only predicted (no truth: left out) -> 0.5.
    const auto result = sampleMeanAveragePrecision(
        {{{0, 0, 10, 10}, 1.0, 0}, {{40, 40, 50, 50}, 1.0, 1}, {{70, 70, 80, 80}, 1.0, 2}},
        {{{0, 0, 10, 10}, 0}, {{20, 20, 30, 30}, 1}});
    EXPECT_DOUBLE_EQ(result.map, 0.5);
    EXPECT_DOUBLE_EQ(result.apPerClass.at(0), 1.0);
    EXPECT_DOUBLE_EQ(result.apPerClass.at(1), 0.0);
    EXPECT_DOUBLE_EQ(result.apPerClass.at(2), -1.0);
}

TEST(MeanAveragePrecision, ClassAgnosticModeIgnoresLabels)
{
    const std::vector<DetectedBox> detections = {{{0, 0, 10, 10}, 1.0, 1}};
    const std::vector<TruthBox> truths = {{{0, 0, 10, 10}, 0}};
    EXPECT_DOUBLE_EQ(sampleMeanAveragePrecision(detections, truths).map, 0.0);
    MapOptions agnostic;
    agnostic.classAgnostic = true;
    EXPECT_DOUBLE_EQ(sampleMeanAveragePrecision(detections, truths, agnostic).map, 1.0);
}

TEST(MeanAveragePrecision, ImagesAccumulateIntoOneCurve)
{
    anatomix::eval::MeanAveragePrecision metric;
    metric.addImage({{{0, 0, 10, 10}}}, {{{0, 0, 10, 10}}});
    metric.addImage({}, {{{0, 0, 10, 10}}});  // missed: recall 1/2 over the data set
    metric.addImage({}, {});                  // nothing to find, nothing found
    const auto result = metric.compute();
    EXPECT_DOUBLE_EQ(result.map, 51.0 / 101.0);
    EXPECT_EQ(result.nImages, 3u);
}

TEST(MeanAveragePrecision, NoTruthBoxGivesMinusOne)
{
    const auto result = sampleMeanAveragePrecision({{{0, 0, 10, 10}}}, {});
    EXPECT_DOUBLE_EQ(result.map, -1.0);
    EXPECT_DOUBLE_EQ(result.map50, -1.0);
}

TEST(MeanAveragePrecision, DetectionsBeyondTheLimitPerImageAreDropped)
{
    MapOptions options;
    options.maxDetectionsPerImage = 1;
    // Only the higher-scored false positive is kept.
    EXPECT_DOUBLE_EQ(sampleMeanAveragePrecision({{{50, 50, 60, 60}, 0.9}, {{0, 0, 10, 10}, 0.8}}, {{{0, 0, 10, 10}}},
                                                options)
                         .map,
                     0.0);
}

TEST(MeanAveragePrecision, BadOptionsAndInputsAreErrors)
{
    MapOptions noThreshold;
    noThreshold.iouThresholds.clear();
    EXPECT_THROW(anatomix::eval::MeanAveragePrecision{noThreshold}, anatomix::eval::MetricsError);
    MapOptions outOfRange;
    outOfRange.iouThresholds = {0.5, 1.5};
    EXPECT_THROW(anatomix::eval::MeanAveragePrecision{outOfRange}, anatomix::eval::MetricsError);
    MapOptions descending;
    descending.recallPoints = {0.5, 0.2};
    EXPECT_THROW(anatomix::eval::MeanAveragePrecision{descending}, anatomix::eval::MetricsError);
    anatomix::eval::MeanAveragePrecision metric;
    EXPECT_THROW(metric.addImage({{{0, 0, std::nan(""), 10}}}, {}), anatomix::eval::MetricsError);
}

}  // namespace
