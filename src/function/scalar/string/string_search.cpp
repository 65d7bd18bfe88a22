// Search-and-replace string functions: position / strpos (1-based character index, 0 when
// absent), replace, split_part (negative field counts from the end, PostgreSQL 14+), translate.
#include <unordered_map>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "common/utf8.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

int64_t StrPos(const Str& s, const Str& sub) {
  size_t p = s.find(sub);
  if (p == Str::npos) return 0;
  return Utf8Length(std::string_view(s).substr(0, p)) + 1;
}

Str Replace(const Str& s, const Str& from, const Str& to) {
  if (from.empty()) return s;
  Str out;
  size_t pos = 0;
  while (true) {
    size_t p = s.find(from, pos);
    if (p == Str::npos) break;
    out.append(s, pos, p - pos).append(to);
    pos = p + from.size();
  }
  out.append(s, pos, Str::npos);
  return out;
}

Str SplitPart(const Str& s, const Str& delim, int64_t field) {
  if (field == 0) {
    throw Exception(sqlstate::kInvalidParameterValue, "field position must not be zero");
  }
  if (s.empty()) return {};
  if (delim.empty()) return field == 1 || field == -1 ? s : Str();
  std::vector<std::pair<size_t, size_t>> parts;  // [begin, end)
  size_t pos = 0;
  while (true) {
    size_t p = s.find(delim, pos);
    if (p == Str::npos) {
      parts.emplace_back(pos, s.size());
      break;
    }
    parts.emplace_back(pos, p);
    pos = p + delim.size();
  }
  int64_t n = static_cast<int64_t>(parts.size());
  int64_t idx = field > 0 ? field - 1 : n + field;
  if (idx < 0 || idx >= n) return {};
  return s.substr(parts[idx].first, parts[idx].second - parts[idx].first);
}

Str Translate(const Str& s, const Str& from, const Str& to) {
  // Character i of `from` maps to character i of `to`, or is deleted when `to` is shorter; the
  // first occurrence of a character in `from` wins.
  std::unordered_map<uint32_t, int64_t> map;
  std::vector<uint32_t> to_chars;
  for (size_t i = 0; i < to.size();) to_chars.push_back(Utf8Decode(to, i));
  int64_t k = 0;
  for (size_t i = 0; i < from.size(); k++) {
    uint32_t c = Utf8Decode(from, i);
    map.emplace(c, k);
  }
  Str out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t c = Utf8Decode(s, i);
    auto it = map.find(c);
    if (it == map.end()) {
      Utf8Append(out, c);
    } else if (it->second < static_cast<int64_t>(to_chars.size())) {
      Utf8Append(out, to_chars[it->second]);
    }
  }
  return out;
}

}  // namespace

void RegisterStringSearchFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, integer = TypeId::kInteger;
  for (const char* name : {"position", "strpos"}) {
    r.AddScalar(MakeScalar(name, {text, text}, integer,
                           [](Args a, size_t n, Vector& res, FunctionContext&) {
                             BinaryLoop<Str, Str, int64_t>(*a[0], *a[1], n, res, StrPos);
                           }));
  }
  r.AddScalar(MakeScalar("replace", {text, text, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           TernaryLoop<Str, Str, Str, Str>(*a[0], *a[1], *a[2], n, res, Replace);
                         }));
  r.AddScalar(MakeScalar("split_part", {text, text, integer}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           TernaryLoop<Str, Str, int64_t, Str>(*a[0], *a[1], *a[2], n, res,
                                                               SplitPart);
                         }));
  r.AddScalar(MakeScalar("translate", {text, text, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           TernaryLoop<Str, Str, Str, Str>(*a[0], *a[1], *a[2], n, res, Translate);
                         }));
}

}  // namespace kadedb
