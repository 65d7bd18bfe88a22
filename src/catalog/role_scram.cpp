// SCRAM-SHA-256 verifiers as PostgreSQL stores them in pg_authid.rolpassword (RFC 5802/7677):
//   SaltedPassword = PBKDF2-HMAC-SHA256(password, salt, 4096)
//   StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword,
//   "Server Key"); text form "SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>" (base64).
// The password is used as given (no SASLprep normalisation: the same as PostgreSQL for ASCII).
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

constexpr int kIterations = 4096;
constexpr int kSaltBytes = 16;

std::string Base64(const unsigned char* data, size_t n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  int len =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
  out.resize(static_cast<size_t>(len));
  return out;
}

void Hmac(const unsigned char* key, size_t key_len, const char* msg, unsigned char* out) {
  unsigned int len = SHA256_DIGEST_LENGTH;
  HMAC(EVP_sha256(), key, static_cast<int>(key_len), reinterpret_cast<const unsigned char*>(msg),
       std::char_traits<char>::length(msg), out, &len);
}

}  // namespace

bool IsScramVerifier(const std::string& text) {
  return text.rfind("SCRAM-SHA-256$", 0) == 0 && text.find(':') != std::string::npos;
}

std::string MakeScramVerifier(const std::string& password) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, kSaltBytes) != 1) {
    throw Exception(sqlstate::kInternalError, "could not generate a random salt");
  }
  unsigned char salted[SHA256_DIGEST_LENGTH];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, kSaltBytes,
                        kIterations, EVP_sha256(), SHA256_DIGEST_LENGTH, salted) != 1) {
    throw Exception(sqlstate::kInternalError, "could not compute the SCRAM verifier");
  }
  unsigned char client_key[SHA256_DIGEST_LENGTH], stored_key[SHA256_DIGEST_LENGTH],
      server_key[SHA256_DIGEST_LENGTH];
  Hmac(salted, sizeof salted, "Client Key", client_key);
  SHA256(client_key, sizeof client_key, stored_key);
  Hmac(salted, sizeof salted, "Server Key", server_key);
  return "SCRAM-SHA-256$" + std::to_string(kIterations) + ":" + Base64(salt, kSaltBytes) + "$" +
         Base64(stored_key, sizeof stored_key) + ":" + Base64(server_key, sizeof server_key);
}

}  // namespace kadedb
