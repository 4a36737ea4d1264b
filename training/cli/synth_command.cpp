#include "cli/synth_command.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

#include "anatomix/cli.h"
#include "synth/study_generator.h"

namespace anatomix::cli {
namespace {

const char* kUsageText =
    "usage: anatomix synth --out DIR --count N --seed S [options]\n"
    "Generate synthetic chest radiographs (DICOM DX For Presentation) with JSON manifests.\n"
    "  --out DIR               output folder (created; index.json there lists every study)\n"
    "  --count N               number of studies (1..10000000)\n"
    "  --seed S                64-bit seed; the same seed gives byte-identical files\n"
    "  --size PX               image height in pixels, 128..4096 (default 1024)\n"
    "  --flip-fraction F       flipped acquisitions, Patient Orientation R\\F (default 0.1)\n"
    "  --situs-fraction F      situs inversus cases (default 0: pixels cannot tell it from a mirror)\n"
    "  --abnormal-fraction F   cases with pathology (default 0.65)\n"
    "  --monochrome1-fraction F  stored as MONOCHROME1 (default 0.2)\n"
    "  --jpeg-fraction F       JPEG lossless compressed (default 0)\n"
    "  --first-index I         index of the first study (default 0)\n"
    "  --prefix NAME           file name prefix (default synth)\n"
    "  --threads T             worker threads (default: hardware threads)\n"
    "forcing one kind of case (sample studies):\n"
    "  --findings LIST|none    comma-separated: pleural_effusion, consolidation, atelectasis, pneumothorax,\n"
    "                          cardiomegaly, edema, nodule, mass, endotracheal_tube, central_line,\n"
    "                          enteric_tube, pacemaker, rib_fracture, clavicle_fracture\n"
    "  --severity mild|moderate|severe   --view PA|AP   --flipped yes|no   --situs-inversus yes|no\n"
    "  --monochrome1 yes|no    --jpeg yes|no   --bits-stored 12..16\n";

double parse_double(const std::string& option, const std::string& value) {
  try {
    std::size_t used = 0;
    const double v = std::stod(value, &used);
    if (used == value.size()) return v;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(option + ": expected a number, got '" + value + "'");
}

long long parse_integer(const std::string& option, const std::string& value) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(value, &used);
    if (used == value.size()) return v;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(option + ": expected an integer, got '" + value + "'");
}

unsigned long long parse_seed(const std::string& value) {
  try {
    std::size_t used = 0;
    if (!value.empty() && value[0] != '-') {
      const unsigned long long v = std::stoull(value, &used);
      if (used == value.size()) return v;
    }
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("--seed: expected a non-negative integer, got '" + value + "'");
}

bool parse_yes_no(const std::string& option, const std::string& value) {
  if (value == "yes") return true;
  if (value == "no") return false;
  throw std::invalid_argument(option + ": expected yes or no, got '" + value + "'");
}

}  // namespace

int run_synth(const std::vector<std::string>& args) {
  synth::GeneratorOptions options;
  synth::CaseOverrides overrides;
  std::string out;
  long long count = -1, first = 0;
  bool have_seed = false;
  int threads = int(std::max(1u, std::thread::hardware_concurrency()));
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& option = args[i];
      if (option == "--help" || option == "-h") {
        std::fputs(kUsageText, stdout);
        return kOk;
      }
      if (i + 1 >= args.size()) throw std::invalid_argument(option + ": missing value (or unknown option)");
      const std::string& value = args[++i];
      if (option == "--out") out = value;
      else if (option == "--count") count = parse_integer(option, value);
      else if (option == "--seed") options.seed = parse_seed(value), have_seed = true;
      else if (option == "--size") options.size = int(parse_integer(option, value));
      else if (option == "--flip-fraction") options.flip_fraction = parse_double(option, value);
      else if (option == "--situs-fraction") options.situs_fraction = parse_double(option, value);
      else if (option == "--abnormal-fraction") options.abnormal_fraction = parse_double(option, value);
      else if (option == "--monochrome1-fraction") options.monochrome1_fraction = parse_double(option, value);
      else if (option == "--jpeg-fraction") options.jpeg_fraction = parse_double(option, value);
      else if (option == "--first-index") first = parse_integer(option, value);
      else if (option == "--prefix") options.prefix = value;
      else if (option == "--threads") threads = int(parse_integer(option, value));
      else if (option == "--view") {
        if (value != "PA" && value != "AP") throw std::invalid_argument("--view: expected PA or AP, got '" + value + "'");
        overrides.ap_view = value == "AP";
      } else if (option == "--flipped") overrides.flipped = parse_yes_no(option, value);
      else if (option == "--situs-inversus") overrides.situs_inversus = parse_yes_no(option, value);
      else if (option == "--monochrome1") overrides.monochrome1 = parse_yes_no(option, value);
      else if (option == "--jpeg") overrides.jpeg_lossless = parse_yes_no(option, value);
      else if (option == "--bits-stored") {
        const long long bits = parse_integer(option, value);
        if (bits < 12 || bits > 16) throw std::invalid_argument("--bits-stored: expected 12..16, got " + value);
        overrides.bits_stored = int(bits);
      }
      else if (option == "--severity") {
        if (value == "mild") overrides.severity = synth::Severity::kMild;
        else if (value == "moderate") overrides.severity = synth::Severity::kModerate;
        else if (value == "severe") overrides.severity = synth::Severity::kSevere;
        else throw std::invalid_argument("--severity: expected mild, moderate or severe, got '" + value + "'");
      } else if (option == "--findings") {
        std::vector<synth::FindingKind> kinds;
        if (value != "none") {
          std::size_t start = 0;
          while (start <= value.size()) {
            const std::size_t comma = value.find(',', start);
            kinds.push_back(synth::parse_finding_kind(value.substr(start, comma - start)));
            if (comma == std::string::npos) break;
            start = comma + 1;
          }
        }
        overrides.findings = kinds;
      } else {
        throw std::invalid_argument("unknown option '" + option + "'");
      }
    }
    if (out.empty()) throw std::invalid_argument("--out DIR is required");
    if (count < 0) throw std::invalid_argument("--count N is required");
    if (!have_seed) throw std::invalid_argument("--seed S is required");
    if (count < 1 || count > 10'000'000) throw std::invalid_argument("--count must be within 1..10000000");
    if (first < 0 || first + count > 999'999'999) throw std::invalid_argument("--first-index out of range");
    synth::validate(options);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "anatomix synth: %s\n\n%s", error.what(), kUsageText);
    return kUsage;
  }

  int last_percent = -1;
  const auto result = synth::generate_dataset(options, out, int(first), int(count), threads, overrides,
                                              [&](int done, int total) {
                                                const int percent = int(100LL * done / total);
                                                if (percent / 10 != last_percent / 10) {
                                                  std::fprintf(stderr, "\r%d/%d studies", done, total);
                                                  last_percent = percent;
                                                }
                                              });
  std::fprintf(stderr, "\n");
  std::printf("wrote %d studies to %s in %.2f s (%.2f images/s, %d threads)\n", result.written, out.c_str(),
              result.seconds, result.written / std::max(1e-9, result.seconds), threads);
  return kOk;
}

}  // namespace anatomix::cli
