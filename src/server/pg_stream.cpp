// PgStream (pg_stream.hpp): Boost.Asio synchronous socket I/O, optionally through OpenSSL.
#include "server/pg_stream.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace kadedb {

PgStream::PgStream(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {
  boost::system::error_code ec;
  socket_.set_option(boost::asio::ip::tcp::no_delay(true), ec);
}

PgStream::~PgStream() {
  boost::system::error_code ec;
  tls_.reset();
  socket_.close(ec);
}

void PgStream::StartTls(boost::asio::ssl::context& context) {
  tls_ =
      std::make_unique<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>>(socket_, context);
  tls_->handshake(boost::asio::ssl::stream_base::server);
}

std::string PgStream::tls_version() const {
  if (!tls_) return "";
  return SSL_get_version(const_cast<SSL*>(tls_->native_handle()));
}

size_t PgStream::ReadSome(char* data, size_t n) {
  if (tls_) return tls_->read_some(boost::asio::buffer(data, n));
  return socket_.read_some(boost::asio::buffer(data, n));
}

void PgStream::WriteAll(const char* data, size_t n) {
  if (tls_) {
    boost::asio::write(*tls_, boost::asio::buffer(data, n));
  } else {
    boost::asio::write(socket_, boost::asio::buffer(data, n));
  }
}

bool PgStream::HasBufferedInput() const {
  return tls_ && SSL_pending(const_cast<SSL*>(tls_->native_handle())) > 0;
}

bool PgStream::WaitReadable(int timeout_ms) {
  if (HasBufferedInput()) return true;
  pollfd p{};
  p.fd = const_cast<boost::asio::ip::tcp::socket&>(socket_).native_handle();
  p.events = POLLIN;
  int r = ::poll(&p, 1, timeout_ms);
  return r != 0;  // readable, hung up, or an error: the next read reports it
}

bool PgStream::WaitAndRead(std::string* out, int timeout_ms) {
  if (tls_ || timeout_ms <= 0) return WaitReadable(timeout_ms);
  int fd = socket_.native_handle();
  if (receive_timeout_ms_ != timeout_ms) {
    // Boost.Asio's own blocking reads treat the timeout's EAGAIN as "poll, then retry", so the
    // option changes nothing for them.
    timeval tv{};
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0) {
      return WaitReadable(timeout_ms);
    }
    receive_timeout_ms_ = timeout_ms;
  }
  char buffer[65536];
  while (true) {
    ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got > 0) {
      out->append(buffer, static_cast<size_t>(got));
      return true;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
    return true;  // end of stream or an error: the next read reports it
  }
}

void PgStream::Shutdown() {
  // ::shutdown on the descriptor is safe while another thread is blocked in recv/send on it.
  ::shutdown(socket_.native_handle(), SHUT_RDWR);
}

}  // namespace kadedb
