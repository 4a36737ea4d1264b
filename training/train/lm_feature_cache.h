// The frozen APM's outputs for every training image, computed once and cached, so that the language-model
// stages never run the APM: per study, the standard reading and the mirrored one (flip augmentation), each
// with its patch tokens, anatomy tokens, boxes in the model square and retrieved top-1 sentences.
// Included by training .cpp files only (it exposes at::Tensor).
#pragma once

#include <ATen/core/Tensor.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "prompts.h"
#include "dataset/study_dataset.h"

namespace anatomix::training {


// What the language model sees of one reading of an image.
struct ReadingFeatures {
  at::Tensor memory;                    // [P, d] fp32, the LM's image tokens
  at::Tensor objects;                   // [Q, s] fp32, the anatomy tokens
  std::vector<SquareBox> boxes;         // APM boxes in model-square pixels (the prompt's box strings)
  std::vector<std::string> sentences;   // retrieved top-1 sentence of each anatomy
};

struct StudyFeatures {
  ReadingFeatures standard;             // the study in standard display
  ReadingFeatures mirrored;             // the same pixels mirrored (empty when not computed)
};

class FeatureCache {
 public:
  // Loads `cache_file` when it was made by the same APM weights for the same study ids; otherwise runs the
  // APM (batches of `batch` images) on every study, standard and, with `with_mirrored`, mirrored, and
  // writes `cache_file`. Throws std::runtime_error naming the file or study on any problem.
  static FeatureCache build_or_load(const std::string& cache_file, const std::string& apm_bundle_dir,
                                    const std::vector<StudyTruth>& studies, bool with_mirrored, int batch = 8);

  const StudyFeatures& study(size_t index) const { return studies_.at(index); }
  size_t size() const { return studies_.size(); }
  int image_size() const { return image_size_; }

 private:
  std::vector<StudyFeatures> studies_;
  int image_size_ = 0;
};

}  // namespace anatomix::training
