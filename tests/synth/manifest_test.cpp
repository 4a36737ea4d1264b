// Manifest validity: 36 objects in query order with boxes inside the image, laterality given the
// orientation (checked against the boxes and against the pixels: the heart's side), sentences,
// CheXpert labels and report consistent with the findings, and well-formed task samples.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "synth/square_box.h"
#include "synth/manifest.h"
#include "synth/study_generator.h"

namespace anatomix::synth {
namespace {

using Json = nlohmann::ordered_json;

std::vector<Study> make_studies() {
  GeneratorOptions options;
  options.seed = 2024;
  options.size = 320;
  options.flip_fraction = 0.3;
  options.situs_fraction = 0.3;
  options.abnormal_fraction = 0.9;
  std::vector<Study> studies;
  for (int i = 0; i < 24; ++i) studies.push_back(generate_study(options, i));
  // Make sure every finding kind and both orientation twists are covered at least once.
  const std::vector<std::vector<FindingKind>> forced = {
      {FindingKind::kPleuralEffusion, FindingKind::kCardiomegaly, FindingKind::kPneumothorax},
      {FindingKind::kEdema, FindingKind::kNodule, FindingKind::kEndotrachealTube, FindingKind::kEntericTube},
      {FindingKind::kMass, FindingKind::kCentralLine, FindingKind::kPacemaker, FindingKind::kRibFracture},
      {FindingKind::kConsolidation, FindingKind::kAtelectasis, FindingKind::kClavicleFracture}};
  for (std::size_t k = 0; k < forced.size(); ++k) {
    CaseOverrides o;
    o.findings = forced[k];
    o.flipped = k % 2 == 0;
    o.situs_inversus = k >= 2;
    studies.push_back(generate_study(options, 100 + int(k), o));
  }
  return studies;
}

const std::vector<Study>& studies() {
  static const std::vector<Study> all = make_studies();
  return all;
}

double center_x(const Json& box) { return (box[0].get<double>() + box[2].get<double>()) / 2; }

TEST(Manifest, ThirtySixObjectsInQueryOrderWithBoxesInsideTheImage) {
  for (const auto& s : studies()) {
    const Json j = study_manifest(s, s.id + ".dcm");
    const double w = j["image"]["width"], h = j["image"]["height"];
    ASSERT_EQ(j["objects"].size(), 36u);
    const LetterboxGeometry lb = model_square(int(w), int(h));
    for (int o = 0; o < kAnatomyCount; ++o) {
      const Json& obj = j["objects"][o];
      EXPECT_EQ(obj["index"], o);
      EXPECT_EQ(obj["name"], anatomy_raw_names()[o]);
      ASSERT_TRUE(obj["box"].is_array()) << s.id << " " << obj["name"];
      const Json& b = obj["box"];
      EXPECT_GE(b[0].get<double>(), 0);
      EXPECT_GE(b[1].get<double>(), 0);
      EXPECT_LE(b[2].get<double>(), w);
      EXPECT_LE(b[3].get<double>(), h);
      EXPECT_GT(b[2].get<double>() - b[0].get<double>(), 2) << s.id << " " << obj["name"];
      EXPECT_GT(b[3].get<double>() - b[1].get<double>(), 2) << s.id << " " << obj["name"];
      const Json& q = obj["box_1024"];
      const SquareBox expected =
          square_box_from_source(lb, b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>());
      EXPECT_EQ(q, Json::array({expected.x1, expected.y1, expected.x2, expected.y2}));
      for (int k = 0; k < 4; ++k) {
        EXPECT_GE(q[k].get<int>(), 0);
        EXPECT_LE(q[k].get<int>(), 1024);
      }
    }
  }
}

TEST(Manifest, LeftStructuresLieOnThePatientsLeftGivenTheOrientation) {
  const std::vector<std::pair<int, int>> pairs = {
      {kLeftLung, kRightLung},           {kLeftClavicle, kRightClavicle},       {kLeftHemidiaphragm, kRightHemidiaphragm},
      {kLeftApicalZone, kRightApicalZone}, {kLeftUpperZone, kRightUpperZone},   {kLeftMidZone, kRightMidZone},
      {kLeftLowerZone, kRightLowerZone}, {kLeftHilum, kRightHilum},             {kLeftCostophrenic, kRightCostophrenic},
      {kLeftCardiophrenic, kRightCardiophrenic}, {kLeftUpperAbdomen, kRightUpperAbdomen},
      {kLeftHeartMargin, kRightHeartBorder}};
  int flipped = 0, situs = 0;
  for (const auto& s : studies()) {
    const Json j = study_manifest(s, s.id + ".dcm");
    const Json& orientation = j["orientation"];
    const bool left_on_image_right = orientation["patient_left_image_side"] == "right";
    EXPECT_EQ(orientation["patient_orientation"], left_on_image_right ? "L\\F" : "R\\F");
    EXPECT_EQ(orientation["flipped_acquisition"], !left_on_image_right);
    flipped += orientation["flipped_acquisition"].get<bool>();
    situs += orientation["situs_inversus"].get<bool>();
    for (const auto& [left, right] : pairs) {
      const double l = center_x(j["objects"][left]["box"]), r = center_x(j["objects"][right]["box"]);
      EXPECT_EQ(l > r, left_on_image_right) << s.id << ": " << anatomy_raw_names()[left];
    }
    // The aortic arch is on the heart's side of the spine (mirrored in situs inversus).
    const bool heart_on_patient_left = orientation["heart_patient_side"] == "left";
    EXPECT_EQ(heart_on_patient_left, !orientation["situs_inversus"].get<bool>());
    const bool heart_on_image_right = heart_on_patient_left == left_on_image_right;
    const double spine = center_x(j["objects"][kSpine]["box"]);
    EXPECT_EQ(center_x(j["objects"][kAorticArch]["box"]) > spine, heart_on_image_right) << s.id;
    EXPECT_EQ(center_x(j["objects"][kCardiacShadow]["box"]) > spine, heart_on_image_right) << s.id;
  }
  EXPECT_GT(flipped, 0);
  EXPECT_GT(situs, 0);
}

// The heart is the water-dense mass beside the spine: along each row through the heart, the bright
// mediastinum reaches further from the midline on the heart's side before the dark lung begins. A
// large pleural effusion also whitens a hemithorax, so those cases are left out of this pixel check.
TEST(Manifest, HeartMassLiesOnTheExpectedImageSideInThePixels) {
  int checked = 0;
  for (const auto& s : studies()) {
    const bool large_effusion = std::any_of(s.findings.begin(), s.findings.end(), [](const Finding& f) {
      return f.kind == FindingKind::kPleuralEffusion && f.severity == Severity::kSevere;
    });
    if (large_effusion) continue;
    const Json j = study_manifest(s, s.id + ".dcm");
    const Json& heart = j["objects"][kCardiacShadow]["box"];
    const Json& right_lung = j["objects"][kRightLung]["box"];
    const Json& left_lung = j["objects"][kLeftLung]["box"];
    const int x1 = int(std::min(right_lung[0].get<double>(), left_lung[0].get<double>()));
    const int x2 = int(std::max(right_lung[2].get<double>(), left_lung[2].get<double>()));
    const double top = heart[1].get<double>(), height = heart[3].get<double>() - top;
    const Json& spine = j["objects"][kSpine]["box"];
    const int midline = int(center_x(spine));
    int rows = 0, votes_right = 0;
    for (int y = int(top + 0.35 * height); y < int(top + 0.75 * height); ++y) {
      const std::uint16_t* row = &s.image.pixels[std::size_t(y) * s.image.width];
      std::vector<std::uint16_t> values(row + x1, row + x2);
      std::nth_element(values.begin(), values.begin() + values.size() * 35 / 100, values.end());
      const std::uint16_t threshold = values[values.size() * 35 / 100];
      int right = midline, left = midline;
      while (right < x2 - 1 && row[right] > threshold) ++right;
      while (left > x1 && row[left] > threshold) --left;
      ++rows;
      votes_right += (right - midline) > (midline - left);
    }
    ASSERT_GT(rows, 3) << s.id;
    const bool expected_right = (j["orientation"]["heart_patient_side"] == "left") ==
                                (j["orientation"]["patient_left_image_side"] == "right");
    const double share_right = double(votes_right) / rows;
    EXPECT_EQ(share_right > 0.5, expected_right) << s.id << ": share of rows whose mediastinum reaches further right "
                                                 << share_right;
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

TEST(Manifest, SentencesLabelsAndReportFollowTheFindings) {
  for (const auto& s : studies()) {
    const Json j = study_manifest(s, s.id + ".dcm");
    for (int o = 0; o < kAnatomyCount; ++o) {
      const std::string name = anatomy_raw_names()[o];
      const std::string sentence = j["objects"][o]["sentence"];
      std::set<std::string> expected;
      for (const auto& f : j["findings"])
        if (std::find(f["anatomies"].begin(), f["anatomies"].end(), name) != f["anatomies"].end())
          for (const auto& attribute : f["attributes"]) {
            const std::string a = attribute;
            expected.insert(a.substr(a.rfind('|') + 1));
          }
      if (expected.empty()) {
        EXPECT_EQ(sentence, name + " is healthy.");
      } else {
        EXPECT_EQ(sentence.rfind(name + " shows ", 0), 0u) << sentence;
        EXPECT_EQ(sentence.back(), '.');
        for (const auto& finding : expected) EXPECT_NE(sentence.find(finding), std::string::npos) << sentence;
      }
    }
    // CheXpert: a label is positive exactly when a finding makes it so; No Finding otherwise.
    std::set<std::string> positive;
    bool pathology = false;
    for (const auto& f : j["findings"])
      for (const auto& label : f["chexpert"]) {
        positive.insert(label.get<std::string>());
        pathology |= label != "Support Devices";
      }
    for (const auto& name : chexpert_label_names()) {
      const int expected = name == "No Finding" ? !pathology : int(positive.count(name));
      EXPECT_EQ(j["chexpert"][name].get<int>(), expected) << s.id << " " << name;
    }
    // The report names each finding and denies the common ones that are absent.
    const std::string report = j["report"]["text"];
    EXPECT_EQ(report.rfind("Findings:\n", 0), 0u);
    EXPECT_NE(report.find("\n\nImpression:\n"), std::string::npos);
    std::set<std::string> kinds;
    for (const auto& f : j["findings"]) {
      kinds.insert(f["kind"].get<std::string>());
      ASSERT_FALSE(f["boxes"].empty()) << f["kind"];
      for (const auto& b : f["boxes"]) ASSERT_TRUE(b.is_array()) << s.id << " " << f["kind"] << " drew nothing";
    }
    EXPECT_EQ(report.find("No pleural effusion.") != std::string::npos, !kinds.count("pleural_effusion")) << report;
    EXPECT_EQ(report.find("No pneumothorax.") != std::string::npos, !kinds.count("pneumothorax")) << report;
    EXPECT_EQ(report.find("Heart size is normal.") != std::string::npos, !kinds.count("cardiomegaly")) << report;
    EXPECT_EQ(report.find("No acute cardiopulmonary process.") != std::string::npos, !pathology) << report;
  }
}

TEST(Manifest, TaskSamplesAreWellFormed) {
  const std::regex box_re(R"(<box>\((-?\d+),(-?\d+)\),\((-?\d+),(-?\d+)\)</box>)");
  std::set<std::string> tasks_seen;
  for (const auto& s : studies()) {
    const Json j = study_manifest(s, s.id + ".dcm");
    for (const auto& t : j["tasks"]) {
      const std::string task = t["task"];
      tasks_seen.insert(task);
      ASSERT_FALSE(t["instructions"].empty());
      ASSERT_FALSE(t["answers"].empty());
      for (const auto& field : {t["instructions"], t["answers"]})
        for (const auto& text : field) {
          const std::string str = text;
          ASSERT_FALSE(str.empty()) << task;
          for (auto it = std::sregex_iterator(str.begin(), str.end(), box_re); it != std::sregex_iterator(); ++it) {
            const int x1 = std::stoi((*it)[1]), y1 = std::stoi((*it)[2]), x2 = std::stoi((*it)[3]), y2 = std::stoi((*it)[4]);
            EXPECT_TRUE(x1 >= 0 && y1 >= 0 && x2 <= 1024 && y2 <= 1024 && x1 < x2 && y1 < y2) << str;
          }
          // Every "<box>" must be a complete, parseable box.
          std::size_t boxes = 0, at = 0;
          while ((at = str.find("<box>", at)) != std::string::npos) ++boxes, ++at;
          EXPECT_EQ(boxes, std::size_t(std::distance(std::sregex_iterator(str.begin(), str.end(), box_re), std::sregex_iterator())))
              << str;
        }
      if (task == "anatomy_grounding") {
        const std::string answer = t["answers"][0];
        std::smatch name;
        ASSERT_TRUE(std::regex_search(answer, name, std::regex("<ref>(.*)</ref>")));
        const auto& names = anatomy_raw_names();
        const int o = int(std::find(names.begin(), names.end(), name[1].str()) - names.begin());
        ASSERT_LT(o, kAnatomyCount) << answer;
        const Json& q = j["objects"][o]["box_1024"];
        const std::string expected = "<box>(" + std::to_string(q[0].get<int>()) + "," + std::to_string(q[1].get<int>()) +
                                     "),(" + std::to_string(q[2].get<int>()) + "," + std::to_string(q[3].get<int>()) + ")</box>";
        for (const auto& a : t["answers"]) EXPECT_NE(a.get<std::string>().find(expected), std::string::npos) << a;
      }
      if (task == "report_generation") {
        EXPECT_EQ(t["instructions"][0], "Generate report:");
        EXPECT_EQ(t["answers"][0], j["report"]["text"]);
      }
      if (task == "phrase_grounding" && t["style"] == "ms_cxr") {
        const std::string instruction = t["instructions"][0];
        const std::string phrase = instruction.substr(std::string("Please locate the following phrase: ").size());
        EXPECT_EQ(t["answers"][0].get<std::string>().rfind("<ref>" + phrase + "</ref><box>", 0), 0u);
      }
      if (task == "classification" && t["instructions"][0].get<std::string>().find("There may be more than one answer.") !=
                                          std::string::npos) {
        const std::string text = t["instructions"][0];
        EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 15) << text;  // header + 14 options + suffix
      }
      if (task == "abnormality_detection" && !s.findings.empty()) {
        bool pathology = false;
        for (const auto& f : s.findings) pathology |= !is_support_device(f.kind);
        EXPECT_EQ(t["answers"][0] == "No abnormalities detected.", !pathology);
      }
    }
  }
  EXPECT_EQ(tasks_seen, (std::set<std::string>{"phrase_grounding", "anatomy_grounding", "grounded_diagnosis",
                                                "grounded_captioning", "report_generation", "vqa_closed", "vqa_open",
                                                "classification", "abnormality_detection"}));
}

}  // namespace
}  // namespace anatomix::synth
