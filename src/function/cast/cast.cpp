// CastVector / CastValue: dispatch to the per-family cast loops.
#include "function/cast/cast.hpp"

#include <algorithm>

#include "common/decimal.hpp"
#include "function/cast/cast_array.hpp"
#include "function/cast/cast_internal.hpp"

namespace kadedb {

void ThrowNoCast(const LogicalType& from, const LogicalType& to) {
  throw Exception("42846", "cannot cast type " + from.ToString() + " to " + to.ToString());
}

namespace {

// Same TypeId: copy storage, then enforce the target's typmod.
void CastSameType(const Vector& source, size_t count, const LogicalType& target, Vector& result,
                  CastStrength strength) {
  const auto& valid = source.validity();
  switch (PhysicalOf(target)) {
    case PhysicalType::kInt64:
      std::copy_n(source.ints().begin(), count, result.ints().begin());
      break;
    case PhysicalType::kDouble:
      std::copy_n(source.doubles().begin(), count, result.doubles().begin());
      break;
    case PhysicalType::kDecimal: {
      auto& out = result.decimals();
      const auto& in = source.decimals();
      bool typmod = target.precision > 0;
      for (size_t i = 0; i < count; ++i) {
        if (!valid[i]) continue;
        out[i] = typmod ? DecimalApplyTypmod(in[i], target.precision, target.scale) : in[i];
      }
      break;
    }
    case PhysicalType::kString: {
      auto& out = result.strings();
      const auto& in = source.strings();
      for (size_t i = 0; i < count; ++i) {
        if (!valid[i]) continue;
        out[i] = in[i];
        if (target.id == TypeId::kVarchar && target.length > 0) {
          ApplyVarcharLength(out[i], target.length, strength == CastStrength::kExplicit);
        }
      }
      break;
    }
    case PhysicalType::kInterval:
      std::copy_n(source.intervals().begin(), count, result.intervals().begin());
      break;
  }
}

}  // namespace

void CastVector(const Vector& source, size_t count, const LogicalType& target, Vector& result,
                CastStrength strength) {
  result = Vector(target, count);
  result.Resize(count);
  std::copy_n(source.validity().begin(), count, result.validity().begin());
  const LogicalType& from = source.type();
  if (from.id == TypeId::kNull) {
    std::fill(result.validity().begin(), result.validity().end(), 0);
    return;
  }
  if (from.IsArray()) {
    CastArrayVector(source, count, target, result, strength);
    return;
  }
  if (from.id == target.id) {
    CastSameType(source, count, target, result, strength);
    return;
  }
  if (!CanCast(from, target, CastStrength::kExplicit)) ThrowNoCast(from, target);
  if (target.IsString()) {
    if (CastToStringVector(source, count, target, result, strength)) return;
  } else if (from.IsString()) {
    if (CastFromStringVector(source, count, target, result)) return;
  } else if (CastNumericVector(source, count, target, result) ||
             CastDatetimeVector(source, count, target, result)) {
    return;
  }
  ThrowNoCast(from, target);
}

Value CastValue(const Value& value, const LogicalType& target, CastStrength strength) {
  if (value.IsNull()) return Value::Null(target);
  if (value.type() == target) return value;
  Vector in(value.type(), 1);
  in.Append(value);
  Vector out;
  CastVector(in, 1, target, out, strength);
  return out.GetValue(0);
}

}  // namespace kadedb
