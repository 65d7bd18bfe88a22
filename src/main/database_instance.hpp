// DatabaseInstance: what one open database directory owns — the storage engine and the catalog.
// Shared by every Connection of a Database; thread-safe (its members are).
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.hpp"
#include "kadedb/database.hpp"
#include "storage/storage_engine.hpp"
#include "transaction/catalog_lock.hpp"

namespace kadedb {

class DatabaseInstance {
 public:
  // Opens storage and loads the catalog. On failure returns the error and leaves *out empty.
  static Status Open(const std::string& path, const Options& options,
                     std::unique_ptr<DatabaseInstance>* out);
  ~DatabaseInstance();

  StorageEngine& storage() { return *storage_; }
  Catalog& catalog() { return *catalog_; }
  // Serialises DDL transactions against every other statement (transaction/catalog_lock.hpp).
  CatalogLock& catalog_lock() { return catalog_lock_; }
  const Options& options() const { return options_; }
  const std::string& path() const { return path_; }

 private:
  DatabaseInstance() = default;
  std::string path_;
  Options options_;
  std::unique_ptr<StorageEngine> storage_;  // declared first: the catalog refers to it
  std::unique_ptr<Catalog> catalog_;
  CatalogLock catalog_lock_;
};

}  // namespace kadedb
