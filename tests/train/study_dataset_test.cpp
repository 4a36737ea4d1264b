// The study dataset library on studies generated here: reading, standard display of mirrored
// acquisitions (boxes and pixels), errors naming the file, and the mirrored reading.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
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

void expect_box_eq(const Box& a, const Box& b) {
  EXPECT_NEAR(a.x1, b.x1, 1e-3);
  EXPECT_NEAR(a.y1, b.y1, 1e-3);
  EXPECT_NEAR(a.x2, b.x2, 1e-3);
  EXPECT_NEAR(a.y2, b.y2, 1e-3);
}

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

TEST_F(StudyDatasetTest, StandardDisplayPutsThePatientsLeftOnTheImageRight) {
  for (const StudyTruth& raw : load_study_set(directory())) {
    const StudyTruth standard = in_standard_display(raw);
    const float middle = standard.width / 2.0f;
    EXPECT_GT(centre_x(object(standard, "Left lung").box), middle) << standard.id;
    EXPECT_LT(centre_x(object(standard, "Right lung").box), middle) << standard.id;
    // The heart follows the situs; the positional heart borders follow the patient's sides.
    const float heart = centre_x(object(standard, "Cardiac shadow viewed radiologically;;Heart").box);
    if (standard.situs_inversus) EXPECT_LT(heart, middle) << standard.id;
    else EXPECT_GT(heart, middle) << standard.id;
    EXPECT_LT(centre_x(object(standard, "Right border of heart viewed radiologically").box),
              centre_x(object(standard, "Structure of left margin of heart").box))
        << standard.id;
    if (raw.flipped_acquisition) {
      expect_box_eq(object(standard, "Left lung").box, mirror_box(object(raw, "Left lung").box, raw.width));
      const auto raw_box = first_box(raw.tasks[0].answers[0]);
      const auto standard_box = first_box(standard.tasks[0].answers[0]);
      EXPECT_NEAR(standard_box[0], 1024 - raw_box[2], 1);
      EXPECT_EQ(standard_box[1], raw_box[1]);
    } else {
      expect_box_eq(object(standard, "Left lung").box, object(raw, "Left lung").box);
    }
    const StudyTruth again = in_standard_display(standard);
    expect_box_eq(object(again, "Left lung").box, object(standard, "Left lung").box);
  }
}

TEST_F(StudyDatasetTest, StandardDisplayPixelsAreTheFileMirroredBackWhenMirrored) {
  const std::vector<StudyTruth> studies = load_study_set(directory());
  for (const int i : {0, 4}) {
    const StudyTruth& study = studies[static_cast<size_t>(i)];
    const image::Gray8Image file = image::load_model_input(study.dicom_path);
    const image::Gray8Image standard = load_standard_display_pixels(study);
    ASSERT_EQ(standard.width, study.width);
    ASSERT_EQ(standard.height, study.height);
    EXPECT_EQ(standard.pixels, study.flipped_acquisition ? image::mirrored(file).pixels : file.pixels) << study.id;
  }
}

TEST_F(StudyDatasetTest, PixelsDisagreeingWithTheManifestNameTheFile) {
  StudyTruth study = load_study_set(directory())[4];
  study.flipped_acquisition = false;
  try {
    load_standard_display_pixels(study);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(study.dicom_path), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("flipped_acquisition"), std::string::npos) << error.what();
  }
  study.dicom_path = directory() + "/missing.dcm";
  EXPECT_THROW(load_standard_display_pixels(study), std::runtime_error);
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

TEST_F(StudyDatasetTest, MirroredReadingSwapsSidesBoxesAndText) {
  const StudyTruth standard = in_standard_display(load_study_set(directory())[4]);
  const StudyTruth mirror = mirrored_reading(standard);
  const float width = static_cast<float>(standard.width);
  EXPECT_TRUE(mirror.mirrored);
  EXPECT_NE(mirror.situs_inversus, standard.situs_inversus);
  EXPECT_EQ(mirror.chexpert, standard.chexpert);

  // A left structure lands on the right: the mirrored "Left lung" is the mirror of "Right lung".
  expect_box_eq(object(mirror, "Left lung").box, mirror_box(object(standard, "Right lung").box, width));
  expect_box_eq(object(mirror, "Right lung").box, mirror_box(object(standard, "Left lung").box, width));
  EXPECT_GT(centre_x(object(mirror, "Left lung").box), width / 2);
  expect_box_eq(object(mirror, "Structure of left margin of heart").box,
                mirror_box(object(standard, "Right border of heart viewed radiologically").box, width));
  // Unpaired names keep their name; their own box is mirrored.
  expect_box_eq(object(mirror, "Right atrial structure").box, mirror_box(object(standard, "Right atrial structure").box, width));
  expect_box_eq(object(mirror, "Structure of carina").box, mirror_box(object(standard, "Structure of carina").box, width));

  // Sentences: each object's own name with its partner's findings.
  const std::string right_tail = object(standard, "Right lung").sentence.substr(std::string("Right lung").size());
  EXPECT_EQ(object(mirror, "Left lung").sentence, "Left lung" + right_tail);
  const std::string border_tail =
      object(standard, "Structure of left margin of heart").sentence.substr(std::string("Structure of left margin of heart").size());
  EXPECT_EQ(object(mirror, "Right border of heart viewed radiologically").sentence,
            "Right border of heart viewed radiologically" + border_tail);
  EXPECT_EQ(object(mirror, "Right atrial structure").sentence.rfind("Right atrial structure", 0), 0u);

  // The finding changes side, with its phrase, anatomies and boxes.
  const FindingTruth& before = standard.findings.at(0);
  const FindingTruth& after = mirror.findings.at(0);
  ASSERT_NE(before.side, "none");
  EXPECT_EQ(after.side, before.side == "left" ? "right" : "left");
  EXPECT_EQ(after.phrase, swap_left_right(before.phrase, {}));
  EXPECT_NE(after.phrase, before.phrase);
  for (const std::string& anatomy : after.anatomies) EXPECT_EQ(anatomy.find(before.side == "left" ? "Left" : "Right"), std::string::npos) << anatomy;
  expect_box_eq(after.boxes.at(0), mirror_box(before.boxes.at(0), width));
  EXPECT_NE(mirror.report_text.find(after.phrase.substr(after.phrase.find(after.side))), std::string::npos) << mirror.report_text;

  // Task texts and their boxes in the 1024 frame.
  for (size_t t = 0; t < standard.tasks.size(); ++t) {
    if (standard.tasks[t].task != "anatomy_grounding") continue;
    EXPECT_EQ(mirror.tasks[t].instructions[0], swap_left_right(standard.tasks[t].instructions[0], anatomy_name_forms(standard)));
    const auto a = first_box(standard.tasks[t].answers[0]);
    const auto b = first_box(mirror.tasks[t].answers[0]);
    EXPECT_NEAR(b[0], 1024 - a[2], 1);
    EXPECT_NEAR(b[2], 1024 - a[0], 1);
    EXPECT_EQ(b[1], a[1]);
    EXPECT_EQ(b[3], a[3]);
  }

  // Mirroring twice gives the standard reading back.
  const StudyTruth twice = mirrored_reading(mirror);
  EXPECT_FALSE(twice.mirrored);
  for (size_t i = 0; i < standard.objects.size(); ++i) {
    expect_box_eq(twice.objects[i].box, standard.objects[i].box);
    EXPECT_EQ(twice.objects[i].sentence, standard.objects[i].sentence);
  }
  EXPECT_EQ(twice.report_text, standard.report_text);
}

TEST_F(StudyDatasetTest, MirroredReadingTogglesTheSitusSentence) {
  const std::vector<StudyTruth> studies = load_study_set(directory());
  const StudyTruth usual = mirrored_reading(in_standard_display(studies[0]));
  EXPECT_EQ(studies[0].report_text.find("Dextrocardia"), std::string::npos);
  const size_t situs = usual.report_text.find("Dextrocardia with a right-sided aortic arch");
  ASSERT_NE(situs, std::string::npos) << usual.report_text;
  EXPECT_LT(situs, usual.report_text.find("The mediastinal contours are normal."));
  const StudyTruth inversus = mirrored_reading(in_standard_display(studies[5]));
  EXPECT_NE(studies[5].report_text.find("Dextrocardia"), std::string::npos);
  EXPECT_EQ(inversus.report_text.find("Dextrocardia"), std::string::npos) << inversus.report_text;
  EXPECT_EQ(inversus.report_text.find("left-sided"), std::string::npos) << inversus.report_text;
}

TEST_F(StudyDatasetTest, MirroredReadingNeedsStandardDisplay) {
  const StudyTruth raw = load_study_set(directory())[4];
  EXPECT_THROW(mirrored_reading(raw), std::invalid_argument);
}

}  // namespace
}  // namespace anatomix::training
