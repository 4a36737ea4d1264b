#include "evaluator/evaluation.h"

#include <chrono>
#include <mutex>
#include <random>
#include <stdexcept>

#include "anatomix/eval/closed_vqa.h"
#include "anatomix/eval/results_table.h"
#include "anatomix/image/model_input.h"
#include "evaluator/anatomy_box_score.h"
#include "evaluator/classification_score.h"
#include "evaluator/grounding_score.h"
#include "evaluator/reference_answers.h"
#include "evaluator/text_score.h"

namespace anatomix::evaluator {
namespace {

using Json = nlohmann::ordered_json;
using Metrics = std::vector<std::pair<std::string, std::optional<double>>>;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Task engine_task(EvalTask task) {
  switch (task) {
    case EvalTask::AnatomyGrounding: return Task::AnatomyGrounding;
    case EvalTask::PhraseGrounding: return Task::PhraseGrounding;
    case EvalTask::GroundedDiagnosis: return Task::GroundedDiagnosis;
    case EvalTask::GroundedCaptioning: return Task::GroundedCaptioning;
    case EvalTask::ReportGeneration: return Task::ReportGeneration;
    case EvalTask::ClosedVqa: return Task::ClosedVqa;
    case EvalTask::OpenVqa: return Task::OpenVqa;
    case EvalTask::Classification: return Task::Classification;
    case EvalTask::AbnormalityDetection:
    case EvalTask::Flip: break;
  }
  return Task::AbnormalityDetection;
}

std::vector<Box> analysis_boxes(const Analysis& analysis) {
  std::vector<Box> boxes;
  for (const AnatomyResult& anatomy : analysis.anatomies) boxes.push_back(anatomy.box);
  return boxes;
}

std::vector<Box> truth_boxes(const training::StudyTruth& study) {
  std::vector<Box> boxes;
  for (const training::ObjectTruth& object : study.objects) boxes.push_back(object.box);
  return boxes;
}

std::vector<LabelledBox> answered_boxes(const Answer& answer) {
  std::vector<LabelledBox> boxes;
  for (const GroundedPhrase& phrase : answer.grounded) boxes.push_back({phrase.label, phrase.box});
  return boxes;
}

Analysis analyse_pixels(Engine& engine, const image::Gray8Image& pixels) {
  return engine.analyse(GrayImageView{pixels.pixels.data(), pixels.width, pixels.height, pixels.width});
}

std::optional<double> when(bool defined, double value) { return defined ? std::optional<double>(value) : std::nullopt; }

std::optional<double> fraction(std::size_t part, std::size_t whole) {
  return when(whole > 0, whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0);
}

bool healthy_sentence(const std::string& sentence) {
  static const std::string kHealthy = " is healthy.";
  return sentence.size() >= kHealthy.size() &&
         sentence.compare(sentence.size() - kHealthy.size(), kHealthy.size(), kHealthy) == 0;
}

// The retrieved top-1 sentence of each anatomy against its true sentence (the paper's per-object retrieval
// check): what the language model is told about each anatomy.
struct RetrievalScore {
  std::size_t sentences = 0, exact = 0;
  std::size_t truly_abnormal = 0, found_abnormal = 0;        // recall of abnormal anatomies
  std::size_t retrieved_abnormal = 0, rightly_abnormal = 0;  // precision
  void add(const Analysis& analysis, const training::StudyTruth& standard) {
    for (std::size_t i = 0; i < standard.objects.size(); ++i) {
      const std::string& truth = standard.objects[i].sentence;
      const std::string& retrieved = analysis.anatomies[i].sentence;
      ++sentences;
      if (retrieved == truth) ++exact;
      const bool truth_abnormal = !healthy_sentence(truth), said_abnormal = !healthy_sentence(retrieved);
      truly_abnormal += truth_abnormal;
      found_abnormal += truth_abnormal && said_abnormal;
      retrieved_abnormal += said_abnormal;
      rightly_abnormal += truth_abnormal && said_abnormal;
    }
  }
};

}  // namespace

const std::vector<EvalTask>& all_eval_tasks() {
  static const std::vector<EvalTask> tasks = {
      EvalTask::AnatomyGrounding, EvalTask::PhraseGrounding,   EvalTask::GroundedDiagnosis,
      EvalTask::GroundedCaptioning, EvalTask::ReportGeneration, EvalTask::ClosedVqa,
      EvalTask::OpenVqa,          EvalTask::Classification,    EvalTask::AbnormalityDetection,
      EvalTask::Flip};
  return tasks;
}

const char* eval_task_name(EvalTask task) {
  switch (task) {
    case EvalTask::AnatomyGrounding: return "anatomy_grounding";
    case EvalTask::PhraseGrounding: return "phrase_grounding";
    case EvalTask::GroundedDiagnosis: return "grounded_diagnosis";
    case EvalTask::GroundedCaptioning: return "grounded_captioning";
    case EvalTask::ReportGeneration: return "report_generation";
    case EvalTask::ClosedVqa: return "vqa_closed";
    case EvalTask::OpenVqa: return "vqa_open";
    case EvalTask::Classification: return "classification";
    case EvalTask::AbnormalityDetection: return "abnormality_detection";
    case EvalTask::Flip: return "flip";
  }
  return "unknown";
}

std::optional<EvalTask> eval_task_from_name(const std::string& name) {
  for (EvalTask task : all_eval_tasks())
    if (name == eval_task_name(task)) return task;
  return std::nullopt;
}

int default_max_new_tokens(EvalTask task) {
  // Longest generated-set answers (training/README.md task samples): anatomy grounding 148 characters,
  // two phrase boxes 130, five detection regions 202, reports 600; box strings cost a token per digit.
  switch (task) {
    case EvalTask::AnatomyGrounding: return 64;
    case EvalTask::PhraseGrounding: return 96;
    case EvalTask::GroundedDiagnosis: return 16;
    case EvalTask::GroundedCaptioning: return 32;
    case EvalTask::ReportGeneration: return 192;
    case EvalTask::ClosedVqa: return 16;
    case EvalTask::OpenVqa: return 32;
    case EvalTask::Classification: return 96;
    case EvalTask::AbnormalityDetection: return 160;
    case EvalTask::Flip: return 0;
  }
  return 64;
}

struct Evaluation::State {
  EvaluationOptions options;
  std::mutex mutex;  // guards everything below: the scores and the prediction callback
  std::function<void(const Json&)> on_prediction;
  std::optional<AnatomyBoxScore> anatomy;
  GroundingScore anatomy_grounding{ClassMatching::Published};
  GroundingScore phrase_grounding{ClassMatching::Published};
  GroundingScore detection{ClassMatching::ByRefText};
  TextScore diagnosis, captioning, report, open_vqa;
  std::size_t closed_questions = 0, closed_correct = 0;
  ClassificationScore classification;
  RetrievalScore retrieval;

  explicit State(EvaluationOptions options_) : options(std::move(options_)) {}

  bool selected(EvalTask task) const { return options.tasks.count(task) > 0; }

  // Scores one answer; returns what the prediction record should add (IoU, correctness).
  Json score(EvalTask task, const std::string& instruction, const std::string& reference, const Answer& answer,
             const training::StudyTruth& standard, const PublishedFrame& frame) {
    Json scored = Json::object();
    auto box_task = [&](GroundingScore& score) {
      if (const auto iou = score.add(answered_boxes(answer), reference_boxes(reference, frame))) scored["iou"] = *iou;
    };
    switch (task) {
      case EvalTask::AnatomyGrounding: box_task(anatomy_grounding); break;
      case EvalTask::PhraseGrounding: box_task(phrase_grounding); break;
      case EvalTask::AbnormalityDetection: box_task(detection); break;
      case EvalTask::GroundedDiagnosis: diagnosis.add(answer.text, reference); break;
      case EvalTask::GroundedCaptioning: captioning.add(answer.text, reference); break;
      case EvalTask::ReportGeneration: report.add(answer.text, reference); break;
      case EvalTask::OpenVqa: open_vqa.add(answer.text, reference); break;
      case EvalTask::ClosedVqa: {
        const bool correct = eval::closedVqaCorrect({instruction, answer.text, reference});
        ++closed_questions;
        if (correct) ++closed_correct;
        scored["correct"] = correct;
        break;
      }
      case EvalTask::Classification:
        if (is_all_labels_question(instruction)) {
          classification.add_all_labels_answer(instruction, answer.text, standard.chexpert);
        } else {
          classification.add_choice(instruction, answer.text, reference);
          scored["correct"] = eval::closedVqaCorrect({instruction, answer.text, reference});
        }
        break;
      case EvalTask::Flip: break;
    }
    return scored;
  }

  void ask_samples(Engine& engine, const training::StudyTruth& study, const training::StudyTruth& standard,
                   std::size_t index, const Analysis& analysis, StudyTiming& timing) {
    const PublishedFrame frame(study.width, study.height, study.flipped_acquisition);
    for (std::size_t sample_index = 0; sample_index < study.tasks.size(); ++sample_index) {
      const training::TaskSample& sample = study.tasks[sample_index];
      const auto task = eval_task_from_name(sample.task);
      if (!task || !selected(*task)) continue;
      if (sample.instructions.empty() || sample.answers.empty())
        throw std::runtime_error("Study " + study.id + " (" + study.dicom_path + "): task sample " +
                                 std::to_string(sample_index) + " (" + sample.task +
                                 ") has no instruction or no answer.");
      // One phrasing and one answer drawn independently, as the published loader does; seeded per sample so
      // that a subset of tasks or studies draws the same phrasings.
      std::seed_seq seeds{static_cast<std::uint32_t>(options.seed), static_cast<std::uint32_t>(options.seed >> 32),
                          static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(sample_index)};
      std::mt19937_64 draw(seeds);
      const std::string& instruction = sample.instructions[draw() % sample.instructions.size()];
      const std::string& reference = sample.answers[draw() % sample.answers.size()];

      AskRequest request;
      request.task = engine_task(*task);
      request.max_new_tokens = options.max_new_tokens > 0 ? options.max_new_tokens : default_max_new_tokens(*task);
      if (*task == EvalTask::GroundedDiagnosis || *task == EvalTask::GroundedCaptioning) {
        RegionInstruction split = split_region_instruction(instruction, frame);
        request.instruction = split.phrasing;
        request.regions = std::move(split.regions);
      } else {
        request.instruction = instruction;
      }
      const auto start = std::chrono::steady_clock::now();
      const Answer answer = engine.ask(analysis, request);
      const double seconds = seconds_since(start);
      timing.ask_seconds += seconds;
      ++timing.questions;

      const std::lock_guard<std::mutex> lock(mutex);
      Json record = score(*task, instruction, reference, answer, standard, frame);
      if (on_prediction) {
        Json prediction;
        prediction["study"] = study.id;
        prediction["task"] = sample.task;
        prediction["style"] = sample.style;
        prediction["instruction"] = answer.prompt_instruction;
        prediction["reference"] = reference;
        prediction["answer"] = answer.text;
        prediction["generated_tokens"] = answer.generated_tokens;
        prediction["seconds"] = seconds;
        for (auto& [key, value] : record.items()) prediction[key] = value;
        on_prediction(prediction);
      }
    }
  }
};

Evaluation::Evaluation(EvaluationOptions options) : state_(std::make_unique<State>(std::move(options))) {}

Evaluation::~Evaluation() = default;

void Evaluation::on_prediction(std::function<void(const nlohmann::ordered_json&)> callback) {
  state_->on_prediction = std::move(callback);
}

StudyTiming Evaluation::add_study(Engine& engine, const training::StudyTruth& study, std::size_t index) {
  State& s = *state_;
  if (!engine.loaded()) throw EngineError("The evaluation needs a loaded model.");
  StudyTiming timing;
  const auto start = std::chrono::steady_clock::now();
  const training::StudyTruth standard = training::in_standard_display(study);
  const image::Gray8Image pixels = training::load_standard_display_pixels(study);
  const Analysis analysis = analyse_pixels(engine, pixels);
  if (analysis.anatomies.size() != standard.objects.size())
    throw EngineError("Study " + study.id + " (" + study.dicom_path + "): the model gives " +
                      std::to_string(analysis.anatomies.size()) + " anatomy boxes, the manifest has " +
                      std::to_string(standard.objects.size()) + " objects.");
  {
    const std::lock_guard<std::mutex> lock(s.mutex);
    if (!s.anatomy) {
      std::vector<std::string> raw_names, display_names;
      for (const training::ObjectTruth& object : standard.objects) {
        raw_names.push_back(object.name);
        display_names.push_back(object.display_name);
      }
      s.anatomy.emplace(raw_names, display_names);
    }
    s.anatomy->add_original(analysis_boxes(analysis), truth_boxes(standard));
    s.classification.add_label_probabilities(analysis.labels, standard.chexpert);
    s.retrieval.add(analysis, standard);
  }
  timing.analyse_seconds = seconds_since(start);

  s.ask_samples(engine, study, standard, index, analysis, timing);

  if (s.selected(EvalTask::Flip)) {
    const auto flip_start = std::chrono::steady_clock::now();
    const training::StudyTruth mirrored_truth = training::mirrored_reading(standard);
    const Analysis mirrored = analyse_pixels(engine, image::mirrored(pixels));
    const std::lock_guard<std::mutex> lock(s.mutex);
    s.anatomy->add_flipped(analysis_boxes(mirrored), truth_boxes(mirrored_truth));
    timing.flip_seconds = seconds_since(flip_start);
  }
  timing.total_seconds = seconds_since(start);
  return timing;
}

nlohmann::ordered_json Evaluation::results(const std::vector<std::string>& notes) const {
  const State& s = *state_;
  const std::string& data = s.options.data_label;
  std::vector<eval::MetricBlock> blocks;

  const AnatomySummary apm = s.anatomy ? s.anatomy->summary() : AnatomySummary{};
  auto box_block = [&](const std::string& name, const std::optional<GroundingSummary>& summary, std::size_t samples,
                       const std::string& note) {
    const bool scored = summary && summary->scored > 0;
    const std::size_t positives = summary ? summary->scored + summary->without_box : 0;
    Metrics metrics = {{"IoU", when(scored, scored ? summary->iou : 0)},
                       {"mAP", when(scored, scored ? summary->map : 0)}};
    for (std::size_t t = 0; t < kIouThresholds.size(); ++t)
      metrics.emplace_back(kApColumns[t], when(scored, scored ? summary->ap[t] : 0));
    metrics.emplace_back("no box", when(positives > 0, positives > 0 ? double(summary->without_box) / double(positives) : 0));
    metrics.emplace_back("negatives right", when(summary && summary->negatives > 0,
                                                 summary && summary->negatives > 0
                                                     ? double(summary->negatives_correct) / double(summary->negatives)
                                                     : 0));
    blocks.push_back({name, data, samples, metrics, note});
  };
  {
    GroundingSummary figure;
    figure.scored = apm.boxes;
    figure.iou = apm.iou;
    double sum = 0;
    for (std::size_t t = 0; t < kIouThresholds.size(); ++t) {
      figure.ap[t] = apm.hit_rate[t];
      sum += apm.hit_rate[t];
    }
    figure.map = sum / static_cast<double>(kIouThresholds.size());
    box_block("Anatomy grounding (APM boxes)", figure, apm.boxes,
              "the 36 query boxes of the APM against their objects; AP@t = fraction with IoU >= t");
  }
  blocks.push_back({"Retrieval (APM sentences)", data, s.retrieval.sentences,
                    {{"exact sentence", fraction(s.retrieval.exact, s.retrieval.sentences)},
                     {"abnormal recall", fraction(s.retrieval.found_abnormal, s.retrieval.truly_abnormal)},
                     {"abnormal precision", fraction(s.retrieval.rightly_abnormal, s.retrieval.retrieved_abnormal)}},
                    "each anatomy's top-1 sentence against its true sentence; abnormal: not \"... is healthy.\""});
  auto grounding_row = [&](EvalTask task, const std::string& name, const GroundingScore& score, const char* note) {
    if (!s.selected(task)) return;
    const GroundingSummary summary = score.summary();
    box_block(name, summary, summary.scored + summary.without_box + summary.negatives, note);
  };
  grounding_row(EvalTask::AnatomyGrounding, "Anatomy grounding (LM answers)", s.anatomy_grounding, "");
  grounding_row(EvalTask::PhraseGrounding, "Phrase grounding", s.phrase_grounding, "");
  grounding_row(EvalTask::AbnormalityDetection, "Abnormality detection", s.detection,
                "class-aware: a box counts for the class its <ref> names");

  auto text_row = [&](EvalTask task, const std::string& name, const TextScore& score) {
    if (!s.selected(task)) return;
    const bool any = score.samples() > 0;
    const TextSummary summary = any ? score.summary() : TextSummary{};
    blocks.push_back({name, data, summary.samples,
                      {{"ROUGE-L", when(any, summary.rouge_l)},
                       {"BLEU-4", when(any, summary.bleu4)},
                       {"METEOR", when(any, summary.meteor)},
                       {"CheXpert-14 F1 (micro)", when(any, summary.chexpert_micro_f1)},
                       {"CheXpert-14 F1 (macro)", when(any, summary.chexpert_macro_f1)},
                       {"exact match", when(any, summary.exact_match)}},
                      ""});
  };
  text_row(EvalTask::GroundedDiagnosis, "Grounded diagnosis", s.diagnosis);
  text_row(EvalTask::GroundedCaptioning, "Grounded captioning", s.captioning);
  text_row(EvalTask::ReportGeneration, "Report generation", s.report);
  text_row(EvalTask::OpenVqa, "Open VQA", s.open_vqa);

  if (s.selected(EvalTask::ClosedVqa))
    blocks.push_back({"Closed VQA", data, s.closed_questions,
                      {{"accuracy", when(s.closed_questions > 0, s.closed_questions > 0
                                                                     ? double(s.closed_correct) / double(s.closed_questions)
                                                                     : 0)}},
                      ""});
  {
    const ClassificationSummary summary = s.classification.summary();
    const bool asked = s.selected(EvalTask::Classification);
    blocks.push_back({"Classification", data, summary.images,
                      {{"macro F1 (answers)", when(asked && summary.answered > 0, summary.answer_macro_f1)},
                       {"choice accuracy", when(asked && summary.choices > 0, summary.choice_accuracy)},
                       {"macro AUROC (APM labels)", summary.label_macro_auroc},
                       {"macro F1 (APM labels)", when(summary.images > 0, summary.label_macro_f1)}},
                      "answers: " + std::to_string(asked ? summary.answered : 0) + " all-label questions, " +
                          std::to_string(asked ? summary.choices : 0) +
                          " single-choice questions; APM labels: probability > 0.5"});
  }
  if (s.selected(EvalTask::Flip) && s.anatomy) {
    auto flip_row = [&](const std::string& name, const AnatomySummary& summary) {
      const bool flipped = summary.flipped_boxes > 0;
      blocks.push_back({name, data, summary.boxes,
                        {{"IoU", when(summary.boxes > 0, summary.iou)},
                         {"IoU (flipped)", when(flipped, summary.flipped_iou)},
                         {"IoU drop", when(flipped && summary.boxes > 0, summary.iou - summary.flipped_iou)},
                         {"laterality", summary.laterality},
                         {"laterality (flipped)", summary.flipped_laterality}},
                        ""});
    };
    flip_row("Flip robustness: all anatomies", apm);
    for (const std::string& group : s.anatomy->groups())
      flip_row("Flip robustness: " + group, s.anatomy->summary(group));
  }
  Json results = eval::resultsToJson("AnatomiX evaluation", blocks, notes);
  eval::validateResultsJson(results);
  return results;
}

nlohmann::ordered_json Evaluation::per_anatomy_results() const {
  const State& s = *state_;
  std::vector<eval::MetricBlock> blocks;
  if (s.anatomy)
    for (const AnatomyFigures& anatomy : s.anatomy->per_anatomy()) {
      const bool flipped = anatomy.flipped_images > 0;
      blocks.push_back({anatomy.name, anatomy.group, anatomy.images,
                        {{"IoU", when(anatomy.images > 0, anatomy.iou)},
                         {kApColumns[1], when(anatomy.images > 0, anatomy.hit_rate[1])},
                         {"IoU (flipped)", when(flipped, anatomy.flipped_iou)},
                         {"IoU drop", when(flipped && anatomy.images > 0, anatomy.iou - anatomy.flipped_iou)},
                         {"laterality", anatomy.laterality},
                         {"laterality (flipped)", anatomy.flipped_laterality}},
                        anatomy.lateral ? "" : "no mirrored partner: IoU only"});
    }
  Json results = eval::resultsToJson("AnatomiX evaluation: the APM's boxes per anatomy", blocks,
                                     {"\"data\" is the anatomy group; IoU on the image, IoU (flipped) on the mirrored "
                                      "image against the mirrored reading"});
  return results;
}

nlohmann::ordered_json Evaluation::per_label_results() const {
  const State& s = *state_;
  const ClassificationSummary labels = s.classification.summary();
  const bool reported = s.selected(EvalTask::ReportGeneration) && s.report.samples() > 0;
  const TextSummary report = reported ? s.report.summary() : TextSummary{};
  const bool scored = labels.images > 0;
  std::vector<eval::MetricBlock> blocks;
  for (std::size_t i = 0; i < eval::kChexpertLabelCount; ++i) {
    blocks.push_back({eval::chexpertLabelNames()[i], "", scored ? labels.label_positives[i] : 0,
                      {{"report F1", reported ? report.chexpert_f1_per_label[i] : std::nullopt},
                       {"AUROC (APM labels)", scored ? labels.label_auroc[i] : std::nullopt},
                       {"F1 (APM labels)", scored ? labels.label_f1[i] : std::nullopt}},
                      ""});
  }
  Json results = eval::resultsToJson(
      "AnatomiX evaluation: per CheXpert label", blocks,
      {"N: studies whose manifest has the label; report F1: rule-based labeler on the generated and the reference "
       "report; APM labels: the image-label head, F1 at probability > 0.5"});
  eval::validateResultsJson(results);
  return results;
}

}  // namespace anatomix::evaluator
