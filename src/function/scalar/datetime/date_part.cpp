// date_part(text, x) -> double precision and extract(text, x) -> numeric (PostgreSQL 14+: EXTRACT
// returns numeric, date_part double) for timestamp, timestamptz, date, time and interval. The
// binder maps EXTRACT(f FROM x) to extract('f', x). timestamptz fields are taken in the session
// time zone; epoch stays UTC-based and timezone fields report the session offset.
#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

DatePart Field(const std::string& name, const LogicalType& type) {
  DatePart part;
  if (!ParseDatePart(name, &part)) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "unit \"" + name + "\" not recognized for type " + type.ToString());
  }
  return part;
}

Decimal ExtractTz(DatePart part, int64_t utc, const TimeZone& tz) {
  int32_t offset = TimestampIsFinite(utc) ? tz.OffsetAtUtc(utc) : 0;
  switch (part) {
    case DatePart::kEpoch:
      return ExtractTimestamp(part, utc);
    case DatePart::kTimezone:
      return DecimalFromInt(offset);
    case DatePart::kTimezoneHour:
      return DecimalFromInt(offset / 3600);
    case DatePart::kTimezoneMinute:
      return DecimalFromInt((offset / 60) % 60);
    default:
      return ExtractTimestamp(part, UtcToLocal(utc, tz));
  }
}

// Registers name(text, type) computing a Decimal through extract(part, value, ctx), returning
// numeric or double.
template <class T, class Extract>
void AddPart(FunctionRegistry& r, LogicalType type, Extract extract) {
  const LogicalType text = TypeId::kText;
  r.AddScalar(MakeScalar("extract", {text, type}, TypeId::kDecimal,
                         [type, extract](Args a, size_t n, Vector& res, FunctionContext& ctx) {
                           BinaryLoop<std::string, T, Decimal>(
                               *a[0], *a[1], n, res, [&](const std::string& f, const T& v) {
                                 return extract(Field(f, type), v, ctx);
                               });
                         }));
  r.AddScalar(MakeScalar("date_part", {text, type}, TypeId::kDouble,
                         [type, extract](Args a, size_t n, Vector& res, FunctionContext& ctx) {
                           BinaryLoop<std::string, T, double>(
                               *a[0], *a[1], n, res, [&](const std::string& f, const T& v) {
                                 return DecimalToDouble(extract(Field(f, type), v, ctx));
                               });
                         }));
}

}  // namespace

void RegisterDatePartFunction(FunctionRegistry& r) {
  AddPart<int64_t>(r, TypeId::kTimestamp,
                   [](DatePart p, int64_t v, FunctionContext&) { return ExtractTimestamp(p, v); });
  AddPart<int64_t>(r, TypeId::kTimestampTz, [](DatePart p, int64_t v, FunctionContext& ctx) {
    return ExtractTz(p, v, SessionTimeZone(ctx));
  });
  AddPart<int64_t>(r, TypeId::kDate,
                   [](DatePart p, int64_t v, FunctionContext&) { return ExtractDate(p, v); });
  AddPart<int64_t>(r, TypeId::kTime,
                   [](DatePart p, int64_t v, FunctionContext&) { return ExtractTime(p, v); });
  AddPart<Interval>(r, TypeId::kInterval, [](DatePart p, const Interval& v, FunctionContext&) {
    return ExtractInterval(p, v);
  });
}

}  // namespace kadedb
