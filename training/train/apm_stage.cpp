// `anatomix train apm`: argument parsing around train_apm() (apm_trainer.h).
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "anatomix/cli.h"
#include "train/apm_trainer.h"
#include "train/train_command.h"

namespace anatomix::cli {
namespace {

const char* kApmUsage =
    "usage: anatomix train apm --data DIR --out RUN_DIR [--val DIR] [--config CFG.json] [--steps N] [--batch B]\n"
    "                          [--lr LR] [--threads T] [--seed S] [--limit N] [--until STEP] [--init-from BUNDLE]\n"
    "                          [--resume]\n"
    "Trains the Anatomy Perception Module on a generated study set whose sentence embeddings were computed\n"
    "with training/tools/sentence_embeddings.py DIR. Writes RUN_DIR/{checkpoint.*, loss.csv, cache*.bin} and\n"
    "the APM part of a bundle in RUN_DIR/bundle. --config: a JSON file with the keys of training/README.md\n"
    "(image_size, apm sizes, schedule, augmentation); flags override it. --resume continues RUN_DIR's checkpoint\n"
    "with its own options (only --steps, --threads and --until may change). --until STEP stops after STEP with a\n"
    "checkpoint (the schedule still spans --steps), so that a long run can be done in parts. --init-from starts\n"
    "from a bundle's APM weights (fine-tuning; the config's \"init_from\").\n";

int usage_error(const std::string& message) {
  std::cerr << "anatomix train apm: " << message << "\n" << kApmUsage;
  return kUsage;
}

}  // namespace

int run_train_apm(const std::vector<std::string>& args) {
  std::optional<std::string> data, val, out, config_path, init_from;
  std::optional<int> steps, batch, threads, limit, until;
  std::optional<double> lr;
  std::optional<std::uint64_t> seed;
  bool resume = false;
  try {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg == "--help" || arg == "-h") {
        std::cout << kApmUsage;
        return kOk;
      }
      if (arg == "--resume") {
        resume = true;
        continue;
      }
      if (i + 1 >= args.size()) return usage_error(arg + " needs a value (or is unknown)");
      const std::string& value = args[++i];
      if (arg == "--data") data = value;
      else if (arg == "--val") val = value;
      else if (arg == "--out") out = value;
      else if (arg == "--config") config_path = value;
      else if (arg == "--steps") steps = std::stoi(value);
      else if (arg == "--batch") batch = std::stoi(value);
      else if (arg == "--threads") threads = std::stoi(value);
      else if (arg == "--limit") limit = std::stoi(value);
      else if (arg == "--until") until = std::stoi(value);
      else if (arg == "--lr") lr = std::stod(value);
      else if (arg == "--seed") seed = std::stoull(value);
      else if (arg == "--init-from") init_from = value;
      else return usage_error("unknown option " + arg);
    }
  } catch (const std::exception&) {
    return usage_error("a numeric option has a value that is not a number");
  }
  if (!out) return usage_error("--out RUN_DIR is required");
  if (!resume && !data) return usage_error("--data DIR is required");
  if (resume && (data || val || config_path || batch || lr || seed || limit || init_from))
    return usage_error("--resume takes the checkpoint's options; only --steps, --threads and --until may be given");

  try {
    nlohmann::json document = nlohmann::json::object();
    if (config_path) {
      std::ifstream stream(*config_path);
      if (!stream) throw std::runtime_error("Training config " + *config_path + " cannot be opened.");
      try {
        document = nlohmann::json::parse(stream);
      } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error("Training config " + *config_path + " is not valid JSON: " + error.what());
      }
    }
    training::ApmTrainingOptions options =
        training::ApmTrainingOptions::from_json(document, config_path.value_or("(defaults)"));
    options.run_dir = *out;
    if (data) options.data_dir = *data;
    if (val) options.val_dir = *val;
    if (steps) options.steps = *steps;
    if (resume && !steps) options.steps = 0;  // keep the checkpoint's
    if (batch) options.batch = *batch;
    if (threads) options.threads = *threads;
    if (limit) options.limit = *limit;
    if (until) options.until = *until;
    if (lr) options.lr = *lr;
    if (seed) options.seed = *seed;
    if (init_from) options.init_from = *init_from;
    if ((!resume && options.steps <= 0) || (steps && *steps <= 0) || options.batch <= 0 || !(options.lr > 0) || options.threads < 0 || options.limit < 0 ||
        options.until < 0)
      return usage_error("--steps and --batch must be positive, --lr positive, --threads, --limit and --until not negative");
    const training::ApmTrainingResult result = training::train_apm(options, resume);
    std::cout << "APM trained to step " << result.last_step << ": loss " << result.last_loss;
    if (result.validation_iou >= 0) std::cout << ", validation mean anatomy IoU " << result.validation_iou;
    std::cout << ", " << result.seconds_per_step << " s/step; bundle (APM part) in " << *out << "/bundle\n";
    return kOk;
  } catch (const std::exception& error) {
    std::cerr << "anatomix train apm: " << error.what() << "\n";
    return kFailure;
  }
}

}  // namespace anatomix::cli
