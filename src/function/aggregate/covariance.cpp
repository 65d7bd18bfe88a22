// The two-argument statistics aggregates over double precision, as PostgreSQL's
// float8_regr_accum / float8_regr_combine and their final functions compute them: covar_pop,
// covar_samp, corr, regr_sxx, regr_syy, regr_sxy, regr_avgx, regr_avgy, regr_r2, regr_slope,
// regr_intercept (all (Y, X) -> double precision) and regr_count ((Y, X) -> bigint). Rows where
// either argument is NULL are ignored. Integer and numeric arguments reach the double precision
// overload through the implicit casts, as in PostgreSQL.
#include <cmath>

#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"

namespace kadedb {

namespace {

struct RegrState {
  double n = 0;
  double sx = 0, sxx = 0;  // Σx and Σ squared deviations of x
  double sy = 0, syy = 0;
  double sxy = 0;  // Σ products of the deviations
};

enum class Stat : uint8_t {
  kCovarPop,
  kCovarSamp,
  kCorr,
  kSxx,
  kSyy,
  kSxy,
  kAvgX,
  kAvgY,
  kR2,
  kSlope,
  kIntercept,
  kCount
};

void Accum(RegrState& s, double y, double x) {
  s.n += 1;
  s.sx += x;
  s.sy += y;
  if (s.n > 1) {
    double tx = x * s.n - s.sx;
    double ty = y * s.n - s.sy;
    double scale = 1.0 / (s.n * (s.n - 1));
    s.sxx += tx * tx * scale;
    s.syy += ty * ty * scale;
    s.sxy += tx * ty * scale;
  }
}

void Combine(RegrState& t, const RegrState& s) {
  if (s.n == 0) return;
  if (t.n == 0) {
    t = s;
    return;
  }
  double n = t.n + s.n;
  double dx = t.sx / t.n - s.sx / s.n;
  double dy = t.sy / t.n - s.sy / s.n;
  double w = t.n * s.n / n;
  t.sxx += s.sxx + w * dx * dx;
  t.syy += s.syy + w * dy * dy;
  t.sxy += s.sxy + w * dx * dy;
  t.sx += s.sx;
  t.sy += s.sy;
  t.n = n;
}

// Returns false for NULL.
bool Final(Stat stat, const RegrState& s, double* out) {
  if (s.n < 1) return false;
  switch (stat) {
    case Stat::kCovarPop:
      *out = s.sxy / s.n;
      return true;
    case Stat::kCovarSamp:
      if (s.n < 2) return false;
      *out = s.sxy / (s.n - 1);
      return true;
    case Stat::kCorr:
      if (s.sxx == 0 || s.syy == 0) return false;
      *out = s.sxy / std::sqrt(s.sxx * s.syy);
      return true;
    case Stat::kSxx:
      *out = s.sxx;
      return true;
    case Stat::kSyy:
      *out = s.syy;
      return true;
    case Stat::kSxy:
      *out = s.sxy;
      return true;
    case Stat::kAvgX:
      *out = s.sx / s.n;
      return true;
    case Stat::kAvgY:
      *out = s.sy / s.n;
      return true;
    case Stat::kR2:
      if (s.sxx == 0) return false;
      *out = s.syy == 0 ? 1.0 : s.sxy * s.sxy / (s.sxx * s.syy);
      return true;
    case Stat::kSlope:
      if (s.sxx == 0) return false;
      *out = s.sxy / s.sxx;
      return true;
    case Stat::kIntercept:
      if (s.sxx == 0) return false;
      *out = (s.sy - s.sx * s.sxy / s.sxx) / s.n;
      return true;
    case Stat::kCount:
      *out = s.n;
      return true;
  }
  return false;
}

template <Stat kStat>
class RegrKernel : public TypedAggregateKernel<RegrState> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const double* y = args[0]->doubles().data();
    const double* x = args[1]->doubles().data();
    const uint8_t* vy = args[0]->validity().data();
    const uint8_t* vx = args[1]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (vy[i] && vx[i]) Accum(*Get(states[i]), y[i], x[i]);
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    kadedb::Combine(*Get(target), *Get(source));
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      double v = 0;
      if constexpr (kStat == Stat::kCount) {
        result.SetNull(i, false);
        result.ints()[i] = static_cast<int64_t>(Get(states[i])->n);
      } else {
        bool ok = Final(kStat, *Get(states[i]), &v);
        result.SetNull(i, !ok);
        if (ok) result.doubles()[i] = v;
      }
    }
  }
};

template <Stat kStat>
void Register(FunctionRegistry& r, const char* name) {
  r.AddAggregate(
      MakeAggregate<RegrKernel<kStat>>(name, {TypeId::kDouble, TypeId::kDouble},
                                       kStat == Stat::kCount ? TypeId::kBigInt : TypeId::kDouble));
}

}  // namespace

void RegisterCovarianceAggregates(FunctionRegistry& r) {
  Register<Stat::kCovarPop>(r, "covar_pop");
  Register<Stat::kCovarSamp>(r, "covar_samp");
  Register<Stat::kCorr>(r, "corr");
  Register<Stat::kSxx>(r, "regr_sxx");
  Register<Stat::kSyy>(r, "regr_syy");
  Register<Stat::kSxy>(r, "regr_sxy");
  Register<Stat::kAvgX>(r, "regr_avgx");
  Register<Stat::kAvgY>(r, "regr_avgy");
  Register<Stat::kR2>(r, "regr_r2");
  Register<Stat::kSlope>(r, "regr_slope");
  Register<Stat::kIntercept>(r, "regr_intercept");
  Register<Stat::kCount>(r, "regr_count");
}

}  // namespace kadedb
