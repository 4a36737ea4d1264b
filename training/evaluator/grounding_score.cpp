#include "evaluator/grounding_score.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "anatomix/eval/box_iou.h"

namespace anatomix::evaluator {
namespace {

std::string class_key(const std::string& label) {
  const char* whitespace = " \t\n\r\f\v";
  const std::size_t begin = label.find_first_not_of(whitespace);
  if (begin == std::string::npos) return "";
  std::string key = label.substr(begin, label.find_last_not_of(whitespace) - begin + 1);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

ClassedBoxes assign_classes(const std::vector<LabelledBox>& predicted, const std::vector<LabelledBox>& reference,
                            ClassMatching matching) {
  std::map<std::string, int> classes;
  for (const LabelledBox& truth : reference) classes.emplace(class_key(truth.label), static_cast<int>(classes.size()));
  const bool agnostic = matching == ClassMatching::Published && classes.size() == 1;
  int next_unmatched = static_cast<int>(classes.size());

  ClassedBoxes classed;
  for (const LabelledBox& truth : reference)
    classed.truths.push_back({truth.box, agnostic ? 0 : classes.at(class_key(truth.label))});
  for (const LabelledBox& box : predicted) {
    int class_id = 0;
    if (!agnostic) {
      const auto known = classes.find(class_key(box.label));
      class_id = known != classes.end() ? known->second : next_unmatched++;
    }
    classed.detections.push_back({box.box, 1.0, class_id});
  }
  return classed;
}

std::optional<double> GroundingScore::add(const std::vector<LabelledBox>& predicted,
                                          const std::vector<LabelledBox>& reference) {
  if (reference.empty()) {
    ++sums_.negatives;
    if (predicted.empty()) ++sums_.negatives_correct;
    return std::nullopt;
  }
  if (predicted.empty()) {
    ++sums_.without_box;
    return std::nullopt;
  }
  std::vector<Box> predicted_boxes, reference_boxes;
  for (const LabelledBox& box : predicted) predicted_boxes.push_back(box.box);
  for (const LabelledBox& box : reference) reference_boxes.push_back(box.box);
  const double iou = *eval::sampleIou(predicted_boxes, reference_boxes);

  const ClassedBoxes classed = assign_classes(predicted, reference, matching_);
  eval::MapOptions options;
  options.iouThresholds.assign(kIouThresholds.begin(), kIouThresholds.end());
  const eval::MapResult map = eval::sampleMeanAveragePrecision(classed.detections, classed.truths, options);

  ++sums_.scored;
  sums_.iou += iou;
  sums_.map += map.map;
  for (std::size_t t = 0; t < kIouThresholds.size(); ++t) sums_.ap[t] += map.apPerThreshold[t];
  return iou;
}

GroundingSummary GroundingScore::summary() const {
  GroundingSummary summary = sums_;
  const double n = static_cast<double>(std::max<std::size_t>(sums_.scored, 1));
  summary.iou /= n;
  summary.map /= n;
  for (double& ap : summary.ap) ap /= n;
  return summary;
}

}  // namespace anatomix::evaluator
