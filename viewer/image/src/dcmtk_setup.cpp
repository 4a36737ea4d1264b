#include "dcmtk_setup.h"

#include <exception>
#include <mutex>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include "anatomix/image/image_error.h"

namespace anatomix::image {

void ensure_dcmtk_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    // DCMTK's own console logging would duplicate our ImageError messages on stderr.
    OFLog::configure(OFLogger::ERROR_LOG_LEVEL);
    // YCbCr JPEGs come back as RGB, which the gray conversion expects.
    DJDecoderRegistration::registerCodecs(EDC_photometricInterpretation);
    DJLSDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
  });
}

OFCondition load_dicom_file(DcmFileFormat& file, const std::string& path, Uint32 max_read_length,
                            const DcmTagKey& stop_tag) {
  try {
    return file.loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, max_read_length, ERM_autoDetect, stop_tag);
  } catch (const std::exception& error) {
    throw ImageError(path, std::string("cannot be read as DICOM: ") + error.what());
  }
}

}  // namespace anatomix::image
