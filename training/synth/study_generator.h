// Generates synthetic chest radiograph studies: one case per (seed, index), independent of thread
// count and of the other cases, so the same seed always gives byte-identical files.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "synth/findings.h"
#include "synth/study.h"

namespace anatomix::synth {

struct GeneratorOptions {
  std::uint64_t seed = 1;
  int size = 1024;                   // image height in pixels; width is 0.82..1.0 of it
  double flip_fraction = 0.1;        // horizontally flipped acquisitions (Patient Orientation R\F)
  // Situs inversus (dextrocardia): off by default, since pixels cannot tell it from a mirrored image
  // (anatomix/laterality.h); the laterality cross-check's tests ask for it.
  double situs_fraction = 0.0;
  double abnormal_fraction = 0.65;   // cases with at least one pathological finding
  double monochrome1_fraction = 0.2; // stored inverted with MONOCHROME1
  double jpeg_fraction = 0.0;        // written JPEG lossless (process 14) instead of uncompressed
  std::string prefix = "synth";      // file stem prefix: <prefix>_<index, 6 digits>
};

// Forces parts of one case (sample studies, tests); unset fields are drawn as usual.
struct CaseOverrides {
  std::optional<bool> flipped, situs_inversus, ap_view, monochrome1, jpeg_lossless;
  std::optional<std::vector<FindingKind>> findings;  // replaces the drawn findings (empty = normal)
  std::optional<Severity> severity;                  // for every forced finding
  std::optional<int> bits_stored;                    // 12..16
};

void validate(const GeneratorOptions& options);  // throws std::invalid_argument with the reason

Study generate_study(const GeneratorOptions& options, int index, const CaseOverrides& overrides = {});

// Writes <dir>/<id>.dcm and <dir>/<id>.json; returns the two paths.
std::pair<std::string, std::string> write_study(const Study& study, const std::string& directory);

struct GenerationResult {
  int written = 0;
  double seconds = 0;
};

// Generates indices [first, first + count) on `threads` threads into `directory` (created if
// missing) and merges them into <directory>/index.json. `progress(done, total)` may be empty.
GenerationResult generate_dataset(const GeneratorOptions& options, const std::string& directory, int first, int count,
                                  int threads, const CaseOverrides& overrides = {},
                                  const std::function<void(int, int)>& progress = {},
                                  const std::atomic<bool>* cancel = nullptr);

FindingKind parse_finding_kind(const std::string& name);  // inverse of finding_kind_name; throws

}  // namespace anatomix::synth
