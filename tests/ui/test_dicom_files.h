// Files the ui suites open, written here with DCMTK (no fixtures on disk).
#pragma once

#include <QString>

namespace anatomix::ui::testing {

struct DxFileSpec {
  int width = 512;
  int height = 640;
  int bitsStored = 16;
  QString patientName = QStringLiteral("Doe^Jane");
  QString patientId = QStringLiteral("PID-0001");
  QString studyDescription = QStringLiteral("Chest PA");
  QString studyDate = QStringLiteral("20261123");  // YYYYMMDD
  QString studyUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.1");
  QString seriesUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.1.1");
  QString instanceUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.1.1.1");
  int instanceNumber = 1;
  // Where the pixels put the heart (and so the patient's left, for a model that reads the anatomy).
  // false: the whole thorax mirrored, as a mirrored acquisition or situs inversus shows it.
  bool heartOnImageRight = true;
  // Patient Orientation (0020,0020), row\column; "L\F" is the truth for a heart on the image right,
  // "R\F" for one on the left. Empty: the attribute is left out.
  QString patientOrientation = QStringLiteral("L\\F");
  QString modality = QStringLiteral("DX");      // (0008,0060)
  QString viewPosition = QStringLiteral("PA");  // (0018,5101)
};

// A 16-bit (or `bitsStored`) MONOCHROME2 DX "For Presentation" image of a synthetic thorax: dark
// lungs, a brighter mediastinum and heart (on the image right unless the spec mirrors it), and
// bright ribs, with one window (centre/width) over the whole range. Explicit VR little endian.
// Returns false on error.
bool writeDxFile(const QString& path, const DxFileSpec& spec = {});

// The same file cut after `keepBytes` bytes (header intact, pixel data short).
bool writeTruncatedCopy(const QString& source, const QString& target, qint64 keepBytes);

// Bytes that are neither DICOM nor any image format.
bool writeGarbageFile(const QString& path);

}  // namespace anatomix::ui::testing
