// The study dataset library on studies generated here: reading, names following the anatomy in mirrored
// acquisitions (boxes and pixels), errors naming the file, and the mirrored reading.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "anatomix/test_support/expect_box.h"
#include "dataset/study_dataset.h"
#include "train_test_support.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;

class StudyDatasetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new test::TempFolder("dataset");
    test::write_test_studies(folder_->path().string(), 160);
  }
  static void TearDownTestSuite() {
    delete folder_;
    folder_ = nullptr;
  }
  static std::string directory() { return folder_->path().string(); }
  static test::TempFolder* folder_;
};
test::TempFolder* StudyDatasetTest::folder_ = nullptr;

const ObjectTruth& object(const StudyTruth& study, const std::string& name) {
  for (const ObjectTruth& o : study.objects)
    if (o.name == name) return o;
  throw std::runtime_error("no object " + name);
}

float centre_x(const Box& box) { return (box.x1 + box.x2) / 2; }

using test_support::expect_box;

// The first <box>(x1,y1),(x2,y2)</box> of a text.
std::array<int, 4> first_box(const std::string& text) {
  std::smatch match;
  static const std::regex pattern(R"(<box>\((\d+),(\d+)\),\((\d+),(\d+)\)</box>)");
  if (!std::regex_search(text, match, pattern)) throw std::runtime_error("no box in " + text);
  return {std::stoi(match[1]), std::stoi(match[2]), std::stoi(match[3]), std::stoi(match[4])};
}

TEST_F(StudyDatasetTest, ReadsEveryStudyInIndexOrder) {
  const std::vector<StudyTruth> studies = load_study_set(directory());
  ASSERT_EQ(studies.size(), static_cast<size_t>(test::kTestStudyCount));
  EXPECT_EQ(studies[0].id, "synth_000000");
  EXPECT_EQ(studies[7].id, "synth_000007");
  for (const StudyTruth& study : studies) {
    EXPECT_TRUE(fs::exists(study.dicom_path)) << study.dicom_path;
    EXPECT_EQ(study.height, 160);
    ASSERT_EQ(study.objects.size(), 36u);
    EXPECT_EQ(study.objects[11].name, "Left lung");
    EXPECT_EQ(study.objects[11].bbox_name, "left lung");
    EXPECT_EQ(study.objects[11].sentence.rfind("Left lung", 0), 0u);
    EXPECT_FALSE(study.report_text.empty());
    EXPECT_FALSE(study.tasks.empty());
  }
  EXPECT_TRUE(studies[4].flipped_acquisition);
  EXPECT_TRUE(studies[5].situs_inversus);
  EXPECT_TRUE(studies[6].flipped_acquisition && studies[6].situs_inversus);
  ASSERT_EQ(studies[4].findings.size(), 1u);
  EXPECT_EQ(studies[4].findings[0].kind, "pleural_effusion");
  EXPECT_EQ(studies[4].chexpert[9], 1);  // Pleural Effusion in the reference order
  EXPECT_EQ(load_study_set(directory(), 3).size(), 3u);
}

// Names follow the anatomy in the stored pixels: the manifest's "Left lung" lies where the patient's left is
// imaged (the image right, or the image left in a mirrored acquisition), the heart on the patient's left
// unless the situs is inverted. Nothing is un-mirrored by header.
TEST_F(StudyDatasetTest, NamesFollowTheAnatomyInTheStoredPixels) {
  for (const StudyTruth& study : load_study_set(directory())) {
    const float middle = study.width / 2.0f;
    const bool patient_left_at_image_right = !study.flipped_acquisition;
    EXPECT_EQ(centre_x(object(study, "Left lung").box) > middle, patient_left_at_image_right) << study.id;
    EXPECT_EQ(centre_x(object(study, "Right lung").box) < middle, patient_left_at_image_right) << study.id;
    const float heart = centre_x(object(study, "Cardiac shadow viewed radiologically;;Heart").box);
    EXPECT_EQ(heart > middle, patient_left_at_image_right != study.situs_inversus) << study.id;
  }
}

TEST_F(StudyDatasetTest, ModelPixelsAreTheFileAsStored) {
  const std::vector<StudyTruth> studies = load_study_set(directory());
  for (const int i : {0, 4}) {
    const StudyTruth& study = studies[static_cast<size_t>(i)];
    const image::Gray8Image file = image::load_model_input(study.dicom_path);
    const image::Gray8Image pixels = load_model_pixels(study);
    ASSERT_EQ(pixels.width, study.width);
    ASSERT_EQ(pixels.height, study.height);
    EXPECT_EQ(pixels.pixels, file.pixels) << study.id;
  }
  EXPECT_TRUE(studies[4].flipped_acquisition);
}

TEST_F(StudyDatasetTest, PixelsDisagreeingWithTheManifestNameTheFile) {
  StudyTruth study = load_study_set(directory())[4];
  study.flipped_acquisition = false;
  try {
    load_model_pixels(study);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(study.dicom_path), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("flipped_acquisition"), std::string::npos) << error.what();
  }
  study.dicom_path = directory() + "/missing.dcm";
  EXPECT_THROW(load_model_pixels(study), std::runtime_error);
}

TEST_F(StudyDatasetTest, BrokenSetsGiveMessagesNamingTheFile) {
  test::TempFolder broken("broken");
  try {
    load_study_set(broken.path().string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("index.json"), std::string::npos) << error.what();
  }
  for (const auto& entry : fs::directory_iterator(directory())) fs::copy(entry.path(), broken.path() / entry.path().filename());
  const fs::path manifest = broken.path() / "synth_000002.json";
  {
    std::ifstream in(manifest);
    nlohmann::json document = nlohmann::json::parse(in);
    document.erase("objects");
    std::ofstream(manifest) << document.dump();
  }
  try {
    load_study_set(broken.path().string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("synth_000002.json"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("objects"), std::string::npos) << error.what();
  }
  std::ofstream(manifest) << "{\"id\": \"trunc";
  try {
    load_study_set(broken.path().string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("synth_000002.json"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("not valid JSON"), std::string::npos) << error.what();
  }
}

// The truth of the mirrored pixels: the same names, sentences, texts and labels, every box mirrored.
TEST_F(StudyDatasetTest, MirroredReadingMirrorsBoxesAndKeepsNamesAndText) {
  const StudyTruth study = load_study_set(directory())[4];
  const StudyTruth mirror = mirrored_reading(study);
  const float width = static_cast<float>(study.width);
  EXPECT_TRUE(mirror.mirrored);
  EXPECT_EQ(mirror.situs_inversus, study.situs_inversus);
  EXPECT_EQ(mirror.chexpert, study.chexpert);
  EXPECT_EQ(mirror.report_text, study.report_text);

  for (size_t i = 0; i < study.objects.size(); ++i) {
    EXPECT_EQ(mirror.objects[i].name, study.objects[i].name);
    EXPECT_EQ(mirror.objects[i].sentence, study.objects[i].sentence);
    expect_box(mirror.objects[i].box, mirror_box(study.objects[i].box, width), 1e-3);
  }
  // The lung named left moves to the other image side with the heart.
  const float middle = width / 2;
  EXPECT_NE(centre_x(object(mirror, "Left lung").box) > middle, centre_x(object(study, "Left lung").box) > middle);

  const FindingTruth& before = study.findings.at(0);
  const FindingTruth& after = mirror.findings.at(0);
  EXPECT_EQ(after.side, before.side);
  EXPECT_EQ(after.phrase, before.phrase);
  EXPECT_EQ(after.anatomies, before.anatomies);
  expect_box(after.boxes.at(0), mirror_box(before.boxes.at(0), width), 1e-3);

  // Task texts unchanged; their boxes mirrored in the 1024 frame, the regions a question asks about too.
  int grounding = 0, regions = 0;
  for (size_t t = 0; t < study.tasks.size(); ++t) {
    for (size_t i = 0; i < study.tasks[t].instructions.size(); ++i) {
      const std::string& before = study.tasks[t].instructions[i];
      const std::string& after = mirror.tasks[t].instructions[i];
      if (before.find("<box>") == std::string::npos) {
        EXPECT_EQ(after, before);
        continue;
      }
      ++regions;
      const auto a = first_box(before);
      const auto b = first_box(after);
      EXPECT_NEAR(b[0], 1024 - a[2], 1) << before << " -> " << after;
      EXPECT_NEAR(b[2], 1024 - a[0], 1) << before << " -> " << after;
      EXPECT_EQ(b[1], a[1]);
      EXPECT_EQ(b[3], a[3]);
      EXPECT_EQ(after.substr(0, after.find("<box>")), before.substr(0, before.find("<box>")));
    }
    if (study.tasks[t].task != "anatomy_grounding") continue;
    ++grounding;
    const auto a = first_box(study.tasks[t].answers[0]);
    const auto b = first_box(mirror.tasks[t].answers[0]);
    EXPECT_NEAR(b[0], 1024 - a[2], 1);
    EXPECT_NEAR(b[2], 1024 - a[0], 1);
    EXPECT_EQ(b[1], a[1]);
    EXPECT_EQ(b[3], a[3]);
  }
  EXPECT_GT(grounding, 0);
  EXPECT_GT(regions, 0);

  // Mirroring twice gives the study back.
  const StudyTruth twice = mirrored_reading(mirror);
  EXPECT_FALSE(twice.mirrored);
  for (size_t i = 0; i < study.objects.size(); ++i) expect_box(twice.objects[i].box, study.objects[i].box, 1e-3);
  for (size_t t = 0; t < study.tasks.size(); ++t) {
    EXPECT_EQ(twice.tasks[t].answers, study.tasks[t].answers);
    EXPECT_EQ(twice.tasks[t].instructions, study.tasks[t].instructions);
  }
}

}  // namespace
}  // namespace anatomix::training
