// The cardiothoracic ratio (CTR) from the anatomy boxes, in one place for the CLI, the evaluator and
// the workstation. It is the maximal transverse diameter of the heart over the inner transverse
// diameter of the thorax at the level of the hemidiaphragm domes, both measured horizontally in
// image pixels:
//   - cardiac calliper: across the box "Cardiac shadow viewed radiologically or Heart", at the height
//     of its centre;
//   - thoracic calliper: from the outer (lateral) edge of one lung box to the outer edge of the other,
//     at the height of the higher hemidiaphragm dome (the top of the higher hemidiaphragm box; the
//     lower end of the lungs' boxes when no hemidiaphragm was found).
// The two callipers are what the workstation draws and the reader adjusts; the ratio is recomputed
// from the adjusted callipers with the same rule (horizontal extents). On a PA film a CTR above 0.5
// suggests cardiomegaly; an AP film magnifies the heart, so its CTR overestimates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "anatomix/engine.h"

namespace anatomix {

// A horizontal measurement in original-image pixels: from (x1, y) to (x2, y), x1 <= x2.
struct Calliper {
  float x1 = 0, x2 = 0, y = 0;
  float width() const { return x2 - x1; }
};

struct CardiothoracicCallipers {
  Calliper cardiac;
  Calliper thoracic;
  // cardiac width / thoracic width; 0 when the thoracic width is not positive.
  double ratio() const;
};

// The CTR's horizontal-extent rule for two arbitrary segments (e.g. callipers a reader dragged off
// the horizontal): |cardiac dx| / |thoracic dx|, 0 when the thoracic dx is 0.
double cardiothoracic_ratio_of(float cardiac_dx, float thoracic_dx);

// The callipers from an analysis' anatomies (`names` and `boxes` in the same order). Nothing when
// the heart or either lung is missing or the boxes are degenerate (thorax not wider than the heart).
std::optional<CardiothoracicCallipers> cardiothoracic_callipers(const std::vector<std::string>& names,
                                                                const std::vector<Box>& boxes);

// The heart's anatomy name used above.
const std::string& cardiac_anatomy_name();

// Whether a DICOM View Position (0018,5101) is anteroposterior ("AP"), where the CTR overestimates.
bool is_anteroposterior_view(const std::string& view_position);

}  // namespace anatomix
