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
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
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
  // When set, Seek reports the oid prefix of each key it seeks to (SERIALIZABLE read tracking).
  std::function<void(std::string_view)> on_seek_;
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
  std::unique_ptr<StorageTransaction> BeginTransaction(IsolationLevel level) override;
  std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf) override;
  std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf, std::string upper_bound) override;
  const std::string& path() const override { return path_; }
  bool read_only() const override { return read_only_; }
  Status Checkpoint() override;

  rocksdb::DB* db() const { return db_; }
  rocksdb::TransactionDB* txn_db() const { return txn_db_; }
  rocksdb::ColumnFamilyHandle* handle(ColumnFamily cf) const {
    return handles_[static_cast<size_t>(cf) + 1];
  }
  const rocksdb::WriteOptions& write_options() const { return write_options_; }

  // --- write history (SERIALIZABLE validation, rocksdb_transaction.cpp) ---
  // Records that transactions which just committed wrote keys under these oids (tables,
  // indexes): each oid's last-write sequence becomes the current latest sequence number, which
  // is at or past the commit's own. Thread-safe.
  void NoteCommittedWrites(const std::vector<uint64_t>& oids);
  // Sequence number at or after the last committed write under oid (0: none since open).
  uint64_t LastWriteSequence(uint64_t oid) const;
  // Held by a SERIALIZABLE transaction across validate + commit + NoteCommittedWrites, so two
  // serializable commits cannot both pass validation against each other.
  std::mutex& serializable_commit_mutex() { return serializable_commit_mutex_; }

  // --- transaction objects (rocksdb_transaction.cpp) ---
  // Begins a rocksdb transaction, reinitialising a finished one kept by RecycleTransaction when
  // there is one (saves the allocations of a fresh one per autocommit statement). Thread-safe.
  rocksdb::Transaction* BeginRocksTransaction(const rocksdb::TransactionOptions& options);
  // Keeps a committed or rolled-back transaction object for reuse (up to a few). Thread-safe.
  void RecycleTransaction(std::unique_ptr<rocksdb::Transaction> txn);

  // --- read-only follower (secondary instance) ---
  // Catches up with the writer's MANIFEST and write-ahead log unless a transaction of this
  // engine is open (so each transaction reads one unchanging view), then returns a shared hold
  // that keeps catch-ups out until released. Every transaction of a read-only engine holds one
  // for its lifetime, so a follower sees each commit acknowledged before its transaction began
  // whenever no other transaction of the follower overlaps. Thread-safe.
  std::shared_lock<std::shared_mutex> FollowerView();

 private:
  RocksEngine() = default;
  Status CheckFormat(bool fresh);
  // Read-write open: lets RocksDB delete the write-ahead logs recovery replayed (see .cpp).
  void ReleaseRecoveredLogs();

  std::string path_;
  std::string secondary_path_;  // read-only mode: scratch directory for the secondary's logs
  bool read_only_ = false;
  rocksdb::DB* db_ = nullptr;                          // == txn_db_ when read-write
  rocksdb::TransactionDB* txn_db_ = nullptr;           // null when read-only
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // default, catalog, rows, index, colseg
  rocksdb::WriteOptions write_options_;
  mutable std::mutex history_mutex_;                       // guards last_write_seq_
  std::unordered_map<uint64_t, uint64_t> last_write_seq_;  // oid -> sequence (see above)
  std::mutex serializable_commit_mutex_;
  static constexpr size_t kMaxRecycledTransactions = 16;
  std::mutex recycle_mutex_;
  std::vector<std::unique_ptr<rocksdb::Transaction>> recycled_;
  std::shared_mutex follower_view_mutex_;  // read-only: exclusive while catching up
};

class RocksTransaction final : public StorageTransaction {
 public:
  RocksTransaction(RocksEngine& engine, IsolationLevel level);
  // A transaction that is only a snapshot of a read-write engine (BeginSnapshotRead,
  // rocksdb_snapshot_read.cpp): reads go straight to the database, writes throw 25006.
  struct SnapshotReadTag {};
  RocksTransaction(RocksEngine& engine, IsolationLevel level, SnapshotReadTag);
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
  void BeginStatement() override;
  IsolationLevel isolation_level() const override { return level_; }
  uint64_t SnapshotSequence() const override {
    return snapshot_ != nullptr ? snapshot_->GetSequenceNumber() : 0;
  }
  void SetSavePoint() override;
  void RollbackToSavePoint() override;
  void PopSavePoint() override;
  void Commit() override;
  void Rollback() override;

 private:
  void CheckWritable() const;
  void CheckOpen() const;
  // Takes a new snapshot for reads and write-conflict checks (rocksdb::Transaction::SetSnapshot).
  void RefreshSnapshot();
  // REPEATABLE READ / SERIALIZABLE: takes the transaction's one snapshot unless already taken.
  void FixSnapshot();
  // Records the oid prefix of a key read / written (keys of rows, index and column segment
  // column families start with the 8-byte table or index oid). NoteRead is thread-safe (parallel
  // scans); NoteWrite runs on the transaction's thread.
  void NoteRead(ColumnFamily cf, std::string_view key);
  void NoteWrite(ColumnFamily cf, std::string_view key);
  // SERIALIZABLE: throws 40001 when a transaction that committed after our snapshot wrote under
  // an oid we read. REQUIRES: serializable_commit_mutex held.
  void ValidateReads();

  RocksEngine& engine_;
  std::unique_ptr<rocksdb::Transaction> txn_;    // null when the engine is read-only
  const rocksdb::Snapshot* snapshot_ = nullptr;  // owned by txn_, or by us when read-only
  rocksdb::ReadOptions read_options_;
  bool done_ = false;
  bool ended_cleanly_ = false;  // committed or rolled back without error: txn_ can be reused
  std::shared_lock<std::shared_mutex>
      follower_view_;  // read-only engine: RocksEngine::FollowerView
  IsolationLevel level_ = IsolationLevel::kRepeatableRead;
  uint64_t statements_ = 0;  // BeginStatement calls so far
  // REPEATABLE READ / SERIALIZABLE: the transaction's snapshot has been taken (first statement or
  // first savepoint, whichever comes first) and must not change any more.
  bool snapshot_fixed_ = false;
  std::mutex reads_mutex_;  // guards read_oids_ (parallel scan threads read too)
  std::vector<uint64_t> read_oids_;
  std::vector<uint64_t> written_oids_;
  // Per savepoint: sizes of on_commit_ / on_rollback_ when it was set.
  std::vector<std::pair<size_t, size_t>> savepoints_;
};

}  // namespace kadedb
