// Smoke runs of `anatomix train apm` on the fixture's tiny study set (train_test_support.h) and its
// real all-MiniLM-L6-v2 sentence embeddings: the loss goes down, --resume continues exactly, the
// bundle part loads into the engine's own APM and vector database, errors are readable.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "anatomix/cli.h"
#include "apm/apm.h"
#include "apm/vector_db.h"
#include "bundle_config.h"
#include "lm/safetensors.h"
#include "train/apm_losses.h"
#include "train/apm_sentence_table.h"
#include "train/apm_trainer.h"
#include "train/apm_training_set.h"
#include "train/train_command.h"
#include "train_test_support.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;

ApmTrainingOptions tiny_options(const std::string& run_dir) {
  const nlohmann::json config = {
      {"image_size", 64},
      {"apm",
       {{"backbone_width", 8}, {"backbone_blocks", {1, 1, 1, 1}}, {"hidden_dim", 32}, {"heads", 2}, {"ffn_dim", 64},
        {"encoder_layers", 1}, {"decoder_layers", 2}, {"feature_heads", 2}, {"object_dim", 8}}},
      {"batch", 4}, {"lr", 1e-3}, {"warmup_steps", 2}, {"sentence_projector_hidden", 32}, {"log_every", 5},
      {"threads", 2}, {"seed", 11}};
  ApmTrainingOptions options = ApmTrainingOptions::from_json(config, "tiny test config");
  options.data_dir = test::fixture_studies_directory();
  options.val_dir = test::fixture_studies_directory();
  options.run_dir = run_dir;
  return options;
}

// loss.csv rows: step -> loss.
std::map<int, double> read_losses(const fs::path& csv) {
  std::ifstream stream(csv);
  std::string line;
  std::getline(stream, line);
  std::map<int, double> losses;
  while (std::getline(stream, line)) {
    std::stringstream fields(line);
    std::string step, lr, loss;
    std::getline(fields, step, ',');
    std::getline(fields, lr, ',');
    std::getline(fields, loss, ',');
    losses[std::stoi(step)] = std::stod(loss);
  }
  return losses;
}

// loss.csv: the values of the column `name`, one per step.
std::vector<double> loss_column(const fs::path& csv, const std::string& name) {
  std::ifstream stream(csv);
  std::string line, field;
  std::getline(stream, line);
  std::stringstream header(line);
  int column = -1;
  for (int i = 0; std::getline(header, field, ','); ++i)
    if (field == name) column = i;
  if (column < 0) throw std::runtime_error(csv.string() + " has no column " + name);
  std::vector<double> values;
  while (std::getline(stream, line)) {
    std::stringstream fields(line);
    for (int i = 0; i <= column; ++i) std::getline(fields, field, ',');
    values.push_back(std::stod(field));
  }
  return values;
}

TEST(ApmTraining, FewStepsLowerTheLossOnTinyStudies) {
  test::TempFolder run("lower");
  ApmTrainingOptions options = tiny_options(run.path().string());
  options.steps = 40;
  options.checkpoint_every = 40;
  options.validate_every = 40;
  options.augmentation.enabled = false;
  const ApmTrainingResult result = train_apm(options, false);
  EXPECT_EQ(result.last_step, 40);
  const std::map<int, double> losses = read_losses(run.path() / "loss.csv");
  ASSERT_EQ(losses.size(), 40u);
  const double first = (losses.at(1) + losses.at(2) + losses.at(3)) / 3;
  const double last = (losses.at(38) + losses.at(39) + losses.at(40)) / 3;
  EXPECT_LT(last, 0.85 * first) << "first " << first << ", last " << last;
  EXPECT_GT(result.validation_iou, 0.0);
  EXPECT_GT(result.seconds_per_step, 0.0);
  for (const char* file : {"checkpoint.safetensors", "checkpoint.json", "cache.bin", "cache_val.bin",
                           "bundle/config.json", "bundle/anatomix.safetensors", "bundle/vector_db.json",
                           "bundle/vector_db.safetensors"})
    EXPECT_TRUE(fs::exists(run.path() / file)) << file;
}

TEST(ApmTraining, ResumeContinuesExactly) {
  test::TempFolder whole("whole"), parts("parts");
  ApmTrainingOptions options = tiny_options(whole.path().string());
  options.steps = 6;
  options.checkpoint_every = 3;
  options.val_dir.clear();
  train_apm(options, false);

  ApmTrainingOptions first_part = options;
  first_part.run_dir = parts.path().string();
  first_part.until = 3;
  EXPECT_EQ(train_apm(first_part, false).last_step, 3);
  ApmTrainingOptions second_part;
  second_part.run_dir = parts.path().string();
  second_part.steps = 0;  // keep the checkpoint's
  second_part.threads = 2;
  const ApmTrainingResult resumed = train_apm(second_part, true);
  EXPECT_EQ(resumed.last_step, 6);

  const auto expected = read_losses(whole.path() / "loss.csv");
  const auto actual = read_losses(parts.path() / "loss.csv");
  ASSERT_EQ(actual.size(), 6u);
  for (int step = 1; step <= 6; ++step)
    EXPECT_NEAR(actual.at(step), expected.at(step), 1e-5 * std::abs(expected.at(step))) << "step " << step;
  const auto a = safetensors::SafetensorsFile::open((whole.path() / "checkpoint.safetensors").string());
  const auto b = safetensors::SafetensorsFile::open((parts.path() / "checkpoint.safetensors").string());
  ASSERT_EQ(a->names(), b->names());
  for (const std::string& name : a->names())
    EXPECT_TRUE(torch::allclose(a->tensor(name), b->tensor(name), 1e-5, 1e-6)) << name;
}

TEST(ApmTraining, BundlePartLoadsIntoTheEngine) {
  test::TempFolder run("bundle");
  ApmTrainingOptions options = tiny_options(run.path().string());
  options.steps = 3;
  const ApmTrainingResult result = train_apm(options, false);
  const fs::path bundle = run.path() / "bundle";

  std::ifstream stream(bundle / "config.json");
  nlohmann::json document = nlohmann::json::parse(stream);
  EXPECT_EQ(document.at("description"), "demonstration model trained on synthetic radiographs, not for clinical use");
  document["lm"] = {{"hidden_size", 64}};  // the language stages add the real one
  const BundleConfig config = BundleConfig::from_json(document, bundle.string());
  EXPECT_EQ(config.apm.image_size, 64);
  EXPECT_EQ(config.apm.object_dim, 8);
  EXPECT_EQ(config.anatomies, published_anatomy_names());

  // The engine's APM in inference mode on the trained weights reproduces the trainer's validation IoU.
  const auto weights = safetensors::SafetensorsFile::open((bundle / "anatomix.safetensors").string());
  const apm::Apm model(config.apm, [&](const std::string& name) { return weights->tensor(name); }, c10::Device(c10::kCPU));
  const std::vector<StudyTruth> studies = load_study_set(options.val_dir);
  const ApmTrainingSet set = prepare_apm_training_set(studies, 64, nullptr, (run.path() / "cache_val.bin").string(), 1);
  const apm::ApmOutput out = model.forward(set.pixels.unsqueeze(1).to(torch::kFloat32) / 255.0);
  const double iou = paired_iou(cxcywh_to_xyxy(out.boxes), cxcywh_to_xyxy(set.boxes)).mean().item<double>();
  EXPECT_NEAR(iou, result.validation_iou, 1e-4);

  const apm::VectorDatabase database =
      apm::VectorDatabase::load((bundle / "vector_db.json").string(), (bundle / "vector_db.safetensors").string(),
                                published_anatomy_names(), 8);
  EXPECT_EQ(database.anatomy_count(), 36);
  std::set<std::string> left_lung;
  for (const StudyTruth& study : load_study_set(options.data_dir)) left_lung.insert(study.objects[11].sentence);
  EXPECT_EQ(database.sentences(11), std::vector<std::string>(left_lung.begin(), left_lung.end()));
  const auto matches = database.search(out.objects[0], 1);
  ASSERT_EQ(matches.size(), 36u);
  EXPECT_EQ(database.sentences(11).at(static_cast<size_t>(matches[11][0].sentence)).rfind("Left lung", 0), 0u);
}

// Fine-tuning from a bundle with the side loss on unlabelled films (the fixture's DICOM files stand in
// for real ones): init_from loads every APM tensor, the real batch joins each step, the loss is logged.
TEST(ApmTraining, InitFromABundleAndTheSideLossOnUnlabelledFilms) {
  test::TempFolder first("init_first"), second("init_second");
  ApmTrainingOptions options = tiny_options(first.path().string());
  options.steps = 2;
  train_apm(options, false);
  ApmTrainingOptions tuned = tiny_options(second.path().string());
  tuned.steps = 2;
  tuned.init_from = (first.path() / "bundle").string();
  tuned.real_images = test::fixture_studies_directory();  // its .json files are passed over
  tuned.real_batch = 2;
  tuned.loss_weights.real_sides = 1.0;
  const ApmTrainingResult result = train_apm(tuned, false);
  EXPECT_TRUE(std::isfinite(result.last_loss));
  EXPECT_EQ(read_losses(second.path() / "loss.csv").size(), 2u);
  EXPECT_EQ(loss_column(second.path() / "loss.csv", "real_mirror_consistency"), std::vector<double>(2, 0.0));
  EXPECT_EQ(loss_column(second.path() / "loss.csv", "real_clavicle_reach"), std::vector<double>(2, 0.0));

  // With the mirror consistency each film's mirror is read too; a barely trained model is not yet equivariant.
  test::TempFolder third("init_mirror");
  ApmTrainingOptions mirrored = tuned;
  mirrored.run_dir = third.path().string();
  mirrored.loss_weights.real_mirror_consistency = 1.0;
  mirrored.loss_weights.real_clavicle_reach = 1.0;
  EXPECT_TRUE(std::isfinite(train_apm(mirrored, false).last_loss));
  const std::vector<double> consistency = loss_column(third.path() / "loss.csv", "real_mirror_consistency");
  ASSERT_EQ(consistency.size(), 2u);
  EXPECT_GT(consistency[0], 0.0);
  for (double reach : loss_column(third.path() / "loss.csv", "real_clavicle_reach"))
    EXPECT_TRUE(std::isfinite(reach) && reach >= 0);

  // Wrong shapes are named.
  ApmTrainingOptions other = tiny_options((second.path() / "other").string());
  other.model.hidden_dim = 16;
  other.model.ffn_dim = 32;
  other.init_from = (first.path() / "bundle").string();
  try {
    train_apm(other, false);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("init_from"), std::string::npos) << error.what();
  }
}

// Real films with boxes of some anatomies (the fixture's DICOM files stand in for real ones, a boxes.json
// with their true lungs): the targets are those boxes in the model square, marked as known, and nothing else;
// a step learns from them (the real_boxes column of loss.csv) and an unknown name is an error naming it.
TEST(ApmTraining, RealFilmsLearnFromTheBoxesTheyHave) {
  test::TempFolder films("real_boxes_films"), run("real_boxes_run");
  nlohmann::json boxes = {{"_note", "generated studies standing in for real films"}};
  const std::vector<StudyTruth> studies = load_study_set(test::fixture_studies_directory());
  for (const StudyTruth& study : studies) {
    const fs::path dicom = study.dicom_path;
    fs::copy_file(dicom, films.path() / dicom.filename());
    const Box& left = study.objects[11].box;
    boxes[dicom.filename().string()] = {{"size", {study.width, study.height}}, {"Left lung", {left.x1, left.y1, left.x2, left.y2}}};
  }
  std::ofstream(films.path() / "boxes.json") << boxes.dump();
  ASSERT_EQ(published_anatomy_names()[11], "Left lung");

  const ApmTrainingSet real = real_film_set(films.path().string(), (films.path() / "boxes.json").string(), 64);
  const ApmTrainingSet truth = prepare_apm_training_set(studies, 64, nullptr, (run.path() / "cache.bin").string(), 1);
  ASSERT_EQ(real.count, truth.count);
  EXPECT_EQ(real.box_mask.sum().item<int64_t>(), real.count);  // one known box per film
  EXPECT_TRUE(real.box_mask.select(1, 11).all().item<bool>());
  EXPECT_TRUE(torch::allclose(real.boxes.select(1, 11), truth.boxes.select(1, 11), 1e-6, 1e-6));
  EXPECT_TRUE(torch::equal(real.pixels, truth.pixels));

  ApmTrainingOptions options = tiny_options(run.path().string());
  options.steps = 2;
  options.real_images = films.path().string();
  options.real_boxes = (films.path() / "boxes.json").string();
  options.real_batch = 2;
  options.loss_weights.real_boxes = 1.0;
  EXPECT_TRUE(std::isfinite(train_apm(options, false).last_loss));
  const std::vector<double> real_boxes = loss_column(run.path() / "loss.csv", "real_boxes");
  ASSERT_EQ(real_boxes.size(), 2u);
  for (double value : real_boxes) EXPECT_GT(value, 0.0);

  boxes[boxes.begin().key() == "_note" ? std::next(boxes.begin()).key() : boxes.begin().key()]["Spleen"] = {1, 1, 5, 5};
  std::ofstream(films.path() / "boxes.json") << boxes.dump();
  try {
    real_film_set(films.path().string(), (films.path() / "boxes.json").string(), 64);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("\"Spleen\" is not an anatomy of the model"), std::string::npos)
        << error.what();
  }
}

// Real films with NIH's labels (a files.tsv naming the fixture's DICOM files): the head labels NIH's findings
// tell are targets, marked as known; the others (fracture, support devices, ...) stay unknown; rows of another
// split are not read; a step learns from them (the real_labels column of loss.csv).
TEST(ApmTraining, RealFilmsLearnFromTheImageLabelsTheyHave) {
  test::TempFolder films("real_labels_films"), run("real_labels_run");
  const std::vector<StudyTruth> studies = load_study_set(test::fixture_studies_directory());
  ASSERT_GE(studies.size(), 3u);
  std::ofstream tsv(films.path() / "files.tsv");
  tsv << "file\tsha256\tpatient\tsplit\tview\tlabels\n";
  for (std::size_t i = 0; i < studies.size(); ++i) {
    const fs::path dicom = studies[i].dicom_path;
    fs::copy_file(dicom, films.path() / dicom.filename());
    const char* labels = i == 0 ? "Cardiomegaly|Mass" : i == 1 ? "No Finding" : "Effusion";
    tsv << dicom.filename().string() << "\t-\t" << i << "\t" << (i == 2 ? "choose" : "adapt") << "\tPA\t" << labels
        << "\n";
  }
  tsv.close();
  const std::vector<std::string>& head = chexpert_labels();
  const auto column = [&](const std::string& label) {
    return static_cast<int64_t>(std::find(head.begin(), head.end(), label) - head.begin());
  };
  const ApmTrainingSet real = real_film_set(films.path().string(), "", 64, (films.path() / "files.tsv").string(), "adapt");
  ASSERT_TRUE(real.label_mask.defined());
  // Files come in name order; find each film's row.
  std::map<std::string, int64_t> row;
  int64_t r = 0;
  for (const auto& entry : std::set<fs::path>{fs::directory_iterator(films.path()), fs::directory_iterator()})
    if (entry.extension() != ".tsv") row[entry.filename().string()] = r++;
  const int64_t first = row.at(fs::path(studies[0].dicom_path).filename().string());
  const int64_t second = row.at(fs::path(studies[1].dicom_path).filename().string());
  const int64_t third = row.at(fs::path(studies[2].dicom_path).filename().string());
  EXPECT_EQ(real.labels[first][column("Cardiomegaly")].item<float>(), 1.0f);
  EXPECT_EQ(real.labels[first][column("Lung Lesion")].item<float>(), 1.0f);
  EXPECT_EQ(real.labels[first][column("No Finding")].item<float>(), 0.0f);
  EXPECT_TRUE(real.label_mask[first][column("No Finding")].item<bool>());
  EXPECT_FALSE(real.label_mask[first][column("Support Devices")].item<bool>());
  EXPECT_FALSE(real.label_mask[first][column("Fracture")].item<bool>());
  EXPECT_EQ(real.labels[second][column("No Finding")].item<float>(), 1.0f);
  EXPECT_EQ(real.labels[second][column("Pleural Effusion")].item<float>(), 0.0f);
  EXPECT_EQ(real.label_mask[first].sum().item<int64_t>(), 10);
  EXPECT_FALSE(real.label_mask[third].any().item<bool>());  // a "choose" row
  EXPECT_EQ(real.labels[third].sum().item<float>(), 0.0f);

  ApmTrainingOptions options = tiny_options(run.path().string());
  options.steps = 2;
  options.real_images = films.path().string();
  options.real_labels = (films.path() / "files.tsv").string();
  options.real_batch = 4;
  options.loss_weights.real_labels = 1.0;
  EXPECT_TRUE(std::isfinite(train_apm(options, false).last_loss));
  const std::vector<double> real_labels = loss_column(run.path() / "loss.csv", "real_labels");
  ASSERT_EQ(real_labels.size(), 2u);
  EXPECT_GT(real_labels[0] + real_labels[1], 0.0);

  try {
    real_film_set(films.path().string(), "", 64, (films.path() / "files.tsv").string(), "train");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("has no \"train\" row"), std::string::npos) << error.what();
  }
}

// AdaBN: only the batch-norm running statistics change; the bundle's other files come along unchanged.
TEST(ApmTraining, AdaptBatchNormChangesOnlyTheRunningStatistics) {
  test::TempFolder run("adapt_bn");
  ApmTrainingOptions options = tiny_options(run.path().string());
  options.steps = 2;
  options.backbone_batch_norm = true;
  train_apm(options, false);
  const fs::path bundle = run.path() / "bundle", adapted = run.path() / "adapted";
  ASSERT_EQ(cli::run_train_adapt_bn({"--bundle", bundle.string(), "--images", test::fixture_studies_directory(),
                                     "--out", adapted.string(), "--batch", "2", "--passes", "2"}),
            cli::kOk);
  const auto before = safetensors::SafetensorsFile::open((bundle / "anatomix.safetensors").string());
  const auto after = safetensors::SafetensorsFile::open((adapted / "anatomix.safetensors").string());
  ASSERT_EQ(before->names(), after->names());
  int statistics_changed = 0, others_changed = 0;
  for (const std::string& name : before->names()) {
    const bool same = torch::equal(before->tensor(name), after->tensor(name));
    const bool statistic = name.find("running_mean") != std::string::npos || name.find("running_var") != std::string::npos;
    (statistic ? statistics_changed : others_changed) += same ? 0 : 1;
  }
  EXPECT_GT(statistics_changed, 0);
  EXPECT_EQ(others_changed, 0);
  for (const char* file : {"config.json", "vector_db.json", "vector_db.safetensors"}) EXPECT_TRUE(fs::exists(adapted / file)) << file;
  EXPECT_EQ(cli::run_train_adapt_bn({"--bundle", bundle.string(), "--images", (run.path() / "none").string(), "--out",
                                     (run.path() / "x").string()}),
            cli::kFailure);
}

TEST(ApmTraining, TrainedBatchNormsEndAsFrozenBatchNormsWithTheirRunningStatistics) {
  test::TempFolder run("batch_norm");
  ApmTrainingOptions options = tiny_options(run.path().string());
  options.steps = 3;
  options.backbone_batch_norm = true;
  options.loss_weights.database_contrastive = 1.0;
  const ApmTrainingResult result = train_apm(options, false);
  // The sub-database term is logged and is positive at random init.
  EXPECT_GT(loss_column(run.path() / "loss.csv", "database_contrastive").back(), 0.0);
  const auto weights = safetensors::SafetensorsFile::open((run.path() / "bundle/anatomix.safetensors").string());
  const std::string bn = "vis_model.backbone.0.body.layer1.0.bn2.";
  // Running statistics followed three batches (momentum 0.1) and the affine parameters trained.
  EXPECT_GT(weights->tensor(bn + "running_mean").abs().max().item<double>(), 1e-4);
  EXPECT_GT((weights->tensor(bn + "running_var") - 1).abs().max().item<double>(), 1e-4);
  EXPECT_GT((weights->tensor(bn + "weight") - 1).abs().max().item<double>(), 1e-5);
  EXPECT_GT(weights->tensor("vis_model.backbone.0.body.layer1.0.bn3.weight").abs().max().item<double>(), 0.0);

  // The inference APM (FrozenBatchNorm2d on those statistics) reproduces the trainer's validation IoU,
  // which it measured with the running statistics too.
  std::ifstream stream(run.path() / "bundle/config.json");
  nlohmann::json document = nlohmann::json::parse(stream);
  document["lm"] = {{"hidden_size", 64}};
  const BundleConfig config = BundleConfig::from_json(document, "bundle");
  const apm::Apm model(config.apm, [&](const std::string& name) { return weights->tensor(name); }, c10::Device(c10::kCPU));
  const ApmTrainingSet set = prepare_apm_training_set(load_study_set(options.val_dir), 64, nullptr,
                                                      (run.path() / "cache_val.bin").string(), 1);
  const apm::ApmOutput out = model.forward(set.pixels.unsqueeze(1).to(torch::kFloat32) / 255.0);
  const double iou = paired_iou(cxcywh_to_xyxy(out.boxes), cxcywh_to_xyxy(set.boxes)).mean().item<double>();
  EXPECT_NEAR(iou, result.validation_iou, 1e-4);
}

TEST(ApmTraining, SentenceTableIsRealMiniLm) {
  const SentenceTable table = SentenceTable::load(test::fixture_studies_directory());
  EXPECT_EQ(table.dimension(), 384);
  const torch::Tensor norms = table.vectors().norm(2, 1);
  EXPECT_TRUE(torch::allclose(norms, torch::ones_like(norms), 1e-4, 1e-4));
  // Every mirrored sentence is there too, and a sentence is closer to its mirror than to another finding.
  const auto row = [&](const std::string& s) { return table.vectors()[table.index_of(s)]; };
  const double mirror = torch::dot(row("Left lung is healthy."), row("Right lung is healthy.")).item<double>();
  const double other = torch::dot(row("Left lung is healthy."), row("Left clavicle shows pleural effusion.")).item<double>();
  EXPECT_GT(mirror, other);
  EXPECT_THROW(table.index_of("Left lung shows a dragon."), std::runtime_error);
}

TEST(ApmTraining, ReadableErrors) {
  test::TempFolder run("errors"), data("no_embeddings");
  for (const auto& entry : fs::directory_iterator(test::fixture_studies_directory()))
    if (entry.path().filename().string().rfind("sentence_embeddings", 0) != 0)
      fs::copy(entry.path(), data.path() / entry.path().filename());
  ApmTrainingOptions options = tiny_options(run.path().string());
  options.data_dir = data.path().string();
  options.steps = 1;
  try {
    train_apm(options, false);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("sentence_embeddings.py"), std::string::npos) << error.what();
  }
  try {
    train_apm(options, true);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("checkpoint.json"), std::string::npos) << error.what();
  }
  EXPECT_THROW(ApmTrainingOptions::from_json({{"stpes", 3}}, "typo"), std::runtime_error);
  EXPECT_THROW(ApmTrainingOptions::from_json({{"image_size", 100}}, "bad size"), std::runtime_error);
  EXPECT_THROW(ApmTrainingOptions::from_json({{"apm", {{"hidden_dim", 30}, {"heads", 4}}}}, "bad heads"), std::runtime_error);
  EXPECT_THROW(ApmTrainingOptions::from_json({{"batch", "four"}}, "bad type"), std::runtime_error);
}

}  // namespace
}  // namespace anatomix::training
