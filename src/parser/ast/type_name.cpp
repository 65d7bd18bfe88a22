// SQL spelling of types, as PostgreSQL prints them (format_type).
#include "parser/ast/type_name.hpp"

namespace kadedb {

std::string TypeToSql(const LogicalType& type) { return type.ToString(); }

std::string TypeName::ToString() const {
  std::string out = TypeToSql(type.IsArray() ? type.ElementType() : type);
  if (!interval_fields.empty()) out += " " + interval_fields;
  if (is_array || type.IsArray()) out += "[]";
  return out;
}

}  // namespace kadedb
