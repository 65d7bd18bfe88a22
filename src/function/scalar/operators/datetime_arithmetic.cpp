// Date/time arithmetic operators: date ± integer, date - date, date ± interval, date + time,
// timestamp[tz] ± interval, timestamp[tz] - timestamp[tz], time ± interval, time - time,
// interval ± interval, unary - interval, interval * / double. The calendar work is done by
// common/datetime.hpp; timestamptz ± interval is computed in the session time zone's local time
// (months and days are calendar units there), as PostgreSQL does.
#include "common/datetime.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

TimeZone SessionZone(const FunctionContext& ctx) {
  TimeZone tz = TimeZone::Utc();
  TimeZone::FromName(ctx.timezone, &tz);
  return tz;
}

int64_t TimestampTzAdd(int64_t ts, const Interval& iv, const TimeZone& tz) {
  if (!TimestampIsFinite(ts)) return ts;
  int64_t local = ts + int64_t{tz.OffsetAtUtc(ts)} * kMicrosPerSecond;
  int64_t r = TimestampAddInterval(local, iv);
  if (!TimestampIsFinite(r)) return r;
  return r - int64_t{tz.OffsetForLocal(r)} * kMicrosPerSecond;
}

void Add(FunctionRegistry& r, const char* name, std::vector<LogicalType> args, LogicalType ret,
         ScalarExec exec) {
  r.AddScalar(MakeScalar(name, std::move(args), ret, std::move(exec)));
}

}  // namespace

void RegisterDatetimeArithmetic(FunctionRegistry& registry) {
  auto& r = registry;
  const LogicalType date = TypeId::kDate, integer = TypeId::kInteger, iv = TypeId::kInterval,
                    ts = TypeId::kTimestamp, tstz = TypeId::kTimestampTz, time = TypeId::kTime,
                    dbl = TypeId::kDouble;

  Add(r, "+", {date, integer}, date, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, int64_t>(*a[0], *a[1], n, res, DateAddDays);
  });
  Add(r, "+", {integer, date}, date, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, int64_t>(*a[0], *a[1], n, res,
                                          [](int64_t d, int64_t x) { return DateAddDays(x, d); });
  });
  Add(r, "-", {date, integer}, date, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, int64_t>(*a[0], *a[1], n, res,
                                          [](int64_t x, int64_t d) { return DateAddDays(x, -d); });
  });
  Add(r, "-", {date, date}, integer, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, int64_t>(*a[0], *a[1], n, res, [](int64_t x, int64_t y) {
      if (!DateIsFinite(x) || !DateIsFinite(y)) {
        throw Exception(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
      }
      return x - y;
    });
  });
  auto date_ts = [](int64_t d) {
    if (d == kDateNegInfinity) return kTimestampNegInfinity;
    if (d == kDatePosInfinity) return kTimestampPosInfinity;
    return d * kMicrosPerDay;
  };
  Add(r, "+", {date, iv}, ts, [date_ts](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, [&](int64_t d, const Interval& i) {
      return TimestampAddInterval(date_ts(d), i);
    });
  });
  Add(r, "+", {iv, date}, ts, [date_ts](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, int64_t, int64_t>(*a[0], *a[1], n, res, [&](const Interval& i, int64_t d) {
      return TimestampAddInterval(date_ts(d), i);
    });
  });
  Add(r, "-", {date, iv}, ts, [date_ts](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, [&](int64_t d, const Interval& i) {
      return TimestampSubInterval(date_ts(d), i);
    });
  });
  Add(r, "+", {date, time}, ts, [date_ts](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, int64_t>(*a[0], *a[1], n, res, [&](int64_t d, int64_t t) {
      int64_t base = date_ts(d);
      return TimestampIsFinite(base) ? base + t : base;
    });
  });

  Add(r, "+", {ts, iv}, ts, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, TimestampAddInterval);
  });
  Add(r, "+", {iv, ts}, ts, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, int64_t, int64_t>(*a[0], *a[1], n, res, [](const Interval& i, int64_t t) {
      return TimestampAddInterval(t, i);
    });
  });
  Add(r, "-", {ts, iv}, ts, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, TimestampSubInterval);
  });
  Add(r, "+", {tstz, iv}, tstz, [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
    TimeZone tz = SessionZone(ctx);
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, [&](int64_t t, const Interval& i) {
      return TimestampTzAdd(t, i, tz);
    });
  });
  Add(r, "+", {iv, tstz}, tstz, [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
    TimeZone tz = SessionZone(ctx);
    BinaryLoop<Interval, int64_t, int64_t>(*a[0], *a[1], n, res, [&](const Interval& i, int64_t t) {
      return TimestampTzAdd(t, i, tz);
    });
  });
  Add(r, "-", {tstz, iv}, tstz, [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
    TimeZone tz = SessionZone(ctx);
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, [&](int64_t t, const Interval& i) {
      return TimestampTzAdd(t, IntervalNegate(i), tz);
    });
  });
  for (const LogicalType& t : {ts, tstz}) {
    Add(r, "-", {t, t}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
      BinaryLoop<int64_t, int64_t, Interval>(*a[0], *a[1], n, res, TimestampDiff);
    });
  }

  Add(r, "+", {time, iv}, time, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, TimeAddInterval);
  });
  Add(r, "+", {iv, time}, time, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, int64_t, int64_t>(
        *a[0], *a[1], n, res, [](const Interval& i, int64_t t) { return TimeAddInterval(t, i); });
  });
  Add(r, "-", {time, iv}, time, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, Interval, int64_t>(*a[0], *a[1], n, res, [](int64_t t, const Interval& i) {
      return TimeAddInterval(t, IntervalNegate(i));
    });
  });
  Add(r, "-", {time, time}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, Interval>(*a[0], *a[1], n, res, [](int64_t x, int64_t y) {
      Interval i;
      i.micros = x - y;
      return i;
    });
  });

  Add(r, "+", {iv, iv}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, Interval, Interval>(*a[0], *a[1], n, res, IntervalAdd);
  });
  Add(r, "-", {iv, iv}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, Interval, Interval>(*a[0], *a[1], n, res, IntervalSub);
  });
  Add(r, "-", {iv}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<Interval, Interval>(*a[0], n, res, IntervalNegate);
  });
  Add(r, "+", {iv}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<Interval, Interval>(*a[0], n, res, [](const Interval& i) { return i; });
  });
  Add(r, "*", {iv, dbl}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, double, Interval>(*a[0], *a[1], n, res, IntervalMultiply);
  });
  Add(r, "*", {dbl, iv}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<double, Interval, Interval>(
        *a[0], *a[1], n, res, [](double f, const Interval& i) { return IntervalMultiply(i, f); });
  });
  Add(r, "/", {iv, dbl}, iv, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Interval, double, Interval>(*a[0], *a[1], n, res, IntervalDivide);
  });
}

}  // namespace kadedb
