// ServerLog: the operator's log on stderr, one line per event:
//   2026-11-22T02:30:00.123Z INFO  [conn 7 127.0.0.1:51234] connection authorized user=kadedb
// Thread-safe: a line is written whole under a mutex. The level is set once at startup.
#pragma once

#include <string>

namespace kadedb {

enum class LogLevel : uint8_t { kDebug, kInfo, kWarning, kError };

class ServerLog {
 public:
  // "debug", "info", "warning", "error"; anything else means info.
  static void SetLevel(const std::string& level);
  static bool Enabled(LogLevel level);
  // conn_id 0 and an empty peer mean "not about one connection".
  static void Write(LogLevel level, uint64_t conn_id, const std::string& peer,
                    const std::string& message);
  static void Info(const std::string& message) { Write(LogLevel::kInfo, 0, "", message); }
  static void Warning(const std::string& message) { Write(LogLevel::kWarning, 0, "", message); }
  static void Error(const std::string& message) { Write(LogLevel::kError, 0, "", message); }
};

}  // namespace kadedb
