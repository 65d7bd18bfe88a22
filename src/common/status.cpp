// Status: construction and accessors of the error representation.
#include "kadedb/status.hpp"

namespace kadedb {

namespace {
const std::string& OkState() {
  static const std::string kOk = "00000";
  return kOk;
}
const std::string& Empty() {
  static const std::string kEmpty;
  return kEmpty;
}
}  // namespace

Status Status::Error(std::string sqlstate, std::string message, int position, std::string detail,
                     std::string hint) {
  Status s;
  auto rep = std::make_shared<Rep>();
  rep->sqlstate = std::move(sqlstate);
  rep->message = std::move(message);
  rep->detail = std::move(detail);
  rep->hint = std::move(hint);
  rep->position = position;
  s.rep_ = std::move(rep);
  return s;
}

const std::string& Status::sqlstate() const {
  return rep_ ? rep_->sqlstate : OkState();
}
const std::string& Status::message() const {
  return rep_ ? rep_->message : Empty();
}
const std::string& Status::detail() const {
  return rep_ ? rep_->detail : Empty();
}
const std::string& Status::hint() const {
  return rep_ ? rep_->hint : Empty();
}

std::string Status::ToString() const {
  if (!rep_) return "OK";
  return "ERROR " + rep_->sqlstate + ": " + rep_->message;
}

}  // namespace kadedb
