// INSERT (VALUES / query / DEFAULT VALUES, ON CONFLICT, RETURNING), UPDATE and DELETE.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

std::unique_ptr<BaseTableRef> SqlParser::ParseDmlTarget(bool allow_as_only_alias) {
  auto ref = std::make_unique<BaseTableRef>(LocHere());
  AcceptKeyword("only");
  ref->name = ParseQualifiedName();
  if (AcceptKeyword("as")) {
    ref->alias = ParseColId();
  } else if (!allow_as_only_alias && PeekColId() && !Peek().IsKeyword("set")) {
    ref->alias = Next().text;
  }
  return ref;
}

ParsedExpressionList SqlParser::ParseReturning() {
  ParsedExpressionList list;
  if (!AcceptKeyword("returning")) return list;
  do {
    list.push_back(ParseSelectItem());
  } while (AcceptPunct(","));
  return list;
}

std::vector<SetItem> SqlParser::ParseSetItems() {
  std::vector<SetItem> items;
  do {
    int loc = LocHere();
    if (Peek().IsPunct("(")) {
      std::vector<std::string> cols = ParseNameList();
      if (!AcceptOp("=")) SyntaxErrorHere();
      int value_loc = LocHere();
      ParsedExpressionPtr value = ParseExpr();
      if (value->kind == ExpressionKind::kRow) {
        auto& row = value->Cast<RowExpression>();
        if (row.children.size() != cols.size()) {
          throw Exception(sqlstate::kSyntaxError,
                          row.children.size() < cols.size()
                              ? "number of columns does not match number of values"
                              : "number of columns does not match number of values",
                          value_loc + base_char_);
        }
        for (size_t i = 0; i < cols.size(); i++) {
          SetItem item;
          item.location = loc;
          item.columns = {cols[i]};
          item.value = std::move(row.children[i]);
          items.push_back(std::move(item));
        }
      } else if (value->kind == ExpressionKind::kSubquery && cols.size() > 1) {
        SetItem item;
        item.location = loc;
        item.columns = std::move(cols);
        item.value = std::move(value);
        items.push_back(std::move(item));
      } else if (cols.size() == 1) {
        SetItem item;
        item.location = loc;
        item.columns = std::move(cols);
        item.value = std::move(value);
        items.push_back(std::move(item));
      } else {
        throw Exception(sqlstate::kSyntaxError,
                        "source for a multiple-column UPDATE item must be a sub-SELECT or "
                        "ROW() expression",
                        value_loc + base_char_);
      }
      continue;
    }
    SetItem item;
    item.location = loc;
    item.columns.push_back(ParseColId());
    if (Peek().IsPunct(".") || Peek().IsPunct("[")) {
      NotSupported("assignment to a field or array element", Peek());
    }
    if (!AcceptOp("=")) SyntaxErrorHere();
    item.value = ParseExpr();
    items.push_back(std::move(item));
  } while (AcceptPunct(","));
  return items;
}

StatementPtr SqlParser::ParseInsert(std::unique_ptr<WithClause> with) {
  auto s = std::make_unique<InsertStatement>();
  s->with = std::move(with);
  // REPLACE INTO t ... and INSERT OR REPLACE INTO t ... (SQLite/MySQL spelling of an upsert).
  bool replace = false;
  if (AcceptKeyword("replace")) {
    replace = true;
  } else {
    ExpectKeyword("insert");
    if (Peek().IsKeyword("or") && Peek(1).IsKeyword("replace")) {
      Next();
      Next();
      replace = true;
    }
  }
  ExpectKeyword("into");
  s->table_location = LocHere();
  s->table = ParseQualifiedName();
  if (AcceptKeyword("as")) s->alias = ParseColId();
  if (Peek().IsPunct("(") && !PeekQueryStart()) s->columns = ParseNameList();
  if (AcceptKeyword("overriding")) {
    if (AcceptKeyword("system")) {
      s->overriding = 's';
    } else {
      ExpectKeyword("user");
      s->overriding = 'u';
    }
    ExpectKeyword("value");
  }
  if (Peek().IsKeyword("default") && Peek(1).IsKeyword("values")) {
    Next();
    Next();
    s->default_values = true;
  } else {
    s->query = ParseQuery();
  }
  if (Peek().IsKeyword("on") && Peek(1).IsKeyword("conflict")) {
    auto oc = std::make_unique<OnConflictClause>();
    oc->location = LocHere();
    Next();
    Next();
    if (Peek().IsPunct("(")) {
      Next();
      do {
        oc->target_columns.push_back(ParseColId());
      } while (AcceptPunct(","));
      ExpectPunct(")");
      if (AcceptKeyword("where")) oc->target_where = ParseExpr();
    } else if (Peek().IsKeyword("on") && Peek(1).IsKeyword("constraint")) {
      Next();
      Next();
      oc->constraint_name = ParseColId();
    }
    ExpectKeyword("do");
    if (AcceptKeyword("nothing")) {
      oc->action = OnConflictAction::kNothing;
    } else {
      ExpectKeyword("update");
      ExpectKeyword("set");
      if (oc->target_columns.empty() && oc->constraint_name.empty()) {
        throw Exception(sqlstate::kSyntaxError,
                        "ON CONFLICT DO UPDATE requires inference specification or constraint "
                        "name",
                        oc->location + base_char_, {}, "For example, ON CONFLICT (column_name).");
      }
      oc->action = OnConflictAction::kUpdate;
      oc->set_items = ParseSetItems();
      if (AcceptKeyword("where")) oc->where = ParseExpr();
    }
    s->on_conflict = std::move(oc);
  }
  if (replace) {
    if (s->on_conflict) SyntaxErrorHere();  // REPLACE already says what a conflict does
    auto oc = std::make_unique<OnConflictClause>();
    oc->location = s->table_location;
    oc->action = OnConflictAction::kUpdate;
    oc->replace_all = true;
    s->on_conflict = std::move(oc);
  }
  s->returning = ParseReturning();
  return s;
}

StatementPtr SqlParser::ParseUpdate(std::unique_ptr<WithClause> with) {
  auto s = std::make_unique<UpdateStatement>();
  s->with = std::move(with);
  ExpectKeyword("update");
  s->table = ParseDmlTarget(false);
  ExpectKeyword("set");
  s->set_items = ParseSetItems();
  if (AcceptKeyword("from")) s->from = ParseFromList();
  if (AcceptKeyword("where")) {
    if (Peek().IsKeyword("current") && Peek(1).IsKeyword("of")) {
      NotSupported("WHERE CURRENT OF", Peek());
    }
    s->where = ParseExpr();
  }
  s->returning = ParseReturning();
  return s;
}

StatementPtr SqlParser::ParseDelete(std::unique_ptr<WithClause> with) {
  auto s = std::make_unique<DeleteStatement>();
  s->with = std::move(with);
  ExpectKeyword("delete");
  ExpectKeyword("from");
  s->table = ParseDmlTarget(false);
  if (AcceptKeyword("using")) s->using_clause = ParseFromList();
  if (AcceptKeyword("where")) s->where = ParseExpr();
  s->returning = ParseReturning();
  return s;
}

}  // namespace kadedb
