// Parsing of model answers (anatomix-reference.md section 6): `<ref>phrase</ref><box>(x1,y1),(x2,y2)</box>`
// in model-square pixels. Same rules as the published RadTextMetrics.extract_bounding_boxes_and_refs:
// a box is `<box>\s*\((.*?)\)\s*</box>` holding exactly four numbers `-?\d+(?:\.\d+)?`; its label is the
// last <ref>..</ref> between the previous box and this one, else that span's text without tags.
// Never throws on model text. Torch-free.
#pragma once

#include <string>
#include <vector>

namespace anatomix {

struct ParsedBox {
  std::string label;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // model-square pixels, as written
};

struct ParsedAnswer {
  std::vector<ParsedBox> boxes;
  std::string plain_text;  // tags and box coordinates removed, whitespace tidied (for display)
};

ParsedAnswer parse_answer(const std::string& text) noexcept;

}  // namespace anatomix
