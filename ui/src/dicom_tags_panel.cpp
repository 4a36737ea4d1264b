#include "anatomix/ui/dicom_tags_panel.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace anatomix::ui {
namespace {
QString qs(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

DicomTagsPanel::DicomTagsPanel(QWidget* parent)
    : QWidget(parent), m_filter(new QLineEdit(this)), m_source(new QLabel(this)), m_tree(new QTreeWidget(this)) {
  setObjectName(QStringLiteral("dicomTagsPanel"));
  m_filter->setObjectName(QStringLiteral("tagFilter"));
  m_filter->setPlaceholderText(tr("Filter by tag, name or value"));
  m_filter->setClearButtonEnabled(true);
  m_source->setObjectName(QStringLiteral("tagSource"));
  m_source->setWordWrap(true);
  m_tree->setObjectName(QStringLiteral("tagTree"));
  m_tree->setColumnCount(ColumnCount);
  m_tree->setHeaderLabels({tr("Tag"), tr("VR"), tr("Name"), tr("Value")});
  m_tree->setUniformRowHeights(true);
  m_tree->setAlternatingRowColors(true);
  // Narrow fixed columns so that the value keeps most of the width.
  const int digitWidth = m_tree->fontMetrics().horizontalAdvance(QStringLiteral("(0000,0000)"));
  m_tree->header()->resizeSection(TagColumn, digitWidth + 24);
  m_tree->header()->resizeSection(VrColumn, m_tree->fontMetrics().horizontalAdvance(QStringLiteral("WW")) + 12);
  m_tree->header()->resizeSection(NameColumn, 140);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_filter);
  layout->addWidget(m_source);
  layout->addWidget(m_tree);
  connect(m_filter, &QLineEdit::textChanged, this, [this]() { applyFilter(); });
  clear();
}

void DicomTagsPanel::clear() {
  m_tags.clear();
  m_tree->clear();
  m_source->setText(tr("No image open."));
}

QString DicomTagsPanel::sourceText() const { return m_source->text(); }

void DicomTagsPanel::setTags(const QString& path, const std::vector<image::TagEntry>& tags, const QString& problem) {
  m_tags = tags;
  m_tree->clear();
  const QString fileName = QFileInfo(path).fileName();
  if (tags.empty()) {
    m_source->setText(problem.isEmpty() ? tr("%1: no DICOM elements (not a DICOM file).").arg(fileName)
                                        : tr("Cannot list the DICOM elements: %1").arg(problem));
    return;
  }
  m_source->setText(tr("%1: %n element(s)", nullptr, static_cast<int>(tags.size())).arg(fileName));
  // Parents by depth: an entry of depth d hangs under the last entry of depth d-1.
  std::vector<QTreeWidgetItem*> parents;
  m_tree->setUpdatesEnabled(false);
  for (const image::TagEntry& entry : tags) {
    const int depth = std::max(0, entry.depth);
    if (static_cast<int>(parents.size()) > depth) parents.resize(static_cast<std::size_t>(depth));
    QTreeWidgetItem* item = (depth == 0 || parents.empty()) ? new QTreeWidgetItem(m_tree)
                                                            : new QTreeWidgetItem(parents.back());
    item->setText(TagColumn, qs(entry.tag));
    item->setText(VrColumn, qs(entry.vr));
    item->setText(NameColumn, entry.keyword.empty() ? qs(entry.name) : qs(entry.keyword));
    item->setToolTip(NameColumn, qs(entry.name));
    item->setText(ValueColumn, qs(entry.value));
    item->setToolTip(ValueColumn, qs(entry.value));
    if (entry.meta_header) item->setForeground(TagColumn, QColor(110, 110, 110));
    parents.push_back(item);
  }
  m_tree->expandAll();
  m_tree->resizeColumnToContents(TagColumn);
  m_tree->resizeColumnToContents(VrColumn);
  m_tree->setUpdatesEnabled(true);
  applyFilter();
}

void DicomTagsPanel::setFilter(const QString& text) { m_filter->setText(text); }

QString DicomTagsPanel::valueOf(const QString& tagOrKeyword) const {
  for (const image::TagEntry& entry : m_tags) {
    if (qs(entry.tag).compare(tagOrKeyword, Qt::CaseInsensitive) == 0 || qs(entry.keyword) == tagOrKeyword)
      return qs(entry.value);
  }
  return QString();
}

void DicomTagsPanel::applyFilter() {
  const QString needle = m_filter->text().trimmed();
  // An item stays visible when it or one of its descendants matches.
  std::function<bool(QTreeWidgetItem*)> filterItem = [&](QTreeWidgetItem* item) {
    bool anyChild = false;
    for (int i = 0; i < item->childCount(); ++i) anyChild = filterItem(item->child(i)) || anyChild;
    bool matches = needle.isEmpty();
    for (int column = 0; !matches && column < ColumnCount; ++column)
      matches = item->text(column).contains(needle, Qt::CaseInsensitive) ||
                item->toolTip(column).contains(needle, Qt::CaseInsensitive);
    item->setHidden(!(matches || anyChild));
    return matches || anyChild;
  };
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) filterItem(m_tree->topLevelItem(i));
}

}  // namespace anatomix::ui
