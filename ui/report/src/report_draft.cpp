#include "anatomix/report/report_draft.h"

#include <QCoreApplication>
#include <QJsonArray>

#include "anatomix/report/report_error.h"

namespace anatomix::report {

namespace {

constexpr int kDraftFormatVersion = 1;

struct DecisionName {
  FindingDecision decision;
  const char* key;
};
constexpr DecisionName kDecisionNames[] = {{FindingDecision::Proposed, "proposed"},
                                           {FindingDecision::Accepted, "accepted"},
                                           {FindingDecision::Edited, "edited"},
                                           {FindingDecision::Rejected, "rejected"}};

struct SourceName {
  FindingSource source;
  const char* key;
};
constexpr SourceName kSourceNames[] = {{FindingSource::AnatomyGrounding, "anatomy-grounding"},
                                       {FindingSource::PhraseGrounding, "phrase-grounding"},
                                       {FindingSource::AbnormalityDetection, "abnormality-detection"},
                                       {FindingSource::Classification, "classification"},
                                       {FindingSource::RegionAnswer, "region-answer"},
                                       {FindingSource::LateralityCheck, "laterality-check"},
                                       {FindingSource::CardiothoracicRatio, "cardiothoracic-ratio"}};

QJsonObject studyToJson(const StudyIdentity& study) {
  return QJsonObject{{"sourceFilePath", study.sourceFilePath},
                     {"studyInstanceUid", study.studyInstanceUid},
                     {"seriesInstanceUid", study.seriesInstanceUid},
                     {"sopClassUid", study.sopClassUid},
                     {"sopInstanceUid", study.sopInstanceUid},
                     {"patientName", study.patientName},
                     {"patientId", study.patientId},
                     {"patientBirthDate", study.patientBirthDate},
                     {"patientSex", study.patientSex},
                     {"accessionNumber", study.accessionNumber},
                     {"studyDate", study.studyDate},
                     {"studyTime", study.studyTime},
                     {"studyDescription", study.studyDescription},
                     {"imageColumns", study.imageColumns},
                     {"imageRows", study.imageRows}};
}

StudyIdentity studyFromJson(const QJsonObject& json) {
  StudyIdentity study;
  study.sourceFilePath = json.value("sourceFilePath").toString();
  study.studyInstanceUid = json.value("studyInstanceUid").toString();
  study.seriesInstanceUid = json.value("seriesInstanceUid").toString();
  study.sopClassUid = json.value("sopClassUid").toString();
  study.sopInstanceUid = json.value("sopInstanceUid").toString();
  study.patientName = json.value("patientName").toString();
  study.patientId = json.value("patientId").toString();
  study.patientBirthDate = json.value("patientBirthDate").toString();
  study.patientSex = json.value("patientSex").toString();
  study.accessionNumber = json.value("accessionNumber").toString();
  study.studyDate = json.value("studyDate").toString();
  study.studyTime = json.value("studyTime").toString();
  study.studyDescription = json.value("studyDescription").toString();
  study.imageColumns = json.value("imageColumns").toInt();
  study.imageRows = json.value("imageRows").toInt();
  return study;
}

QJsonObject findingToJson(const AiFinding& finding) {
  QJsonArray regions;
  for (const QRectF& region : finding.regions) {
    regions.append(QJsonArray{region.left(), region.top(), region.right(), region.bottom()});
  }
  return QJsonObject{{"id", finding.id},
                     {"source", sourceKey(finding.source)},
                     {"label", finding.label},
                     {"editedLabel", finding.editedLabel},
                     {"regions", regions},
                     {"confidence", finding.confidence},
                     {"decision", decisionKey(finding.decision)}};
}

AiFinding findingFromJson(const QJsonObject& json, const QString& origin, int index) {
  AiFinding finding;
  finding.id = json.value("id").toString();
  finding.label = json.value("label").toString();
  finding.editedLabel = json.value("editedLabel").toString();
  finding.confidence = json.value("confidence").toDouble(-1);
  const QString source = json.value("source").toString();
  const QString decision = json.value("decision").toString();
  bool sourceKnown = false;
  for (const SourceName& name : kSourceNames) {
    if (source == QLatin1String(name.key)) {
      finding.source = name.source;
      sourceKnown = true;
    }
  }
  bool decisionKnown = false;
  for (const DecisionName& name : kDecisionNames) {
    if (decision == QLatin1String(name.key)) {
      finding.decision = name.decision;
      decisionKnown = true;
    }
  }
  if (!sourceKnown || !decisionKnown) {
    throw ReportError(QCoreApplication::translate("anatomix::report::ReportDraft",
                                                  "%1: finding %2 has an unknown source \"%3\" or decision \"%4\"")
                          .arg(origin)
                          .arg(index)
                          .arg(source, decision));
  }
  for (const QJsonValue& value : json.value("regions").toArray()) {
    const QJsonArray box = value.toArray();
    if (box.size() != 4) {
      throw ReportError(QCoreApplication::translate("anatomix::report::ReportDraft",
                                                    "%1: finding %2 has a region that is not [x1, y1, x2, y2]")
                            .arg(origin)
                            .arg(index));
    }
    finding.regions.append(
        QRectF(QPointF(box[0].toDouble(), box[1].toDouble()), QPointF(box[2].toDouble(), box[3].toDouble())));
  }
  return finding;
}

constexpr MeasurementKind kMeasurementKinds[] = {MeasurementKind::Distance, MeasurementKind::Angle,
                                                 MeasurementKind::Rectangle, MeasurementKind::Ellipse,
                                                 MeasurementKind::Arrow};

QJsonObject measurementToJson(const ReaderMeasurement& measurement) {
  QJsonArray points;
  for (const QPointF& point : measurement.pointsPx) points.append(QJsonArray{point.x(), point.y()});
  const QRectF& rect = measurement.rectPx;
  return QJsonObject{{"id", measurement.id},
                     {"imageKey", measurement.imageKey},
                     {"kind", measurementKindKey(measurement.kind)},
                     {"points", points},
                     {"rect", QJsonArray{rect.left(), rect.top(), rect.right(), rect.bottom()}},
                     {"text", measurement.text},
                     {"calibrated", measurement.calibrated},
                     {"calibrationNote", measurement.calibrationNote},
                     {"value", measurement.value},
                     {"pixelCount", measurement.pixelCount},
                     {"mean", measurement.mean},
                     {"standardDeviation", measurement.standardDeviation},
                     {"minimum", measurement.minimum},
                     {"maximum", measurement.maximum},
                     {"area", measurement.area},
                     {"valueUnits", measurement.valueUnits}};
}

ReaderMeasurement measurementFromJson(const QJsonObject& json, const QString& origin, int index) {
  ReaderMeasurement measurement;
  measurement.id = json.value("id").toString();
  measurement.imageKey = json.value("imageKey").toString();
  const QString kind = json.value("kind").toString();
  bool kindKnown = false;
  for (MeasurementKind candidate : kMeasurementKinds) {
    if (kind == measurementKindKey(candidate)) {
      measurement.kind = candidate;
      kindKnown = true;
    }
  }
  const QJsonArray rect = json.value("rect").toArray();
  const auto badMeasurement = [&](const QString& what) {
    return ReportError(QCoreApplication::translate("anatomix::report::ReportDraft", "%1: measurement %2 %3")
                           .arg(origin)
                           .arg(index)
                           .arg(what));
  };
  if (!kindKnown) {
    throw badMeasurement(
        QCoreApplication::translate("anatomix::report::ReportDraft", "has an unknown kind \"%1\"").arg(kind));
  }
  if (rect.size() != 4) {
    throw badMeasurement(QCoreApplication::translate("anatomix::report::ReportDraft", "has no [x1, y1, x2, y2] rect"));
  }
  measurement.rectPx =
      QRectF(QPointF(rect[0].toDouble(), rect[1].toDouble()), QPointF(rect[2].toDouble(), rect[3].toDouble()));
  for (const QJsonValue& value : json.value("points").toArray()) {
    const QJsonArray point = value.toArray();
    if (point.size() != 2) {
      throw badMeasurement(
          QCoreApplication::translate("anatomix::report::ReportDraft", "has a point that is not [x, y]"));
    }
    measurement.pointsPx.append(QPointF(point[0].toDouble(), point[1].toDouble()));
  }
  const bool region = measurement.kind == MeasurementKind::Rectangle || measurement.kind == MeasurementKind::Ellipse;
  const int expectedPoints = measurement.kind == MeasurementKind::Angle ? 3 : region ? 0 : 2;
  if (measurement.pointsPx.size() != expectedPoints) {
    throw badMeasurement(QCoreApplication::translate("anatomix::report::ReportDraft", "has %1 points, not %2")
                             .arg(measurement.pointsPx.size())
                             .arg(expectedPoints));
  }
  measurement.text = json.value("text").toString();
  measurement.calibrated = json.value("calibrated").toBool();
  measurement.calibrationNote = json.value("calibrationNote").toString();
  measurement.value = json.value("value").toDouble();
  measurement.pixelCount = json.value("pixelCount").toInt();
  measurement.mean = json.value("mean").toDouble();
  measurement.standardDeviation = json.value("standardDeviation").toDouble();
  measurement.minimum = json.value("minimum").toDouble();
  measurement.maximum = json.value("maximum").toDouble();
  measurement.area = json.value("area").toDouble();
  measurement.valueUnits = json.value("valueUnits").toString();
  return measurement;
}

}  // namespace

bool ReportDraft::operator==(const ReportDraft& other) const {
  if (study != other.study || findingsText != other.findingsText || impressionText != other.impressionText ||
      findings.size() != other.findings.size() || measurements != other.measurements) {
    return false;
  }
  for (int i = 0; i < findings.size(); ++i) {
    const AiFinding& a = findings[i];
    const AiFinding& b = other.findings[i];
    if (a.id != b.id || a.source != b.source || a.label != b.label || a.editedLabel != b.editedLabel ||
        a.regions != b.regions || a.confidence != b.confidence || a.decision != b.decision) {
      return false;
    }
  }
  return true;
}

QString decisionKey(FindingDecision decision) {
  for (const DecisionName& name : kDecisionNames) {
    if (name.decision == decision) return QString::fromLatin1(name.key);
  }
  return {};
}

QString sourceKey(FindingSource source) {
  for (const SourceName& name : kSourceNames) {
    if (name.source == source) return QString::fromLatin1(name.key);
  }
  return {};
}

QString decisionDisplayName(FindingDecision decision) {
  switch (decision) {
    case FindingDecision::Proposed:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Not reviewed");
    case FindingDecision::Accepted:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Accepted");
    case FindingDecision::Edited:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Edited");
    case FindingDecision::Rejected:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Rejected");
  }
  return {};
}

QString sourceDisplayName(FindingSource source) {
  switch (source) {
    case FindingSource::AnatomyGrounding:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Anatomy");
    case FindingSource::PhraseGrounding:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Phrase grounding");
    case FindingSource::AbnormalityDetection:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Abnormality detection");
    case FindingSource::Classification:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Classification");
    case FindingSource::RegionAnswer:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Region answer");
    case FindingSource::LateralityCheck:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Laterality check");
    case FindingSource::CardiothoracicRatio:
      return QCoreApplication::translate("anatomix::report::ReportDraft", "Cardiothoracic ratio");
  }
  return {};
}

QJsonObject draftToJson(const ReportDraft& draft) {
  QJsonArray findings;
  for (const AiFinding& finding : draft.findings) findings.append(findingToJson(finding));
  QJsonArray measurements;
  for (const ReaderMeasurement& measurement : draft.measurements) measurements.append(measurementToJson(measurement));
  return QJsonObject{
      {"format", "anatomix-report-draft"},      {"version", kDraftFormatVersion},
      {"study", studyToJson(draft.study)},      {"findingsText", draft.findingsText},
      {"impressionText", draft.impressionText}, {"findings", findings},
      {"measurements", measurements},           {"modifiedUtc", draft.modifiedUtc.toUTC().toString(Qt::ISODateWithMs)}};
}

ReportDraft draftFromJson(const QJsonObject& json, const QString& origin) {
  if (json.value("format").toString() != QLatin1String("anatomix-report-draft")) {
    throw ReportError(QCoreApplication::translate("anatomix::report::ReportDraft",
                                                  "%1 is not a report draft (no \"format\": \"anatomix-report-draft\")")
                          .arg(origin));
  }
  const int version = json.value("version").toInt(-1);
  if (version != kDraftFormatVersion) {
    throw ReportError(QCoreApplication::translate("anatomix::report::ReportDraft",
                                                  "%1: draft format version %2 is not supported (expected %3)")
                          .arg(origin)
                          .arg(version)
                          .arg(kDraftFormatVersion));
  }
  if (!json.value("study").isObject() || !json.value("findings").isArray()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::ReportDraft",
                                                  "%1: the draft has no \"study\" object or no \"findings\" list")
                          .arg(origin));
  }
  ReportDraft draft;
  draft.study = studyFromJson(json.value("study").toObject());
  draft.findingsText = json.value("findingsText").toString();
  draft.impressionText = json.value("impressionText").toString();
  const QJsonArray findings = json.value("findings").toArray();
  for (int i = 0; i < findings.size(); ++i) {
    draft.findings.append(findingFromJson(findings[i].toObject(), origin, i));
  }
  // Optional: drafts saved before measurements were kept have none.
  const QJsonArray measurements = json.value("measurements").toArray();
  for (int i = 0; i < measurements.size(); ++i) {
    draft.measurements.append(measurementFromJson(measurements[i].toObject(), origin, i));
  }
  draft.modifiedUtc = QDateTime::fromString(json.value("modifiedUtc").toString(), Qt::ISODateWithMs);
  return draft;
}

}  // namespace anatomix::report
