// Keyword tables (subset of PostgreSQL's that matters to the grammar KadeQL accepts).
#include "parser/keywords.hpp"

#include <algorithm>

namespace kadedb {

namespace {

// Sorted lists, searched with binary search.
constexpr std::string_view kReserved[] = {
    "all",          "analyse",
    "analyze",      "and",
    "any",          "array",
    "as",           "asc",
    "asymmetric",   "both",
    "case",         "cast",
    "check",        "collate",
    "column",       "constraint",
    "create",       "current_catalog",
    "current_date", "current_role",
    "current_time", "current_timestamp",
    "current_user", "default",
    "deferrable",   "desc",
    "distinct",     "do",
    "else",         "end",
    "except",       "false",
    "fetch",        "for",
    "foreign",      "from",
    "grant",        "group",
    "having",       "in",
    "initially",    "intersect",
    "into",         "lateral",
    "leading",      "limit",
    "localtime",    "localtimestamp",
    "not",          "null",
    "offset",       "on",
    "only",         "or",
    "order",        "placing",
    "primary",      "references",
    "returning",    "select",
    "session_user", "some",
    "symmetric",    "system_user",
    "table",        "then",
    "to",           "trailing",
    "true",         "union",
    "unique",       "user",
    "using",        "variadic",
    "when",         "where",
    "window",       "with",
};

constexpr std::string_view kTypeFuncName[] = {
    "authorization", "binary",  "collation", "concurrently", "cross",    "current_schema", "freeze",
    "full",          "ilike",   "inner",     "is",           "isnull",   "join",           "left",
    "like",          "natural", "notnull",   "outer",        "overlaps", "right",
};

constexpr std::string_view kColName[] = {
    "between", "bigint",   "bit",       "boolean",  "char",      "character", "coalesce",
    "dec",     "decimal",  "exists",    "extract",  "float",     "greatest",  "grouping",
    "inout",   "int",      "integer",   "interval", "least",     "national",  "nchar",
    "none",    "nullif",   "numeric",   "overlay",  "position",  "precision", "real",
    "row",     "smallint", "substring", "time",     "timestamp",
};

// Non-reserved words that may follow an expression in a select list or a table in FROM.
constexpr std::string_view kBareLabelExcluded[] = {
    "at",     "escape", "filter", "over",    "rows",        "similar",
    "within", "trim",   "values", "varchar", "tablesample", "ordinality",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view w) {
  return std::find(list, list + N, w) != list + N;
}

}  // namespace

bool IsReservedKeyword(std::string_view w) {
  return Contains(kReserved, w);
}
bool IsTypeFuncNameKeyword(std::string_view w) {
  return Contains(kTypeFuncName, w) || w == "similar" || w == "tablesample" || w == "verbose";
}
bool IsColNameKeyword(std::string_view w) {
  return Contains(kColName, w) || w == "trim" || w == "values" || w == "varchar";
}
bool IsBareLabelExcluded(std::string_view w) {
  return Contains(kBareLabelExcluded, w);
}
bool NeedsQuoting(std::string_view w) {
  return IsReservedKeyword(w) || IsTypeFuncNameKeyword(w) || IsColNameKeyword(w);
}

}  // namespace kadedb
