// `anatomix train gate`: the learned check "is this a frontal chest radiograph?" that the engine runs on every
// analysis (anatomix/engine.h, ChestRadiographCheck). Headers can lie and PNG files have none, so the header
// and pixel rules of viewer/image (radiograph_gate.h) are not enough: a logistic head reads the APM's pooled
// image features (the CLS output and the mean patch token, Analysis::image_embedding), fitted here on images the
// engine analyses exactly as it will at reading time, with frontal chest radiographs as positives and other
// images as negatives (training/tools/gate_negatives.py). The APM itself is not changed.
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <cstdio>
#include <iostream>

#include "anatomix/cli.h"
#include "anatomix/engine.h"
#include "anatomix/eval/classification_metrics.h"
#include "anatomix/image/image_decoder.h"
#include "anatomix/image/model_input.h"
#include "anatomix/image/radiograph_gate.h"
#include "lm/safetensors.h"
#include "train/apm_training_set.h"
#include "train/train_command.h"

namespace anatomix::cli {
namespace {

const char* kGateUsage =
    "usage: anatomix train gate --model DIR --accept DIRS --refuse DIRS --out FILE [--check-accept DIRS]\n"
    "                           [--check-refuse DIRS] [--limit N] [--threads T]\n"
    "       anatomix train gate --model DIR --check-accept DIRS --check-refuse DIRS [--limit N] [--threads T]\n"
    "Fits the learned chest-radiograph check on the images of the --accept folders (frontal chest radiographs)\n"
    "and the --refuse folders (anything else), comma-separated, and writes it to FILE (safetensors: add\n"
    "\"chest_gate\": {\"file\": ..., \"threshold\": ...} to the bundle's config.json). Then, or without --out\n"
    "with the bundle's own check, scores the --check-* folders: the share each accepts beside the header and\n"
    "pixel rules and beside accepting everything; with --out it also names the threshold that balances the\n"
    "check folders best (choose it on validation images, score the test images once).\n"
    "  --limit N     the first N images of each folder (sorted by name; default all)\n";

struct FolderFeatures {
  std::string folder;
  bool chest = false;
  torch::Tensor embeddings;                // [N, D]
  std::vector<std::string> files;          // one per embedding row
  std::vector<float> bundle_probability;   // the bundle's own check, when it has one
  float bundle_threshold = 0.5f;
  std::size_t rules_accept = 0;            // images the header and pixel rules let through
};

FolderFeatures folder_features(Engine& engine, const std::string& folder, bool chest, int limit) {
  FolderFeatures features;
  features.folder = folder;
  features.chest = chest;
  std::vector<torch::Tensor> rows;
  for (const std::string& file : training::film_files(folder)) {
    if (limit > 0 && static_cast<int>(rows.size()) >= limit) break;
    image::DecodedImage decoded;
    try {
      decoded = image::decode_image(file);
    } catch (const std::exception& error) {
      std::cerr << "anatomix train gate: " << file << " skipped: " << error.what() << "\n";
      continue;
    }
    features.rules_accept += image::check_frontal_chest_radiograph(decoded).accepted() ? 1 : 0;
    const image::Gray8Image pixels = image::to_model_input(decoded);
    const Analysis analysis = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, 0});
    rows.push_back(torch::tensor(analysis.image_embedding));
    features.files.push_back(std::filesystem::path(file).filename().string());
    if (analysis.chest_check) {
      features.bundle_probability.push_back(analysis.chest_check->probability);
      features.bundle_threshold = analysis.chest_check->threshold;
    }
  }
  if (rows.empty()) throw std::runtime_error("no readable image in " + folder);
  features.embeddings = torch::stack(rows);
  std::fprintf(stderr, "anatomix train gate: %zu images of %s\n", rows.size(), folder.c_str());
  return features;
}

struct Head {
  torch::Tensor weight;  // [D]
  torch::Tensor bias;    // []
  std::vector<float> probabilities(const torch::Tensor& embeddings) const {
    const torch::Tensor p = torch::sigmoid(embeddings.matmul(weight) + bias).contiguous();
    return {p.data_ptr<float>(), p.data_ptr<float>() + p.numel()};
  }
};

// L2-regularised logistic regression on standardised features, both classes weighted equally; the
// standardisation is folded into the weights so that the engine applies one dot product.
Head fit(const std::vector<FolderFeatures>& folders) {
  std::vector<torch::Tensor> xs, ys;
  for (const auto& f : folders) {
    xs.push_back(f.embeddings);
    ys.push_back(torch::full({f.embeddings.size(0)}, f.chest ? 1.f : 0.f));
  }
  const torch::Tensor x = torch::cat(xs), y = torch::cat(ys);
  const double positives = y.sum().item<double>(), count = static_cast<double>(y.size(0));
  if (positives < 1 || positives >= count) throw std::runtime_error("give images to accept and images to refuse");
  const torch::Tensor mean = x.mean(0), scale = x.std(0).clamp_min(1e-6);
  const torch::Tensor z = (x - mean) / scale;
  const torch::Tensor sample_weight = torch::where(y > 0.5, torch::full_like(y, count / (2 * positives)),
                                                   torch::full_like(y, count / (2 * (count - positives))));
  torch::Tensor w = torch::zeros({x.size(1)}, torch::requires_grad());
  torch::Tensor b = torch::zeros({}, torch::requires_grad());
  torch::optim::LBFGS optimizer({w, b}, torch::optim::LBFGSOptions(1.0).max_iter(500).line_search_fn("strong_wolfe"));
  const double l2 = 1e-2;
  auto closure = [&] {
    optimizer.zero_grad();
    const torch::Tensor loss =
        torch::binary_cross_entropy_with_logits(z.matmul(w) + b, y, sample_weight) + 0.5 * l2 * w.pow(2).sum() / count;
    loss.backward();
    return loss;
  };
  optimizer.step(closure);
  torch::NoGradGuard no_grad;
  Head head;
  head.weight = (w / scale).detach().clone();
  head.bias = (b - (w * mean / scale).sum()).detach().clone();
  return head;
}

// The threshold that best balances acceptance of the chest folders against refusal of the others: midway
// between two neighbouring scores, the widest such gap among equally good ones (the largest margin).
float balanced_threshold(const std::vector<float>& chest, const std::vector<float>& other) {
  std::vector<float> scores = chest;
  scores.insert(scores.end(), other.begin(), other.end());
  std::sort(scores.begin(), scores.end());
  float best = 0.5f;
  double best_score = -1, best_gap = -1;
  for (std::size_t i = 0; i + 1 < scores.size(); ++i) {
    const float t = 0.5f * (scores[i] + scores[i + 1]);
    const double gap = scores[i + 1] - scores[i];
    const double accepted = std::count_if(chest.begin(), chest.end(), [t](float p) { return p >= t; }) / double(chest.size());
    const double refused = std::count_if(other.begin(), other.end(), [t](float p) { return p < t; }) / double(other.size());
    const double score = (accepted + refused) / 2;
    if (score > best_score + 1e-12 || (score > best_score - 1e-12 && gap > best_gap))
      best_score = score, best_gap = gap, best = t;
  }
  return best;
}

void print_check(const std::vector<FolderFeatures>& folders, const std::vector<std::vector<float>>& probabilities,
                 float threshold) {
  std::printf("| folder | kind | images | learned check accepts (threshold %.3f) | header and pixel rules accept | "
              "accepting everything |\n|---|---|---:|---:|---:|---:|\n",
              threshold);
  std::vector<int> truth;
  std::vector<double> scores;
  double chest_accepted = 0, other_refused = 0, rules_chest = 0, rules_other = 0;
  std::size_t chest_count = 0, other_count = 0;
  for (std::size_t i = 0; i < folders.size(); ++i) {
    const auto& p = probabilities[i];
    const std::size_t accepted = std::count_if(p.begin(), p.end(), [threshold](float v) { return v >= threshold; });
    std::printf("| %s | %s | %zu | %.3f | %.3f | 1.000 |\n", folders[i].folder.c_str(),
                folders[i].chest ? "chest" : "other", p.size(), accepted / double(p.size()),
                folders[i].rules_accept / double(p.size()));
    for (float v : p) truth.push_back(folders[i].chest ? 1 : 0), scores.push_back(v);
    // Folders of training/tools/gate_negatives.py say the kind of each image: one row per kind.
    std::ifstream kinds_file(std::filesystem::path(folders[i].folder) / "kinds.tsv");
    std::map<std::string, std::string> kind_of;
    for (std::string line; std::getline(kinds_file, line);)
      if (const auto tab = line.find('\t'); tab != std::string::npos) kind_of[line.substr(0, tab)] = line.substr(tab + 1);
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_kind;  // kind -> (accepted, images)
    for (std::size_t k = 0; k < p.size() && !kind_of.empty(); ++k) {
      auto& counts = by_kind[kind_of.count(folders[i].files[k]) ? kind_of[folders[i].files[k]] : "?"];
      counts.first += p[k] >= threshold ? 1 : 0;
      ++counts.second;
    }
    for (const auto& [kind, counts] : by_kind)
      std::printf("| &nbsp;&nbsp;%s | | %zu | %.3f | | |\n", kind.c_str(), counts.second, counts.first / double(counts.second));
    if (folders[i].chest) {
      chest_accepted += accepted, rules_chest += folders[i].rules_accept, chest_count += p.size();
    } else {
      other_refused += p.size() - accepted, rules_other += p.size() - folders[i].rules_accept, other_count += p.size();
    }
  }
  if (chest_count == 0 || other_count == 0) return;
  const auto auroc = eval::binaryAuroc(truth, scores);
  std::printf("\nchest radiographs accepted %.3f (rules %.3f, everything 1.000); other images refused %.3f (rules "
              "%.3f, everything 0.000); balanced accuracy %.3f (rules %.3f, everything 0.500); AUROC %.3f\n",
              chest_accepted / chest_count, rules_chest / chest_count, other_refused / other_count,
              rules_other / other_count, (chest_accepted / chest_count + other_refused / other_count) / 2,
              (rules_chest / chest_count + rules_other / other_count) / 2, auroc.value_or(0.5));
}

}  // namespace

int run_train_gate(const std::vector<std::string>& args) {
  std::string model, out;
  std::vector<std::string> accept, refuse, check_accept, check_refuse;
  int limit = 0, threads = 0;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--help" || args[i] == "-h") {
        std::cout << kGateUsage;
        return kOk;
      }
      if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + " needs a value (or is unknown)");
      const std::string& option = args[i];
      const std::string& value = args[++i];
      if (option == "--model") model = value;
      else if (option == "--out") out = value;
      else if (option == "--accept") accept = split_list(value);
      else if (option == "--refuse") refuse = split_list(value);
      else if (option == "--check-accept") check_accept = split_list(value);
      else if (option == "--check-refuse") check_refuse = split_list(value);
      else if (option == "--limit") limit = std::stoi(value);
      else if (option == "--threads") threads = std::stoi(value);
      else throw std::invalid_argument("unknown option " + option);
    }
    if (model.empty()) throw std::invalid_argument("--model is required");
    if (!out.empty() && (accept.empty() || refuse.empty()))
      throw std::invalid_argument("--out needs folders to --accept and to --refuse");
    if (out.empty() && (check_accept.empty() || check_refuse.empty()))
      throw std::invalid_argument("without --out give --check-accept and --check-refuse folders to score");
  } catch (const std::exception& error) {
    std::cerr << "anatomix train gate: " << error.what() << "\n" << kGateUsage;
    return kUsage;
  }

  try {
    Engine engine;
    LoadOptions load;
    load.bundle_dir = model;
    load.threads = threads;
    engine.load(load);
    auto features_of = [&](const std::vector<std::string>& folders, bool chest) {
      std::vector<FolderFeatures> all;
      for (const auto& folder : folders) all.push_back(folder_features(engine, folder, chest, limit));
      return all;
    };
    std::vector<FolderFeatures> checks = features_of(check_accept, true);
    for (auto& f : features_of(check_refuse, false)) checks.push_back(std::move(f));

    if (out.empty()) {
      std::vector<std::vector<float>> probabilities;
      for (const auto& f : checks) {
        if (f.bundle_probability.size() != static_cast<std::size_t>(f.embeddings.size(0)))
          throw std::runtime_error("the bundle " + model + " has no learned chest-radiograph check (\"chest_gate\")");
        probabilities.push_back(f.bundle_probability);
      }
      print_check(checks, probabilities, checks.front().bundle_threshold);
      return kOk;
    }

    std::vector<FolderFeatures> training = features_of(accept, true);
    for (auto& f : features_of(refuse, false)) training.push_back(std::move(f));
    const Head head = fit(training);
    std::vector<std::vector<float>> fitted;
    for (const auto& f : training) fitted.push_back(head.probabilities(f.embeddings));
    std::printf("## Training images (in-sample)\n\n");
    print_check(training, fitted, 0.5f);
    float threshold = 0.5f;
    if (!checks.empty()) {
      std::vector<std::vector<float>> probabilities;
      std::vector<float> chest, other;
      for (const auto& f : checks) {
        probabilities.push_back(head.probabilities(f.embeddings));
        auto& into = f.chest ? chest : other;
        into.insert(into.end(), probabilities.back().begin(), probabilities.back().end());
      }
      if (!chest.empty() && !other.empty()) threshold = balanced_threshold(chest, other);
      std::printf("\n## Check images at 0.5\n\n");
      print_check(checks, probabilities, 0.5f);
      std::printf("\n## Check images at the threshold that balances them best\n\n");
      print_check(checks, probabilities, threshold);
    }
    safetensors::write_safetensors(out, {{"chest_gate.weight", head.weight.reshape({1, -1})},
                                         {"chest_gate.bias", head.bias.reshape({1})}},
                                   {{"what", "anatomix learned chest-radiograph check (anatomix train gate)"}});
    std::printf("\nwrote %s; config.json: \"chest_gate\": {\"file\": \"%s\", \"threshold\": %.3f}\n", out.c_str(),
                std::filesystem::path(out).filename().string().c_str(), threshold);
    return kOk;
  } catch (const std::exception& error) {
    std::cerr << "anatomix train gate: " << error.what() << "\n";
    return kFailure;
  }
}

}  // namespace anatomix::cli
