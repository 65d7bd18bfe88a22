// ColumnBinding: the name of one column flowing between logical operators.
//
// Every logical operator that produces columns owns one or more "table indexes" (unique per
// query, handed out by the Binder); its outputs are (table_index, column_index) pairs. Expressions
// refer to columns by binding, never by position, so optimizer rules can move operators freely.
// The physical planner resolves bindings to positions in the child's output.
#pragma once

#include <cstdint>
#include <functional>

namespace kadedb {

using idx_t = uint64_t;

struct ColumnBinding {
  idx_t table_index = 0;
  idx_t column_index = 0;
  bool operator==(const ColumnBinding& o) const {
    return table_index == o.table_index && column_index == o.column_index;
  }
  bool operator<(const ColumnBinding& o) const {
    return table_index != o.table_index ? table_index < o.table_index
                                        : column_index < o.column_index;
  }
};

struct ColumnBindingHash {
  size_t operator()(const ColumnBinding& b) const {
    return std::hash<idx_t>()(b.table_index * 0x9E3779B97F4A7C15ull ^ b.column_index);
  }
};

}  // namespace kadedb
