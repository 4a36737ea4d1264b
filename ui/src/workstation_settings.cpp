#include "anatomix/ui/workstation_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include "anatomix/network/pacs_error.h"
#include "anatomix/ui/logging.h"

#include <spdlog/spdlog.h>

namespace anatomix::ui {
namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kRecentKey = QStringLiteral("files/recent");
const QString kLastFolderKey = QStringLiteral("files/lastFolder");
const QString kBundleDirKey = QStringLiteral("ai/bundleDir");
const QString kAddedBundleDirsKey = QStringLiteral("ai/addedBundleDirs");
const QString kAiDeviceKey = QStringLiteral("ai/device");
const QString kAiThreadsKey = QStringLiteral("ai/threads");
const QString kThemeKey = QStringLiteral("appearance/theme");
const QString kPacsNodeKey = QStringLiteral("pacs/node");
const QString kPacsCallingAeKey = QStringLiteral("pacs/callingAeTitle");
const QString kPacsCacheKey = QStringLiteral("pacs/cacheFolder");
const QString kPacsRetrieveMethodKey = QStringLiteral("pacs/retrieveMethod");
const QString kPacsStoragePortKey = QStringLiteral("pacs/storagePort");
const QString kPacsCacheLimitKey = QStringLiteral("pacs/cacheLimitMB");
const QString kPacsNodesKey = QStringLiteral("pacs/nodes");
const QString kPacsChosenNodeKey = QStringLiteral("pacs/chosenNode");

QString absolute(const QString& path) { return QFileInfo(path).absoluteFilePath(); }
}  // namespace

QStringList withRecentFile(QStringList recent, const QString& path, int maxCount) {
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > maxCount) recent.removeLast();
  return recent;
}

WorkstationSettings::WorkstationSettings()
    : m_settings(std::make_unique<QSettings>(QStringLiteral("AnatomiX"), QStringLiteral("AnatomiX Workstation"))) {}

WorkstationSettings::WorkstationSettings(const QString& iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

WorkstationSettings::~WorkstationSettings() = default;

QByteArray WorkstationSettings::windowGeometry() const { return m_settings->value(kGeometryKey).toByteArray(); }
void WorkstationSettings::setWindowGeometry(const QByteArray& geometry) { m_settings->setValue(kGeometryKey, geometry); }
QByteArray WorkstationSettings::windowState() const { return m_settings->value(kStateKey).toByteArray(); }
void WorkstationSettings::setWindowState(const QByteArray& state) { m_settings->setValue(kStateKey, state); }

QStringList WorkstationSettings::recentFiles() const {
  QStringList recent = m_settings->value(kRecentKey).toStringList();
  recent.removeDuplicates();
  recent.removeAll(QString());
  while (recent.size() > kMaxRecentFiles) recent.removeLast();
  return recent;
}

void WorkstationSettings::addRecentFile(const QString& path) {
  m_settings->setValue(kRecentKey, withRecentFile(recentFiles(), absolute(path), kMaxRecentFiles));
}

void WorkstationSettings::removeRecentFile(const QString& path) {
  QStringList recent = recentFiles();
  recent.removeAll(absolute(path));
  m_settings->setValue(kRecentKey, recent);
}

void WorkstationSettings::clearRecentFiles() { m_settings->remove(kRecentKey); }

QString WorkstationSettings::lastFolder() const {
  const QString folder = m_settings->value(kLastFolderKey).toString();
  if (folder.isEmpty() || !QFileInfo(folder).isDir()) return QDir::homePath();
  return folder;
}

void WorkstationSettings::setLastFolder(const QString& folder) { m_settings->setValue(kLastFolderKey, absolute(folder)); }

QString WorkstationSettings::bundleDir() const { return m_settings->value(kBundleDirKey).toString(); }
void WorkstationSettings::setBundleDir(const QString& folder) {
  m_settings->setValue(kBundleDirKey, folder.isEmpty() ? QString() : absolute(folder));
}
QStringList WorkstationSettings::addedBundleDirs() const { return m_settings->value(kAddedBundleDirsKey).toStringList(); }
void WorkstationSettings::addBundleDir(const QString& folder) {
  QStringList folders = addedBundleDirs();
  const QString path = absolute(folder);
  if (!folders.contains(path)) folders.push_back(path);
  m_settings->setValue(kAddedBundleDirsKey, folders);
}
QString WorkstationSettings::aiDevice() const {
  const QString device = m_settings->value(kAiDeviceKey).toString().toLower();
  return device == QLatin1String("cuda") ? device : QStringLiteral("cpu");
}
void WorkstationSettings::setAiDevice(const QString& device) { m_settings->setValue(kAiDeviceKey, device.toLower()); }
int WorkstationSettings::aiThreads() const { return qMax(0, m_settings->value(kAiThreadsKey, 0).toInt()); }
void WorkstationSettings::setAiThreads(int threads) { m_settings->setValue(kAiThreadsKey, qMax(0, threads)); }

QString WorkstationSettings::theme() const {
  return m_settings->value(kThemeKey).toString() == QLatin1String("light") ? QStringLiteral("light") : QStringLiteral("dark");
}
void WorkstationSettings::setTheme(const QString& theme) { m_settings->setValue(kThemeKey, theme); }

void WorkstationSettings::sync() { m_settings->sync(); }

QString WorkstationSettings::storageLocation() const { return m_settings->fileName(); }

QString WorkstationSettings::pacsNode() const { return m_settings->value(kPacsNodeKey).toString().trimmed(); }
void WorkstationSettings::setPacsNode(const QString& node) { m_settings->setValue(kPacsNodeKey, node.trimmed()); }

QString WorkstationSettings::pacsCallingAeTitle() const {
  const QString title = m_settings->value(kPacsCallingAeKey).toString().trimmed();
  return title.isEmpty() ? QStringLiteral("ANATOMIX") : title;
}
void WorkstationSettings::setPacsCallingAeTitle(const QString& aeTitle) { m_settings->setValue(kPacsCallingAeKey, aeTitle); }

QString WorkstationSettings::studyCacheFolder() const {
  const QString folder = m_settings->value(kPacsCacheKey).toString();
  if (!folder.isEmpty()) return folder;
  return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/studies");
}
void WorkstationSettings::setStudyCacheFolder(const QString& folder) { m_settings->setValue(kPacsCacheKey, folder); }

QString WorkstationSettings::pacsRetrieveMethod() const {
  return m_settings->value(kPacsRetrieveMethodKey).toString().trimmed().toLower() == QLatin1String("move")
             ? QStringLiteral("move")
             : QStringLiteral("get");
}
void WorkstationSettings::setPacsRetrieveMethod(const QString& method) {
  m_settings->setValue(kPacsRetrieveMethodKey, method.trimmed().toLower());
}
int WorkstationSettings::pacsStoragePort() const { return m_settings->value(kPacsStoragePortKey, 11112).toInt(); }
void WorkstationSettings::setPacsStoragePort(int port) { m_settings->setValue(kPacsStoragePortKey, port); }
double WorkstationSettings::studyCacheLimitMB() const {
  bool ok = false;
  const double limit = m_settings->value(kPacsCacheLimitKey, kDefaultStudyCacheLimitMB).toDouble(&ok);
  return ok ? qMax(0.0, limit) : kDefaultStudyCacheLimitMB;
}
void WorkstationSettings::setStudyCacheLimitMB(double megabytes) { m_settings->setValue(kPacsCacheLimitKey, megabytes); }

std::vector<network::PacsNode> WorkstationSettings::pacsNodes() const {
  std::vector<network::PacsNode> nodes;
  if (!m_settings->contains(kPacsNodesKey + QStringLiteral("/size"))) {
    // Only the single node of the keys before the list.
    if (pacsNode().isEmpty()) return nodes;
    try {
      nodes.push_back(pacsNodeInUse());
    } catch (const network::PacsError& error) {
      // Not listed; the key stays as it is until the list is saved.
      uiLogger()->warn("The PACS node setting \"{}\" cannot be read: {}", pacsNode().toStdString(), error.what());
    }
    return nodes;
  }
  const int count = m_settings->beginReadArray(kPacsNodesKey);
  for (int i = 0; i < count; ++i) {
    m_settings->setArrayIndex(i);
    network::PacsNode node;
    node.name = m_settings->value(QStringLiteral("name")).toString().toStdString();
    node.called_ae_title = m_settings->value(QStringLiteral("aeTitle"), QString::fromStdString(node.called_ae_title))
                               .toString()
                               .toStdString();
    node.host = m_settings->value(QStringLiteral("host"), QString::fromStdString(node.host)).toString().toStdString();
    node.port = m_settings->value(QStringLiteral("port"), node.port).toInt();
    node.tls = m_settings->value(QStringLiteral("tls"), false).toBool();
    node.tls_trusted_certificates = m_settings->value(QStringLiteral("tlsTrustedCertificates")).toString().toStdString();
    node.calling_ae_title =
        m_settings->value(QStringLiteral("callingAeTitle"), QString::fromStdString(node.calling_ae_title))
            .toString()
            .toStdString();
    node.storage_port = m_settings->value(QStringLiteral("storagePort"), node.storage_port).toInt();
    nodes.push_back(node);
  }
  m_settings->endArray();
  return nodes;
}

void WorkstationSettings::setPacsNodes(const std::vector<network::PacsNode>& nodes, int chosen) {
  m_settings->remove(kPacsNodesKey);
  m_settings->beginWriteArray(kPacsNodesKey, static_cast<int>(nodes.size()));
  for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
    const network::PacsNode& node = nodes[static_cast<std::size_t>(i)];
    m_settings->setArrayIndex(i);
    m_settings->setValue(QStringLiteral("name"), QString::fromStdString(node.name));
    m_settings->setValue(QStringLiteral("aeTitle"), QString::fromStdString(node.called_ae_title));
    m_settings->setValue(QStringLiteral("host"), QString::fromStdString(node.host));
    m_settings->setValue(QStringLiteral("port"), node.port);
    m_settings->setValue(QStringLiteral("tls"), node.tls);
    m_settings->setValue(QStringLiteral("tlsTrustedCertificates"), QString::fromStdString(node.tls_trusted_certificates));
    m_settings->setValue(QStringLiteral("callingAeTitle"), QString::fromStdString(node.calling_ae_title));
    m_settings->setValue(QStringLiteral("storagePort"), node.storage_port);
  }
  m_settings->endArray();
  m_settings->setValue(kPacsNodesKey + QStringLiteral("/size"), static_cast<int>(nodes.size()));  // also when empty
  const bool hasChosen = chosen >= 0 && chosen < static_cast<int>(nodes.size());
  m_settings->setValue(kPacsChosenNodeKey, hasChosen ? chosen : -1);
  if (!hasChosen) {
    setPacsNode(QString());
    return;
  }
  const network::PacsNode& node = nodes[static_cast<std::size_t>(chosen)];
  setPacsNode(QString::fromStdString(network::describe(node)));
  setPacsCallingAeTitle(QString::fromStdString(node.calling_ae_title));
  setPacsStoragePort(node.storage_port);
}

int WorkstationSettings::chosenPacsNode() const {
  const int count = static_cast<int>(pacsNodes().size());
  if (count == 0) return -1;
  if (!m_settings->contains(kPacsChosenNodeKey)) return 0;
  const int chosen = m_settings->value(kPacsChosenNodeKey, 0).toInt();
  return chosen >= 0 && chosen < count ? chosen : -1;
}

network::PacsNode WorkstationSettings::pacsNodeInUse() const {
  if (m_settings->contains(kPacsNodesKey + QStringLiteral("/size"))) {
    const std::vector<network::PacsNode> nodes = pacsNodes();
    const int chosen = chosenPacsNode();
    if (chosen >= 0) return nodes[static_cast<std::size_t>(chosen)];
  }
  network::PacsNode node = network::parse_node(pacsNode().toStdString());
  node.calling_ae_title = pacsCallingAeTitle().toStdString();
  node.storage_port = pacsStoragePort();
  return node;
}

}  // namespace anatomix::ui
