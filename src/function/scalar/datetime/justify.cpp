// justify_days, justify_hours, justify_interval and isfinite(date | timestamp | timestamptz |
// interval).
#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

template <Interval (*F)(const Interval&)>
void Justify(Args a, size_t n, Vector& res, FunctionContext&) {
  UnaryLoop<Interval, Interval>(*a[0], n, res, F);
}

}  // namespace

void RegisterJustifyFunctions(FunctionRegistry& r) {
  const LogicalType iv = TypeId::kInterval, b = TypeId::kBoolean;
  r.AddScalar(MakeScalar("justify_days", {iv}, iv, Justify<JustifyDays>));
  r.AddScalar(MakeScalar("justify_hours", {iv}, iv, Justify<JustifyHours>));
  r.AddScalar(MakeScalar("justify_interval", {iv}, iv, Justify<JustifyInterval>));
  r.AddScalar(MakeScalar("isfinite", {TypeId::kDate}, b,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           UnaryLoop<int64_t, int64_t>(
                               *a[0], n, res, [](int64_t d) -> int64_t { return DateIsFinite(d); });
                         }));
  for (TypeId t : {TypeId::kTimestamp, TypeId::kTimestampTz}) {
    r.AddScalar(MakeScalar("isfinite", {t}, b, [](Args a, size_t n, Vector& res, FunctionContext&) {
      UnaryLoop<int64_t, int64_t>(*a[0], n, res,
                                  [](int64_t t) -> int64_t { return TimestampIsFinite(t); });
    }));
  }
  r.AddScalar(MakeScalar("isfinite", {iv}, b, [](Args a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<Interval, int64_t>(*a[0], n, res, [](const Interval&) -> int64_t { return 1; });
  }));
}

}  // namespace kadedb
