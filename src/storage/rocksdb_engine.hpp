// RocksEngine, RocksTransaction, RocksIterator: the RocksDB implementation of storage_engine.hpp.
//
// Private to src/storage. A read-write engine wraps a pessimistic rocksdb::TransactionDB; a
// read-only engine wraps a secondary instance (rocksdb::DB::OpenAsSecondary), which is safe to open
// while another process holds the writer's lock. Column family handles live as long as the
// engine. Transactions take a snapshot at begin (repeatable reads, own writes visible).
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/storage_engine.hpp"

namespace kadedb {

// Turns a failed rocksdb::Status into Exception: Busy/TimedOut -> 40001, Corruption -> XX001,
// anything else -> 58030. what: a short description of the operation ("read", "commit").
[[noreturn]] void ThrowRocksError(const rocksdb::Status& status, const char* what);

class RocksIterator final : public StorageIterator {
 public:
  // upper_bound empty: unbounded. The ReadOptions the iterator was built with point at
  // upper_bound_ (so this object must be constructed before the rocksdb iterator: see Make).
  RocksIterator() = default;
  void Seek(std::string_view key) override;
  void SeekToLast() override;
  bool Valid() const override;
  void Next() override;
  std::string_view key() const override;
  std::string_view value() const override;

  std::string upper_bound_;
  rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

class RocksEngine final : public StorageEngine {
 public:
  static Status OpenEngine(const std::string& path, const Options& options,
                           std::unique_ptr<StorageEngine>* out);
  ~RocksEngine() override;

  std::unique_ptr<StorageTransaction> BeginTransaction() override;
  std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf) override;
  std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf, std::string upper_bound) override;
  const std::string& path() const override { return path_; }
  bool read_only() const override { return read_only_; }

  rocksdb::DB* db() const { return db_; }
  rocksdb::TransactionDB* txn_db() const { return txn_db_; }
  rocksdb::ColumnFamilyHandle* handle(ColumnFamily cf) const {
    return handles_[static_cast<size_t>(cf) + 1];
  }
  const rocksdb::WriteOptions& write_options() const { return write_options_; }

 private:
  RocksEngine() = default;
  Status CheckFormat(bool fresh);

  std::string path_;
  std::string secondary_path_;  // read-only mode: scratch directory for the secondary's logs
  bool read_only_ = false;
  rocksdb::DB* db_ = nullptr;                          // == txn_db_ when read-write
  rocksdb::TransactionDB* txn_db_ = nullptr;           // null when read-only
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // default, catalog, rows, index, colseg
  rocksdb::WriteOptions write_options_;
};

class RocksTransaction final : public StorageTransaction {
 public:
  explicit RocksTransaction(RocksEngine& engine);
  ~RocksTransaction() override;

  std::optional<std::string> Get(ColumnFamily cf, std::string_view key) override;
  std::optional<std::string> GetForUpdate(ColumnFamily cf, std::string_view key) override;
  std::optional<std::string> GetLatest(ColumnFamily cf, std::string_view key) override;
  std::vector<std::optional<std::string>> MultiGet(ColumnFamily cf,
                                                   const std::vector<std::string>& keys) override;
  void Put(ColumnFamily cf, std::string_view key, std::string_view value) override;
  void PutUntracked(ColumnFamily cf, std::string_view key, std::string_view value) override;
  void Delete(ColumnFamily cf, std::string_view key) override;
  void DeleteUntracked(ColumnFamily cf, std::string_view key) override;
  std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf) override;
  std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf, std::string upper_bound) override;
  // Additive (column storage), defined in rocksdb_snapshot_read.cpp.
  bool HasPendingWrites() const override;
  std::unique_ptr<StorageIterator> NewSnapshotIterator(ColumnFamily cf,
                                                       std::string upper_bound) override;
  std::optional<std::string> SnapshotGet(ColumnFamily cf, std::string_view key) override;
  void SetSavePoint() override;
  void RollbackToSavePoint() override;
  void PopSavePoint() override;
  void Commit() override;
  void Rollback() override;

 private:
  void CheckWritable() const;
  void CheckOpen() const;

  RocksEngine& engine_;
  std::unique_ptr<rocksdb::Transaction> txn_;    // null when the engine is read-only
  const rocksdb::Snapshot* snapshot_ = nullptr;  // owned by txn_, or by us when read-only
  rocksdb::ReadOptions read_options_;
  bool done_ = false;
  // Per savepoint: sizes of on_commit_ / on_rollback_ when it was set.
  std::vector<std::pair<size_t, size_t>> savepoints_;
};

}  // namespace kadedb
