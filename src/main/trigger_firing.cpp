// Row-level triggers and REINDEX for ClientContext: CREATE / DROP TRIGGER, REINDEX, and firing.
//
// Where triggers fire: here, in src/main, not in the executor. ClientContext can run statements
// recursively inside the current transaction and the statement's savepoint, so a failing trigger
// body fails the whole statement and leaves nothing behind; the executor stays unchanged.
//
// How: for an INSERT / UPDATE / DELETE on a table with triggers for that event, the affected
// rows are computed first:
//   DELETE: SELECT * FROM t WHERE <where>                          -> OLD rows
//   UPDATE: SELECT *, CAST((<set expr>) AS <type>), ... FROM t WHERE -> OLD rows and NEW rows
//   INSERT: the INSERT itself with an implicit RETURNING *          -> NEW rows; with BEFORE
//           triggers it first runs once inside a savepoint that is rolled back (a dry run),
//           then the BEFORE triggers fire, then the INSERT runs for real.
// Then BEFORE triggers fire for every row, the statement runs, AFTER triggers fire for every
// row. SQLite interleaves per row (BEFORE r1, write r1, AFTER r1, BEFORE r2, ...); the order
// differs only when a trigger body reads the trigger's own table. NEW cannot be modified.
// NEW.x / OLD.x in WHEN and in the body are rewritten into $n parameters at the token level.
// INSTEAD OF triggers (views only): the rows are computed the same way (INSERT: the VALUES /
// query rows, by the column list; UPDATE / DELETE: a SELECT on the view), the triggers fire for
// each and nothing is written; the command tag counts those rows.
// UPDATE ... FROM and DELETE ... USING on a relation with triggers are refused (0A000).
// Nesting is limited to 32 levels (54001).
#include <memory>
#include <optional>

#include "catalog/catalog.hpp"
#include "catalog/search_path.hpp"
#include "common/exception.hpp"
#include "main/client_context.hpp"
#include "parser/lexer.hpp"
#include "parser/parser.hpp"

namespace kadedb {

namespace {

constexpr int kMaxTriggerDepth = 32;

struct RowRef {
  bool is_new = false;
  column_t column = 0;
};

// Rewrites NEW.col / OLD.col in text into $1, $2, ...; refs gets what each parameter holds.
std::string BindRowRefs(const std::string& text, const std::vector<std::string>& columns,
                        TriggerEvent event, std::vector<RowRef>* refs) {
  std::vector<Token> tokens = Tokenize(text);
  std::string out;
  size_t last = 0;
  for (size_t i = 0; i + 2 < tokens.size(); i++) {
    const Token& a = tokens[i];
    if (a.kind != TokenKind::kIdentifier || (a.text != "new" && a.text != "old")) continue;
    if (!tokens[i + 1].IsPunct(".")) continue;
    if (i > 0 && tokens[i - 1].IsPunct(".")) continue;
    const Token& c = tokens[i + 2];
    if (c.kind != TokenKind::kIdentifier && c.kind != TokenKind::kQuotedIdentifier) continue;
    bool is_new = a.text == "new";
    if ((is_new && event == TriggerEvent::kDelete) || (!is_new && event == TriggerEvent::kInsert)) {
      throw Exception(sqlstate::kUndefinedTable,
                      "missing FROM-clause entry for table \"" + a.text + "\"");
    }
    std::optional<column_t> col;
    for (column_t k = 0; k < columns.size(); k++) {
      if (columns[k] == c.text) col = k;
    }
    if (!col) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column " + a.text + "." + c.text + " does not exist");
    }
    refs->push_back({is_new, *col});
    out += text.substr(last, a.byte_begin - last);
    out += "$" + std::to_string(refs->size());
    last = c.byte_end;
    i += 2;
  }
  out += text.substr(last);
  return out;
}

bool Truthy(const Value& v) {
  if (v.IsNull()) return false;
  switch (v.type().id) {
    case TypeId::kBoolean:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      return v.GetInt() != 0;
    default:
      return true;
  }
}

std::vector<std::vector<Value>> Rows(const Result& r, size_t first_col) {
  std::vector<std::vector<Value>> rows;
  for (uint64_t i = 0; i < r.RowCount(); i++) {
    std::vector<Value> row = r.Row(i);
    rows.emplace_back(row.begin() + static_cast<std::ptrdiff_t>(first_col), row.end());
  }
  return rows;
}

// The relation a DML statement writes: a table's or a view's columns.
struct Target {
  uint64_t oid = 0;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<std::string> defaults;  // DEFAULT source text; empty when none
  std::optional<column_t> Find(const std::string& name) const {
    for (column_t k = 0; k < names.size(); k++) {
      if (names[k] == name) return k;
    }
    return std::nullopt;
  }
};

std::string SchemaOf(const std::vector<std::string>& name) {
  return name.size() > 1 ? name[name.size() - 2] : std::string();
}

}  // namespace

void ClientContext::FireTrigger(const TriggerEntry& trigger,
                                const std::vector<std::string>& columns,
                                const std::vector<Value>& old_row,
                                const std::vector<Value>& new_row) {
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& depth) : d(depth) { d++; }
    ~DepthGuard() { d--; }
  } guard(trigger_depth_);
  if (trigger_depth_ > kMaxTriggerDepth) {
    throw Exception("54001", "stack depth limit exceeded", 0, {},
                    "Triggers are nested more than " + std::to_string(kMaxTriggerDepth) +
                        " levels deep; check for a trigger that fires itself.");
  }
  auto run = [&](const std::string& text, Result& out) {
    std::vector<RowRef> refs;
    std::string sql = BindRowRefs(text, columns, trigger.event, &refs);
    std::vector<Value> params;
    for (auto& r : refs) params.push_back(r.is_new ? new_row[r.column] : old_row[r.column]);
    auto statements = Parser::ParseStatements(sql);
    for (auto& st : statements) {
      ExecuteInTransaction(*st, params.empty() ? nullptr : &params, out);
    }
  };
  if (!trigger.when_sql.empty()) {
    Result r;
    run("SELECT (" + trigger.when_sql + ")", r);
    if (r.RowCount() == 0 || !Truthy(r.GetValue(0, 0))) return;
  }
  for (auto& body : trigger.body) {
    Result ignored;
    run(body, ignored);
  }
}

void ClientContext::ExecuteInTransaction(const Statement& statement,
                                         const std::vector<Value>* params, Result& result) {
  switch (statement.kind) {
    case StatementKind::kCreateTrigger:
    case StatementKind::kDropTrigger:
    case StatementKind::kReindex:
      RunTriggerDdl(statement, result);
      return;
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
      if (ExecuteWithTriggers(statement, params, result)) return;
      break;
    case StatementKind::kCreateRole:
    case StatementKind::kAlterRole:
    case StatementKind::kDropRole:
    case StatementKind::kGrant:
      RunRoleStatement(statement, result);
      return;
    case StatementKind::kCreateSequence:
    case StatementKind::kAlterSequence:
    case StatementKind::kDropSequence:
    case StatementKind::kGrantSequence:
      RunSequenceStatement(statement, result);
      return;
    case StatementKind::kAlterTable:
      if (IsAlterAddKey(statement)) {
        ExecuteAlterAddKey(statement, result);
        return;
      }
      break;
    default:
      break;
  }
  uint64_t catalog_version = db_.catalog().version();
  ExecutePlain(statement, params, result);
  if (db_.catalog().version() != catalog_version) RecordOwner(statement);
}

bool ClientContext::ExecuteWithTriggers(const Statement& statement,
                                        const std::vector<Value>* params, Result& result) {
  Catalog& catalog = db_.catalog();
  std::vector<std::string> name;
  TriggerEvent event;
  if (statement.kind == StatementKind::kInsert) {
    name = statement.Cast<InsertStatement>().table;
    event = TriggerEvent::kInsert;
  } else if (statement.kind == StatementKind::kUpdate) {
    name = statement.Cast<UpdateStatement>().table->name;
    event = TriggerEvent::kUpdate;
  } else {
    name = statement.Cast<DeleteStatement>().table->name;
    event = TriggerEvent::kDelete;
  }
  // The written relation: a table (BEFORE / AFTER triggers) or a view (INSTEAD OF triggers).
  Target target;
  bool is_view = false;
  // The relation search_path resolves the name to (the binder resolves it the same way).
  std::string schema = RelationSchema(catalog, settings_.SearchPath(), current_user_, name);
  if (TableEntry* table = catalog.GetTable(schema, name.back())) {
    target.oid = table->oid;
    for (auto& c : table->columns) {
      target.names.push_back(c.name);
      target.types.push_back(c.type);
      target.defaults.push_back(c.default_sql);
    }
  } else if (ViewEntry* view = catalog.GetView(schema, name.back())) {
    is_view = true;
    target.oid = view->oid;
    target.names = view->column_names;
    target.types = view->column_types;
    target.defaults.resize(target.names.size());
  } else {
    return false;  // missing: the plain path reports it
  }
  std::vector<const TriggerEntry*> before, after;
  for (TriggerEntry* t : catalog.Triggers(target.oid)) {
    if (t->event != event) continue;
    if (event == TriggerEvent::kUpdate && !t->update_columns.empty()) {
      bool hit = false;
      for (auto& item : statement.Cast<UpdateStatement>().set_items) {
        for (auto& c : item.columns) {
          for (auto& u : t->update_columns) hit = hit || c == u;
        }
      }
      if (!hit) continue;
    }
    (t->timing == TriggerTiming::kAfter ? after : before).push_back(t);
  }
  if (before.empty() && after.empty()) return false;
  StorageTransaction& txn = EnsureTransaction();
  std::vector<std::vector<Value>> old_rows, new_rows;
  auto select_rows = [&](const std::string& sql) {
    auto statements = Parser::ParseStatements(sql);
    Result r;
    ExecutePlain(*statements[0], params, r);
    return r;
  };

  // Views: INSTEAD OF triggers (kept in `before`) fire for each row and nothing is written.
  if (is_view && before.empty()) return false;
  if (is_view && event == TriggerEvent::kInsert) {
    auto reparsed = Parser::ParseStatements(statement.text);
    auto& ins = reparsed[0]->Cast<InsertStatement>();
    if (ins.with || ins.on_conflict || !ins.returning.empty()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "WITH, ON CONFLICT and RETURNING are not supported on INSTEAD OF triggers");
    }
    std::vector<column_t> slots;
    if (ins.columns.empty()) {
      for (column_t k = 0; k < target.names.size(); k++) slots.push_back(k);
    } else {
      for (auto& c : ins.columns) {
        auto k = target.Find(c);
        if (!k) {
          throw Exception(sqlstate::kUndefinedColumn, "column \"" + c + "\" of relation \"" +
                                                          name.back() + "\" does not exist");
        }
        slots.push_back(*k);
      }
    }
    std::vector<std::vector<Value>> rows;
    if (ins.query == nullptr) {
      rows.emplace_back();
    } else {
      SelectStatement select;
      select.node = std::move(ins.query);
      Result r;
      ExecutePlain(select, params, r);
      rows = Rows(r, 0);
    }
    for (auto& row : rows) {
      if (row.size() > slots.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
      }
      std::vector<Value> new_row;
      for (auto& type : target.types) new_row.push_back(Value::Null(type));
      for (size_t k = 0; k < row.size(); k++) new_row[slots[k]] = row[k];
      for (auto* t : before) FireTrigger(*t, target.names, {}, new_row);
    }
    result.SetRowsAffected(rows.size());
    result.SetCommandTag("INSERT 0 " + std::to_string(rows.size()));
    return true;
  }
  if (event == TriggerEvent::kInsert) {
    auto reparsed = Parser::ParseStatements(statement.text);
    auto& ins = reparsed[0]->Cast<InsertStatement>();
    ins.returning.push_back(std::make_unique<StarExpression>());
    size_t width = target.names.size();
    if (!before.empty()) {
      Result dry;
      txn.SetSavePoint();
      try {
        ExecutePlain(ins, params, dry);
      } catch (...) {
        txn.RollbackToSavePoint();
        throw;
      }
      txn.RollbackToSavePoint();
      for (auto& row : Rows(dry, dry.ColumnCount() - width)) {
        for (auto* t : before) FireTrigger(*t, target.names, {}, row);
      }
    }
    Result real;
    ExecutePlain(ins, params, real);
    size_t user_cols = real.ColumnCount() - width;
    for (auto& row : Rows(real, user_cols)) {
      for (auto* t : after) FireTrigger(*t, target.names, {}, row);
    }
    Result out;
    if (user_cols > 0) {
      std::vector<std::string> names(real.names().begin(), real.names().begin() + user_cols);
      std::vector<LogicalType> types(real.types().begin(), real.types().begin() + user_cols);
      DataChunk chunk;
      for (uint64_t i = 0; i < real.RowCount(); i++) {
        if (chunk.ColumnCount() == 0 || chunk.size() >= kStandardVectorSize) {
          if (chunk.ColumnCount() != 0) out.AddChunk(std::move(chunk));
          chunk = DataChunk();
          chunk.Initialize(types);
          chunk.SetSize(0);
        }
        std::vector<Value> row = real.Row(i);
        row.resize(user_cols);
        chunk.AppendRow(row);
      }
      if (chunk.ColumnCount() != 0) out.AddChunk(std::move(chunk));
      out.SetColumns(std::move(names), std::move(types));
      out.SetHasRows(true);
    }
    out.SetRowsAffected(real.RowCount());
    out.SetCommandTag("INSERT 0 " + std::to_string(real.RowCount()));
    result = std::move(out);
    return true;
  }

  if (event == TriggerEvent::kDelete) {
    auto& del = statement.Cast<DeleteStatement>();
    if (del.using_clause || del.with || (is_view && !del.returning.empty())) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "DELETE ... USING or WITH (or RETURNING on a view) on a relation with "
                      "triggers is not supported");
    }
    std::string sql = "SELECT * FROM " + del.table->ToString();
    if (del.where) sql += " WHERE " + del.where->ToString();
    old_rows = Rows(select_rows(sql), 0);
    new_rows.resize(old_rows.size());
  } else {
    auto& upd = statement.Cast<UpdateStatement>();
    if (upd.from || upd.with || (is_view && !upd.returning.empty())) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "UPDATE ... FROM or WITH (or RETURNING on a view) on a relation with "
                      "triggers is not supported");
    }
    std::string sql = "SELECT *";
    std::vector<column_t> targets;
    for (auto& item : upd.set_items) {
      if (item.columns.size() != 1) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "multiple-column SET on a table with triggers is not supported");
      }
      auto col = target.Find(item.columns[0]);
      if (!col) break;  // the plain path reports the error
      targets.push_back(*col);
      std::string value;
      if (item.value->kind == ExpressionKind::kDefault) {
        value = target.defaults[*col].empty() ? "NULL" : target.defaults[*col];
      } else {
        value = item.value->ToString();
      }
      sql += ", CAST((" + value + ") AS " + target.types[*col].ToString() + ")";
    }
    if (targets.size() != upd.set_items.size()) return false;
    sql += " FROM " + upd.table->ToString();
    if (upd.where) sql += " WHERE " + upd.where->ToString();
    size_t width = target.names.size();
    for (auto& row : Rows(select_rows(sql), 0)) {
      std::vector<Value> old_row(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(width));
      std::vector<Value> new_row = old_row;
      for (size_t i = 0; i < targets.size(); i++) new_row[targets[i]] = row[width + i];
      old_rows.push_back(std::move(old_row));
      new_rows.push_back(std::move(new_row));
    }
  }
  for (size_t i = 0; i < old_rows.size(); i++) {
    for (auto* t : before) FireTrigger(*t, target.names, old_rows[i], new_rows[i]);
  }
  if (is_view) {
    result.SetRowsAffected(old_rows.size());
    result.SetCommandTag(std::string(event == TriggerEvent::kUpdate ? "UPDATE " : "DELETE ") +
                         std::to_string(old_rows.size()));
    return true;
  }
  ExecutePlain(statement, params, result);
  for (size_t i = 0; i < old_rows.size(); i++) {
    for (auto* t : after) FireTrigger(*t, target.names, old_rows[i], new_rows[i]);
  }
  return true;
}

void ClientContext::RunTriggerDdl(const Statement& statement, Result& result) {
  Catalog& catalog = db_.catalog();
  StorageTransaction& txn = EnsureTransaction();
  if (db_.options().read_only) {
    throw Exception(sqlstate::kReadOnly, "cannot execute this statement in a read-only database");
  }
  if (statement.kind == StatementKind::kCreateTrigger) {
    auto& s = statement.Cast<CreateTriggerStatement>();
    const std::string& rel = s.table.back();
    TriggerEntry e;
    std::vector<std::string> names;
    std::string schema = RelationSchema(catalog, settings_.SearchPath(), current_user_, s.table);
    if (TableEntry* table = catalog.GetTable(schema, rel)) {
      if (s.timing == TriggerTimingKind::kInsteadOf) {
        throw Exception("42809", "\"" + rel + "\" is a table", 0,
                        "Tables cannot have INSTEAD OF triggers.");
      }
      e.schema_oid = table->schema_oid;
      e.table_oid = table->oid;
      for (auto& c : table->columns) names.push_back(c.name);
    } else if (ViewEntry* view = catalog.GetView(schema, rel)) {
      if (s.timing != TriggerTimingKind::kInsteadOf) {
        throw Exception("42809", "\"" + rel + "\" is a view", 0,
                        "Views cannot have row-level BEFORE or AFTER triggers.");
      }
      e.schema_oid = view->schema_oid;
      e.table_oid = view->oid;
      names = view->column_names;
    } else {
      throw Exception(sqlstate::kUndefinedTable, "relation \"" + rel + "\" does not exist");
    }
    e.name = s.name.back();
    e.timing = static_cast<TriggerTiming>(s.timing);
    e.event = static_cast<TriggerEvent>(s.event);
    e.update_columns = s.update_columns;
    e.when_sql = s.when_text;
    e.body = s.body;
    for (auto& c : e.update_columns) {
      bool found = false;
      for (auto& n : names) found = found || n == c;
      if (!found) {
        throw Exception(sqlstate::kUndefinedColumn,
                        "column \"" + c + "\" of relation \"" + rel + "\" does not exist");
      }
    }
    // NEW / OLD references must name columns of the relation (checked now, as PostgreSQL does).
    std::vector<RowRef> refs;
    if (!e.when_sql.empty()) BindRowRefs(e.when_sql, names, e.event, &refs);
    for (auto& b : e.body) BindRowRefs(b, names, e.event, &refs);
    catalog.CreateTrigger(txn, std::move(e), s.if_not_exists);
    result.SetCommandTag("CREATE TRIGGER");
    return;
  }
  if (statement.kind == StatementKind::kDropTrigger) {
    auto& s = statement.Cast<DropTriggerStatement>();
    std::string schema = SchemaOf(s.name);
    if (schema.empty() && !s.table.empty()) {
      schema = RelationSchema(catalog, settings_.SearchPath(), current_user_, s.table);
    }
    catalog.DropTrigger(txn, schema, s.name.back(), s.if_exists);
    result.SetCommandTag("DROP TRIGGER");
    return;
  }
  auto& s = statement.Cast<ReindexStatement>();
  std::string schema = RelationSchema(catalog, settings_.SearchPath(), current_user_, s.name);
  const std::string& rel = s.name.back();
  IndexEntry* index = nullptr;
  TableEntry* table = nullptr;
  if (s.target != ReindexTarget::kTable) index = catalog.GetIndex(schema, rel);
  if (s.target != ReindexTarget::kIndex && index == nullptr) table = catalog.GetTable(schema, rel);
  if (index != nullptr) {
    catalog.Reindex(txn, *index);
  } else if (table != nullptr) {
    for (IndexEntry* x : catalog.Indexes(table->oid)) catalog.Reindex(txn, *x);
  } else {
    throw Exception(sqlstate::kUndefinedTable,
                    std::string(s.target == ReindexTarget::kIndex ? "index" : "relation") + " \"" +
                        rel + "\" does not exist");
  }
  result.SetCommandTag("REINDEX");
}

}  // namespace kadedb
