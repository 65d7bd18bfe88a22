// SCRAM-SHA-256 (RFC 5802 / RFC 7677) server side, as PostgreSQL speaks it: no channel binding
// (only the SCRAM-SHA-256 mechanism is advertised), verifiers stored in PostgreSQL's format
//   SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>
// Crypto is OpenSSL's (PBKDF2-HMAC-SHA256, HMAC, SHA-256, RAND_bytes). Thread-compatible:
// a ScramExchange belongs to one connection.
#pragma once

#include <string>

namespace kadedb {

struct ScramVerifier {
  int iterations = 4096;
  std::string salt;        // raw bytes
  std::string stored_key;  // raw 32 bytes
  std::string server_key;  // raw 32 bytes

  // Parses the stored text form; false when it is not a SCRAM-SHA-256 verifier.
  static bool Parse(const std::string& text, ScramVerifier* out);
  // A fresh verifier for password (random 16-byte salt).
  static ScramVerifier FromPassword(const std::string& password, int iterations = 4096);
  std::string ToString() const;
};

std::string ScramBase64Encode(const std::string& raw);
// False on invalid input.
bool ScramBase64Decode(const std::string& text, std::string* raw);

// One authentication exchange. With no verifier (unknown user, no password) it runs a mock
// exchange with a made-up salt and fails at the end, so a client cannot probe for user names.
class ScramExchange {
 public:
  explicit ScramExchange(const ScramVerifier* verifier);
  // client-first-message -> server-first-message. False (with *error) on a malformed message or
  // a channel-binding request.
  bool ClientFirst(const std::string& message, std::string* server_first, std::string* error);
  // client-final-message -> server-final-message ("v=..."). False when the proof is wrong
  // (*error empty) or the message is malformed (*error says why).
  bool ClientFinal(const std::string& message, std::string* server_final, std::string* error);

 private:
  ScramVerifier verifier_;
  bool mock_;
  std::string gs2_header_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;
};

}  // namespace kadedb
