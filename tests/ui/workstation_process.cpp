#include "workstation_process.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace anatomix::ui::testing {

WorkstationRun runWorkstation(const QString& binary, const QStringList& arguments, const QString& home, int timeoutMs) {
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("HOME"), home);
  environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
  environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
  environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
  environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
  process.setProcessEnvironment(environment);
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(binary, arguments);
  WorkstationRun run;
  const bool finished = process.waitForFinished(timeoutMs);
  if (!finished) {
    process.kill();
    process.waitForFinished();
  }
  run.output = process.readAll();
  if (finished && process.exitStatus() == QProcess::NormalExit) run.exitCode = process.exitCode();
  return run;
}

}  // namespace anatomix::ui::testing
