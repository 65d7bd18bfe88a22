// libFuzzer target: the HTTP API's request path on arbitrary bytes — Beast's request parser with
// the server's header and body limits (pipelined requests included), routing, bearer-token
// authentication, the JSON body reader, Prepare and parameter binding, and the full answer of
// every route that runs no user SQL. Statements are prepared and bound but not executed (the
// binder fuzzer covers SQL; executing random SQL would only find slow queries). Any input must
// end in an answer or a parse error — never a crash, hang or sanitizer report.
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "kadedb/database.hpp"
#include "server/http/http_service.hpp"
#include "server/http/json_writer.hpp"
#include "server/http/query_runner.hpp"

namespace {

namespace http = boost::beast::http;

struct Fixture {
  std::unique_ptr<kadedb::Database> db;
  kadedb::HttpConfig config;
  std::unique_ptr<kadedb::HttpService> service;
  std::unique_ptr<kadedb::Connection> conn;
};

Fixture& Shared() {
  static Fixture* fixture = [] {
    auto* f = new Fixture();
    std::string dir = "/tmp/kadedb-fuzz-http-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir);
    kadedb::Options options;
    options.sync_commits = false;
    if (!kadedb::Database::Open(dir, options, &f->db).ok()) std::abort();
    f->conn = f->db->Connect();
    if (!f->conn->Query("CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c NUMERIC(10,2), d DATE)")
             .ok()) {
      std::abort();
    }
    f->config.body_limit = 64 << 10;
    f->config.header_limit = 8 << 10;
    f->config.static_tokens = {"fuzz-token"};
    f->service = std::make_unique<kadedb::HttpService>(*f->db, f->config);
    return f;
  }();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Fixture& f = Shared();
  boost::beast::flat_buffer buffer;
  auto writable = buffer.prepare(size);
  if (size > 0) std::memcpy(writable.data(), data, size);  // data may be null when size is 0
  buffer.commit(size);
  // The first byte picks the peer, so both the trusted and the token paths are reached.
  auto peer = boost::asio::ip::make_address(size > 0 && (data[0] & 1) ? "127.0.0.1" : "10.0.0.9");
  for (int requests = 0; requests < 4 && buffer.size() > 0; requests++) {
    http::request_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(f.config.body_limit);
    parser.header_limit(f.config.header_limit);
    boost::beast::error_code ec;
    size_t used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == http::error::need_more) parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
    kadedb::HttpRequest req = parser.release();
    kadedb::HttpRoute route = f.service->Classify(req);
    if (route == kadedb::HttpRoute::kQuery || route == kadedb::HttpRoute::kQueryStream) {
      if (!f.service->Authenticate(req, peer)) continue;
      kadedb::QueryRequest query;
      if (!kadedb::ParseQueryRequest(req.body(), &query).ok()) continue;
      std::unique_ptr<kadedb::PreparedStatement> statement;
      if (!f.conn->Prepare(query.sql, &statement).ok()) continue;
      std::vector<kadedb::Value> values;
      if (kadedb::BindParameters(query.params, statement->ParameterTypes(), &values).ok()) {
        std::string out;
        for (auto& v : values) kadedb::AppendJsonValue(out, v);
      }
      continue;
    }
    kadedb::HttpResponse res = f.service->Handle(req, peer);
    if (res.result_int() < 200) std::abort();
  }
  return 0;
}
