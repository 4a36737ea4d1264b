// DICOM Secondary Capture Image (PS3.3 A.8.1) of a key image: the viewer's rendering of the source
// image as shown, overlays burned in (anatomy boxes, the reader's regions and measurements), RGB,
// 8 bits per sample. Patient and study modules copied from the source image; a new series; Image Type
// DERIVED\SECONDARY, Burned In Annotation YES, the source image in the Source Image Sequence.
#pragma once

#include <QImage>
#include <QString>

#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"

namespace anatomix::report {

// Writes `view` as a Secondary Capture of the draft's source image to `path`. Throws ReportError
// naming the file and what is wrong (no image, source not DICOM, unwritable path). Refuses to write
// when patient identifiers are to be removed: the burned-in view may show them.
void writeKeyImage(const QString& path, const ReportDraft& draft, const QImage& view, const ExportOptions& options);

}  // namespace anatomix::report
