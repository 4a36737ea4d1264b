#include "anatomix/image/study_scan.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include "anatomix/image/image_decoder.h"
#include "anatomix/image/image_error.h"
#include "dcmtk_setup.h"
#include "decode_support.h"
#include "dicom_header.h"
#include "image_log.h"
#include "itk_image_reader.h"

namespace fs = std::filesystem;

namespace anatomix::image {
namespace {

bool is_dicomdir(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return upper == "DICOMDIR";
}

// A DICOMDIR's Referenced File IDs are relative to its folder, in upper case on the medium; the
// files on disk may have been copied in lower case.
std::string resolve_referenced_file(const fs::path& folder, const std::string& file_id) {
  fs::path relative;
  std::string component;
  for (const char c : file_id + "\\") {
    if (c == '\\') {
      if (!component.empty()) relative /= component;
      component.clear();
    } else {
      component += c;
    }
  }
  const fs::path direct = folder / relative;
  if (fs::exists(direct)) return direct.string();
  std::string lower = relative.string();
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const fs::path lowered = folder / lower;
  if (fs::exists(lowered)) return lowered.string();
  return direct.string();
}

// The image files a DICOMDIR references, in record order.
std::vector<std::string> dicomdir_files(const std::string& path) {
  DcmFileFormat file;
  const OFCondition loaded = load_dicom_file(file, path, DCM_MaxReadLength);
  if (loaded.bad()) throw ImageError(path, std::string("cannot be read as a DICOMDIR: ") + loaded.text());
  DcmSequenceOfItems* records = nullptr;
  if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || records == nullptr) {
    throw ImageError(path, "DICOMDIR has no Directory Record Sequence");
  }
  const fs::path folder = fs::path(path).parent_path();
  std::vector<std::string> files;
  for (unsigned long i = 0; i < records->card(); ++i) {
    DcmItem* record = records->getItem(i);
    const std::string file_id = dicom_string(*record, DCM_ReferencedFileID);
    if (!file_id.empty()) files.push_back(resolve_referenced_file(folder, file_id));
  }
  return files;
}

ScannedFile scan_dicom_header(const std::string& path) {
  ensure_dcmtk_initialised();
  DcmFileFormat file;
  const OFCondition loaded =
      load_dicom_file(file, path, 4096, DCM_PixelData);
  if (loaded.bad()) throw ImageError(path, std::string("cannot be read as DICOM: ") + loaded.text());
  DicomHeader header = read_dicom_header(file);
  if (file.getMetaInfo()->tagExists(DCM_MediaStorageSOPClassUID) &&
      dicom_string(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID) == UID_MediaStorageDirectoryStorage) {
    throw ImageError(path, "is a DICOMDIR (open it as a DICOMDIR, not as an image)");
  }
  require_image_object(path, header);
  check_dimensions(path, header.instance.columns, header.instance.rows, DecodeLimits{});
  ScannedFile scanned;
  scanned.patient = std::move(header.patient);
  scanned.study = std::move(header.study);
  scanned.series = std::move(header.series);
  scanned.image.path = path;
  scanned.image.format = SourceFormat::Dicom;
  scanned.image.instance = std::move(header.instance);
  return scanned;
}

ScannedFile scan_other_image(const std::string& path) {
  const ItkImageInfo info = read_itk_image_info(path);
  check_dimensions(path, info.width, info.height, DecodeLimits{});
  ScannedFile scanned;
  const std::string pseudo_uid = "file:" + path;
  scanned.patient.name = fs::path(path).filename().string();
  scanned.study.instance_uid = pseudo_uid;
  scanned.study.description = fs::path(path).filename().string();
  scanned.series.instance_uid = pseudo_uid;
  scanned.series.modality = source_format_name(info.format);
  scanned.image.path = path;
  scanned.image.format = info.format;
  InstanceAttributes& instance = scanned.image.instance;
  instance.rows = info.height;
  instance.columns = info.width;
  instance.bits_allocated = info.bits;
  instance.bits_stored = info.bits;
  instance.high_bit = info.bits - 1;
  instance.photometric_interpretation = info.components >= 3 ? "RGB" : "MONOCHROME2";
  return scanned;
}

// Builds the sorted hierarchy from the scanned files.
class TreeBuilder {
 public:
  void add(ScannedFile&& file) {
    auto& patient = patients_[{file.patient.id, file.patient.name}];
    patient.attributes = file.patient;
    const std::string study_key = file.study.instance_uid.empty() ? "no-study:" + file.image.path : file.study.instance_uid;
    auto& study = patient.studies[study_key];
    study.attributes = file.study;
    const std::string series_key =
        file.series.instance_uid.empty() ? "no-series:" + study_key : file.series.instance_uid;
    auto& series = study.series[series_key];
    series.attributes = file.series;
    series.images.push_back(std::move(file.image));
  }

  std::vector<ScannedPatient> build() {
    std::vector<ScannedPatient> result;
    for (auto& [key, patient_node] : patients_) {
      ScannedPatient patient;
      patient.attributes = patient_node.attributes;
      for (auto& [study_key, study_node] : patient_node.studies) {
        ScannedStudy study;
        study.attributes = study_node.attributes;
        for (auto& [series_key, series_node] : study_node.series) {
          ScannedSeries series;
          series.attributes = series_node.attributes;
          series.images = std::move(series_node.images);
          std::sort(series.images.begin(), series.images.end(), [](const ScannedImage& a, const ScannedImage& b) {
            return std::make_tuple(a.instance.instance_number.value_or(0), a.path) <
                   std::make_tuple(b.instance.instance_number.value_or(0), b.path);
          });
          study.series.push_back(std::move(series));
        }
        std::sort(study.series.begin(), study.series.end(), [](const ScannedSeries& a, const ScannedSeries& b) {
          return std::make_tuple(a.attributes.number.value_or(0), a.attributes.instance_uid) <
                 std::make_tuple(b.attributes.number.value_or(0), b.attributes.instance_uid);
        });
        patient.studies.push_back(std::move(study));
      }
      std::sort(patient.studies.begin(), patient.studies.end(), [](const ScannedStudy& a, const ScannedStudy& b) {
        return std::tie(a.attributes.date, a.attributes.time, a.attributes.instance_uid) <
               std::tie(b.attributes.date, b.attributes.time, b.attributes.instance_uid);
      });
      result.push_back(std::move(patient));
    }
    std::sort(result.begin(), result.end(), [](const ScannedPatient& a, const ScannedPatient& b) {
      return std::tie(a.attributes.name, a.attributes.id) < std::tie(b.attributes.name, b.attributes.id);
    });
    return result;
  }

 private:
  struct SeriesNode {
    SeriesAttributes attributes;
    std::vector<ScannedImage> images;
  };
  struct StudyNode {
    StudyAttributes attributes;
    std::map<std::string, SeriesNode> series;
  };
  struct PatientNode {
    PatientAttributes attributes;
    std::map<std::string, StudyNode> studies;
  };
  std::map<std::pair<std::string, std::string>, PatientNode> patients_;
};

// Expands folders and DICOMDIRs into the list of files to scan; problems become errors.
std::vector<std::string> collect_files(const std::vector<std::string>& paths, const ScanOptions& options,
                                       std::vector<ScanError>& errors) {
  std::vector<std::string> files;
  for (const std::string& given : paths) {
    std::error_code error;
    const fs::path path = fs::absolute(given, error);
    if (!fs::exists(path, error)) {
      errors.push_back({given, "file or folder does not exist"});
      continue;
    }
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      auto visit = [&](const fs::directory_entry& entry) {
        std::error_code entry_error;
        if (entry.is_regular_file(entry_error)) found.push_back(entry.path().string());
      };
      const auto walk_options = fs::directory_options::skip_permission_denied;
      if (options.recursive) {
        for (fs::recursive_directory_iterator it(path, walk_options, error), end; !error && it != end; it.increment(error)) {
          visit(*it);
        }
      } else {
        for (fs::directory_iterator it(path, walk_options, error), end; !error && it != end; it.increment(error)) {
          visit(*it);
        }
      }
      if (error) errors.push_back({path.string(), "folder cannot be read completely: " + error.message()});
      std::sort(found.begin(), found.end());
      // A DICOMDIR inside the folder describes files that are also found by walking; skip it.
      for (std::string& file : found) {
        if (!is_dicomdir(file)) files.push_back(std::move(file));
      }
    } else if (is_dicomdir(path.string())) {
      try {
        for (std::string& file : dicomdir_files(path.string())) files.push_back(std::move(file));
      } catch (const ImageError& dicomdir_error) {
        errors.push_back({path.string(), dicomdir_error.problem()});
      }
    } else {
      files.push_back(path.string());
    }
  }
  // The same file given twice (or through a folder and a DICOMDIR) is listed once.
  std::vector<std::string> unique;
  std::vector<std::string> sorted_seen;
  for (std::string& file : files) {
    auto position = std::lower_bound(sorted_seen.begin(), sorted_seen.end(), file);
    if (position != sorted_seen.end() && *position == file) continue;
    sorted_seen.insert(position, file);
    unique.push_back(std::move(file));
  }
  return unique;
}

}  // namespace

ScannedFile scan_file(const std::string& path) {
  if (!fs::is_regular_file(path)) throw ImageError(path, "file does not exist or is not a regular file");
  if (looks_like_dicom(path)) return scan_dicom_header(path);
  if (itk_format_of(path)) return scan_other_image(path);
  throw ImageError(path, "not a DICOM, PNG, JPEG or TIFF file");
}

int StudyTree::image_count() const {
  int count = 0;
  for (const ScannedPatient& patient : patients)
    for (const ScannedStudy& study : patient.studies)
      for (const ScannedSeries& series : study.series) count += static_cast<int>(series.images.size());
  return count;
}

const ScannedImage* StudyTree::find_image(const std::string& path) const {
  for (const ScannedPatient& patient : patients)
    for (const ScannedStudy& study : patient.studies)
      for (const ScannedSeries& series : study.series)
        for (const ScannedImage& image : series.images)
          if (image.path == path) return &image;
  return nullptr;
}

StudyTree scan_paths(const std::vector<std::string>& paths, const ScanOptions& options) {
  StudyTree tree;
  const std::vector<std::string> files = collect_files(paths, options, tree.errors);
  TreeBuilder builder;
  int done = 0;
  for (const std::string& file : files) {
    if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
      tree.cancelled = true;
      break;
    }
    std::string problem;
    try {
      builder.add(scan_file(file));
    } catch (const ImageError& error) {
      problem = error.problem();
    } catch (const std::exception& error) {
      problem = std::string("cannot be read: ") + error.what();
    }
    if (!problem.empty()) {
      image_log().warn("scan_paths: {}: {}", file, problem);
      tree.errors.push_back({file, std::move(problem)});
    }
    ++done;
    if (options.progress) options.progress(done, static_cast<int>(files.size()));
  }
  tree.patients = builder.build();
  image_log().info("scan_paths: {} images in {} patients, {} files not usable", tree.image_count(),
                   tree.patients.size(), tree.errors.size());
  return tree;
}

}  // namespace anatomix::image
