// RunImportCommand: builds and runs COPY table FROM 'file' (FORMAT csv[, HEADER][, DELIMITER]).
#include "import_command.hpp"

#include <filesystem>
#include <iostream>
#include <string>

#include "error_printer.hpp"
#include "kadedb/database.hpp"

namespace kadedb {

namespace {

std::string QuoteLiteral(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

int Usage() {
  std::cerr << "usage: kadedb import DBDIR TABLE FILE.csv [--header] [--delimiter C]\n";
  return 2;
}

}  // namespace

int RunImportCommand(int argc, char** argv) {
  std::string positional[3];
  int npos = 0;
  bool header = false;
  std::string delimiter;
  for (int i = 0; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--header") {
      header = true;
    } else if (a == "--delimiter" || a == "-d") {
      if (i + 1 >= argc) return Usage();
      delimiter = argv[++i];
    } else if (a.rfind("--delimiter=", 0) == 0) {
      delimiter = a.substr(12);
    } else if (!a.empty() && a[0] == '-' && a.size() > 1) {
      std::cerr << "unknown option " << a << "\n";
      return Usage();
    } else if (npos < 3) {
      positional[npos++] = a;
    } else {
      return Usage();
    }
  }
  if (npos != 3) return Usage();
  if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
  if (!delimiter.empty() && delimiter.size() != 1) {
    std::cerr << "the delimiter must be a single character\n";
    return 2;
  }
  std::error_code ec;
  std::string file = std::filesystem::absolute(positional[2], ec).string();
  if (ec || !std::filesystem::exists(file)) {
    std::cerr << "cannot read " << positional[2] << "\n";
    return 1;
  }
  std::unique_ptr<Database> db;
  Status s = Database::Open(positional[0], Options{}, &db);
  if (!s.ok()) {
    std::cerr << "cannot open " << positional[0] << ": " << s.ToString() << "\n";
    return 1;
  }
  std::string sql = "COPY " + positional[1] + " FROM " + QuoteLiteral(file) + " (FORMAT csv";
  if (header) sql += ", HEADER";
  if (!delimiter.empty()) sql += ", DELIMITER " + QuoteLiteral(delimiter);
  sql += ")";
  auto conn = db->Connect();
  Result r = conn->Query(sql);
  if (!r.ok()) {
    PrintError(r.status(), sql, std::cerr);
    return 1;
  }
  std::cout << (r.CommandTag().empty() ? "COPY " + std::to_string(r.RowsAffected())
                                       : r.CommandTag())
            << "\n";
  return 0;
}

}  // namespace kadedb
