// SegmentCache: the process-wide segment caches (see segment_cache.hpp).
#include "storage/segment_cache.hpp"

namespace kadedb {

LruCache<std::string>& SegmentCache::Encoded() {
  static LruCache<std::string> cache(256ull << 20);
  return cache;
}

LruCache<Vector>& SegmentCache::Decoded() {
  static LruCache<Vector> cache(256ull << 20);
  return cache;
}

std::string SegmentCache::Key(uint64_t oid, uint64_t row_start, uint32_t column, uint64_t seal_id) {
  std::string k(28, '\0');
  auto put = [&](size_t at, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; i++) k[at + i] = static_cast<char>(v >> (8 * i));
  };
  put(0, oid, 8);
  put(8, row_start, 8);
  put(16, column, 4);
  put(20, seal_id, 8);
  return k;
}

}  // namespace kadedb
