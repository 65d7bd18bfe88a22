// array_to_string(a, sep [, null_str]) and string_to_array(s, sep [, null_str]), as PostgreSQL:
// elements print with their type's output function; NULL elements are skipped unless null_str is
// given. string_to_array splits on every occurrence of sep (NULL sep: one element per character,
// empty sep: the whole string), an empty input gives '{}', fields equal to null_str become NULL.
#include "function/builtin_functions.hpp"
#include "function/scalar/array/array_kernels.hpp"

namespace kadedb {

namespace {

Value ArrayToString(const std::vector<Value>& row) {
  if (row[0].IsNull() || row[1].IsNull()) return Value::Null(TypeId::kText);
  bool has_null_str = row.size() > 2 && !row[2].IsNull();
  const std::string& sep = row[1].GetString();
  std::string out;
  bool first = true;
  for (const auto& v : Elements(row[0])) {
    if (v.IsNull() && !has_null_str) continue;
    if (!first) out += sep;
    first = false;
    out += v.IsNull() ? row[2].GetString() : v.ToString();
  }
  return Value::Text(std::move(out));
}

// UTF-8 aware split into characters (string_to_array(s, NULL)).
std::vector<std::string> Characters(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

Value StringToArray(const std::vector<Value>& row) {
  const LogicalType type = LogicalType::Array(TypeId::kText);
  if (row[0].IsNull()) return Value::Null(type);
  const std::string& s = row[0].GetString();
  std::vector<std::string> fields;
  if (s.empty()) {
    // '{}'
  } else if (row[1].IsNull()) {
    fields = Characters(s);
  } else if (row[1].GetString().empty()) {
    fields.push_back(s);
  } else {
    const std::string& sep = row[1].GetString();
    size_t start = 0;
    while (true) {
      size_t pos = s.find(sep, start);
      if (pos == std::string::npos) {
        fields.push_back(s.substr(start));
        break;
      }
      fields.push_back(s.substr(start, pos - start));
      start = pos + sep.size();
    }
  }
  bool has_null_str = row.size() > 2 && !row[2].IsNull();
  std::vector<Value> values;
  for (auto& f : fields) {
    if (has_null_str && f == row[2].GetString()) {
      values.push_back(Value::Null(TypeId::kText));
    } else {
      values.push_back(Value::Text(std::move(f)));
    }
  }
  return MakeArray(type, values);
}

}  // namespace

void RegisterArrayStringFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText;
  for (int n = 2; n <= 3; n++) {
    ScalarFunction f;
    f.name = "array_to_string";
    f.arg_types = {AnyArray(), text};
    if (n == 3) f.arg_types.push_back(text);
    f.return_type = text;
    f.strict = false;
    f.exec = RowWise(ArrayToString);
    r.AddScalar(std::move(f));

    ScalarFunction g;
    g.name = "string_to_array";
    g.arg_types = {text, text};
    if (n == 3) g.arg_types.push_back(text);
    g.return_type = LogicalType::Array(text);
    g.strict = false;
    g.exec = RowWise(StringToArray);
    r.AddScalar(std::move(g));
  }
}

}  // namespace kadedb
