// Weak real-image checks on NIH ChestX-ray14 radiographs with NIH's image labels (a files.tsv of
// training/tools/prepare_nih.py; the rows of one split: "score", the patient-disjoint held-out part, scored
// once per model; "choose", held out from training too, for choosing settings; or "adapt", the films training
// learns from):
//  - the APM's image labels against NIH's labels (AUROC per label that both name, chance 0.5);
//  - the cardiothoracic ratio from the heart and lung boxes against NIH's "Cardiomegaly" (AUROC);
//  - sides: the patient's left as the anatomy shows it (anatomix/laterality.h) on the film as stored
//    (NIH films are in standard display) and on its mirror, where it must follow the pixels.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "anatomix/engine.h"

namespace anatomix::evaluator {

// Throws std::runtime_error naming the file on a missing column, image or label.
nlohmann::ordered_json evaluate_nih_set(Engine& engine, const std::string& files_tsv, const std::string& split = "score");

}  // namespace anatomix::evaluator
