// ROUGE-L on short sentences computed by hand.
#include "anatomix/eval/rouge.h"

#include <gtest/gtest.h>

namespace {

using anatomix::eval::rougeL;
using anatomix::eval::rougeTokenize;

TEST(Rouge, TokenizerLowercasesSplitsAndStemsLongWords)
{
    const std::vector<std::string> expected = {"the", "heart", "is", "enlarg", "1", "5", "cm"};
    EXPECT_EQ(rougeTokenize("The heart is ENLARGED (1.5cm)."), std::vector<std::string>({"the", "heart", "is", "enlarg", "1", "5cm"}));
    EXPECT_EQ(rougeTokenize("The heart is enlarged, 1.5 cm"), expected);
    // Words of 3 letters or fewer are not stemmed ("was" would become "wa").
    EXPECT_EQ(rougeTokenize("was lines"), std::vector<std::string>({"was", "line"}));
    EXPECT_EQ(rougeTokenize("lines", false), std::vector<std::string>({"lines"}));
    EXPECT_TRUE(rougeTokenize(" ... ").empty());
}

TEST(Rouge, LongestCommonSubsequence)
{
    EXPECT_EQ(anatomix::eval::longestCommonSubsequence({"a", "b", "c", "d"}, {"a", "c", "d", "b"}), 3u);
    EXPECT_EQ(anatomix::eval::longestCommonSubsequence({}, {"a"}), 0u);
}

TEST(Rouge, PrecisionRecallAndFmeasure)
{
    // Reference [the heart is enlarg], hypothesis [heart enlarg]: LCS 2, P 2/2, R 2/4, F 2*1*0.5/1.5.
    const auto score = rougeL("The heart is enlarged.", "heart enlarged");
    EXPECT_DOUBLE_EQ(score.precision, 1.0);
    EXPECT_DOUBLE_EQ(score.recall, 0.5);
    EXPECT_DOUBLE_EQ(score.fmeasure, 2.0 / 3.0);
}

TEST(Rouge, OrderMattersThroughTheSubsequence)
{
    // [no pleural effus] vs [pleural effus no]: LCS 2 of 3 on both sides.
    EXPECT_DOUBLE_EQ(rougeL("no pleural effusion", "pleural effusion no").fmeasure, 2.0 / 3.0);
}

TEST(Rouge, StemmingMatchesInflections)
{
    EXPECT_DOUBLE_EQ(rougeL("small effusion", "small effusions").fmeasure, 1.0);
    // Without the stemmer only "small" matches: P = R = 1/2.
    EXPECT_DOUBLE_EQ(rougeL("small effusion", "small effusions", false).fmeasure, 0.5);
}

TEST(Rouge, EmptySideScoresZero)
{
    EXPECT_DOUBLE_EQ(rougeL("", "heart").fmeasure, 0.0);
    EXPECT_DOUBLE_EQ(rougeL("heart", "!!").fmeasure, 0.0);
    EXPECT_DOUBLE_EQ(rougeL("heart", "lungs").fmeasure, 0.0);
}

}  // namespace
