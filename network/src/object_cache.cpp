#include "object_cache.h"

#include <filesystem>
#include <system_error>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include "anatomix/network/pacs_error.h"

namespace anatomix::network {

const std::vector<std::string>& received_storage_classes() {
  static const std::vector<std::string> classes = {
      UID_ComputedRadiographyImageStorage,      UID_DigitalXRayImageStorageForPresentation,
      UID_DigitalXRayImageStorageForProcessing, UID_SecondaryCaptureImageStorage,
      UID_BasicTextSRStorage,                   UID_EnhancedSRStorage,
      UID_ComprehensiveSRStorage,               UID_GrayscaleSoftcopyPresentationStateStorage,
      UID_KeyObjectSelectionDocumentStorage,
  };
  return classes;
}

bool is_image_storage_class(const std::string& sop_class) {
  return sop_class == UID_ComputedRadiographyImageStorage || sop_class == UID_DigitalXRayImageStorageForPresentation ||
         sop_class == UID_DigitalXRayImageStorageForProcessing || sop_class == UID_SecondaryCaptureImageStorage;
}

const std::vector<std::string>& lossless_compressed_syntaxes() {
  static const std::vector<std::string> syntaxes = {
      UID_JPEGProcess14SV1TransferSyntax, UID_JPEGLSLosslessTransferSyntax,
      UID_JPEG2000LosslessOnlyTransferSyntax, UID_RLELosslessTransferSyntax,
  };
  return syntaxes;
}

bool is_valid_uid(const std::string& uid) {
  if (uid.empty() || uid.size() > 64 || uid.front() == '.' || uid.back() == '.') return false;
  char previous = 0;
  for (char c : uid) {
    if (c != '.' && (c < '0' || c > '9')) return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return true;
}

std::string write_into_cache(const std::string& cache_dir, std::unique_ptr<DcmDataset> dataset) {
  namespace fs = std::filesystem;
  OFString study_uid, sop_uid;
  dataset->findAndGetOFString(DCM_StudyInstanceUID, study_uid);
  dataset->findAndGetOFString(DCM_SOPInstanceUID, sop_uid);
  if (!is_valid_uid(study_uid.c_str()) || !is_valid_uid(sop_uid.c_str()))
    throw PacsError(PacsErrorKind::kProtocol, "received an object without a valid Study or SOP Instance UID ('" +
                                                  std::string(study_uid.c_str()) + "', '" + sop_uid.c_str() + "')");
  const fs::path folder = fs::path(cache_dir) / study_uid.c_str();
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw PacsError(PacsErrorKind::kLocalFile, folder.string() + ": cannot create: " + error.message());
  const fs::path target = folder / (std::string(sop_uid.c_str()) + ".dcm");
  const fs::path partial = folder / (std::string(sop_uid.c_str()) + ".dcm.part");
  DcmFileFormat file(dataset.release(), OFFalse /* take ownership */);
  const OFCondition written = file.saveFile(partial.string().c_str());
  if (written.bad()) {
    fs::remove(partial, error);
    throw PacsError(PacsErrorKind::kLocalFile, partial.string() + ": cannot write: " + written.text());
  }
  fs::rename(partial, target, error);
  if (error) throw PacsError(PacsErrorKind::kLocalFile, target.string() + ": cannot rename into place: " + error.message());
  return target.string();
}

}  // namespace anatomix::network
