// Dummy scan, VALUES and generate_series.
#include "execution/operator/physical_simple_sources.hpp"

#include <atomic>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

bool PhysicalDummyScan::GetData(ExecState& state, OperatorState* source_state, DataChunk& out) {
  out.SetSize(1);
  return false;
}

namespace {
struct OffsetState : OperatorState {
  size_t offset = 0;
};

struct SeriesState : OperatorState {
  bool empty = false;
  bool is_timestamp = false, is_decimal = false;
  int64_t current = 0, stop = 0, step = 0;
  Interval interval_step;
  Decimal dcur, dstop, dstep;
};

// A parallel integer series: value i is start + i * step, i < count; morsels are claimed by
// index from next_morsel.
struct SeriesGlobalState : OperatorState {
  std::unique_ptr<OperatorState> serial;  // the SeriesState the arguments were checked into
  int64_t start = 0, step = 1;
  uint64_t count = 0;
  std::atomic<uint64_t> next_morsel{0};
};

struct SeriesLocalState : OperatorState {
  uint64_t position = 0, end = 0;  // value indices of the current morsel
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalExpressionGet::InitSource(ExecState& state) {
  return std::make_unique<OffsetState>();
}

bool PhysicalExpressionGet::GetData(ExecState& state, OperatorState* source_state, DataChunk& out) {
  auto& st = static_cast<OffsetState&>(*source_state);
  out.Initialize(types, 0);
  DataChunk one;
  one.SetSize(1);
  size_t end = std::min(rows.size(), st.offset + kStandardVectorSize);
  Vector v;
  for (; st.offset < end; st.offset++) {
    auto& row = rows[st.offset];
    for (size_t c = 0; c < row.size(); c++) {
      ExpressionExecutor::Execute(state, *row[c], one, v);
      if (v.physical() != out.column(c).physical() ||
          (v.type() != types[c] && types[c].id != TypeId::kNull)) {
        Vector cast(types[c]);
        CastVector(v, 1, types[c], cast, CastStrength::kAssignment);
        v = std::move(cast);
      }
      AppendVector(out.column(c), v, 1);
    }
  }
  out.SetSize(out.ColumnCount() ? out.column(0).size() : 0);
  return st.offset < rows.size();
}

std::unique_ptr<OperatorState> PhysicalTableFunction::InitSource(ExecState& state) {
  auto st = std::make_unique<SeriesState>();
  if (function_name != "generate_series") {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "table function " + function_name + " is not supported");
  }
  std::vector<Value> args;
  for (auto& a : arguments) args.push_back(ExpressionExecutor::EvaluateScalar(state, *a));
  if (args.size() < 2 || args.size() > 3) {
    throw Exception(sqlstate::kUndefinedFunction, "function generate_series does not exist");
  }
  for (auto& a : args) {
    if (a.IsNull()) {
      st->empty = true;
      return st;
    }
  }
  const LogicalType& out_type = types[0];
  if (out_type.IsTemporal()) {
    st->is_timestamp = true;
    st->current = CastValue(args[0], out_type).GetInt();
    st->stop = CastValue(args[1], out_type).GetInt();
    if (args.size() < 3) {
      throw Exception(sqlstate::kUndefinedFunction,
                      "function generate_series(timestamp, timestamp) does not exist");
    }
    st->interval_step = CastValue(args[2], TypeId::kInterval).GetInterval();
    if (IntervalSortKey(st->interval_step) == 0) {
      throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
  } else if (out_type.id == TypeId::kDecimal) {
    st->is_decimal = true;
    st->dcur = CastValue(args[0], out_type).GetDecimal();
    st->dstop = CastValue(args[1], out_type).GetDecimal();
    st->dstep = args.size() == 3 ? CastValue(args[2], out_type).GetDecimal() : DecimalFromInt(1);
    if (DecimalSign(st->dstep) == 0) {
      throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
  } else {
    st->current = CastValue(args[0], TypeId::kBigInt).GetInt();
    st->stop = CastValue(args[1], TypeId::kBigInt).GetInt();
    st->step = args.size() == 3 ? CastValue(args[2], TypeId::kBigInt).GetInt() : 1;
    if (st->step == 0) {
      throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
  }
  return st;
}

bool PhysicalTableFunction::GetData(ExecState& state, OperatorState* source_state, DataChunk& out) {
  auto& st = static_cast<SeriesState&>(*source_state);
  if (st.empty) return false;
  out.Initialize(types, 0);
  Vector& col = out.column(0);
  size_t n = 0;
  if (st.is_timestamp) {
    bool up = IntervalSortKey(st.interval_step) > 0;
    while (n < kStandardVectorSize && (up ? st.current <= st.stop : st.current >= st.stop)) {
      col.Append(Value::FromInt(types[0], st.current));
      n++;
      st.current = TimestampAddInterval(st.current, st.interval_step);
    }
    if (up ? st.current > st.stop : st.current < st.stop) st.empty = true;
  } else if (st.is_decimal) {
    bool up = DecimalSign(st.dstep) > 0;
    auto in_range = [&] {
      int c = DecimalCompare(st.dcur, st.dstop);
      return up ? c <= 0 : c >= 0;
    };
    while (n < kStandardVectorSize && in_range()) {
      col.Append(Value::Numeric(st.dcur, types[0]));
      n++;
      st.dcur = DecimalAdd(st.dcur, st.dstep);
    }
    if (!in_range()) st.empty = true;
  } else {
    col.Resize(kStandardVectorSize);
    auto& d = col.ints();
    bool up = st.step > 0;
    while (n < kStandardVectorSize && (up ? st.current <= st.stop : st.current >= st.stop)) {
      d[n++] = st.current;
      if (__builtin_add_overflow(st.current, st.step, &st.current)) {
        st.empty = true;
        break;
      }
    }
    col.Resize(n);
    if (up ? st.current > st.stop : st.current < st.stop) st.empty = true;
  }
  out.SetSize(n);
  return !st.empty;
}

}  // namespace kadedb

namespace kadedb {

bool PhysicalTableFunction::ParallelSource() const {
  const LogicalType& t = types[0];
  return function_name == "generate_series" && !t.IsTemporal() && t.id != TypeId::kDecimal &&
         PhysicalOf(t) == PhysicalType::kInt64;
}

std::unique_ptr<OperatorState> PhysicalTableFunction::InitGlobalSource(ExecState& state) {
  auto g = std::make_unique<SeriesGlobalState>();
  g->serial = InitSource(state);
  auto& st = static_cast<SeriesState&>(*g->serial);
  if (st.empty) return g;
  g->start = st.current;
  g->step = st.step;
  __int128 span = static_cast<__int128>(st.stop) - st.current;
  if ((span >= 0) == (st.step > 0) || span == 0) {
    g->count = static_cast<uint64_t>(span / st.step + 1);
  }
  return g;
}

size_t PhysicalTableFunction::MaxThreads(OperatorState* global) const {
  auto& g = static_cast<SeriesGlobalState&>(*global);
  return static_cast<size_t>(g.count / kMorselRows + 1);
}

std::unique_ptr<OperatorState> PhysicalTableFunction::InitLocalSource(ExecState& state,
                                                                      OperatorState* global) {
  return std::make_unique<SeriesLocalState>();
}

bool PhysicalTableFunction::GetDataParallel(ExecState& state, OperatorState* global,
                                            OperatorState* local, DataChunk& out) {
  auto& g = static_cast<SeriesGlobalState&>(*global);
  auto& l = static_cast<SeriesLocalState&>(*local);
  if (l.position >= l.end) {
    uint64_t morsel = g.next_morsel.fetch_add(1, std::memory_order_relaxed);
    uint64_t begin = morsel * kMorselRows;
    if (begin >= g.count) return false;
    l.position = begin;
    l.end = std::min<uint64_t>(g.count, begin + kMorselRows);
  }
  size_t n = std::min<uint64_t>(kStandardVectorSize, l.end - l.position);
  out.Initialize(types, 0);
  Vector& col = out.column(0);
  col.Resize(n);
  int64_t* d = col.ints().data();
  // Wrapping arithmetic: every value is inside [start, stop], so no true overflow occurs.
  uint64_t base = static_cast<uint64_t>(g.start) + l.position * static_cast<uint64_t>(g.step);
  for (size_t i = 0; i < n; i++) {
    d[i] = static_cast<int64_t>(base + i * static_cast<uint64_t>(g.step));
  }
  out.SetSize(n);
  l.position += n;
  return true;
}

}  // namespace kadedb
