// SegmentCache: process-wide LRU caches of column segments, keyed by
// (table oid, row_start, column, seal_id): the encoded bytes (for scans, which decode them per
// morsel) and decoded vectors (for point fetches of sealed rows). Segments are immutable once
// their row group is committed, and a re-sealed range gets a new seal_id, so an entry never goes
// stale; readers still decide visibility from the row-group headers they read at their
// snapshot.
//
// Threading: thread-safe (one mutex per cache; entries are shared_ptr so a reader keeps its
// segment alive while using it even if it is evicted meanwhile).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "kadedb/data_chunk.hpp"

namespace kadedb {

template <typename V>
class LruCache {
 public:
  // capacity: budget in bytes of the values held (as told to Insert).
  explicit LruCache(size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const V> Lookup(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->value;
  }
  void Insert(const std::string& key, std::shared_ptr<const V> value, size_t bytes) {
    std::lock_guard lock(mutex_);
    if (bytes > capacity_ / 4 || map_.count(key)) return;
    lru_.push_front(Entry{key, std::move(value), bytes});
    map_[key] = lru_.begin();
    used_ += bytes;
    while (used_ > capacity_ && !lru_.empty()) {
      used_ -= lru_.back().bytes;
      map_.erase(lru_.back().key);
      lru_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const V> value;
    size_t bytes;
  };
  std::mutex mutex_;
  size_t capacity_;
  size_t used_ = 0;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> map_;
};

struct SegmentCache {
  // Encoded segments (256 MiB) and decoded ones (256 MiB).
  static LruCache<std::string>& Encoded();
  static LruCache<Vector>& Decoded();
  static std::string Key(uint64_t oid, uint64_t row_start, uint32_t column, uint64_t seal_id);
};

}  // namespace kadedb
