// Current date/time functions. now(), current_timestamp and transaction_timestamp() are fixed per
// transaction, statement_timestamp() per statement (both from FunctionContext); clock_timestamp()
// reads the clock (volatile). current_date, current_time, localtimestamp and localtime give the
// transaction time in the session time zone.
#include <chrono>

#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

void Fill(Vector& res, size_t n, int64_t v) {
  res.Resize(n);
  for (size_t i = 0; i < n; i++) {
    res.ints()[i] = v;
    res.SetNull(i, false);
  }
}

template <class F>
void Add(FunctionRegistry& r, const char* name, TypeId type, F value, bool is_volatile = false) {
  ScalarFunction f = MakeScalar(
      name, {}, type,
      [value](Args, size_t n, Vector& res, FunctionContext& ctx) { Fill(res, n, value(ctx)); });
  f.is_volatile = is_volatile;
  r.AddScalar(std::move(f));
}

int64_t LocalNow(const FunctionContext& ctx) {
  return UtcToLocal(ctx.transaction_timestamp_micros, SessionTimeZone(ctx));
}

}  // namespace

void RegisterCurrentTimeFunctions(FunctionRegistry& r) {
  auto txn = [](const FunctionContext& ctx) { return ctx.transaction_timestamp_micros; };
  for (const char* name : {"now", "current_timestamp", "transaction_timestamp"}) {
    Add(r, name, TypeId::kTimestampTz, txn);
  }
  Add(r, "statement_timestamp", TypeId::kTimestampTz,
      [](const FunctionContext& ctx) { return ctx.statement_timestamp_micros; });
  Add(
      r, "clock_timestamp", TypeId::kTimestampTz,
      [](const FunctionContext&) -> int64_t {
        return std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      },
      true);
  Add(r, "current_date", TypeId::kDate,
      [](const FunctionContext& ctx) { return FloorDiv(LocalNow(ctx), kMicrosPerDay); });
  Add(r, "current_time", TypeId::kTime,
      [](const FunctionContext& ctx) { return FloorMod(LocalNow(ctx), kMicrosPerDay); });
  Add(r, "localtime", TypeId::kTime,
      [](const FunctionContext& ctx) { return FloorMod(LocalNow(ctx), kMicrosPerDay); });
  Add(r, "localtimestamp", TypeId::kTimestamp, LocalNow);
}

}  // namespace kadedb
