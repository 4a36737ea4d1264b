#include "dcmtk_setup.h"

#include <mutex>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

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

}  // namespace anatomix::image
