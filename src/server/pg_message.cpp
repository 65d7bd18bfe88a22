// PgMessageReader / PgMessageWriter (pg_message.hpp).
#include "server/pg_message.hpp"

#include "common/exception.hpp"

namespace kadedb {

void PgMessageReader::Malformed(const char* what) const {
  throw Exception("08P01", std::string("invalid message format: ") + what + " in message type '" +
                               (type_ ? std::string(1, type_) : std::string("startup")) + "'");
}

uint8_t PgMessageReader::ReadByte() {
  if (remaining() < 1) Malformed("message too short");
  return static_cast<uint8_t>(body_[pos_++]);
}

int16_t PgMessageReader::ReadInt16() {
  if (remaining() < 2) Malformed("message too short");
  auto b = reinterpret_cast<const unsigned char*>(body_.data() + pos_);
  pos_ += 2;
  return static_cast<int16_t>((b[0] << 8) | b[1]);
}

int32_t PgMessageReader::ReadInt32() {
  if (remaining() < 4) Malformed("message too short");
  auto b = reinterpret_cast<const unsigned char*>(body_.data() + pos_);
  pos_ += 4;
  return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                              (uint32_t{b[2]} << 8) | b[3]);
}

std::string PgMessageReader::ReadCString() {
  size_t end = body_.find('\0', pos_);
  if (end == std::string_view::npos) Malformed("unterminated string");
  std::string s(body_.substr(pos_, end - pos_));
  pos_ = end + 1;
  return s;
}

std::string_view PgMessageReader::ReadBytes(int64_t n) {
  if (n < 0 || static_cast<uint64_t>(n) > remaining()) Malformed("invalid length");
  std::string_view s = body_.substr(pos_, static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return s;
}

std::string_view PgMessageReader::ReadRest() {
  std::string_view s = body_.substr(pos_);
  pos_ = body_.size();
  return s;
}

void PgMessageWriter::Begin(char type) {
  out_.push_back(type);
  start_ = out_.size();
  out_.append(4, '\0');
}

void PgMessageWriter::AddInt16(int16_t v) {
  out_.push_back(static_cast<char>((v >> 8) & 0xFF));
  out_.push_back(static_cast<char>(v & 0xFF));
}

void PgMessageWriter::AddInt32(int32_t v) {
  uint32_t u = static_cast<uint32_t>(v);
  char b[4] = {static_cast<char>(u >> 24), static_cast<char>(u >> 16), static_cast<char>(u >> 8),
               static_cast<char>(u)};
  out_.append(b, 4);
}

void PgMessageWriter::AddInt64(int64_t v) {
  AddInt32(static_cast<int32_t>(static_cast<uint64_t>(v) >> 32));
  AddInt32(static_cast<int32_t>(static_cast<uint64_t>(v) & 0xFFFFFFFFu));
}

void PgMessageWriter::AddCString(std::string_view s) {
  out_.append(s.data(), s.size());
  out_.push_back('\0');
}

void PgMessageWriter::End() {
  uint32_t len = static_cast<uint32_t>(out_.size() - start_);
  out_[start_] = static_cast<char>(len >> 24);
  out_[start_ + 1] = static_cast<char>(len >> 16);
  out_[start_ + 2] = static_cast<char>(len >> 8);
  out_[start_ + 3] = static_cast<char>(len);
}

}  // namespace kadedb
