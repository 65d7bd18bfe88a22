// `kadedb token create|revoke|list --data DIR ...`: manage the HTTP API's bearer tokens on a
// database directory no server has open (with a running server use POST /v1/tokens).
#pragma once

namespace kadedb {

// argv excludes "kadedb token". Returns the exit code: 0 ok, 1 failure, 2 usage error.
int RunTokenCommand(int argc, char** argv);

}  // namespace kadedb
