// UTF-8 helpers shared by the lexer, the string functions and the JSON writers: strict
// validation of one sequence, character counts, character-indexed slicing, decoding and
// encoding. The counting/slicing helpers treat invalid sequences byte by byte (text inside the
// engine was validated on the way in).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kadedb {

// Length in bytes of the UTF-8 sequence starting with lead byte c (1 for invalid lead bytes).
inline size_t Utf8SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// Length of the valid UTF-8 sequence starting at s[i] (1-4), or 0 when the bytes there are not
// one: overlong forms, surrogates, code points above U+10FFFF and truncated sequences are invalid.
// Requires i < s.size().
size_t Utf8ValidSequenceLength(std::string_view s, size_t i);

inline int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of character index `chars` (0-based), clamped to s.size().
inline size_t Utf8Offset(std::string_view s, int64_t chars) {
  size_t i = 0;
  while (chars > 0 && i < s.size()) {
    i += Utf8SeqLen(s[i]);
    chars--;
  }
  return i < s.size() ? i : s.size();
}

// Characters [start, start + count) (0-based, clamped).
inline std::string Utf8Slice(std::string_view s, int64_t start, int64_t count) {
  if (count <= 0) return {};
  size_t b = Utf8Offset(s, start);
  size_t e = b + Utf8Offset(s.substr(b), count);
  return std::string(s.substr(b, e - b));
}

// Decodes the code point at s[i]; advances i.
inline uint32_t Utf8Decode(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  size_t len = Utf8SeqLen(c);
  if (len == 1 || i + len > s.size()) {
    i++;
    return c;
  }
  uint32_t cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; k++) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

inline void Utf8Append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace kadedb
