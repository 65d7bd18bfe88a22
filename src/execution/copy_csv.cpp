// COPY table FROM 'file' and COPY table / (query) TO 'file' in CSV format (RFC 4180 quoting,
// HEADER, DELIMITER, NULL string). Values are parsed with ParseValue and printed with
// Value::ToString. A bad line raises its error with "CONTEXT: COPY t, line N" in the detail.
// Memory: one chunk of rows at a time (the input file is streamed).
#include <cstdio>
#include <fstream>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/executor_internal.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/table_constraints.hpp"
#include "execution/physical_plan_generator.hpp"
#include "function/cast/cast.hpp"
#include "planner/operator/logical_simple.hpp"

namespace kadedb {

namespace {

std::string ResolvePath(const std::string& path, const ExecutionContext& context) {
  if (path.empty() || path[0] == '/' || context.working_directory.empty()) return path;
  std::string dir = context.working_directory;
  if (dir.back() != '/') dir += '/';
  return dir + path;
}

struct CsvField {
  std::string text;
  bool quoted = false;
};

// Reads one CSV record (which may span lines inside quotes). Returns false at end of input.
bool ReadRecord(std::istream& in, char delimiter, char quote, std::vector<CsvField>& fields,
                uint64_t& line_number) {
  fields.clear();
  int c = in.get();
  if (c == EOF) return false;
  line_number++;
  CsvField field;
  bool in_quotes = false;
  while (true) {
    if (c == EOF) {
      if (in_quotes) {
        throw Exception("22P04", "unterminated CSV quoted field");
      }
      fields.push_back(std::move(field));
      return true;
    }
    char ch = static_cast<char>(c);
    if (in_quotes) {
      if (ch == quote) {
        int next = in.peek();
        if (next == quote) {
          field.text += quote;
          in.get();
        } else {
          in_quotes = false;
        }
      } else {
        if (ch == '\n') line_number++;
        field.text += ch;
      }
    } else if (ch == quote) {
      in_quotes = true;
      field.quoted = true;
    } else if (ch == delimiter) {
      fields.push_back(std::move(field));
      field = CsvField();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && in.peek() == '\n') in.get();
      fields.push_back(std::move(field));
      return true;
    } else {
      field.text += ch;
    }
    c = in.get();
  }
}

std::string QuoteCsv(const std::string& s, char delimiter, char quote,
                     const std::string& null_string) {
  bool needs = s.empty() ? null_string.empty() : s == null_string;
  for (char c : s) {
    if (c == delimiter || c == quote || c == '\n' || c == '\r') needs = true;
  }
  if (!needs) return s;
  std::string out(1, quote);
  for (char c : s) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

uint64_t CopyFrom(LogicalCopy& copy, ExecutionContext& context) {
  TableEntry& table = *copy.table;
  std::string path = ResolvePath(copy.path, context);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Exception(sqlstate::kIoError, "could not open file \"" + copy.path +
                                            "\" for reading: No such file or directory");
  }
  std::vector<column_t> columns = copy.columns;
  if (columns.empty()) {
    for (size_t c = 0; c < table.columns.size(); c++) columns.push_back(static_cast<column_t>(c));
  }
  ExecState state(context);
  std::vector<LogicalType> types = table.ColumnTypes();
  // Defaults are constant-like (no column references), compiled over an empty input; checks are
  // over the full new row.
  PhysicalPlanGenerator generator(context);
  std::vector<ColumnBinding> new_row;
  for (size_t c = 0; c < types.size(); c++) new_row.push_back({copy.new_row_index, c});
  std::vector<ExprNodePtr> checks = generator.Compile(copy.checks, new_row);
  std::vector<ExprNodePtr> defaults(types.size());
  std::vector<bool> supplied(types.size(), false);
  for (column_t c : columns) supplied[c] = true;
  for (size_t c = 0; c < types.size(); c++) {
    if (!supplied[c] && c < copy.defaults.size() && copy.defaults[c]) {
      defaults[c] = generator.Compile(*copy.defaults[c], {});
    }
  }
  DataChunk chunk(types, 0);
  uint64_t line = 0, rows = 0;
  std::vector<CsvField> fields;
  auto flush = [&]() {
    if (chunk.size() == 0) return;
    for (size_t c = 0; c < types.size(); c++) {
      if (!defaults[c]) continue;
      Vector v;
      ExpressionExecutor::Execute(state, *defaults[c], chunk, v);
      chunk.column(c) = std::move(v);
    }
    ConformToTable(table, chunk);
    VerifyRows(state, table, chunk, checks, copy.check_names);
    table.storage->Append(*context.transaction, chunk, nullptr);
    rows += chunk.size();
    chunk.Initialize(types, 0);
  };
  std::string context_prefix = "CONTEXT: COPY " + table.name + ", line ";
  if (copy.header) ReadRecord(in, copy.delimiter, copy.quote, fields, line);
  std::vector<Value> row(types.size());
  while (ReadRecord(in, copy.delimiter, copy.quote, fields, line)) {
    state.CheckInterrupt();
    if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted && columns.size() != 1) {
      continue;  // blank line
    }
    try {
      if (fields.size() > columns.size()) {
        throw Exception("22P04", "extra data after last expected column");
      }
      if (fields.size() < columns.size()) {
        throw Exception("22P04", "missing data for column \"" +
                                     table.columns[columns[fields.size()]].name + "\"");
      }
      for (size_t c = 0; c < types.size(); c++) row[c] = Value::Null(types[c]);
      for (size_t f = 0; f < fields.size(); f++) {
        const auto& field = fields[f];
        column_t col = columns[f];
        if (!field.quoted && field.text == copy.null_string) continue;
        row[col] = ParseValue(field.text, types[col]);
      }
      chunk.AppendRow(row);
    } catch (const Exception& e) {
      std::string detail = e.detail().empty() ? "" : e.detail() + "\n";
      throw Exception(e.sqlstate(), e.what(), 0, detail + context_prefix + std::to_string(line),
                      e.hint());
    }
    if (chunk.size() >= kStandardVectorSize) flush();
  }
  flush();
  return rows;
}

uint64_t CopyTo(LogicalCopy& copy, ExecutionContext& context) {
  std::string path = ResolvePath(copy.path, context);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Exception(sqlstate::kIoError, "could not open file \"" + copy.path + "\" for writing");
  }
  ExecState state(context);
  std::vector<std::string> names;
  PhysicalOperatorPtr physical;
  std::unique_ptr<LogicalOperator> owned_scan;
  if (!copy.children.empty()) {
    PhysicalPlanGenerator generator(context);
    physical = generator.Plan(*copy.children[0]);
    for (size_t c = 0; c < physical->types.size(); c++)
      names.push_back("column" + std::to_string(c + 1));
  }
  uint64_t rows = 0;
  auto write_header = [&]() {
    if (!copy.header) return;
    for (size_t c = 0; c < names.size(); c++) {
      if (c) out << copy.delimiter;
      out << QuoteCsv(names[c], copy.delimiter, copy.quote, "\x01");
    }
    out << '\n';
  };
  auto write_chunk = [&](DataChunk& chunk) {
    std::string line;
    for (size_t i = 0; i < chunk.size(); i++) {
      line.clear();
      for (size_t c = 0; c < chunk.ColumnCount(); c++) {
        if (c) line += copy.delimiter;
        Value v = chunk.GetValue(c, i);
        if (v.IsNull()) {
          line += copy.null_string;
        } else {
          line += QuoteCsv(v.ToString(), copy.delimiter, copy.quote, copy.null_string);
        }
      }
      line += '\n';
      out << line;
    }
    rows += chunk.size();
    return true;
  };
  if (physical) {
    write_header();
    physical->Run(state, write_chunk);
  } else {
    TableEntry& table = *copy.table;
    std::vector<column_t> columns = copy.columns;
    if (columns.empty()) {
      for (size_t c = 0; c < table.columns.size(); c++) columns.push_back(static_cast<column_t>(c));
    }
    for (column_t c : columns) names.push_back(table.columns[c].name);
    write_header();
    std::vector<LogicalType> types;
    for (column_t c : columns) types.push_back(table.columns[c].type);
    auto scan = table.storage->InitScan(*context.transaction, columns);
    while (true) {
      state.CheckInterrupt();
      DataChunk chunk(types, 0);
      std::vector<row_t> ids;
      if (!table.storage->Scan(*scan, chunk, ids)) break;
      chunk.SetSize(ids.size());
      write_chunk(chunk);
    }
  }
  out.flush();
  if (!out) throw Exception(sqlstate::kIoError, "could not write to file \"" + copy.path + "\"");
  return rows;
}

}  // namespace

void ExecuteCopy(LogicalOperator& plan, ExecutionContext& context, Result& result) {
  auto& copy = static_cast<LogicalCopy&>(plan);
  uint64_t rows = copy.is_from ? CopyFrom(copy, context) : CopyTo(copy, context);
  result.SetRowsAffected(rows);
}

}  // namespace kadedb
