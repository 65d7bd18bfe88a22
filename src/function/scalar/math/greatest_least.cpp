// greatest / least (variadic, not strict): all arguments are cast to their common type
// (CommonType, as PostgreSQL's CASE-like resolution); NULLs are ignored and the result is NULL
// only when every argument is NULL.
#include "function/builtin_functions.hpp"
#include "function/cast/cast.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

template <class T, bool kGreatest>
void Pick(Args a, size_t n, Vector& res) {
  res.Resize(n);
  auto& out = Storage<T>::Get(res);
  for (size_t i = 0; i < n; i++) {
    const T* best = nullptr;
    for (const Vector* v : a) {
      if (v->IsNull(i)) continue;
      const T& x = Storage<T>::Get(*v)[i];
      if (best == nullptr ||
          (kGreatest ? CompareValues(x, *best) > 0 : CompareValues(x, *best) < 0))
        best = &x;
    }
    res.SetNull(i, best == nullptr);
    if (best) out[i] = *best;
  }
}

template <bool kGreatest>
void Exec(Args a, size_t n, Vector& res, FunctionContext&) {
  switch (res.physical()) {
    case PhysicalType::kInt64:
      return Pick<int64_t, kGreatest>(a, n, res);
    case PhysicalType::kDouble:
      return Pick<double, kGreatest>(a, n, res);
    case PhysicalType::kDecimal:
      return Pick<Decimal, kGreatest>(a, n, res);
    case PhysicalType::kString:
      return Pick<std::string, kGreatest>(a, n, res);
    case PhysicalType::kInterval:
      return Pick<Interval, kGreatest>(a, n, res);
  }
}

LogicalType BindCommon(std::vector<LogicalType>& types) {
  LogicalType common = types[0];
  for (size_t i = 1; i < types.size(); i++) common = CommonType(common, types[i]);
  if (common.id == TypeId::kNull) common = TypeId::kText;  // all untyped NULLs: unknown -> text
  for (auto& t : types) t = common;
  return common;
}

}  // namespace

void RegisterGreatestLeast(FunctionRegistry& registry) {
  for (int g = 0; g < 2; g++) {
    ScalarFunction f = MakeScalar(g ? "greatest" : "least", {TypeId::kNull}, TypeId::kNull,
                                  g ? Exec<true> : Exec<false>);
    f.has_varargs = true;
    f.varargs = TypeId::kNull;
    f.strict = false;
    f.bind = BindCommon;
    registry.AddScalar(std::move(f));
  }
}

}  // namespace kadedb
