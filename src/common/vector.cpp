// Vector: typed column storage with a validity mask (see kadedb/data_chunk.hpp).
#include "common/exception.hpp"
#include "kadedb/data_chunk.hpp"

namespace kadedb {

PhysicalType PhysicalOf(const LogicalType& type) {
  switch (type.id) {
    case TypeId::kReal:
    case TypeId::kDouble:
      return PhysicalType::kDouble;
    case TypeId::kDecimal:
      return PhysicalType::kDecimal;
    case TypeId::kVarchar:
    case TypeId::kText:
    case TypeId::kBytea:
    case TypeId::kUuid:
    case TypeId::kArray:
      return PhysicalType::kString;
    case TypeId::kInterval:
      return PhysicalType::kInterval;
    default:
      return PhysicalType::kInt64;
  }
}

Vector::Vector(LogicalType type, size_t capacity) : type_(type), physical_(PhysicalOf(type)) {
  if (capacity > 0) Reserve(capacity);
}

void Vector::Resize(size_t n) {
  valid_.resize(n, 1);
  switch (physical_) {
    case PhysicalType::kInt64:
      ints_.resize(n);
      break;
    case PhysicalType::kDouble:
      doubles_.resize(n);
      break;
    case PhysicalType::kDecimal:
      decimals_.resize(n);
      break;
    case PhysicalType::kString:
      strings_.resize(n);
      break;
    case PhysicalType::kInterval:
      intervals_.resize(n);
      break;
  }
}

void Vector::Reserve(size_t n) {
  valid_.reserve(n);
  switch (physical_) {
    case PhysicalType::kInt64:
      ints_.reserve(n);
      break;
    case PhysicalType::kDouble:
      doubles_.reserve(n);
      break;
    case PhysicalType::kDecimal:
      decimals_.reserve(n);
      break;
    case PhysicalType::kString:
      strings_.reserve(n);
      break;
    case PhysicalType::kInterval:
      intervals_.reserve(n);
      break;
  }
}

Value Vector::GetValue(size_t i) const {
  if (valid_[i] == 0) return Value::Null(type_);
  switch (physical_) {
    case PhysicalType::kInt64:
      return Value::FromInt(type_, ints_[i]);
    case PhysicalType::kDouble:
      return type_.id == TypeId::kReal ? Value::Real(static_cast<float>(doubles_[i]))
                                       : Value::Double(doubles_[i]);
    case PhysicalType::kDecimal:
      return Value::Numeric(decimals_[i], type_);
    case PhysicalType::kString:
      switch (type_.id) {
        case TypeId::kVarchar:
          return Value::Varchar(strings_[i], type_.length);
        case TypeId::kBytea:
          return Value::Bytea(strings_[i]);
        case TypeId::kUuid:
          return Value::Uuid(strings_[i]);
        case TypeId::kArray:
          return Value::Array(type_, strings_[i]);
        default:
          return Value::Text(strings_[i]);
      }
    case PhysicalType::kInterval:
      return Value::FromInterval(intervals_[i]);
  }
  return Value::Null(type_);
}

void Vector::SetValue(size_t i, const Value& value) {
  if (value.IsNull()) {
    valid_[i] = 0;
    return;
  }
  valid_[i] = 1;
  switch (physical_) {
    case PhysicalType::kInt64:
      ints_[i] = value.GetInt();
      break;
    case PhysicalType::kDouble:
      doubles_[i] = value.GetDouble();
      break;
    case PhysicalType::kDecimal:
      decimals_[i] = value.GetDecimal();
      break;
    case PhysicalType::kString:
      strings_[i] = value.GetString();
      break;
    case PhysicalType::kInterval:
      intervals_[i] = value.GetInterval();
      break;
  }
}

void Vector::Append(const Value& value) {
  size_t n = size();
  Resize(n + 1);
  SetValue(n, value);
}

void Vector::AppendFrom(const Vector& other, size_t i) {
  valid_.push_back(other.valid_[i]);
  switch (physical_) {
    case PhysicalType::kInt64:
      ints_.push_back(other.ints_[i]);
      break;
    case PhysicalType::kDouble:
      doubles_.push_back(other.doubles_[i]);
      break;
    case PhysicalType::kDecimal:
      decimals_.push_back(other.decimals_[i]);
      break;
    case PhysicalType::kString:
      strings_.push_back(other.strings_[i]);
      break;
    case PhysicalType::kInterval:
      intervals_.push_back(other.intervals_[i]);
      break;
  }
}

namespace {
template <typename T>
void SliceStorage(std::vector<T>& data, const std::vector<uint32_t>& sel) {
  std::vector<T> out;
  out.reserve(sel.size());
  for (uint32_t s : sel) out.push_back(std::move(data[s]));
  data.swap(out);
}
// Copying variant for strings: a selection may repeat a row, so moving would empty the source.
void SliceStrings(std::vector<std::string>& data, const std::vector<uint32_t>& sel) {
  std::vector<std::string> out;
  out.reserve(sel.size());
  for (uint32_t s : sel) out.push_back(data[s]);
  data.swap(out);
}
}  // namespace

void Vector::Slice(const std::vector<uint32_t>& sel) {
  SliceStorage(valid_, sel);
  switch (physical_) {
    case PhysicalType::kInt64:
      SliceStorage(ints_, sel);
      break;
    case PhysicalType::kDouble:
      SliceStorage(doubles_, sel);
      break;
    case PhysicalType::kDecimal:
      SliceStorage(decimals_, sel);
      break;
    case PhysicalType::kString:
      SliceStrings(strings_, sel);
      break;
    case PhysicalType::kInterval:
      SliceStorage(intervals_, sel);
      break;
  }
}

}  // namespace kadedb
