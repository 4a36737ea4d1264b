// `anatomix analyze | ask | ground`: the engine on images from the command line. Images come through
// viewer/image (DICOM, PNG, JPEG, TIFF); results print as text or JSON (--json) for scripts.
#include "anatomix/cardiothoracic_ratio.h"
#include "anatomix/cli.h"
#include "anatomix/engine.h"
#include "anatomix/image/image_error.h"
#include "anatomix/image/model_input.h"
#include "anatomix/image/radiograph_gate.h"
#include "anatomix/image/rgb_png.h"
#include "anatomix/laterality.h"
#include "anatomix/named_logger.h"
#include "anatomix/shipped_bundle.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace anatomix::cli {

namespace {

using nlohmann::json;

std::atomic<bool> g_cancel{false};

extern "C" void on_interrupt(int) { g_cancel.store(true); }

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Options shared by the engine commands.
struct Options {
  std::vector<std::string> positional;
  std::string model;
  std::string device = "cpu";
  int threads = 0;
  bool json = false;
  std::string task;
  std::vector<Box> boxes;
  std::string question;
  int max_new_tokens = 256;
  int top_k = 1;
  std::string overlay;
  bool force = false;
  bool help = false;
};

int parse_int(const std::string& text, const std::string& option) {
  try {
    size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(option + " expects an integer, got '" + text + "'");
}

Box parse_box(const std::string& text) {
  std::vector<float> values;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ',')) {
    try {
      size_t used = 0;
      values.push_back(std::stof(part, &used));
      if (used != part.size()) throw std::invalid_argument(part);
    } catch (const std::exception&) {
      throw UsageError("--box expects x1,y1,x2,y2 in image pixels, got '" + text + "'");
    }
  }
  if (values.size() != 4) throw UsageError("--box expects four numbers x1,y1,x2,y2, got '" + text + "'");
  if (!(values[2] > values[0] && values[3] > values[1]))
    throw UsageError("--box needs x1 < x2 and y1 < y2, got '" + text + "'");
  return {values[0], values[1], values[2], values[3]};
}

Options parse(const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") options.help = true;
    else if (arg == "--model") options.model = value();
    else if (arg == "--device") options.device = value();
    else if (arg == "--threads") options.threads = parse_int(value(), arg);
    else if (arg == "--json") options.json = true;
    else if (arg == "--task") options.task = value();
    else if (arg == "--box") options.boxes.push_back(parse_box(value()));
    else if (arg == "--question") options.question = value();
    else if (arg == "--max-new-tokens") options.max_new_tokens = parse_int(value(), arg);
    else if (arg == "--top-k") options.top_k = parse_int(value(), arg);
    else if (arg == "--overlay") options.overlay = value();
    else if (arg == "--force") options.force = true;
    else if (arg.size() > 1 && arg[0] == '-' && arg != "-") throw UsageError("unknown option " + arg);
    else options.positional.push_back(arg);
  }
  if (options.device != "cpu" && options.device != "cuda")
    throw UsageError("--device must be cpu or cuda, got '" + options.device + "'");
  return options;
}

const char* kCommonHelp =
    "  --model DIR        model bundle directory (default: $ANATOMIX_MODEL, else the shipped bundle)\n"
    "  --device cpu|cuda  where to run (default cpu)\n"
    "  --threads N        CPU threads (default: all cores)\n"
    "  --json             machine-readable output on stdout\n";

void load_engine(Engine& engine, const Options& options) {
  std::string model = options.model;
  if (model.empty()) {
    const char* environment = std::getenv("ANATOMIX_MODEL");
    if (environment) model = environment;
  }
#ifdef ANATOMIX_SOURCE_DIR
  if (model.empty()) model = find_shipped_bundle(running_program_dir(), ANATOMIX_SOURCE_DIR);
#else
  if (model.empty()) model = find_shipped_bundle(running_program_dir(), "");
#endif
  if (model.empty())
    throw UsageError("no model bundle: pass --model DIR or set ANATOMIX_MODEL (the shipped bundle was not found "
                     "beside the program or in its source tree)");
  LoadOptions load;
  load.bundle_dir = model;
  load.device = options.device == "cuda" ? Device::Cuda : Device::Cpu;
  load.threads = options.threads;
  engine.load(load);
}

image::Gray8Image load_image(const std::string& path) {
  try {
    return image::load_model_input(path);
  } catch (const image::ImageError& error) {
    throw EngineError(std::string("cannot read the image: ") + error.what());
  }
}

Analysis analyse_file(Engine& engine, const image::Gray8Image& image, int top_k) {
  GrayImageView view{image.pixels.data(), image.width, image.height, image.width};
  return engine.analyse(view, top_k, &g_cancel);
}

json box_json(const Box& box) { return json::array({box.x1, box.y1, box.x2, box.y2}); }

json analysis_json(const Analysis& analysis) {
  json anatomies = json::array();
  for (const auto& anatomy : analysis.anatomies) {
    json entry{{"index", anatomy.index},       {"name", anatomy.name},         {"box", box_json(anatomy.box)},
               {"sentence", anatomy.sentence}, {"similarity", anatomy.similarity}, {"abnormal", anatomy.abnormal}};
    if (!anatomy.alternatives.empty()) {
      entry["alternatives"] = json::array();
      for (const auto& [sentence, similarity] : anatomy.alternatives)
        entry["alternatives"].push_back({{"sentence", sentence}, {"similarity", similarity}});
    }
    anatomies.push_back(entry);
  }
  json labels = json::object();
  for (const auto& [name, probability] : analysis.labels) labels[name] = probability;
  json document{{"image_width", analysis.image_width}, {"image_height", analysis.image_height},
                {"seconds", analysis.seconds},         {"anatomies", anatomies},
                {"labels", labels}};
  if (analysis.chest_check)
    document["chest_radiograph_check"] = {{"probability", analysis.chest_check->probability},
                                          {"threshold", analysis.chest_check->threshold},
                                          {"refused", analysis.chest_check->refused()}};
  return document;
}

json answer_json(const Answer& answer, Task task) {
  json grounded = json::array();
  for (const auto& phrase : answer.grounded) grounded.push_back({{"label", phrase.label}, {"box", box_json(phrase.box)}});
  return {{"task", task_name(task)},
          {"instruction", answer.prompt_instruction},
          {"text", answer.text},
          {"plain_text", answer.plain_text},
          {"box_problem", answer.box_problem},
          {"grounded", grounded},
          {"prompt_tokens", answer.prompt_tokens},
          {"generated_tokens", answer.generated_tokens},
          {"prefill_seconds", answer.prefill_seconds},
          {"decode_seconds", answer.decode_seconds}};
}

// Runs a command body, turning errors into the documented exit codes and messages on stderr.
template <typename Body>
int run_guarded(const char* command, const char* usage, const std::vector<std::string>& args, Body&& body) {
  std::signal(SIGINT, on_interrupt);
  try {
    const Options options = parse(args);
    if (options.json) spdlog::set_level(spdlog::level::warn);  // stdout carries only the JSON document
    if (options.help) {
      std::printf("%s\n%s", usage, kCommonHelp);
      return kOk;
    }
    return body(options);
  } catch (const UsageError& error) {
    std::fprintf(stderr, "anatomix %s: %s\n\n%s\n%s", command, error.what(), usage, kCommonHelp);
    return kUsage;
  } catch (const Cancelled&) {
    std::fprintf(stderr, "anatomix %s: cancelled\n", command);
    return kCancelled;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "anatomix %s: error: %s\n", command, error.what());
    return kFailure;
  }
}

const char* kAnalyzeUsage =
    "usage: anatomix analyze IMAGE [--json] [--top-k K] [--overlay OUT.png] [--force] [--model DIR]\n"
    "  Runs the anatomy perception module: 36 anatomy boxes (original-image pixels), the retrieved\n"
    "  finding sentence of each, the 14 image-label probabilities and the cardiothoracic ratio from\n"
    "  the heart and lung boxes. Only frontal chest radiographs are analysed (header and pixel checks:\n"
    "  modality, body part, view position, size, polarity); others fail with the reason.\n"
    "  --force            analyse an image that the checks refuse\n"
    "  --overlay OUT.png  also draws the 36 boxes on the image: the patient's left anatomies orange, the\n"
    "                     right ones cyan, the others green (names follow the anatomy, not the image side)\n";

// The image with the anatomy boxes drawn on it, for a quick look.
image::Rgb8Image overlay_image(const image::Gray8Image& gray, const Analysis& analysis) {
  image::Rgb8Image out{gray.width, gray.height, {}};
  out.pixels.reserve(gray.pixels.size() * 3);
  for (std::uint8_t v : gray.pixels) out.pixels.insert(out.pixels.end(), {v, v, v});
  const int thickness = std::max(1, std::max(gray.width, gray.height) / 500);
  for (const AnatomyResult& anatomy : analysis.anatomies) {
    const bool lateral = is_lateral_name(anatomy.name);
    const bool left = lateral && names_patient_left(anatomy.name);
    const std::uint8_t r = !lateral ? 80 : left ? 255 : 0, g = !lateral ? 220 : left ? 140 : 200, b = !lateral ? 80 : left ? 0 : 255;
    const int x1 = static_cast<int>(std::lround(anatomy.box.x1)), y1 = static_cast<int>(std::lround(anatomy.box.y1));
    const int x2 = static_cast<int>(std::lround(anatomy.box.x2)) - 1, y2 = static_cast<int>(std::lround(anatomy.box.y2)) - 1;
    for (int t = 0; t < thickness; ++t) {
      for (int x = x1; x <= x2; ++x) out.set(x, y1 + t, r, g, b), out.set(x, y2 - t, r, g, b);
      for (int y = y1; y <= y2; ++y) out.set(x1 + t, y, r, g, b), out.set(x2 - t, y, r, g, b);
    }
  }
  return out;
}

std::string probability_text(float probability) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", probability);
  return text;
}

int run_analyze(const std::vector<std::string>& args) {
  return run_guarded("analyze", kAnalyzeUsage, args, [](const Options& options) {
    if (options.positional.size() != 1) throw UsageError("analyze takes exactly one IMAGE");
    image::DecodedImage decoded;
    try {
      decoded = image::decode_image(options.positional[0]);
    } catch (const image::ImageError& error) {
      throw EngineError(std::string("cannot read the image: ") + error.what());
    }
    const image::GateResult gate = image::check_frontal_chest_radiograph(decoded);
    if (!gate.accepted() && !options.force)
      throw EngineError("not analysed: " + gate.message + " (--force analyses it anyway)");
    if (!gate.accepted()) named_logger("engine")->warn("analysing despite the check: {}", gate.message);
    const image::Gray8Image image = image::to_model_input(decoded);
    decoded = image::DecodedImage();  // the model input is all that is needed from here
    Engine engine;
    load_engine(engine, options);
    const Analysis analysis = analyse_file(engine, image, std::max(options.top_k, 1));
    if (analysis.chest_check && analysis.chest_check->refused()) {
      const std::string check = "this does not look like a frontal chest radiograph (learned check: " +
                                probability_text(analysis.chest_check->probability) + " < " +
                                probability_text(analysis.chest_check->threshold) + ")";
      if (!options.force) throw EngineError("not analysed: " + check + " (--force analyses it anyway)");
      named_logger("engine")->warn("analysing despite the check: {}", check);
    }
    std::vector<std::string> names;
    std::vector<Box> boxes;
    for (const auto& anatomy : analysis.anatomies) names.push_back(anatomy.name), boxes.push_back(anatomy.box);
    const auto callipers = cardiothoracic_callipers(names, boxes);
    if (!options.overlay.empty()) image::write_rgb_png(options.overlay, overlay_image(image, analysis));
    if (options.json) {
      json document = analysis_json(analysis);
      if (callipers) {
        const auto calliper = [](const Calliper& c) { return json{{"x1", c.x1}, {"x2", c.x2}, {"y", c.y}}; };
        document["cardiothoracic_ratio"] = {{"ratio", callipers->ratio()},
                                            {"cardiac", calliper(callipers->cardiac)},
                                            {"thoracic", calliper(callipers->thoracic)}};
      }
      std::cout << document.dump(2) << "\n";
    } else {
      std::printf("%d x %d pixels, analysed in %.2f s\n", analysis.image_width, analysis.image_height,
                  analysis.seconds);
      for (const auto& a : analysis.anatomies)
        std::printf("%2d %-46s (%7.1f,%7.1f)-(%7.1f,%7.1f) %s\n", a.index, a.name.c_str(), a.box.x1, a.box.y1,
                    a.box.x2, a.box.y2, a.sentence.c_str());
      for (const auto& [label, probability] : analysis.labels) std::printf("  %-28s %.3f\n", label.c_str(), probability);
      if (callipers)
        std::printf("cardiothoracic ratio %.3f (heart %.1f px, thorax %.1f px)\n", callipers->ratio(),
                    callipers->cardiac.width(), callipers->thoracic.width());
    }
    return kOk;
  });
}

int ask_and_print(Engine& engine, const Analysis& analysis, AskRequest request, const Options& options) {
  request.max_new_tokens = options.max_new_tokens;
  request.cancel = &g_cancel;
  if (!options.json)
    request.on_text = [](const std::string& text) {
      std::fputs(text.c_str(), stdout);
      std::fflush(stdout);
    };
  const Answer answer = engine.ask(analysis, request);
  if (options.json) {
    std::cout << answer_json(answer, request.task).dump(2) << "\n";
  } else {
    std::printf("\n");
    for (const auto& phrase : answer.grounded)
      std::printf("  [%s] (%.1f,%.1f)-(%.1f,%.1f)\n", phrase.label.c_str(), phrase.box.x1, phrase.box.y1,
                  phrase.box.x2, phrase.box.y2);
  }
  return kOk;
}

const char* kAskUsage =
    "usage: anatomix ask IMAGE --task TASK [--box x1,y1,x2,y2]... [--question TEXT] [--max-new-tokens N]\n"
    "  TASK: report | caption | diagnosis | vqa | closed-vqa | classify | detect | ground | anatomy\n"
    "  caption and diagnosis need --box (original-image pixels); vqa, closed-vqa need --question;\n"
    "  ground and anatomy take the phrase or anatomy name in --question. Text streams as it is generated.\n";

int run_ask(const std::vector<std::string>& args) {
  return run_guarded("ask", kAskUsage, args, [](const Options& options) {
    if (options.positional.size() != 1) throw UsageError("ask takes exactly one IMAGE");
    if (options.task.empty()) throw UsageError("--task is required");
    const auto task = task_from_name(options.task);
    if (!task) throw UsageError("unknown task '" + options.task + "'");
    const image::Gray8Image image = load_image(options.positional[0]);
    Engine engine;
    load_engine(engine, options);
    const Analysis analysis = analyse_file(engine, image, 1);
    AskRequest request;
    request.task = *task;
    request.text = options.question;
    request.regions = options.boxes;
    return ask_and_print(engine, analysis, request, options);
  });
}

const char* kGroundUsage =
    "usage: anatomix ground IMAGE PHRASE [--json]\n"
    "  Phrase grounding: where is PHRASE in the image (boxes in original-image pixels).\n";

int run_ground(const std::vector<std::string>& args) {
  return run_guarded("ground", kGroundUsage, args, [](const Options& options) {
    if (options.positional.size() != 2) throw UsageError("ground takes an IMAGE and a PHRASE");
    const image::Gray8Image image = load_image(options.positional[0]);
    Engine engine;
    load_engine(engine, options);
    const Analysis analysis = analyse_file(engine, image, 1);
    AskRequest request;
    request.task = Task::PhraseGrounding;
    request.text = options.positional[1];
    return ask_and_print(engine, analysis, request, options);
  });
}

}  // namespace

std::vector<Command> image_commands() {
  return {
      {"analyze", "anatomy boxes, retrieved findings and image labels of an image", run_analyze},
      {"ask", "run one of the nine tasks (report, caption, diagnosis, vqa, ...)", run_ask},
      {"ground", "locate a phrase in an image", run_ground},
  };
}

}  // namespace anatomix::cli
