#include "anatomix/image/non_image_object.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <exception>

namespace anatomix::image {

bool is_non_image_sop_class(const std::string& uid) {
  if (dcmIsImageStorageSOPClassUID(uid.c_str()) != OFFalse) return false;
  return uid.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) == 0 ||   // structured reports
         uid.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) == 0 ||   // presentation states
         uid.rfind("1.2.840.10008.5.1.4.1.1.104.", 0) == 0 ||  // encapsulated documents
         uid.rfind("1.2.840.10008.5.1.4.1.1.9.", 0) == 0 ||    // waveforms
         uid.rfind("1.2.840.10008.5.1.4.1.1.66", 0) == 0 ||    // raw data, registration, segmentation
         uid.rfind("1.2.840.10008.5.1.4.1.1.481.", 0) == 0;    // RT objects
}

bool is_non_image_object(const std::string& path) {
  try {
    DcmFileFormat file;
    if (file.loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect,
                              DCM_PixelData)
            .bad())
      return false;
    OFString uid;
    if (file.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, uid).bad() || uid.empty())
      file.getDataset()->findAndGetOFString(DCM_SOPClassUID, uid);
    return is_non_image_sop_class(uid.c_str());
  } catch (const std::exception&) {
    return false;  // DCMTK may throw on damaged files; such a file is not a known non-image object
  }
}

}  // namespace anatomix::image
