// DataChunk: a set of equally long Vectors (see kadedb/data_chunk.hpp).
#include "kadedb/data_chunk.hpp"
#include "common/exception.hpp"

namespace kadedb {

DataChunk::DataChunk(const std::vector<LogicalType>& types, size_t capacity) {
  Initialize(types, capacity);
}

void DataChunk::Initialize(const std::vector<LogicalType>& types, size_t capacity) {
  columns_.clear();
  columns_.reserve(types.size());
  for (const auto& t : types) columns_.emplace_back(t, capacity);
  size_ = 0;
}

void DataChunk::SetSize(size_t n) {
  for (auto& c : columns_) c.Resize(n);
  size_ = n;
}

std::vector<LogicalType> DataChunk::Types() const {
  std::vector<LogicalType> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c.type());
  return out;
}

void DataChunk::AppendRow(const std::vector<Value>& values) {
  if (values.size() != columns_.size()) ThrowInternal("AppendRow: column count mismatch");
  for (size_t i = 0; i < columns_.size(); ++i) columns_[i].Append(values[i]);
  ++size_;
}

void DataChunk::AppendRowFrom(const DataChunk& other, size_t row) {
  for (size_t i = 0; i < columns_.size(); ++i) columns_[i].AppendFrom(other.columns_[i], row);
  ++size_;
}

void DataChunk::Slice(const std::vector<uint32_t>& sel) {
  for (auto& c : columns_) c.Slice(sel);
  size_ = sel.size();
}

void DataChunk::AddColumn(Vector v) {
  if (columns_.empty()) size_ = v.size();
  columns_.push_back(std::move(v));
}

}  // namespace kadedb
