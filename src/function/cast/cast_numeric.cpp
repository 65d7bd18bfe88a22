// Casts among boolean, smallint/integer/bigint, real/double precision and numeric, with
// PostgreSQL's rounding (float -> int: rint, half to even; numeric -> int: half away from zero)
// and range errors (22003).
#include <cmath>

#include "common/checked_arithmetic.hpp"
#include "common/decimal.hpp"
#include "function/cast/cast_internal.hpp"

namespace kadedb {

namespace {

template <typename Out, typename In, typename Fn>
void Map(const Vector& source, size_t count, const std::vector<In>& in, std::vector<Out>& out,
         Fn fn) {
  const auto& valid = source.validity();
  for (size_t i = 0; i < count; ++i) {
    if (valid[i]) out[i] = fn(in[i]);
  }
}

bool IsNumericId(TypeId id) {
  return id == TypeId::kSmallInt || id == TypeId::kInteger || id == TypeId::kBigInt ||
         id == TypeId::kReal || id == TypeId::kDouble || id == TypeId::kDecimal ||
         id == TypeId::kBoolean;
}

int64_t DoubleToInteger(double v, TypeId id) {
  double r = std::nearbyint(v);  // default rounding mode: half to even, as PostgreSQL's rint
  // Valid range [-2^63, 2^63) for bigint; narrower types are checked after.
  if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) ThrowIntegerOutOfRange(id);
  return CheckIntegerRange(id, static_cast<int64_t>(r));
}

double DoubleToReal(double v) {
  float f = static_cast<float>(v);
  if (std::isinf(f) && !std::isinf(v)) {
    throw Exception(sqlstate::kNumericOutOfRange, "value out of range: overflow");
  }
  if (f == 0 && v != 0) {
    throw Exception(sqlstate::kNumericOutOfRange, "value out of range: underflow");
  }
  return f;
}

Decimal WithTypmod(const Decimal& d, const LogicalType& t) {
  return t.precision > 0 ? DecimalApplyTypmod(d, t.precision, t.scale) : d;
}

}  // namespace

bool CastNumericVector(const Vector& source, size_t count, const LogicalType& target,
                       Vector& result) {
  TypeId from = source.type().id, to = target.id;
  if (!IsNumericId(from) || !IsNumericId(to)) return false;
  bool from_int = source.type().IsInteger() || from == TypeId::kBoolean;
  if (from_int) {
    const auto& in = source.ints();
    switch (to) {
      case TypeId::kBoolean:
        Map(source, count, in, result.ints(), [](int64_t v) -> int64_t { return v != 0; });
        return true;
      case TypeId::kSmallInt:
      case TypeId::kInteger:
      case TypeId::kBigInt:
        Map(source, count, in, result.ints(), [to](int64_t v) { return CheckIntegerRange(to, v); });
        return true;
      case TypeId::kReal:
        Map(source, count, in, result.doubles(),
            [](int64_t v) { return static_cast<double>(static_cast<float>(v)); });
        return true;
      case TypeId::kDouble:
        Map(source, count, in, result.doubles(), [](int64_t v) { return static_cast<double>(v); });
        return true;
      case TypeId::kDecimal:
        Map(source, count, in, result.decimals(),
            [&](int64_t v) { return WithTypmod(DecimalFromInt(v), target); });
        return true;
      default:
        return false;
    }
  }
  if (from == TypeId::kReal || from == TypeId::kDouble) {
    const auto& in = source.doubles();
    bool real = from == TypeId::kReal;
    switch (to) {
      case TypeId::kSmallInt:
      case TypeId::kInteger:
      case TypeId::kBigInt:
        Map(source, count, in, result.ints(), [to](double v) { return DoubleToInteger(v, to); });
        return true;
      case TypeId::kReal:
        Map(source, count, in, result.doubles(), DoubleToReal);
        return true;
      case TypeId::kDouble:
        Map(source, count, in, result.doubles(), [](double v) { return v; });
        return true;
      case TypeId::kDecimal: {
        // NUMERIC has no NaN in KadeDB (PostgreSQL's does): fail on it only after the other
        // rows, so that an error PostgreSQL would raise there (22003) comes first.
        bool nan = false;
        Map(source, count, in, result.decimals(), [&](double v) {
          if (std::isnan(v)) {
            nan = true;
            return Decimal{};
          }
          if (std::isinf(v) && target.precision > 0) {
            // PostgreSQL 14+ has a numeric infinity but no NUMERIC(p,s) holds it: 22003.
            throw Exception(sqlstate::kNumericOutOfRange, "numeric field overflow", 0,
                            "A field with precision " + std::to_string(target.precision) +
                                ", scale " + std::to_string(target.scale) +
                                " cannot hold an infinite value.");
          }
          return WithTypmod(DecimalFromDouble(v, real ? 6 : 15), target);
        });
        if (nan) DecimalFromDouble(std::nan(""), 15);  // throws 0A000
        return true;
      }
      default:
        return false;
    }
  }
  if (from == TypeId::kDecimal) {
    const auto& in = source.decimals();
    switch (to) {
      case TypeId::kSmallInt:
      case TypeId::kInteger:
      case TypeId::kBigInt:
        Map(source, count, in, result.ints(), [to](const Decimal& d) {
          int64_t v;
          if (!DecimalToInt64(d, &v)) ThrowIntegerOutOfRange(to);
          return CheckIntegerRange(to, v);
        });
        return true;
      case TypeId::kReal:
        Map(source, count, in, result.doubles(),
            [](const Decimal& d) { return DoubleToReal(DecimalToDouble(d)); });
        return true;
      case TypeId::kDouble:
        Map(source, count, in, result.doubles(), DecimalToDouble);
        return true;
      default:
        return false;
    }
  }
  return false;
}

}  // namespace kadedb
