// Once per process (thread-safe): quiets DCMTK console logging below errors and registers its
// decompression codecs (JPEG, JPEG-LS, RLE).
// Deflate needs no codec (dcmdata inflates while reading); JPEG 2000 is decoded by jpeg2000_frame.
// load_dicom_file: every read of a DICOM file in this room goes through it.
#pragma once

#include <string>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>

namespace anatomix::image {

void ensure_dcmtk_initialised();

// DcmFileFormat::loadFileUntilTag (stop_tag: DCM_UndefinedTagKey reads everything). DCMTK 3.6.7 lets C++
// exceptions escape from some damaged files, e.g. std::out_of_range while checking a directory record's
// type; those become an ImageError naming the file, like every other unreadable file.
OFCondition load_dicom_file(DcmFileFormat& file, const std::string& path, Uint32 max_read_length,
                            const DcmTagKey& stop_tag = DCM_UndefinedTagKey);

}  // namespace anatomix::image
