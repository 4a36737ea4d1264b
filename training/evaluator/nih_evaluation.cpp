#include "evaluator/nih_evaluation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <vector>

#include "anatomix/eval/classification_metrics.h"
#include "anatomix/eval/results_table.h"
#include "anatomix/cardiothoracic_ratio.h"
#include "anatomix/flip_consistency.h"
#include "anatomix/image/model_input.h"
#include "anatomix/laterality.h"
#include "dataset/clavicle_reach.h"
#include "dataset/nih_labels.h"

namespace anatomix::evaluator {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::optional<double> when(bool defined, double value) { return defined ? std::optional<double>(value) : std::nullopt; }

void names_and_boxes(const Analysis& analysis, std::vector<std::string>& names, std::vector<Box>& boxes) {
  for (const AnatomyResult& anatomy : analysis.anatomies) {
    names.push_back(anatomy.name);
    boxes.push_back(anatomy.box);
  }
}

// Heart box width over the width of the two lung boxes together (anatomix/cardiothoracic_ratio.h).
std::optional<double> cardiothoracic_ratio(const Analysis& analysis) {
  std::vector<std::string> names;
  std::vector<Box> boxes;
  names_and_boxes(analysis, names, boxes);
  const auto callipers = cardiothoracic_callipers(names, boxes);
  return callipers ? std::optional<double>(callipers->ratio()) : std::nullopt;
}

PatientLeftAt patient_left(const Analysis& analysis) {
  std::vector<std::string> names;
  std::vector<Box> boxes;
  names_and_boxes(analysis, names, boxes);
  return patient_left_from_anatomy(names, boxes);
}

// The centre across the image of the named anatomy's box, mirrored back when `mirrored_width` > 0.
float centre_x(const Analysis& analysis, const std::string& name, float mirrored_width = 0) {
  for (const AnatomyResult& anatomy : analysis.anatomies) {
    if (anatomy.name != name) continue;
    const float centre = 0.5f * (anatomy.box.x1 + anatomy.box.x2);
    return mirrored_width > 0 ? mirrored_width - centre : centre;
  }
  throw EngineError("The model has no anatomy \"" + name + "\".");
}

// The workstation's flip check on one film: its boxes against its mirror's, mapped back, name with name.
FlipConsistencyReport flip_check(const Analysis& analysis, const Analysis& mirrored, float width) {
  std::vector<std::string> names;
  std::vector<Box> boxes;
  names_and_boxes(analysis, names, boxes);
  std::vector<Box> mapped_back;
  for (const AnatomyResult& anatomy : mirrored.anatomies) mapped_back.push_back(mirror_box(anatomy.box, width));
  return compare_flip_runs(names, boxes, mapped_back, width);
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// A clavicle "reaches" when neither edge misses by more than a tenth of the lungs' spacing.
constexpr double kReachTolerance = 0.1;

struct ReachFigures {
  std::vector<double> past_midline, short_of_lung;  // one entry per clavicle
  std::size_t reaching = 0;
  void add(const ClavicleReach& r) {
    for (int side = 0; side < 2; ++side) {
      past_midline.push_back(r.past_midline[side]);
      short_of_lung.push_back(r.short_of_lung[side]);
      reaching += r.past_midline[side] <= kReachTolerance && r.short_of_lung[side] <= kReachTolerance;
    }
  }
  double share() const { return past_midline.empty() ? 0 : double(reaching) / double(past_midline.size()); }
};

// NIH's boxes of findings that lie in the lungs, by film, in fractions of the film: SPLIT/findings.json of
// training/tools/prepare_nih.py ({"FILE": {"size": [w, h], "findings": [{"label": L, "box": [x1, y1, x2, y2]}]}});
// none when the file is absent.
std::map<std::string, std::vector<Box>> lung_finding_boxes(const fs::path& path) {
  std::map<std::string, std::vector<Box>> out;
  if (!fs::exists(path)) return out;
  std::ifstream stream(path);
  try {
    const Json document = Json::parse(stream);
    for (const auto& [file, entry] : document.items()) {
      if (file.rfind('_', 0) == 0) continue;  // "_note"
      const float w = entry.at("size").at(0).get<float>(), h = entry.at("size").at(1).get<float>();
      if (!(w > 0 && h > 0)) throw std::runtime_error(file + " has no size");
      for (const auto& finding : entry.at("findings")) {
        const Json& b = finding.at("box");
        out[file].push_back(Box{b.at(0).get<float>() / w, b.at(1).get<float>() / h, b.at(2).get<float>() / w,
                                b.at(3).get<float>() / h});
      }
    }
  } catch (const std::exception& error) {
    throw std::runtime_error(path.string() + ": " + error.what());
  }
  return out;
}

// The named anatomy's box of a reading; a bundle without that anatomy is an error.
const Box& required_box(const std::vector<std::string>& names, const std::vector<Box>& boxes, const char* name) {
  const Box* box = box_named(names, boxes, name);
  if (!box) throw EngineError(std::string("The model has no anatomy \"") + name + "\".");
  return *box;
}

// The two lung boxes of a reading, in fractions of the film.
std::pair<Box, Box> lung_boxes(const std::vector<std::string>& names, const std::vector<Box>& boxes, float w, float h) {
  auto scaled = [&](const char* name) {
    const Box& box = required_box(names, boxes, name);
    return Box{box.x1 / w, box.y1 / h, box.x2 / w, box.y2 / h};
  };
  return {scaled("Left lung"), scaled("Right lung")};
}

NihFilmReading film_reading(const training::NihFilm& film, float width, const Analysis& analysis,
                            const Analysis& mirrored) {
  static const std::string left = "Left lung", right = "Right lung",
                           heart = "Cardiac shadow viewed radiologically or Heart";
  NihFilmReading reading;
  reading.file = film.file;
  for (const std::string& label : film.labels) reading.labels += (reading.labels.empty() ? "" : "|") + label;
  reading.width = width;
  reading.left_lung_x = centre_x(analysis, left);
  reading.right_lung_x = centre_x(analysis, right);
  reading.heart_x = centre_x(analysis, heart);
  reading.mirror_left_lung_x = centre_x(mirrored, left, width);
  reading.mirror_right_lung_x = centre_x(mirrored, right, width);
  reading.mirror_heart_x = centre_x(mirrored, heart, width);
  reading.film_side_right = patient_left(analysis) == PatientLeftAt::ImageRight;
  reading.mirror_side_right = patient_left(mirrored) == PatientLeftAt::ImageLeft;
  const FlipConsistencyReport check = flip_check(analysis, mirrored, width);
  reading.mirror_consistent = check.consistent_count;
  reading.mirror_mean_iou = check.mean_iou;
  return reading;
}

}  // namespace

ClavicleReach clavicle_reach(const std::vector<std::string>& names, const std::vector<Box>& boxes,
                             bool left_at_image_right) {
  auto box = [&](const char* name) { return required_box(names, boxes, name); };
  const Box lungs[2] = {box("Right lung"), box("Left lung")};
  const Box clavicles[2] = {box("Right clavicle"), box("Left clavicle")};
  auto centre = [](const Box& b) { return 0.5 * (b.x1 + b.x2); };
  auto width = [](const Box& b) { return std::abs(double(b.x2) - double(b.x1)); };
  const double spacing = std::max(1e-6, std::abs(centre(lungs[1]) - centre(lungs[0])));
  const double midline = 0.5 * (centre(lungs[0]) + centre(lungs[1]));
  ClavicleReach reach;
  for (int side = 0; side < 2; ++side) {
    // Medial is toward the image's right for the patient's right in standard display.
    const double medial = (side == 0) == left_at_image_right ? 1.0 : -1.0;
    const training::ClavicleReachOf<double> r = training::clavicle_reach_of(
        centre(clavicles[side]), width(clavicles[side]), centre(lungs[side]), width(lungs[side]), midline, medial);
    reach.past_midline[side] = r.past_midline / spacing;
    reach.short_of_lung[side] = r.short_of_lung / spacing;
  }
  return reach;
}

Json evaluate_nih_set(Engine& engine, const std::string& files_tsv, const std::string& split_name,
                      std::vector<NihFilmReading>* readings) {
  const fs::path root = fs::path(files_tsv).parent_path();
  const auto& map = training::nih_findings_of_head_labels();
  eval::BinaryMatrix truth;
  eval::ScoreMatrix scores;
  std::vector<int> cardiomegaly;
  std::vector<double> ratios;
  std::size_t films = 0, standard_sides = 0, mirrored_sides = 0, consistent = 0;
  double mirror_iou = 0;
  ReachFigures film_reach, mirror_reach;
  // The constant-box baseline of the flip check: each anatomy's mean box over the films, in fractions of
  // the image, which never looks at the image.
  std::vector<std::string> names;
  std::vector<Box> mean_boxes;
  // NIH's boxes of lung findings where the split has them, and the share of each inside the two lung boxes.
  const std::map<std::string, std::vector<Box>> findings = lung_finding_boxes(root / split_name / "findings.json");
  std::vector<Box> finding_boxes;
  std::vector<double> finding_shares;
  for (const training::NihFilm& film : training::read_nih_films(files_tsv)) {
    if (film.split != split_name) continue;
    const fs::path path = root / split_name / film.file;
    const image::Gray8Image pixels = image::load_model_input(path.string());
    const Analysis analysis = engine.analyse({pixels.pixels.data(), pixels.width, pixels.height, pixels.width});
    const image::Gray8Image flipped = image::mirrored(pixels);
    const Analysis mirrored = engine.analyse({flipped.pixels.data(), flipped.width, flipped.height, flipped.width});

    const std::vector<std::string>& nih = film.labels;
    std::vector<int> row;
    std::vector<double> score_row;
    for (const auto& entry : map) {
      const std::string& head_label = entry.first;
      row.push_back(training::head_label_from_nih(head_label, nih).value() ? 1 : 0);
      const auto it = std::find_if(analysis.labels.begin(), analysis.labels.end(),
                                   [&](const auto& label) { return label.first == head_label; });
      if (it == analysis.labels.end()) throw EngineError("The model has no image label \"" + head_label + "\".");
      score_row.push_back(it->second);
    }
    truth.push_back(row);
    scores.push_back(score_row);
    if (const auto ratio = cardiothoracic_ratio(analysis)) {
      ratios.push_back(*ratio);
      cardiomegaly.push_back(std::find(nih.begin(), nih.end(), "Cardiomegaly") != nih.end() ? 1 : 0);
    }
    ++films;
    const NihFilmReading reading = film_reading(film, static_cast<float>(pixels.width), analysis, mirrored);
    standard_sides += reading.film_side_right;
    mirrored_sides += reading.mirror_side_right;
    consistent += static_cast<std::size_t>(reading.mirror_consistent);
    mirror_iou += reading.mirror_mean_iou;
    if (names.empty()) {
      for (const AnatomyResult& anatomy : analysis.anatomies) names.push_back(anatomy.name);
      mean_boxes.resize(names.size());
    }
    const float w = static_cast<float>(pixels.width), h = static_cast<float>(pixels.height);
    for (std::size_t i = 0; i < mean_boxes.size(); ++i) {
      const Box& b = analysis.anatomies.at(i).box;
      mean_boxes[i].x1 += b.x1 / w;
      mean_boxes[i].y1 += b.y1 / h;
      mean_boxes[i].x2 += b.x2 / w;
      mean_boxes[i].y2 += b.y2 / h;
    }
    {
      std::vector<std::string> film_names, mirror_names;
      std::vector<Box> film_boxes, mirror_boxes;
      names_and_boxes(analysis, film_names, film_boxes);
      names_and_boxes(mirrored, mirror_names, mirror_boxes);
      film_reach.add(clavicle_reach(film_names, film_boxes, true));
      mirror_reach.add(clavicle_reach(mirror_names, mirror_boxes, false));
      if (const auto it = findings.find(film.file); it != findings.end()) {
        const auto [left, right] = lung_boxes(film_names, film_boxes, w, h);
        for (const Box& finding : it->second) {
          finding_boxes.push_back(finding);
          finding_shares.push_back(box_share_inside(finding, left, right));
        }
      }
    }
    if (readings) readings->push_back(reading);
  }
  if (films == 0) throw std::runtime_error(files_tsv + " has no \"" + split_name + "\" row.");

  std::vector<eval::MetricBlock> blocks;
  const eval::AurocReport auroc = eval::multilabelAuroc(truth, scores);
  for (std::size_t l = 0; l < map.size(); ++l) {
    std::size_t positives = 0;
    for (const auto& row : truth) positives += static_cast<std::size_t>(row[l]);
    blocks.push_back({map[l].first, "NIH " + [&] {
                        std::string names;
                        for (const auto& n : map[l].second) names += (names.empty() ? "" : "|") + n;
                        return names;
                      }(),
                      positives, {{"AUROC (APM label)", auroc.perLabel[l]}, {"chance", 0.5}}, ""});
  }
  blocks.push_back({"Macro AUROC over the labels above", "", films,
                    {{"AUROC (APM label)", auroc.macro}, {"chance", 0.5}}, "labels with both classes only"});
  // Read as a radiologist reads it, a ratio above 0.5 is an enlarged heart: heart boxes too large on every
  // film read every film as enlarged, which the AUROC, a ranking, does not show.
  const eval::ThresholdReading at_half = eval::readAtThreshold(cardiomegaly, ratios, 0.5);
  blocks.push_back({"Cardiothoracic ratio vs NIH Cardiomegaly", "heart box width / both lung boxes' width",
                    ratios.size(),
                    {{"AUROC", eval::binaryAuroc(cardiomegaly, ratios)}, {"chance", 0.5},
                     {"mean ratio", when(!ratios.empty(), [&] {
                        double sum = 0;
                        for (double r : ratios) sum += r;
                        return sum / static_cast<double>(ratios.size());
                      }())},
                     {"enlarged (> 0.5): sensitivity", at_half.sensitivity},
                     {"specificity", at_half.specificity},
                     {"balanced accuracy", at_half.balancedAccuracy},
                     {"constant ratio", 0.5}},
                    "a constant ratio reads every film alike: balanced accuracy 0.5"});
  blocks.push_back({"Sides from the anatomy", "left lung, right lung and heart agree", films,
                    {{"film: patient's left at image right", double(standard_sides) / double(films)},
                     {"mirrored: patient's left at image left", double(mirrored_sides) / double(films)},
                     {"image-side naming (mirrored)", 0.0}},
                    "NIH films are stored in standard display; the mirror must move the names with the anatomy"});
  for (Box& b : mean_boxes) {
    const float n = static_cast<float>(films);
    b = Box{b.x1 / n, b.y1 / n, b.x2 / n, b.y2 / n};
  }
  // A constant box is read on the mirror too; mapped back, it is that box mirrored.
  std::vector<Box> constant_mapped_back;
  for (const Box& b : mean_boxes) constant_mapped_back.push_back(mirror_box(b, 1.0f));
  const FlipConsistencyReport constant = compare_flip_runs(names, mean_boxes, constant_mapped_back, 1.0f);
  const double anatomies = static_cast<double>(films * names.size());
  blocks.push_back({"Flip check, all anatomies", "each film's boxes against its mirror's, mapped back, name with name",
                    films,
                    {{"consistent (same side, IoU >= 0.5)", double(consistent) / anatomies},
                     {"mean IoU", mirror_iou / double(films)},
                     {"constant box: consistent", double(constant.consistent_count) / double(names.size())},
                     {"constant box: mean IoU", constant.mean_iou}},
                    "the workstation's flip check, no labels needed; constant box: each anatomy's mean box over these "
                    "films, which ignores the image"});
  ReachFigures constant_reach;
  constant_reach.add(clavicle_reach(names, mean_boxes, true));
  blocks.push_back({"Clavicles' reach (no clavicle boxes here)",
                    "medial edge past the midline, lateral edge short of the lung, in lung spacings", films,
                    {{"film: reaching", film_reach.share()},
                     {"mirrored: reaching", mirror_reach.share()},
                     {"film: median past the midline", median(film_reach.past_midline)},
                     {"film: median short of the lung", median(film_reach.short_of_lung)},
                     {"constant box: reaching", constant_reach.share()}},
                    "a clavicle runs from beside the midline out past its lung's apex; reaching: neither edge off by "
                    "more than 0.1 of the spacing of the lung centres. A plausibility check, not accuracy"});
  if (!finding_boxes.empty()) {
    // Lungs that end where an opacity begins leave NIH's boxes of lung findings outside them. Larger lung boxes
    // take in more of them too, so this is read beside the lungs' IoU on the films that have lung boxes.
    const auto [left, right] = lung_boxes(names, mean_boxes, 1.0f, 1.0f);
    std::vector<double> constant_shares;
    for (const Box& finding : finding_boxes) constant_shares.push_back(box_share_inside(finding, left, right));
    auto mean = [](const std::vector<double>& values) {
      double sum = 0;
      for (double v : values) sum += v;
      return sum / static_cast<double>(values.size());
    };
    auto wholly = [](const std::vector<double>& values) {
      return static_cast<double>(std::count_if(values.begin(), values.end(), [](double v) { return v >= 0.95; })) /
             static_cast<double>(values.size());
    };
    blocks.push_back({"NIH lung findings inside the lungs",
                      "NIH's boxes of atelectasis, effusion, infiltrate, pneumonia, mass, nodule",
                      finding_boxes.size(),
                      {{"mean share inside the lung boxes", mean(finding_shares)},
                       {"wholly inside (>= 0.95)", wholly(finding_shares)},
                       {"constant box: mean share", mean(constant_shares)},
                       {"constant box: wholly inside", wholly(constant_shares)}},
                      "a finding in the lungs lies inside the two lung boxes; larger boxes take in more, so read it "
                      "beside the lungs' IoU. Constant box: each lung's mean box over these films"});
  }
  Json results = eval::resultsToJson("AnatomiX on NIH ChestX-ray14 films (split \"" + split_name + "\")", blocks,
                                     {"NIH ChestX-ray14 images and labels: NIH Clinical Center", "list: " + files_tsv});
  eval::validateResultsJson(results);
  return results;
}

void write_nih_film_readings(const std::vector<NihFilmReading>& films, const std::string& path) {
  std::ofstream out(path);
  out << "file\tlabels\twidth\tleft_lung_x\tright_lung_x\theart_x\tmirror_left_lung_x\tmirror_right_lung_x"
         "\tmirror_heart_x\tfilm_side_right\tmirror_side_right\tmirror_consistent\tmirror_mean_iou\n";
  for (const NihFilmReading& f : films)
    out << f.file << '\t' << f.labels << '\t' << f.width << '\t' << f.left_lung_x << '\t' << f.right_lung_x << '\t'
        << f.heart_x << '\t' << f.mirror_left_lung_x << '\t' << f.mirror_right_lung_x << '\t' << f.mirror_heart_x
        << '\t' << f.film_side_right << '\t' << f.mirror_side_right << '\t' << f.mirror_consistent << '\t'
        << f.mirror_mean_iou << '\n';
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace anatomix::evaluator
