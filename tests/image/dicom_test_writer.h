// Test support: writes DICOM files with DCMTK (and JPEG 2000 with OpenJPEG) from a plain spec, so
// every test makes its own inputs and knows exactly which values it wrote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace anatomix::image::testing {

enum class Syntax {
  ImplicitLittle,
  ExplicitLittle,
  ExplicitBig,
  Deflated,
  Rle,
  JpegLossless,    // process 14, selection value 1
  JpegBaseline,    // process 1 (8-bit) or 2/4 (12-bit), lossy
  JpegLsLossless,
  Jpeg2000Lossless,  // encoded with OpenJPEG by the test
};
const char* syntax_name(Syntax syntax);

struct LutSpec {
  int first_mapped = 0;
  int bits = 16;
  std::vector<std::uint16_t> entries;
  std::string explanation;
  bool signed_descriptor = false;  // write the LUT Descriptor as SS
};

struct WindowSpec {
  double center = 0;
  double width = 0;
  std::string explanation;
};

struct DicomSpec {
  int rows = 4;
  int columns = 6;
  int bits_allocated = 16;
  int bits_stored = 16;
  int high_bit = -1;  // -1: bits_stored - 1
  bool is_signed = false;
  std::string photometric = "MONOCHROME2";
  int samples_per_pixel = 1;
  int planar_configuration = 0;
  int number_of_frames = 0;  // 0: attribute absent
  // Stored values (rows*columns*samples, interleaved), written into the bits [high_bit-bits_stored+1, high_bit].
  std::vector<std::int32_t> values;
  std::string sop_class_uid = "1.2.840.10008.5.1.4.1.1.1.1";  // DX for presentation
  std::string modality = "DX";
  std::optional<double> rescale_slope;
  std::optional<double> rescale_intercept;
  std::optional<LutSpec> modality_lut;
  std::vector<WindowSpec> windows;
  std::string voi_function;
  std::vector<LutSpec> voi_luts;
  std::string presentation_shape;
  std::string pixel_spacing;         // e.g. "0.2\\0.2"; empty: absent
  std::string imager_pixel_spacing;
  std::string patient_name = "Test^Patient";
  std::string patient_id = "P1";
  std::string patient_birth_date = "19700101";
  std::string patient_sex = "F";
  std::string study_uid = "1.2.826.0.1.3680043.8.498.1";
  std::string study_date = "20240102";
  std::string study_time = "101500";
  std::string study_description = "Chest";
  std::string accession = "ACC1";
  std::string series_uid = "1.2.826.0.1.3680043.8.498.1.1";
  int series_number = 1;
  std::string series_description = "PA";
  std::string sop_instance_uid = "1.2.826.0.1.3680043.8.498.1.1.1";
  int instance_number = 1;
  std::string patient_orientation = "L\\F";
  std::string view_position = "PA";
  std::string image_laterality;
  bool write_pixel_data = true;
  bool raw_dataset = false;  // write the dataset alone: no preamble, no "DICM", no meta header
  Syntax syntax = Syntax::ExplicitLittle;
};

// Writes `spec` to `path` (Part 10 file with meta header). Throws std::runtime_error on failure.
void write_dicom(const std::string& path, const DicomSpec& spec);

// Values 0..n-1 spread over the stored range of the spec (deterministic, include both extremes).
std::vector<std::int32_t> ramp_values(const DicomSpec& spec);

// A fresh empty folder under the system temp folder, removed by the caller's TempDir.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const;  // path inside the folder
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace anatomix::image::testing
