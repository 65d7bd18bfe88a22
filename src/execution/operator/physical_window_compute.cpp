// ComputeWindow: the window functions over a sorted layout (PostgreSQL semantics). Frames are
// computed per row as half-open position ranges (ROWS: row offsets; RANGE: peers or a binary
// search on the order key against the row's bound value; GROUPS: peer group offsets), minus the
// EXCLUDE rows, giving at most three ranges.
#include <algorithm>
#include <cmath>

#include "common/exception.hpp"
#include "execution/operator/physical_window.hpp"
#include "execution/operator/physical_window_segment_tree.hpp"

namespace kadedb {

namespace {

using B = WindowBoundKind;

void CopyCell(Vector& dst, size_t di, const Vector& src, size_t si) {
  if (src.IsNull(si)) {
    dst.SetNull(di, true);
    return;
  }
  dst.SetNull(di, false);
  switch (dst.physical()) {
    case PhysicalType::kInt64:
      dst.ints()[di] = src.ints()[si];
      break;
    case PhysicalType::kDouble:
      dst.doubles()[di] = src.doubles()[si];
      break;
    case PhysicalType::kDecimal:
      dst.decimals()[di] = src.decimals()[si];
      break;
    case PhysicalType::kString:
      dst.strings()[di] = src.strings()[si];
      break;
    case PhysicalType::kInterval:
      dst.intervals()[di] = src.intervals()[si];
      break;
  }
}

struct FrameRanges {
  uint64_t begin[3];
  uint64_t end[3];
  int count = 0;
  void Add(uint64_t b, uint64_t e) {
    if (b < e) {
      begin[count] = b;
      end[count] = e;
      count++;
    }
  }
  uint64_t Size() const {
    uint64_t s = 0;
    for (int i = 0; i < count; i++) s += end[i] - begin[i];
    return s;
  }
  bool operator==(const FrameRanges& o) const {
    if (count != o.count) return false;
    for (int i = 0; i < count; i++) {
      if (begin[i] != o.begin[i] || end[i] != o.end[i]) return false;
    }
    return true;
  }
};

class FrameComputer {
 public:
  FrameComputer(const BoundWindow& def, const RowCollection& in, const WindowLayout& layout)
      : def_(def), in_(in), l_(layout) {
    if (def.HasStartValue()) start_value_ = &in.column(def.StartOffset());
    if (def.HasEndValue()) end_value_ = &in.column(def.EndOffset());
    if (def.has_range_key) range_key_ = &in.column(def.RangeKeyOffset());
  }

  // The frame [start, end) of position i before exclusion.
  void Bounds(uint64_t i, uint64_t* start, uint64_t* end) const {
    *start = Bound(i, def_.start, start_value_, true);
    *end = Bound(i, def_.end, end_value_, false);
    if (*end < *start) *end = *start;
  }

  FrameRanges Get(uint64_t i) const {
    uint64_t s, e;
    Bounds(i, &s, &e);
    FrameRanges r;
    switch (def_.exclude) {
      case WindowExclude::kNoOthers:
        r.Add(s, e);
        break;
      case WindowExclude::kCurrentRow:
        r.Add(s, std::min(e, i));
        r.Add(std::max(s, i + 1), e);
        break;
      case WindowExclude::kGroup:
        r.Add(s, std::min(e, l_.peer_start[i]));
        r.Add(std::max(s, l_.peer_end[i]), e);
        break;
      case WindowExclude::kTies:
        r.Add(s, std::min(e, l_.peer_start[i]));
        if (i >= s && i < e) r.Add(i, i + 1);
        r.Add(std::max(s, l_.peer_end[i]), e);
        break;
    }
    return r;
  }

 private:
  int64_t Offset(const Vector* v, uint64_t row, bool is_start) const {
    if (v->IsNull(row)) {
      throw Exception("22004", std::string("frame ") + (is_start ? "starting" : "ending") +
                                   " offset must not be null");
    }
    int64_t off = v->ints()[row];
    if (off < 0) {
      throw Exception("22013", std::string("frame ") + (is_start ? "starting" : "ending") +
                                   " offset must not be negative");
    }
    return off;
  }

  uint64_t Bound(uint64_t i, B kind, const Vector* value, bool is_start) const {
    uint64_t ps = l_.partition_start[i], pe = l_.partition_end[i];
    switch (kind) {
      case B::kUnboundedPreceding:
        return ps;
      case B::kUnboundedFollowing:
        return pe;
      case B::kCurrentRow:
        if (def_.mode == WindowFrameMode::kRows) return is_start ? i : i + 1;
        return is_start ? l_.peer_start[i] : l_.peer_end[i];
      default:
        break;
    }
    bool preceding = kind == B::kPreceding;
    uint64_t row = l_.order[i];
    if (def_.mode == WindowFrameMode::kRows) {
      uint64_t off = static_cast<uint64_t>(Offset(value, row, is_start));
      // Start: the first row of the frame; end: one past the last.
      if (preceding) {
        uint64_t target = i - ps >= off ? i - off : ps;
        if (!is_start) return i - ps >= off ? target + 1 : ps;
        return target;
      }
      uint64_t target = pe - i > off ? i + off : pe;
      if (!is_start) return target == pe ? pe : target + 1;
      return target;
    }
    if (def_.mode == WindowFrameMode::kGroups) {
      uint64_t off = static_cast<uint64_t>(Offset(value, row, is_start));
      uint64_t g = l_.group[i];
      uint64_t first = l_.group[ps], last = l_.group[pe - 1];
      if (preceding) {
        if (g - first < off) return ps;
        uint64_t t = g - off;
        return is_start ? l_.group_start[t] : l_.group_start[t + 1];
      }
      if (last - g < off) return pe;
      uint64_t t = g + off;
      return is_start ? l_.group_start[t] : l_.group_start[t + 1];
    }
    // RANGE with an offset: search the order key against this row's bound value.
    const Vector& key = *range_key_;
    if (key.IsNull(row)) return is_start ? l_.peer_start[i] : l_.peer_end[i];
    if (value->IsNull(row)) {
      throw Exception("22004", std::string("frame ") + (is_start ? "starting" : "ending") +
                                   " offset must not be null");
    }
    bool nulls_first = def_.null_orders[0] == NullOrder::kNullsFirst;
    int dir = def_.order_types[0] == OrderType::kDescending ? -1 : 1;
    // A negative offset (from a parameter; constants are checked when binding) puts a
    // PRECEDING bound after the row or a FOLLOWING bound before it.
    int side = dir * CompareValues(*value, row, key, row);
    if (preceding ? side > 0 : side < 0) {
      throw Exception("22013", "invalid preceding or following size in window function");
    }
    const uint64_t* order = l_.order.data();
    uint64_t lo = ps, hi = pe;
    if (nulls_first) {
      lo = std::partition_point(order + ps, order + pe, [&](uint64_t r) { return key.IsNull(r); }) -
           order;
    } else {
      hi =
          std::partition_point(order + ps, order + pe, [&](uint64_t r) { return !key.IsNull(r); }) -
          order;
    }
    if (is_start) {
      return std::partition_point(
                 order + lo, order + hi,
                 [&](uint64_t r) { return dir * CompareValues(key, r, *value, row) < 0; }) -
             order;
    }
    return std::partition_point(
               order + lo, order + hi,
               [&](uint64_t r) { return dir * CompareValues(key, r, *value, row) <= 0; }) -
           order;
  }

  const BoundWindow& def_;
  const RowCollection& in_;
  const WindowLayout& l_;
  const Vector* start_value_ = nullptr;
  const Vector* end_value_ = nullptr;
  const Vector* range_key_ = nullptr;
};

// Position of the k-th (0-based) row of the frame, or -1.
int64_t NthPosition(const FrameRanges& r, uint64_t k) {
  for (int i = 0; i < r.count; i++) {
    uint64_t size = r.end[i] - r.begin[i];
    if (k < size) return static_cast<int64_t>(r.begin[i] + k);
    k -= size;
  }
  return -1;
}

void ComputeAggregate(ExecState& state, const PhysicalWindowInfo& w, const RowCollection& in,
                      const WindowLayout& l, Vector& result) {
  const BoundWindow& def = w.def;
  const AggregateKernel& kernel = *w.kernel;
  size_t n = l.order.size();
  std::vector<const Vector*> args;
  for (idx_t a = 0; a < def.argument_count; a++) args.push_back(&in.column(a));
  std::vector<uint8_t> included(n, 1);
  bool skip_nulls = def.aggregate.function->skip_nulls;
  for (size_t row = 0; row < n; row++) {
    if (def.has_filter) {
      const Vector& f = in.column(def.FilterOffset());
      if (f.IsNull(row) || f.ints()[row] == 0) included[row] = 0;
    }
    if (skip_nulls) {
      for (auto* a : args) {
        if (a->IsNull(row)) included[row] = 0;
      }
    }
  }
  WindowAggregateInput input(kernel, args, std::move(included), l.order);
  FrameComputer frames(def, in, l);
  Vector value(w.return_type);
  value.Resize(1);
  StateArena scratch(kernel, 1);
  uint8_t* st = scratch[0];
  uint8_t* states[1] = {st};

  bool running = def.start == B::kUnboundedPreceding && def.exclude == WindowExclude::kNoOthers;
  if (running) {
    // Frames start at the partition start and their end only grows: one pass per partition.
    uint64_t acc_end = 0, part = ~uint64_t{0};
    bool fresh = true;
    for (uint64_t i = 0; i < n; i++) {
      if ((i & 1023) == 0) state.CheckInterrupt();
      uint64_t s, e;
      frames.Bounds(i, &s, &e);
      if (l.partition_start[i] != part || e < acc_end) {
        kernel.Destroy(st);
        kernel.Initialize(st);
        part = l.partition_start[i];
        acc_end = part;
        fresh = true;
      }
      if (e > acc_end || fresh) {
        input.Update(st, acc_end, e);
        acc_end = std::max(acc_end, e);
        kernel.Finalize(states, 1, value);
        fresh = false;
      }
      CopyCell(result, l.order[i], value, 0);
    }
    return;
  }
  WindowSegmentTree tree(input, n);
  state.Allocate(tree.bytes(), "WINDOW");
  FrameRanges previous;
  bool have_previous = false;
  for (uint64_t i = 0; i < n; i++) {
    if ((i & 1023) == 0) state.CheckInterrupt();
    FrameRanges r = frames.Get(i);
    if (!have_previous || !(r == previous)) {
      kernel.Destroy(st);
      kernel.Initialize(st);
      for (int k = 0; k < r.count; k++) tree.Aggregate(st, r.begin[k], r.end[k]);
      kernel.Finalize(states, 1, value);
      previous = r;
      have_previous = true;
    }
    CopyCell(result, l.order[i], value, 0);
  }
  state.Free(tree.bytes());
}

}  // namespace

void ComputeWindow(ExecState& state, const PhysicalWindowInfo& w, const RowCollection& in,
                   const WindowLayout& l, Vector& result) {
  const BoundWindow& def = w.def;
  if (def.function == WindowFunctionKind::kAggregate) {
    ComputeAggregate(state, w, in, l, result);
    return;
  }
  size_t n = l.order.size();
  FrameComputer frames(def, in, l);
  struct NtileState {
    uint64_t partition = ~uint64_t{0};
    bool started = false;
    uint64_t bucket = 0, rows = 0, boundary = 0, remainder = 0;
  } ntile;
  for (uint64_t i = 0; i < n; i++) {
    uint64_t row = l.order[i];
    uint64_t ps = l.partition_start[i], pe = l.partition_end[i];
    result.SetNull(row, false);
    switch (def.function) {
      case WindowFunctionKind::kRowNumber:
        result.ints()[row] = static_cast<int64_t>(i - ps + 1);
        break;
      case WindowFunctionKind::kRank:
        result.ints()[row] = static_cast<int64_t>(l.peer_start[i] - ps + 1);
        break;
      case WindowFunctionKind::kDenseRank:
        result.ints()[row] = static_cast<int64_t>(l.group[i] - l.group[ps] + 1);
        break;
      case WindowFunctionKind::kPercentRank:
        result.doubles()[row] = pe - ps > 1 ? static_cast<double>(l.peer_start[i] - ps) /
                                                  static_cast<double>(pe - ps - 1)
                                            : 0.0;
        break;
      case WindowFunctionKind::kCumeDist:
        result.doubles()[row] =
            static_cast<double>(l.peer_end[i] - ps) / static_cast<double>(pe - ps);
        break;
      case WindowFunctionKind::kNtile: {
        // PostgreSQL's algorithm: the bucket count is read from the first row of the partition
        // whose argument is not NULL (rows before it give NULL and are not placed in buckets);
        // the leading total % n buckets get one extra row.
        const Vector& arg = in.column(0);
        if (ps != ntile.partition) {
          ntile = NtileState();
          ntile.partition = ps;
        }
        if (!ntile.started) {
          if (arg.IsNull(row)) {
            result.SetNull(row, true);
            break;
          }
          int64_t buckets = arg.ints()[row];
          if (buckets <= 0) {
            throw Exception("22014", "argument of ntile must be greater than zero");
          }
          uint64_t total = pe - ps, nb = static_cast<uint64_t>(buckets);
          ntile.started = true;
          ntile.bucket = 1;
          ntile.boundary = total / nb;
          if (ntile.boundary == 0) {
            ntile.boundary = 1;
          } else {
            ntile.remainder = total % nb;
            if (ntile.remainder != 0) ntile.boundary++;
          }
        }
        ntile.rows++;
        if (ntile.boundary < ntile.rows) {
          if (ntile.remainder != 0 && ntile.bucket == ntile.remainder) {
            ntile.remainder = 0;
            ntile.boundary--;
          }
          ntile.bucket++;
          ntile.rows = 1;
        }
        result.ints()[row] = static_cast<int64_t>(ntile.bucket);
        break;
      }
      case WindowFunctionKind::kLag:
      case WindowFunctionKind::kLead: {
        int64_t off = 1;
        if (def.argument_count >= 2) {
          const Vector& o = in.column(1);
          if (o.IsNull(row)) {
            result.SetNull(row, true);
            break;
          }
          off = o.ints()[row];
        }
        if (def.function == WindowFunctionKind::kLag) off = -off;
        int64_t target = static_cast<int64_t>(i) + off;
        if (target >= static_cast<int64_t>(ps) && target < static_cast<int64_t>(pe)) {
          CopyCell(result, row, in.column(0), l.order[target]);
        } else if (def.argument_count == 3) {
          CopyCell(result, row, in.column(2), row);
        } else {
          result.SetNull(row, true);
        }
        break;
      }
      case WindowFunctionKind::kFirstValue:
      case WindowFunctionKind::kLastValue:
      case WindowFunctionKind::kNthValue: {
        FrameRanges r = frames.Get(i);
        int64_t pos = -1;
        if (def.function == WindowFunctionKind::kFirstValue) {
          pos = NthPosition(r, 0);
        } else if (def.function == WindowFunctionKind::kLastValue) {
          pos = r.count ? static_cast<int64_t>(r.end[r.count - 1] - 1) : -1;
        } else {
          const Vector& nv = in.column(1);
          if (nv.IsNull(row)) {
            result.SetNull(row, true);
            break;
          }
          int64_t nth = nv.ints()[row];
          if (nth <= 0) {
            throw Exception("22016", "argument of nth_value must be greater than zero");
          }
          pos = NthPosition(r, static_cast<uint64_t>(nth - 1));
        }
        if (pos < 0) {
          result.SetNull(row, true);
        } else {
          CopyCell(result, row, in.column(0), l.order[pos]);
        }
        break;
      }
      default:
        ThrowInternal("unknown window function");
    }
  }
}

}  // namespace kadedb
