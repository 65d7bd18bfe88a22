// CanCast (PostgreSQL's pg_cast contexts, for the built-in types we have) and CommonType
// (PostgreSQL's select_common_type for UNION/CASE/COALESCE/IN).
#include "function/cast/cast.hpp"

#include "common/exception.hpp"

namespace kadedb {

namespace {

// Rank inside the numeric category along the implicit-cast chain.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kSmallInt:
      return 1;
    case TypeId::kInteger:
      return 2;
    case TypeId::kBigInt:
      return 3;
    case TypeId::kDecimal:
      return 4;
    case TypeId::kReal:
      return 5;
    case TypeId::kDouble:
      return 6;
    default:
      return 0;
  }
}

// Rank inside the datetime category: date -> timestamp -> timestamptz.
int DatetimeRank(TypeId id) {
  switch (id) {
    case TypeId::kDate:
      return 1;
    case TypeId::kTimestamp:
      return 2;
    case TypeId::kTimestampTz:
      return 3;
    default:
      return 0;
  }
}

bool IsStringId(TypeId id) {
  return id == TypeId::kVarchar || id == TypeId::kText;
}

bool ImplicitCast(TypeId from, TypeId to) {
  int nf = NumericRank(from), nt = NumericRank(to);
  if (nf && nt) return nf < nt;
  if (IsStringId(from) && IsStringId(to)) return true;
  int df = DatetimeRank(from), dt = DatetimeRank(to);
  if (df && dt) return df < dt;
  return from == TypeId::kTime && to == TypeId::kInterval;
}

bool AssignmentCast(TypeId from, TypeId to) {
  if (IsStringId(to)) return true;  // any type -> text/varchar through its output function
  if (NumericRank(from) && NumericRank(to)) return true;
  if ((from == TypeId::kTimestamp || from == TypeId::kTimestampTz) &&
      (to == TypeId::kDate || to == TypeId::kTime || DatetimeRank(to) != 0)) {
    return true;
  }
  return from == TypeId::kInterval && to == TypeId::kTime;
}

bool ExplicitCast(TypeId from, TypeId to) {
  if (IsStringId(from)) return true;  // text -> any type through its input function
  bool from_int = from == TypeId::kSmallInt || from == TypeId::kInteger || from == TypeId::kBigInt;
  bool to_int = to == TypeId::kSmallInt || to == TypeId::kInteger || to == TypeId::kBigInt;
  return (from == TypeId::kBoolean && to_int) || (from_int && to == TypeId::kBoolean);
}

}  // namespace

bool CanCast(const LogicalType& from, const LogicalType& to, CastStrength strength) {
  if (from.IsArray() && to.IsArray()) {
    // Element by element, in the same context (PostgreSQL's array coercion).
    if (from.element == TypeId::kNull || to.element == TypeId::kNull) return true;
    return CanCast(from.ElementType(), to.ElementType(), strength);
  }
  if (from.id == TypeId::kNull || from.id == to.id) return true;
  if (ImplicitCast(from.id, to.id)) return true;
  if (strength == CastStrength::kImplicit) return false;
  if (AssignmentCast(from.id, to.id)) return true;
  if (strength == CastStrength::kAssignment) return false;
  return ExplicitCast(from.id, to.id);
}

LogicalType CommonType(const LogicalType& a, const LogicalType& b) {
  if (a.id == TypeId::kNull) return b;
  if (b.id == TypeId::kNull) return a;
  if (a.IsArray() && b.IsArray()) {
    if (a.element == TypeId::kNull) return b;
    if (b.element == TypeId::kNull) return a;
    return LogicalType::Array(CommonType(a.ElementType(), b.ElementType()));
  }
  if (a.id == b.id) {
    if (a == b) return a;
    return LogicalType(a.id);  // typmods differ: drop them, as PostgreSQL
  }
  int na = NumericRank(a.id), nb = NumericRank(b.id);
  if (na && nb) return na > nb ? LogicalType(a.id) : LogicalType(b.id);
  if (IsStringId(a.id) && IsStringId(b.id)) return LogicalType(TypeId::kText);
  int da = DatetimeRank(a.id), db = DatetimeRank(b.id);
  if (da && db) return da > db ? a : b;
  if ((a.id == TypeId::kTime && b.id == TypeId::kInterval) ||
      (a.id == TypeId::kInterval && b.id == TypeId::kTime)) {
    return LogicalType(TypeId::kInterval);
  }
  throw Exception(sqlstate::kDatatypeMismatch,
                  "types " + a.ToString() + " and " + b.ToString() + " cannot be matched");
}

}  // namespace kadedb
