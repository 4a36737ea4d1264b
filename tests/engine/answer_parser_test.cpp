// The answer parser on well-formed and malformed model text: boxes it cannot read are reported with the
// raw text kept, never dropped in silence.
#include "answer_parser.h"

#include <gtest/gtest.h>

#include <random>

namespace anatomix {
namespace {

TEST(AnswerParser, ReadsRefsAndBoxesInOrder) {
  const ParsedAnswer answer = parse_answer(
      "<ref>bilateral pleural effusions</ref><box>(120,610),(400,710)</box><ref>bilateral pleural effusions</ref>"
      "<box>(560,550),(910,715)</box>");
  ASSERT_EQ(answer.boxes.size(), 2u);
  EXPECT_EQ(answer.boxes[0].label, "bilateral pleural effusions");
  EXPECT_DOUBLE_EQ(answer.boxes[0].x1, 120);
  EXPECT_DOUBLE_EQ(answer.boxes[0].y2, 710);
  EXPECT_DOUBLE_EQ(answer.boxes[1].x1, 560);
  EXPECT_DOUBLE_EQ(answer.boxes[1].y1, 550);
  EXPECT_TRUE(answer.boxes_read());
}

TEST(AnswerParser, LabelIsTheLastRefBeforeTheBoxOrTheSpanText) {
  const ParsedAnswer anatomy =
      parse_answer("The <ref>Left lung</ref> is located at the coordinates <box>(520,170),(900,820)</box> on the image.");
  ASSERT_EQ(anatomy.boxes.size(), 1u);
  EXPECT_EQ(anatomy.boxes[0].label, "Left lung");
  EXPECT_EQ(anatomy.plain_text, "The Left lung is located at the coordinates on the image.");

  const ParsedAnswer padchest = parse_answer("The bounding box for this observation is <box>( 1, 2 ),(3,4) </box>.");
  ASSERT_EQ(padchest.boxes.size(), 1u);
  EXPECT_EQ(padchest.boxes[0].label, "The bounding box for this observation is");
  EXPECT_DOUBLE_EQ(padchest.boxes[0].y1, 2);

  const ParsedAnswer two_refs = parse_answer("<ref>a</ref> and <ref>b</ref><box>(1,2),(3,4)</box>");
  ASSERT_EQ(two_refs.boxes.size(), 1u);
  EXPECT_EQ(two_refs.boxes[0].label, "b");
}

TEST(AnswerParser, KeepsOnlyBoxesWithExactlyFourNumbers) {
  const ParsedAnswer answer = parse_answer(
      "<ref>x</ref><box>(1,2),(3)</box><ref>y</ref><box>(-5,2.5),(30,40)</box><box>(1,2,3,4,5)</box><box>no</box>");
  ASSERT_EQ(answer.boxes.size(), 1u);
  EXPECT_EQ(answer.boxes[0].label, "y");
  EXPECT_DOUBLE_EQ(answer.boxes[0].x1, -5);
  EXPECT_DOUBLE_EQ(answer.boxes[0].y1, 2.5);
}

TEST(AnswerParser, LazyMatchSpansAMalformedBoxLikeThePublishedRegex) {
  // The first <box> has no closing tag, so the published regex runs to the next ")</box>" and sees
  // six numbers: both boxes are dropped.
  const ParsedAnswer answer = parse_answer("<box>(1,2),(3,4) <box>(5,6),(7,8)</box>");
  EXPECT_TRUE(answer.boxes.empty());
  EXPECT_EQ(answer.box_problem, "2 of the answer's 2 <box> tags hold no box of four numbers.");
}

TEST(AnswerParser, UnreadableBoxesAreReportedWithTheRawText) {
  const std::string text = "The <ref>effusion</ref> is at <box>(120,610),(400)</box>. ";
  const ParsedAnswer answer = parse_answer(text);
  EXPECT_TRUE(answer.boxes.empty());
  EXPECT_FALSE(answer.boxes_read());
  EXPECT_EQ(answer.box_problem, "1 of the answer's 1 <box> tag holds no box of four numbers.");
  EXPECT_EQ(answer.plain_text, "The <ref>effusion</ref> is at <box>(120,610),(400)</box>.");

  // The boxes that were read are kept; the problem names the one that was not.
  const ParsedAnswer mixed = parse_answer("<ref>a</ref><box>(1,2),(3,4)</box><ref>b</ref><box>(5,6)</box>");
  ASSERT_EQ(mixed.boxes.size(), 1u);
  EXPECT_EQ(mixed.boxes[0].label, "a");
  EXPECT_EQ(mixed.box_problem, "1 of the answer's 2 <box> tags holds no box of four numbers.");
  EXPECT_EQ(mixed.plain_text, "<ref>a</ref><box>(1,2),(3,4)</box><ref>b</ref><box>(5,6)</box>");
}

TEST(AnswerParser, PlainAnswersHaveNoBoxes) {
  const ParsedAnswer answer = parse_answer("No abnormalities detected.");
  EXPECT_TRUE(answer.boxes.empty());
  EXPECT_EQ(answer.plain_text, "No abnormalities detected.");
  EXPECT_TRUE(answer.boxes_read());
  EXPECT_TRUE(parse_answer("").boxes.empty());
  EXPECT_TRUE(parse_answer("").boxes_read());
}

TEST(AnswerParser, NeverThrowsOnGarbage) {
  std::mt19937 random(5);
  const std::string alphabet = "<>()/,.-0123456789 refbox\n\xff\xc3";
  const std::vector<std::string> pieces{"<box>", "</box>", "<ref>", "</ref>", "(", ")", ",", "-", "12", "3.5", " "};
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    const int length = static_cast<int>(random() % 80);
    for (int i = 0; i < length; ++i)
      text += (random() % 2) ? pieces[random() % pieces.size()] : std::string(1, alphabet[random() % alphabet.size()]);
    const ParsedAnswer answer = parse_answer(text);
    for (const auto& box : answer.boxes) EXPECT_FALSE(box.label.find("<box>") != std::string::npos);
  }
  std::string long_text(200000, '(');
  long_text = "<box>" + long_text;
  EXPECT_TRUE(parse_answer(long_text).boxes.empty());
}

}  // namespace
}  // namespace anatomix
