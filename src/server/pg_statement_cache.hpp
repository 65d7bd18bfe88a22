// PgStatementCache: one session's cache of simple-protocol statements, keyed on the normalised
// text (pg_query_normalizer.hpp: literals replaced by $n). A Query message whose single SELECT /
// INSERT / UPDATE / DELETE normalises to a key seen before runs as an execution of the cached
// PreparedStatement with its literals as parameters, so it skips parse and bind and — while the
// prepared statement's plan stays valid (catalog version, settings, role, parameter types) — the
// optimizer too (PgSession::RunCachedQuery, pg_statement_cache.cpp).
//
// An entry is prepared at its second sighting (one-off statements pay only the normalisation).
// An entry remembers the catalog version, settings generation and role it was prepared under;
// when any of them changed it is prepared again (the parameter types it inferred may differ).
// A key whose normalised form does not prepare, or whose string literals' types cannot be
// inferred, is remembered as uncacheable (until the same changes). Least recently used entries
// are dropped past kCapacity.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "kadedb/database.hpp"

namespace kadedb {

class PgStatementCache {
 public:
  static constexpr size_t kCapacity = 256;

  struct Entry {
    uint64_t catalog_version = 0;
    uint64_t settings_generation = 0;
    uint64_t user_oid = 0;
    int sightings = 0;
    bool uncacheable = false;
    std::unique_ptr<PreparedStatement> prepared;
    // Per literal: the type its value is converted to (string literals: the type binding
    // inferred; integers: int4, or int8 where binding wants int8; numerics: numeric).
    std::vector<LogicalType> param_types;
  };

  // The entry for key, created empty when missing (and then the most recently used).
  Entry& Get(const std::string& key);
  void Clear();
  size_t size() const { return map_.size(); }

 private:
  std::list<std::string> lru_;  // most recent first
  struct Slot {
    Entry entry;
    std::list<std::string>::iterator lru;
  };
  std::unordered_map<std::string, Slot> map_;
};

}  // namespace kadedb
