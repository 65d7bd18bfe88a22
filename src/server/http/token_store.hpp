// TokenStore: the HTTP API's bearer tokens, kept in the database itself.
//
// A token is "kdb_" followed by 64 hex digits (32 random bytes from OpenSSL's RAND_bytes). The
// secret is shown once, when created; the database keeps only its SHA-256 (hex), in the table
// kadedb_auth.http_tokens (docs/http.md), created on first use:
//   id bigint PRIMARY KEY, token_sha256 text UNIQUE, username text, label text,
//   created_at timestamptz, revoked_at timestamptz (NULL while valid)
// A token authenticates as its username, which must still be a role that can log in.
//
// Threading: thread-safe; each call uses its own Connection. Lookups cache valid hashes for
// kCacheSeconds, so a revocation made with plain SQL takes at most that long to apply (revoking
// through this class applies at once).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kadedb/database.hpp"

namespace kadedb {

struct TokenInfo {
  int64_t id = 0;
  std::string user;
  std::string label;
  std::string created_at;
  bool revoked = false;
};

// Lowercase hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);

class TokenStore {
 public:
  static constexpr int kCacheSeconds = 5;

  explicit TokenStore(Database& db) : db_(db) {}

  // Creates a token for user. Fails with 42704 when user is not a role, 28000 when it cannot
  // log in. On success *secret holds the token (the only time it is known) and *id its id.
  Status Create(const std::string& user, const std::string& label, std::string* secret,
                int64_t* id);
  // Revokes the token with this id (id > 0) or every token with this label; *count tells how
  // many were revoked.
  Status Revoke(int64_t id, const std::string& label, uint64_t* count);
  Status List(std::vector<TokenInfo>* out);
  // The user a valid token runs as; nullopt for unknown, revoked or malformed tokens.
  std::optional<std::string> Lookup(std::string_view secret);

 private:
  Status EnsureTable(Connection& conn);

  Database& db_;
  std::mutex mutex_;  // guards cache_
  struct CacheEntry {
    std::string user;
    std::chrono::steady_clock::time_point expires;
  };
  std::unordered_map<std::string, CacheEntry> cache_;  // sha256 hex -> user
};

}  // namespace kadedb
