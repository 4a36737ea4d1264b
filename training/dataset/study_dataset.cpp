#include "dataset/study_dataset.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "anatomix/image/image_decoder.h"
#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "anatomix/named_logger.h"
#include "bundle_config.h"
#include "prompts.h"
#include "anatomix/letterbox.h"
#include "synth/square_box.h"

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_json(const fs::path& path) {
  std::ifstream stream(path);
  if (!stream) throw std::runtime_error("Cannot open " + path.string() + ".");
  try {
    return json::parse(stream);
  } catch (const json::exception& error) {
    throw std::runtime_error(path.string() + " is not valid JSON: " + error.what());
  }
}

Box read_box(const json& value) {
  const auto v = value.get<std::vector<float>>();
  if (v.size() != 4) throw std::runtime_error("a box has " + std::to_string(v.size()) + " numbers, expected 4");
  if (!(v[0] <= v[2] && v[1] <= v[3])) throw std::runtime_error("a box has x2 < x1 or y2 < y1");
  return Box{v[0], v[1], v[2], v[3]};
}

StudyTruth read_manifest(const fs::path& manifest_path, const fs::path& directory) {
  const json m = read_json(manifest_path);
  StudyTruth study;
  try {
    study.id = m.at("id").get<std::string>();
    study.dicom_path = fs::absolute(directory / m.at("dicom").get<std::string>()).string();
    study.width = m.at("image").at("width").get<int>();
    study.height = m.at("image").at("height").get<int>();
    if (study.width <= 0 || study.height <= 0 || study.width > 65535 || study.height > 65535)
      throw std::runtime_error("image size " + std::to_string(study.width) + "x" + std::to_string(study.height) +
                               " is not a radiograph size");
    study.flipped_acquisition = m.at("orientation").at("flipped_acquisition").get<bool>();
    study.situs_inversus = m.at("orientation").at("situs_inversus").get<bool>();

    const auto& names = published_anatomy_names();
    const json& objects = m.at("objects");
    if (objects.size() != names.size())
      throw std::runtime_error("\"objects\" has " + std::to_string(objects.size()) + " entries, expected " +
                               std::to_string(names.size()));
    for (size_t i = 0; i < objects.size(); ++i) {
      const json& o = objects[i];
      ObjectTruth object;
      object.index = o.at("index").get<int>();
      object.name = o.at("name").get<std::string>();
      object.display_name = o.at("display_name").get<std::string>();
      if (object.index != static_cast<int>(i) || object.display_name != names[i])
        throw std::runtime_error("object " + std::to_string(i) + " is \"" + object.display_name + "\" (index " +
                                 std::to_string(object.index) + "), expected \"" + names[i] + "\" in query order");
      object.bbox_name = o.at("bbox_name").get<std::string>();
      object.box = read_box(o.at("box"));
      object.sentence = o.at("sentence").get<std::string>();
      study.objects.push_back(std::move(object));
    }
    for (const json& f : m.at("findings")) {
      FindingTruth finding;
      finding.kind = f.at("kind").get<std::string>();
      finding.class_name = f.at("class_name").get<std::string>();
      finding.phrase = f.at("phrase").get<std::string>();
      finding.side = f.at("side").get<std::string>();
      finding.support_device = f.at("support_device").get<bool>();
      finding.anatomies = f.at("anatomies").get<std::vector<std::string>>();
      finding.chexpert = f.at("chexpert").get<std::vector<std::string>>();
      for (const json& box : f.at("boxes")) finding.boxes.push_back(read_box(box));
      study.findings.push_back(std::move(finding));
    }
    study.report_text = m.at("report").at("text").get<std::string>();
    const auto& labels = chexpert_labels();
    for (size_t i = 0; i < labels.size(); ++i) study.chexpert[i] = m.at("chexpert").at(labels[i]).get<int>();
    for (const json& t : m.at("tasks")) {
      TaskSample task;
      task.task = t.at("task").get<std::string>();
      task.style = t.at("style").get<std::string>();
      task.instructions = t.at("instructions").get<std::vector<std::string>>();
      task.answers = t.at("answers").get<std::vector<std::string>>();
      study.tasks.push_back(std::move(task));
    }
  } catch (const json::exception& error) {
    throw std::runtime_error("Manifest " + manifest_path.string() + " has the wrong layout: " + error.what());
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("Manifest " + manifest_path.string() + ": " + error.what());
  }
  return study;
}

// Every <box>(x1,y1),(x2,y2)</box> of `text` mirrored in the published 1024 frame of an image of
// width x height: back to original pixels through the letterbox, mirrored there, and forward again
// (exact also when the padding leaves the frame one pixel short of square).
std::string mirror_text_boxes(const std::string& text, int width, int height) {
  static const std::regex box_pattern(R"(<box>\((-?\d+),(-?\d+)\),\((-?\d+),(-?\d+)\)</box>)");
  const LetterboxGeometry geometry = synth::model_square(width, height);  // the frame of the *_1024 boxes
  auto mirror_x = [&](int x) {
    const double source = geometry.model_to_source_x(x);
    return static_cast<int>(std::lround(geometry.source_to_model_x(width - source)));
  };
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), box_pattern);
  std::size_t cursor = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& match = *it;
    out += text.substr(cursor, static_cast<std::size_t>(match.position(0)) - cursor);
    const int x1 = std::stoi(match[1]), y1 = std::stoi(match[2]), x2 = std::stoi(match[3]), y2 = std::stoi(match[4]);
    out += "<box>(" + std::to_string(mirror_x(x2)) + "," + std::to_string(y1) + "),(" + std::to_string(mirror_x(x1)) +
           "," + std::to_string(y2) + ")</box>";
    cursor = static_cast<std::size_t>(match.position(0) + match.length(0));
  }
  return out + text.substr(cursor);
}

}  // namespace

int anatomy_index(const std::string& name, const std::vector<std::string>& anatomies) {
  const std::string shown = published_display_name(name);
  auto same = [](const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (size_t i = 0; i < anatomies.size(); ++i)
    if (same(anatomies[i], name) || same(anatomies[i], shown)) return static_cast<int>(i);
  return -1;
}

std::vector<StudyTruth> load_study_set(const std::string& directory, int limit) {
  const fs::path root(directory);
  const fs::path index_path = root / "index.json";
  if (!fs::is_directory(root)) throw std::runtime_error("Study set " + directory + " is not a directory.");
  const json index = read_json(index_path);
  std::vector<std::string> manifests;
  try {
    for (const json& entry : index.at("studies")) manifests.push_back(entry.at("manifest").get<std::string>());
  } catch (const json::exception& error) {
    throw std::runtime_error("Study index " + index_path.string() + " has the wrong layout: " + error.what());
  }
  if (manifests.empty()) throw std::runtime_error("Study index " + index_path.string() + " lists no studies.");
  if (limit > 0 && static_cast<size_t>(limit) < manifests.size()) manifests.resize(static_cast<size_t>(limit));
  std::vector<StudyTruth> studies;
  studies.reserve(manifests.size());
  for (const std::string& manifest : manifests) studies.push_back(read_manifest(root / manifest, root));
  named_logger("training")->debug("study set {}: {} studies", directory, studies.size());
  return studies;
}

image::Gray8Image load_model_pixels(const StudyTruth& study) {
  image::DecodedImage decoded;
  try {
    decoded = image::decode_image(study.dicom_path);
  } catch (const std::exception& error) {
    throw std::runtime_error("Study " + study.id + ": cannot decode " + study.dicom_path + ": " + error.what());
  }
  image::Gray8Image pixels = image::to_model_input(decoded);
  if (pixels.width != study.width || pixels.height != study.height)
    throw std::runtime_error("Study " + study.id + ": " + study.dicom_path + " is " + std::to_string(pixels.width) +
                             "x" + std::to_string(pixels.height) + ", its manifest says " +
                             std::to_string(study.width) + "x" + std::to_string(study.height) + ".");
  const bool mirrored_file = image::is_mirrored_acquisition(decoded);
  if (mirrored_file != study.flipped_acquisition)
    throw std::runtime_error("Study " + study.id + ": " + study.dicom_path + " says Patient Orientation row " +
                             (decoded.instance.patient_orientation_row.empty() ? std::string("(none)")
                                                                               : decoded.instance.patient_orientation_row) +
                             ", its manifest says flipped_acquisition " +
                             (study.flipped_acquisition ? "true" : "false") + ".");
  return pixels;
}

StudyTruth mirrored_reading(const StudyTruth& study) {
  const float width = static_cast<float>(study.width);
  StudyTruth out = study;
  out.mirrored = !study.mirrored;
  for (ObjectTruth& object : out.objects) object.box = mirror_box(object.box, width);
  for (FindingTruth& finding : out.findings)
    for (Box& box : finding.boxes) box = mirror_box(box, width);
  // The region a grounded diagnosis or caption asks about moves with the pixels as the answers' boxes do.
  for (TaskSample& task : out.tasks) {
    for (std::string& instruction : task.instructions)
      instruction = mirror_text_boxes(instruction, study.width, study.height);
    for (std::string& answer : task.answers) answer = mirror_text_boxes(answer, study.width, study.height);
  }
  return out;
}

}  // namespace anatomix::training
