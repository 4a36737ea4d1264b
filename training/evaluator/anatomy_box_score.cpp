#include "evaluator/anatomy_box_score.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "anatomix/box.h"
#include "anatomix/laterality.h"
#include "evaluator/grounding_score.h"

namespace anatomix::evaluator {
namespace {

const char* const kGroupOrder[] = {"lungs", "pleura and diaphragm", "heart and mediastinum", "airway and bones",
                                   "abdomen", "other"};

bool contains(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

float centre_x(const Box& box) { return 0.5f * (box.x1 + box.x2); }

}  // namespace

std::string anatomy_group(const std::string& name) {
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Recesses and sulci first: "cardiophrenic" is pleura, not heart.
  if (contains(lower, "diaphragm") || contains(lower, "costophrenic") || contains(lower, "cardiophrenic"))
    return "pleura and diaphragm";
  if (contains(lower, "lung")) return "lungs";
  if (contains(lower, "heart") || contains(lower, "cardiac") || contains(lower, "atrial") ||
      contains(lower, "aort") || contains(lower, "vena cava") || contains(lower, "mediastinum"))
    return "heart and mediastinum";
  if (contains(lower, "trachea") || contains(lower, "carina") || contains(lower, "clavicle") ||
      contains(lower, "vertebra"))
    return "airway and bones";
  if (contains(lower, "abdom")) return "abdomen";
  return "other";
}

std::vector<Box> scaled_boxes(const std::vector<Box>& normalised, int width, int height) {
  std::vector<Box> boxes;
  for (const Box& b : normalised)
    boxes.push_back(Box{b.x1 * float(width), b.y1 * float(height), b.x2 * float(width), b.y2 * float(height)});
  return boxes;
}

std::vector<Box> named_by_image_side(const std::vector<Box>& mirrored_truth, const std::vector<int>& partner) {
  std::vector<Box> boxes;
  for (std::size_t i = 0; i < mirrored_truth.size(); ++i) boxes.push_back(mirrored_truth[static_cast<std::size_t>(partner[i])]);
  return boxes;
}

bool laterality_correct(const std::vector<Box>& predicted, const std::vector<Box>& truth, int index, int partner) {
  const auto i = static_cast<std::size_t>(index), p = static_cast<std::size_t>(partner);
  const float truth_side = centre_x(truth[i]) - centre_x(truth[p]);
  const float predicted_side = centre_x(predicted[i]) - centre_x(predicted[p]);
  return (truth_side > 0 && predicted_side > 0) || (truth_side < 0 && predicted_side < 0);
}

AnatomyBoxScore::AnatomyBoxScore(const std::vector<std::string>& raw_names,
                                 const std::vector<std::string>& display_names)
    : display_names_(display_names), partners_(lateral_partner_indices(raw_names)) {
  if (raw_names.size() != display_names.size())
    throw std::invalid_argument("AnatomyBoxScore: " + std::to_string(raw_names.size()) + " raw names but " +
                                std::to_string(display_names.size()) + " display names");
  for (const std::string& name : raw_names) groups_.push_back(anatomy_group(name));
  original_.resize(raw_names.size());
  flipped_.resize(raw_names.size());
}

void AnatomyBoxScore::add(const std::vector<Box>& predicted, const std::vector<Box>& truth,
                          std::vector<Sums>& sums) const {
  if (predicted.size() != sums.size() || truth.size() != sums.size())
    throw std::invalid_argument("AnatomyBoxScore: expected " + std::to_string(sums.size()) +
                                " boxes per image, got " + std::to_string(predicted.size()) + " predicted and " +
                                std::to_string(truth.size()) + " true");
  for (std::size_t i = 0; i < sums.size(); ++i) {
    if (box_area(truth[i]) <= 0) continue;
    Sums& anatomy = sums[i];
    const double iou = box_iou(predicted[i], truth[i]);
    ++anatomy.images;
    anatomy.iou += iou;
    for (std::size_t t = 0; t < kIouThresholds.size(); ++t)
      if (iou >= kIouThresholds[t]) ++anatomy.hits[t];
    const int partner = partners_[i];
    if (partner != static_cast<int>(i) && box_area(truth[static_cast<std::size_t>(partner)]) > 0) {
      ++anatomy.lateral_checks;
      if (laterality_correct(predicted, truth, static_cast<int>(i), partner)) ++anatomy.lateral_correct;
    }
  }
}

void AnatomyBoxScore::add_original(const std::vector<Box>& predicted, const std::vector<Box>& truth) {
  add(predicted, truth, original_);
}

void AnatomyBoxScore::add_flipped(const std::vector<Box>& predicted, const std::vector<Box>& truth) {
  add(predicted, truth, flipped_);
}

std::vector<AnatomyFigures> AnatomyBoxScore::per_anatomy() const {
  std::vector<AnatomyFigures> figures;
  for (std::size_t i = 0; i < original_.size(); ++i) {
    const Sums& original = original_[i];
    const Sums& flipped = flipped_[i];
    AnatomyFigures anatomy;
    anatomy.name = display_names_[i];
    anatomy.group = groups_[i];
    anatomy.lateral = partners_[i] != static_cast<int>(i);
    anatomy.images = original.images;
    anatomy.flipped_images = flipped.images;
    if (original.images > 0) {
      anatomy.iou = original.iou / static_cast<double>(original.images);
      for (std::size_t t = 0; t < kIouThresholds.size(); ++t)
        anatomy.hit_rate[t] = static_cast<double>(original.hits[t]) / static_cast<double>(original.images);
    }
    if (flipped.images > 0) anatomy.flipped_iou = flipped.iou / static_cast<double>(flipped.images);
    if (original.lateral_checks > 0)
      anatomy.laterality = static_cast<double>(original.lateral_correct) / static_cast<double>(original.lateral_checks);
    if (flipped.lateral_checks > 0)
      anatomy.flipped_laterality =
          static_cast<double>(flipped.lateral_correct) / static_cast<double>(flipped.lateral_checks);
    figures.push_back(anatomy);
  }
  return figures;
}

AnatomySummary AnatomyBoxScore::summary(const std::string& group) const {
  Sums original, flipped;
  for (std::size_t i = 0; i < original_.size(); ++i) {
    if (!group.empty() && groups_[i] != group) continue;
    for (auto [from, to] : {std::pair<const Sums*, Sums*>{&original_[i], &original}, {&flipped_[i], &flipped}}) {
      to->images += from->images;
      to->iou += from->iou;
      for (std::size_t t = 0; t < kIouThresholds.size(); ++t) to->hits[t] += from->hits[t];
      to->lateral_checks += from->lateral_checks;
      to->lateral_correct += from->lateral_correct;
    }
  }
  AnatomySummary summary;
  summary.boxes = original.images;
  summary.flipped_boxes = flipped.images;
  if (original.images > 0) {
    summary.iou = original.iou / static_cast<double>(original.images);
    for (std::size_t t = 0; t < kIouThresholds.size(); ++t)
      summary.hit_rate[t] = static_cast<double>(original.hits[t]) / static_cast<double>(original.images);
  }
  if (flipped.images > 0) summary.flipped_iou = flipped.iou / static_cast<double>(flipped.images);
  if (original.lateral_checks > 0)
    summary.laterality = static_cast<double>(original.lateral_correct) / static_cast<double>(original.lateral_checks);
  if (flipped.lateral_checks > 0)
    summary.flipped_laterality =
        static_cast<double>(flipped.lateral_correct) / static_cast<double>(flipped.lateral_checks);
  return summary;
}

std::vector<std::string> AnatomyBoxScore::groups() const {
  std::vector<std::string> groups;
  for (const char* group : kGroupOrder)
    if (std::find(groups_.begin(), groups_.end(), group) != groups_.end()) groups.push_back(group);
  return groups;
}

}  // namespace anatomix::evaluator
