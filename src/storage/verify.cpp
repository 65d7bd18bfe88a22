// VerifyDatabaseFiles (see verify.hpp): a read-only RocksDB instance over every column family
// the MANIFEST names, then DB::VerifyChecksum (reads every block of every live table file).
#include "storage/verify.hpp"

#include <rocksdb/db.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

namespace kadedb {

namespace fs = std::filesystem;

Status VerifyDatabaseFiles(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(fs::path(path) / "CURRENT", ec)) {
    return Status::Corruption("database \"" + path + "\" has no CURRENT file");
  }
  rocksdb::Options options;
  options.paranoid_checks = true;
  options.max_open_files = -1;
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, path, &names);
  if (!s.ok()) return Status::Corruption("MANIFEST of \"" + path + "\": " + s.ToString());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::string tmpl = (fs::temp_directory_path(ec) / "kadedb-verify-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr)
    return Status::IOError("could not create a scratch directory");
  std::string scratch = buf.data();
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  // A plain read-only open checks every table file as it opens it (max_open_files = -1); a
  // secondary instance (used when the plain open fails for another reason than damage, e.g. the
  // writer removed a file meanwhile) is less thorough.
  s = rocksdb::DB::OpenForReadOnly(options, path, cfs, &handles, &raw);
  if (!s.ok() && !s.IsCorruption()) {
    handles.clear();
    s = rocksdb::DB::OpenAsSecondary(options, path, scratch, cfs, &handles, &raw);
  }
  Status result;
  if (!s.ok()) {
    result = Status::Corruption("database \"" + path + "\" cannot be read: " + s.ToString());
  } else {
    std::unique_ptr<rocksdb::DB> db(raw);
    s = db->VerifyChecksum();
    if (!s.ok()) result = Status::Corruption("database \"" + path + "\": " + s.ToString());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    db->Close();
  }
  fs::remove_all(scratch, ec);
  return result;
}

}  // namespace kadedb
