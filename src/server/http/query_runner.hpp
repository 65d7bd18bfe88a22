// QueryRunner: runs the SQL of one HTTP request on a Connection and encodes the answer — the JSON
// document of POST /v1/query or the NDJSON lines of POST /v1/query/stream (docs/http.md).
//
// Parameters are always bound ($1 = params[0]) through Prepare/Execute, never spliced into the
// text. A JSON value becomes the parameter's type as PostgreSQL reads text input for it (so
// "2024-01-02" binds to a DATE parameter); where binding cannot tell the type, strings are TEXT,
// integers INTEGER/BIGINT/NUMERIC by size, other numbers NUMERIC, true/false BOOLEAN.
//
// Memory: POST /v1/query keeps at most max_rows encoded rows (the engine streams its chunks to
// the encoder, later rows are only counted); the NDJSON path holds one flush batch at a time.
//
// Threading: one request per QueryRunner, on the thread that owns the Connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kadedb/database.hpp"
#include "server/http/json_reader.hpp"

namespace kadedb {

// The body of a query request: {"sql": "...", "params": [...]}.
struct QueryRequest {
  std::string sql;
  JsonValue params;  // kArray (possibly empty)
};

// 22P02 for a body that is not JSON, 08P01 for a JSON body without a string "sql" or with
// "params" that is not an array.
Status ParseQueryRequest(std::string_view body, QueryRequest* out);

// Converts JSON parameters to Values for parameters of the given types (kNull: unknown).
// Errors (22P02, 22003 ...) name the parameter in their detail.
Status BindParameters(const JsonValue& params, const std::vector<LogicalType>& types,
                      std::vector<Value>* out);

// {"error":{"sqlstate":..,"message":..,"position":..[,"detail":..][,"hint":..]}}
std::string ErrorJson(const Status& status);

struct QueryAnswer {
  Status status;
  std::string body;  // the JSON document, or ErrorJson(status)
  double elapsed_ms = 0;
};

// POST /v1/query: runs the request (a script of several statements is allowed without params;
// the answer is the last statement's) and returns the JSON answer with up to max_rows rows.
QueryAnswer RunQueryJson(Connection& conn, const QueryRequest& request, uint64_t max_rows);

// POST /v1/query/stream: Prepare checks and binds a single statement (on failure nothing has
// been sent: answer 400 with ErrorJson). Run then writes
//   {"columns":[...]}\n  one JSON array per row\n  ...  {"rows_affected":..,...}\n
// or, when the statement fails midway, a last line {"error":{...}}. flush(batch) is called with
// the pending text whenever it reaches flush_bytes and at the end; it returns false when the
// client has gone, which cancels the statement (57014).
class NdjsonQuery {
 public:
  Status Prepare(Connection& conn, const QueryRequest& request);
  // Returns the statement's final status. REQUIRES: Prepare succeeded.
  Status Run(size_t flush_bytes, const std::function<bool(std::string&)>& flush);
  double elapsed_ms() const { return elapsed_ms_; }

 private:
  Connection* conn_ = nullptr;
  std::unique_ptr<PreparedStatement> statement_;
  std::vector<Value> params_;
  double elapsed_ms_ = 0;
};

}  // namespace kadedb
