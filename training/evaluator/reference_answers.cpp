#include "evaluator/reference_answers.h"

#include <algorithm>

#include "answer_parser.h"
#include "synth/letterbox.h"

namespace anatomix::evaluator {
namespace {

std::string trim(const std::string& text) {
  const char* whitespace = " \t\n\r\f\v";
  const std::size_t begin = text.find_first_not_of(whitespace);
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(whitespace) - begin + 1);
}

}  // namespace

PublishedFrame::PublishedFrame(int width, int height) {
  // The generator's own letterbox is affine per axis; two points give its inverse without a second copy
  // of the padding rule.
  const synth::Letterbox letterbox(width, height);
  const synth::Point origin = letterbox.to_square(synth::Point{0.0, 0.0});
  const synth::Point unit = letterbox.to_square(synth::Point{1.0, 1.0});
  offset_x_ = origin.x;
  offset_y_ = origin.y;
  scale_x_ = unit.x - origin.x;
  scale_y_ = unit.y - origin.y;
}

Box PublishedFrame::to_pixels(double x1, double y1, double x2, double y2) const {
  return Box{static_cast<float>((x1 - offset_x_) / scale_x_), static_cast<float>((y1 - offset_y_) / scale_y_),
             static_cast<float>((x2 - offset_x_) / scale_x_), static_cast<float>((y2 - offset_y_) / scale_y_)};
}

std::vector<LabelledBox> reference_boxes(const std::string& answer, const PublishedFrame& frame) {
  std::vector<LabelledBox> boxes;
  for (const ParsedBox& parsed : parse_answer(answer).boxes)
    boxes.push_back({parsed.label, frame.to_pixels(parsed.x1, parsed.y1, parsed.x2, parsed.y2)});
  return boxes;
}

RegionInstruction split_region_instruction(const std::string& instruction, const PublishedFrame& frame) {
  RegionInstruction split;
  const std::size_t first_box = instruction.find("<box>");
  split.phrasing = trim(instruction.substr(0, first_box));
  if (first_box == std::string::npos) return split;
  for (const LabelledBox& region : reference_boxes(instruction.substr(first_box), frame))
    split.regions.push_back(region.box);
  return split;
}

}  // namespace anatomix::evaluator
