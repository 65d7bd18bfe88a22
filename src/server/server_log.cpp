// ServerLog: timestamped lines on stderr (server_log.hpp).
#include "server/server_log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace kadedb {

namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_mutex;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO ";
    case LogLevel::kWarning:
      return "WARN ";
    case LogLevel::kError:
      return "ERROR";
  }
  return "?";
}

}  // namespace

void ServerLog::SetLevel(const std::string& level) {
  LogLevel l = LogLevel::kInfo;
  if (level == "debug") l = LogLevel::kDebug;
  if (level == "warning") l = LogLevel::kWarning;
  if (level == "error") l = LogLevel::kError;
  g_level.store(static_cast<int>(l));
}

bool ServerLog::Enabled(LogLevel level) {
  return static_cast<int>(level) >= g_level.load();
}

void ServerLog::Write(LogLevel level, uint64_t conn_id, const std::string& peer,
                      const std::string& message) {
  if (!Enabled(level)) return;
  auto now = std::chrono::system_clock::now();
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof(stamp), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis % 1000));
  std::string line = std::string(stamp) + " " + LevelName(level) + " ";
  if (conn_id != 0) line += "[conn " + std::to_string(conn_id) + " " + peer + "] ";
  line += message;
  line += '\n';
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace kadedb
