// StorageEngine: the one RocksDB TransactionDB behind a database directory.
//
// Column families (see docs/formats/keys.md):
//   "default"  unused except for the format marker key
//   "catalog"  catalog entries (schemas, tables, indexes, views), one key each
//   "rows"     table rows, key = table oid + row id
//   "index"    secondary and unique index entries
//   "colseg"   sealed column row groups: headers, column segments, delete bitmaps
//              (docs/formats/row_groups.md)
// Only storage/ includes <rocksdb/...>; everything above talks to StorageEngine,
// StorageTransaction and DataTable.
//
// Threading: StorageEngine is thread-safe. A StorageTransaction belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kadedb/database.hpp"
#include "kadedb/status.hpp"

namespace kadedb {

enum class ColumnFamily : uint8_t { kCatalog = 0, kRows = 1, kIndex = 2, kColSeg = 3 };

// How much of other transactions' concurrent work a transaction sees (docs/transactions.md).
//   kReadCommitted   each statement reads a fresh snapshot (StorageTransaction::BeginStatement)
//   kRepeatableRead  one snapshot for the whole transaction; write-write conflicts fail (40001)
//   kSerializable    as kRepeatableRead, plus commit-time validation of what it read (40001)
enum class IsolationLevel : uint8_t { kReadCommitted = 0, kRepeatableRead = 1, kSerializable = 2 };

class StorageIterator {
 public:
  virtual ~StorageIterator() = default;
  virtual void Seek(std::string_view key) = 0;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // Positions at the last key (below the iterator's upper bound, when it has one). Additive
  // (storage engineer); implementations outside storage/ need not support it.
  virtual void SeekToLast();
};

// A read-write transaction with snapshot reads (it sees its own writes and the database as of its
// start). Statements inside it are made atomic with savepoints. Destroying an uncommitted
// transaction rolls it back.
class StorageTransaction {
 public:
  virtual ~StorageTransaction() = default;
  // Reads key; nullopt when absent. Throws Exception (58030) on I/O error.
  virtual std::optional<std::string> Get(ColumnFamily cf, std::string_view key) = 0;
  virtual void Put(ColumnFamily cf, std::string_view key, std::string_view value) = 0;
  virtual void Delete(ColumnFamily cf, std::string_view key) = 0;
  // Iterates keys in [prefix...) as of the snapshot plus this transaction's writes. The iterator
  // must not outlive the transaction.
  virtual std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf) = 0;
  // --- additive (storage engineer) ---
  // As NewIterator(cf), but stops before upper_bound (exclusive): lets RocksDB skip past the end
  // of a key range instead of reading into the next table's keys.
  virtual std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf, std::string upper_bound) {
    return NewIterator(cf);
  }
  // Like Get, but also locks key until the transaction ends, so a concurrent transaction writing
  // or locking the same key conflicts (40001). Used for unique index keys.
  virtual std::optional<std::string> GetForUpdate(ColumnFamily cf, std::string_view key) {
    return Get(cf, key);
  }
  // Put of a key no other transaction can write (fresh row ids, row-id-suffixed index keys):
  // skips locking and conflict checks. Still undone by rollback and savepoints.
  virtual void PutUntracked(ColumnFamily cf, std::string_view key, std::string_view value) {
    Put(cf, key, value);
  }

  // Like Get, but reads the latest committed data (plus this transaction's writes) instead of
  // the snapshot. Used to tell a unique violation from a serialization failure after a conflict.
  virtual std::optional<std::string> GetLatest(ColumnFamily cf, std::string_view key) {
    return Get(cf, key);
  }
  // Batched Get: result[i] is the value of keys[i] (nullopt when absent).
  virtual std::vector<std::optional<std::string>> MultiGet(ColumnFamily cf,
                                                           const std::vector<std::string>& keys) {
    std::vector<std::optional<std::string>> out;
    out.reserve(keys.size());
    for (auto& k : keys) out.push_back(Get(cf, k));
    return out;
  }
  // Delete without locking or conflict checks (bulk removal of a dropped table's or index's keys).
  virtual void DeleteUntracked(ColumnFamily cf, std::string_view key) { Delete(cf, key); }
  // Additive (column storage): reads of the transaction's snapshot only (not its own writes)
  // that are safe to call from several threads at once while the transaction stays open; used
  // by parallel scans. HasPendingWrites tells whether the snapshot view differs from the
  // transaction's own view (then callers must read through the transaction, on one thread).
  virtual bool HasPendingWrites() const { return true; }
  virtual std::unique_ptr<StorageIterator> NewSnapshotIterator(ColumnFamily cf,
                                                               std::string upper_bound) {
    return NewIterator(cf, std::move(upper_bound));
  }
  virtual std::optional<std::string> SnapshotGet(ColumnFamily cf, std::string_view key) {
    return Get(cf, key);
  }

  // --- additive (transactions, issue 5) ---
  // Called before each statement of the transaction. READ COMMITTED takes a new snapshot here
  // (reads and write-conflict checks then start from it); the other levels keep theirs.
  virtual void BeginStatement() {}
  virtual IsolationLevel isolation_level() const { return IsolationLevel::kRepeatableRead; }
  // Additive (point reads): the sequence number of the snapshot reads currently use; a larger
  // one sees every commit a smaller one sees. 0 when unknown (callers then cache nothing).
  virtual uint64_t SnapshotSequence() const { return 0; }

  // Savepoints also scope the OnCommit/OnRollback actions: RollbackToSavePoint runs the rollback
  // actions registered since the savepoint and forgets the commit actions registered since then.
  virtual void SetSavePoint() = 0;
  // Undoes every write since the last SetSavePoint and pops it.
  virtual void RollbackToSavePoint() = 0;
  virtual void PopSavePoint() = 0;
  // Makes the writes durable (synced when Options::sync_commits). Throws Exception on failure
  // (the transaction is then rolled back).
  virtual void Commit() = 0;
  virtual void Rollback() = 0;

  // Actions run after a successful Commit / after Rollback (or destruction without commit), in
  // reverse order of registration. The catalog uses them to publish or undo in-memory changes.
  void OnCommit(std::function<void()> action) { on_commit_.push_back(std::move(action)); }
  void OnRollback(std::function<void()> action) { on_rollback_.push_back(std::move(action)); }

 protected:
  void RunCommitActions();
  void RunRollbackActions();
  std::vector<std::function<void()>> on_commit_;
  std::vector<std::function<void()>> on_rollback_;
};

class StorageEngine {
 public:
  // Opens or creates the database in directory path. Fails with a clear Status on a corrupt or
  // foreign directory, or when another process holds the write lock.
  static Status Open(const std::string& path, const Options& options,
                     std::unique_ptr<StorageEngine>* out);
  virtual ~StorageEngine() = default;

  virtual std::unique_ptr<StorageTransaction> BeginTransaction() = 0;
  // Additive (issue 5): a transaction at the given isolation level. Thread-safe.
  virtual std::unique_ptr<StorageTransaction> BeginTransaction(IsolationLevel level) {
    return BeginTransaction();
  }
  // Reads committed data outside any transaction (used when loading the catalog).
  virtual std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf) = 0;
  // Additive (storage engineer): as NewIterator(cf), bounded above by upper_bound (exclusive).
  virtual std::unique_ptr<StorageIterator> NewIterator(ColumnFamily cf, std::string upper_bound) {
    return NewIterator(cf);
  }
  virtual const std::string& path() const = 0;
  virtual bool read_only() const = 0;
  // CHECKPOINT: writes every buffered write out to the data files and waits until the
  // background reorganisation this caused (and any already under way) has finished, so reads
  // that follow find the data settled. Durability does not depend on it (commits are logged).
  // A read-only engine has nothing to write: OK. Thread-safe.
  virtual Status Checkpoint() { return Status::OK(); }
};

}  // namespace kadedb
