// AddProtocolListeners (server_listeners.hpp). The HTTP API (src/server/http/) adds itself here:
//   server.AddListener([](Server& s) { return StartHttpListener(s); });
#include "server/server_listeners.hpp"

#include "server/server.hpp"

namespace kadedb {

void AddProtocolListeners(Server& server) {}

}  // namespace kadedb
