// The rows of the worklist: one C-FIND study match each (network::StudyMatch), as a Qt table model.
// Display text is formatted for reading (dates as 2024-03-15, names without '^'); Qt::UserRole holds
// a value that sorts right (YYYYMMDD dates, numbers as numbers) for a QSortFilterProxyModel.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "anatomix/network/pacs_query.h"

namespace anatomix::worklist {

class WorklistModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { kPatientName, kPatientId, kStudyDate, kAccession, kModalities, kDescription, kImages, kColumnCount };

  explicit WorklistModel(QObject* parent = nullptr);

  void setStudies(std::vector<network::StudyMatch> studies);
  // Adds rows at the end (one rowsInserted): the matches of a query that is still answering.
  void appendStudies(std::vector<network::StudyMatch> more);
  const std::vector<network::StudyMatch>& studies() const { return m_studies; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  static QString displayDate(const std::string& dicomDate);  // "20240315" -> "2024-03-15"
  static QString displayName(const std::string& personName);  // "DOE^JANE" -> "DOE, JANE"

 private:
  std::vector<network::StudyMatch> m_studies;
};

}  // namespace anatomix::worklist
