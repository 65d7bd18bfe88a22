// StorageEngine::Open and the engine-independent parts of StorageTransaction/StorageIterator.
#include "storage/storage_engine.hpp"

#include "common/exception.hpp"
#include "storage/rocksdb_engine.hpp"

namespace kadedb {

Status StorageEngine::Open(const std::string& path, const Options& options,
                           std::unique_ptr<StorageEngine>* out) {
  try {
    return RocksEngine::OpenEngine(path, options, out);
  } catch (const Exception& e) {
    return e.ToStatus();
  } catch (const std::exception& e) {
    return Status::IOError("could not open database \"" + path + "\": " + e.what());
  }
}

void StorageIterator::SeekToLast() {
  ThrowInternal("this iterator does not support SeekToLast");
}

void StorageTransaction::RunCommitActions() {
  auto actions = std::move(on_commit_);
  on_commit_.clear();
  on_rollback_.clear();
  for (auto it = actions.rbegin(); it != actions.rend(); ++it) (*it)();
}

void StorageTransaction::RunRollbackActions() {
  auto actions = std::move(on_rollback_);
  on_rollback_.clear();
  on_commit_.clear();
  for (auto it = actions.rbegin(); it != actions.rend(); ++it) (*it)();
}

}  // namespace kadedb
