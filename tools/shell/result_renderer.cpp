// Result rendering. Table mode follows psql's aligned format (numbers right-aligned, text left,
// centred headers, "(N rows)") but shows NULL as "NULL" so it stands apart from an empty string.
#include "result_renderer.hpp"

#include "common/json_string.hpp"

#include <cstdio>
#include <vector>

namespace kadedb {

namespace {

bool IsNumericType(const LogicalType& t) {
  return t.IsNumeric();
}

std::string CellText(const Value& v) {
  if (v.IsNull()) return "NULL";
  if (v.type().IsString()) return v.GetString();
  return v.ToString();
}

// Display width in terminal columns: counts UTF-8 code points (no East Asian width handling).
size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = DisplayWidth(s);
  if (w >= width) return s;
  std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

std::string Centre(const std::string& s, size_t width) {
  size_t w = DisplayWidth(s);
  if (w >= width) return s;
  size_t left = (width - w) / 2;
  return std::string(left, ' ') + s + std::string(width - w - left, ' ');
}

std::vector<std::vector<Value>> AllRows(const Result& r) {
  std::vector<std::vector<Value>> rows;
  for (size_t c = 0; c < r.ChunkCount(); c++) {
    const DataChunk& chunk = r.Chunk(c);
    for (size_t i = 0; i < chunk.size(); i++) {
      std::vector<Value> row;
      for (size_t col = 0; col < r.ColumnCount(); col++) row.push_back(chunk.GetValue(col, i));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void RenderTable(const Result& r, std::ostream& out) {
  const size_t ncols = r.ColumnCount();
  auto rows = AllRows(r);
  std::vector<size_t> width(ncols);
  std::vector<std::vector<std::string>> cells;
  for (size_t c = 0; c < ncols; c++) width[c] = DisplayWidth(r.ColumnName(c));
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (size_t c = 0; c < ncols; c++) {
      std::string text = CellText(row[c]);
      // Multi-line values would break the grid; show newlines escaped.
      for (size_t p = 0; (p = text.find('\n', p)) != std::string::npos;) text.replace(p, 1, "\\n");
      width[c] = std::max(width[c], DisplayWidth(text));
      line.push_back(std::move(text));
    }
    cells.push_back(std::move(line));
  }
  std::string header, rule;
  for (size_t c = 0; c < ncols; c++) {
    if (c) {
      header += "|";
      rule += "+";
    }
    header += " " + Centre(r.ColumnName(c), width[c]) + " ";
    rule += std::string(width[c] + 2, '-');
  }
  out << header << "\n" << rule << "\n";
  for (size_t i = 0; i < cells.size(); i++) {
    std::string line;
    for (size_t c = 0; c < ncols; c++) {
      if (c) line += "|";
      bool right = IsNumericType(r.ColumnType(c)) && !rows[i][c].IsNull();
      line += " " + Pad(cells[i][c], width[c], right) + " ";
    }
    // Trailing blanks carry nothing; drop them so piped output stays clean.
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  out << "(" << rows.size() << (rows.size() == 1 ? " row)" : " rows)") << "\n";
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

void RenderCsv(const Result& r, std::ostream& out) {
  for (size_t c = 0; c < r.ColumnCount(); c++) out << (c ? "," : "") << CsvField(r.ColumnName(c));
  out << "\n";
  for (const auto& row : AllRows(r)) {
    for (size_t c = 0; c < row.size(); c++) {
      out << (c ? "," : "") << (row[c].IsNull() ? "" : CsvField(CellText(row[c])));
    }
    out << "\n";
  }
}

std::string JsonValue(const Value& v) {
  if (v.IsNull()) return "null";
  const LogicalType& t = v.type();
  if (t.id == TypeId::kBoolean) return v.GetBool() ? "true" : "false";
  if (t.IsInteger() || t.id == TypeId::kDecimal) return v.ToString();
  if (t.IsFloat()) {
    std::string s = v.ToString();
    // NaN and Infinity have no JSON number form.
    if (s.find_first_of("nN") != std::string::npos) return JsonQuote(s);
    return s;
  }
  return JsonQuote(CellText(v));
}

void RenderJson(const Result& r, std::ostream& out) {
  auto rows = AllRows(r);
  out << "[";
  for (size_t i = 0; i < rows.size(); i++) {
    out << (i ? ",\n " : "") << "{";
    for (size_t c = 0; c < rows[i].size(); c++) {
      out << (c ? "," : "") << JsonQuote(r.ColumnName(c)) << ":" << JsonValue(rows[i][c]);
    }
    out << "}";
  }
  out << "]\n";
}

std::string MarkdownCell(std::string s) {
  for (size_t p = 0; (p = s.find('|', p)) != std::string::npos; p += 2) s.replace(p, 1, "\\|");
  for (size_t p = 0; (p = s.find('\n', p)) != std::string::npos;) s.replace(p, 1, "<br>");
  return s;
}

void RenderMarkdown(const Result& r, std::ostream& out) {
  out << "|";
  for (size_t c = 0; c < r.ColumnCount(); c++) out << " " << MarkdownCell(r.ColumnName(c)) << " |";
  out << "\n|";
  for (size_t c = 0; c < r.ColumnCount(); c++) {
    out << (IsNumericType(r.ColumnType(c)) ? "---:|" : "---|");
  }
  out << "\n";
  for (const auto& row : AllRows(r)) {
    out << "|";
    for (const auto& v : row) out << " " << MarkdownCell(CellText(v)) << " |";
    out << "\n";
  }
}

void RenderLine(const Result& r, std::ostream& out) {
  size_t name_width = 0;
  for (const auto& n : r.names()) name_width = std::max(name_width, DisplayWidth(n));
  auto rows = AllRows(r);
  for (size_t i = 0; i < rows.size(); i++) {
    if (i) out << "\n";
    for (size_t c = 0; c < rows[i].size(); c++) {
      out << Pad(r.ColumnName(c), name_width, true) << " = " << CellText(rows[i][c]) << "\n";
    }
  }
}

}  // namespace

bool ParseRenderMode(const std::string& name, RenderMode* mode) {
  if (name == "table") {
    *mode = RenderMode::kTable;
  } else if (name == "csv") {
    *mode = RenderMode::kCsv;
  } else if (name == "json") {
    *mode = RenderMode::kJson;
  } else if (name == "markdown") {
    *mode = RenderMode::kMarkdown;
  } else if (name == "line") {
    *mode = RenderMode::kLine;
  } else {
    return false;
  }
  return true;
}

const char* RenderModeName(RenderMode mode) {
  switch (mode) {
    case RenderMode::kTable:
      return "table";
    case RenderMode::kCsv:
      return "csv";
    case RenderMode::kJson:
      return "json";
    case RenderMode::kMarkdown:
      return "markdown";
    case RenderMode::kLine:
      return "line";
  }
  return "table";
}

void RenderRows(const Result& r, RenderMode mode, std::ostream& out) {
  switch (mode) {
    case RenderMode::kTable:
      RenderTable(r, out);
      break;
    case RenderMode::kCsv:
      RenderCsv(r, out);
      break;
    case RenderMode::kJson:
      RenderJson(r, out);
      break;
    case RenderMode::kMarkdown:
      RenderMarkdown(r, out);
      break;
    case RenderMode::kLine:
      RenderLine(r, out);
      break;
  }
}

}  // namespace kadedb
