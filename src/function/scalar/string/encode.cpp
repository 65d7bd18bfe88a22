// Binary/text conversions: encode(bytea, 'hex' | 'base64' | 'escape') -> text and
// decode(text, format) -> bytea, plus bit_length and overlay(s placing r from n [for k]).
#include <cctype>
#include <cstdio>
#include <cstring>

#include "common/blob_format.hpp"
#include "common/utf8.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

[[noreturn]] void UnknownEncoding(const Str& name) {
  throw Exception(sqlstate::kInvalidParameterValue, "unrecognized encoding: \"" + name + "\"", 0,
                  "", "Valid encodings are \"base64\", \"escape\", and \"hex\".");
}

Str Encode(const Str& data, const Str& format) {
  Str out;
  if (format == "hex") {
    static const char* kHex = "0123456789abcdef";
    for (unsigned char c : data) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  } else if (format == "base64") {
    size_t line = 0;
    for (size_t i = 0; i < data.size(); i += 3) {
      uint32_t v = static_cast<unsigned char>(data[i]) << 16;
      if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
      if (i + 2 < data.size()) v |= static_cast<unsigned char>(data[i + 2]);
      if (line == 76) {  // PostgreSQL wraps base64 output at 76 characters
        out += '\n';
        line = 0;
      }
      out += kBase64[(v >> 18) & 63];
      out += kBase64[(v >> 12) & 63];
      out += i + 1 < data.size() ? kBase64[(v >> 6) & 63] : '=';
      out += i + 2 < data.size() ? kBase64[v & 63] : '=';
      line += 4;
    }
  } else if (format == "escape") {
    for (unsigned char c : data) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == 0 || c >= 0x80) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\%03o", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  } else {
    UnknownEncoding(format);
  }
  return out;
}

Str Decode(const Str& text, const Str& format) {
  Str out;
  if (format == "hex") {
    DecodeHex(text, sqlstate::kInvalidParameterValue, &out);
  } else if (format == "base64") {
    uint32_t acc = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
      if (std::isspace(static_cast<unsigned char>(c))) continue;
      if (c == '=') {
        padding = true;
        continue;
      }
      const char* p = c ? std::strchr(kBase64, c) : nullptr;
      if (p == nullptr || padding) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        Str("invalid symbol \"") + c + "\" found while decoding base64 sequence");
      }
      acc = (acc << 6) | static_cast<uint32_t>(p - kBase64);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((acc >> bits) & 0xFF);
      }
    }
  } else if (format == "escape") {
    for (size_t i = 0; i < text.size(); i++) {
      if (text[i] != '\\') {
        out += text[i];
      } else if (i + 1 < text.size() && text[i + 1] == '\\') {
        out += '\\';
        i++;
      } else if (i + 3 < text.size() + 0 && text[i + 1] >= '0' && text[i + 1] <= '3' &&
                 text[i + 2] >= '0' && text[i + 2] <= '7' && text[i + 3] >= '0' &&
                 text[i + 3] <= '7') {
        out += static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                                 (text[i + 3] - '0'));
        i += 3;
      } else {
        throw Exception(sqlstate::kInvalidTextRepresentation,
                        "invalid input syntax for type bytea");
      }
    }
  } else {
    UnknownEncoding(format);
  }
  return out;
}

Str Overlay(const Str& s, const Str& r, int64_t from, int64_t count) {
  if (from <= 0) {
    throw Exception("22011", "negative substring length not allowed");
  }
  if (count < 0) throw Exception("22011", "negative substring length not allowed");
  Str out = s.substr(0, Utf8Offset(s, from - 1));
  out += r;
  int64_t rest = from - 1 + count;
  if (rest < Utf8Length(s)) out += s.substr(Utf8Offset(s, rest));
  return out;
}

}  // namespace

void RegisterEncodeFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, bytea = TypeId::kBytea, integer = TypeId::kInteger;
  r.AddScalar(MakeScalar("encode", {bytea, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoop<Str, Str, Str>(*a[0], *a[1], n, res, Encode);
                         }));
  r.AddScalar(MakeScalar("decode", {text, text}, bytea,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoop<Str, Str, Str>(*a[0], *a[1], n, res, Decode);
                         }));
  for (const LogicalType& t : {text, bytea}) {
    r.AddScalar(
        MakeScalar("bit_length", {t}, integer, [](Args a, size_t n, Vector& res, FunctionContext&) {
          UnaryLoop<Str, int64_t>(*a[0], n, res,
                                  [](const Str& s) { return static_cast<int64_t>(s.size()) * 8; });
        }));
  }
  r.AddScalar(MakeScalar(
      "overlay", {text, text, integer}, text, [](Args a, size_t n, Vector& res, FunctionContext&) {
        TernaryLoop<Str, Str, int64_t, Str>(*a[0], *a[1], *a[2], n, res,
                                            [](const Str& s, const Str& r, int64_t from) {
                                              return Overlay(s, r, from, Utf8Length(r));
                                            });
      }));
  r.AddScalar(MakeScalar("overlay", {text, text, integer, integer}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           PropagateNulls(a, n, res);
                           for (size_t i = 0; i < n; i++) {
                             if (res.IsNull(i)) continue;
                             res.strings()[i] = Overlay(a[0]->strings()[i], a[1]->strings()[i],
                                                        a[2]->ints()[i], a[3]->ints()[i]);
                           }
                         }));
}

}  // namespace kadedb
