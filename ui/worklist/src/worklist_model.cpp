#include "anatomix/worklist/worklist_model.h"

#include <iterator>
#include <utility>

namespace anatomix::worklist {

WorklistModel::WorklistModel(QObject* parent) : QAbstractTableModel(parent) {}

void WorklistModel::setStudies(std::vector<network::StudyMatch> studies) {
  beginResetModel();
  m_studies = std::move(studies);
  endResetModel();
}

void WorklistModel::appendStudies(std::vector<network::StudyMatch> more) {
  if (more.empty()) return;
  const int first = static_cast<int>(m_studies.size());
  beginInsertRows({}, first, first + static_cast<int>(more.size()) - 1);
  m_studies.insert(m_studies.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  endInsertRows();
}

int WorklistModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_studies.size());
}

int WorklistModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

QString WorklistModel::displayDate(const std::string& dicomDate) {
  if (dicomDate.size() != 8) return QString::fromStdString(dicomDate);
  return QString::fromStdString(dicomDate.substr(0, 4) + "-" + dicomDate.substr(4, 2) + "-" + dicomDate.substr(6, 2));
}

QString WorklistModel::displayName(const std::string& personName) {
  // PS3.5 6.2.1: family^given^middle^prefix^suffix; only the first (alphabetic) group is shown.
  const std::string alphabetic = personName.substr(0, personName.find('='));
  QStringList parts = QString::fromStdString(alphabetic).split(QLatin1Char('^'));
  while (!parts.isEmpty() && parts.last().trimmed().isEmpty()) parts.removeLast();
  if (parts.size() <= 1) return parts.value(0);
  const QString family = parts.takeFirst();
  return family + QStringLiteral(", ") + parts.join(QLatin1Char(' ')).simplified();
}

QVariant WorklistModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const network::StudyMatch& study = m_studies[static_cast<std::size_t>(index.row())];
  const bool sortKey = role == Qt::UserRole;
  if (role != Qt::DisplayRole && !sortKey && role != Qt::ToolTipRole) return {};
  switch (index.column()) {
    case kPatientName: return displayName(study.patient_name);
    case kPatientId: return QString::fromStdString(study.patient_id);
    case kStudyDate:
      return sortKey ? QVariant(QString::fromStdString(study.study_date + study.study_time))
                     : QVariant(displayDate(study.study_date));
    case kAccession: return QString::fromStdString(study.accession);
    case kModalities: return QString::fromStdString(study.modalities).replace(QLatin1Char('\\'), QLatin1Char(' '));
    case kDescription: return QString::fromStdString(study.description);
    case kImages:
      if (sortKey) return study.n_instances;
      return study.n_instances < 0 ? QString() : QString::number(study.n_instances);
    default: return {};
  }
}

QVariant WorklistModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case kPatientName: return tr("Patient");
    case kPatientId: return tr("Patient ID");
    case kStudyDate: return tr("Date");
    case kAccession: return tr("Accession");
    case kModalities: return tr("Modality");
    case kDescription: return tr("Description");
    case kImages: return tr("Images");
    default: return {};
  }
}

}  // namespace anatomix::worklist
