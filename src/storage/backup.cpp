// BackupDatabase / BackupOpenEngine / RestoreDatabase: rocksdb::BackupEngine behind the API in
// backup.hpp.
//
// Point in time: the backup is consistent as of its start. It reads the sequence number S of the
// last commit first and records it in the backup's app metadata ("kadedb-seq S"). The files it
// copies may hold later commits too (writers keep going; the write-ahead logs grow while they are
// copied, and with two-phase commit on, listing the files always flushes the memtables), but they
// also hold, for every key, the version S sees: a writable engine holds a snapshot at S while the
// files are listed and copied, so flushes and compactions keep those versions; a follower's copy
// is its view at S (table files of that version, all at or before S). Restore replays the copied
// logs only up to S (a WalFilter stops at the first later batch), then builds the new database
// from every key as of S. A follower can race with the writer's compactions deleting table
// files: such a failure is retried after catching up (with a new, later S).
#include "storage/backup.hpp"

#include <rocksdb/utilities/backup_engine.h>

#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/wal_filter.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "kadedb/database.hpp"
#include "storage/rocksdb_engine.hpp"

namespace kadedb {

namespace fs = std::filesystem;

namespace {

constexpr int kFollowerAttempts = 5;
constexpr const char* kSeqMetadata = "kadedb-seq ";  // app metadata: "kadedb-seq <S>"

// Replays write-ahead log batches up to sequence number last only. A WriteBatch's bytes begin
// with its sequence number (8 bytes, little-endian) and count (4 bytes); batches in a log are in
// sequence order, so replay stops at the first one after last.
class ReplayUpTo final : public rocksdb::WalFilter {
 public:
  explicit ReplayUpTo(uint64_t last) : last_(last) {}
  WalProcessingOption LogRecord(const rocksdb::WriteBatch& batch, rocksdb::WriteBatch*,
                                bool*) const override {
    const std::string& rep = batch.Data();
    if (rep.size() < 12) return WalProcessingOption::kCorruptedRecord;
    uint64_t seq = 0;
    for (int i = 7; i >= 0; i--) seq = (seq << 8) | static_cast<uint8_t>(rep[i]);
    if (seq > last_) return WalProcessingOption::kStopReplay;
    return WalProcessingOption::kContinueProcessing;
  }
  const char* Name() const override { return "kadedb.ReplayUpTo"; }

 private:
  uint64_t last_;
};

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

// A read point at a given sequence number in a database that never took a snapshot there:
// iterators read the newest version of each key at or below it.
class SequenceReadPoint final : public rocksdb::Snapshot {
 public:
  explicit SequenceReadPoint(uint64_t seq) : seq_(seq) {}
  rocksdb::SequenceNumber GetSequenceNumber() const override { return seq_; }
  int64_t GetUnixTime() const override { return 0; }
  uint64_t GetTimestamp() const override { return 0; }

 private:
  uint64_t seq_;
};

// Builds the database in dir from the restored copy in staging as of sequence seq: opens the copy
// with a ReplayUpTo filter and without compactions (they could drop the versions seq sees), and
// copies every key of every column family as it was at seq.
Status CopyAsOf(const std::string& staging, const std::string& dir, uint64_t seq) {
  rocksdb::Options options;
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, staging, &names);
  if (!s.ok()) return FromRocks(s, "could not read the restored copy \"" + staging + "\"");
  rocksdb::ColumnFamilyOptions cfo;
  cfo.disable_auto_compactions = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (auto& n : names) cfs.emplace_back(n, cfo);
  ReplayUpTo filter(seq);
  options.wal_filter = &filter;
  options.paranoid_checks = true;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::TransactionDB* src = nullptr;
  s = rocksdb::TransactionDB::Open(options, rocksdb::TransactionDBOptions(), staging, cfs, &handles,
                                   &src);
  if (!s.ok()) return FromRocks(s, "could not open the restored copy \"" + staging + "\"");
  std::unique_ptr<rocksdb::DB> src_owner(src);

  rocksdb::Options out_options;
  out_options.create_if_missing = true;
  out_options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> out_cfs;
  for (auto& n : names) out_cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> out_handles;
  rocksdb::DB* out = nullptr;
  s = rocksdb::DB::Open(out_options, dir, out_cfs, &out_handles, &out);
  if (s.ok()) {
    SequenceReadPoint point(seq);
    rocksdb::ReadOptions ro;
    ro.snapshot = &point;
    ro.fill_cache = false;
    for (size_t i = 0; i < handles.size() && s.ok(); i++) {
      std::unique_ptr<rocksdb::Iterator> it(src->NewIterator(ro, handles[i]));
      rocksdb::WriteBatch batch;
      for (it->SeekToFirst(); it->Valid() && s.ok(); it->Next()) {
        batch.Put(out_handles[i], it->key(), it->value());
        if (batch.GetDataSize() > (4u << 20)) {
          s = out->Write(rocksdb::WriteOptions(), &batch);
          batch.Clear();
        }
      }
      if (s.ok()) s = it->status();
      if (s.ok() && batch.Count() > 0) s = out->Write(rocksdb::WriteOptions(), &batch);
    }
    if (s.ok()) {
      rocksdb::FlushOptions fo;
      fo.wait = true;
      s = out->Flush(fo, out_handles);
    }
    if (s.ok()) s = out->SyncWAL();
    for (auto* h : out_handles) out->DestroyColumnFamilyHandle(h);
    out->Close();
    delete out;
  }
  for (auto* h : handles) src->DestroyColumnFamilyHandle(h);
  src->Close();
  if (!s.ok()) return FromRocks(s, "could not write the restored database \"" + dir + "\"");
  return Status::OK();
}

}  // namespace

Status BackupOpenEngine(StorageEngine& storage, const std::string& dest, BackupInfo* info,
                        const std::function<void()>& at_start) {
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
  rocksdb::DB* db = engine->db();
  if (!engine->read_only()) {
    // A snapshot at S, held while the files are listed and copied: the flush the listing does
    // (always, as two-phase commit is on) and any compaction meanwhile keep, for every key, the
    // version S sees, beside later ones. Restore reads the copy as of S.
    const rocksdb::Snapshot* snapshot = db->GetSnapshot();
    uint64_t seq = snapshot->GetSequenceNumber();
    if (info != nullptr) info->sequence = seq;
    if (at_start) at_start();
    s = backups->CreateNewBackupWithMetadata(options, db, kSeqMetadata + std::to_string(seq));
    db->ReleaseSnapshot(snapshot);
  } else {
    for (int attempt = 0; attempt < kFollowerAttempts; attempt++) {
      rocksdb::Status c = db->TryCatchUpWithPrimary();
      if (!c.ok()) return FromRocks(c, "could not read database \"" + engine->path() + "\"");
      // The follower's view (table files and replayed log) ends at S until it catches up again.
      uint64_t seq = db->GetLatestSequenceNumber();
      if (info != nullptr) info->sequence = seq;
      if (at_start) at_start();  // (again on a retry: the point moved to the new S)
      s = backups->CreateNewBackupWithMetadata(options, db, kSeqMetadata + std::to_string(seq));
      if (s.ok() || s.IsCorruption()) break;
      backups->GarbageCollect();  // drop the partial copy before retrying
    }
  }
  if (!s.ok())
    return FromRocks(s, "could not back up \"" + engine->path() + "\" to \"" + dest + "\"");
  return FillInfo(*backups, before, dest, info);
}

Status BackupDatabase(const std::string& db_path, const std::string& dest, BackupInfo* info,
                      const std::function<void()>& at_start) {
  Options options;
  options.create_if_missing = false;
  std::unique_ptr<StorageEngine> engine;
  Status st = StorageEngine::Open(db_path, options, &engine);
  if (!st.ok() && st.sqlstate() == "55006") {
    options.read_only = true;  // a live writer holds it: follow it instead
    st = StorageEngine::Open(db_path, options, &engine);
  }
  if (!st.ok()) return st;
  return BackupOpenEngine(*engine, dest, info, at_start);
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
  const std::string& meta = all.back().app_metadata;
  if (!meta.starts_with(kSeqMetadata)) {  // a backup from before consistent points: as copied
    s = backups->RestoreDBFromLatestBackup(new_dir, new_dir);
    if (!s.ok()) return FromRocks(s, "could not restore \"" + dest + "\" into \"" + new_dir + "\"");
    return Status::OK();
  }
  // Restore the files into a staging directory beside new_dir, then build new_dir from it as of
  // the backup's consistent point.
  std::string staging = fs::path(new_dir).lexically_normal().string();
  while (staging.size() > 1 && staging.back() == '/') staging.pop_back();
  staging += ".restore-staging";
  fs::remove_all(staging, ec);
  s = backups->RestoreDBFromLatestBackup(staging, staging);
  Status st = s.ok()
                  ? CopyAsOf(staging, new_dir, std::stoull(meta.substr(std::strlen(kSeqMetadata))))
                  : FromRocks(s, "could not restore \"" + dest + "\" into \"" + new_dir + "\"");
  fs::remove_all(staging, ec);
  return st;
}

}  // namespace kadedb
