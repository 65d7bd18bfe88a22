// Md5: a small MD5 digest (RFC 1321) for md5() and sqllogictest result hashing.
// Not for security. Thread-compatible: one Md5 object per digest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kadedb {

class Md5 {
 public:
  Md5();
  void Update(std::string_view data);
  // Finishes the digest and returns it as 32 lowercase hex characters. Call once.
  std::string HexDigest();

 private:
  void Transform(const uint8_t block[64]);

  uint32_t state_[4];
  uint64_t length_ = 0;  // bytes hashed so far
  uint8_t buffer_[64];
  size_t buffered_ = 0;
};

}  // namespace kadedb
