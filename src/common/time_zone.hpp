// TimeZone: maps UTC instants to local wall-clock time. Today only UTC and fixed offsets exist;
// a tz-database zone will implement the same two lookups (offset at a UTC instant, offset for a
// local wall-clock time), so callers never assume a zone's offset is constant.
#pragma once

#include <cstdint>
#include <string>

namespace kadedb {

class TimeZone {
 public:
  static TimeZone Utc() { return TimeZone(0, "UTC"); }
  // seconds_east: +3600 for UTC+01.
  static TimeZone FixedOffset(int32_t seconds_east) { return TimeZone(seconds_east, ""); }
  // Resolves a session TimeZone setting: "UTC", "GMT", "Z", "+02", "-05:30", "UTC+2" (POSIX-style
  // names are not supported yet). Returns false if unknown.
  static bool FromName(const std::string& name, TimeZone* out);

  // Offset (seconds east of UTC) in effect at the UTC instant.
  int32_t OffsetAtUtc(int64_t utc_micros) const { return offset_seconds_; }
  // Offset in effect for a local wall-clock time.
  int32_t OffsetForLocal(int64_t local_micros) const { return offset_seconds_; }
  const std::string& name() const { return name_; }

 private:
  TimeZone(int32_t offset, std::string name) : offset_seconds_(offset), name_(std::move(name)) {}
  int32_t offset_seconds_;
  std::string name_;
};

}  // namespace kadedb
