// StudyBrowserPanel: the study browser dock's content. A tree Patient -> Study -> Series -> Image
// with the usual attributes (name, ID, sex and birth date; study date, description and accession;
// series number, modality, description and body part; instance number, view, size, bits and
// transfer syntax), plus a "Could not open" branch listing files the scan rejected and why.
// Opening more files adds to the tree (patients/studies/series merged by ID/UID, images by path).
// An image row shows a thumbnail once the window has rendered one (setImageThumbnail).
// GUI thread only.
#pragma once

#include <QHash>
#include <QImage>
#include <QStringList>
#include <QWidget>

#include "anatomix/image/study_scan.h"

class QTreeWidget;
class QTreeWidgetItem;

namespace anatomix::ui {

class StudyBrowserPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column { NameColumn, DateColumn, ModalityColumn, DetailsColumn, ColumnCount };

  explicit StudyBrowserPanel(QWidget* parent = nullptr);

  // Adds the scan result; returns the image paths it added (not already listed), in tree order.
  QStringList addStudyTree(const image::StudyTree& tree);
  void clear();

  QStringList imagePaths() const;  // every listed image, in tree order
  // The images of the study that `imagePath` belongs to, in tree order (empty if it is not listed).
  QStringList imagePathsOfStudy(const QString& imagePath) const;
  // The first image of the prior of `imagePath`'s study: the newest study of the same patient with
  // an earlier Study Date. "" when there is none (or the dates are missing).
  QString priorImageOf(const QString& imagePath) const;
  // "Chest PA, 01/03/2026: Image 2 (LL)": the study's title and date and the image's title.
  QString describeImage(const QString& path) const;
  // Shows `thumbnail` (a small rendering of the image) as the image's icon.
  void setImageThumbnail(const QString& path, const QImage& thumbnail);
  int imageCount() const { return static_cast<int>(m_imageItems.size()); }
  int errorCount() const;
  QString currentImagePath() const { return m_currentPath; }
  // Marks `path` as the displayed image (selected and scrolled to); false if not listed.
  bool setCurrentImage(const QString& path);
  // Marks an image that failed to decode (red, with the reason as tool tip).
  void markImageFailed(const QString& path, const QString& reason);

  QTreeWidget* tree() const { return m_tree; }

  // "YYYYMMDD" -> the locale's short date with a four-digit year; exposed for tests.
  static QString formatDate(const QString& dicomDate);

 signals:
  void imageActivated(const QString& path);

 private:
  QTreeWidgetItem* childWithKey(QTreeWidgetItem* parent, const QString& key) const;
  QTreeWidgetItem* topLevelWithKey(const QString& key) const;
  QTreeWidgetItem* errorBranch();
  QTreeWidgetItem* studyItemOf(const QString& imagePath) const;
  static QStringList imagePathsUnder(QTreeWidgetItem* item);

  QTreeWidget* m_tree;
  QHash<QString, QTreeWidgetItem*> m_imageItems;  // path -> image item
  QString m_currentPath;
};

}  // namespace anatomix::ui
