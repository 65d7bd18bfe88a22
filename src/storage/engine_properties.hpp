// EngineIntProperty: RocksDB's numeric properties (memtable size, SST size, block cache usage,
// pending compaction) for monitoring, without the caller including <rocksdb/...>.
// Thread-safe (RocksDB's GetIntProperty is).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/storage_engine.hpp"

namespace kadedb {

// The value of RocksDB property `name` (e.g. "rocksdb.cur-size-all-mem-tables"), summed over
// every column family where RocksDB keeps it per family; nullopt when the engine is not RocksDB
// or the property is unknown.
std::optional<uint64_t> EngineIntProperty(StorageEngine& engine, const std::string& name);

}  // namespace kadedb
