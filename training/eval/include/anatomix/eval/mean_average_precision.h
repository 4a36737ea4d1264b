// Mean average precision of box detections, computed the way torchmetrics' MeanAveragePrecision
// (pycocotools backend, iou_type "bbox") computes it, which the paper uses with IoU thresholds
// {0.25, 0.5, 0.75, 0.95} (the published AnatomiX code).
//
// Definitions (COCOeval.evaluate/accumulate/summarize, area range "all", at most maxDetectionsPerImage
// detections per image, no crowd boxes):
// - Per image and class, detections are ordered by score (highest first, ties keep input order). Each one,
//   in that order, takes the still unmatched truth box of its class with the highest IoU that is at least
//   the threshold (capped at 1 - 1e-10; among equal IoUs the later truth box wins, as in pycocotools).
//   Unmatched detections are false positives, also in images without a truth box of that class.
// - Per class and threshold, all detections of the data set are ordered by score (stable); precision is made
//   monotone from the right and read at the 101 recall points 0, 0.01, ..., 1 (first detection whose recall
//   reaches the point; 0 past the last). AP is the mean of those 101 values.
//   Recall points: torchmetrics passes torch.linspace(0, 1, 101) in float32 to pycocotools, so a recall of
//   exactly 0.6 (3 of 5 boxes) falls short of its point 0.6000000238. By default the points are k/100 rounded
//   to float32; torch's own linspace kernel rounds some points one float step differently (and may differ
//   between CPUs), so where bit-exact agreement matters pass its values in MapOptions::recallPoints. The
//   difference is at most 0.5/101 per class and threshold, and only when a recall lands exactly on a point.
// - map is the mean of AP over every threshold and every class that has at least one truth box; classes seen
//   only in detections are left out. map_50 / map_75 are the same at IoU 0.5 / 0.75. A value that cannot be
//   computed is -1, as in torchmetrics.
// - Every predicted box scores 1.0 unless a score is given (the paper gives none), so then the ordering is
//   the input order. classAgnostic puts every box in class 0 (the paper does that when the reference has a
//   single distinct ref text).
#pragma once

#include "anatomix/eval/box_iou.h"

#include <cstddef>
#include <map>
#include <vector>

namespace anatomix::eval {

struct DetectedBox {
    Box box;
    double score = 1.0;
    int classId = 0;
};

struct TruthBox {
    Box box;
    int classId = 0;
};

struct MapOptions {
    std::vector<double> iouThresholds{0.25, 0.5, 0.75, 0.95};
    bool classAgnostic = false;
    std::size_t maxDetectionsPerImage = 100;
    std::vector<double> recallPoints;  // ascending, in [0, 1]; empty: the 101 points k/100 in float32
};

struct MapResult {
    double map = -1.0;                   // mean over thresholds and classes with truth boxes
    double map50 = -1.0;                 // at IoU 0.5 (-1 when 0.5 is not among the thresholds)
    double map75 = -1.0;                 // at IoU 0.75
    std::vector<double> apPerThreshold;  // in the order of MapOptions::iouThresholds, mean over classes
    std::map<int, double> apPerClass;    // mean over thresholds; -1 for a class with no truth box
    std::size_t nImages = 0;
};

class MeanAveragePrecision {
public:
    // Throws MetricsError for an empty or out-of-range ([0, 1]) threshold list, recall points that are out of
    // range or not ascending, or maxDetectionsPerImage 0.
    explicit MeanAveragePrecision(MapOptions options = {});

    // Adds one image's detections and truth boxes (either may be empty). Throws MetricsError for a
    // non-finite coordinate or score.
    void addImage(const std::vector<DetectedBox>& detections, const std::vector<TruthBox>& truths);

    MapResult compute() const;

private:
    struct Image {
        std::vector<DetectedBox> detections;
        std::vector<TruthBox> truths;
    };
    MapOptions options_;
    std::vector<Image> images_;
};

// mAP of a single image (the paper computes box metrics per sample and averages them afterwards).
MapResult sampleMeanAveragePrecision(const std::vector<DetectedBox>& detections,
                                     const std::vector<TruthBox>& truths, const MapOptions& options = {});

}  // namespace anatomix::eval
