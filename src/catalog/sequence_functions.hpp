// SequenceFunctions: nextval, currval, setval, lastval, pg_sequence_last_value and
// pg_get_serial_sequence for one session, over the catalog's sequences. PgSessionFunctions
// forwards these names here (function/scalar/misc/sequence_functions.cpp registers them).
//
// A sequence argument is a regclass (the oid, bigint) or text naming it as PostgreSQL parses
// it: "schema.name", unquoted parts folded to lower case, double quotes kept verbatim; an
// unqualified name is looked up along the search_path. Errors as PostgreSQL: 42P01 unknown,
// 42809 not a sequence, 42501 missing USAGE / SELECT / UPDATE, 2200H exhausted, 55000 currval
// or lastval before nextval in this session, 22003 setval out of bounds.
//
// Threading: one SequenceSession per client session; Call may run on several executor threads
// of one statement at once (a parallel scan calling nextval), so it guards the session state
// with a mutex. The counters it drives are thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "kadedb/types.hpp"

namespace kadedb {

// What a session remembers across statements: its last value per sequence (currval) and the
// sequence of its last nextval (lastval).
struct SequenceSession {
  std::map<uint64_t, int64_t> current;
  uint64_t last_oid = 0;
};

class SequenceFunctions {
 public:
  SequenceFunctions(Catalog& catalog, SequenceSession& session, uint64_t user_oid, std::string user,
                    std::vector<std::string> search_path);
  static bool Handles(const std::string& name);
  Value Call(const std::string& name, const std::vector<Value>& args);

 private:
  SequenceEntry& Resolve(const Value& arg);
  void Require(const SequenceEntry& seq, uint32_t any_of);

  Catalog& catalog_;
  SequenceSession& session_;
  std::mutex session_mutex_;  // guards session_
  uint64_t user_oid_;
  std::string user_;
  std::vector<std::string> search_path_;
};

// The schemas an unqualified sequence name is looked up in: path's existing schemas in order,
// "$user" standing for user (PostgreSQL's search_path rules).
std::vector<std::string> SequenceSearchPath(Catalog& catalog, const std::vector<std::string>& path,
                                            const std::string& user);

// Splits a relation name written as text ("a.B", "\"Mixed\".x") as PostgreSQL's
// stringToQualifiedNameList does. Throws 42602 for an empty or malformed name.
std::vector<std::string> ParseQualifiedNameText(const std::string& text);

}  // namespace kadedb
