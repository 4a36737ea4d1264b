// `anatomix synth`: generate synthetic chest radiograph studies (DICOM DX + JSON manifests).
#pragma once

#include <string>
#include <vector>

namespace anatomix::cli {

int run_synth(const std::vector<std::string>& args);

}  // namespace anatomix::cli
