// One evaluation run of a loaded model over generated studies: every study analysed once, each of its task
// samples asked with one drawn phrasing and scored, the image also analysed mirrored (flip robustness);
// then the paper-style results (results_table.h layout). Uses only the public Engine API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "anatomix/engine.h"
#include "dataset/study_dataset.h"

namespace anatomix::evaluator {

// What can be evaluated: the manifest task names, and "flip" (the mirrored analysis).
enum class EvalTask {
  AnatomyGrounding,
  PhraseGrounding,
  GroundedDiagnosis,
  GroundedCaptioning,
  ReportGeneration,
  ClosedVqa,
  OpenVqa,
  Classification,
  AbnormalityDetection,
  Flip,
};

const std::vector<EvalTask>& all_eval_tasks();
const char* eval_task_name(EvalTask task);  // "anatomy_grounding", ..., "vqa_closed", "flip"
std::optional<EvalTask> eval_task_from_name(const std::string& name);
// Generation budget of a task's answers (the longest generated answers fit with room to spare).
int default_max_new_tokens(EvalTask task);

// What predictors that never look at the image answer, learnt from the training split's manifests
// (no pixels read): every figure of the table is printed beside its baseline.
struct ImageBlindBaseline {
  std::vector<Box> mean_boxes;     // per anatomy in query order, normalised (x / width, y / height)
  std::string closed_vqa_answer;   // the most frequent closed-VQA answer, as option text ("no")
  std::string classification_choice;  // the most frequent answer to single-choice classification questions
  std::string report;              // the most frequent report
  std::size_t studies = 0;
};

// Throws std::runtime_error when `training_studies` is empty.
ImageBlindBaseline image_blind_baseline(const std::vector<training::StudyTruth>& training_studies);

struct EvaluationOptions {
  std::set<EvalTask> tasks{all_eval_tasks().begin(), all_eval_tasks().end()};
  std::uint64_t seed = 0;     // phrasing draws
  int max_new_tokens = 0;     // > 0: this budget for every task instead of the defaults
  std::string data_label;     // the "data" column, e.g. "test (500 studies)"
  std::optional<ImageBlindBaseline> baseline;  // none: the baseline rows that need the training split are left out
};

// Wall time of one study.
struct StudyTiming {
  double analyse_seconds = 0, ask_seconds = 0, flip_seconds = 0, total_seconds = 0;
  std::size_t questions = 0;
};

class Evaluation {
 public:
  explicit Evaluation(EvaluationOptions options);
  ~Evaluation();

  // Called with one JSON object per answered question (study, task, instruction, reference, answer, ...),
  // one call at a time.
  void on_prediction(std::function<void(const nlohmann::ordered_json&)> callback);

  // Evaluates one study of load_study_set() with a loaded engine (`index`: the study's position; it seeds
  // the phrasing draws). Several threads may call it at once, each with its own engine: the model runs
  // unlocked, the scoring in turn. Throws std::runtime_error / EngineError naming the study's file when it
  // cannot be read or analysed; nothing of a study that throws is counted.
  StudyTiming add_study(Engine& engine, const training::StudyTruth& study, std::size_t index);

  // The paper-style table (results_table.h layout): one row per selected task, values null where no sample
  // was scored.
  nlohmann::ordered_json results(const std::vector<std::string>& notes) const;
  // One row per anatomy: the APM figure and the flip block per query.
  nlohmann::ordered_json per_anatomy_results() const;
  // One row per CheXpert label: the reports' F1 (labeler on answer and reference) next to the APM head's
  // AUROC and F1, so a label the model never reports can be traced to the image features or to the LM.
  nlohmann::ordered_json per_label_results() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace anatomix::evaluator
