// MetricsError: the one exception type of the evaluation metrics library (anatomix_metrics).
// Every function of the library reports bad input (mismatched sizes, malformed boxes, unreadable
// JSON, ...) by throwing it with a message that names the argument and says expected versus got.
#pragma once

#include <stdexcept>
#include <string>

namespace anatomix::eval {

class MetricsError : public std::runtime_error {
public:
    explicit MetricsError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace anatomix::eval
