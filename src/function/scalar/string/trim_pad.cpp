// trim/btrim, ltrim, rtrim (default: spaces; or any character of a given set) and lpad/rpad
// (default fill: space; the result is truncated to the requested length, on the right for both,
// as PostgreSQL does).
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "common/utf8.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

// Trims characters of `set` (whole UTF-8 characters) from the chosen ends.
Str Trim(const Str& s, const Str& set, bool left, bool right) {
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < set.size();) {
    size_t len = Utf8SeqLen(set[i]);
    chars.push_back(std::string_view(set).substr(i, len));
    i += len;
  }
  auto in_set = [&](std::string_view c) {
    for (auto x : chars) {
      if (x == c) return true;
    }
    return false;
  };
  size_t b = 0, e = s.size();
  if (left) {
    while (b < e) {
      size_t len = Utf8SeqLen(s[b]);
      if (!in_set(std::string_view(s).substr(b, len))) break;
      b += len;
    }
  }
  if (right) {
    while (e > b) {
      size_t start = e - 1;
      while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
      if (!in_set(std::string_view(s).substr(start, e - start))) break;
      e = start;
    }
  }
  return s.substr(b, e - b);
}

Str Pad(const Str& s, int64_t len, const Str& fill, bool left) {
  if (len <= 0) return {};
  if (len > (int64_t{1} << 28)) {
    throw Exception(sqlstate::kProgramLimitExceeded, "requested length too large");
  }
  int64_t have = Utf8Length(s);
  if (have >= len) return s.substr(0, Utf8Offset(s, len));
  if (fill.empty()) return s;
  int64_t need = len - have;
  int64_t fill_chars = Utf8Length(fill);
  Str pad;
  while (need >= fill_chars) {
    pad += fill;
    need -= fill_chars;
  }
  pad += fill.substr(0, Utf8Offset(fill, need));
  return left ? pad + s : s + pad;
}

void AddTrim(FunctionRegistry& r, const char* name, bool left, bool right) {
  const LogicalType text = TypeId::kText;
  r.AddScalar(MakeScalar(
      name, {text}, text, [left, right](Args a, size_t n, Vector& res, FunctionContext&) {
        UnaryLoop<Str, Str>(*a[0], n, res, [&](const Str& s) { return Trim(s, " ", left, right); });
      }));
  r.AddScalar(MakeScalar(
      name, {text, text}, text, [left, right](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<Str, Str, Str>(*a[0], *a[1], n, res, [&](const Str& s, const Str& set) {
          return Trim(s, set, left, right);
        });
      }));
}

void AddPad(FunctionRegistry& r, const char* name, bool left) {
  const LogicalType text = TypeId::kText, integer = TypeId::kInteger;
  r.AddScalar(MakeScalar(
      name, {text, integer}, text, [left](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<Str, int64_t, Str>(*a[0], *a[1], n, res, [&](const Str& s, int64_t len) {
          return Pad(s, len, " ", left);
        });
      }));
  r.AddScalar(MakeScalar(
      name, {text, integer, text}, text, [left](Args a, size_t n, Vector& res, FunctionContext&) {
        TernaryLoop<Str, int64_t, Str, Str>(
            *a[0], *a[1], *a[2], n, res,
            [&](const Str& s, int64_t len, const Str& fill) { return Pad(s, len, fill, left); });
      }));
}

}  // namespace

void RegisterTrimPadFunctions(FunctionRegistry& registry) {
  AddTrim(registry, "trim", true, true);
  AddTrim(registry, "btrim", true, true);
  AddTrim(registry, "ltrim", true, false);
  AddTrim(registry, "rtrim", false, true);
  AddPad(registry, "lpad", true);
  AddPad(registry, "rpad", false);
}

}  // namespace kadedb
