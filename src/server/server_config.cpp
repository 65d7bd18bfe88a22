// ServerConfig::LoadFile / LoadText: maps the TOML keys (docs/server.md) onto ServerConfig.
#include <fstream>
#include <sstream>

#include "server/config_toml.hpp"
#include "server/server_config.hpp"

namespace kadedb {

namespace {

class ConfigReader {
 public:
  ConfigReader(const TomlDocument& doc, const std::string& source) : doc_(doc), source_(source) {}

  Status String(const std::string& key, std::string* out) {
    auto it = doc_.values.find(key);
    if (it == doc_.values.end()) return Status::OK();
    used_.push_back(key);
    if (auto* s = std::get_if<std::string>(&it->second)) {
      *out = *s;
      return Status::OK();
    }
    return Wrong(key, "a string");
  }
  template <typename Int>
  Status Integer(const std::string& key, Int* out, int64_t min, int64_t max) {
    auto it = doc_.values.find(key);
    if (it == doc_.values.end()) return Status::OK();
    used_.push_back(key);
    if (auto* v = std::get_if<int64_t>(&it->second)) {
      if (*v < min || *v > max) {
        return Status::Error("22023", At(key) + key + " must be between " + std::to_string(min) +
                                          " and " + std::to_string(max));
      }
      *out = static_cast<Int>(*v);
      return Status::OK();
    }
    return Wrong(key, "an integer");
  }
  Status Strings(const std::string& key, std::vector<std::string>* out) {
    auto it = doc_.values.find(key);
    if (it == doc_.values.end()) return Status::OK();
    used_.push_back(key);
    if (auto* v = std::get_if<std::vector<std::string>>(&it->second)) {
      *out = *v;
      return Status::OK();
    }
    return Wrong(key, "an array of strings");
  }
  // Every key not read is an error: a misspelt setting must not be silently ignored.
  Status CheckAllUsed() {
    for (auto& [key, value] : doc_.values) {
      if (key.rfind("users.", 0) == 0) continue;
      bool used = false;
      for (auto& u : used_) used = used || u == key;
      if (!used) return Status::Error("22023", At(key) + "unknown setting \"" + key + "\"");
    }
    return Status::OK();
  }

 private:
  std::string At(const std::string& key) {
    auto it = doc_.lines.find(key);
    return source_ + ":" +
           (it == doc_.lines.end() ? std::string("?") : std::to_string(it->second)) + ": ";
  }
  Status Wrong(const std::string& key, const char* what) {
    return Status::Error("22023", At(key) + key + " must be " + what);
  }

  const TomlDocument& doc_;
  const std::string& source_;
  std::vector<std::string> used_;
};

#define KADEDB_RETURN_IF_ERROR(expr) \
  do {                               \
    Status _s = (expr);              \
    if (!_s.ok()) return _s;         \
  } while (0)

}  // namespace

Status ServerConfig::LoadText(const std::string& text, const std::string& source) {
  TomlDocument doc;
  KADEDB_RETURN_IF_ERROR(ParseToml(text, source, &doc));
  ConfigReader r(doc, source);
  KADEDB_RETURN_IF_ERROR(r.String("data", &data_dir));
  KADEDB_RETURN_IF_ERROR(r.String("listen", &listen_address));
  KADEDB_RETURN_IF_ERROR(r.Integer("pg_port", &pg_port, 0, 65535));
  KADEDB_RETURN_IF_ERROR(r.Integer("http_port", &http_port, 0, 65535));
  KADEDB_RETURN_IF_ERROR(r.Integer("max_connections", &max_connections, 1, 100000));
  KADEDB_RETURN_IF_ERROR(
      r.Integer("statement_timeout_ms", &statement_timeout_ms, 0, INT64_C(1) << 40));
  KADEDB_RETURN_IF_ERROR(r.Integer("idle_in_transaction_session_timeout_ms",
                                   &idle_in_transaction_timeout_ms, 0, INT64_C(1) << 40));
  KADEDB_RETURN_IF_ERROR(
      r.Integer("max_message_bytes", &max_message_bytes, 1024, INT64_C(1) << 30));
  KADEDB_RETURN_IF_ERROR(r.Integer("shutdown_grace_ms", &shutdown_grace_ms, 0, INT64_C(1) << 40));
  KADEDB_RETURN_IF_ERROR(r.String("log_level", &log_level));
  if (log_level != "debug" && log_level != "info" && log_level != "warning" &&
      log_level != "error") {
    return Status::Error("22023", source + ": log_level must be debug, info, warning or error");
  }
  KADEDB_RETURN_IF_ERROR(r.String("tls.cert", &tls_cert_file));
  KADEDB_RETURN_IF_ERROR(r.String("tls.key", &tls_key_file));
  std::vector<std::string> rules;
  bool have_rules = doc.values.count("auth.rules") > 0;
  KADEDB_RETURN_IF_ERROR(r.Strings("auth.rules", &rules));
  if (have_rules) {
    auth_rules.clear();
    for (auto& rule : rules) {
      std::istringstream in(rule);
      AuthRule parsed;
      std::string extra;
      in >> parsed.cidr >> parsed.method >> extra;
      if (parsed.method.empty() || !extra.empty() ||
          (parsed.method != "trust" && parsed.method != "scram-sha-256" &&
           parsed.method != "reject")) {
        return Status::Error("22023", source + ": auth rule \"" + rule +
                                          "\" must be \"CIDR trust|scram-sha-256|reject\"");
      }
      auth_rules.push_back(parsed);
    }
  }
  KADEDB_RETURN_IF_ERROR(r.String("auth.password", &superuser_password));
  KADEDB_RETURN_IF_ERROR(r.Strings("http.tokens", &http_tokens));
  for (auto& [key, value] : doc.values) {
    if (key.rfind("users.", 0) != 0) continue;
    auto* s = std::get_if<std::string>(&value);
    if (!s) return Status::Error("22023", source + ": " + key + " must be a string");
    users[key.substr(6)] = *s;
  }
  return r.CheckAllUsed();
}

Status ServerConfig::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("58030", "could not open config file \"" + path + "\"");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return LoadText(buffer.str(), path);
}

}  // namespace kadedb
