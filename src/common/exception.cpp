// ThrowInternal: raises XX000 for broken invariants.
#include "common/exception.hpp"

namespace kadedb {

void ThrowInternal(const std::string& message) {
  throw Exception(sqlstate::kInternalError, "internal error: " + message);
}

}  // namespace kadedb
