// The HTTP API's hook into `kadedb serve`: AddHttpListener registers, on the serve process's
// Server, a listener start (an HttpServer on the server's io_context, configured from its
// ServerConfig) and a stop callback. HttpConfigFromServer is the mapping, kept separate for tests.
#pragma once

#include "server/http/http_config.hpp"
#include "server/server_config.hpp"

namespace kadedb {

class Server;

// listen address and port from listen_address / http_port; loopback trust when the first auth
// rule matching 127.0.0.1 says "trust"; the static tokens from [http] tokens.
HttpConfig HttpConfigFromServer(const ServerConfig& config);

// REQUIRES: before server.Start(). A http_port of 0 leaves the HTTP API off.
void AddHttpListener(Server& server);

}  // namespace kadedb
