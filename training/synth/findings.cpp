#include "synth/findings.h"

#include <algorithm>
#include <cmath>

namespace anatomix::synth {
namespace {

const char* side_word(int side) { return side == kLeftSide ? "left" : "right"; }
const char* zone_word(int zone) { return zone == kUpperZone ? "upper" : zone == kMidZone ? "mid" : "lower"; }

int lung_object(int side) { return side == kLeftSide ? kLeftLung : kRightLung; }
int zone_object(int side, int zone) {
  static const int table[2][3] = {{kRightUpperZone, kRightMidZone, kRightLowerZone},
                                  {kLeftUpperZone, kLeftMidZone, kLeftLowerZone}};
  return table[side][zone];
}

const char* size_word(Severity s) { return s == Severity::kMild ? "small" : s == Severity::kModerate ? "moderate" : "large"; }
const char* degree_word(Severity s) { return s == Severity::kMild ? "mild" : s == Severity::kModerate ? "moderate" : "severe"; }

Severity sample_severity(Rng& rng) {
  const double u = rng.uniform();
  return u < 0.4 ? Severity::kMild : u < 0.8 ? Severity::kModerate : Severity::kSevere;
}

// A point inside the lung of `side` within `zone`, away from the edges.
Point point_in_zone(const Thorax& t, int side, int zone, Rng& rng) {
  const double y1 = t.zone_boundary(zone == kUpperZone ? 1 : zone + 1);
  const double y2 = zone == kLowerZone ? t.dome_top[side] - 0.05 : t.zone_boundary(zone + 2);
  const double s = side_sign(side);
  for (int attempt = 0; attempt < 64; ++attempt) {
    const double y = rng.uniform(y1 + 0.04, std::max(y1 + 0.05, y2 - 0.04));
    const double lateral = t.lung_lateral_x(side, y);
    const Point p{s * rng.uniform(0.30, std::max(0.35, lateral - 0.12)), y};
    if (point_in_polygon(t.lung[side], p)) return p;
  }
  return {s * 0.55, (y1 + y2) / 2};
}

void add(Finding& f, std::vector<int> objects, const std::string& category, const std::string& name) {
  for (int o : objects) {
    if (std::find(f.anatomies.begin(), f.anatomies.end(), o) == f.anatomies.end()) f.anatomies.push_back(o);
  }
  f.attributes.emplace_back(category, name);
}

}  // namespace

const char* finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::kPleuralEffusion: return "pleural_effusion";
    case FindingKind::kConsolidation: return "consolidation";
    case FindingKind::kAtelectasis: return "atelectasis";
    case FindingKind::kPneumothorax: return "pneumothorax";
    case FindingKind::kCardiomegaly: return "cardiomegaly";
    case FindingKind::kEdema: return "edema";
    case FindingKind::kNodule: return "nodule";
    case FindingKind::kMass: return "mass";
    case FindingKind::kEndotrachealTube: return "endotracheal_tube";
    case FindingKind::kCentralLine: return "central_line";
    case FindingKind::kEntericTube: return "enteric_tube";
    case FindingKind::kPacemaker: return "pacemaker";
    case FindingKind::kRibFracture: return "rib_fracture";
    case FindingKind::kClavicleFracture: return "clavicle_fracture";
  }
  return "unknown";
}

const char* severity_name(Severity s) { return degree_word(s); }

bool is_support_device(FindingKind kind) {
  return kind == FindingKind::kEndotrachealTube || kind == FindingKind::kCentralLine ||
         kind == FindingKind::kEntericTube || kind == FindingKind::kPacemaker;
}

FindingPlan plan_findings(Rng& rng, double abnormal_fraction) {
  FindingPlan plan;
  if (rng.bernoulli(abnormal_fraction)) {
    static const std::vector<std::pair<FindingKind, double>> weights = {
        {FindingKind::kPleuralEffusion, 0.17}, {FindingKind::kConsolidation, 0.14}, {FindingKind::kAtelectasis, 0.13},
        {FindingKind::kPneumothorax, 0.10},    {FindingKind::kCardiomegaly, 0.14},  {FindingKind::kEdema, 0.08},
        {FindingKind::kNodule, 0.08},          {FindingKind::kMass, 0.05},          {FindingKind::kRibFracture, 0.07},
        {FindingKind::kClavicleFracture, 0.04}};
    const int count = rng.uniform() < 0.55 ? 1 : rng.uniform() < 0.7 ? 2 : 3;
    while (static_cast<int>(plan.kinds.size()) < count) {
      double u = rng.uniform(), acc = 0;
      FindingKind chosen = weights.back().first;
      for (const auto& [kind, w] : weights) {
        acc += w;
        if (u < acc) {
          chosen = kind;
          break;
        }
      }
      if (std::find(plan.kinds.begin(), plan.kinds.end(), chosen) == plan.kinds.end()) plan.kinds.push_back(chosen);
    }
  }
  if (rng.bernoulli(0.25)) {
    static const std::vector<FindingKind> devices = {FindingKind::kEndotrachealTube, FindingKind::kCentralLine,
                                                     FindingKind::kEntericTube, FindingKind::kPacemaker};
    const int count = rng.integer(1, 2);
    for (int i = 0; i < count; ++i) {
      const FindingKind kind = rng.pick(devices);
      if (std::find(plan.kinds.begin(), plan.kinds.end(), kind) == plan.kinds.end()) plan.kinds.push_back(kind);
    }
  }
  plan.cardiomegaly = sample_severity(rng);
  return plan;
}

double cardiothoracic_ratio_for(const FindingPlan& plan, Rng& rng) {
  const Severity severity = plan.severity.value_or(plan.cardiomegaly);
  if (std::find(plan.kinds.begin(), plan.kinds.end(), FindingKind::kCardiomegaly) == plan.kinds.end())
    return rng.uniform(0.39, 0.49);
  switch (severity) {
    case Severity::kMild: return rng.uniform(0.55, 0.58);
    case Severity::kModerate: return rng.uniform(0.59, 0.63);
    case Severity::kSevere: return rng.uniform(0.64, 0.70);
  }
  return 0.6;
}

std::vector<Finding> place_findings(const FindingPlan& plan, const Thorax& t, Rng& rng) {
  std::vector<Finding> findings;
  for (FindingKind kind : plan.kinds) {
    Finding f;
    f.kind = kind;
    f.severity = kind == FindingKind::kCardiomegaly ? plan.cardiomegaly : sample_severity(rng);
    if (plan.severity) f.severity = *plan.severity;
    const int side = rng.bernoulli(0.5) ? kLeftSide : kRightSide;
    const std::string sw = side_word(side);
    switch (kind) {
      case FindingKind::kPleuralEffusion: {
        f.side = side;
        add(f, {lung_object(side), zone_object(side, kLowerZone),
                side == kLeftSide ? kLeftCostophrenic : kRightCostophrenic}, "anatomicalfinding", "pleural effusion");
        if (f.severity == Severity::kSevere) add(f, {zone_object(side, kMidZone)}, "anatomicalfinding", "pleural effusion");
        // size = meniscus height above the costophrenic angle
        f.size = f.severity == Severity::kMild ? rng.uniform(0.10, 0.16)
                 : f.severity == Severity::kModerate ? rng.uniform(0.35, 0.5) : rng.uniform(0.7, 0.85);
        f.phrase = std::string(size_word(f.severity)) + " " + sw + " pleural effusion";
        f.class_name = "Pleural effusion";
        f.chexpert = {kPleuralEffusionLabel};
        break;
      }
      case FindingKind::kConsolidation: {
        f.side = side;
        f.zone = rng.uniform() < 0.55 ? kLowerZone : rng.uniform() < 0.5 ? kMidZone : kUpperZone;
        f.pneumonia = rng.bernoulli(0.5);
        const Point c = point_in_zone(t, side, f.zone, rng);
        const int blobs = f.severity == Severity::kMild ? 3 : f.severity == Severity::kModerate ? 5 : 8;
        const double spread = f.severity == Severity::kMild ? 0.07 : f.severity == Severity::kModerate ? 0.11 : 0.16;
        for (int i = 0; i < blobs; ++i) f.centers.push_back({c.x + rng.normal(0, spread), c.y + rng.normal(0, spread * 0.8)});
        f.size = spread;
        add(f, {lung_object(side), zone_object(side, f.zone)}, "anatomicalfinding", "consolidation");
        add(f, {lung_object(side), zone_object(side, f.zone)}, "anatomicalfinding", "lung opacity");
        if (f.pneumonia) add(f, {lung_object(side), zone_object(side, f.zone)}, "disease", "pneumonia");
        static const char* adjective[] = {"patchy", "focal", "dense"};
        f.phrase = std::string(adjective[int(f.severity)]) + " consolidation in the " + sw + " " + zone_word(f.zone) +
                   " lung zone";
        f.class_name = "Consolidation";
        f.chexpert = {kConsolidationLabel, kLungOpacityLabel};
        if (f.pneumonia) f.chexpert.push_back(kPneumoniaLabel);
        break;
      }
      case FindingKind::kAtelectasis: {
        f.side = side;
        f.zone = rng.uniform() < 0.75 ? kLowerZone : kMidZone;
        f.centers.push_back(point_in_zone(t, side, f.zone, rng));
        f.angle = side_sign(side) * rng.uniform(-0.35, 0.05);
        f.size = f.severity == Severity::kMild ? 0.022 : f.severity == Severity::kModerate ? 0.035 : 0.06;
        add(f, {lung_object(side), zone_object(side, f.zone)}, "anatomicalfinding", "atelectasis");
        f.phrase = std::string(degree_word(f.severity)) + " " + sw + " " + zone_word(f.zone) + " zone atelectasis";
        f.class_name = "Atelectasis";
        f.chexpert = {kAtelectasisLabel};
        break;
      }
      case FindingKind::kPneumothorax: {
        f.side = side;
        f.size = f.severity == Severity::kMild ? rng.uniform(0.06, 0.09)
                 : f.severity == Severity::kModerate ? rng.uniform(0.13, 0.18) : rng.uniform(0.24, 0.32);
        add(f, {lung_object(side), side == kLeftSide ? kLeftApicalZone : kRightApicalZone, zone_object(side, kUpperZone)},
            "anatomicalfinding", "pneumothorax");
        if (f.severity != Severity::kMild) add(f, {zone_object(side, kMidZone)}, "anatomicalfinding", "pneumothorax");
        f.phrase = std::string(size_word(f.severity)) + " " + sw + " pneumothorax";
        f.class_name = "Pneumothorax";
        f.chexpert = {kPneumothoraxLabel};
        break;
      }
      case FindingKind::kCardiomegaly: {
        add(f, {kCardiacShadow}, "anatomicalfinding", "enlarged cardiac silhouette");
        f.phrase = std::string(degree_word(f.severity)) + " cardiomegaly";
        f.class_name = "Cardiomegaly";
        f.chexpert = {kCardiomegalyLabel};
        break;
      }
      case FindingKind::kEdema: {
        add(f, {kLeftLung, kRightLung, kLeftHilum, kRightHilum}, "anatomicalfinding", "pulmonary edema/hazy opacity");
        f.size = f.severity == Severity::kMild ? 0.45 : f.severity == Severity::kModerate ? 0.7 : 1.0;
        f.phrase = std::string(degree_word(f.severity)) + " pulmonary edema";
        f.class_name = "Edema";
        f.chexpert = {kEdemaLabel};
        break;
      }
      case FindingKind::kNodule:
      case FindingKind::kMass: {
        f.side = side;
        f.zone = rng.index(3);
        f.centers.push_back(point_in_zone(t, side, f.zone, rng));
        const bool mass = kind == FindingKind::kMass;
        f.size = mass ? rng.uniform(0.12, 0.18) : rng.uniform(0.035, 0.07);
        add(f, {lung_object(side), zone_object(side, f.zone)}, "anatomicalfinding", "mass/nodule (not otherwise specified)");
        f.phrase = std::string(mass ? "mass" : "nodule") + " in the " + sw + " " + zone_word(f.zone) + " lung zone";
        f.class_name = "Nodule/Mass";
        f.chexpert = {kLungLesionLabel};
        break;
      }
      case FindingKind::kEndotrachealTube: {
        const double tip = t.carina.y - rng.uniform(0.2, 0.38);
        f.path = {{0.0, -0.75}, {t.trachea.path[1].x * 0.5, -0.2}, {t.trachea.path[1].x, tip}};
        add(f, {kTrachea}, "tubesandlines", "endotracheal tube");
        f.phrase = "endotracheal tube";
        f.class_name = "Support device";
        f.chexpert = {kSupportDevicesLabel};
        break;
      }
      case FindingKind::kCentralLine: {
        f.side = kRightSide;
        const Point junction = t.cavoatrial_junction;
        f.path = smooth_open_curve({{-0.38, -0.75}, {-0.25, -0.25}, {t.svc.path[0].x, t.svc.path[0].y},
                                    {t.svc.path[1].x, t.svc.path[1].y}, {junction.x, junction.y - 0.02}}, 8);
        add(f, {kSvc, kCavoatrial}, "tubesandlines", "ij line");
        f.phrase = "right internal jugular central venous catheter";
        f.class_name = "Support device";
        f.chexpert = {kSupportDevicesLabel};
        break;
      }
      case FindingKind::kEntericTube: {
        const Point stomach = t.gastric_bubble.center;
        const double hs = side_sign(t.heart_side);
        f.path = smooth_open_curve({{hs * 0.01, -0.75}, {hs * 0.02, 0.3}, {hs * 0.05, t.heart.center.y},
                                    {hs * 0.1, t.dome_top[t.heart_side] + 0.1}, {stomach.x, stomach.y + 0.12},
                                    {stomach.x + hs * 0.1, stomach.y + 0.2}}, 8);
        add(f, {kAbdominalCavity, t.heart_side == kLeftSide ? kLeftUpperAbdomen : kRightUpperAbdomen},
            "tubesandlines", "enteric tube");
        f.phrase = "enteric tube";
        f.class_name = "Support device";
        f.chexpert = {kSupportDevicesLabel};
        break;
      }
      case FindingKind::kPacemaker: {
        f.side = t.heart_side;
        const double s = side_sign(f.side);
        const Point generator{s * rng.uniform(0.55, 0.7), rng.uniform(0.2, 0.3)};
        f.centers = {generator};
        const Point apex{t.heart_border_x[t.heart_side] - s * 0.18, t.heart_bottom - 0.12};
        f.path = smooth_open_curve({generator, {s * 0.38, 0.14}, {s * 0.05, 0.18}, t.svc.path[1],
                                    t.cavoatrial_junction, {t.right_atrium.center.x + s * 0.08, t.right_atrium.center.y + 0.08},
                                    apex}, 8);
        add(f, {kCardiacShadow, f.side == kLeftSide ? kLeftUpperZone : kRightUpperZone}, "tubesandlines",
            "cardiac pacer and wires");
        f.phrase = std::string(side_word(f.side)) + " chest wall pacemaker";
        f.class_name = "Support device";
        f.chexpert = {kSupportDevicesLabel};
        break;
      }
      case FindingKind::kRibFracture: {
        f.side = side;
        f.rib = rng.integer(3, 8);
        f.position = rng.uniform(0.55, 0.9);
        const auto& path = t.posterior_ribs[side][f.rib].path;
        const Point site = path[std::min(path.size() - 1, static_cast<std::size_t>(f.position * (path.size() - 1)))];
        f.centers = {site};
        const double lung_y = site.y;
        const int zone = lung_y < t.zone_boundary(2) ? kUpperZone : lung_y < t.zone_boundary(3) ? kMidZone : kLowerZone;
        f.zone = zone;
        add(f, {zone_object(side, zone)}, "anatomicalfinding", "rib fracture");
        f.phrase = sw + " rib fracture";
        f.class_name = "Fracture";
        f.chexpert = {kFractureLabel};
        break;
      }
      case FindingKind::kClavicleFracture: {
        f.side = side;
        f.position = rng.uniform(0.35, 0.65);
        const auto& path = t.clavicle[side].path;
        f.centers = {path[static_cast<std::size_t>(f.position * (path.size() - 1))]};
        add(f, {side == kLeftSide ? kLeftClavicle : kRightClavicle}, "anatomicalfinding", "clavicle fracture");
        f.phrase = sw + " clavicle fracture";
        f.class_name = "Fracture";
        f.chexpert = {kFractureLabel};
        break;
      }
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace anatomix::synth
