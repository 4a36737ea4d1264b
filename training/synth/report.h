// The texts of a study derived from its findings: per-object sentences in the published form
// (reference section 10), the findings/impression report and the 14 CheXpert labels.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "synth/anatomy.h"
#include "synth/findings.h"
#include "synth/study.h"

namespace anatomix::synth {

// "{raw name} shows {anatomical findings joined by ' and '} and {other categories}." or
// "{raw name} is healthy."
std::array<std::string, kAnatomyCount> object_sentences(const std::vector<Finding>& findings);

std::array<int, kChexpertCount> chexpert_labels(const std::vector<Finding>& findings);

// `mm_per_unit`: millimetres per canonical unit, for sizes and distances quoted in the report.
Report write_report(const Thorax& thorax, const std::vector<Finding>& findings, double mm_per_unit);

}  // namespace anatomix::synth
