// Schema generation: a few random tables (t0..tN, columns c0..cM) of the tester's column types,
// some NOT NULL, most with an integer primary key. The schema is the scope every query draws from.
#pragma once

#include <string>
#include <vector>

#include "random_source.hpp"
#include "sql_type.hpp"

namespace kadedb::difftest {

struct ColumnDef {
  std::string name;
  DType type = DType::kInteger;
  int precision = 0;  // kNumeric
  int scale = 0;      // kNumeric
  int length = 0;     // kVarchar
  bool not_null = false;
  bool primary_key = false;
  // "integer", "numeric(10,2)", "varchar(5)", ...
  std::string TypeSql() const;
};

struct TableDef {
  std::string name;
  std::vector<ColumnDef> columns;
  // Index of the primary key column, or -1.
  int pk = -1;
};

struct Schema {
  std::vector<TableDef> tables;
  // CREATE TABLE statements, one per table.
  std::vector<std::string> CreateStatements() const;
  std::vector<std::string> DropStatements() const;
};

// Generates 2..4 tables of 2..6 columns.
Schema GenerateSchema(RandomSource& rng);

}  // namespace kadedb::difftest
