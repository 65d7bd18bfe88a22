// HttpSession: one HTTP/1.1 connection of the HTTP API. Reads requests with Beast (body and header
// limits, one deadline per request so a slow or stalled client is dropped), hands SQL to the
// worker pool, writes answers, keeps the connection alive when the client asks.
//
// While a query runs the session watches the socket: a client that disconnects cancels its query
// (57014). The NDJSON stream is written by the worker as chunked transfer encoding, one chunk per
// flush batch, each write bounded by write_timeout_seconds.
//
// Threading: every handler runs on the session's strand; the worker thread talks to the socket
// only by posting to that strand and waiting for the result.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>
#include <string>

#include "server/http/http_server.hpp"

namespace kadedb {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<HttpServerState> state);
  ~HttpSession();
  void Start();
  // Closes the connection and cancels a running query (from any thread).
  void Close();

 private:
  void DoRead();
  void OnRead(boost::beast::error_code ec);
  void Dispatch();
  void RunOnWorker(HttpRoute route);
  void RunStream(const std::string& user);
  // Worker thread: writes bytes on the strand and waits; false when the client is gone.
  bool WriteFromWorker(std::string bytes);
  void Write(HttpResponse response);
  void OnWrite(boost::beast::error_code ec, bool close);
  void WatchForDisconnect();
  void StopWatching();
  void DoClose();

  boost::beast::tcp_stream stream_;
  std::shared_ptr<HttpServerState> state_;
  boost::asio::ip::address peer_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  HttpRequest request_;
  std::shared_ptr<HttpResponse> response_;
  QueryCancel cancel_;
  bool watching_ = false;
  bool client_gone_ = false;
  bool closed_ = false;
};

}  // namespace kadedb
