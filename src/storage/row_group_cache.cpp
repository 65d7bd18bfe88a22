// RowGroupCache: committed row-group headers of one table, for point fetches of sealed rows.
#include "storage/row_group_cache.hpp"

#include <algorithm>

namespace kadedb {

int64_t CachedRowGroup::Position(uint64_t row_id, const Vector* ids) const {
  if (row_id < header.row_start || row_id >= header.row_end) return -1;
  if (dense) return static_cast<int64_t>(row_id - header.row_start);
  if (ids == nullptr) return -1;
  const auto& v = ids->ints();
  auto p = std::lower_bound(v.begin(), v.end(), static_cast<int64_t>(row_id));
  if (p == v.end() || *p != static_cast<int64_t>(row_id)) return -1;
  return p - v.begin();
}

std::shared_ptr<const Vector> CachedRowGroup::Segment(
    uint32_t column, const std::function<std::shared_ptr<const Vector>()>& load) const {
  {
    std::lock_guard lock(mutex_);
    const std::weak_ptr<const Vector>* slot = nullptr;
    if (column == kRowIdSegment) {
      slot = &row_ids_;
    } else if (column < columns_.size()) {
      slot = &columns_[column];
    }
    if (slot != nullptr) {
      if (auto v = slot->lock()) return v;
    }
  }
  std::shared_ptr<const Vector> v = load();
  std::lock_guard lock(mutex_);
  if (column == kRowIdSegment) {
    row_ids_ = v;
  } else {
    if (column >= columns_.size()) columns_.resize(column + 1);
    columns_[column] = v;
  }
  return v;
}

std::shared_ptr<const CachedRowGroup> RowGroupCache::Lookup(uint64_t row_id,
                                                            uint64_t snapshot_seq) const {
  if (snapshot_seq == 0) return nullptr;
  std::shared_lock lock(mutex_);
  auto it = groups_.upper_bound(row_id);
  if (it == groups_.begin()) return nullptr;
  --it;
  const CachedRowGroup& g = *it->second;
  if (row_id >= g.header.row_end || g.seen_seq > snapshot_seq) return nullptr;
  return it->second;
}

void RowGroupCache::Add(const RowGroupHeader& header, uint64_t seen_seq) {
  if (seen_seq == 0) return;
  std::unique_lock lock(mutex_);
  if (disabled_) return;
  auto it = groups_.find(header.row_start);
  if (it != groups_.end()) {
    if (it->second->header.seal_id != header.seal_id) {
      // Two sealings of one range cannot both be committed: keep neither.
      groups_.erase(it);
      return;
    }
    if (it->second->seen_seq <= seen_seq) return;
  }
  auto g = std::make_shared<CachedRowGroup>();
  g->header = header;
  g->seen_seq = seen_seq;
  g->dense = header.row_end - header.row_start == header.row_count;
  groups_[header.row_start] = std::move(g);
  generation_.fetch_add(1, std::memory_order_release);
}

std::vector<std::shared_ptr<const CachedRowGroup>> RowGroupCache::All() const {
  std::vector<std::shared_ptr<const CachedRowGroup>> out;
  std::shared_lock lock(mutex_);
  for (auto& [start, g] : groups_) out.push_back(g);
  return out;
}

void RowGroupCache::Disable() {
  std::unique_lock lock(mutex_);
  disabled_ = true;
  groups_.clear();
}

}  // namespace kadedb
