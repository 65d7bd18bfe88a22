// System information functions: version(), gen_random_uuid() (version 4, volatile) and
// pg_typeof(any) (the argument's SQL type name as text; not strict, so pg_typeof(NULL) works).
#include <random>

#include "function/builtin_functions.hpp"
#include "function/overload_resolution.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

void FillText(Vector& res, size_t n, const std::string& s) {
  res.Resize(n);
  for (size_t i = 0; i < n; i++) {
    res.strings()[i] = s;
    res.SetNull(i, false);
  }
}

std::string RandomUuid() {
  thread_local std::mt19937_64 gen(std::random_device{}());
  uint64_t hi = gen(), lo = gen();
  hi = (hi & ~uint64_t{0xF000}) | 0x4000;                    // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{8} << 60);  // variant 10xx
  std::string out(16, '\0');
  for (int i = 0; i < 8; i++) {
    out[i] = static_cast<char>(hi >> (56 - 8 * i));
    out[8 + i] = static_cast<char>(lo >> (56 - 8 * i));
  }
  return out;
}

}  // namespace

void RegisterSystemFunctions(FunctionRegistry& r) {
  r.AddScalar(
      MakeScalar("version", {}, TypeId::kText, [](Args, size_t n, Vector& res, FunctionContext&) {
        FillText(res, n, "KadeDB 0.1.0 on x86_64-pc-linux-gnu, 64-bit");
      }));
  ScalarFunction uuid = MakeScalar("gen_random_uuid", {}, TypeId::kUuid,
                                   [](Args, size_t n, Vector& res, FunctionContext&) {
                                     res.Resize(n);
                                     for (size_t i = 0; i < n; i++) {
                                       res.strings()[i] = RandomUuid();
                                       res.SetNull(i, false);
                                     }
                                   });
  uuid.is_volatile = true;
  r.AddScalar(std::move(uuid));
  ScalarFunction type_of = MakeScalar("pg_typeof", {TypeId::kNull}, TypeId::kText,
                                      [](Args a, size_t n, Vector& res, FunctionContext&) {
                                        FillText(res, n, TypeDisplayName(a[0]->type()));
                                      });
  type_of.strict = false;
  r.AddScalar(std::move(type_of));
}

}  // namespace kadedb
