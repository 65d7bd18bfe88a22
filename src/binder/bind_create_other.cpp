// CREATE SCHEMA, CREATE VIEW (the query is bound to derive column names and types; the original
// text is stored), CREATE INDEX (plain columns only) and DROP.
#include <algorithm>

#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

PlannedStatement Ddl(LogicalOperatorPtr plan, std::string tag) {
  PlannedStatement out;
  out.plan = std::move(plan);
  out.command_tag = std::move(tag);
  out.read_only = false;
  return out;
}

}  // namespace

PlannedStatement Binder::BindCreateOther(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateSchema: {
      auto& stmt = statement.Cast<CreateSchemaStatement>();
      auto op = std::make_unique<LogicalCreateSchema>();
      op->name = stmt.name;
      op->if_not_exists = stmt.if_not_exists;
      return Ddl(std::move(op), "CREATE SCHEMA");
    }
    case StatementKind::kCreateView: {
      auto& stmt = statement.Cast<CreateViewStatement>();
      auto op = std::make_unique<LogicalCreateView>();
      op->or_replace = stmt.or_replace;
      ViewEntry& entry = op->entry;
      entry.name = stmt.name.back();
      ResolveCreationSchema(stmt.name, stmt.location, &entry.schema_name, &entry.schema_oid);
      Binder sub(shared_, nullptr, BinderKind::kIsolated);
      BoundQuery q = sub.BindQuery(*stmt.query);
      if (stmt.column_names.size() > q.names.size()) {
        throw Exception(sqlstate::kSyntaxError,
                        "CREATE VIEW specifies more column names than columns");
      }
      entry.column_names = q.names;
      for (size_t i = 0; i < stmt.column_names.size(); i++) {
        entry.column_names[i] = stmt.column_names[i];
      }
      for (size_t i = 0; i < entry.column_names.size(); i++) {
        for (size_t j = 0; j < i; j++) {
          if (entry.column_names[i] == entry.column_names[j]) {
            throw Exception(sqlstate::kDuplicateColumn,
                            "column \"" + entry.column_names[i] + "\" specified more than once");
          }
        }
      }
      entry.column_types = q.types;
      entry.sql = stmt.query_text.empty() ? stmt.query->ToString() : stmt.query_text;
      entry.depends_on = shared_.referenced_oids;
      std::sort(entry.depends_on.begin(), entry.depends_on.end());
      entry.depends_on.erase(std::unique(entry.depends_on.begin(), entry.depends_on.end()),
                             entry.depends_on.end());
      return Ddl(std::move(op), "CREATE VIEW");
    }
    case StatementKind::kCreateIndex: {
      auto& stmt = statement.Cast<CreateIndexStatement>();
      auto op = std::make_unique<LogicalCreateIndex>();
      op->table = LookupTable(stmt.table, stmt.location);
      op->name = stmt.index_name;
      op->unique = stmt.unique;
      op->if_not_exists = stmt.if_not_exists;
      if (stmt.where) {
        throw Exception(sqlstate::kFeatureNotSupported, "partial indexes are not supported yet",
                        stmt.where->location);
      }
      if (!stmt.method.empty() && stmt.method != "btree") {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "access method \"" + stmt.method + "\" is not supported");
      }
      for (auto& element : stmt.elements) {
        if (element.expression) {
          throw Exception(sqlstate::kFeatureNotSupported,
                          "expression indexes are not supported yet", element.location);
        }
        auto c = op->table->FindColumn(element.column);
        if (!c) {
          throw Exception(sqlstate::kUndefinedColumn,
                          "column \"" + element.column + "\" does not exist", element.location);
        }
        op->columns.push_back(*c);
      }
      return Ddl(std::move(op), "CREATE INDEX");
    }
    case StatementKind::kDrop: {
      auto& stmt = statement.Cast<DropStatement>();
      // DROP of several objects: one LogicalDrop each, the later ones as children of the first
      // (ExecuteSchemaChange drops them all in the statement's transaction: all or nothing).
      // A name listed twice is dropped once, as in PostgreSQL.
      std::unique_ptr<LogicalDrop> op;
      std::vector<std::vector<std::string>> seen;
      for (const auto& name : stmt.names) {
        bool duplicate = false;
        for (auto& s : seen) duplicate |= s == name;
        if (duplicate) continue;
        seen.push_back(name);
        auto drop = std::make_unique<LogicalDrop>();
        drop->name = name.back();
        drop->schema = RelationSchemaOf(name);
        drop->if_exists = stmt.if_exists;
        drop->cascade = stmt.cascade;
        if (!op) {
          op = std::move(drop);
        } else {
          op->children.push_back(std::move(drop));
        }
      }
      std::string tag;
      std::vector<LogicalDrop*> drops = {op.get()};
      for (auto& c : op->children) drops.push_back(static_cast<LogicalDrop*>(c.get()));
      for (LogicalDrop* d : drops) {
        switch (stmt.object_kind) {
          case ObjectKind::kTable:
            d->drop_kind = DropKind::kTable;
            break;
          case ObjectKind::kView:
            d->drop_kind = DropKind::kView;
            break;
          case ObjectKind::kIndex:
            d->drop_kind = DropKind::kIndex;
            break;
          case ObjectKind::kSchema:
            d->drop_kind = DropKind::kSchema;
            break;
        }
      }
      switch (stmt.object_kind) {
        case ObjectKind::kTable:
          tag = "DROP TABLE";
          break;
        case ObjectKind::kView:
          tag = "DROP VIEW";
          break;
        case ObjectKind::kIndex:
          tag = "DROP INDEX";
          break;
        case ObjectKind::kSchema:
          tag = "DROP SCHEMA";
          break;
      }
      return Ddl(std::move(op), tag);
    }
    default:
      ThrowInternal("BindCreateOther: unexpected statement");
  }
}

}  // namespace kadedb
