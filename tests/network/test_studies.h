// Studies for the network tests, made by the synthetic generator (small 128-pixel DX images) with
// identifiers chosen so that every C-FIND filter has a known answer:
//   current: DOE^JANE, PID-0001, 20240315, ACC-0003, three images in one series
//   prior:   DOE^JANE, PID-0001, 20230110, ACC-0001, one image
//   other:   ROE^RICHARD, PID-0002, 20240220, ACC-0002, one image stored JPEG lossless
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace anatomix::network::test {

struct TestStudy {
  std::string study_uid, series_uid, patient_name, patient_id, study_date, accession;
  std::vector<std::string> files;     // one per image
  std::vector<std::string> sop_uids;  // in the order of files
};

struct TestStudies {
  TestStudy current, prior, other;
  std::vector<std::string> all_files() const;
};

TestStudies make_test_studies(const std::filesystem::path& folder);

// One more image (a new study of a new patient) for storing; index picks a distinct case.
TestStudy make_single_study(const std::filesystem::path& folder, int index, const std::string& patient_id);

// A study of `n_images` images of `size` pixels in one series (the benchmark's 20-image study).
TestStudy make_study(const std::filesystem::path& folder, const std::string& patient_name, const std::string& patient_id,
                     const std::string& study_date, const std::string& accession, int first_index, int n_images,
                     bool jpeg, int size = 128);

// The middle value of timings (the upper one of an even count), for the benchmarks.
double median(std::vector<double> values);

}  // namespace anatomix::network::test
