// Sequence definitions from options (see bind_sequence.hpp).
#include "binder/bind_sequence.hpp"

#include "common/exception.hpp"

namespace kadedb {

namespace {

[[noreturn]] void Invalid(const std::string& message) {
  throw Exception(sqlstate::kInvalidParameterValue, message);
}

std::string Num(int64_t v) {
  return std::to_string(v);
}

}  // namespace

std::string SequenceTypeName(TypeId type) {
  return type == TypeId::kSmallInt ? "smallint" : type == TypeId::kInteger ? "integer" : "bigint";
}

std::optional<int64_t> ApplySequenceOptions(const SequenceOptions& o, SequenceEntry& def,
                                            bool create, int64_t current_last_value) {
  TypeId old_type = def.type;
  bool type_changed = false;
  if (o.as_type) {
    TypeId t = o.as_type->type.id;
    if (o.as_type->is_array ||
        (t != TypeId::kSmallInt && t != TypeId::kInteger && t != TypeId::kBigInt)) {
      Invalid("sequence type must be smallint, integer, or bigint");
    }
    type_changed = t != def.type;
    def.type = t;
  }
  if (o.increment) {
    if (*o.increment == 0) Invalid("INCREMENT must not be zero");
    def.increment = *o.increment;
  }
  const int64_t type_min = SequenceTypeMin(def.type), type_max = SequenceTypeMax(def.type);
  const bool up = def.increment > 0;
  // MAXVALUE / MINVALUE: explicit, NO ..., a default at CREATE, or (ALTER ... AS) moved along
  // with the type when they were the old type's defaults.
  if (o.max_given && o.max_value) {
    def.max_value = *o.max_value;
  } else if (o.max_given || create) {
    def.max_value = up ? type_max : -1;
  } else if (type_changed && def.max_value == SequenceTypeMax(old_type)) {
    def.max_value = type_max;
  }
  if (o.min_given && o.min_value) {
    def.min_value = *o.min_value;
  } else if (o.min_given || create) {
    def.min_value = up ? 1 : type_min;
  } else if (type_changed && def.min_value == SequenceTypeMin(old_type)) {
    def.min_value = type_min;
  }
  const std::string type_name = SequenceTypeName(def.type);
  if (def.max_value < type_min || def.max_value > type_max) {
    Invalid("MAXVALUE (" + Num(def.max_value) + ") is out of range for sequence data type " +
            type_name);
  }
  if (def.min_value < type_min || def.min_value > type_max) {
    Invalid("MINVALUE (" + Num(def.min_value) + ") is out of range for sequence data type " +
            type_name);
  }
  if (def.min_value >= def.max_value) {
    Invalid("MINVALUE (" + Num(def.min_value) + ") must be less than MAXVALUE (" +
            Num(def.max_value) + ")");
  }
  if (o.start) {
    def.start = *o.start;
  } else if (create) {
    def.start = up ? def.min_value : def.max_value;
  }
  if (def.start < def.min_value) {
    Invalid("START value (" + Num(def.start) + ") cannot be less than MINVALUE (" +
            Num(def.min_value) + ")");
  }
  if (def.start > def.max_value) {
    Invalid("START value (" + Num(def.start) + ") cannot be greater than MAXVALUE (" +
            Num(def.max_value) + ")");
  }
  std::optional<int64_t> restart;
  if (o.restart) restart = o.restart_value ? *o.restart_value : def.start;
  if (!create) {
    int64_t last = restart ? *restart : current_last_value;
    if (last < def.min_value) {
      Invalid("RESTART value (" + Num(last) + ") cannot be less than MINVALUE (" +
              Num(def.min_value) + ")");
    }
    if (last > def.max_value) {
      Invalid("RESTART value (" + Num(last) + ") cannot be greater than MAXVALUE (" +
              Num(def.max_value) + ")");
    }
  }
  if (o.cache) {
    if (*o.cache <= 0) Invalid("CACHE (" + Num(*o.cache) + ") must be greater than zero");
    def.cache = *o.cache;
  }
  if (o.cycle) def.cycle = *o.cycle;
  return restart;
}

void ResolveSequenceOwner(Catalog& catalog, const SequenceOptions& o, SequenceEntry& def) {
  if (!o.owned_by_given) return;
  if (o.owned_by.empty()) {
    def.owned_table_oid = 0;
    def.owned_attnum = 0;
    return;
  }
  if (o.owned_by.size() < 2) {
    throw Exception(sqlstate::kSyntaxError, "invalid OWNED BY option", 0, "",
                    "Specify OWNED BY table.column or OWNED BY NONE.");
  }
  const std::string& column = o.owned_by.back();
  const std::string& table_name = o.owned_by[o.owned_by.size() - 2];
  std::string schema = o.owned_by.size() >= 3 ? o.owned_by[o.owned_by.size() - 3] : std::string();
  TableEntry* table = catalog.GetTable(schema.empty() ? def.schema_name : schema, table_name);
  if (!table) {
    std::string shown = (schema.empty() ? "" : schema + ".") + table_name;
    if (catalog.GetView(schema.empty() ? def.schema_name : schema, table_name)) {
      throw Exception(sqlstate::kWrongObjectType,
                      "sequence cannot be owned by relation \"" + table_name + "\"", 0,
                      "This operation is not supported for views.");
    }
    throw Exception(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
  }
  if (table->schema_oid != def.schema_oid && def.schema_oid != 0) {
    throw Exception("55000", "sequence must be in same schema as table it is linked to");
  }
  auto c = table->FindColumn(column);
  if (!c) {
    throw Exception(sqlstate::kUndefinedColumn,
                    "column \"" + column + "\" of relation \"" + table->name + "\" does not exist");
  }
  def.owned_table_oid = table->oid;
  def.owned_attnum = table->AttNum(*c);
}

std::string ChooseSequenceName(Catalog& catalog, const std::string& schema,
                               const std::string& table, const std::string& column) {
  std::string base = table + "_" + column + "_seq";
  auto taken = [&](const std::string& n) {
    return catalog.GetTable(schema, n) || catalog.GetView(schema, n) ||
           catalog.GetIndex(schema, n) || catalog.GetSequence(schema, n);
  };
  if (!taken(base)) return base;
  for (int i = 1;; i++) {
    std::string n = base + std::to_string(i);
    if (!taken(n)) return n;
  }
}

}  // namespace kadedb
