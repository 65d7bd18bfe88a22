// PostgreSQL through libpq (see postgres_runner.hpp).
#include "postgres_runner.hpp"

#include <libpq-fe.h>

#include <string>

namespace kadedb::difftest {

namespace {

// Type OIDs from PostgreSQL's pg_type.dat (stable across versions).
ResultColumn ColumnFor(Oid oid) {
  switch (oid) {
    case 16:
      return {"boolean", ValueKind::kBoolean};
    case 20:
      return {"bigint", ValueKind::kInteger};
    case 21:
      return {"smallint", ValueKind::kInteger};
    case 23:
      return {"integer", ValueKind::kInteger};
    case 700:
      return {"real", ValueKind::kFloat};
    case 701:
      return {"double precision", ValueKind::kFloat};
    case 1700:
      return {"numeric", ValueKind::kNumeric};
    case 25:
    case 1043:
    case 1042:
    case 705:
    case 19:
      return {"text", ValueKind::kText};
    case 1082:
      return {"date", ValueKind::kDate};
    case 1114:
      return {"timestamp", ValueKind::kTimestamp};
    case 1184:
      return {"timestamptz", ValueKind::kOther};
    case 1186:
      return {"interval", ValueKind::kOther};
    default:
      return {"oid " + std::to_string(oid), ValueKind::kOther};
  }
}

}  // namespace

PostgresRunner::~PostgresRunner() {
  if (conn_) PQfinish(conn_);
}

bool PostgresRunner::Connect(const std::string& conninfo, std::string* error) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    *error = PQerrorMessage(conn_);
    return false;
  }
  for (const char* setting :
       {"SET DateStyle = 'ISO, YMD'", "SET TimeZone = 'UTC'", "SET extra_float_digits = 1",
        "SET statement_timeout = '20s'", "SET client_min_messages = warning"}) {
    ResultSet r = Run(setting);
    if (!r.ok) {
      *error = r.message;
      return false;
    }
  }
  return true;
}

std::string PostgresRunner::Version() {
  ResultSet r = Run("SHOW server_version");
  if (!r.ok || r.rows.empty() || !r.rows[0][0]) return "?";
  return *r.rows[0][0];
}

ResultSet PostgresRunner::Run(const std::string& sql) {
  PGresult* res = PQexec(conn_, sql.c_str());
  if (!res) return ResultSet::Error("08006", PQerrorMessage(conn_));
  ResultSet out;
  ExecStatusType st = PQresultStatus(res);
  if (st == PGRES_TUPLES_OK) {
    int ncols = PQnfields(res);
    int nrows = PQntuples(res);
    for (int c = 0; c < ncols; ++c) out.columns.push_back(ColumnFor(PQftype(res, c)));
    out.rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      Row row;
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        }
      }
      out.rows.push_back(std::move(row));
    }
    out.rows_affected = nrows;
  } else if (st == PGRES_COMMAND_OK) {
    const char* n = PQcmdTuples(res);
    out.rows_affected = n && *n ? std::stoull(n) : 0;
  } else {
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char* msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    out = ResultSet::Error(state ? state : "XX000", msg ? msg : PQresultErrorMessage(res));
  }
  PQclear(res);
  return out;
}

}  // namespace kadedb::difftest
