// What the room's DICOM objects derived from the source image share (the SR, the key-image
// Secondary Capture, the presentation state): reading the source image's header, copying its
// patient and study modules, new UIDs, and writing the file so that a failed export never leaves
// half a file. Private to the report room.
#pragma once

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDateTime>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

#include "anatomix/report/report_draft.h"


namespace anatomix::report {

struct SourceImage {
  OFString studyUid, seriesUid, sopClassUid, sopInstanceUid;
  int columns = 0;
  int rows = 0;
};

OFString ofString(const QString& text);
QString qString(const OFString& text);
OFString newUid();

// Loads the header of the study's source image into `file` (no pixel data), converted to UTF-8.
// Throws ReportError naming `outputPath` when the source is not DICOM, cannot be read, or lacks its
// UIDs or size.
SourceImage readSourceImage(const QString& outputPath, const StudyIdentity& study, DcmFileFormat& file);

// Copies the Patient (PS3.3 C.7.1.1), General Study (C.7.2.1) and Patient Study (C.7.2.2) modules
// from the source image's dataset, type 2 attributes present (empty) when the source lacks them.
void copyPatientAndStudy(DcmItem& source, DcmItem& target);

// The General Series' Laterality (type 2C, PS3.3 C.7.3.1): the source series', else empty.
void copyLaterality(DcmItem& source, DcmItem& target);

// DICOM DA and TM (yyyyMMdd, HHmmss) of a moment, in UTC.
struct DicomDateTime {
  OFString date, time;
};
DicomDateTime dicomDateTime(const QDateTime& moment);

// The series a derived image-side object starts in the source image's study.
struct DerivedSeries {
  const char* sopClassUid;
  const char* modality;
  const char* seriesNumber;
  const char* description;
};

// What the Secondary Capture and the presentation state open with: SOP Common (C.12.1), a new instance
// created at `created`; the patient and study modules copied from `source`; General Series (C.7.3.1), a
// series of its own with the source series' laterality. Throws ReportError naming `outputPath`.
void putDerivedHeader(DcmItem& target, DcmItem& source, const DerivedSeries& series, const DicomDateTime& created,
                      const QString& outputPath);

// Throw ReportError naming `outputPath` when a finding's region is not a finite, non-empty rectangle
// inside the source image, or a measurement has no valid coordinates.
void checkRegions(const QString& outputPath, const ReportDraft& draft, const SourceImage& source);
void checkMeasurements(const QString& outputPath, const QVector<ReaderMeasurement>& measurements);

// A closed rectangle: the first point repeated last (PS3.3 C.18.6.1.2, C.10.5.1.2). Column/row with
// (0, 0) the top-left corner of the top-left pixel, as our original-image pixel space and DICOM's
// PIXEL annotation units.
QVector<QPointF> closedRectangle(const QRectF& rect);
// An ELLIPSE's four points: the major axis' ends, then the minor axis' (PS3.3 C.18.6.1.2).
QVector<QPointF> ellipseAxes(const QRectF& rect);

// Throws ReportError "Cannot write <outputPath>: <what>: <DCMTK's reason>" when `status` is bad.
void checkDicom(const OFCondition& status, const QString& outputPath, const char* what);

// Encodes `file` (explicit VR little endian) and writes it to `path` atomically. Returns its size.
qint64 saveDicomFile(DcmFileFormat& file, const QString& path);

}  // namespace anatomix::report
