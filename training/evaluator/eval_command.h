#pragma once
#include <string>
#include <vector>

namespace anatomix::cli {

// `anatomix eval --model DIR --data DIR [options]` (eval_command.cpp).
int run_eval(const std::vector<std::string>& args);

}  // namespace anatomix::cli
