// Key codec: memcomparable encodings of each physical class (docs/formats/keys.md).
#include "storage/key_codec.hpp"

#include <bit>
#include <cmath>

#include "common/decimal.hpp"

namespace kadedb {

std::string KeyPrefix(uint64_t oid) {
  std::string k;
  k.reserve(16);
  PutFixed64BE(&k, oid);
  return k;
}

std::string RowKey(uint64_t table_oid, uint64_t row_id) {
  std::string k;
  k.reserve(16);
  PutFixed64BE(&k, table_oid);
  PutFixed64BE(&k, row_id);
  return k;
}

std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty()) {
    auto& last = reinterpret_cast<uint8_t&>(prefix.back());
    if (last != 0xff) {
      last++;
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

void EncodeKeyInt64(std::string* out, int64_t v) {
  PutFixed64BE(out, static_cast<uint64_t>(v) ^ (1ull << 63));
}

void EncodeKeyDouble(std::string* out, double v) {
  uint64_t bits;
  if (std::isnan(v)) {
    bits = 0x7ff8000000000000ull;  // one NaN, above +Infinity (PostgreSQL sorts NaN highest)
  } else {
    if (v == 0) v = 0.0;  // -0.0 == 0.0
    bits = std::bit_cast<uint64_t>(v);
  }
  bits = (bits >> 63) ? ~bits : (bits | (1ull << 63));
  PutFixed64BE(out, bits);
}

void EncodeKeyDecimal(std::string* out, const Decimal& d) {
  DecimalEncodeOrdered(out, d);
}

void EncodeKeyString(std::string* out, std::string_view s) {
  size_t start = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '\0') {
      out->append(s.data() + start, i - start);
      out->push_back('\0');
      out->push_back('\xff');
      start = i + 1;
    }
  }
  out->append(s.data() + start, s.size() - start);
  out->push_back('\0');
  out->push_back('\0');
}

void EncodeKeyInterval(std::string* out, const Interval& iv) {
  constexpr __int128 kMicrosPerDay = 86400ll * 1000000ll;
  __int128 total = static_cast<__int128>(iv.months) * 30 * kMicrosPerDay +
                   static_cast<__int128>(iv.days) * kMicrosPerDay + iv.micros;
  unsigned __int128 u =
      static_cast<unsigned __int128>(total) ^ (static_cast<unsigned __int128>(1) << 127);
  PutFixed64BE(out, static_cast<uint64_t>(u >> 64));
  PutFixed64BE(out, static_cast<uint64_t>(u));
}

namespace {

template <typename Int, typename Dbl, typename Dec, typename Str, typename Ivl>
void EncodeByType(std::string* out, const LogicalType& type, Int get_int, Dbl get_double,
                  Dec get_decimal, Str get_string, Ivl get_interval) {
  out->push_back(static_cast<char>(kKeyNotNull));
  switch (type.id) {
    case TypeId::kReal:
    case TypeId::kDouble:
      EncodeKeyDouble(out, get_double());
      return;
    case TypeId::kDecimal:
      EncodeKeyDecimal(out, get_decimal());
      return;
    case TypeId::kVarchar:
    case TypeId::kText:
    case TypeId::kBytea:
    case TypeId::kArray:  // the array encoding is itself memcomparable (docs/formats/array.md)
      EncodeKeyString(out, get_string());
      return;
    case TypeId::kUuid:
      out->append(get_string());  // fixed 16 bytes: raw bytes compare like PostgreSQL's uuid
      return;
    case TypeId::kInterval:
      EncodeKeyInterval(out, get_interval());
      return;
    default:
      EncodeKeyInt64(out, get_int());
      return;
  }
}

}  // namespace

void EncodeKeyValue(std::string* out, const Value& v, const LogicalType& type) {
  if (v.IsNull()) {
    out->push_back(static_cast<char>(kKeyNull));
    return;
  }
  EncodeByType(
      out, type, [&] { return v.GetInt(); }, [&] { return v.GetDouble(); },
      [&]() -> const Decimal& { return v.GetDecimal(); },
      [&]() -> const std::string& { return v.GetString(); },
      [&]() -> const Interval& { return v.GetInterval(); });
}

void EncodeKeyVector(std::string* out, const Vector& vec, size_t row) {
  if (vec.IsNull(row)) {
    out->push_back(static_cast<char>(kKeyNull));
    return;
  }
  EncodeByType(
      out, vec.type(), [&] { return vec.ints()[row]; }, [&] { return vec.doubles()[row]; },
      [&]() -> const Decimal& { return vec.decimals()[row]; },
      [&]() -> const std::string& { return vec.strings()[row]; },
      [&]() -> const Interval& { return vec.intervals()[row]; });
}

}  // namespace kadedb
