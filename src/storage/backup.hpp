// Online, incremental backup and restore of a database directory (rocksdb::BackupEngine).
//
// A backup directory holds numbered backups; table files are shared between them (keyed by name,
// size and checksum), so a second backup copies only files that changed since the first. Each
// backup is a consistent point-in-time copy as of its start: every commit acknowledged before the
// backup started is in it, none that committed after its consistent point (read at its start) is
// in the restored database, no transaction is in it partially. See docs/backup.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "kadedb/status.hpp"

namespace kadedb {

class StorageEngine;

struct BackupInfo {
  uint32_t backup_id = 0;     // 1 for the first backup in a destination, then 2, 3, ...
  uint64_t size = 0;          // bytes the backup refers to (shared files included)
  uint32_t files = 0;         // files the backup refers to
  uint64_t copied_bytes = 0;  // bytes this backup added to the destination (0 when unknown)
  uint32_t backups = 0;       // backups now in the destination
  uint64_t sequence = 0;      // the backup's consistent point: the last commit it holds
};

// Backs up the database in directory db_path into dest (created when missing). Opens the database
// for writing when no other process holds it; otherwise opens it as a read-only follower of the
// live writer (the writer keeps running) and backs up what it has committed. Fails with 3D000
// when db_path holds no database, XX001 when it is damaged.
// at_start (optional): called when the consistent point is fixed, before anything is copied
// (tests use it to tell which commits began after it); a follower that retries after racing the
// writer's compactions fixes a later point and calls it again, so its last call marks the point.
Status BackupDatabase(const std::string& db_path, const std::string& dest,
                      BackupInfo* info = nullptr, const std::function<void()>& at_start = {});

// Backs up an already open engine (used by BACKUP DATABASE TO '...'). Thread-safe with respect
// to concurrent transactions on the engine.
Status BackupOpenEngine(StorageEngine& engine, const std::string& dest, BackupInfo* info = nullptr,
                        const std::function<void()>& at_start = {});

// Restores the latest backup in dest into new_dir, which must not exist or be empty. The result
// is an ordinary database directory holding exactly the commits up to the backup's consistent
// point (the copied write-ahead logs are replayed up to it and no further).
Status RestoreDatabase(const std::string& dest, const std::string& new_dir);

}  // namespace kadedb
