// The training room's sub-commands of the `anatomix` CLI (dispatched by app/cli_main.cpp).
#include "anatomix/cli.h"
#include "cli/synth_command.h"

namespace anatomix::cli {

std::vector<Command> training_commands() {
  return {
      {"synth", "generate synthetic chest radiograph studies (DICOM DX + JSON manifests)", &run_synth},
  };
}

}  // namespace anatomix::cli
