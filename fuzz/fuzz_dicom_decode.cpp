// The DICOM load path of the viewer and the CLI: decode_image (header, pixel data of every supported
// transfer syntax, modality/VOI LUTs), then what the viewer does with a decoded image (default display,
// window presets, display LUT and rendering, the model input) and the tag list of the header dialog.
// Every failure must be an ImageError; anything else escaping, and any memory error, is a finding.
#include <cstddef>
#include <cstdint>

#include "anatomix/image/image.h"
#include "anatomix/image/radiograph_gate.h"
#include "fuzz_support.h"

using namespace anatomix::image;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = anatomix::fuzz::scratch().file("input.dcm");
  anatomix::fuzz::write_file(path, data, size);
  try {
    (void)dump_tags(path);
  } catch (const ImageError&) {
  }
  DecodeOptions options;
  // Smaller than the product's limits so that one input stays well below libFuzzer's memory limit.
  options.limits.max_side = 4096;
  options.limits.max_pixels = 4LL * 1000 * 1000;
  try {
    const DecodedImage image = decode_image(path, options);
    (void)window_presets(image);
    (void)auto_window(image);
    DisplaySettings settings = default_display(image);
    (void)render_display(image, DisplayLut(image, settings));
    for (int index = 0; index < static_cast<int>(image.voi_luts.size()); ++index) {
      settings.voi.kind = VoiSelection::Kind::Lut;
      settings.voi.lut_index = index;
      (void)render_display(image, DisplayLut(image, settings));
    }
    (void)to_model_input(image);
    (void)check_frontal_chest_radiograph(image);
  } catch (const ImageError&) {
  }
  return 0;
}
