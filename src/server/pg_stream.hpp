// PgStream: one client socket, plain or (after SSLRequest) TLS, with blocking reads and writes.
// Used only by the connection's own thread, except Shutdown(), which any thread may call to
// unblock it. Read/Write throw boost::system::system_error when the peer goes away.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <memory>
#include <string>

namespace kadedb {

class PgStream {
 public:
  explicit PgStream(boost::asio::ip::tcp::socket socket);
  ~PgStream();

  // Switches to TLS (server side handshake). Throws on a failed handshake.
  void StartTls(boost::asio::ssl::context& context);
  bool is_tls() const { return tls_ != nullptr; }
  std::string tls_version() const;

  // Reads up to n bytes (at least 1); throws at end of stream.
  size_t ReadSome(char* data, size_t n);
  void WriteAll(const char* data, size_t n);
  // Whether bytes are already buffered inside TLS (so poll() on the socket would be wrong).
  bool HasBufferedInput() const;
  // Waits until the socket is readable or timeout_ms passes (-1: forever). True when readable.
  bool WaitReadable(int timeout_ms);
  // WaitReadable that also reads: on a plain socket one recv with a receive timeout (instead of
  // poll and then recv), appending what arrived to *out. True when readable (bytes appended, or
  // the peer hung up or failed, which the next ReadSome reports); false after timeout_ms.
  bool WaitAndRead(std::string* out, int timeout_ms);
  // Shuts the socket down both ways: blocked reads and writes return. Thread-safe.
  void Shutdown();

 private:
  boost::asio::ip::tcp::socket socket_;
  int receive_timeout_ms_ = 0;  // SO_RCVTIMEO as last set (0: none)
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
};

}  // namespace kadedb
