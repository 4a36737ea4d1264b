#include "lm/lm_bench.h"

#include "lm/gemma3.h"
#include "lm/safetensors.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <cstdio>
#include <iomanip>
#include <map>
#include <sstream>

namespace anatomix::lm {
namespace {

struct EngineFigures {
  std::string engine;
  std::string precision;
  std::map<int, double> prefill_tok_s;
  double decode_tok_s = 0;
  double peak_rss_mib = 0;
  std::string note;
  double load_seconds = 0;
  double bytes_per_token = 0;  // weight bytes one decode step reads
};

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The same synthetic prompt as llama_bench.py: BOS, then ordinary vocabulary ids of Gemma 3 (a smaller
// vocabulary's ids wrap around).
std::vector<int64_t> bench_prompt(int length, int64_t vocab) {
  std::vector<int64_t> ids = {2 % vocab};
  for (int64_t i = 0; static_cast<int64_t>(ids.size()) < length; ++i)
    ids.push_back(((i * 7919 + 13) % (262144 - 1000) + 500) % vocab);
  return ids;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string join(const std::vector<int>& values) {
  std::string out;
  for (int v : values) out += (out.empty() ? "" : ",") + std::to_string(v);
  return out;
}

// CUDA kernels run asynchronously: a clock read right after launching them would time the launches only.
void wait_for_device(const Gemma3Model& model) {
  if (model.device().is_cuda()) torch::cuda::synchronize();
}

EngineFigures measure_native(const Gemma3Config& config, const safetensors::SafetensorsCheckpoint& checkpoint,
                             const LmBenchOptions& options, const std::string& precision, std::ostream& out) {
  Gemma3LoadOptions load;
  load.device = options.device;
  load.threads = options.threads;
  load.precision = precision == "fp32" ? WeightPrecision::kFloat32 : WeightPrecision::kBFloat16;
  const auto load_start = std::chrono::steady_clock::now();
  auto model = Gemma3Model::load(config, checkpoint, load);
  c10::InferenceMode inference_guard;
  EngineFigures figures{"anatomix", precision, {}, 0, 0, ""};
  figures.load_seconds = seconds_since(load_start);
  figures.bytes_per_token = static_cast<double>(model->bytes_read_per_token());
  const int64_t vocab = config.vocab_size, decode_token = 506 % vocab;  // llama_bench.py decodes 506 too

  {  // warm-up: first-call allocations and oneDNN kernel selection
    KvCache cache = model->new_cache(32);
    model->forward(model->embed(bench_prompt(16, vocab)), cache);
    model->forward(model->embed({decode_token}), cache);
    wait_for_device(*model);
  }
  for (int length : options.prompt_lengths) {
    KvCache cache = model->new_cache(length + 8);
    const auto ids = bench_prompt(length, vocab);
    const auto start = std::chrono::steady_clock::now();
    model->forward(model->embed(ids), cache);
    wait_for_device(*model);
    figures.prefill_tok_s[length] = length / seconds_since(start);
  }
  KvCache cache = model->new_cache(options.decode_context + 2 * options.decode_tokens + 2);
  model->forward(model->embed(bench_prompt(options.decode_context, vocab)), cache);
  wait_for_device(*model);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < options.decode_tokens; ++i) model->forward(model->embed({decode_token}), cache);
  wait_for_device(*model);
  figures.decode_tok_s = options.decode_tokens / seconds_since(start);

  // Where the decode time goes: the same steps again with per-section timers.
  Gemma3Profile profile;
  model->set_profile(&profile);
  start = std::chrono::steady_clock::now();
  for (int i = 0; i < options.decode_tokens; ++i) model->forward(model->embed({decode_token}), cache);
  wait_for_device(*model);
  const double total = seconds_since(start);
  model->set_profile(nullptr);
  figures.peak_rss_mib = peak_rss_mib();
  out << "  anatomix " << precision << " decode profile (ms/token, share), weights "
      << model->parameter_bytes() / (1024.0 * 1024.0) << " MiB, KV cache " << cache.bytes() / (1024.0 * 1024.0)
      << " MiB:\n";
  double accounted = 0;
  for (const auto& [section, seconds] : profile.seconds) {
    accounted += seconds;
    out << "    " << std::left << std::setw(40) << section << std::right << std::fixed << std::setprecision(3)
        << 1e3 * seconds / options.decode_tokens << " ms  " << std::setprecision(1) << 100.0 * seconds / total
        << "%\n";
  }
  out << "    " << std::left << std::setw(40) << "embedding + dispatch outside sections" << std::right
      << std::setprecision(3) << 1e3 * (total - accounted) / options.decode_tokens << " ms  "
      << std::setprecision(1) << 100.0 * (total - accounted) / total << "%\n";
  // Memory traffic: every weight byte a decode step reads (LM head included, embedding rows aside) once.
  out << "    weight bytes read per token ~" << std::setprecision(0) << figures.bytes_per_token / 1e6 << " MB -> "
      << std::setprecision(1) << figures.bytes_per_token / 1e9 * figures.decode_tok_s << " GB/s effective\n";
  return figures;
}

std::vector<EngineFigures> measure_llama(const LmBenchOptions& options, const std::string& gguf, std::ostream& out) {
  // The shipped 270M GGUF is also measured as it is (4-5 bit); a given GGUF at the asked precisions only.
  std::vector<std::string> precisions;
  if (options.gguf_path.empty()) precisions.push_back("q4_k_m");
  for (const auto& p : options.precisions) precisions.push_back(p == "fp32" ? "f32" : p);
  std::string list;
  for (const auto& p : precisions) list += (list.empty() ? "" : ",") + p;
  const std::string command = shell_quote(options.python) + " " + shell_quote(options.tools_dir + "/llama_bench.py") +
                              " " + shell_quote(gguf) + " --threads " + std::to_string(options.threads) +
                              " --prompt-lengths " + join(options.prompt_lengths) + " --decode " +
                              std::to_string(options.decode_tokens) + " --precisions " + list;
  std::vector<EngineFigures> figures;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    out << "  llama.cpp: cannot start " << command << "\n";
    return figures;
  }
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  const auto last_line_start = output.find_last_of('\n', output.size() > 1 ? output.size() - 2 : 0);
  const std::string last = last_line_start == std::string::npos ? output : output.substr(last_line_start + 1);
  try {
    const auto parsed = nlohmann::json::parse(last);
    for (const auto& r : parsed.at("results")) {
      EngineFigures f{"llama.cpp", r.at("precision").get<std::string>(), {}, 0, 0, ""};
      if (f.precision == "f32") f.precision = "fp32";
      if (r.contains("error")) {
        f.note = r["error"].get<std::string>();
      } else {
        for (auto it = r.at("prefill").begin(); it != r.at("prefill").end(); ++it) {
          f.prefill_tok_s[std::stoi(it.key())] = it.value().get<double>();
        }
        f.decode_tok_s = r.at("decode_tok_s").get<double>();
        f.peak_rss_mib = r.at("peak_rss_mib").get<double>();
        f.load_seconds = r.value("load_seconds", 0.0);
        f.bytes_per_token = r.value("bytes_per_token", 0.0);
      }
      figures.push_back(f);
    }
  } catch (const std::exception& e) {
    out << "  llama.cpp: could not read llama_bench.py output (exit status " << status << "): " << e.what() << "\n"
        << output.substr(output.size() > 2000 ? output.size() - 2000 : 0) << "\n";
  }
  return figures;
}

// A model bundle keeps the decoder's config under "lm" and names its weights file in "files"."lm"; other
// folders (gguf_to_bundle.py's, a Hugging Face snapshot) hold the config and the weights directly.
std::pair<Gemma3Config, std::string> decoder_config_and_weights(const std::string& directory) {
  const std::string config_path = directory + "/config.json";
  std::ifstream stream(config_path);
  if (!stream) throw std::runtime_error("cannot read " + config_path);
  const auto json = nlohmann::json::parse(stream, nullptr, false);
  if (json.is_object() && json.contains("lm") && json["lm"].is_object() && json.contains("files") &&
      json["files"].is_object() && json["files"].contains("lm") && json["files"]["lm"].is_string()) {
    return {Gemma3Config::from_json_text(json["lm"].dump(), config_path + " \"lm\""),
            directory + "/" + json["files"]["lm"].get<std::string>()};
  }
  return {Gemma3Config::from_file(config_path), directory};
}

}  // namespace

double measure_read_bandwidth(int64_t bytes, int repeats) {
  c10::InferenceMode inference_guard;
  // A matrix-vector product reads its matrix once, as a decode step reads its weights (on the 2-core Xeon it
  // streams faster than a plain sum: 27 against 23 GB/s).
  const int64_t columns = 2048, rows = std::max<int64_t>(bytes / 4 / columns, 1);
  const at::Tensor matrix = torch::ones({rows, columns}, torch::kFloat);
  const at::Tensor vector = torch::ones({columns}, torch::kFloat);
  double best = 0;
  for (int i = 0; i <= repeats; ++i) {  // the first pass only warms up
    const auto start = std::chrono::steady_clock::now();
    const at::Tensor sums = at::mv(matrix, vector);
    const double seconds = seconds_since(start);
    if (sums[rows - 1].item<float>() != static_cast<float>(columns))
      throw std::runtime_error("bandwidth matrix-vector product is wrong");
    if (i > 0) best = std::max(best, static_cast<double>(matrix.numel()) * 4 / seconds);
  }
  return best;
}

int run_lm_bench(const LmBenchOptions& options, std::ostream& out) {
  try {
    const auto [config, weights_path] = decoder_config_and_weights(options.bundle_dir);
    const auto checkpoint = safetensors::SafetensorsCheckpoint::open(weights_path);
    const std::string gguf =
        options.gguf_path.empty() ? options.bundle_dir + "/gemma-3-270m-q4_k_m.gguf" : options.gguf_path;
    out << "LM benchmark: Gemma 3 decoder from " << options.bundle_dir << " (" << config.num_hidden_layers
        << " layers, hidden " << config.hidden_size << "), device " << options.device << ", " << options.threads
        << " threads, decode timed over " << options.decode_tokens << " tokens after a " << options.decode_context
        << "-token context\n";
    if (options.threads > 0) at::set_num_threads(options.threads);
    const double bandwidth = options.device == "cpu" ? measure_read_bandwidth(options.bandwidth_buffer_bytes) : 0;
    if (bandwidth > 0)
      out << "  memory read bandwidth " << std::fixed << std::setprecision(1) << bandwidth / 1e9
          << " GB/s (best of 5 fp32 matrix-vector products over " << std::setprecision(0) << options.bandwidth_buffer_bytes / 1048576.0
          << " MiB, " << at::get_num_threads() << " threads)\n";
    std::vector<EngineFigures> rows;
    for (const auto& precision : options.precisions) rows.push_back(measure_native(config, checkpoint, options, precision, out));
    std::vector<EngineFigures> llama;
    if (!options.python.empty()) llama = measure_llama(options, gguf, out);
    rows.insert(rows.end(), llama.begin(), llama.end());

    out << "\n  " << std::left << std::setw(10) << "engine" << std::setw(8) << "weights" << std::setw(8) << "load s";
    for (int length : options.prompt_lengths) out << std::setw(18) << ("prefill" + std::to_string(length) + " tok/s");
    out << std::setw(14) << "decode tok/s" << std::setw(12) << "GB/token" << std::setw(16) << "bound tok/s"
        << "peak RSS MiB\n";
    for (const auto& r : rows) {
      out << "  " << std::left << std::setw(10) << r.engine << std::setw(8) << r.precision << std::fixed
          << std::setprecision(1);
      if (!r.note.empty()) {
        out << "failed: " << r.note << "\n";
        continue;
      }
      out << std::setw(8) << r.load_seconds;
      for (int length : options.prompt_lengths) out << std::setw(18) << r.prefill_tok_s.at(length);
      out << std::setprecision(2) << std::setw(14) << r.decode_tok_s << std::setw(12) << r.bytes_per_token / 1e9;
      // The best decode rate memory allows: each step streams its weight bytes once at the measured bandwidth.
      std::ostringstream bound;
      if (bandwidth > 0 && r.bytes_per_token > 0)
        bound << std::fixed << std::setprecision(2) << bandwidth / r.bytes_per_token << " ("
              << std::setprecision(0) << 100.0 * r.decode_tok_s * r.bytes_per_token / bandwidth << "%)";
      else
        bound << "-";
      out << std::setw(16) << bound.str() << std::setprecision(0) << r.peak_rss_mib << "\n";
    }
    out << "  (bound: measured read bandwidth / weight bytes read per decoded token; in brackets the share of it\n"
           "   the decode rate reaches)\n";
    if (options.precisions.size() > 1)
      out << "  (anatomix peak RSS is the process peak so far: both precisions load in one process)\n";
    for (const auto& ours : rows) {
      if (ours.engine != "anatomix") continue;
      for (const auto& peer : llama) {
        if (!peer.note.empty() || (peer.precision != ours.precision && peer.precision != "q4_k_m")) continue;
        out << "  ratio anatomix " << ours.precision << " / llama.cpp " << peer.precision << ":";
        for (int length : options.prompt_lengths) {
          out << " prefill" << length << " " << std::setprecision(2) << ours.prefill_tok_s.at(length) / peer.prefill_tok_s.at(length) << "x";
        }
        out << ", decode " << ours.decode_tok_s / peer.decode_tok_s << "x"
            << (peer.precision == ours.precision ? " (equal precision)" : " (llama.cpp on 4-5 bit weights)") << "\n";
      }
    }
    return 0;
  } catch (const std::exception& e) {
    out << "LM benchmark failed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace anatomix::lm
