// The APM's anatomy boxes on real radiographs with expert boxes (dataset/real_box_set.h), original and
// mirrored (pixels mirrored, truth mirrored with the same names), beside the mean box of the training split
// and the image-side naming that never find the anatomy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "anatomix/engine.h"
#include "dataset/real_box_set.h"

namespace anatomix::evaluator {

// `mean_boxes`: normalised per anatomy (ImageBlindBaseline::mean_boxes), or empty to leave that baseline out.
// The table (results_table.h layout): all labelled anatomies and one row per labelled anatomy, each with
// model, mean box and image-side naming on the original and the mirrored images.
nlohmann::ordered_json evaluate_real_set(Engine& engine, const std::vector<training::RealImageTruth>& images,
                                         const std::vector<std::string>& names, const std::vector<Box>& mean_boxes,
                                         const std::string& data_label);

}  // namespace anatomix::evaluator
