// Status: the outcome of an operation at a public boundary.
//
// OK costs one pointer-sized word; an error carries a SQLSTATE (five characters, as PostgreSQL
// defines them), a message, and for syntax errors the 1-based character position in the statement.
// Modelled on LevelDB/RocksDB Status. Thread-compatible (a const Status may be shared).
#pragma once

#include <memory>
#include <string>

namespace kadedb {

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status OK() { return Status(); }
  // REQUIRES: sqlstate is a five-character SQLSTATE code other than "00000".
  static Status Error(std::string sqlstate, std::string message, int position = 0,
                      std::string detail = {}, std::string hint = {});
  static Status IOError(std::string message) { return Error("58030", std::move(message)); }
  static Status Corruption(std::string message) { return Error("XX001", std::move(message)); }
  static Status InvalidArgument(std::string message) { return Error("22023", std::move(message)); }

  bool ok() const { return rep_ == nullptr; }
  // "00000" when ok().
  const std::string& sqlstate() const;
  const std::string& message() const;
  // 1-based character offset into the statement text; 0 when not applicable.
  int position() const { return rep_ ? rep_->position : 0; }
  const std::string& detail() const;
  const std::string& hint() const;
  // "ERROR 42P01: relation \"t\" does not exist" (or "OK").
  std::string ToString() const;

 private:
  struct Rep {
    std::string sqlstate, message, detail, hint;
    int position = 0;
  };
  std::shared_ptr<const Rep> rep_;  // shared: Status is copied freely and is immutable
};

}  // namespace kadedb
