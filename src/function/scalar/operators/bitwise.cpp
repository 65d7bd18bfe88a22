// Bitwise operators on smallint, integer and bigint: & | # (xor) ~ (not) << >>. Shifts take an
// integer count and, like PostgreSQL (which shifts in C), wrap within the operand's width.
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

// Truncates to the width of the type, two's complement.
inline int64_t Wrap(TypeId id, int64_t v) {
  if (id == TypeId::kSmallInt) return static_cast<int16_t>(v);
  if (id == TypeId::kInteger) return static_cast<int32_t>(v);
  return v;
}

void Register(FunctionRegistry& r, TypeId id) {
  const LogicalType t = id;
  auto binary = [&](const char* name, LogicalType rhs, auto op) {
    r.AddScalar(MakeScalar(name, {t, rhs}, t,
                           [op, id](const std::vector<const Vector*>& args, size_t count,
                                    Vector& result, FunctionContext&) {
                             BinaryLoop<int64_t, int64_t, int64_t>(
                                 *args[0], *args[1], count, result,
                                 [&](int64_t a, int64_t b) { return Wrap(id, op(a, b, id)); });
                           }));
  };
  binary("&", t, [](int64_t a, int64_t b, TypeId) { return a & b; });
  binary("|", t, [](int64_t a, int64_t b, TypeId) { return a | b; });
  binary("#", t, [](int64_t a, int64_t b, TypeId) { return a ^ b; });
  // The shift count is masked as the x86 shift instructions PostgreSQL compiles to do; smallint
  // operands are promoted to int in C, so they use a 32-bit count.
  binary("<<", TypeId::kInteger, [](int64_t a, int64_t b, TypeId id) -> int64_t {
    int bits = id == TypeId::kBigInt ? 64 : 32;
    auto ua = static_cast<uint64_t>(a);
    return static_cast<int64_t>(ua << (b & (bits - 1)));
  });
  binary(">>", TypeId::kInteger, [](int64_t a, int64_t b, TypeId id) -> int64_t {
    int bits = id == TypeId::kBigInt ? 64 : 32;
    return a >> (b & (bits - 1));
  });
  r.AddScalar(MakeScalar(
      "~", {t}, t,
      [id](const std::vector<const Vector*>& args, size_t count, Vector& result, FunctionContext&) {
        UnaryLoop<int64_t, int64_t>(*args[0], count, result,
                                    [&](int64_t a) { return Wrap(id, ~a); });
      }));
}

}  // namespace

void RegisterBitwiseOperators(FunctionRegistry& registry) {
  Register(registry, TypeId::kSmallInt);
  Register(registry, TypeId::kInteger);
  Register(registry, TypeId::kBigInt);
}

}  // namespace kadedb
