// RocksTransaction's snapshot-only reads: iterators and point reads of the transaction's
// snapshot that bypass the rocksdb::Transaction object, so several threads may use them at once
// (rocksdb::DB reads with a fixed snapshot are thread-safe). Used by parallel table scans. Also
// BeginSnapshotRead (storage/snapshot_read.hpp): a transaction that is only a snapshot.
#include <rocksdb/utilities/write_batch_with_index.h>

#include "common/exception.hpp"
#include "storage/rocksdb_engine.hpp"
#include "storage/snapshot_read.hpp"

namespace kadedb {

bool RocksTransaction::HasPendingWrites() const {
  // SERIALIZABLE records every table it reads (rocksdb_transaction.cpp); the snapshot-only reads
  // below bypass that, so such a transaction reads through itself (single-threaded scans).
  if (level_ == IsolationLevel::kSerializable) return true;
  if (!txn_) return false;
  return txn_->GetWriteBatch()->GetWriteBatch()->Count() > 0;
}

std::unique_ptr<StorageIterator> RocksTransaction::NewSnapshotIterator(ColumnFamily cf,
                                                                       std::string upper_bound) {
  CheckOpen();
  auto it = std::make_unique<RocksIterator>();
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  it->upper_bound_ = std::move(upper_bound);
  if (!it->upper_bound_.empty()) {
    it->upper_slice_ = rocksdb::Slice(it->upper_bound_);
    ro.iterate_upper_bound = &it->upper_slice_;
  }
  it->it_.reset(engine_.db()->NewIterator(ro, engine_.handle(cf)));
  return it;
}

std::optional<std::string> RocksTransaction::SnapshotGet(ColumnFamily cf, std::string_view key) {
  CheckOpen();
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  std::string value;
  rocksdb::Status s =
      engine_.db()->Get(ro, engine_.handle(cf), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) ThrowRocksError(s, "read");
  return value;
}

RocksTransaction::RocksTransaction(RocksEngine& engine, IsolationLevel level, SnapshotReadTag)
    : engine_(engine), level_(level) {
  // No rocksdb::Transaction: reads go to the database at this snapshot (released by the
  // destructor); writes throw in CheckWritable.
  snapshot_ = engine.db()->GetSnapshot();
  read_options_.snapshot = snapshot_;
}

std::unique_ptr<StorageTransaction> BeginSnapshotRead(StorageEngine& engine, IsolationLevel level) {
  auto* rocks = dynamic_cast<RocksEngine*>(&engine);
  if (rocks == nullptr || rocks->txn_db() == nullptr) return engine.BeginTransaction(level);
  return std::make_unique<RocksTransaction>(*rocks, level, RocksTransaction::SnapshotReadTag{});
}

}  // namespace kadedb
