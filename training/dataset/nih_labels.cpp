#include "dataset/nih_labels.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace anatomix::training {
namespace {

std::vector<std::string> split_on(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

}  // namespace

std::vector<NihFilm> read_nih_films(const std::string& files_tsv) {
  std::ifstream stream(files_tsv);
  if (!stream) throw std::runtime_error("Cannot open " + files_tsv + ".");
  std::string line;
  std::getline(stream, line);
  const std::vector<std::string> header = split_on(line, '\t');
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error(files_tsv + " has no column \"" + name + "\".");
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t file = column("file"), patient = column("patient"), split = column("split"),
                    view = column("view"), labels = column("labels");
  std::vector<NihFilm> films;
  while (std::getline(stream, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> fields = split_on(line, '\t');
    if (fields.size() < header.size()) throw std::runtime_error(files_tsv + ": a row has too few columns: " + line);
    films.push_back({fields[file], fields[patient], fields[split], fields[view], split_on(fields[labels], '|')});
  }
  return films;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& nih_findings_of_head_labels() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> map{
      {"Atelectasis", {"Atelectasis"}},         {"Cardiomegaly", {"Cardiomegaly"}},
      {"Consolidation", {"Consolidation"}},     {"Edema", {"Edema"}},
      {"Pleural Effusion", {"Effusion"}},       {"Pneumonia", {"Pneumonia"}},
      {"Pneumothorax", {"Pneumothorax"}},       {"Lung Lesion", {"Mass", "Nodule"}},
      {"Lung Opacity", {"Infiltration"}},       {"No Finding", {"No Finding"}},
  };
  return map;
}

std::optional<bool> head_label_from_nih(const std::string& head_label, const std::vector<std::string>& nih_findings) {
  for (const auto& [label, findings] : nih_findings_of_head_labels()) {
    if (label != head_label) continue;
    for (const std::string& finding : findings)
      if (std::find(nih_findings.begin(), nih_findings.end(), finding) != nih_findings.end()) return true;
    return false;
  }
  return std::nullopt;
}

}  // namespace anatomix::training
