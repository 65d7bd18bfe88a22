// PgSessionFunctions: the catalog side of PostgreSQL's system information functions
// (format_type, pg_get_indexdef, pg_get_constraintdef, pg_get_expr, pg_get_userbyid,
// pg_table_is_visible, has_table_privilege, current_user, current_schema, ...). The function
// layer registers them (function/scalar/misc/pg_system.cpp) and forwards each row here through
// FunctionContext::session.
//
// Oids: relations, schemas and roles use their catalog oids; a CHECK constraint, which has no
// catalog oid, is numbered CheckConstraintOid(table, i); a UNIQUE / PRIMARY KEY constraint uses
// its index's oid. Threading: Call may run on several executor threads at once (it only reads).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/sequence_functions.hpp"
#include "function/function.hpp"

namespace kadedb {

inline constexpr const char* kDatabaseName = "kadedb";
inline constexpr uint64_t kDatabaseOid = 16383;

// Synthetic oid of the i-th CHECK constraint of a table (stable while the table's checks are).
uint64_t CheckConstraintOid(uint64_t table_oid, size_t i);

// "CREATE [UNIQUE] INDEX name ON schema.table USING btree (a, b)".
std::string IndexDefinition(const IndexEntry& index, const TableEntry& table);
// pg_get_constraintdef's text: "PRIMARY KEY (a)", "UNIQUE (a, b)", "CHECK ((c > 0))".
std::string UniqueDefinition(const UniqueConstraint& u, const TableEntry& table);
std::string CheckDefinition(const CheckConstraint& c);

class PgSessionFunctions : public SessionFunctions {
 public:
  // user: current_user; session_user: the authenticated role (differs after SET ROLE).
  PgSessionFunctions(Catalog& catalog, std::string user, std::string session_user,
                     std::vector<std::string> search_path);
  // Throws Exception 42883 for a name it does not know (a registration without an answer here).
  Value Call(const std::string& name, const std::vector<Value>& args) override;
  // Additive (sequences): answers nextval, currval, setval, ... when set (sequence_functions.hpp).
  void SetSequenceFunctions(SequenceFunctions* f) { sequences_ = f; }

 private:
  SequenceFunctions* sequences_ = nullptr;
  Catalog& catalog_;
  std::string user_;
  std::string session_user_;
  std::vector<std::string> search_path_;
};

}  // namespace kadedb
