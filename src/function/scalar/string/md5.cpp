// md5(text) and md5(bytea): the lowercase hex MD5 digest (RFC 1321), computed with the
// in-house MD5 in common/md5.hpp (also used by the sqllogictest runner's result hashing).
#include "common/md5.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

std::string Md5Hex(const std::string& data) {
  Md5 md5;
  md5.Update(data);
  return md5.HexDigest();
}

}  // namespace

void RegisterMd5Function(FunctionRegistry& registry) {
  auto exec = [](const std::vector<const Vector*>& a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<std::string, std::string>(*a[0], n, res, Md5Hex);
  };
  registry.AddScalar(MakeScalar("md5", {TypeId::kText}, TypeId::kText, exec));
  registry.AddScalar(MakeScalar("md5", {TypeId::kBytea}, TypeId::kText, exec));
}

}  // namespace kadedb
