// Exception: a SQL error raised inside the query pipeline.
//
// Inside parser → binder → planner → executor errors are thrown as Exception (cheap to write,
// impossible to ignore). Connection catches them, rolls the statement back and turns them into a
// Status. Nothing else is thrown on purpose; std::bad_alloc is mapped to 53200 at the same place.
#pragma once

#include <stdexcept>
#include <string>

#include "kadedb/status.hpp"

namespace kadedb {

namespace sqlstate {
inline constexpr const char* kSyntaxError = "42601";
inline constexpr const char* kUndefinedTable = "42P01";
inline constexpr const char* kUndefinedColumn = "42703";
inline constexpr const char* kUndefinedFunction = "42883";
inline constexpr const char* kUndefinedObject = "42704";
inline constexpr const char* kUndefinedSchema = "3F000";
inline constexpr const char* kAmbiguousColumn = "42702";
inline constexpr const char* kDuplicateTable = "42P07";
inline constexpr const char* kDuplicateColumn = "42701";
inline constexpr const char* kDuplicateSchema = "42P06";
inline constexpr const char* kDuplicateObject = "42710";
inline constexpr const char* kDatatypeMismatch = "42804";
inline constexpr const char* kGroupingError = "42803";
inline constexpr const char* kInvalidColumnReference = "42P10";
inline constexpr const char* kWrongObjectType = "42809";
inline constexpr const char* kFeatureNotSupported = "0A000";
inline constexpr const char* kDivisionByZero = "22012";
inline constexpr const char* kNumericOutOfRange = "22003";
inline constexpr const char* kInvalidTextRepresentation = "22P02";
inline constexpr const char* kInvalidDatetimeFormat = "22007";
inline constexpr const char* kDatetimeFieldOverflow = "22008";
inline constexpr const char* kStringDataRightTruncation = "22001";
inline constexpr const char* kCardinalityViolation = "21000";
inline constexpr const char* kInvalidParameterValue = "22023";
inline constexpr const char* kCharacterNotInRepertoire = "22021";
inline constexpr const char* kNotNullViolation = "23502";
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kCheckViolation = "23514";
inline constexpr const char* kForeignKeyViolation = "23503";
inline constexpr const char* kDependentObjectsStillExist = "2BP01";
inline constexpr const char* kOutOfMemory = "53200";
inline constexpr const char* kProgramLimitExceeded = "54000";
inline constexpr const char* kUndefinedParameter = "42P02";
inline constexpr const char* kInvalidRecursion = "42P19";
inline constexpr const char* kReadOnly = "25006";
inline constexpr const char* kIoError = "58030";
inline constexpr const char* kInternalError = "XX000";
inline constexpr const char* kDataCorrupted = "XX001";
}  // namespace sqlstate

class Exception : public std::runtime_error {
 public:
  // position: 1-based character offset into the statement, 0 when unknown.
  Exception(std::string sqlstate, std::string message, int position = 0, std::string detail = {},
            std::string hint = {})
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        position_(position),
        detail_(std::move(detail)),
        hint_(std::move(hint)) {}

  const std::string& sqlstate() const { return sqlstate_; }
  int position() const { return position_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  Status ToStatus() const {
    return Status::Error(sqlstate_, what(), position_, detail_, hint_);
  }

 private:
  std::string sqlstate_;
  int position_;
  std::string detail_;
  std::string hint_;
};

// Raises an internal error for a broken invariant (a bug, not a user mistake).
[[noreturn]] void ThrowInternal(const std::string& message);

}  // namespace kadedb
