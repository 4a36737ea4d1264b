#include "anatomix/ui/engine_backend.h"

namespace anatomix::ui {

namespace {

#ifndef ANATOMIX_WITHOUT_ENGINE
class LibTorchEngineBackend final : public EngineBackend {
 public:
  BundleInfo load(const LoadOptions& options) override {
    m_engine.load(options);
    return m_engine.info();
  }
  Analysis analyse(const GrayImageView& image, const std::atomic<bool>* cancel) override {
    return m_engine.analyse(image, 1, cancel);
  }
  Answer ask(AskSession& session, const AskRequest& request) override { return m_engine.ask(session, request); }

 private:
  Engine m_engine;
};
#else
// A workstation configured with ANATOMIX_BUILD_ENGINE=OFF: loading explains why there is no AI.
class LibTorchEngineBackend final : public EngineBackend {
 public:
  BundleInfo load(const LoadOptions&) override { throw EngineError(kMessage); }
  Analysis analyse(const GrayImageView&, const std::atomic<bool>*) override { throw EngineError(kMessage); }
  Answer ask(AskSession&, const AskRequest&) override { throw EngineError(kMessage); }

 private:
  static constexpr const char* kMessage =
      "This workstation was built without the AI engine (ANATOMIX_BUILD_ENGINE=OFF).";
};
#endif

}  // namespace

std::unique_ptr<EngineBackend> makeLibTorchEngineBackend() { return std::make_unique<LibTorchEngineBackend>(); }

}  // namespace anatomix::ui
