// `anatomix bench`: figures only, nothing asserted. APM latency on random weights for a small and the
// full-size configuration, the language model's prefill/decode speed, and an end-to-end ask when a
// bundle is given.
#pragma once

#include <string>
#include <vector>

namespace anatomix::cli::bench {

int run_bench_command(const std::vector<std::string>& args);

}  // namespace anatomix::cli::bench
