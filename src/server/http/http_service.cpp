// HttpService (http_service.hpp): routing, authentication and the JSON routes.
#include "server/http/http_service.hpp"

#include <chrono>

#include "catalog/role_catalog.hpp"
#include "main/client_context.hpp"
#include "main/database_instance.hpp"
#include "server/http/json_reader.hpp"
#include "server/http/json_writer.hpp"
#include "server/http/query_runner.hpp"
#include "server/metrics.hpp"
#include "server/server_metrics.hpp"

namespace kadedb {

namespace http = boost::beast::http;

namespace {

constexpr const char* kServerName = "KadeDB";

bool EqualConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); i++) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool WantsNdjson(const HttpRequest& req) {
  auto accept = req.find(http::field::accept);
  return accept != req.end() && std::string_view(accept->value().data(), accept->value().size())
                                        .find("application/x-ndjson") != std::string_view::npos;
}

std::string RequestPath(const HttpRequest& req) {
  return TargetPath(std::string_view(req.target().data(), req.target().size()));
}

}  // namespace

std::string TargetPath(std::string_view target) {
  size_t q = target.find_first_of("?#");
  return std::string(target.substr(0, q));
}

void QueryCancel::Attach(Connection* conn) {
  std::lock_guard<std::mutex> lock(mutex_);
  conn_ = conn;
  if (conn_ != nullptr && cancelled_) conn_->context().Interrupt();
}

void QueryCancel::Cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelled_ = true;
  if (conn_ != nullptr) conn_->context().Interrupt();
}

bool QueryCancel::cancelled() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return cancelled_;
}

HttpService::HttpService(Database& db, const HttpConfig& config)
    : db_(db), config_(config), tokens_(db) {}

HttpRoute HttpService::Classify(const HttpRequest& req) const {
  std::string path = RequestPath(req);
  http::verb method = req.method();
  auto only = [&](http::verb allowed, HttpRoute route) {
    return method == allowed ? route : HttpRoute::kMethodNotAllowed;
  };
  if (path == "/health") {
    return method == http::verb::get || method == http::verb::head ? HttpRoute::kHealth
                                                                   : HttpRoute::kMethodNotAllowed;
  }
  if (path == "/metrics") return only(http::verb::get, HttpRoute::kMetrics);
  if (path == "/v1/query") {
    if (method != http::verb::post) return HttpRoute::kMethodNotAllowed;
    return WantsNdjson(req) ? HttpRoute::kQueryStream : HttpRoute::kQuery;
  }
  if (path == "/v1/query/stream") return only(http::verb::post, HttpRoute::kQueryStream);
  if (path == "/v1/tokens") {
    return method == http::verb::get || method == http::verb::post ? HttpRoute::kTokens
                                                                   : HttpRoute::kMethodNotAllowed;
  }
  if (StartsWith(path, "/v1/tokens/")) return only(http::verb::delete_, HttpRoute::kTokens);
  return HttpRoute::kNotFound;
}

std::optional<std::string> HttpService::Authenticate(const HttpRequest& req,
                                                     const boost::asio::ip::address& peer) {
  auto header = req.find(http::field::authorization);
  if (header == req.end()) {
    if (config_.trust_loopback && peer.is_loopback()) return config_.trust_user;
    return std::nullopt;
  }
  std::string_view value(header->value().data(), header->value().size());
  if (value.size() < 7 || !(StartsWith(value, "Bearer ") || StartsWith(value, "bearer "))) {
    return std::nullopt;
  }
  std::string_view token = value.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  bool static_match = false;
  for (auto& known : config_.static_tokens) static_match |= EqualConstantTime(known, token);
  if (static_match) return config_.trust_user;
  return tokens_.Lookup(token);
}

HttpResponse HttpService::MakeResponse(const HttpRequest& req, unsigned status, std::string body,
                                       const char* content_type) {
  HttpResponse res{static_cast<http::status>(status), req.version()};
  res.set(http::field::server, kServerName);
  res.set(http::field::content_type, content_type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

HttpResponse HttpService::ErrorResponse(const HttpRequest& req, unsigned status,
                                        const std::string& sqlstate, const std::string& message) {
  return MakeResponse(req, status, ErrorJson(Status::Error(sqlstate, message)));
}

Status HttpService::ConnectAs(const std::string& user, std::unique_ptr<Connection>* out) {
  auto role = db_.instance().catalog().roles().FindRole(user);
  if (!role || !role->can_login) {
    return Status::Error("28000", "role \"" + user + "\" is not permitted to log in");
  }
  auto conn = db_.Connect();
  Status s = conn->context().SetCurrentUser(user);  // privileges apply from here on
  if (!s.ok()) return s;
  *out = std::move(conn);
  return Status::OK();
}

bool HttpService::IsSuperuser(const std::string& user) const {
  auto role = db_.instance().catalog().roles().FindRole(user);
  return role && role->superuser;
}

HttpResponse HttpService::Handle(const HttpRequest& req, const boost::asio::ip::address& peer,
                                 QueryCancel* cancel) {
  HttpRoute route = Classify(req);
  switch (route) {
    case HttpRoute::kHealth: {
      HttpResponse res = MakeResponse(req, 200, "{\"status\":\"ok\"}");
      if (req.method() == http::verb::head) res.body().clear();
      return res;
    }
    case HttpRoute::kNotFound:
      return ErrorResponse(req, 404, "42704", "no such endpoint: " + RequestPath(req));
    case HttpRoute::kMethodNotAllowed: {
      HttpResponse res = ErrorResponse(
          req, 405, "42601",
          "method " + std::string(req.method_string().data(), req.method_string().size()) +
              " is not allowed on " + RequestPath(req));
      std::string path = RequestPath(req);
      const char* allow = "POST";
      if (path == "/health") allow = "GET, HEAD";
      if (path == "/metrics") allow = "GET";
      if (path == "/v1/tokens") allow = "GET, POST";
      if (StartsWith(path, "/v1/tokens/")) allow = "DELETE";
      res.set(http::field::allow, allow);
      return res;
    }
    default:
      break;
  }
  std::optional<std::string> user = Authenticate(req, peer);
  if (!user) {
    HttpResponse res = ErrorResponse(
        req, 401, "28000", "a valid bearer token is required (Authorization: Bearer ...)");
    res.set(http::field::www_authenticate, "Bearer realm=\"kadedb\"");
    return res;
  }
  switch (route) {
    case HttpRoute::kMetrics:
      return MakeResponse(req, 200, MetricsRegistry::Global().RenderPrometheus(),
                          "text/plain; version=0.0.4; charset=utf-8");
    case HttpRoute::kTokens:
      return HandleTokens(req, *user);
    default:
      return HandleQuery(req, *user, cancel);
  }
}

HttpResponse HttpService::HandleQuery(const HttpRequest& req, const std::string& user,
                                      QueryCancel* cancel) {
  auto start = std::chrono::steady_clock::now();
  QueryRequest request;
  Status s = ParseQueryRequest(req.body(), &request);
  if (!s.ok()) return MakeResponse(req, 400, ErrorJson(s));
  std::unique_ptr<Connection> conn;
  s = ConnectAs(user, &conn);
  if (!s.ok()) return MakeResponse(req, 401, ErrorJson(s));
  if (cancel) cancel->Attach(conn.get());
  QueryAnswer answer = RunQueryJson(*conn, request, config_.max_rows);
  if (cancel) cancel->Attach(nullptr);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  QueryOutcome outcome = answer.status.ok()                    ? QueryOutcome::kOk
                         : answer.status.sqlstate() == "57014" ? QueryOutcome::kCancelled
                                                               : QueryOutcome::kError;
  RecordQuery("http", outcome, seconds);
  RecordTransaction("http", answer.status.ok());
  return MakeResponse(req, answer.status.ok() ? 200 : 400, std::move(answer.body));
}

HttpResponse HttpService::HandleTokens(const HttpRequest& req, const std::string& user) {
  if (!IsSuperuser(user)) {
    return ErrorResponse(req, 403, "42501", "only superusers can manage tokens");
  }
  std::string path = RequestPath(req);
  if (req.method() == http::verb::get) {
    std::vector<TokenInfo> list;
    Status s = tokens_.List(&list);
    if (!s.ok()) return MakeResponse(req, 400, ErrorJson(s));
    std::string out = "{\"tokens\":[";
    for (size_t i = 0; i < list.size(); i++) {
      if (i > 0) out += ',';
      out += "{\"id\":" + std::to_string(list[i].id) + ",\"user\":";
      AppendJsonString(out, list[i].user);
      out += ",\"label\":";
      AppendJsonString(out, list[i].label);
      out += ",\"created_at\":";
      AppendJsonString(out, list[i].created_at);
      out += list[i].revoked ? ",\"revoked\":true}" : ",\"revoked\":false}";
    }
    return MakeResponse(req, 200, out + "]}");
  }
  if (req.method() == http::verb::delete_) {
    std::string id_text = path.substr(std::string_view("/v1/tokens/").size());
    char* end = nullptr;
    long long id = std::strtoll(id_text.c_str(), &end, 10);
    if (id_text.empty() || *end != '\0' || id <= 0) {
      return ErrorResponse(req, 400, "22P02", "invalid token id: \"" + id_text + "\"");
    }
    uint64_t count = 0;
    Status s = tokens_.Revoke(id, "", &count);
    if (!s.ok()) return MakeResponse(req, 400, ErrorJson(s));
    if (count == 0) return ErrorResponse(req, 404, "42704", "no valid token with id " + id_text);
    return MakeResponse(req, 200, "{\"revoked\":" + std::to_string(count) + "}");
  }
  JsonValue doc;
  std::string error;
  if (!ParseJson(req.body(), &doc, &error) || doc.kind != JsonValue::Kind::kObject) {
    return ErrorResponse(req, 400, "22P02", "the body must be a JSON object {\"user\", \"label\"}");
  }
  const JsonValue* for_user = doc.Find("user");
  const JsonValue* label = doc.Find("label");
  if (for_user == nullptr || for_user->kind != JsonValue::Kind::kString) {
    return ErrorResponse(req, 400, "08P01", "the body needs a string member \"user\"");
  }
  std::string label_text =
      label != nullptr && label->kind == JsonValue::Kind::kString ? label->text : "";
  std::string secret;
  int64_t id = 0;
  Status s = tokens_.Create(for_user->text, label_text, &secret, &id);
  if (!s.ok()) return MakeResponse(req, 400, ErrorJson(s));
  std::string out = "{\"id\":" + std::to_string(id) + ",\"token\":";
  AppendJsonString(out, secret);
  out += ",\"user\":";
  AppendJsonString(out, for_user->text);
  out += ",\"label\":";
  AppendJsonString(out, label_text);
  out += '}';
  return MakeResponse(req, 201, std::move(out));
}

}  // namespace kadedb
