// Findings of a synthetic study: what they are, where they sit (named anatomies, patient side, lung
// zone), how severe, how they are drawn (canonical geometry), and how they are named in text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "synth/anatomy.h"
#include "synth/geometry.h"
#include "synth/rng.h"
#include "synth/thorax.h"

namespace anatomix::synth {

enum class FindingKind {
  kPleuralEffusion,
  kConsolidation,
  kAtelectasis,
  kPneumothorax,
  kCardiomegaly,
  kEdema,
  kNodule,
  kMass,
  kEndotrachealTube,
  kCentralLine,
  kEntericTube,
  kPacemaker,
  kRibFracture,
  kClavicleFracture,
};

enum class Severity { kMild, kModerate, kSevere };

const char* finding_kind_name(FindingKind kind);  // "pleural_effusion", ...
const char* severity_name(Severity severity);     // "mild", "moderate", "severe"
bool is_support_device(FindingKind kind);

enum LungZone : int { kUpperZone = 0, kMidZone = 1, kLowerZone = 2 };

struct Finding {
  FindingKind kind = FindingKind::kPleuralEffusion;
  int side = -1;  // patient side (kRightSide / kLeftSide); -1 midline or bilateral
  int zone = -1;  // LungZone for zone-placed findings, else -1
  Severity severity = Severity::kModerate;
  bool pneumonia = false;  // consolidation reported as pneumonia

  // Text.
  std::vector<int> anatomies;  // objects whose sentence names this finding
  std::vector<std::pair<std::string, std::string>> attributes;  // (Chest ImaGenome category, finding)
  std::string phrase;      // grounded-captioning / phrase-grounding text: "moderate left pleural effusion"
  std::string class_name;  // grounded-diagnosis / detection class: "Pleural effusion"
  std::vector<int> chexpert;  // Chexpert labels it makes positive

  // Drawing (canonical frame).
  std::vector<Point> centers;  // blob / nodule centres, generator or fracture site
  double size = 0;             // radius, depth or level depending on kind
  double angle = 0;
  std::vector<Point> path;     // devices: the course of the line or tube
  int rib = -1;                // rib fracture: posterior rib index
  double position = 0;         // fraction along the rib or clavicle

  std::vector<Box> boxes;  // image-pixel boxes of what was drawn (filled by the renderer)
};

// Which findings a case gets, decided before the thorax is drawn (cardiomegaly changes the heart).
struct FindingPlan {
  std::vector<FindingKind> kinds;
  Severity cardiomegaly = Severity::kMild;
  std::optional<Severity> severity;  // forces the severity of every finding when set
};

FindingPlan plan_findings(Rng& rng, double abnormal_fraction);
double cardiothoracic_ratio_for(const FindingPlan& plan, Rng& rng);

// Places the planned findings in the thorax and fills their text fields.
std::vector<Finding> place_findings(const FindingPlan& plan, const Thorax& thorax, Rng& rng);

}  // namespace anatomix::synth
