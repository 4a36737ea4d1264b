// The report room's one exception type. Messages name the file or object and say what is wrong;
// they are already translated where a user sees them (ReportPanel shows what() as is).
#pragma once

#include <QString>
#include <stdexcept>

namespace anatomix::report {

class ReportError : public std::runtime_error {
 public:
  explicit ReportError(const QString& message) : std::runtime_error(message.toStdString()) {}
  QString message() const { return QString::fromStdString(what()); }
};

}  // namespace anatomix::report
