// The worklist's view of many matches: WorklistOrder sorts and filters the rows of a WorklistModel
// on the matches themselves (no QString or QVariant per comparison, so ten thousand rows sort in a few
// milliseconds), and WorklistPages shows one page of that order at a time.
#pragma once

#include <QAbstractProxyModel>
#include <QSortFilterProxyModel>
#include <string>

namespace anatomix::worklist {

class WorklistModel;

class WorklistOrder : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit WorklistOrder(WorklistModel* studies, QObject* parent = nullptr);

  // Rows whose patient name or ID, accession, description or modalities contain `text` (any case);
  // empty shows every row.
  void setFilterText(const QString& text);
  QString filterText() const { return m_filter; }
  // Sorts again by the current column and order. Rows that arrive are appended unsorted (one
  // insertion instead of one per gap they fall into); the owner re-sorts once per batch.
  void resort();

 protected:
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  WorklistModel* m_studies;
  QString m_filter;
  std::string m_filterUtf8Lower;
};

// Rows [page * rowsPerPage, (page + 1) * rowsPerPage) of a flat source model. Any change of the source
// (rows arriving, a new sort order, a filter) resets this model; the page stays unless it no longer exists.
class WorklistPages : public QAbstractProxyModel {
  Q_OBJECT

 public:
  explicit WorklistPages(int rowsPerPage, QObject* parent = nullptr);

  void setSourceModel(QAbstractItemModel* source) override;
  int rowsPerPage() const { return m_rowsPerPage; }
  int page() const { return m_page; }
  int pageCount() const;  // at least 1
  void setPage(int page);  // clamped to the pages there are

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
  QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;

 signals:
  void pagesChanged();  // the page or the number of pages may have changed

 private:
  void sourceChanged();

  int m_rowsPerPage;
  int m_page = 0;
};

}  // namespace anatomix::worklist
