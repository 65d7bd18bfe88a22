// AddHttpListener and HttpConfigFromServer (http_listener.hpp).
#include "server/http/http_listener.hpp"

#include <cstdlib>
#include <memory>

#include "server/http/http_server.hpp"
#include "server/server.hpp"
#include "server/server_log.hpp"

namespace kadedb {

namespace {

// Whether IPv4 address a.b.c.d lies in cidr ("all", "0.0.0.0/0", "127.0.0.0/8", "10.1.2.3").
bool MatchesIpv4(const std::string& cidr, uint32_t address) {
  if (cidr == "all") return true;
  size_t slash = cidr.find('/');
  std::string base = cidr.substr(0, slash);
  int bits = slash == std::string::npos ? 32 : std::atoi(cidr.c_str() + slash + 1);
  unsigned a, b, c, d;
  char tail;
  if (std::sscanf(base.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4) return false;
  if (a > 255 || b > 255 || c > 255 || d > 255 || bits < 0 || bits > 32) return false;
  uint32_t net = (a << 24) | (b << 16) | (c << 8) | d;
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (net & mask) == (address & mask);
}

}  // namespace

HttpConfig HttpConfigFromServer(const ServerConfig& config) {
  HttpConfig http;
  http.listen_address = config.listen_address == "localhost" ? "127.0.0.1" : config.listen_address;
  http.port = static_cast<uint16_t>(config.http_port);
  http.static_tokens = config.http_tokens;
  http.trust_loopback = false;
  constexpr uint32_t kLoopback = 0x7F000001;  // 127.0.0.1
  for (const AuthRule& rule : config.auth_rules) {
    if (MatchesIpv4(rule.cidr, kLoopback)) {
      http.trust_loopback = rule.method == "trust";
      break;
    }
  }
  return http;
}

void AddHttpListener(Server& server) {
  // Shared by the start and stop callbacks; the HttpServer lives until the Server drops them.
  auto holder = std::make_shared<std::unique_ptr<HttpServer>>();
  server.AddListener([holder](Server& s) -> Status {
    if (s.config().http_port == 0) {
      ServerLog::Info("HTTP API off (http_port = 0)");
      return Status::OK();
    }
    *holder = std::make_unique<HttpServer>(s.io_context(), s.database(),
                                           HttpConfigFromServer(s.config()));
    return (*holder)->Start();
  });
  server.OnStop([holder] {
    if (*holder) (*holder)->Stop();
  });
}

}  // namespace kadedb
