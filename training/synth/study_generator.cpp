#include "synth/study_generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "anatomix/named_logger.h"
#include "synth/dicom_writer.h"
#include "synth/manifest.h"
#include "synth/report.h"
#include "synth/task_samples.h"

namespace anatomix::synth {
namespace {

namespace fs = std::filesystem;

std::string two_digits(int v) {
  return std::string(v < 10 ? "0" : "") + std::to_string(v);
}

// Date `days` after 2024-01-01 as YYYYMMDD (plain civil-calendar arithmetic, no locale).
std::string date_after(int year, int days) {
  static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  for (;;) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int year_days = leap ? 366 : 365;
    if (days < year_days) {
      for (month = 0; month < 12; ++month) {
        const int md = month_days[month] + (month == 1 && leap ? 1 : 0);
        if (days < md) break;
        days -= md;
      }
      break;
    }
    days -= year_days;
    ++year;
  }
  return std::to_string(year) + two_digits(month + 1) + two_digits(days + 1);
}

void fill_dicom_attributes(Study& s, Rng& rng, const GeneratorOptions& options, const CaseOverrides& overrides) {
  DicomAttributes& d = s.dicom;
  const std::uint64_t c = s.case_seed;
  d.study_uid = make_uid(mix_seed(c, 11), mix_seed(c, 12));
  d.series_uid = make_uid(mix_seed(c, 13), mix_seed(c, 14));
  d.sop_uid = make_uid(mix_seed(c, 15), mix_seed(c, 16));
  char id[32];
  std::snprintf(id, sizeof id, "SYN%08llu", static_cast<unsigned long long>(mix_seed(c, 17) % 100000000ULL));
  d.patient_id = id;
  d.patient_name = "SYNTHETIC^" + s.id;
  d.patient_sex = s.thorax.female ? "F" : "M";
  const int age = rng.integer(20, 89);
  char age_text[8];
  std::snprintf(age_text, sizeof age_text, "%03dY", age);
  d.patient_age = age_text;
  const int day = rng.integer(0, 729);
  d.study_date = date_after(2024, day);
  d.birth_date = date_after(2024 - age - 1, rng.integer(0, 364));
  d.study_time = two_digits(rng.integer(7, 19)) + two_digits(rng.integer(0, 59)) + two_digits(rng.integer(0, 59));
  d.accession = std::to_string(100000 + mix_seed(c, 18) % 900000);
  d.view_position = s.thorax.options.ap_view ? "AP" : "PA";
  d.patient_orientation = s.flipped_acquisition() ? "R\\F" : "L\\F";
  // Magnification is source-detector over source-patient distance, both whole millimetres.
  const double source_detector = s.thorax.options.ap_view ? 1000.0 : 1800.0;
  const double source_patient = std::round(source_detector / (s.thorax.options.ap_view ? rng.uniform(1.15, 1.25) : rng.uniform(1.05, 1.12)));
  d.source_detector_mm = source_detector;
  d.source_patient_mm = source_patient;
  d.magnification = source_detector / source_patient;
  // One canonical unit is about 14 cm of patient; the spacing follows from the drawn scale.
  d.pixel_spacing_mm = std::round(140.0 * rng.uniform(0.9, 1.1) / s.thorax.to_image.mean_scale() * 10000) / 10000;
  d.kvp = s.thorax.options.ap_view ? rng.integer(85, 100) : rng.integer(110, 125);
  d.exposure_mas = std::round(rng.uniform(1.5, 4.0) * 10) / 10;
  d.photometric = overrides.monochrome1.value_or(rng.bernoulli(options.monochrome1_fraction)) ? "MONOCHROME1" : "MONOCHROME2";
  d.jpeg_lossless = overrides.jpeg_lossless.value_or(rng.bernoulli(options.jpeg_fraction));

  // Default window from the 1st and 99th percentile of the stored values inside the body.
  std::vector<std::uint16_t> sample;
  for (std::size_t i = 0; i < s.image.pixels.size(); i += 7) sample.push_back(s.image.pixels[i]);
  std::sort(sample.begin(), sample.end());
  const double low = sample[sample.size() / 100], high = sample[sample.size() * 99 / 100];
  const double max_value = double((1u << s.image.bits_stored) - 1);
  d.window_width = std::max(16.0, std::round(high - low));
  const double center = std::round((high + low) / 2);
  d.window_center = d.photometric == "MONOCHROME1" ? max_value - center : center;
}

}  // namespace

void validate(const GeneratorOptions& o) {
  if (o.size < 128 || o.size > 4096)
    throw std::invalid_argument("image size " + std::to_string(o.size) + " is outside 128..4096 pixels");
  auto fraction = [](const char* name, double v) {
    if (!(v >= 0.0 && v <= 1.0)) throw std::invalid_argument(std::string(name) + " must be within 0..1, got " + std::to_string(v));
  };
  fraction("flip fraction", o.flip_fraction);
  fraction("situs inversus fraction", o.situs_fraction);
  fraction("abnormal fraction", o.abnormal_fraction);
  fraction("MONOCHROME1 fraction", o.monochrome1_fraction);
  fraction("JPEG fraction", o.jpeg_fraction);
  if (o.prefix.empty() || o.prefix.size() > 40 || o.prefix.find_first_of("/\\ ^") != std::string::npos)
    throw std::invalid_argument("file prefix '" + o.prefix + "' must be a name of 1..40 characters without slashes, spaces or ^");
}

Study generate_study(const GeneratorOptions& options, int index, const CaseOverrides& overrides) {
  validate(options);
  Study s;
  s.seed = options.seed;
  s.index = index;
  s.case_seed = mix_seed(options.seed, std::uint64_t(index));
  char id[64];
  std::snprintf(id, sizeof id, "%s_%06d", options.prefix.c_str(), index);
  s.id = id;

  Rng rng(s.case_seed);
  ThoraxOptions thorax_options;
  thorax_options.height = options.size;
  static const std::vector<double> aspects = {1.0, 0.9, 0.82};
  thorax_options.width = 2 * int(std::lround(options.size * rng.pick(aspects) / 2));
  // One case in five is either a flipped acquisition or situs inversus with the default fractions.
  const double u = rng.uniform();
  thorax_options.flipped_acquisition = overrides.flipped.value_or(u < options.flip_fraction);
  thorax_options.situs_inversus =
      overrides.situs_inversus.value_or(u >= options.flip_fraction && u < options.flip_fraction + options.situs_fraction);
  thorax_options.ap_view = overrides.ap_view.value_or(rng.bernoulli(0.3));

  FindingPlan plan = plan_findings(rng, options.abnormal_fraction);
  if (overrides.findings) plan.kinds = *overrides.findings;
  if (overrides.severity) plan.severity = *overrides.severity;
  thorax_options.cardiothoracic_ratio = cardiothoracic_ratio_for(plan, rng);
  s.thorax = sample_thorax(thorax_options, rng);
  s.findings = place_findings(plan, s.thorax, rng);

  Rng render_rng(mix_seed(s.case_seed, 1));
  static const std::vector<int> bit_depths = {12, 14, 16};
  const int bits_stored = render_rng.pick(bit_depths);
  if (overrides.bits_stored && (*overrides.bits_stored < 12 || *overrides.bits_stored > 16))
    throw std::invalid_argument("bits stored must be within 12..16, got " + std::to_string(*overrides.bits_stored));
  s.image = render_radiograph(s.thorax, s.findings, overrides.bits_stored.value_or(bits_stored), render_rng);
  Rng meta_rng(mix_seed(s.case_seed, 2));
  fill_dicom_attributes(s, meta_rng, options, overrides);

  s.anatomy_boxes = anatomy_boxes(s.thorax);
  s.sentences = object_sentences(s.findings);
  s.chexpert = chexpert_labels(s.findings);
  const double mm_per_unit = s.dicom.pixel_spacing_mm * s.thorax.to_image.mean_scale();
  s.report = write_report(s.thorax, s.findings, mm_per_unit);
  Rng task_rng(mix_seed(s.case_seed, 3));
  s.tasks = make_task_samples(s, task_rng);
  return s;
}

std::pair<std::string, std::string> write_study(const Study& s, const std::string& directory) {
  const std::string dicom = (fs::path(directory) / (s.id + ".dcm")).string();
  const std::string manifest = (fs::path(directory) / (s.id + ".json")).string();
  write_dicom(s, dicom);
  write_json_file(study_manifest(s, s.id + ".dcm"), manifest);
  return {dicom, manifest};
}

GenerationResult generate_dataset(const GeneratorOptions& options, const std::string& directory, int first, int count,
                                  int threads, const CaseOverrides& overrides,
                                  const std::function<void(int, int)>& progress, const std::atomic<bool>* cancel) {
  validate(options);
  if (count < 1 || count > 10'000'000) throw std::invalid_argument("count must be within 1..10000000, got " + std::to_string(count));
  if (first < 0) throw std::invalid_argument("first index must be >= 0");
  threads = std::clamp(threads, 1, 64);
  std::error_code error;
  fs::create_directories(directory, error);
  if (error || !fs::is_directory(directory))
    throw std::runtime_error(directory + ": cannot create output directory: " + error.message());

  const auto start = std::chrono::steady_clock::now();
  std::atomic<int> next{0}, done{0};
  std::vector<char> finished_flags(std::size_t(count), 0);  // written by distinct workers, read after join
  std::mutex mutex;  // guards failure and progress calls
  std::exception_ptr failure;
  auto worker = [&] {
    for (;;) {
      if (cancel && cancel->load()) return;
      const int k = next.fetch_add(1);
      if (k >= count) return;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (failure) return;
      }
      try {
        write_study(generate_study(options, first + k, overrides), directory);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        return;
      }
      finished_flags[std::size_t(k)] = 1;
      const int finished = ++done;
      if (progress) {
        std::lock_guard<std::mutex> lock(mutex);
        progress(finished, count);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  // Merge into the directory's index (sorted by id, so the file does not depend on run order).
  const std::string index_path = (fs::path(directory) / "index.json").string();
  std::map<std::string, nlohmann::ordered_json> entries;
  if (fs::exists(index_path)) {
    std::ifstream in(index_path);
    const auto old = nlohmann::ordered_json::parse(in, nullptr, false);
    if (!old.is_discarded() && old.contains("studies") && old["studies"].is_array())
      for (const auto& e : old["studies"])
        if (e.contains("id") && e["id"].is_string()) entries[e["id"].get<std::string>()] = e;
  }
  for (int k = 0; k < count; ++k) {
    if (!finished_flags[std::size_t(k)]) continue;
    char id[64];
    std::snprintf(id, sizeof id, "%s_%06d", options.prefix.c_str(), first + k);
    entries[id] = {{"id", id}, {"dicom", std::string(id) + ".dcm"}, {"manifest", std::string(id) + ".json"},
                   {"seed", options.seed}, {"index", first + k}};
  }
  nlohmann::ordered_json index = {{"generator", "anatomix synth"}, {"manifest_version", kManifestVersion},
                                  {"studies", nlohmann::ordered_json::array()}};
  for (auto& [id, e] : entries) index["studies"].push_back(e);
  write_json_file(index, index_path);

  GenerationResult result;
  result.written = done.load();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  named_logger("training")->info("generate_dataset: {} studies in {:.1f} s ({:.2f} images/s) into {}",
                                 result.written, result.seconds, result.written / std::max(1e-9, result.seconds),
                                 directory);
  return result;
}

FindingKind parse_finding_kind(const std::string& name) {
  for (int k = 0; k <= int(FindingKind::kClavicleFracture); ++k)
    if (name == finding_kind_name(FindingKind(k))) return FindingKind(k);
  throw std::invalid_argument("unknown finding '" + name + "'");
}

}  // namespace anatomix::synth
