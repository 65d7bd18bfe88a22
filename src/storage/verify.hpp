// VerifyDatabaseFiles: checks every table file's block checksums and the MANIFEST of a database
// directory, without going through the engine's open (so it also describes damage that makes
// the open fail). Used by `kadedb check`.
#pragma once

#include <string>

#include "kadedb/status.hpp"

namespace kadedb {

// OK when every file the MANIFEST lists exists and every block checksum matches; otherwise
// XX001 naming the file and the problem (58030 when the directory cannot be read at all).
// Safe to run while another process writes to path (opens a read-only follower).
Status VerifyDatabaseFiles(const std::string& path);

}  // namespace kadedb
