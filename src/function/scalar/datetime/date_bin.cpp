// date_bin(stride, source, origin): the start of the stride-wide bin (aligned to origin) that
// contains source, for timestamp and timestamptz. The stride may not contain months or years
// (0A000) and must be positive (22008), as in PostgreSQL.
#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

int64_t DateBin(const Interval& stride, int64_t source, int64_t origin) {
  if (!TimestampIsFinite(source)) return source;
  if (!TimestampIsFinite(origin)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "origin out of range");
  }
  if (stride.months != 0) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "timestamps cannot be binned into intervals containing months or years");
  }
  __int128 width = static_cast<__int128>(stride.days) * kMicrosPerDay + stride.micros;
  if (width <= 0) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
  }
  __int128 diff = static_cast<__int128>(source) - origin;
  __int128 delta = diff - diff % width;
  if (origin > source && width > 1 && diff % width != 0) delta -= width;
  __int128 result = origin + delta;
  if (result < kMinTimestamp || result > kMaxTimestamp) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return static_cast<int64_t>(result);
}

}  // namespace

void RegisterDateBinFunction(FunctionRegistry& r) {
  const LogicalType iv = TypeId::kInterval;
  for (TypeId t : {TypeId::kTimestamp, TypeId::kTimestampTz}) {
    r.AddScalar(
        MakeScalar("date_bin", {iv, t, t}, t, [](Args a, size_t n, Vector& res, FunctionContext&) {
          TernaryLoop<Interval, int64_t, int64_t, int64_t>(*a[0], *a[1], *a[2], n, res, DateBin);
        }));
  }
}

}  // namespace kadedb
