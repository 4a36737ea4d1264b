// `anatomix import`: a model bundle from the published AnatomiX checkpoints (published/published_import.h).
#pragma once

#include <string>
#include <vector>

namespace anatomix::cli {

int run_import(const std::vector<std::string>& args);

}  // namespace anatomix::cli
