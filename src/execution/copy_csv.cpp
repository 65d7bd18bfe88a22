// COPY table FROM 'file' and COPY table / (query) TO 'file' in CSV format (RFC 4180 quoting,
// HEADER, DELIMITER, NULL string). A bad line raises its error with "CONTEXT: COPY t, line N" in
// the detail.
//
// COPY FROM is a bulk load: the file is read in 8 MiB blocks and split into fields in place (no
// allocation per field), common types are parsed straight into vector slots (ParseValue for the
// rest), and every full row group of rows is written as sealed column segments
// (DataTable::AppendRowGroup) instead of one row-store key per row. Defaults, NOT NULL, CHECK
// and unique checks run as for INSERT; an error leaves nothing (the statement's savepoint).
// Memory: the file buffer plus one row group of parsed rows. COPY TO prints Value::ToString.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <memory>

#include "catalog/catalog.hpp"
#include "common/datetime.hpp"
#include "common/exception.hpp"
#include "execution/executor_internal.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/table_constraints.hpp"
#include "execution/physical_plan_generator.hpp"
#include "function/cast/cast.hpp"
#include "planner/operator/logical_simple.hpp"
#include "storage/data_table.hpp"

namespace kadedb {

namespace {

std::string ResolvePath(const std::string& path, const ExecutionContext& context) {
  if (path.empty() || path[0] == '/' || context.working_directory.empty()) return path;
  std::string dir = context.working_directory;
  if (dir.back() != '/') dir += '/';
  return dir + path;
}

// One field of a CSV record: a view into the reader's buffer (quoted fields are unescaped in
// place, which only ever shortens them).
struct CsvField {
  std::string_view text;
  bool quoted = false;
};

// Streams a CSV file in large blocks and splits it into records without a per-field
// allocation. Records may span lines inside quotes; a record longer than the buffer grows it.
class CsvReader {
 public:
  CsvReader(std::FILE* file, char delimiter, char quote)
      : file_(file), delimiter_(delimiter), quote_(quote) {
    buf_.resize(kBlock);
  }
  // Reads the next record into fields (views valid until the next call). Returns false at end
  // of input. line_number: advanced by the lines the record spans.
  bool Next(std::vector<CsvField>& fields, uint64_t& line_number) {
    fields.clear();
    size_t end = 0, newlines = 0;
    while (!FindRecordEnd(&end, &newlines)) {
      if (Refill()) continue;
      if (pos_ >= len_) return false;
      if (FindRecordEnd(&end, &newlines)) break;
      // Last record without a line terminator.
      bool in_quotes = false;
      for (size_t i = pos_; i < len_; i++)
        if (buf_[i] == quote_) in_quotes = !in_quotes;
      if (in_quotes) throw Exception("22P04", "unterminated CSV quoted field");
      end = len_;
      newlines = 0;
      for (size_t i = pos_; i < len_; i++) newlines += buf_[i] == '\n';
      break;
    }
    line_number += 1 + newlines;
    Split(pos_, end, fields);
    size_t next = end;
    if (end < len_)
      next = (buf_[end] == '\r' && end + 1 < len_ && buf_[end + 1] == '\n') ? end + 2 : end + 1;
    pos_ = next;
    return true;
  }

 private:
  static constexpr size_t kBlock = 8 << 20;

  // Finds the end (index of the terminating '\r' or '\n') of the record at pos_ within the
  // buffered bytes. A '\r' at the very end of the buffer is not trusted (a '\n' may follow).
  bool FindRecordEnd(size_t* end, size_t* newlines) {
    const char* b = buf_.data();
    // Fast path: the next '\n' ends the record when no quote or '\r' comes before it.
    if (pos_ < len_) {
      const void* nl = std::memchr(b + pos_, '\n', len_ - pos_);
      if (nl != nullptr) {
        size_t at = static_cast<const char*>(nl) - b;
        if (std::memchr(b + pos_, quote_, at - pos_) == nullptr &&
            std::memchr(b + pos_, '\r', at - pos_) == nullptr) {
          *end = at;
          *newlines = 0;
          return true;
        }
      }
    }
    bool in_quotes = false;
    size_t nl = 0;
    for (size_t i = pos_; i < len_; i++) {
      char c = b[i];
      if (c == quote_) {
        in_quotes = !in_quotes;
      } else if (!in_quotes && (c == '\n' || c == '\r')) {
        if (c == '\r' && i + 1 >= len_ && !eof_) return false;
        *end = i;
        *newlines = nl;
        return true;
      } else if (c == '\n') {
        nl++;
      }
    }
    return false;
  }

  // Moves the unread tail to the front and reads more. Returns false at end of file.
  bool Refill() {
    if (eof_) return false;
    size_t rest = len_ - pos_;
    if (pos_ > 0) std::memmove(buf_.data(), buf_.data() + pos_, rest);
    pos_ = 0;
    len_ = rest;
    if (len_ == buf_.size()) buf_.resize(buf_.size() * 2);
    size_t got = std::fread(buf_.data() + len_, 1, buf_.size() - len_, file_);
    if (got == 0) {
      eof_ = true;
      return false;
    }
    len_ += got;
    return true;
  }

  // Splits [from, end) into fields, unescaping quoted parts in place (PostgreSQL CSV rules: a
  // quote anywhere starts a quoted part, "" inside one is a literal quote).
  void Split(size_t from, size_t end, std::vector<CsvField>& fields) {
    char* b = buf_.data();
    if (std::memchr(b + from, quote_, end - from) == nullptr) {
      // No quotes: fields are the pieces between delimiters.
      size_t j = from;
      while (true) {
        const void* d = std::memchr(b + j, delimiter_, end - j);
        size_t stop = d ? static_cast<const char*>(d) - b : end;
        fields.push_back(CsvField{std::string_view(b + j, stop - j), false});
        if (d == nullptr) return;
        j = stop + 1;
      }
    }
    size_t j = from;
    while (true) {
      size_t start = j, out = j;
      bool quoted = false, in_quotes = false;
      while (j < end) {
        char c = b[j];
        if (in_quotes) {
          if (c == quote_) {
            if (j + 1 < end && b[j + 1] == quote_) {
              b[out++] = quote_;
              j += 2;
              continue;
            }
            in_quotes = false;
            j++;
            continue;
          }
        } else if (c == quote_) {
          in_quotes = quoted = true;
          j++;
          continue;
        } else if (c == delimiter_) {
          break;
        }
        b[out++] = c;
        j++;
      }
      fields.push_back(CsvField{std::string_view(b + start, out - start), quoted});
      if (j >= end) return;
      j++;  // the delimiter
      if (j == end) {
        fields.push_back(CsvField());
        return;
      }
    }
  }

  std::FILE* file_;
  char delimiter_, quote_;
  std::string buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
};

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

// Parses text into slot r of v (typed as type) without building a Value for the common types;
// anything unusual goes through ParseValue, which also produces PostgreSQL's errors.
void ParseInto(std::string_view text, const LogicalType& type, Vector& v, size_t r) {
  switch (type.id) {
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: {
      int64_t x;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
      bool ok =
          ec == std::errc() && p == text.data() + text.size() && !text.empty() && text[0] != '+';
      if (ok && type.id == TypeId::kInteger) ok = x >= INT32_MIN && x <= INT32_MAX;
      if (ok && type.id == TypeId::kSmallInt) ok = x >= INT16_MIN && x <= INT16_MAX;
      if (!ok) break;
      v.ints()[r] = x;
      return;
    }
    case TypeId::kDate: {
      if (text.size() != 10 || text[4] != '-' || text[7] != '-') break;
      auto digits = [&](size_t at, size_t n, int* out) {
        int x = 0;
        for (size_t i = at; i < at + n; i++) {
          if (text[i] < '0' || text[i] > '9') return false;
          x = x * 10 + (text[i] - '0');
        }
        *out = x;
        return true;
      };
      int y, m, d;
      if (!digits(0, 4, &y) || !digits(5, 2, &m) || !digits(8, 2, &d)) break;
      static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      if (y < 1 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap))
        break;
      v.ints()[r] = DaysFromCivil(y, m, d);
      return;
    }
    case TypeId::kDecimal: {
      if (type.precision == 0 || type.precision > 18) break;
      size_t i = 0;
      bool neg = false;
      if (i < text.size() && text[i] == '-') {
        neg = true;
        i++;
      }
      int64_t mant = 0;
      int int_digits = 0, frac_digits = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        mant = mant * 10 + (text[i++] - '0');
        if (mant != 0) int_digits++;
      }
      size_t int_end = i;
      if (i < text.size() && text[i] == '.') {
        i++;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
          mant = mant * 10 + (text[i++] - '0');
          frac_digits++;
        }
      }
      if (i != text.size() || (int_end == (neg ? 1u : 0u) && frac_digits == 0)) break;
      if (frac_digits > type.scale || int_digits > type.precision - type.scale) break;
      for (int k = frac_digits; k < type.scale; k++) mant *= 10;
      v.decimals()[r] = Decimal{neg ? -mant : mant, type.scale};
      return;
    }
    case TypeId::kDouble: {
      double x;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
      if (ec != std::errc() || p != text.data() + text.size() || text.empty() || x != x) break;
      v.doubles()[r] = x;
      return;
    }
    case TypeId::kText:
      v.strings()[r].assign(text);
      return;
    case TypeId::kVarchar:
      // Longer values go the slow way (PostgreSQL trims trailing blanks past the limit).
      if (type.length != 0 && text.size() > type.length) break;
      v.strings()[r].assign(text);
      return;
    default:
      break;
  }
  v.SetValue(r, ParseValue(text, type));
}

// Appends the first n rows of src to dst, column by column.
void AppendColumns(DataChunk& dst, DataChunk& src, size_t n) {
  for (size_t c = 0; c < src.ColumnCount(); c++) {
    Vector& s = src.column(c);
    Vector& d = dst.column(c);
    auto& dv = d.validity();
    dv.insert(dv.end(), s.validity().begin(), s.validity().begin() + n);
    switch (s.physical()) {
      case PhysicalType::kInt64:
        d.ints().insert(d.ints().end(), s.ints().begin(), s.ints().begin() + n);
        break;
      case PhysicalType::kDouble:
        d.doubles().insert(d.doubles().end(), s.doubles().begin(), s.doubles().begin() + n);
        break;
      case PhysicalType::kDecimal:
        d.decimals().insert(d.decimals().end(), s.decimals().begin(), s.decimals().begin() + n);
        break;
      case PhysicalType::kString:
        for (size_t i = 0; i < n; i++) d.strings().push_back(std::move(s.strings()[i]));
        break;
      case PhysicalType::kInterval:
        d.intervals().insert(d.intervals().end(), s.intervals().begin(), s.intervals().begin() + n);
        break;
    }
  }
}

// Runs one row-group write at a time on a helper thread. Wait() rethrows its error; the
// destructor waits too (an error while parsing must not unwind the transaction under it).
class GroupWriter {
 public:
  ~GroupWriter() {
    if (pending_.valid()) pending_.wait();
  }
  void Start(std::function<void()> fn) { pending_ = std::async(std::launch::async, std::move(fn)); }
  void Wait() {
    if (pending_.valid()) pending_.get();
  }

 private:
  std::future<void> pending_;
};

// Bulk loads go straight into sealed row groups (DataTable::AppendRowGroup) once they have a
// full group; smaller remainders of at least this many rows become a (smaller) row group too,
// anything less goes to the row store.
constexpr size_t kMinBulkGroupRows = 16384;

uint64_t CopyFrom(LogicalCopy& copy, ExecutionContext& context) {
  TableEntry& table = *copy.table;
  std::string path = ResolvePath(copy.path, context);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
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
  DataChunk chunk(types, kStandardVectorSize);
  DataChunk group(types, 0);  // rows waiting for a full row group
  size_t filled = 0;
  uint64_t line = 0, rows = 0;
  const size_t group_rows = DataTable::RowGroupSize();
  // Full row groups are encoded and written by a helper thread while this one parses the next
  // group (at most one in flight). Only when nothing else uses the transaction meanwhile: no
  // column defaults (nextval() writes through it).
  bool pipelined = true;
  for (auto& d : defaults) pipelined &= d == nullptr;
  GroupWriter writer;
  auto write_group = [&](bool final) {
    size_t n = group.size();
    if (n == 0 || (!final && n < group_rows)) return;
    writer.Wait();
    if (n >= group_rows || n >= kMinBulkGroupRows) {
      auto full = std::make_shared<DataChunk>(std::move(group));
      auto append = [&context, &table, full] {
        table.storage->AppendRowGroup(*context.transaction, *full, nullptr);
      };
      if (pipelined && !final) {
        writer.Start(std::move(append));
      } else {
        append();
      }
    } else {
      table.storage->Append(*context.transaction, group, nullptr);
    }
    group = DataChunk();
    group.Initialize(types, 0);
  };
  auto flush = [&]() {
    if (filled == 0) return;
    chunk.SetSize(filled);
    for (size_t c = 0; c < types.size(); c++) {
      if (!defaults[c]) continue;
      Vector v;
      ExpressionExecutor::Execute(state, *defaults[c], chunk, v);
      chunk.column(c) = std::move(v);
    }
    ConformToTable(table, chunk);
    VerifyRows(state, table, chunk, checks, copy.check_names);
    AppendColumns(group, chunk, filled);
    group.SetSize(group.size() + filled);
    rows += filled;
    filled = 0;
    chunk.Initialize(types, kStandardVectorSize);
    chunk.SetSize(kStandardVectorSize);
    write_group(false);
  };
  chunk.SetSize(kStandardVectorSize);
  std::string context_prefix = "CONTEXT: COPY " + table.name + ", line ";
  CsvReader reader(file.get(), copy.delimiter, copy.quote);
  std::vector<CsvField> fields;
  if (copy.header) reader.Next(fields, line);
  std::string_view null_string = copy.null_string;
  while (reader.Next(fields, line)) {
    if ((line & 1023) == 0) state.CheckInterrupt();
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
      for (size_t c = 0; c < types.size(); c++) {
        if (!supplied[c]) chunk.column(c).SetNull(filled, true);
      }
      for (size_t f = 0; f < fields.size(); f++) {
        const auto& field = fields[f];
        Vector& v = chunk.column(columns[f]);
        if (!field.quoted && field.text == null_string) {
          v.SetNull(filled, true);
          continue;
        }
        v.SetNull(filled, false);
        ParseInto(field.text, types[columns[f]], v, filled);
      }
    } catch (const Exception& e) {
      std::string detail = e.detail().empty() ? "" : e.detail() + "\n";
      throw Exception(e.sqlstate(), e.what(), 0, detail + context_prefix + std::to_string(line),
                      e.hint());
    }
    if (++filled >= kStandardVectorSize) flush();
  }
  flush();
  write_group(true);
  writer.Wait();
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
