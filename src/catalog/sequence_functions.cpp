// SequenceFunctions: the sequence functions of one session (see sequence_functions.hpp).
#include "catalog/sequence_functions.hpp"

#include "catalog/role_catalog.hpp"
#include "catalog/sequence_counter.hpp"
#include "common/exception.hpp"

namespace kadedb {

std::vector<std::string> SequenceSearchPath(Catalog& catalog, const std::vector<std::string>& path,
                                            const std::string& user) {
  std::vector<std::string> out;
  for (const std::string& entry : path) {
    std::string name = entry == "$user" ? user : entry;
    if (catalog.GetSchema(name)) out.push_back(name);
  }
  return out;
}

std::vector<std::string> ParseQualifiedNameText(const std::string& text) {
  std::vector<std::string> parts(1);
  bool quoted = false, part_quoted = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          parts.back() += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        parts.back() += c;
      }
    } else if (c == '"') {
      quoted = part_quoted = true;
    } else if (c == '.') {
      if (parts.back().empty() && !part_quoted) break;
      parts.emplace_back();
      part_quoted = false;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      continue;
    } else {
      parts.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (quoted || parts.back().empty() || parts.size() > 3) {
    throw Exception("42602", "invalid name syntax");
  }
  if (parts.size() == 3) parts.erase(parts.begin());  // database.schema.name
  return parts;
}

SequenceFunctions::SequenceFunctions(Catalog& catalog, SequenceSession& session, uint64_t user_oid,
                                     std::string user, std::vector<std::string> search_path)
    : catalog_(catalog),
      session_(session),
      user_oid_(user_oid),
      user_(std::move(user)),
      search_path_(std::move(search_path)) {}

bool SequenceFunctions::Handles(const std::string& name) {
  return name == "nextval" || name == "currval" || name == "setval" || name == "lastval" ||
         name == "pg_sequence_last_value" || name == "pg_get_serial_sequence" ||
         name == "kadedb_sequence_state";
}

SequenceEntry& SequenceFunctions::Resolve(const Value& arg) {
  if (arg.type().id != TypeId::kText && arg.type().id != TypeId::kVarchar) {
    uint64_t oid = static_cast<uint64_t>(arg.GetInt());
    if (SequenceEntry* q = catalog_.GetSequenceByOid(oid)) return *q;
    if (TableEntry* t = catalog_.GetTableByOid(oid)) {
      throw Exception(sqlstate::kWrongObjectType, "\"" + t->name + "\" is not a sequence");
    }
    throw Exception(sqlstate::kUndefinedTable,
                    "could not open relation with OID " + std::to_string(oid));
  }
  const std::string text = arg.GetString();
  std::vector<std::string> name = ParseQualifiedNameText(text);
  std::vector<std::string> schemas;
  if (name.size() == 2) {
    schemas.push_back(name[0]);
  } else {
    schemas = SequenceSearchPath(catalog_, search_path_, user_);
  }
  for (const std::string& s : schemas) {
    if (SequenceEntry* q = catalog_.GetSequence(s, name.back())) return *q;
    if (catalog_.GetTable(s, name.back()) || catalog_.GetView(s, name.back()) ||
        catalog_.GetIndex(s, name.back())) {
      throw Exception(sqlstate::kWrongObjectType, "\"" + name.back() + "\" is not a sequence");
    }
  }
  if (name.size() == 2 && !catalog_.GetSchema(name[0])) {
    throw Exception(sqlstate::kUndefinedSchema, "schema \"" + name[0] + "\" does not exist");
  }
  throw Exception(
      sqlstate::kUndefinedTable,
      "relation \"" + (name.size() == 2 ? name[0] + "." : "") + name.back() + "\" does not exist");
}

void SequenceFunctions::Require(const SequenceEntry& seq, uint32_t any_of) {
  RoleCatalog& roles = catalog_.roles();
  for (uint32_t bit : {kPrivUsage, kPrivSelect, kPrivUpdate}) {
    if ((any_of & bit) && roles.HasPrivilege(user_oid_, seq.oid, bit)) return;
  }
  throw Exception("42501", "permission denied for sequence " + seq.name);
}

Value SequenceFunctions::Call(const std::string& name, const std::vector<Value>& args) {
  std::lock_guard lock(session_mutex_);
  if (name == "lastval") {
    SequenceEntry* q = session_.last_oid ? catalog_.GetSequenceByOid(session_.last_oid) : nullptr;
    if (!q) throw Exception("55000", "lastval is not yet defined in this session");
    Require(*q, kPrivUsage | kPrivSelect);
    return Value::BigInt(session_.current.at(q->oid));
  }
  if (name == "pg_get_serial_sequence") {
    // (table, column): the sequence owned by the column, schema-qualified, or NULL.
    std::vector<std::string> table_name = ParseQualifiedNameText(args[0].GetString());
    std::string schema = table_name.size() == 2 ? table_name[0] : std::string();
    if (schema.empty()) {
      for (const std::string& s : SequenceSearchPath(catalog_, search_path_, user_)) {
        if (catalog_.GetTable(s, table_name.back())) {
          schema = s;
          break;
        }
      }
    }
    TableEntry* table = catalog_.GetTable(schema, table_name.back());
    if (!table) {
      throw Exception(sqlstate::kUndefinedTable,
                      "relation \"" + args[0].GetString() + "\" does not exist");
    }
    std::string column = args[1].GetString();
    auto c = table->FindColumn(column);
    if (!c) {
      throw Exception(sqlstate::kUndefinedColumn, "column \"" + column + "\" of relation \"" +
                                                      table->name + "\" does not exist");
    }
    for (SequenceEntry* q : catalog_.OwnedSequences(table->oid)) {
      if (q->owned_attnum == table->AttNum(*c)) {
        return Value::Text(q->schema_name + "." + q->name);
      }
    }
    return Value::Null(TypeId::kText);
  }
  SequenceEntry& seq = Resolve(args[0]);
  if (name == "nextval") {
    Require(seq, kPrivUsage | kPrivUpdate);
    int64_t v = seq.counter->NextVal(seq);
    session_.current[seq.oid] = v;
    session_.last_oid = seq.oid;
    return Value::BigInt(v);
  }
  if (name == "currval") {
    Require(seq, kPrivUsage | kPrivSelect);
    auto it = session_.current.find(seq.oid);
    if (it == session_.current.end()) {
      throw Exception(
          "55000", "currval of sequence \"" + seq.name + "\" is not yet defined in this session");
    }
    return Value::BigInt(it->second);
  }
  if (name == "kadedb_sequence_state") {
    SequenceCounter::State st = seq.counter->Snapshot();
    int64_t field = args[1].GetInt();
    return Value::BigInt(field == 0 ? st.last_value : field == 1 ? st.log_cnt : st.is_called);
  }
  if (name == "pg_sequence_last_value") {
    Require(seq, kPrivUsage | kPrivSelect);
    SequenceCounter::State st = seq.counter->Snapshot();
    return st.is_called ? Value::BigInt(st.last_value) : Value::Null(TypeId::kBigInt);
  }
  if (name == "setval") {
    Require(seq, kPrivUpdate);
    int64_t v = args[1].GetInt();
    bool is_called = args.size() < 3 || args[2].GetBool();
    if (v < seq.min_value || v > seq.max_value) {
      throw Exception("22003", "setval: value " + std::to_string(v) +
                                   " is out of bounds for sequence \"" + seq.name + "\" (" +
                                   std::to_string(seq.min_value) + ".." +
                                   std::to_string(seq.max_value) + ")");
    }
    seq.counter->SetVal(v, is_called);
    // PostgreSQL: setval with is_called sets this session's currval (not lastval's sequence).
    if (is_called) session_.current[seq.oid] = v;
    return Value::BigInt(v);
  }
  throw Exception("42883", "function " + name + " does not exist");
}

}  // namespace kadedb
