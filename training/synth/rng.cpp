#include "synth/rng.h"

#include <cmath>

namespace anatomix::synth {

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Rng::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Rng::uniform(double low, double high) { return low + (high - low) * uniform(); }

double Rng::normal() {
  const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

std::size_t Rng::index(std::size_t count) {
  // Rejection sampling removes the modulo bias.
  const std::uint64_t n = count;
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t value = engine_();
  while (value >= limit) value = engine_();
  return static_cast<std::size_t>(value % n);
}

int Rng::integer(int low, int high) {
  return low + static_cast<int>(index(static_cast<std::size_t>(high - low + 1)));
}

}  // namespace anatomix::synth
