// EXPLAIN [ANALYZE] [FORMAT JSON]: prints the physical plan, one line per operator indented by
// depth (ANALYZE runs the plan and adds rows and self time per operator).
#include <cstdio>

#include "common/exception.hpp"
#include "common/json_string.hpp"
#include "execution/executor_internal.hpp"
#include "execution/expression/expression_node.hpp"
#include "execution/parallel/pipeline_executor.hpp"
#include "execution/physical_plan_generator.hpp"
#include "planner/operator/logical_simple.hpp"

namespace kadedb {

namespace {

std::string FormatMs(uint64_t nanos) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3f", static_cast<double>(nanos) / 1e6);
  return buf;
}

void TextLines(const PhysicalOperator& op, int depth, bool analyze,
               std::vector<std::string>& lines);

const char* SubqueryKindName(BoundSubqueryKind kind) {
  switch (kind) {
    case BoundSubqueryKind::kScalar:
      return "scalar";
    case BoundSubqueryKind::kExists:
      return "exists";
    case BoundSubqueryKind::kNotExists:
      return "not exists";
    case BoundSubqueryKind::kAny:
      return "any";
    case BoundSubqueryKind::kAll:
      return "all";
  }
  return "?";
}

// Prints the plans of the subqueries inside expr as SUBQUERY children.
void SubqueryLines(const ExprNode& expr, int depth, bool analyze, std::vector<std::string>& lines) {
  if (expr.kind == BoundExpressionKind::kSubquery && expr.subquery) {
    std::string line(depth * 2, ' ');
    line += "-> SUBQUERY (";
    line += SubqueryKindName(expr.subquery_kind);
    line += expr.correlated.empty() ? ")" : ", correlated)";
    lines.push_back(std::move(line));
    TextLines(*expr.subquery, depth + 1, analyze, lines);
  }
  for (auto& c : expr.children) SubqueryLines(*c, depth, analyze, lines);
  for (auto& c : expr.correlated) SubqueryLines(*c, depth, analyze, lines);
}

void TextLines(const PhysicalOperator& op, int depth, bool analyze,
               std::vector<std::string>& lines) {
  std::string line(depth * 2, ' ');
  if (depth > 0) line += "-> ";
  line += op.Name();
  std::string params = op.Params();
  if (!params.empty()) line += " " + params;
  if (analyze) {
    line += " (rows=" + std::to_string(op.rows_out) + " time=" + FormatMs(op.self_nanos) + " ms)";
  }
  lines.push_back(std::move(line));
  for (const ExprNode* e : op.Expressions()) SubqueryLines(*e, depth + 1, analyze, lines);
  for (auto& c : op.children) TextLines(*c, depth + 1, analyze, lines);
}

void Json(const PhysicalOperator& op, bool analyze, int depth, std::string& out) {
  std::string pad(depth * 2, ' ');
  out += pad + "{\"Node Type\": " + JsonQuote(op.Name());
  std::string params = op.Params();
  if (!params.empty()) out += ", \"Details\": " + JsonQuote(params);
  if (analyze) {
    out += ", \"Actual Rows\": " + std::to_string(op.rows_out) +
           ", \"Actual Time\": " + FormatMs(op.self_nanos);
  }
  if (!op.children.empty()) {
    out += ", \"Plans\": [\n";
    for (size_t i = 0; i < op.children.size(); i++) {
      Json(*op.children[i], analyze, depth + 1, out);
      out += i + 1 < op.children.size() ? ",\n" : "\n";
    }
    out += pad + "]";
  }
  out += "}";
}

}  // namespace

void ExecuteExplain(LogicalOperator& plan, ExecutionContext& context, Result& result) {
  auto& explain = static_cast<LogicalExplain&>(plan);
  if (plan.children.empty()) ThrowInternal("EXPLAIN without a plan");
  PhysicalPlanGenerator generator(context);
  auto physical = generator.Plan(*plan.children[0]);
  double total_ms = 0;
  if (explain.analyze) {
    ExecState state(context);
    state.profiling = true;
    auto start = std::chrono::steady_clock::now();
    state.last_switch = start;
    RunUnordered(*physical, state, [](DataChunk&) { return true; });
    state.SwitchProfile(nullptr);
    total_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  std::vector<std::string> lines;
  if (explain.json) {
    std::string out = "[\n  {\"Plan\":\n";
    Json(*physical, explain.analyze, 2, out);
    if (explain.analyze)
      out += ",\n   \"Execution Time\": " + FormatMs(static_cast<uint64_t>(total_ms * 1e6));
    out += "\n  }\n]";
    lines.push_back(out);
  } else {
    TextLines(*physical, 0, explain.analyze, lines);
    if (explain.analyze) {
      lines.push_back("Execution Time: " + FormatMs(static_cast<uint64_t>(total_ms * 1e6)) + " ms");
    }
  }
  DataChunk chunk(std::vector<LogicalType>{TypeId::kText}, 0);
  for (auto& l : lines) chunk.AppendRow({Value::Text(l)});
  result.SetColumns({"QUERY PLAN"}, {TypeId::kText});
  result.AddChunk(std::move(chunk));
  result.SetHasRows(true);
  result.SetRowsAffected(lines.size());
}

}  // namespace kadedb
