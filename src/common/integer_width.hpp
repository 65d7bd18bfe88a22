// IntegerWidth: the storage width of KadeDB's integer types, for code that widens or narrows
// integer keys (index selection with a wider parameter, runtime join filters through a cast).
#pragma once

#include "kadedb/types.hpp"

namespace kadedb {

// Bytes of smallint (2), integer (4) and bigint (8); 0 for any other type.
inline int IntegerWidth(TypeId id) {
  switch (id) {
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInteger:
      return 4;
    case TypeId::kBigInt:
      return 8;
    default:
      return 0;
  }
}

}  // namespace kadedb
