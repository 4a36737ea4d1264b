// ReadingAssistant: the reading workflow's logic between the engine worker and the panels. It loads
// the model bundle, analyses every image shown (anatomy layer, findings), runs the questions the
// panels ask (phrase and anatomy grounding, abnormality detection, describe / diagnose regions,
// open questions, the draft report) and the flip consistency check. The model sees the pixels as
// they are; after each analysis the laterality cross-check compares the sides the anatomy shows
// with the header's Patient Orientation and, when they disagree, warns (lateralityWarning()) and
// adds a finding for the report draft. Results of an older image or a cancelled request are
// dropped. Only frontal chest radiographs are analysed (anatomix/image/radiograph_gate.h): another
// image is "not analysed" with the reason (gateMessage()) until the reader overrides the check for
// that image. Without a usable bundle every AI panel says why and the viewer works on. The panels and
// the region layer are borrowed and must outlive the assistant. GUI thread only.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QObject>
#include <QStringList>
#include <QPointer>
#include <QSet>
#include <QString>

#include "anatomix/ui/engine_worker.h"
#include "anatomix/ui/laterality_cross_check.h"

namespace anatomix::image {
struct GateResult;
}

namespace anatomix::viewer {
class UserRegionLayer;
}

namespace anatomix::ui {

class AnatomyPanel;
class AskPanel;
class EngineBackend;
class FindingsPanel;
class FlipCheckPanel;

class ReadingAssistant : public QObject {
  Q_OBJECT
 public:
  enum class ModelState { NotLoaded, Loading, Ready, Unavailable };

  struct Panels {
    AnatomyPanel* anatomy = nullptr;
    FindingsPanel* findings = nullptr;
    AskPanel* ask = nullptr;
    FlipCheckPanel* flipCheck = nullptr;
  };

  ReadingAssistant(std::unique_ptr<EngineBackend> backend, viewer::UserRegionLayer* regions, const Panels& panels,
                   QObject* parent = nullptr);
  ~ReadingAssistant() override;

  // The shipped demonstration bundle: resources/models/anatomix-demo beside the program, in its
  // installed share folder or in the source tree; "" when none of them exists.
  static QString shippedBundleDir();
  // The user's folder of installed bundles, one per subfolder: <XDG data>/anatomix/models.
  static QString userBundlesFolder();
  // The bundles a reader can choose from: the shipped one, those of userBundlesFolder(), then `added` (folders
  // the reader added), each once (by canonical path).
  static QStringList installedBundleDirs(const QStringList& added);

  // Loads a bundle (an empty folder name means the shipped one) on the worker thread, then analyses the image
  // shown with it. A bundle whose weights need more memory than is available is refused before loading.
  // When a model is loaded already, a refused or failed bundle leaves it in use (the message says so);
  // otherwise a missing or broken bundle leaves the assistant Unavailable with a message naming the folder
  // and the reason.
  void loadModel(const EngineLoadSettings& settings);
  ModelState modelState() const { return m_modelState; }
  QString modelProblem() const { return m_modelProblem; }  // why the model is unavailable
  QString modelName() const;
  QString modelDescription() const;  // config.json "description" of the model in use; "" when none
  QString modelVersion() const;      // config.json "version" of the model in use; "" when none
  // The folder of the model in use; "" while none is loaded.
  QString bundleDir() const { return m_modelState == ModelState::Ready ? m_bundleDir : QString(); }
  // Where loadModel() reads the memory available to a bundle loaded on the CPU: /proc/meminfo's MemAvailable
  // unless set (tests give a fixed amount, so that they do not depend on the machine). Nothing: not known,
  // not checked.
  void setAvailableMemory(std::function<std::optional<quint64>()> provider) { m_availableMemory = std::move(provider); }
  // "This model needs about 9.1 GB; 6.2 GB are available on this computer." (bytes in decimal gigabytes).
  static QString memoryShortageText(quint64 neededBytes, quint64 availableBytes);

  // A new image is shown (null: none). Clears the per-image results and, with a model, analyses it.
  void setImage(std::shared_ptr<const image::DecodedImage> image);
  std::shared_ptr<const ImageAnalysis> analysis() const { return m_analysis; }
  bool isAnalysing() const { return m_analysisRequest != 0; }
  bool isAsking() const { return m_askRequest != 0; }
  bool isFlipChecking() const { return m_flipRequest != 0; }
  EngineWorker* worker() const { return m_worker; }
  // The current analysis' laterality cross-check (both Unknown before an analysis).
  LateralityCrossCheck lateralityCheck() const { return m_lateralityCheck; }
  // The warning a user reads when the anatomy and the header disagree; "" when they agree, either
  // is unknown or nothing is analysed.
  QString lateralityWarning() const { return m_lateralityWarning; }
  // "Not analysed: this looks like a CT slice (Modality CT)." when the check before analysis
  // refused the image and the reader has not overridden it; "" otherwise.
  QString gateMessage() const { return m_gateMessage; }
  // The reader's override for the current image (kept for that file until the program ends): analyse
  // it anyway.
  void analyseDespiteGate();
  // Analyses `image` for the second viewport (a prior or another image of the study) without touching the
  // panels: secondImageAnalysed() brings the result. Nothing is asked of the model while none is loaded or
  // being loaded, and an image its checks refuse (rules or the model's own) is left without boxes, as the
  // first viewport would leave it. A second call drops the first.
  void analyseSecondImage(std::shared_ptr<const image::DecodedImage> image);

 public slots:
  void analyseAgain();
  void runFlipCheck();
  // Starts a draft report (Task::ReportGeneration); text streams through reportText().
  void generateReport();
  // Cancels the running question, report or flip check (not the analysis of the image).
  void stop();

 signals:
  void modelStateChanged(anatomix::ui::ReadingAssistant::ModelState state);
  void statusMessage(const QString& text, bool isError);
  // Progress of the current engine request in [0, 1] (-1: unknown) with a short text; hidden when idle.
  void busyChanged(bool busy);
  // A request started or ended, or the model state changed: actions re-read isAsking() etc.
  void activityChanged();
  void progress(double fraction, const QString& text);
  void analysisFinished(bool ok);
  void secondImageAnalysed(std::shared_ptr<const anatomix::ui::ImageAnalysis> analysis);
  void askFinished(bool ok);
  void flipCheckFinished(bool ok);
  void reportStarted();
  void reportText(const QString& piece);
  void reportFinished(const QString& text);  // the parsed report text
  void reportStopped(const QString& reason);  // cancelled or failed ("" when cancelled)
  void lateralityWarningChanged(const QString& warning);  // "" when the warning goes
  void gateMessageChanged(const QString& message);         // "" when the image may be analysed

 private:
  enum class AskOrigin { Findings, AskPanel, Report };
  void setModelState(ModelState state, const QString& problem = QString());
  void startAsk(AskOrigin origin, Task task, const QString& text, const QVector<QRectF>& regions);
  void updatePanelsAvailability();
  void onAnalysisReady(int requestId, std::shared_ptr<const ImageAnalysis> analysis);
  void onAnswerReady(int requestId, const Answer& answer);
  void onRequestFailed(int requestId, const QString& message);
  void onRequestCancelled(int requestId);
  void syncRegions();
  void updateLateralityCheck();  // from m_analysis and m_image; none without an analysis
  QString lateralityWarningText(const LateralityCrossCheck& check) const;
  void updateGate();  // m_gateMessage from m_image and the overrides
  static QString gateReasonText(const image::GateResult& gate);  // the check's reason, translated

  EngineWorker* m_worker;
  viewer::UserRegionLayer* m_regions;  // borrowed
  Panels m_panels;                     // borrowed
  ModelState m_modelState = ModelState::NotLoaded;
  QString m_modelProblem;
  QString m_bundleDir;         // the folder of the model loaded last
  QString m_modelVersion;      // its config.json "version"
  QString m_loadingBundleDir;  // the folder being loaded (m_loadRequest)
  QString m_loadingVersion;
  int m_loadRequest = 0;
  std::function<std::optional<quint64>()> m_availableMemory;

  std::shared_ptr<const image::DecodedImage> m_image;
  std::shared_ptr<const ImageAnalysis> m_analysis;
  LateralityCrossCheck m_lateralityCheck;
  QString m_lateralityWarning;
  QString m_gateMessage;
  QString m_learnedCheckRefusal;  // why the model's own check refused the image analysed last ("" if it did not)
  QSet<QString> m_gateOverrides;  // files the reader chose to analyse despite the check
  int m_analysisRequest = 0;
  int m_secondImageRequest = 0;  // analyseSecondImage
  int m_flipRequest = 0;
  int m_askRequest = 0;
  AskOrigin m_askOrigin = AskOrigin::AskPanel;
  Task m_askTask = Task::OpenVqa;
  QString m_askText;
};

}  // namespace anatomix::ui
