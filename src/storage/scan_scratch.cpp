// ScanScratch pool (see scan_scratch.hpp): keeps up to kMaxPooled released scratches whose
// buffers are below kMaxPooledBytes, most recently released first.
#include "storage/scan_scratch.hpp"

#include <memory>
#include <mutex>

namespace kadedb {

namespace {

constexpr size_t kMaxPooled = 4;
constexpr size_t kMaxPooledBytes = 64u << 20;

std::mutex& PoolMutex() {
  static std::mutex mu;
  return mu;
}
// Owning, so the pooled scratches are freed at exit (LeakSanitizer reported raw pointers here).
std::vector<std::unique_ptr<ScanScratch>>& Pool() {
  static std::vector<std::unique_ptr<ScanScratch>> pool;
  return pool;
}

size_t Bytes(const RawSegment& r) {
  return r.valid.capacity() + r.ints.capacity() * 8 + r.doubles.capacity() * 8 +
         r.codes.capacity() * 8 + (r.dict.capacity() + r.views.capacity()) * 16;
}

// Readers hold views into segment bytes that a pooled scratch must not keep.
void Drop(SegmentReader& r) {
  r = SegmentReader();
}

}  // namespace

void ScanScratchReleaser::operator()(ScanScratch* s) const {
  size_t bytes =
      Bytes(s->ids) + s->pass.capacity() + s->sel.capacity() * 4 + s->deleted.capacity() * 4;
  if (bytes <= kMaxPooledBytes) {
    for (auto& r : s->readers) Drop(r);
    Drop(s->id_reader);
    s->ids.dict.clear();
    s->ids.views.clear();
    std::lock_guard lock(PoolMutex());
    if (Pool().size() < kMaxPooled) {
      Pool().emplace_back(s);
      return;
    }
  }
  delete s;
}

ScanScratchPtr AcquireScanScratch(size_t columns) {
  ScanScratch* s = nullptr;
  {
    std::lock_guard lock(PoolMutex());
    if (!Pool().empty()) {
      s = Pool().back().release();
      Pool().pop_back();
    }
  }
  if (s == nullptr) s = new ScanScratch();
  s->readers.resize(columns);
  return ScanScratchPtr(s);
}

}  // namespace kadedb
