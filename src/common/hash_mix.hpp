// MixBits: a 64-bit finaliser (MurmurHash3's fmix64 constants) that spreads every input bit over
// the whole word, so hash tables may take either their low bits (masks) or their top bits (slot
// index and tag) from the result. Shared by the executor's vector hashing and storage's in-memory
// key map. Not a stable on-disk hash: nothing persisted depends on it.
#pragma once

#include <cstdint>

namespace kadedb {

inline uint64_t MixBits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace kadedb
