// Training examples of the language-model stages: which study, reading (flip augmentation), task sample and
// phrasing a step trains on, and their token ids, built by the engine's own prompt code (prompts.h) so that
// training sees exactly what Engine::ask will feed the model. Included by training .cpp files only.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "bundle_config.h"
#include "dataset/study_dataset.h"
#include "lm/tokenizer.h"
#include "train/lm_feature_cache.h"

namespace anatomix::training {

// Every <box>(x1,y1),(x2,y2)</box> of `text` moved from the manifests' 1024 grid to the model square of `side`
// (the grid the engine writes and parses boxes in), rounded to the nearest pixel.
std::string rescale_boxes(const std::string& text, int side);

// An anatomy-grounding answer as the language model learns to write it: each box tag whose nearest <ref>
// before it names one of `anatomies` (the bundle's names in query order, case aside) becomes that anatomy's
// token (prompts.h, with_anatomy_boxes), a pointer at the line of the prompt that holds the APM's box. A
// 4-layer language model does not learn to copy eight numbers from the named line (training/README.md);
// naming the line is what it has to get right. Other text is kept.
std::string with_anatomy_tokens(const std::string& answer, const std::vector<std::string>& anatomies);

struct TaskDraw {
  size_t task = 0;            // index into the reading's tasks
  size_t instruction = 0;     // phrasing, drawn independently of the answer as published
  size_t answer = 0;
};

struct StudyDraw {
  size_t study = 0;
  bool mirrored = false;      // the mirrored reading (pixels and text, laterality.h convention)
  std::vector<TaskDraw> tasks;  // every task sample of the study in `tasks`, in manifest order
};

// Draws slot `slot` of step `step`: a study with at least one task in `tasks` (all when empty), the mirrored
// reading with `flip_probability`, and one instruction and answer phrasing of each of its task samples. The
// samples of one reading share their prompt up to "Task:", so the trainer runs that prefix once for all of them.
// Depends only on (seed, step, slot), so a resumed run draws what the uninterrupted one would have.
StudyDraw draw_study(const std::vector<StudyTruth>& studies, const std::set<std::string>& tasks, uint64_t seed,
                     int64_t step, int slot, double flip_probability);

// The reading a draw refers to: the study in standard display, or its mirrored reading.
StudyTruth reading_of(const StudyTruth& standard, bool mirrored);

struct TokenizedSample {
  std::vector<int64_t> ids;   // <bos> + prompt + answer + <end_of_turn>
  int64_t answer_begin = 0;   // ids[answer_begin..] are trained on (the answer and <end_of_turn>)
  std::string task, instruction, answer;
};

class SampleBuilder {
 public:
  SampleBuilder(const lm::Tokenizer& tokenizer, const BundleConfig& config);

  // Ids of the prompt (what Engine::ask feeds the model) for `instruction` on `reading`.
  std::vector<int64_t> prompt_ids(const ReadingFeatures& reading, const std::string& instruction) const;
  // The full example; instruction and answer are rescaled to the model square here. Throws
  // std::runtime_error when the answer is empty.
  TokenizedSample build(const ReadingFeatures& reading, const TaskSample& task, size_t instruction,
                        size_t answer) const;

 private:
  const lm::Tokenizer& tokenizer_;
  const BundleConfig& config_;
};

}  // namespace anatomix::training
