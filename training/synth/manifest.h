// The JSON manifest written next to each DICOM file (format documented in training/README.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "synth/study.h"

namespace anatomix::synth {

constexpr int kManifestVersion = 1;

nlohmann::ordered_json study_manifest(const Study& study, const std::string& dicom_file_name);
// Writes `json` to `path` (2-space indent, trailing newline); throws naming the file on failure.
void write_json_file(const nlohmann::ordered_json& json, const std::string& path);

}  // namespace anatomix::synth
