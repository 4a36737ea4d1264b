#include "anatomix/ui/cardiothoracic_ratio_callipers.h"

#include "anatomix/cardiothoracic_ratio.h"
#include "anatomix/ui/findings_panel.h"
#include "anatomix/ui/logging.h"
#include "anatomix/viewer/measurement_layer.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {
namespace {

// Above this a PA film's heart counts as enlarged.
constexpr double kEnlargedAbove = 0.5;

QString cardiacId() { return QString::fromLatin1(CardiothoracicRatioCallipers::kCardiacId); }
QString thoracicId() { return QString::fromLatin1(CardiothoracicRatioCallipers::kThoracicId); }

}  // namespace

CardiothoracicRatioCallipers::CardiothoracicRatioCallipers(viewer::MeasurementLayer* layer, FindingsPanel* findings,
                                                           QObject* parent)
    : QObject(parent), m_layer(layer), m_findings(findings) {
  connect(m_layer, &viewer::MeasurementLayer::measurementsChanged, this, &CardiothoracicRatioCallipers::update);
}

void CardiothoracicRatioCallipers::setAnalysis(const std::shared_ptr<const ImageAnalysis>& analysis,
                                               const QString& viewPosition) {
  m_anteroposterior = is_anteroposterior_view(viewPosition.toStdString());
  m_lastSentence.clear();  // a new analysis: the findings panel starts afresh
  std::optional<CardiothoracicCallipers> callipers;
  if (analysis) {
    std::vector<std::string> names;
    std::vector<Box> boxes;
    for (const AnatomyResult& anatomy : analysis->analysis.anatomies) {
      names.push_back(anatomy.name);
      boxes.push_back(anatomy.box);
    }
    callipers = cardiothoracic_callipers(names, boxes);
  }
  if (!callipers) {
    m_layer->removeCalliper(cardiacId());
    m_layer->removeCalliper(thoracicId());
    emit ratioChanged(0);
    return;
  }
  const Calliper& heart = callipers->cardiac;
  const Calliper& thorax = callipers->thoracic;
  m_layer->placeCalliper(cardiacId(), QPointF(heart.x1, heart.y), QPointF(heart.x2, heart.y), tr("Heart"));
  m_layer->placeCalliper(thoracicId(), QPointF(thorax.x1, thorax.y), QPointF(thorax.x2, thorax.y), tr("Thorax"));
  uiLogger()->info("CardiothoracicRatioCallipers: CTR {:.3f} from the anatomy boxes{}", callipers->ratio(),
                   m_anteroposterior ? " (AP view)" : "");
  update();
}

bool CardiothoracicRatioCallipers::isShown() const {
  return m_layer->measurement(cardiacId()) && m_layer->measurement(thoracicId());
}

double CardiothoracicRatioCallipers::ratio() const {
  if (!isShown()) return 0;
  const QVector<QPointF>& heart = m_layer->measurement(cardiacId())->pointsPx;
  const QVector<QPointF>& thorax = m_layer->measurement(thoracicId())->pointsPx;
  return cardiothoracic_ratio_of(static_cast<float>(heart[1].x() - heart[0].x()),
                                 static_cast<float>(thorax[1].x() - thorax[0].x()));
}

QString CardiothoracicRatioCallipers::sentence() const {
  if (!isShown()) return QString();
  const double value = ratio();
  QString text = value > kEnlargedAbove
                     ? tr("Cardiothoracic ratio %1: the cardiac silhouette is enlarged.").arg(value, 0, 'f', 2)
                     : tr("Cardiothoracic ratio %1: the heart size is within normal limits.").arg(value, 0, 'f', 2);
  if (m_layer->hasSpacing()) {
    text += QLatin1Char(' ') + tr("(Heart %1 mm, thorax %2 mm.)")
                                   .arg(m_layer->lengthMm(cardiacId()), 0, 'f', 0)
                                   .arg(m_layer->lengthMm(thoracicId()), 0, 'f', 0);
  }
  if (m_anteroposterior) text += QLatin1Char(' ') + tr("AP view: magnified, CTR overestimates.");
  return text;
}

void CardiothoracicRatioCallipers::update() {
  if (!isShown()) return;
  const double value = ratio();
  const QString text = sentence();
  if (text == m_lastSentence) return;
  m_lastSentence = text;
  const QString caption = m_anteroposterior ? tr("Thorax (CTR %1; AP view: magnified, CTR overestimates)").arg(value, 0, 'f', 2)
                                            : tr("Thorax (CTR %1)").arg(value, 0, 'f', 2);
  m_layer->setCaption(thoracicId(), caption);
  m_findings->setImageFinding(report::FindingSource::CardiothoracicRatio, text);
  emit ratioChanged(value);
}

}  // namespace anatomix::ui
