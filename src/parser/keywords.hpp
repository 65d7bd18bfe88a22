// Keyword classes, as in PostgreSQL's keyword list: which unquoted words may be used where.
//
//   reserved        never a column, table, function or type name (SELECT, FROM, ...)
//   type_func_name  may name a function or type but not a column/table (JOIN, LEFT, LIKE, ...)
//   col_name        may name a column/table but not a function/type (BETWEEN, INTEGER, ...)
// Any other identifier (including all non-reserved keywords) may be used anywhere. Column labels
// after AS accept every keyword.
#pragma once

#include <string_view>

namespace kadedb {

bool IsReservedKeyword(std::string_view word);
bool IsTypeFuncNameKeyword(std::string_view word);
bool IsColNameKeyword(std::string_view word);
// True for words that can follow an expression in a select list and so may not be a bare
// (AS-less) column alias or table alias.
bool IsBareLabelExcluded(std::string_view word);
// True when the word is any kind of keyword that ToString must quote to round-trip.
bool NeedsQuoting(std::string_view word);

}  // namespace kadedb
