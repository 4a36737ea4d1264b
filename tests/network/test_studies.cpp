#include "test_studies.h"

#include "synth/study_generator.h"

#include <algorithm>

namespace anatomix::network::test {
namespace {

synth::GeneratorOptions options_of_size(int size) {
  synth::GeneratorOptions options;
  options.seed = 16;
  options.size = size;
  options.prefix = "net";
  return options;
}

void add_image(TestStudy& study, const std::filesystem::path& folder, int index, bool jpeg, int size) {
  synth::CaseOverrides overrides;
  overrides.jpeg_lossless = jpeg;
  synth::Study generated = synth::generate_study(options_of_size(size), index, overrides);
  if (study.study_uid.empty()) {
    study.study_uid = generated.dicom.study_uid;
    study.series_uid = generated.dicom.series_uid;
  }
  generated.dicom.study_uid = study.study_uid;
  generated.dicom.series_uid = study.series_uid;
  generated.dicom.patient_name = study.patient_name;
  generated.dicom.patient_id = study.patient_id;
  generated.dicom.study_date = study.study_date;
  generated.dicom.accession = study.accession;
  std::filesystem::create_directories(folder);
  study.files.push_back(synth::write_study(generated, folder.string()).first);
  study.sop_uids.push_back(generated.dicom.sop_uid);
}

}  // namespace

TestStudy make_study(const std::filesystem::path& folder, const std::string& name, const std::string& id,
                     const std::string& date, const std::string& accession, int first_index, int n_images, bool jpeg,
                     int size) {
  TestStudy study;
  study.patient_name = name;
  study.patient_id = id;
  study.study_date = date;
  study.accession = accession;
  for (int i = 0; i < n_images; ++i) add_image(study, folder, first_index + i, jpeg, size);
  return study;
}

std::vector<std::string> TestStudies::all_files() const {
  std::vector<std::string> files;
  for (const auto* study : {&current, &prior, &other}) files.insert(files.end(), study->files.begin(), study->files.end());
  return files;
}

TestStudies make_test_studies(const std::filesystem::path& folder) {
  TestStudies studies;
  studies.current = make_study(folder, "DOE^JANE", "PID-0001", "20240315", "ACC-0003", 0, 3, false);
  studies.prior = make_study(folder, "DOE^JANE", "PID-0001", "20230110", "ACC-0001", 3, 1, false);
  studies.other = make_study(folder, "ROE^RICHARD", "PID-0002", "20240220", "ACC-0002", 4, 1, true);
  return studies;
}

TestStudy make_single_study(const std::filesystem::path& folder, int index, const std::string& patient_id) {
  return make_study(folder, "STORE^TEST", patient_id, "20240401", "ACC-" + std::to_string(index), index, 1, false);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace anatomix::network::test
