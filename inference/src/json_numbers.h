// Whole numbers from JSON documents read from outside (bundle config.json, the language model's config).
// nlohmann's get<int>() is a static_cast: undefined for a float outside the target's range (1e80) and
// silently wrapping for an integer that does not fit, so readers of such documents go through this.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace anatomix {

// The value if it is a whole number (integer, or float without a fraction) that fits `Int`, else nothing.
template <typename Int>
std::optional<Int> json_integer(const nlohmann::json& value) {
  static_assert(std::is_integral_v<Int> && std::is_signed_v<Int>, "signed integer types only");
  constexpr std::int64_t lowest = std::numeric_limits<Int>::min();
  constexpr std::int64_t highest = std::numeric_limits<Int>::max();
  if (value.is_number_unsigned()) {
    const std::uint64_t number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(highest)) return std::nullopt;
    return static_cast<Int>(number);
  }
  if (value.is_number_integer()) {
    const std::int64_t number = value.get<std::int64_t>();
    if (number < lowest || number > highest) return std::nullopt;
    return static_cast<Int>(number);
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    // -lowest is a power of two, exact as a double; NaN fails both comparisons.
    if (!(number >= static_cast<double>(lowest) && number < -static_cast<double>(lowest))) return std::nullopt;
    if (number != std::trunc(number)) return std::nullopt;
    return static_cast<Int>(number);
  }
  return std::nullopt;
}

}  // namespace anatomix
