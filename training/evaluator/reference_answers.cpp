#include "evaluator/reference_answers.h"

#include <algorithm>

#include "answer_parser.h"

namespace anatomix::evaluator {
namespace {

std::string trim(const std::string& text) {
  const char* whitespace = " \t\n\r\f\v";
  const std::size_t begin = text.find_first_not_of(whitespace);
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(whitespace) - begin + 1);
}

}  // namespace

std::vector<LabelledBox> reference_boxes(const std::string& answer, const LetterboxGeometry& frame) {
  std::vector<LabelledBox> boxes;
  for (const ParsedBox& parsed : parse_answer(answer).boxes)
    boxes.push_back({parsed.label, frame.model_to_source(parsed.x1, parsed.y1, parsed.x2, parsed.y2)});
  return boxes;
}

RegionInstruction split_region_instruction(const std::string& instruction, const LetterboxGeometry& frame) {
  RegionInstruction split;
  const std::size_t first_box = instruction.find("<box>");
  split.phrasing = trim(instruction.substr(0, first_box));
  if (first_box == std::string::npos) return split;
  for (const LabelledBox& region : reference_boxes(instruction.substr(first_box), frame))
    split.regions.push_back(region.box);
  return split;
}

}  // namespace anatomix::evaluator
