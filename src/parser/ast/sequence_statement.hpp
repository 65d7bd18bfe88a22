// CREATE / ALTER / DROP SEQUENCE, and the sequence options also written after
// GENERATED ... AS IDENTITY (...) (parse_sequence.cpp). Executed by ClientContext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast/statement.hpp"

namespace kadedb {

// Each field is set only when its option was written.
struct SequenceOptions {
  std::optional<TypeName> as_type;  // AS smallint | integer | bigint (checked by the executor)
  std::optional<int64_t> increment;
  // MINVALUE n / NO MINVALUE (min_given with no value), likewise MAXVALUE.
  bool min_given = false, max_given = false;
  std::optional<int64_t> min_value, max_value;
  std::optional<int64_t> start;
  std::optional<int64_t> cache;
  std::optional<bool> cycle;
  // ALTER only: RESTART [[WITH] n].
  bool restart = false;
  std::optional<int64_t> restart_value;
  // OWNED BY table.column | OWNED BY NONE (owned_by_given, owned_by empty).
  bool owned_by_given = false;
  std::vector<std::string> owned_by;
  // SEQUENCE NAME n (identity options only).
  std::vector<std::string> sequence_name;
  int location = 0;
};

class CreateSequenceStatement : public Statement {
 public:
  CreateSequenceStatement() : Statement(StatementKind::kCreateSequence) {}
  std::vector<std::string> name;
  bool if_not_exists = false;
  SequenceOptions options;
};

// ALTER SEQUENCE [IF EXISTS] name options | RENAME TO new | SET SCHEMA (unsupported).
class AlterSequenceStatement : public Statement {
 public:
  AlterSequenceStatement() : Statement(StatementKind::kAlterSequence) {}
  std::vector<std::string> name;
  bool if_exists = false;
  SequenceOptions options;
  std::string rename_to;  // RENAME TO; options are then empty
};

// GRANT | REVOKE {USAGE | SELECT | UPDATE} [, ...] | ALL [PRIVILEGES]
//   ON SEQUENCE s [, ...] | ON ALL SEQUENCES IN SCHEMA n [, ...] TO | FROM role | PUBLIC [, ...]
class GrantSequenceStatement : public Statement {
 public:
  GrantSequenceStatement() : Statement(StatementKind::kGrantSequence) {}
  bool is_grant = true;
  std::vector<std::string> privileges;  // lower case; {"all"} for ALL
  bool all_in_schema = false;           // objects are schema names
  std::vector<std::vector<std::string>> objects;
  std::vector<std::string> grantees;  // "public" for PUBLIC
};

class DropSequenceStatement : public Statement {
 public:
  DropSequenceStatement() : Statement(StatementKind::kDropSequence) {}
  std::vector<std::vector<std::string>> names;
  bool if_exists = false;
  bool cascade = false;
};

}  // namespace kadedb
