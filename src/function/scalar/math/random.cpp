// random(): a volatile double in [0, 1), drawn from the per-statement FunctionContext seed with
// splitmix64 so a statement is reproducible for a given seed. A zero seed (the executor did not
// pick one) is replaced by a fresh random_device value so statements do not repeat each other.
#include <random>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

void RegisterRandomFunction(FunctionRegistry& registry) {
  ScalarFunction f = MakeScalar(
      "random", {}, TypeId::kDouble,
      [](const std::vector<const Vector*>&, size_t n, Vector& res, FunctionContext& ctx) {
        if (ctx.random_seed == 0) {
          std::random_device device;
          ctx.random_seed = (uint64_t{device()} << 32) | device() | 1;
        }
        res.Resize(n);
        double* out = res.doubles().data();
        for (size_t i = 0; i < n; i++) {
          out[i] = static_cast<double>(SplitMix64(ctx.random_seed) >> 11) * 0x1.0p-53;
          res.SetNull(i, false);
        }
      });
  f.is_volatile = true;
  registry.AddScalar(std::move(f));
}

}  // namespace kadedb
