#include "scripted_engine_backend.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include "anatomix/laterality.h"

namespace anatomix::ui::testing {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool hasWord(const std::string& lowered, const std::string& word) {
  std::size_t at = lowered.find(word);
  while (at != std::string::npos) {
    const bool startOk = at == 0 || !std::isalpha(static_cast<unsigned char>(lowered[at - 1]));
    const std::size_t end = at + word.size();
    const bool endOk = end >= lowered.size() || !std::isalpha(static_cast<unsigned char>(lowered[end]));
    if (startOk && endOk) return true;
    at = lowered.find(word, at + 1);
  }
  return false;
}

// True when the lower middle band's right half is brighter (the heart on the image right).
bool heartOnImageRight(const GrayImageView& image) {
  const int stride = image.stride > 0 ? image.stride : image.width;
  double left = 0, right = 0;
  for (int y = image.height / 3; y < image.height * 5 / 6; ++y)
    for (int x = 0; x < image.width; ++x)
      (x < image.width / 2 ? left : right) += image.pixels[static_cast<std::size_t>(y) * stride + x];
  return right >= left;
}

std::string withoutSides(std::string key) {
  for (const char* side : {"left", "right"})
    for (std::size_t at = key.find(side); at != std::string::npos; at = key.find(side)) key.erase(at, std::string(side).size());
  return key;
}

// Template box with the heart on the image right (fractions of the image), mirror-symmetric between
// partners: the height comes from the pair's names with their side words removed, the side from the
// side word. Anatomies without a side lean towards the patient's left, as the heart does, so that
// mirroring moves them and the heart's box confirms the lungs' side (patient_left_from_anatomy).
Box templateBox(const std::string& name, const std::string& partnerName, int width, int height) {
  const std::string lowered = lower(name);
  const bool left = hasWord(lowered, "left"), right = hasWord(lowered, "right");
  const std::string key = std::min(withoutSides(lowered), withoutSides(lower(partnerName)));
  const std::size_t hash = std::hash<std::string>()(key);
  const float top = 0.08f + 0.6f * static_cast<float>(hash % 1000) / 1000.f;
  const float bottom = top + 0.12f + 0.1f * static_cast<float>((hash / 1000) % 100) / 100.f;
  float x1 = 0.4f, x2 = 0.62f + 0.05f * static_cast<float>(hash % 3);  // no side: centre right of the midline
  if (left) x1 = 0.56f, x2 = 0.9f;     // patient's left at the image right
  if (right) x1 = 0.1f, x2 = 0.44f;
  return {x1 * width, top * height, x2 * width, std::min(bottom, 0.98f) * height};
}

void pause(int milliseconds) { std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds)); }

}  // namespace

std::vector<std::string> ScriptedEngineBackend::anatomyNames() {
  return {"Abdominal cavity", "Aortic arch structure", "Apical zone of left lung", "Apical zone of right lung",
          "Cardiac shadow viewed radiologically or Heart", "Descending aorta", "Hilar Area of the Left Lung",
          "Hilar Area of the Right Lung", "Left clavicle", "Left hemidiaphragm", "Left lower lung zone", "Left lung",
          "Left mid lung zone", "Left upper lung zone", "Mediastinum", "Right atrial structure",
          "Right border of heart viewed radiologically", "Right clavicle", "Right hemidiaphragm",
          "Right lower lung zone", "Right lung", "Right mid lung zone", "Right upper lung zone", "Structure of carina",
          "Structure of left margin of heart", "Structure of left upper quadrant of abdomen",
          "Structure of right upper quadrant of abdomen", "Superior mediastinum", "Superior vena cava structure",
          "Trachea and Main Bronchus", "Vertebral column", "cavoatrial", "left cardiophrenic sulcus",
          "Left costodiaphragmatic recess", "right cardiophrenic sulcus", "Right costodiaphragmatic recess"};
}

BundleInfo ScriptedEngineBackend::load(const LoadOptions& options) {
  if (!std::filesystem::is_directory(options.bundle_dir))
    throw EngineError("The model bundle folder " + options.bundle_dir + " does not exist.");
  ++loadCalls;
  if (options.progress) options.progress(0.5f, "scripted");
  QFile configFile(QString::fromStdString((std::filesystem::path(options.bundle_dir) / "config.json").string()));
  const QJsonObject config =
      configFile.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(configFile.readAll()).object() : QJsonObject();
  if (config.contains(QLatin1String("scripted_load_error")))
    throw EngineError(config.value(QLatin1String("scripted_load_error")).toString().toStdString());
  if (options.progress) options.progress(1.f, "scripted");
  BundleInfo info;
  info.name = m_reading == SideReading::Anatomy ? "scripted-anatomy-reader" : "scripted-image-side-reader";
  info.description = "test-only scripted model";
  if (config.contains(QLatin1String("name"))) info.name = config.value(QLatin1String("name")).toString().toStdString();
  if (config.contains(QLatin1String("description")))
    info.description = config.value(QLatin1String("description")).toString().toStdString();
  info.image_size = 1024;
  info.num_anatomies = 36;
  info.device = "cpu";
  return info;
}

Analysis ScriptedEngineBackend::analyse(const GrayImageView& image, const std::atomic<bool>* cancel) {
  ++analyseCalls;
  if (!image.pixels || image.width <= 0 || image.height <= 0) throw EngineError("The image is empty.");
  pause(20);
  if (holdAnalysis) {
    ++analysesWaiting;
    while (holdAnalysis && !(cancel && cancel->load())) pause(2);
    --analysesWaiting;
  }
  if (cancel && cancel->load()) throw Cancelled();
  const bool heartRight = heartOnImageRight(image);
  const std::vector<std::string> names = anatomyNames();
  const std::vector<int> partner = lateral_partner_indices(names);
  Analysis analysis;
  analysis.image_width = image.width;
  analysis.image_height = image.height;
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    AnatomyResult anatomy;
    anatomy.index = i;
    anatomy.name = names[static_cast<std::size_t>(i)];
    const Box heartRightBox =
        templateBox(anatomy.name, names[static_cast<std::size_t>(partner[static_cast<std::size_t>(i)])], image.width, image.height);
    const bool hasPartner = partner[static_cast<std::size_t>(i)] != i;
    const bool followsHeart = m_reading == SideReading::Anatomy || !hasPartner;
    const float width = static_cast<float>(image.width);
    anatomy.box = followsHeart && !heartRight ? mirror_box(heartRightBox, width) : heartRightBox;
    // Two abnormal anatomies so that the list and the findings have something to show.
    const bool abnormal = anatomy.name == "Left lower lung zone" || anatomy.name == "Cardiac shadow viewed radiologically or Heart";
    anatomy.sentence = anatomy.name + (abnormal ? " shows opacity and effusion." : " is healthy.");
    anatomy.abnormal = abnormal;
    anatomy.similarity = 0.9f;
    analysis.anatomies.push_back(anatomy);
  }
  analysis.labels = {{"Pleural Effusion", 0.8f}, {"Pneumothorax", 0.1f}};
  analysis.seconds = 0.02;
  return analysis;
}

Answer ScriptedEngineBackend::ask(AskSession& session, const AskRequest& request) {
  ++askCalls;
  askSessions.push_back(&session);
  const Analysis& analysis = session.analysis();
  if (request.max_new_tokens <= 0) throw EngineError("max_new_tokens must be positive.");
  if (request.task == Task::OpenVqa && request.text.empty()) throw EngineError("The question is empty.");
  Answer answer;
  const float width = static_cast<float>(analysis.image_width), height = static_cast<float>(analysis.image_height);
  const Box box{0.55f * width, 0.55f * height, 0.8f * width, 0.8f * height};
  std::vector<std::string> words;
  switch (request.task) {
    case Task::GroundedCaptioning:
    case Task::GroundedDiagnosis:
      words = {"The", " region", " shows", " a", " small", " opacity", "."};
      break;
    case Task::AnatomyGrounding: {
      // The anatomy box of the prompt copied, or mirrored (placed by the name's usual image side).
      Box anatomyBox = box;
      for (const AnatomyResult& anatomy : analysis.anatomies)
        if (anatomy.name == request.text)
          anatomyBox = misplaceAnatomies ? mirror_box(anatomy.box, width) : anatomy.box;
      words = {"<ref>", request.text, "</ref>", "<box>", "(1,2),(3,4)", "</box>"};
      answer.grounded.push_back({request.text, anatomyBox});
      break;
    }
    case Task::PhraseGrounding:
    case Task::AbnormalityDetection:
      words = {"<ref>", request.text.empty() ? "effusion" : request.text, "</ref>", "<box>", "(1,2),(3,4)", "</box>"};
      answer.grounded.push_back({request.text.empty() ? "effusion" : request.text, box});
      break;
    default:
      if (request.task == Task::OpenVqa && request.text.rfind("Where", 0) == 0)
        words = {"At", " <box>", "(1,2),(3)", "</box>", "."};
      else
        words = {"No", " acute", " cardiopulmonary", " process", "."};
  }
  while (static_cast<int>(words.size()) < m_answerTokens) words.push_back(" more");
  words.resize(static_cast<std::size_t>(std::min(m_answerTokens, request.max_new_tokens)));
  for (const std::string& word : words) {
    if (request.cancel && request.cancel->load()) throw Cancelled();
    pause(m_tokenDelayMs);
    if (request.cancel && request.cancel->load()) throw Cancelled();
    answer.text += word;
    if (request.on_text) request.on_text(word);
  }
  answer.plain_text = answer.text;
  if (answer.text.find("(1,2),(3)<") != std::string::npos) {
    answer.box_problem = "1 of the answer's 1 <box> tag holds no box of four numbers.";
    answer.generated_tokens = static_cast<int>(words.size());
    return answer;
  }
  for (const char* tag : {"<ref>", "</ref>", "<box>", "</box>", "(1,2),(3,4)"})
    for (std::size_t at = answer.plain_text.find(tag); at != std::string::npos; at = answer.plain_text.find(tag))
      answer.plain_text.erase(at, std::string(tag).size());
  answer.generated_tokens = static_cast<int>(words.size());
  return answer;
}

}  // namespace anatomix::ui::testing
