// The cardiothoracic ratio from anatomy boxes (anatomix/cardiothoracic_ratio.h) against the generator's
// known ratio: from the generator's own boxes on cardiomegaly (0.55-0.70) and normal (0.39-0.49)
// cases, PA and AP, mirrored and not; and from the shipped model's boxes on generated cardiomegaly
// studies it never saw, beside a predictor that never looks at the image (the mean ratio of the set).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "anatomix/cardiothoracic_ratio.h"
#include "anatomix/engine.h"
#include "anatomix/image/model_input.h"
#include "synth/anatomy.h"
#include "synth/study_generator.h"

namespace anatomix {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> engine_names() {
  const auto& names = synth::anatomy_display_names();
  return {names.begin(), names.end()};
}

std::vector<Box> truth_boxes(const synth::Study& study) {
  std::vector<Box> boxes;
  for (const synth::Box& b : study.anatomy_boxes)
    boxes.push_back({static_cast<float>(b.x1), static_cast<float>(b.y1), static_cast<float>(b.x2), static_cast<float>(b.y2)});
  return boxes;
}

synth::Study study_with(int index, bool cardiomegaly, bool ap, bool flipped, int size = 512) {
  synth::GeneratorOptions options;
  options.seed = 4242;
  options.size = size;
  synth::CaseOverrides overrides;
  overrides.findings = cardiomegaly ? std::vector<synth::FindingKind>{synth::FindingKind::kCardiomegaly}
                                    : std::vector<synth::FindingKind>{};
  overrides.ap_view = ap;
  overrides.flipped = flipped;
  return synth::generate_study(options, index, overrides);
}

TEST(CardiothoracicRatio, CallipersFromTheGeneratorsBoxesMatchItsRatio) {
  const std::vector<std::string> names = engine_names();
  double worst = 0;
  int index = 0;
  for (bool cardiomegaly : {true, false}) {
    for (bool ap : {false, true}) {
      for (bool flipped : {false, true}) {
        for (int repeat = 0; repeat < 4; ++repeat, ++index) {
          const synth::Study study = study_with(index, cardiomegaly, ap, flipped);
          const double truth = study.thorax.options.cardiothoracic_ratio;
          const auto callipers = cardiothoracic_callipers(names, truth_boxes(study));
          ASSERT_TRUE(callipers) << study.id;
          EXPECT_NEAR(callipers->ratio(), truth, 0.03) << study.id << (ap ? " AP" : " PA") << (flipped ? " mirrored" : "");
          worst = std::max(worst, std::abs(callipers->ratio() - truth));
          // Horizontal callipers inside the image, the heart's inside the thorax's.
          EXPECT_FLOAT_EQ(callipers->cardiac.width(), truth_boxes(study)[synth::kCardiacShadow].x2 -
                                                          truth_boxes(study)[synth::kCardiacShadow].x1);
          EXPECT_LT(callipers->thoracic.x1, callipers->cardiac.x1);
          EXPECT_GT(callipers->thoracic.x2, callipers->cardiac.x2);
          if (cardiomegaly) EXPECT_GT(callipers->ratio(), 0.5) << study.id;
        }
      }
    }
  }
  std::printf("CTR from the generator's boxes: worst error %.3f over %d cases\n", worst, index);
}

TEST(CardiothoracicRatio, ThoracicCalliperSitsAtTheHigherDome) {
  const std::vector<std::string> names = {cardiac_anatomy_name(), "Left lung", "Right lung", "Left hemidiaphragm",
                                          "Right hemidiaphragm"};
  std::vector<Box> boxes = {{40, 50, 80, 90}, {60, 10, 110, 100}, {0, 12, 50, 96}, {60, 88, 110, 104}, {0, 80, 50, 100}};
  auto callipers = cardiothoracic_callipers(names, boxes);
  ASSERT_TRUE(callipers);
  EXPECT_FLOAT_EQ(callipers->thoracic.y, 80);  // the right dome is higher (smaller y)
  EXPECT_FLOAT_EQ(callipers->thoracic.x1, 0);
  EXPECT_FLOAT_EQ(callipers->thoracic.x2, 110);
  EXPECT_FLOAT_EQ(callipers->cardiac.y, 70);
  EXPECT_NEAR(callipers->ratio(), 40.0 / 110.0, 1e-6);
  // Without hemidiaphragms: where the lungs end (the shorter lung).
  callipers = cardiothoracic_callipers({names[0], names[1], names[2]}, {boxes[0], boxes[1], boxes[2]});
  ASSERT_TRUE(callipers);
  EXPECT_FLOAT_EQ(callipers->thoracic.y, 96);
  // No heart, or a thorax narrower than the heart: nothing.
  EXPECT_FALSE(cardiothoracic_callipers({names[1], names[2]}, {boxes[1], boxes[2]}));
  EXPECT_FALSE(cardiothoracic_callipers({names[0], names[1], names[2]}, {{0, 0, 120, 50}, boxes[1], boxes[2]}));
  EXPECT_DOUBLE_EQ(cardiothoracic_ratio_of(-30, 60), 0.5);  // callipers dragged right to left
  EXPECT_DOUBLE_EQ(cardiothoracic_ratio_of(30, 0), 0.0);
  EXPECT_TRUE(is_anteroposterior_view(" ap"));
  EXPECT_FALSE(is_anteroposterior_view("PA"));
}

struct RatioFigures {
  double model_error = 0, baseline_error = 0, worst = 0, mean_truth = 0;
};

// Mean absolute error of `predictions` and of the set's mean ratio (a predictor that never looks).
RatioFigures figures_of(const std::vector<double>& truths, const std::vector<double>& predictions) {
  RatioFigures f;
  for (double t : truths) f.mean_truth += t / truths.size();
  for (std::size_t i = 0; i < truths.size(); ++i) {
    f.model_error += std::abs(predictions[i] - truths[i]) / truths.size();
    f.baseline_error += std::abs(f.mean_truth - truths[i]) / truths.size();
    f.worst = std::max(f.worst, std::abs(predictions[i] - truths[i]));
  }
  return f;
}

TEST(CardiothoracicRatio, ShippedModelOnGeneratedStudiesItNeverSaw) {
  const fs::path bundle = fs::path(ANATOMIX_SOURCE_DIR) / "resources" / "models" / "anatomix-demo";
  ASSERT_TRUE(fs::exists(bundle / "config.json")) << bundle;
  Engine engine;
  LoadOptions load;
  load.bundle_dir = bundle.string();
  engine.load(load);

  const fs::path folder = fs::temp_directory_path() / ("anatomix_ctr_" + std::to_string(::getpid()));
  fs::create_directories(folder);
  // Cardiomegaly (0.55-0.70) and normal hearts (0.39-0.49), a third AP, a quarter stored mirrored.
  std::vector<double> truths[2], predictions[2];
  for (int i = 0; i < 48; ++i) {
    const bool cardiomegaly = i % 2 == 0;
    const synth::Study study = study_with(100 + i, cardiomegaly, /*ap=*/i % 3 == 0, /*flipped=*/i % 4 == 1);
    const auto [dicom, manifest] = synth::write_study(study, folder.string());
    const image::Gray8Image input = image::load_model_input(dicom);
    const Analysis analysis = engine.analyse({input.pixels.data(), input.width, input.height, input.width});
    std::vector<std::string> names;
    std::vector<Box> boxes;
    for (const AnatomyResult& anatomy : analysis.anatomies) names.push_back(anatomy.name), boxes.push_back(anatomy.box);
    const auto callipers = cardiothoracic_callipers(names, boxes);
    ASSERT_TRUE(callipers) << study.id;
    truths[cardiomegaly].push_back(study.thorax.options.cardiothoracic_ratio);
    predictions[cardiomegaly].push_back(callipers->ratio());
  }
  fs::remove_all(folder);
  std::vector<double> all_truths = truths[0], all_predictions = predictions[0];
  all_truths.insert(all_truths.end(), truths[1].begin(), truths[1].end());
  all_predictions.insert(all_predictions.end(), predictions[1].begin(), predictions[1].end());
  const RatioFigures enlarged = figures_of(truths[1], predictions[1]);
  const RatioFigures all = figures_of(all_truths, all_predictions);
  std::printf("CTR, %zu generated cardiomegaly studies: model mean |error| %.3f (worst %.3f); their mean ratio "
              "%.3f as the answer: %.3f\n",
              truths[1].size(), enlarged.model_error, enlarged.worst, enlarged.mean_truth, enlarged.baseline_error);
  std::printf("CTR, %zu generated studies (half normal): model mean |error| %.3f (worst %.3f); their mean ratio "
              "%.3f as the answer: %.3f\n",
              all_truths.size(), all.model_error, all.worst, all.mean_truth, all.baseline_error);
  int enlarged_called = 0, normal_called = 0;
  for (double p : predictions[1]) enlarged_called += p > 0.5 ? 1 : 0;
  for (double p : predictions[0]) normal_called += p <= 0.5 ? 1 : 0;
  std::printf("CTR > 0.5 on %d of %zu cardiomegaly studies, <= 0.5 on %d of %zu normal ones\n", enlarged_called,
              predictions[1].size(), normal_called, predictions[0].size());
  // Recorded with the shipped bundle: 0.024 on the cardiomegaly studies (their mean ratio: 0.033) and 0.030 on
  // all of them (mean ratio 0.082).
  EXPECT_LT(enlarged.model_error, 0.8 * enlarged.baseline_error);
  EXPECT_LT(all.model_error, 0.5 * all.baseline_error);
}

}  // namespace
}  // namespace anatomix
