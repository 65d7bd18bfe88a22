// Bit packing: fixed-width unsigned integers packed little-endian into a byte string, the
// building block of the column segment encodings (docs/formats/row_groups.md).
//
// Value i of width w occupies bits [i*w, (i+1)*w) of the packed bytes (bit 0 = least
// significant bit of byte 0). Packed data is followed by 16 zero padding bytes so decoders can
// always load two whole 64-bit words.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace kadedb {

// Bits needed to hold v (0 for v == 0).
inline uint8_t BitWidth(uint64_t v) {
  return v == 0 ? 0 : static_cast<uint8_t>(64 - __builtin_clzll(v));
}

// Bytes PackBits appends for n values of width w (including the padding).
inline size_t PackedSize(size_t n, uint8_t w) {
  return (n * w + 7) / 8 + 16;
}

// Appends n values of width w (each < 2^w) to out.
inline void PackBits(const uint64_t* values, size_t n, uint8_t w, std::string* out) {
  size_t base = out->size();
  out->resize(base + PackedSize(n, w), '\0');
  if (w == 0) return;
  auto* p = reinterpret_cast<uint8_t*>(out->data() + base);
  uint64_t acc = 0;
  unsigned bits = 0;
  size_t pos = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t v = values[i];
    acc |= v << bits;
    unsigned taken = 64 - bits;  // bits of v that fit in acc
    bits += w;
    if (bits >= 64) {
      std::memcpy(p + pos, &acc, 8);
      pos += 8;
      bits -= 64;
      acc = (bits == 0 || taken >= 64) ? 0 : v >> taken;
    }
  }
  size_t tail = (bits + 7) / 8;
  std::memcpy(p + pos, &acc, tail);
}

// Reads values [first, first + n) of width w from packed data into out (as uint64).
// REQUIRES: data holds at least PackedSize(first + n, w) bytes.
inline void UnpackBits(const uint8_t* data, size_t first, size_t n, uint8_t w, uint64_t* out) {
  if (w == 0) {
    std::memset(out, 0, n * sizeof(uint64_t));
    return;
  }
  if (w == 64) {
    std::memcpy(out, data + first * 8, n * 8);
    return;
  }
  const uint64_t mask = (uint64_t{1} << w) - 1;
  size_t bit = first * w;
  if (w <= 56) {
    for (size_t i = 0; i < n; i++, bit += w) {
      uint64_t word;
      std::memcpy(&word, data + (bit >> 3), 8);
      out[i] = (word >> (bit & 7)) & mask;
    }
    return;
  }
  for (size_t i = 0; i < n; i++, bit += w) {
    uint64_t lo, hi;
    std::memcpy(&lo, data + (bit >> 3), 8);
    std::memcpy(&hi, data + (bit >> 3) + 8, 8);
    unsigned shift = bit & 7;
    uint64_t v = shift == 0 ? lo : (lo >> shift) | (hi << (64 - shift));
    out[i] = v & mask;
  }
}

namespace bit_packing_internal {

// UnpackBitsAdd for one width known at compile time: eight values (W bytes) per step with
// constant shifts, so the compiler unrolls (and may vectorise) the loop.
template <unsigned W>
void UnpackFixed(const uint8_t* data, size_t n, uint64_t base, uint64_t* out) {
  static_assert(W >= 1 && W <= 56);
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint8_t* p = data + (i / 8) * W;
#pragma GCC unroll 8
    for (unsigned j = 0; j < 8; j++) {
      uint64_t word;
      std::memcpy(&word, p + (j * W) / 8, 8);
      out[i + j] = ((word >> ((j * W) % 8)) & kMask) + base;
    }
  }
  for (size_t bit = i * W; i < n; i++, bit += W) {
    uint64_t word;
    std::memcpy(&word, data + (bit >> 3), 8);
    out[i] = ((word >> (bit & 7)) & kMask) + base;
  }
}

using UnpackFn = void (*)(const uint8_t*, size_t, uint64_t, uint64_t*);

template <size_t... I>
constexpr auto MakeUnpackTable(std::index_sequence<I...>) {
  return std::array<UnpackFn, sizeof...(I)>{&UnpackFixed<I + 1>...};
}

inline constexpr auto kUnpackTable = MakeUnpackTable(std::make_index_sequence<56>());

}  // namespace bit_packing_internal

// out[i] = value i of width w + base (mod 2^64), for i in [0, n): UnpackBits from the start of
// the packed data with the frame-of-reference base added in the same pass.
// REQUIRES: data holds at least PackedSize(n, w) bytes.
inline void UnpackBitsAdd(const uint8_t* data, size_t n, uint8_t w, uint64_t base, uint64_t* out) {
  if (w >= 1 && w <= 56) {
    bit_packing_internal::kUnpackTable[w - 1](data, n, base, out);
    return;
  }
  UnpackBits(data, 0, n, w, out);
  for (size_t i = 0; i < n; i++) out[i] += base;
}

}  // namespace kadedb
