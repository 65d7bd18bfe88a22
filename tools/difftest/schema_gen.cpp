// Random schema generation (see schema_gen.hpp).
#include "schema_gen.hpp"

#include <string>

namespace kadedb::difftest {

std::string ColumnDef::TypeSql() const {
  switch (type) {
    case DType::kInteger:
      return "INTEGER";
    case DType::kBigInt:
      return "BIGINT";
    case DType::kNumeric:
      return "NUMERIC(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    case DType::kDouble:
      return "DOUBLE PRECISION";
    case DType::kText:
      return "TEXT";
    case DType::kVarchar:
      return "VARCHAR(" + std::to_string(length) + ")";
    case DType::kBoolean:
      return "BOOLEAN";
    case DType::kDate:
      return "DATE";
    case DType::kTimestamp:
      return "TIMESTAMP";
  }
  return "INTEGER";
}

std::vector<std::string> Schema::CreateStatements() const {
  std::vector<std::string> out;
  for (const TableDef& t : tables) {
    std::string sql = "CREATE TABLE " + t.name + " (";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const ColumnDef& c = t.columns[i];
      if (i) sql += ", ";
      sql += c.name + " " + c.TypeSql();
      if (c.primary_key) {
        sql += " PRIMARY KEY";
      } else if (c.not_null) {
        sql += " NOT NULL";
      }
    }
    out.push_back(sql + ")");
  }
  return out;
}

std::vector<std::string> Schema::DropStatements() const {
  std::vector<std::string> out;
  for (const TableDef& t : tables) out.push_back("DROP TABLE IF EXISTS " + t.name);
  return out;
}

namespace {

ColumnDef RandomColumn(RandomSource& rng, const std::string& name) {
  static const std::vector<DType> kTypes = {
      DType::kInteger, DType::kInteger, DType::kBigInt,  DType::kNumeric, DType::kDouble,
      DType::kText,    DType::kVarchar, DType::kBoolean, DType::kDate,    DType::kTimestamp,
      DType::kInteger, DType::kText,    DType::kNumeric, DType::kDouble};
  ColumnDef c;
  c.name = name;
  c.type = rng.Pick(kTypes);
  if (c.type == DType::kNumeric) {
    // Up to 30 digits: sums of two such values stay inside KadeDB's 38-digit decimals.
    static const std::vector<int> kPrecisions = {4, 9, 12, 18, 30};
    c.precision = rng.Pick(kPrecisions);
    c.scale = static_cast<int>(rng.Int(0, std::min(c.precision, 6)));
  }
  if (c.type == DType::kVarchar)
    c.length = static_cast<int>(rng.Pick(std::vector<int>{1, 3, 8, 20}));
  c.not_null = rng.Chance(0.25);
  return c;
}

}  // namespace

Schema GenerateSchema(RandomSource& rng) {
  Schema s;
  int ntables = static_cast<int>(rng.Int(2, 4));
  for (int t = 0; t < ntables; ++t) {
    TableDef table;
    table.name = "t" + std::to_string(t);
    int ncols = static_cast<int>(rng.Int(2, 6));
    bool with_pk = rng.Chance(0.8);
    for (int c = 0; c < ncols; ++c) {
      ColumnDef col = RandomColumn(rng, "c" + std::to_string(c));
      if (c == 0 && with_pk) {
        col.type = rng.Chance(0.8) ? DType::kInteger : DType::kBigInt;
        col.primary_key = true;
        col.not_null = true;
        table.pk = 0;
      }
      table.columns.push_back(col);
    }
    // Every table gets at least one integer column that is not the key, so joins have
    // something with duplicates to match on.
    bool has_int = false;
    for (size_t c = 1; c < table.columns.size(); ++c) {
      has_int |= table.columns[c].type == DType::kInteger;
    }
    if (!has_int) table.columns[1].type = DType::kInteger, table.columns[1].precision = 0;
    s.tables.push_back(std::move(table));
  }
  return s;
}

}  // namespace kadedb::difftest
