#include "anatomix/report/presentation_state_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QCoreApplication>
#include <QPoint>
#include <algorithm>
#include <cmath>
#include <iterator>

#include "anatomix/report/deidentifier.h"
#include "anatomix/report/report_error.h"
#include "derived_object.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

// One graphic or text item of the annotation, checked as it is added.
class AnnotationWriter {
 public:
  AnnotationWriter(DcmItem& dataset, QString path, const SourceImage& source)
      : m_dataset(dataset), m_path(std::move(path)), m_source(source) {}

  // A new Graphic Annotation Sequence item on `layer`, referencing the source image.
  DcmItem& annotation(const char* layer) {
    DcmItem* item = nullptr;
    check(m_dataset.findOrCreateSequenceItem(DCM_GraphicAnnotationSequence, item, -2), "graphic annotation");
    DcmItem* reference = nullptr;
    check(item->findOrCreateSequenceItem(DCM_ReferencedImageSequence, reference, -2), "referenced image");
    check(reference->putAndInsertOFStringArray(DCM_ReferencedSOPClassUID, m_source.sopClassUid), "referenced image");
    check(reference->putAndInsertOFStringArray(DCM_ReferencedSOPInstanceUID, m_source.sopInstanceUid),
          "referenced image");
    check(item->putAndInsertString(DCM_GraphicLayer, layer), "graphic layer");
    return *item;
  }

  // POLYLINE or ELLIPSE in PIXEL units (PS3.3 C.10.5.1.2); closed shapes are not filled.
  void graphic(DcmItem& annotation, const char* type, const QVector<QPointF>& points) {
    DcmItem* item = nullptr;
    check(annotation.findOrCreateSequenceItem(DCM_GraphicObjectSequence, item, -2), "graphic object");
    check(item->putAndInsertString(DCM_GraphicAnnotationUnits, "PIXEL"), "graphic units");
    check(item->putAndInsertUint16(DCM_GraphicDimensions, 2), "graphic dimensions");
    check(item->putAndInsertUint16(DCM_NumberOfGraphicPoints, static_cast<Uint16>(points.size())), "graphic points");
    std::vector<Float32> data;
    for (const QPointF& point : points) {
      data.push_back(static_cast<Float32>(point.x()));
      data.push_back(static_cast<Float32>(point.y()));
    }
    check(item->putAndInsertFloat32Array(DCM_GraphicData, data.data(), static_cast<unsigned long>(data.size())),
          "graphic data");
    check(item->putAndInsertString(DCM_GraphicType, type), "graphic type");
    const bool closed = qstrcmp(type, "ELLIPSE") == 0 || (points.size() > 2 && points.first() == points.last());
    if (closed) check(item->putAndInsertString(DCM_GraphicFilled, "N"), "graphic filled");
  }

  // A label in a bounding box along the top edge of `anchor`, inside the image (PIXEL units).
  void text(DcmItem& annotation, const QString& value, const QRectF& anchor) {
    if (value.trimmed().isEmpty()) return;
    const QRectF box = anchor.normalized();
    const double left = std::clamp(box.left(), 0.0, m_source.columns - 1.0);
    const double top = std::clamp(box.top(), 0.0, m_source.rows - 1.0);
    const double right = std::clamp(std::max(box.right(), left + 1.0), left + 1.0, double(m_source.columns));
    const double bottom =
        std::clamp(top + std::max(1.0, std::min(box.height(), 24.0)), top + 1.0, double(m_source.rows));
    DcmItem* item = nullptr;
    check(annotation.findOrCreateSequenceItem(DCM_TextObjectSequence, item, -2), "text object");
    check(item->putAndInsertString(DCM_BoundingBoxAnnotationUnits, "PIXEL"), "text units");
    check(item->putAndInsertOFStringArray(DCM_UnformattedTextValue, ofString(value.trimmed())), "text value");
    const Float32 topLeft[2] = {static_cast<Float32>(left), static_cast<Float32>(top)};
    const Float32 bottomRight[2] = {static_cast<Float32>(right), static_cast<Float32>(bottom)};
    check(item->putAndInsertFloat32Array(DCM_BoundingBoxTopLeftHandCorner, topLeft, 2), "text box");
    check(item->putAndInsertFloat32Array(DCM_BoundingBoxBottomRightHandCorner, bottomRight, 2), "text box");
    check(item->putAndInsertString(DCM_BoundingBoxTextHorizontalJustification, "LEFT"), "text justification");
  }

  void check(const OFCondition& status, const char* what) const { checkDicom(status, m_path, what); }

 private:
  DcmItem& m_dataset;
  QString m_path;
  const SourceImage& m_source;
};

// QRectF's union skips empty rectangles, so the bounds of points are taken by hand.
QRectF boundsOf(const QVector<QPointF>& points) {
  QPointF low = points.value(0), high = points.value(0);
  for (const QPointF& point : points) {
    low = QPointF(std::min(low.x(), point.x()), std::min(low.y(), point.y()));
    high = QPointF(std::max(high.x(), point.x()), std::max(high.y(), point.y()));
  }
  return QRectF(low, high);
}

void addMeasurement(AnnotationWriter& writer, const ReaderMeasurement& measurement) {
  DcmItem& annotation = writer.annotation(kReaderGraphicLayer);
  switch (measurement.kind) {
    case MeasurementKind::Rectangle:
      writer.graphic(annotation, "POLYLINE", closedRectangle(measurement.rectPx));
      writer.text(annotation, measurementValueText(measurement), measurement.rectPx);
      return;
    case MeasurementKind::Ellipse:
      writer.graphic(annotation, "ELLIPSE", ellipseAxes(measurement.rectPx));
      writer.text(annotation, measurementValueText(measurement), measurement.rectPx);
      return;
    case MeasurementKind::Distance:
    case MeasurementKind::Angle:
    case MeasurementKind::Arrow:
      writer.graphic(annotation, "POLYLINE", measurement.pointsPx);
      writer.text(annotation, measurementValueText(measurement), boundsOf(measurement.pointsPx));
      return;
  }
}

void addSourceReference(DcmItem& dataset, const SourceImage& source, const QString& path) {
  DcmItem* series = nullptr;
  checkDicom(dataset.findOrCreateSequenceItem(DCM_ReferencedSeriesSequence, series, 0), path, "referenced series");
  checkDicom(series->putAndInsertOFStringArray(DCM_SeriesInstanceUID, source.seriesUid), path, "referenced series");
  DcmItem* image = nullptr;
  checkDicom(series->findOrCreateSequenceItem(DCM_ReferencedImageSequence, image, 0), path, "referenced image");
  checkDicom(image->putAndInsertOFStringArray(DCM_ReferencedSOPClassUID, source.sopClassUid), path, "referenced image");
  checkDicom(image->putAndInsertOFStringArray(DCM_ReferencedSOPInstanceUID, source.sopInstanceUid), path,
             "referenced image");
}

// DICOM's orientation (PS3.3 C.10.6): the clockwise rotation, then the horizontal flip "after any
// rotation has been applied", the viewer's order too.
struct DicomOrientation {
  int rotationDegrees = 0;
  bool flip = false;
};
DicomOrientation dicomOrientation(const ViewerPresentation& view) {
  return {(((view.quarterTurnsClockwise % 4) + 4) % 4) * 90, view.mirrored};
}

void addSpatialTransformation(DcmItem& dataset, const DicomOrientation& orientation, const QString& path) {
  if (orientation.rotationDegrees == 0 && !orientation.flip) return;
  checkDicom(dataset.putAndInsertUint16(DCM_ImageRotation, static_cast<Uint16>(orientation.rotationDegrees)), path,
             "image rotation");
  checkDicom(dataset.putAndInsertString(DCM_ImageHorizontalFlip, orientation.flip ? "Y" : "N"), path,
             "horizontal flip");
}

// The whole image. The corners are the image pixels (1-based column\row) that the spatial
// transformation puts at the top left and the bottom right of the display (PS3.3 C.10.4).
void addDisplayedArea(DcmItem& dataset, const SourceImage& source, const DicomOrientation& orientation,
                      const QString& path) {
  QByteArray topLeft, bottomRight;
  for (const QPoint corner : {QPoint(0, 0), QPoint(1, 0), QPoint(0, 1), QPoint(1, 1)}) {
    QPoint shown = corner;
    for (int turn = 0; turn < orientation.rotationDegrees / 90; ++turn) shown = QPoint(1 - shown.y(), shown.x());
    if (orientation.flip) shown.setX(1 - shown.x());
    const QByteArray pixel =
        QByteArray::number(corner.x() ? source.columns : 1) + '\\' + QByteArray::number(corner.y() ? source.rows : 1);
    if (shown == QPoint(0, 0)) topLeft = pixel;
    if (shown == QPoint(1, 1)) bottomRight = pixel;
  }
  DcmItem* area = nullptr;
  checkDicom(dataset.findOrCreateSequenceItem(DCM_DisplayedAreaSelectionSequence, area, 0), path, "displayed area");
  checkDicom(area->putAndInsertString(DCM_DisplayedAreaTopLeftHandCorner, topLeft.constData()), path, "displayed area");
  checkDicom(area->putAndInsertString(DCM_DisplayedAreaBottomRightHandCorner, bottomRight.constData()), path,
             "displayed area");
  checkDicom(area->putAndInsertString(DCM_PresentationSizeMode, "SCALE TO FIT"), path, "presentation size mode");
  checkDicom(area->putAndInsertString(DCM_PresentationPixelAspectRatio, "1\\1"), path, "pixel aspect ratio");
}

// The viewer's window is in modality units: the source's rescale comes along (PS3.3 C.11.1).
void addModalityAndVoi(DcmItem& dataset, DcmItem& sourceDataset, const ViewerPresentation& view, const QString& path) {
  OFString intercept, slope, type;
  if (sourceDataset.findAndGetOFString(DCM_RescaleIntercept, intercept).good() &&
      sourceDataset.findAndGetOFString(DCM_RescaleSlope, slope).good()) {
    if (sourceDataset.findAndGetOFString(DCM_RescaleType, type).bad() || type.empty()) type = "US";
    checkDicom(dataset.putAndInsertOFStringArray(DCM_RescaleIntercept, intercept), path, "rescale intercept");
    checkDicom(dataset.putAndInsertOFStringArray(DCM_RescaleSlope, slope), path, "rescale slope");
    checkDicom(dataset.putAndInsertOFStringArray(DCM_RescaleType, type), path, "rescale type");
  }
  if (view.hasWindow) {
    DcmItem* voi = nullptr;
    checkDicom(dataset.findOrCreateSequenceItem(DCM_SoftcopyVOILUTSequence, voi, 0), path, "softcopy VOI LUT");
    checkDicom(voi->putAndInsertOFStringArray(DCM_WindowCenter, ofString(QString::number(view.windowCenter, 'g', 10))),
               path, "window center");
    checkDicom(voi->putAndInsertOFStringArray(DCM_WindowWidth,
                                              ofString(QString::number(std::max(1.0, view.windowWidth), 'g', 10))),
               path, "window width");
    checkDicom(voi->putAndInsertString(DCM_WindowCenterWidthExplanation, "AnatomiX viewer"), path,
               "window explanation");
  }
  // The presentation pipeline does not invert MONOCHROME1 by itself (PS3.4 N.2.1.1): INVERSE says so.
  checkDicom(dataset.putAndInsertString(DCM_PresentationLUTShape, view.inverted ? "INVERSE" : "IDENTITY"), path,
             "presentation LUT shape");
}

void addGraphicLayers(DcmItem& dataset, const QString& path) {
  // Lower orders are rendered first (PS3.3 C.10.7.1.1): the anatomy at the bottom, the reader's on top.
  const struct {
    const char* name;
    const char* description;
    Uint16 grey;
  } layers[] = {{kAnatomyGraphicLayer, "Anatomy (AnatomiX)", 0x8000},
                {kAiGraphicLayer, "AI findings (AnatomiX)", 0xFFFF},
                {kQuestionGraphicLayer, "Reader's question regions", 0xE000},
                {kReaderGraphicLayer, "Reader's measurements", 0xC000}};
  for (int i = 0; i < int(std::size(layers)); ++i) {
    DcmItem* item = nullptr;
    checkDicom(dataset.findOrCreateSequenceItem(DCM_GraphicLayerSequence, item, -2), path, "graphic layer");
    checkDicom(item->putAndInsertString(DCM_GraphicLayer, layers[i].name), path, "graphic layer");
    checkDicom(item->putAndInsertString(DCM_GraphicLayerOrder, QByteArray::number(i + 1).constData()), path,
               "graphic layer order");
    checkDicom(item->putAndInsertUint16(DCM_GraphicLayerRecommendedDisplayGrayscaleValue, layers[i].grey), path,
               "graphic layer grey value");
    checkDicom(item->putAndInsertString(DCM_GraphicLayerDescription, layers[i].description), path,
               "graphic layer description");
  }
}

bool isFinite(const QRectF& box) {
  return std::isfinite(box.left()) && std::isfinite(box.top()) && std::isfinite(box.right()) &&
         std::isfinite(box.bottom());
}

// `box` cut to the image; empty when it lies outside.
QRectF boxInImage(const QRectF& box, const SourceImage& source) {
  return box.normalized().intersected(QRectF(0, 0, source.columns, source.rows));
}

}  // namespace

QString questionRegionText(const QuestionRegion& region) {
  constexpr int kTextObjectCharacters = 1024;  // ST (PS3.5 6.2)
  const QString question = region.question.simplified(), answer = region.answer.simplified();
  QString text = answer.isEmpty() ? question : question.isEmpty() ? answer : question + QStringLiteral(": ") + answer;
  if (text.size() > kTextObjectCharacters) text = text.left(kTextObjectCharacters - 1) + QChar(0x2026);
  return text;
}

void writePresentationState(const QString& path, const ReportDraft& draft, const ExportOptions& options) {
  DcmFileFormat sourceFile;
  const SourceImage source = readSourceImage(path, draft.study, sourceFile);
  checkRegions(path, draft, source);
  const QVector<ReaderMeasurement> measurements = measurementsOfImage(draft.measurements, imageKey(draft.study));
  checkMeasurements(path, measurements);
  DcmItem& sourceDataset = *sourceFile.getDataset();

  DcmFileFormat output;
  DcmDataset& dataset = *output.getDataset();
  const auto put = [&](const DcmTagKey& tag, const OFString& value, const char* what) {
    checkDicom(dataset.putAndInsertOFStringArray(tag, value), path, what);
  };
  const DicomDateTime created = dicomDateTime(options.createdUtc);
  // Presentation Series (C.11.9) is a General Series of modality PR
  putDerivedHeader(dataset, sourceDataset,
                   {UID_GrayscaleSoftcopyPresentationStateStorage, "PR", "9002", "Presentation state (AnatomiX)"},
                   created, path);
  // General Equipment (C.7.5.1)
  put(DCM_Manufacturer, ofString(options.algorithm.manufacturer), "manufacturer");
  put(DCM_ManufacturerModelName, ofString(options.algorithm.name), "model name");
  put(DCM_SoftwareVersions, ofString(options.algorithm.version), "software versions");
  // Presentation State Identification (C.11.10)
  put(DCM_InstanceNumber, "1", "instance number");
  put(DCM_ContentLabel, "ANATOMIX", "content label");
  put(DCM_ContentDescription, "Anatomy, AI findings, question regions, reader measurements", "content description");
  put(DCM_PresentationCreationDate, created.date, "presentation creation date");
  put(DCM_PresentationCreationTime, created.time, "presentation creation time");
  put(DCM_ContentCreatorName, ofString(options.presentation.contentCreator), "content creator");

  addSourceReference(dataset, source, path);
  const DicomOrientation orientation = dicomOrientation(options.presentation);
  addDisplayedArea(dataset, source, orientation, path);
  addSpatialTransformation(dataset, orientation, path);
  addModalityAndVoi(dataset, sourceDataset, options.presentation, path);
  addGraphicLayers(dataset, path);

  AnnotationWriter writer(dataset, path, source);
  int nAnnotations = 0;
  for (const AnatomyBox& anatomy : options.anatomies) {
    if (!isFinite(anatomy.rectPx)) {
      throw ReportError(QCoreApplication::translate("anatomix::report::PresentationState",
                                                    "Cannot write %1: anatomy \"%2\" has no valid coordinates")
                            .arg(path, anatomy.name));
    }
    const QRectF box = boxInImage(anatomy.rectPx, source);
    if (box.isEmpty()) continue;
    DcmItem& annotation = writer.annotation(kAnatomyGraphicLayer);
    writer.graphic(annotation, "POLYLINE", closedRectangle(box));
    writer.text(annotation, anatomy.name, box);
    ++nAnnotations;
  }
  for (const AiFinding& finding : draft.findings) {
    if (finding.decision == FindingDecision::Rejected) continue;
    for (const QRectF& region : finding.regions) {
      DcmItem& annotation = writer.annotation(kAiGraphicLayer);
      writer.graphic(annotation, "POLYLINE", closedRectangle(region));
      writer.text(annotation, finding.shownLabel(), region);
      ++nAnnotations;
    }
  }
  for (int i = 0; i < options.questionRegions.size(); ++i) {
    const QuestionRegion& region = options.questionRegions[i];
    if (!isFinite(region.rectPx)) {
      throw ReportError(QCoreApplication::translate("anatomix::report::PresentationState",
                                                    "Cannot write %1: question region %2 has no valid coordinates")
                            .arg(path)
                            .arg(i + 1));
    }
    const QRectF box = boxInImage(region.rectPx, source);
    if (box.isEmpty()) continue;
    DcmItem& annotation = writer.annotation(kQuestionGraphicLayer);
    writer.graphic(annotation, "POLYLINE", closedRectangle(box));
    writer.text(annotation, questionRegionText(region), box);
    ++nAnnotations;
  }
  for (const ReaderMeasurement& measurement : measurements) {
    addMeasurement(writer, measurement);
    ++nAnnotations;
  }

  if (options.removePatientIdentifiers) {
    Deidentifier deidentifier;
    deidentifier.apply(dataset);
  }
  const qint64 size = saveDicomFile(output, path);
  reportLogger()->info("writePresentationState: {} ({} annotations, {} bytes{})", path.toStdString(), nAnnotations,
                       size, options.removePatientIdentifiers ? ", de-identified" : "");
}

}  // namespace anatomix::report
