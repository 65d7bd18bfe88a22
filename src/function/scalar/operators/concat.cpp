// String concatenation ||: text || text, bytea || bytea, and text || anything / anything || text
// (PostgreSQL's textanycat/anytextcat: the non-text side is converted to text, so
// 'a' || 1 = 'a1'). bytea || bytea stays bytea.
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/text_arguments.hpp"

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

// text || any, any || text: the non-text side is converted first.
void ConcatAny(const std::vector<const Vector*>& args, size_t count, Vector& result,
               FunctionContext& ctx) {
  Vector scratch0, scratch1;
  const Vector& a = AsText(*args[0], count, scratch0);
  const Vector& b = AsText(*args[1], count, scratch1);
  Concat({&a, &b}, count, result, ctx);
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
        text, ConcatAny);
    f.bind = BindAnyAsText;  // the non-text side is converted in Concat
    registry.AddScalar(std::move(f));
  }
}

}  // namespace kadedb
