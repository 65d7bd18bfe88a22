// RocksEngine: opening, validating and closing the RocksDB instance behind a database directory.
//
// Open checks the directory before RocksDB sees it, so a missing, damaged or foreign directory
// yields a Status that names the problem instead of RocksDB's internal wording (or, worse, RocksDB
// silently creating a fresh database over a directory whose CURRENT file was lost).
#include "storage/rocksdb_engine.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

#include "common/exception.hpp"
#include "storage/key_codec.hpp"
#include "storage/verify.hpp"

namespace kadedb {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCfNames[] = {"catalog", "rows", "index", "colseg"};
// Column families added after format version 1 was first written: created on open when absent
// (databases from before column storage lack "colseg").
constexpr std::string_view kLaterCfNames[] = {"colseg"};
// Default column family: the format marker (docs/formats/keys.md).
constexpr std::string_view kFormatKey = std::string_view("\0kadedb.format", 14);
constexpr std::string_view kFormatMagic = "KADEDB";
constexpr uint32_t kFormatVersion = 1;

std::string FormatMarker(uint32_t version) {
  std::string v(kFormatMagic);
  for (int shift = 24; shift >= 0; shift -= 8) v.push_back(static_cast<char>(version >> shift));
  return v;
}

Status FromRocks(const rocksdb::Status& s, const std::string& path) {
  std::string msg = s.ToString();
  if (s.IsIOError() && (msg.find("lock") != std::string::npos ||
                        msg.find("Resource temporarily unavailable") != std::string::npos)) {
    return Status::Error("55006", "database \"" + path + "\" is in use by another process", 0, msg);
  }
  if (s.IsCorruption() || (s.IsIOError() && msg.find("MANIFEST") != std::string::npos)) {
    return Status::Corruption("database \"" + path + "\" is damaged: " + msg);
  }
  if (s.IsInvalidArgument() || s.IsNotSupported()) {
    return Status::Error("XX001", "could not open database \"" + path + "\": " + msg);
  }
  return Status::IOError("could not open database \"" + path + "\": " + msg);
}

rocksdb::ColumnFamilyOptions MakeCfOptions(const Options& options) {
  rocksdb::ColumnFamilyOptions cfo;
  rocksdb::BlockBasedTableOptions table;
  // One cache for all column families: the caller copies these options for each of them.
  table.block_cache =
      rocksdb::NewLRUCache(options.block_cache_bytes ? options.block_cache_bytes : (8ull << 20));
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  table.format_version = 5;
  table.cache_index_and_filter_blocks = false;
  cfo.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  auto supported = rocksdb::GetSupportedCompressions();
  auto has = [&](rocksdb::CompressionType t) {
    for (auto c : supported)
      if (c == t) return true;
    return false;
  };
  if (has(rocksdb::kLZ4Compression)) cfo.compression = rocksdb::kLZ4Compression;
  if (has(rocksdb::kZSTD)) cfo.bottommost_compression = rocksdb::kZSTD;
  return cfo;
}

// True when dir holds data files (tables or a non-empty write-ahead log): a missing CURRENT then
// means damage. Without them nothing can be lost, e.g. a kill while the database was being
// created (MANIFEST written, CURRENT not yet), and the directory is created afresh.
bool HasDataFiles(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.ends_with(".sst")) return true;
    if (name.ends_with(".log") && it->file_size(ec) > 0) return true;
  }
  return false;
}

// True when every key-value column family of the database at path is empty (opened read-only).
bool ExistingIsEmpty(const rocksdb::Options& base, const std::string& path,
                     const std::vector<std::string>& names) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(base, path, cfs, &handles, &db).ok()) return false;
  bool empty = true;
  for (auto* h : handles) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), h));
    it->SeekToFirst();
    if (it->Valid() || !it->status().ok()) empty = false;
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
  return empty;
}

}  // namespace

Status RocksEngine::OpenEngine(const std::string& path, const Options& options,
                               std::unique_ptr<StorageEngine>* out) {
  std::error_code ec;
  fs::path dir(path);
  bool dir_exists = fs::exists(dir, ec);
  if (dir_exists && !fs::is_directory(dir, ec)) {
    return Status::Error("58030", "could not open database \"" + path + "\": not a directory");
  }
  bool has_current = dir_exists && fs::exists(dir / "CURRENT", ec);
  if (!has_current && dir_exists && HasDataFiles(dir)) {
    return Status::Corruption("database \"" + path + "\" is damaged: its CURRENT file is missing");
  }
  if (has_current && options.error_if_exists) {
    return Status::Error("42P04", "database \"" + path + "\" already exists");
  }
  if (!has_current && (options.read_only || !options.create_if_missing)) {
    return Status::Error("3D000", "database \"" + path + "\" does not exist");
  }
  if (!dir_exists) {
    fs::create_directories(dir, ec);
    if (ec) {
      return Status::IOError("could not create directory \"" + path + "\": " + ec.message());
    }
  }

  rocksdb::Options base;
  base.create_if_missing = !has_current;
  base.create_missing_column_families = !has_current;
  base.max_background_jobs = 2;
  base.bytes_per_sync = 1 << 20;
  base.keep_log_file_num = 3;
  base.max_log_file_size = 4 << 20;
  // Bulk loads commit row groups of hundreds of MB in one transaction: flush memtables once the
  // write-ahead log passes 256 MiB so it is not kept on disk beside the same data in table files.
  base.max_total_wal_size = 256ull << 20;
  base.paranoid_checks = true;
  rocksdb::ColumnFamilyOptions cfo = MakeCfOptions(options);

  if (has_current) {
    std::vector<std::string> existing;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(base, path, &existing);
    if (!s.ok()) return FromRocks(s, path);
    for (auto& e : existing) {
      bool known = e == rocksdb::kDefaultColumnFamilyName;
      for (const char* name : kCfNames) known |= e == name;
      if (!known) {
        return Status::Error("XX001", "database \"" + path + "\" has an unknown column family \"" +
                                          e + "\" (written by a newer KadeDB?)");
      }
    }
    const char* missing = nullptr;
    for (const char* name : kCfNames) {
      bool found = false;
      for (auto& e : existing) found |= e == name;
      bool later = false;
      for (auto l : kLaterCfNames) later |= l == name;
      if (!found && later && !options.read_only) {
        base.create_missing_column_families = true;
        continue;
      }
      if (!found && later) {
        return Status::Error("55000", "database \"" + path +
                                          "\" predates column storage: open it " +
                                          "read-write once before opening it read-only");
      }
      if (!found) missing = name;
    }
    if (missing != nullptr) {
      // A kill during creation can leave RocksDB's files without our column families. Finish
      // the creation only if what exists is empty; otherwise this is someone else's database.
      if (options.read_only || !ExistingIsEmpty(base, path, existing)) {
        return Status::Error(
            "XX001", "directory \"" + path +
                         "\" is damaged or does not hold a KadeDB database (column family \"" +
                         missing + "\" is missing)");
      }
      base.create_missing_column_families = true;
    }
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  cfs.emplace_back(rocksdb::kDefaultColumnFamilyName, cfo);
  for (const char* name : kCfNames) cfs.emplace_back(name, cfo);

  std::unique_ptr<RocksEngine> engine(new RocksEngine());
  engine->path_ = path;
  engine->read_only_ = options.read_only;
  engine->write_options_.sync = options.sync_commits;

  if (options.read_only) {
    // A secondary instance never takes the LOCK file and tolerates a live writer (plain
    // OpenForReadOnly does not). It needs a private directory for its own info log.
    std::string tmpl = (fs::temp_directory_path(ec) / "kadedb-ro-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
      return Status::IOError("could not create a scratch directory for read-only open");
    }
    engine->secondary_path_ = buf.data();
    base.max_open_files = -1;
    rocksdb::Status s = rocksdb::DB::OpenAsSecondary(base, path, engine->secondary_path_, cfs,
                                                     &engine->handles_, &engine->db_);
    if (!s.ok()) return FromRocks(s, path);
    s = engine->db_->TryCatchUpWithPrimary();
    if (!s.ok()) return FromRocks(s, path);
  } else {
    rocksdb::TransactionDBOptions topts;
    topts.transaction_lock_timeout = 2000;  // ms; then 40001
    rocksdb::Status s =
        rocksdb::TransactionDB::Open(base, topts, path, cfs, &engine->handles_, &engine->txn_db_);
    if (!s.ok()) return FromRocks(s, path);
    engine->db_ = engine->txn_db_;
  }
  Status st = engine->CheckFormat(!has_current);
  if (!st.ok()) return st;
  if (!options.read_only) engine->ReleaseRecoveredLogs();
  *out = std::move(engine);
  return Status::OK();
}

Status RocksEngine::CheckFormat(bool fresh) {
  rocksdb::ColumnFamilyHandle* def = handles_[0];
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), def,
                               rocksdb::Slice(kFormatKey.data(), kFormatKey.size()), &value);
  if (s.IsNotFound()) {
    // A process killed while creating the database leaves our column families without the
    // marker; an entirely empty database is safe to adopt.
    if (!fresh && !read_only_) {
      bool empty = true;
      for (auto* h : handles_) {
        std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), h));
        it->SeekToFirst();
        if (it->Valid() || !it->status().ok()) empty = false;
      }
      fresh = empty;
    }
    if (!fresh) {
      // A damaged table file can hide the marker from a read-only (secondary) open: name the
      // damage rather than call the directory foreign.
      Status damage = VerifyDatabaseFiles(path_);
      if (!damage.ok()) return damage;
      return Status::Error("XX001", "directory \"" + path_ +
                                        "\" does not hold a KadeDB database (no format marker)");
    }
    rocksdb::WriteOptions wo;
    wo.sync = true;
    std::string marker = FormatMarker(kFormatVersion);
    s = db_->Put(wo, def, rocksdb::Slice(kFormatKey.data(), kFormatKey.size()), marker);
    if (!s.ok()) return FromRocks(s, path_);
    return Status::OK();
  }
  if (!s.ok()) return FromRocks(s, path_);
  if (value.size() != kFormatMagic.size() + 4 || value.compare(0, 6, kFormatMagic) != 0) {
    return Status::Error(
        "XX001", "directory \"" + path_ + "\" does not hold a KadeDB database (bad format marker)");
  }
  uint32_t version = 0;
  for (size_t i = 6; i < 10; i++) version = (version << 8) | static_cast<uint8_t>(value[i]);
  if (version > kFormatVersion) {
    return Status::Error("XX001", "database \"" + path_ + "\" has format version " +
                                      std::to_string(version) +
                                      ", but this build of KadeDB reads " +
                                      "format versions up to " + std::to_string(kFormatVersion));
  }
  return Status::OK();
}

// Recovery flushes what it replayed, but with two-phase commit enabled (every TransactionDB)
// RocksDB deletes a write-ahead log only once a regular flush has recorded that no prepared
// transaction needs it, and recovery's flush does not record that. A database killed over and
// over (the crash test) thus kept every log and replayed them all at each open, until
// max_total_wal_size (256 MiB) forced a flush. One tiny synced write and flush of the default
// column family after an open that found old logs lets RocksDB delete them.
void RocksEngine::ReleaseRecoveredLogs() {
  rocksdb::VectorLogPtr logs;
  if (!db_->GetSortedWalFiles(logs).ok() || logs.size() <= 1) return;
  rocksdb::ColumnFamilyHandle* def = handles_[0];
  rocksdb::Slice key(kFormatKey.data(), kFormatKey.size());
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), def, key, &value).ok()) return;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  if (!db_->Put(wo, def, key, value).ok()) return;
  rocksdb::FlushOptions fo;
  fo.wait = true;
  db_->Flush(fo, def);  // best effort: on failure the logs just stay until a later flush
}

// Flushes every column family's memtables, then polls RocksDB until no compaction is pending or
// running (RocksDB 7.8 has no WaitForCompact). A compaction stopped by a close restarts in the
// next process, so a bulk load followed by short-lived processes would otherwise keep one core
// busy re-compacting under their queries. Gives up waiting after ten minutes (the data is
// flushed either way).
Status RocksEngine::Checkpoint() {
  if (read_only_ || !secondary_path_.empty()) return Status::OK();
  rocksdb::FlushOptions fo;
  fo.wait = true;
  rocksdb::Status s = db_->Flush(fo, handles_);
  if (!s.ok()) return FromRocks(s, path_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (std::chrono::steady_clock::now() < deadline) {
    uint64_t pending = 0, running = 0, flushes = 0;
    db_->GetAggregatedIntProperty("rocksdb.compaction-pending", &pending);
    db_->GetAggregatedIntProperty("rocksdb.num-running-compactions", &running);
    db_->GetAggregatedIntProperty("rocksdb.num-running-flushes", &flushes);
    if (pending == 0 && running == 0 && flushes == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Status::OK();
}

RocksEngine::~RocksEngine() {
  recycled_.clear();  // before the database they belong to
  if (db_ != nullptr) {
    // A clean close writes the memtables out when they hold more than a few MB (e.g. after a
    // bulk load), so the write-ahead logs that covered them are deleted instead of being kept
    // on disk beside the same data until the next open replays them.
    uint64_t mem = 0;
    if (!read_only_ && secondary_path_.empty() &&
        db_->GetAggregatedIntProperty("rocksdb.cur-size-all-mem-tables", &mem) &&
        mem > (4ull << 20)) {
      rocksdb::FlushOptions fo;
      fo.wait = true;
      db_->Flush(fo, handles_);
    }
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    handles_.clear();
    db_->Close();
    delete db_;
    db_ = nullptr;
    txn_db_ = nullptr;
  }
  if (!secondary_path_.empty()) {
    std::error_code ec;
    fs::remove_all(secondary_path_, ec);
  }
}

std::unique_ptr<StorageTransaction> RocksEngine::BeginTransaction() {
  return BeginTransaction(IsolationLevel::kRepeatableRead);
}

std::unique_ptr<StorageTransaction> RocksEngine::BeginTransaction(IsolationLevel level) {
  return std::make_unique<RocksTransaction>(*this, level);
}

std::shared_lock<std::shared_mutex> RocksEngine::FollowerView() {
  if (follower_view_mutex_.try_lock()) {
    // A failed catch-up (e.g. the writer deleted a file meanwhile) keeps the previous view:
    // still consistent, only older; the next transaction tries again.
    rocksdb::Status s = db_->TryCatchUpWithPrimary();
    (void)s;
    follower_view_mutex_.unlock();
  }
  return std::shared_lock<std::shared_mutex>(follower_view_mutex_);
}

rocksdb::Transaction* RocksEngine::BeginRocksTransaction(
    const rocksdb::TransactionOptions& options) {
  std::unique_ptr<rocksdb::Transaction> old;
  {
    std::lock_guard<std::mutex> lock(recycle_mutex_);
    if (!recycled_.empty()) {
      old = std::move(recycled_.back());
      recycled_.pop_back();
    }
  }
  // With old_txn, RocksDB reinitialises that object (its write batch, lock tracker and snapshot
  // state) instead of allocating a new one.
  rocksdb::Transaction* txn = txn_db_->BeginTransaction(write_options_, options, old.get());
  if (txn == old.get()) old.release();
  return txn;
}

void RocksEngine::RecycleTransaction(std::unique_ptr<rocksdb::Transaction> txn) {
  std::lock_guard<std::mutex> lock(recycle_mutex_);
  if (recycled_.size() < kMaxRecycledTransactions) recycled_.push_back(std::move(txn));
}

std::unique_ptr<StorageIterator> RocksEngine::NewIterator(ColumnFamily cf) {
  return NewIterator(cf, std::string());
}

std::unique_ptr<StorageIterator> RocksEngine::NewIterator(ColumnFamily cf,
                                                          std::string upper_bound) {
  auto it = std::make_unique<RocksIterator>();
  rocksdb::ReadOptions ro;
  it->upper_bound_ = std::move(upper_bound);
  if (!it->upper_bound_.empty()) {
    it->upper_slice_ = rocksdb::Slice(it->upper_bound_);
    ro.iterate_upper_bound = &it->upper_slice_;
  }
  it->it_.reset(db_->NewIterator(ro, handle(cf)));
  return it;
}

}  // namespace kadedb
