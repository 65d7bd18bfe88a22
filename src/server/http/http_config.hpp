// HttpConfig: the settings of the HTTP API (docs/http.md). Filled by `kadedb serve` from its
// ServerConfig before the server starts; read-only afterwards (shared by every thread). None can
// change at runtime.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kadedb {

struct HttpConfig {
  // Address and port to bind. Port 0 picks a free port (HttpServer::port() tells which).
  // Defaults: 127.0.0.1, 8080 (the serve flags --listen and --http-port).
  std::string listen_address = "127.0.0.1";
  uint16_t port = 8080;
  // Rows returned by POST /v1/query at most; more set "truncated": true. Default 10,000.
  // The streaming endpoint has no cap.
  uint64_t max_rows = 10000;
  // Largest request body accepted, bytes; larger ones get 413. Default 1 MiB.
  uint64_t body_limit = 1 << 20;
  // Largest request header block, bytes; larger ones get 431. Default 16 KiB.
  uint32_t header_limit = 16 << 10;
  // A request (headers and body) must arrive within this many seconds of the first byte, and an
  // idle keep-alive connection is closed after it. Default 30 s.
  int read_timeout_seconds = 30;
  // A response write (or one NDJSON chunk) that a client does not drain within this many seconds
  // closes the connection and cancels the query. Default 60 s.
  int write_timeout_seconds = 60;
  // Open HTTP connections at most; more get 503 and are closed. Default 256.
  int max_connections = 256;
  // Threads that run queries (the engine is synchronous; sockets are served asynchronously on
  // the server's io_context). Requests beyond this wait in a queue. Default 4.
  int worker_threads = 4;
  // Requests without an Authorization header from a loopback address (127.0.0.0/8, ::1) run as
  // trust_user when true (as PostgreSQL's initdb trusts local connections). Other addresses
  // always need a bearer token. Default true; the server logs a warning when it is on.
  bool trust_loopback = true;
  // The role trusted loopback requests and configured static tokens run as. Default "kadedb"
  // (the bootstrap superuser).
  std::string trust_user = "kadedb";
  // Static bearer tokens from the config file ([http] tokens); each runs as trust_user. Tokens
  // made with `kadedb token create` or POST /v1/tokens are checked in the database instead.
  std::vector<std::string> static_tokens;
};

}  // namespace kadedb
