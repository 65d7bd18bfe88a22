// Varint: LEB128 unsigned varints and zigzag signed varints, as used by the row and catalog
// formats (docs/formats/rows.md). Decoders take a cursor and fail (return false) on truncation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kadedb {

inline void PutVarint(std::string* out, uint64_t v) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}

inline void PutVarint128(std::string* out, unsigned __int128 v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(v) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

inline uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ (v >> 63);
}
inline int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}
inline unsigned __int128 ZigZag128(__int128 v) {
  return (static_cast<unsigned __int128>(v) << 1) ^ static_cast<unsigned __int128>(v >> 127);
}
inline __int128 UnZigZag128(unsigned __int128 v) {
  return static_cast<__int128>(v >> 1) ^ -static_cast<__int128>(v & 1);
}

inline void PutSignedVarint(std::string* out, int64_t v) {
  PutVarint(out, ZigZag(v));
}

inline void PutLengthPrefixed(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s.data(), s.size());
}

// A bounds-checked read cursor over an encoded buffer.
struct ByteReader {
  const char* p;
  const char* end;

  explicit ByteReader(std::string_view s) : p(s.data()), end(s.data() + s.size()) {}
  bool done() const { return p >= end; }

  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift <= 63 && p < end; shift += 7) {
      uint8_t b = static_cast<uint8_t>(*p++);
      result |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *v = result;
        return true;
      }
    }
    return false;
  }
  bool Varint128(unsigned __int128* v) {
    unsigned __int128 result = 0;
    for (int shift = 0; shift <= 127 && p < end; shift += 7) {
      uint8_t b = static_cast<uint8_t>(*p++);
      result |= static_cast<unsigned __int128>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *v = result;
        return true;
      }
    }
    return false;
  }
  bool SignedVarint(int64_t* v) {
    uint64_t u;
    if (!Varint(&u)) return false;
    *v = UnZigZag(u);
    return true;
  }
  bool Byte(uint8_t* b) {
    if (p >= end) return false;
    *b = static_cast<uint8_t>(*p++);
    return true;
  }
  bool Bytes(size_t n, std::string_view* out) {
    if (static_cast<size_t>(end - p) < n) return false;
    *out = std::string_view(p, n);
    p += n;
    return true;
  }
  bool LengthPrefixed(std::string_view* out) {
    uint64_t n;
    return Varint(&n) && Bytes(n, out);
  }
  bool String(std::string* out) {
    std::string_view v;
    if (!LengthPrefixed(&v)) return false;
    out->assign(v.data(), v.size());
    return true;
  }
};

}  // namespace kadedb
