// Closed-ended VQA: options, labels and normalisation.
#include "anatomix/eval/closed_vqa.h"

#include <gtest/gtest.h>

namespace {

using anatomix::eval::ClosedVqaSample;
using anatomix::eval::closedVqaCorrect;

const std::string kPrompt = "Is there any evidence of pleural effusion in the left lung? Options:\n(K) yes\n(B) no";

TEST(ClosedVqa, ParsesStyledOptions)
{
    const auto options = anatomix::eval::parseClosedOptions(kPrompt);
    ASSERT_EQ(options.size(), 2u);
    EXPECT_EQ(options[0].label, "K");
    EXPECT_EQ(options[0].text, "yes");
    EXPECT_EQ(options[1].label, "B");
    EXPECT_TRUE(anatomix::eval::parseClosedOptions("Is the heart enlarged?").empty());
}

TEST(ClosedVqa, FullOptionLabelOrTextAllCount)
{
    EXPECT_TRUE(closedVqaCorrect({kPrompt, "(K) yes", "(K) yes"}));
    EXPECT_TRUE(closedVqaCorrect({kPrompt, "(K)", "(K) yes"}));
    EXPECT_TRUE(closedVqaCorrect({kPrompt, "Yes.", "(K) yes"}));
    EXPECT_TRUE(closedVqaCorrect({kPrompt, "  yes ", "(K)"}));
    EXPECT_FALSE(closedVqaCorrect({kPrompt, "(B)", "(K) yes"}));
    EXPECT_FALSE(closedVqaCorrect({kPrompt, "no", "(K)"}));
    EXPECT_FALSE(closedVqaCorrect({kPrompt, "", "(K)"}));
}

TEST(ClosedVqa, LabelsKeepTheirCase)
{
    const std::string prompt = "Does the cardiac silhouette show any abnormality? Options:\n(b) yes\n(B) no\n"
                               "Answer with the option\xE2\x80\x99s letter/number from the given choices directly.";
    EXPECT_TRUE(closedVqaCorrect({prompt, "(B)", "(B) no"}));
    EXPECT_FALSE(closedVqaCorrect({prompt, "(b)", "(B) no"}));
}

TEST(ClosedVqa, NormalisationLowercasesTrimsAndUnifiesApostrophes)
{
    EXPECT_EQ(anatomix::eval::normalizeAnswerText("  The  Option\xE2\x80\x99s\n Answer. "), "the option's answer");
}

TEST(ClosedVqa, AccuracyOverSamples)
{
    const auto result = anatomix::eval::closedVqaAccuracy(
        {{kPrompt, "(K)", "(K) yes"}, {kPrompt, "(B) no", "(K) yes"}, {"Is it? Options:\n(1) yes\n(2) no", "no", "(2)"}});
    EXPECT_EQ(result.nSamples, 3u);
    EXPECT_EQ(result.nCorrect, 2u);
    EXPECT_DOUBLE_EQ(result.accuracy, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(anatomix::eval::closedVqaAccuracy({}).accuracy, 0.0);
}

}  // namespace
