// Row checks shared by INSERT, UPDATE and COPY FROM: casting new rows to the column types,
// varchar length limits (22001), NOT NULL (23502) and CHECK constraints (23514), with
// PostgreSQL's messages and "Failing row contains (...)" details.
#pragma once

#include "catalog/catalog.hpp"
#include "execution/expression/expression_node.hpp"

namespace kadedb {

// Casts each column of rows (all table columns, table order) to the table's column type
// (assignment strength) when it differs.
void ConformToTable(const TableEntry& table, DataChunk& rows);
// Throws on the first violated NOT NULL / CHECK / length limit. checks are over rows.
void VerifyRows(ExecState& state, const TableEntry& table, DataChunk& rows,
                std::vector<ExprNodePtr>& checks, const std::vector<std::string>& check_names);
// "(1, null, abc)" for row i: PostgreSQL's failing-row detail.
std::string FailingRow(const DataChunk& rows, size_t i);

}  // namespace kadedb
