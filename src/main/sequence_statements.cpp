// ClientContext: CREATE / ALTER / DROP SEQUENCE. The definition changes are catalog changes in
// the statement's transaction; ALTER ... RESTART moves the counter at once (non-transactional,
// like setval). Privileges as PostgreSQL: CREATE on the schema to create, ownership (or
// superuser) to alter or drop.
#include <cctype>

#include "binder/bind_privileges.hpp"
#include "binder/bind_sequence.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/sequence_counter.hpp"
#include "common/exception.hpp"
#include "main/client_context.hpp"
#include "parser/ast/sequence_statement.hpp"

namespace kadedb {

namespace {

// The sequence named by name along search_path; nullptr when missing. 42809 for another kind.
SequenceEntry* FindSequence(Catalog& catalog, const std::vector<std::string>& search_path,
                            const std::string& user, const std::vector<std::string>& name,
                            bool for_drop) {
  std::vector<std::string> schemas;
  if (name.size() >= 2) {
    schemas.push_back(name[name.size() - 2]);
  } else {
    schemas = SequenceSearchPath(catalog, search_path, user);
  }
  for (const std::string& s : schemas) {
    if (SequenceEntry* q = catalog.GetSequence(s, name.back())) return q;
    const char* hint = catalog.GetTable(s, name.back())   ? "Use DROP TABLE to remove a table."
                       : catalog.GetView(s, name.back())  ? "Use DROP VIEW to remove a view."
                       : catalog.GetIndex(s, name.back()) ? "Use DROP INDEX to remove an index."
                                                          : nullptr;
    if (hint) {
      throw Exception(sqlstate::kWrongObjectType, "\"" + name.back() + "\" is not a sequence", 0,
                      "", for_drop ? hint : "");
    }
  }
  return nullptr;
}

}  // namespace

void ClientContext::RunSequenceStatement(const Statement& statement, Result& result) {
  Catalog& catalog = db_.catalog();
  StorageTransaction& txn = EnsureTransaction();
  if (db_.options().read_only) {
    throw Exception(sqlstate::kReadOnly, "cannot execute this statement in a read-only database");
  }
  RefreshDerivedSettings();
  BindSettings privileges;
  privileges.user_oid = current_user_oid_;
  privileges.user_name = current_user_;
  privileges.search_path = search_path_;
  RoleCatalog& roles = catalog.roles();
  auto require_owner = [&](const SequenceEntry& q) {
    if (!roles.IsSuperuser(current_user_oid_) && roles.Acl(q.oid).owner != current_user_oid_) {
      throw Exception("42501", "must be owner of sequence " + q.name);
    }
  };

  // Where CREATE puts an unqualified name: the first existing schema of the search_path.
  auto CreationSchemaName = [&](Catalog& c) {
    std::vector<std::string> path = SequenceSearchPath(c, search_path_, current_user_);
    if (path.empty()) throw Exception("3F000", "no schema has been selected to create in");
    return path[0];
  };
  switch (statement.kind) {
    case StatementKind::kCreateSequence: {
      auto& s = statement.Cast<CreateSequenceStatement>();
      SequenceEntry def;
      def.name = s.name.back();
      def.schema_name =
          s.name.size() >= 2 ? s.name[s.name.size() - 2] : CreationSchemaName(catalog);
      SchemaEntry* schema = catalog.GetSchema(def.schema_name);
      if (!schema) {
        throw Exception(sqlstate::kUndefinedSchema,
                        "schema \"" + def.schema_name + "\" does not exist");
      }
      def.schema_oid = schema->oid;
      CheckCreateInSchema(catalog, privileges, def.schema_name, s.location);
      if (s.if_not_exists && (catalog.GetSequence(def.schema_name, def.name) ||
                              catalog.GetTable(def.schema_name, def.name) ||
                              catalog.GetView(def.schema_name, def.name) ||
                              catalog.GetIndex(def.schema_name, def.name))) {
        result.SetCommandTag("CREATE SEQUENCE");  // NOTICE: relation already exists, skipping
        return;
      }
      ApplySequenceOptions(s.options, def, true);
      ResolveSequenceOwner(catalog, s.options, def);
      SequenceEntry* q = catalog.CreateSequence(txn, std::move(def), s.if_not_exists);
      if (q && current_user_oid_ != kBootstrapRoleOid)
        roles.SetOwner(txn, q->oid, current_user_oid_);
      result.SetCommandTag("CREATE SEQUENCE");
      return;
    }
    case StatementKind::kAlterSequence: {
      auto& s = statement.Cast<AlterSequenceStatement>();
      SequenceEntry* q = FindSequence(catalog, search_path_, current_user_, s.name, false);
      if (!q) {
        if (s.if_exists) {
          result.SetCommandTag("ALTER SEQUENCE");  // NOTICE: relation does not exist, skipping
          return;
        }
        throw Exception(sqlstate::kUndefinedTable,
                        "relation \"" + s.name.back() + "\" does not exist");
      }
      require_owner(*q);
      SequenceEntry def = *q;
      std::optional<int64_t> restart;
      if (s.rename_to.empty()) {
        restart = ApplySequenceOptions(s.options, def, false, q->counter->Snapshot().last_value);
        ResolveSequenceOwner(catalog, s.options, def);
      }
      catalog.AlterSequence(txn, *q, def, s.rename_to);
      if (restart) {
        q->counter->Restart(*restart);
      } else if (s.rename_to.empty()) {
        // New bounds or increment: the logged-ahead record was computed with the old ones.
        SequenceCounter::State st = q->counter->Snapshot();
        q->counter->SetVal(st.last_value, st.is_called);
      }
      result.SetCommandTag("ALTER SEQUENCE");
      return;
    }
    case StatementKind::kDropSequence: {
      auto& s = statement.Cast<DropSequenceStatement>();
      for (auto& name : s.names) {
        SequenceEntry* q = FindSequence(catalog, search_path_, current_user_, name, true);
        if (!q) {
          if (s.if_exists) continue;  // NOTICE: sequence does not exist, skipping
          if (name.size() >= 2 && !catalog.GetSchema(name[name.size() - 2])) {
            throw Exception(sqlstate::kUndefinedSchema,
                            "schema \"" + name[name.size() - 2] + "\" does not exist");
          }
          throw Exception(sqlstate::kUndefinedTable,
                          "sequence \"" + name.back() + "\" does not exist");
        }
        require_owner(*q);
        uint64_t oid = q->oid;
        catalog.DropSequence(txn, q->schema_name, q->name, false, s.cascade);
        roles.ForgetObject(txn, oid);
      }
      result.SetCommandTag("DROP SEQUENCE");
      return;
    }
    case StatementKind::kGrantSequence: {
      auto& s = statement.Cast<GrantSequenceStatement>();
      uint32_t bits = 0;
      for (auto& p : s.privileges) {
        uint32_t b = 0;
        if (p == "all") {
          b = kPrivUsage | kPrivSelect | kPrivUpdate;
        } else if (p == "usage") {
          b = kPrivUsage;
        } else if (p == "select") {
          b = kPrivSelect;
        } else if (p == "update") {
          b = kPrivUpdate;
        }
        if (b == 0) {
          std::string upper;
          for (char c : p) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          throw Exception("0LP01", "invalid privilege type " + upper + " for sequence");
        }
        bits |= b;
      }
      std::vector<uint64_t> grantees = roles.GranteeOids(s.grantees);
      std::vector<SequenceEntry*> targets;
      for (auto& name : s.objects) {
        if (s.all_in_schema) {
          if (!catalog.GetSchema(name.back())) {
            throw Exception("3F000", "schema \"" + name.back() + "\" does not exist");
          }
          for (SequenceEntry* q : catalog.Sequences(name.back())) targets.push_back(q);
          continue;
        }
        SequenceEntry* q = FindSequence(catalog, search_path_, current_user_, name, false);
        if (!q) {
          throw Exception(sqlstate::kUndefinedTable,
                          "relation \"" + name.back() + "\" does not exist");
        }
        targets.push_back(q);
      }
      for (SequenceEntry* q : targets) {
        if (!roles.IsSuperuser(current_user_oid_) && roles.Acl(q->oid).owner != current_user_oid_) {
          throw Exception("42501", "permission denied for sequence " + q->name);
        }
        for (uint64_t g : grantees) {
          if (s.is_grant) {
            roles.Grant(txn, q->oid, g, bits);
          } else {
            roles.Revoke(txn, q->oid, g, bits);
          }
        }
      }
      result.SetCommandTag(s.is_grant ? "GRANT" : "REVOKE");
      return;
    }
    default:
      throw Exception(sqlstate::kInternalError, "not a sequence statement");
  }
}

}  // namespace kadedb
