// Variadic text builders: concat, concat_ws (NULL arguments skipped; not strict), format (%s, %I,
// %L, %%, optional n$ argument positions), row$out (a row value's text), and quote_ident /
// quote_literal. Every variadic
// argument is converted to text in the kernel (text_arguments.hpp).
#include <cctype>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/text_arguments.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

// Text forms of every argument (see text_arguments.hpp).
class TextArgs {
 public:
  TextArgs(Args a, size_t n) : scratch_(a.size()) {
    for (size_t i = 0; i < a.size(); i++) args_.push_back(&AsText(*a[i], n, scratch_[i]));
  }
  const std::vector<const Vector*>& get() const { return args_; }

 private:
  std::vector<Vector> scratch_;
  std::vector<const Vector*> args_;
};

Str QuoteIdent(const Str& s) {
  bool plain = !s.empty() && (std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '_')) plain = false;
  }
  if (plain) return s;
  Str out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Str QuoteLiteral(const Str& s) {
  bool backslash = s.find('\\') != Str::npos;
  Str out = backslash ? "E'" : "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

void Concat(Args args, size_t n, Vector& res, FunctionContext&) {
  TextArgs text(args, n);
  Args a = text.get();
  res.Resize(n);
  auto& out = res.strings();
  for (size_t i = 0; i < n; i++) {
    out[i].clear();
    for (const Vector* v : a) {
      if (!v->IsNull(i)) out[i] += v->strings()[i];
    }
    res.SetNull(i, false);
  }
}

void ConcatWs(Args args, size_t n, Vector& res, FunctionContext&) {
  TextArgs text(args, n);
  Args a = text.get();
  res.Resize(n);
  auto& out = res.strings();
  for (size_t i = 0; i < n; i++) {
    if (a[0]->IsNull(i)) {
      res.SetNull(i, true);
      continue;
    }
    const Str& sep = a[0]->strings()[i];
    out[i].clear();
    bool first = true;
    for (size_t k = 1; k < a.size(); k++) {
      if (a[k]->IsNull(i)) continue;
      if (!first) out[i] += sep;
      out[i] += a[k]->strings()[i];
      first = false;
    }
    res.SetNull(i, false);
  }
}

Str FormatRow(Args a, size_t row) {
  const Str& f = a[0]->strings()[row];
  Str out;
  size_t next_arg = 1;
  for (size_t i = 0; i < f.size(); i++) {
    if (f[i] != '%') {
      out += f[i];
      continue;
    }
    if (++i >= f.size()) {
      throw Exception(sqlstate::kInvalidParameterValue, "unterminated format() type specifier", 0,
                      "", "For a single \"%\" use \"%%\".");
    }
    if (f[i] == '%') {
      out += '%';
      continue;
    }
    size_t arg = next_arg;
    size_t j = i;
    while (j < f.size() && std::isdigit(static_cast<unsigned char>(f[j]))) j++;
    if (j > i && j < f.size() && f[j] == '$') {
      arg = std::stoul(f.substr(i, j - i));
      if (arg == 0) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "format specifies argument 0, but arguments are numbered from 1");
      }
      i = j + 1;
      if (i >= f.size()) {
        throw Exception(sqlstate::kInvalidParameterValue, "unterminated format() type specifier");
      }
    }
    char type = f[i];
    if (type != 's' && type != 'I' && type != 'L') {
      throw Exception(sqlstate::kInvalidParameterValue,
                      Str("unrecognized format() type specifier \"") + type + "\"", 0, "",
                      "For a single \"%\" use \"%%\".");
    }
    if (arg >= a.size()) {
      throw Exception(sqlstate::kInvalidParameterValue, "too few arguments for format()");
    }
    next_arg = arg + 1;
    bool is_null = a[arg]->IsNull(row);
    const Str& v = a[arg]->strings()[row];
    if (type == 's') {
      if (!is_null) out += v;
    } else if (type == 'I') {
      if (is_null) {
        throw Exception("22004", "null values cannot be formatted as an SQL identifier");
      }
      out += QuoteIdent(v);
    } else {
      out += is_null ? Str("NULL") : QuoteLiteral(v);
    }
  }
  return out;
}

void Format(Args args, size_t n, Vector& res, FunctionContext&) {
  TextArgs text(args, n);
  Args a = text.get();
  res.Resize(n);
  for (size_t i = 0; i < n; i++) {
    if (a[0]->IsNull(i)) {
      res.SetNull(i, true);
      continue;
    }
    res.strings()[i] = FormatRow(a, i);
    res.SetNull(i, false);
  }
}

// row$out(a, b, ...): a row value's text form as PostgreSQL's record output writes it, "(1,abc)":
// NULL fields empty, fields that are empty or hold "\(), or white space double-quoted with " and
// \ doubled. Used for ROW(...) and whole-row references (binder/bind_row_value.cpp).
void RowOut(Args args, size_t n, Vector& res, FunctionContext&) {
  TextArgs text(args, n);
  Args a = text.get();
  res.Resize(n);
  for (size_t i = 0; i < n; i++) {
    Str out = "(";
    for (size_t c = 0; c < a.size(); c++) {
      if (c) out += ',';
      if (a[c]->IsNull(i)) continue;
      const Str& v = a[c]->strings()[i];
      bool quote = v.empty();
      for (char ch : v) {
        if (ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' ||
            std::isspace(static_cast<unsigned char>(ch))) {
          quote = true;
        }
      }
      if (!quote) {
        out += v;
        continue;
      }
      out += '"';
      for (char ch : v) {
        if (ch == '"' || ch == '\\') out += ch;
        out += ch;
      }
      out += '"';
    }
    res.strings()[i] = out + ")";
    res.SetNull(i, false);
  }
}

ScalarFunction Variadic(const char* name, std::vector<LogicalType> fixed, ScalarExec exec) {
  ScalarFunction f = MakeScalar(name, std::move(fixed), TypeId::kText, std::move(exec));
  f.has_varargs = true;
  f.varargs = TypeId::kNull;
  f.strict = false;
  f.bind = BindAnyAsText;
  return f;
}

}  // namespace

void RegisterConcatFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText;
  r.AddScalar(Variadic("concat", {}, Concat));
  r.AddScalar(Variadic("concat_ws", {text}, ConcatWs));
  r.AddScalar(Variadic("format", {text}, Format));
  r.AddScalar(Variadic("row$out", {}, RowOut));
  r.AddScalar(
      MakeScalar("quote_ident", {text}, text, [](Args a, size_t n, Vector& res, FunctionContext&) {
        UnaryLoop<Str, Str>(*a[0], n, res, QuoteIdent);
      }));
  r.AddScalar(MakeScalar("quote_literal", {text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           UnaryLoop<Str, Str>(*a[0], n, res, QuoteLiteral);
                         }));
}

}  // namespace kadedb
