// top_n pass: LIMIT (constant count) directly over ORDER BY becomes one LogicalTopN, which keeps
// only limit + offset rows while sorting.
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

LogicalOperatorPtr CreateTopN(LogicalOperatorPtr plan);

}  // namespace kadedb
