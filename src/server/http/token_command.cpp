// RunTokenCommand (token_command.hpp).
#include "server/http/token_command.hpp"

#include <cstdlib>
#include <iostream>
#include <string>

#include "kadedb/database.hpp"
#include "server/http/token_store.hpp"

namespace kadedb {

namespace {

void Usage(std::ostream& out) {
  out << "usage: kadedb token create [--data DIR] [--user USER] [--label LABEL]\n"
         "       kadedb token revoke [--data DIR] (--id N | --label LABEL)\n"
         "       kadedb token list   [--data DIR]\n"
         "defaults: --data ./kadedb-data --user kadedb; the token is printed once, on stdout\n";
}

}  // namespace

int RunTokenCommand(int argc, char** argv) {
  if (argc < 1) {
    Usage(std::cerr);
    return 2;
  }
  std::string action = argv[0];
  std::string data = "./kadedb-data", user = "kadedb", label;
  int64_t id = 0;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      Usage(std::cout);
      return 0;
    }
    if (i + 1 >= argc) {
      Usage(std::cerr);
      return 2;
    }
    std::string v = argv[++i];
    if (a == "--data")
      data = v;
    else if (a == "--user")
      user = v;
    else if (a == "--label")
      label = v;
    else if (a == "--id")
      id = std::atoll(v.c_str());
    else {
      Usage(std::cerr);
      return 2;
    }
  }
  if (action != "create" && action != "revoke" && action != "list") {
    Usage(std::cerr);
    return 2;
  }
  if (action == "revoke" && id <= 0 && label.empty()) {
    std::cerr << "kadedb token revoke: give --id N or --label LABEL\n";
    return 2;
  }
  Options options;
  options.create_if_missing = action == "create";
  std::unique_ptr<Database> db;
  Status s = Database::Open(data, options, &db);
  if (!s.ok()) {
    std::cerr << "kadedb token: " << s.message()
              << "\n(while `kadedb serve` runs, use POST /v1/tokens instead)\n";
    return 1;
  }
  TokenStore store(*db);
  if (action == "create") {
    std::string secret;
    s = store.Create(user, label, &secret, &id);
    if (s.ok()) {
      std::cout << secret << "\n";
      std::cerr << "token " << id << " for user " << user
                << " created; it is shown only now (the database keeps its SHA-256)\n";
    }
  } else if (action == "revoke") {
    uint64_t count = 0;
    s = store.Revoke(id, label, &count);
    if (s.ok()) std::cout << "revoked " << count << " token(s)\n";
    if (s.ok() && count == 0) return 1;
  } else {
    std::vector<TokenInfo> list;
    s = store.List(&list);
    for (auto& t : list) {
      std::cout << t.id << "\t" << t.user << "\t" << t.label << "\t" << t.created_at << "\t"
                << (t.revoked ? "revoked" : "valid") << "\n";
    }
  }
  if (!s.ok()) {
    std::cerr << "kadedb token: ERROR " << s.sqlstate() << ": " << s.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace kadedb
