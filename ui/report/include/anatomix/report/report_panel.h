// The report editor dock: findings and impression editors autosaved on every change, Generate /
// Cancel (the caller runs the model and streams the text in), the AI findings with the
// radiologist's decisions, and the exports (text, PDF, DICOM SR, key image, presentation state;
// optional de-identification) run
// off the GUI thread. GUI thread only.
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QVector>
#include <QWidget>
#include <memory>

#include "anatomix/report/draft_store.h"
#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"
#include "anatomix/report/report_export.h"

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QToolButton;
class QTreeWidget;

namespace anatomix::report {

class ReportPanel : public QWidget {
  Q_OBJECT

 public:
  // Drafts go to DraftStore's default directory unless setDraftDirectory() is called.
  explicit ReportPanel(QWidget* parent = nullptr);
  ~ReportPanel() override;  // waits for a running export

  void setDraftDirectory(const QString& directory);
  QString draftDirectory() const;

  // Saves nothing new (every change is already on disk), then shows the study's saved draft when
  // there is one, else an empty draft. Emits draftRestored(true/false). Opening the study that is
  // already open does nothing.
  void openStudy(const StudyIdentity& study);
  // Empties and disables the editor (no study open).
  void closeStudy();
  bool hasStudy() const { return m_hasStudy; }

  const ReportDraft& draft() const { return m_draft; }
  // Replaces the AI findings and their decisions (from the findings panel); saved at once.
  void setFindings(const QVector<AiFinding>& findings);
  // Replaces the reader's measurements of the draft's image (imageKey(draft().study), from the
  // viewer's measurement layer), keeping those of the study's other images; saved at once when they
  // changed. Putting a restored draft's measurements back on the layer is the caller's.
  void setMeasurements(const QVector<ReaderMeasurement>& measurements);
  // Images rendered with their overlays, for the PDF and the key-image Secondary Capture (the first).
  // Not saved with the draft.
  void setKeyImages(const QVector<QImage>& images);
  const QVector<QImage>& keyImages() const { return m_keyImages; }
  // How the viewer shows the image now (window, invert, rotation, mirror), for the presentation state.
  void setViewerPresentation(const ViewerPresentation& presentation);
  void setAlgorithmIdentity(const AlgorithmIdentity& algorithm);
  // The image's anatomy boxes (from the analysis) and the reader's question regions, for the
  // presentation state's layers. Not saved with the draft; closeStudy() empties them.
  void setImageOverlays(const QVector<AnatomyBox>& anatomies, const QVector<QuestionRegion>& questionRegions);

  // What an export started now would use: the identifier option, the algorithm, the viewer's presentation.
  ExportOptions exportOptions() const;

  bool removePatientIdentifiers() const;
  void setRemovePatientIdentifiers(bool remove);

  bool isGenerating() const { return m_generating; }
  bool isExporting() const;

  // The actions (with shortcuts) for a main-window menu: generate, cancel, export text, PDF, SR, key
  // image (SC), presentation state (GSPS), and the checkable "remove patient identifiers". Owned by
  // the panel.
  QList<QAction*> reportActions() const;

  // Writes the draft to `path` on a worker thread; exportFinished or exportFailed follows. Returns
  // false (and emits exportFailed) when no study is open or an export is already running.
  bool startExport(ExportFormat format, const QString& path);

 public slots:
  // Streamed text of a report generation started by generateRequested(). The first chunk replaces
  // the findings text (one undo step); "Impression:" in the text moves the rest to the impression.
  void appendGeneratedText(const QString& text);
  void generationFinished();
  void generationFailed(const QString& message);

 signals:
  void generateRequested();              // the caller starts the model, then streams into appendGeneratedText()
  void cancelRequested();                // the caller stops it and calls generationFinished() or generationFailed()
  void draftRestored(bool fromDisk);     // after openStudy(); true when a saved draft was loaded
  void draftSaved(const QString& path);  // after every autosave
  void draftSaveFailed(const QString& message);
  void exportFinished(anatomix::report::ExportFormat format, const QString& path);
  void exportFailed(anatomix::report::ExportFormat format, const QString& message);

 private:
  void createWidgets();
  void createActions();
  void onGenerateClicked();
  void onEditorsChanged();
  void saveDraft();
  void flushPendingSave();              // writes streamed text that waits for the save timer
  void stopGenerationForStudyChange();  // saves, then asks the caller to cancel a running generation
  void showDraft();
  void refreshFindingsList();
  void refreshState();
  void chooseExportPath(ExportFormat format);
  void onExportDone();
  void showGeneratedText();

  DraftStore m_store;
  ReportDraft m_draft;
  bool m_hasStudy = false;
  bool m_generating = false;
  bool m_generationReceivedText = false;
  bool m_showingDraft = false;  // editors are being filled programmatically: no autosave per keystroke
  QString m_generatedText;      // the current generation's text so far
  QVector<QImage> m_keyImages;
  AlgorithmIdentity m_algorithm;
  ViewerPresentation m_presentation;
  QVector<AnatomyBox> m_anatomies;
  QVector<QuestionRegion> m_questionRegions;

  QPlainTextEdit* m_findingsEdit = nullptr;
  QPlainTextEdit* m_impressionEdit = nullptr;
  QTreeWidget* m_findingsList = nullptr;
  QPushButton* m_generateButton = nullptr;
  QToolButton* m_exportButton = nullptr;
  QLabel* m_statusLabel = nullptr;
  QAction* m_generateAction = nullptr;
  QAction* m_cancelAction = nullptr;
  QAction* m_exportTextAction = nullptr;
  QAction* m_exportPdfAction = nullptr;
  QAction* m_exportSrAction = nullptr;
  QAction* m_exportKeyImageAction = nullptr;
  QAction* m_exportPresentationStateAction = nullptr;
  QAction* m_removeIdentifiersAction = nullptr;

  QFutureWatcher<QString> m_exportWatcher;  // result: empty on success, else the error message
  ExportFormat m_exportFormat = ExportFormat::PlainText;
  QString m_exportPath;
  QTimer* m_generatedTextSaveTimer;  // coalesces saves of streamed model text
};

}  // namespace anatomix::report
