// Instruction samples of the nine AnatomiX tasks for one study, with the published phrasings and
// answer formats (the published AnatomiX code). Boxes are in the 1024 letterbox square.
#pragma once

#include <vector>

#include "synth/rng.h"
#include "synth/study.h"

namespace anatomix::synth {

// Needs the study's findings (with boxes), anatomy boxes, report and CheXpert labels.
std::vector<TaskSample> make_task_samples(const Study& study, Rng& rng);

// The published option label styles: "(A)", "(a)" or "(1)" (reference section 7.6).
std::vector<std::string> option_labels(int count, Rng& rng);

}  // namespace anatomix::synth
