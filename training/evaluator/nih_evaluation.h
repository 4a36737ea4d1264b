// Weak real-image checks on NIH ChestX-ray14 radiographs with NIH's image labels (a files.tsv of
// training/tools/prepare_nih.py; the rows of one split: "score", the patient-disjoint held-out part, scored
// once per model; "choose", held out from training too, for choosing settings; or "adapt", the films training
// learns from):
//  - the APM's image labels against NIH's labels (AUROC per label that both name, chance 0.5);
//  - the cardiothoracic ratio from the heart and lung boxes against NIH's "Cardiomegaly" (AUROC);
//  - sides: the patient's left as the anatomy shows it (anatomix/laterality.h) on the film as stored
//    (NIH films are in standard display) and on its mirror, where it must follow the pixels;
//  - the workstation's flip check over all anatomies: each film's boxes against its mirror's, mapped back.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "anatomix/engine.h"

namespace anatomix::evaluator {

// What one film gave, for studying the misses: box centres across the image (pixels of the film as stored;
// the mirror's mapped back) and the side each reading shows.
struct NihFilmReading {
  std::string file, labels;
  float width = 0;
  float left_lung_x = 0, right_lung_x = 0, heart_x = 0;              // the film
  float mirror_left_lung_x = 0, mirror_right_lung_x = 0, mirror_heart_x = 0;  // its mirror, mapped back
  bool film_side_right = false, mirror_side_right = false;
  int mirror_consistent = 0;     // anatomies the flip check (anatomix/flip_consistency.h) finds consistent
  double mirror_mean_iou = 0;    // and the mean IoU of the two readings over all anatomies
};

// Throws std::runtime_error naming the file on a missing column, image or label. `films`, when given,
// receives one reading per film.
nlohmann::ordered_json evaluate_nih_set(Engine& engine, const std::string& files_tsv, const std::string& split = "score",
                                        std::vector<NihFilmReading>* films = nullptr);

// The readings as a tab-separated table with a header row.
void write_nih_film_readings(const std::vector<NihFilmReading>& films, const std::string& path);

}  // namespace anatomix::evaluator
