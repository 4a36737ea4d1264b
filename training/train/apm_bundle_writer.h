// The APM part of a model bundle (README "Model bundles"), written by `anatomix train apm`:
// config.json (sizes, image_size, anatomies, labels, description), anatomix.safetensors (vis_model.*
// under the published names) and the vector database (vector_db.json + vector_db.safetensors: per
// anatomy the sorted unique sentences of the training set and their P_S projections, as the published
// create_rag_db.py stores them: un-normalised s-dimensional vectors). The language stages add the LM,
// the projectors, the tokenizer and config.json's "lm" and "tokens".
#pragma once

#include <ATen/core/Tensor.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bundle_config.h"
#include "dataset/study_dataset.h"

namespace anatomix::training {

class SentenceTable;

extern const char* const kDemonstrationModelDescription;

// sentence vectors [n, e] -> projected [n, s] (P_S).
using SentenceProjection = std::function<at::Tensor(const at::Tensor&)>;

// Writes the three parts into `directory` (created if needed). `apm_weights`: every vis_model.* tensor.
void write_apm_bundle(const std::string& directory, const ApmConfig& config,
                      const std::map<std::string, at::Tensor>& apm_weights, const std::vector<StudyTruth>& training_studies,
                      const SentenceTable& sentences, const SentenceProjection& project);

}  // namespace anatomix::training
