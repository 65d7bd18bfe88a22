// kadedb check / backup / restore (see admin_commands.hpp).
//
// check opens the database as a read-only follower (safe next to a live writer, writes nothing to
// a damaged directory), then checks the raw catalog entries (every index names an existing table,
// every table an existing schema, every entry decodes), that every table's storage opens and
// scans, every block checksum of every table file (VerifyDatabaseFiles), and finally runs
// CHECK DATABASE (every index against its table).
#include "admin_commands.hpp"

#include <cstring>
#include <exception>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/catalog_serializer.hpp"
#include "kadedb/database.hpp"
#include "main/database_instance.hpp"
#include "storage/backup.hpp"
#include "storage/storage_engine.hpp"
#include "storage/verify.hpp"

namespace kadedb {

namespace {

std::string QuoteIdent(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

uint64_t DecodeOid(std::string_view key) {
  uint64_t oid = 0;
  for (size_t i = 1; i < 9 && i < key.size(); i++) oid = (oid << 8) | static_cast<uint8_t>(key[i]);
  return oid;
}

// Raw catalog entries: decodable, and their references resolve. Appends problems.
void CheckCatalogEntries(StorageEngine& storage, std::vector<std::string>* problems) {
  std::set<uint64_t> schemas, tables;
  std::vector<std::pair<uint64_t, IndexEntry>> indexes;
  std::vector<std::pair<uint64_t, TableEntry>> table_entries;
  auto it = storage.NewIterator(ColumnFamily::kCatalog);
  for (it->Seek(std::string_view()); it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key.size() != 9) continue;  // counters and other non-entry keys
    uint64_t oid = DecodeOid(key);
    auto type = static_cast<CatalogType>(static_cast<uint8_t>(key[0]));
    try {
      if (type == CatalogType::kSchema) {
        SchemaEntry e;
        DeserializeSchema(it->value(), &e);
        schemas.insert(oid);
      } else if (type == CatalogType::kTable) {
        TableEntry e;
        DeserializeTable(it->value(), &e);
        tables.insert(oid);
        table_entries.emplace_back(oid, std::move(e));
      } else if (type == CatalogType::kIndex) {
        IndexEntry e;
        DeserializeIndex(it->value(), &e);
        indexes.emplace_back(oid, std::move(e));
      }
    } catch (const std::exception& e) {
      problems->push_back("catalog entry " + std::to_string(oid) +
                          ": cannot be decoded: " + e.what());
    }
  }
  for (auto& [oid, t] : table_entries) {
    if (!schemas.count(t.schema_oid)) {
      problems->push_back("table " + t.name + " (oid " + std::to_string(oid) +
                          "): its schema (oid " + std::to_string(t.schema_oid) +
                          ") does not exist");
    }
  }
  for (auto& [oid, ix] : indexes) {
    if (!tables.count(ix.table_oid)) {
      problems->push_back("index " + ix.name + " (oid " + std::to_string(oid) +
                          "): its table (oid " + std::to_string(ix.table_oid) + ") does not exist");
    }
  }
}

int RunCheck(const std::string& dir) {
  Options options;
  options.read_only = true;
  options.create_if_missing = false;
  std::unique_ptr<Database> db;
  Status s = Database::Open(dir, options, &db);
  if (!s.ok()) {
    std::cerr << "kadedb check: cannot open " << dir << ": " << s.ToString() << "\n";
    if (s.sqlstate() != "3D000") {
      Status files = VerifyDatabaseFiles(dir);
      if (!files.ok()) std::cerr << "kadedb check: " << files.message() << "\n";
    }
    return 1;
  }
  std::vector<std::string> problems;
  Status files = VerifyDatabaseFiles(dir);
  if (!files.ok()) problems.push_back("files: " + files.message());
  try {
    CheckCatalogEntries(db->instance().storage(), &problems);
  } catch (const std::exception& e) {
    problems.push_back(std::string("catalog: cannot be read: ") + e.what());
  }
  auto conn = db->Connect();
  Catalog& catalog = db->instance().catalog();
  for (TableEntry* table : catalog.Tables()) {
    std::string name = table->schema_name + "." + table->name;
    if (!table->storage) {
      problems.push_back("table " + name + ": its storage did not open");
      continue;
    }
    for (IndexEntry* index : catalog.Indexes(table->oid)) {
      for (column_t c : index->info.columns) {
        if (c >= table->columns.size()) {
          problems.push_back("table " + name + " index " + index->name +
                             ": refers to a column that does not exist");
        }
      }
    }
    Result r = conn->Query("SELECT count(*) FROM " + QuoteIdent(table->schema_name) + "." +
                           QuoteIdent(table->name));
    if (!r.ok()) {
      problems.push_back("table " + name + ": cannot be scanned: " + r.status().ToString());
    }
  }
  Result r = conn->Query("CHECK DATABASE");
  if (!r.ok()) {
    problems.push_back("CHECK DATABASE failed: " + r.status().ToString());
  } else {
    for (uint64_t row = 0; row < r.RowCount(); row++) {
      std::string line;
      for (const Value& v : r.Row(row)) {
        if (v.IsNull()) continue;
        if (!line.empty()) line += " ";
        line += v.ToString();
      }
      if (line != "ok") problems.push_back(line);
    }
  }
  for (auto& p : problems) std::cout << "problem: " << p << "\n";
  if (problems.empty()) {
    std::cout << "ok\n";
    return 0;
  }
  std::cerr << "kadedb check: " << problems.size() << " problem(s) in " << dir << "\n";
  return 1;
}

int RunBackup(const std::string& dir, const std::string& dest) {
  BackupInfo info;
  Status s = BackupDatabase(dir, dest, &info);
  if (!s.ok()) {
    std::cerr << "kadedb backup: " << s.ToString() << "\n";
    return 1;
  }
  std::cout << "backup " << info.backup_id << " of " << dir << " in " << dest << ": " << info.files
            << " files, " << info.size << " bytes (" << info.copied_bytes << " bytes copied); "
            << info.backups << " backup(s) in " << dest << "\n";
  return 0;
}

int RunRestore(const std::string& dest, const std::string& dir) {
  Status s = RestoreDatabase(dest, dir);
  if (!s.ok()) {
    std::cerr << "kadedb restore: " << s.ToString() << "\n";
    return 1;
  }
  std::cout << "restored the latest backup in " << dest << " into " << dir << "\n";
  return 0;
}

}  // namespace

bool IsAdminCommand(const char* name) {
  return std::strcmp(name, "check") == 0 || std::strcmp(name, "backup") == 0 ||
         std::strcmp(name, "restore") == 0;
}

int RunAdminCommand(int argc, char** argv) {
  std::string cmd = argv[0];
  if (cmd == "check" && argc == 2) return RunCheck(argv[1]);
  if (cmd == "backup" && argc == 3) return RunBackup(argv[1], argv[2]);
  if (cmd == "restore" && argc == 3) return RunRestore(argv[1], argv[2]);
  std::cerr << "usage: kadedb check DBDIR\n"
               "       kadedb backup DBDIR DEST\n"
               "       kadedb restore DEST NEWDIR\n";
  return 2;
}

}  // namespace kadedb
