// Casts among date, time, timestamp, timestamptz and interval (session time zone: UTC for now;
// the zone lookups go through TimeZone so a tz database can slot in).
#include "common/datetime.hpp"
#include "function/cast/cast_internal.hpp"

namespace kadedb {

namespace {

int64_t DateToTimestamp(int64_t d) {
  if (d == kDateNegInfinity) return kTimestampNegInfinity;
  if (d == kDatePosInfinity) return kTimestampPosInfinity;
  if (d < kMinDate || d > kMaxTimestamp / kMicrosPerDay) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  }
  return d * kMicrosPerDay;
}

int64_t TimestampToDate(int64_t ts) {
  if (ts == kTimestampNegInfinity) return kDateNegInfinity;
  if (ts == kTimestampPosInfinity) return kDatePosInfinity;
  return FloorDiv(ts, kMicrosPerDay);
}

// Local wall-clock micros of a timestamptz in the session zone, and back.
int64_t ToLocal(int64_t utc) {
  if (!TimestampIsFinite(utc)) return utc;
  return utc + TimeZone::Utc().OffsetAtUtc(utc) * kMicrosPerSecond;
}
int64_t FromLocal(int64_t local) {
  if (!TimestampIsFinite(local)) return local;
  return local - TimeZone::Utc().OffsetForLocal(local) * kMicrosPerSecond;
}

template <typename Fn>
void MapInts(const Vector& source, size_t count, Vector& result, Fn fn) {
  const auto& valid = source.validity();
  const auto& in = source.ints();
  auto& out = result.ints();
  for (size_t i = 0; i < count; ++i) {
    if (valid[i]) out[i] = fn(in[i]);
  }
}

}  // namespace

bool CastDatetimeVector(const Vector& source, size_t count, const LogicalType& target,
                        Vector& result) {
  TypeId from = source.type().id, to = target.id;
  const auto& valid = source.validity();
  if (from == TypeId::kDate) {
    if (to == TypeId::kTimestamp) return MapInts(source, count, result, DateToTimestamp), true;
    if (to == TypeId::kTimestampTz) {
      MapInts(source, count, result, [](int64_t d) { return FromLocal(DateToTimestamp(d)); });
      return true;
    }
    return false;
  }
  if (from == TypeId::kTimestamp || from == TypeId::kTimestampTz) {
    bool tz = from == TypeId::kTimestampTz;
    auto local = [tz](int64_t ts) { return tz ? ToLocal(ts) : ts; };
    switch (to) {
      case TypeId::kDate:
        MapInts(source, count, result, [&](int64_t ts) { return TimestampToDate(local(ts)); });
        return true;
      case TypeId::kTime:
        MapInts(source, count, result, [&](int64_t ts) {
          if (!TimestampIsFinite(ts)) {
            throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
          }
          return FloorMod(local(ts), kMicrosPerDay);
        });
        return true;
      case TypeId::kTimestamp:
        MapInts(source, count, result, ToLocal);
        return true;
      case TypeId::kTimestampTz:
        MapInts(source, count, result, FromLocal);
        return true;
      default:
        return false;
    }
  }
  if (from == TypeId::kTime && to == TypeId::kInterval) {
    auto& out = result.intervals();
    for (size_t i = 0; i < count; ++i) {
      if (valid[i]) out[i] = Interval{0, 0, source.ints()[i]};
    }
    return true;
  }
  if (from == TypeId::kInterval && to == TypeId::kTime) {
    auto& out = result.ints();
    for (size_t i = 0; i < count; ++i) {
      if (valid[i]) out[i] = FloorMod(source.intervals()[i].micros, kMicrosPerDay);
    }
    return true;
  }
  return false;
}

}  // namespace kadedb
