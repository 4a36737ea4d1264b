// The ground truth of a manifest's task samples in the evaluator's frame. The manifests write boxes in the
// published 1024 frame of the image as stored (training/README.md); the engine answers in original-image
// pixels of the image it was given, the image as stored. Both are compared there.
#pragma once

#include <string>
#include <vector>

#include "anatomix/engine.h"
#include "anatomix/letterbox.h"

namespace anatomix::evaluator {

// A box with the text it stands for: the <ref> of an answer, or the answer's text around the box.
struct LabelledBox {
  std::string label;
  Box box;
};

// The boxes of an answer written as `<ref>label</ref><box>(x1,y1),(x2,y2)</box>`, parsed by the engine's
// rules (answer_parser.h), in original-image pixels: `frame` is the letterbox of the stored image to the
// published 1024 square (synth::model_square). Empty for "No ... detected."
std::vector<LabelledBox> reference_boxes(const std::string& answer, const LetterboxGeometry& frame);

// An instruction of the region tasks split into its phrasing (the text before the first <box>, trimmed)
// and its regions in original-image pixels.
struct RegionInstruction {
  std::string phrasing;
  std::vector<Box> regions;
};
RegionInstruction split_region_instruction(const std::string& instruction, const LetterboxGeometry& frame);

}  // namespace anatomix::evaluator
