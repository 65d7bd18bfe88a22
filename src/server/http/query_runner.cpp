// QueryRunner (query_runner.hpp): request parsing, parameter binding, JSON and NDJSON answers.
#include "server/http/query_runner.hpp"

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "common/decimal.hpp"
#include "common/exception.hpp"
#include "function/cast/cast.hpp"
#include "server/http/json_writer.hpp"

namespace kadedb {

namespace {

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

void AppendMillis(std::string& out, double ms) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", ms);
  out += buf;
}

void AppendColumns(std::string& out, const std::vector<std::string>& names,
                   const std::vector<LogicalType>& types) {
  out += '[';
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, names[i]);
    out += ",\"type\":";
    AppendJsonString(out, i < types.size() ? JsonTypeName(types[i]) : "unknown");
    out += '}';
  }
  out += ']';
}

void AppendRow(std::string& out, const DataChunk& chunk, size_t row) {
  out += '[';
  for (size_t c = 0; c < chunk.ColumnCount(); c++) {
    if (c > 0) out += ',';
    AppendJsonCell(out, chunk.column(c), row);
  }
  out += ']';
}

// PostgreSQL array input text for a JSON array: {"a","b",NULL}.
std::string ArrayLiteral(const JsonValue& array) {
  std::string out = "{";
  for (size_t i = 0; i < array.items.size(); i++) {
    if (i > 0) out += ',';
    const JsonValue& item = array.items[i];
    switch (item.kind) {
      case JsonValue::Kind::kNull:
        out += "NULL";
        break;
      case JsonValue::Kind::kBool:
        out += item.boolean ? "true" : "false";
        break;
      case JsonValue::Kind::kNumber:
        out += item.text;
        break;
      case JsonValue::Kind::kArray:
        out += ArrayLiteral(item);
        break;
      default:
        out += '"';
        for (char ch : item.text) {
          if (ch == '"' || ch == '\\') out += '\\';
          out += ch;
        }
        out += '"';
    }
  }
  return out + "}";
}

// A JSON value without a known target type.
Value UntypedValue(const JsonValue& v) {
  switch (v.kind) {
    case JsonValue::Kind::kNull:
      return Value();
    case JsonValue::Kind::kBool:
      return Value::Boolean(v.boolean);
    case JsonValue::Kind::kString:
      return Value::Text(v.text);
    case JsonValue::Kind::kNumber: {
      if (v.IsIntegerLiteral()) {
        errno = 0;
        char* end = nullptr;
        long long n = std::strtoll(v.text.c_str(), &end, 10);
        if (errno == 0 && *end == '\0') {
          if (n >= INT32_MIN && n <= INT32_MAX) return Value::Integer(static_cast<int32_t>(n));
          return Value::BigInt(n);
        }
      }
      Decimal d;
      if (DecimalTryParse(v.text, &d)) return Value::Numeric(d);
      return Value::Double(std::strtod(v.text.c_str(), nullptr));
    }
    case JsonValue::Kind::kArray:
      return Value::Text(ArrayLiteral(v));
    case JsonValue::Kind::kObject:
      break;
  }
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  "a JSON object cannot be bound to a parameter");
}

Value TypedValue(const JsonValue& v, const LogicalType& type) {
  switch (v.kind) {
    case JsonValue::Kind::kNull:
      return Value::Null(type);
    case JsonValue::Kind::kBool:
      if (type.id == TypeId::kBoolean) return Value::Boolean(v.boolean);
      return ParseValue(v.boolean ? "true" : "false", type);
    case JsonValue::Kind::kString:
    case JsonValue::Kind::kNumber:
      return ParseValue(v.text, type);
    case JsonValue::Kind::kArray:
      return ParseValue(ArrayLiteral(v), type);
    case JsonValue::Kind::kObject:
      break;
  }
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  "a JSON object cannot be bound to a parameter");
}

}  // namespace

Status ParseQueryRequest(std::string_view body, QueryRequest* out) {
  JsonValue doc;
  std::string error;
  if (!ParseJson(body, &doc, &error)) {
    return Status::Error(sqlstate::kInvalidTextRepresentation, "invalid JSON body: " + error);
  }
  if (doc.kind != JsonValue::Kind::kObject) {
    return Status::Error("08P01", "the request body must be a JSON object");
  }
  const JsonValue* sql = doc.Find("sql");
  if (sql == nullptr || sql->kind != JsonValue::Kind::kString) {
    return Status::Error("08P01", "the request body needs a string member \"sql\"");
  }
  out->sql = sql->text;
  out->params = JsonValue();
  out->params.kind = JsonValue::Kind::kArray;
  if (const JsonValue* params = doc.Find("params")) {
    if (params->kind == JsonValue::Kind::kNull) return Status::OK();
    if (params->kind != JsonValue::Kind::kArray) {
      return Status::Error("08P01", "\"params\" must be a JSON array");
    }
    out->params = *params;
  }
  return Status::OK();
}

Status BindParameters(const JsonValue& params, const std::vector<LogicalType>& types,
                      std::vector<Value>* out) {
  out->clear();
  for (size_t i = 0; i < params.items.size(); i++) {
    try {
      LogicalType type = i < types.size() ? types[i] : LogicalType(TypeId::kNull);
      out->push_back(type.id == TypeId::kNull ? UntypedValue(params.items[i])
                                              : TypedValue(params.items[i], type));
    } catch (const Exception& e) {
      return Status::Error(e.sqlstate(), e.what(), 0, "parameter $" + std::to_string(i + 1));
    }
  }
  return Status::OK();
}

std::string ErrorJson(const Status& status) {
  std::string out = "{\"error\":{\"sqlstate\":";
  AppendJsonString(out, status.sqlstate());
  out += ",\"message\":";
  AppendJsonString(out, status.message());
  out += ",\"position\":";
  out += status.position() > 0 ? std::to_string(status.position()) : "null";
  if (!status.detail().empty()) {
    out += ",\"detail\":";
    AppendJsonString(out, status.detail());
  }
  if (!status.hint().empty()) {
    out += ",\"hint\":";
    AppendJsonString(out, status.hint());
  }
  out += "}}";
  return out;
}

QueryAnswer RunQueryJson(Connection& conn, const QueryRequest& request, uint64_t max_rows) {
  QueryAnswer answer;
  auto start = std::chrono::steady_clock::now();
  std::string rows;
  uint64_t kept = 0;
  bool truncated = false;
  auto encode = [&](const DataChunk& chunk) {
    for (size_t r = 0; r < chunk.size(); r++) {
      if (kept >= max_rows) {
        truncated = true;
        return;
      }
      if (kept > 0) rows += ',';
      AppendRow(rows, chunk, r);
      kept++;
    }
  };
  Result result;
  if (!request.params.items.empty()) {
    std::unique_ptr<PreparedStatement> statement;
    Status s = conn.Prepare(request.sql, &statement);
    std::vector<Value> values;
    if (s.ok()) s = BindParameters(request.params, statement->ParameterTypes(), &values);
    if (!s.ok()) {
      answer.status = s;
      answer.body = ErrorJson(s);
      answer.elapsed_ms = MillisSince(start);
      return answer;
    }
    conn.SetChunkSink(encode);
    result = conn.Execute(*statement, values);
  } else if (Connection::SplitStatements(request.sql).size() <= 1) {
    conn.SetChunkSink(encode);
    result = conn.Query(request.sql);
  } else {
    // A script: only the last statement's rows are wanted, so let the engine buffer them.
    conn.SetChunkSink({});
    result = conn.Query(request.sql);
    for (size_t i = 0; i < result.ChunkCount(); i++) encode(result.Chunk(i));
  }
  conn.SetChunkSink({});
  answer.elapsed_ms = MillisSince(start);
  answer.status = result.status();
  if (!result.ok()) {
    answer.body = ErrorJson(result.status());
    return answer;
  }
  std::string& out = answer.body;
  out.reserve(rows.size() + 256);
  out += "{\"columns\":";
  AppendColumns(out, result.names(), result.types());
  out += ",\"rows\":[";
  out += rows;
  out += "],\"rows_affected\":";
  out += std::to_string(result.RowsAffected());
  out += ",\"command\":";
  AppendJsonString(out, result.CommandTag());
  out += ",\"elapsed_ms\":";
  AppendMillis(out, answer.elapsed_ms);
  out += ",\"truncated\":";
  out += truncated ? "true" : "false";
  out += '}';
  return answer;
}

Status NdjsonQuery::Prepare(Connection& conn, const QueryRequest& request) {
  conn_ = &conn;
  Status s = conn.Prepare(request.sql, &statement_);
  if (!s.ok()) return s;
  return BindParameters(request.params, statement_->ParameterTypes(), &params_);
}

Status NdjsonQuery::Run(size_t flush_bytes, const std::function<bool(std::string&)>& flush) {
  auto start = std::chrono::steady_clock::now();
  std::string pending = "{\"columns\":";
  AppendColumns(pending, statement_->ColumnNames(), statement_->ColumnTypes());
  pending += "}\n";
  bool client_gone = false;
  conn_->SetChunkSink([&](DataChunk& chunk) {
    for (size_t r = 0; r < chunk.size(); r++) {
      AppendRow(pending, chunk, r);
      pending += '\n';
    }
    if (pending.size() >= flush_bytes) {
      if (!flush(pending)) {
        client_gone = true;
        throw Exception("57014", "canceling statement due to client disconnect");
      }
      pending.clear();
    }
  });
  Result result = conn_->Execute(*statement_, params_);
  conn_->SetChunkSink({});
  elapsed_ms_ = MillisSince(start);
  if (client_gone)
    return result.ok() ? Status::Error("57014", "client disconnected") : result.status();
  if (result.ok()) {
    pending += "{\"rows_affected\":";
    pending += std::to_string(result.RowsAffected());
    pending += ",\"command\":";
    AppendJsonString(pending, result.CommandTag());
    pending += ",\"elapsed_ms\":";
    AppendMillis(pending, elapsed_ms_);
    pending += "}\n";
  } else {
    pending += ErrorJson(result.status());
    pending += '\n';
  }
  flush(pending);
  pending.clear();
  return result.status();
}

}  // namespace kadedb
