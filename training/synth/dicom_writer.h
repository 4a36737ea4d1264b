// Writes a study's image as a DX Image IOD "For Presentation" (DCMTK), optionally JPEG lossless.
#pragma once

#include <string>

#include "synth/study.h"

namespace anatomix::synth {

// Throws std::runtime_error naming the file on failure.
void write_dicom(const Study& study, const std::string& path);

// Deterministic DICOM UID under the 2.25 (UUID-derived) root from two 64-bit values.
std::string make_uid(std::uint64_t high, std::uint64_t low);

}  // namespace anatomix::synth
