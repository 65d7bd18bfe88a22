// Array encoding and text output (docs/formats/array.md).
#include "common/array_format.hpp"

#include <bit>
#include <cmath>

#include "common/decimal.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowBadArray() {
  throw Exception(sqlstate::kDataCorrupted, "malformed array encoding");
}

void PutBE64(std::string* out, uint64_t v) {
  for (int i = 7; i >= 0; i--) out->push_back(static_cast<char>((v >> (i * 8)) & 0xff));
}

void PutLE(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++) out->push_back(static_cast<char>((v >> (i * 8)) & 0xff));
}

// Sequential reader over an encoding; every read checks bounds.
class ArrayReader {
 public:
  explicit ArrayReader(std::string_view b) : b_(b) {}
  uint8_t Byte() {
    if (pos_ >= b_.size()) ThrowBadArray();
    return static_cast<uint8_t>(b_[pos_++]);
  }
  uint64_t BE64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | Byte();
    return v;
  }
  uint64_t LE(int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v |= static_cast<uint64_t>(Byte()) << (i * 8);
    return v;
  }
  void Skip(size_t n) {
    if (b_.size() - pos_ < n) ThrowBadArray();
    pos_ += n;
  }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

enum class Body : uint8_t { kInt, kDouble, kDecimal, kString, kInterval };

Body BodyOf(const LogicalType& elem) {
  switch (PhysicalOf(elem)) {
    case PhysicalType::kInt64:
      return Body::kInt;
    case PhysicalType::kDouble:
      return Body::kDouble;
    case PhysicalType::kDecimal:
      return Body::kDecimal;
    case PhysicalType::kString:
      return Body::kString;
    case PhysicalType::kInterval:
      return Body::kInterval;
  }
  return Body::kInt;
}

// Decimal body: sign byte (0x01 negative, 0x02 zero, 0x03 positive); for non-zero values the
// exponent and base-100 digit pairs of the normalised value (trailing zeros stripped) as the key
// codec writes them, inverted for negatives, and a terminator; then the display scale.
void PutDecimal(std::string* out, const Decimal& d) {
  DecimalEncodeOrdered(out, d);
  out->push_back(static_cast<char>(d.scale));
}

Decimal GetDecimal(ArrayReader& r) {
  uint8_t sign = r.Byte();
  if (sign == 0x02) return Decimal{0, static_cast<int32_t>(r.Byte())};
  if (sign != 0x01 && sign != 0x03) ThrowBadArray();
  uint8_t flip = sign == 0x01 ? 0xff : 0x00;
  int32_t exponent = static_cast<int32_t>(static_cast<uint8_t>(r.Byte() ^ flip)) - 128;
  unsigned __int128 mag = 0;
  int ndigits = 0;
  int pending_zeros = 0;  // a trailing 0 may be padding; only multiply it in when more follow
  while (true) {
    uint8_t b = r.Byte() ^ flip;
    if (b == 0) break;
    if (b > 100) ThrowBadArray();
    int pair = b - 1;
    for (int digit : {pair / 10, pair % 10}) {
      ndigits++;
      if (digit == 0) {
        pending_zeros++;
        continue;
      }
      for (; pending_zeros > 0; pending_zeros--) mag *= 10;
      mag = mag * 10 + digit;
    }
  }
  // value = 0.D * 10^exponent; D without its trailing zeros has ndigits - pending_zeros digits.
  int32_t scale = (ndigits - pending_zeros) - exponent;
  int32_t display = r.Byte();
  for (; scale < display; scale++) mag *= 10;
  for (; scale > display; scale--) mag /= 10;  // only zeros (display scale >= the value's)
  __int128 m = static_cast<__int128>(mag);
  return Decimal{sign == 0x01 ? -m : m, display};
}

void PutString(std::string* out, std::string_view s) {
  for (char c : s) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xff');
  }
  out->push_back('\0');
  out->push_back('\0');
}

std::string GetString(ArrayReader& r) {
  std::string s;
  while (true) {
    char c = static_cast<char>(r.Byte());
    if (c != '\0') {
      s.push_back(c);
      continue;
    }
    uint8_t next = r.Byte();
    if (next == 0x00) return s;
    if (next != 0xff) ThrowBadArray();
    s.push_back('\0');
  }
}

uint64_t DoubleKey(double v) {
  uint64_t bits;
  if (std::isnan(v)) {
    bits = 0x7ff8000000000000ull;
  } else {
    if (v == 0) v = 0.0;
    bits = std::bit_cast<uint64_t>(v);
  }
  return (bits >> 63) ? ~bits : (bits | (1ull << 63));
}

double DoubleFromKey(uint64_t k) {
  uint64_t bits = (k >> 63) ? (k & ~(1ull << 63)) : ~k;
  return std::bit_cast<double>(bits);
}

Value MakeElement(const LogicalType& elem, Body body, ArrayReader& r) {
  switch (body) {
    case Body::kInt:
      return Value::FromInt(elem, static_cast<int64_t>(r.BE64() ^ (1ull << 63)));
    case Body::kDouble: {
      double d = DoubleFromKey(r.BE64());
      return elem.id == TypeId::kReal ? Value::Real(static_cast<float>(d)) : Value::Double(d);
    }
    case Body::kDecimal:
      return Value::Numeric(GetDecimal(r), elem);
    case Body::kString: {
      std::string s = GetString(r);
      switch (elem.id) {
        case TypeId::kVarchar:
          return Value::Varchar(std::move(s), elem.length);
        case TypeId::kBytea:
          return Value::Bytea(std::move(s));
        case TypeId::kUuid:
          return Value::Uuid(std::move(s));
        default:
          return Value::Text(std::move(s));
      }
    }
    case Body::kInterval: {
      r.Skip(16);  // the order key; the exact fields follow
      Interval iv;
      iv.months = static_cast<int32_t>(r.LE(4));
      iv.days = static_cast<int32_t>(r.LE(4));
      iv.micros = static_cast<int64_t>(r.LE(8));
      return Value::FromInterval(iv);
    }
  }
  ThrowBadArray();
}

}  // namespace

void AppendArrayElement(std::string* out, const LogicalType& elem, const Value& v) {
  if (v.IsNull()) {
    out->push_back(static_cast<char>(kArrayNull));
    return;
  }
  out->push_back(static_cast<char>(kArrayValue));
  switch (BodyOf(elem)) {
    case Body::kInt:
      PutBE64(out, static_cast<uint64_t>(v.GetInt()) ^ (1ull << 63));
      return;
    case Body::kDouble:
      PutBE64(out, DoubleKey(v.GetDouble()));
      return;
    case Body::kDecimal:
      PutDecimal(out, v.GetDecimal());
      return;
    case Body::kString:
      PutString(out, v.GetString());
      return;
    case Body::kInterval: {
      // Order key: the total length with 30-day months (PostgreSQL's interval comparison).
      const Interval& iv = v.GetInterval();
      constexpr __int128 kMicrosPerDay = 86400ll * 1000000ll;
      __int128 total = static_cast<__int128>(iv.months) * 30 * kMicrosPerDay +
                       static_cast<__int128>(iv.days) * kMicrosPerDay + iv.micros;
      auto u = static_cast<unsigned __int128>(total) ^ (static_cast<unsigned __int128>(1) << 127);
      PutBE64(out, static_cast<uint64_t>(u >> 64));
      PutBE64(out, static_cast<uint64_t>(u));
      PutLE(out, static_cast<uint32_t>(iv.months), 4);
      PutLE(out, static_cast<uint32_t>(iv.days), 4);
      PutLE(out, static_cast<uint64_t>(iv.micros), 8);
      return;
    }
  }
}

std::string EncodeArray(const LogicalType& elem, const std::vector<Value>& values) {
  std::string out;
  for (const auto& v : values) AppendArrayElement(&out, elem, v);
  FinishArray(&out);
  return out;
}

std::vector<Value> DecodeArray(std::string_view bytes, const LogicalType& elem) {
  std::vector<Value> values;
  ArrayReader r(bytes);
  Body body = BodyOf(elem);
  while (true) {
    uint8_t marker = r.Byte();
    if (marker == kArrayEnd) return values;
    if (marker == kArrayNull) {
      values.push_back(Value::Null(elem));
    } else if (marker == kArrayValue) {
      values.push_back(MakeElement(elem, body, r));
    } else {
      ThrowBadArray();
    }
  }
}

size_t ArrayLength(std::string_view bytes, const LogicalType& elem) {
  // Fixed-size bodies can be skipped; the others are decoded (still linear).
  Body body = BodyOf(elem);
  if (body != Body::kInt && body != Body::kDouble) return DecodeArray(bytes, elem).size();
  ArrayReader r(bytes);
  size_t n = 0;
  while (true) {
    uint8_t marker = r.Byte();
    if (marker == kArrayEnd) return n;
    if (marker == kArrayValue) r.Skip(8);
    n++;
  }
}

void AppendArrayElementText(std::string* out, const std::string& text) {
  bool quote =
      text.empty() || (text.size() == 4 && (text[0] == 'N' || text[0] == 'n') &&
                       (text[1] == 'U' || text[1] == 'u') && (text[2] == 'L' || text[2] == 'l') &&
                       (text[3] == 'L' || text[3] == 'l'));
  for (char c : text) {
    if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' ||
        c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string FormatArray(std::string_view bytes, const LogicalType& elem) {
  std::string out = "{";
  bool first = true;
  for (const auto& v : DecodeArray(bytes, elem)) {
    if (!first) out.push_back(',');
    first = false;
    if (v.IsNull()) {
      out += "NULL";
    } else {
      AppendArrayElementText(&out, v.ToString());
    }
  }
  out.push_back('}');
  return out;
}

}  // namespace kadedb
