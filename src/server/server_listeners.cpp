// AddProtocolListeners (server_listeners.hpp): the HTTP API (src/server/http/, docs/http.md).
#include "server/server_listeners.hpp"

#include "server/http/http_listener.hpp"
#include "server/server.hpp"

namespace kadedb {

void AddProtocolListeners(Server& server) {
  AddHttpListener(server);
}

}  // namespace kadedb
