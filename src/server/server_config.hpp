// ServerConfig: every setting of `kadedb serve`, its default, and where it comes from.
//
// Precedence: built-in default < config file (--config FILE, TOML) < command-line flag. None can
// change while the server runs (restart to apply). docs/server.md lists the TOML keys.
//
// Threading: filled once before the server starts, then read-only (shared by every thread).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kadedb/status.hpp"

namespace kadedb {

// One pg_hba-like rule: clients whose address falls in `cidr` authenticate with `method`.
// Rules are tried in order; the first match wins; no match rejects the connection (28000).
struct AuthRule {
  std::string cidr;    // "127.0.0.1/32", "::1/128", "0.0.0.0/0", "all"
  std::string method;  // "trust", "scram-sha-256" or "reject"
};

struct ServerConfig {
  // Database directory; created when missing. Flag --data, TOML `data`. Default ./kadedb-data.
  std::string data_dir = "./kadedb-data";
  // Address both listeners bind. Flag --listen, TOML `listen`. Default 127.0.0.1.
  std::string listen_address = "127.0.0.1";
  // PostgreSQL wire protocol port. Flag --pg-port, TOML `pg_port`. Default 5433.
  int pg_port = 5433;
  // HTTP API port (src/server/http/). Flag --http-port, TOML `http_port`. Default 8080.
  // 0 disables the HTTP listener.
  int http_port = 8080;
  // Concurrent PostgreSQL sessions; one more is refused with 53300. TOML `max_connections`.
  // Default 100.
  int max_connections = 100;
  // Default statement_timeout of new sessions, ms (0 = none); 57014 when exceeded. TOML
  // `statement_timeout_ms`. Default 0. Sessions may change it with SET statement_timeout.
  int64_t statement_timeout_ms = 0;
  // A session idle inside a transaction longer than this is closed (25P03), ms (0 = none).
  // TOML `idle_in_transaction_session_timeout_ms`. Default 0.
  int64_t idle_in_transaction_timeout_ms = 0;
  // Largest protocol message accepted, bytes; larger ones get 08P01 and a closed connection.
  // TOML `max_message_bytes`. Default 1 GiB (PostgreSQL's own limit).
  int64_t max_message_bytes = int64_t{1} << 30;
  // On SIGTERM/SIGINT, how long running queries may finish before connections are closed, ms.
  // TOML `shutdown_grace_ms`. Default 10000.
  int64_t shutdown_grace_ms = 10000;
  // Log level: "debug", "info", "warning" or "error". TOML `log_level`. Default "info".
  std::string log_level = "info";

  // TLS ([tls] cert / key). Both empty (the default): SSLRequest is answered 'N'.
  std::string tls_cert_file;
  std::string tls_key_file;

  // Authentication ([auth] rules = ["CIDR METHOD", ...]). Default: loopback (127.0.0.0/8, ::1)
  // trusted, everything else SCRAM-SHA-256.
  std::vector<AuthRule> auth_rules = {{"127.0.0.0/8", "trust"},
                                      {"::1/128", "trust"},
                                      {"0.0.0.0/0", "scram-sha-256"},
                                      {"::/0", "scram-sha-256"}};
  // Password of the superuser `kadedb` ([auth] password, else the KADEDB_PASSWORD environment
  // variable). Empty: SCRAM logins as kadedb fail until a role catalog provides a verifier.
  std::string superuser_password;
  // Extra users and their passwords or SCRAM verifiers ([users] name = "password" or
  // "SCRAM-SHA-256$4096:salt$StoredKey:ServerKey"), used until the role catalog lands.
  std::map<std::string, std::string> users;

  // HTTP API bearer tokens ([http] tokens = ["..."]). Empty: the HTTP API follows the auth rules.
  std::vector<std::string> http_tokens;

  // Reads a TOML file into this config (keys absent from the file keep their values).
  // Returns 22023/58030 with the file name and line on a bad file.
  Status LoadFile(const std::string& path);
  // Parses TOML text (what LoadFile reads); `source` names it in errors.
  Status LoadText(const std::string& text, const std::string& source);
};

}  // namespace kadedb
