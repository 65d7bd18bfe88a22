// RowHashSet: distinct rows by hash + typed equality.
#include "execution/row_hash_set.hpp"

namespace kadedb {

void RowHashSet::Grow() {
  size_t cap = std::max<size_t>(1024, slots_.size() * 2);
  slots_.assign(cap, 0);
  for (size_t r = 0; r < hashes_.size(); r++) {
    size_t s = hashes_[r] & (cap - 1);
    while (slots_[s]) s = (s + 1) & (cap - 1);
    slots_[s] = r + 1;
  }
}

uint64_t RowHashSet::Insert(const std::vector<const Vector*>& columns, size_t count,
                            std::vector<uint8_t>& is_new) {
  is_new.assign(count, 0);
  std::vector<uint64_t> hashes(count, 0);
  for (size_t c = 0; c < columns.size(); c++) {
    HashVector(*columns[c], count, hashes.data(), c > 0);
  }
  uint64_t bytes = 0;
  std::vector<uint32_t> one(1);
  for (size_t i = 0; i < count; i++) {
    if ((rows_.size() + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    size_t s = hashes[i] & mask;
    while (true) {
      uint64_t slot = slots_[s];
      if (slot == 0) {
        one[0] = static_cast<uint32_t>(i);
        for (size_t c = 0; c < columns.size(); c++) {
          AppendVectorSel(rows_.column(c), *columns[c], one.data(), 1);
        }
        rows_.SetCount(rows_.size() + 1);
        hashes_.push_back(hashes[i]);
        slots_[s] = rows_.size();
        is_new[i] = 1;
        bytes += 24;
        for (size_t c = 0; c < columns.size(); c++) bytes += VectorBytes(*columns[c], 0) + 9;
        break;
      }
      uint64_t r = slot - 1;
      if (hashes_[r] == hashes[i]) {
        bool eq = true;
        for (size_t c = 0; c < columns.size() && eq; c++) {
          eq = ValuesEqual(rows_.column(c), r, *columns[c], i);
        }
        if (eq) break;
      }
      s = (s + 1) & mask;
    }
  }
  return bytes;
}

}  // namespace kadedb
