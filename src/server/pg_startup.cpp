// PgSession startup: SSLRequest (TLS) / GSSENCRequest / CancelRequest / StartupMessage, the
// connection limit, authentication (trust or SCRAM-SHA-256 by auth rule), and the ParameterStatus
// / BackendKeyData / ReadyForQuery that end the startup phase.
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <cstdlib>

#include "catalog/catalog.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"
#include "main/client_context.hpp"
#include "main/database_instance.hpp"
#include "server/pg_session.hpp"
#include "server/scram.hpp"
#include "server/server.hpp"
#include "server/server_log.hpp"

namespace kadedb {

namespace {

constexpr int32_t kSslRequest = 80877103;
constexpr int32_t kGssEncRequest = 80877104;
constexpr int32_t kCancelRequest = 80877102;
constexpr const char* kServerVersion = "15.0 (KadeDB 0.1.0)";

// Whether ip falls inside cidr ("all", "10.0.0.0/8", "::1/128", or a bare address).
bool AddressMatches(const std::string& ip, const std::string& cidr) {
  if (cidr == "all") return true;
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(ip, ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  }
  std::string net = cidr;
  if (net.find('/') == std::string::npos)
    net += cidr.find(':') == std::string::npos ? "/32" : "/128";
  if (address.is_v4()) {
    auto network = boost::asio::ip::make_network_v4(net, ec);
    if (ec) return false;
    auto host = boost::asio::ip::network_v4(address.to_v4(), network.prefix_length());
    return host.canonical() == network.canonical();
  }
  auto network = boost::asio::ip::make_network_v6(net, ec);
  if (ec) return false;
  auto host = boost::asio::ip::network_v6(address.to_v6(), network.prefix_length());
  return host.canonical() == network.canonical();
}

void AuthenticationMessage(std::string& out, int32_t code, const std::string& data) {
  PgMessageWriter w;
  w.Begin('R');
  w.AddInt32(code);
  w.AddBytes(data);
  w.End();
  out += w.buffer();
}

}  // namespace

bool PgSession::Startup() {
  auto key = server_.NewBackendKey();
  pid_ = key.first;
  secret_ = key.second;
  std::map<std::string, std::string> params;
  while (true) {
    std::string body;
    ReadStartupPacket(&body);
    PgMessageReader r('\0', body);
    int32_t code = r.ReadInt32();
    if (code == kSslRequest) {
      if (server_.tls_context() && !stream_->is_tls()) {
        out_ += 'S';
        Flush();
        stream_->StartTls(*server_.tls_context());
      } else {
        out_ += 'N';
      }
      continue;
    }
    if (code == kGssEncRequest) {
      out_ += 'N';
      continue;
    }
    if (code == kCancelRequest) {
      int32_t pid = r.ReadInt32();
      int32_t secret = r.ReadInt32();
      Log(static_cast<int>(LogLevel::kInfo), "cancel request for backend " + std::to_string(pid));
      server_.Cancel(pid, secret);
      return false;  // no reply: the requester just closes
    }
    int major = code >> 16, minor = code & 0xFFFF;
    if (major != 3) {
      SendError(
          Status::Error("0A000", "unsupported frontend protocol " + std::to_string(major) + "." +
                                     std::to_string(minor) + ": server supports 3.0 to 3.0"),
          true);
      return false;
    }
    while (true) {
      std::string name = r.ReadCString();
      if (name.empty()) break;
      params[name] = r.ReadCString();
    }
    break;
  }
  user_ = params["user"];
  database_ = params.count("database") && !params["database"].empty() ? params["database"] : user_;
  application_name_ = params["application_name"];
  if (user_.empty()) {
    SendError(Status::Error("28000", "no PostgreSQL user name specified in startup packet"), true);
    return false;
  }
  if (database_ != "kadedb") {
    SendError(Status::Error("3D000", "database \"" + database_ + "\" does not exist"), true);
    return false;
  }
  connection_ = server_.database().Connect();
  SessionSettings& settings = connection_->context().settings();
  // The configured timeouts are the session defaults (SHOW / RESET), as postgresql.conf's.
  if (server_.config().statement_timeout_ms > 0) {
    settings.SetDefault("statement_timeout", std::to_string(server_.config().statement_timeout_ms));
  }
  if (server_.config().idle_in_transaction_timeout_ms > 0) {
    settings.SetDefault("idle_in_transaction_session_timeout",
                        std::to_string(server_.config().idle_in_transaction_timeout_ms));
  }
  for (auto& [name, value] : params) {
    if (name == "user" || name == "database" || name == "options" || name == "replication") {
      continue;
    }
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    try {
      settings.Set(lower, value);
    } catch (...) {
      // Settings KadeDB does not know (extra_float_digits, ...) are accepted and ignored.
    }
  }
  if (!server_.Register(this)) {
    SendError(Status::Error("53300", "sorry, too many clients already"), true);
    return false;
  }
  registered_ = true;
  if (!Authenticate()) return false;
  // The session runs as the authenticated role, so its privileges apply (42501).
  Status as_user = connection_->context().SetCurrentUser(user_);
  if (!as_user.ok() && server_.config().users.count(user_)) {
    // A user known only from the config file's [users] becomes a LOGIN role on first login.
    std::string quoted = "\"";
    for (char c : user_) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    server_.database().Connect()->Query("CREATE ROLE " + quoted + " LOGIN");
    as_user = connection_->context().SetCurrentUser(user_);
  }
  if (!as_user.ok()) {
    SendError(as_user, true);
    return false;
  }
  SendStartupParameters();
  PgMessageWriter w;
  w.Begin('K');
  w.AddInt32(pid_);
  w.AddInt32(secret_);
  w.End();
  out_ += w.buffer();
  SendReadyForQuery();
  Log(static_cast<int>(LogLevel::kInfo),
      "connection authorized: user=" + user_ + " database=" + database_ +
          (application_name_.empty() ? "" : " application_name=" + application_name_) +
          (stream_->is_tls() ? " tls=" + stream_->tls_version() : " tls=off"));
  return true;
}

std::string PgSession::LookupSecret(bool* user_exists) {
  *user_exists = false;
  // The role catalog (pg_authid) when the engine has one; else the config file.
  try {
    auto lookup = server_.database().Connect();
    Result r = lookup->Query(
        "SELECT rolpassword, rolcanlogin FROM pg_catalog.pg_authid WHERE rolname = $1",
        {Value::Text(user_)});
    if (r.ok() && r.RowCount() > 0) {
      Value can_login = r.GetValue(1, 0);
      if (!can_login.IsNull() && !can_login.GetBool()) {
        throw Exception("28000", "role \"" + user_ + "\" is not permitted to log in");
      }
      *user_exists = true;
      Value password = r.GetValue(0, 0);
      // A role without a catalog password falls back to the config file's (below).
      if (!password.IsNull() && !password.ToString().empty()) return password.ToString();
    }
  } catch (const Exception&) {
    throw;
  } catch (...) {
  }
  const ServerConfig& config = server_.config();
  auto it = config.users.find(user_);
  if (it != config.users.end()) {
    *user_exists = true;
    return it->second;
  }
  if (user_ == "kadedb") {
    *user_exists = true;
    if (!config.superuser_password.empty()) return config.superuser_password;
    const char* env = std::getenv("KADEDB_PASSWORD");
    return env ? env : "";
  }
  return "";
}

bool PgSession::Authenticate() {
  const AuthRule* rule = nullptr;
  for (auto& r : server_.config().auth_rules) {
    if (AddressMatches(peer_ip_, r.cidr)) {
      rule = &r;
      break;
    }
  }
  std::string ssl = stream_->is_tls() ? "SSL on" : "SSL off";
  if (!rule || rule->method == "reject") {
    SendError(Status::Error("28000", "no pg_hba.conf entry for host \"" + peer_ip_ + "\", user \"" +
                                         user_ + "\", database \"" + database_ + "\", " + ssl),
              true);
    return false;
  }
  bool ok;
  if (rule->method == "trust") {
    bool exists = false;
    try {
      LookupSecret(&exists);
    } catch (const Exception& e) {
      SendError(e.ToStatus(), true);
      return false;
    }
    if (!exists) {
      SendError(Status::Error("28000", "role \"" + user_ + "\" does not exist"), true);
      return false;
    }
    ok = true;
  } else {
    ok = AuthenticateScram();
  }
  if (!ok) return false;
  AuthenticationMessage(out_, 0, "");  // AuthenticationOk
  return true;
}

bool PgSession::AuthenticateScram() {
  bool exists = false;
  std::string secret;
  try {
    secret = LookupSecret(&exists);
  } catch (const Exception& e) {
    SendError(e.ToStatus(), true);
    return false;
  }
  ScramVerifier verifier;
  bool have_verifier = false;
  if (exists && !secret.empty()) {
    have_verifier = ScramVerifier::Parse(secret, &verifier);
    if (!have_verifier) {  // a plain password from the config file
      verifier = ScramVerifier::FromPassword(secret);
      have_verifier = true;
    }
  }
  ScramExchange exchange(have_verifier ? &verifier : nullptr);
  std::string mechanisms("SCRAM-SHA-256\0\0", 15);
  AuthenticationMessage(out_, 10, mechanisms);  // AuthenticationSASL
  auto fail = [&](const std::string& detail) {
    SendError(Status::Error("28P01", "password authentication failed for user \"" + user_ + "\""),
              true);
    if (!detail.empty()) Log(static_cast<int>(LogLevel::kWarning), "SCRAM: " + detail);
    return false;
  };
  char type;
  std::string body;
  if (!ReadMessage(&type, &body)) return false;
  if (type != 'p')
    throw Exception("08P01", "expected SASL response, got message type " + std::string(1, type));
  PgMessageReader initial(type, body);
  std::string mechanism = initial.ReadCString();
  if (mechanism != "SCRAM-SHA-256") {
    SendError(Status::Error("08P01", "client selected an invalid SASL authentication mechanism"),
              true);
    return false;
  }
  int32_t len = initial.ReadInt32();
  std::string client_first(initial.ReadBytes(len));
  std::string server_first, error;
  if (!exchange.ClientFirst(client_first, &server_first, &error)) {
    SendError(Status::Error("08P01", error), true);
    return false;
  }
  AuthenticationMessage(out_, 11, server_first);  // AuthenticationSASLContinue
  if (!ReadMessage(&type, &body)) return false;
  if (type != 'p')
    throw Exception("08P01", "expected SASL response, got message type " + std::string(1, type));
  PgMessageReader final_message(type, body);
  std::string client_final(final_message.ReadRest());
  std::string server_final;
  if (!exchange.ClientFinal(client_final, &server_final, &error)) {
    if (!error.empty()) {
      SendError(Status::Error("08P01", error), true);
      return false;
    }
    return fail(exists ? "wrong password" : "unknown user or no password set");
  }
  AuthenticationMessage(out_, 12, server_final);  // AuthenticationSASLFinal
  return true;
}

void PgSession::SendStartupParameters() {
  SessionSettings& settings = connection_->context().settings();
  std::optional<RoleEntry> role = connection_->context().db().catalog().roles().FindRole(user_);
  bool superuser = role && role->superuser;
  SendParameterStatus("application_name", settings.Get("application_name"));
  SendParameterStatus("client_encoding", "UTF8");
  SendParameterStatus("DateStyle", settings.Get("datestyle"));
  SendParameterStatus("default_transaction_read_only", "off");
  SendParameterStatus("in_hot_standby", "off");
  SendParameterStatus("integer_datetimes", "on");
  SendParameterStatus("IntervalStyle", "postgres");
  SendParameterStatus("is_superuser", superuser ? "on" : "off");
  SendParameterStatus("server_encoding", "UTF8");
  SendParameterStatus("server_version", kServerVersion);
  SendParameterStatus("session_authorization", user_);
  SendParameterStatus("standard_conforming_strings", "on");
  SendParameterStatus("TimeZone", settings.Get("timezone"));
}

void PgSession::ReportChangedParameters() {
  SessionSettings& settings = connection_->context().settings();
  std::pair<const char*, const char*> tracked[] = {{"application_name", "application_name"},
                                                   {"DateStyle", "datestyle"},
                                                   {"TimeZone", "timezone"}};
  for (auto& [reported_name, setting] : tracked) {
    std::string value;
    try {
      value = settings.Get(setting);
    } catch (...) {
      continue;
    }
    if (reported_[reported_name] != value) SendParameterStatus(reported_name, value);
  }
}

}  // namespace kadedb
