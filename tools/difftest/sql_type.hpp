// The SQL types the generators use, and their families (which types mix in one expression
// without an explicit cast under PostgreSQL's rules).
#pragma once

#include <string>

namespace kadedb::difftest {

enum class DType : uint8_t {
  kInteger,
  kBigInt,
  kNumeric,
  kDouble,
  kText,
  kVarchar,
  kBoolean,
  kDate,
  kTimestamp,
};

// Families: numbers mix freely (int4 < int8 < numeric < float8), strings mix, dates compare with
// timestamps only through casts here (kept apart to keep expressions obviously valid).
enum class Family : uint8_t { kNum, kStr, kBool, kDate, kTs };

inline Family FamilyOf(DType t) {
  switch (t) {
    case DType::kInteger:
    case DType::kBigInt:
    case DType::kNumeric:
    case DType::kDouble:
      return Family::kNum;
    case DType::kText:
    case DType::kVarchar:
      return Family::kStr;
    case DType::kBoolean:
      return Family::kBool;
    case DType::kDate:
      return Family::kDate;
    case DType::kTimestamp:
      return Family::kTs;
  }
  return Family::kNum;
}

// The result type of a binary arithmetic operator on two numeric types (PostgreSQL promotion).
inline DType PromoteNumeric(DType a, DType b) {
  auto rank = [](DType t) {
    switch (t) {
      case DType::kInteger:
        return 0;
      case DType::kBigInt:
        return 1;
      case DType::kNumeric:
        return 2;
      default:
        return 3;
    }
  };
  return rank(a) >= rank(b) ? a : b;
}

// The canonical type of a family, for expressions whose exact type does not matter.
inline DType DefaultType(Family f) {
  switch (f) {
    case Family::kNum:
      return DType::kInteger;
    case Family::kStr:
      return DType::kText;
    case Family::kBool:
      return DType::kBoolean;
    case Family::kDate:
      return DType::kDate;
    case Family::kTs:
      return DType::kTimestamp;
  }
  return DType::kInteger;
}

inline const char* FamilyName(Family f) {
  switch (f) {
    case Family::kNum:
      return "num";
    case Family::kStr:
      return "str";
    case Family::kBool:
      return "bool";
    case Family::kDate:
      return "date";
    case Family::kTs:
      return "ts";
  }
  return "?";
}

}  // namespace kadedb::difftest
