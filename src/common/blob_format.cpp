// bytea and uuid text input/output (see blob_format.hpp).
#include "common/blob_format.hpp"

#include "common/exception.hpp"

namespace kadedb {

namespace {
constexpr char kHex[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::string FormatBytea(std::string_view bytes) {
  std::string out;
  out.reserve(2 + bytes.size() * 2);
  out += "\\x";
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string FormatUuid(std::string_view bytes) {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

void DecodeHex(std::string_view text, const char* sqlstate, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    int hi = HexValue(text[i]);
    if (hi < 0) {
      throw Exception(sqlstate, "invalid hexadecimal digit: \"" + std::string(1, text[i]) + "\"");
    }
    if (i + 1 >= text.size()) {
      throw Exception(sqlstate, "invalid hexadecimal data: odd number of digits");
    }
    int lo = HexValue(text[i + 1]);
    if (lo < 0) {
      throw Exception(sqlstate,
                      "invalid hexadecimal digit: \"" + std::string(1, text[i + 1]) + "\"");
    }
    *out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
}

std::string ParseBytea(std::string_view text) {
  std::string out;
  if (text.size() >= 2 && text[0] == '\\' && (text[1] == 'x' || text[1] == 'X')) {
    DecodeHex(text.substr(2), sqlstate::kInvalidTextRepresentation, &out);
    return out;
  }
  // Escape format: backslash followed by three octal digits or a second backslash.
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' &&
               text[i + 2] >= '0' && text[i + 2] <= '7' && text[i + 3] >= '0' &&
               text[i + 3] <= '7') {
      out += static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                               (text[i + 3] - '0'));
      i += 3;
    } else {
      throw Exception(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out;
}

std::string ParseUuid(std::string_view text) {
  auto fail = [&]() {
    throw Exception(sqlstate::kInvalidTextRepresentation,
                    "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  std::string_view t = text;
  while (!t.empty() && IsSpace(t.front())) t.remove_prefix(1);
  while (!t.empty() && IsSpace(t.back())) t.remove_suffix(1);
  bool braces = !t.empty() && t.front() == '{';
  if (braces) {
    if (t.back() != '}') fail();
    t = t.substr(1, t.size() - 2);
  }
  std::string out;
  size_t i = 0;
  while (out.size() < 16) {
    if (i + 1 >= t.size()) fail();
    int hi = HexValue(t[i]), lo = HexValue(t[i + 1]);
    if (hi < 0 || lo < 0) fail();
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
    // PostgreSQL accepts a hyphen after any group of four hex digits.
    if (out.size() % 2 == 0 && out.size() < 16 && i < t.size() && t[i] == '-') ++i;
  }
  if (i != t.size()) fail();
  return out;
}

}  // namespace kadedb
