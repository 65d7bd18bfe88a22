// Helpers shared by the date/time functions: the session time zone and UTC <-> local conversion
// of timestamptz values (infinities pass through).
#pragma once

#include "common/datetime.hpp"
#include "function/function.hpp"

namespace kadedb {

inline TimeZone SessionTimeZone(const FunctionContext& ctx) {
  TimeZone tz = TimeZone::Utc();
  TimeZone::FromName(ctx.timezone, &tz);
  return tz;
}

inline int64_t UtcToLocal(int64_t utc, const TimeZone& tz) {
  if (!TimestampIsFinite(utc)) return utc;
  return utc + int64_t{tz.OffsetAtUtc(utc)} * kMicrosPerSecond;
}

inline int64_t LocalToUtc(int64_t local, const TimeZone& tz) {
  if (!TimestampIsFinite(local)) return local;
  return local - int64_t{tz.OffsetForLocal(local)} * kMicrosPerSecond;
}

}  // namespace kadedb
