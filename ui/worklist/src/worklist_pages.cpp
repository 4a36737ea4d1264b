#include "anatomix/worklist/worklist_pages.h"

#include <algorithm>

#include "anatomix/worklist/worklist_model.h"

namespace anatomix::worklist {
namespace {

// Strings of the same length compare like their values for the zero-padded fields a PACS sends;
// otherwise plain byte order (UTF-8 keeps code point order).
int compareText(const std::string& a, const std::string& b) { return a.compare(b); }

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

bool containsLowered(const std::string& haystack, const std::string& needleLower) {
  return lowered(haystack).find(needleLower) != std::string::npos;
}

}  // namespace

WorklistOrder::WorklistOrder(WorklistModel* studies, QObject* parent)
    : QSortFilterProxyModel(parent), m_studies(studies) {
  setDynamicSortFilter(false);
  setSourceModel(studies);
  setSortRole(Qt::UserRole);
}

void WorklistOrder::resort() {
  if (sortColumn() >= 0) sort(sortColumn(), sortOrder());
}

void WorklistOrder::setFilterText(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed == m_filter) return;
  m_filter = trimmed;
  m_filterUtf8Lower = lowered(trimmed.toStdString());
  invalidateFilter();
  resort();  // rows let through again come back unsorted without dynamic sorting
}

bool WorklistOrder::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
  if (m_filterUtf8Lower.empty()) return true;
  const network::StudyMatch& study = m_studies->studies()[static_cast<std::size_t>(sourceRow)];
  for (const std::string* field : {&study.patient_name, &study.patient_id, &study.accession, &study.description,
                                   &study.modalities})
    if (containsLowered(*field, m_filterUtf8Lower)) return true;
  return false;
}

bool WorklistOrder::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const auto& studies = m_studies->studies();
  const network::StudyMatch& a = studies[static_cast<std::size_t>(left.row())];
  const network::StudyMatch& b = studies[static_cast<std::size_t>(right.row())];
  int order = 0;
  switch (left.column()) {
    case WorklistModel::kPatientName: order = compareText(a.patient_name, b.patient_name); break;
    case WorklistModel::kPatientId: order = compareText(a.patient_id, b.patient_id); break;
    case WorklistModel::kStudyDate:
      order = compareText(a.study_date, b.study_date);
      if (order == 0) order = compareText(a.study_time, b.study_time);
      break;
    case WorklistModel::kAccession: order = compareText(a.accession, b.accession); break;
    case WorklistModel::kModalities: order = compareText(a.modalities, b.modalities); break;
    case WorklistModel::kDescription: order = compareText(a.description, b.description); break;
    case WorklistModel::kImages: order = a.n_instances < b.n_instances ? -1 : a.n_instances > b.n_instances; break;
    default: break;
  }
  // Ties in arrival order, so that equal keys do not swap places as more rows come.
  return order != 0 ? order < 0 : left.row() < right.row();
}

WorklistPages::WorklistPages(int rowsPerPage, QObject* parent)
    : QAbstractProxyModel(parent), m_rowsPerPage(std::max(1, rowsPerPage)) {}

void WorklistPages::setSourceModel(QAbstractItemModel* source) {
  beginResetModel();
  if (sourceModel()) disconnect(sourceModel(), nullptr, this, nullptr);
  QAbstractProxyModel::setSourceModel(source);
  if (source) {
    connect(source, &QAbstractItemModel::modelReset, this, &WorklistPages::sourceChanged);
    connect(source, &QAbstractItemModel::layoutChanged, this, &WorklistPages::sourceChanged);
    connect(source, &QAbstractItemModel::rowsInserted, this, &WorklistPages::sourceChanged);
    connect(source, &QAbstractItemModel::rowsRemoved, this, &WorklistPages::sourceChanged);
    connect(source, &QAbstractItemModel::rowsMoved, this, &WorklistPages::sourceChanged);
    connect(source, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
              const int first = std::max(topLeft.row(), m_page * m_rowsPerPage);
              const int last = std::min(bottomRight.row(), (m_page + 1) * m_rowsPerPage - 1);
              if (first <= last)
                emit dataChanged(mapFromSource(sourceModel()->index(first, topLeft.column())),
                                 mapFromSource(sourceModel()->index(last, bottomRight.column())));
            });
  }
  endResetModel();
  emit pagesChanged();
}

int WorklistPages::pageCount() const {
  const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
  return std::max(1, (rows + m_rowsPerPage - 1) / m_rowsPerPage);
}

void WorklistPages::setPage(int page) {
  const int clamped = std::clamp(page, 0, pageCount() - 1);
  if (clamped == m_page) return;
  beginResetModel();
  m_page = clamped;
  endResetModel();
  emit pagesChanged();
}

void WorklistPages::sourceChanged() {
  beginResetModel();
  m_page = std::min(m_page, pageCount() - 1);
  endResetModel();
  emit pagesChanged();
}

QModelIndex WorklistPages::index(int row, int column, const QModelIndex& parent) const {
  if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount()) return {};
  return createIndex(row, column);
}

QModelIndex WorklistPages::parent(const QModelIndex&) const { return {}; }

int WorklistPages::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !sourceModel()) return 0;
  return std::clamp(sourceModel()->rowCount() - m_page * m_rowsPerPage, 0, m_rowsPerPage);
}

int WorklistPages::columnCount(const QModelIndex& parent) const {
  return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

QModelIndex WorklistPages::mapToSource(const QModelIndex& proxyIndex) const {
  if (!proxyIndex.isValid() || !sourceModel()) return {};
  return sourceModel()->index(m_page * m_rowsPerPage + proxyIndex.row(), proxyIndex.column());
}

QModelIndex WorklistPages::mapFromSource(const QModelIndex& sourceIndex) const {
  if (!sourceIndex.isValid()) return {};
  const int row = sourceIndex.row() - m_page * m_rowsPerPage;
  if (row < 0 || row >= m_rowsPerPage) return {};
  return createIndex(row, sourceIndex.column());
}

}  // namespace anatomix::worklist
