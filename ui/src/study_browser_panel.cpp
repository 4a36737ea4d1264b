#include "anatomix/ui/study_browser_panel.h"

#include <QDate>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "anatomix/image/dicom_text.h"

namespace anatomix::ui {
namespace {

constexpr int kKeyRole = Qt::UserRole + 1;   // identity of a node among its siblings
constexpr int kPathRole = Qt::UserRole + 2;  // image items: file path
constexpr int kStudyDateRole = Qt::UserRole + 3;  // study items: Study Date as stored (YYYYMMDD)
const QString kStudyKeyPrefix = QStringLiteral("study:");
const QString kErrorBranchKey = QStringLiteral("errors:");

QString qs(const std::string& text) { return QString::fromStdString(text); }

QString joinNonEmpty(const QStringList& parts) {
  QStringList kept;
  for (const QString& part : parts)
    if (!part.trimmed().isEmpty()) kept << part;
  return kept.join(QStringLiteral(", "));
}

QString formatTime(const std::string& dicomTime) {
  if (dicomTime.size() < 4) return QString();
  return qs(dicomTime.substr(0, 2)) + QLatin1Char(':') + qs(dicomTime.substr(2, 2));
}

}  // namespace

StudyBrowserPanel::StudyBrowserPanel(QWidget* parent) : QWidget(parent), m_tree(new QTreeWidget(this)) {
  setObjectName(QStringLiteral("studyBrowserPanel"));
  m_tree->setObjectName(QStringLiteral("studyTree"));
  m_tree->setColumnCount(ColumnCount);
  m_tree->setHeaderLabels({tr("Name"), tr("Date"), tr("Modality"), tr("Details")});
  // Image rows are taller once they have their thumbnail.
  m_tree->setUniformRowHeights(false);
  m_tree->setIconSize(QSize(48, 48));
  m_tree->setAlternatingRowColors(true);
  m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
  m_tree->header()->resizeSection(NameColumn, 200);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_tree);

  connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const QString path = item->data(NameColumn, kPathRole).toString();
    if (!path.isEmpty()) emit imageActivated(path);
  });
  connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
    const QString path = item->data(NameColumn, kPathRole).toString();
    if (!path.isEmpty() && path != m_currentPath) emit imageActivated(path);
  });
}

QString StudyBrowserPanel::formatDate(const QString& dicomDate) {
  const QDate date = QDate::fromString(dicomDate.left(8), QStringLiteral("yyyyMMdd"));
  if (!date.isValid()) return dicomDate;
  // The locale's short format, but always with a four-digit year (birth dates span centuries).
  QString format = QLocale().dateFormat(QLocale::ShortFormat);
  if (!format.contains(QLatin1String("yyyy"))) format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
  return QLocale().toString(date, format);
}

QTreeWidgetItem* StudyBrowserPanel::childWithKey(QTreeWidgetItem* parent, const QString& key) const {
  for (int i = 0; i < parent->childCount(); ++i)
    if (parent->child(i)->data(NameColumn, kKeyRole).toString() == key) return parent->child(i);
  return nullptr;
}

QTreeWidgetItem* StudyBrowserPanel::topLevelWithKey(const QString& key) const {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
    if (m_tree->topLevelItem(i)->data(NameColumn, kKeyRole).toString() == key) return m_tree->topLevelItem(i);
  return nullptr;
}

QTreeWidgetItem* StudyBrowserPanel::errorBranch() {
  if (QTreeWidgetItem* branch = topLevelWithKey(kErrorBranchKey)) return branch;
  auto* branch = new QTreeWidgetItem(m_tree);
  branch->setData(NameColumn, kKeyRole, kErrorBranchKey);
  branch->setText(NameColumn, tr("Could not open"));
  branch->setForeground(NameColumn, QColor(200, 40, 40));
  return branch;
}

QStringList StudyBrowserPanel::addStudyTree(const image::StudyTree& scan) {
  QStringList added;
  for (const image::ScannedPatient& patient : scan.patients) {
    const auto& p = patient.attributes;
    const QString patientKey = QStringLiteral("patient:") + qs(p.id) + QLatin1Char('|') + qs(p.name);
    QTreeWidgetItem* patientItem = topLevelWithKey(patientKey);
    if (!patientItem) {
      patientItem = new QTreeWidgetItem();
      // Patients above the error branch, which stays last.
      const int errorRow = m_tree->indexOfTopLevelItem(topLevelWithKey(kErrorBranchKey));
      m_tree->insertTopLevelItem(errorRow >= 0 ? errorRow : m_tree->topLevelItemCount(), patientItem);
      patientItem->setData(NameColumn, kKeyRole, patientKey);
      const QString name = qs(image::display_person_name(p.name));
      patientItem->setText(NameColumn, name.isEmpty() ? tr("(no name)") : name);
      patientItem->setText(DateColumn, formatDate(qs(p.birth_date)));
      patientItem->setToolTip(DateColumn, tr("Birth date"));
      patientItem->setText(DetailsColumn, joinNonEmpty({p.id.empty() ? QString() : tr("ID %1").arg(qs(p.id)),
                                                        p.sex.empty() ? QString() : tr("Sex %1").arg(qs(p.sex))}));
      patientItem->setExpanded(true);
    }
    for (const image::ScannedStudy& study : patient.studies) {
      const auto& s = study.attributes;
      const QString studyKey = kStudyKeyPrefix + qs(s.instance_uid);
      QTreeWidgetItem* studyItem = childWithKey(patientItem, studyKey);
      if (!studyItem) {
        studyItem = new QTreeWidgetItem(patientItem);
        studyItem->setData(NameColumn, kKeyRole, studyKey);
        studyItem->setData(NameColumn, kStudyDateRole, qs(s.date));
        QString title = qs(s.description);
        if (title.isEmpty()) title = s.id.empty() ? tr("Study") : tr("Study %1").arg(qs(s.id));
        studyItem->setText(NameColumn, title);
        studyItem->setText(DateColumn, joinNonEmpty({formatDate(qs(s.date)), formatTime(s.time)}).replace(QStringLiteral(", "), QStringLiteral(" ")));
        studyItem->setText(DetailsColumn, s.accession_number.empty() ? QString() : tr("Accession %1").arg(qs(s.accession_number)));
        studyItem->setToolTip(NameColumn, qs(s.instance_uid));
        studyItem->setExpanded(true);
      }
      for (const image::ScannedSeries& series : study.series) {
        const auto& r = series.attributes;
        const QString seriesKey = QStringLiteral("series:") + qs(r.instance_uid);
        QTreeWidgetItem* seriesItem = childWithKey(studyItem, seriesKey);
        if (!seriesItem) {
          seriesItem = new QTreeWidgetItem(studyItem);
          seriesItem->setData(NameColumn, kKeyRole, seriesKey);
          const QString number = r.number ? tr("Series %1").arg(*r.number) : tr("Series");
          seriesItem->setText(NameColumn, joinNonEmpty({number, qs(r.description)}).replace(QStringLiteral(", "), QStringLiteral(": ")));
          seriesItem->setText(ModalityColumn, qs(r.modality));
          seriesItem->setText(DetailsColumn, qs(r.body_part_examined));
          seriesItem->setToolTip(NameColumn, qs(r.instance_uid));
          seriesItem->setExpanded(true);
        }
        for (const image::ScannedImage& scanned : series.images) {
          const QString path = qs(scanned.path);
          if (m_imageItems.contains(path)) continue;
          const auto& i = scanned.instance;
          auto* imageItem = new QTreeWidgetItem(seriesItem);
          imageItem->setData(NameColumn, kKeyRole, QStringLiteral("image:") + path);
          imageItem->setData(NameColumn, kPathRole, path);
          QString title = i.instance_number ? tr("Image %1").arg(*i.instance_number) : QFileInfo(path).fileName();
          if (!i.view_position.empty()) title += QStringLiteral(" (") + qs(i.view_position) + QLatin1Char(')');
          imageItem->setText(NameColumn, title);
          imageItem->setText(DateColumn, formatDate(qs(i.content_date.empty() ? i.acquisition_date : i.content_date)));
          imageItem->setText(ModalityColumn, qs(r.modality));
          QString size;
          if (i.columns > 0 && i.rows > 0) size = tr("%1 × %2").arg(i.columns).arg(i.rows);
          const QString bits = i.bits_stored > 0 ? tr("%1 bit").arg(i.bits_stored) : QString();
          imageItem->setText(DetailsColumn, joinNonEmpty({size, bits, qs(i.photometric_interpretation), qs(i.transfer_syntax_name)}));
          imageItem->setToolTip(NameColumn, path);
          m_imageItems.insert(path, imageItem);
          added << path;
        }
      }
    }
  }
  if (!scan.errors.empty()) {
    QTreeWidgetItem* branch = errorBranch();
    for (const image::ScanError& error : scan.errors) {
      auto* item = new QTreeWidgetItem(branch);
      item->setText(NameColumn, error.path.empty() ? tr("(scan)") : QFileInfo(qs(error.path)).fileName());
      item->setText(DetailsColumn, qs(error.message));
      item->setToolTip(NameColumn, qs(error.path));
      item->setToolTip(DetailsColumn, qs(error.message));
      item->setForeground(NameColumn, QColor(200, 40, 40));
    }
    branch->setExpanded(true);
  }
  // Fit the names, but never so wide that the date and details leave the dock.
  m_tree->resizeColumnToContents(NameColumn);
  m_tree->setColumnWidth(NameColumn, qMin(m_tree->columnWidth(NameColumn), 220));
  m_tree->resizeColumnToContents(DateColumn);
  m_tree->resizeColumnToContents(ModalityColumn);
  return added;
}

void StudyBrowserPanel::clear() {
  m_tree->clear();
  m_imageItems.clear();
  m_currentPath.clear();
}

QStringList StudyBrowserPanel::imagePaths() const {
  QStringList paths;
  QTreeWidgetItemIterator it(m_tree);
  while (*it) {
    const QString path = (*it)->data(NameColumn, kPathRole).toString();
    if (!path.isEmpty()) paths << path;
    ++it;
  }
  return paths;
}

QTreeWidgetItem* StudyBrowserPanel::studyItemOf(const QString& imagePath) const {
  QTreeWidgetItem* item = m_imageItems.value(imagePath);
  while (item && !item->data(NameColumn, kKeyRole).toString().startsWith(kStudyKeyPrefix)) item = item->parent();
  return item;
}

QStringList StudyBrowserPanel::imagePathsUnder(QTreeWidgetItem* item) {
  QStringList paths;
  const QString path = item->data(NameColumn, kPathRole).toString();
  if (!path.isEmpty()) paths << path;
  for (int i = 0; i < item->childCount(); ++i) paths << imagePathsUnder(item->child(i));
  return paths;
}

QStringList StudyBrowserPanel::imagePathsOfStudy(const QString& imagePath) const {
  QTreeWidgetItem* study = studyItemOf(imagePath);
  return study ? imagePathsUnder(study) : QStringList();
}

QString StudyBrowserPanel::priorImageOf(const QString& imagePath) const {
  QTreeWidgetItem* study = studyItemOf(imagePath);
  if (!study || !study->parent()) return QString();
  const QString date = study->data(NameColumn, kStudyDateRole).toString();
  if (date.isEmpty()) return QString();
  // Dates as YYYYMMDD compare as text; the newest earlier study of the patient is the prior.
  QTreeWidgetItem* prior = nullptr;
  QString priorDate;
  QTreeWidgetItem* patient = study->parent();
  for (int i = 0; i < patient->childCount(); ++i) {
    QTreeWidgetItem* other = patient->child(i);
    const QString otherDate = other->data(NameColumn, kStudyDateRole).toString();
    if (other == study || otherDate.isEmpty() || otherDate >= date || imagePathsUnder(other).isEmpty()) continue;
    if (!prior || otherDate > priorDate) {
      prior = other;
      priorDate = otherDate;
    }
  }
  return prior ? imagePathsUnder(prior).first() : QString();
}

QString StudyBrowserPanel::describeImage(const QString& path) const {
  const QTreeWidgetItem* item = m_imageItems.value(path);
  if (!item) return QFileInfo(path).fileName();
  const QTreeWidgetItem* study = studyItemOf(path);
  if (!study) return item->text(NameColumn);
  return tr("%1, %2: %3").arg(study->text(NameColumn), study->text(DateColumn), item->text(NameColumn));
}

void StudyBrowserPanel::setImageThumbnail(const QString& path, const QImage& thumbnail) {
  if (QTreeWidgetItem* item = m_imageItems.value(path)) item->setIcon(NameColumn, QIcon(QPixmap::fromImage(thumbnail)));
}

int StudyBrowserPanel::errorCount() const {
  const QTreeWidgetItem* branch = topLevelWithKey(kErrorBranchKey);
  return branch ? branch->childCount() : 0;
}

bool StudyBrowserPanel::setCurrentImage(const QString& path) {
  QTreeWidgetItem* item = m_imageItems.value(path);
  if (!item) return false;
  m_currentPath = path;
  m_tree->setCurrentItem(item);
  m_tree->scrollToItem(item);
  return true;
}

void StudyBrowserPanel::markImageFailed(const QString& path, const QString& reason) {
  QTreeWidgetItem* item = m_imageItems.value(path);
  if (!item) return;
  for (int column = 0; column < ColumnCount; ++column) item->setForeground(column, QColor(200, 40, 40));
  item->setToolTip(NameColumn, reason);
  item->setToolTip(DetailsColumn, reason);
}

}  // namespace anatomix::ui
