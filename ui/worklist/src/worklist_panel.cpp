#include "anatomix/worklist/worklist_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <chrono>

#include "anatomix/network/pacs_client.h"
#include "anatomix/worklist/worklist_model.h"
#include "anatomix/worklist/worklist_pages.h"

namespace anatomix::worklist {
namespace {

// A batch goes to the GUI thread when it has this many matches or is this old: each costs the GUI
// one append and one sort of the list (a few milliseconds for ten thousand rows).
constexpr std::size_t kMatchesPerBatch = 500;
constexpr std::chrono::milliseconds kBatchAge(100);

}  // namespace

WorklistPanel::WorklistPanel(QWidget* parent) : QWidget(parent) {
  m_patientName = new QLineEdit(this);
  m_patientName->setPlaceholderText(tr("e.g. DOE^J*"));
  m_patientId = new QLineEdit(this);
  m_dateFrom = new QLineEdit(this);
  m_dateFrom->setPlaceholderText(tr("YYYYMMDD"));
  m_dateTo = new QLineEdit(this);
  m_dateTo->setPlaceholderText(tr("YYYYMMDD"));
  m_modality = new QComboBox(this);
  m_modality->setEditable(true);
  m_modality->addItems({QString(), QStringLiteral("CR"), QStringLiteral("DX"), QStringLiteral("CR\\DX")});
  m_accession = new QLineEdit(this);
  m_searchButton = new QPushButton(tr("Search"), this);
  m_searchButton->setDefault(true);

  auto* filters = new QFormLayout;
  filters->addRow(tr("Patient name"), m_patientName);
  filters->addRow(tr("Patient ID"), m_patientId);
  auto* dates = new QHBoxLayout;
  dates->addWidget(m_dateFrom);
  dates->addWidget(new QLabel(tr("to"), this));
  dates->addWidget(m_dateTo);
  filters->addRow(tr("Study date"), dates);
  filters->addRow(tr("Modality"), m_modality);
  filters->addRow(tr("Accession"), m_accession);

  m_model = new WorklistModel(this);
  m_sorted = new WorklistOrder(m_model, this);
  m_pages = new WorklistPages(kRowsPerPage, this);
  m_pages->setSourceModel(m_sorted);
  m_table = new QTableView(this);
  m_table->setModel(m_pages);
  m_table->setSortingEnabled(true);
  m_table->sortByColumn(WorklistModel::kStudyDate, Qt::DescendingOrder);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setWordWrap(false);
  m_table->horizontalHeader()->setSectionResizeMode(WorklistModel::kDescription, QHeaderView::Stretch);
  m_table->verticalHeader()->hide();
  m_status = new QLabel(tr("Choose a PACS node, then search."), this);
  m_status->setWordWrap(true);
  m_listFilter = new QLineEdit(this);
  m_listFilter->setObjectName(QStringLiteral("worklistListFilter"));
  m_listFilter->setPlaceholderText(tr("Filter the list"));
  m_listFilter->setClearButtonEnabled(true);
  m_previousPage = new QToolButton(this);
  m_previousPage->setObjectName(QStringLiteral("worklistPreviousPage"));
  m_previousPage->setArrowType(Qt::LeftArrow);
  m_previousPage->setToolTip(tr("Previous page"));
  m_nextPage = new QToolButton(this);
  m_nextPage->setObjectName(QStringLiteral("worklistNextPage"));
  m_nextPage->setArrowType(Qt::RightArrow);
  m_nextPage->setToolTip(tr("Next page"));
  m_pageLabel = new QLabel(this);
  m_pageLabel->setObjectName(QStringLiteral("worklistPageLabel"));
  auto* listBar = new QHBoxLayout;
  listBar->addWidget(m_listFilter, 1);
  listBar->addWidget(m_previousPage);
  listBar->addWidget(m_pageLabel);
  listBar->addWidget(m_nextPage);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(m_searchButton);
  layout->addLayout(listBar);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_status);

  connect(m_searchButton, &QPushButton::clicked, this, &WorklistPanel::search);
  for (QLineEdit* edit : {m_patientName, m_patientId, m_dateFrom, m_dateTo, m_accession})
    connect(edit, &QLineEdit::returnPressed, this, &WorklistPanel::search);
  connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    activateRow(m_pages->page() * m_pages->rowsPerPage() + index.row());
  });
  connect(m_listFilter, &QLineEdit::textChanged, this, &WorklistPanel::setListFilter);
  connect(m_previousPage, &QToolButton::clicked, this, [this] { setPage(page() - 1); });
  connect(m_nextPage, &QToolButton::clicked, this, [this] { setPage(page() + 1); });
  connect(m_pages, &WorklistPages::pagesChanged, this, &WorklistPanel::updatePageControls);
  connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    if (m_pageResetting) return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_selectedStudyUid =
        rows.isEmpty() ? std::string() : studyAtRow(page() * m_pages->rowsPerPage() + rows.first().row()).study_uid;
  });
  connect(m_pages, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_pageResetting = true; });
  connect(m_pages, &QAbstractItemModel::modelReset, this, &WorklistPanel::reselectStudy);
  updatePageControls();
  // Emitted on the GUI thread when the worker's future completes.
  connect(&m_watcher, &QFutureWatcher<WorklistAnswer>::finished, this, &WorklistPanel::applyAnswer);
}

WorklistPanel::~WorklistPanel() {
  if (m_stop) *m_stop = true;
  m_watcher.waitForFinished();
  // A superseded search was stopped when the next one started; it may still post to this panel.
  for (QFuture<WorklistAnswer>& running : m_superseded) running.waitForFinished();
}

void WorklistPanel::setNode(const network::PacsNode& node) {
  m_node = node;
  m_hasNode = true;
  m_status->setText(tr("PACS %1").arg(QString::fromStdString(network::describe(node))));
}

network::StudyQuery WorklistPanel::query() const {
  network::StudyQuery query;
  query.patient_name = m_patientName->text().trimmed().toStdString();
  query.patient_id = m_patientId->text().trimmed().toStdString();
  query.date_from = m_dateFrom->text().trimmed().toStdString();
  query.date_to = m_dateTo->text().trimmed().toStdString();
  query.modality = m_modality->currentText().trimmed().toStdString();
  query.accession = m_accession->text().trimmed().toStdString();
  return query;
}

int WorklistPanel::studyCount() const { return m_model->rowCount(); }

int WorklistPanel::listedCount() const { return m_sorted->rowCount(); }

int WorklistPanel::page() const { return m_pages->page(); }

int WorklistPanel::pageCount() const { return m_pages->pageCount(); }

void WorklistPanel::setPage(int page) { m_pages->setPage(page); }

void WorklistPanel::setListFilter(const QString& text) {
  if (m_listFilter->text() != text) m_listFilter->setText(text);  // comes back here through textChanged
  else m_sorted->setFilterText(text);
}

void WorklistPanel::reselectStudy() {
  m_pageResetting = false;
  if (m_selectedStudyUid.empty()) return;
  const int first = page() * m_pages->rowsPerPage();
  for (int row = 0; row < m_pages->rowCount(); ++row)
    if (studyAtRow(first + row).study_uid == m_selectedStudyUid) {
      m_table->selectRow(row);
      return;
    }
}

void WorklistPanel::updatePageControls() {
  const int count = m_pages->pageCount();
  m_pageLabel->setText(tr("Page %1 of %2").arg(m_pages->page() + 1).arg(count));
  m_previousPage->setEnabled(m_pages->page() > 0);
  m_nextPage->setEnabled(m_pages->page() + 1 < count);
}

const network::StudyMatch& WorklistPanel::studyAtRow(int row) const {
  const QModelIndex source = m_sorted->mapToSource(m_sorted->index(row, 0));
  return m_model->studies().at(static_cast<std::size_t>(source.row()));
}

QString WorklistPanel::statusText() const { return m_status->text(); }

void WorklistPanel::search() {
  if (!m_hasNode) {
    m_status->setText(tr("No PACS node chosen."));
    emit searchFailed(m_status->text());
    return;
  }
  startQuery(query(), false);
}

void WorklistPanel::activateRow(int row) {
  if (row < 0 || row >= studyCount()) return;
  m_activated = studyAtRow(row);
  network::StudyQuery samePatient;
  samePatient.patient_id = m_activated.patient_id;
  if (samePatient.patient_id.empty()) {  // nothing ties other studies to this one
    emit studyActivated(QString::fromStdString(m_activated.study_uid), {});
    return;
  }
  startQuery(samePatient, true);
}

void WorklistPanel::startQuery(const network::StudyQuery& query, bool forPriors) {
  const int requestId = ++m_requestId;
  if (m_stop) *m_stop = true;  // the superseded query ends with a C-CANCEL
  m_superseded.removeIf([](const QFuture<WorklistAnswer>& future) { return future.isFinished(); });
  if (m_watcher.future().isValid() && !m_watcher.isFinished()) m_superseded.append(m_watcher.future());
  auto stop = std::make_shared<std::atomic<bool>>(false);
  m_stop = stop;
  m_requestForPriors = forPriors;
  m_searchButton->setEnabled(false);
  m_status->setText(forPriors ? tr("Looking for priors...") : tr("Searching..."));
  const network::PacsNode node = m_node;  // copied: the worker never touches the panel's widgets
  if (forPriors) {
    m_watcher.setFuture(QtConcurrent::run([node, query, requestId] {
      WorklistAnswer answer;
      answer.requestId = requestId;
      try {
        auto result = network::PacsClient(node).find_studies(query);
        answer.studies = std::move(result.matches);
        answer.truncated = result.truncated;
      } catch (const std::exception& error) {
        answer.error = QString::fromUtf8(error.what());
      }
      return answer;
    }));
    return;
  }
  m_model->setStudies({});  // the list fills as the matches come
  network::StudyQuery search = query;
  search.limit = kMatchLimit;
  // The panel outlives the worker (the destructor waits), and a queued call to a deleted panel is dropped.
  m_watcher.setFuture(QtConcurrent::run([this, node, search, requestId, stop] {
    WorklistAnswer answer;
    answer.requestId = requestId;
    std::vector<network::StudyMatch> batch;
    auto batchStart = std::chrono::steady_clock::now();
    const auto sendBatch = [&] {
      if (batch.empty()) return;
      QMetaObject::invokeMethod(
          this, [this, requestId, matches = std::move(batch)]() mutable { appendMatches(requestId, std::move(matches)); },
          Qt::QueuedConnection);
      batch = {};
      batch.reserve(kMatchesPerBatch);
      batchStart = std::chrono::steady_clock::now();
    };
    try {
      const network::FindSummary summary =
          network::PacsClient(node).find_studies(search, [&](network::StudyMatch&& match) {
            if (stop->load()) return false;
            batch.push_back(std::move(match));
            if (batch.size() >= kMatchesPerBatch || std::chrono::steady_clock::now() - batchStart >= kBatchAge)
              sendBatch();
            return true;
          });
      answer.truncated = summary.truncated;
    } catch (const std::exception& error) {
      answer.error = QString::fromUtf8(error.what());
    }
    sendBatch();  // what came before a failure is listed too
    return answer;
  }));
}

void WorklistPanel::appendMatches(int requestId, std::vector<network::StudyMatch> matches) {
  if (requestId != m_requestId) return;
  m_model->appendStudies(std::move(matches));
  m_sorted->resort();
  m_status->setText(tr("Searching... %n studies so far", nullptr, m_model->rowCount()));
}

void WorklistPanel::applyAnswer() {
  const WorklistAnswer answer = m_watcher.result();
  if (answer.requestId != m_requestId) return;  // a newer request is on its way
  m_searchButton->setEnabled(true);
  if (!answer.error.isEmpty()) {
    m_status->setText(answer.error);
    emit searchFailed(answer.error);
    if (!m_requestForPriors) emit searchFinished(0);
    return;
  }
  if (m_requestForPriors) {
    std::vector<network::StudyMatch> priors;
    for (const auto& study : answer.studies)
      if (study.study_uid != m_activated.study_uid && study.study_date < m_activated.study_date) priors.push_back(study);
    std::sort(priors.begin(), priors.end(),
              [](const auto& a, const auto& b) { return a.study_date + a.study_time > b.study_date + b.study_time; });
    QStringList priorUids;
    QStringList priorDates;
    for (const auto& prior : priors) {
      priorUids << QString::fromStdString(prior.study_uid);
      priorDates << WorklistModel::displayDate(prior.study_date);
    }
    m_status->setText(priors.empty() ? tr("No priors.")
                                     : tr("Priors: %1").arg(priorDates.join(QStringLiteral(", "))));
    emit studyActivated(QString::fromStdString(m_activated.study_uid), priorUids);
    return;
  }
  const int n = m_model->rowCount();
  m_status->setText(answer.truncated ? tr("%1 studies shown; more match: narrow the search").arg(n)
                                     : (n == 1 ? tr("1 study") : tr("%1 studies").arg(n)));
  emit searchFinished(n);
}

}  // namespace anatomix::worklist
