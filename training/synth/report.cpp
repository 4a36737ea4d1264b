#include "synth/report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace anatomix::synth {
namespace {

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

const char* side_word(int side) { return side == kLeftSide ? "left" : "right"; }
const char* zone_word(int zone) { return zone == kUpperZone ? "upper" : zone == kMidZone ? "mid" : "lower"; }
const char* adverb(Severity s) { return s == Severity::kMild ? "mildly" : s == Severity::kModerate ? "moderately" : "severely"; }

std::string ordinal(int n) {
  static const char* words[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};
  return n >= 1 && n <= 10 ? words[n - 1] : std::to_string(n) + "th";
}

bool has(const std::vector<Finding>& findings, FindingKind kind) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.kind == kind; });
}

std::string finding_sentence(const Finding& f, const Thorax& t, double mm) {
  const std::string side = side_word(f.side);
  switch (f.kind) {
    case FindingKind::kPleuralEffusion:
      return "There is a " + f.phrase + ".";
    case FindingKind::kConsolidation:
      return "There is " + f.phrase + (f.pneumonia ? ", concerning for pneumonia." : ".");
    case FindingKind::kAtelectasis:
      return capitalized(severity_name(f.severity)) + " atelectasis in the " + side + " " + zone_word(f.zone) + " lung zone.";
    case FindingKind::kPneumothorax:
      return "There is a " + f.phrase + ".";
    case FindingKind::kCardiomegaly:
      return std::string("The heart is ") + adverb(f.severity) + " enlarged.";
    case FindingKind::kEdema:
      return capitalized(f.phrase) + " with perihilar haziness and septal lines.";
    case FindingKind::kNodule:
      return "A " + std::to_string(int(std::lround(2 * f.size * mm))) + " mm nodule is seen in the " + side + " " +
             zone_word(f.zone) + " lung zone.";
    case FindingKind::kMass:
      return "A " + std::to_string(int(std::lround(2 * f.size * mm / 10))) + " cm mass is seen in the " + side + " " +
             zone_word(f.zone) + " lung zone.";
    case FindingKind::kEndotrachealTube: {
      const double cm = (t.carina.y - f.path.back().y) * mm / 10;
      return "Endotracheal tube terminates " + std::to_string(int(std::lround(cm))) + " cm above the carina.";
    }
    case FindingKind::kCentralLine:
      return "Right internal jugular central venous catheter terminates at the cavoatrial junction.";
    case FindingKind::kEntericTube:
      return "Enteric tube courses below the diaphragm with its tip in the stomach.";
    case FindingKind::kPacemaker:
      return capitalized(side) + " chest wall pacemaker with leads in the right atrium and right ventricle.";
    case FindingKind::kRibFracture:
      return "There is a fracture of the " + side + " " + ordinal(f.rib + 1) + " posterior rib.";
    case FindingKind::kClavicleFracture:
      return "There is a fracture of the " + side + " clavicle.";
  }
  return {};
}

}  // namespace

std::string Report::text() const {
  std::string out;
  if (!findings.empty()) out += "Findings:\n" + findings;
  if (!impression.empty()) out += (out.empty() ? "" : "\n\n") + std::string("Impression:\n") + impression;
  return out;
}

std::array<std::string, kAnatomyCount> object_sentences(const std::vector<Finding>& findings) {
  std::array<std::string, kAnatomyCount> out;
  const auto& names = anatomy_raw_names();
  for (int o = 0; o < kAnatomyCount; ++o) {
    // category -> sorted unique findings; anatomical findings first, then the other categories in
    // a fixed order (the published code's order here depends on a set's hash order).
    std::map<std::string, std::set<std::string>> by_category;
    for (const auto& f : findings)
      if (std::find(f.anatomies.begin(), f.anatomies.end(), o) != f.anatomies.end())
        for (const auto& [category, name] : f.attributes) by_category[category].insert(name);
    std::vector<std::string> groups;
    auto join = [](const std::set<std::string>& items) {
      std::string s;
      for (const auto& item : items) s += (s.empty() ? "" : " and ") + item;
      return s;
    };
    if (by_category.count("anatomicalfinding")) groups.push_back(join(by_category["anatomicalfinding"]));
    for (const auto& [category, items] : by_category)
      if (category != "anatomicalfinding") groups.push_back(join(items));
    if (groups.empty()) {
      out[o] = names[o] + " is healthy.";
      continue;
    }
    std::string joined;
    for (const auto& g : groups) joined += (joined.empty() ? "" : " and ") + g;
    out[o] = names[o] + " shows " + joined + ".";
  }
  return out;
}

std::array<int, kChexpertCount> chexpert_labels(const std::vector<Finding>& findings) {
  std::array<int, kChexpertCount> labels{};
  for (const auto& f : findings)
    for (int label : f.chexpert) labels[label] = 1;
  bool pathology = false;
  for (int i = 0; i < kChexpertCount; ++i)
    if (i != kSupportDevicesLabel && i != kNoFindingLabel && labels[i]) pathology = true;
  labels[kNoFindingLabel] = pathology ? 0 : 1;
  return labels;
}

Report write_report(const Thorax& t, const std::vector<Finding>& findings, double mm) {
  std::vector<std::string> lines;
  for (const auto& f : findings)
    if (is_support_device(f.kind)) lines.push_back(finding_sentence(f, t, mm));
  if (t.options.situs_inversus)
    lines.push_back("Dextrocardia with a right-sided aortic arch and a right-sided gastric bubble, consistent with situs inversus.");
  if (!has(findings, FindingKind::kCardiomegaly)) lines.push_back("Heart size is normal.");
  lines.push_back("The mediastinal contours are normal.");
  bool lungs_abnormal = false;
  for (const auto& f : findings) {
    if (is_support_device(f.kind)) continue;
    lines.push_back(finding_sentence(f, t, mm));
    if (f.kind == FindingKind::kConsolidation || f.kind == FindingKind::kAtelectasis || f.kind == FindingKind::kEdema ||
        f.kind == FindingKind::kNodule || f.kind == FindingKind::kMass)
      lungs_abnormal = true;
  }
  if (!lungs_abnormal) lines.push_back("The lungs are clear.");
  else if (!has(findings, FindingKind::kConsolidation)) lines.push_back("No focal consolidation.");
  if (!has(findings, FindingKind::kPleuralEffusion)) lines.push_back("No pleural effusion.");
  if (!has(findings, FindingKind::kPneumothorax)) lines.push_back("No pneumothorax.");
  if (!has(findings, FindingKind::kRibFracture) && !has(findings, FindingKind::kClavicleFracture))
    lines.push_back("No acute osseous abnormality.");

  std::vector<std::string> impression;
  for (const auto& f : findings) {
    if (is_support_device(f.kind)) continue;
    std::string item = capitalized(f.phrase);
    if (f.kind == FindingKind::kConsolidation && f.pneumonia) item += ", concerning for pneumonia";
    impression.push_back(item + ".");
  }
  if (impression.empty()) impression.push_back("No acute cardiopulmonary process.");
  if (std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return is_support_device(f.kind); }))
    impression.push_back("Support devices as described.");

  Report report;
  for (const auto& l : lines) report.findings += (report.findings.empty() ? "" : " ") + l;
  for (const auto& l : impression) report.impression += (report.impression.empty() ? "" : " ") + l;
  return report;
}

}  // namespace anatomix::synth
