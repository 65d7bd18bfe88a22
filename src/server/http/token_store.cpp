// TokenStore (token_store.hpp): bearer tokens hashed with SHA-256 in kadedb_auth.http_tokens.
#include "server/http/token_store.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "catalog/role_catalog.hpp"
#include "main/database_instance.hpp"

namespace kadedb {

namespace {

constexpr const char* kCreateSchema = "CREATE SCHEMA IF NOT EXISTS kadedb_auth";
constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS kadedb_auth.http_tokens ("
    "id bigint PRIMARY KEY, token_sha256 text NOT NULL UNIQUE, username text NOT NULL, "
    "label text NOT NULL, created_at timestamptz NOT NULL, revoked_at timestamptz)";

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; i++) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

bool WellFormed(std::string_view secret) {
  if (secret.size() != 68 || secret.substr(0, 4) != "kdb_") return false;
  for (char c : secret.substr(4)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return Hex(digest, length);
}

Status TokenStore::EnsureTable(Connection& conn) {
  Result r = conn.Query(kCreateSchema);
  if (!r.ok()) return r.status();
  r = conn.Query(kCreateTable);
  return r.status();
}

Status TokenStore::Create(const std::string& user, const std::string& label, std::string* secret,
                          int64_t* id) {
  auto role = db_.instance().catalog().roles().FindRole(user);
  if (!role) return Status::Error("42704", "role \"" + user + "\" does not exist");
  if (!role->can_login) {
    return Status::Error("28000", "role \"" + user + "\" is not permitted to log in");
  }
  unsigned char random[32];
  if (RAND_bytes(random, sizeof(random)) != 1) {
    return Status::Error("XX000", "could not generate a random token");
  }
  std::string token = "kdb_" + Hex(random, sizeof(random));
  auto conn = db_.Connect();
  Status s = EnsureTable(*conn);
  if (!s.ok()) return s;
  Result r = conn->Query("SELECT coalesce(max(id), 0) + 1 FROM kadedb_auth.http_tokens");
  if (!r.ok()) return r.status();
  int64_t new_id = r.GetValue(0, 0).GetInt();
  r = conn->Query(
      "INSERT INTO kadedb_auth.http_tokens (id, token_sha256, username, label, created_at) "
      "VALUES ($1, $2, $3, $4, now())",
      {Value::BigInt(new_id), Value::Text(Sha256Hex(token)), Value::Text(user),
       Value::Text(label)});
  if (!r.ok()) return r.status();
  *secret = std::move(token);
  *id = new_id;
  return Status::OK();
}

Status TokenStore::Revoke(int64_t id, const std::string& label, uint64_t* count) {
  auto conn = db_.Connect();
  Status s = EnsureTable(*conn);
  if (!s.ok()) return s;
  Result r = id > 0 ? conn->Query(
                          "UPDATE kadedb_auth.http_tokens SET revoked_at = now() "
                          "WHERE id = $1 AND revoked_at IS NULL",
                          {Value::BigInt(id)})
                    : conn->Query(
                          "UPDATE kadedb_auth.http_tokens SET revoked_at = now() "
                          "WHERE label = $1 AND revoked_at IS NULL",
                          {Value::Text(label)});
  if (!r.ok()) return r.status();
  *count = r.RowsAffected();
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.clear();
  return Status::OK();
}

Status TokenStore::List(std::vector<TokenInfo>* out) {
  auto conn = db_.Connect();
  Result r = conn->Query(
      "SELECT id, username, label, created_at, revoked_at IS NOT NULL "
      "FROM kadedb_auth.http_tokens ORDER BY id");
  if (!r.ok()) {
    if (r.status().sqlstate() == "42P01" || r.status().sqlstate() == "3F000") return Status::OK();
    return r.status();
  }
  for (uint64_t i = 0; i < r.RowCount(); i++) {
    std::vector<Value> row = r.Row(i);
    TokenInfo info;
    info.id = row[0].GetInt();
    info.user = row[1].GetString();
    info.label = row[2].GetString();
    info.created_at = row[3].ToString();
    info.revoked = row[4].GetBool();
    out->push_back(std::move(info));
  }
  return Status::OK();
}

std::optional<std::string> TokenStore::Lookup(std::string_view secret) {
  if (!WellFormed(secret)) return std::nullopt;
  std::string hash = Sha256Hex(secret);
  auto now = std::chrono::steady_clock::now();
  std::optional<std::string> user;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && it->second.expires > now) user = it->second.user;
  }
  if (!user) {
    auto conn = db_.Connect();
    Result r = conn->Query(
        "SELECT username FROM kadedb_auth.http_tokens "
        "WHERE token_sha256 = $1 AND revoked_at IS NULL",
        {Value::Text(hash)});
    if (!r.ok() || r.RowCount() != 1) return std::nullopt;
    user = r.GetValue(0, 0).GetString();
    std::lock_guard<std::mutex> lock(mutex_);
    if (cache_.size() > 10000) cache_.clear();  // bound memory against many distinct tokens
    cache_[hash] = {*user, now + std::chrono::seconds(kCacheSeconds)};
  }
  // The role may have been dropped or lost LOGIN since the token was made.
  auto role = db_.instance().catalog().roles().FindRole(*user);
  if (!role || !role->can_login) return std::nullopt;
  return user;
}

}  // namespace kadedb
