// A study set made ready for APM steps: every image decoded ONCE into the model square (pixels as
// stored, the engine's own letterbox), kept as uint8 and cached on disk, with its targets: the 36
// boxes in normalised cxcywh of the square, the 14 image labels and, for the contrastive loss, the
// sentence-table row of each object's sentence.
#pragma once

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "anatomix/image/gray8_image.h"
#include "dataset/study_dataset.h"

namespace anatomix::training {

class SentenceTable;

struct ApmTrainingSet {
  int image_size = 0;
  int64_t count = 0;
  std::vector<std::string> ids;
  at::Tensor pixels;                 // [count, S, S] uint8
  at::Tensor boxes;                  // [count, Q, 4] float, normalised cxcywh in the model square
  at::Tensor labels;                 // [count, 14] float 0/1
  at::Tensor sentence_rows;          // [count, Q] int64 (undefined without a sentence table)
  at::Tensor box_mask;               // [count, Q] bool: the boxes that are known (undefined: all of them)
  at::Tensor label_mask;             // [count, 14] bool: the labels that are known (undefined: all of them)
};

// Calls `use` with the path and pixels of every radiograph in `directory` (PNG, JPEG, TIFF, DICOM; as the
// model reads them), in file name order; JSON, TSV, CSV and text files beside them are passed over, and a file
// that cannot be read is skipped with a warning that starts with `context`. Returns how many were used. Real
// films come in this way (histogram references, the side and box losses, AdaBN).
// The image files of `directory` (not its .json, .tsv, .csv, .txt or .md files), sorted by name.
std::vector<std::string> film_files(const std::string& directory);

std::size_t for_each_film(const std::string& directory, const std::string& context,
                          const std::function<void(const std::string& file, const image::Gray8Image&)>& use);

// The readable films of `directory` letterboxed into the model square: [N, side, side] uint8; their paths and
// original (width, height) into `files` and `sizes` when given.
at::Tensor film_squares(const std::string& directory, int side, const std::string& context,
                        std::vector<std::string>* files = nullptr, std::vector<std::pair<int, int>>* sizes = nullptr);

// The films of `directory` (for_each_film) letterboxed into the model square, with the boxes `boxes_json` (a
// boxes.json of some of them, dataset/real_box_set.h; "" for none) gives them: box_mask marks those, the
// other boxes are placeholders. Image labels come from the rows of `labels_split` in `labels_tsv` (an NIH
// files.tsv, dataset/nih_labels.h; "" for none), for the head labels NIH's findings tell: label_mask marks
// those. Throws when fewer than two films can be read.
ApmTrainingSet real_film_set(const std::string& directory, const std::string& boxes_json, int side,
                             const std::string& labels_tsv = "", const std::string& labels_split = "adapt");

// A box in original-image pixels of a width x height image as the trainer's target: normalised cxcywh in the
// model square of `side` (the engine's letterbox).
std::array<float, 4> model_square_cxcywh(const Box& box, int width, int height, int side);

// Builds the set from `studies` (ground truth as loaded). Pixels come
// from `cache_path` when it holds exactly these studies at this size, else they are decoded on
// `threads` threads and the cache is (re)written. `sentences` may be null (validation: boxes only).
// Throws std::runtime_error naming the study file on any problem.
ApmTrainingSet prepare_apm_training_set(const std::vector<StudyTruth>& studies, int image_size,
                                        const SentenceTable* sentences, const std::string& cache_path, int threads);

}  // namespace anatomix::training
