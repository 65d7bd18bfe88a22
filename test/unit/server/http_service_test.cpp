// The HTTP API's request handling without sockets (HttpService::Handle): routing, 404/405,
// authentication (loopback trust, bearer tokens, revocation), query answers with columns, typed
// rows, bound parameters, errors with SQLSTATE and position, the row cap, tokens, metrics.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kadedb/kadedb.hpp"
#include "server/http/http_service.hpp"
#include "server/http/json_reader.hpp"
#include "server/http/query_runner.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

namespace http = boost::beast::http;

class HttpServiceTest : public test::DatabaseTest {
 protected:
  HttpServiceTest() : DatabaseTest("kadedb_http") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(DatabaseTest::SetUp());
    config_.max_rows = 3;
    service_ = std::make_unique<HttpService>(*db_, config_);
  }
  void TearDown() override {
    service_.reset();
    DatabaseTest::TearDown();
  }

  HttpResponse Send(http::verb method, const std::string& target, const std::string& body = "",
                    const std::string& token = "", bool remote = false) {
    HttpRequest req{method, target, 11};
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    req.body() = body;
    req.prepare_payload();
    auto peer = boost::asio::ip::make_address(remote ? "10.1.2.3" : "127.0.0.1");
    return service_->Handle(req, peer);
  }
  HttpResponse Query(const std::string& body, const std::string& token = "", bool remote = false) {
    return Send(http::verb::post, "/v1/query", body, token, remote);
  }
  static JsonValue Parse(const std::string& text) {
    JsonValue v;
    std::string error;
    EXPECT_TRUE(ParseJson(text, &v, &error)) << error << ": " << text;
    return v;
  }

  HttpConfig config_;
  std::unique_ptr<HttpService> service_;
};

TEST_F(HttpServiceTest, Health) {
  HttpResponse res = Send(http::verb::get, "/health");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body(), "{\"status\":\"ok\"}");
}

TEST_F(HttpServiceTest, UnknownPathAndWrongMethod) {
  EXPECT_EQ(Send(http::verb::get, "/nope").result_int(), 404u);
  HttpResponse res = Send(http::verb::get, "/v1/query");
  EXPECT_EQ(res.result_int(), 405u);
  EXPECT_EQ(res[http::field::allow], "POST");
  EXPECT_EQ(Send(http::verb::post, "/health").result_int(), 405u);
}

TEST_F(HttpServiceTest, SelectReturnsTypedRows) {
  HttpResponse res = Query(
      R"J({"sql":"SELECT 1 AS i, 'x' AS t, 2.50::numeric(5,2) AS n, true AS b, NULL::int AS z"})J");
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_EQ(res[http::field::content_type], "application/json");
  JsonValue v = Parse(res.body());
  const JsonValue* columns = v.Find("columns");
  ASSERT_EQ(columns->items.size(), 5u);
  EXPECT_EQ(columns->items[0].Find("name")->text, "i");
  EXPECT_EQ(columns->items[0].Find("type")->text, "integer");
  EXPECT_EQ(columns->items[2].Find("type")->text, "numeric(5,2)");
  EXPECT_NE(res.body().find("\"rows\":[[1,\"x\",\"2.50\",true,null]]"), std::string::npos)
      << res.body();
  EXPECT_EQ(v.Find("rows_affected")->text, "1");
  EXPECT_EQ(v.Find("truncated")->boolean, false);
  EXPECT_EQ(v.Find("elapsed_ms")->kind, JsonValue::Kind::kNumber);
}

TEST_F(HttpServiceTest, ParametersAreBoundNotSpliced) {
  ASSERT_EQ(Query(R"J({"sql":"CREATE TABLE t (id integer PRIMARY KEY, name text, d date)"})J")
                .result_int(),
            200u);
  HttpResponse res = Query(
      R"J({"sql":"INSERT INTO t VALUES ($1, $2, $3)","params":[1,"O'Brien'); DROP TABLE t; --","2024-02-29"]
  })J");
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_EQ(Parse(res.body()).Find("rows_affected")->text, "1");
  res = Query(R"J({"sql":"SELECT name, d FROM t WHERE id = $1","params":["1"]})J");
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_NE(res.body().find("[[\"O'Brien'); DROP TABLE t; --\",\"2024-02-29\"]]"),
            std::string::npos)
      << res.body();
}

TEST_F(HttpServiceTest, BadParameterNamesIt) {
  ASSERT_EQ(Query(R"J({"sql":"CREATE TABLE t (id integer)"})J").result_int(), 200u);
  HttpResponse res = Query(R"J({"sql":"SELECT * FROM t WHERE id = $1","params":["abc"]})J");
  EXPECT_EQ(res.result_int(), 400u);
  JsonValue error = *Parse(res.body()).Find("error");
  EXPECT_EQ(error.Find("sqlstate")->text, "22P02");
  EXPECT_EQ(error.Find("detail")->text, "parameter $1");
}

TEST_F(HttpServiceTest, SqlErrorsCarrySqlstateAndPosition) {
  HttpResponse res = Query(R"J({"sql":"SELECT * FROM missing"})J");
  EXPECT_EQ(res.result_int(), 400u);
  JsonValue error = *Parse(res.body()).Find("error");
  EXPECT_EQ(error.Find("sqlstate")->text, "42P01");
  EXPECT_EQ(error.Find("message")->text, "relation \"missing\" does not exist");
  EXPECT_EQ(error.Find("position")->text, "15");
}

TEST_F(HttpServiceTest, MalformedBodies) {
  EXPECT_EQ(Query("{not json").result_int(), 400u);
  EXPECT_EQ(Parse(Query("{not json").body()).Find("error")->Find("sqlstate")->text, "22P02");
  EXPECT_EQ(Query("[]").result_int(), 400u);
  EXPECT_EQ(Query(R"J({"sql": 5})J").result_int(), 400u);
  EXPECT_EQ(Query(R"J({"sql": "SELECT 1", "params": {}})J").result_int(), 400u);
}

TEST_F(HttpServiceTest, RowCapSetsTruncated) {
  HttpResponse res = Query(R"J({"sql":"SELECT * FROM generate_series(1, 10)"})J");
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  JsonValue v = Parse(res.body());
  EXPECT_EQ(v.Find("rows")->items.size(), 3u);
  EXPECT_EQ(v.Find("rows_affected")->text, "10");
  EXPECT_TRUE(v.Find("truncated")->boolean);
}

TEST_F(HttpServiceTest, ScriptsAnswerWithTheLastStatement) {
  HttpResponse res = Query(
      R"J({"sql":"CREATE TABLE s (a int); INSERT INTO s VALUES (1), (2); SELECT count(*) AS n FROM s"})J");
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_NE(res.body().find("\"rows\":[[2]]"), std::string::npos) << res.body();
}

TEST_F(HttpServiceTest, EachRequestIsItsOwnSession) {
  // A transaction left open by one request is rolled back, not inherited by the next.
  ASSERT_EQ(Query(R"J({"sql":"CREATE TABLE t (a int)"})J").result_int(), 200u);
  ASSERT_EQ(Query(R"J({"sql":"BEGIN; INSERT INTO t VALUES (1)"
})J")
                .result_int(),
            200u);
  HttpResponse res = Query(R"J({"sql":"SELECT count(*) FROM t"})J");
  EXPECT_NE(res.body().find("\"rows\":[[0]]"), std::string::npos) << res.body();
}

TEST_F(HttpServiceTest, RemoteRequestsNeedTokens) {
  EXPECT_EQ(Query(R"J({"sql":"SELECT 1"})J", "", /*remote=*/true).result_int(), 401u);
  EXPECT_EQ(Query(R"J({"sql":"SELECT 1"})J", "kdb_bogus", false).result_int(), 401u);
  EXPECT_EQ(Send(http::verb::get, "/metrics", "", "", true).result_int(), 401u);
  // /health stays open (load balancers probe it).
  EXPECT_EQ(Send(http::verb::get, "/health", "", "", true).result_int(), 200u);
}

TEST_F(HttpServiceTest, TokensAuthenticateUntilRevoked) {
  HttpResponse res = Send(http::verb::post, "/v1/tokens", R"J({"user":"kadedb","label":"ci"})J");
  ASSERT_EQ(res.result_int(), 201u) << res.body();
  JsonValue created = Parse(res.body());
  std::string token = created.Find("token")->text;
  EXPECT_EQ(token.size(), 68u);
  EXPECT_EQ(Query(R"J({"sql":"SELECT 1"})J", token, true).result_int(), 200u);
  // Only the hash is stored.
  HttpResponse stored = Query(R"J({"sql":"SELECT token_sha256 FROM kadedb_auth.http_tokens"})J");
  EXPECT_EQ(stored.body().find(token.substr(4)), std::string::npos);
  EXPECT_NE(stored.body().find(Sha256Hex(token)), std::string::npos) << stored.body();

  res = Send(http::verb::delete_, "/v1/tokens/" + created.Find("id")->text);
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_EQ(Query(R"J({"sql":"SELECT 1"})J", token, true).result_int(), 401u);
  EXPECT_EQ(Send(http::verb::delete_, "/v1/tokens/" + created.Find("id")->text).result_int(), 404u);
}

TEST_F(HttpServiceTest, TokensForMissingRolesFail) {
  HttpResponse res = Send(http::verb::post, "/v1/tokens", R"J({"user":"nobody"})J");
  EXPECT_EQ(res.result_int(), 400u);
  EXPECT_EQ(Parse(res.body()).Find("error")->Find("sqlstate")->text, "42704");
}

TEST_F(HttpServiceTest, StaticTokensFromConfig) {
  config_.static_tokens = {"secret-from-config"};
  EXPECT_EQ(Query(R"J({"sql":"SELECT 1"})J", "secret-from-config", true).result_int(), 200u);
  EXPECT_EQ(Query(R"J({"sql":"SELECT 1"})J", "secret-from-confiG", true).result_int(), 401u);
}

TEST_F(HttpServiceTest, MetricsCountQueries) {
  Query(R"J({"sql":"SELECT 1"})J");
  Query(R"J({"sql":"SELECT * FROM missing"})J");
  HttpResponse res = Send(http::verb::get, "/metrics");
  ASSERT_EQ(res.result_int(), 200u);
  EXPECT_NE(res[http::field::content_type].find("text/plain"), boost::string_view::npos);
  const std::string& text = res.body();
  EXPECT_NE(text.find("# TYPE kadedb_queries_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("kadedb_queries_total{protocol=\"http\",outcome=\"ok\"}"), std::string::npos);
  EXPECT_NE(text.find("kadedb_queries_total{protocol=\"http\",outcome=\"error\"}"),
            std::string::npos);
  EXPECT_NE(text.find("kadedb_query_duration_seconds_bucket{protocol=\"http\",le=\"+Inf\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace kadedb
