// The APM's own 36 anatomy boxes against the truth (the paper's APM figure: IoU of each query's box with its
// object), and the flip-robustness block: the same on the mirrored image against the mirrored truth with
// the same names (anatomix/laterality.h), laterality accuracy and the equivariance gap.
//
// Laterality: an anatomy whose name has a partner ("Left lung" / "Right lung") is on the correct side when
// its predicted box centre lies on the same side of its partner's predicted centre as the truth centres
// lie. Names without a partner ("Right atrial structure", "Mediastinum") are not lateral: the IoU measures
// where their box went.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix::evaluator {

// The report group of an anatomy name: "lungs", "pleura and diaphragm", "heart and mediastinum",
// "airway and bones", "abdomen" (else "other").
std::string anatomy_group(const std::string& name);

// Baselines that never find the anatomy. The mean box (normalised x / width, y / height) scaled to an
// image; and image-side naming on a mirrored image: its true boxes with every lateral name given its
// partner's box (`partner`: lateral_partner_indices), as a model that reads sides off the display names them.
std::vector<Box> scaled_boxes(const std::vector<Box>& normalised, int width, int height);
std::vector<Box> named_by_image_side(const std::vector<Box>& mirrored_truth, const std::vector<int>& partner);

// Laterality of anatomy `index` with partner `partner` (see above); boxes in query order.
bool laterality_correct(const std::vector<Box>& predicted, const std::vector<Box>& truth, int index, int partner);

struct AnatomyFigures {
  std::string name, group;
  bool lateral = false;
  std::size_t images = 0, flipped_images = 0;
  double iou = 0, flipped_iou = 0;                // means
  std::array<double, 4> hit_rate{};               // fraction with IoU >= 0.25/0.5/0.75/0.95 (original)
  std::optional<double> laterality, flipped_laterality;
};

struct AnatomySummary {
  std::size_t boxes = 0, flipped_boxes = 0;
  double iou = 0, flipped_iou = 0;
  std::array<double, 4> hit_rate{};
  std::optional<double> laterality, flipped_laterality;  // over the lateral anatomies
};

class AnatomyBoxScore {
 public:
  // Raw names (query order) decide partners and groups; display names label the rows.
  AnatomyBoxScore(const std::vector<std::string>& raw_names, const std::vector<std::string>& display_names);

  // The boxes of one image, in query order, against its truth, and of the mirrored image against the
  // mirrored truth. Truth boxes without area are left out. Throws std::invalid_argument
  // when a list does not have one box per anatomy.
  void add_original(const std::vector<Box>& predicted, const std::vector<Box>& truth);
  void add_flipped(const std::vector<Box>& predicted, const std::vector<Box>& truth);

  std::vector<AnatomyFigures> per_anatomy() const;
  // All anatomies, or those of one group.
  AnatomySummary summary(const std::string& group = "") const;
  std::vector<std::string> groups() const;  // the groups present, in the order anatomy_group() lists them

 private:
  struct Sums {
    std::size_t images = 0;
    double iou = 0;
    std::array<std::size_t, 4> hits{};
    std::size_t lateral_checks = 0, lateral_correct = 0;
  };
  void add(const std::vector<Box>& predicted, const std::vector<Box>& truth, std::vector<Sums>& sums) const;

  std::vector<std::string> display_names_, groups_;
  std::vector<int> partners_;
  std::vector<Sums> original_, flipped_;
};

}  // namespace anatomix::evaluator
