// Type OIDs and wire formats (pg_wire_types.hpp).
#include "server/pg_wire_types.hpp"

#include <cstring>

#include "catalog/pg_types.hpp"
#include "common/array_format.hpp"
#include "common/exception.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

namespace {

// Days and microseconds between 1970-01-01 (KadeDB's epoch) and 2000-01-01 (PostgreSQL's).
constexpr int64_t kEpochDays = 10957;
constexpr int64_t kEpochMicros = kEpochDays * 86400 * INT64_C(1000000);

void Put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, static_cast<uint16_t>(v >> 16));
  Put16(out, static_cast<uint16_t>(v));
}
void Put64(std::string& out, uint64_t v) {
  Put32(out, static_cast<uint32_t>(v >> 32));
  Put32(out, static_cast<uint32_t>(v));
}
uint64_t GetBig(std::string_view d, size_t offset, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v = (v << 8) | static_cast<unsigned char>(d[offset + i]);
  return v;
}

[[noreturn]] void BadBinary(const LogicalType& type) {
  throw Exception("22P03",
                  "incorrect binary data format in bind parameter of type " + type.ToString());
}

// numeric text ("-12.3400") -> PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then
// base-10000 digits with the decimal point on a digit boundary.
std::string NumericToBinary(const std::string& text) {
  std::string out;
  bool negative = !text.empty() && text[0] == '-';
  std::string s = negative ? text.substr(1) : text;
  if (s == "NaN") {
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0xC000);
    Put16(out, 0);
    return out;
  }
  size_t dot = s.find('.');
  std::string int_part = dot == std::string::npos ? s : s.substr(0, dot);
  std::string frac_part = dot == std::string::npos ? "" : s.substr(dot + 1);
  int dscale = static_cast<int>(frac_part.size());
  // Pad the integer part on the left and the fraction on the right to multiples of 4.
  while (int_part.size() % 4) int_part.insert(int_part.begin(), '0');
  while (frac_part.size() % 4) frac_part.push_back('0');
  std::string all = int_part + frac_part;
  std::vector<uint16_t> digits;
  for (size_t i = 0; i < all.size(); i += 4) {
    digits.push_back(static_cast<uint16_t>(std::stoi(all.substr(i, 4))));
  }
  int weight = static_cast<int>(int_part.size() / 4) - 1;
  // Strip leading and trailing zero digits (PostgreSQL's canonical form).
  size_t first = 0;
  while (first < digits.size() && digits[first] == 0) {
    first++;
    weight--;
  }
  size_t last = digits.size();
  while (last > first && digits[last - 1] == 0) last--;
  if (first == last) weight = 0;
  Put16(out, static_cast<uint16_t>(last - first));
  Put16(out, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  Put16(out, (negative && first != last) ? 0x4000 : 0x0000);
  Put16(out, static_cast<uint16_t>(dscale));
  for (size_t i = first; i < last; i++) Put16(out, digits[i]);
  return out;
}

std::string NumericFromBinary(std::string_view d, const LogicalType& type) {
  if (d.size() < 8) BadBinary(type);
  int ndigits = static_cast<int>(GetBig(d, 0, 2));
  int weight = static_cast<int16_t>(GetBig(d, 2, 2));
  uint16_t sign = static_cast<uint16_t>(GetBig(d, 4, 2));
  int dscale = static_cast<int>(GetBig(d, 6, 2));
  if (d.size() != 8 + 2 * static_cast<size_t>(ndigits) || dscale > 1000) BadBinary(type);
  if (sign == 0xC000) return "NaN";
  if (sign != 0 && sign != 0x4000) BadBinary(type);
  std::string int_part, frac_part;
  for (int i = 0; i < ndigits; i++) {
    int digit = static_cast<int>(GetBig(d, 8 + 2 * i, 2));
    if (digit > 9999) BadBinary(type);
    char buf[8];
    std::snprintf(buf, sizeof(buf), "%04d", digit);
    if (i <= weight) {
      int_part += buf;
    } else {
      frac_part += buf;
    }
  }
  for (int i = ndigits; i <= weight; i++) int_part += "0000";
  if (weight < -1) frac_part.insert(0, static_cast<size_t>(4 * (-1 - weight)), '0');
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  if (static_cast<int>(frac_part.size()) > dscale) frac_part.resize(dscale);
  while (static_cast<int>(frac_part.size()) < dscale) frac_part.push_back('0');
  std::string s = (sign == 0x4000 ? "-" : "") + int_part;
  if (!frac_part.empty()) s += "." + frac_part;
  return s;
}

}  // namespace

// The oids, typmods and lengths come from the catalog's one type table (catalog/pg_types.hpp),
// so RowDescription and pg_type always agree; arrays get their array type (int4[] = 1007).
int32_t WireTypeOid(const LogicalType& type) {
  uint32_t oid = PgCatalogTypeOid(type);
  return oid == 0 ? wire_oid::kText : static_cast<int32_t>(oid);
}

int32_t WireTypeMod(const LogicalType& type) {
  return PgCatalogTypmod(type);
}

int16_t WireTypeLen(const LogicalType& type) {
  const PgTypeInfo* info = FindPgType(static_cast<uint32_t>(WireTypeOid(type)));
  return info ? info->length : -1;
}

LogicalType LogicalTypeFromWireOid(int32_t oid) {
  switch (oid) {
    case wire_oid::kBool:
      return TypeId::kBoolean;
    case wire_oid::kBytea:
      return TypeId::kBytea;
    case wire_oid::kInt8:
      return TypeId::kBigInt;
    case wire_oid::kInt2:
      return TypeId::kSmallInt;
    case wire_oid::kInt4:
      return TypeId::kInteger;
    case wire_oid::kOid:
      return TypeId::kBigInt;
    case wire_oid::kText:
      return TypeId::kText;
    case wire_oid::kFloat4:
      return TypeId::kReal;
    case wire_oid::kFloat8:
      return TypeId::kDouble;
    case wire_oid::kBpchar:
    case wire_oid::kVarchar:
      return TypeId::kVarchar;
    case wire_oid::kDate:
      return TypeId::kDate;
    case wire_oid::kTime:
      return TypeId::kTime;
    case wire_oid::kTimestamp:
      return TypeId::kTimestamp;
    case wire_oid::kTimestampTz:
      return TypeId::kTimestampTz;
    case wire_oid::kInterval:
      return TypeId::kInterval;
    case wire_oid::kNumeric:
      return TypeId::kDecimal;
    case wire_oid::kUuid:
      return TypeId::kUuid;
    default: {
      // An array type (_int4 = 1007 ...): the array of its element's type.
      const PgTypeInfo* info = FindPgType(static_cast<uint32_t>(oid));
      if (info && info->category == 'A' && info->element != 0) {
        LogicalType element = LogicalTypeFromWireOid(static_cast<int32_t>(info->element));
        if (element.id != TypeId::kNull && !element.IsArray()) return LogicalType::Array(element);
      }
      return TypeId::kNull;
    }
  }
}

std::string WireTextValue(const Value& value) {
  return value.ToString();
}

std::string WireBinaryValue(const Value& value) {
  std::string out;
  switch (value.type().id) {
    case TypeId::kBoolean:
      out.push_back(value.GetBool() ? 1 : 0);
      break;
    case TypeId::kSmallInt:
      Put16(out, static_cast<uint16_t>(value.GetInt()));
      break;
    case TypeId::kInteger:
      Put32(out, static_cast<uint32_t>(value.GetInt()));
      break;
    case TypeId::kBigInt:
    case TypeId::kTime:
      Put64(out, static_cast<uint64_t>(value.GetInt()));
      break;
    case TypeId::kReal: {
      float f = static_cast<float>(value.GetDouble());
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      Put32(out, bits);
      break;
    }
    case TypeId::kDouble: {
      double f = value.GetDouble();
      uint64_t bits;
      std::memcpy(&bits, &f, 8);
      Put64(out, bits);
      break;
    }
    case TypeId::kDecimal:
      out = NumericToBinary(value.ToString());
      break;
    case TypeId::kDate:
      Put32(out, static_cast<uint32_t>(value.GetInt() - kEpochDays));
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      Put64(out, static_cast<uint64_t>(value.GetInt() - kEpochMicros));
      break;
    case TypeId::kInterval:
      Put64(out, static_cast<uint64_t>(value.GetInterval().micros));
      Put32(out, static_cast<uint32_t>(value.GetInterval().days));
      Put32(out, static_cast<uint32_t>(value.GetInterval().months));
      break;
    case TypeId::kVarchar:
    case TypeId::kText:
    case TypeId::kBytea:
    case TypeId::kUuid:
      out = value.GetString();
      break;
    case TypeId::kArray:
      out = ArrayToBinary(value);
      break;
    default:
      out = value.ToString();  // sent as text (its OID says text)
      break;
  }
  return out;
}

// PostgreSQL's array_send for a one-dimensional array: ndim (0 when empty), has-nulls flag,
// element oid, then length and lower bound 1, then each element as length + typsend bytes
// (-1 for NULL).
std::string ArrayToBinary(const Value& value) {
  LogicalType element = value.type().ElementType();
  std::vector<Value> items = DecodeArray(value.GetString(), element);
  bool has_null = false;
  for (auto& v : items) has_null |= v.IsNull();
  std::string out;
  Put32(out, items.empty() ? 0 : 1);
  Put32(out, has_null ? 1 : 0);
  Put32(out, static_cast<uint32_t>(WireTypeOid(element)));
  if (items.empty()) return out;
  Put32(out, static_cast<uint32_t>(items.size()));
  Put32(out, 1);
  for (auto& v : items) {
    if (v.IsNull()) {
      Put32(out, 0xFFFFFFFFu);
      continue;
    }
    std::string bytes = WireBinaryValue(v);
    Put32(out, static_cast<uint32_t>(bytes.size()));
    out += bytes;
  }
  return out;
}

Value WireDecodeBinary(std::string_view d, const LogicalType& type) {
  auto need = [&](size_t n) {
    if (d.size() != n) BadBinary(type);
  };
  switch (type.id) {
    case TypeId::kBoolean:
      need(1);
      return Value::Boolean(d[0] != 0);
    case TypeId::kSmallInt:
      need(2);
      return Value::SmallInt(static_cast<int16_t>(GetBig(d, 0, 2)));
    case TypeId::kInteger:
      need(4);
      return Value::Integer(static_cast<int32_t>(GetBig(d, 0, 4)));
    case TypeId::kBigInt:
      // int2/int4 values arrive for an int8 parameter when the client declared a narrower OID.
      if (d.size() == 4) return Value::BigInt(static_cast<int32_t>(GetBig(d, 0, 4)));
      need(8);
      return Value::BigInt(static_cast<int64_t>(GetBig(d, 0, 8)));
    case TypeId::kReal: {
      need(4);
      uint32_t bits = static_cast<uint32_t>(GetBig(d, 0, 4));
      float f;
      std::memcpy(&f, &bits, 4);
      return Value::Real(f);
    }
    case TypeId::kDouble: {
      need(8);
      uint64_t bits = GetBig(d, 0, 8);
      double f;
      std::memcpy(&f, &bits, 8);
      return Value::Double(f);
    }
    case TypeId::kDecimal:
      return ParseValue(NumericFromBinary(d, type), type);
    case TypeId::kDate:
      need(4);
      return Value::Date(static_cast<int32_t>(GetBig(d, 0, 4)) + kEpochDays);
    case TypeId::kTime:
      need(8);
      return Value::Time(static_cast<int64_t>(GetBig(d, 0, 8)));
    case TypeId::kTimestamp:
      need(8);
      return Value::Timestamp(static_cast<int64_t>(GetBig(d, 0, 8)) + kEpochMicros);
    case TypeId::kTimestampTz:
      need(8);
      return Value::TimestampTz(static_cast<int64_t>(GetBig(d, 0, 8)) + kEpochMicros);
    case TypeId::kInterval: {
      need(16);
      Interval iv;
      iv.micros = static_cast<int64_t>(GetBig(d, 0, 8));
      iv.days = static_cast<int32_t>(GetBig(d, 8, 4));
      iv.months = static_cast<int32_t>(GetBig(d, 12, 4));
      return Value::FromInterval(iv);
    }
    case TypeId::kUuid:
      need(16);
      return Value::Uuid(std::string(d));
    case TypeId::kBytea:
      return Value::Bytea(std::string(d));
    case TypeId::kVarchar:
      return Value::Varchar(std::string(d));
    case TypeId::kText:
      return Value::Text(std::string(d));
    case TypeId::kArray:
      return ArrayFromBinary(d, type);
    default:
      BadBinary(type);
  }
}

// array_recv for one-dimensional arrays (PostgreSQL's layout, see ArrayToBinary). The element oid
// in the data is not trusted: elements decode as type's element type. More dimensions: 0A000.
Value ArrayFromBinary(std::string_view d, const LogicalType& type) {
  if (d.size() < 12) BadBinary(type);
  int32_t ndim = static_cast<int32_t>(GetBig(d, 0, 4));
  LogicalType element = type.ElementType();
  std::vector<Value> items;
  if (ndim == 0) {
    if (d.size() != 12) BadBinary(type);
    return Value::Array(type, EncodeArray(element, items));
  }
  if (ndim != 1) {
    if (ndim < 0 || ndim > 6) BadBinary(type);
    throw Exception("0A000", "multidimensional arrays are not supported");
  }
  if (d.size() < 20) BadBinary(type);
  uint32_t count = static_cast<uint32_t>(GetBig(d, 12, 4));
  size_t pos = 20;
  if (count > (d.size() - pos) / 4) BadBinary(type);  // each element takes at least 4 bytes
  items.reserve(count);
  for (uint32_t i = 0; i < count; i++) {
    if (d.size() - pos < 4) BadBinary(type);
    int32_t len = static_cast<int32_t>(GetBig(d, pos, 4));
    pos += 4;
    if (len == -1) {
      items.push_back(Value::Null(element));
      continue;
    }
    if (len < 0 || static_cast<size_t>(len) > d.size() - pos) BadBinary(type);
    items.push_back(WireDecodeBinary(d.substr(pos, static_cast<size_t>(len)), element));
    pos += static_cast<size_t>(len);
  }
  if (pos != d.size()) BadBinary(type);
  return Value::Array(type, EncodeArray(element, items));
}

}  // namespace kadedb
