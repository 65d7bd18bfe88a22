// Parser: the public entry points that turn KadeQL text into AST statements and expressions.
//
// Errors are thrown as kadedb::Exception with PostgreSQL SQLSTATEs and wording:
//   42601 syntax error at or near "tok" / at end of input, 42704 unknown type, 22021 invalid
//   UTF-8, 54001 stack depth limit exceeded, 0A000 for recognised but unsupported syntax.
// Error positions from ParseStatements are 1-based character offsets into the whole script;
// node locations are relative to each statement's own text (Statement::text, text_offset).
// Stateless and thread-safe: every call works on its own data.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "parser/ast/expressions.hpp"
#include "parser/ast/query_node.hpp"
#include "parser/ast/statement.hpp"
#include "parser/ast/table_ref.hpp"
#include "parser/ast/type_name.hpp"

namespace kadedb {

class Parser {
 public:
  // Parses a script of zero or more ';'-separated statements (empty statements are skipped).
  static std::vector<std::unique_ptr<Statement>> ParseStatements(std::string_view sql);
  // Parses exactly one expression (e.g. a stored DEFAULT or CHECK text); trailing tokens → 42601.
  static std::unique_ptr<ParsedExpression> ParseExpression(std::string_view text);
  // Parses a type name such as "numeric(10,2)" or "character varying(20)".
  static TypeName ParseTypeName(std::string_view text);
};

}  // namespace kadedb
