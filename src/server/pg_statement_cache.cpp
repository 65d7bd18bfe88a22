// PgStatementCache (pg_statement_cache.hpp) and the session's cached simple-query path:
// PgSession::RunCachedQuery / PrepareCached.
#include "server/pg_statement_cache.hpp"

#include <charconv>

#include "common/exception.hpp"
#include "function/cast/cast.hpp"
#include "main/client_context.hpp"
#include "server/pg_query_normalizer.hpp"
#include "server/pg_session.hpp"

namespace kadedb {

PgStatementCache::Entry& PgStatementCache::Get(const std::string& key) {
  auto it = map_.find(key);
  if (it != map_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.entry;
  }
  if (map_.size() >= kCapacity) {
    map_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(key);
  Slot& slot = map_[key];
  slot.lru = lru_.begin();
  return slot.entry;
}

void PgStatementCache::Clear() {
  map_.clear();
  lru_.clear();
}

bool PgSession::PrepareCached(const NormalizedQuery& query, PgStatementCache::Entry& entry) {
  std::unique_ptr<PreparedStatement> plain;
  if (!connection_->Prepare(query.text, &plain).ok()) return false;
  if (plain->ParameterCount() != query.literals.size()) return false;
  bool any_string = false;
  bool any_number = false;
  for (auto& lit : query.literals) {
    (lit.kind == TokenKind::kString ? any_string : any_number) = true;
  }
  // String literals take the type their context gives them, as an unknown-type literal does;
  // to see the context the literals give, the numbers are bound with their literal types.
  std::vector<LogicalType> string_types;
  if (any_string && any_number) {
    std::unique_ptr<PreparedStatement> typed;
    if (!connection_->Prepare(query.TypedText(), &typed).ok()) return false;
    string_types = typed->ParameterTypes();
  } else if (any_string) {
    string_types = plain->ParameterTypes();
  }
  const std::vector<LogicalType>& inferred = plain->ParameterTypes();
  std::vector<LogicalType> types;
  for (size_t i = 0; i < query.literals.size(); i++) {
    switch (query.literals[i].kind) {
      case TokenKind::kInteger:
        // Compared with or stored into an int8 the literal widens alike; as an int8 parameter
        // the comparison keeps using the int8 key.
        types.push_back(i < inferred.size() && inferred[i].id == TypeId::kBigInt
                            ? LogicalType(TypeId::kBigInt)
                            : LogicalType(TypeId::kInteger));
        break;
      case TokenKind::kNumeric:
        types.push_back(LogicalType(TypeId::kDecimal));
        break;
      default:
        if (i >= string_types.size() || string_types[i].id == TypeId::kNull) return false;
        types.push_back(string_types[i]);
        break;
    }
  }
  entry.prepared = std::move(plain);
  entry.param_types = std::move(types);
  return true;
}

bool PgSession::RunCachedQuery(const std::string& sql, Result* result) {
  ClientContext& context = connection_->context();
  DatabaseInstance& db = context.db();
  // While the session's own DDL is uncommitted the catalog may still roll back under a plan.
  if (db.catalog_lock().HeldExclusivelyBy(&context)) return false;
  NormalizedQuery query;
  if (!NormalizeQuery(sql, &query)) return false;
  uint64_t version = db.catalog().version();
  uint64_t generation = context.settings().generation();
  uint64_t user = context.CurrentUserOid();
  PgStatementCache::Entry& entry = statement_cache_.Get(query.text);
  if (entry.catalog_version != version || entry.settings_generation != generation ||
      entry.user_oid != user) {
    entry.prepared.reset();
    entry.param_types.clear();
    entry.uncacheable = false;
    entry.sightings = 0;
    entry.catalog_version = version;
    entry.settings_generation = generation;
    entry.user_oid = user;
  }
  if (entry.uncacheable) return false;
  if (!entry.prepared) {
    if (++entry.sightings < 2) return false;
    if (!PrepareCached(query, entry)) {
      entry.prepared.reset();
      entry.uncacheable = true;
      return false;
    }
  }
  std::vector<Value> params;
  params.reserve(query.literals.size());
  try {
    for (size_t i = 0; i < query.literals.size(); i++) {
      const NormalizedQuery::Literal& lit = query.literals[i];
      const LogicalType& type = entry.param_types[i];
      if (lit.kind == TokenKind::kInteger) {
        int64_t v = 0;
        std::from_chars(lit.text.data(), lit.text.data() + lit.text.size(), v);
        params.push_back(type.id == TypeId::kBigInt ? Value::BigInt(v)
                                                    : Value::Integer(static_cast<int32_t>(v)));
      } else {
        params.push_back(ParseValue(lit.text, type));
      }
    }
  } catch (...) {
    // A literal that does not convert: the uncached path reports it as binding would (and
    // fails the transaction block as any statement error does).
    return false;
  }
  *result = RunPrepared(*entry.prepared, params);
  if (!result->ok() && result->status().position() > 0) {
    const Status& s = result->status();
    result->SetStatus(Status::Error(s.sqlstate(), s.message(), query.MapPosition(s.position()),
                                    s.detail(), s.hint()));
  }
  return true;
}

}  // namespace kadedb
