// Type names: every PostgreSQL spelling mapped onto kadedb::LogicalType.
//
// CHAR(n)/CHARACTER(n) map to VARCHAR(n): the engine has no blank-padded type, so trailing-space
// semantics differ from PostgreSQL (documented limitation). TIME/TIMESTAMP precision is accepted
// and ignored (microseconds are always kept).
#include <charconv>

#include "common/exception.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

constexpr uint32_t kMaxVarcharLength = 10485760;

}  // namespace

bool SqlParser::PeekTypeStart() const {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdentifier) return false;
  static const char* kStarts[] = {"double",  "character", "char",    "varchar", "national",
                                  "numeric", "decimal",   "dec",     "float",   "bit",
                                  "time",    "timestamp", "interval"};
  for (const char* s : kStarts) {
    if (t.text == s) return true;
  }
  return false;
}

TypeName SqlParser::ParseType() {
  const Token& first = Peek();
  TypeName result;
  result.location = Loc(first);
  if (first.kind != TokenKind::kIdentifier && first.kind != TokenKind::kQuotedIdentifier) {
    SyntaxError(first);
  }
  Next();
  std::string name = first.text;
  if (first.kind == TokenKind::kIdentifier && Peek().IsPunct(".") &&
      (name == "pg_catalog" || name == "public" || name == "main")) {
    Next();
    name = ParseColLabel();
  }
  bool keyword_forms = first.kind == TokenKind::kIdentifier;

  // Type modifiers: '(' int [, int] ')'.
  auto parse_mods = [&](int max_count) {
    std::vector<int64_t> mods;
    if (!AcceptPunct("(")) return mods;
    do {
      const Token& t = Peek();
      int64_t v = 0;
      if (t.kind != TokenKind::kInteger) SyntaxError(t);
      auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
      if (ec != std::errc()) v = INT32_MAX;
      Next();
      mods.push_back(v);
    } while (AcceptPunct(","));
    if (static_cast<int>(mods.size()) > max_count) {
      throw Exception(sqlstate::kSyntaxError, "invalid type modifier", first.char_pos);
    }
    ExpectPunct(")");
    return mods;
  };
  auto varchar = [&](const char* what, bool default_one) {
    std::vector<int64_t> mods = parse_mods(1);
    int64_t n = mods.empty() ? (default_one ? 1 : 0) : mods[0];
    if (!mods.empty() && n < 1) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      std::string("length for type ") + what + " must be at least 1",
                      first.char_pos);
    }
    if (n > kMaxVarcharLength) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      std::string("length for type ") + what + " cannot exceed 10485760",
                      first.char_pos);
    }
    result.type = LogicalType::Varchar(static_cast<uint32_t>(n));
  };
  auto time_zone = [&]() -> int {  // 1 = WITH, 0 = WITHOUT, -1 = none
    if (Peek().IsKeyword("with") && Peek(1).IsKeyword("time") && Peek(2).IsKeyword("zone")) {
      Next(), Next(), Next();
      return 1;
    }
    if (Peek().IsKeyword("without") && Peek(1).IsKeyword("time") && Peek(2).IsKeyword("zone")) {
      Next(), Next(), Next();
      return 0;
    }
    return -1;
  };

  if (name == "bool" || name == "boolean") {
    result.type = TypeId::kBoolean;
  } else if (name == "smallint" || name == "int2") {
    result.type = TypeId::kSmallInt;
  } else if (name == "int" || name == "integer" || name == "int4") {
    result.type = TypeId::kInteger;
  } else if (name == "bigint" || name == "int8") {
    result.type = TypeId::kBigInt;
  } else if (name == "real" || name == "float4") {
    result.type = TypeId::kReal;
  } else if (name == "float8") {
    result.type = TypeId::kDouble;
  } else if (name == "double" && keyword_forms) {
    AcceptKeyword("precision");  // bare DOUBLE accepted too (DuckDB/SQLite scripts use it)
    result.type = TypeId::kDouble;
  } else if (name == "float") {
    std::vector<int64_t> mods = parse_mods(1);
    int64_t p = mods.empty() ? 53 : mods[0];
    if (p < 1) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "precision for type float must be at least 1 bit", first.char_pos);
    }
    if (p > 53) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "precision for type float must be less than 54 bits", first.char_pos);
    }
    result.type = p <= 24 ? TypeId::kReal : TypeId::kDouble;
  } else if (name == "numeric" || name == "decimal" || (name == "dec" && keyword_forms)) {
    std::vector<int64_t> mods = parse_mods(2);
    if (mods.empty()) {
      result.type = LogicalType::Decimal(0, 0);
    } else {
      int64_t p = mods[0];
      int64_t s = mods.size() > 1 ? mods[1] : 0;
      if (p < 1 || p > 1000) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "NUMERIC precision " + std::to_string(p) + " must be between 1 and 1000",
                        first.char_pos);
      }
      if (s < 0 || s > p) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "NUMERIC scale " + std::to_string(s) + " must be between 0 and precision " +
                            std::to_string(p),
                        first.char_pos);
      }
      if (p > 38) {
        throw Exception(
            sqlstate::kFeatureNotSupported,
            "NUMERIC precision " + std::to_string(p) + " exceeds the supported maximum of 38",
            first.char_pos);
      }
      result.type = LogicalType::Decimal(static_cast<uint8_t>(p), static_cast<uint8_t>(s));
    }
  } else if (name == "varchar") {
    varchar("varchar", false);
  } else if ((name == "character" || name == "char" || name == "nchar") && keyword_forms) {
    if (AcceptKeyword("varying")) {
      varchar("varchar", false);
    } else {
      varchar("char", true);  // CHAR(n) -> varchar(n), see the file comment
    }
  } else if (name == "national" && keyword_forms) {
    if (!AcceptKeyword("character")) ExpectKeyword("char");
    if (AcceptKeyword("varying")) {
      varchar("varchar", false);
    } else {
      varchar("char", true);
    }
  } else if (name == "bpchar") {
    varchar("char", true);
  } else if (name == "oid" || name == "regclass" || name == "regtype" || name == "regproc" ||
             name == "regprocedure" || name == "regnamespace" || name == "regrole" ||
             name == "xid" || name == "cid" || name == "tid") {
    // Catalog reference types: oids are bigint in KadeDB; the binder resolves 'name'::regclass
    // etc. to the object's oid (binder/bind_reg_cast.cpp).
    result.type = TypeId::kBigInt;
    if (name != "oid" && name != "xid" && name != "cid" && name != "tid") {
      result.catalog_type = name;
    }
  } else if (name == "name" || (name == "char" && !keyword_forms)) {
    result.type = TypeId::kText;  // name and "char": catalog text types
  } else if (name == "text") {
    result.type = TypeId::kText;
  } else if (name == "bytea") {
    result.type = TypeId::kBytea;
  } else if (name == "date") {
    result.type = TypeId::kDate;
  } else if (name == "uuid") {
    result.type = TypeId::kUuid;
  } else if (name == "time" && keyword_forms) {
    parse_mods(1);
    if (time_zone() == 1) {
      throw Exception(sqlstate::kFeatureNotSupported, "type time with time zone is not supported",
                      first.char_pos);
    }
    result.type = TypeId::kTime;
  } else if (name == "timetz") {
    throw Exception(sqlstate::kFeatureNotSupported, "type time with time zone is not supported",
                    first.char_pos);
  } else if (name == "timestamp" && keyword_forms) {
    parse_mods(1);
    result.type = time_zone() == 1 ? TypeId::kTimestampTz : TypeId::kTimestamp;
  } else if (name == "timestamptz") {
    parse_mods(1);
    result.type = TypeId::kTimestampTz;
  } else if (name == "interval") {
    result.type = TypeId::kInterval;
    static const char* kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    auto is_field = [&]() {
      for (const char* f : kFields) {
        if (Peek().IsKeyword(f)) return true;
      }
      return false;
    };
    if (keyword_forms && is_field() && Peek(1).kind != TokenKind::kString) {
      std::string fields = Next().text;
      if (AcceptKeyword("to")) {
        if (!is_field()) SyntaxErrorHere();
        fields += " to " + Next().text;
      }
      std::vector<int64_t> mods =
          fields.ends_with("second") ? parse_mods(1) : std::vector<int64_t>{};
      if (!mods.empty()) fields += "(" + std::to_string(mods[0]) + ")";
      result.interval_fields = fields;
    } else {
      parse_mods(1);
    }
  } else {
    throw Exception(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist",
                    first.char_pos);
  }

  // Array markers: int[], int[3][], int ARRAY, int ARRAY[3].
  while (true) {
    if (Peek().IsPunct("[")) {
      Next();
      if (Peek().kind == TokenKind::kInteger) Next();
      ExpectPunct("]");
      result.is_array = true;
    } else if (Peek().IsKeyword("array")) {
      Next();
      if (AcceptPunct("[")) {
        if (Peek().kind == TokenKind::kInteger) Next();
        ExpectPunct("]");
      }
      result.is_array = true;
    } else {
      break;
    }
  }
  // int[][] is int[] as in PostgreSQL (dimensions are not part of the type).
  if (result.is_array) result.type = LogicalType::Array(result.type);
  return result;
}

}  // namespace kadedb
