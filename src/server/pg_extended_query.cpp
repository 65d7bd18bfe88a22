// Extended query protocol (pg_session.hpp): Parse / Bind / Describe / Execute (with a row limit
// and PortalSuspended) / Close / Sync / Flush, named and unnamed statements and portals.
//
// A portal runs its statement once, at its first Execute (or at Describe, so RowDescription
// reports the types the statement really produced with the bound parameter types), and keeps the
// rows; later Executes with a row limit continue from a cursor.
//
// Outside an explicit transaction, the statements executed between two Syncs form one implicit
// transaction, as in PostgreSQL: it commits at Sync, and an error rolls back the statements
// before it (then every message up to Sync is skipped). A BEGIN among them makes the transaction
// explicit; COMMIT / ROLLBACK end it. When the Sync is already buffered right behind the only
// statement of the batch (Parse / Bind / Describe / Execute / Sync in one write, the common
// case), the statement simply autocommits.
#include <cctype>

#include "common/exception.hpp"
#include "function/cast/cast.hpp"
#include "main/client_context.hpp"
#include "server/pg_session.hpp"
#include "server/pg_wire_types.hpp"

namespace kadedb {

namespace {

bool IsBlankQuery(const std::string& s) {
  return Connection::SplitStatements(s).empty() ||
         s.find_first_not_of(" \t\r\n;") == std::string::npos;
}

// The first word of a statement, lower-cased ("begin", "commit", ...).
std::string LeadingWord(const std::string& sql) {
  std::string word;
  size_t i = sql.find_first_not_of(" \t\r\n(");
  for (;
       i != std::string::npos && i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]));
       i++) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i])));
  }
  return word;
}

bool IsTransactionControl(const std::string& word) {
  return word == "begin" || word == "start" || word == "commit" || word == "end" ||
         word == "rollback" || word == "abort" || word == "savepoint" || word == "release" ||
         word == "prepare";
}

}  // namespace

void PgSession::HandleExtended(PgMessageReader& message) {
  try {
    switch (message.type()) {
      case 'P':
        HandleParse(message);
        break;
      case 'B':
        HandleBind(message);
        break;
      case 'D':
        HandleDescribe(message);
        break;
      case 'E':
        HandleExecute(message);
        break;
      case 'C':
        HandleClose(message);
        break;
      case 'H':
        Flush();
        break;
      case 'S':
        skip_until_sync_ = false;
        if (extended_implicit_) {
          extended_implicit_ = false;
          if (connection_->context().transaction_state() != TransactionState::kIdle) {
            Result commit = connection_->Query("COMMIT");
            if (!commit.ok()) SendError(commit.status());
          }
        }
        if (connection_->context().transaction_state() == TransactionState::kIdle) {
          portals_.clear();
        } else {
          portals_.erase("");
        }
        SendReadyForQuery();
        break;
    }
  } catch (const Exception& e) {
    if (e.sqlstate() == "08P01") throw;  // malformed message: close the connection
    if (extended_implicit_) {
      // The implicit transaction dies with the error: the earlier Executes are undone.
      extended_implicit_ = false;
      connection_->Query("ROLLBACK");
    }
    SendError(e.ToStatus());
    skip_until_sync_ = true;
  }
}

void PgSession::HandleParse(PgMessageReader& message) {
  std::string name = message.ReadCString();
  std::string sql = message.ReadCString();
  int16_t count = message.ReadInt16();
  if (count < 0) throw Exception("08P01", "invalid parameter count in Parse message");
  std::vector<int32_t> oids(count);
  for (auto& oid : oids) oid = message.ReadInt32();
  if (!name.empty() && statements_.count(name)) {
    throw Exception("42P05", "prepared statement \"" + name + "\" already exists");
  }
  auto statement = std::make_shared<PgStatement>();
  statement->sql = sql;
  if (IsBlankQuery(sql)) {
    statement->empty = true;
  } else {
    Status s = connection_->Prepare(sql, &statement->prepared);
    if (!s.ok()) throw Exception(s.sqlstate(), s.message(), s.position(), s.detail(), s.hint());
    const auto& inferred = statement->prepared->ParameterTypes();
    size_t n = std::max(inferred.size(), oids.size());
    for (size_t i = 0; i < n; i++) {
      LogicalType declared = i < oids.size() ? LogicalTypeFromWireOid(oids[i]) : LogicalType();
      if (declared.id != TypeId::kNull) {
        statement->param_types.push_back(declared);
      } else {
        statement->param_types.push_back(i < inferred.size() ? inferred[i] : LogicalType());
      }
    }
  }
  statements_[name] = std::move(statement);
  out_ += std::string("1\0\0\0\4", 5);  // ParseComplete
}

void PgSession::HandleBind(PgMessageReader& message) {
  std::string portal_name = message.ReadCString();
  std::string statement_name = message.ReadCString();
  int16_t format_count = message.ReadInt16();
  if (format_count < 0) throw Exception("08P01", "invalid format count in Bind message");
  std::vector<int16_t> formats(format_count);
  for (auto& f : formats) f = message.ReadInt16();
  int16_t param_count = message.ReadInt16();
  if (param_count < 0) throw Exception("08P01", "invalid parameter count in Bind message");
  std::vector<std::pair<bool, std::string>> raw(param_count);  // (is null, bytes)
  for (auto& [is_null, bytes] : raw) {
    int32_t len = message.ReadInt32();
    is_null = len == -1;
    if (!is_null) bytes = std::string(message.ReadBytes(len));
  }
  int16_t result_format_count = message.ReadInt16();
  if (result_format_count < 0) throw Exception("08P01", "invalid format count in Bind message");
  auto portal = std::make_unique<PgPortal>();
  portal->result_formats.resize(result_format_count);
  for (auto& f : portal->result_formats) {
    f = message.ReadInt16();
    if (f != 0 && f != 1) throw Exception("22023", "unsupported format code: " + std::to_string(f));
  }
  if (format_count > 1 && format_count != param_count) {
    throw Exception("08P01", "bind message has " + std::to_string(format_count) +
                                 " parameter formats but " + std::to_string(param_count) +
                                 " parameters");
  }
  auto it = statements_.find(statement_name);
  if (it == statements_.end()) {
    throw Exception("26000", "prepared statement \"" + statement_name + "\" does not exist");
  }
  if (!portal_name.empty() && portals_.count(portal_name)) {
    throw Exception("42P03", "cursor \"" + portal_name + "\" already exists");
  }
  PgStatement& statement = *it->second;
  if (!statement.empty && static_cast<size_t>(param_count) != statement.param_types.size()) {
    throw Exception("08P01", "bind message supplies " + std::to_string(param_count) +
                                 " parameters, but prepared statement \"" + statement_name +
                                 "\" requires " + std::to_string(statement.param_types.size()));
  }
  for (int i = 0; i < param_count; i++) {
    int16_t format = format_count == 0 ? 0 : format_count == 1 ? formats[0] : formats[i];
    LogicalType type = i < static_cast<int>(statement.param_types.size())
                           ? statement.param_types[i]
                           : LogicalType(TypeId::kText);
    auto& [is_null, bytes] = raw[i];
    if (is_null) {
      portal->params.push_back(Value::Null(type.id == TypeId::kNull ? TypeId::kNull : type));
    } else if (type.id == TypeId::kNull) {
      portal->params.push_back(Value::Text(bytes));
    } else if (format == 1) {
      portal->params.push_back(WireDecodeBinary(bytes, type));
    } else if (format == 0) {
      portal->params.push_back(ParseValue(bytes, type));
    } else {
      throw Exception("22023", "unsupported format code: " + std::to_string(format));
    }
  }
  portal->statement = it->second;
  portals_[portal_name] = std::move(portal);
  out_ += std::string("2\0\0\0\4", 5);  // BindComplete
}

bool PgSession::SyncFollows(bool from_describe) const {
  int executes_allowed = from_describe ? 1 : 0;  // the Execute that follows the Describe
  size_t pos = in_pos_;
  while (pos + 5 <= in_.size()) {
    char type = in_[pos];
    auto b = reinterpret_cast<const unsigned char*>(in_.data() + pos + 1);
    uint64_t len = (uint64_t{b[0]} << 24) | (uint64_t{b[1]} << 16) | (uint64_t{b[2]} << 8) | b[3];
    if (type == 'S') return true;
    if (type == 'E' && executes_allowed-- > 0) {
      // fine: the Execute of the described portal
    } else if (type != 'D' && type != 'C' && type != 'H') {
      return false;  // Parse / Bind / another Execute / Query ...: more statements may run
    }
    if (len < 4) return false;
    pos += 1 + len;
  }
  return false;  // the Sync has not arrived yet
}

void PgSession::ExecutePortal(PgPortal& portal, bool from_describe) {
  portal.executed = true;
  std::string word = LeadingWord(portal.statement->sql);
  TransactionState state = connection_->context().transaction_state();
  if (extended_implicit_ && (word == "begin" || word == "start")) {
    // BEGIN inside the implicit transaction makes it explicit (as in a multi-statement Query).
    extended_implicit_ = false;
    portal.result = Result();
    portal.result.SetCommandTag("BEGIN");
    portal.chunk = portal.row = 0;
    return;
  }
  if (extended_implicit_ && IsTransactionControl(word)) {
    extended_implicit_ = false;  // COMMIT / ROLLBACK end it; the statement runs as it is
  } else if (!extended_implicit_ && state == TransactionState::kIdle &&
             !IsTransactionControl(word) && !SyncFollows(from_describe)) {
    extended_implicit_ = connection_->Query("BEGIN").ok();
  }
  Result result;
  if (!MaybeHandleCopy(portal.statement->sql, &result)) {
    result = RunPrepared(*portal.statement->prepared, portal.params);
  }
  portal.result = std::move(result);
  portal.chunk = 0;
  portal.row = 0;
}

void PgSession::HandleDescribe(PgMessageReader& message) {
  char kind = static_cast<char>(message.ReadByte());
  std::string name = message.ReadCString();
  if (kind == 'S') {
    auto it = statements_.find(name);
    if (it == statements_.end()) {
      throw Exception("26000", "prepared statement \"" + name + "\" does not exist");
    }
    PgStatement& statement = *it->second;
    PgMessageWriter w;
    w.Begin('t');
    w.AddInt16(static_cast<int16_t>(statement.param_types.size()));
    for (auto& t : statement.param_types) w.AddInt32(WireTypeOid(t));
    w.End();
    out_ += w.buffer();
    if (statement.empty || statement.prepared->ColumnNames().empty()) {
      out_ += std::string("n\0\0\0\4", 5);  // NoData
    } else {
      DescribeRows(statement.prepared->ColumnNames(), statement.prepared->ColumnTypes(), {});
    }
    return;
  }
  if (kind != 'P')
    throw Exception("08P01", "invalid DESCRIBE message subtype " + std::to_string(kind));
  auto it = portals_.find(name);
  if (it == portals_.end()) throw Exception("34000", "portal \"" + name + "\" does not exist");
  PgPortal& portal = *it->second;
  if (portal.statement->empty || portal.statement->prepared->ColumnNames().empty()) {
    out_ += std::string("n\0\0\0\4", 5);
    return;
  }
  if (!portal.executed) ExecutePortal(portal, true);
  if (!portal.result.ok()) {
    // Report the statement's error now; Execute would only repeat it.
    Status s = portal.result.status();
    portals_.erase(it);
    throw Exception(s.sqlstate(), s.message(), s.position(), s.detail(), s.hint());
  }
  if (portal.result.HasRows()) {
    SendRowDescription(portal.result, portal.result_formats);
  } else {
    out_ += std::string("n\0\0\0\4", 5);
  }
}

void PgSession::HandleExecute(PgMessageReader& message) {
  std::string name = message.ReadCString();
  int32_t max_rows = message.ReadInt32();
  auto it = portals_.find(name);
  if (it == portals_.end()) throw Exception("34000", "portal \"" + name + "\" does not exist");
  PgPortal& portal = *it->second;
  if (portal.statement->empty) {
    out_ += std::string("I\0\0\0\4", 5);  // EmptyQueryResponse
    return;
  }
  if (!portal.executed) ExecutePortal(portal, false);
  if (!portal.result.ok()) {
    Status s = portal.result.status();
    portals_.erase(it);
    throw Exception(s.sqlstate(), s.message(), s.position(), s.detail(), s.hint());
  }
  if (portal.result.CommandTag() == "COPY_DONE") return;
  if (portal.result.HasRows() && !SendDataRows(portal, max_rows > 0 ? max_rows : 0)) {
    out_ += std::string("s\0\0\0\4", 5);  // PortalSuspended
    return;
  }
  SendCommandComplete(portal.result);
  const std::string& tag = portal.result.CommandTag();
  if (tag == "SET" || tag == "RESET") ReportChangedParameters();
}

void PgSession::HandleClose(PgMessageReader& message) {
  char kind = static_cast<char>(message.ReadByte());
  std::string name = message.ReadCString();
  if (kind == 'S') {
    statements_.erase(name);
  } else if (kind == 'P') {
    portals_.erase(name);
  } else {
    throw Exception("08P01", "invalid CLOSE message subtype " + std::to_string(kind));
  }
  out_ += std::string("3\0\0\0\4", 5);  // CloseComplete
}

}  // namespace kadedb
