// Overload resolution shared by scalar and aggregate lookups, modelled on PostgreSQL's
// func_select_candidate (parse_func.c) and the rules in "Type Conversion: Functions/Operators".
#pragma once

#include <string>
#include <vector>

#include "kadedb/types.hpp"

namespace kadedb {

enum class TypeCategory : uint8_t {
  kUnknown,  // untyped NULL
  kBoolean,
  kNumeric,
  kString,
  kDatetime,
  kTimespan,
  kUser,  // bytea, uuid
};

TypeCategory CategoryOf(const LogicalType& type);
// PostgreSQL's preferred type of a category: double, text, boolean, timestamptz, interval.
bool IsPreferredType(const LogicalType& type);
// True when an argument of type actual matches a declared parameter without any cast (same type
// id; varchar and text count as the same; a kDecimal/kVarchar declaration accepts any typmod).
bool IsExactMatch(const LogicalType& actual, const LogicalType& declared);

// The outcome of SelectCandidate.
struct CandidateChoice {
  int index = -1;          // chosen candidate, or -1
  bool ambiguous = false;  // several candidates tied (index == -1)
};

// candidates[k] holds the declared parameter types of candidate k, already expanded to the
// call's arity (kNull = any). Chooses the best candidate for the actual argument types: an exact
// match first (an untyped NULL taking the type of the other arguments when they agree), else
// among candidates reachable by implicit casts the one with the most exact matches, then the most
// preferred types, then (for untyped NULL arguments) string category.
CandidateChoice SelectCandidate(const std::vector<std::vector<LogicalType>>& candidates,
                                const std::vector<LogicalType>& actual);

// "integer", "unknown" for an untyped NULL.
std::string TypeDisplayName(const LogicalType& type);

}  // namespace kadedb
