// Draws a synthetic chest radiograph from a thorax and its findings: attenuation layers (soft
// tissue, lung air, bone, metal) from projected shapes, blur, quantum noise and a display curve.
#pragma once

#include <cstdint>
#include <vector>

#include "synth/findings.h"
#include "synth/rng.h"
#include "synth/thorax.h"

namespace anatomix::synth {

struct Radiograph {
  int width = 0, height = 0;
  int bits_stored = 12;
  std::vector<std::uint16_t> pixels;  // row-major; higher = more attenuation (MONOCHROME2 sense)
};

// Renders the image and fills each finding's `boxes` with what was drawn (image pixels).
Radiograph render_radiograph(const Thorax& thorax, std::vector<Finding>& findings, int bits_stored, Rng& rng);

}  // namespace anatomix::synth
