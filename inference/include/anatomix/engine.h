// AnatomiX engine: the one public interface of inference/. No torch, no Qt types here, so that
// ui/ (Qt) and the CLI can include it. Implemented behind a pimpl in inference/src/engine.cpp.
//
// Coordinates: every box crossing this interface is in pixels of the ORIGINAL image handed to
// analyse() (x to the right, y down, x1<x2, y1<y2, floating point). The engine maps them through the
// published letterbox to the model square and its exact inverse (anatomix/letterbox.h).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "anatomix/box.h"

namespace anatomix {

// Thrown for every failure a user can act on (missing file, wrong shape, bad input).
// Messages are complete sentences naming the file/tensor and what was expected vs found.
class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown when a request was cancelled through its flag; distinct from failure.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// An 8-bit grayscale image, row-major, y down. The caller keeps `pixels` alive during the call.
// For DICOM, the caller applies modality LUT, the default VOI and MONOCHROME1 inversion first
// (viewer/io does this: one implementation for the app, the CLI and the generator).
struct GrayImageView {
  const std::uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes between rows; 0 means width
};

enum class Device { Cpu, Cuda };

struct LoadOptions {
  std::string bundle_dir;     // directory with config.json, *.safetensors, tokenizer.model, vector db
  Device device = Device::Cpu;
  int threads = 0;            // 0: all cores
  // Progress in [0,1] with a short stage text; return false to abort loading (throws Cancelled).
  std::function<bool(float, const std::string&)> progress;
};

struct BundleInfo {
  std::string name;            // config.json "name"
  std::string description;     // e.g. "demonstration model trained on synthetic radiographs, not for clinical use"
  int image_size = 0;          // model square side (1024 for the published model)
  int num_anatomies = 0;       // 36
  std::string device;          // "cpu" or "cuda:0"
  std::string lm_precision;    // the language model's weights as loaded: "bf16" or "fp32"
};

// One of the 36 Chest ImaGenome objects after analysis, in query order.
struct AnatomyResult {
  int index = 0;                 // query index 0..35
  std::string name;              // name from the bundle (query order)
  Box box;                       // original-image pixels
  std::string sentence;          // retrieved top-1 sentence, e.g. "Left lung shows atelectasis."
  float similarity = 0;          // cosine similarity of the top-1 sentence
  bool abnormal = false;         // sentence is not "... is healthy."
  std::vector<std::pair<std::string, float>> alternatives;  // top-k sentences with similarity (k from request)
};

// The bundle's learned check "is this a frontal chest radiograph?" (a logistic head on the APM's pooled image
// features, `anatomix train gate`): headers can lie and PNG files have none.
struct ChestRadiographCheck {
  float probability = 0;  // that the image is a frontal chest radiograph as the model expects it
  float threshold = 0.5f;  // chosen on validation images; below it the image is refused
  bool refused() const { return probability < threshold; }
};

// Result of the APM on one image. Keeps an opaque handle to the image/object features so that later ask()
// calls on the same image do not re-run the APM. Immutable after analyse(): copies share the features, and
// any number of threads may ask about one analysis at once (each through its own AskSession).
struct Analysis {
  int image_width = 0, image_height = 0;
  std::vector<AnatomyResult> anatomies;                   // 36, query order
  std::vector<std::pair<std::string, float>> labels;      // 14 CheXpert image labels with probability
  double seconds = 0;                                     // APM + retrieval wall time
  std::optional<ChestRadiographCheck> chest_check;        // absent when the bundle has no learned check
  // The pooled image features the check reads: the encoder's CLS output, then the mean of its patch tokens.
  std::vector<float> image_embedding;
  std::shared_ptr<const void> features;                   // engine-internal; opaque to callers
};

enum class Task {
  PhraseGrounding,     // phrase -> boxes
  AnatomyGrounding,    // anatomy name -> box
  GroundedDiagnosis,   // regions -> diagnosis
  GroundedCaptioning,  // regions -> caption
  ReportGeneration,    // -> findings + impression
  OpenVqa,             // question -> answer
  ClosedVqa,           // question with options -> option
  Classification,      // -> CheXpert labels
  AbnormalityDetection // -> labelled boxes
};

struct AskRequest {
  Task task = Task::ReportGeneration;
  std::string text;               // phrase, anatomy name or question, depending on the task
  // When set, placed after "Task: " instead of the engine's phrasing of the task, e.g. one of the other
  // published phrasings (`text` is then unused). Checked like `text`. For the region tasks give the
  // phrasing without boxes: the <box> strings of `regions` follow it, as the engine writes them.
  std::string instruction;
  std::vector<Box> regions;       // user regions (original-image pixels) for grounded tasks
  int max_new_tokens = 256;
  bool greedy = true;             // published decoding; false: seeded sampling
  float temperature = 1.0f;
  int top_k = 64;
  std::uint64_t seed = 0;
  // Called for each decoded piece of text as it is produced (engine thread).
  std::function<void(const std::string&)> on_text;
  const std::atomic<bool>* cancel = nullptr;  // checked between tokens; set -> throws Cancelled
};

struct GroundedPhrase {
  std::string label;   // the <ref> text (or the surrounding text when there is no <ref>)
  Box box;             // original-image pixels
};

// One conversation about an analysed image, owned by its caller: it keeps the KV cache of its last prompt, so
// that a follow-up question prefills only the part of its prompt that differs (every prompt shares the image,
// the 36 anatomy lines and "Task:", about 95% of its tokens). Sessions of one Analysis are independent of each
// other; one session serves one ask() at a time. Movable, not copyable (a copy would share the cache).
class AskSession {
 public:
  explicit AskSession(Analysis analysis) : analysis_(std::move(analysis)) {}
  AskSession(const AskSession&) = delete;
  AskSession& operator=(const AskSession&) = delete;
  AskSession(AskSession&&) = default;
  AskSession& operator=(AskSession&&) = default;

  const Analysis& analysis() const { return analysis_; }

 private:
  friend class Engine;
  Analysis analysis_;
  std::shared_ptr<void> prompt_cache_;  // engine-internal: the last prompt's ids and KV cache
};

struct Answer {
  std::string prompt_instruction;  // the instruction text placed after "Task: "
  std::string text;                // raw answer text with <ref>/<box> tags, up to the stop token
  std::string plain_text;          // text with tags removed (for display); the raw text if box_problem is set
  std::vector<GroundedPhrase> grounded;  // parsed boxes, already mapped to original pixels
  // Empty when every <box> of the answer was read; otherwise why not (show it with the raw text).
  std::string box_problem;
  int prompt_tokens = 0, generated_tokens = 0;
  int reused_prompt_tokens = 0;    // of prompt_tokens, taken from the previous question of the same session
  double prefill_seconds = 0, decode_seconds = 0;
};

class Engine {
 public:
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads and validates a bundle; throws EngineError with a readable message.
  void load(const LoadOptions& options);
  bool loaded() const;
  BundleInfo info() const;
  std::vector<std::string> anatomy_names() const;

  // Runs the APM and retrieval. top_k >= 1 fills AnatomyResult::alternatives.
  Analysis analyse(const GrayImageView& image, int top_k = 1, const std::atomic<bool>* cancel = nullptr);

  // Builds the prompt of the task from the session's analysis, generates, parses grounded boxes. Starts from
  // the session's previous prompt where the two agree, and keeps this prompt for the next question.
  Answer ask(AskSession& session, const AskRequest& request);
  // One question on its own: a fresh session that ends with the call (nothing reused).
  Answer ask(const Analysis& analysis, const AskRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

const char* task_name(Task task);                     // "report", "caption", ...
std::optional<Task> task_from_name(const std::string& name);

}  // namespace anatomix
