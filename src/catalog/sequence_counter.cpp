// SequenceCounter: nextval / setval with log-ahead persistence (see sequence_counter.hpp).
#include "catalog/sequence_counter.hpp"

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "storage/key_codec.hpp"

namespace kadedb {

namespace {

constexpr uint8_t kRecordVersion = 1;

// The value after v stepping by increment, or nullopt when it leaves [min, max].
std::optional<int64_t> Step(int64_t v, const SequenceEntry& def) {
  int64_t next;
  if (__builtin_add_overflow(v, def.increment, &next)) return std::nullopt;
  if (next > def.max_value || next < def.min_value) return std::nullopt;
  return next;
}

}  // namespace

int64_t SequenceTypeMin(TypeId type) {
  return type == TypeId::kSmallInt ? INT16_MIN : type == TypeId::kInteger ? INT32_MIN : INT64_MIN;
}

int64_t SequenceTypeMax(TypeId type) {
  return type == TypeId::kSmallInt ? INT16_MAX : type == TypeId::kInteger ? INT32_MAX : INT64_MAX;
}

std::string SequenceCounter::RecordKey(uint64_t oid) {
  std::string key(1, static_cast<char>(CatalogType::kSequenceState));
  PutFixed64BE(&key, oid);
  return key;
}

SequenceCounter::SequenceCounter(StorageEngine& engine, uint64_t oid, int64_t start)
    : engine_(engine), oid_(oid) {
  state_.last_value = start;
}

void SequenceCounter::Load(std::string_view record) {
  if (record.size() != 10 || static_cast<uint8_t>(record[0]) != kRecordVersion) {
    throw Exception(sqlstate::kDataCorrupted, "sequence record is corrupted");
  }
  state_.last_value = static_cast<int64_t>(GetFixed64BE(record.data() + 1));
  state_.is_called = record[9] != 0;
  state_.log_cnt = 0;
}

void SequenceCounter::Persist(int64_t last_value, bool is_called) {
  if (engine_.read_only()) {
    throw Exception(sqlstate::kReadOnly, "cannot execute nextval() in a read-only database");
  }
  std::string value(1, static_cast<char>(kRecordVersion));
  PutFixed64BE(&value, static_cast<uint64_t>(last_value));
  value.push_back(is_called ? 1 : 0);
  // A transaction of its own: the record must not wait for (or roll back with) the caller's.
  auto txn = engine_.BeginTransaction();
  txn->Put(ColumnFamily::kCatalog, RecordKey(oid_), value);
  txn->Commit();
}

int64_t SequenceCounter::NextVal(const SequenceEntry& def) {
  std::lock_guard lock(mutex_);
  int64_t next = state_.last_value;
  if (state_.is_called) {
    std::optional<int64_t> stepped = Step(state_.last_value, def);
    if (!stepped) {
      if (!def.cycle) {
        bool up = def.increment > 0;
        throw Exception("2200H", std::string("nextval: reached ") + (up ? "maximum" : "minimum") +
                                     " value of sequence \"" + def.name + "\" (" +
                                     std::to_string(up ? def.max_value : def.min_value) + ")");
      }
      stepped = def.increment > 0 ? def.min_value : def.max_value;
    }
    next = *stepped;
  } else if (next > def.max_value || next < def.min_value) {
    // RESTART / setval(..., false) checked the bounds; an ALTER may have moved them since.
    bool up = def.increment > 0;
    throw Exception("2200H", std::string("nextval: reached ") + (up ? "maximum" : "minimum") +
                                 " value of sequence \"" + def.name + "\" (" +
                                 std::to_string(up ? def.max_value : def.min_value) + ")");
  }
  if (state_.log_cnt == 0) {
    // Log ahead: persist a value kSequenceLogValues increments on (or the last one before the
    // bound), so the values up to it need no further write.
    int64_t logged = next, ahead = 0;
    while (ahead < kSequenceLogValues) {
      std::optional<int64_t> s = Step(logged, def);
      if (!s) break;
      logged = *s;
      ahead++;
    }
    Persist(logged, true);
    state_.log_cnt = ahead;
  } else {
    state_.log_cnt--;
  }
  state_.last_value = next;
  state_.is_called = true;
  return next;
}

void SequenceCounter::SetVal(int64_t value, bool is_called) {
  std::lock_guard lock(mutex_);
  Persist(value, is_called);
  state_.last_value = value;
  state_.is_called = is_called;
  state_.log_cnt = 0;
}

SequenceCounter::State SequenceCounter::Snapshot() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void SequenceCounter::Forget() {
  if (engine_.read_only()) return;
  auto txn = engine_.BeginTransaction();
  txn->Delete(ColumnFamily::kCatalog, RecordKey(oid_));
  txn->Commit();
}

}  // namespace kadedb
