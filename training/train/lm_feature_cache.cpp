#include "train/lm_feature_cache.h"

#include <torch/torch.h>

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "anatomix/image/model_input.h"
#include "anatomix/named_logger.h"
#include "apm/apm.h"
#include "apm/vector_db.h"
#include "anatomix/letterbox.h"
#include "lm/safetensors.h"
#include "train/lm_bundle.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Identifies the APM weights and the study list a cache was made from.
std::string fingerprint(const BundleConfig& apm_config, const std::vector<StudyTruth>& studies, bool with_mirrored) {
  json weights = json::array();
  for (const auto& file : apm_config.files.weights) {
    const fs::path path = fs::path(apm_config.directory) / file;
    weights.push_back({fs::absolute(path).string(), fs::file_size(path),
                       static_cast<int64_t>(fs::last_write_time(path).time_since_epoch().count())});
  }
  json ids = json::array();
  for (const auto& study : studies) ids.push_back(study.id);
  return json{{"weights", weights}, {"studies", ids}, {"mirrored", with_mirrored}}.dump();
}

torch::Tensor model_input(const image::Gray8Image& image, int side) {
  const Gray8 square = letterbox(image.pixels.data(), image.width, image.height, 0, side);
  return torch::from_blob(const_cast<std::uint8_t*>(square.pixels.data()), {1, 1, side, side}, torch::kUInt8)
      .to(torch::kFloat32)
      .div_(255.0);
}

}  // namespace

FeatureCache FeatureCache::build_or_load(const std::string& cache_file, const std::string& apm_bundle_dir,
                                         const std::vector<StudyTruth>& studies, bool with_mirrored, int batch) {
  const BundleConfig apm_config = load_apm_bundle_config(apm_bundle_dir, {});
  const int side = apm_config.apm.image_size;
  const int Q = apm_config.apm.num_queries;
  const int readings = with_mirrored ? 2 : 1;
  const std::string expected = fingerprint(apm_config, studies, with_mirrored);
  const apm::VectorDatabase database = apm::VectorDatabase::load(
      (fs::path(apm_bundle_dir) / apm_config.files.vector_db_sentences).string(),
      (fs::path(apm_bundle_dir) / apm_config.files.vector_db).string(), apm_config.anatomies, apm_config.apm.object_dim);

  FeatureCache cache;
  cache.image_size_ = side;
  auto unpack = [&](const torch::Tensor& memory, const torch::Tensor& objects, const torch::Tensor& boxes,
                    const torch::Tensor& sentence_ids) {
    cache.studies_.resize(studies.size());
    const auto box = boxes.accessor<int32_t, 4>();
    const auto sentence = sentence_ids.accessor<int32_t, 3>();
    for (size_t i = 0; i < studies.size(); ++i) {
      for (int r = 0; r < readings; ++r) {
        ReadingFeatures& reading = r == 0 ? cache.studies_[i].standard : cache.studies_[i].mirrored;
        const auto n = static_cast<int64_t>(i);
        reading.memory = memory[n][r];
        reading.objects = objects[n][r];
        for (int q = 0; q < Q; ++q) {
          reading.boxes.push_back({box[n][r][q][0], box[n][r][q][1], box[n][r][q][2], box[n][r][q][3]});
          const auto& list = database.sentences(q);
          const int s = sentence[n][r][q];
          if (s < 0 || s >= static_cast<int>(list.size()))
            throw std::runtime_error("APM feature cache " + cache_file + ": sentence index out of range");
          reading.sentences.push_back(list[static_cast<size_t>(s)]);
        }
      }
    }
  };

  if (fs::exists(cache_file)) {
    try {
      const auto file = safetensors::SafetensorsFile::open(cache_file);
      auto it = file->metadata().find("fingerprint");
      if (it != file->metadata().end() && it->second == expected) {
        unpack(file->tensor("memory"), file->tensor("objects"), file->tensor("boxes"), file->tensor("sentences"));
        named_logger("training")->info("APM features of {} studies read from {}", studies.size(), cache_file);
        return cache;
      }
      named_logger("training")->info("APM feature cache {} was made from other weights or studies; recomputing", cache_file);
    } catch (const std::exception& error) {
      named_logger("training")->warn("APM feature cache {} is unusable ({}); recomputing", cache_file, error.what());
    }
  }

  std::vector<std::shared_ptr<const safetensors::SafetensorsFile>> files;
  for (const auto& name : apm_config.files.weights)
    files.push_back(safetensors::SafetensorsFile::open((fs::path(apm_bundle_dir) / name).string()));
  auto lookup = [&](const std::string& name) {
    for (const auto& file : files)
      if (file->contains(name)) return file->tensor(name);
    throw std::runtime_error("APM bundle " + apm_bundle_dir + ": no tensor '" + name + "'");
  };
  const apm::Apm model(apm_config.apm, lookup, c10::Device(c10::kCPU));

  const auto N = static_cast<int64_t>(studies.size());
  const int64_t P = apm_config.apm.image_tokens(), d = apm_config.apm.hidden_dim, s = apm_config.apm.object_dim;
  torch::Tensor memory = torch::empty({N, readings, P, d});
  torch::Tensor objects = torch::empty({N, readings, Q, s});
  torch::Tensor boxes = torch::empty({N, readings, Q, 4}, torch::kInt32);
  torch::Tensor sentence_ids = torch::empty({N, readings, Q}, torch::kInt32);
  auto box_out = boxes.accessor<int32_t, 4>();
  auto sentence_out = sentence_ids.accessor<int32_t, 3>();
  const auto start = std::chrono::steady_clock::now();
  for (int64_t first = 0; first < N; first += batch) {
    // Only the APM runs without autograd; the cache tensors stay ordinary (the trainer saves them for backward).
    c10::InferenceMode inference_mode;
    const int64_t count = std::min<int64_t>(batch, N - first);
    std::vector<torch::Tensor> inputs;
    for (int64_t i = first; i < first + count; ++i) {
      const StudyTruth& study = studies[static_cast<size_t>(i)];
      image::Gray8Image pixels;
      try {
        pixels = load_model_pixels(study);
      } catch (const std::exception& error) {
        throw std::runtime_error("study " + study.id + " (" + study.dicom_path + "): " + error.what());
      }
      inputs.push_back(model_input(pixels, side));
      if (with_mirrored) inputs.push_back(model_input(image::mirrored(pixels), side));
    }
    const apm::ApmOutput output = model.forward(torch::cat(inputs, 0));
    const torch::Tensor box_cpu = output.boxes.to(torch::kCPU).contiguous();
    const auto box = box_cpu.accessor<float, 3>();
    for (int64_t j = 0; j < count * readings; ++j) {
      const int64_t n = first + j / readings, r = j % readings;
      memory[n][r].copy_(output.memory[j]);
      objects[n][r].copy_(output.objects[j]);
      const auto matches = database.search(output.objects[j], 1);
      for (int q = 0; q < Q; ++q) {
        const SquareBox square = square_box_from_cxcywh(box[j][q][0], box[j][q][1], box[j][q][2], box[j][q][3], side);
        auto written = box_out[n][r][q];
        written[0] = square.x1;
        written[1] = square.y1;
        written[2] = square.x2;
        written[3] = square.y2;
        sentence_out[n][r][q] = matches[static_cast<size_t>(q)].front().sentence;
      }
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int64_t done = first + count;
    if (done == N || (done / batch) % 25 == 0)
      named_logger("training")->info("APM features: {}/{} studies, {:.2f} s/study, {:.0f} s left", done, N, elapsed / done,
                   elapsed / done * (N - done));
  }
  fs::create_directories(fs::absolute(cache_file).parent_path());
  safetensors::write_safetensors(cache_file,
                                 {{"memory", memory}, {"objects", objects}, {"boxes", boxes}, {"sentences", sentence_ids}},
                                 {{"fingerprint", expected}});
  unpack(memory, objects, boxes, sentence_ids);
  return cache;
}

}  // namespace anatomix::training
