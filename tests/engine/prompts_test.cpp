// The prompt layout of the published AnatomiX code, byte for byte, and the nine task instructions.
#include "prompts.h"

#include <gtest/gtest.h>

namespace anatomix {
namespace {

std::string repeat(const std::string& text, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += text;
  return out;
}

PromptInputs example_inputs(int image_tokens) {
  PromptInputs inputs;
  inputs.image_tokens = image_tokens;
  for (int i = 0; i < 36; ++i) {
    inputs.object_boxes.push_back({10 * i, 20 + i, 500 + i, 900 - i});
    inputs.sentences.push_back("Object " + std::to_string(i) + (i == 11 ? " shows atelectasis." : " is healthy."));
  }
  inputs.instruction = task_instruction(Task::PhraseGrounding, "small left apical pneumothorax", {});
  return inputs;
}

TEST(Prompt, EqualsThePublishedLayoutByteForByte) {
  const PromptInputs inputs = example_inputs(1024);
  std::string lines;
  for (int i = 0; i < 36; ++i)
    lines += "emb:<emb><obj_" + std::to_string(i) + "></emb> box:<box>(" + std::to_string(10 * i) + "," +
             std::to_string(20 + i) + "),(" + std::to_string(500 + i) + "," + std::to_string(900 - i) + ")</box> " +
             inputs.sentences[static_cast<size_t>(i)] + "\n";
  const std::string expected = std::string("<bos><start_of_turn>user\n") + "\n\n" + "Image: \n\n<image_start>" +
                               repeat("<image>", 1024) + "<image_end>\n\n\nLikely findings:\n" + lines +
                               "Task: Please locate the following phrase: small left apical pneumothorax"
                               "<end_of_turn>\n<start_of_turn>model\n";
  EXPECT_EQ(build_prompt(inputs), expected);
}

TEST(Prompt, UsesTheConfiguredImageTokenCountAndSystemPrompt) {
  PromptInputs inputs = example_inputs(64);
  inputs.system_prompt = "You are a radiology assistant.";
  const std::string prompt = build_prompt(inputs);
  EXPECT_EQ(prompt.rfind("<bos><start_of_turn>user\nYou are a radiology assistant.\n\nImage: \n\n<image_start><image>", 0), 0u);
  size_t count = 0;
  for (size_t at = prompt.find("<image>"); at != std::string::npos; at = prompt.find("<image>", at + 1)) ++count;
  EXPECT_EQ(count, 64u);
}

TEST(Prompt, ReportInstructionTrailingNewlineIsTrimmedByTheTemplate) {
  PromptInputs inputs = example_inputs(4);
  inputs.instruction = task_instruction(Task::ReportGeneration, "", {});
  const std::string prompt = build_prompt(inputs);
  EXPECT_NE(prompt.find("\nTask: Generate report:<end_of_turn>\n<start_of_turn>model\n"), std::string::npos);
}

TEST(Prompt, ApmBoxesAreTruncatedTowardZeroWithoutClamping) {
  EXPECT_EQ(format_box(square_box_from_cxcywh(0.5f, 0.4f, 0.3f, 0.2f, 1024)), "(358,307),(665,512)");
  EXPECT_EQ(format_box(square_box_from_cxcywh(0.01f, 0.99f, 0.1f, 0.1f, 1024)), "(-40,962),(61,1064)");
}

TEST(Prompt, AnAnswersAnatomyTokenBecomesThatLinesBox) {
  const PromptInputs inputs = example_inputs(4);
  EXPECT_EQ(with_anatomy_boxes("The <ref>Left lung</ref> is at <obj_11> on the X-ray.", inputs.object_boxes),
            "The <ref>Left lung</ref> is at <box>(110,31),(511,889)</box> on the X-ray.");
  EXPECT_EQ(with_anatomy_boxes("<obj_0><obj_35>", inputs.object_boxes),
            "<box>(0,20),(500,900)</box><box>(350,55),(535,865)</box>");
  // Not an anatomy of the prompt, or not a token: kept as written.
  for (const char* kept : {"<obj_36>", "<obj_>", "<obj_1", "<obj_1234>", "no token", ""})
    EXPECT_EQ(with_anatomy_boxes(kept, inputs.object_boxes), kept);
  EXPECT_NE(build_prompt(inputs).find("<emb>" + anatomy_token(7) + "</emb> box:<box>(70,27),(507,893)</box>"),
            std::string::npos);
}

TEST(Prompt, EachBoxTagSaysWhichAnatomysTokenWroteIt) {
  const PromptInputs inputs = example_inputs(4);
  std::vector<int> pointed{99};
  EXPECT_EQ(with_anatomy_boxes("<ref>a</ref><box>(1,2),(3,4)</box> <ref>b</ref><obj_11> <obj_36> <ref>c</ref><obj_0>",
                               inputs.object_boxes, &pointed),
            "<ref>a</ref><box>(1,2),(3,4)</box> <ref>b</ref><box>(110,31),(511,889)</box> <obj_36> "
            "<ref>c</ref><box>(0,20),(500,900)</box>");
  EXPECT_EQ(pointed, (std::vector<int>{-1, 11, 0}));
  with_anatomy_boxes("no box", inputs.object_boxes, &pointed);
  EXPECT_TRUE(pointed.empty());
}

TEST(Prompt, TaskInstructionsUseThePublishedPhrasings) {
  const std::vector<SquareBox> regions{{640, 300, 880, 630}, {220, 350, 340, 510}};
  EXPECT_EQ(task_instruction(Task::PhraseGrounding, " left effusion ", {}),
            "Please locate the following phrase: left effusion");
  EXPECT_EQ(task_instruction(Task::AnatomyGrounding, "Left lung", {}),
            "Where is the Left lung located in this Chest X-ray?");
  // Asked by its display name, an anatomy is named as the training questions name it; its answer's box is
  // named for display again.
  EXPECT_EQ(task_instruction(Task::AnatomyGrounding, "Trachea and Main Bronchus", {}),
            "Where is the Trachea&&Main Bronchus located in this Chest X-ray?");
  EXPECT_EQ(task_instruction(Task::AnatomyGrounding, "Left costodiaphragmatic recess", {}),
            "Where is the left costophrenic sulcus;;Left costodiaphragmatic recess located in this Chest X-ray?");
  EXPECT_EQ(published_display_name("Cardiac shadow viewed radiologically;;Heart"),
            "Cardiac shadow viewed radiologically or Heart");
  EXPECT_EQ(published_display_name("small left effusion"), "small left effusion");
  // Regions sorted by (x1, y1), as in the training data.
  EXPECT_EQ(task_instruction(Task::GroundedDiagnosis, "", regions),
            "Please give the corresponding diagnosis for the following region(s): "
            "<box>(220,350),(340,510)</box><box>(640,300),(880,630)</box>");
  EXPECT_EQ(task_instruction(Task::GroundedCaptioning, "", {regions[0]}),
            "Please generate a caption for the following region(s): <box>(640,300),(880,630)</box>");
  EXPECT_EQ(task_instruction(Task::ReportGeneration, "", {}), "Generate report:");
  EXPECT_EQ(task_instruction(Task::OpenVqa, "Which organ is abnormal?", {}), "Which organ is abnormal?");
  EXPECT_EQ(task_instruction(Task::ClosedVqa, "Is there a pleural effusion?", {}),
            "Is there a pleural effusion? Options:\n(A) yes\n(B) no");
  EXPECT_EQ(task_instruction(Task::ClosedVqa, "Is it? Options:\n(7) no\n(2) yes", {}), "Is it? Options:\n(7) no\n(2) yes");
  const std::string classify = task_instruction(Task::Classification, "", {});
  EXPECT_EQ(classify.rfind("Please review the chest X-ray(s) and classify any diseases from the following list that "
                           "are present in the image. Options:\n(a) Atelectasis\n(b) Cardiomegaly\n", 0), 0u);
  EXPECT_NE(classify.find("\n(n) Support Devices\nThere may be more than one answer."), std::string::npos);
  EXPECT_EQ(task_instruction(Task::AbnormalityDetection, "", {}), "Detect abnormalities in the given image.");
}

TEST(Prompt, MissingOrReservedInputsAreReadableErrors) {
  EXPECT_THROW(task_instruction(Task::PhraseGrounding, "   ", {}), EngineError);
  EXPECT_THROW(task_instruction(Task::GroundedCaptioning, "", {}), EngineError);
  EXPECT_THROW(task_instruction(Task::OpenVqa, "", {}), EngineError);
  try {
    task_instruction(Task::OpenVqa, "what is <image> here", {});
    FAIL() << "reserved token accepted";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("<image>"), std::string::npos);
  }
}

TEST(Prompt, SingleChoiceAnswersTakeTheFormTheQuestionAsksFor) {
  EXPECT_EQ(single_choice_answers("Is it? Options:\n(O) yes\n(G) no"), (std::vector<std::string>{"(O) yes", "(G) no"}));
  EXPECT_EQ(single_choice_answers("Is it? Options:\n(24) no\n(25) yes\nAnswer with the option\u2019s letter/number "
                                  "from the given choices directly."),
            (std::vector<std::string>{"(24)", "(25)"}));
  EXPECT_EQ(single_choice_answers(task_instruction(Task::ClosedVqa, "Is there a pleural effusion?", {})),
            (std::vector<std::string>{"(A) yes", "(B) no"}));
  EXPECT_TRUE(single_choice_answers("Is there a pleural effusion?").empty());
  EXPECT_TRUE(single_choice_answers("Is it? Options:\n(A) yes").empty());  // one option is no choice
  EXPECT_TRUE(single_choice_answers(task_instruction(Task::Classification, "", {})).empty());  // several answers
  EXPECT_TRUE(single_choice_answers("Options:\nA yes\nB no").empty());
}

// The letter-only request leaves the question (both published spellings); the options stay.
TEST(Prompt, OptionLabelRequestIsTakenOutOfTheQuestion) {
  EXPECT_EQ(without_option_label_request("Is it? Options:\n(24) no\n(25) yes\nAnswer with the option\u2019s "
                                         "letter/number from the given choices directly."),
            "Is it? Options:\n(24) no\n(25) yes");
  EXPECT_EQ(without_option_label_request("Which one? Options:\n(A) Edema\n(B) Atelectasis Answer with the options\u2019 "
                                         "letter/number from the given choices directly."),
            "Which one? Options:\n(A) Edema\n(B) Atelectasis");
  EXPECT_EQ(without_option_label_request("Is it? Options:\n(O) yes\n(G) no"), "Is it? Options:\n(O) yes\n(G) no");
  EXPECT_EQ(single_choice_answers(without_option_label_request(
                "Is it? Options:\n(24) no\n(25) yes\nAnswer with the option\u2019s letter/number from the given "
                "choices directly.")),
            (std::vector<std::string>{"(24) no", "(25) yes"}));
}

TEST(Prompt, TaskNamesRoundTrip) {
  for (const char* name : {"ground", "anatomy", "diagnosis", "caption", "report", "vqa", "closed-vqa", "classify", "detect"}) {
    const auto task = task_from_name(name);
    ASSERT_TRUE(task.has_value()) << name;
    EXPECT_STREQ(task_name(*task), name);
  }
  EXPECT_FALSE(task_from_name("summarise").has_value());
}

}  // namespace
}  // namespace anatomix
