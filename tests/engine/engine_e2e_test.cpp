// The whole engine on a bundle with a random APM and the real Gemma 3 270M (engine.fixture.bundle):
// load, analyse, ask with streaming, cancellation, parsing, and readable request errors; sessions of one
// analysis on two threads at once.
#include "anatomix/engine.h"
#include "answer_parser.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <thread>

namespace anatomix {
namespace {

class EngineEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = (std::filesystem::path(test::data_dir()) / "bundle_small").string();
    ASSERT_TRUE(std::filesystem::exists(dir + "/config.json")) << dir << ": the engine.fixture.bundle test makes it";
    engine_ = new Engine();
    LoadOptions options;
    options.bundle_dir = dir;
    std::vector<float> progress;
    options.progress = [&](float fraction, const std::string&) {
      progress.push_back(fraction);
      return true;
    };
    engine_->load(options);
    ASSERT_FALSE(progress.empty());
    EXPECT_FLOAT_EQ(progress.back(), 1.f);
    // A portrait image (odd padding difference) with a bright "body" on a dark background.
    image_.assign(static_cast<size_t>(kWidth) * kHeight, 0);
    for (int y = 0; y < kHeight; ++y)
      for (int x = 0; x < kWidth; ++x)
        image_[static_cast<size_t>(y) * kWidth + x] = static_cast<std::uint8_t>(
            (x > 40 && x < 260 && y > 30 && y < 380) ? 120 + (x * 7 + y * 3) % 100 : (x + y) % 20);
    analysis_ = new Analysis(engine_->analyse({image_.data(), kWidth, kHeight, kWidth}, 3));
    // The suite's questions form one conversation, so that each prefills only what its prompt adds.
    session_ = new AskSession(*analysis_);
  }
  static void TearDownTestSuite() {
    delete session_;
    delete analysis_;
    delete engine_;
  }

  static constexpr int kWidth = 301, kHeight = 410;
  static Engine* engine_;
  static Analysis* analysis_;
  static AskSession* session_;
  static std::vector<std::uint8_t> image_;
};

Engine* EngineEndToEnd::engine_ = nullptr;
Analysis* EngineEndToEnd::analysis_ = nullptr;
AskSession* EngineEndToEnd::session_ = nullptr;
std::vector<std::uint8_t> EngineEndToEnd::image_;

TEST_F(EngineEndToEnd, AnalysisHasEveryAnatomyWithSentenceAndBox) {
  const BundleInfo info = engine_->info();
  EXPECT_EQ(info.num_anatomies, 36);
  EXPECT_EQ(info.device, "cpu");
  ASSERT_EQ(analysis_->anatomies.size(), 36u);
  const auto names = engine_->anatomy_names();
  for (const auto& anatomy : analysis_->anatomies) {
    EXPECT_EQ(anatomy.name, names[static_cast<size_t>(anatomy.index)]);
    EXPECT_EQ(anatomy.sentence.rfind(anatomy.name + " ", 0), 0u) << anatomy.sentence;
    EXPECT_TRUE(std::isfinite(anatomy.box.x1) && std::isfinite(anatomy.box.y2));
    ASSERT_EQ(anatomy.alternatives.size(), 3u);
    EXPECT_EQ(anatomy.alternatives[0].first, anatomy.sentence);
    EXPECT_EQ(anatomy.abnormal, anatomy.sentence.find("is healthy.") == std::string::npos);
  }
  EXPECT_EQ(analysis_->labels.size(), 14u);
  EXPECT_EQ(analysis_->image_width, kWidth);
}

TEST_F(EngineEndToEnd, AskStreamsTokensAndParsesTheAnswer) {
  AskRequest request;
  request.task = Task::PhraseGrounding;
  request.text = "left pleural effusion";
  request.max_new_tokens = 12;
  std::string streamed;
  int pieces = 0;
  request.on_text = [&](const std::string& text) {
    streamed += text;
    ++pieces;
  };
  const Answer answer = engine_->ask(*session_, request);
  EXPECT_EQ(answer.prompt_instruction, "Please locate the following phrase: left pleural effusion");
  EXPECT_GT(answer.generated_tokens, 0);
  EXPECT_LE(answer.generated_tokens, 12);
  EXPECT_GT(pieces, 0);
  EXPECT_GT(answer.prompt_tokens, 16 + 36 * 10);  // image tokens + 36 context lines
  EXPECT_FALSE(answer.text.empty());
  EXPECT_NE(streamed.find(answer.text), std::string::npos) << "streamed: " << streamed << "\nanswer: " << answer.text;
  EXPECT_EQ(answer.grounded.size(), parse_answer(answer.text).boxes.size());
  std::printf("answer (%d prompt tokens, %.2f s prefill): %s\n", answer.prompt_tokens, answer.prefill_seconds,
              answer.text.c_str());
}

TEST_F(EngineEndToEnd, ClosedQuestionsAreAnsweredWithAnOfferedOption) {
  // An untrained model writes free text; with options offered the answer must be one of them, in the form
  // the question asks for (whole option, or its label alone).
  AskRequest request;
  request.task = Task::ClosedVqa;
  request.text = "Is there any evidence of pleural effusion in the left lung? Options:\n(x) yes\n(q) no";
  request.max_new_tokens = 8;
  std::string streamed;
  request.on_text = [&](const std::string& text) { streamed += text; };
  const Answer whole = engine_->ask(*session_, request);
  EXPECT_TRUE(whole.text == "(x) yes" || whole.text == "(q) no") << whole.text;
  EXPECT_EQ(streamed, whole.text);
  EXPECT_GT(whole.generated_tokens, 0);
  request.text += "\nAnswer with the option\u2019s letter/number from the given choices directly.";
  const Answer label = engine_->ask(*session_, request);
  EXPECT_TRUE(label.text == "(x)" || label.text == "(q)") << label.text;
  // The letter-only request is not put to the model: it scores the same option lines after the same question,
  // so the letter is the one of the whole option it chose.
  EXPECT_EQ(label.text, whole.text.substr(0, 3));
  EXPECT_EQ(label.prompt_tokens, whole.prompt_tokens);
  request.greedy = false;  // sampling stays free generation
  request.seed = 3;
  EXPECT_NO_THROW(engine_->ask(*session_, request));
}

TEST_F(EngineEndToEnd, CancellationStopsGeneration) {
  std::atomic<bool> cancel{false};
  AskRequest request;
  request.task = Task::ReportGeneration;
  request.max_new_tokens = 64;
  request.cancel = &cancel;
  int pieces = 0;
  request.on_text = [&](const std::string&) {
    ++pieces;
    cancel.store(true);
  };
  EXPECT_THROW(engine_->ask(*session_, request), Cancelled);
  EXPECT_LE(pieces, 2);
}

TEST_F(EngineEndToEnd, RegionsAndBadRequestsAreChecked) {
  AskRequest request;
  request.task = Task::GroundedCaptioning;
  request.max_new_tokens = 4;
  EXPECT_THROW(engine_->ask(*session_, request), EngineError);  // no region
  request.regions = {{150, 200, 100, 300}};
  EXPECT_THROW(engine_->ask(*session_, request), EngineError);  // x2 < x1
  // The region covers the whole original image: in the square it spans the content between the pads.
  request.regions = {{0, 0, static_cast<float>(kWidth), static_cast<float>(kHeight)}};
  const Answer answer = engine_->ask(*session_, request);
  const int side = engine_->info().image_size;
  const int pad = (kHeight - kWidth) / 2;
  const int x1 = static_cast<int>(std::lround(static_cast<double>(pad) * side / (kWidth + 2 * pad)));
  EXPECT_NE(answer.prompt_instruction.find("<box>(" + std::to_string(x1) + ",0),"), std::string::npos)
      << answer.prompt_instruction;
  Analysis foreign = *analysis_;
  foreign.features.reset();
  EXPECT_THROW(engine_->ask(foreign, request), EngineError);
  request.max_new_tokens = 0;
  EXPECT_THROW(engine_->ask(*session_, request), EngineError);
}

// The prompt cache lives in the caller's session, not in the analysis: two sessions of one analysis, asked the
// same two questions on two threads at once, answer alike and each reuses only its own previous prompt.
TEST_F(EngineEndToEnd, SessionsOfOneAnalysisAreIndependentAcrossThreads) {
  AskRequest report;
  report.task = Task::ReportGeneration;
  report.max_new_tokens = 6;
  AskRequest grounding;
  grounding.task = Task::AnatomyGrounding;
  grounding.text = "Left lung";
  grounding.max_new_tokens = 6;
  auto converse = [&](std::vector<Answer>* answers) {
    AskSession session(*analysis_);
    answers->push_back(engine_->ask(session, report));
    answers->push_back(engine_->ask(session, grounding));
  };
  std::vector<Answer> first, second;
  std::thread other(converse, &second);
  converse(&first);
  other.join();
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(second.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(first[i].text, second[i].text) << "question " << i;
    EXPECT_EQ(first[i].reused_prompt_tokens, second[i].reused_prompt_tokens) << "question " << i;
  }
  EXPECT_EQ(first[0].reused_prompt_tokens, 0);
  // The follow-up shares the image, the 36 anatomy lines and "Task:" with the report prompt, not its instruction.
  EXPECT_GT(first[1].reused_prompt_tokens, 36 * 10);
  EXPECT_LT(first[1].reused_prompt_tokens, first[1].prompt_tokens);
  // A new session starts from nothing, even right after other sessions of the analysis asked the same question;
  // so does one question on its own.
  AskSession fresh(*analysis_);
  const Answer again = engine_->ask(fresh, grounding);
  EXPECT_EQ(again.reused_prompt_tokens, 0);
  EXPECT_EQ(engine_->ask(*analysis_, grounding).reused_prompt_tokens, 0);
}

}  // namespace
}  // namespace anatomix
