// EngineBackend: the small interface through which EngineWorker drives a model. The workstation
// uses LibTorchEngineBackend (anatomix::Engine from inference/); tests put a deterministic
// test-only model behind the same interface (e.g. to check that the flip check flags a model that
// reads sides from the heart). Called on the worker's thread only, one call at a time.
#pragma once

#include <atomic>
#include <memory>

#include "anatomix/engine.h"

namespace anatomix::ui {

class EngineBackend {
 public:
  virtual ~EngineBackend() = default;
  // Throws anatomix::EngineError (readable message) or anatomix::Cancelled; the model loaded before, if any,
  // then stays in use (anatomix::Engine::load replaces it only once the new one has loaded).
  virtual BundleInfo load(const LoadOptions& options) = 0;
  virtual Analysis analyse(const GrayImageView& image, const std::atomic<bool>* cancel) = 0;
  // `session`: the conversation about one analysis (anatomix::AskSession), kept by the caller between questions.
  virtual Answer ask(AskSession& session, const AskRequest& request) = 0;
};

// The real engine (LibTorch). Constructing it loads nothing; load() does.
std::unique_ptr<EngineBackend> makeLibTorchEngineBackend();

}  // namespace anatomix::ui
