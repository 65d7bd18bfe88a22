// RowGroupHeader serialisation and colseg key construction (docs/formats/row_groups.md).
#include "storage/row_group.hpp"

#include <cstring>

#include "common/exception.hpp"
#include "storage/key_codec.hpp"

namespace kadedb {

namespace {
constexpr uint8_t kHeaderVersion = 1;
constexpr char kTagDelete = 'X';
constexpr char kTagHeader = 'H';
constexpr char kTagSegment = 'S';

template <typename T>
void PutRaw(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <typename T>
T GetRaw(std::string_view* in) {
  if (in->size() < sizeof(T)) {
    throw Exception(sqlstate::kDataCorrupted, "row group header is damaged");
  }
  T v;
  std::memcpy(&v, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return v;
}

void PutSegment(std::string* out, const SegmentInfo& s) {
  out->push_back(static_cast<char>(s.encoding));
  PutRaw(out, s.size);
  PutRaw(out, s.checksum);
  s.zone.Serialize(out);
}

SegmentInfo GetSegment(std::string_view* in) {
  SegmentInfo s;
  s.encoding = static_cast<SegmentEncoding>(GetRaw<uint8_t>(in));
  s.size = GetRaw<uint32_t>(in);
  s.checksum = GetRaw<uint64_t>(in);
  if (!s.zone.Deserialize(in)) {
    throw Exception(sqlstate::kDataCorrupted, "row group header is damaged");
  }
  return s;
}

std::string TaggedKey(uint64_t oid, char tag, uint64_t row_start) {
  std::string k = KeyPrefix(oid);
  k.push_back(tag);
  PutFixed64BE(&k, row_start);
  return k;
}
}  // namespace

std::string RowGroupHeader::Serialize() const {
  std::string out;
  out.push_back(static_cast<char>(kHeaderVersion));
  PutRaw(&out, row_start);
  PutRaw(&out, row_end);
  PutRaw(&out, row_count);
  PutRaw(&out, seal_id);
  PutSegment(&out, row_ids);
  PutRaw(&out, static_cast<uint32_t>(columns.size()));
  for (auto& c : columns) PutSegment(&out, c);
  return out;
}

RowGroupHeader RowGroupHeader::Parse(std::string_view in) {
  RowGroupHeader h;
  if (GetRaw<uint8_t>(&in) != kHeaderVersion) {
    throw Exception(sqlstate::kDataCorrupted, "row group header has an unknown version");
  }
  h.row_start = GetRaw<uint64_t>(&in);
  h.row_end = GetRaw<uint64_t>(&in);
  h.row_count = GetRaw<uint32_t>(&in);
  h.seal_id = GetRaw<uint64_t>(&in);
  h.row_ids = GetSegment(&in);
  uint32_t n = GetRaw<uint32_t>(&in);
  if (n > 100000) throw Exception(sqlstate::kDataCorrupted, "row group header is damaged");
  for (uint32_t i = 0; i < n; i++) h.columns.push_back(GetSegment(&in));
  return h;
}

std::string RowGroupHeaderKey(uint64_t oid, uint64_t row_start) {
  return TaggedKey(oid, kTagHeader, row_start);
}

std::string RowGroupSegmentKey(uint64_t oid, uint64_t row_start, uint32_t column) {
  std::string k = TaggedKey(oid, kTagSegment, row_start);
  for (int shift = 24; shift >= 0; shift -= 8) k.push_back(static_cast<char>(column >> shift));
  return k;
}

std::string RowDeleteMarkerKey(uint64_t oid, uint64_t row_id) {
  return TaggedKey(oid, kTagDelete, row_id);
}

std::string RowGroupHeaderPrefix(uint64_t oid) {
  std::string k = KeyPrefix(oid);
  k.push_back(kTagHeader);
  return k;
}

uint64_t SegmentChecksum(std::string_view data) {
  uint64_t h = 1469598103934665603ull;
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * 1099511628211ull;
  }
  for (; i < data.size(); i++) h = (h ^ static_cast<uint8_t>(data[i])) * 1099511628211ull;
  return h;
}

}  // namespace kadedb
