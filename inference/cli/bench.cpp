#include "bench.h"

#include "anatomix/cli.h"
#include "anatomix/engine.h"
#include "apm/apm.h"
#include "lm/lm_bench.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

namespace anatomix::cli::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Peak resident memory of this process in MiB (VmHWM), 0 if unknown.
double peak_memory_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

ApmConfig small_apm_config() {
  ApmConfig config;
  config.image_size = 256;
  config.backbone_width = 16;
  config.backbone_blocks = {1, 1, 1, 1};
  config.hidden_dim = 64;
  config.heads = 4;
  config.ffn_dim = 256;
  config.encoder_layers = 2;
  config.decoder_layers = 2;
  return config;
}

nlohmann::json bench_apm(const std::string& label, const ApmConfig& config, int runs, c10::Device device) {
  const auto weights = apm::apm_random_weights(config, 7);
  const apm::Apm model(config, [&](const std::string& name) { return weights.at(name); }, device);
  const torch::Tensor image = torch::rand({1, 1, config.image_size, config.image_size});
  model.forward(image);  // warm-up: allocator, oneDNN primitives
  std::vector<double> milliseconds;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    const auto output = model.forward(image);
    if (device.is_cuda()) torch::cuda::synchronize();
    milliseconds.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  const double median = milliseconds[milliseconds.size() / 2];
  std::printf("APM %-5s %4d px, width %3d, blocks %d-%d-%d-%d, d=%d: median %.1f ms, min %.1f ms (%d runs, %d threads)\n",
              label.c_str(), config.image_size, config.backbone_width, config.backbone_blocks[0],
              config.backbone_blocks[1], config.backbone_blocks[2], config.backbone_blocks[3], config.hidden_dim,
              median, milliseconds.front(), runs, at::get_num_threads());
  return {{"config", label}, {"image_size", config.image_size}, {"median_ms", median},
          {"min_ms", milliseconds.front()}, {"runs", runs}, {"threads", at::get_num_threads()}};
}

nlohmann::json bench_bundle(const std::string& model_dir, int max_new_tokens, Device device) {
  Engine engine;
  LoadOptions options;
  options.bundle_dir = model_dir;
  options.device = device;
  const auto load_start = Clock::now();
  engine.load(options);
  const double load_seconds = std::chrono::duration<double>(Clock::now() - load_start).count();
  std::mt19937 random(11);
  std::vector<std::uint8_t> pixels(768 * 1024);
  for (auto& pixel : pixels) pixel = static_cast<std::uint8_t>(random() & 0xff);
  const Analysis analysis = engine.analyse({pixels.data(), 768, 1024, 768});
  AskRequest request;
  request.task = Task::ReportGeneration;
  request.max_new_tokens = max_new_tokens;
  AskSession session(analysis);
  const Answer answer = engine.ask(session, request);
  const double prefill = answer.prefill_seconds > 0 ? answer.prompt_tokens / answer.prefill_seconds : 0;
  const double decode =
      answer.decode_seconds > 0 && answer.generated_tokens > 1 ? (answer.generated_tokens - 1) / answer.decode_seconds : 0;
  // A follow-up question in the same session: only its instruction is prefilled (the engine's prompt-prefix reuse).
  request.task = Task::AnatomyGrounding;
  request.text = "Left lung";
  const Answer follow_up = engine.ask(session, request);
  std::printf("bundle %s (language model %s): load %.2f s, analyse %.2f s, prompt %d tokens prefilled at %.1f tok/s "
              "(%.2f s), %d tokens decoded at %.2f tok/s; follow-up question: %d of %d prompt tokens reused, prefill "
              "%.3f s\n",
              model_dir.c_str(), engine.info().lm_precision.c_str(), load_seconds, analysis.seconds, answer.prompt_tokens, prefill, answer.prefill_seconds,
              answer.generated_tokens, decode, follow_up.reused_prompt_tokens, follow_up.prompt_tokens,
              follow_up.prefill_seconds);
  return {{"bundle", model_dir},          {"lm_precision", engine.info().lm_precision}, {"load_seconds", load_seconds},
          {"analyse_seconds", analysis.seconds}, {"prompt_tokens", answer.prompt_tokens},
          {"prefill_tokens_per_second", prefill}, {"generated_tokens", answer.generated_tokens},
          {"decode_tokens_per_second", decode}, {"follow_up_reused_prompt_tokens", follow_up.reused_prompt_tokens},
          {"follow_up_prefill_seconds", follow_up.prefill_seconds}};
}

const char* kBenchUsage =
    "usage: anatomix bench [--apm small|full|both|none] [--runs N] [--model DIR] [--max-new-tokens N]\n"
    "                      [--lm-bundle DIR [--python PY --tools DIR] [--gguf FILE] [--lm-precisions LIST]\n"
    "                       [--prompt-lengths LIST] [--decode-tokens N]] [--device cpu|cuda] [--threads N] [--json]\n"
    "  APM latency with random weights (small: 256 px, narrow; full: ResNet-50, 1024 px, d=256), and with\n"
    "  --model an end-to-end report request (prefill and decode tokens/s). --lm-bundle runs the Gemma 3\n"
    "  benchmark of src/lm on a bundle, a Hugging Face snapshot or gguf_to_bundle.py's folder (prefill/decode\n"
    "  tokens/s, the memory-bandwidth bound on decode; llama.cpp in the same run when --python and --tools\n"
    "  point at llama-cpp-python and inference/tools, on --gguf FILE or the 270M test GGUF in DIR).\n"
    "  --lm-precisions fp32,bf16 (default both), --prompt-lengths 512,2048, --decode-tokens 64 (defaults).\n"
    "  Peak memory is printed last.\n";

}  // namespace

int run_bench_command(const std::vector<std::string>& args) {
  std::string apm_configs = "both", model_dir, device_name = "cpu", lm_bundle, python, tools, gguf;
  int runs = 3, max_new_tokens = 32, threads = 0;
  lm::LmBenchOptions lm_options;
  bool json_output = false;
  for (size_t i = 0; i < args.size(); ++i) {
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + " needs a value");
      return args[++i];
    };
    if (args[i] == "--help" || args[i] == "-h") {
      std::printf("%s", kBenchUsage);
      return kOk;
    } else if (args[i] == "--apm") apm_configs = value();
    else if (args[i] == "--runs") runs = std::stoi(value());
    else if (args[i] == "--model") model_dir = value();
    else if (args[i] == "--lm-bundle") lm_bundle = value();
    else if (args[i] == "--python") python = value();
    else if (args[i] == "--tools") tools = value();
    else if (args[i] == "--gguf") gguf = value();
    else if (args[i] == "--lm-precisions") lm_options.precisions = split_list(value());
    else if (args[i] == "--prompt-lengths") {
      lm_options.prompt_lengths.clear();
      for (const auto& item : split_list(value())) lm_options.prompt_lengths.push_back(std::stoi(item));
    } else if (args[i] == "--decode-tokens") lm_options.decode_tokens = std::stoi(value());
    else if (args[i] == "--max-new-tokens") max_new_tokens = std::stoi(value());
    else if (args[i] == "--device") device_name = value();
    else if (args[i] == "--threads") threads = std::stoi(value());
    else if (args[i] == "--json") json_output = true;
    else {
      std::fprintf(stderr, "anatomix bench: unknown argument %s\n\n%s", args[i].c_str(), kBenchUsage);
      return kUsage;
    }
  }
  const bool lm_lists_valid =
      !lm_options.prompt_lengths.empty() && !lm_options.precisions.empty() && lm_options.decode_tokens >= 1 &&
      std::all_of(lm_options.prompt_lengths.begin(), lm_options.prompt_lengths.end(), [](int n) { return n >= 1; }) &&
      std::all_of(lm_options.precisions.begin(), lm_options.precisions.end(),
                  [](const std::string& p) { return p == "fp32" || p == "bf16"; });
  if (runs < 1 || max_new_tokens < 1 || !lm_lists_valid || (device_name != "cpu" && device_name != "cuda") ||
      (apm_configs != "small" && apm_configs != "full" && apm_configs != "both" && apm_configs != "none")) {
    std::fprintf(stderr, "anatomix bench: invalid arguments\n\n%s", kBenchUsage);
    return kUsage;
  }
  if (threads > 0) at::set_num_threads(threads);
  const bool cuda = device_name == "cuda";
  if (cuda && !torch::cuda::is_available()) {
    std::fprintf(stderr, "anatomix bench: CUDA requested but not available\n");
    return kFailure;
  }
  const c10::Device device = cuda ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
  nlohmann::json report{{"apm", nlohmann::json::array()}};
  if (apm_configs == "small" || apm_configs == "both")
    report["apm"].push_back(bench_apm("small", small_apm_config(), runs, device));
  if (apm_configs == "full" || apm_configs == "both") report["apm"].push_back(bench_apm("full", ApmConfig{}, runs, device));
  if (!model_dir.empty()) report["bundle"] = bench_bundle(model_dir, max_new_tokens, cuda ? Device::Cuda : Device::Cpu);
  int status = kOk;
  if (!lm_bundle.empty()) {
    lm_options.bundle_dir = lm_bundle;
    lm_options.gguf_path = gguf;
    lm_options.python = python;
    lm_options.tools_dir = tools;
    lm_options.device = device_name;
    if (threads > 0) lm_options.threads = threads;
    status = lm::run_lm_bench(lm_options, std::cout) == 0 ? kOk : kFailure;
  }
  report["peak_memory_mib"] = peak_memory_mib();
  std::printf("peak resident memory %.0f MiB\n", peak_memory_mib());
  if (json_output) std::cout << report.dump(2) << "\n";
  return status;
}

}  // namespace anatomix::cli::bench
