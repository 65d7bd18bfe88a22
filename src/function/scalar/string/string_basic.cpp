// Basic string functions: length/char_length/character_length, octet_length, lower, upper,
// initcap (ASCII case folding, as PostgreSQL under the C collation), reverse, repeat, ascii, chr,
// starts_with, left, right, to_hex.
#include <cctype>
#include <cstdio>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "common/utf8.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

template <class R, class Op>
ScalarExec Unary(Op op) {
  return [op](Args a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<Str, R>(*a[0], n, res, op);
  };
}
template <class B, class R, class Op>
ScalarExec Binary(Op op) {
  return [op](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<Str, B, R>(*a[0], *a[1], n, res, op);
  };
}

Str MapAscii(const Str& s, int (*f)(int)) {
  Str out = s;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80) c = static_cast<char>(f(u));
  }
  return out;
}

Str InitCap(const Str& s) {
  Str out = s;
  bool word = false;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      word = true;
      continue;
    }
    c = static_cast<char>(word ? std::tolower(u) : std::toupper(u));
    word = std::isalnum(u) != 0;
  }
  return out;
}

Str Reverse(const Str& s) {
  Str out;
  out.reserve(s.size());
  size_t i = s.size();
  while (i > 0) {
    size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
    out.append(s, start, i - start);
    i = start;
  }
  return out;
}

Str Repeat(const Str& s, int64_t n) {
  if (n <= 0 || s.empty()) return {};
  if (static_cast<__int128>(s.size()) * n > (int64_t{1} << 30)) {
    throw Exception(sqlstate::kProgramLimitExceeded, "requested length too large");
  }
  Str out;
  out.reserve(s.size() * n);
  for (int64_t i = 0; i < n; i++) out += s;
  return out;
}

Str Chr(int64_t code) {
  if (code == 0) throw Exception(sqlstate::kProgramLimitExceeded, "null character not permitted");
  if (code < 0) {
    throw Exception(sqlstate::kProgramLimitExceeded, "character number must be positive");
  }
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    throw Exception(sqlstate::kProgramLimitExceeded,
                    "requested character too large for encoding: " + std::to_string(code));
  }
  Str out;
  Utf8Append(out, static_cast<uint32_t>(code));
  return out;
}

Str Left(const Str& s, int64_t n) {
  if (n >= 0) return s.substr(0, Utf8Offset(s, n));
  int64_t len = Utf8Length(s);
  return len + n <= 0 ? Str() : s.substr(0, Utf8Offset(s, len + n));
}

Str Right(const Str& s, int64_t n) {
  int64_t len = Utf8Length(s);
  if (n >= 0) return n >= len ? s : s.substr(Utf8Offset(s, len - n));
  return -n >= len ? Str() : s.substr(Utf8Offset(s, -n));
}

template <class U>
Str ToHex(int64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(static_cast<U>(v)));
  return buf;
}

}  // namespace

void RegisterStringBasicFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, integer = TypeId::kInteger, b = TypeId::kBoolean;
  auto length = Unary<int64_t>([](const Str& s) { return Utf8Length(s); });
  for (const char* name : {"length", "char_length", "character_length"}) {
    r.AddScalar(MakeScalar(name, {text}, integer, length));
  }
  auto octets = Unary<int64_t>([](const Str& s) { return static_cast<int64_t>(s.size()); });
  r.AddScalar(MakeScalar("octet_length", {text}, integer, octets));
  r.AddScalar(MakeScalar("octet_length", {TypeId::kBytea}, integer, octets));
  r.AddScalar(MakeScalar("length", {TypeId::kBytea}, integer, octets));
  r.AddScalar(MakeScalar("lower", {text}, text,
                         Unary<Str>([](const Str& s) { return MapAscii(s, ::tolower); })));
  r.AddScalar(MakeScalar("upper", {text}, text,
                         Unary<Str>([](const Str& s) { return MapAscii(s, ::toupper); })));
  r.AddScalar(MakeScalar("initcap", {text}, text, Unary<Str>(InitCap)));
  r.AddScalar(MakeScalar("reverse", {text}, text, Unary<Str>(Reverse)));
  r.AddScalar(MakeScalar("repeat", {text, integer}, text, Binary<int64_t, Str>(Repeat)));
  r.AddScalar(MakeScalar("ascii", {text}, integer, Unary<int64_t>([](const Str& s) -> int64_t {
                           if (s.empty()) return 0;
                           size_t i = 0;
                           return Utf8Decode(s, i);
                         })));
  r.AddScalar(
      MakeScalar("chr", {integer}, text, [](Args a, size_t n, Vector& res, FunctionContext&) {
        UnaryLoop<int64_t, Str>(*a[0], n, res, Chr);
      }));
  r.AddScalar(MakeScalar("starts_with", {text, text}, b,
                         Binary<Str, int64_t>([](const Str& s, const Str& p) -> int64_t {
                           return s.compare(0, p.size(), p) == 0;
                         })));
  r.AddScalar(MakeScalar("left", {text, integer}, text, Binary<int64_t, Str>(Left)));
  r.AddScalar(MakeScalar("right", {text, integer}, text, Binary<int64_t, Str>(Right)));
  r.AddScalar(
      MakeScalar("to_hex", {integer}, text, [](Args a, size_t n, Vector& res, FunctionContext&) {
        UnaryLoop<int64_t, Str>(*a[0], n, res, ToHex<uint32_t>);
      }));
  r.AddScalar(MakeScalar("to_hex", {TypeId::kBigInt}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           UnaryLoop<int64_t, Str>(*a[0], n, res, ToHex<uint64_t>);
                         }));
}

}  // namespace kadedb
