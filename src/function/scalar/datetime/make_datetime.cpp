// make_date, make_time, make_timestamp, make_timestamptz (session zone), make_interval (all seven
// fields given) and to_timestamp(epoch seconds). Field checks raise 22008 like PostgreSQL.
#include <cmath>

#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

int64_t MakeDate(int64_t y, int64_t m, int64_t d) {
  // Negative years are BC: -1 is 1 BC, internally year 0.
  int64_t year = y < 0 ? y + 1 : y;
  if (y == 0 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(year, static_cast<int>(m)) ||
      y > 5874897 || y < -4713) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date field value out of range: " + std::to_string(y) + "-" +
                        (m < 10 ? "0" : "") + std::to_string(m) + "-" + (d < 10 ? "0" : "") +
                        std::to_string(d));
  }
  return DaysFromCivil(year, static_cast<int>(m), static_cast<int>(d));
}

int64_t MakeTime(int64_t h, int64_t m, double sec) {
  double micros = std::nearbyint(sec * 1e6);
  if (h < 0 || h > 24 || m < 0 || m > 59 || !(sec >= 0) || micros > 60e6 ||
      (h == 24 && (m > 0 || micros > 0))) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "time field value out of range: %lld:%02lld:%02g",
                  static_cast<long long>(h), static_cast<long long>(m), sec);
    throw Exception(sqlstate::kDatetimeFieldOverflow, buf);
  }
  return h * kMicrosPerHour + m * kMicrosPerMinute + static_cast<int64_t>(micros);
}

int64_t MakeTimestamp(Args a, size_t i) {
  int64_t d = MakeDate(a[0]->ints()[i], a[1]->ints()[i], a[2]->ints()[i]);
  int64_t t = MakeTime(a[3]->ints()[i], a[4]->ints()[i], a[5]->doubles()[i]);
  return d * kMicrosPerDay + t;
}

}  // namespace

void RegisterMakeDatetimeFunctions(FunctionRegistry& r) {
  const LogicalType i = TypeId::kInteger, d = TypeId::kDouble;
  r.AddScalar(MakeScalar(
      "make_date", {i, i, i}, TypeId::kDate, [](Args a, size_t n, Vector& res, FunctionContext&) {
        TernaryLoop<int64_t, int64_t, int64_t, int64_t>(*a[0], *a[1], *a[2], n, res, MakeDate);
      }));
  r.AddScalar(MakeScalar(
      "make_time", {i, i, d}, TypeId::kTime, [](Args a, size_t n, Vector& res, FunctionContext&) {
        TernaryLoop<int64_t, int64_t, double, int64_t>(*a[0], *a[1], *a[2], n, res, MakeTime);
      }));
  r.AddScalar(MakeScalar("make_timestamp", {i, i, i, i, i, d}, TypeId::kTimestamp,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           PropagateNulls(a, n, res);
                           for (size_t k = 0; k < n; k++) {
                             if (!res.IsNull(k)) res.ints()[k] = MakeTimestamp(a, k);
                           }
                         }));
  r.AddScalar(MakeScalar("make_timestamptz", {i, i, i, i, i, d}, TypeId::kTimestampTz,
                         [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
                           TimeZone tz = SessionTimeZone(ctx);
                           PropagateNulls(a, n, res);
                           for (size_t k = 0; k < n; k++) {
                             if (!res.IsNull(k))
                               res.ints()[k] = LocalToUtc(MakeTimestamp(a, k), tz);
                           }
                         }));
  r.AddScalar(MakeScalar("make_interval", {i, i, i, i, i, i, d}, TypeId::kInterval,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           PropagateNulls(a, n, res);
                           for (size_t k = 0; k < n; k++) {
                             if (res.IsNull(k)) continue;
                             Interval v;
                             __int128 months = __int128{a[0]->ints()[k]} * 12 + a[1]->ints()[k];
                             __int128 days = __int128{a[2]->ints()[k]} * 7 + a[3]->ints()[k];
                             double micros = a[4]->ints()[k] * 3600e6 + a[5]->ints()[k] * 60e6 +
                                             a[6]->doubles()[k] * 1e6;
                             if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX ||
                                 days < INT32_MIN || !(std::fabs(micros) < 9.2e18)) {
                               throw Exception(sqlstate::kDatetimeFieldOverflow,
                                               "interval out of range");
                             }
                             v.months = static_cast<int32_t>(months);
                             v.days = static_cast<int32_t>(days);
                             v.micros = static_cast<int64_t>(std::nearbyint(micros));
                             res.intervals()[k] = v;
                           }
                         }));
  r.AddScalar(MakeScalar(
      "to_timestamp", {d}, TypeId::kTimestampTz,
      [](Args a, size_t n, Vector& res, FunctionContext&) {
        UnaryLoop<double, int64_t>(*a[0], n, res, [](double s) -> int64_t {
          if (std::isnan(s)) {
            throw Exception(sqlstate::kInvalidParameterValue, "timestamp cannot be NaN");
          }
          if (std::isinf(s)) {
            return s > 0 ? kTimestampPosInfinity : kTimestampNegInfinity;
          }
          double us = std::nearbyint(s * 1e6);
          if (us < static_cast<double>(kMinTimestamp) || us > static_cast<double>(kMaxTimestamp)) {
            throw Exception(sqlstate::kDatetimeFieldOverflow,
                            "timestamp out of range: \"" + std::to_string(s) + "\"");
          }
          return static_cast<int64_t>(us);
        });
      }));
}

}  // namespace kadedb
