// coalesce(x, ...) and nullif(a, b): not strict. Arguments are cast to their common type
// (CommonType); coalesce returns the first non-NULL argument, nullif NULL when a = b.
#include "function/builtin_functions.hpp"
#include "function/cast/cast.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

LogicalType BindCommon(std::vector<LogicalType>& types) {
  LogicalType common = types[0];
  for (size_t i = 1; i < types.size(); i++) common = CommonType(common, types[i]);
  if (common.id == TypeId::kNull) common = TypeId::kText;  // only untyped NULLs: text
  for (auto& t : types) t = common;
  return common;
}

template <class T>
void CoalesceT(Args a, size_t n, Vector& res) {
  res.Resize(n);
  auto& out = Storage<T>::Get(res);
  for (size_t i = 0; i < n; i++) {
    bool found = false;
    for (const Vector* v : a) {
      if (!v->IsNull(i)) {
        out[i] = Storage<T>::Get(*v)[i];
        found = true;
        break;
      }
    }
    res.SetNull(i, !found);
  }
}

template <class T>
void NullIfT(Args a, size_t n, Vector& res) {
  res.Resize(n);
  const auto& x = Storage<T>::Get(*a[0]);
  const auto& y = Storage<T>::Get(*a[1]);
  auto& out = Storage<T>::Get(res);
  for (size_t i = 0; i < n; i++) {
    bool null = a[0]->IsNull(i) || (!a[1]->IsNull(i) && CompareValues(x[i], y[i]) == 0);
    res.SetNull(i, null);
    if (!null) out[i] = x[i];
  }
}

template <template <class> class Kernel>
void Dispatch(Args a, size_t n, Vector& res) {
  switch (res.physical()) {
    case PhysicalType::kInt64:
      return Kernel<int64_t>::Run(a, n, res);
    case PhysicalType::kDouble:
      return Kernel<double>::Run(a, n, res);
    case PhysicalType::kDecimal:
      return Kernel<Decimal>::Run(a, n, res);
    case PhysicalType::kString:
      return Kernel<std::string>::Run(a, n, res);
    case PhysicalType::kInterval:
      return Kernel<Interval>::Run(a, n, res);
  }
}

template <class T>
struct CoalesceKernel {
  static void Run(Args a, size_t n, Vector& res) { CoalesceT<T>(a, n, res); }
};
template <class T>
struct NullIfKernel {
  static void Run(Args a, size_t n, Vector& res) { NullIfT<T>(a, n, res); }
};

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& r) {
  const LogicalType any = TypeId::kNull;
  ScalarFunction coalesce = MakeScalar(
      "coalesce", {any}, any,
      [](Args a, size_t n, Vector& res, FunctionContext&) { Dispatch<CoalesceKernel>(a, n, res); });
  coalesce.has_varargs = true;
  coalesce.varargs = any;
  coalesce.strict = false;
  coalesce.bind = BindCommon;
  r.AddScalar(std::move(coalesce));
  ScalarFunction nullif = MakeScalar(
      "nullif", {any, any}, any,
      [](Args a, size_t n, Vector& res, FunctionContext&) { Dispatch<NullIfKernel>(a, n, res); });
  nullif.strict = false;
  nullif.bind = BindCommon;
  r.AddScalar(std::move(nullif));
}

}  // namespace kadedb
