// `kadedb serve [--data DIR] [--listen ADDR] [--pg-port N] [--http-port N] [--config FILE]`
// (serve_command.hpp; every setting and default in docs/server.md).
#include "server/serve_command.hpp"

#include <cstdlib>
#include <iostream>
#include <string>

#include "kadedb/database.hpp"
#include "server/server.hpp"
#include "server/server_listeners.hpp"
#include "server/server_log.hpp"

namespace kadedb {

namespace {

void Usage(std::ostream& out) {
  out << "usage: kadedb serve [--data DIR] [--listen ADDR] [--pg-port N] [--http-port N]\n"
         "                    [--config FILE] [--log-level LEVEL]\n"
         "defaults: --data ./kadedb-data --listen 127.0.0.1 --pg-port 5433 --http-port 8080\n"
         "see docs/server.md for the config file\n";
}

bool IsLoopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost" ||
         address.rfind("127.", 0) == 0;
}

}  // namespace

int RunServeCommand(int argc, char** argv) {
  ServerConfig config;
  std::string config_file;
  // The config file is read first so flags override it wherever they appear.
  for (int i = 0; i + 1 < argc; i++) {
    if (std::string(argv[i]) == "--config") config_file = argv[i + 1];
  }
  if (!config_file.empty()) {
    Status s = config.LoadFile(config_file);
    if (!s.ok()) {
      std::cerr << "kadedb serve: " << s.message() << "\n";
      return 2;
    }
  }
  for (int i = 0; i < argc; i++) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) return nullptr;
      return argv[++i];
    };
    const char* v = nullptr;
    auto port = [&](int* out) {
      v = value();
      if (!v) return false;
      char* end = nullptr;
      long n = std::strtol(v, &end, 10);
      if (*end != '\0' || n < 0 || n > 65535) return false;
      *out = static_cast<int>(n);
      return true;
    };
    bool ok = true;
    if (a == "--data") {
      ok = (v = value()) != nullptr;
      if (ok) config.data_dir = v;
    } else if (a == "--listen") {
      ok = (v = value()) != nullptr;
      if (ok) config.listen_address = v;
    } else if (a == "--pg-port") {
      ok = port(&config.pg_port);
    } else if (a == "--http-port") {
      ok = port(&config.http_port);
    } else if (a == "--config") {
      ok = value() != nullptr;
    } else if (a == "--log-level") {
      ok = (v = value()) != nullptr;
      if (ok) config.log_level = v;
    } else if (a == "-h" || a == "--help") {
      Usage(std::cout);
      return 0;
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "kadedb serve: bad argument " << a << "\n";
      Usage(std::cerr);
      return 2;
    }
  }
  ServerLog::SetLevel(config.log_level);
  if (config.superuser_password.empty()) {
    if (const char* env = std::getenv("KADEDB_PASSWORD")) config.superuser_password = env;
  }
  if (!IsLoopback(config.listen_address) && config.superuser_password.empty()) {
    ServerLog::Error("refusing to listen on " + config.listen_address +
                     " without a password for the superuser kadedb: set [auth] password in the "
                     "config file or KADEDB_PASSWORD");
    return 1;
  }
  for (auto& rule : config.auth_rules) {
    if (rule.method == "trust" &&
        (rule.cidr == "all" || rule.cidr.find("/0") != std::string::npos)) {
      ServerLog::Warning("auth rule \"" + rule.cidr +
                         " trust\" lets anyone connect without a password");
    } else if (rule.method == "trust") {
      ServerLog::Warning("connections from " + rule.cidr +
                         " are trusted (no password), as PostgreSQL's initdb default");
    }
  }

  std::unique_ptr<Database> db;
  Status s = Database::Open(config.data_dir, Options{}, &db);
  if (!s.ok()) {
    ServerLog::Error("cannot open " + config.data_dir + ": " + s.ToString());
    return 1;
  }
  ServerLog::Info("opened database directory " + config.data_dir);
  Server server(config, std::move(db));
  AddProtocolListeners(server);
  s = server.Start();
  if (!s.ok()) {
    ServerLog::Error(s.message());
    return 1;
  }
  ServerLog::Info("ready: psql -h " + config.listen_address + " -p " +
                  std::to_string(server.pg_port()) + " -U kadedb kadedb");
  return server.Run();
}

}  // namespace kadedb
