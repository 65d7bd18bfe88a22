// JoinKeyPacking: a hash join on several integer keys (TPC-H Q5's c_nationkey = s_nationkey AND
// c_custkey = o_custkey) packs each row's keys into one 64-bit integer, (key - build min) shifted
// into its own bit field, when the build side's key ranges fit 62 bits together. The hash table
// then runs in its integer mode (the key inline in the slot, no per-column comparisons). A probe
// row with a key outside the build's range cannot match and is skipped (it is not NULL: mark
// joins still answer false for it).
#pragma once

#include <cstdint>
#include <vector>

#include "execution/vector_ops.hpp"

namespace kadedb {

class JoinKeyPacking {
 public:
  // Decides from the build keys (n rows): packs when there are at least two keys, every key is
  // integer-class and compared with `=` (check[k]), some row has no NULL key, and the ranges fit.
  void Plan(const RowCollection& keys, const std::vector<bool>& check);
  bool active() const { return active_; }

  // Packs rows [0, n) of keys into out (BIGINT; NULL when a key is NULL); out_of_range[i] = 1
  // when a non-NULL key lies outside the build's range. REQUIRES: active().
  void Pack(const std::vector<const Vector*>& keys, size_t n, Vector& out,
            std::vector<uint8_t>& out_of_range) const;

 private:
  bool active_ = false;
  std::vector<int64_t> min_, max_;
  std::vector<unsigned> shift_;
};

}  // namespace kadedb
