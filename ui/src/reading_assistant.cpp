#include "anatomix/ui/reading_assistant.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QThread>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/radiograph_gate.h"
#include "anatomix/bundle_survey.h"
#include "anatomix/shipped_bundle.h"
#include "anatomix/ui/anatomy_panel.h"
#include "anatomix/ui/ask_panel.h"
#include "anatomix/ui/engine_backend.h"
#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/flip_check_panel.h"
#include "anatomix/flip_consistency.h"
#include "anatomix/ui/logging.h"
#include "anatomix/viewer/user_region_layer.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {

namespace {

constexpr int kAnswerTokens = 160;
constexpr int kReportTokens = 384;

std::vector<Box> boxesOf(const Analysis& analysis) {
  std::vector<Box> boxes;
  for (const AnatomyResult& anatomy : analysis.anatomies) boxes.push_back(anatomy.box);
  return boxes;
}

}  // namespace

ReadingAssistant::ReadingAssistant(std::unique_ptr<EngineBackend> backend, viewer::UserRegionLayer* regions,
                                   const Panels& panels, QObject* parent)
    : QObject(parent),
      m_worker(new EngineWorker(std::move(backend), this)),
      m_regions(regions),
      m_panels(panels),
      m_availableMemory([]() -> std::optional<quint64> {
        const auto bytes = available_memory_bytes();
        return bytes ? std::optional<quint64>(*bytes) : std::nullopt;
      }) {
  connect(m_worker, &EngineWorker::bundleLoaded, this, [this](int requestId, const BundleInfo& info) {
    if (requestId != m_loadRequest) return;
    m_loadRequest = 0;
    m_bundleDir = m_loadingBundleDir;
    m_modelVersion = m_loadingVersion;
    uiLogger()->info("ReadingAssistant: model {} loaded from {} on {}", info.name, m_bundleDir.toStdString(), info.device);
    setModelState(ModelState::Ready);
    emit statusMessage(tr("AI model \"%1\" loaded.").arg(QString::fromStdString(info.name)), false);
    if (m_image && !m_analysis && m_analysisRequest == 0) analyseAgain();
  });
  connect(m_worker, &EngineWorker::analysisReady, this, &ReadingAssistant::onAnalysisReady);
  connect(m_worker, &EngineWorker::answerReady, this, &ReadingAssistant::onAnswerReady);
  connect(m_worker, &EngineWorker::requestFailed, this, &ReadingAssistant::onRequestFailed);
  connect(m_worker, &EngineWorker::requestCancelled, this, &ReadingAssistant::onRequestCancelled);
  connect(m_worker, &EngineWorker::busyChanged, this, &ReadingAssistant::busyChanged);
  connect(m_worker, &EngineWorker::textStreamed, this, [this](int requestId, const QString& piece) {
    if (requestId != m_askRequest) return;
    if (m_askOrigin == AskOrigin::AskPanel) m_panels.ask->appendAnswerText(piece);
    if (m_askOrigin == AskOrigin::Report) emit reportText(piece);
  });
  connect(m_worker, &EngineWorker::progress, this, [this](int requestId, double fraction, const QString& stage) {
    if (requestId == m_loadRequest) emit progress(fraction, tr("Loading the model: %1").arg(stage));
    else if (requestId == m_analysisRequest) emit progress(-1, tr("Analysing the image"));
    else if (requestId == m_flipRequest) emit progress(-1, tr("Flip check"));
    else if (requestId == m_askRequest) emit progress(fraction, tr("Generating"));
  });

  connect(m_panels.findings, &FindingsPanel::groundPhraseRequested, this, [this](const QString& phrase) {
    startAsk(AskOrigin::Findings, Task::PhraseGrounding, phrase, {});
  });
  connect(m_panels.findings, &FindingsPanel::groundAnatomyRequested, this, [this](const QString& anatomy) {
    startAsk(AskOrigin::Findings, Task::AnatomyGrounding, anatomy, {});
  });
  connect(m_panels.findings, &FindingsPanel::detectRequested, this, [this]() {
    startAsk(AskOrigin::Findings, Task::AbnormalityDetection, QString(), {});
  });
  connect(m_panels.ask, &AskPanel::askRequested, this,
          [this](Task task, const QString& text, const QVector<QRectF>& regions) {
            startAsk(AskOrigin::AskPanel, task, text, regions);
          });
  connect(m_panels.ask, &AskPanel::stopRequested, this, &ReadingAssistant::stop);
  connect(m_panels.flipCheck, &FlipCheckPanel::runRequested, this, &ReadingAssistant::runFlipCheck);
  connect(m_regions, &viewer::UserRegionLayer::regionsChanged, this, &ReadingAssistant::syncRegions);
  updatePanelsAvailability();
}

ReadingAssistant::~ReadingAssistant() { m_worker->cancelAll(); }

QString ReadingAssistant::shippedBundleDir() {
  return QString::fromStdString(
      find_shipped_bundle(QCoreApplication::applicationDirPath().toStdString(), ANATOMIX_SOURCE_DIR));
}

QString ReadingAssistant::userBundlesFolder() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(QStringLiteral("anatomix/models"));
}

QStringList ReadingAssistant::installedBundleDirs(const QStringList& added) {
  QStringList candidates;
  if (const QString shipped = shippedBundleDir(); !shipped.isEmpty()) candidates << shipped;
  for (const std::string& folder : bundle_directories_in(userBundlesFolder().toStdString()))
    candidates << QString::fromStdString(folder);
  candidates << added;
  QStringList folders;
  QStringList seen;
  for (const QString& folder : candidates) {
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    const QString key = canonical.isEmpty() ? QFileInfo(folder).absoluteFilePath() : canonical;
    if (seen.contains(key)) continue;
    seen << key;
    folders << QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
  }
  return folders;
}

QString ReadingAssistant::memoryShortageText(quint64 neededBytes, quint64 availableBytes) {
  const QLocale locale;
  return tr("This model needs about %1 GB; %2 GB are available on this computer.")
      .arg(locale.toString(neededBytes / 1e9, 'f', 1), locale.toString(availableBytes / 1e9, 'f', 1));
}

QString ReadingAssistant::modelName() const {
  return m_modelState == ModelState::Ready ? QString::fromStdString(m_worker->bundleInfo().name) : QString();
}

QString ReadingAssistant::modelDescription() const {
  return m_modelState == ModelState::Ready ? QString::fromStdString(m_worker->bundleInfo().description) : QString();
}

QString ReadingAssistant::modelVersion() const { return m_modelState == ModelState::Ready ? m_modelVersion : QString(); }

void ReadingAssistant::setModelState(ModelState state, const QString& problem) {
  m_modelState = state;
  m_modelProblem = problem;
  updatePanelsAvailability();
  if (state == ModelState::Unavailable) {
    m_panels.anatomy->setPlaceholder(problem);
  } else if (state == ModelState::Loading) {
    m_panels.anatomy->setPlaceholder(tr("Loading the AI model..."));
  } else if (state == ModelState::Ready && !m_image) {
    m_panels.anatomy->setPlaceholder(tr("Open an image to see its anatomy."));
  }
  emit modelStateChanged(state);
}

void ReadingAssistant::loadModel(const EngineLoadSettings& requested) {
  EngineLoadSettings settings = requested;
  if (settings.bundleDir.isEmpty()) settings.bundleDir = shippedBundleDir();
  if (settings.threads <= 0) settings.threads = qMax(1, QThread::idealThreadCount() - 1);
  // A bundle refused before loading leaves the model in use, if there is one, untouched.
  const auto refuse = [this](const QString& problem) {
    if (m_worker->isModelLoaded() && m_loadRequest == 0 && m_modelState == ModelState::Ready) {
      emit statusMessage(problem + QLatin1Char(' ') +
                             tr("The model \"%1\" stays in use.").arg(QString::fromStdString(m_worker->bundleInfo().name)),
                         true);
      return;
    }
    m_worker->cancelAll();
    m_analysis.reset();
    updateLateralityCheck();
    m_analysisRequest = m_flipRequest = m_askRequest = m_loadRequest = 0;
    setModelState(ModelState::Unavailable, problem);
    emit statusMessage(m_modelProblem, true);
  };
  if (settings.bundleDir.isEmpty()) {
    refuse(tr("No AI model was found (resources/models/anatomix-demo). The viewer works without AI; "
              "choose a model folder in AI > Model Settings."));
    return;
  }
  if (!QFileInfo(settings.bundleDir).isDir()) {
    refuse(tr("The AI model folder %1 does not exist. The viewer works without AI; "
              "choose a model folder in AI > Model Settings.")
               .arg(QDir::toNativeSeparators(settings.bundleDir)));
    return;
  }
  // Too big for this computer: say so instead of letting the loading run out of memory. The estimate reads
  // only the weight files' headers; CUDA's free memory is not known here, so only the CPU is checked.
  const BundleSurvey survey = survey_bundle(settings.bundleDir.toStdString());
  if (settings.device == Device::Cpu && m_availableMemory) {
    const quint64 needed = estimate_cpu_memory_bytes(survey);
    if (const auto available = m_availableMemory(); available && needed > *available) {
      uiLogger()->warn("ReadingAssistant: {} needs {} bytes, {} are available; not loaded", settings.bundleDir.toStdString(),
                       needed, *available);
      refuse(tr("The AI model in %1 was not loaded. %2")
                 .arg(QDir::toNativeSeparators(settings.bundleDir), memoryShortageText(needed, *available)));
      return;
    }
  }
  m_worker->cancelAll();
  m_analysis.reset();
  updateLateralityCheck();
  m_analysisRequest = m_flipRequest = m_askRequest = 0;
  m_loadingBundleDir = settings.bundleDir;
  m_loadingVersion = QString::fromStdString(survey.version);
  setModelState(ModelState::Loading);
  m_loadRequest = m_worker->loadBundle(settings);
  // The image (if any) is analysed once the model is there: the worker runs requests in order.
  if (m_image) analyseAgain();
}

void ReadingAssistant::updatePanelsAvailability() {
  const bool ready = m_modelState == ModelState::Ready;
  const bool analysed = ready && m_analysis != nullptr;
  const bool asking = m_askRequest != 0 || m_flipRequest != 0;
  m_panels.findings->setAiAvailable(analysed);
  m_panels.findings->setBusy(asking);
  m_panels.ask->setAiAvailable(analysed && !asking);
  m_panels.flipCheck->setAiAvailable(analysed && !asking);
  emit activityChanged();
}

void ReadingAssistant::setImage(std::shared_ptr<const image::DecodedImage> image) {
  for (int* request : {&m_analysisRequest, &m_flipRequest, &m_askRequest}) {
    if (*request != 0) m_worker->cancel(*request);
    *request = 0;
  }
  if (m_askOrigin == AskOrigin::Report) emit reportStopped(QString());
  m_image = std::move(image);
  m_analysis.reset();
  m_learnedCheckRefusal.clear();
  updateLateralityCheck();
  updateGate();
  m_panels.anatomy->clear();
  m_panels.findings->clear();
  m_panels.ask->clearHistory();
  m_panels.flipCheck->clear();
  syncRegions();
  if (m_modelState == ModelState::Unavailable) m_panels.anatomy->setPlaceholder(m_modelProblem);
  if (m_image && (m_modelState == ModelState::Ready || m_modelState == ModelState::Loading)) analyseAgain();
  updatePanelsAvailability();
}

QString ReadingAssistant::gateReasonText(const image::GateResult& gate) {
  const QString detail = QString::fromStdString(gate.detail);
  switch (gate.reason) {
    case image::GateReason::Accepted: return QString();
    case image::GateReason::OtherModality:
      if (detail == QLatin1String("CT")) return tr("this looks like a CT slice (Modality %1)").arg(detail);
      if (detail == QLatin1String("MG")) return tr("this looks like a mammogram (Modality %1)").arg(detail);
      if (detail == QLatin1String("IO") || detail == QLatin1String("PX"))
        return tr("this looks like a dental radiograph (Modality %1)").arg(detail);
      return tr("not a chest radiograph (Modality %1)").arg(detail);
    case image::GateReason::OtherBodyPart: return tr("not a chest radiograph (Body Part Examined %1)").arg(detail);
    case image::GateReason::LateralView: return tr("this looks like a lateral view (View Position %1)").arg(detail);
    case image::GateReason::ImplausibleSize: return tr("not a chest radiograph (%1)").arg(detail);
    case image::GateReason::NoContrast: return tr("not a chest radiograph (the image is blank)");
    case image::GateReason::InvertedPolarity:
      return tr("not a frontal chest radiograph, or inverted (the middle of the image is darker than the lung fields)");
  }
  return QString::fromStdString(gate.message);
}

void ReadingAssistant::updateGate() {
  QString message;
  if (m_image && !m_gateOverrides.contains(QString::fromStdString(m_image->path))) {
    const image::GateResult gate = image::check_frontal_chest_radiograph(*m_image);
    if (!gate.accepted()) {
      message = tr("Not analysed: %1.").arg(gateReasonText(gate));
      uiLogger()->info("ReadingAssistant: {} not analysed: {}", m_image->path, gate.message);
    } else if (!m_learnedCheckRefusal.isEmpty()) {
      message = tr("Not analysed: %1.").arg(m_learnedCheckRefusal);
    }
  }
  if (message == m_gateMessage) return;
  m_gateMessage = message;
  emit gateMessageChanged(message);
}

void ReadingAssistant::analyseDespiteGate() {
  if (!m_image || m_gateMessage.isEmpty()) return;
  uiLogger()->info("ReadingAssistant: {} analysed despite the check at the reader's request", m_image->path);
  m_gateOverrides.insert(QString::fromStdString(m_image->path));
  updateGate();
  analyseAgain();
}

void ReadingAssistant::analyseSecondImage(std::shared_ptr<const image::DecodedImage> image) {
  if (m_secondImageRequest != 0) m_worker->cancel(m_secondImageRequest);
  m_secondImageRequest = 0;
  if (!image || (m_modelState != ModelState::Ready && m_modelState != ModelState::Loading)) return;
  if (!m_gateOverrides.contains(QString::fromStdString(image->path))) {
    const image::GateResult gate = image::check_frontal_chest_radiograph(*image);
    if (!gate.accepted()) {
      uiLogger()->info("ReadingAssistant: {} in the second viewport not analysed: {}", image->path, gate.message);
      return;
    }
  }
  m_secondImageRequest = m_worker->analyse(std::move(image));
}

void ReadingAssistant::analyseAgain() {
  if (!m_image || m_modelState == ModelState::Unavailable || m_modelState == ModelState::NotLoaded) return;
  if (!m_gateMessage.isEmpty()) {
    m_panels.anatomy->setPlaceholder(m_gateMessage);
    return;
  }
  if (m_analysisRequest != 0) m_worker->cancel(m_analysisRequest);
  // The pixels as they are, whatever the header says: the model reads sides from the anatomy.
  m_analysisRequest = m_worker->analyse(m_image);
  if (m_modelState == ModelState::Ready) m_panels.anatomy->setPlaceholder(tr("Analysing the image..."));
  updatePanelsAvailability();
}

void ReadingAssistant::onAnalysisReady(int requestId, std::shared_ptr<const ImageAnalysis> analysis) {
  if (requestId == m_flipRequest) {
    m_flipRequest = 0;
    if (!m_analysis) return;
    std::vector<std::string> names;
    for (const AnatomyResult& anatomy : m_analysis->analysis.anatomies) names.push_back(anatomy.name);
    const FlipConsistencyReport report = compare_flip_runs(names, boxesOf(m_analysis->analysis),
                                                           boxesOf(analysis->analysis),
                                                           static_cast<float>(m_analysis->width));
    m_panels.flipCheck->setReport(report);
    uiLogger()->info("ReadingAssistant: flip check {}/{} consistent, mean IoU {:.2f}", report.consistent_count,
                     report.anatomies.size(), report.mean_iou);
    emit statusMessage(tr("Flip check: %1").arg(m_panels.flipCheck->verdictText()), false);
    updatePanelsAvailability();
    emit flipCheckFinished(true);
    return;
  }
  if (requestId == m_secondImageRequest) {
    m_secondImageRequest = 0;
    const std::optional<ChestRadiographCheck>& check = analysis->analysis.chest_check;
    if (check && check->refused() && !m_gateOverrides.contains(analysis->imagePath)) {
      uiLogger()->info("ReadingAssistant: {} in the second viewport not shown: the learned check gives {:.3f}",
                       analysis->imagePath.toStdString(), check->probability);
      return;
    }
    emit secondImageAnalysed(std::move(analysis));
    return;
  }
  if (requestId != m_analysisRequest) return;
  m_analysisRequest = 0;
  // The model's own check: headers can lie and PNG files have none. A refused image shows no boxes until the
  // reader asks for them (analyseDespiteGate).
  const std::optional<ChestRadiographCheck>& check = analysis->analysis.chest_check;
  if (check && check->refused() && m_image && !m_gateOverrides.contains(QString::fromStdString(m_image->path))) {
    m_learnedCheckRefusal = tr("this does not look like a frontal chest radiograph (the model's check: %1, below %2)")
                                .arg(check->probability, 0, 'f', 2)
                                .arg(check->threshold, 0, 'f', 2);
    uiLogger()->info("ReadingAssistant: {} not shown: the learned check gives {:.3f} (threshold {:.2f})", m_image->path,
                     check->probability, check->threshold);
    updateGate();
    m_panels.anatomy->setPlaceholder(m_gateMessage);
    updatePanelsAvailability();
    emit analysisFinished(false);
    return;
  }
  m_learnedCheckRefusal.clear();
  m_analysis = std::move(analysis);
  m_panels.anatomy->setAnalysis(m_analysis);
  m_panels.findings->setAnalysis(m_analysis);
  updateLateralityCheck();
  int abnormal = 0;
  for (const AnatomyResult& anatomy : m_analysis->analysis.anatomies) abnormal += anatomy.abnormal ? 1 : 0;
  uiLogger()->info("ReadingAssistant: analysis of {} anatomies in {:.2f} s", m_analysis->analysis.anatomies.size(),
                   m_analysis->analysis.seconds);
  emit statusMessage(tr("AI analysis: %n anatomies", nullptr, static_cast<int>(m_analysis->analysis.anatomies.size())) +
                         QStringLiteral(", ") + tr("%n abnormal", nullptr, abnormal) +
                         tr(" (%1 s)").arg(m_analysis->analysis.seconds, 0, 'f', 1),
                     false);
  updatePanelsAvailability();
  emit analysisFinished(true);
}

void ReadingAssistant::runFlipCheck() {
  if (!m_analysis || !m_image || m_flipRequest != 0 || m_askRequest != 0) return;
  // The mirrored pixels; the worker maps the boxes back onto the displayed image.
  m_flipRequest = m_worker->analyse(m_image, /*mirrorPixels=*/true);
  m_panels.flipCheck->setRunning(true);
  updatePanelsAvailability();
}

void ReadingAssistant::generateReport() {
  startAsk(AskOrigin::Report, Task::ReportGeneration, QString(), {});
}

void ReadingAssistant::startAsk(AskOrigin origin, Task task, const QString& text, const QVector<QRectF>& regions) {
  if (!m_analysis || m_askRequest != 0 || m_flipRequest != 0) return;
  AskInput input;
  input.task = task;
  input.text = text;
  input.regions = regions;
  input.maxNewTokens = task == Task::ReportGeneration ? kReportTokens : kAnswerTokens;
  m_askOrigin = origin;
  m_askTask = task;
  m_askText = text;
  m_askRequest = m_worker->ask(m_analysis, input);
  if (origin == AskOrigin::AskPanel) m_panels.ask->beginAnswer(task, text);
  if (origin == AskOrigin::Report) emit reportStarted();
  updatePanelsAvailability();
}

void ReadingAssistant::onAnswerReady(int requestId, const Answer& answer) {
  if (requestId != m_askRequest) return;
  m_askRequest = 0;
  switch (m_askOrigin) {
    case AskOrigin::AskPanel: m_panels.ask->finishAnswer(answer); break;
    case AskOrigin::Report: emit reportFinished(QString::fromStdString(answer.plain_text).trimmed()); break;
    case AskOrigin::Findings: {
      const report::FindingSource source =
          m_askTask == Task::PhraseGrounding   ? report::FindingSource::PhraseGrounding
          : m_askTask == Task::AnatomyGrounding ? report::FindingSource::AnatomyGrounding
                                                : report::FindingSource::AbnormalityDetection;
      m_panels.findings->addAnswer(source, m_askText, answer);
      if (answer.grounded.empty())
        emit statusMessage(tr("The model returned no box for \"%1\".").arg(m_askText.isEmpty() ? tr("abnormalities") : m_askText), false);
      break;
    }
  }
  uiLogger()->info("ReadingAssistant: task {} answered: {} tokens ({} prompt, {} reused), {:.2f} s prefill, {:.2f} s decode",
                   static_cast<int>(m_askTask), answer.generated_tokens, answer.prompt_tokens,
                   answer.reused_prompt_tokens, answer.prefill_seconds, answer.decode_seconds);
  updatePanelsAvailability();
  emit askFinished(true);
}

void ReadingAssistant::onRequestFailed(int requestId, const QString& message) {
  if (requestId == m_loadRequest) {
    m_loadRequest = 0;
    if (m_worker->isModelLoaded()) {
      // The engine keeps the model it had: back to it; the analysis queued behind the load runs with it.
      setModelState(ModelState::Ready);
      emit statusMessage(tr("The AI model in %1 could not be loaded: %2 The model \"%3\" stays in use.")
                             .arg(QDir::toNativeSeparators(m_loadingBundleDir), message,
                                  QString::fromStdString(m_worker->bundleInfo().name)),
                         true);
      return;
    }
    if (m_analysisRequest != 0) m_worker->cancel(m_analysisRequest);
    m_analysisRequest = 0;
    setModelState(ModelState::Unavailable,
                  tr("The AI model in %1 could not be loaded: %2 The viewer works without AI.")
                      .arg(QDir::toNativeSeparators(m_loadingBundleDir), message));
    emit statusMessage(m_modelProblem, true);
    return;
  }
  if (requestId == m_analysisRequest) {
    m_analysisRequest = 0;
    m_panels.anatomy->setPlaceholder(tr("The analysis failed: %1").arg(message));
    emit statusMessage(tr("The AI analysis of %1 failed: %2")
                           .arg(m_image ? QFileInfo(QString::fromStdString(m_image->path)).fileName() : QString(), message),
                       true);
    emit analysisFinished(false);
  } else if (requestId == m_secondImageRequest) {
    m_secondImageRequest = 0;
    emit statusMessage(tr("The AI analysis of the second viewport's image failed: %1").arg(message), true);
  } else if (requestId == m_flipRequest) {
    m_flipRequest = 0;
    m_panels.flipCheck->showFailure(message);
    emit statusMessage(tr("The flip check failed: %1").arg(message), true);
    emit flipCheckFinished(false);
  } else if (requestId == m_askRequest) {
    m_askRequest = 0;
    if (m_askOrigin == AskOrigin::AskPanel) m_panels.ask->failAnswer(message);
    if (m_askOrigin == AskOrigin::Report) emit reportStopped(message);
    emit statusMessage(tr("The model could not answer: %1").arg(message), true);
    emit askFinished(false);
  }
  updatePanelsAvailability();
}

void ReadingAssistant::onRequestCancelled(int requestId) {
  // stop() and setImage() clear the ids they cancel; the panels were updated there.
  Q_UNUSED(requestId);
  updatePanelsAvailability();
}

void ReadingAssistant::stop() {
  if (m_askRequest != 0) {
    m_worker->cancel(m_askRequest);
    m_askRequest = 0;
    if (m_askOrigin == AskOrigin::AskPanel) m_panels.ask->cancelAnswer();
    if (m_askOrigin == AskOrigin::Report) emit reportStopped(QString());
    emit statusMessage(tr("Stopped."), false);
    emit askFinished(false);
  }
  if (m_flipRequest != 0) {
    m_worker->cancel(m_flipRequest);
    m_flipRequest = 0;
    m_panels.flipCheck->setRunning(false);
    emit flipCheckFinished(false);
  }
  updatePanelsAvailability();
}

void ReadingAssistant::updateLateralityCheck() {
  m_lateralityCheck = LateralityCrossCheck();
  if (m_analysis && m_image) {
    std::vector<std::string> names;
    for (const AnatomyResult& anatomy : m_analysis->analysis.anatomies) names.push_back(anatomy.name);
    m_lateralityCheck =
        crossCheckLaterality(names, boxesOf(m_analysis->analysis), m_image->instance.patient_orientation_row);
  }
  const QString warning = m_lateralityCheck.disagree ? lateralityWarningText(m_lateralityCheck) : QString();
  if (m_lateralityCheck.disagree) {
    uiLogger()->warn("ReadingAssistant: laterality cross-check of {}: {}", m_image->path, warning.toStdString());
    // Into the findings, and so into the report draft, where the radiologist decides on it.
    m_panels.findings->addImageFinding(
        report::FindingSource::LateralityCheck,
        tr("Laterality cross-check: mirrored image or situs inversus; check the side marker."));
  }
  if (warning == m_lateralityWarning) return;
  m_lateralityWarning = warning;
  emit lateralityWarningChanged(warning);
}

QString ReadingAssistant::lateralityWarningText(const LateralityCrossCheck& check) const {
  QString orientation = QString::fromStdString(m_image->instance.patient_orientation_row);
  if (!m_image->instance.patient_orientation_column.empty())
    orientation += QLatin1Char('\\') + QString::fromStdString(m_image->instance.patient_orientation_column);
  // Both sides are named, so the reader knows what the side marker has to settle.
  if (check.fromAnatomy == PatientLeftAt::ImageLeft)
    return tr("Laterality check: the anatomy puts the patient's left on the image's left, but the header "
              "(Patient Orientation %1) puts it on the image's right. Mirrored image or situs inversus: "
              "check the side marker.")
        .arg(orientation);
  return tr("Laterality check: the anatomy puts the patient's left on the image's right, but the header "
            "(Patient Orientation %1) puts it on the image's left. Mirrored image or situs inversus: "
            "check the side marker.")
      .arg(orientation);
}

void ReadingAssistant::syncRegions() {
  QVector<QRectF> regions;
  for (const viewer::OverlayItem& item : m_regions->regions()) regions.push_back(item.rectPx);
  m_panels.ask->setRegions(regions);
}

}  // namespace anatomix::ui
