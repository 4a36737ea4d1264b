#include "anatomix/report/draft_store.h"

#include <spdlog/spdlog.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include "anatomix/report/report_error.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

// A draft is a few kilobytes; anything far larger is not one of ours.
constexpr qint64 kMaxDraftBytes = 64 * 1024 * 1024;

}  // namespace

DraftStore::DraftStore(QString directory)
    : m_directory(directory.isEmpty() ? defaultDirectory() : std::move(directory)) {}

QString DraftStore::defaultDirectory() {
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts");
}

QString DraftStore::pathFor(const StudyIdentity& study) const {
  return QDir(m_directory).filePath(draftKey(study) + QStringLiteral(".json"));
}

void DraftStore::save(const ReportDraft& draft) const {
  if (!QDir().mkpath(m_directory)) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DraftStore", "Cannot create the draft folder %1")
                          .arg(m_directory));
  }
  const QString path = pathFor(draft.study);
  // QSaveFile writes a temporary file, fsyncs it and renames it over the old draft on commit().
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    throw ReportError(
        QCoreApplication::translate("anatomix::report::DraftStore", "Cannot save the report draft to %1: %2")
            .arg(path, file.errorString()));
  }
  const QByteArray bytes = QJsonDocument(draftToJson(draft)).toJson(QJsonDocument::Indented);
  if (file.write(bytes) != bytes.size() || !file.commit()) {
    throw ReportError(
        QCoreApplication::translate("anatomix::report::DraftStore", "Cannot save the report draft to %1: %2")
            .arg(path, file.errorString()));
  }
  reportLogger()->debug("DraftStore::save: {} ({} bytes)", path.toStdString(), bytes.size());
}

std::optional<ReportDraft> DraftStore::load(const StudyIdentity& study) const {
  const QString path = pathFor(study);
  QFile file(path);
  if (!file.exists()) return std::nullopt;
  if (!file.open(QIODevice::ReadOnly)) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DraftStore", "Cannot read the report draft %1: %2")
                          .arg(path, file.errorString()));
  }
  if (file.size() > kMaxDraftBytes) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DraftStore",
                                                  "The report draft %1 is %2 bytes, more than a draft can be")
                          .arg(path)
                          .arg(file.size()));
  }
  QJsonParseError parseError{};
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
    throw ReportError(
        QCoreApplication::translate("anatomix::report::DraftStore", "The report draft %1 is corrupt: %2 at byte %3")
            .arg(path, parseError.errorString())
            .arg(parseError.offset));
  }
  ReportDraft draft = draftFromJson(document.object(), path);
  // The file is found by the study key; the identity handed in is the current one (path may have moved).
  draft.study = study;
  return draft;
}

void DraftStore::remove(const StudyIdentity& study) const {
  const QString path = pathFor(study);
  if (QFile::exists(path) && !QFile::remove(path)) {
    throw ReportError(
        QCoreApplication::translate("anatomix::report::DraftStore", "Cannot delete the report draft %1").arg(path));
  }
}

}  // namespace anatomix::report
