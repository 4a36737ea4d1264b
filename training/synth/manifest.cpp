#include "synth/manifest.h"

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "synth/square_box.h"

namespace anatomix::synth {
namespace {

using Json = nlohmann::ordered_json;

Json pixel_box(const Box& b) {
  if (!b.valid) return nullptr;
  return Json::array({b.x1, b.y1, b.x2, b.y2});
}

Json square_box(const LetterboxGeometry& lb, const Box& b) {
  if (!b.valid) return nullptr;
  const SquareBox s = square_box_from_source(lb, b.x1, b.y1, b.x2, b.y2);
  return Json::array({s.x1, s.y1, s.x2, s.y2});
}

}  // namespace

Json study_manifest(const Study& s, const std::string& dicom_file_name) {
  const LetterboxGeometry lb = model_square(s.image.width, s.image.height);
  Json j;
  j["manifest_version"] = kManifestVersion;
  j["id"] = s.id;
  j["dicom"] = dicom_file_name;
  j["seed"] = s.seed;
  j["index"] = s.index;
  j["synthetic"] = true;
  j["image"] = {{"width", s.image.width},
                {"height", s.image.height},
                {"bits_stored", s.image.bits_stored},
                {"photometric", s.dicom.photometric},
                {"transfer_syntax", s.dicom.jpeg_lossless ? "1.2.840.10008.1.2.4.70" : "1.2.840.10008.1.2.1"},
                {"view_position", s.dicom.view_position},
                {"pixel_spacing_mm", s.dicom.pixel_spacing_mm},
                {"imager_pixel_spacing_mm", std::round(s.dicom.pixel_spacing_mm * s.dicom.magnification * 1e4) / 1e4},
                {"window_center", s.dicom.window_center},
                {"window_width", s.dicom.window_width}};
  j["letterbox"] = {{"side", kModelSide}, {"pad_x", lb.pad_x}, {"pad_y", lb.pad_y}};
  j["orientation"] = {{"patient_orientation", s.dicom.patient_orientation},
                      {"flipped_acquisition", s.flipped_acquisition()},
                      {"situs_inversus", s.situs_inversus()},
                      {"patient_left_image_side", s.patient_left_image_side()},
                      {"heart_patient_side", s.thorax.heart_side == kLeftSide ? "left" : "right"}};
  // The heart's transverse diameter over the thorax's, as drawn (thorax.h); AP views are drawn with
  // the same ratio, so the magnification of an AP film is not in it.
  j["cardiothoracic_ratio"] = std::round(s.thorax.options.cardiothoracic_ratio * 1e4) / 1e4;

  Json objects = Json::array();
  for (int o = 0; o < kAnatomyCount; ++o) {
    objects.push_back({{"index", o},
                       {"name", anatomy_raw_names()[o]},
                       {"display_name", anatomy_display_names()[o]},
                       {"bbox_name", anatomy_bbox_names()[o]},
                       {"box", pixel_box(s.anatomy_boxes[o])},
                       {"box_1024", square_box(lb, s.anatomy_boxes[o])},
                       {"sentence", s.sentences[o]}});
  }
  j["objects"] = objects;

  Json findings = Json::array();
  for (const auto& f : s.findings) {
    Json boxes = Json::array(), boxes_1024 = Json::array(), anatomies = Json::array(), attributes = Json::array(),
         labels = Json::array();
    for (const auto& b : f.boxes) {
      boxes.push_back(pixel_box(b));
      boxes_1024.push_back(square_box(lb, b));
    }
    for (int o : f.anatomies) anatomies.push_back(anatomy_raw_names()[o]);
    for (const auto& [category, name] : f.attributes) attributes.push_back(category + "|yes|" + name);
    for (int label : f.chexpert) labels.push_back(chexpert_label_names()[label]);
    findings.push_back({{"kind", finding_kind_name(f.kind)},
                        {"class_name", f.class_name},
                        {"phrase", f.phrase},
                        {"severity", is_support_device(f.kind) ? Json(nullptr) : Json(severity_name(f.severity))},
                        {"side", f.side == kLeftSide ? "left" : f.side == kRightSide ? "right" : "none"},
                        {"support_device", is_support_device(f.kind)},
                        {"anatomies", anatomies},
                        {"attributes", attributes},
                        {"chexpert", labels},
                        {"boxes", boxes},
                        {"boxes_1024", boxes_1024}});
  }
  j["findings"] = findings;
  j["report"] = {{"findings", s.report.findings}, {"impression", s.report.impression}, {"text", s.report.text()}};
  Json chexpert;
  for (int i = 0; i < kChexpertCount; ++i) chexpert[chexpert_label_names()[i]] = s.chexpert[i];
  j["chexpert"] = chexpert;
  Json tasks = Json::array();
  for (const auto& t : s.tasks)
    tasks.push_back({{"task", t.task}, {"style", t.style}, {"instructions", t.instructions}, {"answers", t.answers}});
  j["tasks"] = tasks;
  return j;
}

void write_json_file(const Json& json, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(path + ": cannot open for writing");
  out << json.dump(2) << '\n';
  if (!out) throw std::runtime_error(path + ": write failed");
}

}  // namespace anatomix::synth
