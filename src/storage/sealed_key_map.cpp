// SealedKeyMap: unique-index key hints for sealed rows (see the header).
#include "storage/sealed_key_map.hpp"

#include <functional>
#include <string_view>

#include "common/hash_mix.hpp"

namespace kadedb {

namespace {

constexpr int kRowIdBits = 40;
constexpr uint64_t kRowIdMask = (uint64_t{1} << kRowIdBits) - 1;
constexpr int kTagBits = 64 - kRowIdBits;  // 24: at least kMaxLog2Slots

uint64_t Tag(uint64_t hash) {
  return hash >> (64 - kTagBits);
}

}  // namespace

uint64_t SealedKeyMap::Hash(std::string_view encoded_key) {
  // Finalised: the slot index and tag come from the top bits.
  return MixBits(std::hash<std::string_view>()(encoded_key));
}

uint64_t SealedKeyMap::Find(uint64_t hash, const std::function<bool(uint64_t)>& check) const {
  std::shared_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || slots_.empty()) return 0;
  uint64_t tag = Tag(hash);
  size_t mask = slots_.size() - 1;
  for (size_t i = tag >> (kTagBits - log2_);; i = (i + 1) & mask) {
    uint64_t s = slots_[i];
    if (s == 0) return 0;
    if ((s >> kRowIdBits) == tag && check(s & kRowIdMask)) return s & kRowIdMask;
  }
}

bool SealedKeyMap::Covers(uint64_t row_start) const {
  std::shared_lock lock(mutex_);
  return full_ || covered_.count(row_start) > 0;
}

void SealedKeyMap::Place(uint64_t slot) {
  size_t mask = slots_.size() - 1;
  size_t i = (slot >> kRowIdBits) >> (kTagBits - log2_);
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = slot;
}

void SealedKeyMap::Grow(uint32_t log2) {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(size_t{1} << log2, 0);
  log2_ = log2;
  for (uint64_t s : old)
    if (s != 0) Place(s);
}

bool SealedKeyMap::AddGroup(uint64_t row_start,
                            const std::vector<std::pair<uint64_t, uint64_t>>& entries) {
  std::unique_lock lock(mutex_);
  if (full_) return false;
  if (!covered_.insert(row_start).second) return true;
  size_t need = count_ + entries.size();
  uint32_t log2 = log2_ == 0 ? 10 : log2_;
  // Load factor at most 5/8: short probe runs.
  while ((size_t{1} << log2) * 5 / 8 < need) log2++;
  if (log2 > kMaxLog2Slots) {
    full_ = true;
    return false;
  }
  if (log2 != log2_) Grow(log2);
  for (auto& [hash, row_id] : entries) {
    if (row_id == 0 || row_id > kRowIdMask) continue;
    Place((Tag(hash) << kRowIdBits) | row_id);
    count_++;
  }
  return true;
}

}  // namespace kadedb
