// FindingsPanel: the AI findings of the current image and the radiologist's decision on each, with
// the "findings" overlay layer that shows their boxes. Findings come from the analysis (abnormal
// anatomies with their retrieved sentence; CheXpert labels at probability >= 0.5), from phrase
// grounding (the user types a finding), anatomy grounding and abnormality detection (answers of the
// language model), and from the laterality cross-check (ReadingAssistant). Each can be accepted,
// edited (in place) or rejected; rejected boxes are hidden, accepted ones drawn green.
// findingsChanged() tells the report side to re-read findings(). Clicking a finding selects and
// highlights its boxes. The overlay model is borrowed. GUI thread only.
#pragma once

#include <memory>

#include <QVector>
#include <QWidget>

#include "anatomix/engine.h"
#include "anatomix/report/ai_finding.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace anatomix::viewer {
class OverlayLayerModel;
}

namespace anatomix::ui {

struct ImageAnalysis;

class FindingsPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kLayerId = "findings";
  static constexpr double kLabelThreshold = 0.5;
  // The PASCAL VOC criterion for two boxes of the same object.
  static constexpr double kSameAnatomyIou = 0.5;

  explicit FindingsPanel(viewer::OverlayLayerModel* model, QWidget* parent = nullptr);

  // Starts a new image: the analysis' own findings replace everything listed.
  void setAnalysis(std::shared_ptr<const ImageAnalysis> analysis);
  void clear();
  // Adds the findings of a language-model answer. PhraseGrounding and AnatomyGrounding give one
  // finding labelled `request` with every returned box; AbnormalityDetection one per labelled box.
  // An anatomy's box is checked against the anatomy module's box of that anatomy (which the model's prompt
  // holds): below IoU kSameAnatomyIou they disagree, and the anatomy module's box is shown with the
  // disagreement in the label. Returns the ids added.
  QStringList addAnswer(report::FindingSource source, const QString& request, const Answer& answer);
  // Adds a finding about the whole image (no box), such as the laterality cross-check's warning.
  // Returns its id.
  QString addImageFinding(report::FindingSource source, const QString& label);
  // The one finding of `source` gets `label` (added when there is none): for a value the reader
  // keeps adjusting, such as the cardiothoracic ratio. An accepted finding goes back to proposed.
  QString setImageFinding(report::FindingSource source, const QString& label);
  bool setDecision(const QString& findingId, report::FindingDecision decision, const QString& editedLabel = QString());
  QVector<report::AiFinding> findings() const { return m_findings; }
  void setBusy(bool busy);  // disables the request buttons while the engine works on one
  void setAiAvailable(bool available);

  QLineEdit* phraseEdit() const { return m_phrase; }
  QComboBox* anatomyBox() const { return m_anatomy; }
  QTreeWidget* list() const { return m_list; }

 signals:
  void groundPhraseRequested(const QString& phrase);
  void groundAnatomyRequested(const QString& anatomyName);
  void detectRequested();
  void findingsChanged();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void ensureLayer();
  void retranslate();
  void rebuild();  // list and layer from m_findings
  QString addFinding(report::AiFinding finding);
  void checkAgainstAnatomyModule(report::AiFinding& finding, const Answer& answer) const;
  QTreeWidgetItem* currentFindingItem() const;
  void focusFinding(const QString& findingId);
  void updateButtons();
  static QString sourceName(report::FindingSource source);
  static QString decisionName(report::FindingDecision decision);

  viewer::OverlayLayerModel* m_model;  // borrowed
  QLineEdit* m_phrase;
  QPushButton* m_ground;
  QComboBox* m_anatomy;
  QPushButton* m_locate;
  QPushButton* m_detect;
  QTreeWidget* m_list;
  QPushButton* m_accept;
  QPushButton* m_edit;
  QPushButton* m_reject;
  QVector<report::AiFinding> m_findings;
  std::shared_ptr<const ImageAnalysis> m_analysis;  // the current image's (shared with the reading assistant)
  int m_nextId = 1;
  bool m_busy = false;
  bool m_aiAvailable = false;
};

}  // namespace anatomix::ui
