#include "evaluator/real_evaluation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include "anatomix/eval/results_table.h"
#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "evaluator/anatomy_box_score.h"

namespace anatomix::evaluator {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::optional<double> when(bool defined, double value) { return defined ? std::optional<double>(value) : std::nullopt; }

std::vector<Box> boxes_of(const Analysis& analysis) {
  std::vector<Box> boxes;
  for (const AnatomyResult& anatomy : analysis.anatomies) boxes.push_back(anatomy.box);
  return boxes;
}

std::vector<Box> mirrored(const std::vector<Box>& boxes, float width) {
  std::vector<Box> out;
  for (const Box& box : boxes) out.push_back(box.x2 > box.x1 ? mirror_box(box, width) : box);
  return out;
}

}  // namespace

Json evaluate_real_set(Engine& engine, const std::vector<training::RealImageTruth>& images, const std::vector<std::string>& names,
                       const std::vector<Box>& mean_boxes, const std::string& data_label) {
  if (!mean_boxes.empty() && mean_boxes.size() != names.size())
    throw std::invalid_argument("evaluate_real_set: the mean boxes are not one per anatomy");
  AnatomyBoxScore model(names, names), mean(names, names), image_side(names, names);
  const std::vector<int> partner = lateral_partner_indices(names);
  std::vector<bool> labelled(names.size(), false);
  for (const training::RealImageTruth& truth : images) {
    const image::Gray8Image pixels = image::load_model_input(truth.file);
    const float width = static_cast<float>(pixels.width);
    const Analysis original = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, pixels.width});
    const image::Gray8Image flipped_pixels = image::mirrored(pixels);
    const Analysis flipped =
        engine.analyse({flipped_pixels.pixels.data(), flipped_pixels.width, flipped_pixels.height, flipped_pixels.width});
    if (original.anatomies.size() != names.size())
      throw EngineError("The model gives " + std::to_string(original.anatomies.size()) + " anatomies, expected " +
                        std::to_string(names.size()) + ".");
    const std::vector<Box> flipped_truth = mirrored(truth.boxes, width);
    model.add_original(boxes_of(original), truth.boxes);
    model.add_flipped(boxes_of(flipped), flipped_truth);
    if (!mean_boxes.empty()) {
      const std::vector<Box> scaled = scaled_boxes(mean_boxes, pixels.width, pixels.height);
      mean.add_original(scaled, truth.boxes);
      mean.add_flipped(scaled, flipped_truth);
    }
    // The true boxes with lateral names read off the image side: right on the original, swapped on the mirror.
    image_side.add_original(truth.boxes, truth.boxes);
    image_side.add_flipped(named_by_image_side(flipped_truth, partner), flipped_truth);
    for (std::size_t i = 0; i < names.size(); ++i) labelled[i] = labelled[i] || truth.boxes[i].x2 > truth.boxes[i].x1;
  }

  std::vector<eval::MetricBlock> blocks;
  auto row = [&](const std::string& name, const std::string& data, const AnatomySummary& s, const std::string& note) {
    blocks.push_back({name, data, s.boxes,
                      {{"IoU", when(s.boxes > 0, s.iou)},
                       {"IoU (mirrored)", when(s.flipped_boxes > 0, s.flipped_iou)},
                       {"equivariance gap", when(s.boxes > 0 && s.flipped_boxes > 0, std::abs(s.iou - s.flipped_iou))},
                       {"sides right", s.laterality},
                       {"sides right (mirrored)", s.flipped_laterality}},
                      note});
  };
  row("All labelled anatomies", data_label, model.summary(), "the model");
  if (!mean_boxes.empty()) row("  baseline: mean box of the training split", data_label, mean.summary(), "ignores the image");
  row("  baseline: image-side naming", data_label, image_side.summary(), "true boxes, lateral names by image side");
  const std::vector<AnatomyFigures> per_model = model.per_anatomy(), per_mean = mean.per_anatomy();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!labelled[i]) continue;
    const AnatomyFigures& m = per_model[i];
    std::vector<std::pair<std::string, std::optional<double>>> metrics = {
        {"IoU", when(m.images > 0, m.iou)},
        {"IoU (mirrored)", when(m.flipped_images > 0, m.flipped_iou)},
        {"equivariance gap", when(m.images > 0 && m.flipped_images > 0, std::abs(m.iou - m.flipped_iou))},
        {"sides right", m.laterality},
        {"sides right (mirrored)", m.flipped_laterality}};
    if (!mean_boxes.empty()) {
      metrics.push_back({"mean box IoU", when(per_mean[i].images > 0, per_mean[i].iou)});
      metrics.push_back({"mean box IoU (mirrored)", when(per_mean[i].flipped_images > 0, per_mean[i].flipped_iou)});
    }
    blocks.push_back({names[i], data_label, m.images, metrics, ""});
  }
  Json results = eval::resultsToJson(
      "AnatomiX on real radiographs: anatomy boxes against expert boxes",
      blocks,
      {"images: " + std::to_string(images.size()) + "; mirrored: the pixels mirrored, the truth mirrored with the same "
       "names (names follow the anatomy)",
       "sides right: each lateral box's centre on the same side of its partner's as in the truth"});
  eval::validateResultsJson(results);
  return results;
}

}  // namespace anatomix::evaluator
