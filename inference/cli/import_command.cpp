#include "import_command.h"

#include "anatomix/cli.h"
#include "published/published_import.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace anatomix::cli {

namespace {

const char* kImportUsage =
    "usage: anatomix import --apm DIR_OR_PTH --lm lm.pt --vector-db emb_db.pt --base SNAPSHOT --out BUNDLE\n"
    "                       [--dtype bf16|fp32] [--merge-lora|--keep-lora] [--lora-alpha A] [--name NAME]\n"
    "  Builds a model bundle from the published AnatomiX checkpoints and the base model's Hugging Face\n"
    "  snapshot (MedGemma-4b-it: config.json, model*.safetensors, tokenizer.model). Nothing is downloaded.\n"
    "  --apm DIR_OR_PTH   the APM checkpoint (last_checkpoint.pth, or the directory holding it)\n"
    "  --lm lm.pt         the language-model checkpoint (LoRA, embedding and LM-head copies, projectors)\n"
    "  --vector-db FILE   the sentence database emb_db.pt\n"
    "  --base SNAPSHOT    the base model's snapshot directory; only its text decoder is kept\n"
    "  --out BUNDLE       the bundle directory to create (must not exist)\n"
    "  --dtype bf16|fp32  the language model's weights in the bundle (default bf16, as published)\n"
    "  --merge-lora       merge the LoRA matrices into the weights: W + B A * alpha / r (default)\n"
    "  --keep-lora        keep LoRA separate (not supported by the engine: refused)\n"
    "  --lora-alpha A     LoRA alpha of the training (default 16, as published; r is read from the tensors)\n"
    "  --name NAME        the bundle's name (default anatomix)\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

published::ImportOptions parse(const std::vector<std::string>& args, bool& help) {
  published::ImportOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") help = true;
    else if (arg == "--apm") options.apm = value();
    else if (arg == "--lm") options.lm = value();
    else if (arg == "--vector-db") options.vector_db = value();
    else if (arg == "--base") options.base = value();
    else if (arg == "--out") options.out = value();
    else if (arg == "--name") options.name = value();
    else if (arg == "--merge-lora") options.keep_lora = false;
    else if (arg == "--keep-lora") options.keep_lora = true;
    else if (arg == "--dtype") {
      const std::string dtype = value();
      if (dtype == "bf16") options.dtype = c10::kBFloat16;
      else if (dtype == "fp32") options.dtype = c10::kFloat;
      else throw UsageError("--dtype expects bf16 or fp32, got '" + dtype + "'");
    } else if (arg == "--lora-alpha") {
      const std::string text = value();
      char* end = nullptr;
      options.lora_alpha = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !(options.lora_alpha > 0))
        throw UsageError("--lora-alpha expects a positive number, got '" + text + "'");
    } else {
      throw UsageError("unknown argument '" + arg + "'");
    }
  }
  if (!help)
    for (const auto& [given, name] : {std::pair{&options.apm, "--apm"}, {&options.lm, "--lm"},
                                      {&options.vector_db, "--vector-db"}, {&options.base, "--base"},
                                      {&options.out, "--out"}})
      if (given->empty()) throw UsageError(std::string(name) + " is required");
  return options;
}

}  // namespace

int run_import(const std::vector<std::string>& args) {
  try {
    bool help = false;
    const published::ImportOptions options = parse(args, help);
    if (help) {
      std::printf("%s", kImportUsage);
      return kOk;
    }
    const published::ImportSummary summary = published::import_published(options);
    std::printf("bundle %s: APM, %d anatomies with %d sentences, LoRA merged into %d modules (r %d), "
                "embedding %s, LM head %s\n",
                summary.bundle.c_str(), summary.anatomies, summary.sentences, summary.lora_modules, summary.lora_rank,
                summary.trained_embedding ? "trained copy" : "base", summary.trained_head ? "trained copy" : "base");
    return kOk;
  } catch (const UsageError& error) {
    std::fprintf(stderr, "anatomix import: %s\n\n%s", error.what(), kImportUsage);
    return kUsage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "anatomix import: error: %s\n", error.what());
    return kFailure;
  }
}

}  // namespace anatomix::cli
