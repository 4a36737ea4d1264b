// The shipped bundle's own figures, against bounds recorded when it was made (training/README.md): on 12
// generated studies with a seed outside the training stream (its boxes and its language model's reports and
// answers), and on the real development radiographs where they are present (../shared/real-dev; the test
// skips that part without them). Each bound sits below the recorded figure by a margin for these small sets,
// and every one is checked beside a predictor that never looks at the image, so that a model that stops
// looking cannot pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "anatomix/cli.h"
#include "anatomix/engine.h"
#include "anatomix/image/image_decoder.h"
#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "anatomix/eval/results_table.h"
#include "dataset/study_dataset.h"
#include "evaluator/eval_command.h"
#include "evaluator/nih_evaluation.h"

namespace anatomix::evaluator {
namespace {

namespace fs = std::filesystem;

// Recorded with the shipped bundle (training/README.md), each a margin below the measured figure:
// generated studies IoU 0.837 (their own mean box 0.386), laterality on the mirror 1.000, equivariance gap
// 0.011; reports CheXpert-14 F1 (micro) 0.727 (the most frequent of these reports 0.258), single-choice
// accuracy 1.000 (the most frequent answer 0.500), the language model's anatomy grounding IoU 0.843 (copying
// the APM's box 0.843; a bundle whose answer box was the prompt line's integers 0.808 against 0.817; 0.295
// before it pointed at the line); real development films IoU 0.634, mirrored 0.627, left and right lung 0.727
// and 0.818, sides 1.000 on both.
constexpr double kGeneratedIou = 0.72;
constexpr double kGeneratedMarginOverMeanBox = 0.30;
constexpr double kGeneratedFlippedLaterality = 0.98;
constexpr double kGeneratedEquivarianceGap = 0.03;
constexpr double kReportF1 = 0.55;
constexpr double kReportF1MarginOverFrequentReport = 0.25;
constexpr double kChoiceMarginOverFrequentAnswer = 0.20;
constexpr double kGroundingShortOfCopying = 0.01;
constexpr double kRealIou = 0.60;
constexpr double kRealMirroredIou = 0.60;
constexpr double kRealSides = 1.0;
constexpr double kRealLungIou = 0.70;  // before opacity was painted into real lungs in training: left 0.691
constexpr double kClavicleReach = 0.1;
constexpr double kHeartBelowLungs = 0.04;
constexpr double kBoxSizeBias = 0.03;

fs::path env_path(const char* name) {
  const char* value = std::getenv(name);
  return value ? fs::path(value) : fs::path();
}

void load_shipped_bundle(Engine& engine) {
  LoadOptions load;
  load.bundle_dir = env_path("ANATOMIX_SHIPPED_BUNDLE").string();
  load.threads = 2;
  engine.load(load);
}

std::map<std::string, nlohmann::ordered_json> metrics_by_row(const fs::path& results) {
  const nlohmann::ordered_json document = eval::readResultsJson(results);
  std::map<std::string, nlohmann::ordered_json> rows;
  for (const auto& block : document["blocks"]) {
    const std::string task = block["task"].get<std::string>();
    if (!rows.count(task)) rows[task] = block["metrics"];  // the first row of a name (APM before flip)
  }
  return rows;
}

double number(const nlohmann::ordered_json& metrics, const char* key) {
  EXPECT_TRUE(metrics.contains(key) && metrics[key].is_number()) << key << " in " << metrics.dump();
  return metrics.contains(key) && metrics[key].is_number() ? metrics[key].get<double>() : -1.0;
}

TEST(ShippedBundle, GeneratedStudiesItNeverSaw) {
  const fs::path data = env_path("ANATOMIX_EVAL_TEST_DATA");
  const fs::path bundle = env_path("ANATOMIX_SHIPPED_BUNDLE");
  ASSERT_TRUE(fs::exists(bundle / "config.json")) << bundle;
  const fs::path studies = data / "shipped_studies";
  ASSERT_TRUE(fs::exists(studies / "index.json")) << "fixture eval.fixture.shipped_studies did not run";
  const fs::path out = data / "runs" / "shipped";
  fs::remove_all(out);
  // The mean box of these very studies: a baseline stronger than the training split's.
  ASSERT_EQ(cli::run_eval({"--model", bundle.string(), "--data", studies.string(), "--baseline", studies.string(),
                           "--tasks", "flip", "--out", out.string(), "--threads", "2"}),
            cli::kOk);
  auto rows = metrics_by_row(out / "results.json");
  const auto& flip = rows["Flip robustness: all anatomies"];
  const double iou = number(rows["Anatomy grounding (APM boxes)"], "IoU");
  const double mean_box = number(rows["  baseline: mean box of the training split"], "IoU");
  EXPECT_GE(iou, kGeneratedIou);
  EXPECT_GE(iou - mean_box, kGeneratedMarginOverMeanBox) << "model " << iou << ", mean box " << mean_box;
  EXPECT_GE(number(flip, "laterality (flipped)"), kGeneratedFlippedLaterality);
  EXPECT_LE(number(flip, "equivariance gap"), kGeneratedEquivarianceGap);
  EXPECT_DOUBLE_EQ(number(rows["  baseline: image-side naming"], "laterality (flipped)"), 0.0);
}

// The boxes are as large as the anatomy they stand for, neither larger nor smaller on average: each box's width
// and height over its truth's, averaged over the 36 anatomies of the generated studies. Recorded: width +1.0 %,
// height +0.7 %; the bundle trained with rotated boxes taken as their rotated corners' bounding box +7.2 % and
// +6.5 %, which real films showed as lungs wider than their fields on both sides. A size, not an accuracy: the
// IoU bounds above hold the boxes to the image.
TEST(ShippedBundle, BoxesAreAsLargeAsTheirAnatomyOnGeneratedStudies) {
  const fs::path studies = env_path("ANATOMIX_EVAL_TEST_DATA") / "shipped_studies";
  ASSERT_TRUE(fs::exists(studies / "index.json")) << "fixture eval.fixture.shipped_studies did not run";
  Engine engine;
  load_shipped_bundle(engine);
  double width_ratio = 0, height_ratio = 0;
  int count = 0;
  for (const training::StudyTruth& study : training::load_study_set(studies.string())) {
    const image::Gray8Image pixels = training::load_model_pixels(study);
    const Analysis analysis = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, 0});
    ASSERT_EQ(analysis.anatomies.size(), study.objects.size()) << study.id;
    for (const training::ObjectTruth& truth : study.objects) {
      const AnatomyResult& reading = analysis.anatomies[static_cast<size_t>(truth.index)];
      ASSERT_EQ(reading.index, truth.index) << study.id;
      const Box& box = reading.box;
      width_ratio += (box.x2 - box.x1) / (truth.box.x2 - truth.box.x1);
      height_ratio += (box.y2 - box.y1) / (truth.box.y2 - truth.box.y1);
      ++count;
    }
  }
  ASSERT_GT(count, 0);
  const double width_bias = width_ratio / count - 1, height_bias = height_ratio / count - 1;
  std::printf("%d boxes: width %+.3f, height %+.3f of their truth\n", count, width_bias, height_bias);
  EXPECT_LE(std::abs(width_bias), kBoxSizeBias);
  EXPECT_LE(std::abs(height_bias), kBoxSizeBias);
}

// The language model on the same studies: its reports name more of the findings than the most frequent report
// of these very studies, and its single-choice answers beat the most frequent answer. A language model that
// stops looking at the image writes one report and gives one answer for every study, and fails both. Its
// anatomy grounding is held to copying the APM's box of the named anatomy from its prompt.
TEST(ShippedBundle, LanguageModelOnGeneratedStudies) {
  const fs::path data = env_path("ANATOMIX_EVAL_TEST_DATA");
  const fs::path studies = data / "shipped_studies";
  ASSERT_TRUE(fs::exists(studies / "index.json")) << "fixture eval.fixture.shipped_studies did not run";
  const fs::path out = data / "runs" / "shipped_language";
  fs::remove_all(out);
  ASSERT_EQ(cli::run_eval({"--model", env_path("ANATOMIX_SHIPPED_BUNDLE").string(), "--data", studies.string(),
                           "--baseline", studies.string(), "--tasks",
                           "report_generation,classification,anatomy_grounding", "--out",
                           out.string(), "--threads", "2"}),
            cli::kOk);
  auto rows = metrics_by_row(out / "results.json");
  const double report_f1 = number(rows["Report generation"], "CheXpert-14 F1 (micro)");
  const double frequent_report_f1 =
      number(rows["  baseline: the most frequent training report"], "CheXpert-14 F1 (micro)");
  EXPECT_GE(report_f1, kReportF1);
  EXPECT_GE(report_f1 - frequent_report_f1, kReportF1MarginOverFrequentReport)
      << "model " << report_f1 << ", most frequent report " << frequent_report_f1;
  const auto frequent_choice = std::find_if(rows.begin(), rows.end(), [](const auto& row) {
    return row.first.rfind("  baseline: always ", 0) == 0 && row.second.contains("choice accuracy");
  });
  ASSERT_NE(frequent_choice, rows.end()) << "no majority-answer row for the single-choice questions";
  const double choice = number(rows["Classification"], "choice accuracy");
  const double frequent = number(frequent_choice->second, "choice accuracy");
  EXPECT_GE(choice - frequent, kChoiceMarginOverFrequentAnswer) << "model " << choice << ", " << frequent_choice->first
                                                                << " " << frequent;
  // Asked where an anatomy is, it points at the line of its prompt that holds the APM's box of that anatomy, and
  // the answer's box is that box: it falls short of copying only where it names the wrong anatomy.
  const double grounding = number(rows["Anatomy grounding (LM answers)"], "IoU");
  const double copying = number(rows["  baseline: the APM's box of the named anatomy"], "IoU");
  EXPECT_GE(grounding, copying - kGroundingShortOfCopying) << "model " << grounding << ", copying " << copying;
}

TEST(ShippedBundle, RealDevelopmentRadiographs) {
  const fs::path real = env_path("ANATOMIX_REAL_DEV");
  if (!fs::exists(real / "boxes.json")) GTEST_SKIP() << "no development radiographs at " << real;
  const fs::path data = env_path("ANATOMIX_EVAL_TEST_DATA");
  const fs::path out = data / "runs" / "shipped_real";
  fs::remove_all(out);
  ASSERT_EQ(cli::run_eval({"--model", env_path("ANATOMIX_SHIPPED_BUNDLE").string(), "--real", real.string(),
                           "--baseline", (data / "shipped_studies").string(), "--out", out.string(), "--threads", "2"}),
            cli::kOk);
  auto rows = metrics_by_row(out / "real.json");
  const auto& all = rows["All labelled anatomies"];
  EXPECT_GE(number(all, "IoU"), kRealIou);
  EXPECT_GE(number(all, "IoU (mirrored)"), kRealMirroredIou);
  EXPECT_GE(number(all, "sides right"), kRealSides);
  EXPECT_GE(number(all, "sides right (mirrored)"), kRealSides);
  EXPECT_GE(number(rows["Left lung"], "IoU"), kRealLungIou);
  EXPECT_GE(number(rows["Right lung"], "IoU"), kRealLungIou);
  EXPECT_DOUBLE_EQ(number(rows["  baseline: image-side naming"], "sides right (mirrored)"), 0.0);
}

// The real films here (development films, the NIH sample) and their mirrors, read by the shipped bundle.
struct RealReading {
  fs::path film;
  bool mirror = false;  // the films are stored in standard display: on the mirror the patient's left is at the left
  std::vector<std::string> names;
  std::vector<Box> boxes;
};

// Read once for every test that looks at them.
const std::vector<RealReading>& read_real_films() {
  static const std::vector<RealReading> readings = [] {
    Engine engine;
    load_shipped_bundle(engine);
    std::vector<RealReading> films;
    for (const char* folder : {"ANATOMIX_REAL_DEV", "ANATOMIX_SAMPLES"}) {
      if (!fs::is_directory(env_path(folder))) continue;
      for (const auto& entry : fs::directory_iterator(env_path(folder))) {
        if (entry.path().extension() != ".png") continue;
        const image::Gray8Image pixels = image::to_model_input(image::decode_image(entry.path().string()));
        const image::Gray8Image flipped = image::mirrored(pixels);
        for (const bool mirror : {false, true}) {
          const image::Gray8Image& read = mirror ? flipped : pixels;
          const Analysis analysis = engine.analyse({read.pixels.data(), read.width, read.height, 0});
          RealReading reading{entry.path(), mirror, {}, {}};
          for (const AnatomyResult& anatomy : analysis.anatomies) {
            reading.names.push_back(anatomy.name);
            reading.boxes.push_back(anatomy.box);
          }
          films.push_back(std::move(reading));
        }
      }
    }
    return films;
  }();
  return readings;
}

const Box& anatomy_box(const RealReading& reading, const std::string& name) {
  const Box* box = box_named(reading.names, reading.boxes, name);
  if (!box) throw std::runtime_error("the bundle has no anatomy " + name);
  return *box;
}

// The clavicles on the real films here and their mirrors: each runs from beside the midline out past its lung
// (evaluator/nih_evaluation.h; no real film here has clavicle boxes). Recorded: no edge more than 0.046 of the
// lungs' spacing past or short; the bundle before the clavicles were trained 0.07-0.51 past or short on every
// one. Names that followed the image side would put the mirror's clavicles on the wrong side of the midline.
TEST(ShippedBundle, ClaviclesReachFromTheMidlinePastTheLungsOnRealFilms) {
  const std::vector<RealReading>& readings = read_real_films();
  if (readings.empty()) GTEST_SKIP() << "no real films";
  for (const RealReading& reading : readings) {
    const ClavicleReach reach = clavicle_reach(reading.names, reading.boxes, !reading.mirror);
    for (int side = 0; side < 2; ++side) {
      EXPECT_LE(reach.past_midline[side], kClavicleReach) << reading.film << (reading.mirror ? " mirrored" : "")
                                                          << " side " << side;
      EXPECT_LE(reach.short_of_lung[side], kClavicleReach) << reading.film << (reading.mirror ? " mirrored" : "")
                                                           << " side " << side;
    }
  }
}

// The heart sits on the diaphragm, above the costophrenic angles where the lung boxes end. Heart boxes drawn
// loosely around enlarged hearts (NIH's) run below them into the abdomen, and a model that learnt them reads
// every heart as enlarged. Recorded: the heart's lower edge on average 0.009 of the lungs' height above
// theirs over these films and mirrors (0.06-0.08 below on the cyst film, whose bases the pneumonia hides); a
// bundle that learnt NIH's loose boxes 0.095 below, below on every one.
TEST(ShippedBundle, HeartsEndAtTheDiaphragmOnRealFilms) {
  const std::vector<RealReading>& readings = read_real_films();
  if (readings.empty()) GTEST_SKIP() << "no real films";
  double below = 0;
  for (const RealReading& reading : readings) {
    const Box& heart = anatomy_box(reading, "Cardiac shadow viewed radiologically or Heart");
    const Box& right = anatomy_box(reading, "Right lung");
    const Box& left = anatomy_box(reading, "Left lung");
    const double top = std::min(right.y1, left.y1), bottom = std::max(right.y2, left.y2);
    const double film_below = (heart.y2 - bottom) / (bottom - top);
    below += film_below;
    std::printf("%s%s: heart's lower edge %.3f of the lungs' height below theirs\n", reading.film.filename().c_str(),
                reading.mirror ? " (mirrored)" : "", film_below);
  }
  EXPECT_LE(below / static_cast<double>(readings.size()), kHeartBelowLungs);
}

// The learned chest-radiograph check: generated studies it never saw and the real films here are accepted,
// drawn CT slices, lateral views, limbs, dental films, documents and patterns are refused. A check that ignores
// the image accepts all or refuses all, and fails one half.
TEST(ShippedBundle, ChestCheckAcceptsRadiographsAndRefusesOtherImages) {
  const fs::path data = env_path("ANATOMIX_EVAL_TEST_DATA");
  Engine engine;
  load_shipped_bundle(engine);
  auto check = [&](const fs::path& file) {
    const image::Gray8Image pixels = image::to_model_input(image::decode_image(file.string()));
    const Analysis analysis = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, 0});
    EXPECT_TRUE(analysis.chest_check.has_value()) << "the shipped bundle has no learned check";
    return analysis.chest_check.value_or(ChestRadiographCheck{});
  };
  auto files = [](const fs::path& folder, const std::string& extension) {
    std::vector<fs::path> found;
    if (fs::is_directory(folder))
      for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == extension) found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    return found;
  };
  std::vector<fs::path> chest = files(data / "shipped_studies", ".dcm");
  ASSERT_EQ(chest.size(), 12u) << "fixture eval.fixture.shipped_studies did not run";
  for (const char* folder : {"ANATOMIX_REAL_DEV", "ANATOMIX_SAMPLES"})
    for (const auto& film : files(env_path(folder), ".png")) chest.push_back(film);
  const std::vector<fs::path> others = files(data / "gate_negatives", ".png");
  ASSERT_EQ(others.size(), 21u) << "fixture eval.fixture.gate_negatives did not run";
  for (const auto& file : chest) {
    const ChestRadiographCheck result = check(file);
    EXPECT_FALSE(result.refused()) << file << ": " << result.probability << " below " << result.threshold;
  }
  for (const auto& file : others) {
    const ChestRadiographCheck result = check(file);
    EXPECT_TRUE(result.refused()) << file << ": " << result.probability << " not below " << result.threshold;
  }
}

}  // namespace
}  // namespace anatomix::evaluator
