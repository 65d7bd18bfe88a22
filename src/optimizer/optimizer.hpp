// Optimizer: the ordered list of rewrite passes over a logical plan (optimizer.cpp lists them;
// each pass lives in its own file and can be switched off by name for debugging).
#pragma once

#include <set>
#include <string>

#include "planner/logical_operator.hpp"

namespace kadedb {

class Catalog;
class StorageEngine;

struct OptimizerSettings {
  // Pass names to skip (e.g. "join_order"); see optimizer.cpp for the list.
  std::set<std::string> disabled_passes;
  // Catalog used to find the IndexEntry objects index_selection may pick (LogicalGet::index).
  // Borrowed; may be null, in which case index_selection leaves every scan alone.
  Catalog* catalog = nullptr;
  // Storage the join order reads table statistics from (row-group zone maps, outside any
  // transaction). Borrowed; may be null (estimates from rules of thumb).
  StorageEngine* storage = nullptr;
};

// Returns the rewritten plan. The result computes exactly what plan computes.
LogicalOperatorPtr Optimize(LogicalOperatorPtr plan, const OptimizerSettings& settings = {});

}  // namespace kadedb
