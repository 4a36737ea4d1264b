// Once per process (thread-safe): quiets DCMTK console logging below errors and registers its
// decompression codecs (JPEG, JPEG-LS, RLE).
// Deflate needs no codec (dcmdata inflates while reading); JPEG 2000 is decoded by jpeg2000_frame.
#pragma once

namespace anatomix::image {

void ensure_dcmtk_initialised();

}  // namespace anatomix::image
