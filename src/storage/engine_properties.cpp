// EngineIntProperty (engine_properties.hpp): RocksDB GetAggregatedIntProperty behind the
// StorageEngine interface.
#include "storage/engine_properties.hpp"

#include <rocksdb/db.h>

#include "storage/rocksdb_engine.hpp"

namespace kadedb {

std::optional<uint64_t> EngineIntProperty(StorageEngine& engine, const std::string& name) {
  auto* rocks = dynamic_cast<RocksEngine*>(&engine);
  if (rocks == nullptr || rocks->db() == nullptr) return std::nullopt;
  uint64_t value = 0;
  if (rocks->db()->GetAggregatedIntProperty(name, &value)) return value;
  if (rocks->db()->GetIntProperty(name, &value)) return value;
  return std::nullopt;
}

}  // namespace kadedb
