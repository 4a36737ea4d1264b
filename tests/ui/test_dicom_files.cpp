#include "test_dicom_files.h"

#include <cmath>
#include <vector>

#include <QFile>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

namespace anatomix::ui::testing {
namespace {

void put(DcmDataset* data, const DcmTagKey& key, const QString& value) {
  data->putAndInsertString(key, value.toLatin1().constData());
}

// Synthetic thorax in [0, 1]: smooth, asymmetric, with edges, so a screenshot has real structure.
double thoraxIntensity(double x, double y) {
  const double bodyX = (x - 0.5) / 0.42, bodyY = (y - 0.55) / 0.5;
  if (bodyX * bodyX + bodyY * bodyY > 1.0) return 0.05;  // air outside the body
  double value = 0.55;
  for (const double lungX : {0.32, 0.68}) {
    const double lx = (x - lungX) / 0.15, ly = (y - 0.5) / 0.3;
    if (lx * lx + ly * ly < 1.0) value = 0.22 + 0.08 * ly * ly;
  }
  const double hx = (x - 0.58) / 0.13, hy = (y - 0.66) / 0.12;  // heart on the image right
  if (hx * hx + hy * hy < 1.0) value = 0.72;
  if (std::abs(x - 0.5) < 0.035) value = 0.85;  // spine
  for (int rib = 0; rib < 6; ++rib) {
    const double ribY = 0.3 + rib * 0.07 + 0.05 * std::pow((x - 0.5) * 2.0, 2);
    if (std::abs(y - ribY) < 0.008 && std::abs(x - 0.5) < 0.3) value += 0.2;
  }
  return std::min(value, 1.0);
}

}  // namespace

bool writeDxFile(const QString& path, const DxFileSpec& spec) {
  DcmFileFormat file;
  DcmDataset* data = file.getDataset();
  put(data, DCM_SOPClassUID, QString::fromLatin1(UID_DigitalXRayImageStorageForPresentation));
  put(data, DCM_SOPInstanceUID, spec.instanceUid);
  put(data, DCM_StudyInstanceUID, spec.studyUid);
  put(data, DCM_SeriesInstanceUID, spec.seriesUid);
  put(data, DCM_Modality, spec.modality);
  put(data, DCM_PatientName, spec.patientName);
  put(data, DCM_PatientID, spec.patientId);
  put(data, DCM_PatientBirthDate, QStringLiteral("19700101"));
  put(data, DCM_PatientSex, QStringLiteral("F"));
  put(data, DCM_StudyDate, spec.studyDate);
  put(data, DCM_StudyTime, QStringLiteral("101500"));
  put(data, DCM_StudyDescription, spec.studyDescription);
  put(data, DCM_AccessionNumber, QStringLiteral("ACC42"));
  put(data, DCM_SeriesNumber, QStringLiteral("1"));
  put(data, DCM_InstanceNumber, QString::number(spec.instanceNumber));
  put(data, DCM_ViewPosition, spec.viewPosition);
  if (!spec.patientOrientation.isEmpty()) put(data, DCM_PatientOrientation, spec.patientOrientation);
  put(data, DCM_BodyPartExamined, QStringLiteral("CHEST"));
  put(data, DCM_ImageType, QStringLiteral("ORIGINAL\\PRIMARY"));
  put(data, DCM_PresentationIntentType, QStringLiteral("FOR PRESENTATION"));
  put(data, DCM_ImagerPixelSpacing, QStringLiteral("0.143\\0.143"));
  put(data, DCM_PhotometricInterpretation, QStringLiteral("MONOCHROME2"));
  data->putAndInsertUint16(DCM_SamplesPerPixel, 1);
  data->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.height));
  data->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.width));
  data->putAndInsertUint16(DCM_BitsAllocated, 16);
  data->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(spec.bitsStored));
  data->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(spec.bitsStored - 1));
  data->putAndInsertUint16(DCM_PixelRepresentation, 0);
  put(data, DCM_PresentationLUTShape, QStringLiteral("IDENTITY"));
  const double maxValue = std::pow(2.0, spec.bitsStored) - 1;
  put(data, DCM_WindowCenter, QString::number(maxValue / 2, 'f', 1));
  put(data, DCM_WindowWidth, QString::number(maxValue, 'f', 1));
  std::vector<Uint16> pixels(static_cast<std::size_t>(spec.width) * spec.height);
  for (int y = 0; y < spec.height; ++y)
    for (int x = 0; x < spec.width; ++x) {
      const double across = (x + 0.5) / spec.width;
      pixels[static_cast<std::size_t>(y) * spec.width + x] = static_cast<Uint16>(std::lround(
          thoraxIntensity(spec.heartOnImageRight ? across : 1.0 - across, (y + 0.5) / spec.height) * maxValue));
    }
  data->putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
  return file.saveFile(path.toLocal8Bit().constData(), EXS_LittleEndianExplicit).good();
}

bool writeTruncatedCopy(const QString& source, const QString& target, qint64 keepBytes) {
  QFile in(source);
  QFile out(target);
  if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) return false;
  return out.write(in.read(keepBytes)) == keepBytes;
}

bool writeGarbageFile(const QString& path) {
  QFile out(path);
  if (!out.open(QIODevice::WriteOnly)) return false;
  QByteArray bytes;
  for (int i = 0; i < 4096; ++i) bytes.append(static_cast<char>((i * 7919 + 13) % 251));
  return out.write(bytes) == bytes.size();
}

}  // namespace anatomix::ui::testing
