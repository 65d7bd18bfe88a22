// string_agg(text, delimiter) and string_agg(bytea, delimiter): concatenation in input order with
// the delimiter between values. The state keeps each value's preceding delimiter, including the
// first one (stripped in Finalize), so Combine is plain concatenation. NULL values are skipped;
// a NULL delimiter counts as empty. NULL over zero rows. Also SQLite's group_concat(x [, sep])
// (x of any type, cast to text; default separator ",") for the sqllogictest corpus.
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/text_arguments.hpp"

namespace kadedb {

namespace {

struct StringAggState {
  std::string buffer;      // delimiter + value, for every value
  size_t first_delim = 0;  // length of the first value's delimiter
  bool has = false;
};

class StringAggKernel : public TypedAggregateKernel<StringAggState> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    static const std::string kComma = ",";
    Vector scratch;
    const Vector& value_vector = AsText(*args[0], count, scratch);
    const auto& values = value_vector.strings();
    const Vector* delims = args.size() > 1 ? args[1] : nullptr;
    for (size_t i = 0; i < count; i++) {
      if (args[0]->IsNull(i)) continue;
      auto* s = Get(states[i]);
      const std::string& d = delims ? delims->strings()[i] : kComma;
      size_t delim = delims && delims->IsNull(i) ? 0 : d.size();
      if (delim) s->buffer += d;
      if (!s->has) s->first_delim = delim;
      s->buffer += values[i];
      s->has = true;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    auto* t = Get(target);
    if (!s->has) return;
    if (!t->has) t->first_delim = s->first_delim;
    t->buffer += s->buffer;
    t->has = true;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, !s->has);
      if (s->has) result.strings()[i] = s->buffer.substr(s->first_delim);
    }
  }
};

}  // namespace

void RegisterStringAggAggregate(FunctionRegistry& r) {
  for (TypeId t : {TypeId::kText, TypeId::kBytea}) {
    AggregateFunction f = MakeAggregate<StringAggKernel>("string_agg", {t, t}, t);
    r.AddAggregate(std::move(f));
  }
  for (size_t nargs = 1; nargs <= 2; nargs++) {
    std::vector<LogicalType> args = {TypeId::kNull};
    if (nargs == 2) args.push_back(TypeId::kText);
    AggregateFunction f = MakeAggregate<StringAggKernel>("group_concat", args, TypeId::kText);
    f.bind = BindAnyAsText;  // Update converts the value to text
    r.AddAggregate(std::move(f));
  }
}

}  // namespace kadedb
