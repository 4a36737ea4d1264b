// Real radiographs with boxes of some anatomies: a folder of images and a boxes.json,
//   {"FILE": {"size": [w, h], "view": "PA", "Right lung": [x1, y1, x2, y2], ...}, "_note": ...}
// boxes in original-image pixels (x right, y down, x2/y2 exclusive), named by the patient's side of the
// anatomy in the pixels. Names are the published display names; "Heart" and "Airways (trachea and main
// bronchi)" are read as the heart and trachea queries. The evaluator scores models on such sets (expert
// boxes); the trainer learns from them (boxes of real films where they exist).
// No torch in this header.
#pragma once

#include <string>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix::training {

struct RealImageTruth {
  std::string file;                 // absolute path
  std::string view;                 // "PA", "AP" or ""
  std::vector<Box> boxes;           // one per anatomy of `names` (query order); zero area where not labelled
};

// Reads DIR/boxes.json (or the file `boxes_json` when given) against the model's anatomy names. Throws
// std::runtime_error naming the file and the key on any problem (unknown anatomy, a box outside the stated
// size, a missing image).
std::vector<RealImageTruth> load_real_set(const std::string& directory, const std::vector<std::string>& names,
                                          const std::string& boxes_json = "");

}  // namespace anatomix::training
