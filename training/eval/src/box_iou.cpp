#include "anatomix/eval/box_iou.h"

#include "anatomix/eval/metrics_error.h"

#include <algorithm>

namespace anatomix::eval {

double boxArea(const BoxXyxy& box)
{
    return std::max(0.0, box.x2 - box.x1) * std::max(0.0, box.y2 - box.y1);
}

double boxIou(const BoxXyxy& a, const BoxXyxy& b)
{
    const double width = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
    const double height = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
    const double intersection = std::max(0.0, width) * std::max(0.0, height);
    const double unionArea = boxArea(a) + boxArea(b) - intersection;
    return unionArea > 0.0 ? intersection / unionArea : 0.0;
}

std::optional<double> sampleIou(const std::vector<BoxXyxy>& predicted,
                                const std::vector<BoxXyxy>& reference)
{
    if (reference.empty())
        throw MetricsError("sampleIou: the reference has no box; only samples with a reference box are scored");
    if (predicted.empty())
        return std::nullopt;
    double sum = 0.0;
    for (const BoxXyxy& box : predicted) {
        double best = 0.0;
        for (const BoxXyxy& truth : reference)
            best = std::max(best, boxIou(box, truth));
        sum += best;
    }
    return sum / static_cast<double>(predicted.size());
}

std::optional<double> IouAccumulator::addSample(const std::vector<BoxXyxy>& predicted,
                                                const std::vector<BoxXyxy>& reference)
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
