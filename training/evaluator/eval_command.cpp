#include "evaluator/eval_command.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>
#include <set>
#include <sstream>
#include <stdexcept>

#include "anatomix/cli.h"
#include "anatomix/eval/results_table.h"
#include "bundle_config.h"
#include "evaluator/evaluation.h"
#include "evaluator/nih_evaluation.h"
#include "evaluator/real_evaluation.h"

namespace anatomix::cli {
namespace {

namespace fs = std::filesystem;
using evaluator::EvalTask;

const char* kUsageText =
    "usage: anatomix eval --model DIR --data DIR [--baseline DIR] [--limit N] [--tasks LIST] [--out DIR]\n"
    "                     [--threads T] [--workers W] [--seed S] [--max-new-tokens N] [--device cpu|cuda]\n"
    "       anatomix eval --model DIR --real DIR [--baseline DIR] [--out DIR] [--threads T]\n"
    "       anatomix eval --model DIR --nih FILES.tsv [--nih-split score|choose|adapt] [--out DIR] [--threads T]\n"
    "Evaluate a model bundle on generated studies (`anatomix synth` output): the paper's result table and the\n"
    "flip-robustness block, printed as Markdown, each figure beside a baseline that ignores the image.\n"
    "A study that cannot be evaluated is named and makes the command exit 1 (after the table).\n"
    "  --model DIR           model bundle\n"
    "  --data DIR            study set (index.json + DICOM + manifests)\n"
    "  --real DIR            real radiographs with expert boxes (DIR/boxes.json): the anatomy boxes, original\n"
    "                        and mirrored, beside the mean box and image-side naming (writes real.{md,json})\n"
    "  --nih FILES.tsv       NIH ChestX-ray14 films of training/tools/prepare_nih.py: image-label AUROC,\n"
    "                        cardiothoracic ratio vs Cardiomegaly, sides, the flip check of all anatomies\n"
    "                        (nih.{md,json}; nih_films.tsv: each film's lung and heart centres, sides and flip check)\n"
    "  --nih-split NAME      score (default: the held-out patients, once per model), choose (held out of training,\n"
    "                        for choosing settings) or adapt (the films training learns from)\n"
    "  --baseline DIR        the training split (manifests only are read): mean box, most frequent answer and\n"
    "                        report (default: DIR/../train when it exists)\n"
    "  --limit N             the first N studies only (default: all)\n"
    "  --tasks LIST          comma-separated subset (default: all): anatomy_grounding, phrase_grounding,\n"
    "                        grounded_diagnosis, grounded_captioning, report_generation, vqa_closed, vqa_open,\n"
    "                        classification, abnormality_detection, flip (mirrored analysis); the APM's\n"
    "                        anatomy boxes and image labels are always scored\n"
    "  --out DIR             also write results, per_anatomy and per_label (.json, .md), predictions.jsonl there\n"
    "  --threads T           compute threads in all (default: all cores)\n"
    "  --workers W           studies evaluated at once, each by its own engine with T/W threads (default 1;\n"
    "                        on two busy cores 2 workers x 1 thread ran 3-4x faster than 1 worker x 2 threads)\n"
    "  --seed S              seed of the phrasing draws (default 0)\n"
    "  --max-new-tokens N    answer budget for every task (default: per task, 16..192)\n"
    "  --device cpu|cuda     (default cpu)\n";

struct Arguments {
  std::string model, data, out, baseline, real, nih, nih_split = "score";
  int limit = 0, threads = 0, workers = 1, max_new_tokens = 0;
  std::uint64_t seed = 0;
  Device device = Device::Cpu;
  std::set<EvalTask> tasks{evaluator::all_eval_tasks().begin(), evaluator::all_eval_tasks().end()};
};

long long parse_integer(const std::string& option, const std::string& value, long long low, long long high) {
  try {
    std::size_t used = 0;
    const long long number = std::stoll(value, &used);
    if (used == value.size() && number >= low && number <= high) return number;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(option + ": expected an integer in " + std::to_string(low) + ".." +
                              std::to_string(high) + ", got '" + value + "'");
}

std::set<EvalTask> parse_tasks(const std::string& value) {
  std::set<EvalTask> tasks;
  std::stringstream list(value);
  std::string name;
  while (std::getline(list, name, ',')) {
    const auto task = evaluator::eval_task_from_name(name);
    if (!task) throw std::invalid_argument("--tasks: unknown task '" + name + "' (see --help for the names)");
    tasks.insert(*task);
  }
  if (tasks.empty()) throw std::invalid_argument("--tasks: give at least one task");
  return tasks;
}

Arguments parse_arguments(const std::vector<std::string>& args) {
  Arguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& option = args[i];
    if (i + 1 >= args.size()) throw std::invalid_argument(option + ": missing value (or unknown option)");
    const std::string& value = args[++i];
    if (option == "--model") parsed.model = value;
    else if (option == "--data") parsed.data = value;
    else if (option == "--baseline") parsed.baseline = value;
    else if (option == "--real") parsed.real = value;
    else if (option == "--nih") parsed.nih = value;
    else if (option == "--nih-split") parsed.nih_split = value;
    else if (option == "--out") parsed.out = value;
    else if (option == "--limit") parsed.limit = int(parse_integer(option, value, 0, 100'000'000));
    else if (option == "--threads") parsed.threads = int(parse_integer(option, value, 0, 1024));
    else if (option == "--workers") parsed.workers = int(parse_integer(option, value, 1, 64));
    else if (option == "--max-new-tokens") parsed.max_new_tokens = int(parse_integer(option, value, 1, 8192));
    else if (option == "--seed") parsed.seed = std::uint64_t(parse_integer(option, value, 0, 1LL << 62));
    else if (option == "--tasks") parsed.tasks = parse_tasks(value);
    else if (option == "--device") {
      if (value != "cpu" && value != "cuda") throw std::invalid_argument("--device: expected cpu or cuda, got '" + value + "'");
      parsed.device = value == "cuda" ? Device::Cuda : Device::Cpu;
    } else {
      throw std::invalid_argument("unknown option '" + option + "'");
    }
  }
  if (parsed.model.empty()) throw std::invalid_argument("--model DIR is required");
  const int sets = !parsed.data.empty() + !parsed.real.empty() + !parsed.nih.empty();
  if (sets == 0) throw std::invalid_argument("--data DIR (or --real DIR, or --nih FILES.tsv) is required");
  if (sets > 1) throw std::invalid_argument("give one of --data, --real and --nih");
  return parsed;
}

std::string duration_text(double seconds) {
  const long long total = static_cast<long long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) std::snprintf(text, sizeof text, "%lldh%02lldm", total / 3600, total / 60 % 60);
  else std::snprintf(text, sizeof text, "%lldm%02llds", total / 60, total % 60);
  return text;
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// The training split beside the evaluated set ("DIR/../train") when none is given.
std::string baseline_directory(const Arguments& arguments) {
  if (!arguments.baseline.empty()) return arguments.baseline;
  const fs::path evaluated = fs::path(arguments.data.empty() ? arguments.real : arguments.data).lexically_normal();
  const fs::path sibling = (evaluated.has_filename() ? evaluated : evaluated.parent_path()).parent_path() / "train";
  if (fs::exists(sibling / "index.json") && !fs::equivalent(sibling, evaluated)) return sibling.string();
  return "";
}

std::unique_ptr<Engine> load_engine(const Arguments& arguments, int threads) {
  auto engine = std::make_unique<Engine>();
  LoadOptions load;
  load.bundle_dir = arguments.model;
  load.device = arguments.device;
  load.threads = threads;
  engine->load(load);
  return engine;
}

// A table of --real or --nih: printed, and written as OUT/<stem>.{md,json} when --out is given.
int publish(nlohmann::ordered_json results, const Engine& engine, const Arguments& arguments, const std::string& stem,
            const std::vector<std::string>& notes = {}) {
  results["notes"].push_back("model: " + engine.info().name + ", " + arguments.model);
  for (const std::string& note : notes) results["notes"].push_back(note);
  std::fputs(eval::renderResultsMarkdown(results).c_str(), stdout);
  if (!arguments.out.empty()) {
    fs::create_directories(arguments.out);
    eval::writeResultsTable(results, fs::path(arguments.out) / (stem + ".md"), fs::path(arguments.out) / (stem + ".json"));
  }
  return kOk;
}

int run_nih(const Arguments& arguments) {
  const auto engine = load_engine(arguments, arguments.threads);
  std::vector<evaluator::NihFilmReading> films;
  const int status =
      publish(evaluator::evaluate_nih_set(*engine, arguments.nih, arguments.nih_split, &films), *engine, arguments, "nih");
  if (!arguments.out.empty()) evaluator::write_nih_film_readings(films, (fs::path(arguments.out) / "nih_films.tsv").string());
  return status;
}

int run_real(const Arguments& arguments) {
  const std::string baseline_dir = baseline_directory(arguments);
  std::vector<Box> mean_boxes;
  if (!baseline_dir.empty()) mean_boxes = evaluator::image_blind_baseline(training::load_study_set(baseline_dir)).mean_boxes;
  else std::fprintf(stderr, "anatomix eval: no --baseline training split; the mean-box rows are left out\n");
  const auto engine = load_engine(arguments, arguments.threads);
  const std::vector<std::string>& names = published_anatomy_names();
  const auto images = training::load_real_set(arguments.real, names);
  const fs::path real_path = fs::path(arguments.real).lexically_normal();
  return publish(evaluator::evaluate_real_set(*engine, images, names, mean_boxes,
                                             (real_path.has_filename() ? real_path : real_path.parent_path()).filename().string()),
                 *engine, arguments, "real",
                 baseline_dir.empty() ? std::vector<std::string>{} : std::vector<std::string>{"mean box: " + baseline_dir});
}

}  // namespace

int run_eval(const std::vector<std::string>& args) {
  for (const std::string& arg : args)
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsageText, stdout);
      return kOk;
    }
  Arguments arguments;
  try {
    arguments = parse_arguments(args);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "anatomix eval: %s\n\n%s", error.what(), kUsageText);
    return kUsage;
  }

  try {
    if (!arguments.real.empty()) return run_real(arguments);
    if (!arguments.nih.empty()) return run_nih(arguments);
    const std::vector<training::StudyTruth> studies = training::load_study_set(arguments.data, arguments.limit);
    if (studies.empty()) throw std::runtime_error("The study set " + arguments.data + " lists no study.");

    // One engine per worker; torch's thread count is per process, so each gets its share of the threads.
    const int total_threads =
        arguments.threads > 0 ? arguments.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int workers = std::min<int>(arguments.workers, static_cast<int>(studies.size()));
    std::vector<std::unique_ptr<Engine>> engines;
    for (int w = 0; w < workers; ++w) engines.push_back(load_engine(arguments, std::max(1, total_threads / workers)));
    const BundleInfo bundle = engines.front()->info();

    std::ofstream predictions;
    if (!arguments.out.empty()) {
      fs::create_directories(arguments.out);
      const fs::path path = fs::path(arguments.out) / "predictions.jsonl";
      predictions.open(path, std::ios::trunc);
      if (!predictions) throw std::runtime_error("Cannot write " + path.string() + ".");
    }

    evaluator::EvaluationOptions options;
    options.tasks = arguments.tasks;
    options.seed = arguments.seed;
    options.max_new_tokens = arguments.max_new_tokens;
    const std::string baseline_dir = baseline_directory(arguments);
    if (!baseline_dir.empty()) options.baseline = evaluator::image_blind_baseline(training::load_study_set(baseline_dir));
    else std::fprintf(stderr, "anatomix eval: no --baseline training split; the mean-box and majority rows are left out\n");
    const fs::path data_path = fs::path(arguments.data).lexically_normal();
    options.data_label = data_path.has_filename() ? data_path.filename().string()
                                                  : data_path.parent_path().filename().string();
    evaluator::Evaluation evaluation(options);
    if (predictions.is_open())
      evaluation.on_prediction([&](const nlohmann::ordered_json& record) { predictions << record.dump() << '\n'; });

    evaluator::StudyTiming sum;
    std::size_t done = 0, failed = 0, finished = 0;
    std::atomic<std::size_t> next{0};
    std::mutex progress;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> failed_studies;
    auto work = [&](Engine& engine) {
      for (std::size_t i = next++; i < studies.size(); i = next++) {
        evaluator::StudyTiming timing;
        std::string error_text;
        try {
          timing = evaluation.add_study(engine, studies[i], i);
        } catch (const std::exception& error) {
          error_text = error.what();
        }
        const std::lock_guard<std::mutex> lock(progress);
        ++finished;
        if (error_text.empty()) {
          sum.analyse_seconds += timing.analyse_seconds;
          sum.ask_seconds += timing.ask_seconds;
          sum.flip_seconds += timing.flip_seconds;
          sum.total_seconds += timing.total_seconds;
          sum.questions += timing.questions;
          ++done;
        } else {
          ++failed;
          failed_studies.push_back(studies[i].id);
          std::fprintf(stderr, "\nanatomix eval: study %s failed: %s\n", studies[i].id.c_str(), error_text.c_str());
        }
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double per_study = elapsed / static_cast<double>(finished);
        std::fprintf(stderr, "\r[%zu/%zu] %.2f s per study, elapsed %s, ETA %s   ", finished, studies.size(),
                     per_study, duration_text(elapsed).c_str(),
                     duration_text(per_study * static_cast<double>(studies.size() - finished)).c_str());
      }
    };
    std::vector<std::thread> threads;
    for (int w = 1; w < workers; ++w) threads.emplace_back(work, std::ref(*engines[static_cast<std::size_t>(w)]));
    work(*engines.front());
    for (std::thread& thread : threads) thread.join();
    std::fprintf(stderr, "\n");
    if (done == 0) throw std::runtime_error("No study of " + arguments.data + " could be evaluated.");
    const double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const double n = static_cast<double>(done);
    const std::string timing_note =
        "timing: " + fixed(sum.total_seconds / n, 2) + " s per study (analysis " + fixed(sum.analyse_seconds / n, 2) +
        " s, " + fixed(static_cast<double>(sum.questions) / n, 1) + " questions " + fixed(sum.ask_seconds / n, 2) +
        " s, mirrored analysis " + fixed(sum.flip_seconds / n, 2) + " s) on " + bundle.device + ", " +
        std::to_string(workers) + " worker(s) x " + std::to_string(std::max(1, total_threads / workers)) +
        " thread(s); wall time " + fixed(wall_seconds / n, 2) + " s per study";
    std::string task_list;
    for (EvalTask task : arguments.tasks) task_list += std::string(task_list.empty() ? "" : ", ") + evaluator::eval_task_name(task);
    const std::vector<std::string> notes = {
        "model: " + bundle.name + " (" + bundle.description + "), " + arguments.model,
        "data: " + arguments.data + ", " + std::to_string(done) + " studies evaluated" +
            (failed ? ", " + std::to_string(failed) + " FAILED and not counted (errors above)" : std::string()),
        options.baseline ? "baselines: from " + baseline_dir + " (" + std::to_string(options.baseline->studies) +
                               " training studies, manifests only); they never look at the image"
                         : std::string("baselines: no training split given; only the image-side naming and \"healthy\" rows"),
        "tasks: " + task_list + "; one instruction and one answer drawn per task sample (seed " +
            std::to_string(arguments.seed) + ")",
        timing_note,
        "box metrics per sample as published: IoU = mean over predicted boxes of the best IoU with a reference "
        "box; samples without a parsed box are skipped (column \"no box\"); mAP at IoU 0.25/0.5/0.75/0.95, every "
        "box scoring 1, classes by <ref> text (published: MiniLM similarity)",
        "METEOR: exact and Porter-stem stages (no WordNet synonyms); CheXpert-14 F1: rule-based labeler on answer "
        "and reference",
        "flip robustness: the mirrored pixels (header unchanged) against the mirrored truth with the same names "
        "(names follow the anatomy); laterality: each lateral anatomy's box centre on the same side of its partner's "
        "as in the truth; equivariance gap: |IoU - IoU (flipped)|",
    };
    const nlohmann::ordered_json results = evaluation.results(notes);
    const nlohmann::ordered_json per_anatomy = evaluation.per_anatomy_results();
    std::fputs(eval::renderResultsMarkdown(results).c_str(), stdout);
    std::fflush(stdout);
    std::fprintf(stderr, "%zu studies in %s: %s s per study (wall time, %d worker(s))\n", done,
                 duration_text(wall_seconds).c_str(), fixed(wall_seconds / n, 2).c_str(), workers);
    if (!arguments.out.empty()) {
      const fs::path out(arguments.out);
      eval::writeResultsTable(results, out / "results.md", out / "results.json");
      eval::writeResultsTable(per_anatomy, out / "per_anatomy.md", out / "per_anatomy.json");
      eval::writeResultsTable(evaluation.per_label_results(), out / "per_label.md", out / "per_label.json");
      std::fprintf(stderr, "wrote %s and %s\n", (out / "results.md").c_str(), (out / "results.json").c_str());
    }
    if (!failed_studies.empty()) {
      std::string list;
      for (const std::string& id : failed_studies) list += (list.empty() ? "" : ", ") + id;
      std::fprintf(stderr, "anatomix eval: %zu studies failed and are not counted: %s\n", failed_studies.size(), list.c_str());
      return kFailure;
    }
    return kOk;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "anatomix eval: %s\n", error.what());
    return kFailure;
  }
}

}  // namespace anatomix::cli
