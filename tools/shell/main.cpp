// kadedb: the command-line shell.
//
//   kadedb [DBDIR]                      interactive shell (default DBDIR ./kadedb-data); reads a
//                                       script from stdin when stdin is not a terminal
//   kadedb [DBDIR] -c "SQL" [-c ...]    run SQL and exit
//   kadedb import DBDIR TABLE FILE.csv [--header] [--delimiter C]
//   kadedb serve [--data DIR] [--listen ADDR] [--pg-port N] [--http-port N] [--config FILE]
//                                       the server (docs/server.md)
//   kadedb token create|revoke|list --data DIR ...   HTTP API bearer tokens (docs/http.md)
//   kadedb check DBDIR | backup DBDIR DEST | restore DEST NEWDIR   (admin_commands.hpp)
// Options: -m/--mode MODE, --bail (stop at the first error), -h/--help, --version.
// The exit code is 1 when any statement failed, 2 for usage errors.
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "admin_commands.hpp"
#include "import_command.hpp"
#include "server/http/token_command.hpp"
#include "server/serve_command.hpp"
#include "shell.hpp"

namespace {

constexpr const char* kVersion = "0.1.0";

void Usage(std::ostream& out) {
  out << "usage: kadedb [DBDIR] [-c SQL]... [-m MODE] [--bail] [--readonly]\n"
         "       kadedb import DBDIR TABLE FILE.csv [--header] [--delimiter C]\n"
         "       kadedb serve [--data DIR] [--listen ADDR] [--pg-port N] [--http-port N] [--config FILE]\n"
         "       kadedb token create|revoke|list [--data DIR] [--user U] [--label L] [--id N]\n"
         "DBDIR defaults to ./kadedb-data. Without -c, reads SQL from the terminal (interactive)\n"
         "or from standard input. MODE is table, csv, json, markdown or line.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "serve") == 0) {
    return kadedb::RunServeCommand(argc - 2, argv + 2);
  }
  if (argc >= 2 && std::strcmp(argv[1], "token") == 0) {
    return kadedb::RunTokenCommand(argc - 2, argv + 2);
  }
  if (argc >= 2 && std::strcmp(argv[1], "import") == 0) {
    return kadedb::RunImportCommand(argc - 2, argv + 2);
  }
  if (argc >= 2 && kadedb::IsAdminCommand(argv[1])) {  // check, backup, restore
    return kadedb::RunAdminCommand(argc - 1, argv + 1);
  }
  std::string dir = "./kadedb-data";
  bool have_dir = false, bail = false, read_only = false;
  std::vector<std::string> commands;
  std::string mode_name;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-c" || a == "--command") {
      if (i + 1 >= argc) {
        Usage(std::cerr);
        return 2;
      }
      commands.push_back(argv[++i]);
    } else if (a == "-m" || a == "--mode") {
      if (i + 1 >= argc) {
        Usage(std::cerr);
        return 2;
      }
      mode_name = argv[++i];
    } else if (a == "--bail") {
      bail = true;
    } else if (a == "--readonly") {
      read_only = true;  // a read-only follower, safe next to a running writer
    } else if (a == "-h" || a == "--help") {
      Usage(std::cout);
      return 0;
    } else if (a == "--version") {
      std::cout << "kadedb " << kVersion << "\n";
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "unknown option " << a << "\n";
      Usage(std::cerr);
      return 2;
    } else if (!have_dir) {
      dir = a;
      have_dir = true;
    } else {
      Usage(std::cerr);
      return 2;
    }
  }
  kadedb::RenderMode mode = kadedb::RenderMode::kTable;
  if (!mode_name.empty() && !kadedb::ParseRenderMode(mode_name, &mode)) {
    std::cerr << "unknown mode " << mode_name << "\n";
    return 2;
  }

  std::unique_ptr<kadedb::Database> db;
  kadedb::Options options;
  options.read_only = read_only;
  kadedb::Status s = kadedb::Database::Open(dir, options, &db);
  if (!s.ok()) {
    std::cerr << "kadedb: cannot open " << dir << ": " << s.ToString() << "\n";
    return 1;
  }
  kadedb::Shell shell(std::move(db));
  shell.set_mode(mode);
  if (!commands.empty()) {
    bool ok = true;
    for (const auto& sql : commands) {
      std::istringstream in(sql);  // a script, so -c also accepts dot commands
      if (!shell.RunScript(in, bail)) {
        ok = false;
        if (bail) break;
      }
    }
    return ok ? 0 : 1;
  }
  if (isatty(STDIN_FILENO)) return shell.RunInteractive();
  return shell.RunScript(std::cin, bail) ? 0 : 1;
}
