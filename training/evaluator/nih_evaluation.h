// Weak real-image checks on NIH ChestX-ray14 radiographs with NIH's image labels (a files.tsv of
// training/tools/prepare_nih.py; the rows of one split: "score", the patient-disjoint held-out part, scored
// once per model; "choose", held out from training too, for choosing settings; or "adapt", the films training
// learns from):
//  - the APM's image labels against NIH's labels (AUROC per label that both name, chance 0.5);
//  - the cardiothoracic ratio from the heart and lung boxes against NIH's "Cardiomegaly": AUROC, and read at 0.5
//    as radiologists read it (sensitivity, specificity, balanced accuracy; a constant ratio 0.5);
//  - sides: the patient's left as the anatomy shows it (anatomix/laterality.h) on the film as stored
//    (NIH films are in standard display) and on its mirror, where it must follow the pixels;
//  - the workstation's flip check over all anatomies: each film's boxes against its mirror's, mapped back;
//  - the clavicles' reach against the lungs (below), on the film and on its mirror;
//  - where the split has NIH's boxes of lung findings (findings.json beside its films), the share of each
//    inside the two lung boxes: lungs that end where an opacity begins leave them outside.
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

// How far each clavicle's box reaches, in fractions of the spacing between the two lung centres: its medial
// edge past the midline between them, its lateral edge short of its lung's lateral edge (negative: short of
// the midline, past the lung). A clavicle runs from beside the midline out past the apex of its lung, as the
// generated studies' truth does; no real film here has clavicle boxes, so this is the check of their
// clavicles (training's clavicle_reach_loss asks the same). `left_at_image_right`: where the patient's left
// is; names follow the anatomy. Throws EngineError when a lung or clavicle is missing.
struct ClavicleReach {
  double past_midline[2] = {0, 0}, short_of_lung[2] = {0, 0};  // the right clavicle, the left
};
ClavicleReach clavicle_reach(const std::vector<std::string>& names, const std::vector<Box>& boxes,
                             bool left_at_image_right);

// Throws std::runtime_error naming the file on a missing column, image or label. `films`, when given,
// receives one reading per film.
nlohmann::ordered_json evaluate_nih_set(Engine& engine, const std::string& files_tsv, const std::string& split = "score",
                                        std::vector<NihFilmReading>* films = nullptr);

// The readings as a tab-separated table with a header row.
void write_nih_film_readings(const std::vector<NihFilmReading>& films, const std::string& path);

}  // namespace anatomix::evaluator
