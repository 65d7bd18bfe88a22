// KadeDB in-process (see kadedb_runner.hpp).
#include "kadedb_runner.hpp"

#include <filesystem>
#include <string>

namespace kadedb::difftest {

namespace {

ResultColumn ColumnFor(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kBoolean:
      return {"boolean", ValueKind::kBoolean};
    case TypeId::kSmallInt:
      return {"smallint", ValueKind::kInteger};
    case TypeId::kInteger:
      return {"integer", ValueKind::kInteger};
    case TypeId::kBigInt:
      return {"bigint", ValueKind::kInteger};
    case TypeId::kReal:
      return {"real", ValueKind::kFloat};
    case TypeId::kDouble:
      return {"double precision", ValueKind::kFloat};
    case TypeId::kDecimal:
      return {"numeric", ValueKind::kNumeric};
    case TypeId::kVarchar:
    case TypeId::kText:
    case TypeId::kNull:
      return {"text", ValueKind::kText};
    case TypeId::kDate:
      return {"date", ValueKind::kDate};
    case TypeId::kTimestamp:
      return {"timestamp", ValueKind::kTimestamp};
    case TypeId::kTimestampTz:
      return {"timestamptz", ValueKind::kOther};
    case TypeId::kInterval:
      return {"interval", ValueKind::kOther};
    default:
      return {t.ToString(), ValueKind::kOther};
  }
}

}  // namespace

bool KadedbRunner::Open(const std::string& dir, std::string* error) {
  conn_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  Options options;
  options.sync_commits = false;  // a scratch database: durability is irrelevant
  Status s = Database::Open(dir, options, &db_);
  if (!s.ok()) {
    *error = s.ToString();
    return false;
  }
  conn_ = db_->Connect();
  return true;
}

ResultSet KadedbRunner::Run(const std::string& sql) {
  Result r = conn_->Query(sql);
  if (!r.ok()) return ResultSet::Error(r.status().sqlstate(), r.status().message());
  ResultSet out;
  if (!r.HasRows()) {
    out.rows_affected = r.RowsAffected();
    return out;
  }
  for (size_t c = 0; c < r.ColumnCount(); ++c) out.columns.push_back(ColumnFor(r.ColumnType(c)));
  for (size_t k = 0; k < r.ChunkCount(); ++k) {
    const DataChunk& chunk = r.Chunk(k);
    for (size_t i = 0; i < chunk.size(); ++i) {
      Row row;
      row.reserve(chunk.ColumnCount());
      for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
        Value v = chunk.GetValue(c, i);
        if (v.IsNull()) {
          row.emplace_back(std::nullopt);
        } else if (v.type().IsString()) {
          row.emplace_back(v.GetString());
        } else {
          row.emplace_back(v.ToString());
        }
      }
      out.rows.push_back(std::move(row));
    }
  }
  out.rows_affected = out.rows.size();
  return out;
}

}  // namespace kadedb::difftest
