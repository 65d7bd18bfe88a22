// Server (server.hpp): listeners, the session registry, the statement-timeout watchdog, signal
// handling and the shutdown drain.
#include "server/server.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <random>

#include "server/pg_session.hpp"
#include "server/server_log.hpp"

namespace kadedb {

namespace {

std::string PeerName(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "?";
  auto address = endpoint.address();
  if (address.is_v6()) return "[" + address.to_string() + "]:" + std::to_string(endpoint.port());
  return address.to_string() + ":" + std::to_string(endpoint.port());
}

}  // namespace

Server::Server(ServerConfig config, std::unique_ptr<Database> db)
    : config_(std::move(config)), db_(std::move(db)) {}

Server::~Server() {
  io_.stop();
  for (auto& t : io_threads_) {
    if (t.joinable()) t.join();
  }
}

void Server::AddListener(std::function<Status(Server&)> start) {
  listener_starts_.push_back(std::move(start));
}

void Server::OnStop(std::function<void()> stop) {
  stop_callbacks_.push_back(std::move(stop));
}

Status Server::Start() {
  if (!config_.tls_cert_file.empty() || !config_.tls_key_file.empty()) {
    try {
      tls_ = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
      tls_->set_options(boost::asio::ssl::context::default_workarounds |
                        boost::asio::ssl::context::no_sslv2 | boost::asio::ssl::context::no_sslv3 |
                        boost::asio::ssl::context::no_tlsv1 |
                        boost::asio::ssl::context::no_tlsv1_1);
      tls_->use_certificate_chain_file(config_.tls_cert_file);
      tls_->use_private_key_file(config_.tls_key_file, boost::asio::ssl::context::pem);
    } catch (const std::exception& e) {
      return Status::Error("F0000", "could not load TLS certificate \"" + config_.tls_cert_file +
                                        "\" / key \"" + config_.tls_key_file + "\": " + e.what());
    }
  }
  try {
    auto address = boost::asio::ip::make_address(config_.listen_address);
    boost::asio::ip::tcp::endpoint endpoint(address, static_cast<uint16_t>(config_.pg_port));
    acceptor_ = std::make_unique<boost::asio::ip::tcp::acceptor>(io_);
    acceptor_->open(endpoint.protocol());
    acceptor_->set_option(boost::asio::ip::tcp::acceptor::reuse_address(true));
    acceptor_->bind(endpoint);
    acceptor_->listen(512);
    bound_pg_port_ = acceptor_->local_endpoint().port();
  } catch (const std::exception& e) {
    return Status::Error("58000", "could not listen on " + config_.listen_address + ":" +
                                      std::to_string(config_.pg_port) + ": " + e.what());
  }
  for (auto& start : listener_starts_) {
    Status s = start(*this);
    if (!s.ok()) return s;
  }
  Accept();
  WatchdogTick();
  for (int i = 0; i < 2; i++) {
    io_threads_.emplace_back([this] { io_.run(); });
  }
  ServerLog::Info("PostgreSQL protocol listening on " + config_.listen_address + ":" +
                  std::to_string(bound_pg_port_) + (tls_ ? " (TLS available)" : " (TLS off)"));
  return Status::OK();
}

void Server::Accept() {
  acceptor_->async_accept(
      [this](boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
        if (ec) {
          if (!stopping_) {
            ServerLog::Warning("accept failed: " + ec.message());
            Accept();
          }
          return;
        }
        if (stopping_) return;
        uint64_t id = next_connection_id_++;
        std::string peer = PeerName(socket);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          accepted_not_registered_++;  // counts live session threads
        }
        std::thread([this, id, peer, s = std::move(socket)]() mutable {
          {
            PgSession session(*this, std::move(s), id, peer);
            session.Run();
          }
          std::lock_guard<std::mutex> lock(mutex_);
          accepted_not_registered_--;
          changed_.notify_all();
        }).detach();
        Accept();
      });
}

void Server::WatchdogTick() {
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::milliseconds(10));
  timer->async_wait([this, timer](boost::system::error_code ec) {
    if (ec) return;
    auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto& [pid, session] : sessions_) session->CheckDeadline(now);
    }
    WatchdogTick();
  });
}

bool Server::Register(PgSession* session) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (static_cast<int>(sessions_.size()) >= config_.max_connections) return false;
  sessions_[session->pid()] = session;
  return true;
}

void Server::Unregister(PgSession* session) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(session->pid());
  changed_.notify_all();
}

void Server::Cancel(int32_t pid, int32_t secret) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(pid);
  if (it == sessions_.end() || it->second->secret() != secret) return;
  it->second->Cancel();
}

std::pair<int32_t, int32_t> Server::NewBackendKey() {
  static thread_local std::mt19937 rng(std::random_device{}());
  return {next_pid_++, static_cast<int32_t>(rng())};
}

void Server::RequestStop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stop_requested_ = true;
  changed_.notify_all();
}

int Server::Run() {
  boost::asio::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) return;
    ServerLog::Info(std::string("received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") +
                    ": shutting down");
    RequestStop();
  });
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return stop_requested_; });
  }
  stopping_ = true;
  boost::system::error_code ec;
  acceptor_->close(ec);
  for (auto& stop : stop_callbacks_) stop();
  // Drain: idle sessions close at once (57P01), busy ones after their statement.
  auto grace_end =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.shutdown_grace_ms);
  std::unique_lock<std::mutex> lock(mutex_);
  for (auto& [pid, session] : sessions_) session->CloseForShutdown(false);
  size_t busy = 0;
  for (auto& [pid, session] : sessions_) busy += session->busy() ? 1 : 0;
  ServerLog::Info("draining " + std::to_string(sessions_.size()) + " sessions (" +
                  std::to_string(busy) + " running a statement)");
  if (!changed_.wait_until(lock, grace_end, [this] { return accepted_not_registered_ == 0; })) {
    ServerLog::Warning("grace period over: cancelling " + std::to_string(sessions_.size()) +
                       " sessions");
    for (auto& [pid, session] : sessions_) session->CloseForShutdown(true);
    if (!changed_.wait_for(lock, std::chrono::seconds(30),
                           [this] { return accepted_not_registered_ == 0; })) {
      // A statement that never reaches an interrupt check: committed work is already durable
      // (synced WAL), so leave without destroying the database under the running thread.
      ServerLog::Error(std::to_string(accepted_not_registered_) +
                       " sessions did not stop; exiting without waiting for them");
      std::_Exit(0);
    }
  }
  lock.unlock();
  io_.stop();
  for (auto& t : io_threads_) {
    if (t.joinable()) t.join();
  }
  io_threads_.clear();
  ServerLog::Info("shutdown complete");
  return 0;
}

}  // namespace kadedb
