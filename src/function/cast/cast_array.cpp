// Array casts: text -> array (PostgreSQL's array_in: '{1,2,NULL}', '{"a b",c}'), array -> text
// (array_out) and array -> array element by element (int[] -> numeric[]).
#include "function/cast/cast_array.hpp"
#include "common/array_format.hpp"
#include "function/cast/cast_internal.hpp"

namespace kadedb {

namespace {

bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

[[noreturn]] void ThrowMalformed(std::string_view text, const std::string& detail) {
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  "malformed array literal: \"" + std::string(text) + "\"", 0, detail);
}

}  // namespace

std::string ParseArrayText(std::string_view text, const LogicalType& elem) {
  size_t i = 0, n = text.size();
  while (i < n && IsArraySpace(text[i])) i++;
  if (i < n && text[i] == '[') {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "array dimension decorations are not supported: \"" + std::string(text) + "\"");
  }
  if (i >= n || text[i] != '{') {
    ThrowMalformed(text, "Array value must start with \"{\" or dimension information.");
  }
  i++;
  std::string out;
  Vector scratch(elem, 1);
  scratch.Resize(1);
  bool expect_element = true;  // after '{' or ','
  bool first = true;
  while (true) {
    while (i < n && IsArraySpace(text[i])) i++;
    if (i >= n) ThrowMalformed(text, "Unexpected end of input.");
    char c = text[i];
    if (c == '}') {
      if (expect_element && !first) ThrowMalformed(text, "Unexpected \"}\" character.");
      i++;
      break;
    }
    if (!expect_element) {
      if (c != ',') ThrowMalformed(text, "Expected \",\" or \"}\" character.");
      i++;
      expect_element = true;
      continue;
    }
    if (c == ',') ThrowMalformed(text, "Unexpected \",\" character.");
    if (c == '{') {
      // '{{1,2},{3,4}}' is a valid two-dimensional literal in PostgreSQL; '{1,{2}}' is not.
      if (!first) ThrowMalformed(text, "Unexpected \"{\" character.");
      throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
    }
    std::string element;
    bool quoted = false;
    if (c == '"') {
      quoted = true;
      i++;
      while (true) {
        if (i >= n) ThrowMalformed(text, "Unexpected end of input.");
        char d = text[i++];
        if (d == '"') break;
        if (d == '\\') {
          if (i >= n) ThrowMalformed(text, "Unexpected end of input.");
          d = text[i++];
        }
        element.push_back(d);
      }
    } else {
      size_t keep = 0;  // length without trailing unescaped white space
      while (i < n && text[i] != ',' && text[i] != '}') {
        char d = text[i++];
        if (d == '"') ThrowMalformed(text, "Unexpected array element.");
        if (d == '{') ThrowMalformed(text, "Unexpected \"{\" character.");
        if (d == '\\') {
          if (i >= n) ThrowMalformed(text, "Unexpected end of input.");
          element.push_back(text[i++]);
          keep = element.size();
          continue;
        }
        element.push_back(d);
        if (!IsArraySpace(d)) keep = element.size();
      }
      element.resize(keep);
    }
    first = false;
    expect_element = false;
    bool is_null = !quoted && element.size() == 4 && (element[0] | 0x20) == 'n' &&
                   (element[1] | 0x20) == 'u' && (element[2] | 0x20) == 'l' &&
                   (element[3] | 0x20) == 'l';
    if (is_null) {
      AppendArrayElement(&out, elem, Value::Null(elem));
    } else {
      scratch.SetNull(0, false);
      ParseInto(element, elem, scratch, 0);
      AppendArrayElement(&out, elem, scratch.GetValue(0));
    }
  }
  while (i < n && IsArraySpace(text[i])) i++;
  if (i < n) ThrowMalformed(text, "Junk after closing right brace.");
  FinishArray(&out);
  return out;
}

void CastArrayVector(const Vector& source, size_t count, const LogicalType& target, Vector& result,
                     CastStrength strength) {
  const LogicalType& from = source.type();
  const auto& valid = source.validity();
  const auto& in = source.strings();
  auto& out = result.strings();
  if (!from.IsArray()) ThrowNoCast(from, target);
  LogicalType from_elem = from.ElementType();
  if (target.IsString()) {
    for (size_t i = 0; i < count; ++i) {
      if (!valid[i]) continue;
      out[i] = FormatArray(in[i], from_elem);
      if (target.id == TypeId::kVarchar && target.length > 0) {
        ApplyVarcharLength(out[i], target.length, strength == CastStrength::kExplicit);
      }
    }
    return;
  }
  if (!target.IsArray()) ThrowNoCast(from, target);
  LogicalType to_elem = target.ElementType();
  if (from_elem == to_elem || to_elem.id == TypeId::kNull) {
    for (size_t i = 0; i < count; ++i) {
      if (valid[i]) out[i] = in[i];
    }
    return;
  }
  for (size_t i = 0; i < count; ++i) {
    if (!valid[i]) continue;
    std::vector<Value> elements = DecodeArray(in[i], from_elem);
    // One vector cast per array keeps the element casts' error rules (22003, 22P02, ...).
    Vector elems(from_elem, elements.size());
    for (const auto& v : elements) elems.Append(v);
    Vector cast;
    CastVector(elems, elements.size(), to_elem, cast, strength);
    std::string encoded;
    for (size_t k = 0; k < elements.size(); k++) {
      AppendArrayElement(&encoded, to_elem, cast.GetValue(k));
    }
    FinishArray(&encoded);
    out[i] = std::move(encoded);
  }
}

}  // namespace kadedb
