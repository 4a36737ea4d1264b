#include "anatomix/report/report_panel.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "anatomix/report/report_error.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

// Where a generated report's impression starts ("Impression:", "IMPRESSION:").
const QRegularExpression& impressionHeading() {
  static const QRegularExpression heading(QStringLiteral("(^|\\n)\\s*impression\\s*:\\s*"),
                                          QRegularExpression::CaseInsensitiveOption);
  return heading;
}

const QRegularExpression& findingsHeading() {
  static const QRegularExpression heading(QStringLiteral("^\\s*findings\\s*:\\s*"),
                                          QRegularExpression::CaseInsensitiveOption);
  return heading;
}

// Replaces an editor's text as one undo step (setPlainText() would clear the undo history).
void replaceText(QPlainTextEdit* editor, const QString& text) {
  if (editor->toPlainText() == text) return;
  QTextCursor cursor(editor->document());
  cursor.beginEditBlock();
  cursor.select(QTextCursor::Document);
  cursor.insertText(text);
  cursor.endEditBlock();
}

}  // namespace

ReportPanel::ReportPanel(QWidget* parent) : QWidget(parent), m_generatedTextSaveTimer(new QTimer(this)) {
  setObjectName(QStringLiteral("reportPanel"));
  m_generatedTextSaveTimer->setSingleShot(true);
  m_generatedTextSaveTimer->setInterval(250);
  connect(m_generatedTextSaveTimer, &QTimer::timeout, this, &ReportPanel::saveDraft);
  createActions();
  createWidgets();
  connect(&m_exportWatcher, &QFutureWatcher<QString>::finished, this, &ReportPanel::onExportDone);
  refreshState();
}

ReportPanel::~ReportPanel() { m_exportWatcher.waitForFinished(); }

void ReportPanel::createActions() {
  const auto makeAction = [this](const char* objectName, const QString& text, const QKeySequence& shortcut) {
    auto* action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(objectName));
    if (!shortcut.isEmpty()) {
      action->setShortcut(shortcut);
      action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                       shortcut.toString(QKeySequence::NativeText)));
    }
    action->setShortcutContext(Qt::WindowShortcut);
    addAction(action);
    return action;
  };
  // Shortcuts chosen not to clash with the main window's (Ctrl+G grounds a phrase, Ctrl+. stops the
  // model, which also ends a report generation).
  m_generateAction =
      makeAction("actionReportGenerate", tr("&Generate Report"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  m_cancelAction = makeAction("actionReportCancel", tr("&Cancel Generation"), {});
  m_exportTextAction =
      makeAction("actionExportText", tr("Export as &Text..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
  m_exportPdfAction =
      makeAction("actionExportPdf", tr("Export as &PDF..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  m_exportSrAction =
      makeAction("actionExportSr", tr("Export as &DICOM SR..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  m_exportKeyImageAction = makeAction("actionExportKeyImage", tr("Export &Key Image (SC)..."),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
  m_exportKeyImageAction->setToolTip(
      tr("The image as shown, overlays burned in, as a DICOM Secondary Capture in the study"));
  m_exportPresentationStateAction =
      makeAction("actionExportPresentationState", tr("Export Presentation &State (GSPS)..."),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  m_exportPresentationStateAction->setToolTip(
      tr("The window, orientation, AI boxes and measurements as a DICOM presentation state of the image"));
  m_removeIdentifiersAction = makeAction("actionRemovePatientIdentifiers", tr("&Remove Patient Identifiers"), {});
  m_removeIdentifiersAction->setCheckable(true);
  m_removeIdentifiersAction->setToolTip(
      tr("Exports leave out names, IDs, dates and other identifiers (DICOM PS3.15 basic profile)"));

  connect(m_generateAction, &QAction::triggered, this, &ReportPanel::onGenerateClicked);
  connect(m_cancelAction, &QAction::triggered, this, [this] {
    if (m_generating) emit cancelRequested();
  });
  connect(m_exportTextAction, &QAction::triggered, this, [this] { chooseExportPath(ExportFormat::PlainText); });
  connect(m_exportPdfAction, &QAction::triggered, this, [this] { chooseExportPath(ExportFormat::Pdf); });
  connect(m_exportSrAction, &QAction::triggered, this, [this] { chooseExportPath(ExportFormat::DicomSr); });
  connect(m_exportKeyImageAction, &QAction::triggered, this, [this] { chooseExportPath(ExportFormat::KeyImage); });
  connect(m_exportPresentationStateAction, &QAction::triggered, this,
          [this] { chooseExportPath(ExportFormat::PresentationState); });
}

void ReportPanel::createWidgets() {
  m_generateButton = new QPushButton(tr("Generate"), this);
  m_generateButton->setObjectName(QStringLiteral("reportGenerateButton"));
  connect(m_generateButton, &QPushButton::clicked, this, [this] {
    if (m_generating) {
      emit cancelRequested();
    } else {
      onGenerateClicked();
    }
  });

  auto* exportMenu = new QMenu(this);
  exportMenu->addAction(m_exportTextAction);
  exportMenu->addAction(m_exportPdfAction);
  exportMenu->addAction(m_exportSrAction);
  exportMenu->addAction(m_exportKeyImageAction);
  exportMenu->addAction(m_exportPresentationStateAction);
  exportMenu->addSeparator();
  exportMenu->addAction(m_removeIdentifiersAction);
  m_exportButton = new QToolButton(this);
  m_exportButton->setObjectName(QStringLiteral("reportExportButton"));
  m_exportButton->setText(tr("Export"));
  m_exportButton->setMenu(exportMenu);
  m_exportButton->setPopupMode(QToolButton::InstantPopup);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_generateButton);
  buttons->addWidget(m_exportButton);
  buttons->addStretch();

  m_findingsEdit = new QPlainTextEdit(this);
  m_findingsEdit->setObjectName(QStringLiteral("reportFindingsEdit"));
  m_findingsEdit->setPlaceholderText(tr("Findings"));
  m_impressionEdit = new QPlainTextEdit(this);
  m_impressionEdit->setObjectName(QStringLiteral("reportImpressionEdit"));
  m_impressionEdit->setPlaceholderText(tr("Impression"));
  connect(m_findingsEdit, &QPlainTextEdit::textChanged, this, &ReportPanel::onEditorsChanged);
  connect(m_impressionEdit, &QPlainTextEdit::textChanged, this, &ReportPanel::onEditorsChanged);

  m_findingsList = new QTreeWidget(this);
  m_findingsList->setObjectName(QStringLiteral("reportFindingsList"));
  m_findingsList->setHeaderLabels({tr("AI finding"), tr("Decision"), tr("Source")});
  m_findingsList->setRootIsDecorated(false);
  m_findingsList->header()->setSectionResizeMode(0, QHeaderView::Stretch);

  auto* findingsLabel = new QLabel(tr("Findings"), this);
  auto* impressionLabel = new QLabel(tr("Impression"), this);
  auto* aiLabel = new QLabel(tr("AI findings and decisions"), this);
  findingsLabel->setBuddy(m_findingsEdit);
  impressionLabel->setBuddy(m_impressionEdit);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  const auto labelled = [this](QLabel* label, QWidget* widget) {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(widget);
    return box;
  };
  splitter->addWidget(labelled(findingsLabel, m_findingsEdit));
  splitter->addWidget(labelled(impressionLabel, m_impressionEdit));
  splitter->addWidget(labelled(aiLabel, m_findingsList));
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  splitter->setStretchFactor(2, 2);

  m_statusLabel = new QLabel(this);
  m_statusLabel->setObjectName(QStringLiteral("reportStatusLabel"));
  m_statusLabel->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(buttons);
  layout->addWidget(splitter, 1);
  layout->addWidget(m_statusLabel);
}

void ReportPanel::setDraftDirectory(const QString& directory) { m_store = DraftStore(directory); }

QString ReportPanel::draftDirectory() const { return m_store.directory(); }

void ReportPanel::openStudy(const StudyIdentity& study) {
  // Showing the same image again (a redisplay, a second view) keeps the editor and any generation as they are.
  if (m_hasStudy && study == m_draft.study) return;
  stopGenerationForStudyChange();
  bool fromDisk = false;
  ReportDraft draft;
  draft.study = study;
  try {
    if (auto saved = m_store.load(study)) {
      draft = *saved;
      fromDisk = true;
    }
  } catch (const ReportError& error) {
    // A corrupt draft must not stop reading the image; the user sees why the draft is empty.
    reportLogger()->warn("ReportPanel::openStudy: {}", error.what());
    m_statusLabel->setText(error.message());
  }
  m_draft = draft;
  m_hasStudy = true;
  showDraft();
  if (fromDisk)
    m_statusLabel->setText(tr("Draft restored (saved %1)")
                               .arg(QLocale().toString(m_draft.modifiedUtc.toLocalTime(), QLocale::ShortFormat)));
  refreshState();
  emit draftRestored(fromDisk);
}

void ReportPanel::closeStudy() {
  stopGenerationForStudyChange();
  m_draft = ReportDraft();
  m_hasStudy = false;
  m_anatomies.clear();
  m_questionRegions.clear();
  showDraft();
  m_statusLabel->clear();
  refreshState();
}

void ReportPanel::stopGenerationForStudyChange() {
  flushPendingSave();
  if (m_generating) {
    m_generating = false;
    emit cancelRequested();
  }
}

void ReportPanel::flushPendingSave() {
  if (!m_generatedTextSaveTimer->isActive()) return;
  m_generatedTextSaveTimer->stop();
  saveDraft();
}

void ReportPanel::showDraft() {
  m_showingDraft = true;
  m_findingsEdit->setPlainText(m_draft.findingsText);
  m_impressionEdit->setPlainText(m_draft.impressionText);
  m_showingDraft = false;
  refreshFindingsList();
}

void ReportPanel::setFindings(const QVector<AiFinding>& findings) {
  if (!m_hasStudy) return;
  m_draft.findings = findings;
  refreshFindingsList();
  saveDraft();
}

void ReportPanel::setMeasurements(const QVector<ReaderMeasurement>& measurements) {
  if (!m_hasStudy) return;
  const QString image = imageKey(m_draft.study);
  QVector<ReaderMeasurement> all;
  for (const ReaderMeasurement& measurement : m_draft.measurements) {
    if (measurement.imageKey != image) all.append(measurement);
  }
  for (ReaderMeasurement measurement : measurements) {
    measurement.imageKey = image;
    all.append(measurement);
  }
  if (all == m_draft.measurements) return;
  m_draft.measurements = all;
  saveDraft();
}

void ReportPanel::setKeyImages(const QVector<QImage>& images) { m_keyImages = images; }

void ReportPanel::setViewerPresentation(const ViewerPresentation& presentation) { m_presentation = presentation; }

void ReportPanel::setAlgorithmIdentity(const AlgorithmIdentity& algorithm) { m_algorithm = algorithm; }

void ReportPanel::setImageOverlays(const QVector<AnatomyBox>& anatomies, const QVector<QuestionRegion>& questionRegions) {
  m_anatomies = anatomies;
  m_questionRegions = questionRegions;
}

ExportOptions ReportPanel::exportOptions() const {
  ExportOptions options;
  options.removePatientIdentifiers = removePatientIdentifiers();
  options.algorithm = m_algorithm;
  options.presentation = m_presentation;
  options.anatomies = m_anatomies;
  options.questionRegions = m_questionRegions;
  return options;
}

bool ReportPanel::removePatientIdentifiers() const { return m_removeIdentifiersAction->isChecked(); }

void ReportPanel::setRemovePatientIdentifiers(bool remove) { m_removeIdentifiersAction->setChecked(remove); }

bool ReportPanel::isExporting() const { return m_exportWatcher.isRunning(); }

QList<QAction*> ReportPanel::reportActions() const {
  return {m_generateAction,       m_cancelAction,
          m_exportTextAction,     m_exportPdfAction,
          m_exportSrAction,       m_exportKeyImageAction,
          m_exportPresentationStateAction, m_removeIdentifiersAction};
}

void ReportPanel::onGenerateClicked() {
  if (!m_hasStudy || m_generating) return;
  m_generating = true;
  m_generationReceivedText = false;
  m_generatedText.clear();
  m_statusLabel->setText(tr("Generating the report..."));
  refreshState();
  emit generateRequested();
}

void ReportPanel::appendGeneratedText(const QString& text) {
  if (!m_generating || text.isEmpty()) return;  // a late chunk after cancel or a study change
  m_generatedText += text;
  m_generationReceivedText = true;
  showGeneratedText();
}

void ReportPanel::showGeneratedText() {
  QString findings = m_generatedText;
  QString impression;
  const QRegularExpressionMatch match = impressionHeading().match(m_generatedText);
  if (match.hasMatch()) {
    findings = m_generatedText.left(match.capturedStart());
    impression = m_generatedText.mid(match.capturedEnd());
  }
  findings.remove(findingsHeading());
  replaceText(m_findingsEdit, findings.trimmed());
  if (match.hasMatch()) replaceText(m_impressionEdit, impression.trimmed());
}

void ReportPanel::generationFinished() {
  if (!m_generating) return;
  m_generating = false;
  flushPendingSave();
  m_statusLabel->setText(m_generationReceivedText ? tr("Report generated; edit it before exporting.")
                                                  : tr("Report generation stopped."));
  refreshState();
}

void ReportPanel::generationFailed(const QString& message) {
  if (!m_generating) return;
  m_generating = false;
  flushPendingSave();
  m_statusLabel->setText(tr("Report generation failed: %1").arg(message));
  refreshState();
}

void ReportPanel::onEditorsChanged() {
  if (m_showingDraft || !m_hasStudy) return;
  m_draft.findingsText = m_findingsEdit->toPlainText();
  m_draft.impressionText = m_impressionEdit->toPlainText();
  // Streamed model text (the editors are read-only meanwhile) is saved a few times a second rather
  // than per token: an fsync per token would cost the GUI thread ~13 ms each. User edits: at once.
  if (m_generating) {
    if (!m_generatedTextSaveTimer->isActive()) m_generatedTextSaveTimer->start();
    return;
  }
  saveDraft();
}

void ReportPanel::saveDraft() {
  m_draft.modifiedUtc = QDateTime::currentDateTimeUtc();
  try {
    m_store.save(m_draft);
    emit draftSaved(m_store.pathFor(m_draft.study));
  } catch (const ReportError& error) {
    reportLogger()->error("ReportPanel::saveDraft: {}", error.what());
    m_statusLabel->setText(error.message());
    emit draftSaveFailed(error.message());
  }
}

void ReportPanel::refreshFindingsList() {
  m_findingsList->clear();
  for (const AiFinding& finding : m_draft.findings) {
    auto* item = new QTreeWidgetItem(m_findingsList, {finding.shownLabel(), decisionDisplayName(finding.decision),
                                                      sourceDisplayName(finding.source)});
    item->setData(0, Qt::UserRole, finding.id);
    if (finding.decision == FindingDecision::Rejected) {
      QFont font = item->font(0);
      font.setStrikeOut(true);
      item->setFont(0, font);
      for (int column = 0; column < 3; ++column)
        item->setForeground(column, palette().brush(QPalette::Disabled, QPalette::Text));
    }
  }
}

void ReportPanel::refreshState() {
  m_findingsEdit->setEnabled(m_hasStudy);
  m_impressionEdit->setEnabled(m_hasStudy);
  m_findingsEdit->setReadOnly(m_generating);
  m_impressionEdit->setReadOnly(m_generating);
  m_generateButton->setEnabled(m_hasStudy);
  m_generateButton->setText(m_generating ? tr("Cancel") : tr("Generate"));
  m_generateAction->setEnabled(m_hasStudy && !m_generating);
  m_cancelAction->setEnabled(m_generating);
  const bool canExport = m_hasStudy && !m_exportWatcher.isRunning();
  m_exportTextAction->setEnabled(canExport);
  m_exportPdfAction->setEnabled(canExport);
  m_exportSrAction->setEnabled(canExport && m_draft.study.isDicom());
  m_exportKeyImageAction->setEnabled(canExport && m_draft.study.isDicom());
  m_exportPresentationStateAction->setEnabled(canExport && m_draft.study.isDicom());
  m_exportButton->setEnabled(canExport);
}

void ReportPanel::chooseExportPath(ExportFormat format) {
  if (!m_hasStudy || isExporting()) return;
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString stem = format == ExportFormat::KeyImage            ? QStringLiteral("key-image")
                       : format == ExportFormat::PresentationState ? QStringLiteral("presentation-state")
                                                                   : QStringLiteral("report");
  const QString name = QStringLiteral("%1-%2.%3")
                           .arg(stem, QDate::currentDate().toString(QStringLiteral("yyyyMMdd")), exportSuffix(format));
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export Report"), QDir(folder).filePath(name), exportFileFilter(format));
  if (!path.isEmpty()) startExport(format, path);
}

bool ReportPanel::startExport(ExportFormat format, const QString& path) {
  if (!m_hasStudy) {
    emit exportFailed(format, tr("Open a study before exporting a report."));
    return false;
  }
  if (isExporting()) {
    emit exportFailed(format, tr("An export is already running; wait for it to finish."));
    return false;
  }
  const ExportOptions options = exportOptions();
  m_exportFormat = format;
  m_exportPath = path;
  m_statusLabel->setText(tr("Exporting to %1...").arg(QFileInfo(path).fileName()));
  // Copies of the draft and images go to the worker: the user keeps editing meanwhile.
  m_exportWatcher.setFuture(
      QtConcurrent::run([format, path, draft = m_draft, images = m_keyImages, options]() -> QString {
        try {
          exportReport(format, path, draft, images, options);
          return {};
        } catch (const ReportError& error) {
          return error.message();
        } catch (const std::exception& error) {
          return QCoreApplication::translate("anatomix::report::ReportPanel", "Cannot export the report to %1: %2")
              .arg(path, QString::fromUtf8(error.what()));
        }
      }));
  refreshState();
  return true;
}

void ReportPanel::onExportDone() {
  const QString error = m_exportWatcher.result();
  refreshState();
  if (error.isEmpty()) {
    m_statusLabel->setText(tr("Report exported to %1").arg(m_exportPath));
    emit exportFinished(m_exportFormat, m_exportPath);
  } else {
    m_statusLabel->setText(error);
    emit exportFailed(m_exportFormat, error);
  }
}

}  // namespace anatomix::report
