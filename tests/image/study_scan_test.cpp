// Study scanning of a folder tree (DICOM of two patients, a PNG, garbage and an SR) and of a
// DICOMDIR written with DCMTK's DicomDirInterface.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcddirif.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"
#include "itk_image_writer.h"

namespace anatomix::image {
namespace {

namespace fs = std::filesystem;

testing::DicomSpec instance_spec(const std::string& patient, const std::string& study_uid,
                                 const std::string& series_uid, int series_number, int instance_number) {
  testing::DicomSpec spec;
  spec.rows = 8;
  spec.columns = 10;
  spec.values = testing::ramp_values(spec);
  spec.patient_name = patient + "^Test";
  spec.patient_id = patient;
  spec.study_uid = study_uid;
  spec.series_uid = series_uid;
  spec.series_number = series_number;
  spec.instance_number = instance_number;
  spec.sop_instance_uid = series_uid + "." + std::to_string(instance_number);
  return spec;
}

TEST(StudyScan, FolderTreeBuildsHierarchyAndListsErrors) {
  testing::TempDir dir("scan");
  fs::create_directories(dir.file("a/b"));
  fs::create_directories(dir.file("c"));
  testing::write_dicom(dir.file("a/b/2.dcm"), instance_spec("P1", "1.2.3.1", "1.2.3.1.1", 1, 2));
  testing::write_dicom(dir.file("a/b/1.dcm"), instance_spec("P1", "1.2.3.1", "1.2.3.1.1", 1, 1));
  testing::write_dicom(dir.file("a/lateral"), instance_spec("P1", "1.2.3.1", "1.2.3.1.2", 2, 1));
  testing::write_dicom(dir.file("c/other.dcm"), instance_spec("P2", "1.2.3.9", "1.2.3.9.1", 1, 1));
  testing::write_itk_image(dir.file("c/xray.png"), 4, 3, std::vector<std::uint8_t>(12, 9));
  std::ofstream(dir.file("c/notes.txt")) << "not an image";
  DcmFileFormat report;
  report.getDataset()->putAndInsertString(DCM_SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.22");
  report.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "1.2.3.77");
  ASSERT_TRUE(report.saveFile(dir.file("c/report.dcm").c_str(), EXS_LittleEndianExplicit).good());

  int last_done = 0;
  ScanOptions options;
  options.progress = [&last_done](int done, int) { last_done = done; };
  const StudyTree tree = scan_paths({dir.path()}, options);
  EXPECT_EQ(last_done, 7);
  EXPECT_EQ(tree.image_count(), 5);
  ASSERT_EQ(tree.errors.size(), 2u);
  for (const ScanError& error : tree.errors) {
    EXPECT_TRUE(error.path.find("notes.txt") != std::string::npos || error.path.find("report.dcm") != std::string::npos)
        << error.path << ": " << error.message;
    EXPECT_FALSE(error.message.empty());
  }
  // Patients by name: P1^Test, P2^Test, then the PNG pseudo patient "xray.png".
  ASSERT_EQ(tree.patients.size(), 3u);
  const ScannedPatient& first = tree.patients[0];
  EXPECT_EQ(first.attributes.id, "P1");
  ASSERT_EQ(first.studies.size(), 1u);
  EXPECT_EQ(first.studies[0].attributes.date, "20240102");
  ASSERT_EQ(first.studies[0].series.size(), 2u);
  const ScannedSeries& series = first.studies[0].series[0];
  EXPECT_EQ(series.attributes.number, 1);
  EXPECT_EQ(series.attributes.modality, "DX");
  ASSERT_EQ(series.images.size(), 2u);
  EXPECT_EQ(series.images[0].instance.instance_number, 1) << "images sorted by instance number";
  EXPECT_NE(series.images[0].path.find("1.dcm"), std::string::npos);
  EXPECT_EQ(series.images[0].instance.rows, 8);
  EXPECT_EQ(series.images[0].instance.columns, 10);
  EXPECT_EQ(first.studies[0].series[1].attributes.number, 2);
  EXPECT_EQ(tree.patients[1].attributes.id, "P2");
  const ScannedPatient& png = tree.patients[2];
  EXPECT_EQ(png.attributes.name, "xray.png");
  ASSERT_EQ(png.studies.at(0).series.at(0).images.size(), 1u);
  EXPECT_EQ(png.studies[0].series[0].attributes.modality, "PNG");
  EXPECT_EQ(png.studies[0].series[0].images[0].format, SourceFormat::Png);
  EXPECT_NE(tree.find_image(series.images[0].path), nullptr);

  // Not recursive: only the top folder, which holds no files.
  options.recursive = false;
  EXPECT_EQ(scan_paths({dir.path()}, options).image_count(), 0);
}

TEST(StudyScan, SeveralFilesMissingPathsAndCancel) {
  testing::TempDir dir("scan_files");
  testing::write_dicom(dir.file("one.dcm"), instance_spec("P1", "1.2.3.1", "1.2.3.1.1", 1, 1));
  testing::write_dicom(dir.file("two.dcm"), instance_spec("P1", "1.2.3.1", "1.2.3.1.1", 1, 2));
  const StudyTree tree = scan_paths({dir.file("one.dcm"), dir.file("two.dcm"), dir.file("one.dcm"), dir.file("gone.dcm")});
  EXPECT_EQ(tree.image_count(), 2) << "a file given twice is listed once";
  ASSERT_EQ(tree.errors.size(), 1u);
  EXPECT_EQ(tree.errors[0].message, "file or folder does not exist");

  std::atomic<bool> cancel{true};
  ScanOptions options;
  options.cancel = &cancel;
  const StudyTree cancelled = scan_paths({dir.path()}, options);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.image_count(), 0);
}

// Found by fuzz/fuzz_study_scan.cpp: DCMTK threw std::out_of_range while reading this DICOMDIR's damaged
// directory record, and the exception ended the program. Now the DICOMDIR is a ScanError.
TEST(StudyScan, DamagedDicomdirRecordIsAnError) {
  testing::TempDir dir("damaged_dicomdir");
  const std::string dicomdir = dir.file("DICOMDIR");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/dicomdir_record_type_out_of_range", dicomdir);
  const StudyTree tree = scan_paths({dicomdir});
  ASSERT_EQ(tree.errors.size(), 1u);
  EXPECT_EQ(tree.errors[0].path, dicomdir);
  EXPECT_NE(tree.errors[0].message.find("cannot be read as DICOM"), std::string::npos) << tree.errors[0].message;
  EXPECT_EQ(tree.image_count(), 0);
}

TEST(StudyScan, DicomdirWrittenByDcmtk) {
  testing::TempDir dir("dicomdir");
  fs::create_directories(dir.file("IMAGES"));
  testing::write_dicom(dir.file("IMAGES/IM1"), instance_spec("P1", "1.2.3.1", "1.2.3.1.1", 1, 1));
  testing::write_dicom(dir.file("IMAGES/IM2"), instance_spec("P1", "1.2.3.1", "1.2.3.1.1", 1, 2));
  testing::write_dicom(dir.file("IMAGES/IM3"), instance_spec("P2", "1.2.3.9", "1.2.3.9.1", 1, 1));
  const std::string dicomdir_path = dir.file("DICOMDIR");
  {
    DicomDirInterface dicomdir;
    dicomdir.enableInventMode(OFTrue);
    ASSERT_TRUE(dicomdir.createNewDicomDir(DicomDirInterface::AP_GeneralPurpose, dicomdir_path.c_str(), "TESTSET").good());
    for (const char* file : {"IMAGES/IM1", "IMAGES/IM2", "IMAGES/IM3"}) {
      const OFCondition added = dicomdir.addDicomFile(file, dir.path().c_str());
      ASSERT_TRUE(added.good()) << file << ": " << added.text();
    }
    ASSERT_TRUE(dicomdir.writeDicomDir().good());
  }
  const StudyTree tree = scan_paths({dicomdir_path});
  EXPECT_TRUE(tree.errors.empty()) << (tree.errors.empty() ? "" : tree.errors[0].path + ": " + tree.errors[0].message);
  EXPECT_EQ(tree.image_count(), 3);
  ASSERT_EQ(tree.patients.size(), 2u);
  EXPECT_EQ(tree.patients[0].studies.at(0).series.at(0).images.size(), 2u);

  // A DICOMDIR that references a file which is gone: that file becomes an error, the rest scans.
  fs::remove(dir.file("IMAGES/IM3"));
  const StudyTree partial = scan_paths({dicomdir_path});
  EXPECT_EQ(partial.image_count(), 2);
  ASSERT_EQ(partial.errors.size(), 1u);
  EXPECT_NE(partial.errors[0].path.find("IM3"), std::string::npos);
}

}  // namespace
}  // namespace anatomix::image
