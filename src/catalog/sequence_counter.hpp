// SequenceCounter: the current value of one sequence, shared by every session, and its durable
// record (docs/formats/catalog.md, "Sequence state").
//
// Non-transactional like PostgreSQL's sequences: NextVal / SetVal / Restart take effect at once
// and are never rolled back. Durable by logging ahead: before handing out a value not covered by
// the persisted record, NextVal writes (and syncs, with Options::sync_commits) a record 32
// increments further on, in a small transaction of its own. After a crash the sequence resumes
// after the logged value, so it never repeats a value it returned before (it may skip up to 32).
//
// Threading: every method is thread-safe (one mutex per sequence; the log write happens under
// it, so concurrent callers wait for the record at most once per 32 values).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "catalog/sequence_entry.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

// Values logged ahead of the last one returned (PostgreSQL's SEQ_LOG_VALS).
inline constexpr int64_t kSequenceLogValues = 32;

class SequenceCounter {
 public:
  struct State {
    int64_t last_value = 0;
    int64_t log_cnt = 0;  // values still covered by the persisted record
    bool is_called = false;
  };

  // oid: the sequence's (names its record). start: last_value of a fresh sequence.
  SequenceCounter(StorageEngine& engine, uint64_t oid, int64_t start);

  // Sets the state read from the persisted record at catalog load. Not thread-safe (load only).
  void Load(std::string_view record);

  // The next value per def (increment, bounds, cycle). Throws 2200H when the sequence is
  // exhausted, 25006 on a read-only database.
  int64_t NextVal(const SequenceEntry& def);
  // setval(seq, value, is_called). REQUIRES: value checked against def's bounds by the caller.
  void SetVal(int64_t value, bool is_called);
  // ALTER SEQUENCE RESTART: the next nextval returns value.
  void Restart(int64_t value) { SetVal(value, false); }
  State Snapshot() const;

  // Deletes the persisted record (after the sequence's DROP committed).
  void Forget();

  // The record's key in the catalog column family.
  static std::string RecordKey(uint64_t oid);

 private:
  void Persist(int64_t last_value, bool is_called);  // REQUIRES: mutex_ held

  StorageEngine& engine_;
  const uint64_t oid_;
  mutable std::mutex mutex_;
  State state_;
};

}  // namespace kadedb
