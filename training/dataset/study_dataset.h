// A generated study set (`anatomix synth` output, manifest format in training/README.md) as the trainer
// and the evaluator read it: the ground truth of each study, its pixels in standard radiological
// display, and the left-right mirrored reading used for flip augmentation and the flip-robustness test.
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
  bool flipped_acquisition = false;         // stored mirrored (Patient Orientation R\F)
  bool situs_inversus = false;
  bool standard_display = false;            // boxes put into standard display (in_standard_display)
  bool mirrored = false;                    // a mirrored reading: pixels must be mirrored too
  std::vector<ObjectTruth> objects;         // 36, query order
  std::vector<FindingTruth> findings;
  std::string report_text;                  // "Findings:\n...\n\nImpression:\n..."
  std::array<int, 14> chexpert{};           // reference order
  std::vector<TaskSample> tasks;
};

// Reads DIR/index.json and every manifest it lists, in index order. Throws std::runtime_error naming
// the file and the key on any problem. `limit` > 0 keeps the first `limit` studies.
std::vector<StudyTruth> load_study_set(const std::string& directory, int limit = 0);

// The study's ground truth in standard display: a mirrored acquisition gets its boxes mirrored
// (names and text unchanged: the generator names sides by the patient). Others are returned as they
// are. Sets standard_display; calling it again changes nothing.
StudyTruth in_standard_display(const StudyTruth& study);

// The DICOM pixels as the model reads them (anatomix::image::load_model_input), mirrored back when
// the file's Patient Orientation says the acquisition is mirrored, so that they match
// in_standard_display(). Throws std::runtime_error naming the file when it cannot be decoded or
// disagrees with the manifest (size, orientation).
image::Gray8Image load_standard_display_pixels(const StudyTruth& study);

// The mirrored reading of a study already in standard display (laterality.h): every box mirrored,
// each object takes its mirrored partner's box, sentences, phrases, answers and the report have left
// and right exchanged, task answers' <box> coordinates mirrored in the 1024 square, CheXpert labels
// unchanged. The reading of a mirrored patient: situs_inversus toggles, and with it the report's
// situs-inversus sentence. Pixels: anatomix::image::mirrored(). Throws std::invalid_argument when
// `standard` is a mirrored acquisition not yet put into standard display.
StudyTruth mirrored_reading(const StudyTruth& standard);

// Every form of the anatomy names (raw, display, bbox names) of a study, for swap_left_right().
std::vector<std::string> anatomy_name_forms(const StudyTruth& study);

}  // namespace anatomix::training
