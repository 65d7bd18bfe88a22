// `kadedb serve`: the server's command line (flags over the config file over defaults).
#pragma once

namespace kadedb {

// argv excludes "kadedb serve". Returns the process exit code: 0 after a clean shutdown, 1 when
// the server cannot start, 2 for usage errors.
int RunServeCommand(int argc, char** argv);

}  // namespace kadedb
