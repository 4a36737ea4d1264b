// Choosing VOI: the default a viewer opens with, and the preset list of a W/L menu.
#pragma once

#include <string>
#include <vector>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/display_lut.h"

namespace anatomix::image {

// Where a preset came from, for the UI's preset menu.
enum class PresetOrigin {
  File,            // a Window Center/Width pair of the file
  VoiLutSequence,  // a VOI LUT Sequence item of the file
  Auto,            // computed from the histogram: "Auto" (percentiles), "Full range"
  Chest,           // chest presets derived from the histogram: "Lung", "Mediastinum", "Bone"
};

struct WindowPreset {
  std::string name;       // menu text: the file's explanation ("SOFT TISSUE"), "Window 2 (file)",
                          // "VOI LUT 1: <explanation>", "Auto", "Full range", "Lung", "Mediastinum", "Bone"
  PresetOrigin origin = PresetOrigin::File;
  VoiSelection voi;       // what to put into DisplaySettings::voi
};

// The first Window Center/Width of the file; when there is none, the 0..255 window for plain
// 8-bit pixels (see default_display), else auto_window().
Window default_window(const DecodedImage& image);

// What a viewer opens with: first file window; else first VOI LUT; else, for 8-bit unsigned
// pixels without a modality transform (PNG/JPEG/TIFF, secondary captures), a 0..255 window that
// shows them as stored; else auto_window(). invert is false.
DisplaySettings default_display(const DecodedImage& image);

// Robust window over the modality values: from the `low_percent` to the `high_percent` percentile
// of the pixel histogram (ignores burned-in labels and collimator edges). Width >= 1.
Window auto_window(const DecodedImage& image, double low_percent = 0.5, double high_percent = 99.5);

// Window from the smallest to the largest modality value.
Window full_range_window(const DecodedImage& image);

// All presets, in menu order: file windows (each with its explanation), file VOI LUTs, Auto,
// Full range, then the chest presets Lung, Mediastinum and Bone. Radiographs have no fixed units,
// so the chest presets are derived from the histogram (percentiles of the displayed anatomy:
// Lung = the darker half at high contrast, Mediastinum = the brighter half, Bone = the top
// quarter); they are labelled origin Chest.
std::vector<WindowPreset> window_presets(const DecodedImage& image);

}  // namespace anatomix::image
