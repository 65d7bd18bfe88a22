// PointGet: matching the unique-key lookup plan shape and running it without the pipeline.
#include "execution/point_get.hpp"

#include "catalog/catalog.hpp"
#include "execution/executor_internal.hpp"
#include "execution/expression/expression_node.hpp"
#include "execution/operator/physical_filter.hpp"
#include "execution/operator/physical_table_scan.hpp"

namespace kadedb {

namespace {

bool IsComparison(const ScalarFunction* f) {
  if (f == nullptr) return false;
  const std::string& n = f->name;
  return n == "=" || n == "<>" || n == "!=" || n == "<" || n == "<=" || n == ">" || n == ">=";
}

// An expression that reads only the row, parameters and constants through comparisons, AND, OR,
// NOT and NULL tests: nothing that could write, be volatile or run a subquery.
bool IsPlainPredicate(const ExprNode& e) {
  switch (e.kind) {
    case BoundExpressionKind::kConstant:
    case BoundExpressionKind::kParameter:
      break;
    case BoundExpressionKind::kColumnRef:
      if (e.outer) return false;
      break;
    case BoundExpressionKind::kFunction:
      if (!IsComparison(e.function)) return false;
      break;
    case BoundExpressionKind::kAnd:
    case BoundExpressionKind::kOr:
    case BoundExpressionKind::kNot:
    case BoundExpressionKind::kIsNull:
    case BoundExpressionKind::kIsNotNull:
      break;
    default:
      return false;
  }
  for (auto& c : e.children) {
    if (!IsPlainPredicate(*c)) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<PointGet> PointGet::Match(PhysicalOperator& physical) {
  auto out = std::make_unique<PointGet>();
  PhysicalOperator* source = &physical;
  auto* projection = dynamic_cast<PhysicalProjection*>(&physical);
  if (projection != nullptr) {
    if (projection->children.size() != 1) return nullptr;
    source = projection->children[0].get();
  }
  auto* scan = dynamic_cast<PhysicalTableScan*>(source);
  if (scan == nullptr || scan->index == nullptr || !scan->index->info.unique) return nullptr;
  if (scan->index_equal.size() != scan->index->info.columns.size() || scan->index_lower ||
      scan->index_upper || !scan->children.empty()) {
    return nullptr;
  }
  for (auto& k : scan->index_equal) {
    if (k->kind != BoundExpressionKind::kParameter && k->kind != BoundExpressionKind::kConstant) {
      return nullptr;
    }
  }
  for (auto& f : scan->filters) {
    if (!IsPlainPredicate(*f)) return nullptr;
  }
  if (projection != nullptr) {
    for (auto& e : projection->expressions) {
      if (e->kind != BoundExpressionKind::kColumnRef || e->outer ||
          e->column >= scan->types.size()) {
        return nullptr;
      }
      out->columns_.push_back(e->column);
    }
  } else {
    for (size_t i = 0; i < scan->types.size(); i++) out->columns_.push_back(i);
  }
  out->scan_ = scan;
  out->types_ = physical.types;
  return out;
}

void PointGet::Run(ExecutionContext& context, Result& result) const {
  ExecState state(context);
  auto source_state = scan_->InitSource(state);
  uint64_t rows = 0;
  bool more = true;
  while (more) {
    DataChunk raw;
    more = scan_->GetData(state, source_state.get(), raw);
    if (raw.size() == 0) continue;
    DataChunk chunk;
    std::vector<int64_t> first(raw.ColumnCount(), -1);  // chunk column of a scan column
    for (size_t c : columns_) {
      if (first[c] >= 0) {
        Vector copy = chunk.column(first[c]);
        chunk.AddColumn(std::move(copy));
      } else {
        first[c] = static_cast<int64_t>(chunk.ColumnCount());
        chunk.AddColumn(std::move(raw.column(c)));
      }
    }
    chunk.SetSize(raw.size());
    rows += chunk.size();
    ConformChunkTypes(chunk, types_);
    result.AddChunk(std::move(chunk));
  }
  SetResultColumns(result, types_);
  result.SetHasRows(true);
  result.SetRowsAffected(rows);
}

}  // namespace kadedb
