#include "evaluator/evaluation.h"

#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

#include "anatomix/eval/closed_vqa.h"
#include "anatomix/eval/results_table.h"
#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "evaluator/anatomy_box_score.h"
#include "evaluator/classification_score.h"
#include "evaluator/grounding_score.h"
#include "evaluator/reference_answers.h"
#include "evaluator/text_score.h"
#include "synth/square_box.h"

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
  std::size_t healthy_truths = 0;  // what "<name> is healthy." for every anatomy gets exactly right
  std::size_t truly_abnormal = 0, found_abnormal = 0;        // recall of abnormal anatomies
  std::size_t retrieved_abnormal = 0, rightly_abnormal = 0;  // precision
  void add(const Analysis& analysis, const training::StudyTruth& standard) {
    for (std::size_t i = 0; i < standard.objects.size(); ++i) {
      const std::string& truth = standard.objects[i].sentence;
      const std::string& retrieved = analysis.anatomies[i].sentence;
      ++sentences;
      if (retrieved == truth) ++exact;
      const bool truth_abnormal = !healthy_sentence(truth), said_abnormal = !healthy_sentence(retrieved);
      healthy_truths += !truth_abnormal;
      truly_abnormal += truth_abnormal;
      found_abnormal += truth_abnormal && said_abnormal;
      retrieved_abnormal += said_abnormal;
      rightly_abnormal += truth_abnormal && said_abnormal;
    }
  }
};

template <typename Key>
Key most_frequent(const std::map<Key, std::size_t>& counts) {
  Key best{};
  std::size_t most = 0;
  for (const auto& [key, count] : counts)
    if (count > most) most = count, best = key;
  return best;
}

// One answered question, scored only when the whole study has been read.
struct AskedSample {
  EvalTask task;
  const training::TaskSample* sample;
  std::string instruction, reference;
  Answer answer;
  double seconds = 0;
};

}  // namespace

ImageBlindBaseline image_blind_baseline(const std::vector<training::StudyTruth>& training_studies) {
  if (training_studies.empty()) throw std::runtime_error("The baseline needs at least one training study.");
  ImageBlindBaseline baseline;
  baseline.studies = training_studies.size();
  const std::size_t Q = training_studies.front().objects.size();
  std::vector<double> sums(4 * Q, 0.0);
  std::map<std::string, std::size_t> closed_answers, classification_choices, reports;
  for (const training::StudyTruth& study : training_studies) {
    if (study.objects.size() != Q) throw std::runtime_error("Study " + study.id + " has another anatomy count.");
    for (std::size_t q = 0; q < Q; ++q) {
      const Box& b = study.objects[q].box;
      sums[4 * q] += b.x1 / study.width;
      sums[4 * q + 1] += b.y1 / study.height;
      sums[4 * q + 2] += b.x2 / study.width;
      sums[4 * q + 3] += b.y2 / study.height;
    }
    for (const training::TaskSample& task : study.tasks)
      for (const std::string& answer : task.answers) {
        // Option labels are drawn per question: count what the answer means ("no"), not its label.
        if (task.task == "vqa_closed" && !task.instructions.empty())
          ++closed_answers[eval::resolveClosedAnswer(answer, eval::parseClosedOptions(task.instructions.front()))];
        if (task.task == "classification" && !task.instructions.empty() &&
            !is_all_labels_question(task.instructions.front()))
          ++classification_choices[eval::resolveClosedAnswer(answer,
                                                            eval::parseClosedOptions(task.instructions.front()))];
        if (task.task == "report_generation") ++reports[answer];
      }
  }
  const double n = static_cast<double>(training_studies.size());
  for (std::size_t q = 0; q < Q; ++q)
    baseline.mean_boxes.push_back(Box{float(sums[4 * q] / n), float(sums[4 * q + 1] / n), float(sums[4 * q + 2] / n),
                                      float(sums[4 * q + 3] / n)});
  baseline.closed_vqa_answer = most_frequent(closed_answers);
  baseline.classification_choice = most_frequent(classification_choices);
  baseline.report = most_frequent(reports);
  return baseline;
}

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
  // Baselines that never look at the image: a row that does not clear its baseline has learned nothing.
  std::optional<AnatomyBoxScore> mean_box, image_side;
  std::vector<int> partner;
  std::size_t closed_baseline_correct = 0, choice_baseline_correct = 0;
  TextScore report_baseline;
  GroundingScore anatomy_grounding_baseline{ClassMatching::Published};  // the APM's own box of the named anatomy

  explicit State(EvaluationOptions options_) : options(std::move(options_)) {}

  bool selected(EvalTask task) const { return options.tasks.count(task) > 0; }

  // Scores one answer; returns what the prediction record should add (IoU, correctness).
  Json score(EvalTask task, const std::string& instruction, const std::string& reference, const Answer& answer,
             const training::StudyTruth& standard, const LetterboxGeometry& frame, const Analysis& analysis) {
    Json scored = Json::object();
    auto box_task = [&](GroundingScore& score) {
      if (const auto iou = score.add(answered_boxes(answer), reference_boxes(reference, frame))) scored["iou"] = *iou;
    };
    switch (task) {
      case EvalTask::AnatomyGrounding: {
        box_task(anatomy_grounding);
        // The prompt holds the APM's box of every anatomy: copying the named one's line is the bar to clear.
        std::vector<std::string> names;
        for (const AnatomyResult& anatomy : analysis.anatomies) names.push_back(anatomy.name);
        std::vector<LabelledBox> copied;
        for (const LabelledBox& wanted : reference_boxes(reference, frame))
          if (const int k = training::anatomy_index(wanted.label, names); k >= 0)
            copied.push_back({wanted.label, analysis.anatomies[static_cast<size_t>(k)].box});
        anatomy_grounding_baseline.add(copied, reference_boxes(reference, frame));
        break;
      }
      case EvalTask::PhraseGrounding: box_task(phrase_grounding); break;
      case EvalTask::AbnormalityDetection: box_task(detection); break;
      case EvalTask::GroundedDiagnosis: diagnosis.add(answer.text, reference); break;
      case EvalTask::GroundedCaptioning: captioning.add(answer.text, reference); break;
      case EvalTask::ReportGeneration:
        report.add(answer.text, reference);
        if (options.baseline) report_baseline.add(options.baseline->report, reference);
        break;
      case EvalTask::OpenVqa: open_vqa.add(answer.text, reference); break;
      case EvalTask::ClosedVqa: {
        const bool correct = eval::closedVqaCorrect({instruction, answer.text, reference});
        ++closed_questions;
        if (correct) ++closed_correct;
        if (options.baseline && eval::closedVqaCorrect({instruction, options.baseline->closed_vqa_answer, reference}))
          ++closed_baseline_correct;
        scored["correct"] = correct;
        break;
      }
      case EvalTask::Classification:
        if (is_all_labels_question(instruction)) {
          classification.add_all_labels_answer(instruction, answer.text, standard.chexpert);
        } else {
          classification.add_choice(instruction, answer.text, reference);
          scored["correct"] = eval::closedVqaCorrect({instruction, answer.text, reference});
          if (options.baseline &&
              eval::closedVqaCorrect({instruction, options.baseline->classification_choice, reference}))
            ++choice_baseline_correct;
        }
        break;
      case EvalTask::Flip: break;
    }
    return scored;
  }

  // Asks every selected task sample of the study (the model runs unlocked); scoring waits for the study to end.
  std::vector<AskedSample> ask_samples(Engine& engine, const training::StudyTruth& study, std::size_t index,
                                       const Analysis& analysis, const LetterboxGeometry& frame,
                                       StudyTiming& timing) const {
    std::vector<AskedSample> asked;
    // One conversation per study: each question prefills only what its prompt does not share with the last.
    AskSession session(analysis);
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
      AskedSample done{*task, &sample, instruction, reference, engine.ask(session, request), 0.0};
      done.seconds = seconds_since(start);
      timing.ask_seconds += done.seconds;
      ++timing.questions;
      asked.push_back(std::move(done));
    }
    return asked;
  }

  void score_asked(const training::StudyTruth& study, const std::vector<AskedSample>& asked,
                   const LetterboxGeometry& frame, const Analysis& analysis) {
    for (const AskedSample& done : asked) {
      Json record = score(done.task, done.instruction, done.reference, done.answer, study, frame, analysis);
      if (on_prediction) {
        Json prediction;
        prediction["study"] = study.id;
        prediction["task"] = done.sample->task;
        prediction["style"] = done.sample->style;
        prediction["instruction"] = done.answer.prompt_instruction;
        prediction["reference"] = done.reference;
        prediction["answer"] = done.answer.text;
        prediction["generated_tokens"] = done.answer.generated_tokens;
        prediction["seconds"] = done.seconds;
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
  // The pixels as stored and the truth as written: nothing is un-mirrored by header (anatomix/laterality.h).
  const image::Gray8Image pixels = training::load_model_pixels(study);
  const Analysis analysis = analyse_pixels(engine, pixels);
  if (analysis.anatomies.size() != study.objects.size())
    throw EngineError("Study " + study.id + " (" + study.dicom_path + "): the model gives " +
                      std::to_string(analysis.anatomies.size()) + " anatomy boxes, the manifest has " +
                      std::to_string(study.objects.size()) + " objects.");
  timing.analyse_seconds = seconds_since(start);

  const LetterboxGeometry frame = synth::model_square(study.width, study.height);
  const std::vector<AskedSample> asked = s.ask_samples(engine, study, index, analysis, frame, timing);

  std::optional<Analysis> mirrored;
  training::StudyTruth mirrored_truth;
  if (s.selected(EvalTask::Flip)) {
    const auto flip_start = std::chrono::steady_clock::now();
    mirrored_truth = training::mirrored_reading(study);
    mirrored = analyse_pixels(engine, image::mirrored(pixels));
    timing.flip_seconds = seconds_since(flip_start);
  }

  // Everything of the study is in hand: count it all at once, or (on an exception above) nothing.
  const std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.anatomy) {
    std::vector<std::string> raw_names, display_names;
    for (const training::ObjectTruth& object : study.objects) {
      raw_names.push_back(object.name);
      display_names.push_back(object.display_name);
    }
    s.anatomy.emplace(raw_names, display_names);
    s.mean_box.emplace(raw_names, display_names);
    s.image_side.emplace(raw_names, display_names);
    s.partner = lateral_partner_indices(raw_names);
  }
  const std::vector<Box> truth = truth_boxes(study);
  s.anatomy->add_original(analysis_boxes(analysis), truth);
  s.classification.add_label_probabilities(analysis.labels, study.chexpert);
  s.retrieval.add(analysis, study);
  s.score_asked(study, asked, frame, analysis);
  std::vector<Box> mean_boxes;
  if (s.options.baseline) {
    mean_boxes = scaled_boxes(s.options.baseline->mean_boxes, study.width, study.height);
    s.mean_box->add_original(mean_boxes, truth);
  }
  if (mirrored) {
    const std::vector<Box> mirrored_truth_boxes = truth_boxes(mirrored_truth);
    s.anatomy->add_flipped(analysis_boxes(*mirrored), mirrored_truth_boxes);
    s.image_side->add_original(truth, truth);
    s.image_side->add_flipped(named_by_image_side(mirrored_truth_boxes, s.partner), mirrored_truth_boxes);
    if (s.options.baseline) s.mean_box->add_flipped(mean_boxes, mirrored_truth_boxes);
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
    if (s.options.baseline && s.mean_box) {
      const AnatomySummary mean = s.mean_box->summary();
      blocks.push_back({"  baseline: mean box of the training split", data, mean.boxes,
                        {{"IoU", when(mean.boxes > 0, mean.iou)}},
                        "ignores the image"});
    }
  }
  blocks.push_back({"Retrieval (APM sentences)", data, s.retrieval.sentences,
                    {{"exact sentence", fraction(s.retrieval.exact, s.retrieval.sentences)},
                     {"abnormal recall", fraction(s.retrieval.found_abnormal, s.retrieval.truly_abnormal)},
                     {"abnormal precision", fraction(s.retrieval.rightly_abnormal, s.retrieval.retrieved_abnormal)}},
                    "each anatomy's top-1 sentence against its true sentence; abnormal: not \"... is healthy.\""});
  blocks.push_back({"  baseline: \"healthy\" for every anatomy", data, s.retrieval.sentences,
                    {{"exact sentence", fraction(s.retrieval.healthy_truths, s.retrieval.sentences)},
                     {"abnormal recall", when(s.retrieval.truly_abnormal > 0, 0.0)},
                     {"abnormal precision", std::nullopt}},
                    "ignores the image"});
  auto grounding_row = [&](EvalTask task, const std::string& name, const GroundingScore& score, const char* note) {
    if (!s.selected(task)) return;
    const GroundingSummary summary = score.summary();
    box_block(name, summary, summary.scored + summary.without_box + summary.negatives, note);
  };
  grounding_row(EvalTask::AnatomyGrounding, "Anatomy grounding (LM answers)", s.anatomy_grounding, "");
  grounding_row(EvalTask::AnatomyGrounding, "  baseline: the APM's box of the named anatomy", s.anatomy_grounding_baseline,
                "copies the prompt's line for the anatomy the reference names");
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
  if (s.options.baseline) text_row(EvalTask::ReportGeneration, "  baseline: the most frequent training report", s.report_baseline);
  text_row(EvalTask::OpenVqa, "Open VQA", s.open_vqa);

  if (s.selected(EvalTask::ClosedVqa))
    blocks.push_back({"Closed VQA", data, s.closed_questions,
                      {{"accuracy", when(s.closed_questions > 0, s.closed_questions > 0
                                                                     ? double(s.closed_correct) / double(s.closed_questions)
                                                                     : 0)}},
                      ""});
  if (s.selected(EvalTask::ClosedVqa) && s.options.baseline)
    blocks.push_back({"  baseline: always \"" + s.options.baseline->closed_vqa_answer + "\"", data, s.closed_questions,
                      {{"accuracy", fraction(s.closed_baseline_correct, s.closed_questions)}},
                      "the most frequent closed-VQA answer of the training split"});
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
    if (s.options.baseline)
      blocks.push_back({"  baseline: always \"" + s.options.baseline->classification_choice + "\"", data, summary.images,
                        {{"macro F1 (answers)", std::nullopt},
                         {"choice accuracy", asked ? fraction(s.choice_baseline_correct, summary.choices) : std::nullopt},
                         {"macro AUROC (APM labels)", when(summary.label_macro_auroc.has_value(), 0.5)},
                         {"macro F1 (APM labels)", std::nullopt}},
                        "the most frequent single-choice answer of the training split; a constant score's AUROC"});
  }
  if (s.selected(EvalTask::Flip) && s.anatomy) {
    auto flip_row = [&](const std::string& name, const AnatomySummary& summary, const std::string& note = "") {
      const bool flipped = summary.flipped_boxes > 0;
      blocks.push_back({name, data, summary.boxes,
                        {{"IoU", when(summary.boxes > 0, summary.iou)},
                         {"IoU (flipped)", when(flipped, summary.flipped_iou)},
                         {"equivariance gap", when(flipped && summary.boxes > 0, std::abs(summary.iou - summary.flipped_iou))},
                         {"laterality", summary.laterality},
                         {"laterality (flipped)", summary.flipped_laterality}},
                        note});
    };
    flip_row("Flip robustness: all anatomies", apm);
    if (s.options.baseline)
      flip_row("  baseline: mean box of the training split", s.mean_box->summary(), "ignores the image");
    flip_row("  baseline: image-side naming", s.image_side->summary(),
             "the true boxes, lateral names given by image side (as a model that reads sides from the display)");
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
                         {"equivariance gap", when(flipped && anatomy.images > 0, std::abs(anatomy.iou - anatomy.flipped_iou))},
                         {"laterality", anatomy.laterality},
                         {"laterality (flipped)", anatomy.flipped_laterality}},
                        anatomy.lateral ? "" : "no mirrored partner: IoU only"});
    }
  Json results = eval::resultsToJson("AnatomiX evaluation: the APM's boxes per anatomy", blocks,
                                     {"\"data\" is the anatomy group; IoU on the image, IoU (flipped) on the mirrored "
                                      "image against the mirrored truth with the same names"});
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
