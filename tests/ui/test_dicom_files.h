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
  QString studyUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.1");
  QString seriesUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.1.1");
  QString instanceUid = QStringLiteral("1.2.826.0.1.3680043.10.1234.1.1.1");
  int instanceNumber = 1;
};

// A 16-bit (or `bitsStored`) MONOCHROME2 DX "For Presentation" image of a synthetic thorax: dark
// lungs, a brighter mediastinum and heart on the image right, and bright ribs, with one window
// (centre/width) over the whole range. Explicit VR little endian. Returns false on error.
bool writeDxFile(const QString& path, const DxFileSpec& spec = {});

// The same file cut after `keepBytes` bytes (header intact, pixel data short).
bool writeTruncatedCopy(const QString& source, const QString& target, qint64 keepBytes);

// Bytes that are neither DICOM nor any image format.
bool writeGarbageFile(const QString& path);

}  // namespace anatomix::ui::testing
