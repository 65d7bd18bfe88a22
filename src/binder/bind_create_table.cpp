// CREATE TABLE [AS]: column types, NOT NULL, DEFAULT (validated by binding and casting it now;
// the source text is stored), PRIMARY KEY / UNIQUE / CHECK with PostgreSQL's constraint names.
// REFERENCES / FOREIGN KEY constraints are refused with 0A000 until they are enforced: a
// constraint that is accepted but not checked would promise integrity it does not give.
#include <cctype>
#include <set>

#include "binder/bind_sequence.hpp"
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {
[[noreturn]] void ThrowForeignKeysUnsupported(int location) {
  throw Exception(sqlstate::kFeatureNotSupported, "foreign key constraints are not supported yet",
                  location);
}
}  // namespace

namespace {

void CollectColumnNames(const ParsedExpression& e, std::vector<std::string>& out);

void CollectList(const ParsedExpressionList& list, std::vector<std::string>& out) {
  for (auto& c : list) {
    if (c) CollectColumnNames(*c, out);
  }
}

// The column names an expression mentions, in order (for naming CHECK constraints).
void CollectColumnNames(const ParsedExpression& e, std::vector<std::string>& out) {
  switch (e.kind) {
    case ExpressionKind::kColumnRef:
      out.push_back(e.Cast<ColumnRefExpression>().column_name());
      return;
    case ExpressionKind::kOperator:
      return CollectList(e.Cast<OperatorExpression>().children, out);
    case ExpressionKind::kBoolean:
      return CollectList(e.Cast<BooleanExpression>().children, out);
    case ExpressionKind::kFunction:
      return CollectList(e.Cast<FunctionExpression>().args, out);
    case ExpressionKind::kNullTest:
      return CollectColumnNames(*e.Cast<NullTestExpression>().child, out);
    case ExpressionKind::kBetween:
      return CollectColumnNames(*e.Cast<BetweenExpression>().input, out);
    case ExpressionKind::kInList:
      return CollectColumnNames(*e.Cast<InListExpression>().input, out);
    case ExpressionKind::kLike:
      return CollectColumnNames(*e.Cast<LikeExpression>().input, out);
    case ExpressionKind::kCast:
      return CollectColumnNames(*e.Cast<CastExpression>().child, out);
    default:
      return;
  }
}

std::string UniqueName(std::set<std::string>& used, const std::string& base) {
  std::string name = base;
  for (int i = 1; used.count(name); i++) name = base + std::to_string(i);
  used.insert(name);
  return name;
}

}  // namespace

PlannedStatement Binder::BindCreateTable(const CreateTableStatement& stmt) {
  auto create = std::make_unique<LogicalCreateTable>();
  create->if_not_exists = stmt.if_not_exists;
  TableEntry& entry = create->entry;
  entry.name = stmt.name.back();
  ResolveCreationSchema(stmt.name, stmt.location, &entry.schema_name, &entry.schema_oid);
  PlannedStatement out;
  out.command_tag = stmt.as_query ? "SELECT" : "CREATE TABLE";
  out.read_only = false;

  if (stmt.as_query) {
    Binder sub(shared_, this, BinderKind::kDerived);
    BoundQuery q = sub.BindQuery(*stmt.as_query);
    std::vector<std::string> names = q.names;
    if (stmt.as_column_names.size() > names.size()) {
      throw Exception(sqlstate::kSyntaxError, "too many column names were specified");
    }
    for (size_t i = 0; i < stmt.as_column_names.size(); i++) names[i] = stmt.as_column_names[i];
    std::set<std::string> seen;
    for (size_t i = 0; i < names.size(); i++) {
      if (!seen.insert(names[i]).second) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + names[i] + "\" specified more than once");
      }
      CatalogColumn column;
      column.name = names[i];
      column.type = q.types[i].id == TypeId::kNull ? LogicalType(TypeId::kText) : q.types[i];
      entry.columns.push_back(column);
    }
    if (!stmt.with_no_data) create->children.push_back(std::move(q.plan));
    out.plan = std::move(create);
    return out;
  }

  std::set<std::string> used_names;
  std::vector<std::string> pk_columns;
  int pk_location = 0;
  bool has_pk = false;
  auto add_pk = [&](const std::vector<std::string>& cols, int location) {
    if (has_pk) {
      throw Exception("42P16",
                      "multiple primary keys for table \"" + entry.name + "\" are not allowed",
                      location);
    }
    has_pk = true;
    pk_columns = cols;
    pk_location = location;
  };
  std::vector<std::pair<std::vector<std::string>, std::string>> uniques;  // columns, name
  std::vector<std::pair<const Constraint*, std::string>> checks;          // constraint, its column
  // SERIAL and identity columns: (column index, the identity constraint or null for SERIAL).
  std::vector<std::pair<column_t, const Constraint*>> sequence_columns;

  for (auto& def : stmt.columns) {
    for (auto& existing : entry.columns) {
      if (existing.name == def.name) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + def.name + "\" specified more than once", def.location);
      }
    }
    CatalogColumn column;
    column.name = def.name;
    column.type = def.type.type;
    if (def.serial) {
      column.not_null = true;
      sequence_columns.push_back({entry.columns.size(), nullptr});
    }
    for (auto& c : def.constraints) {
      switch (c.kind) {
        case ConstraintKind::kIdentity:
          if (column.identity) {
            throw Exception(sqlstate::kSyntaxError,
                            "multiple identity specifications for column \"" + def.name +
                                "\" of table \"" + entry.name + "\"",
                            c.location);
          }
          if (def.serial || def.Find(ConstraintKind::kDefault)) {
            throw Exception(sqlstate::kSyntaxError,
                            "both default and identity specified for column \"" + def.name +
                                "\" of table \"" + entry.name + "\"",
                            c.location);
          }
          column.identity = c.identity;
          column.not_null = true;
          sequence_columns.push_back({entry.columns.size(), &c});
          break;
        case ConstraintKind::kNotNull:
          column.not_null = true;
          break;
        case ConstraintKind::kNull:
          break;
        case ConstraintKind::kDefault:
          if (def.serial) {
            throw Exception(sqlstate::kSyntaxError,
                            "multiple default values specified for column \"" + def.name +
                                "\" of table \"" + entry.name + "\"",
                            c.location);
          }
          column.default_sql =
              c.expression_text.empty() ? c.expression->ToString() : c.expression_text;
          break;
        case ConstraintKind::kPrimaryKey:
          column.not_null = true;
          add_pk({def.name}, c.location);
          break;
        case ConstraintKind::kUnique:
          uniques.push_back({{def.name}, c.name});
          break;
        case ConstraintKind::kCheck:
          checks.push_back({&c, def.name});
          break;
        case ConstraintKind::kForeignKey:
          ThrowForeignKeysUnsupported(c.location);
      }
    }
    entry.columns.push_back(std::move(column));
  }
  for (auto& c : stmt.constraints) {
    switch (c.kind) {
      case ConstraintKind::kPrimaryKey:
        add_pk(c.columns, c.location);
        if (!c.name.empty()) used_names.insert(c.name);
        break;
      case ConstraintKind::kUnique:
        uniques.push_back({c.columns, c.name});
        break;
      case ConstraintKind::kCheck:
        checks.push_back({&c, ""});
        break;
      case ConstraintKind::kForeignKey:
        ThrowForeignKeysUnsupported(c.location);
      default:
        break;
    }
  }
  auto column_index = [&](const std::string& name, int location) {
    auto c = entry.FindColumn(name);
    if (!c) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" named in key does not exist", location);
    }
    return *c;
  };
  if (has_pk) {
    UniqueConstraint u;
    u.primary = true;
    u.name = UniqueName(used_names, entry.name + "_pkey");
    for (auto& name : pk_columns) {
      column_t c = column_index(name, pk_location);
      entry.columns[c].not_null = true;
      u.columns.push_back(c);
    }
    entry.uniques.push_back(std::move(u));
  }
  for (auto& [cols, name] : uniques) {
    UniqueConstraint u;
    std::string base = entry.name;
    for (auto& col : cols) {
      u.columns.push_back(column_index(col, 0));
      base += "_" + col;
    }
    u.name = name.empty() ? UniqueName(used_names, base + "_key") : name;
    entry.uniques.push_back(std::move(u));
  }
  // Validate DEFAULTs and CHECKs by binding them now.
  for (column_t c = 0; c < entry.columns.size(); c++) {
    if (!entry.columns[c].default_sql.empty()) BindColumnDefault(entry, c);
  }
  // The owned sequences, created with the table (their DEFAULT names one, so it is not
  // validated above: the sequence does not exist yet).
  for (auto& [c, identity] : sequence_columns) {
    CatalogColumn& column = entry.columns[c];
    if (column.type.id != TypeId::kSmallInt && column.type.id != TypeId::kInteger &&
        column.type.id != TypeId::kBigInt) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "identity column type must be smallint, integer, or bigint");
    }
    SequenceEntry q;
    q.type = column.type.id;
    q.schema_oid = entry.schema_oid;
    q.schema_name = entry.schema_name;
    SequenceOptions none;
    const SequenceOptions& options = identity ? *identity->identity_options : none;
    ApplySequenceOptions(options, q, true);
    q.name = options.sequence_name.empty()
                 ? ChooseSequenceName(catalog(), entry.schema_name, entry.name, column.name)
                 : options.sequence_name.back();
    for (auto& other : create->sequences) {
      if (other.name == q.name) q.name += "1";
    }
    q.owned_attnum = static_cast<int>(c) + 1;
    q.identity = identity ? identity->identity : 0;
    if (!identity) {
      bool plain = !q.name.empty() && !std::isdigit(static_cast<unsigned char>(q.name[0]));
      for (char ch : q.name) plain = plain && (std::islower(ch) || std::isdigit(ch) || ch == '_');
      std::string quoted = plain ? q.name : "\"" + q.name + "\"";
      if (entry.schema_name != "public") quoted = entry.schema_name + "." + quoted;
      column.default_sql = "nextval('" + quoted + "'::regclass)";
    }
    create->sequences.push_back(std::move(q));
  }
  for (auto& [constraint, column] : checks) {
    CheckConstraint check;
    check.sql = constraint->expression_text.empty() ? constraint->expression->ToString()
                                                    : constraint->expression_text;
    if (!constraint->name.empty()) {
      check.name = constraint->name;
    } else {
      // PostgreSQL: <table>_<column>_check when the expression mentions exactly one column,
      // else <table>_check (for column and table constraints alike).
      std::vector<std::string> mentioned;
      CollectColumnNames(*constraint->expression, mentioned);
      std::set<std::string> distinct(mentioned.begin(), mentioned.end());
      std::string col = distinct.size() == 1 ? *distinct.begin() : std::string();
      check.name = UniqueName(used_names, entry.name + (col.empty() ? "" : "_" + col) + "_check");
    }
    entry.checks.push_back(std::move(check));
  }
  {
    std::vector<ExprPtr> bound;
    std::vector<std::string> names;
    BindChecks(entry, NewTableIndex(), bound, names);
  }
  out.plan = std::move(create);
  return out;
}

}  // namespace kadedb
