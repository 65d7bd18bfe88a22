// Server: the `kadedb serve` process. Owns the open Database, a Boost.Asio io_context (accept
// loops and timers run there, on a small pool of threads), the PostgreSQL listener, and the
// registry of live sessions used by CancelRequest, the connection limit and shutdown.
//
// Threading model: the engine is synchronous, so each PostgreSQL session runs on its own thread
// with blocking socket I/O (a stalled client blocks only its own thread). Accepting and the
// statement-timeout watchdog run on the io_context threads. Every public method is thread-safe.
//
// Other protocols (the HTTP API, src/server/http/) plug in through AddListener: a start function
// that binds its acceptor on io_context() and an OnStop callback that closes it.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kadedb/database.hpp"
#include "server/server_config.hpp"

namespace kadedb {

class PgSession;

class Server {
 public:
  // db: the opened database (the server owns it from here on).
  Server(ServerConfig config, std::unique_ptr<Database> db);
  ~Server();

  // Adds a listener started by Start() after the PostgreSQL one. REQUIRES: before Start().
  void AddListener(std::function<Status(Server&)> start);
  // Called (on the shutdown thread) when the server begins draining.
  void OnStop(std::function<void()> stop);

  // Binds the PostgreSQL listener (and the added ones) and starts accepting. On failure nothing
  // keeps running and the Status names the address.
  Status Start();
  // Blocks until SIGTERM / SIGINT (or RequestStop), then drains: stops accepting, lets running
  // statements finish for up to shutdown_grace_ms, cancels the rest, closes every session.
  // Returns the process exit code (0).
  int Run();
  void RequestStop();

  Database& database() { return *db_; }
  const ServerConfig& config() const { return config_; }
  boost::asio::io_context& io_context() { return io_; }
  // The TLS context, or null when no certificate is configured.
  boost::asio::ssl::context* tls_context() { return tls_.get(); }
  bool stopping() const { return stopping_.load(); }
  // The port the PostgreSQL listener is bound to (useful with --pg-port 0).
  int pg_port() const { return bound_pg_port_; }

  // Session registry (pg_session.cpp calls these).
  // Registers a session; false when max_connections sessions are already registered.
  bool Register(PgSession* session);
  void Unregister(PgSession* session);
  // CancelRequest: interrupts the running statement of the session with this key, if any.
  void Cancel(int32_t pid, int32_t secret);
  // A new (process id, secret key) pair for BackendKeyData.
  std::pair<int32_t, int32_t> NewBackendKey();

 private:
  void Accept();
  void WatchdogTick();

  ServerConfig config_;
  std::unique_ptr<Database> db_;
  boost::asio::io_context io_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::vector<std::function<Status(Server&)>> listener_starts_;
  std::vector<std::function<void()>> stop_callbacks_;
  std::vector<std::thread> io_threads_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> next_connection_id_{1};
  std::atomic<int32_t> next_pid_{1000};
  int bound_pg_port_ = 0;

  std::mutex mutex_;  // guards sessions_, session_threads_, stop_requested_
  std::condition_variable changed_;
  bool stop_requested_ = false;
  std::map<int32_t, PgSession*> sessions_;  // by pid
  int accepted_not_registered_ = 0;
};

}  // namespace kadedb
