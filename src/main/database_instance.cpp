// DatabaseInstance: opening storage and the catalog.
#include "main/database_instance.hpp"

#include "common/exception.hpp"

namespace kadedb {

Status DatabaseInstance::Open(const std::string& path, const Options& options,
                              std::unique_ptr<DatabaseInstance>* out) {
  std::unique_ptr<DatabaseInstance> instance(new DatabaseInstance());
  instance->path_ = path;
  instance->options_ = options;
  Status s = StorageEngine::Open(path, options, &instance->storage_);
  if (!s.ok()) return s;
  try {
    instance->catalog_ = std::make_unique<Catalog>(*instance->storage_);
  } catch (const Exception& e) {
    return e.ToStatus();
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("cannot load the catalog: ") + e.what());
  }
  *out = std::move(instance);
  return Status::OK();
}

DatabaseInstance::~DatabaseInstance() {
  catalog_.reset();
  storage_.reset();
}

}  // namespace kadedb
