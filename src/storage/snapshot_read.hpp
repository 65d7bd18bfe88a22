// BeginSnapshotRead: a storage transaction for one statement that only reads. It holds a RocksDB
// snapshot and reads through the database directly (no rocksdb::Transaction, so no write batch,
// lock tracker or savepoint stack to set up and tear down per statement). Every write through it
// throws 25006. Callers must know the statement writes nothing and calls nothing that writes
// (ClientContext uses it for autocommit PointGet plans, execution/point_get.hpp).
#pragma once

#include <memory>

#include "storage/storage_engine.hpp"

namespace kadedb {

// On a read-only (follower) engine this is an ordinary BeginTransaction(level).
std::unique_ptr<StorageTransaction> BeginSnapshotRead(StorageEngine& engine, IsolationLevel level);

}  // namespace kadedb
