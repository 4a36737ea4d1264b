// DICOM Comprehensive SR export following TID 1500 "Measurement Report" as IHE AI Results (AIR)
// expects, built with DCMTK's generic SR tree (dcmsr has no class for planar region groups):
//
//   CONTAINER (126000, DCM, "Imaging Measurement Report")           template 1500 DCMR
//     HAS CONCEPT MOD  CODE  Language of Content Item and Descendants = English
//     HAS OBS CONTEXT  CODE  Observer Type = Device; UIDREF Device Observer UID;
//                      TEXT  Device Observer Name / Manufacturer / Model Name   (TID 1002/1004)
//     HAS CONCEPT MOD  CODE  Procedure reported = Plain chest X-ray
//     CONTAINS CONTAINER Image Library > Image Library Group > IMAGE (source SOP class + instance)
//     CONTAINS CONTAINER Imaging Measurements
//       CONTAINS CONTAINER Measurement Group                             (TID 1410 / 1501, one per
//         HAS OBS CONTEXT TEXT Tracking Identifier, UIDREF Tracking UID    finding and region)
//         HAS CONCEPT MOD TEXT Algorithm Name, Algorithm Version          (TID 4019)
//         CONTAINS TEXT Finding = the finding's wording (the radiologist's when edited)
//         CONTAINS SCOORD Image Region POLYLINE (closed rectangle, image column/row)
//           SELECTED FROM IMAGE (source)
//         CONTAINS CODE Radiologist decision = accepted / edited / rejected / not reviewed
//                       (local coding scheme 99ANATOMIX, declared in the Coding Scheme
//                       Identification Sequence); rejected findings are kept and marked
//       CONTAINS CONTAINER Measurement Group                             (TID 1410, one per reader
//         HAS OBS CONTEXT TEXT Tracking Identifier, UIDREF Tracking UID    measurement; no algorithm)
//         CONTAINS TEXT Finding = an arrow's text
//         CONTAINS SCOORD Image Region: POLYLINE (distance, angle, arrow, closed for a rectangle)
//                         or ELLIPSE, SELECTED FROM IMAGE (source)
//         CONTAINS NUM (TID 1419) Length in mm or {pixels} without pixel spacing; Angle in deg;
//                      Mean / Standard Deviation / Minimum / Maximum in the image's units
//                      ("1" for stored values, [hnsf'U]) and Area in mm2 or {pixels}
//         CONTAINS TEXT Comment = the calibration caveat (magnification, or lengths in pixels)
//     CONTAINS TEXT Findings / Impression: the report text
//
// Patient and study modules are copied from the source image's header; new series and SOP instance
// UIDs; completion PARTIAL, verification UNVERIFIED (a draft).
#pragma once

#include <QString>

#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"

namespace anatomix::report {

// The local coding scheme of the radiologist-decision codes.
inline constexpr const char* kDecisionCodingScheme = "99ANATOMIX";

// Writes the SR to `path`. The draft's study must be DICOM (its sourceFilePath readable by DCMTK).
// Throws ReportError naming the file and what is wrong (source not DICOM, region outside the image,
// unwritable path, DCMTK refusing a value).
void writeStructuredReport(const QString& path, const ReportDraft& draft, const ExportOptions& options);

}  // namespace anatomix::report
