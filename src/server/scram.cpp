// SCRAM-SHA-256 (scram.hpp).
#include "server/scram.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <vector>

namespace kadedb {

namespace {

std::string Hmac(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Sha256(const std::string& data) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<char*>(out), SHA256_DIGEST_LENGTH);
}

std::string RandomBytes(size_t n) {
  std::string s(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(s.data()), static_cast<int>(n));
  return s;
}

// Splits "a=1,b=2" into attributes; values may contain '='.
std::vector<std::pair<char, std::string>> Attributes(const std::string& s) {
  std::vector<std::pair<char, std::string>> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    std::string part = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (part.size() >= 2 && part[1] == '=') {
      out.emplace_back(part[0], part.substr(2));
    } else {
      out.emplace_back('\0', part);
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); i++) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string ScramBase64Encode(const std::string& raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()),
                          static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool ScramBase64Decode(const std::string& text, std::string* raw) {
  if (text.size() % 4 != 0) return false;
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) {
      return false;
    }
  }
  std::string out(text.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t len = static_cast<size_t>(n);
  // EVP_DecodeBlock counts the padding as zero bytes.
  if (!text.empty() && text.back() == '=') len--;
  if (text.size() >= 2 && text[text.size() - 2] == '=') len--;
  out.resize(len);
  *raw = std::move(out);
  return true;
}

bool ScramVerifier::Parse(const std::string& text, ScramVerifier* out) {
  const std::string prefix = "SCRAM-SHA-256$";
  if (text.rfind(prefix, 0) != 0) return false;
  std::string rest = text.substr(prefix.size());
  size_t colon = rest.find(':');
  size_t dollar = rest.find('$');
  if (colon == std::string::npos || dollar == std::string::npos || colon > dollar) return false;
  size_t colon2 = rest.find(':', dollar);
  if (colon2 == std::string::npos) return false;
  ScramVerifier v;
  try {
    v.iterations = std::stoi(rest.substr(0, colon));
  } catch (...) {
    return false;
  }
  if (v.iterations <= 0) return false;
  if (!ScramBase64Decode(rest.substr(colon + 1, dollar - colon - 1), &v.salt) ||
      !ScramBase64Decode(rest.substr(dollar + 1, colon2 - dollar - 1), &v.stored_key) ||
      !ScramBase64Decode(rest.substr(colon2 + 1), &v.server_key)) {
    return false;
  }
  if (v.stored_key.size() != 32 || v.server_key.size() != 32) return false;
  *out = std::move(v);
  return true;
}

ScramVerifier ScramVerifier::FromPassword(const std::string& password, int iterations) {
  ScramVerifier v;
  v.iterations = iterations;
  v.salt = RandomBytes(16);
  unsigned char salted[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(v.salt.data()),
                    static_cast<int>(v.salt.size()), iterations, EVP_sha256(), 32, salted);
  std::string salted_password(reinterpret_cast<char*>(salted), 32);
  v.stored_key = Sha256(Hmac(salted_password, "Client Key"));
  v.server_key = Hmac(salted_password, "Server Key");
  return v;
}

std::string ScramVerifier::ToString() const {
  return "SCRAM-SHA-256$" + std::to_string(iterations) + ":" + ScramBase64Encode(salt) + "$" +
         ScramBase64Encode(stored_key) + ":" + ScramBase64Encode(server_key);
}

ScramExchange::ScramExchange(const ScramVerifier* verifier) : mock_(verifier == nullptr) {
  if (verifier) {
    verifier_ = *verifier;
  } else {
    verifier_.salt = RandomBytes(16);
    verifier_.stored_key = RandomBytes(32);
    verifier_.server_key = RandomBytes(32);
  }
}

bool ScramExchange::ClientFirst(const std::string& message, std::string* server_first,
                                std::string* error) {
  // gs2-header: "n,," (client has no channel binding) or "y,," (it could but thinks we cannot);
  // "p=..." requests channel binding, which we do not advertise.
  if (message.size() < 3 || (message[0] != 'n' && message[0] != 'y') || message[1] != ',') {
    *error = message.rfind("p=", 0) == 0 ? "channel binding is not supported"
                                         : "malformed SCRAM message (invalid GS2 header)";
    return false;
  }
  size_t second_comma = message.find(',', 2);
  if (second_comma == std::string::npos) {
    *error = "malformed SCRAM message (invalid GS2 header)";
    return false;
  }
  gs2_header_ = message.substr(0, second_comma + 1);
  client_first_bare_ = message.substr(second_comma + 1);
  std::string client_nonce;
  for (auto& [key, value] : Attributes(client_first_bare_)) {
    if (key == 'r') client_nonce = value;
    if (key == 'm') {
      *error = "malformed SCRAM message (unsupported extension)";
      return false;
    }
  }
  if (client_nonce.empty()) {
    *error = "malformed SCRAM message (missing nonce)";
    return false;
  }
  nonce_ = client_nonce + ScramBase64Encode(RandomBytes(18));
  server_first_ = "r=" + nonce_ + ",s=" + ScramBase64Encode(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  *server_first = server_first_;
  return true;
}

bool ScramExchange::ClientFinal(const std::string& message, std::string* server_final,
                                std::string* error) {
  size_t proof_at = message.rfind(",p=");
  if (proof_at == std::string::npos) {
    *error = "malformed SCRAM message (missing proof)";
    return false;
  }
  std::string without_proof = message.substr(0, proof_at);
  std::string channel_binding, nonce, proof_b64 = message.substr(proof_at + 3), proof;
  for (auto& [key, value] : Attributes(without_proof)) {
    if (key == 'c') channel_binding = value;
    if (key == 'r') nonce = value;
  }
  if (channel_binding != ScramBase64Encode(gs2_header_)) {
    *error = "SCRAM channel binding check failed";
    return false;
  }
  if (nonce != nonce_) {
    *error = "SCRAM nonce mismatch";
    return false;
  }
  if (!ScramBase64Decode(proof_b64, &proof) || proof.size() != 32) {
    *error = "malformed SCRAM message (invalid proof)";
    return false;
  }
  std::string auth_message = client_first_bare_ + "," + server_first_ + "," + without_proof;
  std::string client_signature = Hmac(verifier_.stored_key, auth_message);
  std::string client_key(32, '\0');
  for (size_t i = 0; i < 32; i++) client_key[i] = static_cast<char>(proof[i] ^ client_signature[i]);
  error->clear();
  if (mock_ || !ConstantTimeEqual(Sha256(client_key), verifier_.stored_key)) return false;
  *server_final = "v=" + ScramBase64Encode(Hmac(verifier_.server_key, auth_message));
  return true;
}

}  // namespace kadedb
