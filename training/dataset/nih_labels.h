// NIH ChestX-ray14 films as training/tools/prepare_nih.py lists them (files.tsv: file, sha256, patient, split,
// view, labels), and NIH's fourteen findings read as the APM's CheXpert image labels where one names the
// other. The evaluator scores the image-label head against these labels; the trainer may learn from those of
// one split. No torch in this header.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace anatomix::training {

struct NihFilm {
  std::string file;                 // file name inside DIR/<split>/
  std::string patient;
  std::string split;                // "adapt", "score", ...
  std::string view;                 // "PA" or "AP"
  std::vector<std::string> labels;  // NIH findings, or {"No Finding"}
};

// Reads a files.tsv. Throws std::runtime_error naming the file on a missing column or a short row.
std::vector<NihFilm> read_nih_films(const std::string& files_tsv);

// CheXpert head label -> the NIH findings that mean it (NIH's "Infiltration" is read as lung opacity, "Mass"
// and "Nodule" as lung lesion). Head labels NIH has no finding for (fracture, support devices, ...) are absent.
const std::vector<std::pair<std::string, std::vector<std::string>>>& nih_findings_of_head_labels();

// Whether NIH's findings make `head_label` present (1) or absent (0); nullopt where NIH cannot tell.
std::optional<bool> head_label_from_nih(const std::string& head_label, const std::vector<std::string>& nih_findings);

}  // namespace anatomix::training
