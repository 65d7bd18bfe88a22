// date_trunc(unit, timestamp | timestamptz | interval). A timestamptz is truncated in the session
// time zone's local time and converted back; a date argument resolves to timestamptz through the
// implicit cast, as in PostgreSQL.
#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

DatePart Unit(const std::string& name, const LogicalType& type) {
  DatePart part;
  if (!ParseDatePart(name, &part)) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "unit \"" + name + "\" not recognized for type " + type.ToString());
  }
  return part;
}

}  // namespace

void RegisterDateTruncFunction(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, ts = TypeId::kTimestamp, tstz = TypeId::kTimestampTz,
                    iv = TypeId::kInterval;
  r.AddScalar(MakeScalar("date_trunc", {text, ts}, ts,
                         [ts](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoop<std::string, int64_t, int64_t>(
                               *a[0], *a[1], n, res, [&](const std::string& u, int64_t t) {
                                 if (!TimestampIsFinite(t)) return t;
                                 return TimestampTrunc(Unit(u, ts), t);
                               });
                         }));
  r.AddScalar(MakeScalar("date_trunc", {text, tstz}, tstz,
                         [tstz](Args a, size_t n, Vector& res, FunctionContext& ctx) {
                           TimeZone tz = SessionTimeZone(ctx);
                           BinaryLoop<std::string, int64_t, int64_t>(
                               *a[0], *a[1], n, res, [&](const std::string& u, int64_t t) {
                                 if (!TimestampIsFinite(t)) return t;
                                 int64_t local = TimestampTrunc(Unit(u, tstz), UtcToLocal(t, tz));
                                 return LocalToUtc(local, tz);
                               });
                         }));
  r.AddScalar(MakeScalar(
      "date_trunc", {text, iv}, iv, [iv](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<std::string, Interval, Interval>(
            *a[0], *a[1], n, res,
            [&](const std::string& u, const Interval& v) { return IntervalTrunc(Unit(u, iv), v); });
      }));
}

}  // namespace kadedb
