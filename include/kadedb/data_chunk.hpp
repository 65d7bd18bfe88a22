// Vector and DataChunk: the unit of data flow through the executor.
//
// A Vector holds up to kStandardVectorSize values of one LogicalType in the physical encoding
// listed in value.hpp, plus a validity mask (valid[i] == 0 means NULL; the data slot of a NULL is
// unspecified but initialised). Only the storage that matches the type's physical class is used.
// A DataChunk is a set of equally long Vectors. Neither is thread-safe; a chunk is owned by one
// pipeline at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kadedb/types.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

inline constexpr size_t kStandardVectorSize = 2048;

enum class PhysicalType : uint8_t { kInt64, kDouble, kDecimal, kString, kInterval };
PhysicalType PhysicalOf(const LogicalType& type);

class Vector {
 public:
  Vector() = default;
  explicit Vector(LogicalType type, size_t capacity = 0);

  const LogicalType& type() const { return type_; }
  PhysicalType physical() const { return physical_; }
  size_t size() const { return valid_.size(); }

  // Resizes every storage of this vector's class; new slots are valid zero values.
  void Resize(size_t n);
  void Reserve(size_t n);
  void Clear() { Resize(0); }

  bool IsNull(size_t i) const { return valid_[i] == 0; }
  void SetNull(size_t i, bool is_null) { valid_[i] = is_null ? 0 : 1; }

  // Typed storage. REQUIRES: the accessor matches physical().
  std::vector<int64_t>& ints() { return ints_; }
  const std::vector<int64_t>& ints() const { return ints_; }
  std::vector<double>& doubles() { return doubles_; }
  const std::vector<double>& doubles() const { return doubles_; }
  std::vector<Decimal>& decimals() { return decimals_; }
  const std::vector<Decimal>& decimals() const { return decimals_; }
  std::vector<std::string>& strings() { return strings_; }
  const std::vector<std::string>& strings() const { return strings_; }
  std::vector<Interval>& intervals() { return intervals_; }
  const std::vector<Interval>& intervals() const { return intervals_; }
  std::vector<uint8_t>& validity() { return valid_; }
  const std::vector<uint8_t>& validity() const { return valid_; }

  // Row access (slow path; use the typed storage in kernels).
  Value GetValue(size_t i) const;
  // REQUIRES: value is NULL or has this vector's physical class (cast it first).
  void SetValue(size_t i, const Value& value);
  void Append(const Value& value);
  // Appends row i of other. REQUIRES: other.physical() == physical().
  void AppendFrom(const Vector& other, size_t i);
  // Keeps the rows listed in sel, in that order.
  void Slice(const std::vector<uint32_t>& sel);
  // Changes the logical type without touching data. REQUIRES: same physical class.
  void Retype(LogicalType type) { type_ = type; }

 private:
  LogicalType type_;
  PhysicalType physical_ = PhysicalType::kInt64;
  std::vector<uint8_t> valid_;
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<Decimal> decimals_;
  std::vector<std::string> strings_;
  std::vector<Interval> intervals_;
};

class DataChunk {
 public:
  DataChunk() = default;
  explicit DataChunk(const std::vector<LogicalType>& types, size_t capacity = kStandardVectorSize);
  void Initialize(const std::vector<LogicalType>& types, size_t capacity = kStandardVectorSize);

  size_t ColumnCount() const { return columns_.size(); }
  size_t size() const { return size_; }
  // Resizes every column to n rows.
  void SetSize(size_t n);
  void Reset() { SetSize(0); }

  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }
  std::vector<Vector>& columns() { return columns_; }
  std::vector<LogicalType> Types() const;

  Value GetValue(size_t col, size_t row) const { return columns_[col].GetValue(row); }
  // Appends one row. REQUIRES: values.size() == ColumnCount().
  void AppendRow(const std::vector<Value>& values);
  // Appends row i of other. REQUIRES: same physical classes.
  void AppendRowFrom(const DataChunk& other, size_t row);
  void Slice(const std::vector<uint32_t>& sel);
  // Adds a column. REQUIRES: v.size() == size() (or this chunk has no columns yet).
  void AddColumn(Vector v);

 private:
  std::vector<Vector> columns_;
  size_t size_ = 0;
};

}  // namespace kadedb
