#pragma once
#include <string>
#include <vector>

namespace anatomix::cli {

// `anatomix train <stage> ...`: dispatches to the stages below (train_command.cpp).
int run_train(const std::vector<std::string>& args);

// Stage 1: the Anatomy Perception Module, sentence embeddings' vector database (apm_stage.cpp).
int run_train_apm(const std::vector<std::string>& args);
// Stages 2 and 3: projector alignment on report generation, instruction tuning on the nine tasks,
// writing the complete bundle (language_stages.cpp).
int run_train_align(const std::vector<std::string>& args);
int run_train_instruct(const std::vector<std::string>& args);
// AdaBN: the APM's batch-norm statistics re-estimated on unlabelled real radiographs (adapt_batch_norm.cpp).
int run_train_adapt_bn(const std::vector<std::string>& args);
int run_train_gate(const std::vector<std::string>& args);

}  // namespace anatomix::cli
