// The worklist: filter fields (patient name and ID, date range, modality, accession), a Search button,
// and a sortable table of the studies the PACS returns, a page of rows at a time, with a filter over
// the listed rows. Queries run on a worker thread (QtConcurrent); the matches come to the GUI thread in
// batches while the PACS is still answering (ten thousand studies list without the GUI waiting), and a
// superseded search is cancelled (C-CANCEL) and its answers dropped. Double-clicking a study asks the
// PACS for the same patient's studies and emits studyActivated with the earlier ones as priors, newest first.
#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "anatomix/network/pacs_node.h"
#include "anatomix/network/pacs_query.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace anatomix::worklist {

class WorklistModel;
class WorklistOrder;
class WorklistPages;

// What a query on the worker thread hands back to the GUI thread.
struct WorklistAnswer {
  int requestId = 0;
  std::vector<network::StudyMatch> studies;  // priors only: a search's matches come in batches
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

  static constexpr int kRowsPerPage = 500;
  static constexpr std::size_t kMatchLimit = 50000;  // a search asks for at most this many studies

  int studyCount() const;  // matches received for the latest search
  int listedCount() const;  // of them, those that pass the list filter
  // The study in `row` of the sorted, filtered list (over all pages).
  const network::StudyMatch& studyAtRow(int row) const;
  int page() const;       // 0-based; the table shows rows page * kRowsPerPage onwards
  int pageCount() const;  // at least 1
  void setPage(int page);
  // Filters the listed rows (patient name or ID, accession, description, modality contain the text).
  void setListFilter(const QString& text);
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
  void appendMatches(int requestId, std::vector<network::StudyMatch> matches);
  void applyAnswer();
  void updatePageControls();
  void reselectStudy();

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
  QLineEdit* m_listFilter = nullptr;
  QToolButton* m_previousPage = nullptr;
  QToolButton* m_nextPage = nullptr;
  QLabel* m_pageLabel = nullptr;
  WorklistModel* m_model = nullptr;
  WorklistOrder* m_sorted = nullptr;
  WorklistPages* m_pages = nullptr;
  QFutureWatcher<WorklistAnswer> m_watcher;
  QList<QFuture<WorklistAnswer>> m_superseded;  // still running after a newer query started; waited for
  std::shared_ptr<std::atomic<bool>> m_stop;  // set: the running query stops (C-CANCEL)
  // The study the user selected: arriving rows, sorting and filtering reset the page, and it is
  // selected again where the page lists it.
  std::string m_selectedStudyUid;
  bool m_pageResetting = false;
  int m_requestId = 0;            // the newest request; older answers are dropped
  bool m_requestForPriors = false;
  network::StudyMatch m_activated;  // the study whose priors are being looked up
};

}  // namespace anatomix::worklist
