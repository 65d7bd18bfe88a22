// substr / substring with PostgreSQL semantics: 1-based character positions; a start before 1
// still counts toward the length (substr('hello', 0, 2) = 'h'); a negative length raises 22011.
// Also substr on bytea (byte positions).
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "common/utf8.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

// [first, last) in 1-based positions, after PostgreSQL's clamping; returns false for empty.
bool Range(int64_t start, int64_t count, bool has_count, int64_t* from, int64_t* len) {
  if (has_count && count < 0) {
    throw Exception("22011", "negative substring length not allowed");
  }
  int64_t s1 = start < 1 ? 1 : start;
  if (!has_count) {
    *from = s1 - 1;
    *len = INT64_MAX;
    return true;
  }
  __int128 end = static_cast<__int128>(start) + count;  // exclusive, 1-based
  if (end <= s1) return false;
  *from = s1 - 1;
  *len = static_cast<int64_t>(end - s1 > INT64_MAX ? INT64_MAX : end - s1);
  return true;
}

template <bool kBytes>
std::string Substr(const std::string& s, int64_t start, int64_t count, bool has_count) {
  int64_t from, len;
  if (!Range(start, count, has_count, &from, &len)) return {};
  if (kBytes) {
    if (from >= static_cast<int64_t>(s.size())) return {};
    return s.substr(from, static_cast<size_t>(std::min<int64_t>(len, s.size() - from)));
  }
  return Utf8Slice(s, from, len);
}

template <bool kBytes>
void Register(FunctionRegistry& r, LogicalType t) {
  const LogicalType integer = TypeId::kInteger;
  for (const char* name : {"substr", "substring"}) {
    r.AddScalar(
        MakeScalar(name, {t, integer}, t, [](Args a, size_t n, Vector& res, FunctionContext&) {
          BinaryLoop<std::string, int64_t, std::string>(*a[0], *a[1], n, res,
                                                        [](const std::string& s, int64_t start) {
                                                          return Substr<kBytes>(s, start, 0, false);
                                                        });
        }));
    r.AddScalar(MakeScalar(
        name, {t, integer, integer}, t, [](Args a, size_t n, Vector& res, FunctionContext&) {
          TernaryLoop<std::string, int64_t, int64_t, std::string>(
              *a[0], *a[1], *a[2], n, res, [](const std::string& s, int64_t start, int64_t count) {
                return Substr<kBytes>(s, start, count, true);
              });
        }));
  }
}

}  // namespace

void RegisterSubstringFunctions(FunctionRegistry& registry) {
  Register<false>(registry, TypeId::kText);
  Register<true>(registry, TypeId::kBytea);
}

}  // namespace kadedb
