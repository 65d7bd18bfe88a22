// PgSession query execution shared by both protocols: running a statement under the statement
// timeout, RowDescription / DataRow / CommandComplete encoding, and the simple Query message
// (several statements in one string, each with its own result, in one implicit transaction; the
// first error ends the string and rolls the implicit transaction back). A lone DML statement is
// tried in the statement cache first (pg_statement_cache.hpp).
#include <charconv>
#include <cstring>

#include "main/client_context.hpp"
#include "server/pg_session.hpp"
#include "server/pg_wire_types.hpp"
#include "server/server.hpp"
#include "server/server_log.hpp"

namespace kadedb {

namespace {

bool IsBlank(const std::string& s) {
  // Whitespace and comments only (the engine answers such a piece with the tag EMPTY).
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c)) && c != ';') return false;
  }
  return true;
}

// Characters (not bytes) in the first n bytes of a UTF-8 string.
int CharCount(const std::string& s, size_t n) {
  int count = 0;
  for (size_t i = 0; i < n && i < s.size(); i++) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) count++;
  }
  return count;
}

// The first word of a statement, lower-cased ("begin", "commit", ...).
std::string FirstWord(const std::string& sql) {
  size_t start = sql.find_first_not_of(" \t\r\n\f\v");
  std::string word;
  for (size_t i = start; start != std::string::npos && i < sql.size() &&
                         std::isalpha(static_cast<unsigned char>(sql[i]));
       i++) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i])));
  }
  return word;
}

int16_t FormatOf(const std::vector<int16_t>& formats, size_t column) {
  if (formats.empty()) return 0;
  if (formats.size() == 1) return formats[0];
  return column < formats.size() ? formats[column] : 0;
}

}  // namespace

int64_t PgSession::SessionTimeoutMs(const char* name) {
  // Parsed again only after a SET / RESET changed some setting (the generation moved).
  SessionSettings& settings = connection_->context().settings();
  bool statement = std::string_view(name) == "statement_timeout";
  TimeoutCache& cache = statement ? statement_timeout_ : idle_timeout_;
  if (cache.generation != settings.generation()) {
    cache.ms = 0;
    try {
      cache.ms = settings.Milliseconds(name);
    } catch (...) {
    }
    cache.generation = settings.generation();
  }
  return cache.ms;
}

void PgSession::BeginStatement() {
  timed_out_ = false;
  int64_t timeout_ms = SessionTimeoutMs("statement_timeout");
  busy_ = true;
  if (timeout_ms > 0) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    deadline_ns_ = deadline.time_since_epoch().count();
  }
}

void PgSession::EndStatement(Result& result) {
  deadline_ns_ = 0;
  busy_ = false;
  if (!result.ok() && result.status().sqlstate() == "57014") {
    if (timed_out_) {
      result.SetStatus(Status::Error("57014", "canceling statement due to statement timeout"));
    } else if (closing_) {
      result.SetStatus(
          Status::Error("57P01", "terminating connection due to administrator command"));
    }
  }
  timed_out_ = false;
}

Result PgSession::RunStatement(const std::string& sql, const std::vector<Value>* params) {
  BeginStatement();
  Result result = params ? connection_->Query(sql, *params) : connection_->Query(sql);
  EndStatement(result);
  return result;
}

Result PgSession::RunPrepared(PreparedStatement& prepared, const std::vector<Value>& params) {
  BeginStatement();
  Result result = connection_->Execute(prepared, params);
  EndStatement(result);
  return result;
}

void PgSession::SendRowDescription(const Result& result, const std::vector<int16_t>& formats) {
  DescribeRows(result.names(), result.types(), formats);
}

void PgSession::DescribeRows(const std::vector<std::string>& names,
                             const std::vector<LogicalType>& types,
                             const std::vector<int16_t>& formats) {
  PgMessageWriter w;
  w.Begin('T');
  w.AddInt16(static_cast<int16_t>(names.size()));
  for (size_t i = 0; i < names.size(); i++) {
    w.AddCString(names[i]);
    w.AddInt32(0);  // table OID
    w.AddInt16(0);  // column number
    w.AddInt32(WireTypeOid(types[i]));
    w.AddInt16(WireTypeLen(types[i]));
    w.AddInt32(WireTypeMod(types[i]));
    w.AddInt16(FormatOf(formats, i));
  }
  w.End();
  out_ += w.buffer();
}

bool PgSession::SendDataRows(PgPortal& portal, int64_t max_rows) {
  const Result& result = portal.result;
  size_t columns = result.ColumnCount();
  std::vector<int16_t> formats(columns);
  for (size_t c = 0; c < columns; c++) formats[c] = FormatOf(portal.result_formats, c);
  int64_t sent = 0;
  PgMessageWriter w;
  char number[32];
  while (portal.chunk < result.ChunkCount()) {
    const DataChunk& chunk = result.Chunk(portal.chunk);
    while (portal.row < chunk.size()) {
      if (max_rows > 0 && sent >= max_rows) return false;
      size_t row = portal.row++;
      w.Clear();
      w.Begin('D');
      w.AddInt16(static_cast<int16_t>(columns));
      for (size_t c = 0; c < columns && c < chunk.ColumnCount(); c++) {
        const Vector& v = chunk.column(c);
        if (v.IsNull(row)) {
          w.AddInt32(-1);
          continue;
        }
        if (formats[c] == 0) {
          TypeId id = v.type().id;
          if (id == TypeId::kSmallInt || id == TypeId::kInteger || id == TypeId::kBigInt) {
            auto [end, ec] = std::to_chars(number, number + sizeof(number), v.ints()[row]);
            w.AddInt32(static_cast<int32_t>(end - number));
            w.AddBytes(std::string_view(number, end - number));
          } else if (id == TypeId::kText || id == TypeId::kVarchar) {
            const std::string& s = v.strings()[row];
            w.AddInt32(static_cast<int32_t>(s.size()));
            w.AddBytes(s);
          } else {
            std::string s = WireTextValue(v.GetValue(row));
            w.AddInt32(static_cast<int32_t>(s.size()));
            w.AddBytes(s);
          }
        } else {
          std::string s = WireBinaryValue(v.GetValue(row));
          w.AddInt32(static_cast<int32_t>(s.size()));
          w.AddBytes(s);
        }
      }
      w.End();
      out_ += w.buffer();
      sent++;
      portal.sent++;
      MaybeFlush();
    }
    portal.chunk++;
    portal.row = 0;
  }
  return true;
}

void PgSession::SendCommandComplete(const Result& result) {
  PgMessageWriter w;
  w.Begin('C');
  w.AddCString(result.CommandTag());
  w.End();
  out_ += w.buffer();
}

void PgSession::SendResult(Result& result) {
  PgPortal portal;
  if (result.HasRows()) SendRowDescription(result, {});
  portal.result = std::move(result);
  if (portal.result.HasRows()) SendDataRows(portal, 0);
  SendCommandComplete(portal.result);
  result = std::move(portal.result);
}

void PgSession::WarnTransactionControl(const std::string& sql, TransactionState before) {
  std::string word = FirstWord(sql);
  if ((word == "begin" || word == "start") && before != TransactionState::kIdle) {
    SendNotice("WARNING", "25001", "there is already a transaction in progress");
  } else if ((word == "commit" || word == "end" || word == "rollback" || word == "abort") &&
             before == TransactionState::kIdle) {
    SendNotice("WARNING", "25P01", "there is no transaction in progress");
  }
}

// Several statements in one Query message run as one implicit transaction, as PostgreSQL: an
// error rolls back the statements before it, unless a BEGIN in the message made the transaction
// explicit (then the session is left in the failed transaction, as after any error in a block).
// A COMMIT / ROLLBACK in the message ends the implicit transaction; the statements after it
// start another one. The implicit BEGIN is issued lazily, just before the first statement that
// is not transaction control, so "BEGIN ISOLATION LEVEL ...; ..." keeps its options.
void PgSession::HandleSimpleQuery(const std::string& sql) {
  // A lone SELECT / INSERT / UPDATE / DELETE seen before runs through the statement cache (no
  // implicit transaction, COPY or transaction-control handling applies to it).
  Result cached;
  if (RunCachedQuery(sql, &cached)) {
    if (cached.ok()) {
      SendResult(cached);
    } else {
      SendError(cached.status());
    }
    SendReadyForQuery();
    return;
  }
  std::vector<std::string> pieces = Connection::SplitStatements(sql);
  std::vector<size_t> offsets;
  size_t statements = 0;
  size_t cursor = 0;
  for (auto& piece : pieces) {
    size_t offset = sql.find(piece, cursor);
    if (offset == std::string::npos) offset = cursor;
    cursor = offset + piece.size();
    offsets.push_back(offset);
    if (!IsBlank(piece)) statements++;
  }
  bool any = false;
  bool implicit = false;  // inside a transaction this message opened
  for (size_t i = 0; i < pieces.size(); i++) {
    const std::string& piece = pieces[i];
    if (IsBlank(piece)) continue;
    std::string word = FirstWord(piece);
    bool control = word == "begin" || word == "start" || word == "commit" || word == "end" ||
                   word == "rollback" || word == "abort";
    if (implicit && (word == "begin" || word == "start")) {
      // BEGIN inside the implicit transaction makes it explicit (no warning, as PostgreSQL).
      implicit = false;
      Result begun;
      begun.SetCommandTag("BEGIN");
      SendResult(begun);
      any = true;
      continue;
    }
    TransactionState before = connection_->context().transaction_state();
    if (!implicit && !control && statements > 1 && before == TransactionState::kIdle) {
      implicit = connection_->Query("BEGIN").ok();
    }
    if (implicit && control) before = TransactionState::kIdle;
    Result result;
    if (!MaybeHandleCopy(piece, &result)) result = RunStatement(piece, nullptr);
    if (!result.ok()) {
      if (implicit) connection_->Query("ROLLBACK");
      implicit = false;
      const Status& s = result.status();
      Status adjusted = s.position() > 0 ? Status::Error(s.sqlstate(), s.message(),
                                                         s.position() + CharCount(sql, offsets[i]),
                                                         s.detail(), s.hint())
                                         : s;
      SendError(adjusted);
      any = true;
      break;
    }
    if (control) implicit = false;  // COMMIT / ROLLBACK ended it
    if (result.CommandTag() == "EMPTY") continue;
    if (result.CommandTag() == "COPY_DONE") {  // pg_copy.cpp already answered
      any = true;
      continue;
    }
    any = true;
    WarnTransactionControl(piece, before);
    SendResult(result);
    const std::string& tag = result.CommandTag();
    if (tag == "SET" || tag == "RESET") ReportChangedParameters();
  }
  if (implicit && connection_->context().transaction_state() != TransactionState::kIdle) {
    Result commit = connection_->Query("COMMIT");
    if (!commit.ok()) SendError(commit.status());
  }
  if (!any) out_ += std::string("I\0\0\0\4", 5);  // EmptyQueryResponse
  SendReadyForQuery();
}

}  // namespace kadedb
