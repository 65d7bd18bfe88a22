// Typed helpers over Vectors used by every operator: bulk append/gather, constant broadcast,
// hashing, and value equality/ordering with SQL set semantics (NULL equals NULL here; callers that
// need "NULL never matches" check validity themselves).
//
// Equality and hashing agree with ordering: 1.0 = 1.00 (decimals compare across scales), -0.0 =
// 0.0 and NaN = NaN (NaN sorts above every other double, as in PostgreSQL), intervals compare by
// their total length ('1 month' = '30 days'), strings bytewise.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kadedb/data_chunk.hpp"

namespace kadedb {

// Appends rows [0, count) of src to dst. REQUIRES: same physical class.
void AppendVector(Vector& dst, const Vector& src, size_t count);
// Appends the rows sel[0..n) of src to dst.
void AppendVectorSel(Vector& dst, const Vector& src, const uint32_t* sel, size_t n);
// Appends the rows idx[0..n) (64-bit positions into a large vector) of src to dst.
void AppendVectorIdx(Vector& dst, const Vector& src, const uint64_t* idx, size_t n);
// Appends count NULLs to dst.
void AppendNulls(Vector& dst, size_t count);
// Resizes dst to count and fills it with value (cast to dst's type beforehand by the caller).
void BroadcastValue(const Value& value, size_t count, Vector& dst);

// Mixes the hash of rows [0, count) of v into hashes (combine=false: overwrite).
void HashVector(const Vector& v, size_t count, uint64_t* hashes, bool combine);
uint64_t HashRow(const Vector& v, size_t i);

// Row equality with NULL = NULL. REQUIRES: same physical class.
bool ValuesEqual(const Vector& a, size_t i, const Vector& b, size_t j);
// Orders two non-NULL values: <0, 0, >0. REQUIRES: same physical class, both valid.
int CompareValues(const Vector& a, size_t i, const Vector& b, size_t j);

// Appends a byte encoding of row i of v to key such that equal values (in the sense of
// ValuesEqual) give equal bytes. Used for DISTINCT-aggregate and subquery-cache keys.
void AppendKeyBytes(const Vector& v, size_t i, std::string& key);
void AppendKeyBytes(const Value& v, std::string& key);

// Approximate heap bytes held by rows [0, count) of v (memory accounting).
uint64_t VectorBytes(const Vector& v, size_t count);

// Rows of many columns kept in growable Vectors: materialised intermediate results (hash join
// build side, sort input, CTE tables). Not thread-safe.
class RowCollection {
 public:
  RowCollection() = default;
  explicit RowCollection(const std::vector<LogicalType>& types) { Initialize(types); }
  void Initialize(const std::vector<LogicalType>& types);
  const std::vector<LogicalType>& types() const { return types_; }
  size_t size() const { return count_; }
  size_t ColumnCount() const { return columns_.size(); }
  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }
  // Appends every row of chunk. Returns the approximate bytes added.
  uint64_t Append(const DataChunk& chunk);
  uint64_t AppendSel(const DataChunk& chunk, const uint32_t* sel, size_t n);
  // Fills out (re-initialised to types()) with up to kStandardVectorSize rows from offset.
  void Scan(size_t offset, DataChunk& out) const;
  // Fills out with the rows idx[0..n).
  void Gather(const uint64_t* idx, size_t n, DataChunk& out) const;
  void Clear();
  // After appending to the columns directly: sets the row count.
  void SetCount(size_t n) { count_ = n; }

 private:
  std::vector<LogicalType> types_;
  std::vector<Vector> columns_;
  size_t count_ = 0;
};

}  // namespace kadedb
