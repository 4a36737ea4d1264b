#include "anatomix/ui/findings_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "anatomix/box.h"
#include "anatomix/ui/engine_worker.h"
#include "anatomix/viewer/overlay_layer_model.h"

namespace anatomix::ui {

using report::AiFinding;
using report::FindingDecision;
using report::FindingSource;
using viewer::OverlayItem;
using viewer::OverlayItemFlag;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
const QColor kAcceptedColour(80, 220, 100);
const QColor kProposedColour(255, 210, 0);

QRectF toRect(const Box& box) { return QRectF(QPointF(box.x1, box.y1), QPointF(box.x2, box.y2)).normalized(); }

}  // namespace

FindingsPanel::FindingsPanel(viewer::OverlayLayerModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_phrase(new QLineEdit(this)),
      m_ground(new QPushButton(this)),
      m_anatomy(new QComboBox(this)),
      m_locate(new QPushButton(this)),
      m_detect(new QPushButton(this)),
      m_list(new QTreeWidget(this)),
      m_accept(new QPushButton(this)),
      m_edit(new QPushButton(this)),
      m_reject(new QPushButton(this)) {
  setObjectName(QStringLiteral("findingsPanel"));
  m_phrase->setObjectName(QStringLiteral("findingPhrase"));
  m_phrase->setClearButtonEnabled(true);
  m_ground->setObjectName(QStringLiteral("groundPhraseButton"));
  m_anatomy->setObjectName(QStringLiteral("groundAnatomyBox"));
  m_locate->setObjectName(QStringLiteral("groundAnatomyButton"));
  m_detect->setObjectName(QStringLiteral("detectAbnormalitiesButton"));
  m_list->setObjectName(QStringLiteral("findingsList"));
  m_list->setColumnCount(3);
  m_list->setRootIsDecorated(false);
  m_list->header()->setStretchLastSection(false);
  m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
  m_accept->setObjectName(QStringLiteral("acceptFindingButton"));
  m_edit->setObjectName(QStringLiteral("editFindingButton"));
  m_reject->setObjectName(QStringLiteral("rejectFindingButton"));

  auto* phraseRow = new QHBoxLayout();
  phraseRow->addWidget(m_phrase, 1);
  phraseRow->addWidget(m_ground);
  auto* anatomyRow = new QHBoxLayout();
  anatomyRow->addWidget(m_anatomy, 1);
  anatomyRow->addWidget(m_locate);
  anatomyRow->addWidget(m_detect);
  auto* decisionRow = new QHBoxLayout();
  decisionRow->addWidget(m_accept);
  decisionRow->addWidget(m_edit);
  decisionRow->addWidget(m_reject);
  decisionRow->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(phraseRow);
  layout->addLayout(anatomyRow);
  layout->addWidget(m_list, 1);
  layout->addLayout(decisionRow);
  retranslate();
  ensureLayer();

  auto groundPhrase = [this]() {
    const QString phrase = m_phrase->text().simplified();
    if (!phrase.isEmpty() && m_aiAvailable && !m_busy) emit groundPhraseRequested(phrase);
  };
  connect(m_phrase, &QLineEdit::returnPressed, this, groundPhrase);
  connect(m_ground, &QPushButton::clicked, this, groundPhrase);
  connect(m_phrase, &QLineEdit::textChanged, this, [this]() { updateButtons(); });
  connect(m_locate, &QPushButton::clicked, this, [this]() {
    if (m_anatomy->currentIndex() >= 0) emit groundAnatomyRequested(m_anatomy->currentText());
  });
  connect(m_detect, &QPushButton::clicked, this, &FindingsPanel::detectRequested);
  connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    focusFinding(item ? item->data(0, kIdRole).toString() : QString());
    updateButtons();
  });
  connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
    // Editing the text in place is the "edit" decision.
    if (column != 0) return;
    const QString id = item->data(0, kIdRole).toString();
    for (const AiFinding& finding : m_findings)
      if (finding.id == id && item->text(0) != finding.shownLabel())
        setDecision(id, FindingDecision::Edited, item->text(0).simplified());
  });
  connect(m_accept, &QPushButton::clicked, this, [this]() {
    if (QTreeWidgetItem* item = currentFindingItem()) setDecision(item->data(0, kIdRole).toString(), FindingDecision::Accepted);
  });
  connect(m_reject, &QPushButton::clicked, this, [this]() {
    if (QTreeWidgetItem* item = currentFindingItem()) setDecision(item->data(0, kIdRole).toString(), FindingDecision::Rejected);
  });
  connect(m_edit, &QPushButton::clicked, this, [this]() {
    if (QTreeWidgetItem* item = currentFindingItem()) m_list->editItem(item, 0);
  });
  connect(m_model, &viewer::OverlayLayerModel::selectionChanged, this, [this](const QString& layerId, const QString& itemId) {
    if (layerId != QLatin1String(kLayerId) || itemId.isEmpty()) return;
    const QString findingId = itemId.section(QLatin1Char('/'), 0, 0);
    for (int row = 0; row < m_list->topLevelItemCount(); ++row)
      if (m_list->topLevelItem(row)->data(0, kIdRole).toString() == findingId &&
          m_list->currentItem() != m_list->topLevelItem(row))
        m_list->setCurrentItem(m_list->topLevelItem(row));
  });
  updateButtons();
}

void FindingsPanel::ensureLayer() {
  const QString id = QString::fromLatin1(kLayerId);
  if (m_model->hasLayer(id)) return;
  viewer::OverlayLayer layer;
  layer.id = id;
  layer.name = tr("AI findings");
  layer.style.colour = kProposedColour;
  layer.style.penWidthPx = 2.0;
  // Labels of the selected finding only: the analysis alone can propose dozens.
  layer.style.labelMode = viewer::OverlayLabelMode::WhenHighlighted;
  m_model->addLayer(layer, m_model->rowCount() > 0 ? 1 : 0);  // just under the user's regions
}

void FindingsPanel::retranslate() {
  m_phrase->setPlaceholderText(tr("Type a finding, e.g. small left pleural effusion"));
  m_ground->setText(tr("&Ground"));
  m_ground->setToolTip(tr("Find the boxes of the typed finding (Enter)"));
  m_locate->setText(tr("&Locate"));
  m_locate->setToolTip(tr("Ask the model where the chosen anatomy is"));
  m_detect->setText(tr("&Detect Abnormalities"));
  m_accept->setText(tr("&Accept"));
  m_edit->setText(tr("&Edit"));
  m_reject->setText(tr("Re&ject"));
  m_list->setHeaderLabels({tr("Finding"), tr("Source"), tr("Decision")});
  if (m_model->hasLayer(QString::fromLatin1(kLayerId))) m_model->setLayerName(QString::fromLatin1(kLayerId), tr("AI findings"));
  rebuild();
}

void FindingsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QString FindingsPanel::sourceName(FindingSource source) {
  switch (source) {
    case FindingSource::AnatomyGrounding: return tr("Anatomy");
    case FindingSource::PhraseGrounding: return tr("Phrase");
    case FindingSource::AbnormalityDetection: return tr("Detection");
    case FindingSource::Classification: return tr("Classification");
    case FindingSource::RegionAnswer: return tr("Region");
    case FindingSource::LateralityCheck: return tr("Laterality check");
    case FindingSource::CardiothoracicRatio: return tr("Cardiothoracic ratio");
  }
  return QString();
}

QString FindingsPanel::decisionName(FindingDecision decision) {
  switch (decision) {
    case FindingDecision::Proposed: return tr("Proposed");
    case FindingDecision::Accepted: return tr("Accepted");
    case FindingDecision::Edited: return tr("Edited");
    case FindingDecision::Rejected: return tr("Rejected");
  }
  return QString();
}

void FindingsPanel::setAiAvailable(bool available) {
  m_aiAvailable = available;
  updateButtons();
}

void FindingsPanel::setBusy(bool busy) {
  m_busy = busy;
  updateButtons();
}

void FindingsPanel::updateButtons() {
  const bool canAsk = m_aiAvailable && !m_busy;
  m_ground->setEnabled(canAsk && !m_phrase->text().simplified().isEmpty());
  m_locate->setEnabled(canAsk && m_anatomy->count() > 0);
  m_detect->setEnabled(canAsk && m_anatomy->count() > 0);
  const bool hasCurrent = currentFindingItem() != nullptr;
  for (QPushButton* button : {m_accept, m_edit, m_reject}) button->setEnabled(hasCurrent);
}

void FindingsPanel::clear() {
  m_findings.clear();
  m_analysis.reset();
  m_anatomy->clear();
  rebuild();
  updateButtons();
  emit findingsChanged();
}

void FindingsPanel::setAnalysis(std::shared_ptr<const ImageAnalysis> analysis) {
  m_findings.clear();
  m_analysis = analysis;
  m_anatomy->clear();
  if (analysis) {
    for (const AnatomyResult& anatomy : analysis->analysis.anatomies) {
      m_anatomy->addItem(QString::fromStdString(anatomy.name));
      if (!anatomy.abnormal) continue;
      AiFinding finding;
      finding.source = FindingSource::AnatomyGrounding;
      finding.label = QString::fromStdString(anatomy.sentence);
      finding.regions = {toRect(anatomy.box)};
      finding.confidence = anatomy.similarity;
      addFinding(finding);
    }
    for (const auto& [label, probability] : analysis->analysis.labels) {
      if (probability < kLabelThreshold) continue;
      AiFinding finding;
      finding.source = FindingSource::Classification;
      finding.label = QString::fromStdString(label);
      finding.confidence = probability;
      addFinding(finding);
    }
  }
  rebuild();
  updateButtons();
  emit findingsChanged();
}

QString FindingsPanel::addFinding(AiFinding finding) {
  finding.id = QStringLiteral("finding-%1").arg(m_nextId++);
  m_findings.push_back(finding);
  return finding.id;
}

QString FindingsPanel::addImageFinding(FindingSource source, const QString& label) {
  AiFinding finding;
  finding.source = source;
  finding.label = label;
  const QString id = addFinding(finding);
  rebuild();
  emit findingsChanged();
  return id;
}

QString FindingsPanel::setImageFinding(FindingSource source, const QString& label) {
  for (AiFinding& finding : m_findings) {
    if (finding.source != source) continue;
    if (finding.label == label) return finding.id;
    finding.label = label;
    // A decision taken on the old wording is taken again on the new one; the reader's own words stay.
    if (finding.decision == FindingDecision::Accepted) finding.decision = FindingDecision::Proposed;
    rebuild();
    emit findingsChanged();
    return finding.id;
  }
  return addImageFinding(source, label);
}

QStringList FindingsPanel::addAnswer(FindingSource source, const QString& request, const Answer& answer) {
  QStringList ids;
  if (source == FindingSource::AbnormalityDetection) {
    for (const GroundedPhrase& phrase : answer.grounded) {
      AiFinding finding;
      finding.source = source;
      finding.label = QString::fromStdString(phrase.label).simplified();
      if (finding.label.isEmpty()) finding.label = tr("Abnormality");
      finding.regions = {toRect(phrase.box)};
      ids << addFinding(finding);
    }
  } else {
    AiFinding finding;
    finding.source = source;
    finding.label = request;
    for (const GroundedPhrase& phrase : answer.grounded) finding.regions.push_back(toRect(phrase.box));
    if (source == FindingSource::AnatomyGrounding) checkAgainstAnatomyModule(finding, answer);
    ids << addFinding(finding);
  }
  rebuild();
  if (!ids.isEmpty()) focusFinding(ids.first());
  for (int row = 0; row < m_list->topLevelItemCount(); ++row)
    if (!ids.isEmpty() && m_list->topLevelItem(row)->data(0, kIdRole).toString() == ids.first())
      m_list->setCurrentItem(m_list->topLevelItem(row));
  emit findingsChanged();
  return ids;
}

// A small language model can answer with the box its training made typical of the anatomy's name (often the
// name's usual image side) instead of the box its prompt holds; the anatomy module read the pixels.
void FindingsPanel::checkAgainstAnatomyModule(AiFinding& finding, const Answer& answer) const {
  if (!m_analysis) return;
  const std::vector<AnatomyResult>& anatomies = m_analysis->analysis.anatomies;
  const std::string name = finding.label.toStdString();
  const auto anatomy = std::find_if(anatomies.begin(), anatomies.end(),
                                    [&](const AnatomyResult& candidate) { return candidate.name == name; });
  if (anatomy == anatomies.end()) return;
  const double overlap = answer.grounded.empty() ? 0.0 : box_iou(answer.grounded.front().box, anatomy->box);
  if (overlap >= kSameAnatomyIou) return;
  finding.regions = {toRect(anatomy->box)};
  finding.label = answer.grounded.empty()
                      ? tr("%1 (the anatomy module's box; the language model gave none)").arg(finding.label)
                      : tr("%1 (the anatomy module's box; the language model's box disagreed, IoU %2)")
                            .arg(finding.label)
                            .arg(overlap, 0, 'f', 2);
}

bool FindingsPanel::setDecision(const QString& findingId, FindingDecision decision, const QString& editedLabel) {
  for (AiFinding& finding : m_findings) {
    if (finding.id != findingId) continue;
    finding.decision = decision;
    if (decision == FindingDecision::Edited) finding.editedLabel = editedLabel;
    rebuild();
    emit findingsChanged();
    return true;
  }
  return false;
}

void FindingsPanel::rebuild() {
  ensureLayer();
  const QString currentId = currentFindingItem() ? currentFindingItem()->data(0, kIdRole).toString() : QString();
  QVector<OverlayItem> items;
  {
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const AiFinding& finding : m_findings) {
      QString text = finding.shownLabel();
      auto* row = new QTreeWidgetItem(m_list, {text, sourceName(finding.source), decisionName(finding.decision)});
      row->setData(0, kIdRole, finding.id);
      row->setFlags(row->flags() | Qt::ItemIsEditable);
      QString tip = finding.label;
      if (finding.confidence >= 0) tip += tr(" (score %1)").arg(finding.confidence, 0, 'f', 2);
      const bool aboutTheWholeImage =
          finding.source == FindingSource::Classification || finding.source == FindingSource::LateralityCheck ||
          finding.source == FindingSource::CardiothoracicRatio;
      if (finding.regions.isEmpty() && !aboutTheWholeImage)
        tip += QLatin1Char('\n') + tr("The model returned no box for this finding.");
      row->setToolTip(0, tip);
      if (finding.decision == FindingDecision::Rejected) {
        QFont struck = row->font(0);
        struck.setStrikeOut(true);
        row->setFont(0, struck);
        row->setForeground(0, QColor(130, 130, 130));
      }
      if (finding.id == currentId) m_list->setCurrentItem(row);
      for (int k = 0; k < finding.regions.size(); ++k) {
        OverlayItem item;
        item.id = QStringLiteral("%1/%2").arg(finding.id).arg(k);
        item.rectPx = finding.regions[k];
        item.label = text;
        item.toolTip = tip;
        if (finding.decision == FindingDecision::Rejected) item.flags |= OverlayItemFlag::Hidden;
        if (finding.inReportText()) item.colour = kAcceptedColour;
        if (finding.id == currentId) item.flags |= OverlayItemFlag::Highlighted;
        items.push_back(item);
      }
    }
  }
  m_model->setItems(QString::fromLatin1(kLayerId), items);
  updateButtons();
}

QTreeWidgetItem* FindingsPanel::currentFindingItem() const { return m_list->currentItem(); }

void FindingsPanel::focusFinding(const QString& findingId) {
  const QString layerId = QString::fromLatin1(kLayerId);
  const viewer::OverlayLayer* layer = m_model->layer(layerId);
  if (!layer) return;
  QString first;
  for (const OverlayItem& item : layer->items) {
    const bool mine = !findingId.isEmpty() && item.id.section(QLatin1Char('/'), 0, 0) == findingId;
    if (mine && first.isEmpty()) first = item.id;
    if (item.flags.testFlag(OverlayItemFlag::Highlighted) != mine)
      m_model->setItemFlag(layerId, item.id, OverlayItemFlag::Highlighted, mine);
  }
  if (!first.isEmpty() && m_model->selectedItemId(layerId).section(QLatin1Char('/'), 0, 0) != findingId)
    m_model->selectItem(layerId, first);
}

}  // namespace anatomix::ui
