// CheXpert-14 F1 of labelled reports, computed by hand.
#include "anatomix/eval/chexpert_f1.h"
#include "anatomix/eval/metrics_error.h"

#include <gtest/gtest.h>

namespace {

using anatomix::eval::ChexpertLabel;

TEST(ChexpertF1, HandComputedReports)
{
    // Reference 1: Pleural Effusion positive (No Finding absent). Reference 2: No Finding.
    // Hypothesis 1: effusion negated, so No Finding. Hypothesis 2: No Finding.
    // Pleural Effusion: FN 1 -> F1 0. No Finding: TP 1, FP 1 -> 2/3. The other 12 labels: ill-defined, 0.
    const auto report = anatomix::eval::chexpertF1FromReports({"No pleural effusion.", "Heart size is normal."},
                                                              {"Small left pleural effusion.", "Heart size is normal."});
    const auto index = [](ChexpertLabel label) { return static_cast<std::size_t>(label); };
    EXPECT_DOUBLE_EQ(report.all14.perLabel[index(ChexpertLabel::PleuralEffusion)], 0.0);
    EXPECT_DOUBLE_EQ(report.all14.perLabel[index(ChexpertLabel::NoFinding)], 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(report.all14.macro, (2.0 / 3.0) / 14.0);
    EXPECT_DOUBLE_EQ(report.all14.micro, 0.5);  // TP 1, FP 1, FN 1
    EXPECT_EQ(report.all14.illDefinedLabels.size(), 12u);
    EXPECT_DOUBLE_EQ(report.top5.micro, 0.0);    // only the missed effusion
    ASSERT_EQ(report.top5.perLabel.size(), 5u);
}

TEST(ChexpertF1, UncertainCountsAsPositiveLikeRadEval)
{
    const std::vector<std::string> hypotheses = {"Possible pleural effusion."};
    const std::vector<std::string> references = {"Pleural effusion."};
    const auto index = static_cast<std::size_t>(ChexpertLabel::PleuralEffusion);
    EXPECT_DOUBLE_EQ(anatomix::eval::chexpertF1FromReports(hypotheses, references).all14.perLabel[index], 1.0);
    EXPECT_DOUBLE_EQ(anatomix::eval::chexpertF1FromReports(hypotheses, references, false).all14.perLabel[index], 0.0);
}

TEST(ChexpertF1, Binarisation)
{
    anatomix::eval::ChexpertLabels labels;
    labels[ChexpertLabel::Edema] = anatomix::eval::MentionStatus::Uncertain;
    labels[ChexpertLabel::Fracture] = anatomix::eval::MentionStatus::Negative;
    labels[ChexpertLabel::SupportDevices] = anatomix::eval::MentionStatus::Positive;
    const auto row = anatomix::eval::binarizeChexpert(labels);
    ASSERT_EQ(row.size(), 14u);
    EXPECT_EQ(row[static_cast<std::size_t>(ChexpertLabel::Edema)], 1);
    EXPECT_EQ(row[static_cast<std::size_t>(ChexpertLabel::Fracture)], 0);
    EXPECT_EQ(row[static_cast<std::size_t>(ChexpertLabel::SupportDevices)], 1);
    EXPECT_EQ(anatomix::eval::binarizeChexpert(labels, false)[static_cast<std::size_t>(ChexpertLabel::Edema)], 0);
}

TEST(ChexpertF1, MismatchedListsAreAnError)
{
    EXPECT_THROW(anatomix::eval::chexpertF1FromReports({"a"}, {}), anatomix::eval::MetricsError);
    EXPECT_THROW(anatomix::eval::chexpertF1FromReports({}, {}), anatomix::eval::MetricsError);
}

}  // namespace
