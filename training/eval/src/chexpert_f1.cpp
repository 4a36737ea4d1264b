#include "anatomix/eval/chexpert_f1.h"

#include "anatomix/eval/chexpert_labeler.h"
#include "anatomix/eval/metrics_error.h"

namespace anatomix::eval {

std::vector<int> binarizeChexpert(const ChexpertLabels& labels, bool uncertainAsPositive)
{
    std::vector<int> row;
    row.reserve(kChexpertLabelCount);
    for (MentionStatus status : labels.status)
        row.push_back(status == MentionStatus::Positive || (uncertainAsPositive && status == MentionStatus::Uncertain)
                          ? 1
                          : 0);
    return row;
}

ChexpertF1Report chexpertF1(const std::vector<ChexpertLabels>& hypotheses, const std::vector<ChexpertLabels>& references,
                            bool uncertainAsPositive)
{
    if (hypotheses.size() != references.size())
        throw MetricsError("chexpertF1: " + std::to_string(hypotheses.size()) + " hypotheses for " +
                           std::to_string(references.size()) + " references");
    if (hypotheses.empty())
        throw MetricsError("chexpertF1: there are no reports");
    BinaryMatrix hypothesisRows, referenceRows, hypothesisTop5, referenceTop5;
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        hypothesisRows.push_back(binarizeChexpert(hypotheses[i], uncertainAsPositive));
        referenceRows.push_back(binarizeChexpert(references[i], uncertainAsPositive));
        std::vector<int> hypothesisFive, referenceFive;
        for (ChexpertLabel label : chexpertTop5Labels()) {
            hypothesisFive.push_back(hypothesisRows.back()[static_cast<std::size_t>(label)]);
            referenceFive.push_back(referenceRows.back()[static_cast<std::size_t>(label)]);
        }
        hypothesisTop5.push_back(std::move(hypothesisFive));
        referenceTop5.push_back(std::move(referenceFive));
    }
    return {multilabelF1(referenceRows, hypothesisRows), multilabelF1(referenceTop5, hypothesisTop5)};
}

ChexpertF1Report chexpertF1FromReports(const std::vector<std::string>& hypotheses,
                                       const std::vector<std::string>& references, bool uncertainAsPositive)
{
    std::vector<ChexpertLabels> hypothesisLabels, referenceLabels;
    for (const std::string& report : hypotheses)
        hypothesisLabels.push_back(labelChexpert(report));
    for (const std::string& report : references)
        referenceLabels.push_back(labelChexpert(report));
    return chexpertF1(hypothesisLabels, referenceLabels, uncertainAsPositive);
}

}  // namespace anatomix::eval
