// The APM's anatomy boxes on real radiographs with expert boxes (a folder of images and a boxes.json:
// {"FILE": {"size": [w, h], "view": "PA", "Right lung": [x1, y1, x2, y2], ...}, "_note": ...}), original
// and mirrored (pixels mirrored, truth mirrored with the same names), beside the mean box of the training
// split and the image-side naming that never find the anatomy. Names are the published display names;
// "Heart" and "Airways (trachea and main bronchi)" are read as the heart and trachea queries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "anatomix/engine.h"

namespace anatomix::evaluator {

struct RealImageTruth {
  std::string file;                 // absolute path
  std::string view;                 // "PA", "AP" or ""
  std::vector<Box> boxes;           // one per anatomy of `names` (query order); zero area where not labelled
};

// Reads DIR/boxes.json against the model's anatomy names. Throws std::runtime_error naming the file and the
// key on any problem (unknown anatomy, a box outside the stated size, a missing image).
std::vector<RealImageTruth> load_real_set(const std::string& directory, const std::vector<std::string>& names);

// `mean_boxes`: normalised per anatomy (ImageBlindBaseline::mean_boxes), or empty to leave that baseline out.
// The table (results_table.h layout): all labelled anatomies and one row per labelled anatomy, each with
// model, mean box and image-side naming on the original and the mirrored images.
nlohmann::ordered_json evaluate_real_set(Engine& engine, const std::vector<RealImageTruth>& images,
                                         const std::vector<std::string>& names, const std::vector<Box>& mean_boxes,
                                         const std::string& data_label);

}  // namespace anatomix::evaluator
