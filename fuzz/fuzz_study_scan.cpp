// The study browser's scan of a DICOMDIR (and of the folder holding it). The input is the DICOMDIR;
// beside it lies one valid image at IMAGES/IM1, so records that point there resolve and the scan goes
// on to read that header. scan_paths never throws for a bad file: anything escaping is a finding.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"
#include "fuzz_support.h"

using namespace anatomix::image;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::filesystem::create_directories(anatomix::fuzz::scratch().file("IMAGES"));
  testing::write_dicom(anatomix::fuzz::scratch().file("IMAGES/IM1"), testing::DicomSpec{});
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string dicomdir = anatomix::fuzz::scratch().file("DICOMDIR");
  anatomix::fuzz::write_file(dicomdir, data, size);
  (void)scan_paths({dicomdir});
  (void)scan_paths({anatomix::fuzz::scratch().path()});
  return 0;
}
