// HttpService: what each HTTP API request does, independent of sockets — routing, bearer-token
// authentication, and the answers of every route except the NDJSON stream's body (which
// HttpSession writes as the query runs). Tests and the fuzzer drive it directly.
//
// Routes (docs/http.md):
//   GET  /health            200 {"status":"ok"}; no authentication
//   GET  /metrics           Prometheus text format
//   POST /v1/query          JSON answer; with Accept: application/x-ndjson, the stream
//   POST /v1/query/stream   NDJSON answer
//   POST /v1/tokens         create a token {"user","label"} (superusers only)
//   GET  /v1/tokens         list tokens (superusers only)
//   DELETE /v1/tokens/ID    revoke a token (superusers only)
// Unknown paths get 404, known paths with another method 405 (with Allow), bad bearer tokens 401.
//
// Threading: thread-safe. Handle may block (it runs SQL): call it off the I/O threads when
// RunsSql(route) is true.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <string>

#include "kadedb/database.hpp"
#include "server/http/http_config.hpp"
#include "server/http/token_store.hpp"

namespace kadedb {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

enum class HttpRoute : uint8_t {
  kHealth,
  kMetrics,
  kQuery,
  kQueryStream,
  kTokens,
  kNotFound,
  kMethodNotAllowed,
};

// Cancels the statement of one request from another thread (client disconnect, shutdown).
class QueryCancel {
 public:
  // The connection now running the request's SQL (null when done).
  void Attach(Connection* conn);
  void Cancel();
  bool cancelled() const;

 private:
  mutable std::mutex mutex_;
  Connection* conn_ = nullptr;
  bool cancelled_ = false;
};

class HttpService {
 public:
  // db and config must outlive the service.
  HttpService(Database& db, const HttpConfig& config);

  HttpRoute Classify(const HttpRequest& req) const;
  // Whether a route runs SQL (so must run on a worker thread).
  static bool RunsSql(HttpRoute route) {
    return route == HttpRoute::kQuery || route == HttpRoute::kQueryStream ||
           route == HttpRoute::kTokens || route == HttpRoute::kMetrics;
  }

  // The role the request runs as: a valid bearer token's user; without an Authorization header,
  // config.trust_user when the peer is loopback and trust_loopback is on. nullopt: answer 401.
  std::optional<std::string> Authenticate(const HttpRequest& req,
                                          const boost::asio::ip::address& peer);

  // The whole answer for any route but kQueryStream (for which it answers as kQuery would on
  // errors found before streaming starts). cancel, when given, lets another thread stop the SQL.
  HttpResponse Handle(const HttpRequest& req, const boost::asio::ip::address& peer,
                      QueryCancel* cancel = nullptr);

  // A session for user: 28000 when the role does not exist or cannot log in.
  Status ConnectAs(const std::string& user, std::unique_ptr<Connection>* out);

  // Builds a response with a body, content type, keep-alive and the server header.
  static HttpResponse MakeResponse(const HttpRequest& req, unsigned status, std::string body,
                                   const char* content_type = "application/json");
  // {"error":{"sqlstate":..,"message":..}} with an HTTP status.
  static HttpResponse ErrorResponse(const HttpRequest& req, unsigned status,
                                    const std::string& sqlstate, const std::string& message);

  const HttpConfig& config() const { return config_; }
  Database& database() { return db_; }
  TokenStore& tokens() { return tokens_; }

 private:
  HttpResponse HandleQuery(const HttpRequest& req, const std::string& user, QueryCancel* cancel);
  HttpResponse HandleTokens(const HttpRequest& req, const std::string& user);
  bool IsSuperuser(const std::string& user) const;

  Database& db_;
  const HttpConfig& config_;
  TokenStore tokens_;
};

// The path of a request target without its query string ("/v1/query?x=1" -> "/v1/query").
std::string TargetPath(std::string_view target);

}  // namespace kadedb
