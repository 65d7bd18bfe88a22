// GatherRawSegment: materialises selected rows of a raw-decoded segment (RawSegment,
// column_segment.hpp) into a Vector, so scans build values only for the rows that passed
// their filters (late materialisation).
#include <cstring>

#include "storage/column_segment.hpp"

namespace kadedb {

void GatherRawSegment(const RawSegment& raw, const uint32_t* sel, size_t m, Vector& out,
                      size_t offset) {
  out.Resize(offset + m);
  uint8_t* valid = out.validity().data() + offset;
  if (raw.has_nulls) {
    const uint8_t* src = raw.valid.data();
    for (size_t k = 0; k < m; k++) valid[k] = src[sel[k]];
  } else {
    std::memset(valid, 1, m);
  }
  switch (raw.physical) {
    case PhysicalType::kInt64: {
      const int64_t* src = raw.ints.data();
      int64_t* dst = out.ints().data() + offset;
      for (size_t k = 0; k < m; k++) dst[k] = src[sel[k]];
      break;
    }
    case PhysicalType::kDouble: {
      const double* src = raw.doubles.data();
      double* dst = out.doubles().data() + offset;
      for (size_t k = 0; k < m; k++) dst[k] = src[sel[k]];
      break;
    }
    case PhysicalType::kDecimal: {
      Decimal* dst = out.decimals().data() + offset;
      if (raw.decimal_ints) {
        const int64_t* src = raw.ints.data();
        for (size_t k = 0; k < m; k++) dst[k] = Decimal{src[sel[k]], raw.scale};
      } else {
        for (size_t k = 0; k < m; k++) {
          const uint8_t* rec = raw.records + static_cast<size_t>(sel[k]) * 20;
          std::memcpy(&dst[k].scale, rec, 4);
          std::memcpy(&dst[k].mantissa, rec + 4, 16);
        }
      }
      break;
    }
    case PhysicalType::kString: {
      std::string* dst = out.strings().data() + offset;
      if (raw.dictionary) {
        const int64_t* codes = raw.codes.data();
        for (size_t k = 0; k < m; k++) dst[k].assign(raw.dict[codes[sel[k]]]);
      } else {
        for (size_t k = 0; k < m; k++) dst[k].assign(raw.views[sel[k]]);
      }
      break;
    }
    case PhysicalType::kInterval: {
      Interval* dst = out.intervals().data() + offset;
      for (size_t k = 0; k < m; k++) {
        const uint8_t* rec = raw.records + static_cast<size_t>(sel[k]) * 16;
        std::memcpy(&dst[k].months, rec, 4);
        std::memcpy(&dst[k].days, rec + 4, 4);
        std::memcpy(&dst[k].micros, rec + 8, 8);
      }
      break;
    }
  }
}

}  // namespace kadedb
