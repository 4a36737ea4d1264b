// Instruction samples of the nine AnatomiX tasks for one study, with the published phrasings and
// answer formats (the published AnatomiX code). Boxes are in the 1024 letterbox square.
#pragma once

#include <string>
#include <vector>

#include "synth/rng.h"
#include "synth/study.h"

namespace anatomix::synth {

// Needs the study's findings (with boxes), anatomy boxes, report and CheXpert labels.
std::vector<TaskSample> make_task_samples(const Study& study, Rng& rng);

// The published anatomy-grounding phrasings (reference section 7): "{}" stands for the anatomy's name and, in
// the answers, "{box}" for its box tag. fill_anatomy_grounding puts both in.
const std::vector<std::string>& anatomy_grounding_questions();
const std::vector<std::string>& anatomy_grounding_answers();
std::string fill_anatomy_grounding(std::string phrasing, const std::string& name, const std::string& box);

// The published option label styles: "(A)", "(a)" or "(1)" (reference section 7.6).
std::vector<std::string> option_labels(int count, Rng& rng);

}  // namespace anatomix::synth
