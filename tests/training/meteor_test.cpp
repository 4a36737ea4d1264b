// METEOR (NLTK semantics, exact and stem stages) on short sentences computed by hand.
#include "anatomix/eval/meteor.h"

#include <gtest/gtest.h>

namespace {

using anatomix::eval::meteorScore;

TEST(Meteor, IdenticalSentenceIsPenalisedOnlyByOneChunk)
{
    // m = 4, P = R = 1, one chunk: penalty 0.5 * (1/4)^3.
    EXPECT_DOUBLE_EQ(meteorScore({"the heart is enlarged"}, "the heart is enlarged"), 1.0 - 0.5 / 64.0);
}

TEST(Meteor, ReorderedWordsFormSeparateChunks)
{
    // Hypothesis "enlarged heart" vs "the heart is enlarged": m = 2, P = 1, R = 1/2,
    // Fmean = 0.5 / (0.9 + 0.05); two chunks of one word: penalty 0.5 * 1^3.
    EXPECT_DOUBLE_EQ(meteorScore({"the heart is enlarged"}, "enlarged heart"), 0.5 * (0.5 / 0.95));
}

TEST(Meteor, StemStageMatchesInflections)
{
    // "effusions" and "effusion" share the stem "effus": m = 1, P = R = 1, one chunk of one: penalty 0.5.
    EXPECT_DOUBLE_EQ(meteorScore({"effusion"}, "effusions"), 0.5);
    // Lowercased before matching.
    EXPECT_DOUBLE_EQ(meteorScore({"Effusion"}, "effusion"), 0.5);
}

TEST(Meteor, RepeatedWordMatchesOnce)
{
    // "a a" vs "a": m = 1, P = 1/2, R = 1, Fmean = 0.5 / (0.45 + 0.1), penalty 0.5.
    EXPECT_DOUBLE_EQ(meteorScore({"a"}, "a a"), 0.5 * (0.5 / 0.55));
}

TEST(Meteor, BestReferenceCounts)
{
    EXPECT_DOUBLE_EQ(meteorScore({"nothing alike", "effusion"}, "effusions"), 0.5);
}

TEST(Meteor, NoMatchOrEmptyScoresZero)
{
    EXPECT_DOUBLE_EQ(meteorScore({"the heart"}, ""), 0.0);
    EXPECT_DOUBLE_EQ(meteorScore({"the heart"}, "lungs clear"), 0.0);
    EXPECT_DOUBLE_EQ(meteorScore({}, "lungs"), 0.0);
}

}  // namespace
