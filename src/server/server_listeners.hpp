// The listeners besides PostgreSQL's that `kadedb serve` starts (the HTTP API registers here).
#pragma once

namespace kadedb {

class Server;

// Calls Server::AddListener / OnStop for every extra protocol. Called once before Start().
void AddProtocolListeners(Server& server);

}  // namespace kadedb
