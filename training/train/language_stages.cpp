// `anatomix train align` and `anatomix train instruct`: the language-model stages on top of an APM bundle.
//
// Our language model starts from scratch (no pre-trained Gemma fits this CPU), so the alignment stage trains
// the LM together with the projectors on report generation by default: the projectors learn to map the APM's
// tokens while the LM learns the report language. --freeze-lm gives the published stage 1 (projectors only)
// for an LM that already speaks. The instruction stage trains everything on all nine tasks and writes the
// complete bundle.
#include "train/train_command.h"

#include <torch/torch.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "anatomix/cli.h"
#include "anatomix/engine.h"
#include "dataset/study_dataset.h"
#include "lm/tokenizer.h"
#include "train/lm_bundle.h"
#include "train/lm_feature_cache.h"
#include "train/lm_trainer.h"

namespace anatomix::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using training::LanguageTrainOptions;

const char* kCommonOptions =
    "  --val DIR               validation studies: loss and greedy answers printed at the end\n"
    "  --steps N               optimizer steps (default 1000)\n"
    "  --batch B               studies per step, each with all its task samples on one reading (default 4)\n"
    "  --lr X                  peak learning rate (default 1e-3), warm-up then cosine to 10%\n"
    "  --warmup N              warm-up steps (default 50)\n"
    "  --weight-decay X        AdamW weight decay of the matrices (default 0.01)\n"
    "  --flip P                probability of the mirrored reading (default 0.5; 0 computes no mirrored features)\n"
    "  --tasks LIST            comma-separated task names to train on (default: the stage's)\n"
    "  --limit N               use the first N training studies\n"
    "  --val-examples N        validation examples (default 4)\n"
    "  --validate-every N      validation loss every N steps (default: at the end only)\n"
    "  --checkpoint-every N    checkpoint every N steps (default 200) into OUT/<stage>_checkpoint\n"
    "  --log-every N           progress line every N steps (default 10); every step goes to OUT/<stage>_loss.csv\n"
    "  --seed S                sampling and initialisation seed (default 1)\n"
    "  --threads T             CPU threads (default: LibTorch's)\n"
    "  --stop-at N             stop after step N of the schedule (checkpointed; continue with --resume)\n"
    "  --resume                continue OUT/<stage>_checkpoint (same options)\n";

struct StageArguments {
  std::map<std::string, std::string> values;
  bool resume = false, freeze_lm = false, help = false;
};

// --name value pairs and the two flags; throws std::invalid_argument on anything else.
StageArguments parse(const std::vector<std::string>& args, const std::vector<std::string>& known) {
  StageArguments parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") parsed.help = true;
    else if (arg == "--resume") parsed.resume = true;
    else if (arg == "--freeze-lm") parsed.freeze_lm = true;
    else if (std::find(known.begin(), known.end(), arg) != known.end()) {
      if (i + 1 >= args.size()) throw std::invalid_argument(arg + " needs a value");
      parsed.values[arg] = args[++i];
    } else {
      throw std::invalid_argument("unknown option '" + arg + "'");
    }
  }
  return parsed;
}

double number(const StageArguments& a, const std::string& name, double fallback, double low, double high) {
  auto it = a.values.find(name);
  if (it == a.values.end()) return fallback;
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(it->second, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != it->second.size() || !(value >= low && value <= high))
    throw std::invalid_argument(name + " must be a number in [" + std::to_string(low) + ", " + std::to_string(high) +
                                "], got '" + it->second + "'");
  return value;
}

std::string text(const StageArguments& a, const std::string& name, const std::string& fallback = "") {
  auto it = a.values.find(name);
  return it == a.values.end() ? fallback : it->second;
}

const std::vector<std::string> kCommonNames = {"--val", "--steps", "--batch", "--lr", "--warmup", "--weight-decay",
                                               "--flip", "--tasks", "--limit", "--val-examples", "--validate-every",
                                               "--checkpoint-every", "--log-every", "--seed", "--threads", "--stop-at", "--data",
                                               "--out"};

LanguageTrainOptions training_options(const StageArguments& a, const std::string& stage, const std::string& out) {
  LanguageTrainOptions o;
  o.stage = stage;
  o.run_dir = out;
  o.steps = static_cast<int64_t>(number(a, "--steps", 1000, 1, 1e8));
  o.stop_at = static_cast<int64_t>(number(a, "--stop-at", 0, 0, 1e8));
  o.batch = static_cast<int>(number(a, "--batch", 4, 1, 4096));
  o.learning_rate = number(a, "--lr", 1e-3, 1e-8, 1.0);
  o.warmup_steps = static_cast<int64_t>(number(a, "--warmup", std::min<double>(50, o.steps / 10.0), 0, 1e8));
  o.weight_decay = number(a, "--weight-decay", 0.01, 0, 10);
  o.flip_probability = number(a, "--flip", 0.5, 0, 1);
  o.validation_examples = static_cast<int>(number(a, "--val-examples", 4, 0, 10000));
  o.validate_every = static_cast<int64_t>(number(a, "--validate-every", 0, 0, 1e8));
  o.checkpoint_every = static_cast<int64_t>(number(a, "--checkpoint-every", 200, 0, 1e8));
  o.log_every = static_cast<int>(number(a, "--log-every", 10, 1, 1e6));
  o.seed = static_cast<uint64_t>(number(a, "--seed", 1, 0, 9e15));
  o.resume = a.resume;
  o.train_language_model = !a.freeze_lm;
  const std::string tasks = text(a, "--tasks");
  std::stringstream stream(tasks);
  for (std::string task; std::getline(stream, task, ',');)
    if (!task.empty()) o.tasks.insert(task);
  return o;
}

json read_json_file(const fs::path& path) {
  std::ifstream stream(path);
  if (!stream) throw std::runtime_error("cannot read " + path.string());
  try {
    return json::parse(stream);
  } catch (const json::exception& error) {
    throw std::runtime_error(path.string() + " is not valid JSON: " + error.what());
  }
}

// What a later stage needs to continue from a run directory.
struct RunRecord {
  std::string apm_bundle, data;
  json lm_config;
};

// Everything both stages do once the model state and the configuration are known: features, training,
// final weights, run.json and the bundle.
int train_stage(const StageArguments& a, const std::string& stage, const RunRecord& record,
                const std::string& tokenizer_model, training::LanguageModelState state, const std::string& out,
                const std::set<std::string>& default_tasks, const std::string& reuse_cache_from) {
  const auto tokenizer_owner = lm::Tokenizer::load(tokenizer_model);
  const lm::Tokenizer& tokenizer = *tokenizer_owner;
  BundleConfig config = training::load_apm_bundle_config(record.apm_bundle, record.lm_config);
  config.name = "anatomix-small-synthetic";
  config.description = training::kBundleDescription;
  auto id = [&](const char* name) {
    const int value = tokenizer.token_id(name);
    if (value < 0) throw std::runtime_error("tokenizer " + tokenizer_model + " has no token " + name);
    return value;
  };
  config.tokens = {id("<image>"), id("<image_start>"), id("<image_end>"), id("<box>"), id("</box>"), id("<emb>"),
                   id("</emb>"), id("<obj_0>"), id("<ref>"), id("</ref>"), id("<pad>"), id("<eos>"), id("<bos>"),
                   id("<start_of_turn>"), id("<end_of_turn>")};
  for (int i = 1; i < config.apm.num_queries; ++i)
    if (id(("<obj_" + std::to_string(i) + ">").c_str()) != config.tokens.object0 + i)
      throw std::runtime_error("tokenizer " + tokenizer_model + ": the <obj_i> tokens are not consecutive");

  LanguageTrainOptions options = training_options(a, stage, out);
  if (options.tasks.empty()) options.tasks = default_tasks;
  if (a.values.count("--threads")) at::set_num_threads(static_cast<int>(number(a, "--threads", 1, 1, 1024)));
  fs::create_directories(out);

  const int limit = static_cast<int>(number(a, "--limit", 0, 0, 1e9));
  const auto studies = training::load_study_set(record.data, limit);
  const fs::path cache = fs::path(out) / "apm_features.safetensors";
  if (!reuse_cache_from.empty() && !fs::exists(cache) && fs::exists(reuse_cache_from)) {
    std::error_code error;
    fs::create_hard_link(reuse_cache_from, cache, error);
    if (error) fs::copy_file(reuse_cache_from, cache);
  }
  const auto features = training::FeatureCache::build_or_load(cache.string(), record.apm_bundle, studies,
                                                              options.flip_probability > 0);
  std::vector<training::StudyTruth> validation;
  std::unique_ptr<training::FeatureCache> validation_features;
  if (a.values.count("--val") && options.validation_examples > 0) {
    validation = training::load_study_set(text(a, "--val"), options.validation_examples);
    validation_features = std::make_unique<training::FeatureCache>(training::FeatureCache::build_or_load(
        (fs::path(out) / "apm_features_val.safetensors").string(), record.apm_bundle, validation, false));
  }

  const training::TrainingSummary summary = training::train_language_model(
      state, config, tokenizer, studies, features, validation, validation_features.get(), options);

  training::save_language_model_state(state, (fs::path(out) / "final").string());
  const fs::path kept_tokenizer = fs::path(out) / "tokenizer.model";
  if (fs::absolute(tokenizer_model) != fs::absolute(kept_tokenizer))
    fs::copy_file(tokenizer_model, kept_tokenizer, fs::copy_options::overwrite_existing);
  std::ofstream(fs::path(out) / "run.json")
      << json{{"stage", stage},
              {"apm_bundle", fs::absolute(record.apm_bundle).string()},
              {"data", fs::absolute(record.data).string()},
              {"lm", record.lm_config},
              {"steps", summary.steps},
              {"batch", options.batch},
              {"seed", options.seed},
              {"first_loss", summary.first_loss},
              {"last_loss", summary.last_loss},
              {"seconds_per_step", summary.seconds_per_step},
              {"examples", summary.examples},
              {"mean_tokens_per_example", summary.mean_tokens_per_example}}
             .dump(2)
      << "\n";
  training::BundleContents contents{config, state.projectors, state.lm, record.apm_bundle, kept_tokenizer.string()};
  training::write_bundle(contents, (fs::path(out) / "bundle").string());
  std::cout << stage << ": " << summary.steps << " steps, loss " << summary.first_loss << " -> " << summary.last_loss
            << ", " << summary.seconds_per_step << " s/step, " << summary.examples << " examples, "
            << summary.mean_tokens_per_example << " tokens run per example; bundle in " << (fs::path(out) / "bundle").string() << "\n";
  return kOk;
}

int run_stage(const std::vector<std::string>& args, const std::string& stage) {
  const bool align = stage == "align";
  const std::string usage =
      align ? std::string("usage: anatomix train align --apm-bundle DIR --data DIR --out RUN_DIR [options]\n"
                          "  --apm-bundle DIR        APM bundle of `anatomix train apm` (config.json, weights, vector db)\n"
                          "  --data DIR              generated training studies (index.json)\n"
                          "  --out RUN_DIR           run directory: features, checkpoints, logs, final/, bundle/\n"
                          "  --vocab FILE            SentencePiece vocabulary (training/tools/vocab_train.py;\n"
                          "                          default APM_BUNDLE/tokenizer.model)\n"
                          "  --lm-config FILE        JSON overriding the small Gemma 3 configuration (HF key names)\n"
                          "  --init-from BUNDLE      start from a complete bundle's language model and projectors\n"
                          "                          (e.g. after retraining the APM; vocabulary: BUNDLE's)\n"
                          "  --freeze-lm             train the projectors only (the published stage 1)\n") +
                  kCommonOptions
            : std::string("usage: anatomix train instruct --from RUN_DIR --data DIR --out RUN_DIR [options]\n"
                          "  --from RUN_DIR          an align (or instruct) run: weights, tokenizer, APM bundle\n"
                          "  --data DIR              generated training studies (index.json)\n"
                          "  --out RUN_DIR           run directory; the complete bundle is written to RUN_DIR/bundle\n") +
                  kCommonOptions;
  StageArguments a;
  try {
    std::vector<std::string> known = kCommonNames;
    for (const char* name : align ? std::vector<const char*>{"--apm-bundle", "--vocab", "--lm-config", "--init-from"}
                                  : std::vector<const char*>{"--from"})
      known.emplace_back(name);
    a = parse(args, known);
    if (a.help) {
      std::cout << usage;
      return kOk;
    }
    for (const char* required : align ? std::vector<const char*>{"--apm-bundle", "--data", "--out"}
                                       : std::vector<const char*>{"--from", "--data", "--out"})
      if (!a.values.count(required)) throw std::invalid_argument(std::string(required) + " is required");
    training_options(a, stage, "");  // validates the numbers before any work starts
  } catch (const std::exception& error) {
    std::cerr << "anatomix train " << stage << ": " << error.what() << "\n" << usage;
    return kUsage;
  }

  try {
    const std::string out = text(a, "--out");
    if (align) {
      RunRecord record{text(a, "--apm-bundle"), text(a, "--data"), json()};
      if (a.values.count("--init-from")) {
        if (a.values.count("--lm-config") || a.values.count("--vocab"))
          throw std::runtime_error("--init-from takes the bundle's language model and vocabulary: leave out --lm-config and --vocab");
        const std::string bundle = text(a, "--init-from");
        auto state = training::bundle_language_model_state(bundle);
        record.lm_config = state.lm_config;
        const BundleConfig config = training::load_apm_bundle_config(record.apm_bundle, record.lm_config);
        for (const auto& [name, tensor] : training::random_language_model_state(config, record.lm_config, 0).projectors)
          if (!state.projectors.count(name) || !state.projectors.at(name).sizes().equals(tensor.sizes()))
            throw std::runtime_error("the projectors of " + bundle + " do not fit the APM of " + record.apm_bundle);
        return train_stage(a, stage, record, (fs::path(bundle) / "tokenizer.model").string(), std::move(state), out,
                           {"report_generation"}, "");
      }
      const std::string vocab = text(a, "--vocab", (fs::path(record.apm_bundle) / "tokenizer.model").string());
      if (!fs::is_regular_file(vocab))
        throw std::runtime_error("no vocabulary at " + vocab +
                                 " (train one with training/tools/vocab_train.py and pass --vocab)");
      const auto tokenizer = lm::Tokenizer::load(vocab);
      const json overrides = a.values.count("--lm-config") ? read_json_file(text(a, "--lm-config")) : json::object();
      record.lm_config = training::small_lm_config(tokenizer->vocab_size(), overrides);
      const BundleConfig config = training::load_apm_bundle_config(record.apm_bundle, record.lm_config);
      auto state = training::random_language_model_state(config, record.lm_config,
                                                         static_cast<uint64_t>(number(a, "--seed", 1, 0, 9e15)));
      return train_stage(a, stage, record, vocab, std::move(state), out, {"report_generation"}, "");
    }
    const fs::path from(text(a, "--from"));
    const json run = read_json_file(from / "run.json");
    RunRecord record{run.at("apm_bundle").get<std::string>(), text(a, "--data"), run.at("lm")};
    auto state = training::load_language_model_state((from / "final").string(), record.lm_config);
    return train_stage(a, stage, record, (from / "tokenizer.model").string(), std::move(state), out, {},
                       (from / "apm_features.safetensors").string());
  } catch (const std::exception& error) {
    std::cerr << "anatomix train " << stage << ": " << error.what() << "\n";
    return kFailure;
  }
}

}  // namespace

int run_train_align(const std::vector<std::string>& args) { return run_stage(args, "align"); }
int run_train_instruct(const std::vector<std::string>& args) { return run_stage(args, "instruct"); }

}  // namespace anatomix::cli
