// HttpServer (http_server.hpp): binding, accepting, the connection limit and shutdown.
#include "server/http/http_server.hpp"

#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "server/http/http_session.hpp"
#include "server/server_log.hpp"
#include "server/server_metrics.hpp"

namespace kadedb {

namespace net = boost::asio;
using net::ip::tcp;

HttpServer::HttpServer(net::io_context& io, Database& db, const HttpConfig& config)
    : io_(io), state_(std::make_shared<HttpServerState>(db, config)), acceptor_(io) {}

HttpServer::~HttpServer() {
  Stop();
}

Status HttpServer::Start() {
  const HttpConfig& config = state_->config;
  boost::system::error_code ec;
  auto address = net::ip::make_address(config.listen_address, ec);
  if (ec) {
    return Status::Error("22023", "invalid HTTP listen address \"" + config.listen_address + "\"");
  }
  tcp::endpoint endpoint(address, config.port);
  std::string where = config.listen_address + ":" + std::to_string(config.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close(ec);
    return Status::IOError("could not listen for HTTP on " + where + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  state_->workers = std::make_unique<net::thread_pool>(std::max(1, config.worker_threads));
  RegisterDatabaseMetrics(state_->service.database());
  started_ = true;
  ServerLog::Info("HTTP API listening on http://" + config.listen_address + ":" +
                  std::to_string(port_) + "/ (POST /v1/query, GET /health, GET /metrics)");
  if (config.trust_loopback) {
    ServerLog::Warning(
        "HTTP API: requests from 127.0.0.1/::1 without a bearer token run as "
        "superuser \"" +
        config.trust_user +
        "\" (loopback trust, as PostgreSQL's initdb default); other addresses "
        "need a token");
  }
  Accept();
  return Status::OK();
}

void HttpServer::Accept() {
  std::shared_ptr<HttpServerState> state = state_;
  acceptor_.async_accept(
      net::make_strand(io_), [this, state](boost::system::error_code ec, tcp::socket socket) {
        if (state->stopped.load()) return;  // `this` may be gone: touch nothing else
        if (!ec) {
          if (state->open_connections.fetch_add(1) >= state->config.max_connections) {
            state->open_connections.fetch_sub(1);
            auto rejected = std::make_shared<tcp::socket>(std::move(socket));
            static const std::string kBusy = [] {
              std::string body =
                  "{\"error\":{\"sqlstate\":\"53300\",\"message\":\"too many HTTP "
                  "connections\",\"position\":null}}";
              return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                     "Connection: close\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body;
            }();
            net::async_write(*rejected, net::buffer(kBusy),
                             [rejected](boost::system::error_code, size_t) {
                               boost::system::error_code ignored;
                               rejected->close(ignored);
                             });
          } else {
            std::make_shared<HttpSession>(std::move(socket), state)->Start();
          }
        }
        Accept();
      });
}

void HttpServer::Stop() {
  if (!started_ || state_->stopped.exchange(true)) return;
  boost::system::error_code ec;
  acceptor_.close(ec);
  std::vector<std::shared_ptr<HttpSession>> open;
  {
    std::lock_guard<std::mutex> lock(state_->sessions_mutex);
    for (auto& [raw, weak] : state_->sessions) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
  }
  for (auto& session : open) session->Close();
  open.clear();
  state_->workers->join();
  UnregisterDatabaseMetrics(state_->service.database());
  ServerLog::Info("HTTP API stopped");
}

}  // namespace kadedb
