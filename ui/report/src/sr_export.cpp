#include "anatomix/report/sr_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/codes/dcm.h>
#include <dcmtk/dcmsr/codes/ucum.h>
#include <dcmtk/dcmsr/codes/umls.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <cmath>

#include "anatomix/report/deidentifier.h"
#include "anatomix/report/report_error.h"
#include "derived_object.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

// Codes of the radiologist's decision: no standard concept exists, so a local coding scheme
// (PS3.16 8.2: designators starting "99"), declared in the Coding Scheme Identification Sequence.
DSRCodedEntryValue decisionConcept() {
  return DSRCodedEntryValue("DECISION", kDecisionCodingScheme, "Radiologist decision");
}
DSRCodedEntryValue aiWordingConcept() {
  return DSRCodedEntryValue("AIWORDING", kDecisionCodingScheme, "AI-proposed wording");
}

DSRCodedEntryValue decisionCode(FindingDecision decision) {
  switch (decision) {
    case FindingDecision::Accepted:
      return DSRCodedEntryValue("ACCEPTED", kDecisionCodingScheme, "Accepted by radiologist");
    case FindingDecision::Edited:
      return DSRCodedEntryValue("EDITED", kDecisionCodingScheme, "Edited by radiologist");
    case FindingDecision::Rejected:
      return DSRCodedEntryValue("REJECTED", kDecisionCodingScheme, "Rejected by radiologist");
    case FindingDecision::Proposed:
      break;
  }
  return DSRCodedEntryValue("NOTREVIEWED", kDecisionCodingScheme, "Not reviewed by radiologist");
}

// Builds the document tree with a cursor; every step checks DCMTK's answer so a refused value
// becomes an error naming the item instead of a silently incomplete SR.
class TreeBuilder {
 public:
  TreeBuilder(DSRDocumentTree& tree, QString path) : m_tree(tree), m_path(std::move(path)) {}

  // Adds an item after the cursor (same level) or below it, and moves the cursor onto it.
  DSRContentItem& add(DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type,
                      const DSRCodedEntryValue& concept, bool below) {
    const OFCondition status =
        below ? m_tree.addChildContentItem(relation, type, concept) : m_tree.addContentItem(relation, type, concept);
    check(status, concept);
    return m_tree.getCurrentContentItem();
  }
  // An item without concept name (IMAGE in the image library, SELECTED FROM).
  DSRContentItem& addUnnamed(DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type, bool below) {
    if (m_tree.addContentItem(relation, type, below ? DSRTypes::AM_belowCurrent : DSRTypes::AM_afterCurrent) == 0) {
      throw ReportError(
          QCoreApplication::translate("anatomix::report::SrExport",
                                      "Cannot write the DICOM SR %1: DCMTK refused a content item of type %2")
              .arg(m_path, QString::fromLatin1(DSRTypes::valueTypeToDefinedTerm(type))));
    }
    return m_tree.getCurrentContentItem();
  }
  void text(DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept, const QString& value,
            bool below) {
    check(add(relation, DSRTypes::VT_Text, concept, below).setStringValue(ofString(value)), concept);
  }
  void code(DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept, const DSRCodedEntryValue& value,
            bool below) {
    check(add(relation, DSRTypes::VT_Code, concept, below).setCodeValue(value), concept);
  }
  void uid(DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept, const OFString& value,
           bool below) {
    check(add(relation, DSRTypes::VT_UIDRef, concept, below).setStringValue(value), concept);
  }
  void image(DSRTypes::E_RelationshipType relation, const OFString& sopClass, const OFString& sopInstance, bool below) {
    const OFCondition status = addUnnamed(relation, DSRTypes::VT_Image, below)
                                   .setImageReference(DSRImageReferenceValue(sopClass, sopInstance));
    check(status, DSRCodedEntryValue("IMAGE", "99ANATOMIX", "source image reference"));
  }
  void number(DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept, double value,
              const DSRCodedEntryValue& unit, bool below) {
    // DS holds at most 16 characters; the binary value keeps full precision beside it.
    DSRNumericMeasurementValue measured(ofString(QString::number(value, 'g', 9)), unit);
    check(measured.setFloatingPointRepresentation(value), concept);
    check(add(relation, DSRTypes::VT_Num, concept, below).setNumericValue(measured), concept);
  }
  void scoord(const DSRCodedEntryValue& concept, DSRTypes::E_GraphicType type, const QVector<QPointF>& points,
              const SourceImage& source, bool below) {
    DSRSpatialCoordinatesValue coordinates(type);
    for (const QPointF& point : points) {
      coordinates.getGraphicDataList().addItem(static_cast<Float32>(point.x()), static_cast<Float32>(point.y()));
    }
    check(add(DSRTypes::RT_contains, DSRTypes::VT_SCoord, concept, below).setSpatialCoordinates(coordinates), concept);
    image(DSRTypes::RT_selectedFrom, source.sopClassUid, source.sopInstanceUid, true);
    up();
  }
  void up() { m_tree.goUp(); }

  void check(const OFCondition& status, const DSRCodedEntryValue& concept) const {
    if (status.bad()) {
      throw ReportError(QCoreApplication::translate("anatomix::report::SrExport",
                                                    "Cannot write the DICOM SR %1: DCMTK refused \"%2\": %3")
                            .arg(m_path, qString(concept.getCodeMeaning()), QString::fromUtf8(status.text())));
    }
  }

 private:
  DSRDocumentTree& m_tree;
  QString m_path;
};

// The UCUM unit of the image's modality values by their Rescale Type (PS3.3 C.11.1.1.2).
DSRCodedEntryValue valueUnit(const QString& rescaleType) {
  if (rescaleType == QLatin1String("HU")) return DSRCodedEntryValue("[hnsf'U]", "UCUM", "Hounsfield unit");
  if (rescaleType.isEmpty() || rescaleType == QLatin1String("US")) return DSRCodedEntryValue("1", "UCUM", "no units");
  return DSRCodedEntryValue(ofString(QLatin1Char('{') + rescaleType + QLatin1Char('}')), "UCUM", ofString(rescaleType));
}

// Concepts of the reader's measurements (PS3.16 CID 7469, 7464; DCM for the angle).
const DSRCodedEntryValue kLengthConcept("410668003", "SCT", "Length");
const DSRCodedEntryValue kAreaConcept("42798000", "SCT", "Area");
const DSRCodedEntryValue kMeanConcept("373098007", "SCT", "Mean");
const DSRCodedEntryValue kStandardDeviationConcept("386136009", "SCT", "Standard Deviation");
const DSRCodedEntryValue kMinimumConcept("255605001", "SCT", "Minimum");
const DSRCodedEntryValue kMaximumConcept("56851009", "SCT", "Maximum");

// One TID 1410 planar-ROI group per reader measurement: its image region, then its values
// (TID 1419) with UCUM units, and the calibration caveat as a comment.
void addReaderMeasurementGroup(TreeBuilder& builder, bool firstGroup, const ReaderMeasurement& measurement,
                               const SourceImage& source) {
  builder.add(DSRTypes::RT_contains, DSRTypes::VT_Container, CODE_DCM_MeasurementGroup, firstGroup);
  builder.text(DSRTypes::RT_hasObsContext, CODE_DCM_TrackingIdentifier,
               measurement.id.isEmpty() ? measurementKindKey(measurement.kind) : measurement.id, true);
  builder.uid(DSRTypes::RT_hasObsContext, CODE_DCM_TrackingUniqueIdentifier, newUid(), false);
  if (measurement.kind == MeasurementKind::Arrow && !measurement.text.trimmed().isEmpty()) {
    builder.text(DSRTypes::RT_contains, CODE_DCM_Finding, measurement.text.trimmed(), false);
  }
  const DSRCodedEntryValue lengthUnit =
      measurement.calibrated ? DSRCodedEntryValue(CODE_UCUM_Millimeter) : DSRCodedEntryValue(CODE_UCUM_Pixels);
  switch (measurement.kind) {
    case MeasurementKind::Distance:
      builder.scoord(CODE_DCM_ImageRegion, DSRTypes::GT_Polyline, measurement.pointsPx, source, false);
      builder.number(DSRTypes::RT_contains, kLengthConcept, measurement.value, lengthUnit, false);
      break;
    case MeasurementKind::Angle:
      builder.scoord(CODE_DCM_ImageRegion, DSRTypes::GT_Polyline, measurement.pointsPx, source, false);
      builder.number(DSRTypes::RT_contains, CODE_DCM_Angle, measurement.value, CODE_UCUM_Degrees, false);
      break;
    case MeasurementKind::Rectangle:
    case MeasurementKind::Ellipse: {
      const bool ellipse = measurement.kind == MeasurementKind::Ellipse;
      builder.scoord(CODE_DCM_ImageRegion, ellipse ? DSRTypes::GT_Ellipse : DSRTypes::GT_Polyline,
                     ellipse ? ellipseAxes(measurement.rectPx) : closedRectangle(measurement.rectPx), source, false);
      if (measurement.pixelCount > 0) {
        const DSRCodedEntryValue unit = valueUnit(measurement.valueUnits);
        builder.number(DSRTypes::RT_contains, kMeanConcept, measurement.mean, unit, false);
        builder.number(DSRTypes::RT_contains, kStandardDeviationConcept, measurement.standardDeviation, unit, false);
        builder.number(DSRTypes::RT_contains, kMinimumConcept, measurement.minimum, unit, false);
        builder.number(DSRTypes::RT_contains, kMaximumConcept, measurement.maximum, unit, false);
      }
      builder.number(
          DSRTypes::RT_contains, kAreaConcept, measurement.area,
          measurement.calibrated ? DSRCodedEntryValue("mm2", "UCUM", "mm2") : DSRCodedEntryValue(CODE_UCUM_Pixels),
          false);
      break;
    }
    case MeasurementKind::Arrow:
      builder.scoord(CODE_DCM_ImageRegion, DSRTypes::GT_Polyline, measurement.pointsPx, source, false);
      break;
  }
  const QString caveat = measurementCalibrationText(measurement);
  if (!caveat.isEmpty()) builder.text(DSRTypes::RT_contains, CODE_DCM_Comment, caveat, false);
  builder.up();
}

void addObserverContext(TreeBuilder& builder, const AlgorithmIdentity& algorithm) {
  // TID 1002 Observer Context with TID 1004 Device Observer Identifying Attributes.
  builder.code(DSRTypes::RT_hasObsContext, CODE_DCM_ObserverType, CODE_DCM_Device, false);
  builder.uid(DSRTypes::RT_hasObsContext, CODE_DCM_DeviceObserverUID,
              algorithm.deviceObserverUid.isEmpty() ? newUid() : ofString(algorithm.deviceObserverUid), false);
  // The device is the program with the model bundle it ran: its name in the observer's name, the bundle (name,
  // version, description) as the observer's model.
  const QString program = algorithm.name + QLatin1Char(' ') + algorithm.version;
  builder.text(DSRTypes::RT_hasObsContext, CODE_DCM_DeviceObserverName,
               (algorithm.modelName.isEmpty() ? program : program + QStringLiteral(" with ") + algorithm.modelNameAndVersion()) +
                   QStringLiteral(" (AI-generated)"),
               false);
  builder.text(DSRTypes::RT_hasObsContext, CODE_DCM_DeviceObserverManufacturer, algorithm.manufacturer, false);
  builder.text(DSRTypes::RT_hasObsContext, CODE_DCM_DeviceObserverModelName,
               algorithm.modelName.isEmpty() ? program : algorithm.modelText(), false);
}

// One TID 1410 planar-ROI group per (finding, region); a TID 1501 group for a finding without region.
void addMeasurementGroup(TreeBuilder& builder, bool firstGroup, const AiFinding& finding, int regionIndex,
                         const SourceImage& source, const AlgorithmIdentity& algorithm) {
  builder.add(DSRTypes::RT_contains, DSRTypes::VT_Container, CODE_DCM_MeasurementGroup, firstGroup);
  const QString trackingId =
      finding.regions.size() > 1 ? QStringLiteral("%1 region %2").arg(finding.id).arg(regionIndex + 1) : finding.id;
  builder.text(DSRTypes::RT_hasObsContext, CODE_DCM_TrackingIdentifier,
               trackingId.isEmpty() ? QStringLiteral("finding") : trackingId, true);
  builder.uid(DSRTypes::RT_hasObsContext, CODE_DCM_TrackingUniqueIdentifier, newUid(), false);
  // TID 4019 Algorithm Identification: the finding is AI-generated.
  builder.text(DSRTypes::RT_hasConceptMod, CODE_DCM_AlgorithmName, algorithm.name, false);
  builder.text(DSRTypes::RT_hasConceptMod, CODE_DCM_AlgorithmVersion, algorithm.version, false);
  const QString wording = finding.shownLabel().trimmed();
  builder.text(DSRTypes::RT_contains, CODE_DCM_Finding, wording.isEmpty() ? QStringLiteral("(no text)") : wording,
               false);
  if (regionIndex >= 0) {
    builder.scoord(CODE_DCM_ImageRegion, DSRTypes::GT_Polyline, closedRectangle(finding.regions[regionIndex]), source,
                   false);
  }
  builder.code(DSRTypes::RT_contains, decisionConcept(), decisionCode(finding.decision), false);
  if (finding.decision == FindingDecision::Edited && !finding.label.trimmed().isEmpty()) {
    builder.text(DSRTypes::RT_contains, aiWordingConcept(), finding.label.trimmed(), false);
  }
  builder.up();
}

}  // namespace

void writeStructuredReport(const QString& path, const ReportDraft& draft, const ExportOptions& options) {
  DcmFileFormat sourceFile;
  const SourceImage source = readSourceImage(path, draft.study, sourceFile);
  checkRegions(path, draft, source);
  // The SR references one image: the measurements made on it.
  const QVector<ReaderMeasurement> measurements = measurementsOfImage(draft.measurements, imageKey(draft.study));
  checkMeasurements(path, measurements);

  DSRDocument document(DSRTypes::DT_ComprehensiveSR);
  const auto checkHeader = [&path](const OFCondition& status, const char* what) {
    if (status.bad()) {
      throw ReportError(
          QCoreApplication::translate("anatomix::report::SrExport", "Cannot write the DICOM SR %1: %2: %3")
              .arg(path, QString::fromLatin1(what), QString::fromUtf8(status.text())));
    }
  };
  // Patient and study modules copied from the source image; a new series and instance in its study.
  checkHeader(document.readStudyData(*sourceFile.getDataset()), "copying the patient and study modules");
  document.createNewSeries();
  checkHeader(document.setSpecificCharacterSetType(DSRTypes::CS_UTF8), "character set");
  checkHeader(document.setManufacturer(ofString(options.algorithm.manufacturer)), "manufacturer");
  checkHeader(document.setManufacturerModelName(ofString(options.algorithm.name)), "model name");
  checkHeader(document.setSoftwareVersions(ofString(options.algorithm.version)), "software versions");
  checkHeader(document.setSeriesDescription("AI results (AnatomiX), draft"), "series description");
  checkHeader(document.setSeriesNumber("9001"), "series number");
  checkHeader(document.setInstanceNumber("1"), "instance number");
  const QDateTime created = options.createdUtc.toUTC();
  checkHeader(document.setContentDate(ofString(created.toString(QStringLiteral("yyyyMMdd")))), "content date");
  checkHeader(document.setContentTime(ofString(created.toString(QStringLiteral("HHmmss")))), "content time");
  checkHeader(document.setPreliminaryFlag(DSRTypes::PF_Preliminary), "preliminary flag");
  checkHeader(document.getCurrentRequestedProcedureEvidence().addItem(source.studyUid, source.seriesUid,
                                                                      source.sopClassUid, source.sopInstanceUid),
              "evidence of the source image");
  DSRCodingSchemeIdentificationList& schemes = document.getCodingSchemeIdentification();
  checkHeader(schemes.addItem(kDecisionCodingScheme), "coding scheme");
  checkHeader(schemes.setCodingSchemeName("AnatomiX Workstation local codes"), "coding scheme name");
  checkHeader(schemes.setCodingSchemeResponsibleOrganization("AnatomiX Workstation"), "coding scheme organization");

  TreeBuilder builder(document.getTree(), path);
  DSRContentItem& root = builder.addUnnamed(DSRTypes::RT_isRoot, DSRTypes::VT_Container, false);
  builder.check(root.setConceptName(CODE_DCM_ImagingMeasurementReport), CODE_DCM_ImagingMeasurementReport);
  builder.check(root.setTemplateIdentification("1500", "DCMR"), CODE_DCM_ImagingMeasurementReport);
  builder.code(DSRTypes::RT_hasConceptMod, CODE_DCM_LanguageOfContentItemAndDescendants,
               DSRCodedEntryValue("en-US", "RFC5646", "English (United States)"), true);
  addObserverContext(builder, options.algorithm);
  builder.code(DSRTypes::RT_hasConceptMod, CODE_DCM_ProcedureReported,
               DSRCodedEntryValue("399208008", "SCT", "Plain chest X-ray"), false);

  builder.add(DSRTypes::RT_contains, DSRTypes::VT_Container, CODE_DCM_ImageLibrary, false);
  builder.add(DSRTypes::RT_contains, DSRTypes::VT_Container, CODE_DCM_ImageLibraryGroup, true);
  builder.image(DSRTypes::RT_contains, source.sopClassUid, source.sopInstanceUid, true);
  builder.up();
  builder.up();

  if (!draft.findings.isEmpty() || !measurements.isEmpty()) {
    builder.add(DSRTypes::RT_contains, DSRTypes::VT_Container, CODE_DCM_ImagingMeasurements, false);
    bool firstGroup = true;
    for (const AiFinding& finding : draft.findings) {
      if (finding.regions.isEmpty()) {
        addMeasurementGroup(builder, firstGroup, finding, -1, source, options.algorithm);
        firstGroup = false;
      }
      for (int i = 0; i < finding.regions.size(); ++i) {
        addMeasurementGroup(builder, firstGroup, finding, i, source, options.algorithm);
        firstGroup = false;
      }
    }
    for (const ReaderMeasurement& measurement : measurements) {
      addReaderMeasurementGroup(builder, firstGroup, measurement, source);
      firstGroup = false;
    }
    builder.up();
  }

  // The report text as TID 1500's "Qualitative Evaluations" of the whole study.
  const QString findingsText = draft.findingsText.trimmed();
  const QString impressionText = draft.impressionText.trimmed();
  if (!findingsText.isEmpty() || !impressionText.isEmpty()) {
    builder.add(DSRTypes::RT_contains, DSRTypes::VT_Container, CODE_UMLS_QualitativeEvaluations, false);
    bool first = true;
    if (!findingsText.isEmpty()) {
      builder.text(DSRTypes::RT_contains, CODE_DCM_Finding, findingsText, true);
      first = false;
    }
    if (!impressionText.isEmpty()) {
      builder.text(DSRTypes::RT_contains, DSRCodedEntryValue("121073", "DCM", "Impression"), impressionText, first);
    }
    builder.up();
  }

  DcmFileFormat output;
  DcmDataset& dataset = *output.getDataset();
  checkHeader(document.write(dataset), "encoding the document");
  if (options.removePatientIdentifiers) {
    Deidentifier deidentifier;
    deidentifier.apply(dataset);
  }
  const qint64 size = saveDicomFile(output, path);
  reportLogger()->info("writeStructuredReport: {} ({} findings, {} measurements, {} bytes{})", path.toStdString(),
                       draft.findings.size(), measurements.size(), size,
                       options.removePatientIdentifiers ? ", de-identified" : "");
}

}  // namespace anatomix::report
