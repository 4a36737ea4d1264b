// The ground truth of a manifest's task samples in the evaluator's frame. The manifests write boxes in the
// published 1024 frame of the image as stored (training/README.md); the engine answers in original-image
// pixels of the image it was given, the image as stored. Both are compared there.
#pragma once

#include <string>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix::evaluator {

// A box with the text it stands for: the <ref> of an answer, or the answer's text around the box.
struct LabelledBox {
  std::string label;
  Box box;
};

// The published 1024 frame of one stored image (synth/letterbox.h) and its way back to pixels.
class PublishedFrame {
 public:
  PublishedFrame(int width, int height);

  // A box of the 1024 frame as original-image pixels.
  Box to_pixels(double x1, double y1, double x2, double y2) const;

 private:
  double offset_x_ = 0, scale_x_ = 1, offset_y_ = 0, scale_y_ = 1;  // square = offset + scale * pixel
};

// The boxes of an answer written as `<ref>label</ref><box>(x1,y1),(x2,y2)</box>`, parsed by the engine's
// rules (answer_parser.h), in original-image pixels. Empty for "No ... detected."
std::vector<LabelledBox> reference_boxes(const std::string& answer, const PublishedFrame& frame);

// An instruction of the region tasks split into its phrasing (the text before the first <box>, trimmed)
// and its regions in original-image pixels.
struct RegionInstruction {
  std::string phrasing;
  std::vector<Box> regions;
};
RegionInstruction split_region_instruction(const std::string& instruction, const PublishedFrame& frame);

}  // namespace anatomix::evaluator
