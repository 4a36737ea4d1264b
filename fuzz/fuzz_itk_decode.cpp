// PNG, JPEG and TIFF through ITK, by the same entry point as DICOM (decode_image). The first byte picks
// the file name's extension, the rest is the file: ITK chooses its reader by name and content.
#include <cstddef>
#include <cstdint>

#include "anatomix/image/image.h"
#include "fuzz_support.h"

using namespace anatomix::image;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const char* const kNames[] = {"input.png", "input.tif", "input.jpg"};
  const std::string path = anatomix::fuzz::scratch().file(kNames[data[0] % 3]);
  anatomix::fuzz::write_file(path, data + 1, size - 1);
  DecodeOptions options;
  options.limits.max_side = 4096;
  options.limits.max_pixels = 4LL * 1000 * 1000;
  try {
    const DecodedImage image = decode_image(path, options);
    (void)render_display(image, DisplayLut(image, default_display(image)));
    (void)to_model_input(image);
  } catch (const ImageError&) {
  }
  return 0;
}
