// The paper's per-sample grounding IoU, over the project's box and IoU (anatomix/box.h).
//
// Reference (the published AnatomiX code): AnatomiX scores a grounded answer with torchmetrics
// `intersection_over_union(hyp, ref, aggregate=False)` (the full IoU matrix), takes for each predicted box
// the best IoU over the reference boxes, then the mean over predicted boxes. Samples in which no box could
// be parsed from the answer are skipped, not scored 0; IouAccumulator counts them separately.
//
// Boxes are xyxy in any one pixel space (original-image pixels in the evaluator). A malformed box
// (x2 < x1 or y2 < y1) has zero area, and an IoU whose union is 0 is 0 (anatomix::box_iou).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "anatomix/box.h"

namespace anatomix::eval {

// The paper's sample IoU: mean over `predicted` of (max over `reference` of IoU).
// Returns nullopt when `predicted` is empty (the sample is skipped). Throws MetricsError when `reference`
// is empty: the paper scores only samples whose reference has a box, and the caller must filter them.
std::optional<double> sampleIou(const std::vector<Box>& predicted,
                                const std::vector<Box>& reference);

// Mean of sampleIou over a data set, with the skipped samples counted.
class IouAccumulator {
public:
    // Adds one sample; returns its IoU, or nullopt when it was skipped for lack of a predicted box.
    std::optional<double> addSample(const std::vector<Box>& predicted,
                                    const std::vector<Box>& reference);

    // Mean IoU over the scored samples; 0 when none was scored.
    double meanIou() const;
    std::size_t nScored() const { return nScored_; }
    std::size_t nSkippedNoBox() const { return nSkippedNoBox_; }

private:
    double sumIou_ = 0.0;
    std::size_t nScored_ = 0;
    std::size_t nSkippedNoBox_ = 0;
};

}  // namespace anatomix::eval
