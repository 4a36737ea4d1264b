// `anatomix bench | import`: the engine's commands that read no image files, so that they exist in an
// engine-only build (ANATOMIX_BUILD_IMAGE_IO=OFF) as well.
#include "anatomix/cli.h"
#include "bench.h"
#include "import_command.h"

#include <cstdio>
#include <exception>

namespace anatomix::cli {

namespace {

int run_bench(const std::vector<std::string>& args) {
  try {
    return bench::run_bench_command(args);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "anatomix bench: error: %s\n", error.what());
    return kFailure;
  }
}

}  // namespace

std::vector<Command> model_commands() {
  return {
      {"bench", "APM and language-model latency figures", run_bench},
      {"import", "build a model bundle from the published AnatomiX checkpoints and a base snapshot", run_import},
  };
}

}  // namespace anatomix::cli
