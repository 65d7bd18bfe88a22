// PgSession lifecycle and I/O: the message loop, framing with size limits, flushing, timeouts,
// ErrorResponse / NoticeResponse / ReadyForQuery (pg_session.hpp).
#include "server/pg_session.hpp"

#include <boost/system/system_error.hpp>

#include "common/exception.hpp"
#include "main/client_context.hpp"
#include "server/server.hpp"
#include "server/server_log.hpp"

namespace kadedb {

PgSession::PgSession(Server& server, boost::asio::ip::tcp::socket socket, uint64_t id,
                     std::string peer)
    : server_(server),
      stream_(std::make_unique<PgStream>(std::move(socket))),
      id_(id),
      peer_(std::move(peer)) {
  size_t colon = peer_.rfind(':');
  peer_ip_ = colon == std::string::npos ? peer_ : peer_.substr(0, colon);
  if (peer_ip_.size() > 2 && peer_ip_.front() == '[')
    peer_ip_ = peer_ip_.substr(1, peer_ip_.size() - 2);
}

PgSession::~PgSession() {
  portals_.clear();
  statements_.clear();
  statement_cache_.Clear();
  connection_.reset();
}

void PgSession::Log(int level, const std::string& message) {
  ServerLog::Write(static_cast<LogLevel>(level), id_, peer_, message);
}

void PgSession::Run() {
  auto started = std::chrono::steady_clock::now();
  Log(static_cast<int>(LogLevel::kInfo), "connection received");
  std::string end_reason = "client disconnected";
  try {
    if (Startup()) {
      std::string body;  // reused: its capacity survives from message to message
      while (true) {
        if (!WaitForInput()) {
          end_reason = closing_ ? "server shutting down" : "idle-in-transaction timeout";
          break;
        }
        char type;
        if (!ReadMessage(&type, &body)) break;
        if (type == 'X') {
          end_reason = "client terminated";
          break;
        }
        PgMessageReader message(type, body);
        if (skip_until_sync_ && type != 'S') continue;
        if (type == 'Q') {
          std::string sql = message.ReadCString();
          HandleSimpleQuery(sql);
        } else if (type == 'P' || type == 'B' || type == 'D' || type == 'E' || type == 'C' ||
                   type == 'S' || type == 'H') {
          HandleExtended(message);
        } else if (type == 'd' || type == 'c' || type == 'f') {
          // Stray COPY messages after a failed COPY: ignored, as PostgreSQL does.
        } else {
          throw Exception("08P01", std::string("invalid frontend message type ") +
                                       std::to_string(static_cast<unsigned char>(type)));
        }
        MaybeFlush();
      }
    }
    Flush();
  } catch (const Exception& e) {
    end_reason = std::string("protocol error: ") + e.what();
    Log(static_cast<int>(LogLevel::kError), end_reason);
    try {
      SendError(e.ToStatus(), true);
      Flush();
    } catch (...) {
    }
  } catch (const boost::system::system_error& e) {
    end_reason = closing_ ? "closed by shutdown" : "connection lost (" + e.code().message() + ")";
  } catch (const std::exception& e) {
    end_reason = std::string("internal error: ") + e.what();
    Log(static_cast<int>(LogLevel::kError), end_reason);
  }
  if (registered_) server_.Unregister(this);
  registered_ = false;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char duration[32];
  std::snprintf(duration, sizeof(duration), "%.3f", seconds);
  Log(static_cast<int>(LogLevel::kInfo), "disconnection: " + end_reason +
                                             " session_time=" + duration + "s" +
                                             (user_.empty() ? "" : " user=" + user_));
}

void PgSession::ReadExact(char* data, size_t n) {
  while (n > 0) {
    if (in_pos_ < in_.size()) {
      size_t take = std::min(n, in_.size() - in_pos_);
      std::memcpy(data, in_.data() + in_pos_, take);
      in_pos_ += take;
      data += take;
      n -= take;
      continue;
    }
    Flush();  // never wait for the client while it waits for our replies
    in_.clear();
    in_pos_ = 0;
    if (n >= 65536) {  // large bodies go straight to their destination
      size_t got = stream_->ReadSome(data, n);
      data += got;
      n -= got;
      continue;
    }
    char buffer[65536];
    size_t got = stream_->ReadSome(buffer, sizeof(buffer));
    in_.assign(buffer, got);
  }
}

bool PgSession::ReadMessage(char* type, std::string* body) {
  char header[5];
  try {
    ReadExact(header, 1);
  } catch (const boost::system::system_error&) {
    return false;  // closed between messages
  }
  ReadExact(header + 1, 4);
  auto b = reinterpret_cast<unsigned char*>(header);
  int64_t len = (int64_t{b[1]} << 24) | (b[2] << 16) | (b[3] << 8) | b[4];
  if (len < 4 || len - 4 > server_.config().max_message_bytes) {
    throw Exception("08P01", "invalid message length " + std::to_string(len) +
                                 " for message type '" + std::string(1, header[0]) + "'");
  }
  *type = header[0];
  body->resize(static_cast<size_t>(len - 4));
  if (len > 4) ReadExact(body->data(), body->size());
  return true;
}

void PgSession::ReadStartupPacket(std::string* body) {
  char header[4];
  ReadExact(header, 4);
  auto b = reinterpret_cast<unsigned char*>(header);
  int64_t len = (int64_t{b[0]} << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  // PostgreSQL's MAX_STARTUP_PACKET_LENGTH is 10000.
  if (len < 8 || len > 10000) throw Exception("08P01", "invalid length of startup packet");
  body->resize(static_cast<size_t>(len - 4));
  ReadExact(body->data(), body->size());
}

bool PgSession::WaitForInput() {
  if (in_pos_ < in_.size() || stream_->HasBufferedInput()) return true;
  Flush();
  auto idle_since = std::chrono::steady_clock::now();
  // The session's idle_in_transaction_session_timeout (SET, or the configured default).
  int64_t idle_limit_ms = connection_ ? SessionTimeoutMs("idle_in_transaction_session_timeout") : 0;
  while (true) {
    if (closing_) {
      SendError(Status::Error("57P01", "terminating connection due to administrator command"),
                true);
      Flush();
      return false;
    }
    in_.clear();  // everything in it was consumed
    in_pos_ = 0;
    if (stream_->WaitAndRead(&in_, 200)) return true;
    if (idle_limit_ms > 0 && connection_ &&
        connection_->context().transaction_state() != TransactionState::kIdle) {
      auto idle = std::chrono::steady_clock::now() - idle_since;
      if (idle > std::chrono::milliseconds(idle_limit_ms)) {
        SendError(
            Status::Error("25P03", "terminating connection due to idle-in-transaction timeout"),
            true);
        Flush();
        return false;
      }
    }
  }
}

void PgSession::Flush() {
  if (out_.empty()) return;
  // Written in place and cleared, so the buffer keeps its capacity for the next replies (a
  // failed write ends the connection anyway).
  stream_->WriteAll(out_.data(), out_.size());
  out_.clear();
}

namespace {

void AddField(PgMessageWriter& w, char code, const std::string& value) {
  if (value.empty()) return;
  w.AddByte(static_cast<uint8_t>(code));
  w.AddCString(value);
}

}  // namespace

void PgSession::SendError(const Status& status, bool fatal) {
  PgMessageWriter w;
  w.Begin('E');
  const char* severity = fatal ? "FATAL" : "ERROR";
  AddField(w, 'S', severity);
  AddField(w, 'V', severity);
  AddField(w, 'C', status.sqlstate());
  AddField(w, 'M', status.message());
  AddField(w, 'D', status.detail());
  AddField(w, 'H', status.hint());
  if (status.position() > 0) AddField(w, 'P', std::to_string(status.position()));
  w.AddByte(0);
  w.End();
  out_ += w.buffer();
  if (fatal || ServerLog::Enabled(LogLevel::kDebug)) {
    Log(static_cast<int>(fatal ? LogLevel::kWarning : LogLevel::kDebug),
        std::string(severity) + " " + status.sqlstate() + ": " + status.message());
  }
}

void PgSession::SendNotice(const std::string& severity, const std::string& sqlstate,
                           const std::string& message) {
  PgMessageWriter w;
  w.Begin('N');
  AddField(w, 'S', severity);
  AddField(w, 'V', severity);
  AddField(w, 'C', sqlstate);
  AddField(w, 'M', message);
  w.AddByte(0);
  w.End();
  out_ += w.buffer();
}

void PgSession::SendReadyForQuery() {
  char status = 'I';
  if (connection_) {
    switch (connection_->context().transaction_state()) {
      case TransactionState::kIdle:
        status = 'I';
        break;
      case TransactionState::kInTransaction:
        status = 'T';
        break;
      case TransactionState::kFailed:
        status = 'E';
        break;
    }
  }
  PgMessageWriter w;
  w.Begin('Z');
  w.AddByte(static_cast<uint8_t>(status));
  w.End();
  out_ += w.buffer();
}

void PgSession::SendParameterStatus(const std::string& name, const std::string& value) {
  PgMessageWriter w;
  w.Begin('S');
  w.AddCString(name);
  w.AddCString(value);
  w.End();
  out_ += w.buffer();
  reported_[name] = value;
}

void PgSession::Cancel() {
  if (busy_ && connection_) connection_->context().Interrupt();
}

void PgSession::CloseForShutdown(bool force) {
  closing_ = true;
  if (force) {
    if (connection_) connection_->context().Interrupt();
    stream_->Shutdown();
  }
}

void PgSession::CheckDeadline(std::chrono::steady_clock::time_point now) {
  int64_t deadline = deadline_ns_.load();
  if (deadline == 0 || !busy_) return;
  if (now.time_since_epoch().count() >= deadline) {
    timed_out_ = true;
    deadline_ns_ = 0;
    if (connection_) connection_->context().Interrupt();
  }
}

}  // namespace kadedb
