// Deterministic random numbers for the study generator. The standard distributions are
// implementation-defined, so every distribution here is written out from the raw 64-bit engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace anatomix::synth {

// SplitMix64 step: derives well-mixed independent seeds from (seed, index) pairs.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index);

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next_u64() { return engine_(); }
  double uniform();                      // [0, 1), 53 random bits
  double uniform(double low, double high);
  double normal();                       // standard normal (Box-Muller, no cached second value)
  double normal(double mean, double sigma) { return mean + sigma * normal(); }
  bool bernoulli(double probability) { return uniform() < probability; }
  std::size_t index(std::size_t count);  // uniform in [0, count), count > 0
  int integer(int low, int high);        // uniform in [low, high]

  template <class T>
  const T& pick(const std::vector<T>& items) { return items[index(items.size())]; }

  template <class T>
  void shuffle(std::vector<T>& items) {  // Fisher-Yates with our own index()
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[index(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace anatomix::synth
