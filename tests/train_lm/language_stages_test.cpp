// The language-model stages end to end on generated studies and a random APM bundle (fixtures): align then
// instruct lower the loss, resume continues exactly, the written bundle loads in the Engine and answers; and
// the pieces with hand-computed values (box rescaling, learning-rate schedule, sample draws).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <tuple>
#include <fstream>
#include <nlohmann/json.hpp>

#include "anatomix/engine.h"
#include "dataset/study_dataset.h"
#include "lm/safetensors.h"
#include "random_apm_bundle.h"
#include "test_data.h"
#include "train/lm_samples.h"
#include "train/lm_trainer.h"
#include "train/train_command.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_json(const fs::path& path) {
  std::ifstream stream(path);
  return json::parse(stream);
}

// One align run shared by the tests of the suite (a tiny LM so that every stage takes seconds).
class LanguageStages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new test::ScratchDir("stages");
    const fs::path data = test::data_dir();
    test::write_random_apm_bundle(apm_dir(), data / "train");
    std::ofstream(scratch_->path() / "lm.json") << json{{"hidden_size", 32},
                                                         {"intermediate_size", 64},
                                                         {"num_hidden_layers", 2},
                                                         {"num_attention_heads", 2},
                                                         {"num_key_value_heads", 1},
                                                         {"head_dim", 16},
                                                         {"query_pre_attn_scalar", 16},
                                                         {"sliding_window", 64}}
                                                       .dump();
    align_status_ = cli::run_train_align(
        {"--apm-bundle", apm_dir().string(), "--data", (data / "train").string(), "--out", align_dir().string(),
         "--vocab", (data / "tokenizer.model").string(), "--lm-config", (scratch_->path() / "lm.json").string(),
         "--steps", "3", "--batch", "1", "--lr", "3e-3", "--warmup", "1", "--log-every", "3", "--threads", "1"});
  }
  static void TearDownTestSuite() { delete scratch_; }
  void SetUp() override { ASSERT_EQ(align_status_, 0) << "the shared align run failed"; }

  static fs::path align_dir() { return scratch_->path() / "align"; }
  static fs::path apm_dir() { return scratch_->path() / "apm"; }
  static std::vector<std::string> instruct_args(const fs::path& out, const std::string& steps) {
    return {"--from", align_dir().string(), "--data", (test::data_dir() / "train").string(), "--out", out.string(),
            "--steps", steps, "--batch", "1", "--warmup", "1", "--threads", "1", "--seed", "3"};
  }

  static inline test::ScratchDir* scratch_ = nullptr;
  static inline int align_status_ = -1;
};

TEST_F(LanguageStages, AlignWritesItsRunAndReusableFeatures) {
  const json run = read_json(align_dir() / "run.json");
  EXPECT_EQ(run.at("stage"), "align");
  EXPECT_EQ(run.at("steps"), 3);
  EXPECT_GT(run.at("mean_tokens_per_example").get<double>(), 36 * 10);  // 4 image tokens + 36 object lines + task
  for (const char* file : {"apm_features.safetensors", "align_loss.csv", "final/lm.safetensors",
                           "final/projectors.safetensors", "align_checkpoint/optimizer.pt", "tokenizer.model",
                           "bundle/config.json"})
    EXPECT_TRUE(fs::exists(align_dir() / file)) << file;
  const auto cache = safetensors::SafetensorsFile::open((align_dir() / "apm_features.safetensors").string());
  EXPECT_EQ(cache->info("memory").shape, (std::vector<int64_t>{8, 2, 4, 32}));  // 8 studies, standard + mirrored
  EXPECT_EQ(cache->info("objects").shape, (std::vector<int64_t>{8, 2, 36, 16}));
}

TEST_F(LanguageStages, InstructLowersTheLossAndWritesABundleTheEngineAnswersWith) {
  const fs::path out = scratch_->path() / "instruct";
  auto args = instruct_args(out, "16");
  const std::string validation = (test::data_dir() / "val").string();
  args.insert(args.end(), {"--lr", "2e-2", "--log-every", "4", "--val", validation, "--val-examples", "1"});
  ASSERT_EQ(cli::run_train_instruct(args), 0);
  const json run = read_json(out / "run.json");
  EXPECT_LT(run.at("last_loss").get<double>(), run.at("first_loss").get<double>() - 0.3) << run.dump();
  // Each step trains every task sample of its study on one shared prompt prefix.
  EXPECT_GT(run.at("examples").get<int64_t>(), 16 * 3) << run.dump();

  const json config = read_json(out / "bundle" / "config.json");
  EXPECT_EQ(config.at("description"), "demonstration model trained on synthetic radiographs, not for clinical use");
  EXPECT_EQ(config.at("tokens").at("<image>"), 9);
  EXPECT_EQ(config.at("lm").at("vocab_size"), 512);

  Engine engine;
  LoadOptions load;
  load.bundle_dir = (out / "bundle").string();
  engine.load(load);
  const auto studies = load_study_set((test::data_dir() / "val").string(), 1);
  const auto pixels = load_model_pixels(studies.at(0));
  const Analysis analysis = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, 0});
  ASSERT_EQ(analysis.anatomies.size(), 36u);
  AskRequest request;
  request.task = Task::ReportGeneration;
  request.max_new_tokens = 12;
  AskSession session(analysis);
  const Answer report = engine.ask(session, request);
  EXPECT_GT(report.prompt_tokens, 36 * 10);
  EXPECT_EQ(report.reused_prompt_tokens, 0);
  EXPECT_LE(report.generated_tokens, 12);
  // A follow-up question in the session prefills only what differs from the previous prompt; asking again
  // answers the same.
  const Answer again = engine.ask(session, request);
  EXPECT_EQ(again.reused_prompt_tokens, again.prompt_tokens - 1);
  EXPECT_EQ(again.text, report.text);
  request.task = Task::PhraseGrounding;
  request.text = "left pleural effusion";
  const Answer grounding = engine.ask(session, request);
  EXPECT_GT(grounding.reused_prompt_tokens, 36 * 10);
  EXPECT_LT(grounding.reused_prompt_tokens, grounding.prompt_tokens);
}

TEST_F(LanguageStages, ResumeContinuesExactlyWhereTheRunStopped) {
  const fs::path whole = scratch_->path() / "whole", split = scratch_->path() / "split";
  ASSERT_EQ(cli::run_train_instruct(instruct_args(whole, "3")), 0);
  auto first = instruct_args(split, "3");
  first.insert(first.end(), {"--stop-at", "1"});
  ASSERT_EQ(cli::run_train_instruct(first), 0);
  EXPECT_EQ(read_json(split / "instruct_checkpoint" / "state.json").at("step"), 1);
  auto second = instruct_args(split, "3");
  second.emplace_back("--resume");
  ASSERT_EQ(cli::run_train_instruct(second), 0);

  const auto a = safetensors::SafetensorsFile::open((whole / "final" / "lm.safetensors").string());
  const auto b = safetensors::SafetensorsFile::open((split / "final" / "lm.safetensors").string());
  ASSERT_EQ(a->names(), b->names());
  for (const auto& name : a->names())
    EXPECT_TRUE(torch::equal(a->tensor(name), b->tensor(name))) << name;
}

TEST_F(LanguageStages, AlignCanStartFromABundlesLanguageModel) {
  // A new APM (here the same one) under the align run's trained language model and projectors: at a learning
  // rate of 1e-8 one step leaves them as the bundle holds them, and the vocabulary is the bundle's.
  const fs::path out = scratch_->path() / "init";
  const fs::path bundle = align_dir() / "bundle";
  ASSERT_EQ(cli::run_train_align({"--apm-bundle", apm_dir().string(), "--data", (test::data_dir() / "train").string(),
                                  "--out", out.string(), "--init-from", bundle.string(), "--steps", "1", "--lr",
                                  "1e-8", "--warmup", "0", "--threads", "1"}),
            0);
  const auto before = safetensors::SafetensorsFile::open((bundle / "lm.safetensors").string());
  const auto after = safetensors::SafetensorsFile::open((out / "final" / "lm.safetensors").string());
  ASSERT_EQ(before->names(), after->names());
  for (const auto& name : before->names())
    EXPECT_TRUE(torch::allclose(before->tensor(name), after->tensor(name), 1e-5, 1e-6)) << name;
  EXPECT_EQ(read_json(out / "run.json").at("lm"), read_json(bundle / "config.json").at("lm"));
  // Its vocabulary goes with it; a second one is refused, as is a bundle without a language model.
  EXPECT_EQ(cli::run_train_align({"--apm-bundle", apm_dir().string(), "--data", (test::data_dir() / "train").string(),
                                  "--out", out.string(), "--init-from", bundle.string(), "--vocab",
                                  (test::data_dir() / "tokenizer.model").string()}),
            1);
  EXPECT_EQ(cli::run_train_align({"--apm-bundle", apm_dir().string(), "--data", (test::data_dir() / "train").string(),
                                  "--out", out.string(), "--init-from", apm_dir().string()}),
            1);
}

TEST_F(LanguageStages, TheApmBundlesChestCheckGoesIntoTheBundle) {
  // An APM bundle with a learned chest-radiograph check (as `anatomix train gate` leaves it): the bundle the
  // language stages write carries the check's file, and the engine loads and runs it.
  const fs::path gated = scratch_->path() / "gated_apm";
  fs::copy(apm_dir(), gated, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  json config = read_json(gated / "config.json");
  const int64_t width = 2 * config.at("apm").at("hidden_dim").get<int64_t>();
  safetensors::write_safetensors((gated / "gate_weights.safetensors").string(),
                                 {{"chest_gate.weight", torch::zeros({1, width})}, {"chest_gate.bias", torch::ones({1})}},
                                 {});
  config["chest_gate"] = {{"file", "gate_weights.safetensors"}, {"threshold", 0.5}};
  std::ofstream(gated / "config.json") << config.dump(2);
  const fs::path out = scratch_->path() / "gated";
  ASSERT_EQ(cli::run_train_align({"--apm-bundle", gated.string(), "--data", (test::data_dir() / "train").string(),
                                  "--out", out.string(), "--init-from", (align_dir() / "bundle").string(), "--steps",
                                  "1", "--warmup", "0", "--threads", "1"}),
            0);
  EXPECT_EQ(read_json(out / "bundle" / "config.json").at("chest_gate").at("file"), "chest_gate.safetensors");
  Engine engine;
  LoadOptions load;
  load.bundle_dir = (out / "bundle").string();
  ASSERT_NO_THROW(engine.load(load));
  const auto studies = load_study_set((test::data_dir() / "val").string(), 1);
  const auto pixels = load_model_pixels(studies.at(0));
  const Analysis analysis = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, 0});
  ASSERT_TRUE(analysis.chest_check.has_value());
  EXPECT_NEAR(analysis.chest_check->probability, 1.0 / (1.0 + std::exp(-1.0)), 1e-5);  // sigmoid(0 . x + 1)
}

TEST_F(LanguageStages, BadArgumentsAndInputsAreReportedNotCrashed) {
  EXPECT_EQ(cli::run_train_align({"--data", "x"}), 2);                      // --apm-bundle and --out missing
  EXPECT_EQ(cli::run_train_align({"--apm-bundle", "a", "--data", "b", "--out", "c", "--steps", "-3"}), 2);
  EXPECT_EQ(cli::run_train_instruct({"--from", "a", "--data", "b", "--out", "c", "--bogus", "1"}), 2);
  const fs::path out = scratch_->path() / "bad";
  EXPECT_EQ(cli::run_train_instruct({"--from", (scratch_->path() / "no-such-run").string(), "--data",
                                     (test::data_dir() / "train").string(), "--out", out.string()}),
            1);
  std::ofstream(scratch_->path() / "broken.model") << "not a tokenizer";
  EXPECT_EQ(cli::run_train_align({"--apm-bundle", apm_dir().string(), "--data",
                                  (test::data_dir() / "train").string(), "--out", out.string(), "--vocab",
                                  (scratch_->path() / "broken.model").string()}),
            1);
}

TEST(LanguageStagePieces, BoxesMoveFromThe1024GridToTheModelSquare) {
  EXPECT_EQ(rescale_boxes("The <ref>Left lung</ref> is at <box>(1024,512),(0,3)</box>.", 256),
            "The <ref>Left lung</ref> is at <box>(256,128),(0,1)</box>.");
  EXPECT_EQ(rescale_boxes("<box>(10,20),(30,40)</box><box>(100,200),(300,400)</box>", 1024),
            "<box>(10,20),(30,40)</box><box>(100,200),(300,400)</box>");
  EXPECT_EQ(rescale_boxes("no boxes (1,2),(3,4)", 256), "no boxes (1,2),(3,4)");
}

TEST(LanguageStagePieces, AnatomyAnswersPointAtTheNamedAnatomysLine) {
  const std::vector<std::string> anatomies{"Left lung", "Cardiac shadow viewed radiologically or Heart",
                                           "Right costodiaphragmatic recess", "Trachea and Main Bronchus"};
  EXPECT_EQ(with_anatomy_tokens("The <ref>left lung</ref> is at <box>(1,2),(3,4)</box> on the X-ray.", anatomies),
            "The <ref>left lung</ref> is at <obj_0> on the X-ray.");
  EXPECT_EQ(with_anatomy_tokens("<ref>Cardiac shadow viewed radiologically;;Heart</ref> at <box>(1,2),(3,4)</box>, "
                                "<ref>right costophrenic sulcus;;Right costodiaphragmatic recess</ref> at "
                                "<box>(5,6),(7,8)</box>, <ref>Trachea&&Main Bronchus</ref> <box>(0,0),(9,9)</box>",
                                anatomies),
            "<ref>Cardiac shadow viewed radiologically;;Heart</ref> at <obj_1>, "
            "<ref>right costophrenic sulcus;;Right costodiaphragmatic recess</ref> at <obj_2>, "
            "<ref>Trachea&&Main Bronchus</ref> <obj_3>");
  // A finding's box, a box without a name before it and an unfinished tag stay as written.
  EXPECT_EQ(with_anatomy_tokens("<ref>Pleural effusion</ref> <box>(1,2),(3,4)</box>", anatomies),
            "<ref>Pleural effusion</ref> <box>(1,2),(3,4)</box>");
  EXPECT_EQ(with_anatomy_tokens("<ref>Left lung</ref> <box>(1,2),(3,4)</box> and <box>(5,6),(7,8)</box>", anatomies),
            "<ref>Left lung</ref> <obj_0> and <box>(5,6),(7,8)</box>");
  EXPECT_EQ(with_anatomy_tokens("<ref>Left lung</ref> <box>(1,2),(3,4)", anatomies),
            "<ref>Left lung</ref> <box>(1,2),(3,4)");
  EXPECT_EQ(anatomy_index("right costophrenic sulcus;;Right costodiaphragmatic recess", anatomies), 2);
  EXPECT_EQ(anatomy_index("LEFT LUNG", anatomies), 0);
  EXPECT_EQ(anatomy_index("cardiac shadow viewed radiologically or heart", anatomies), 1);
  EXPECT_EQ(anatomy_index("Left clavicle", anatomies), -1);
}

TEST(LanguageStagePieces, WarmUpThenCosineToTheFloor) {
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(0, 110, 10, 1.0, 0.1), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(9, 110, 10, 1.0, 0.1), 1.0);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(10, 110, 10, 1.0, 0.1), 1.0);
  EXPECT_NEAR(scheduled_learning_rate(60, 110, 10, 1.0, 0.1), 0.55, 1e-12);  // half way: cosine 0.5
  EXPECT_NEAR(scheduled_learning_rate(110, 110, 10, 1.0, 0.1), 0.1, 1e-12);
}

TEST(LanguageStagePieces, StudyDrawsDependOnlyOnSeedStepAndSlot) {
  const auto studies = load_study_set((test::data_dir() / "train").string());
  const std::vector<StudyTruth>& standard = studies;
  auto key = [](const StudyDraw& draw) {
    std::vector<size_t> key{draw.study, draw.mirrored ? 1u : 0u};
    for (const TaskDraw& task : draw.tasks) key.insert(key.end(), {task.task, task.instruction, task.answer});
    return key;
  };
  int mirrored = 0, differing = 0;
  for (int step = 0; step < 50; ++step) {
    const StudyDraw a = draw_study(standard, {}, 9, step, 0, 0.5);
    EXPECT_EQ(key(a), key(draw_study(standard, {}, 9, step, 0, 0.5)));
    // Every task sample of the study, each with a phrasing it has.
    const StudyTruth& study = standard[a.study];
    ASSERT_EQ(a.tasks.size(), study.tasks.size());
    for (size_t i = 0; i < a.tasks.size(); ++i) {
      EXPECT_EQ(a.tasks[i].task, i);
      EXPECT_LT(a.tasks[i].instruction, study.tasks[i].instructions.size());
      EXPECT_LT(a.tasks[i].answer, study.tasks[i].answers.size());
    }
    const StudyDraw c = draw_study(standard, {"report_generation"}, 9, step, 1, 0.5);
    ASSERT_EQ(c.tasks.size(), 1u);
    EXPECT_EQ(standard[c.study].tasks[c.tasks[0].task].task, "report_generation");
    differing += a.study != c.study;
    mirrored += a.mirrored;
  }
  EXPECT_GT(differing, 25);
  EXPECT_GT(mirrored, 10);
  EXPECT_LT(mirrored, 40);
  EXPECT_THROW(draw_study(standard, {"no_such_task"}, 9, 0, 0, 0.5), std::runtime_error);
}

}  // namespace
}  // namespace anatomix::training
