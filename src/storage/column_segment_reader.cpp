// SegmentReader / IntStreamReader: block-wise decoding of column segments (see
// column_segment_reader.hpp; byte layout in docs/formats/row_groups.md).
#include "storage/column_segment_reader.hpp"

#include <algorithm>
#include <cstring>

#include "common/exception.hpp"
#include "storage/bit_packing.hpp"
#include "storage/column_segment_format.hpp"

namespace kadedb {

namespace {

using segment_format::Get;
using segment_format::kHasNulls;
using segment_format::Malformed;
using segment_format::Take;

}  // namespace

// --- IntStreamReader ---

void IntStreamReader::Init(const uint8_t** p, const uint8_t* end, uint32_t n) {
  n_ = n;
  next_ = 0;
  acc_ = 0;
  run_ = 0;
  enc_ = static_cast<SegmentEncoding>(Get<uint8_t>(p, end));
  switch (enc_) {
    case SegmentEncoding::kConstant:
      base_ = static_cast<uint64_t>(Get<int64_t>(p, end));
      return;
    case SegmentEncoding::kBitPacked:
      base_ = static_cast<uint64_t>(Get<int64_t>(p, end));
      w_ = Get<uint8_t>(p, end);
      if (w_ > 64) Malformed();
      data_ = Take(p, end, PackedSize(n, w_));
      return;
    case SegmentEncoding::kDelta:
      base_ = static_cast<uint64_t>(Get<int64_t>(p, end));
      dmin_ = static_cast<uint64_t>(Get<int64_t>(p, end));
      w_ = Get<uint8_t>(p, end);
      if (w_ > 64 || n == 0) Malformed();
      data_ = Take(p, end, PackedSize(n - 1, w_));
      return;
    case SegmentEncoding::kRle: {
      uint32_t runs = Get<uint32_t>(p, end);
      if (runs > n) Malformed();
      run_values_.resize(runs);
      run_ends_.resize(runs);
      IntStreamReader sub;
      sub.Init(p, end, runs);
      sub.Read(0, runs, run_values_.data());
      sub.Init(p, end, runs);
      sub.Read(0, runs, run_ends_.data());
      int64_t pos = 0;
      for (uint32_t r = 0; r < runs; r++) {
        if (run_ends_[r] < 0 || pos + run_ends_[r] > static_cast<int64_t>(n)) Malformed();
        pos += run_ends_[r];
        run_ends_[r] = pos;
      }
      if (pos != static_cast<int64_t>(n)) Malformed();
      return;
    }
    default:
      Malformed();
  }
}

void IntStreamReader::Skip(uint32_t to) {
  if (to < next_) {
    next_ = 0;
    acc_ = 0;
  }
  if (to == next_) return;
  if (next_ == 0) {
    acc_ = base_;
    next_ = 1;
  }
  // Sum the deltas of rows [next_, to): packed indexes [next_ - 1, to - 1).
  uint32_t from = next_ - 1, until = to - 1;
  if (w_ == 0) {
    acc_ += static_cast<uint64_t>(until - from) * dmin_;
  } else {
    uint32_t aligned = from & ~7u;
    tmp_.resize(std::min<uint32_t>(until - aligned, 4096) + 8);
    while (from < until) {
      uint32_t len = std::min<uint32_t>(until - aligned, 4096);
      UnpackBitsAdd(data_ + static_cast<size_t>(aligned / 8) * w_, len, w_, dmin_, tmp_.data());
      for (uint32_t i = from - aligned; i < len; i++) acc_ += tmp_[i];
      aligned += len;
      from = aligned;
    }
  }
  next_ = to;
}

void IntStreamReader::Read(uint32_t start, uint32_t count, int64_t* out) {
  if (count == 0) return;
  auto* u = reinterpret_cast<uint64_t*>(out);
  switch (enc_) {
    case SegmentEncoding::kConstant:
      std::fill(out, out + count, static_cast<int64_t>(base_));
      return;
    case SegmentEncoding::kBitPacked:
      if (start % 8 == 0 && w_ >= 1 && w_ <= 56) {
        UnpackBitsAdd(data_ + static_cast<size_t>(start / 8) * w_, count, w_, base_, u);
      } else {
        UnpackBits(data_, start, count, w_, u);
        for (uint32_t i = 0; i < count; i++) u[i] += base_;
      }
      return;
    case SegmentEncoding::kDelta: {
      Skip(start);
      uint32_t i = 0;
      if (start == 0) {
        acc_ = base_;
        u[0] = acc_;
        i = 1;
      }
      // Rows start + i .. start + count - 1 take the deltas at packed indexes start + i - 1 ...
      uint32_t from = start + i - 1, until = start + count - 1;
      if (from < until || (from == until && i < count)) {
        uint32_t aligned = from & ~7u;
        uint32_t len = until - aligned;
        tmp_.resize(len + 8);
        if (w_ == 0) {
          std::fill(tmp_.begin(), tmp_.begin() + len, dmin_);
        } else {
          UnpackBitsAdd(data_ + static_cast<size_t>(aligned / 8) * w_, len, w_, dmin_, tmp_.data());
        }
        const uint64_t* d = tmp_.data() + (from - aligned);
        uint64_t acc = acc_;
        for (uint32_t k = 0; i < count; i++, k++) {
          acc += d[k];
          u[i] = acc;
        }
        acc_ = acc;
      }
      next_ = start + count;
      return;
    }
    case SegmentEncoding::kRle: {
      size_t r = run_;
      if (r >= run_ends_.size() || (r > 0 && run_ends_[r - 1] > start) || run_ends_[r] <= start) {
        r = std::upper_bound(run_ends_.begin(), run_ends_.end(), static_cast<int64_t>(start)) -
            run_ends_.begin();
      }
      uint32_t pos = start, end = start + count;
      while (pos < end) {
        uint32_t stop = std::min<uint32_t>(end, static_cast<uint32_t>(run_ends_[r]));
        std::fill(out + (pos - start), out + (stop - start), run_values_[r]);
        pos = stop;
        if (pos < end) r++;
      }
      run_ = r;
      return;
    }
    default:
      Malformed();
  }
}

void IntStreamReader::ReadAt(uint32_t start, const uint32_t* sel, size_t m, int64_t* out) {
  if (m == 0) return;
  if (enc_ == SegmentEncoding::kConstant) {
    for (size_t k = 0; k < m; k++) out[sel[k]] = static_cast<int64_t>(base_);
    return;
  }
  if (enc_ == SegmentEncoding::kBitPacked && w_ >= 1 && w_ <= 56) {
    const uint64_t mask = (uint64_t{1} << w_) - 1;
    for (size_t k = 0; k < m; k++) {
      size_t bit = static_cast<size_t>(start + sel[k]) * w_;
      uint64_t word;
      std::memcpy(&word, data_ + (bit >> 3), 8);
      out[sel[k]] = static_cast<int64_t>(((word >> (bit & 7)) & mask) + base_);
    }
    return;
  }
  if (enc_ == SegmentEncoding::kDelta && w_ == 0) {
    // An arithmetic progression (row ids): value i = first + i * delta.
    for (size_t k = 0; k < m; k++)
      out[sel[k]] = static_cast<int64_t>(base_ + (start + sel[k]) * dmin_);
    return;
  }
  Read(start, sel[m - 1] + 1, out);
}

// --- SegmentReader ---

void SegmentReader::Init(std::string_view data, PhysicalType physical) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  const uint8_t* end = p + data.size();
  segment_format::Header h = segment_format::ReadHeader(&p, end);
  auto phys = static_cast<PhysicalType>(h.physical);
  auto enc = static_cast<SegmentEncoding>(h.encoding);
  uint8_t flags = h.flags;
  n_ = h.rows;
  if (phys != physical) Malformed();
  block_.n = 0;
  block_.physical = phys;
  block_.has_nulls = (flags & kHasNulls) != 0;
  block_.decimal_ints = false;
  block_.dictionary = false;
  block_.records = nullptr;
  valid_bits_ = block_.has_nulls ? Take(&p, end, PackedSize(n_, 1)) : nullptr;
  fixed_ = nullptr;
  constant_double_ = false;
  str_data_ = nullptr;
  switch (phys) {
    case PhysicalType::kInt64:
      ints_.Init(&p, end, n_);
      break;
    case PhysicalType::kDouble:
      if (enc == SegmentEncoding::kConstant) {
        constant_double_ = true;
        double_value_ = Get<double>(&p, end);
      } else {
        fixed_ = Take(&p, end, static_cast<size_t>(n_) * sizeof(double));
      }
      break;
    case PhysicalType::kDecimal:
      if (Get<uint8_t>(&p, end) == 0) {
        block_.decimal_ints = true;
        block_.scale = Get<int32_t>(&p, end);
        ints_.Init(&p, end, n_);
      } else {
        fixed_ = Take(&p, end, static_cast<size_t>(n_) * 20);
      }
      break;
    case PhysicalType::kString: {
      auto senc = static_cast<SegmentEncoding>(Get<uint8_t>(&p, end));
      if (senc == SegmentEncoding::kPlain) {
        ints_.Init(&p, end, n_);
        str_total_ = Get<uint64_t>(&p, end);
        str_data_ = reinterpret_cast<const char*>(Take(&p, end, str_total_));
        str_next_ = 0;
        str_pos_ = 0;
        break;
      }
      if (senc != SegmentEncoding::kDictionary) Malformed();
      dict_count_ = Get<uint32_t>(&p, end);
      if (dict_count_ > n_ + 1) Malformed();
      IntStreamReader lengths;
      lengths.Init(&p, end, dict_count_);
      block_.codes.resize(dict_count_);
      lengths.Read(0, dict_count_, block_.codes.data());
      uint64_t total = Get<uint64_t>(&p, end);
      const char* bytes = reinterpret_cast<const char*>(Take(&p, end, total));
      block_.dict.resize(dict_count_);
      uint64_t pos = 0;
      for (uint32_t i = 0; i < dict_count_; i++) {
        int64_t len = block_.codes[i];
        if (len < 0 || pos + static_cast<uint64_t>(len) > total) Malformed();
        block_.dict[i] = std::string_view(bytes + pos, static_cast<size_t>(len));
        pos += static_cast<uint64_t>(len);
      }
      block_.dictionary = true;
      block_.dict_id = segment_format::NextDictionaryId();
      ints_.Init(&p, end, n_);
      break;
    }
    case PhysicalType::kInterval:
      fixed_ = Take(&p, end, static_cast<size_t>(n_) * 16);
      break;
  }
}

void SegmentReader::ReadValidity(uint32_t start, uint32_t count) {
  if (!block_.has_nulls) return;
  block_.valid.resize(count);
  uint8_t* v = block_.valid.data();
  for (uint32_t i = 0; i < count; i++) {
    uint32_t r = start + i;
    v[i] = (valid_bits_[r >> 3] >> (r & 7)) & 1;
  }
}

void SegmentReader::ReadPlainStrings(uint32_t start, uint32_t count) {
  if (start != str_next_) {
    if (start < str_next_) {
      str_next_ = 0;
      str_pos_ = 0;
    }
    // Skip the bytes of rows [str_next_, start).
    while (str_next_ < start) {
      uint32_t len = std::min<uint32_t>(start - str_next_, 2048);
      block_.codes.resize(len);
      ints_.Read(str_next_, len, block_.codes.data());
      for (uint32_t i = 0; i < len; i++) str_pos_ += static_cast<uint64_t>(block_.codes[i]);
      str_next_ += len;
    }
  }
  block_.codes.resize(count);
  ints_.Read(start, count, block_.codes.data());
  block_.views.resize(count);
  uint64_t pos = str_pos_;
  for (uint32_t i = 0; i < count; i++) {
    int64_t len = block_.codes[i];
    if (len < 0 || pos + static_cast<uint64_t>(len) > str_total_) Malformed();
    block_.views[i] = std::string_view(str_data_ + pos, static_cast<size_t>(len));
    pos += static_cast<uint64_t>(len);
  }
  str_pos_ = pos;
  str_next_ = start + count;
}

const RawSegment& SegmentReader::Read(uint32_t start, uint32_t count) {
  return Decode<false>(start, count, nullptr, 0);
}

const RawSegment& SegmentReader::ReadAt(uint32_t start, uint32_t count, const uint32_t* sel,
                                        size_t m) {
  // Few enough selected rows for ReadAt to pay: otherwise the whole block is as cheap.
  if (m == 0 || m * 4 >= count) return Decode<false>(start, count, nullptr, 0);
  return Decode<true>(start, count, sel, m);
}

template <bool kSelected>
void SegmentReader::ReadInts(uint32_t start, uint32_t count, const uint32_t* sel, size_t m,
                             std::vector<int64_t>& out) {
  out.resize(count);
  if constexpr (kSelected) {
    ints_.ReadAt(start, sel, m, out.data());
  } else {
    ints_.Read(start, count, out.data());
  }
}

template <bool kSelected>
const RawSegment& SegmentReader::Decode(uint32_t start, uint32_t count, const uint32_t* sel,
                                        size_t m) {
  block_.n = count;
  ReadValidity(start, count);
  switch (block_.physical) {
    case PhysicalType::kInt64:
      ReadInts<kSelected>(start, count, sel, m, block_.ints);
      break;
    case PhysicalType::kDouble:  // fixed-width: reading every row costs no more than some
      block_.doubles.resize(count);
      if (constant_double_) {
        std::fill(block_.doubles.begin(), block_.doubles.end(), double_value_);
      } else {
        std::memcpy(block_.doubles.data(), fixed_ + static_cast<size_t>(start) * 8, count * 8);
      }
      break;
    case PhysicalType::kDecimal:
      if (block_.decimal_ints) {
        ReadInts<kSelected>(start, count, sel, m, block_.ints);
      } else {
        block_.records = fixed_ + static_cast<size_t>(start) * 20;
      }
      break;
    case PhysicalType::kString:
      if (block_.dictionary) {
        ReadInts<kSelected>(start, count, sel, m, block_.codes);
        // Every code that will be used must index the dictionary.
        uint64_t bad = 0;
        if constexpr (kSelected) {
          for (size_t k = 0; k < m; k++)
            bad |= static_cast<uint64_t>(block_.codes[sel[k]]) >= dict_count_;
        } else {
          for (uint32_t i = 0; i < count; i++)
            bad |= static_cast<uint64_t>(block_.codes[i]) >= dict_count_;
        }
        if (bad) Malformed();
      } else {
        ReadPlainStrings(start, count);  // offsets carry from row to row: read them all
      }
      break;
    case PhysicalType::kInterval:
      block_.records = fixed_ + static_cast<size_t>(start) * 16;
      break;
  }
  return block_;
}

}  // namespace kadedb
