#include "viewport_annotations.h"

#include <algorithm>

#include <QCoreApplication>
#include <QStringList>

#include "anatomix/image/dicom_text.h"
#include "anatomix/viewer/presentation_transform.h"

namespace anatomix::viewer {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("ImageViewport", text); }

QString joinNonEmpty(const QStringList& parts, const QString& separator) {
  QStringList kept;
  for (const QString& part : parts)
    if (!part.trimmed().isEmpty()) kept << part.trimmed();
  return kept.join(separator);
}

// Characters an upper corner line may take: half the viewport less its margin and half of the centred top
// orientation label (18 px bold), at 8 px per character of the 14 px corner font (VtkFrameRenderer); at most 30.
int upperCornerCharacters(int viewportWidth) {
  return std::clamp(static_cast<int>((viewportWidth / 2.0 - 6.0 - 15.0) / 8.0), 8, 30);
}

// Upper corner lines are cut so that they never run into the centred top orientation label.
QString elideLines(const QString& text, int maxCharacters) {
  QStringList lines = text.split(QLatin1Char('\n'));
  for (QString& line : lines)
    if (line.size() > maxCharacters) line = line.left(maxCharacters - 1).trimmed() + QChar(0x2026);
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

std::array<QString, 4> cornerTexts(const image::DecodedImage& image, const image::DisplaySettings& display,
                                   const PresentationTransform& transform, int viewportWidth) {
  const int upperCharacters = upperCornerCharacters(viewportWidth);
  std::array<QString, 4> texts;

  QString greyScale;
  switch (display.voi.kind) {
    case image::VoiSelection::Kind::Window:
      greyScale = tr("W: %1 L: %2").arg(display.voi.window.width, 0, 'f', 0).arg(display.voi.window.center, 0, 'f', 0);
      break;
    case image::VoiSelection::Kind::Lut: greyScale = tr("VOI LUT %1").arg(display.voi.lut_index + 1); break;
    case image::VoiSelection::Kind::None: greyScale = tr("No VOI"); break;
  }
  QStringList lowerLeft{greyScale, tr("Zoom: %1%").arg(transform.zoom() * 100.0, 0, 'f', 0)};
  if (display.invert) lowerLeft << tr("Inverted");
  texts[0] = lowerLeft.join(QLatin1Char('\n'));

  QStringList lowerRight{tr("%1 x %2").arg(image.width).arg(image.height)};
  if (image.instance.spacing.known())
    lowerRight << tr("%1 x %2 mm").arg(image.instance.spacing.column_mm, 0, 'f', 3).arg(image.instance.spacing.row_mm, 0, 'f', 3);
  QStringList orientation;
  if (transform.quarterTurnsClockwise() != 0) orientation << tr("Rotated %1°").arg(transform.quarterTurnsClockwise() * 90);
  if (transform.isMirrored()) orientation << tr("Mirrored");
  if (!orientation.isEmpty()) lowerRight << orientation.join(QStringLiteral(", "));
  texts[1] = lowerRight.join(QLatin1Char('\n'));

  const auto text = [](const std::string& value) { return QString::fromStdString(value); };
  texts[2] = elideLines(
      joinNonEmpty({text(image::display_person_name(image.patient.name)), text(image.patient.id),
                    joinNonEmpty({text(image::iso_date(image.patient.birth_date)), text(image.patient.sex)},
                                 QStringLiteral(" "))},
                   QStringLiteral("\n")),
      upperCharacters);

  const QString modality =
      joinNonEmpty({text(image.series.modality), text(image.instance.view_position)}, QStringLiteral(" "));
  texts[3] = elideLines(joinNonEmpty({text(image::iso_date(image.study.date)), text(image.study.description),
                                      text(image.series.description), modality},
                                     QStringLiteral("\n")),
                        upperCharacters);
  return texts;
}

}  // namespace anatomix::viewer
