// The worklist: filter fields (patient name and ID, date range, modality, accession), a Search button,
// and a sortable table of the studies the PACS returns. Queries run on a worker thread (QtConcurrent);
// the GUI thread only copies the request in and the result out, and drops results of a superseded
// search. Double-clicking a study asks the PACS for the same patient's studies and emits
// studyActivated with the earlier ones as priors, newest first.
#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <string>
#include <vector>

#include "anatomix/network/pacs_node.h"
#include "anatomix/network/pacs_query.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace anatomix::worklist {

class WorklistModel;

// What a query on the worker thread hands back to the GUI thread.
struct WorklistAnswer {
  int requestId = 0;
  std::vector<network::StudyMatch> studies;
  bool truncated = false;
  QString error;  // empty on success; the PacsError text otherwise
};

class WorklistPanel : public QWidget {
  Q_OBJECT

 public:
  explicit WorklistPanel(QWidget* parent = nullptr);
  ~WorklistPanel() override;  // waits for a running query (bounded by the node's timeouts)

  void setNode(const network::PacsNode& node);
  // The filters as typed (dates YYYYMMDD); validated when the search runs.
  network::StudyQuery query() const;

  int studyCount() const;
  // The study shown in `row` of the table (after sorting).
  const network::StudyMatch& studyAtRow(int row) const;
  QTableView* table() const { return m_table; }
  QString statusText() const;

 public slots:
  void search();
  void activateRow(int row);  // what a double-click does

 signals:
  void searchFinished(int nStudies);
  void searchFailed(const QString& message);
  // The chosen study and the Study Instance UIDs of the same patient's earlier studies, newest first.
  void studyActivated(const QString& studyUid, const QStringList& priorStudyUids);

 private:
  void startQuery(const network::StudyQuery& query, bool forPriors);
  void applyAnswer();

  network::PacsNode m_node;
  bool m_hasNode = false;
  QLineEdit* m_patientName = nullptr;
  QLineEdit* m_patientId = nullptr;
  QLineEdit* m_dateFrom = nullptr;
  QLineEdit* m_dateTo = nullptr;
  QComboBox* m_modality = nullptr;
  QLineEdit* m_accession = nullptr;
  QPushButton* m_searchButton = nullptr;
  QTableView* m_table = nullptr;
  QLabel* m_status = nullptr;
  WorklistModel* m_model = nullptr;
  QSortFilterProxyModel* m_sorted = nullptr;
  QFutureWatcher<WorklistAnswer> m_watcher;
  int m_requestId = 0;            // the newest request; older answers are dropped
  bool m_requestForPriors = false;
  network::StudyMatch m_activated;  // the study whose priors are being looked up
};

}  // namespace anatomix::worklist
