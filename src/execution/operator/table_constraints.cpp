// ConformToTable / VerifyRows: the per-row constraint checks of data changes.
#include "execution/operator/table_constraints.hpp"

#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

static size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void ConformToTable(const TableEntry& table, DataChunk& rows) {
  for (size_t c = 0; c < table.columns.size() && c < rows.ColumnCount(); c++) {
    const LogicalType& t = table.columns[c].type;
    Vector& v = rows.column(c);
    if (v.type() == t) continue;
    if (v.type().id == t.id && v.physical() == PhysicalOf(t) && t.id != TypeId::kDecimal &&
        t.id != TypeId::kVarchar) {
      v.Retype(t);
      continue;
    }
    Vector cast(t);
    CastVector(v, rows.size(), t, cast, CastStrength::kAssignment);
    v = std::move(cast);
  }
}

std::string FailingRow(const DataChunk& rows, size_t i) {
  std::string s = "(";
  for (size_t c = 0; c < rows.ColumnCount(); c++) {
    if (c) s += ", ";
    Value v = rows.GetValue(c, i);
    s += v.IsNull() ? "null" : v.ToString();
  }
  return s + ")";
}

void VerifyRows(ExecState& state, const TableEntry& table, DataChunk& rows,
                std::vector<ExprNodePtr>& checks, const std::vector<std::string>& check_names) {
  size_t n = rows.size();
  for (size_t c = 0; c < table.columns.size(); c++) {
    const auto& col = table.columns[c];
    const Vector& v = rows.column(c);
    if (col.type.id == TypeId::kVarchar && col.type.length > 0) {
      for (size_t i = 0; i < n; i++) {
        if (!v.IsNull(i) && v.strings()[i].size() > col.type.length &&
            Utf8Length(v.strings()[i]) > col.type.length) {
          throw Exception(
              sqlstate::kStringDataRightTruncation,
              "value too long for type character varying(" + std::to_string(col.type.length) + ")");
        }
      }
    }
    if (!col.not_null) continue;
    for (size_t i = 0; i < n; i++) {
      if (v.IsNull(i)) {
        throw Exception(sqlstate::kNotNullViolation,
                        "null value in column \"" + col.name + "\" of relation \"" + table.name +
                            "\" violates not-null constraint",
                        0, "Failing row contains " + FailingRow(rows, i) + ".");
      }
    }
  }
  Vector r;
  for (size_t k = 0; k < checks.size(); k++) {
    ExpressionExecutor::Execute(state, *checks[k], rows, r);
    for (size_t i = 0; i < n; i++) {
      if (!r.IsNull(i) && r.ints()[i] == 0) {
        std::string name = k < check_names.size() ? check_names[k] : table.name + "_check";
        throw Exception(sqlstate::kCheckViolation,
                        "new row for relation \"" + table.name + "\" violates check constraint \"" +
                            name + "\"",
                        0, "Failing row contains " + FailingRow(rows, i) + ".");
      }
    }
  }
}

}  // namespace kadedb
