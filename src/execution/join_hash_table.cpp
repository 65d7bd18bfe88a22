// JoinHashTable: building the flat table (see join_hash_table.hpp).
#include "execution/join_hash_table.hpp"

#include <atomic>

#include "execution/parallel/task_scheduler.hpp"

namespace kadedb {

namespace {

// Builds with fewer rows are inserted on one thread.
constexpr size_t kParallelBuildRows = 256 * 1024;

}  // namespace

bool JoinHashTable::KeysEqual(const std::vector<Vector>& probe, size_t i, uint64_t r) const {
  for (size_t k = 0; k < probe.size(); k++) {
    if (!ValuesEqual(probe[k], i, keys_->column(k), r)) return false;
  }
  return true;
}

void JoinHashTable::InsertPartition(size_t p, const std::vector<uint32_t>& rows) {
  Slot* part = slots_.data() + (p << part_bits_);
  const uint64_t* hashes = hashes_->data();
  // Reverse, so each key's chain lists its rows in input order.
  if (int_mode_) {
    const int64_t* key = keys_->column(0).ints().data();
    for (size_t j = rows.size(); j-- > 0;) {
      uint32_t r = rows[j];
      uint64_t s = hashes[r] & part_mask_;
      const uint64_t k = static_cast<uint64_t>(key[r]);
      while (part[s].row != 0 && part[s].key != k) s = (s + 1) & part_mask_;
      next_[r] = part[s].row;
      part[s].key = k;
      part[s].row = r + 1;
    }
    return;
  }
  for (size_t j = rows.size(); j-- > 0;) {
    uint32_t r = rows[j];
    const uint64_t h = hashes[r];
    uint64_t s = h & part_mask_;
    while (part[s].row != 0) {
      if (part[s].key == h) {
        uint64_t other = part[s].row - 1;
        bool eq = true;
        for (size_t k = 0; k < keys_->ColumnCount() && eq; k++) {
          eq = ValuesEqual(keys_->column(k), r, keys_->column(k), other);
        }
        if (eq) break;
      }
      s = (s + 1) & part_mask_;
    }
    next_[r] = part[s].row;
    part[s].key = h;
    part[s].row = r + 1;
  }
}

void JoinHashTable::Build(const RowCollection& keys, const std::vector<uint64_t>& hashes,
                          const std::vector<bool>& check, size_t threads) {
  keys_ = &keys;
  hashes_ = &hashes;
  const size_t n = keys.size();
  int_mode_ =
      keys.ColumnCount() == 1 && check[0] && keys.column(0).physical() == PhysicalType::kInt64;
  // Partitions: one per 64K rows, at most 256, a power of two.
  size_t parts = 1;
  while (parts < 256 && parts * 65536 < n) parts <<= 1;
  size_t per_part = 16;
  while (per_part * parts < n * 2) per_part <<= 1;
  part_count_mask_ = parts - 1;
  part_bits_ = 0;
  while ((size_t{1} << part_bits_) < per_part) part_bits_++;
  part_mask_ = per_part - 1;
  slots_.assign(parts * per_part, Slot());
  next_.assign(n, 0);

  // Rows per partition, in input order; rows with a NULL in a checked key are left out.
  std::vector<std::vector<uint32_t>> rows(parts);
  std::vector<const Vector*> checked;
  for (size_t k = 0; k < keys.ColumnCount(); k++) {
    if (check[k]) checked.push_back(&keys.column(k));
  }
  for (auto& v : rows) v.reserve(n / parts + 16);
  for (size_t r = 0; r < n; r++) {
    bool skip = false;
    for (const Vector* v : checked) skip = skip || v->IsNull(r);
    if (skip) {
      has_null_key_ = true;
      continue;
    }
    rows[(hashes[r] >> 40) & part_count_mask_].push_back(static_cast<uint32_t>(r));
  }
  threads = std::min(threads, parts);
  if (threads <= 1 || n < kParallelBuildRows) {
    for (size_t p = 0; p < parts; p++) InsertPartition(p, rows[p]);
    return;
  }
  std::atomic<size_t> cursor{0};
  TaskScheduler::Get().RunOnThreads(threads, [&](size_t) {
    for (size_t p = cursor++; p < parts; p = cursor++) InsertPartition(p, rows[p]);
  });
}

}  // namespace kadedb
