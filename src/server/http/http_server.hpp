// HttpServer: the HTTP API listener. Accepts on an io_context the caller runs (the serve
// process's), serves each connection with an asynchronous Beast session (http_session.cpp), and
// runs SQL on its own worker threads so a slow query or a stalled client never holds an I/O
// thread.
//
// Lifecycle: construct, Start() (binds; fails with the address in the Status), Stop() (closes
// the listener and every connection, cancels running queries, joins the workers). The database
// must stay open until Stop() returns.
//
// Threading: Start and Stop from one controlling thread; everything else runs on the io_context
// threads (per-connection strands) and the worker pool.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "kadedb/database.hpp"
#include "server/http/http_config.hpp"
#include "server/http/http_service.hpp"

namespace kadedb {

class HttpSession;

// What sessions share; kept alive by every session so handlers that outlive Stop stay valid.
struct HttpServerState {
  HttpServerState(Database& db, const HttpConfig& cfg) : config(cfg), service(db, config) {}
  HttpConfig config;
  HttpService service;
  std::unique_ptr<boost::asio::thread_pool> workers;
  std::atomic<bool> stopped{false};
  std::atomic<int> open_connections{0};
  std::mutex sessions_mutex;
  std::map<HttpSession*, std::weak_ptr<HttpSession>> sessions;
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, Database& db, const HttpConfig& config);
  ~HttpServer();  // calls Stop()

  Status Start();
  void Stop();
  // The bound port (after Start; useful with port 0).
  uint16_t port() const { return port_; }

 private:
  void Accept();

  boost::asio::io_context& io_;
  std::shared_ptr<HttpServerState> state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  bool started_ = false;
};

}  // namespace kadedb
