// Catalog serializer: the sequence entry (docs/formats/catalog.md, "Sequence").
#include "catalog/catalog_serializer.hpp"
#include "common/exception.hpp"
#include "storage/varint.hpp"

namespace kadedb {

std::string SerializeSequence(const SequenceEntry& e) {
  std::string out(1, static_cast<char>(kCatalogEntryVersion));
  PutVarint(&out, e.schema_oid);
  PutLengthPrefixed(&out, e.name);
  out.push_back(static_cast<char>(e.type));
  for (int64_t v : {e.increment, e.min_value, e.max_value, e.start, e.cache}) {
    PutSignedVarint(&out, v);
  }
  out.push_back(e.cycle ? 1 : 0);
  PutVarint(&out, e.owned_table_oid);
  PutVarint(&out, static_cast<uint64_t>(e.owned_attnum));
  out.push_back(e.identity);
  return out;
}

void DeserializeSequence(std::string_view data, SequenceEntry* e) {
  ByteReader r(data);
  uint8_t version = 0, type = 0, cycle = 0, identity = 0;
  uint64_t attnum = 0;
  bool ok = r.Byte(&version) && version == kCatalogEntryVersion && r.Varint(&e->schema_oid) &&
            r.String(&e->name) && r.Byte(&type);
  for (int64_t* v : {&e->increment, &e->min_value, &e->max_value, &e->start, &e->cache}) {
    ok = ok && r.SignedVarint(v);
  }
  ok = ok && r.Byte(&cycle) && r.Varint(&e->owned_table_oid) && r.Varint(&attnum) &&
       r.Byte(&identity) && r.done();
  if (!ok) throw Exception(sqlstate::kDataCorrupted, "sequence catalog entry is corrupted");
  e->type = static_cast<TypeId>(type);
  e->cycle = cycle != 0;
  e->owned_attnum = static_cast<int>(attnum);
  e->identity = static_cast<char>(identity);
}

}  // namespace kadedb
