// Casts to and from text/varchar: anything -> text uses the type's output function (boolean
// prints 'true'/'false' as PostgreSQL's bool -> text cast), text -> anything its input function;
// varchar(n) enforces its length.
#include "common/blob_format.hpp"
#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "common/float_format.hpp"
#include "function/cast/cast_internal.hpp"

namespace kadedb {

namespace {

// Byte offset just past the first n UTF-8 characters of s (s.size() if shorter).
size_t PrefixBytes(const std::string& s, uint32_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) return i;
      ++chars;
    }
  }
  return s.size();
}

template <typename Fn>
void MapToStrings(const Vector& source, size_t count, Vector& result, Fn fn) {
  const auto& valid = source.validity();
  auto& out = result.strings();
  for (size_t i = 0; i < count; ++i) {
    if (valid[i]) out[i] = fn(i);
  }
}

}  // namespace

void ApplyVarcharLength(std::string& s, uint32_t n, bool truncate) {
  if (n == 0 || s.size() <= n) return;  // bytes >= characters
  size_t cut = PrefixBytes(s, n);
  if (cut == s.size()) return;
  if (!truncate && s.find_first_not_of(' ', cut) != std::string::npos) {
    throw Exception(sqlstate::kStringDataRightTruncation,
                    "value too long for type character varying(" + std::to_string(n) + ")");
  }
  s.resize(cut);
}

bool CastToStringVector(const Vector& source, size_t count, const LogicalType& target,
                        Vector& result, CastStrength strength) {
  const LogicalType& from = source.type();
  switch (from.id) {
    case TypeId::kBoolean:
      MapToStrings(source, count, result,
                   [&](size_t i) { return std::string(source.ints()[i] ? "true" : "false"); });
      break;
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      MapToStrings(source, count, result,
                   [&](size_t i) { return std::to_string(source.ints()[i]); });
      break;
    case TypeId::kReal:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatReal(static_cast<float>(source.doubles()[i])); });
      break;
    case TypeId::kDouble:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatDouble(source.doubles()[i]); });
      break;
    case TypeId::kDecimal:
      MapToStrings(source, count, result,
                   [&](size_t i) { return DecimalToString(source.decimals()[i]); });
      break;
    case TypeId::kVarchar:
    case TypeId::kText:
      MapToStrings(source, count, result, [&](size_t i) { return source.strings()[i]; });
      break;
    case TypeId::kBytea:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatBytea(source.strings()[i]); });
      break;
    case TypeId::kUuid:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatUuid(source.strings()[i]); });
      break;
    case TypeId::kDate:
      MapToStrings(source, count, result, [&](size_t i) { return FormatDate(source.ints()[i]); });
      break;
    case TypeId::kTime:
      MapToStrings(source, count, result, [&](size_t i) { return FormatTime(source.ints()[i]); });
      break;
    case TypeId::kTimestamp:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatTimestamp(source.ints()[i]); });
      break;
    case TypeId::kTimestampTz:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatTimestampTz(source.ints()[i]); });
      break;
    case TypeId::kInterval:
      MapToStrings(source, count, result,
                   [&](size_t i) { return FormatInterval(source.intervals()[i]); });
      break;
    case TypeId::kNull:
    case TypeId::kArray:  // cast_array.cpp
      return false;
  }
  if (target.id == TypeId::kVarchar && target.length > 0) {
    const auto& valid = result.validity();
    for (size_t i = 0; i < count; ++i) {
      if (valid[i]) {
        ApplyVarcharLength(result.strings()[i], target.length, strength == CastStrength::kExplicit);
      }
    }
  }
  return true;
}

bool CastFromStringVector(const Vector& source, size_t count, const LogicalType& target,
                          Vector& result) {
  const auto& valid = source.validity();
  const auto& in = source.strings();
  for (size_t i = 0; i < count; ++i) {
    if (valid[i]) ParseInto(in[i], target, result, i);
  }
  return true;
}

}  // namespace kadedb
