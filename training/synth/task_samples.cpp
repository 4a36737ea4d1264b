#include "synth/task_samples.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "synth/square_box.h"

namespace anatomix::synth {
namespace {

const std::string kOptionSuffix = "\nAnswer with the option\u2019s letter/number from the given choices directly.";

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Python's str.capitalize(): first character upper, the rest lower.
std::string python_capitalize(std::string s) {
  s = lower(s);
  if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

struct Region {
  std::string name;
  SquareBox box;
};

std::string boxes_text(const std::vector<SquareBox>& boxes) {
  std::string s;
  for (const auto& b : boxes) s += format_box_tag(b);
  return s;
}

std::vector<SquareBox> finding_boxes(const Finding& f, const LetterboxGeometry& lb) {
  std::vector<SquareBox> out;
  for (const auto& b : f.boxes)
    if (b.valid) out.push_back(square_box_from_source(lb, b.x1, b.y1, b.x2, b.y2));
  std::sort(out.begin(), out.end(), [](const SquareBox& a, const SquareBox& b) { return std::tie(a.x1, a.y1) < std::tie(b.x1, b.y1); });
  return out;
}

anatomix::Box as_box(const SquareBox& b) { return {float(b.x1), float(b.y1), float(b.x2), float(b.y2)}; }

void anatomy_grounding(const Study& s, const LetterboxGeometry& lb, Rng& rng, std::vector<TaskSample>& out) {
  static const std::vector<std::string> questions = {"Where is the {} located in this Chest X-ray?",
                                                     "Show me the {}'s location on this CXR.",
                                                     "Can you locate the {} on this X-ray for me?"};
  static const std::vector<std::string> answers = {
      "The <ref>{}</ref> is located at the coordinates {box} on the image.",
      "On the Chest X-ray, the <ref>{}</ref> is located at {box}.", "The <ref>{}</ref> is at {box} on the X-ray."};
  auto fill = [](std::string t, const std::string& name, const std::string& box) {
    t.replace(t.find("{}"), 2, name);
    const auto at = t.find("{box}");
    if (at != std::string::npos) t.replace(at, 5, box);
    return t;
  };
  std::vector<int> objects(kAnatomyCount);
  for (int i = 0; i < kAnatomyCount; ++i) objects[i] = i;
  rng.shuffle(objects);
  int made = 0;
  for (int o : objects) {
    if (made == 2) break;
    if (!s.anatomy_boxes[o].valid) continue;
    const std::string& name = anatomy_raw_names()[o];
    const Box& anatomy = s.anatomy_boxes[o];
    const std::string box = format_box_tag(square_box_from_source(lb, anatomy.x1, anatomy.y1, anatomy.x2, anatomy.y2));
    TaskSample t{"anatomy_grounding", "chest_imagenome", {}, {}};
    std::vector<std::size_t> order = {0, 1, 2};
    rng.shuffle(order);
    for (int k = 0; k < 2; ++k) {
      t.instructions.push_back(fill(questions[order[k]], name, box));
      t.answers.push_back(fill(answers[order[(k + 1) % 3]], name, box));
    }
    out.push_back(std::move(t));
    ++made;
  }
}

void finding_tasks(const Study& s, const LetterboxGeometry& lb, Rng& rng, std::vector<TaskSample>& out) {
  static const std::vector<std::string> vindr_grounding = {
      "Detect {} in the given image.", "Locate areas in the chest X-ray where {} is present, using bounding box coordinates",
      "Localize {} in the bounding box format for the given image.",
      "Find the locations of {} in the bounding box format for the given image.", "Locate {} for the given image."};
  auto fill = [](std::string t, const std::string& value) { return t.replace(t.find("{}"), 2, value); };
  for (const auto& f : s.findings) {
    const auto boxes = finding_boxes(f, lb);
    if (boxes.empty()) continue;
    std::string grounded;
    for (const auto& b : boxes) grounded += "<ref>" + f.phrase + "</ref>" + format_box_tag(b);
    out.push_back({"phrase_grounding", "ms_cxr",
                   {"Please locate the following phrase: " + f.phrase,
                    "Identify the position of the following finding in the CXR: " + f.phrase},
                   {grounded, grounded}});
    const std::string regions = boxes_text(boxes);
    out.push_back({"grounded_diagnosis", "ms_cxr",
                   {"Please give the corresponding diagnosis for the following region(s): " + regions,
                    "Provide a diagnosis based on the content of the following region(s): " + regions},
                   {f.class_name, f.class_name}});
    out.push_back({"grounded_captioning", "ms_cxr",
                   {"Please generate a caption for the following region(s): " + regions,
                    "Describe the content of the following region(s): " + regions},
                   {f.phrase, f.phrase}});
  }
  // One VinDr-style class grounding per image, positive when the class is present, else negative.
  static const std::vector<std::string> classes = {"Pleural effusion", "Consolidation", "Atelectasis", "Pneumothorax",
                                                   "Cardiomegaly", "Nodule/Mass"};
  const std::string cls = rng.pick(classes);
  std::string answer;
  int boxes_used = 0;
  for (const auto& f : s.findings)
    if (f.class_name == cls)
      for (const auto& b : finding_boxes(f, lb))
        if (boxes_used++ < 2) answer += "<ref>" + cls + "</ref>" + format_box_tag(b);
  if (answer.empty()) answer = "No " + lower(cls) + " detected.";
  TaskSample t{"phrase_grounding", "vindr", {}, {}};
  std::vector<std::size_t> order = {0, 1, 2, 3, 4};
  rng.shuffle(order);
  for (int k = 0; k < 2; ++k) {
    t.instructions.push_back(fill(vindr_grounding[order[k]], lower(cls)));
    t.answers.push_back(answer);
  }
  out.push_back(std::move(t));
}

void abnormality_detection(const Study& s, const LetterboxGeometry& lb, Rng& rng, std::vector<TaskSample>& out) {
  static const std::vector<std::string> phrasings = {
      "Detect abnormalities in the given image.",
      "Locate areas in the chest X-ray where abnormalities are present, using bounding box coordinates",
      "Perform abnormality detection (in the bounding box format) for the given image.",
      "Find the locations of abnormalities in the bounding box format for the given image.",
      "Locate abnormalities for the given image."};
  std::vector<Region> regions;
  for (const auto& f : s.findings) {
    if (is_support_device(f.kind)) continue;
    for (const auto& b : finding_boxes(f, lb)) {
      // Boxes of one class that overlap (IoU > 0.1) merge into their union.
      bool merged = false;
      for (auto& r : regions)
        if (r.name == f.class_name && box_iou(as_box(r.box), as_box(b)) > 0.1) {
          r.box = {std::min(r.box.x1, b.x1), std::min(r.box.y1, b.y1), std::max(r.box.x2, b.x2), std::max(r.box.y2, b.y2)};
          merged = true;
        }
      if (!merged) regions.push_back({f.class_name, b});
    }
  }
  if (regions.size() > 5) return;  // the published data drops such images
  std::sort(regions.begin(), regions.end(),
            [](const Region& a, const Region& b) { return std::tie(a.box.x1, a.box.y1) < std::tie(b.box.x1, b.box.y1); });
  std::string answer;
  for (const auto& r : regions) answer += "<ref>" + r.name + "</ref>" + format_box_tag(r.box);
  if (answer.empty()) answer = "No abnormalities detected.";
  TaskSample t{"abnormality_detection", "vindr", {}, {}};
  std::vector<std::size_t> order = {0, 1, 2, 3, 4};
  rng.shuffle(order);
  for (int k = 0; k < 2; ++k) {
    t.instructions.push_back(phrasings[order[k]]);
    t.answers.push_back(answer);
  }
  out.push_back(std::move(t));
}

void report_generation(const Study& s, std::vector<TaskSample>& out) {
  const std::string answer = s.report.text();
  out.push_back({"report_generation", "mimic_cxr",
                 {"Generate report:", "Write a comprehensive report:", "Write findings and impressions:",
                  "Generate findings and impressions:"},
                 {answer, answer, answer, answer}});
}

// A closed question with yes/no options in a random label style (reference section 7.6).
TaskSample closed_question(const std::string& task, const std::string& style, const std::string& question, bool yes,
                           Rng& rng) {
  auto labels = option_labels(2, rng);
  std::vector<std::string> options = {"yes", "no"};
  std::vector<std::size_t> order = {0, 1};
  rng.shuffle(order);
  std::string text = question + " Options:";
  std::string full_answer, label_answer;
  for (std::size_t k = 0; k < 2; ++k) {
    const std::string line = labels[k] + " " + options[order[k]];
    text += "\n" + line;
    if ((options[order[k]] == "yes") == yes) {
      full_answer = line;
      label_answer = labels[k];
    }
  }
  if (rng.bernoulli(0.5)) return {task, style, {text + kOptionSuffix}, {label_answer}};
  return {task, style, {text}, {full_answer}};
}

void vqa(const Study& s, Rng& rng, std::vector<TaskSample>& out) {
  // Closed: one question about a present finding (when there is one), one about an absent one.
  struct Question {
    std::string finding;
    int anatomy;
  };
  static const std::vector<std::pair<std::string, FindingKind>> askable = {
      {"pleural effusion", FindingKind::kPleuralEffusion}, {"consolidation", FindingKind::kConsolidation},
      {"atelectasis", FindingKind::kAtelectasis}, {"pneumothorax", FindingKind::kPneumothorax},
      {"mass/nodule", FindingKind::kNodule}};
  auto anatomy_text = [](int o) { return lower(anatomy_bbox_names()[o]); };
  std::vector<Question> positives;
  for (const auto& f : s.findings)
    for (const auto& [word, kind] : askable)
      if (f.kind == kind || (kind == FindingKind::kNodule && f.kind == FindingKind::kMass))
        for (int o : f.anatomies) positives.push_back({word, o});
  if (!positives.empty()) {
    const Question q = rng.pick(positives);
    out.push_back(closed_question("vqa_closed", "mimic_cxr_vqa",
                                  "Is there any evidence of " + q.finding + " in the " + anatomy_text(q.anatomy) + "?", true, rng));
  }
  for (int attempt = 0; attempt < 8; ++attempt) {
    const auto& [word, kind] = rng.pick(askable);
    const int o = rng.pick(std::vector<int>{kLeftLung, kRightLung, kLeftLowerZone, kRightLowerZone, kLeftUpperZone,
                                            kRightUpperZone, kLeftMidZone, kRightMidZone});
    bool present = false;
    for (const auto& p : positives) present |= p.finding == word && p.anatomy == o;
    if (present) continue;
    out.push_back(closed_question("vqa_closed", "mimic_cxr_vqa",
                                  "Is there any evidence of " + word + " in the " + anatomy_text(o) + "?", false, rng));
    break;
  }
  // Open: what is seen in an abnormal anatomy (answers joined with ", " and capitalised like Python).
  std::vector<int> abnormal;
  for (int o = 0; o < kAnatomyCount; ++o)
    if (s.sentences[o].find(" shows ") != std::string::npos) abnormal.push_back(o);
  if (!abnormal.empty()) {
    const int o = rng.pick(abnormal);
    std::vector<std::string> names;
    for (const auto& f : s.findings)
      if (std::find(f.anatomies.begin(), f.anatomies.end(), o) != f.anatomies.end())
        for (const auto& attribute : f.attributes)
          if (std::find(names.begin(), names.end(), attribute.second) == names.end()) names.push_back(attribute.second);
    std::sort(names.begin(), names.end());
    std::string answer;
    for (const auto& n : names) answer += (answer.empty() ? "" : ", ") + n;
    out.push_back({"vqa_open", "mimic_cxr_vqa", {"What abnormalities are seen in the " + anatomy_text(o) + "?"},
                   {python_capitalize(answer)}});
  }
}

void classification(const Study& s, Rng& rng, std::vector<TaskSample>& out) {
  const auto& names = chexpert_label_names();
  // (a) all 14 options, styled and shuffled.
  static const std::vector<std::string> all_options = {
      "Please review the chest X-ray(s) and classify any diseases from the following list that are present in the image. Options:\n",
      "Given the CXR, identify any diseases. Options:\n", "Identify any diseases visible in the given CXR. Options:\n"};
  {
    auto labels = option_labels(kChexpertCount, rng);
    std::vector<int> order(kChexpertCount);
    for (int i = 0; i < kChexpertCount; ++i) order[i] = i;
    rng.shuffle(order);
    std::string options, full, short_answer;
    for (int k = 0; k < kChexpertCount; ++k) {
      const std::string line = labels[k] + " " + names[order[k]];
      options += (k ? "\n" : "") + line;
      if (s.chexpert[order[k]]) {
        full += (full.empty() ? "" : ", ") + line;
        short_answer += (short_answer.empty() ? "" : ", ") + labels[k];
      }
    }
    std::string instruction = rng.pick(all_options) + options + "\nThere may be more than one answer.";
    if (rng.bernoulli(0.5))
      out.push_back({"classification", "mimic_cxr", {instruction + " Answer with the options\u2019 letter/number from the given choices directly."}, {short_answer}});
    else
      out.push_back({"classification", "mimic_cxr", {instruction}, {full}});
  }
  // (b) four combined candidates when 1..5 labels are positive.
  std::vector<int> positives;
  for (int i = 0; i < kChexpertCount; ++i)
    if (s.chexpert[i]) positives.push_back(i);
  if (!positives.empty() && positives.size() <= 5) {
    auto set_text = [&](const std::vector<int>& set) {
      std::string t;
      for (int i : set) t += (t.empty() ? "" : ", ") + lower(names[i]);
      return t;
    };
    std::vector<std::string> candidates = {set_text(positives)};
    while (candidates.size() < 4) {
      std::vector<int> other;
      const int count = rng.integer(1, 3);
      for (int k = 0; k < count; ++k) {
        const int label = int(rng.index(kChexpertCount));
        if (label != kNoFindingLabel && std::find(other.begin(), other.end(), label) == other.end()) other.push_back(label);
      }
      if (other.empty()) continue;
      std::sort(other.begin(), other.end());
      const std::string text = set_text(other);
      if (std::find(candidates.begin(), candidates.end(), text) == candidates.end()) candidates.push_back(text);
    }
    const std::string correct = candidates[0];
    rng.shuffle(candidates);
    auto labels = option_labels(4, rng);
    std::string text = "Which findings are in this chest X-ray? Options:", answer;
    for (int k = 0; k < 4; ++k) {
      text += "\n" + labels[k] + " " + candidates[k];
      if (candidates[k] == correct) answer = labels[k] + " " + candidates[k];
    }
    out.push_back({"classification", "mimic_cxr", {text}, {answer}});
  }
  // (c) yes/no for one label.
  const int label = int(rng.index(kChexpertCount));
  if (label != kNoFindingLabel) {
    const std::string question = "Does this chest X-ray show " + lower(names[label]) + "?";
    if (rng.bernoulli(0.5)) {
      out.push_back({"classification", "mimic_cxr", {question}, {s.chexpert[label] ? "Yes" : "No"}});
    } else {
      auto t = closed_question("classification", "mimic_cxr", question, s.chexpert[label] != 0, rng);
      out.push_back(std::move(t));
    }
  }
}

}  // namespace

std::vector<std::string> option_labels(int count, Rng& rng) {
  std::vector<std::string> pool;
  const int style = int(rng.index(3));
  for (int i = 0; i < 26; ++i)
    pool.push_back(style == 0 ? std::string(1, char('A' + i)) : style == 1 ? std::string(1, char('a' + i)) : std::to_string(i + 1));
  rng.shuffle(pool);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back("(" + pool[i] + ")");
  return out;
}

std::vector<TaskSample> make_task_samples(const Study& s, Rng& rng) {
  const LetterboxGeometry lb = model_square(s.image.width, s.image.height);
  std::vector<TaskSample> out;
  anatomy_grounding(s, lb, rng, out);
  finding_tasks(s, lb, rng, out);
  report_generation(s, out);
  vqa(s, rng, out);
  classification(s, rng, out);
  abnormality_detection(s, lb, rng, out);
  return out;
}

}  // namespace anatomix::synth
