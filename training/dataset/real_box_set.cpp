#include "dataset/real_box_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace anatomix::training {
namespace {

namespace fs = std::filesystem;

// Expert label names that are not the published display names.
const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> map{
      {"Heart", "Cardiac shadow viewed radiologically or Heart"},
      {"Airways (trachea and main bronchi)", "Trachea and Main Bronchus"},
  };
  return map;
}

}  // namespace

std::vector<RealImageTruth> load_real_set(const std::string& directory, const std::vector<std::string>& names,
                                          const std::string& boxes_json) {
  const fs::path path = boxes_json.empty() ? fs::path(directory) / "boxes.json" : fs::path(boxes_json);
  std::ifstream stream(path);
  if (!stream) throw std::runtime_error("Cannot open " + path.string() + ".");
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(stream);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(path.string() + " is not valid JSON: " + error.what());
  }
  std::vector<RealImageTruth> images;
  for (const auto& [file, entry] : document.items()) {
    if (!file.empty() && file[0] == '_') continue;  // "_note" and the like
    const std::string where = path.string() + ", \"" + file + "\"";
    try {
      RealImageTruth image;
      image.file = (fs::path(directory) / file).string();
      if (!fs::exists(image.file)) throw std::runtime_error("the image is missing");
      const auto size = entry.at("size").get<std::vector<int>>();
      if (size.size() != 2 || size[0] <= 0 || size[1] <= 0) throw std::runtime_error("\"size\" is not [w, h]");
      image.view = entry.value("view", "");
      image.boxes.assign(names.size(), Box{});
      int labelled = 0;
      for (const auto& [key, value] : entry.items()) {
        if (key == "size" || key == "view") continue;
        const auto alias = aliases().find(key);
        const std::string name = alias == aliases().end() ? key : alias->second;
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) throw std::runtime_error("\"" + key + "\" is not an anatomy of the model");
        const auto v = value.get<std::vector<float>>();
        if (v.size() != 4 || !(v[0] < v[2] && v[1] < v[3]) || v[0] < 0 || v[1] < 0 || v[2] > size[0] + 1 ||
            v[3] > size[1] + 1)
          throw std::runtime_error("the box of \"" + key + "\" is not x1 < x2, y1 < y2 inside the image");
        image.boxes[static_cast<std::size_t>(it - names.begin())] = Box{v[0], v[1], v[2], v[3]};
        ++labelled;
      }
      if (labelled == 0) throw std::runtime_error("no anatomy box");
      images.push_back(std::move(image));
    } catch (const std::exception& error) {
      throw std::runtime_error(where + ": " + error.what());
    }
  }
  if (images.empty()) throw std::runtime_error(path.string() + " lists no image.");
  return images;
}

}  // namespace anatomix::training
