#include "train/apm_training_set.h"

#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "anatomix/image/model_input.h"
#include "anatomix/named_logger.h"
#include "bundle_config.h"
#include "dataset/nih_labels.h"
#include "dataset/real_box_set.h"
#include "anatomix/letterbox.h"
#include "train/apm_sentence_table.h"

namespace anatomix::training {
namespace {

constexpr char kCacheMagic[8] = {'A', 'N', 'X', 'C', 'A', 'C', 'H', '1'};

// FNV-1a over the study ids, their DICOM paths and sizes, and the square side: a cache built for
// other studies, another size or changed files is not reused.
std::uint64_t fingerprint(const std::vector<StudyTruth>& studies, int image_size) {
  std::uint64_t hash = 1469598103934665603ull;
  auto mix = [&hash](const std::string& text) {
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    hash = (hash ^ 0xffu) * 1099511628211ull;
  };
  mix(std::to_string(image_size));
  mix("pixels as stored");  // caches of the earlier header-un-mirrored pixels are not reused
  for (const StudyTruth& study : studies) {
    mix(study.id);
    mix(study.dicom_path);
    std::error_code error;
    mix(std::to_string(std::filesystem::file_size(study.dicom_path, error)));
  }
  return hash;
}

bool read_cache(const std::string& path, std::uint64_t expected, torch::Tensor& pixels) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return false;
  char magic[8];
  std::uint64_t stored = 0;
  stream.read(magic, 8);
  stream.read(reinterpret_cast<char*>(&stored), sizeof(stored));
  if (!stream || std::memcmp(magic, kCacheMagic, 8) != 0 || stored != expected) return false;
  stream.read(reinterpret_cast<char*>(pixels.data_ptr<std::uint8_t>()), static_cast<std::streamsize>(pixels.numel()));
  return static_cast<bool>(stream) && stream.gcount() == static_cast<std::streamsize>(pixels.numel());
}

void write_cache(const std::string& path, std::uint64_t key, const torch::Tensor& pixels) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream.write(kCacheMagic, 8);
    stream.write(reinterpret_cast<const char*>(&key), sizeof(key));
    stream.write(reinterpret_cast<const char*>(pixels.data_ptr<std::uint8_t>()), static_cast<std::streamsize>(pixels.numel()));
    if (!stream) throw std::runtime_error("Cannot write the image cache " + temporary + ".");
  }
  std::filesystem::rename(temporary, path);
}

// The image room logs every decode at info; thousands of those would drown the training log.
class QuietImageLog {
 public:
  QuietImageLog() : logger_(spdlog::get("image")) {
    if (logger_) {
      level_ = logger_->level();
      logger_->set_level(std::max(level_, spdlog::level::warn));
    }
  }
  ~QuietImageLog() {
    if (logger_) logger_->set_level(level_);
  }

 private:
  std::shared_ptr<spdlog::logger> logger_;
  spdlog::level::level_enum level_ = spdlog::level::info;
};

void decode_all(const std::vector<StudyTruth>& studies, int image_size, int threads, torch::Tensor& pixels) {
  const QuietImageLog quiet;
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const size_t square = static_cast<size_t>(image_size) * static_cast<size_t>(image_size);
  std::uint8_t* out = pixels.data_ptr<std::uint8_t>();
  auto work = [&] {
    for (size_t i = next++; i < studies.size(); i = next++) {
      try {
        const image::Gray8Image stored = load_model_pixels(studies[i]);
        const Gray8 square_image = letterbox(stored.pixels.data(), stored.width, stored.height, 0, image_size);
        std::memcpy(out + i * square, square_image.pixels.data(), square);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = studies.size();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::vector<std::string> film_files(const std::string& directory) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extension == ".json" || extension == ".tsv" || extension == ".csv" || extension == ".txt" || extension == ".md")
      continue;
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::size_t for_each_film(const std::string& directory, const std::string& context,
                          const std::function<void(const std::string& file, const image::Gray8Image&)>& use) {
  std::size_t used = 0;
  for (const std::string& file : film_files(directory)) {
    image::Gray8Image pixels;
    try {
      pixels = image::load_model_input(file);
    } catch (const std::exception& error) {
      named_logger("training")->warn("{}: {} skipped: {}", context, file, error.what());
      continue;
    }
    use(file, pixels);
    ++used;
  }
  return used;
}

torch::Tensor film_squares(const std::string& directory, int side, const std::string& context,
                           std::vector<std::string>* files, std::vector<std::pair<int, int>>* sizes) {
  std::vector<torch::Tensor> squares;
  for_each_film(directory, context, [&](const std::string& file, const image::Gray8Image& pixels) {
    if (files) files->push_back(file);
    if (sizes) sizes->emplace_back(pixels.width, pixels.height);
    const Gray8 square = letterbox(pixels.pixels.data(), pixels.width, pixels.height, 0, side);
    squares.push_back(torch::from_blob(const_cast<std::uint8_t*>(square.pixels.data()), {side, side}, torch::kUInt8).clone());
  });
  return squares.empty() ? torch::empty({0, side, side}, torch::kUInt8) : torch::stack(squares);
}

std::array<float, 4> model_square_cxcywh(const Box& b, int width, int height, int side) {
  const LetterboxGeometry geometry = LetterboxGeometry::compute(width, height, side);
  const double x1 = geometry.source_to_model_x(b.x1) / side, x2 = geometry.source_to_model_x(b.x2) / side;
  const double y1 = geometry.source_to_model_y(b.y1) / side, y2 = geometry.source_to_model_y(b.y2) / side;
  return {static_cast<float>((x1 + x2) / 2), static_cast<float>((y1 + y2) / 2), static_cast<float>(x2 - x1),
          static_cast<float>(y2 - y1)};
}

ApmTrainingSet real_film_set(const std::string& directory, const std::string& boxes_json, int side,
                             const std::string& labels_tsv, const std::string& labels_split) {
  std::vector<std::string> files;
  std::vector<std::pair<int, int>> sizes;
  const torch::Tensor squares = film_squares(directory, side, "real_images", &files, &sizes);
  if (squares.size(0) < 2) throw std::runtime_error("real_images: fewer than two readable films in " + directory + ".");
  ApmTrainingSet set;
  set.image_size = side;
  set.count = squares.size(0);
  set.pixels = squares;
  const std::vector<std::string>& names = published_anatomy_names();
  const int64_t Q = static_cast<int64_t>(names.size());
  set.boxes = torch::full({set.count, Q, 4}, 0.5f);
  set.box_mask = torch::zeros({set.count, Q}, torch::kBool);
  set.labels = torch::zeros({set.count, 14});
  int64_t films_with_boxes = 0, known = 0;
  if (!boxes_json.empty()) {
    std::map<std::string, std::size_t> row_of;
    for (std::size_t i = 0; i < files.size(); ++i) row_of[std::filesystem::path(files[i]).filename().string()] = i;
    auto boxes = set.boxes.accessor<float, 3>();
    auto mask = set.box_mask.accessor<bool, 2>();
    for (const RealImageTruth& truth : load_real_set(directory, names, boxes_json)) {
      const auto row = row_of.find(std::filesystem::path(truth.file).filename().string());
      if (row == row_of.end()) continue;  // listed but unreadable: for_each_film warned
      const auto [width, height] = sizes[row->second];
      const auto i = static_cast<int64_t>(row->second);
      ++films_with_boxes;
      for (int64_t q = 0; q < Q; ++q) {
        const Box& b = truth.boxes[static_cast<std::size_t>(q)];
        if (!(b.x2 > b.x1 && b.y2 > b.y1)) continue;
        const auto target = model_square_cxcywh(b, width, height, side);
        for (int k = 0; k < 4; ++k) boxes[i][q][k] = target[k];
        mask[i][q] = true;
        ++known;
      }
    }
  }
  named_logger("training")->info("real_images: {} films from {}, {} of them with {} boxes from {}", set.count, directory,
               films_with_boxes, known, boxes_json.empty() ? "(none)" : boxes_json);
  if (!labels_tsv.empty()) {
    std::map<std::string, const NihFilm*> film_of;
    const std::vector<NihFilm> films = read_nih_films(labels_tsv);
    for (const NihFilm& film : films)
      if (film.split == labels_split) film_of[film.file] = &film;
    if (film_of.empty()) throw std::runtime_error(labels_tsv + " has no \"" + labels_split + "\" row.");
    const std::vector<std::string>& head = chexpert_labels();
    set.label_mask = torch::zeros({set.count, static_cast<int64_t>(head.size())}, torch::kBool);
    auto labels = set.labels.accessor<float, 2>();
    auto mask = set.label_mask.accessor<bool, 2>();
    int64_t labelled = 0;
    for (int64_t i = 0; i < set.count; ++i) {
      const auto film = film_of.find(std::filesystem::path(files[static_cast<std::size_t>(i)]).filename().string());
      if (film == film_of.end()) continue;
      ++labelled;
      for (std::size_t l = 0; l < head.size(); ++l)
        if (const auto present = head_label_from_nih(head[l], film->second->labels)) {
          labels[i][static_cast<int64_t>(l)] = *present ? 1.0f : 0.0f;
          mask[i][static_cast<int64_t>(l)] = true;
        }
    }
    if (labelled == 0)
      throw std::runtime_error("real_labels: no film of " + directory + " is in the \"" + labels_split + "\" rows of " +
                               labels_tsv + ".");
    named_logger("training")->info("real_images: {} films with NIH labels from the \"{}\" rows of {}", labelled, labels_split, labels_tsv);
  }
  return set;
}

ApmTrainingSet prepare_apm_training_set(const std::vector<StudyTruth>& studies, int image_size,
                                        const SentenceTable* sentences, const std::string& cache_path, int threads) {
  if (studies.empty()) throw std::runtime_error("The study set is empty.");
  if (image_size < 32 || image_size % 32 != 0 || image_size > 4096)
    throw std::runtime_error("image_size " + std::to_string(image_size) + " is not a multiple of 32 in 32..4096.");
  ApmTrainingSet set;
  set.image_size = image_size;
  set.count = static_cast<int64_t>(studies.size());
  const int64_t queries = static_cast<int64_t>(studies.front().objects.size());
  set.pixels = torch::empty({set.count, image_size, image_size}, torch::kUInt8);
  set.boxes = torch::empty({set.count, queries, 4}, torch::kFloat32);
  set.labels = torch::empty({set.count, 14}, torch::kFloat32);
  if (sentences) {
    set.sentence_rows = torch::empty({set.count, queries}, torch::kInt64);
  }

  auto all_boxes = set.boxes.accessor<float, 3>();
  auto all_labels = set.labels.accessor<float, 2>();
  for (int64_t i = 0; i < set.count; ++i) {
    const StudyTruth& study = studies[static_cast<size_t>(i)];
    set.ids.push_back(study.id);
    auto boxes = all_boxes[i];
    for (int64_t q = 0; q < queries; ++q) {
      const auto target = model_square_cxcywh(study.objects[static_cast<size_t>(q)].box, study.width, study.height, image_size);
      for (int k = 0; k < 4; ++k) boxes[q][k] = target[k];
    }
    for (int64_t l = 0; l < 14; ++l) all_labels[i][l] = static_cast<float>(study.chexpert[static_cast<size_t>(l)]);
    if (sentences) {
      auto rows = set.sentence_rows.accessor<int64_t, 2>();
      for (int64_t q = 0; q < queries; ++q) rows[i][q] = sentences->index_of(study.objects[static_cast<size_t>(q)].sentence);
    }
  }

  const std::uint64_t key = fingerprint(studies, image_size);
  if (read_cache(cache_path, key, set.pixels)) {
    named_logger("training")->info("images: {} studies from the cache {}", set.count, cache_path);
    return set;
  }
  const auto start = std::chrono::steady_clock::now();
  decode_all(studies, image_size, threads, set.pixels);
  write_cache(cache_path, key, set.pixels);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  named_logger("training")->info("images: {} studies decoded into {}x{} squares in {:.1f} s, cached in {}", set.count, image_size,
               image_size, seconds, cache_path);
  return set;
}

}  // namespace anatomix::training
