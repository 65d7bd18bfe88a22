// Row codec: the compact value encoding of one table row in the rows column family.
// Byte layout: docs/formats/rows.md.
//
// A row stores its column count, a null bitmap and the non-NULL values by physical column id
// (storage/table_layout.hpp), each by its physical class. Rows written before an ALTER TABLE ADD
// COLUMN hold fewer columns; the missing trailing columns read as the column's missing value
// (NULL unless given). RowReader decodes straight into Vector storage and
// skips (without materialising) the columns a scan did not ask for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kadedb/data_chunk.hpp"

namespace kadedb {

inline constexpr uint8_t kRowFormatVersion = 1;

// Appends the encoding of row `row` of chunk (every column of the chunk, in order) to out.
void EncodeRow(const DataChunk& chunk, size_t row, std::string* out);
// As EncodeRow, with source[p] = the chunk column stored as column p, or -1 for NULL (a dropped
// column).
void EncodeRowMapped(const DataChunk& chunk, size_t row, const std::vector<int32_t>& source,
                     std::string* out);
// Appends the encoding of values (typed as types; NULLs allowed) to out.
void EncodeRowValues(const std::vector<Value>& values, const std::vector<LogicalType>& types,
                     std::string* out);
// Decodes every column. Columns beyond the stored count read as (*missing)[c], or NULL of their
// type when missing is null. Throws Exception XX001 on malformed input.
std::vector<Value> DecodeRowValues(std::string_view data, const std::vector<LogicalType>& types,
                                   const std::vector<Value>* missing = nullptr);

// Decodes a projection of rows into vectors. Built once per scan.
class RowReader {
 public:
  // types: all table columns. column_ids: the table columns to produce, in output order.
  RowReader(const std::vector<LogicalType>& types, const std::vector<uint32_t>& column_ids);
  // missing[c]: the value of column c in rows stored before it existed (default: NULL).
  RowReader(const std::vector<LogicalType>& types, const std::vector<uint32_t>& column_ids,
            const std::vector<Value>& missing);
  // Decodes data's requested columns into out[k] at index out_row (out[k] already sized to hold
  // it, with the type of column_ids[k]). Throws Exception XX001 on malformed input.
  void Read(std::string_view data, std::vector<Vector>& out, size_t out_row) const;

 private:
  std::vector<LogicalType> types_;
  std::vector<PhysicalType> physical_;
  std::vector<int32_t> first_output_;    // table column -> first output slot, or -1
  std::vector<int32_t> next_duplicate_;  // output slot -> next slot of the same column, or -1
  std::vector<uint32_t> column_ids_;
  std::vector<Value> missing_;  // empty: every missing column reads NULL
  size_t needed_ = 0;           // columns to walk: 1 + the largest requested column
};

}  // namespace kadedb
