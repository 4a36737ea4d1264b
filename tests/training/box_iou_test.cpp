// The paper's per-sample IoU on hand-computed cases (the IoU of two boxes: tests/geometry).
#include "anatomix/eval/box_iou.h"
#include "anatomix/eval/metrics_error.h"

#include <gtest/gtest.h>

namespace {

using anatomix::Box;

TEST(SampleIou, TakesTheBestReferencePerPredictionThenTheMean)
{
    const std::vector<Box> reference = {{0, 0, 10, 10}, {5, 5, 15, 15}};
    // First prediction hits reference 0 exactly (1), the second overlaps nothing (0): mean 0.5.
    EXPECT_DOUBLE_EQ(*anatomix::eval::sampleIou({{0, 0, 10, 10}, {20, 20, 30, 30}}, reference), 0.5);
    // Against reference 0 it would be 1/7; the best is reference 1 exactly.
    EXPECT_DOUBLE_EQ(*anatomix::eval::sampleIou({{5, 5, 15, 15}}, reference), 1.0);
}

TEST(SampleIou, SampleWithoutPredictedBoxIsSkippedNotZero)
{
    EXPECT_FALSE(anatomix::eval::sampleIou({}, {{0, 0, 10, 10}}).has_value());
    anatomix::eval::IouAccumulator accumulator;
    EXPECT_DOUBLE_EQ(*accumulator.addSample({{0, 0, 10, 10}, {20, 20, 30, 30}}, {{0, 0, 10, 10}}), 0.5);
    EXPECT_FALSE(accumulator.addSample({}, {{0, 0, 10, 10}}).has_value());
    EXPECT_DOUBLE_EQ(*accumulator.addSample({{0, 0, 10, 10}}, {{0, 0, 10, 10}}), 1.0);
    EXPECT_DOUBLE_EQ(accumulator.meanIou(), 0.75);
    EXPECT_EQ(accumulator.nScored(), 2u);
    EXPECT_EQ(accumulator.nSkippedNoBox(), 1u);
}

TEST(SampleIou, ReferenceWithoutBoxIsAnError)
{
    try {
        anatomix::eval::sampleIou({{0, 0, 1, 1}}, {});
        FAIL() << "expected MetricsError";
    } catch (const anatomix::eval::MetricsError& error) {
        EXPECT_NE(std::string(error.what()).find("reference has no box"), std::string::npos) << error.what();
    }
}

TEST(SampleIou, EmptyAccumulatorHasMeanZero)
{
    anatomix::eval::IouAccumulator accumulator;
    EXPECT_DOUBLE_EQ(accumulator.meanIou(), 0.0);
    EXPECT_EQ(accumulator.nScored(), 0u);
}

}  // namespace
