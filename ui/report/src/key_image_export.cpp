#include "anatomix/report/key_image_export.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QCoreApplication>

#include "anatomix/report/report_error.h"
#include "derived_object.h"
#include "report_logger.h"

namespace anatomix::report {

void writeKeyImage(const QString& path, const ReportDraft& draft, const QImage& view, const ExportOptions& options) {
  if (view.isNull() || view.width() > 0xFFFF || view.height() > 0xFFFF) {
    throw ReportError(QCoreApplication::translate("anatomix::report::KeyImageExport",
                                                  "Cannot write the key image %1: no image is shown")
                          .arg(path));
  }
  if (options.removePatientIdentifiers) {
    // The view's corner annotations (name, ID, dates) are pixels: they cannot be removed from a capture.
    throw ReportError(QCoreApplication::translate("anatomix::report::KeyImageExport",
                                                  "Cannot write the key image %1 without patient identifiers: the "
                                                  "burned-in view may show them. Turn off \"Remove Patient "
                                                  "Identifiers\" to export it.")
                          .arg(path));
  }
  DcmFileFormat sourceFile;
  const SourceImage source = readSourceImage(path, draft.study, sourceFile);

  DcmFileFormat output;
  DcmDataset& dataset = *output.getDataset();
  const auto put = [&](const DcmTagKey& tag, const OFString& value, const char* what) {
    checkDicom(dataset.putAndInsertOFStringArray(tag, value), path, what);
  };
  const DicomDateTime created = dicomDateTime(options.createdUtc);
  putDerivedHeader(dataset, *sourceFile.getDataset(),
                   {UID_SecondaryCaptureImageStorage, "OT", "9003", "Key image (AnatomiX)"}, created, path);
  // General Equipment (C.7.5.1), SC Equipment (C.8.6.1): captured on a workstation
  put(DCM_Manufacturer, ofString(options.algorithm.manufacturer), "manufacturer");
  put(DCM_ConversionType, "WSD", "conversion type");
  put(DCM_SecondaryCaptureDeviceManufacturer, ofString(options.algorithm.manufacturer), "capture device");
  put(DCM_SecondaryCaptureDeviceManufacturerModelName, ofString(options.algorithm.name), "capture device model");
  put(DCM_SecondaryCaptureDeviceSoftwareVersions, ofString(options.algorithm.version), "capture device version");
  // General Image (C.7.6.1), General Reference (C.12.4), SC Image (C.8.6.2)
  put(DCM_InstanceNumber, "1", "instance number");
  checkDicom(dataset.insertEmptyElement(DCM_PatientOrientation), path, "patient orientation");
  put(DCM_ContentDate, created.date, "content date");
  put(DCM_ContentTime, created.time, "content time");
  put(DCM_ImageType, "DERIVED\\SECONDARY", "image type");
  put(DCM_DerivationDescription, "Viewer rendering with AI findings and reader measurements burned in",
      "derivation description");
  put(DCM_BurnedInAnnotation, "YES", "burned-in annotation");
  put(DCM_LossyImageCompression, "00", "lossy compression");
  put(DCM_DateOfSecondaryCapture, created.date, "capture date");
  put(DCM_TimeOfSecondaryCapture, created.time, "capture time");
  DcmItem* reference = nullptr;
  checkDicom(dataset.findOrCreateSequenceItem(DCM_SourceImageSequence, reference, 0), path, "source image");
  checkDicom(reference->putAndInsertOFStringArray(DCM_ReferencedSOPClassUID, source.sopClassUid), path, "source image");
  checkDicom(reference->putAndInsertOFStringArray(DCM_ReferencedSOPInstanceUID, source.sopInstanceUid), path,
             "source image");

  // Image Pixel (C.7.6.3): RGB, 8 bits, colour-by-pixel.
  const QImage rgb = view.convertToFormat(QImage::Format_RGB888);
  const int width = rgb.width();
  const int height = rgb.height();
  checkDicom(dataset.putAndInsertUint16(DCM_SamplesPerPixel, 3), path, "samples per pixel");
  put(DCM_PhotometricInterpretation, "RGB", "photometric interpretation");
  checkDicom(dataset.putAndInsertUint16(DCM_PlanarConfiguration, 0), path, "planar configuration");
  checkDicom(dataset.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(height)), path, "rows");
  checkDicom(dataset.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(width)), path, "columns");
  checkDicom(dataset.putAndInsertUint16(DCM_BitsAllocated, 8), path, "bits allocated");
  checkDicom(dataset.putAndInsertUint16(DCM_BitsStored, 8), path, "bits stored");
  checkDicom(dataset.putAndInsertUint16(DCM_HighBit, 7), path, "high bit");
  checkDicom(dataset.putAndInsertUint16(DCM_PixelRepresentation, 0), path, "pixel representation");
  // Rows of a QImage are padded to 4 bytes; the pixel data is packed. An odd length gets DICOM's pad byte.
  QByteArray pixels;
  pixels.reserve(width * height * 3 + 1);
  for (int y = 0; y < height; ++y) pixels.append(reinterpret_cast<const char*>(rgb.constScanLine(y)), width * 3);
  if (pixels.size() % 2 != 0) pixels.append('\0');
  checkDicom(dataset.putAndInsertUint8Array(DCM_PixelData, reinterpret_cast<const Uint8*>(pixels.constData()),
                                            static_cast<unsigned long>(pixels.size())),
             path, "pixel data");

  const qint64 size = saveDicomFile(output, path);
  reportLogger()->info("writeKeyImage: {} ({} x {}, {} bytes)", path.toStdString(), width, height, size);
}

}  // namespace anatomix::report
