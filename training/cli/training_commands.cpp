// The training room's sub-commands of the `anatomix` CLI (dispatched by app/cli_main.cpp).
#include "anatomix/cli.h"
#include "cli/synth_command.h"
#ifdef ANATOMIX_TRAINING_WITH_ENGINE
#include "evaluator/eval_command.h"
#include "train/train_command.h"
#endif

namespace anatomix::cli {

std::vector<Command> training_commands() {
  return {
      {"synth", "generate synthetic chest radiograph studies (DICOM DX + JSON manifests)", &run_synth},
#ifdef ANATOMIX_TRAINING_WITH_ENGINE
      {"train", "train a model bundle on generated studies (apm, align, instruct stages)", &run_train},
      {"eval", "evaluate a model bundle on generated studies: the paper's table and flip robustness", &run_eval},
#endif
  };
}

}  // namespace anatomix::cli
