#include "anatomix/ui/ask_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "anatomix/viewer/overlay_layer_model.h"

namespace anatomix::ui {

namespace {

constexpr int kLabelCharacters = 80;
constexpr int kStreamRefreshMs = 100;  // the overlay label is cut here; the tool tip has it all

bool isRegionTask(Task task) { return task == Task::GroundedCaptioning || task == Task::GroundedDiagnosis; }

}  // namespace

AskPanel::AskPanel(viewer::OverlayLayerModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_regionsLabel(new QLabel(this)),
      m_describe(new QPushButton(this)),
      m_diagnose(new QPushButton(this)),
      m_stop(new QPushButton(this)),
      m_history(new QTextBrowser(this)),
      m_question(new QLineEdit(this)),
      m_send(new QPushButton(this)) {
  qRegisterMetaType<anatomix::Task>();
  setObjectName(QStringLiteral("askPanel"));
  m_regionsLabel->setObjectName(QStringLiteral("askRegionsLabel"));
  m_regionsLabel->setWordWrap(true);
  m_describe->setObjectName(QStringLiteral("describeRegionsButton"));
  m_diagnose->setObjectName(QStringLiteral("diagnoseRegionsButton"));
  m_stop->setObjectName(QStringLiteral("stopAskingButton"));
  m_history->setObjectName(QStringLiteral("askHistory"));
  m_history->setOpenLinks(false);
  m_question->setObjectName(QStringLiteral("askQuestion"));
  m_question->setClearButtonEnabled(true);
  m_send->setObjectName(QStringLiteral("askSendButton"));

  auto* regionRow = new QHBoxLayout();
  regionRow->addWidget(m_describe);
  regionRow->addWidget(m_diagnose);
  regionRow->addStretch(1);
  regionRow->addWidget(m_stop);
  auto* questionRow = new QHBoxLayout();
  questionRow->addWidget(m_question, 1);
  questionRow->addWidget(m_send);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_regionsLabel);
  layout->addLayout(regionRow);
  layout->addWidget(m_history, 1);
  layout->addLayout(questionRow);

  const QString layerId = QString::fromLatin1(kLayerId);
  if (!m_model->hasLayer(layerId)) {
    viewer::OverlayLayer layer;
    layer.id = layerId;
    layer.style.colour = QColor(255, 120, 220);
    layer.style.penWidthPx = 2.0;
    layer.style.penStyle = Qt::DashLine;
    layer.style.labelMode = viewer::OverlayLabelMode::Always;
    // Under the user's regions, so clicks on a region still reach the region.
    m_model->addLayer(layer, m_model->rowCount() > 0 ? 1 : 0);
  }
  m_refresh.setSingleShot(true);
  m_refresh.setInterval(kStreamRefreshMs);
  connect(&m_refresh, &QTimer::timeout, this, [this]() {
    if (!m_exchanges.isEmpty() && isRegionTask(m_exchanges.last().task)) updateAnswerLayer();
    renderHistory();
  });
  retranslate();

  connect(m_describe, &QPushButton::clicked, this, &AskPanel::describeRegions);
  connect(m_diagnose, &QPushButton::clicked, this, &AskPanel::diagnoseRegions);
  connect(m_send, &QPushButton::clicked, this, &AskPanel::sendQuestion);
  connect(m_question, &QLineEdit::returnPressed, this, &AskPanel::sendQuestion);
  connect(m_question, &QLineEdit::textChanged, this, [this]() { updateButtons(); });
  connect(m_stop, &QPushButton::clicked, this, &AskPanel::stopRequested);
}

void AskPanel::retranslate() {
  m_describe->setText(tr("De&scribe"));
  m_describe->setToolTip(tr("Describe the drawn regions (grounded captioning)"));
  m_diagnose->setText(tr("Dia&gnose"));
  m_diagnose->setToolTip(tr("Diagnose the drawn regions (grounded diagnosis)"));
  m_stop->setText(tr("S&top"));
  m_stop->setToolTip(tr("Stop the running question"));
  m_question->setPlaceholderText(tr("Ask a question about this image"));
  m_send->setText(tr("As&k"));
  m_model->setLayerName(QString::fromLatin1(kLayerId), tr("Region answers"));
  renderHistory();
  updateButtons();
}

void AskPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void AskPanel::setRegions(const QVector<QRectF>& regionsPx) {
  m_regions = regionsPx;
  updateButtons();
}

void AskPanel::setAiAvailable(bool available) {
  m_aiAvailable = available;
  updateButtons();
}

void AskPanel::updateButtons() {
  const bool canAsk = m_aiAvailable && !m_asking;
  m_describe->setEnabled(canAsk && !m_regions.isEmpty());
  m_diagnose->setEnabled(canAsk && !m_regions.isEmpty());
  m_send->setEnabled(canAsk && !m_question->text().simplified().isEmpty());
  m_stop->setEnabled(m_asking);
  m_regionsLabel->setText(m_regions.isEmpty() ? tr("Draw regions with the region tool (D) to ask about them.")
                                              : tr("%n region(s) drawn.", nullptr, static_cast<int>(m_regions.size())));
}

void AskPanel::describeRegions() {
  if (m_regions.isEmpty() || !m_aiAvailable || m_asking) return;
  emit askRequested(Task::GroundedCaptioning, QString(), m_regions);
}

void AskPanel::diagnoseRegions() {
  if (m_regions.isEmpty() || !m_aiAvailable || m_asking) return;
  emit askRequested(Task::GroundedDiagnosis, QString(), m_regions);
}

void AskPanel::sendQuestion() {
  const QString question = m_question->text().simplified();
  if (question.isEmpty() || !m_aiAvailable || m_asking) return;
  emit askRequested(Task::OpenVqa, question, {});
}

void AskPanel::clearHistory() {
  m_exchanges.clear();
  m_regionAnswer.clear();
  m_askedRegions.clear();
  m_asking = false;
  m_model->clearItems(QString::fromLatin1(kLayerId));
  renderHistory();
  updateButtons();
}

void AskPanel::beginAnswer(Task task, const QString& question) {
  m_asking = true;
  Exchange exchange;
  exchange.task = task;
  exchange.question = question;
  if (task == Task::GroundedCaptioning) exchange.question = tr("Describe %n region(s)", nullptr, static_cast<int>(m_regions.size()));
  if (task == Task::GroundedDiagnosis) exchange.question = tr("Diagnose %n region(s)", nullptr, static_cast<int>(m_regions.size()));
  m_exchanges.push_back(exchange);
  if (isRegionTask(task)) {
    m_askedRegions = m_regions;
    m_regionAnswer.clear();
    updateAnswerLayer();
  }
  if (task == Task::OpenVqa) m_question->clear();
  renderHistory();
  updateButtons();
}

void AskPanel::appendAnswerText(const QString& piece) {
  if (!m_asking || m_exchanges.isEmpty()) return;
  Exchange& exchange = m_exchanges.last();
  exchange.answer += piece;
  if (isRegionTask(exchange.task)) m_regionAnswer = exchange.answer;
  if (!m_refresh.isActive()) m_refresh.start();
}

void AskPanel::finishAnswer(const Answer& answer) {
  if (m_exchanges.isEmpty()) return;
  Exchange& exchange = m_exchanges.last();
  // The parsed text (tags removed) replaces what streamed in.
  exchange.answer = QString::fromStdString(answer.plain_text).trimmed();
  if (exchange.answer.isEmpty()) exchange.answer = QString::fromStdString(answer.text).trimmed();
  // Boxes that could not be read are said so beside the raw text, never dropped without a word.
  exchange.boxesUnread = !answer.box_problem.empty();
  if (isRegionTask(exchange.task)) {
    m_regionAnswer = exchange.answer;
    updateAnswerLayer();
  }
  m_asking = false;
  renderHistory();
  updateButtons();
}

void AskPanel::failAnswer(const QString& message) {
  if (!m_exchanges.isEmpty()) {
    m_exchanges.last().answer = message;
    m_exchanges.last().failed = true;
  }
  m_asking = false;
  renderHistory();
  updateButtons();
}

void AskPanel::cancelAnswer() {
  if (!m_exchanges.isEmpty()) m_exchanges.last().answer += tr(" [stopped]");
  m_asking = false;
  renderHistory();
  updateButtons();
}

void AskPanel::updateAnswerLayer() {
  QVector<viewer::OverlayItem> items;
  const QString text = m_regionAnswer.simplified();
  const QString label = text.size() > kLabelCharacters ? text.left(kLabelCharacters - 1) + QChar(0x2026) : text;
  for (int i = 0; i < m_askedRegions.size(); ++i) {
    viewer::OverlayItem item;
    item.id = QStringLiteral("answer-%1").arg(i);
    item.rectPx = m_askedRegions[i];
    // The answer is written once, next to the first region.
    item.label = i == 0 ? (label.isEmpty() ? tr("Thinking...") : label) : QString();
    item.toolTip = text;
    items.push_back(item);
  }
  m_model->setItems(QString::fromLatin1(kLayerId), items);
}

AskPanel::RegionQuestion AskPanel::lastRegionQuestion() const {
  for (auto exchange = m_exchanges.crbegin(); exchange != m_exchanges.crend(); ++exchange) {
    if (isRegionTask(exchange->task)) return {m_askedRegions, exchange->question, m_regionAnswer};
  }
  return {};
}

QString AskPanel::chatHistoryText() const { return m_history->toPlainText(); }

void AskPanel::renderHistory() {
  m_refresh.stop();
  QString html;
  for (const Exchange& exchange : m_exchanges) {
    html += QStringLiteral("<p><b>%1</b><br/>").arg(exchange.question.toHtmlEscaped());
    const QString answer = exchange.answer.isEmpty() ? QStringLiteral("…") : exchange.answer.toHtmlEscaped();
    const QString unread =
        exchange.boxesUnread
            ? QStringLiteral("<br/><span style=\"color:#c62828\">%1</span>")
                  .arg(tr("Could not read the boxes in this answer; the text is shown as the model wrote it.").toHtmlEscaped())
            : QString();
    html += exchange.failed ? QStringLiteral("<span style=\"color:#c62828\">%1</span></p>").arg(answer)
                            : answer + unread + QStringLiteral("</p>");
  }
  if (m_exchanges.isEmpty())
    html = QStringLiteral("<p style=\"color:gray\">%1</p>")
               .arg(tr("Answers appear here. The model can be wrong: check every answer against the image.").toHtmlEscaped());
  m_history->setHtml(html);
  m_history->moveCursor(QTextCursor::End);
}

}  // namespace anatomix::ui
