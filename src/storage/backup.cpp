// BackupDatabase / BackupOpenEngine / RestoreDatabase: rocksdb::BackupEngine behind the API in
// backup.hpp.
//
// A writable engine is flushed first (flush_before_backup) so the backup needs little WAL; a
// read-only follower (secondary instance) cannot flush, so its backup carries the live WAL files,
// trimmed to what had been synced, and recovery replays them. A follower can race with the
// writer's compactions deleting table files: such a failure is retried after catching up.
#include "storage/backup.hpp"

#include <rocksdb/utilities/backup_engine.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include "kadedb/database.hpp"
#include "storage/rocksdb_engine.hpp"

namespace kadedb {

namespace fs = std::filesystem;

namespace {

constexpr int kFollowerAttempts = 5;

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.IsCorruption()) return Status::Corruption(what + ": " + s.ToString());
  return Status::IOError(what + ": " + s.ToString());
}

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fe;
    if (it->is_regular_file(fe)) total += it->file_size(fe);
  }
  return total;
}

Status OpenBackupEngine(const std::string& dest, std::unique_ptr<rocksdb::BackupEngine>* out) {
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec)
    return Status::IOError("could not create backup directory \"" + dest + "\": " + ec.message());
  rocksdb::BackupEngineOptions options(dest);
  options.share_table_files = true;
  options.share_files_with_checksum = true;
  options.sync = true;
  options.max_background_operations = 2;
  rocksdb::BackupEngine* engine = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(rocksdb::Env::Default(), options, &engine);
  if (!s.ok()) return FromRocks(s, "could not open backup directory \"" + dest + "\"");
  out->reset(engine);
  return Status::OK();
}

Status FillInfo(rocksdb::BackupEngine& backups, uint64_t bytes_before, const std::string& dest,
                BackupInfo* info) {
  if (info == nullptr) return Status::OK();
  std::vector<rocksdb::BackupInfo> all;
  backups.GetBackupInfo(&all);
  if (all.empty()) return Status::IOError("backup in \"" + dest + "\" vanished after creation");
  const rocksdb::BackupInfo& last = all.back();
  info->backup_id = last.backup_id;
  info->size = last.size;
  info->files = last.number_files;
  info->backups = static_cast<uint32_t>(all.size());
  uint64_t after = DirectoryBytes(dest);
  info->copied_bytes = after > bytes_before ? after - bytes_before : 0;
  return Status::OK();
}

}  // namespace

Status BackupOpenEngine(StorageEngine& storage, const std::string& dest, BackupInfo* info) {
  auto* engine = dynamic_cast<RocksEngine*>(&storage);
  if (engine == nullptr) return Status::Error("0A000", "this storage engine cannot be backed up");
  std::error_code ec;
  if (fs::equivalent(fs::path(dest), fs::path(engine->path()), ec) ||
      fs::weakly_canonical(dest, ec).string().starts_with(
          fs::weakly_canonical(engine->path(), ec).string() + "/")) {
    return Status::InvalidArgument("backup directory \"" + dest +
                                   "\" must not be inside the database directory");
  }
  std::unique_ptr<rocksdb::BackupEngine> backups;
  Status st = OpenBackupEngine(dest, &backups);
  if (!st.ok()) return st;
  uint64_t before = DirectoryBytes(dest);
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = !engine->read_only();
  rocksdb::IOStatus s;
  for (int attempt = 0; attempt < (engine->read_only() ? kFollowerAttempts : 1); attempt++) {
    if (engine->read_only()) {
      rocksdb::Status c = engine->db()->TryCatchUpWithPrimary();
      if (!c.ok()) return FromRocks(c, "could not read database \"" + engine->path() + "\"");
    }
    s = backups->CreateNewBackup(options, engine->db());
    if (s.ok() || s.IsCorruption()) break;
    backups->GarbageCollect();  // drop the partial copy before retrying
  }
  if (!s.ok())
    return FromRocks(s, "could not back up \"" + engine->path() + "\" to \"" + dest + "\"");
  return FillInfo(*backups, before, dest, info);
}

Status BackupDatabase(const std::string& db_path, const std::string& dest, BackupInfo* info) {
  Options options;
  options.create_if_missing = false;
  std::unique_ptr<StorageEngine> engine;
  Status st = StorageEngine::Open(db_path, options, &engine);
  if (!st.ok() && st.sqlstate() == "55006") {
    options.read_only = true;  // a live writer holds it: follow it instead
    st = StorageEngine::Open(db_path, options, &engine);
  }
  if (!st.ok()) return st;
  return BackupOpenEngine(*engine, dest, info);
}

Status RestoreDatabase(const std::string& dest, const std::string& new_dir) {
  std::error_code ec;
  if (!fs::is_directory(dest, ec)) {
    return Status::Error("58P01", "backup directory \"" + dest + "\" does not exist");
  }
  if (fs::exists(new_dir, ec) && !fs::is_empty(new_dir, ec)) {
    return Status::Error("42P04", "directory \"" + new_dir + "\" exists and is not empty");
  }
  rocksdb::BackupEngineOptions options(dest);
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(rocksdb::Env::Default(), options, &raw);
  if (!s.ok()) return FromRocks(s, "could not open backup directory \"" + dest + "\"");
  std::unique_ptr<rocksdb::BackupEngineReadOnly> backups(raw);
  std::vector<rocksdb::BackupInfo> all;
  backups->GetBackupInfo(&all);
  if (all.empty())
    return Status::Error("58P01", "backup directory \"" + dest + "\" holds no backup");
  s = backups->VerifyBackup(all.back().backup_id, /*verify_with_checksum=*/true);
  if (!s.ok())
    return FromRocks(
        s, "backup " + std::to_string(all.back().backup_id) + " in \"" + dest + "\" is damaged");
  fs::create_directories(new_dir, ec);
  if (ec) return Status::IOError("could not create directory \"" + new_dir + "\": " + ec.message());
  s = backups->RestoreDBFromLatestBackup(new_dir, new_dir);
  if (!s.ok()) return FromRocks(s, "could not restore \"" + dest + "\" into \"" + new_dir + "\"");
  return Status::OK();
}

}  // namespace kadedb
