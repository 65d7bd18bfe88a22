// Framing of PostgreSQL protocol v3 messages: PgMessageReader decodes a received message body,
// PgMessageWriter encodes outgoing messages into a byte buffer. All integers are big-endian.
// A malformed body (reading past its end, a string without its terminating zero) throws
// Exception 08P01, which the connection turns into an ErrorResponse and a close.
// Neither class is thread-safe; each belongs to one connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kadedb {

class PgMessageReader {
 public:
  PgMessageReader(char type, std::string_view body) : type_(type), body_(body) {}
  char type() const { return type_; }
  size_t remaining() const { return body_.size() - pos_; }
  bool AtEnd() const { return pos_ == body_.size(); }

  uint8_t ReadByte();
  int16_t ReadInt16();
  int32_t ReadInt32();
  // A zero-terminated string (the zero is consumed, not returned).
  std::string ReadCString();
  // n raw bytes. REQUIRES: n >= 0 (a negative n throws 08P01).
  std::string_view ReadBytes(int64_t n);
  // Everything left.
  std::string_view ReadRest();

 private:
  [[noreturn]] void Malformed(const char* what) const;
  char type_;
  std::string_view body_;
  size_t pos_ = 0;
};

class PgMessageWriter {
 public:
  // Starts a message of the given type ('\0': the untyped startup-phase replies such as 'S'/'N'
  // to SSLRequest are written with AddRawByte instead). Messages nest not.
  void Begin(char type);
  void AddByte(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void AddInt16(int16_t v);
  void AddInt32(int32_t v);
  void AddInt64(int64_t v);
  void AddCString(std::string_view s);
  void AddBytes(std::string_view s) { out_.append(s.data(), s.size()); }
  // Patches the length of the message begun last.
  void End();
  // A whole message with no body.
  void Empty(char type) {
    Begin(type);
    End();
  }

  std::string& buffer() { return out_; }
  size_t size() const { return out_.size(); }
  void Clear() { out_.clear(); }

 private:
  std::string out_;
  size_t start_ = 0;
};

}  // namespace kadedb
