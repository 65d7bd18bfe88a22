// String concatenation ||: text || text, bytea || bytea, and text || anything / anything || text
// (PostgreSQL's textanycat/anytextcat: the non-text side is cast to text, so 'a' || 1 = 'a1').
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

void Concat(const std::vector<const Vector*>& args, size_t count, Vector& result,
            FunctionContext&) {
  BinaryLoop<std::string, std::string, std::string>(*args[0], *args[1], count, result,
                                                    [](const std::string& a, const std::string& b) {
                                                      std::string s;
                                                      s.reserve(a.size() + b.size());
                                                      s.append(a).append(b);
                                                      return s;
                                                    });
}

}  // namespace

void RegisterConcatOperator(FunctionRegistry& registry) {
  const LogicalType text = TypeId::kText;
  const LogicalType any = TypeId::kNull;
  registry.AddScalar(MakeScalar("||", {text, text}, text, Concat));
  registry.AddScalar(MakeScalar("||", {TypeId::kBytea, TypeId::kBytea}, TypeId::kBytea, Concat));
  for (int side = 0; side < 2; side++) {
    ScalarFunction f = MakeScalar(
        "||", side == 0 ? std::vector<LogicalType>{text, any} : std::vector<LogicalType>{any, text},
        text, Concat);
    f.bind = [](std::vector<LogicalType>& types) {
      for (auto& t : types) t = TypeId::kText;  // ask the binder to cast the other side to text
      return LogicalType(TypeId::kText);
    };
    registry.AddScalar(std::move(f));
  }
}

}  // namespace kadedb
