// Parsing of model answers (the published AnatomiX code): `<ref>phrase</ref><box>(x1,y1),(x2,y2)</box>`
// in model-square pixels. Same rules as the published RadTextMetrics.extract_bounding_boxes_and_refs:
// a box is `<box>\s*\((.*?)\)\s*</box>` holding exactly four numbers `-?\d+(?:\.\d+)?`; its label is the
// last <ref>..</ref> between the previous box and this one, else that span's text without tags.
// Model text never makes it throw: a <box> tag that holds no readable box, or a failure while parsing,
// is reported in ParsedAnswer::box_problem with the raw text kept. Torch-free.
#pragma once

#include <string>
#include <vector>

namespace anatomix {

struct ParsedBox {
  std::string label;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // model-square pixels, as written
};

struct ParsedAnswer {
  std::vector<ParsedBox> boxes;  // the boxes that were read (as the published regex reads them)
  // Tags and box coordinates removed, whitespace tidied (for display); the raw text when box_problem is set,
  // so that what the model wrote stays visible.
  std::string plain_text;
  // Empty when every <box> tag was read; otherwise a sentence saying which could not be.
  std::string box_problem;

  bool boxes_read() const { return box_problem.empty(); }
};

ParsedAnswer parse_answer(const std::string& text);

}  // namespace anatomix
