// Random data generation (see data_gen.hpp).
#include "data_gen.hpp"

#include <set>
#include <string>

namespace kadedb::difftest {

namespace {

std::string Digits(RandomSource& rng, int n, bool all_nines) {
  std::string s;
  for (int i = 0; i < n; ++i) s += all_nines ? '9' : static_cast<char>('0' + rng.Int(0, 9));
  return s;
}

std::string IntegerLiteral(RandomSource& rng, bool big) {
  if (big) {
    static const std::vector<std::string> kEdges = {
        "9223372036854775807", "-9223372036854775808", "2147483648", "-2147483649",
        "4294967296",          "1000000000000",        "0",          "-1"};
    if (rng.Chance(0.3)) return rng.Pick(kEdges);
  } else {
    static const std::vector<std::string> kEdges = {"2147483647", "-2147483648", "0",      "-1",
                                                    "1",          "1000000",     "-46341", "46341"};
    if (rng.Chance(0.25)) return rng.Pick(kEdges);
  }
  return std::to_string(rng.Int(-20, 20));
}

std::string NumericLiteral(RandomSource& rng, const ColumnDef& c) {
  int int_digits = c.precision - c.scale;
  bool nines = rng.Chance(0.15);
  std::string whole =
      int_digits > 0 ? Digits(rng, static_cast<int>(rng.Int(1, int_digits)), nines) : "0";
  if (!nines && rng.Chance(0.5))
    whole = std::to_string(rng.Int(0, std::min(99, int_digits > 1 ? 99 : 9)));
  if (int_digits == 0) whole = "0";
  std::string s = whole;
  if (c.scale > 0) s += "." + Digits(rng, c.scale, nines);
  if (rng.Chance(0.1)) s = c.scale > 0 ? "0." + std::string(c.scale, '0') : "0";
  if (rng.Chance(0.4)) s = "-" + s;  // includes -0.00
  return s;
}

std::string DoubleLiteral(RandomSource& rng) {
  static const std::vector<std::string> kEdges = {"'-0'",       "'0'",
                                                  "'1e308'",    "'-1e308'",
                                                  "'1e-300'",   "'0.1'",
                                                  "'1.5'",      "'-2.25'",
                                                  "'Infinity'", "'-Infinity'",
                                                  "'NaN'",      "'3.141592653589793'",
                                                  "'1e15'",     "'123456789.125'"};
  std::string v;
  if (rng.Chance(0.35)) {
    v = rng.Pick(kEdges);
    // NaN and the infinities are rarer than the rest: they poison every aggregate they meet.
    if ((v == "'NaN'" || v.find("Infinity") != std::string::npos) && rng.Chance(0.6)) v = "'2.5'";
  } else {
    v = "'" + std::to_string(rng.Int(-100, 100)) + "." + std::to_string(rng.Int(0, 99)) + "'";
  }
  return "CAST(" + v + " AS DOUBLE PRECISION)";
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char ch : s) {
    if (ch == '\'') out += '\'';
    out += ch;
  }
  return out + "'";
}

std::string TextValue(RandomSource& rng) {
  static const std::vector<std::string> kPool = {
      "",   "a",  "A",  "abc", "ab", "b",   "a%b",    "_x",   "O'Brien",
      " a", "a ", "zz", "10",  "-3", "1.5", "abc123", "true", "Z",
      "é",  "aé", "%",  "x_y", "ba", "bab", "AB",     "a b",  "2024-01-01"};
  return rng.Pick(kPool);
}

std::string DateValue(RandomSource& rng) {
  static const std::vector<std::string> kEdges = {"1970-01-01", "2000-02-29", "1999-12-31",
                                                  "2024-01-02", "0001-01-01", "9999-12-31",
                                                  "2024-02-29", "1900-03-01"};
  if (rng.Chance(0.4)) return rng.Pick(kEdges);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(rng.Int(1990, 2030)),
                static_cast<int>(rng.Int(1, 12)), static_cast<int>(rng.Int(1, 28)));
  return buf;
}

std::string TimestampValue(RandomSource& rng) {
  std::string d = DateValue(rng);
  char buf[64];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(rng.Int(0, 23)),
                static_cast<int>(rng.Int(0, 59)), static_cast<int>(rng.Int(0, 59)));
  std::string s = d + buf;
  if (rng.Chance(0.2)) s = d + " 00:00:00";
  if (rng.Chance(0.3)) s += "." + std::to_string(rng.Int(100000, 999999));
  return s;
}

}  // namespace

std::string RandomLiteral(RandomSource& rng, const ColumnDef& c) {
  switch (c.type) {
    case DType::kInteger:
      return IntegerLiteral(rng, false);
    case DType::kBigInt:
      return IntegerLiteral(rng, true);
    case DType::kNumeric:
      return NumericLiteral(rng, c);
    case DType::kDouble:
      return DoubleLiteral(rng);
    case DType::kText:
      return Quote(TextValue(rng));
    case DType::kVarchar: {
      std::string v = TextValue(rng);
      // Cut at a character boundary so the value fits the declared length in characters.
      size_t chars = 0, i = 0;
      for (; i < v.size(); ++i) {
        if ((static_cast<unsigned char>(v[i]) & 0xC0) != 0x80) {
          if (chars == static_cast<size_t>(c.length)) break;
          ++chars;
        }
      }
      return Quote(v.substr(0, i));
    }
    case DType::kBoolean:
      return rng.Chance(0.5) ? "TRUE" : "FALSE";
    case DType::kDate:
      return "DATE '" + DateValue(rng) + "'";
    case DType::kTimestamp:
      return "TIMESTAMP '" + TimestampValue(rng) + "'";
  }
  return "NULL";
}

std::vector<std::string> GenerateData(RandomSource& rng, const Schema& schema, int max_rows) {
  std::vector<std::string> out;
  for (const TableDef& t : schema.tables) {
    int nrows = rng.Chance(0.08) ? 0 : static_cast<int>(rng.Int(1, max_rows));
    if (nrows == 0) continue;
    std::set<std::string> keys;
    std::vector<std::vector<std::string>> rows;
    for (int r = 0; r < nrows; ++r) {
      std::vector<std::string> row;
      bool keep = true;
      for (size_t ci = 0; ci < t.columns.size(); ++ci) {
        const ColumnDef& c = t.columns[ci];
        std::string v;
        if (c.primary_key) {
          v = rng.Chance(0.9) ? std::to_string(r + rng.Int(0, 3) * 100) : RandomLiteral(rng, c);
          if (!keys.insert(v).second) keep = false;
        } else if (!c.not_null && rng.Chance(0.15)) {
          v = "NULL";
        } else if (!rows.empty() && rng.Chance(0.3)) {
          v = rng.Pick(rows)[ci];  // a duplicate of an earlier row's value
          if (v == "NULL") v = RandomLiteral(rng, c);
        } else {
          v = RandomLiteral(rng, c);
        }
        row.push_back(v);
      }
      if (keep) rows.push_back(std::move(row));
    }
    std::string sql = "INSERT INTO " + t.name + " VALUES ";
    for (size_t r = 0; r < rows.size(); ++r) {
      if (r) sql += ", ";
      sql += "(";
      for (size_t ci = 0; ci < rows[r].size(); ++ci) sql += (ci ? ", " : "") + rows[r][ci];
      sql += ")";
    }
    out.push_back(sql);
  }
  return out;
}

}  // namespace kadedb::difftest
