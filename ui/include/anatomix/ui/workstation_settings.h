// WorkstationSettings: the user's persistent settings (QSettings) behind typed accessors, so that
// key names live in one place. Keys: window/geometry, window/state, files/recent, files/lastFolder,
// ai/bundleDir, ai/addedBundleDirs, ai/device, ai/threads, appearance/theme, pacs/node, pacs/callingAeTitle, pacs/cacheFolder,
// pacs/retrieveMethod, pacs/storagePort, pacs/cacheLimitMB, pacs/nodes (a list), pacs/chosenNode.
// GUI thread only.
#pragma once

#include <memory>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "anatomix/network/pacs_node.h"

class QSettings;

namespace anatomix::ui {

class WorkstationSettings {
 public:
  static constexpr int kMaxRecentFiles = 10;
  static constexpr double kDefaultStudyCacheLimitMB = 10240;

  // The platform's native store for the application (organisation "AnatomiX").
  WorkstationSettings();
  // An INI file at `iniPath` (tests, portable installs).
  explicit WorkstationSettings(const QString& iniPath);
  ~WorkstationSettings();
  WorkstationSettings(const WorkstationSettings&) = delete;
  WorkstationSettings& operator=(const WorkstationSettings&) = delete;

  QByteArray windowGeometry() const;
  void setWindowGeometry(const QByteArray& geometry);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& state);

  // Most recent first, at most kMaxRecentFiles, no duplicates.
  QStringList recentFiles() const;
  // Moves `path` (made absolute) to the front of the list.
  void addRecentFile(const QString& path);
  void removeRecentFile(const QString& path);
  void clearRecentFiles();

  // Folder of the last file dialog; the home folder when unset or no longer there.
  QString lastFolder() const;
  void setLastFolder(const QString& folder);

  // The model bundle folder; "" when the user has not chosen one (the shipped bundle is used).
  QString bundleDir() const;
  void setBundleDir(const QString& folder);
  // Bundle folders the user added with AI > Model > Add Model Folder (absolute, in the order added), listed in
  // the menu beside the shipped bundle and those of the user's bundle folder.
  QStringList addedBundleDirs() const;
  void addBundleDir(const QString& folder);
  // "cpu" (default) or "cuda".
  QString aiDevice() const;
  void setAiDevice(const QString& device);
  // Engine threads; 0 (default): all cores but one, so the window stays responsive.
  int aiThreads() const;
  void setAiThreads(int threads);

  // "dark" (default, for a reading room) or "light" (theme.h).
  QString theme() const;
  void setTheme(const QString& theme);

  // The PACS the worklist queries, as AET@host:port; "" (default): no PACS, no worklist dock.
  QString pacsNode() const;
  void setPacsNode(const QString& node);
  // Our AE title as the PACS knows it (default ANATOMIX).
  QString pacsCallingAeTitle() const;
  void setPacsCallingAeTitle(const QString& aeTitle);
  // Where retrieved studies go (<folder>/<Study Instance UID>/); default: the platform's cache folder.
  QString studyCacheFolder() const;
  void setStudyCacheFolder(const QString& folder);
  // How studies come from the PACS: "get" (default, C-GET on the query association's peer) or "move"
  // (C-MOVE to the workstation's own storage SCP, which the PACS must know by AE title, host and port).
  QString pacsRetrieveMethod() const;
  void setPacsRetrieveMethod(const QString& method);
  // The port of our storage SCP with "move" (default 11112).
  int pacsStoragePort() const;
  void setPacsStoragePort(int port);
  // The PACS nodes the user keeps (pacs/nodes: name, AE title, host, port, TLS and its trusted
  // certificates, our calling AE title, our storage port), in the user's order. Before a list was
  // first saved, the single node of pacs/node with pacs/callingAeTitle and pacs/storagePort (none
  // when pacs/node is empty or not AET@host:port).
  std::vector<network::PacsNode> pacsNodes() const;
  // Saves the list and which node the worklist, --pacs and the sending use (an index into `nodes`,
  // -1: none). pacs/node, pacs/callingAeTitle and pacs/storagePort are rewritten with the chosen
  // node, so that they keep saying which node is in use.
  void setPacsNodes(const std::vector<network::PacsNode>& nodes, int chosen);
  // The index of the node in use in pacsNodes(); -1 when the list is empty.
  int chosenPacsNode() const;
  // The node in use, from the list when one was saved, else from pacs/node (PacsError when that is
  // not AET@host:port). Call only when pacsNode() is not empty.
  network::PacsNode pacsNodeInUse() const;
  // The study cache is cut to this size after each retrieval, oldest studies first (default 10 GiB;
  // 0: no limit). Fractions are allowed.
  double studyCacheLimitMB() const;
  void setStudyCacheLimitMB(double megabytes);

  void sync();  // writes pending changes now
  QString storageLocation() const;  // file name or registry path, for the log

 private:
  std::unique_ptr<QSettings> m_settings;
};

// Pure list logic of the recent-files menu: `path` moved to the front, duplicates removed, cut to
// `maxCount`.
QStringList withRecentFile(QStringList recent, const QString& path, int maxCount);

}  // namespace anatomix::ui
