// RocksTransaction and RocksIterator: transactions over rocksdb::Transaction at the three
// isolation levels (docs/transactions.md).
//
// READ COMMITTED sets a new snapshot at each statement (BeginStatement); REPEATABLE READ and
// SERIALIZABLE keep the one set at their first statement. A write to a key someone else changed
// after the current snapshot fails with 40001 (RocksDB's write-conflict check against the
// snapshot; ClientContext restarts the statement under READ COMMITTED). SERIALIZABLE also
// records the table and index oids it reads and, at commit, fails with 40001 when a transaction
// that committed after its snapshot wrote under one of them (backward validation; serializable
// commits validate and commit one at a time). On a read-only engine the transaction is a plain
// view of the secondary instance and every write throws 25006.
#include <rocksdb/utilities/write_batch_with_index.h>

#include <algorithm>
#include <cstring>

#include "common/exception.hpp"
#include "storage/key_codec.hpp"
#include "storage/rocksdb_engine.hpp"

namespace kadedb {

namespace {
rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

// rocksdb::Transaction::Commit behind two frames that are never inlined, so a ThreadSanitizer
// report about memory RocksDB touches while committing names RocksDbCommit (the caller of the
// innermost instrumented frame). librocksdb is not instrumented: the leader of a write group
// appends its followers' batches into, and later clears, a batch buffer owned by the DB
// (DBImpl::tmp_batch_), handing leadership over with atomics TSan cannot see. tools/stress/
// tsan.supp suppresses exactly this frame; see docs/transactions.md, "ThreadSanitizer".
[[gnu::noinline]] rocksdb::Status CommitInsideRocksDb(rocksdb::Transaction* txn) {
  return txn->Commit();
}
[[gnu::noinline]] rocksdb::Status RocksDbCommit(rocksdb::Transaction* txn) {
  rocksdb::Status s = CommitInsideRocksDb(txn);
  return s;
}
}  // namespace

void ThrowRocksError(const rocksdb::Status& s, const char* what) {
  if (s.IsBusy() && s.subcode() == rocksdb::Status::kDeadlock) {
    throw Exception("40P01", "deadlock detected");
  }
  if (s.IsTimedOut()) {
    // A lock wait that outlived TransactionDBOptions::transaction_lock_timeout: retryable, but
    // not a conflict a READ COMMITTED statement restart would resolve.
    throw Exception("40001", "could not serialize access: timed out waiting for a row lock");
  }
  if (s.IsBusy() || s.IsTryAgain() || s.IsExpired()) {
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
  if (on_seek_) on_seek_(key);
  it_->Seek(ToSlice(key));
}

void RocksIterator::SeekToLast() {
  if (on_seek_ && upper_bound_.size() == 8) {
    // A bound of PrefixSuccessor(oid): the range read is that of oid - 1.
    std::string prefix = KeyPrefix(GetFixed64BE(upper_bound_.data()) - 1);
    on_seek_(prefix);
  } else if (on_seek_ && !upper_bound_.empty()) {
    on_seek_(upper_bound_);
  }
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

RocksTransaction::RocksTransaction(RocksEngine& engine, IsolationLevel level)
    : engine_(engine), level_(level) {
  if (engine.txn_db() != nullptr) {
    rocksdb::TransactionOptions to;
    to.set_snapshot = true;
    to.deadlock_detect = true;  // a wait cycle fails at once with 40P01, not after the timeout
    txn_.reset(engine.BeginRocksTransaction(to));
    snapshot_ = txn_->GetSnapshot();
  } else {
    // A secondary instance rejects reads with a snapshot; its view changes only when it catches
    // up with the writer, which FollowerView does now and keeps out while we hold the view, so
    // plain reads are consistent.
    snapshot_ = nullptr;
    follower_view_ = engine.FollowerView();
  }
  read_options_.snapshot = snapshot_;
}

void RocksTransaction::RefreshSnapshot() {
  txn_->SetSnapshot();
  snapshot_ = txn_->GetSnapshot();
  read_options_.snapshot = snapshot_;
}

void RocksTransaction::BeginStatement() {
  CheckOpen();
  // The first statement takes the transaction's snapshot (as PostgreSQL, not BEGIN), unless
  // something was already written through the snapshot taken at begin.
  if (txn_ && level_ == IsolationLevel::kReadCommitted) {
    RefreshSnapshot();
  } else {
    FixSnapshot();
  }
  statements_++;
}

void RocksTransaction::FixSnapshot() {
  if (!txn_ || snapshot_fixed_) return;
  snapshot_fixed_ = true;
  if (statements_ == 0 && txn_->GetNumKeys() == 0 && written_oids_.empty()) RefreshSnapshot();
}

void RocksTransaction::NoteRead(ColumnFamily cf, std::string_view key) {
  if (level_ != IsolationLevel::kSerializable || cf == ColumnFamily::kCatalog || key.size() < 8) {
    return;
  }
  uint64_t oid = GetFixed64BE(key.data());
  std::lock_guard<std::mutex> lock(reads_mutex_);
  if (std::find(read_oids_.begin(), read_oids_.end(), oid) == read_oids_.end()) {
    read_oids_.push_back(oid);
  }
}

void RocksTransaction::NoteWrite(ColumnFamily cf, std::string_view key) {
  if (cf == ColumnFamily::kCatalog || key.size() < 8) return;
  uint64_t oid = GetFixed64BE(key.data());
  if (!written_oids_.empty() && written_oids_.back() == oid) return;
  if (std::find(written_oids_.begin(), written_oids_.end(), oid) == written_oids_.end()) {
    written_oids_.push_back(oid);
  }
}

void RocksTransaction::ValidateReads() {
  uint64_t snapshot_seq = snapshot_ ? snapshot_->GetSequenceNumber() : 0;
  std::lock_guard<std::mutex> lock(reads_mutex_);
  for (uint64_t oid : read_oids_) {
    if (engine_.LastWriteSequence(oid) > snapshot_seq) {
      throw Exception("40001",
                      "could not serialize access due to read/write dependencies among "
                      "transactions",
                      0,
                      "Reason code: Canceled on identification as a pivot, during commit "
                      "attempt.",
                      "The transaction might succeed if retried.");
    }
  }
}

void RocksEngine::NoteCommittedWrites(const std::vector<uint64_t>& oids) {
  uint64_t seq = db_->GetLatestSequenceNumber();
  std::lock_guard<std::mutex> lock(history_mutex_);
  for (uint64_t oid : oids) {
    uint64_t& last = last_write_seq_[oid];
    last = std::max(last, seq);
  }
}

uint64_t RocksEngine::LastWriteSequence(uint64_t oid) const {
  std::lock_guard<std::mutex> lock(history_mutex_);
  auto it = last_write_seq_.find(oid);
  return it == last_write_seq_.end() ? 0 : it->second;
}

RocksTransaction::~RocksTransaction() {
  bool clean = true;
  if (!done_) {
    try {
      Rollback();
    } catch (...) {
      // Destructors must not throw; the rollback actions already ran or never will.
      clean = false;
    }
  }
  if (!txn_ && snapshot_ != nullptr) engine_.db()->ReleaseSnapshot(snapshot_);
  // A cleanly finished rocksdb transaction (committed or rolled back) can be begun again.
  if (txn_ && clean && ended_cleanly_) engine_.RecycleTransaction(std::move(txn_));
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
  NoteRead(cf, key);
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
  NoteRead(cf, key);
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
  for (auto& k : keys) NoteRead(cf, k);
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
  NoteRead(cf, key);
  std::string value;
  rocksdb::Status s =
      txn_->GetForUpdate(read_options_, engine_.handle(cf), ToSlice(key), &value, true);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) ThrowRocksError(s, "read");
  return value;
}

void RocksTransaction::Put(ColumnFamily cf, std::string_view key, std::string_view value) {
  CheckWritable();
  NoteWrite(cf, key);
  rocksdb::Status s = txn_->Put(engine_.handle(cf), ToSlice(key), ToSlice(value));
  if (!s.ok()) ThrowRocksError(s, "write");
}

void RocksTransaction::PutUntracked(ColumnFamily cf, std::string_view key, std::string_view value) {
  CheckWritable();
  NoteWrite(cf, key);
  // Straight into the transaction's indexed write batch: rocksdb's PutUntracked would still take
  // a (pointless) key lock. Reads, savepoints, rollback and commit all go through this batch.
  rocksdb::Status s = txn_->GetWriteBatch()->Put(engine_.handle(cf), ToSlice(key), ToSlice(value));
  if (!s.ok()) ThrowRocksError(s, "write");
}

void RocksTransaction::Delete(ColumnFamily cf, std::string_view key) {
  CheckWritable();
  NoteWrite(cf, key);
  rocksdb::Status s = txn_->Delete(engine_.handle(cf), ToSlice(key));
  if (!s.ok()) ThrowRocksError(s, "write");
}

void RocksTransaction::DeleteUntracked(ColumnFamily cf, std::string_view key) {
  CheckWritable();
  NoteWrite(cf, key);
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
  if (level_ == IsolationLevel::kSerializable) {
    it->on_seek_ = [this, cf](std::string_view key) { NoteRead(cf, key); };
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
  // rocksdb::Transaction saves its snapshot with the savepoint and reinstates it on rollback to
  // it, releasing any snapshot taken since. A snapshot-level transaction takes its snapshot now
  // if no statement has yet, so that a rollback to this savepoint keeps it.
  if (level_ != IsolationLevel::kReadCommitted) FixSnapshot();
  if (txn_) txn_->SetSavePoint();
  savepoints_.emplace_back(on_commit_.size(), on_rollback_.size());
}

void RocksTransaction::RollbackToSavePoint() {
  CheckOpen();
  if (savepoints_.empty()) ThrowInternal("RollbackToSavePoint without a savepoint");
  if (txn_) {
    rocksdb::Status s = txn_->RollbackToSavePoint();
    if (!s.ok()) ThrowRocksError(s, "roll back to savepoint");
    // The snapshot saved with the savepoint is back and any later one released: reading through
    // the old pointer would use freed memory. (READ COMMITTED takes a new one at its next
    // statement; the snapshot levels fixed theirs before any savepoint, so it is unchanged.)
    snapshot_ = txn_->GetSnapshot();
    read_options_.snapshot = snapshot_;
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
  if (txn_ && written_oids_.empty() && txn_->GetWriteBatch()->GetWriteBatch()->Count() == 0) {
    // Nothing written (a query, or only row locks taken): ending the rocksdb transaction by
    // rollback releases its locks and snapshot without a write-ahead-log record or sync.
    rocksdb::Status s = txn_->Rollback();
    done_ = true;
    if (!s.ok()) {
      RunRollbackActions();
      ThrowRocksError(s, "commit");
    }
    ended_cleanly_ = true;
    RunCommitActions();
    return;
  }
  if (txn_) {
    // A read-only serializable transaction needs no validation: its snapshot is a prefix of the
    // commit order, and every serializable writer behaves as if it ran at its commit point.
    std::unique_lock<std::mutex> serial;
    if (level_ == IsolationLevel::kSerializable && !written_oids_.empty()) {
      serial = std::unique_lock<std::mutex>(engine_.serializable_commit_mutex());
      try {
        ValidateReads();
      } catch (...) {
        txn_->Rollback();
        done_ = true;
        RunRollbackActions();
        throw;
      }
    }
    rocksdb::Status s = RocksDbCommit(txn_.get());
    if (!s.ok()) {
      txn_->Rollback();
      done_ = true;
      RunRollbackActions();
      ThrowRocksError(s, "commit");
    }
    if (!written_oids_.empty()) engine_.NoteCommittedWrites(written_oids_);
    ended_cleanly_ = true;
  }
  done_ = true;
  RunCommitActions();
}

void RocksTransaction::Rollback() {
  if (done_) return;
  done_ = true;
  if (txn_) {
    rocksdb::Status s = txn_->Rollback();
    ended_cleanly_ = s.ok();
    RunRollbackActions();
    if (!s.ok()) ThrowRocksError(s, "roll back");
    return;
  }
  RunRollbackActions();
}

}  // namespace kadedb
