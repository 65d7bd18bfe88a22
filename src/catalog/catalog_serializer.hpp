// Catalog serializer: the persisted form of catalog entries (docs/formats/catalog.md).
//
// Catalog CF key = [CatalogType byte][oid, 8 bytes BE]; the value starts with a format version
// byte followed by the entry's fields (varints and length-prefixed strings). Derived fields
// (schema_name, IndexInfo::column_names, TableEntry::storage) are not stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "catalog/catalog.hpp"

namespace kadedb {

inline constexpr uint8_t kCatalogEntryVersion = 1;
// Key of the persisted oid counter (value: the next free oid, 8 bytes BE).
inline constexpr std::string_view kOidCounterKey = std::string_view("\0oid", 4);

std::string CatalogKey(CatalogType type, uint64_t oid);

std::string SerializeSchema(const SchemaEntry& e);
std::string SerializeTable(const TableEntry& e);
std::string SerializeIndex(const IndexEntry& e);
std::string SerializeView(const ViewEntry& e);
std::string SerializeTrigger(const TriggerEntry& e);
std::string SerializeSequence(const SequenceEntry& e);  // sequence_serializer.cpp

// Each fills the entry (oid excluded: it comes from the key). Throw Exception XX001 on malformed
// or newer-format data.
void DeserializeSchema(std::string_view data, SchemaEntry* e);
void DeserializeTable(std::string_view data, TableEntry* e);
void DeserializeIndex(std::string_view data, IndexEntry* e);
void DeserializeView(std::string_view data, ViewEntry* e);
void DeserializeTrigger(std::string_view data, TriggerEntry* e);
void DeserializeSequence(std::string_view data, SequenceEntry* e);

}  // namespace kadedb
