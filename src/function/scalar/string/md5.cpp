// md5(text) and md5(bytea): the lowercase hex MD5 digest (RFC 1321), computed by a small
// in-house implementation because OpenSSL is not linked into the function layer.
#include <cmath>
#include <cstring>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

inline uint32_t Rotl(uint32_t x, int c) {
  return (x << c) | (x >> (32 - c));
}

constexpr int kShift[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                            5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

// K[i] = floor(2^32 * |sin(i + 1)|), computed once.
const uint32_t* SineTable() {
  static const auto* table = [] {
    auto* t = new uint32_t[64];
    for (int i = 0; i < 64; i++) {
      t[i] = static_cast<uint32_t>(std::floor(std::fabs(std::sin(i + 1.0)) * 4294967296.0));
    }
    return t;
  }();
  return table;
}

void ProcessBlock(const unsigned char* p, uint32_t h[4]) {
  const uint32_t* k = SineTable();
  uint32_t m[16];
  for (int i = 0; i < 16; i++) {
    m[i] = uint32_t{p[i * 4]} | (uint32_t{p[i * 4 + 1]} << 8) | (uint32_t{p[i * 4 + 2]} << 16) |
           (uint32_t{p[i * 4 + 3]} << 24);
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; i++) {
    uint32_t f;
    int g;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) % 16;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) % 16;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) % 16;
    }
    uint32_t tmp = d;
    d = c;
    c = b;
    b = b + Rotl(a + f + k[i] + m[g], kShift[i]);
    a = tmp;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

}  // namespace

std::string Md5Hex(const std::string& data) {
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  size_t full = data.size() / 64;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  for (size_t i = 0; i < full; i++) ProcessBlock(bytes + i * 64, h);
  unsigned char tail[128] = {0};
  size_t rest = data.size() - full * 64;
  std::memcpy(tail, bytes + full * 64, rest);
  tail[rest] = 0x80;
  size_t tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
  uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  for (int i = 0; i < 8; i++) tail[tail_len - 8 + i] = static_cast<unsigned char>(bits >> (8 * i));
  for (size_t off = 0; off < tail_len; off += 64) ProcessBlock(tail + off, h);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (uint32_t word : h) {
    for (int i = 0; i < 4; i++) {
      auto byte = static_cast<unsigned char>(word >> (8 * i));
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

void RegisterMd5Function(FunctionRegistry& registry) {
  auto exec = [](const std::vector<const Vector*>& a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<std::string, std::string>(*a[0], n, res, Md5Hex);
  };
  registry.AddScalar(MakeScalar("md5", {TypeId::kText}, TypeId::kText, exec));
  registry.AddScalar(MakeScalar("md5", {TypeId::kBytea}, TypeId::kText, exec));
}

}  // namespace kadedb
