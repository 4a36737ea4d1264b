#include "train/train_command.h"

#include <iostream>

#include "anatomix/cli.h"

namespace anatomix::cli {

int run_train(const std::vector<std::string>& args) {
  static const char* usage =
      "usage: anatomix train <stage> [options]   (anatomix train <stage> --help for options)\n"
      "stages, run in this order (training/README.md has the recipe of the shipped bundle):\n"
      "  apm       the Anatomy Perception Module: boxes, image labels, contrastive sentence features\n"
      "  align     projector alignment on report generation (language model frozen)\n"
      "  instruct  instruction tuning on the nine tasks; writes the complete bundle\n"
      "  adapt-bn  the APM's batch-norm statistics re-estimated on real radiographs (AdaBN)\n"
      "  gate      the learned chest-radiograph check on the APM's image features (any time after apm)\n";
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << usage;
    return args.empty() ? kUsage : kOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "apm") return run_train_apm(rest);
  if (args[0] == "align") return run_train_align(rest);
  if (args[0] == "instruct") return run_train_instruct(rest);
  if (args[0] == "adapt-bn") return run_train_adapt_bn(rest);
  if (args[0] == "gate") return run_train_gate(rest);
  std::cerr << "anatomix train: unknown stage '" << args[0] << "'\n" << usage;
  return kUsage;
}

}  // namespace anatomix::cli
