// DicomTagsPanel: the DICOM tags dock's content: the current file's elements (tag, VR, name,
// value) as a tree (sequence items nest), with a filter field that matches tag, keyword, name or
// value. Shows a one-line note instead for non-DICOM files. GUI thread only.
#pragma once

#include <vector>

#include <QWidget>

#include "anatomix/image/tag_dump.h"

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace anatomix::ui {

class DicomTagsPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column { TagColumn, VrColumn, NameColumn, ValueColumn, ColumnCount };

  explicit DicomTagsPanel(QWidget* parent = nullptr);

  // Lists `tags` of `path`. An empty list shows `problem` (why a DICOM file could not be listed),
  // or, without a problem, says that the file is not DICOM.
  void setTags(const QString& path, const std::vector<image::TagEntry>& tags, const QString& problem = QString());
  QString sourceText() const;  // the line above the list: file name and element count, or why none
  void clear();
  void setFilter(const QString& text);

  int entryCount() const { return static_cast<int>(m_tags.size()); }
  // Value of the first element with this tag ("(0010,0010)") or keyword ("PatientName"); "" if absent.
  QString valueOf(const QString& tagOrKeyword) const;
  QTreeWidget* tree() const { return m_tree; }

 private:
  void applyFilter();

  QLineEdit* m_filter;
  QLabel* m_source;
  QTreeWidget* m_tree;
  std::vector<image::TagEntry> m_tags;
};

}  // namespace anatomix::ui
