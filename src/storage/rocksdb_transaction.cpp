// RocksTransaction and RocksIterator: snapshot transactions over rocksdb::Transaction.
//
// Every transaction sets its snapshot at begin: reads see the database as of then plus the
// transaction's own writes, and a write to a key someone else changed after the snapshot fails
// with 40001 (PostgreSQL's repeatable-read behaviour). On a read-only engine the transaction is a
// plain DB snapshot and every write throws 25006.
#include <rocksdb/utilities/write_batch_with_index.h>

#include <cstring>

#include "common/exception.hpp"
#include "storage/rocksdb_engine.hpp"

namespace kadedb {

namespace {
rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}
}  // namespace

void ThrowRocksError(const rocksdb::Status& s, const char* what) {
  if (s.IsBusy() && s.subcode() == rocksdb::Status::kDeadlock) {
    throw Exception("40P01", "deadlock detected");
  }
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain() || s.IsExpired()) {
    throw Exception("40001", "could not serialize access due to concurrent update");
  }
  if (s.IsCorruption()) {
    throw Exception(sqlstate::kDataCorrupted,
                    std::string("could not ") + what + ": data is corrupted: " + s.ToString());
  }
  throw Exception(sqlstate::kIoError, std::string("could not ") + what + ": " + s.ToString());
}

// --- RocksIterator ---

void RocksIterator::Seek(std::string_view key) {
  it_->Seek(ToSlice(key));
}

void RocksIterator::SeekToLast() {
  if (upper_bound_.empty()) {
    it_->SeekToLast();
    return;
  }
  // A transaction iterator's write-batch side ignores iterate_upper_bound on SeekToLast; seek
  // to the bound and step back over anything at or past it.
  it_->SeekForPrev(upper_slice_);
  while (it_->Valid() && it_->key().compare(upper_slice_) >= 0) it_->Prev();
}

bool RocksIterator::Valid() const {
  if (!it_->Valid()) {
    if (!it_->status().ok()) ThrowRocksError(it_->status(), "read");
    return false;
  }
  // Transaction iterators merge the write batch with the database; check the bound ourselves
  // so uncommitted keys past it never leak out.
  if (!upper_bound_.empty() && it_->key().compare(upper_slice_) >= 0) return false;
  return true;
}

void RocksIterator::Next() {
  it_->Next();
}

std::string_view RocksIterator::key() const {
  rocksdb::Slice k = it_->key();
  return std::string_view(k.data(), k.size());
}

std::string_view RocksIterator::value() const {
  rocksdb::Slice v = it_->value();
  return std::string_view(v.data(), v.size());
}

// --- RocksTransaction ---

RocksTransaction::RocksTransaction(RocksEngine& engine) : engine_(engine) {
  if (engine.txn_db() != nullptr) {
    rocksdb::TransactionOptions to;
    to.set_snapshot = true;
    to.deadlock_detect = true;
    txn_.reset(engine.txn_db()->BeginTransaction(engine.write_options(), to));
    snapshot_ = txn_->GetSnapshot();
  } else {
    // A secondary instance rejects reads with a snapshot; its view changes only when it catches
    // up with the writer (at open), so plain reads are already consistent.
    snapshot_ = nullptr;
  }
  read_options_.snapshot = snapshot_;
}

RocksTransaction::~RocksTransaction() {
  if (!done_) {
    try {
      Rollback();
    } catch (...) {
      // Destructors must not throw; the rollback actions already ran or never will.
    }
  }
  if (!txn_ && snapshot_ != nullptr) engine_.db()->ReleaseSnapshot(snapshot_);
}

void RocksTransaction::CheckOpen() const {
  if (done_) ThrowInternal("storage transaction used after commit or rollback");
}

void RocksTransaction::CheckWritable() const {
  CheckOpen();
  if (!txn_) {
    throw Exception(sqlstate::kReadOnly, "cannot write to a database opened read-only");
  }
}

std::optional<std::string> RocksTransaction::Get(ColumnFamily cf, std::string_view key) {
  CheckOpen();
  std::string value;
  rocksdb::Status s =
      txn_ ? txn_->Get(read_options_, engine_.handle(cf), ToSlice(key), &value)
           : engine_.db()->Get(read_options_, engine_.handle(cf), ToSlice(key), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) ThrowRocksError(s, "read");
  return value;
}

std::optional<std::string> RocksTransaction::GetLatest(ColumnFamily cf, std::string_view key) {
  CheckOpen();
  rocksdb::ReadOptions latest;  // no snapshot: the newest committed version
  std::string value;
  rocksdb::Status s = txn_ ? txn_->Get(latest, engine_.handle(cf), ToSlice(key), &value)
                           : engine_.db()->Get(latest, engine_.handle(cf), ToSlice(key), &value);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) ThrowRocksError(s, "read");
  return value;
}

std::vector<std::optional<std::string>> RocksTransaction::MultiGet(
    ColumnFamily cf, const std::vector<std::string>& keys) {
  CheckOpen();
  size_t n = keys.size();
  std::vector<rocksdb::Slice> slices(n);
  for (size_t i = 0; i < n; i++) slices[i] = rocksdb::Slice(keys[i]);
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> statuses(n);
  if (txn_) {
    txn_->MultiGet(read_options_, engine_.handle(cf), n, slices.data(), values.data(),
                   statuses.data());
  } else {
    engine_.db()->MultiGet(read_options_, engine_.handle(cf), n, slices.data(), values.data(),
                           statuses.data());
  }
  std::vector<std::optional<std::string>> out(n);
  for (size_t i = 0; i < n; i++) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) ThrowRocksError(statuses[i], "read");
    out[i] = values[i].ToString();
  }
  return out;
}

std::optional<std::string> RocksTransaction::GetForUpdate(ColumnFamily cf, std::string_view key) {
  if (!txn_) return Get(cf, key);
  CheckOpen();
  std::string value;
  rocksdb::Status s =
      txn_->GetForUpdate(read_options_, engine_.handle(cf), ToSlice(key), &value, true);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) ThrowRocksError(s, "read");
  return value;
}

void RocksTransaction::Put(ColumnFamily cf, std::string_view key, std::string_view value) {
  CheckWritable();
  rocksdb::Status s = txn_->Put(engine_.handle(cf), ToSlice(key), ToSlice(value));
  if (!s.ok()) ThrowRocksError(s, "write");
}

void RocksTransaction::PutUntracked(ColumnFamily cf, std::string_view key, std::string_view value) {
  CheckWritable();
  // Straight into the transaction's indexed write batch: rocksdb's PutUntracked would still take
  // a (pointless) key lock. Reads, savepoints, rollback and commit all go through this batch.
  rocksdb::Status s = txn_->GetWriteBatch()->Put(engine_.handle(cf), ToSlice(key), ToSlice(value));
  if (!s.ok()) ThrowRocksError(s, "write");
}

void RocksTransaction::Delete(ColumnFamily cf, std::string_view key) {
  CheckWritable();
  rocksdb::Status s = txn_->Delete(engine_.handle(cf), ToSlice(key));
  if (!s.ok()) ThrowRocksError(s, "write");
}

void RocksTransaction::DeleteUntracked(ColumnFamily cf, std::string_view key) {
  CheckWritable();
  rocksdb::Status s = txn_->GetWriteBatch()->Delete(engine_.handle(cf), ToSlice(key));
  if (!s.ok()) ThrowRocksError(s, "write");
}

std::unique_ptr<StorageIterator> RocksTransaction::NewIterator(ColumnFamily cf) {
  return NewIterator(cf, std::string());
}

std::unique_ptr<StorageIterator> RocksTransaction::NewIterator(ColumnFamily cf,
                                                               std::string upper_bound) {
  CheckOpen();
  auto it = std::make_unique<RocksIterator>();
  rocksdb::ReadOptions ro = read_options_;
  it->upper_bound_ = std::move(upper_bound);
  if (!it->upper_bound_.empty()) {
    it->upper_slice_ = rocksdb::Slice(it->upper_bound_);
    ro.iterate_upper_bound = &it->upper_slice_;
  }
  if (txn_) {
    it->it_.reset(txn_->GetIterator(ro, engine_.handle(cf)));
  } else {
    it->it_.reset(engine_.db()->NewIterator(ro, engine_.handle(cf)));
  }
  return it;
}

void RocksTransaction::SetSavePoint() {
  CheckOpen();
  if (txn_) txn_->SetSavePoint();
  savepoints_.emplace_back(on_commit_.size(), on_rollback_.size());
}

void RocksTransaction::RollbackToSavePoint() {
  CheckOpen();
  if (savepoints_.empty()) ThrowInternal("RollbackToSavePoint without a savepoint");
  if (txn_) {
    rocksdb::Status s = txn_->RollbackToSavePoint();
    if (!s.ok()) ThrowRocksError(s, "roll back to savepoint");
  }
  auto [commit_size, rollback_size] = savepoints_.back();
  savepoints_.pop_back();
  // Undo in-memory changes made since the savepoint, newest first.
  while (on_rollback_.size() > rollback_size) {
    auto action = std::move(on_rollback_.back());
    on_rollback_.pop_back();
    action();
  }
  on_commit_.resize(std::min(on_commit_.size(), commit_size));
}

void RocksTransaction::PopSavePoint() {
  CheckOpen();
  if (savepoints_.empty()) ThrowInternal("PopSavePoint without a savepoint");
  if (txn_) {
    rocksdb::Status s = txn_->PopSavePoint();
    if (!s.ok()) ThrowRocksError(s, "release savepoint");
  }
  savepoints_.pop_back();
}

void RocksTransaction::Commit() {
  CheckOpen();
  if (txn_) {
    rocksdb::Status s = txn_->Commit();
    if (!s.ok()) {
      txn_->Rollback();
      done_ = true;
      RunRollbackActions();
      ThrowRocksError(s, "commit");
    }
  }
  done_ = true;
  RunCommitActions();
}

void RocksTransaction::Rollback() {
  if (done_) return;
  done_ = true;
  if (txn_) {
    rocksdb::Status s = txn_->Rollback();
    RunRollbackActions();
    if (!s.ok()) ThrowRocksError(s, "roll back");
    return;
  }
  RunRollbackActions();
}

}  // namespace kadedb
