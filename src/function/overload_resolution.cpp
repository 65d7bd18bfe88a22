// Overload resolution: see overload_resolution.hpp.
#include "function/overload_resolution.hpp"

#include "function/cast/cast.hpp"

namespace kadedb {

TypeCategory CategoryOf(const LogicalType& type) {
  switch (type.id) {
    case TypeId::kNull:
      return TypeCategory::kUnknown;
    case TypeId::kBoolean:
      return TypeCategory::kBoolean;
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kReal:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      return TypeCategory::kNumeric;
    case TypeId::kVarchar:
    case TypeId::kText:
      return TypeCategory::kString;
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return TypeCategory::kDatetime;
    case TypeId::kInterval:
      return TypeCategory::kTimespan;
    default:
      return TypeCategory::kUser;
  }
}

bool IsPreferredType(const LogicalType& type) {
  switch (type.id) {
    case TypeId::kDouble:
    case TypeId::kText:
    case TypeId::kBoolean:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:
      return true;
    default:
      return false;
  }
}

bool IsExactMatch(const LogicalType& actual, const LogicalType& declared) {
  if (actual.id == TypeId::kNull || declared.id == TypeId::kNull) return false;
  if (actual.IsString() && declared.IsString()) return true;
  return actual.id == declared.id;
}

std::string TypeDisplayName(const LogicalType& type) {
  if (type.id == TypeId::kNull) return "unknown";
  return type.ToString();
}

namespace {

bool IsAny(const LogicalType& t) {
  return t.id == TypeId::kNull;
}

bool Reachable(const LogicalType& actual, const LogicalType& declared) {
  if (IsAny(declared) || IsAny(actual)) return true;
  if (IsExactMatch(actual, declared)) return true;
  return CanCast(actual, declared, CastStrength::kImplicit);
}

// Keeps the candidates with the highest score; returns the survivors.
template <class Score>
std::vector<int> KeepBest(const std::vector<int>& in, Score&& score) {
  std::vector<int> out;
  int best = -1;
  for (int k : in) {
    int s = score(k);
    if (s > best) {
      best = s;
      out.clear();
    }
    if (s == best) out.push_back(k);
  }
  return out;
}

}  // namespace

CandidateChoice SelectCandidate(const std::vector<std::vector<LogicalType>>& candidates,
                                const std::vector<LogicalType>& actual) {
  CandidateChoice choice;
  const size_t n = actual.size();

  // Exact match, untyped NULLs taking the type shared by the typed arguments (PostgreSQL's rule
  // for operators with one unknown side, applied to functions too).
  bool has_unknown = false;
  LogicalType known;
  bool known_agree = true;
  for (const auto& t : actual) {
    if (IsAny(t)) {
      has_unknown = true;
    } else if (IsAny(known)) {
      known = t;
    } else if (!IsExactMatch(t, known)) {
      known_agree = false;
    }
  }
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1 && !(has_unknown && known_agree && !IsAny(known))) break;
    for (size_t k = 0; k < candidates.size(); k++) {
      bool all = true;
      for (size_t i = 0; i < n && all; i++) {
        const LogicalType& a = (pass == 1 && IsAny(actual[i])) ? known : actual[i];
        all = IsExactMatch(a, candidates[k][i]);
      }
      if (all) {
        choice.index = static_cast<int>(k);
        return choice;
      }
    }
  }

  std::vector<int> viable;
  for (size_t k = 0; k < candidates.size(); k++) {
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) ok = Reachable(actual[i], candidates[k][i]);
    if (ok) viable.push_back(static_cast<int>(k));
  }
  if (viable.size() > 1) {
    viable = KeepBest(viable, [&](int k) {
      int s = 0;
      for (size_t i = 0; i < n; i++) s += IsExactMatch(actual[i], candidates[k][i]);
      return s;
    });
  }
  if (viable.size() > 1) {
    // Concrete declarations beat "any" parameters.
    viable = KeepBest(viable, [&](int k) {
      int s = 0;
      for (size_t i = 0; i < n; i++) s += !IsAny(candidates[k][i]);
      return s;
    });
  }
  if (viable.size() > 1) {
    // Preferred types where a conversion is needed (typed arguments: same category only).
    viable = KeepBest(viable, [&](int k) {
      int s = 0;
      for (size_t i = 0; i < n; i++) {
        const LogicalType& d = candidates[k][i];
        if (IsAny(actual[i]) || IsExactMatch(actual[i], d)) continue;
        if (IsPreferredType(d) && CategoryOf(d) == CategoryOf(actual[i])) s++;
      }
      return s;
    });
  }
  if (viable.size() > 1 && has_unknown) {
    // Untyped NULL positions: string category if any candidate takes it, then preferred types.
    for (size_t i = 0; i < n && viable.size() > 1; i++) {
      if (!IsAny(actual[i])) continue;
      bool any_string = false;
      for (int k : viable) any_string |= CategoryOf(candidates[k][i]) == TypeCategory::kString;
      if (any_string) {
        std::vector<int> keep;
        for (int k : viable) {
          if (CategoryOf(candidates[k][i]) == TypeCategory::kString) keep.push_back(k);
        }
        viable = keep;
      }
      viable = KeepBest(viable, [&](int k) { return IsPreferredType(candidates[k][i]) ? 1 : 0; });
    }
  }
  if (viable.size() == 1) {
    choice.index = viable[0];
  } else if (viable.size() > 1) {
    choice.ambiguous = true;
  }
  return choice;
}

}  // namespace kadedb
