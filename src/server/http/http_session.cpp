// HttpSession (http_session.hpp): Beast reads and writes, the worker hand-off, NDJSON chunks.
#include "server/http/http_session.hpp"

#include <sys/socket.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <future>

#include "server/http/query_runner.hpp"
#include "server/server_metrics.hpp"

namespace kadedb {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

constexpr size_t kStreamFlushBytes = 64 << 10;

// A response to a request that could not be parsed: HTTP/1.1, closes the connection.
HttpResponse BareError(unsigned status, const std::string& sqlstate, const std::string& message) {
  HttpRequest none;
  none.version(11);
  none.keep_alive(false);
  return HttpService::ErrorResponse(none, status, sqlstate, message);
}

std::string ChunkFrame(const std::string& data) {
  char size[24];
  std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
  std::string frame = size;
  frame += data;
  frame += "\r\n";
  return frame;
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket socket, std::shared_ptr<HttpServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) peer_ = endpoint.address();
  RecordConnectionOpened("http");
}

HttpSession::~HttpSession() {
  RecordConnectionClosed("http");
  state_->open_connections.fetch_sub(1);
  std::lock_guard<std::mutex> lock(state_->sessions_mutex);
  state_->sessions.erase(this);
}

void HttpSession::Start() {
  {
    std::lock_guard<std::mutex> lock(state_->sessions_mutex);
    state_->sessions[this] = weak_from_this();
  }
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
}

void HttpSession::Close() {
  cancel_.Cancel();
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->DoClose(); });
}

void HttpSession::DoRead() {
  if (closed_) return;
  parser_.emplace();
  parser_->body_limit(state_->config.body_limit);
  parser_->header_limit(state_->config.header_limit);
  stream_.expires_after(std::chrono::seconds(state_->config.read_timeout_seconds));
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
}

void HttpSession::OnRead(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    Write(BareError(413, "54000",
                    "request body exceeds the limit of " +
                        std::to_string(state_->config.body_limit) + " bytes"));
    return;
  }
  if (ec == http::error::header_limit) {
    Write(BareError(431, "54000",
                    "request headers exceed the limit of " +
                        std::to_string(state_->config.header_limit) + " bytes"));
    return;
  }
  if (ec && ec.category() == beast::error_code(http::error::end_of_stream).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    Write(BareError(400, "08P01", "malformed HTTP request: " + ec.message()));
    return;
  }
  if (ec) {  // end of stream, timeout, reset: nothing to answer
    DoClose();
    return;
  }
  request_ = parser_->release();
  Dispatch();
}

void HttpSession::Dispatch() {
  HttpRoute route = state_->service.Classify(request_);
  if (!HttpService::RunsSql(route)) {
    Write(state_->service.Handle(request_, peer_));
    return;
  }
  if (state_->stopped.load()) {
    HttpResponse res =
        HttpService::ErrorResponse(request_, 503, "57P01", "the server is shutting down");
    res.keep_alive(false);
    Write(std::move(res));
    return;
  }
  stream_.expires_never();
  WatchForDisconnect();
  net::post(*state_->workers, [self = shared_from_this(), route] { self->RunOnWorker(route); });
}

void HttpSession::RunOnWorker(HttpRoute route) {
  std::optional<HttpResponse> response;
  if (route == HttpRoute::kQueryStream) {
    std::optional<std::string> user = state_->service.Authenticate(request_, peer_);
    if (user) {
      RunStream(*user);
      return;
    }
  }
  // Unauthenticated streams get the same 401 as any query.
  response = state_->service.Handle(request_, peer_, &cancel_);
  net::post(stream_.get_executor(),
            [self = shared_from_this(), res = std::move(*response)]() mutable {
              self->StopWatching();
              if (self->client_gone_ || self->closed_) {
                self->DoClose();
                return;
              }
              self->Write(std::move(res));
            });
}

void HttpSession::RunStream(const std::string& user) {
  auto start = std::chrono::steady_clock::now();
  QueryRequest request;
  std::unique_ptr<Connection> conn;
  NdjsonQuery query;
  Status s = ParseQueryRequest(request_.body(), &request);
  unsigned error_status = 400;
  if (s.ok()) {
    s = state_->service.ConnectAs(user, &conn);
    if (!s.ok()) error_status = 401;
  }
  if (s.ok()) s = query.Prepare(*conn, request);
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  if (!s.ok()) {
    RecordQuery("http", QueryOutcome::kError, seconds());
    HttpResponse res = HttpService::MakeResponse(request_, error_status, ErrorJson(s));
    net::post(stream_.get_executor(), [self = shared_from_this(), res = std::move(res)]() mutable {
      self->StopWatching();
      if (self->client_gone_ || self->closed_) return self->DoClose();
      self->Write(std::move(res));
    });
    return;
  }
  // HTTP/1.0 has no chunked encoding: the body then ends when the connection closes.
  bool chunked = request_.version() >= 11;
  bool keep_alive = chunked && request_.keep_alive();
  std::string header =
      "HTTP/1.1 200 OK\r\nServer: KadeDB\r\nContent-Type: application/x-ndjson\r\n";
  if (chunked) header += "Transfer-Encoding: chunked\r\n";
  if (!keep_alive) header += "Connection: close\r\n";
  header += "\r\n";
  bool header_sent = false;
  bool client_ok = true;
  cancel_.Attach(conn.get());
  Status final_status = query.Run(kStreamFlushBytes, [&](std::string& batch) {
    if (!client_ok) return false;
    std::string frame;
    if (!header_sent) {
      frame = std::move(header);
      header_sent = true;
    }
    if (!batch.empty()) frame += chunked ? ChunkFrame(batch) : batch;
    client_ok = WriteFromWorker(std::move(frame));
    return client_ok;
  });
  cancel_.Attach(nullptr);
  if (client_ok && chunked) client_ok = WriteFromWorker("0\r\n\r\n");
  QueryOutcome outcome = final_status.ok()                    ? QueryOutcome::kOk
                         : final_status.sqlstate() == "57014" ? QueryOutcome::kCancelled
                                                              : QueryOutcome::kError;
  RecordQuery("http", outcome, seconds());
  RecordTransaction("http", final_status.ok());
  net::post(stream_.get_executor(), [self = shared_from_this(), client_ok, keep_alive] {
    self->StopWatching();
    if (!client_ok || !keep_alive || self->client_gone_) return self->DoClose();
    self->DoRead();
  });
}

bool HttpSession::WriteFromWorker(std::string bytes) {
  auto done = std::make_shared<std::promise<bool>>();
  std::future<bool> result = done->get_future();
  auto data = std::make_shared<std::string>(std::move(bytes));
  int timeout = state_->config.write_timeout_seconds;
  net::post(stream_.get_executor(), [self = shared_from_this(), data, done, timeout] {
    if (self->closed_ || self->client_gone_) {
      done->set_value(false);
      return;
    }
    self->stream_.expires_after(std::chrono::seconds(timeout));
    net::async_write(self->stream_, net::buffer(*data),
                     [self, data, done](beast::error_code ec, size_t) {
                       self->stream_.expires_never();
                       done->set_value(!ec);
                     });
  });
  // The write's own deadline ends it; the extra margin covers an io_context that stopped running.
  if (result.wait_for(std::chrono::seconds(timeout + 5)) != std::future_status::ready) {
    return false;
  }
  return result.get();
}

void HttpSession::Write(HttpResponse response) {
  if (closed_) return;
  response_ = std::make_shared<HttpResponse>(std::move(response));
  bool close = response_->need_eof();
  stream_.expires_after(std::chrono::seconds(state_->config.write_timeout_seconds));
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), close](beast::error_code ec, size_t) {
                      self->OnWrite(ec, close);
                    });
}

void HttpSession::OnWrite(beast::error_code ec, bool close) {
  response_.reset();
  if (ec || close || state_->stopped.load()) {
    DoClose();
    return;
  }
  DoRead();
}

void HttpSession::WatchForDisconnect() {
  watching_ = true;
  stream_.socket().async_wait(
      net::ip::tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
        if (ec || !self->watching_) return;
        char byte;
        ssize_t n =
            ::recv(self->stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
          self->client_gone_ = true;
          self->cancel_.Cancel();
        } else if (n < 0) {
          self->WatchForDisconnect();
        }
        // n > 0: the client sent its next request already; it is read after this answer.
      });
}

void HttpSession::StopWatching() {
  if (!watching_) return;
  watching_ = false;
  beast::error_code ec;
  stream_.socket().cancel(ec);
}

void HttpSession::DoClose() {
  if (closed_) return;
  closed_ = true;
  watching_ = false;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

}  // namespace kadedb
