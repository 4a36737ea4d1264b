#include "anatomix/eval/mean_average_precision.h"

#include "anatomix/eval/metrics_error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <string>

namespace anatomix::eval {
namespace {

constexpr std::size_t kRecallPoints = 101;

// k/100 rounded to float32, as torchmetrics' float32 linspace hands them to pycocotools (see the header).
std::vector<double> defaultRecallPoints()
{
    std::vector<double> points(kRecallPoints);
    for (std::size_t k = 0; k < kRecallPoints; ++k)
        points[k] = static_cast<double>(static_cast<float>(static_cast<double>(k) / 100.0));
    return points;
}

bool isFiniteBox(const Box& box)
{
    return std::isfinite(box.x1) && std::isfinite(box.y1) && std::isfinite(box.x2) && std::isfinite(box.y2);
}

// Per class and threshold, what one data set pass produces: each detection's score and whether it matched.
struct ClassMatches {
    std::vector<double> scores;                     // [nDetections]
    std::vector<std::vector<char>> matchedPerThreshold;  // [nThresholds][nDetections]
    std::size_t nTruths = 0;
};

// The AP of one class at one threshold from its detections in data set order (COCOeval.accumulate).
double averagePrecision(const std::vector<double>& scores, const std::vector<char>& matched, std::size_t nTruths,
                        const std::vector<double>& recallPoints)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

    const double epsilon = std::numeric_limits<double>::epsilon();  // np.spacing(1)
    std::vector<double> recall(order.size());
    std::vector<double> precision(order.size());
    double truePositives = 0.0;
    double falsePositives = 0.0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (matched[order[i]])
            truePositives += 1.0;
        else
            falsePositives += 1.0;
        recall[i] = truePositives / static_cast<double>(nTruths);
        precision[i] = truePositives / (falsePositives + truePositives + epsilon);
    }
    for (std::size_t i = precision.size(); i-- > 1;)
        precision[i - 1] = std::max(precision[i - 1], precision[i]);

    double sum = 0.0;
    for (double point : recallPoints) {
        const auto first = std::lower_bound(recall.begin(), recall.end(), point);  // searchsorted "left"
        if (first != recall.end())
            sum += precision[static_cast<std::size_t>(first - recall.begin())];
    }
    return sum / static_cast<double>(recallPoints.size());
}

}  // namespace

MeanAveragePrecision::MeanAveragePrecision(MapOptions options) : options_(std::move(options))
{
    if (options_.iouThresholds.empty())
        throw MetricsError("MeanAveragePrecision: the IoU threshold list is empty");
    for (double threshold : options_.iouThresholds)
        if (!(threshold >= 0.0 && threshold <= 1.0))
            throw MetricsError("MeanAveragePrecision: IoU threshold " + std::to_string(threshold) +
                               " is outside [0, 1]");
    if (options_.maxDetectionsPerImage == 0)
        throw MetricsError("MeanAveragePrecision: maxDetectionsPerImage must be at least 1");
    if (options_.recallPoints.empty())
        options_.recallPoints = defaultRecallPoints();
    for (std::size_t i = 0; i < options_.recallPoints.size(); ++i) {
        const double point = options_.recallPoints[i];
        if (!(point >= 0.0 && point <= 1.0) || (i > 0 && point < options_.recallPoints[i - 1]))
            throw MetricsError("MeanAveragePrecision: recall point " + std::to_string(i) + " (" +
                               std::to_string(point) + ") is outside [0, 1] or below the one before");
    }
}

void MeanAveragePrecision::addImage(const std::vector<DetectedBox>& detections, const std::vector<TruthBox>& truths)
{
    Image image{detections, truths};
    for (std::size_t i = 0; i < image.detections.size(); ++i) {
        DetectedBox& detection = image.detections[i];
        if (!isFiniteBox(detection.box) || !std::isfinite(detection.score))
            throw MetricsError("MeanAveragePrecision::addImage: detection " + std::to_string(i) + " of image " +
                               std::to_string(images_.size()) + " has a non-finite coordinate or score");
        if (options_.classAgnostic)
            detection.classId = 0;
    }
    for (std::size_t i = 0; i < image.truths.size(); ++i) {
        TruthBox& truth = image.truths[i];
        if (!isFiniteBox(truth.box))
            throw MetricsError("MeanAveragePrecision::addImage: truth box " + std::to_string(i) + " of image " +
                               std::to_string(images_.size()) + " has a non-finite coordinate");
        if (options_.classAgnostic)
            truth.classId = 0;
    }
    images_.push_back(std::move(image));
}

MapResult MeanAveragePrecision::compute() const
{
    const std::vector<double>& thresholds = options_.iouThresholds;
    const std::size_t nThresholds = thresholds.size();
    const std::vector<double>& recallPoints = options_.recallPoints;

    std::set<int> classIds;
    for (const Image& image : images_) {
        for (const DetectedBox& detection : image.detections)
            classIds.insert(detection.classId);
        for (const TruthBox& truth : image.truths)
            classIds.insert(truth.classId);
    }

    MapResult result;
    result.nImages = images_.size();
    std::vector<double> apSumPerThreshold(nThresholds, 0.0);
    std::size_t nClassesWithTruth = 0;

    for (int classId : classIds) {
        ClassMatches matches;
        matches.matchedPerThreshold.resize(nThresholds);
        for (const Image& image : images_) {
            std::vector<const DetectedBox*> detections;
            for (const DetectedBox& detection : image.detections)
                if (detection.classId == classId)
                    detections.push_back(&detection);
            std::stable_sort(detections.begin(), detections.end(),
                             [](const DetectedBox* a, const DetectedBox* b) { return a->score > b->score; });
            if (detections.size() > options_.maxDetectionsPerImage)
                detections.resize(options_.maxDetectionsPerImage);
            std::vector<const TruthBox*> truths;
            for (const TruthBox& truth : image.truths)
                if (truth.classId == classId)
                    truths.push_back(&truth);
            matches.nTruths += truths.size();

            for (std::size_t t = 0; t < nThresholds; ++t) {
                std::vector<char> truthTaken(truths.size(), 0);
                for (const DetectedBox* detection : detections) {
                    double bestIou = std::min(thresholds[t], 1.0 - 1e-10);
                    std::ptrdiff_t bestTruth = -1;
                    for (std::size_t g = 0; g < truths.size(); ++g) {
                        if (truthTaken[g])
                            continue;
                        const double iou = box_iou(detection->box, truths[g]->box);
                        if (iou < bestIou)
                            continue;
                        bestIou = iou;
                        bestTruth = static_cast<std::ptrdiff_t>(g);
                    }
                    if (bestTruth >= 0)
                        truthTaken[static_cast<std::size_t>(bestTruth)] = 1;
                    matches.matchedPerThreshold[t].push_back(bestTruth >= 0 ? 1 : 0);
                }
            }
            for (const DetectedBox* detection : detections)
                matches.scores.push_back(detection->score);
        }

        if (matches.nTruths == 0) {
            result.apPerClass[classId] = -1.0;
            continue;
        }
        ++nClassesWithTruth;
        double classSum = 0.0;
        for (std::size_t t = 0; t < nThresholds; ++t) {
            const double ap =
                averagePrecision(matches.scores, matches.matchedPerThreshold[t], matches.nTruths, recallPoints);
            apSumPerThreshold[t] += ap;
            classSum += ap;
        }
        result.apPerClass[classId] = classSum / static_cast<double>(nThresholds);
    }

    result.apPerThreshold.assign(nThresholds, -1.0);
    if (nClassesWithTruth == 0)
        return result;
    double total = 0.0;
    for (std::size_t t = 0; t < nThresholds; ++t) {
        result.apPerThreshold[t] = apSumPerThreshold[t] / static_cast<double>(nClassesWithTruth);
        total += result.apPerThreshold[t];
        if (thresholds[t] == 0.5)
            result.map50 = result.apPerThreshold[t];
        if (thresholds[t] == 0.75)
            result.map75 = result.apPerThreshold[t];
    }
    result.map = total / static_cast<double>(nThresholds);
    return result;
}

MapResult sampleMeanAveragePrecision(const std::vector<DetectedBox>& detections, const std::vector<TruthBox>& truths,
                                     const MapOptions& options)
{
    MeanAveragePrecision accumulator(options);
    accumulator.addImage(detections, truths);
    return accumulator.compute();
}

}  // namespace anatomix::eval
