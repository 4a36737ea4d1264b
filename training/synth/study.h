// One generated study: the case, its drawn image, its ground truth and its texts. Produced by
// generate_study() (study_generator.h), written by write_dicom() and write_manifest().
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "synth/anatomy.h"
#include "synth/findings.h"
#include "synth/geometry.h"
#include "synth/radiograph_renderer.h"
#include "synth/thorax.h"

namespace anatomix::synth {

struct Report {
  std::string findings;
  std::string impression;
  std::string text() const;  // "Findings:\n...\n\nImpression:\n..." (reference section 7.5)
};

// One instruction sample in the published storage form: k phrasings of the instruction and k
// answers (reference section 7); the trainer draws one of each.
struct TaskSample {
  std::string task;  // phrase_grounding, anatomy_grounding, grounded_diagnosis, grounded_captioning,
                     // report_generation, vqa_closed, vqa_open, classification, abnormality_detection
  std::string style; // which published dataset's template family: ms_cxr, vindr, chest_imagenome, ...
  std::vector<std::string> instructions;
  std::vector<std::string> answers;
};

struct DicomAttributes {
  std::string study_uid, series_uid, sop_uid;
  std::string patient_id, patient_name, patient_sex, patient_age, birth_date;
  std::string study_date, study_time, accession;
  std::string photometric = "MONOCHROME2";  // or MONOCHROME1 (pixels stored inverted)
  std::string view_position = "PA";
  std::string patient_orientation = "L\\F";  // row direction \ column direction
  double pixel_spacing_mm = 0.35;            // at the patient (Pixel Spacing)
  double magnification = 1.1;                // Imager Pixel Spacing = Pixel Spacing * magnification
  double source_detector_mm = 1800, source_patient_mm = 1636;  // magnification = their ratio
  double window_center = 0, window_width = 0;
  double kvp = 120, exposure_mas = 2.5;
  bool jpeg_lossless = false;
};

struct Study {
  std::string id;          // file stem, e.g. "synth_000042"
  std::uint64_t seed = 0;  // the command's seed
  std::uint64_t case_seed = 0;
  int index = 0;

  Thorax thorax;
  std::vector<Finding> findings;
  Radiograph image;
  DicomAttributes dicom;

  std::array<Box, kAnatomyCount> anatomy_boxes;   // original-image pixels
  std::array<std::string, kAnatomyCount> sentences;
  Report report;
  std::array<int, kChexpertCount> chexpert{};
  std::vector<TaskSample> tasks;

  bool flipped_acquisition() const { return thorax.options.flipped_acquisition; }
  bool situs_inversus() const { return thorax.options.situs_inversus; }
  // "right" when the patient's left is on the image's right (the usual display), else "left".
  std::string patient_left_image_side() const { return flipped_acquisition() ? "left" : "right"; }
};

}  // namespace anatomix::synth
