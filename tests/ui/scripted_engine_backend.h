// ScriptedEngineBackend: a deterministic test-only model behind EngineBackend (the interface the
// worker drives), for GUI tests that must not depend on what an untrained bundle happens to say.
// It reads the heart side from the pixels (the brighter half of the lower middle band) and places
// the 36 Chest ImaGenome boxes from a template that is mirror-symmetric between left/right partners.
//  - SideReading::Anatomy (the default): every anatomy follows the heart, so names follow the
//    anatomy in the pixels, the project's convention (anatomix/laterality.h). Flip-consistent, and
//    its "Left lung" is where the patient's left is whatever the header says.
//  - SideReading::ImageSide: anatomies with a left/right partner are placed by image side (the
//    patient's left always at the image right), the others follow the heart: RadVLM's failure in
//    the AnatomiX paper. Its lateral boxes land on the wrong side in the flip check.
// load() takes the name and description of a bundle folder's config.json when it has one, and fails with the
// message of its "scripted_load_error" as the engine fails on a bundle with broken weights.
// analyse() can be held open by the test (holdAnalysis). ask() streams a few words with `tokenDelayMs`
// between them, polls the cancel flag between tokens, and grounds phrase/anatomy/detection requests
// with one box. A free question starting "Where" gets a box of three numbers, which the engine reports
// as unreadable (Answer::box_problem, the raw text kept), as an undertrained model may write.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "anatomix/ui/engine_backend.h"

namespace anatomix::ui::testing {

class ScriptedEngineBackend : public EngineBackend {
 public:
  enum class SideReading { Anatomy, ImageSide };

  explicit ScriptedEngineBackend(SideReading reading = SideReading::Anatomy, int tokenDelayMs = 5, int answerTokens = 12)
      : m_reading(reading), m_tokenDelayMs(tokenDelayMs), m_answerTokens(answerTokens) {}

  BundleInfo load(const LoadOptions& options) override;
  Analysis analyse(const GrayImageView& image, const std::atomic<bool>* cancel) override;
  Answer ask(AskSession& session, const AskRequest& request) override;

  static std::vector<std::string> anatomyNames();  // the 36 Chest ImaGenome objects in query order

  // Counters read by tests after the worker is idle.
  std::atomic<int> loadCalls{0};
  std::atomic<int> analyseCalls{0};
  // While set, analyse() waits (cancellable) before answering, so that a test can check what the
  // window shows during an analysis without any timing assumption; analysesWaiting counts the waiters.
  std::atomic<bool> holdAnalysis{false};
  std::atomic<int> analysesWaiting{0};
  std::atomic<int> askCalls{0};
  // Anatomy grounding answers with the analysed box of the named anatomy, mirrored while this is set (a
  // language model that places anatomies by their names' usual image side).
  std::atomic<bool> misplaceAnatomies{false};
  // The session of each ask(), in order (written on the worker thread; read after the answers arrived).
  std::vector<const AskSession*> askSessions;

 private:
  SideReading m_reading;
  int m_tokenDelayMs;
  int m_answerTokens;
};

}  // namespace anatomix::ui::testing
