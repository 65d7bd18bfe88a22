// RandomSource: the tester's seeded pseudo-random generator. Every schema round and every query
// gets its own generator derived from (master seed, index), so one query can be regenerated alone
// (--only) without replaying the ones before it. Not thread-safe; one per generator.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kadedb::difftest {

// SplitMix64: mixes a seed and a stream index into an independent 64-bit seed.
inline uint64_t MixSeed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed + 0x9e3779b97f4a7c15ull * (stream + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

class RandomSource {
 public:
  explicit RandomSource(uint64_t seed) : gen_(seed) {}

  // Uniform integer in [lo, hi].
  int64_t Int(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(gen_);
  }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(gen_) < p; }
  double Real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(gen_); }
  // REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Int(0, static_cast<int64_t>(items.size()) - 1))];
  }
  uint64_t Next() { return gen_(); }

 private:
  std::mt19937_64 gen_;
};

}  // namespace kadedb::difftest
