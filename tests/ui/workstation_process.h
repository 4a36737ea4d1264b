// The real anatomix-workstation program run as a user would run it, for the tests of its command line.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace anatomix::ui::testing {

struct WorkstationRun {
  int exitCode = -1;  // -1 when it did not finish within the time or crashed
  QByteArray output;  // stdout and stderr together
};

// Runs `binary` with `arguments`; its settings, logs and caches go to `home` (HOME and the XDG folders), never
// to the user's. A run that does not finish within `timeoutMs` is killed.
WorkstationRun runWorkstation(const QString& binary, const QStringList& arguments, const QString& home,
                              int timeoutMs = 90000);

}  // namespace anatomix::ui::testing
