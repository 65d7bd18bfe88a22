// age(a, b): symbolic years/months/days difference; age(x) = age(current_date at midnight, x).
// timestamptz arguments are compared in the session time zone's local time.
#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

int64_t LocalMidnight(const FunctionContext& ctx) {
  int64_t local = UtcToLocal(ctx.transaction_timestamp_micros, SessionTimeZone(ctx));
  return FloorDiv(local, kMicrosPerDay) * kMicrosPerDay;
}

}  // namespace

void RegisterAgeFunction(FunctionRegistry& r) {
  const LogicalType ts = TypeId::kTimestamp, tstz = TypeId::kTimestampTz, iv = TypeId::kInterval;
  r.AddScalar(MakeScalar("age", {ts, ts}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, Interval>(*a[0], *a[1], n, res, Age);
  }));
  r.AddScalar(
      MakeScalar("age", {tstz, tstz}, iv, [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
        TimeZone tz = SessionTimeZone(ctx);
        BinaryLoop<int64_t, int64_t, Interval>(*a[0], *a[1], n, res, [&](int64_t x, int64_t y) {
          return Age(UtcToLocal(x, tz), UtcToLocal(y, tz));
        });
      }));
  r.AddScalar(MakeScalar("age", {ts}, iv, [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
    int64_t today = LocalMidnight(ctx);
    UnaryLoop<int64_t, Interval>(*a[0], n, res, [&](int64_t x) { return Age(today, x); });
  }));
  r.AddScalar(
      MakeScalar("age", {tstz}, iv, [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
        TimeZone tz = SessionTimeZone(ctx);
        int64_t today = LocalMidnight(ctx);
        UnaryLoop<int64_t, Interval>(*a[0], n, res,
                                     [&](int64_t x) { return Age(today, UtcToLocal(x, tz)); });
      }));
}

}  // namespace kadedb
