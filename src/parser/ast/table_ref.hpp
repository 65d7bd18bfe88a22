// TableRef: the items of a FROM clause (tables, subqueries, table functions, joins).
//
// A comma list `FROM a, b` becomes JoinRef{kCross} (left-deep); joins bind tighter than commas.
// VALUES in FROM is a SubqueryRef whose query is a ValuesNode. Owned by std::unique_ptr.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast/expressions.hpp"

namespace kadedb {

class QueryNode;

enum class TableRefKind : uint8_t { kBaseTable, kSubquery, kJoin, kTableFunction };

class TableRef {
 public:
  virtual ~TableRef() = default;
  TableRef(const TableRef&) = delete;
  TableRef& operator=(const TableRef&) = delete;

  TableRefKind kind;
  int location = 0;                         // 1-based character offset of the item's first token
  std::string alias;                        // empty when none
  std::vector<std::string> column_aliases;  // AS t(a, b)

  virtual std::unique_ptr<TableRef> Copy() const = 0;
  virtual std::string ToString() const = 0;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }

 protected:
  TableRef(TableRefKind k, int loc) : kind(k), location(loc) {}
  void CopyBase(TableRef& copy) const;
  std::string AliasToString() const;  // " AS a(x, y)" or ""
};
using TableRefPtr = std::unique_ptr<TableRef>;

class BaseTableRef : public TableRef {
 public:
  explicit BaseTableRef(int loc = 0) : TableRef(TableRefKind::kBaseTable, loc) {}
  std::vector<std::string> name;  // [table] or [schema, table]
  const std::string& table_name() const { return name.back(); }

  TableRefPtr Copy() const override;
  std::string ToString() const override;
};

class SubqueryRef : public TableRef {
 public:
  explicit SubqueryRef(int loc = 0) : TableRef(TableRefKind::kSubquery, loc) {}
  ~SubqueryRef() override;
  std::unique_ptr<QueryNode> query;
  bool lateral = false;

  TableRefPtr Copy() const override;
  std::string ToString() const override;
};

// generate_series(1, 10) AS g(x)
class TableFunctionRef : public TableRef {
 public:
  explicit TableFunctionRef(int loc = 0) : TableRef(TableRefKind::kTableFunction, loc) {}
  std::unique_ptr<FunctionExpression> function;
  bool lateral = false;
  bool with_ordinality = false;

  TableRefPtr Copy() const override;
  std::string ToString() const override;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross };

class JoinRef : public TableRef {
 public:
  explicit JoinRef(int loc = 0) : TableRef(TableRefKind::kJoin, loc) {}
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  bool is_comma = false;  // came from `FROM a, b` (kCross)
  TableRefPtr left;
  TableRefPtr right;
  ParsedExpressionPtr condition;           // ON expr; null for USING / NATURAL / CROSS
  std::vector<std::string> using_columns;  // USING (a, b)

  TableRefPtr Copy() const override;
  std::string ToString() const override;
};

}  // namespace kadedb
