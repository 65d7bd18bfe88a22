// Catalog serializer: encode/decode of schema, table, index and view entries.
#include "catalog/catalog_serializer.hpp"

#include "common/exception.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"
#include "storage/varint.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowBadEntry() {
  throw Exception(sqlstate::kDataCorrupted, "catalog entry is corrupted or unreadable");
}

void PutType(std::string* out, const LogicalType& t) {
  out->push_back(static_cast<char>(t.id));
  out->push_back(static_cast<char>(t.precision));
  out->push_back(static_cast<char>(t.scale));
  PutVarint(out, t.length);
  if (t.IsArray()) out->push_back(static_cast<char>(t.element));
}

void PutColumnList(std::string* out, const std::vector<column_t>& cols) {
  PutVarint(out, cols.size());
  for (column_t c : cols) PutVarint(out, c);
}

// A reader that throws on malformed input, over ByteReader.
struct EntryReader {
  ByteReader r;
  explicit EntryReader(std::string_view data) : r(data) {
    uint8_t version = U8();
    if (version != kCatalogEntryVersion) {
      throw Exception(sqlstate::kDataCorrupted,
                      "catalog entry has format version " + std::to_string(version) +
                          ", this build reads version " + std::to_string(kCatalogEntryVersion));
    }
  }
  uint8_t U8() {
    uint8_t b;
    if (!r.Byte(&b)) ThrowBadEntry();
    return b;
  }
  uint64_t U64() {
    uint64_t v;
    if (!r.Varint(&v)) ThrowBadEntry();
    return v;
  }
  uint64_t Count() {
    uint64_t n = U64();
    if (n > (1u << 24)) ThrowBadEntry();
    return n;
  }
  std::string Str() {
    std::string s;
    if (!r.String(&s)) ThrowBadEntry();
    return s;
  }
  LogicalType Type() {
    LogicalType t;
    uint8_t id = U8();
    if (id > static_cast<uint8_t>(TypeId::kArray)) ThrowBadEntry();
    t.id = static_cast<TypeId>(id);
    t.precision = U8();
    t.scale = U8();
    t.length = static_cast<uint32_t>(U64());
    if (t.IsArray()) {
      uint8_t element = U8();
      if (element >= static_cast<uint8_t>(TypeId::kArray)) ThrowBadEntry();
      t.element = static_cast<TypeId>(element);
    }
    return t;
  }
  std::vector<column_t> Columns() {
    std::vector<column_t> cols(Count());
    for (auto& c : cols) c = static_cast<column_t>(U64());
    return cols;
  }
  void End() {
    if (!r.done()) ThrowBadEntry();
  }
};

}  // namespace

std::string CatalogKey(CatalogType type, uint64_t oid) {
  std::string k(1, static_cast<char>(type));
  PutFixed64BE(&k, oid);
  return k;
}

std::string SerializeSchema(const SchemaEntry& e) {
  std::string out(1, static_cast<char>(kCatalogEntryVersion));
  PutLengthPrefixed(&out, e.name);
  return out;
}

std::string SerializeTable(const TableEntry& e) {
  std::string out(1, static_cast<char>(kCatalogEntryVersion));
  PutVarint(&out, e.schema_oid);
  PutLengthPrefixed(&out, e.name);
  PutVarint(&out, e.columns.size());
  for (auto& c : e.columns) {
    PutLengthPrefixed(&out, c.name);
    PutType(&out, c.type);
    out.push_back(c.not_null ? 1 : 0);
    PutLengthPrefixed(&out, c.default_sql);
  }
  PutVarint(&out, e.checks.size());
  for (auto& c : e.checks) {
    PutLengthPrefixed(&out, c.name);
    PutLengthPrefixed(&out, c.sql);
  }
  PutVarint(&out, e.uniques.size());
  for (auto& u : e.uniques) {
    PutLengthPrefixed(&out, u.name);
    PutColumnList(&out, u.columns);
    out.push_back(u.primary ? 1 : 0);
    PutVarint(&out, u.index_oid);
  }
  // The physical layout (docs/formats/catalog.md); absent = one physical column per column.
  if (!e.layout.columns.empty()) {
    PutVarint(&out, e.layout.columns.size());
    for (auto& p : e.layout.columns) {
      PutType(&out, p.type);
      out.push_back(p.dropped ? 1 : 0);
      std::string missing;
      if (!p.missing.IsNull()) EncodeRowValues({p.missing}, {p.type}, &missing);
      PutLengthPrefixed(&out, missing);
    }
    PutColumnList(&out, e.layout.live);
  }
  return out;
}

std::string SerializeIndex(const IndexEntry& e) {
  std::string out(1, static_cast<char>(kCatalogEntryVersion));
  PutLengthPrefixed(&out, e.name);
  PutVarint(&out, e.schema_oid);
  PutVarint(&out, e.table_oid);
  PutColumnList(&out, e.info.columns);
  out.push_back(e.info.unique ? 1 : 0);
  out.push_back(e.info.primary ? 1 : 0);
  return out;
}

std::string SerializeView(const ViewEntry& e) {
  std::string out(1, static_cast<char>(kCatalogEntryVersion));
  PutVarint(&out, e.schema_oid);
  PutLengthPrefixed(&out, e.name);
  PutLengthPrefixed(&out, e.sql);
  PutVarint(&out, e.column_names.size());
  for (auto& n : e.column_names) PutLengthPrefixed(&out, n);
  PutVarint(&out, e.column_types.size());
  for (auto& t : e.column_types) PutType(&out, t);
  PutVarint(&out, e.depends_on.size());
  for (uint64_t oid : e.depends_on) PutVarint(&out, oid);
  return out;
}

void DeserializeSchema(std::string_view data, SchemaEntry* e) {
  EntryReader r(data);
  e->name = r.Str();
  r.End();
}

void DeserializeTable(std::string_view data, TableEntry* e) {
  EntryReader r(data);
  e->schema_oid = r.U64();
  e->name = r.Str();
  e->columns.resize(r.Count());
  for (auto& c : e->columns) {
    c.name = r.Str();
    c.type = r.Type();
    c.not_null = r.U8() != 0;
    c.default_sql = r.Str();
  }
  e->checks.resize(r.Count());
  for (auto& c : e->checks) {
    c.name = r.Str();
    c.sql = r.Str();
  }
  e->uniques.resize(r.Count());
  for (auto& u : e->uniques) {
    u.name = r.Str();
    u.columns = r.Columns();
    u.primary = r.U8() != 0;
    u.index_oid = r.U64();
  }
  e->layout = TableLayout();
  if (!r.r.done()) {
    e->layout.columns.resize(r.Count());
    for (auto& p : e->layout.columns) {
      p.type = r.Type();
      p.dropped = r.U8() != 0;
      std::string missing = r.Str();
      p.missing = missing.empty() ? Value::Null(p.type) : DecodeRowValues(missing, {p.type})[0];
    }
    e->layout.live = r.Columns();
    if (e->layout.live.size() != e->columns.size()) ThrowBadEntry();
    for (column_t c = 0; c < e->layout.live.size(); c++) {
      column_t p = e->layout.live[c];
      if (p >= e->layout.columns.size() || e->layout.columns[p].dropped ||
          e->layout.columns[p].type != e->columns[c].type) {
        ThrowBadEntry();
      }
    }
  }
  r.End();
}

void DeserializeIndex(std::string_view data, IndexEntry* e) {
  EntryReader r(data);
  e->name = r.Str();
  e->schema_oid = r.U64();
  e->table_oid = r.U64();
  e->info.name = e->name;
  e->info.columns = r.Columns();
  e->info.unique = r.U8() != 0;
  e->info.primary = r.U8() != 0;
  r.End();
}

void DeserializeView(std::string_view data, ViewEntry* e) {
  EntryReader r(data);
  e->schema_oid = r.U64();
  e->name = r.Str();
  e->sql = r.Str();
  e->column_names.resize(r.Count());
  for (auto& n : e->column_names) n = r.Str();
  e->column_types.resize(r.Count());
  for (auto& t : e->column_types) t = r.Type();
  e->depends_on.resize(r.Count());
  for (auto& oid : e->depends_on) oid = r.U64();
  r.End();
}

std::string SerializeTrigger(const TriggerEntry& e) {
  std::string out(1, static_cast<char>(kCatalogEntryVersion));
  PutVarint(&out, e.schema_oid);
  PutLengthPrefixed(&out, e.name);
  PutVarint(&out, e.table_oid);
  out.push_back(static_cast<char>(e.timing));
  out.push_back(static_cast<char>(e.event));
  PutVarint(&out, e.update_columns.size());
  for (auto& c : e.update_columns) PutLengthPrefixed(&out, c);
  PutLengthPrefixed(&out, e.when_sql);
  PutVarint(&out, e.body.size());
  for (auto& b : e.body) PutLengthPrefixed(&out, b);
  return out;
}

void DeserializeTrigger(std::string_view data, TriggerEntry* e) {
  EntryReader r(data);
  e->schema_oid = r.U64();
  e->name = r.Str();
  e->table_oid = r.U64();
  uint8_t timing = r.U8(), event = r.U8();
  if (timing > 2 || event > 2) ThrowBadEntry();
  e->timing = static_cast<TriggerTiming>(timing);
  e->event = static_cast<TriggerEvent>(event);
  e->update_columns.resize(r.Count());
  for (auto& c : e->update_columns) c = r.Str();
  e->when_sql = r.Str();
  e->body.resize(r.Count());
  for (auto& b : e->body) b = r.Str();
  r.End();
}

}  // namespace kadedb
