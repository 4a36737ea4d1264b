#include "anatomix/worklist/worklist_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "anatomix/network/pacs_client.h"
#include "anatomix/worklist/worklist_model.h"

namespace anatomix::worklist {

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
  m_sorted = new QSortFilterProxyModel(this);
  m_sorted->setSourceModel(m_model);
  m_sorted->setSortRole(Qt::UserRole);
  m_table = new QTableView(this);
  m_table->setModel(m_sorted);
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

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(m_searchButton);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_status);

  connect(m_searchButton, &QPushButton::clicked, this, &WorklistPanel::search);
  for (QLineEdit* edit : {m_patientName, m_patientId, m_dateFrom, m_dateTo, m_accession})
    connect(edit, &QLineEdit::returnPressed, this, &WorklistPanel::search);
  connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) { activateRow(index.row()); });
  // Emitted on the GUI thread when the worker's future completes.
  connect(&m_watcher, &QFutureWatcher<WorklistAnswer>::finished, this, &WorklistPanel::applyAnswer);
}

WorklistPanel::~WorklistPanel() { m_watcher.waitForFinished(); }

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
  m_requestForPriors = forPriors;
  m_searchButton->setEnabled(false);
  m_status->setText(forPriors ? tr("Looking for priors...") : tr("Searching..."));
  const network::PacsNode node = m_node;  // copied: the worker never touches the panel
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
  const int n = static_cast<int>(answer.studies.size());
  m_model->setStudies(answer.studies);
  m_status->setText(answer.truncated ? tr("%1 studies shown; more match: narrow the search").arg(n)
                                     : (n == 1 ? tr("1 study") : tr("%1 studies").arg(n)));
  emit searchFinished(n);
}

}  // namespace anatomix::worklist
