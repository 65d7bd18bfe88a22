// Row codec: encoding and projected decoding of rows (docs/formats/rows.md).
#include "storage/row_codec.hpp"

#include <cstring>

#include "common/exception.hpp"
#include "storage/varint.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowBadRow() {
  throw Exception(sqlstate::kDataCorrupted, "invalid row data: stored row is corrupted");
}

void PutDouble(std::string* out, double v) {
  char buf[8];
  std::memcpy(buf, &v, 8);  // little-endian hosts only (x86-64, aarch64)
  out->append(buf, 8);
}

void PutDecimal(std::string* out, const Decimal& d) {
  PutSignedVarint(out, d.scale);
  PutVarint128(out, ZigZag128(d.mantissa));
}

void PutInterval(std::string* out, const Interval& iv) {
  PutSignedVarint(out, iv.months);
  PutSignedVarint(out, iv.days);
  PutSignedVarint(out, iv.micros);
}

// Writes the header (version, count, null bitmap) with every bit clear; returns the bitmap offset.
size_t PutHeader(std::string* out, size_t n) {
  out->push_back(static_cast<char>(kRowFormatVersion));
  PutVarint(out, n);
  size_t offset = out->size();
  out->append((n + 7) / 8, '\0');
  return offset;
}

// Reads the header; data is left positioned at the first value.
void ReadHeader(ByteReader& r, uint64_t* n, const uint8_t** bitmap) {
  uint8_t version;
  if (!r.Byte(&version) || version != kRowFormatVersion) ThrowBadRow();
  if (!r.Varint(n) || *n > (1u << 20)) ThrowBadRow();
  std::string_view bits;
  if (!r.Bytes((*n + 7) / 8, &bits)) ThrowBadRow();
  *bitmap = reinterpret_cast<const uint8_t*>(bits.data());
}

// Decodes one value of class pt, or skips it when out is null.
void ReadValue(ByteReader& r, PhysicalType pt, Vector* out, size_t row) {
  switch (pt) {
    case PhysicalType::kInt64: {
      int64_t v;
      if (!r.SignedVarint(&v)) ThrowBadRow();
      if (out) out->ints()[row] = v;
      return;
    }
    case PhysicalType::kDouble: {
      std::string_view b;
      if (!r.Bytes(8, &b)) ThrowBadRow();
      if (out) std::memcpy(&out->doubles()[row], b.data(), 8);
      return;
    }
    case PhysicalType::kDecimal: {
      int64_t scale;
      unsigned __int128 m;
      if (!r.SignedVarint(&scale) || !r.Varint128(&m)) ThrowBadRow();
      if (out) out->decimals()[row] = Decimal{UnZigZag128(m), static_cast<int32_t>(scale)};
      return;
    }
    case PhysicalType::kString: {
      std::string_view s;
      if (!r.LengthPrefixed(&s)) ThrowBadRow();
      if (out) out->strings()[row].assign(s.data(), s.size());
      return;
    }
    case PhysicalType::kInterval: {
      int64_t months, days, micros;
      if (!r.SignedVarint(&months) || !r.SignedVarint(&days) || !r.SignedVarint(&micros)) {
        ThrowBadRow();
      }
      if (out) {
        out->intervals()[row] =
            Interval{static_cast<int32_t>(months), static_cast<int32_t>(days), micros};
      }
      return;
    }
  }
}

}  // namespace

namespace {

void PutVectorValue(const Vector& v, size_t row, std::string* out) {
  switch (v.physical()) {
    case PhysicalType::kInt64:
      PutSignedVarint(out, v.ints()[row]);
      break;
    case PhysicalType::kDouble:
      PutDouble(out, v.doubles()[row]);
      break;
    case PhysicalType::kDecimal:
      PutDecimal(out, v.decimals()[row]);
      break;
    case PhysicalType::kString:
      PutLengthPrefixed(out, v.strings()[row]);
      break;
    case PhysicalType::kInterval:
      PutInterval(out, v.intervals()[row]);
      break;
  }
}

}  // namespace

void EncodeRow(const DataChunk& chunk, size_t row, std::string* out) {
  size_t n = chunk.ColumnCount();
  size_t bitmap = PutHeader(out, n);
  for (size_t c = 0; c < n; c++) {
    const Vector& v = chunk.column(c);
    if (v.IsNull(row)) {
      (*out)[bitmap + c / 8] |= static_cast<char>(1 << (c % 8));
      continue;
    }
    PutVectorValue(v, row, out);
  }
}

void EncodeRowMapped(const DataChunk& chunk, size_t row, const std::vector<int32_t>& source,
                     std::string* out) {
  size_t n = source.size();
  size_t bitmap = PutHeader(out, n);
  for (size_t c = 0; c < n; c++) {
    if (source[c] < 0 || chunk.column(source[c]).IsNull(row)) {
      (*out)[bitmap + c / 8] |= static_cast<char>(1 << (c % 8));
      continue;
    }
    PutVectorValue(chunk.column(source[c]), row, out);
  }
}

void EncodeRowValues(const std::vector<Value>& values, const std::vector<LogicalType>& types,
                     std::string* out) {
  size_t n = values.size();
  size_t bitmap = PutHeader(out, n);
  for (size_t c = 0; c < n; c++) {
    const Value& v = values[c];
    if (v.IsNull()) {
      (*out)[bitmap + c / 8] |= static_cast<char>(1 << (c % 8));
      continue;
    }
    switch (PhysicalOf(types[c])) {
      case PhysicalType::kInt64:
        PutSignedVarint(out, v.GetInt());
        break;
      case PhysicalType::kDouble:
        PutDouble(out, v.GetDouble());
        break;
      case PhysicalType::kDecimal:
        PutDecimal(out, v.GetDecimal());
        break;
      case PhysicalType::kString:
        PutLengthPrefixed(out, v.GetString());
        break;
      case PhysicalType::kInterval:
        PutInterval(out, v.GetInterval());
        break;
    }
  }
}

std::vector<Value> DecodeRowValues(std::string_view data, const std::vector<LogicalType>& types,
                                   const std::vector<Value>* missing) {
  std::vector<uint32_t> all(types.size());
  for (uint32_t i = 0; i < all.size(); i++) all[i] = i;
  RowReader reader(types, all, missing ? *missing : std::vector<Value>());
  std::vector<Vector> vecs;
  vecs.reserve(types.size());
  for (auto& t : types) {
    vecs.emplace_back(t, 1);
    vecs.back().Resize(1);
  }
  reader.Read(data, vecs, 0);
  std::vector<Value> out;
  out.reserve(types.size());
  for (auto& v : vecs) out.push_back(v.GetValue(0));
  return out;
}

RowReader::RowReader(const std::vector<LogicalType>& types, const std::vector<uint32_t>& column_ids)
    : types_(types), column_ids_(column_ids) {
  physical_.reserve(types.size());
  for (auto& t : types) physical_.push_back(PhysicalOf(t));
  first_output_.assign(types.size(), -1);
  next_duplicate_.assign(column_ids.size(), -1);
  for (int32_t k = static_cast<int32_t>(column_ids.size()) - 1; k >= 0; k--) {
    uint32_t c = column_ids[k];
    next_duplicate_[k] = first_output_[c];
    first_output_[c] = k;
    needed_ = std::max<size_t>(needed_, c + 1);
  }
}

RowReader::RowReader(const std::vector<LogicalType>& types, const std::vector<uint32_t>& column_ids,
                     const std::vector<Value>& missing)
    : RowReader(types, column_ids) {
  for (const Value& v : missing) {
    if (!v.IsNull()) {
      missing_ = missing;
      break;
    }
  }
}

void RowReader::Read(std::string_view data, std::vector<Vector>& out, size_t out_row) const {
  ByteReader r(data);
  uint64_t n;
  const uint8_t* bitmap;
  ReadHeader(r, &n, &bitmap);
  size_t walk = std::min<size_t>(n, needed_);
  for (size_t c = 0; c < walk; c++) {
    int32_t k = first_output_[c];
    bool is_null = (bitmap[c / 8] >> (c % 8)) & 1;
    if (is_null) {
      for (; k >= 0; k = next_duplicate_[k]) out[k].SetNull(out_row, true);
      continue;
    }
    if (k < 0) {
      ReadValue(r, physical_[c], nullptr, out_row);
      continue;
    }
    ReadValue(r, physical_[c], &out[k], out_row);
    out[k].SetNull(out_row, false);
    // Rare: the same column requested twice.
    for (int32_t d = next_duplicate_[k]; d >= 0; d = next_duplicate_[d]) {
      out[d].SetValue(out_row, out[k].GetValue(out_row));
    }
  }
  // Columns added after this row was written: their missing value.
  for (size_t c = walk; c < needed_; c++) {
    bool has_missing = c < missing_.size() && !missing_[c].IsNull();
    for (int32_t k = first_output_[c]; k >= 0; k = next_duplicate_[k]) {
      if (has_missing) {
        out[k].SetValue(out_row, missing_[c]);
      } else {
        out[k].SetNull(out_row, true);
      }
    }
  }
}

}  // namespace kadedb
