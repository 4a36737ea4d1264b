// A generated study set (`anatomix synth` output, manifest format in training/README.md) as the trainer
// and the evaluator read it: the ground truth of each study, its pixels as stored, and the mirrored
// reading used for flip augmentation and the flip-robustness test. Names follow the anatomy in the
// pixels (anatomix/laterality.h): nothing is un-mirrored by header.
// No torch in this header.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "anatomix/engine.h"
#include "anatomix/image/gray8_image.h"

namespace anatomix::training {

struct ObjectTruth {
  int index = 0;              // query index 0..35
  std::string name;           // raw Chest ImaGenome name, e.g. "Cardiac shadow viewed radiologically;;Heart"
  std::string display_name;   // e.g. "Left lung"
  std::string bbox_name;      // e.g. "left lung" (the VQA questions' wording)
  Box box;                    // original-image pixels
  std::string sentence;       // "Left lung is healthy."
};

struct FindingTruth {
  std::string kind, class_name, phrase, side;   // e.g. "pleural_effusion", "Pleural effusion", ...
  bool support_device = false;
  std::vector<std::string> anatomies;           // raw names whose sentence mentions it
  std::vector<std::string> chexpert;            // labels it makes positive
  std::vector<Box> boxes;                       // original-image pixels
};

struct TaskSample {
  std::string task;                         // "anatomy_grounding", "report_generation", ...
  std::string style;
  std::vector<std::string> instructions;    // k phrasings
  std::vector<std::string> answers;         // k answers (boxes in the 1024 square, as published)
};

struct StudyTruth {
  std::string id;
  std::string dicom_path;                   // absolute
  int width = 0, height = 0;                // original image
  bool flipped_acquisition = false;         // stored mirrored, header says so (Patient Orientation R\F)
  bool situs_inversus = false;
  bool mirrored = false;                    // a mirrored reading: pixels must be mirrored too
  std::vector<ObjectTruth> objects;         // 36, query order
  std::vector<FindingTruth> findings;
  std::string report_text;                  // "Findings:\n...\n\nImpression:\n..."
  std::array<int, 14> chexpert{};           // reference order
  std::vector<TaskSample> tasks;
};

// Index of the anatomy `name` names among `anatomies` (a bundle's names in query order), case aside; the
// generator writes Chest ImaGenome's raw names ("Trachea&&Main Bronchus"), which stand for their published
// display names (prompts.h). -1 when it names none.
int anatomy_index(const std::string& name, const std::vector<std::string>& anatomies);

// Reads DIR/index.json and every manifest it lists, in index order. Throws std::runtime_error naming
// the file and the key on any problem. `limit` > 0 keeps the first `limit` studies.
std::vector<StudyTruth> load_study_set(const std::string& directory, int limit = 0);

// The DICOM pixels as the model reads them (anatomix::image::load_model_input), as stored: the
// manifest's boxes are in these pixels whatever the header says. Throws std::runtime_error naming the
// file when it cannot be decoded or disagrees with the manifest (size, Patient Orientation).
image::Gray8Image load_model_pixels(const StudyTruth& study);

// The truth of the horizontally mirrored pixels: every box mirrored (objects, findings, the <box>
// coordinates of task instructions and answers in the 1024 square), every name, sentence, phrase, other
// text, report and label unchanged. Pixels: anatomix::image::mirrored(). Mirroring twice gives the study back.
StudyTruth mirrored_reading(const StudyTruth& study);

}  // namespace anatomix::training
