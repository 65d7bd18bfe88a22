// SpilledRun: writing and reading a sorted run through the row codec.
#include "execution/operator/sort_spill.hpp"

#include <cstring>
#include <numeric>
#include <string>

#include "common/exception.hpp"
#include "storage/row_codec.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowSpillError(const char* what) {
  throw Exception("53100", std::string("could not ") + what +
                               " temporary file for sorting: " + std::strerror(errno));
}

}  // namespace

SpilledRun::~SpilledRun() {
  if (file_) std::fclose(file_);
}

std::unique_ptr<SpilledRun> SpilledRun::Write(const RowCollection& rows, const RowCollection& keys,
                                              const std::vector<uint64_t>& order) {
  std::unique_ptr<SpilledRun> run(new SpilledRun());
  run->file_ = std::tmpfile();
  if (!run->file_) ThrowSpillError("create");
  run->row_types_ = rows.types();
  run->key_types_ = keys.types();
  run->row_count_ = order.size();
  std::string buffer, row;
  for (size_t off = 0; off < order.size(); off += kStandardVectorSize) {
    size_t n = std::min(kStandardVectorSize, order.size() - off);
    DataChunk block, key_block;
    rows.Gather(order.data() + off, n, block);
    keys.Gather(order.data() + off, n, key_block);
    for (size_t c = 0; c < key_block.ColumnCount(); c++) {
      block.AddColumn(std::move(key_block.column(c)));
    }
    block.SetSize(n);
    buffer.clear();
    for (size_t i = 0; i < n; i++) {
      row.clear();
      EncodeRow(block, i, &row);
      uint32_t len = static_cast<uint32_t>(row.size());
      char prefix[4] = {static_cast<char>(len), static_cast<char>(len >> 8),
                        static_cast<char>(len >> 16), static_cast<char>(len >> 24)};
      buffer.append(prefix, 4);
      buffer += row;
    }
    if (std::fwrite(buffer.data(), 1, buffer.size(), run->file_) != buffer.size()) {
      ThrowSpillError("write to");
    }
  }
  if (std::fflush(run->file_) != 0 || std::fseek(run->file_, 0, SEEK_SET) != 0) {
    ThrowSpillError("write to");
  }
  return run;
}

bool SpilledRun::ReadBlock(RowCollection& rows, RowCollection& keys) {
  rows.Initialize(row_types_);
  keys.Initialize(key_types_);
  size_t n = std::min(kStandardVectorSize, row_count_ - rows_read_);
  if (n == 0) return false;
  std::vector<LogicalType> all = row_types_;
  all.insert(all.end(), key_types_.begin(), key_types_.end());
  std::vector<uint32_t> ids(all.size());
  std::iota(ids.begin(), ids.end(), 0);
  RowReader reader(all, ids);
  std::vector<Vector> columns;
  for (auto& t : all) {
    columns.emplace_back(t);
    columns.back().Resize(n);
  }
  std::string row;
  for (size_t i = 0; i < n; i++) {
    unsigned char prefix[4];
    if (std::fread(prefix, 1, 4, file_) != 4) ThrowSpillError("read from");
    uint32_t len =
        prefix[0] | (prefix[1] << 8) | (prefix[2] << 16) | (static_cast<uint32_t>(prefix[3]) << 24);
    row.resize(len);
    if (len > 0 && std::fread(row.data(), 1, len, file_) != len) ThrowSpillError("read from");
    reader.Read(row, columns, i);
  }
  for (size_t c = 0; c < row_types_.size(); c++) rows.column(c) = std::move(columns[c]);
  for (size_t c = 0; c < key_types_.size(); c++) {
    keys.column(c) = std::move(columns[row_types_.size() + c]);
  }
  rows.SetCount(n);
  keys.SetCount(n);
  rows_read_ += n;
  return true;
}

}  // namespace kadedb
