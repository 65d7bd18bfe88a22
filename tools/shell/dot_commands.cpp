// Shell dot commands: .help .tables .schema .mode .timer .read .quit/.exit.
// .tables and .schema read information_schema through SQL when the engine offers it, else the
// catalog directly (catalog_listing.cpp).
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

#include "catalog_listing.hpp"
#include "shell.hpp"

namespace kadedb {

namespace {

constexpr const char* kHelp =
    ".help                 Show this message\n"
    ".tables               List the tables and views\n"
    ".schema [TABLE]       Show CREATE statements for every table, or one\n"
    ".mode MODE            Output mode: table (default), csv, json, markdown, line\n"
    ".timer on|off         Print the time each statement takes\n"
    ".read FILE            Run the statements in FILE\n"
    ".quit, .exit          Leave the shell\n"
    "SQL statements end with ';' and may span lines.\n";

constexpr const char* kUserSchemas = "table_schema NOT IN ('pg_catalog', 'information_schema')";

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

std::string Text(const Result& r, size_t col, uint64_t row) {
  Value v = r.GetValue(col, row);
  if (v.IsNull()) return "";
  return v.type().IsString() ? v.GetString() : v.ToString();
}

}  // namespace

bool Shell::RunDotCommand(const std::string& line) {
  auto words = Words(line);
  if (words.empty()) return true;
  const std::string& cmd = words[0];
  if (cmd == ".help") {
    std::cout << kHelp;
    return true;
  }
  if (cmd == ".quit" || cmd == ".exit") {
    quit_ = true;
    return true;
  }
  if (cmd == ".tables") return ShowTables();
  if (cmd == ".schema") return ShowSchema(words.size() > 1 ? words[1] : "");
  if (cmd == ".mode") {
    if (words.size() < 2) {
      std::cout << "current output mode: " << RenderModeName(mode_) << "\n";
      return true;
    }
    if (!ParseRenderMode(words[1], &mode_)) {
      std::cerr << "Error: unknown mode \"" << words[1]
                << "\"; use table, csv, json, markdown or line\n";
      return false;
    }
    return true;
  }
  if (cmd == ".timer") {
    if (words.size() < 2 || (words[1] != "on" && words[1] != "off")) {
      std::cerr << "Usage: .timer on|off\n";
      return false;
    }
    timer_ = words[1] == "on";
    return true;
  }
  if (cmd == ".read") {
    if (words.size() < 2) {
      std::cerr << "Usage: .read FILE\n";
      return false;
    }
    // The file name is the rest of the line (it may contain spaces).
    std::string path = line.substr(line.find(words[1], cmd.size()));
    while (!path.empty() && (path.back() == ' ' || path.back() == '\r')) path.pop_back();
    std::ifstream in(path);
    if (!in) {
      std::cerr << "Error: cannot open \"" << path << "\"\n";
      return false;
    }
    if (read_depth_ >= 16) {
      std::cerr << "Error: .read nested too deeply\n";
      return false;
    }
    read_depth_++;
    bool ok = RunScript(in, false);
    read_depth_--;
    return ok;
  }
  std::cerr << "Error: unknown command \"" << cmd << "\". Enter .help for the list.\n";
  return false;
}

bool Shell::ShowTables() {
  Result r =
      QueryQuiet(std::string("SELECT table_schema, table_name FROM information_schema.tables "
                             "WHERE ") +
                 kUserSchemas + " ORDER BY table_schema, table_name");
  if (r.ok()) {
    for (uint64_t i = 0; i < r.RowCount(); i++) {
      std::string schema = Text(r, 0, i), name = Text(r, 1, i);
      std::cout << (schema == "public" ? name : schema + "." + name) << "\n";
    }
    return true;
  }
  // No information_schema in this engine build: read the catalog directly.
  ListTablesFromCatalog(*db_, std::cout);
  return true;
}

bool Shell::ShowSchema(const std::string& table) {
  std::string filter = table.empty() ? "" : " AND table_name = " + Quote(table);
  Result cols = QueryQuiet(
      std::string("SELECT table_schema, table_name, column_name, data_type, is_nullable, "
                  "column_default FROM information_schema.columns WHERE ") +
      kUserSchemas + filter + " ORDER BY table_schema, table_name, ordinal_position");
  if (!cols.ok()) {
    // No information_schema in this engine build: read the catalog directly.
    if (!ShowSchemaFromCatalog(*db_, table, std::cout)) {
      std::cerr << "Error: no table named \"" << table << "\"\n";
      return false;
    }
    return true;
  }
  // Views are listed in information_schema.columns too; print them as views when known.
  std::map<std::string, std::string> views;
  Result v = QueryQuiet(std::string("SELECT table_schema, table_name, view_definition FROM "
                                    "information_schema.views WHERE ") +
                        kUserSchemas + filter);
  if (v.ok()) {
    for (uint64_t i = 0; i < v.RowCount(); i++) {
      views[Text(v, 0, i) + "." + Text(v, 1, i)] = Text(v, 2, i);
    }
  }
  std::string current;
  std::ostringstream out;
  auto close_table = [&]() {
    if (!current.empty()) out << "\n);\n";
  };
  for (uint64_t i = 0; i < cols.RowCount(); i++) {
    std::string schema = Text(cols, 0, i), name = Text(cols, 1, i);
    std::string key = schema + "." + name;
    std::string qualified =
        schema == "public" ? QuoteName(name) : QuoteName(schema) + "." + QuoteName(name);
    if (views.count(key)) {
      if (key != current) {
        close_table();
        current.clear();
        out << "CREATE VIEW " << qualified << " AS " << views[key] << "\n";
        views.erase(key);
      }
      continue;
    }
    if (key != current) {
      close_table();
      current = key;
      out << "CREATE TABLE " << qualified << " (\n";
    } else {
      out << ",\n";
    }
    out << "  " << QuoteName(Text(cols, 2, i)) << " " << Text(cols, 3, i);
    if (Text(cols, 4, i) == "NO") out << " NOT NULL";
    std::string def = Text(cols, 5, i);
    if (!def.empty()) out << " DEFAULT " << def;
  }
  close_table();
  // Index definitions, where the engine offers pg_indexes.
  Result idx = QueryQuiet(
      "SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN "
      "('pg_catalog', 'information_schema')" +
      (table.empty() ? "" : " AND tablename = " + Quote(table)) +
      " ORDER BY schemaname, tablename, indexname");
  if (idx.ok()) {
    for (uint64_t i = 0; i < idx.RowCount(); i++) out << Text(idx, 0, i) << ";\n";
  }
  if (!table.empty() && cols.RowCount() == 0) {
    std::cerr << "Error: no table named \"" << table << "\"\n";
    return false;
  }
  std::cout << out.str();
  return true;
}

}  // namespace kadedb
