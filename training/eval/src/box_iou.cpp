#include "anatomix/eval/box_iou.h"

#include "anatomix/eval/metrics_error.h"

#include <algorithm>

namespace anatomix::eval {

std::optional<double> sampleIou(const std::vector<Box>& predicted,
                                const std::vector<Box>& reference)
{
    if (reference.empty())
        throw MetricsError("sampleIou: the reference has no box; only samples with a reference box are scored");
    if (predicted.empty())
        return std::nullopt;
    double sum = 0.0;
    for (const Box& box : predicted) {
        double best = 0.0;
        for (const Box& truth : reference)
            best = std::max(best, box_iou(box, truth));
        sum += best;
    }
    return sum / static_cast<double>(predicted.size());
}

std::optional<double> IouAccumulator::addSample(const std::vector<Box>& predicted,
                                                const std::vector<Box>& reference)
{
    const std::optional<double> iou = sampleIou(predicted, reference);
    if (iou) {
        sumIou_ += *iou;
        ++nScored_;
    } else {
        ++nSkippedNoBox_;
    }
    return iou;
}

double IouAccumulator::meanIou() const
{
    return nScored_ == 0 ? 0.0 : sumIou_ / static_cast<double>(nScored_);
}

}  // namespace anatomix::eval
