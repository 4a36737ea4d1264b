// DICOM Grayscale Softcopy Presentation State (PS3.3 A.33.1) of the source image as the reader sees
// it, written with DCMTK dcmdata:
//   Presentation State Relationship   the source image (series and SOP instance)
//   Graphic Layer                     "ANATOMY" (the analysis' 36 anatomy boxes), "AI FINDINGS" (the AI's
//                                     boxes), "QUESTIONS" (the regions the reader drew to ask the model) and
//                                     "READER" (the reader's measurements), rendered in this order
//   Graphic Annotation                per anatomy a closed POLYLINE rectangle and a Text Object with its
//                                     published name (the patient's side as the pixels show it, whatever
//                                     the viewer's mirror); per AI region a closed POLYLINE rectangle and a
//                                     Text Object with the finding's wording; per question region a closed
//                                     POLYLINE rectangle and, once asked about, a Text Object with the
//                                     question and the model's answer; per measurement its POLYLINE (distance, angle,
//                                     arrow, rectangle) or ELLIPSE and a Text Object with its value. PIXEL
//                                     units: original-image columns/rows, (0, 0) the top-left pixel's corner.
//                                     Findings the reader rejected are left out; anatomy and question
//                                     boxes are cut to the image.
//   Displayed Area                    the whole image, SCALE TO FIT
//   Spatial Transformation            Image Rotation / Image Horizontal Flip when the viewer rotates or mirrors
//   Modality LUT                      the source's rescale (the viewer's window is in modality units)
//   Softcopy VOI LUT                  the viewer's window; Softcopy Presentation LUT IDENTITY (INVERSE when
//                                     the viewer inverts)
//   Presentation State Identification Content Label "ANATOMIX", Content Creator's Name (the reader)
// Patient and study modules copied from the source image; a new series (modality PR).
#pragma once

#include <QString>

#include "anatomix/report/export_options.h"
#include "anatomix/report/report_draft.h"

namespace anatomix::report {

inline constexpr const char* kAnatomyGraphicLayer = "ANATOMY";
inline constexpr const char* kAiGraphicLayer = "AI FINDINGS";
inline constexpr const char* kQuestionGraphicLayer = "QUESTIONS";
inline constexpr const char* kReaderGraphicLayer = "READER";

// The text a question region carries: "question: answer", the question alone while unanswered, empty
// while it was not asked about. Long answers are cut to what a Text Object holds (ST, 1024 characters).
QString questionRegionText(const QuestionRegion& region);

// Writes the presentation state to `path`. Throws ReportError naming the file and what is wrong
// (source not DICOM, region outside the image, anatomy or question box without finite coordinates,
// unwritable path, DCMTK refusing a value).
void writePresentationState(const QString& path, const ReportDraft& draft, const ExportOptions& options);

}  // namespace anatomix::report
